use super::*;

fn seed() -> Source {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/refs/musings-2023-11-22-us-retaliates.txt"
    ))
    .unwrap();
    Source::new("seed", text)
}

#[test]
fn seed_splits_into_its_parts() {
    let src = seed();
    let a = split(&src);
    assert_eq!(
        a.title.as_deref(),
        Some("US Finally Retaliates Against Pro-Iran Groups In Iraq")
    );
    assert_eq!(a.date.unwrap().to_string(), "2023-11-22");
    assert_eq!(a.captions.len(), 1);
    assert_eq!(src.line_number(a.body.start), 7);
    assert_eq!(src.line_number(a.body.end), 19);
    assert_eq!(a.paragraphs.len(), 5);
    let refs = a.references.unwrap();
    assert_eq!(refs.entries.len(), 35);
    assert_eq!(src.line_number(refs.span.start), 24);
    assert_eq!(src.line_number(refs.span.end), 113);
    assert_eq!(src.line_number(a.footer.unwrap().start), 116);
}

#[test]
fn heading_wrapped_entry_and_no_blank_lines() {
    let text = "Title here\n\nBody sentence one. Body two.\n\nSOURCES\n\
        Knights, Michael, \"Tracking Anti-U.S. Strikes in Iraq\n\
        and Syria,\" The Washington Institute, 11/21/23\n\
        Reuters, \"Explosive device near Mosul,\" 11/9/23\n\
        - \"Another one,\" 11/10/23\n";
    let src = Source::new("t", text);
    let a = split(&src);
    let refs = a.references.unwrap();
    assert_eq!(refs.entries.len(), 3);
    assert_eq!(refs.entries[0].line_count, 2);
    assert_eq!(src.slice(refs.heading.unwrap()), "SOURCES");
    assert!(refs.found_by.contains("SOURCES"), "{}", refs.found_by);
}

#[test]
fn no_reference_section() {
    let src = Source::new("t", "A title\n\nJust a body. Nothing cited.\n");
    let a = split(&src);
    assert!(a.references.is_none());
    assert_eq!(a.title.as_deref(), Some("A title"));
}

#[test]
fn body_line_ending_in_a_year_is_not_a_reference() {
    let text = "T\n\nThe war began long ago and has continued since 2003.\n\n\
        Reuters, \"A,\" 11/9/23\n\nAP, \"B,\" 11/9/23\n";
    let src = Source::new("t", text);
    let refs = split(&src).references.unwrap();
    assert_eq!(refs.entries.len(), 2);
}
