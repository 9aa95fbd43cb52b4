//! Properties of the input converters over generated input: they never panic, the
//! Markdown converter keeps the number of lines, and an article written as plain
//! lines (no markup characters) reads the same as HTML with `<br>` line breaks, as
//! Markdown, and as text.

use proptest::prelude::*;
use reftrace::input::{html, markdown};

/// Fragments that make markup interesting: tags, entities, emphasis, lists, links.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<a href='https://x.org'>",
        "</a>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<table><tr><td>",
        "</td></tr></table>",
        "&nbsp;",
        "&amp;",
        "&#0;",
        "<!--",
        "-->",
        "*",
        "**",
        "_",
        "# ",
        "- ",
        "1. ",
        "> ",
        "[x](https://y.org)",
        "```",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\t",
        "word",
        "“quoted,”",
        "11/9/23",
        "\u{a0}",
        "é",
        "<li>",
        "<h2 class='date-header'>",
        "<div class='post-body'>",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Plain article lines without any character that Markdown or HTML would read.
fn plain_lines() -> impl Strategy<Value = Vec<String>> {
    let line = prop::sample::select(vec![
        "",
        "",
        "Reuters, \u{201c}Blast near Mosul,\u{201d} 11/9/23",
        "- \"Drone attack on Erbil,\" 11/10/23",
        "Salem, Amr, \"Drone attack targets base,\" Iraqi News, 10/29/23",
        "The attacks went on in Anbar and Baghdad this week.",
        "Kurdistan 24, \"Armed drones attack coalition base,\" 11/9/23",
        "No comments:",
    ]);
    prop::collection::vec(line.prop_map(str::to_string), 1..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn converters_never_panic(text in markup()) {
        let _ = html::to_text(&text);
        let converted = markdown::to_text(&text);
        prop_assert_eq!(converted.matches('\n').count(), text.matches('\n').count());
    }

    #[test]
    fn plain_lines_survive_markdown_and_html(lines in plain_lines()) {
        let text = lines.join("\n");
        prop_assert_eq!(markdown::to_text(&text), text.clone());
        let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
        let page = format!(
            "<html><body><div class='post-body'>{}</div></body></html>",
            escaped.split('\n').collect::<Vec<_>>().join("<br>\n")
        );
        // The page has no title or date: its text is the post's lines, without the
        // blank lines at either end.
        let converted = html::to_text(&page);
        prop_assert_eq!(converted.trim_end(), text.trim_matches('\n'));
    }
}
