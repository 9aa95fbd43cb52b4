//! The full diagnostic text for the seed article, as `reftrace check` renders it:
//! a change in wording, position or caret placement shows up as a snapshot diff.

use reftrace::diag::render;
use reftrace::{Source, parse};

#[test]
fn seed_diagnostics_render_like_rustc() {
    let path = "refs/musings-2023-11-22-us-retaliates.txt";
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/refs/musings-2023-11-22-us-retaliates.txt"
    ))
    .unwrap();
    let source = Source::new(path, text);
    let parsed = parse(&source);
    let mut diags: Vec<_> = parsed.all_diagnostics().collect();
    diags.sort_by_key(|d| (d.span.start, d.code.id()));
    let rendered: String = diags.iter().map(|d| render(d, &source) + "\n").collect();
    insta::assert_snapshot!(rendered);
}

#[test]
fn broken_entries_render_with_their_help() {
    let text = "T\n\nBody.\n\nReuters, \"One,\" 11/9/2\nAP, \"Two,\" 2/30/23\n\
                Knights, Michael, \"Three\n- \"Four,\" 11/12/23\n- 12345 !!!\n";
    let source = Source::new("broken.txt", text);
    let parsed = parse(&source);
    let rendered: String = parsed
        .all_diagnostics()
        .map(|d| render(d, &source) + "\n")
        .collect();
    insta::assert_snapshot!(rendered);
}
