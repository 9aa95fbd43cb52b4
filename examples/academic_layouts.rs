//! How well `reftrace parse FILE` tells a thesis's reference entries apart, whatever the
//! layout of its bibliography: reference strings from `../shared/academic/*.xml`, whose
//! entries are known, are laid out as a bibliography in each of several layouts (hanging
//! indent, numbers, blank lines, double spacing, page breaks with page numbers and
//! running heads), inside a document with a body and an appendix (`parse FILE`) and
//! alone (`parse --list`, as a list copied from a PDF); each layout's records are
//! compared with the entries, whitespace aside.
//!
//! ```sh
//! cargo run --release --example academic_layouts -- ../shared/academic [N]
//! ```
//! The strings were not looked at while the splitter's rules were written (those rules
//! came from AnyStyle's 12 labelled theses, `examples/academic_finder.rs`), but the
//! layouts are ours: a figure of how the splitter copes with layouts people use, not of
//! how often each occurs. Prints one line per layout and exits 1 when any layout keeps
//! fewer than 99% of its entries whole.
use reftrace::academic::dataset;
use reftrace::{Shape, Source};

/// Lines wrap before this column.
const WIDTH: usize = 78;
/// Lines of a page, page furniture aside.
const PAGE: usize = 44;

/// How a bibliography is laid out.
#[derive(Debug, Clone, Copy)]
struct Layout {
    name: &'static str,
    /// How each entry starts: `[12] `, `12. ` or nothing.
    number: Number,
    /// Spaces before each continuation line; for numbered entries, any but 0 aligns
    /// continuation lines with the text after the number.
    hang: usize,
    /// A blank line after each entry.
    blank_after: bool,
    /// A blank line after every line.
    double: bool,
    /// Page breaks with a page number and a running head.
    pages: bool,
    /// Spaces before every line of the list.
    margin: usize,
    /// Each entry on one line, however long.
    unwrapped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    None,
    Bracket,
    Dot,
}

/// One entry a line, nothing else: each layout below says how it differs.
const PLAIN: Layout = Layout {
    name: "one per line",
    number: Number::None,
    hang: 0,
    blank_after: false,
    double: false,
    pages: false,
    margin: 0,
    unwrapped: true,
};

/// [`PLAIN`] wrapped at [`WIDTH`].
const WRAPPED: Layout = Layout {
    unwrapped: false,
    ..PLAIN
};

