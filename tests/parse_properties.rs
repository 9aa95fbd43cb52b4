//! Properties of the parser over generated input: it never panics; every non-blank
//! line of the reference section lands in exactly one record and no line outside it
//! is a record; and an article built from a header, a body and a list of entries
//! (dated or not, heads in any case, short or long) is split exactly there.

use proptest::prelude::*;
use reftrace::{Source, parse};

/// Lines in the shapes reference lists use, with their quirks, plus noise.
fn reference_line() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "Knights, Michael",
        "Van Wilgenburg, Wladimir",
        "Dri, Karwan Faidhi",
        "Ali, Idrees, Stewart, Phil and Azhari, Timour",
        "Knights, Michael Al-Kaabi, Amir Malik, Hamdi",
        "Reuters",
        "Kurdistan 24",
        "Seán Müller",
        "",
        "- ",
        "- Wladimir, ",
    ]);
    let title = "[A-Za-z0-9 ’'‘…?!:=-]{0,40}";
    let quote = prop::sample::select(vec![("“", ",”"), ("\"", ",\""), ("“", "?,”"), ("\"", "")]);
    let date = prop::sample::select(vec![
        "11/21/23",
        "11/21    /23",
        "3/5/2024",
        "31/12/23",
        "Oct. 9, 2023",
        "6 November 2023",
        "2023",
        "",
        "13/13/13",
    ]);
    let outlet = prop::sample::select(vec!["", "Rudaw, ", "The National, "]);
    (name, title, quote, outlet, date).prop_map(|(n, t, (open, close), o, d)| {
        let sep = if n.is_empty() || n.ends_with(' ') {
            ""
        } else {
            ", "
        };
        format!("{n}{sep}{open}{t}{close} {o}{d}")
    })
}

fn article() -> impl Strategy<Value = String> {
    let noise = "[^\u{0}]{0,80}";
    let line = prop_oneof![
        6 => reference_line(),
        1 => noise.prop_map(String::from),
        1 => Just(String::new()),
    ];
    (prop::collection::vec(line, 0..40), "[a-zA-Z .]{0,200}").prop_map(|(lines, body)| {
        format!(
            "Wednesday, November 22, 2023\n\nA title\n\n{body}\n\n{}\n",
            lines.join("\n")
        )
    })
}

fn check_lines_in_one_record(text: &str) {
    let source = Source::new("prop", text);
    let parsed = parse(&source);
    let Some(section) = &parsed.article.references else {
        assert!(parsed.references.is_empty());
        return;
    };
    assert_eq!(parsed.references.len(), section.entries.len());
    let first = source.line_index(section.entries[0].span.start);
    let last = source.line_index(section.span.end.saturating_sub(1).max(section.span.start));
    // Lines outside the list are never records.
    for r in &parsed.references {
        let (a, b) = (
            source.line_index(r.span.start),
            source.line_index(r.span.end.saturating_sub(1).max(r.span.start)),
        );
        assert!(
            first <= a && b <= last,
            "record {} (lines {}–{}) outside the list (lines {}–{})",
            r.index,
            a + 1,
            b + 1,
            first + 1,
            last + 1
        );
    }
    for part in [
        Some(parsed.article.header),
        Some(parsed.article.body),
        parsed.article.footer,
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    {
        assert!(
            parsed
                .references
                .iter()
                .all(|r| r.span.end <= part.start || r.span.start >= part.end),
            "a record overlaps the header, body or footer"
        );
    }
    for line in first..=last {
        let span = source.line_span(line);
        if source.slice(span).trim().is_empty() {
            continue;
        }
        let holders = parsed
            .references
            .iter()
            .filter(|r| {
                let (a, b) = (
                    source.line_index(r.span.start),
                    source.line_index(r.span.end.saturating_sub(1).max(r.span.start)),
                );
                a <= line && line <= b
            })
            .count();
        assert_eq!(holders, 1, "line {} `{}`", line + 1, source.slice(span));
    }
    for (i, r) in parsed.references.iter().enumerate() {
        assert_eq!(r.index, i + 1);
        if let Some(c) = r.continues {
            assert!(c < r.index, "continues points forward");
        }
    }
}

/// A capitalised word or a lower-case one, for body text and headlines.
fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z]{1,9}", min..=max).prop_map(|w| w.join(" "))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A body sentence: plain, quoting someone, or ending in a year.
fn sentence() -> impl Strategy<Value = String> {
    (words(3, 14), words(1, 5), 0..4u8, 1990..2030u16).prop_map(|(w, q, kind, year)| {
        let w = capitalise(&w);
        match kind {
            0 => format!("{w}."),
            1 => format!("{w} said, \"{q}.\""),
            2 => format!("{w} since {year}."),
            _ => format!("{w}, \"{q},\" in {year}."),
        }
    })
}

