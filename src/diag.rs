//! One diagnostic type for everything reftrace repairs or cannot read, and one renderer.
//!
//! The library never prints: it returns [`Diagnostic`]s beside its results, and the
//! CLI renders them with [`render`] in the style of rustc (`file:line:col`, the source
//! line, a caret under the span, a help line).

use crate::source::{Source, Span};
use serde::Serialize;
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing; nothing was changed.
    Info,
    /// reftrace repaired or guessed something; check it.
    Warning,
    /// Something could not be read; the raw text is kept.
    Error,
}

impl Severity {
    /// The word shown before the code.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The kinds of problem reftrace reports, each with a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The input is empty or only white space.
    EmptyInput,
    /// No run of reference-like lines was found.
    NoReferenceSection,
    /// A reference section was found but no entry in it could be read.
    NothingParseable,
    /// An entry that could not be read at all; kept as an unparsed record.
    UnparsedEntry,
    /// Commas between people were missing and were restored.
    AuthorSeparatorMissing,
    /// White space inside a date was removed.
    DateWhitespace,
    /// A date that could not be read; kept as text.
    UnreadableDate,
    /// The entry has no date.
    MissingDate,
    /// The entry has no title.
    MissingTitle,
    /// A date later than the article's own date.
    DateAfterArticle,
    /// Month/day order was decided for the whole list.
    DateOrder,
    /// A continuation line names the author above by part of the name.
    ContinuationPartialName,
    /// A continuation line with no entry above it.
    OrphanContinuation,
    /// Two entries look like the same work.
    ProbableDuplicate,
    /// A title quote was not closed.
    UnclosedQuote,
    /// An entry ran over more than one line and was joined.
    WrappedEntry,
    /// Text that was not expected where it stood.
    UnexpectedText,
    /// A two-digit year was read relative to the article's date.
    TwoDigitYear,
    /// A year written in an entry's date that no date field holds (it stays in
    /// `date_text`).
    YearNotKept,
}

impl Code {
    /// The short code shown in brackets, e.g. `R101`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Code::EmptyInput => "A001",
            Code::NoReferenceSection => "A002",
            Code::NothingParseable => "A003",
            Code::UnparsedEntry => "R001",
            Code::AuthorSeparatorMissing => "R101",
            Code::DateWhitespace => "R102",
            Code::UnreadableDate => "R103",
            Code::MissingDate => "R104",
            Code::MissingTitle => "R105",
            Code::DateAfterArticle => "R106",
            Code::DateOrder => "R107",
            Code::ContinuationPartialName => "R108",
            Code::OrphanContinuation => "R109",
            Code::ProbableDuplicate => "R110",
            Code::UnclosedQuote => "R111",
            Code::WrappedEntry => "R112",
            Code::UnexpectedText => "R113",
            Code::TwoDigitYear => "R114",
            Code::YearNotKept => "R115",
        }
    }

    /// The kebab-case name written in JSON, e.g. `author-separator-missing`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Code::EmptyInput => "empty-input",
            Code::NoReferenceSection => "no-reference-section",
            Code::NothingParseable => "nothing-parseable",
            Code::UnparsedEntry => "unparsed-entry",
            Code::AuthorSeparatorMissing => "author-separator-missing",
            Code::DateWhitespace => "date-whitespace",
            Code::UnreadableDate => "unreadable-date",
            Code::MissingDate => "missing-date",
            Code::MissingTitle => "missing-title",
            Code::DateAfterArticle => "date-after-article",
            Code::DateOrder => "date-order",
            Code::ContinuationPartialName => "continuation-partial-name",
            Code::OrphanContinuation => "orphan-continuation",
            Code::ProbableDuplicate => "probable-duplicate",
            Code::UnclosedQuote => "unclosed-quote",
            Code::WrappedEntry => "wrapped-entry",
            Code::UnexpectedText => "unexpected-text",
            Code::TwoDigitYear => "two-digit-year",
            Code::YearNotKept => "year-not-kept",
        }
    }
}

/// A problem found or a repair made, tied to a span of the input.
///
/// In JSON it carries its kind twice: `code`, the kebab-case name
/// (`author-separator-missing`), and `id`, the short code of the README's table (`R101`).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// One sentence saying what happened.
    pub message: String,
    /// How to fix the input, or what reftrace did about it.
    pub help: Option<String>,
    /// Where in the input.
    pub span: Span,
    /// 1-based line and column of the span's start, filled in by [`Diagnostic::locate`].
    pub line: Option<usize>,
    /// 1-based column (in characters) of the span's start.
    pub column: Option<usize>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("Diagnostic", 8)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("id", self.code.id())?;
        s.serialize_field("message", &self.message)?;
        if let Some(help) = &self.help {
            s.serialize_field("help", help)?;
        }
        s.serialize_field("span", &self.span)?;
        if let Some(line) = self.line {
            s.serialize_field("line", &line)?;
        }
        if let Some(column) = self.column {
            s.serialize_field("column", &column)?;
        }
        s.end()
    }
}