const LAYOUTS: &[Layout] = &[
    PLAIN,
    Layout {
        name: "hanging indent",
        hang: 3,
        ..WRAPPED
    },
    Layout {
        name: "hanging indent, pages",
        hang: 4,
        pages: true,
        ..WRAPPED
    },
    Layout {
        name: "hanging indent, blank lines, pages",
        hang: 2,
        blank_after: true,
        pages: true,
        ..WRAPPED
    },
    Layout {
        name: "hanging indent, double spaced, pages",
        hang: 5,
        double: true,
        pages: true,
        ..WRAPPED
    },
    Layout {
        name: "hanging indent, indented list, pages",
        hang: 3,
        pages: true,
        margin: 4,
        ..WRAPPED
    },
    Layout {
        name: "blank lines, no indent",
        blank_after: true,
        ..WRAPPED
    },
    Layout {
        name: "[n], aligned, pages",
        number: Number::Bracket,
        hang: 1,
        pages: true,
        ..WRAPPED
    },
    Layout {
        name: "n., no indent",
        number: Number::Dot,
        ..WRAPPED
    },
    Layout {
        name: "n., aligned, double spaced",
        number: Number::Dot,
        hang: 1,
        double: true,
        ..WRAPPED
    },
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/academic".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(300);
    let mut strings = Vec::new();
    for file in ["core.xml", "good.xml"] {
        let xml = std::fs::read_to_string(format!("{dir}/{file}"))?;
        let seqs = dataset::parse(&xml)?;
        // Every seventh string, so that one file's runs of one style do not dominate.
        strings.extend(seqs.iter().step_by(7).map(|s| squeeze(&s.text())));
    }
    // Strings that would read as several lines of a list on their own (a line that is
    // a page number, a reference heading) are not entries anyone types.
    strings.retain(|s| s.chars().count() >= 20 && s.split_whitespace().count() >= 4);
    strings.truncate(n);
    let mut worst = 1.0f64;
    for layout in LAYOUTS {
        let mut line = format!("{:<40}", layout.name);
        // In a thesis (`parse FILE`), and pasted alone (`parse --list`), page breaks
        // and all, as a list copied from a PDF has them.
        for (thesis, shape) in [(true, Shape::Article), (false, Shape::List)] {
            let (text, want) = document(layout, &strings, thesis);
            let parsed =
                reftrace::parse(&Source::new("thesis.txt", text.as_str()).with_shape(shape));
            let got: Vec<String> = parsed.references.iter().map(|r| squeeze(&r.raw)).collect();
            let whole = got.iter().filter(|g| want.contains(g)).count();
            let recall = whole as f64 / want.len().max(1) as f64;
            let precision = whole as f64 / got.len().max(1) as f64;
            worst = worst.min(recall).min(precision);
            if std::env::var_os("SHOW").is_some() {
                for g in got.iter().filter(|g| !want.contains(g)).take(5) {
                    println!("    not an entry: {g}");
                }
            }
            line.push_str(&format!(
                " | {}: {} of {} whole in {} records",
                if thesis { "parse" } else { "--list" },
                whole,
                want.len(),
                got.len()
            ));
        }
        println!("{line}");
    }
    if worst < 0.99 {
        eprintln!("a layout kept fewer than 99% of its entries whole");
        std::process::exit(1);
    }
    Ok(())
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A thesis with `strings` as its bibliography in `layout` (or, unless `thesis`, the
/// bibliography alone), and the entries as the records should hold them (numbers kept,
/// white space squeezed).
fn document(layout: &Layout, strings: &[String], thesis: bool) -> (String, Vec<String>) {
    let mut lines: Vec<String> = Vec::new();
    let head: Vec<String> = vec![
        "ON THE MEASUREMENT OF THINGS".into(),
        String::new(),
        "A Dissertation".into(),
        String::new(),
        "Chapter 1".into(),
        String::new(),
        "Some text of the body, which cites a few works.".into(),
        String::new(),
        "References".into(),
        String::new(),
    ];
    if thesis {
        lines.extend(head);
    }
    let mut want = Vec::new();
    let mut list: Vec<String> = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        let lead = match layout.number {
            Number::None => String::new(),
            Number::Bracket => format!("[{}] ", i + 1),
            Number::Dot => format!("{}. ", i + 1),
        };
        let entry = format!("{lead}{s}");
        want.push(squeeze(&entry));
        let hang = match (layout.number, layout.hang) {
            (Number::None, h) => h,
            (_, 0) => 0,
            _ => lead.len(),
        };
        let wrapped = if layout.unwrapped {
            vec![entry]
        } else {
            wrap(&entry, WIDTH - layout.margin, hang)
        };
        for (k, line) in wrapped.into_iter().enumerate() {
            if layout.double && !(list.is_empty() && k == 0) {
                list.push(String::new());
            }
            list.push(line);
        }
        if layout.blank_after {
            list.push(String::new());
        }
    }
    let mut page = 7;
    let mut on_page = 0;
    for line in list {
        let text = if line.is_empty() {
            line
        } else {
            format!("{}{line}", " ".repeat(layout.margin))
        };
        lines.push(text);
        on_page += 1;
        if layout.pages && on_page == PAGE {
            lines.push(String::new());
            lines.push(format!("{:>40}", page));
            lines.push(format!("\u{c}{:<60}{}", "REFERENCES", page + 1));
            lines.push(String::new());
            page += 2;
            on_page = 0;
        }
    }
    if thesis {
        lines.extend([
            "".into(),
            "Appendix A: Data".into(),
            String::new(),
            "Tables.".into(),
        ]);
    }
    (lines.join("\n") + "\n", want)
}

/// `text` in lines of at most `width` columns, every line after the first indented by
/// `hang` spaces.
fn wrap(text: &str, width: usize, hang: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        let room = if out.is_empty() { width } else { width - hang };
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > room {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.clone()
            } else {
                format!("{}{l}", " ".repeat(hang))
            }
        })
        .collect()
}