/// One entry line of a list: a head of any shape (people, organisations, lower-case
/// names, web addresses, acronyms with a comma, none), a quoted title, and an optional
/// outlet and date.
fn entry_line() -> impl Strategy<Value = String> {
    let head = prop::sample::select(vec![
        "Knights, Michael",
        "de la Cruz, Maria",
        "van der Berg, Pieter",
        "Lathrop, Coalter G.",
        "Mbeki, A. N. and Ortiz, Luis",
        "bbc.com",
        "Green Cells Ltd",
        "FHWA, Federal Highway-User Taxes",
        "Government of Canada, Department of Finance",
        "Kurdistan 24",
        "",
    ]);
    let outlet = prop::sample::select(vec!["", "Coastal Times", "The Washington Institute"]);
    let date = prop::sample::select(vec!["", "11/21/23", "6/8/92", "Oct. 9, 2023", "2019"]);
    let quotes = prop::sample::select(vec![("\"", "\""), ("“", "”")]);
    let title = "[A-Z][A-Za-z ’'?:-]{0,40}[A-Za-z]";
    (head, title, outlet, date, quotes).prop_map(|(h, t, o, d, (open, close))| {
        let mut line = if h.is_empty() {
            format!("{open}{t}")
        } else {
            format!("{h}, {open}{t}")
        };
        if !(o.is_empty() && d.is_empty()) {
            line.push(',');
        }
        line.push_str(close);
        let tail: Vec<&str> = [o, d].into_iter().filter(|s| !s.is_empty()).collect();
        if !tail.is_empty() {
            line.push(' ');
            line.push_str(&tail.join(", "));
        }
        line
    })
}

/// An article whose list is known: (text, 1-based lines of the entries, headline).
fn built_article() -> impl Strategy<Value = (String, Vec<usize>, String)> {
    (
        any::<bool>(),
        words(2, 8),
        prop::collection::vec(prop::collection::vec(sentence(), 1..4), 1..4),
        prop::collection::vec(entry_line(), 1..9),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(dated, headline, paragraphs, entries, spaced, footer)| {
            let headline = capitalise(&headline);
            let mut lines: Vec<String> = Vec::new();
            if dated {
                lines.extend(["Tuesday, March 4, 2025".to_string(), String::new()]);
            }
            lines.extend([headline.clone(), String::new()]);
            for p in &paragraphs {
                lines.extend([p.join(" "), String::new()]);
            }
            let mut at = Vec::new();
            for e in entries {
                lines.push(e);
                at.push(lines.len());
                if spaced {
                    lines.push(String::new());
                }
            }
            if footer {
                lines.extend([String::new(), "Posted by the editors at noon.".to_string()]);
            }
            (lines.join("\n") + "\n", at, headline)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let parsed = parse(&Source::new("any", text));
        let _ = serde_json::to_string(&parsed).unwrap();
    }

    #[test]
    fn the_entry_grammar_never_panics(line in "\\PC{0,120}", entry in reference_line()) {
        for text in [line.as_str(), entry.as_str()] {
            let e = reftrace::refs::grammar::entry(text);
            for piece in [Some(e.head), e.title, e.middle, e.url].into_iter().flatten() {
                prop_assert_eq!(&text[piece.offset..piece.offset + piece.text.len()], piece.text);
            }
        }
    }

    #[test]
    fn every_reference_line_lands_in_exactly_one_record(text in article()) {
        check_lines_in_one_record(&text);
    }

    #[test]
    fn a_built_article_is_split_where_it_was_built((text, lines, headline) in built_article()) {
        check_lines_in_one_record(&text);
        let parsed = parse(&Source::new("built", text.as_str()));
        let found: Vec<usize> = parsed.references.iter().map(|r| r.line).collect();
        prop_assert_eq!(&found, &lines, "{}", text);
        prop_assert_eq!(parsed.article.title.as_deref(), Some(headline.as_str()));
        prop_assert!(parsed.article.body_lines.is_some(), "{}", text);
    }
}

#[test]
fn seed_lines_land_in_one_record_each() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/refs/musings-2023-11-22-us-retaliates.txt"
    ))
    .unwrap();
    check_lines_in_one_record(&text);
}
