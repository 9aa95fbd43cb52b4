//! Properties of the parser over generated input: it never panics, and every
//! non-blank line of the reference section lands in exactly one record.

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