impl Diagnostic {
    /// A diagnostic of `severity` with no help line.
    pub fn new(severity: Severity, code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            help: None,
            span,
            line: None,
            column: None,
        }
    }

    /// Fills in line and column from `source`.
    pub fn locate(&mut self, source: &Source) {
        let (line, column) = source.line_col(self.span.start.min(source.text().len()));
        self.line = Some(line);
        self.column = Some(column);
    }

    /// [`Diagnostic::locate`] for a diagnostic probably on 1-based line `near` or a few
    /// lines below it.
    pub fn locate_near(&mut self, source: &Source, near: usize) {
        let (line, column) =
            source.line_col_near(self.span.start.min(source.text().len()), near);
        self.line = Some(line);
        self.column = Some(column);
    }

    /// An error.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    /// A warning.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    /// An informational note.
    pub fn info(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, span, message)
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// How many characters of a source line are shown around a span at most.
const MAX_SHOWN: usize = 100;

/// Renders one diagnostic like rustc: header, location, source line, caret, help.
pub fn render(diag: &Diagnostic, source: &Source) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diag.severity.label(),
        diag.code.id(),
        diag.message
    );
    let text_len = source.text().len();
    let start = diag.span.start.min(text_len);
    let (line, col) = source.line_col(start);
    let _ = writeln!(out, "  --> {}:{}:{}", source.name(), line, col);
    if text_len > 0 {
        let line_span = source.line_span(line - 1);
        let line_text = source.slice(line_span);
        let end = diag.span.end.clamp(start, line_span.end.max(start));
        let before: Vec<char> = line_text[..start - line_span.start].chars().collect();
        let marked = source.text()[start..end].chars().count().max(1);
        let all: Vec<char> = line_text.chars().collect();
        // Show a window of the line that keeps the start of the span in view.
        let skip = before.len().saturating_sub(MAX_SHOWN / 3);
        let shown: String = all.iter().skip(skip).take(MAX_SHOWN).collect();
        let cut = if skip + MAX_SHOWN < all.len() {
            "…"
        } else {
            ""
        };
        let lead = if skip > 0 { "…" } else { "" };
        let gutter = " ".repeat(line.to_string().len());
        let pad = " ".repeat(before.len() - skip + lead.chars().count());
        let carets = "^".repeat(marked.min(MAX_SHOWN - (before.len() - skip)).max(1));
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{line} | {lead}{shown}{cut}");
        let _ = writeln!(out, "{gutter} | {pad}{carets}");
        if let Some(help) = &diag.help {
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
    } else if let Some(help) = &diag.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let src = Source::new("a.txt", "first\nKnights, Michael Al-Kaabi, x\n");
        let start = src.text().find("Michael").unwrap();
        let d = Diagnostic::warning(
            Code::AuthorSeparatorMissing,
            Span::new(start, start + "Michael Al-Kaabi".len()),
            "author separator missing",
        )
        .with_help("write `Michael, Al-Kaabi`");
        insta::assert_snapshot!(render(&d, &src), @r"
        warning[R101]: author separator missing
          --> a.txt:2:10
          |
        2 | Knights, Michael Al-Kaabi, x
          |          ^^^^^^^^^^^^^^^^
          = help: write `Michael, Al-Kaabi`
        ");
    }

    #[test]
    fn json_gives_the_name_and_the_short_code() {
        let d = Diagnostic::warning(Code::AuthorSeparatorMissing, Span::new(3, 9), "missing");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["code"], "author-separator-missing");
        assert_eq!(json["id"], "R101");
        assert_eq!(json["span"], serde_json::json!({"start": 3, "end": 9}));
        assert!(json.get("help").is_none());
    }

    #[test]
    fn names_are_the_serde_names() {
        for code in [
            Code::EmptyInput,
            Code::NoReferenceSection,
            Code::NothingParseable,
            Code::UnparsedEntry,
            Code::AuthorSeparatorMissing,
            Code::DateWhitespace,
            Code::UnreadableDate,
            Code::MissingDate,
            Code::MissingTitle,
            Code::DateAfterArticle,
            Code::DateOrder,
            Code::ContinuationPartialName,
            Code::OrphanContinuation,
            Code::ProbableDuplicate,
            Code::UnclosedQuote,
            Code::WrappedEntry,
            Code::UnexpectedText,
            Code::TwoDigitYear,
            Code::YearNotKept,
        ] {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.name(), "{code:?}");
        }
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            assert_eq!(serde_json::to_value(severity).unwrap(), severity.label());
        }
    }
}
