//! Claims: the title and every body sentence, with byte spans and a kind.
//!
//! Sentences end at `.`, `!` or `?` (after any closing quotes or brackets) when white
//! space and a capital, digit or opening quote follow, except after abbreviations such
//! as `Dr.`, `Sept.`, an initial (`W. Iraq`) or a dotted abbreviation followed by a
//! lower-case word (`the U.S. responded`).

use super::lexicon::{Class, NEWS};
use super::text::{stem, tokenize};
use crate::source::Span;
use serde::Serialize;

/// What a sentence does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// States something that a source could report.
    Factual,
    /// Judges or interprets.
    Opinion,
    /// Says what will or may happen.
    Forecast,
    /// Asks.
    Question,
}

impl ClaimKind {
    /// Whether a source can back it (only factual claims can be unsupported).
    pub fn is_checkable(self) -> bool {
        self == ClaimKind::Factual
    }
}

/// A sentence of the title or body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// 1-based position in text order.
    pub index: usize,
    /// The sentence.
    pub text: String,
    /// Where it stands in the source.
    pub span: Span,
    /// Its kind.
    pub kind: ClaimKind,
    /// Whether it is the article's title.
    pub title: bool,
    /// 0 for the title, else the 1-based body paragraph.
    pub paragraph: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov",
    "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx",
];

/// Splits a span of `text` into sentence spans (trimmed, never empty).
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let Some(body) = text.get(span.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            // Closing quotes and brackets belong to the sentence.
            loop {
                let rest = &body[end..];
                let next = rest.chars().next();
                match next {
                    Some(ch @ ('"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}')) => {
                        end += ch.len_utf8()
                    }
                    _ => break,
                }
            }
            let rest = &body[end..];
            let after_space = rest.trim_start();
            let has_space = after_space.len() < rest.len();
            let next = after_space.chars().next();
            let starts_new = next.is_none()
                || (has_space
                    && next.is_some_and(|n| {
                        n.is_uppercase()
                            || n.is_ascii_digit()
                            || matches!(n, '"' | '\u{201c}' | '\'' | '(')
                    }));
            if starts_new && !(c == b'.' && is_abbreviation(&body[start..i], after_space)) {
                push_trimmed(&mut out, body, span.start, start, end);
                start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(&mut out, body, span.start, start, body.len());
    out
}

fn push_trimmed(out: &mut Vec<Span>, body: &str, base: usize, start: usize, end: usize) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + trimmed.len(),
        ));
    }
}

/// Whether the word before a period is an abbreviation that does not end the sentence.
fn is_abbreviation(before: &str, after: &str) -> bool {
    // Only the last word matters; look no further back than a long word.
    let before = &before[before.floor_char_boundary(before.len().saturating_sub(64))..];
    let after = &after[..after.floor_char_boundary(64)];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let letters: String = word
        .chars()
        .filter(|c| c.is_alphabetic() || *c == '.')
        .collect();
    if letters.is_empty() {
        return false;
    }
    let lower = letters.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // An initial: one capital letter (W. Iraq, John F. Kennedy).
    if letters.chars().count() == 1 && letters.chars().all(char::is_uppercase) {
        return true;
    }
    // U.S., U.N.: a dotted abbreviation ends the sentence only before a word that
    // usually opens one.
    if letters.contains('.') {
        let next: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        return !super::text::is_stop_word(&next);
    }
    false
}

/// The kind of a sentence, by rules: a question mark; a rhetorical opening (`What ...
/// would`); a future or modal word; an evaluative word; else factual.
pub fn kind_of(sentence: &str) -> ClaimKind {
    let trimmed = sentence.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    if trimmed.ends_with('?') {
        return ClaimKind::Question;
    }
    let tokens = tokenize(sentence);
    let stems: Vec<String> = tokens.iter().map(|t| stem(&t.lower)).collect();
    let lower_only: Vec<_> = tokens
        .iter()
        .filter(|t| !t.capital || t.after_break)
        .cloned()
        .collect();
    let lower_stems: Vec<String> = lower_only.iter().map(|t| stem(&t.lower)).collect();
    let opens_rhetorically = !NEWS
        .find(
            &tokens[..tokens.len().min(1)],
            &stems[..stems.len().min(1)],
            Some(Class::Rhetorical),
        )
        .is_empty();
    let modal = tokens
        .iter()
        .any(|t| matches!(t.lower.as_str(), "would" | "could" | "should"));
    if opens_rhetorically && modal {
        return ClaimKind::Opinion;
    }
    if !NEWS
        .find(&lower_only, &lower_stems, Some(Class::Forecast))
        .is_empty()
    {
        return ClaimKind::Forecast;
    }
    if !NEWS.find(&tokens, &stems, Some(Class::Opinion)).is_empty() {
        return ClaimKind::Opinion;
    }
    ClaimKind::Factual
}

/// The claims of an article: its title (if any) and each sentence of each paragraph.
pub fn claims(text: &str, title: Option<Span>, paragraphs: &[Span]) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut push = |span: Span, title: bool, paragraph: usize| {
        let Some(s) = text.get(span.range()) else {
            return;
        };
        out.push(Claim {
            index: 0,
            text: s.to_string(),
            span,
            kind: if title {
                ClaimKind::Factual
            } else {
                kind_of(s)
            },
            title,
            paragraph,
        });
    };
    if let Some(t) = title {
        push(t, true, 0);
    }
    for (p, para) in paragraphs.iter().enumerate() {
        for s in sentences(text, *para) {
            push(s, false, p + 1);
        }
    }
    for (i, c) in out.iter_mut().enumerate() {
        c.index = i + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split(
                "The U.S. responded. Dr. Smith met Gen. Ali in Sept. 2023. Rockets hit W. Iraq today."
            ),
            [
                "The U.S. responded.",
                "Dr. Smith met Gen. Ali in Sept. 2023.",
                "Rockets hit W. Iraq today."
            ]
        );
    }

    #[test]
    fn dotted_abbreviation_can_end_a_sentence() {
        assert_eq!(
            split("They blamed the U.S. The group denied it."),
            ["They blamed the U.S.", "The group denied it."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said \"we will act.\" Then he left?"),
            ["He said \"we will act.\"", "Then he left?"]
        );
    }

    #[test]
    fn kinds_follow_modals_questions_and_evaluative_words() {
        assert_eq!(kind_of("Will things calm down?"), ClaimKind::Question);
        assert_eq!(
            kind_of("That will lead to more violence."),
            ClaimKind::Forecast
        );
        assert_eq!(
            kind_of("These attacks were symbolic in nature."),
            ClaimKind::Opinion
        );
        assert_eq!(
            kind_of("What companies would want to work there now."),
            ClaimKind::Opinion
        );
        assert_eq!(
            kind_of("Washington said the U.S. would respond."),
            ClaimKind::Factual
        );
        assert_eq!(kind_of("Rockets hit the base in May."), ClaimKind::Factual);
    }
}
