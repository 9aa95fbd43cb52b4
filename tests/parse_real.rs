//! The shapes real reference lists take that the sample does not: short articles,
//! entry lines in lower case, undated lists, initials, two-digit years of the last
//! century, organisations with a comma, corporate authors, short-form notes, and a
//! list given alone (`--list`). Every text here is our own.

use reftrace::refs::HeadKind;
use reftrace::{Code, Parsed, Shape, Source, parse};
use std::io::Write;
use std::process::{Command, Stdio};

fn parsed(text: &str) -> Parsed {
    parse(&Source::new("t.txt", text))
}

fn who(p: &Parsed, index: usize) -> Vec<String> {
    p.references[index]
        .authors
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Runs the binary with `args`, `input` on standard input; (stdout, exit code).
fn reftrace(args: &[&str], input: &str) -> (String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn reftrace");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

const SHORT: &str = "Tuesday, March 4, 2025\n\n\
    Flooding closes river crossing in Mosul\n\n\
    Officials closed the old bridge on Monday after two days of heavy rain.\n\n\
    Rudaw, \"Mosul bridge shut as river rises,\" 3/3/25\n\
    Shafaq News, \"Heavy rain floods Ninewa villages,\" 3/2/25\n";

#[test]
fn a_short_article_has_two_records_and_keeps_its_body() {
    let p = parsed(SHORT);
    assert_eq!(p.references.len(), 2, "{:#?}", p.references);
    assert_eq!(p.references[0].line, 7);
    assert_eq!(p.references[1].outlet.as_deref(), Some("Shafaq News"));
    let a = &p.article;
    assert_eq!(a.date.unwrap().to_string(), "2025-03-04");
    assert_eq!(
        a.title.as_deref(),
        Some("Flooding closes river crossing in Mosul")
    );
    assert_eq!(a.body_lines, Some([5, 5]));
    assert_eq!(a.paragraphs.len(), 1);
    assert!(!p.has_errors());
}

#[test]
fn a_short_article_with_a_headline_ending_in_a_year_and_a_quoted_body() {
    // A headline that ends in a year and a body line that quotes someone look a little
    // like entries; neither joins a two-entry list.
    let text = "Monday, May 5, 2025\n\nThe harbour plan for 2025\n\n\
        The mayor said, \"we will finish the quay by summer.\"\n\n\
        Port Gazette, \"Quay works approved,\" 5/2/25\n\
        Okafor, Ngozi, \"What the quay will cost,\" Coastal Times, 5/4/25\n";
    let p = parsed(text);
    assert_eq!(p.references.len(), 2);
    assert_eq!(
        p.article.title.as_deref(),
        Some("The harbour plan for 2025")
    );
    assert_eq!(p.article.body_lines, Some([5, 5]));
}

#[test]
fn entry_lines_in_lower_case_are_entries() {
    let text = "Saturday, June 8, 2024\n\nHarbour dredging resumes\n\n\
        Dredging began again this week, the port said.\n\n\
        Okafor, Ngozi, \"Port dredging to restart in June,\" Coastal Times, 5/30/24\n\
        de la Cruz, Maria, \"Dredgers return to the harbour,\" 6/1/24\n\
        bbc.com, \"Harbour works restart after delay,\" 6/3/24\n\
        van der Berg, Pieter, \"What the dredging costs,\" Harbour Weekly, 6/5/24\n";
    let p = parsed(text);
    assert_eq!(p.references.len(), 4);
    let lines: Vec<usize> = p.references.iter().map(|r| r.line).collect();
    assert_eq!(lines, [7, 8, 9, 10]);
    assert_eq!(who(&p, 1), ["de la Cruz, Maria"]);
    assert_eq!(p.references[2].outlet.as_deref(), Some("bbc.com"));
    assert_eq!(p.references[2].head, HeadKind::Organisation);
    assert_eq!(who(&p, 3), ["van der Berg, Pieter"]);
    assert_eq!(p.references[3].outlet.as_deref(), Some("Harbour Weekly"));
}

#[test]
fn a_wrapped_line_in_lower_case_still_joins_its_entry() {
    let text = "T\n\nBody.\n\nOkafor, Ngozi, \"Port dredging to restart\n\
        in June,\" Coastal Times, 5/30/24\nRudaw, \"Second,\" 6/1/24\n";
    let p = parsed(text);
    assert_eq!(p.references.len(), 2);
    assert_eq!(
        p.references[0].title.as_deref(),
        Some("Port dredging to restart in June")
    );
}

#[test]
fn a_list_without_dates_is_found() {
    let text = "Quarterly note on battery recycling\n\n\
        Recycling capacity grew in the quarter, and two new plants opened. \
        Prices for recovered lithium fell.\n\n\
        Green Cells Ltd, \"Our recycling process\"\n\
        Green Cells Ltd, \"Press releases\"\n\
        Nordic Battery Alliance, \"Member plants\"\n\
        Hansen, Eva, \"A survey of recycling routes,\" Battery Review\n\
        Energy Data Office, \"Lithium price tables\"\n";
    let p = parsed(text);
    let section = p.article.references.as_ref().expect("a list");
    assert_eq!(p.references.len(), 5);
    assert_eq!(p.article.reference_lines, Some([5, 9]));
    assert!(
        section
            .found_by
            .contains("5 entries, 5 of them shaped like one"),
        "{}",
        section.found_by
    );
    assert!(p.references.iter().all(|r| r.date.is_none() && r.parsed));
    assert_eq!(who(&p, 3), ["Hansen, Eva"]);
    assert_eq!(p.references[3].outlet.as_deref(), Some("Battery Review"));
    assert_eq!(p.article.paragraphs.len(), 1);
}

#[test]
fn initials_keep_their_full_stop() {
    let text = "T\n\nBody.\n\n\
        Lathrop, Coalter G., \"Notes on river freight,\" Harbour Weekly, 2019\n\
        Mbeki, A. N. and Ortiz, Luis R., \"Tolls and tunnels,\" 2020\n\
        Hale, Ruth., \"A stray stop after a name,\" 2021\n";
    let p = parsed(text);
    assert_eq!(who(&p, 0), ["Lathrop, Coalter G."]);
    assert_eq!(who(&p, 1), ["Mbeki, A. N.", "Ortiz, Luis R."]);
    // The stop is kept as written, wherever it stands.
    assert_eq!(who(&p, 2), ["Hale, Ruth."]);
}

#[test]
fn two_digit_years_of_the_last_century() {
    let text = "Thursday, April 23, 2026\n\nA report\n\nBody.\n\n\
        Time, \"A singer at fifty,\" 6/8/92\n\
        Rudaw, \"This spring,\" 4/1/26\n";
    let p = parsed(text);
    assert_eq!(p.references[0].date.unwrap().to_string(), "1992-06-08");
    assert_eq!(p.references[1].date.unwrap().to_string(), "2026-04-01");
    // Without a date line the article is not dated after today: 92 is still 1992.
    let undated = parsed("A report\n\nBody.\n\nTime, \"A singer at fifty,\" 6/8/92\n");
    assert_eq!(
        undated.references[0].date.unwrap().to_string(),
        "1992-06-08"
    );
    // What the years were read as is said once per list: a note when the article's own
    // year anchors them, a warning when only today's does (the century is a guess).
    let said = |p: &Parsed| {
        p.diagnostics
            .iter()
            .filter(|d| d.code == Code::TwoDigitYear)
            .map(|d| (d.severity, d.message.clone()))
            .collect::<Vec<_>>()
    };
    let dated = said(&p);
    assert_eq!(dated.len(), 1, "{dated:?}");
    assert_eq!(dated[0].0, reftrace::Severity::Info);
    assert!(dated[0].1.contains("1992–2026"), "{}", dated[0].1);
    let guessed = said(&undated);
    assert_eq!(guessed.len(), 1, "{guessed:?}");
    assert_eq!(guessed[0].0, reftrace::Severity::Warning);
    assert!(guessed[0].1.contains("no date"), "{}", guessed[0].1);
}

#[test]
fn organisations_with_a_comma_are_organisations() {
    let text = "T\n\nBody.\n\n\
        FHWA, Federal Highway-User Taxes, \"Receipts by state,\" 2024\n\
        DOT, Build America Bureau, \"Loan programs\"\n\
        Government of Canada, Department of Finance, \"Budget tables,\" 2023\n\
        DOT, OST, \"Grant notice,\" 6/17/09\n\
        Mallett, William J., \"Public transit in brief,\" Research Service, 2025\n";
    let p = parsed(text);
    for (i, outlet) in [
        "FHWA, Federal Highway-User Taxes",
        "DOT, Build America Bureau",
        "Government of Canada, Department of Finance",
        "DOT, OST",
    ]
    .iter()
    .enumerate()
    {
        let r = &p.references[i];
        assert!(r.authors.is_empty(), "{outlet}: {:?}", r.authors);
        assert_eq!(r.head, HeadKind::Organisation, "{outlet}");
        assert_eq!(r.outlet.as_deref(), Some(*outlet));
    }
    assert_eq!(who(&p, 4), ["Mallett, William J."]);
}

#[test]
fn an_organisation_before_an_outlet_is_the_corporate_author() {
    let text = "T\n\nBody.\n\n\
        Harbour Board, \"Annual dredging plan,\" harbourboard.example, 2024\n\
        Rudaw, \"Dredgers return,\" 11/9/2\n";
    let p = parsed(text);
    assert_eq!(who(&p, 0), ["Harbour Board"]);
    assert_eq!(
        p.references[0].outlet.as_deref(),
        Some("harbourboard.example")
    );
    // A broken date after the title is not an outlet: it is kept as a note.
    assert!(p.references[1].authors.is_empty());
    assert_eq!(p.references[1].note.as_deref(), Some("11/9/2"));
}

#[test]
fn a_short_form_note_names_the_author_of_another_entry() {
    let text = "T\n\nBody.\n\n\
        Okafor, Ngozi, \"Port dredging to restart in June,\" Coastal Times, 2024\n\
        Rudaw, \"Harbour works,\" 2024\n\
        Okafor, \"Port dredging\"\n";
    let p = parsed(text);
    assert_eq!(who(&p, 2), ["Okafor"]);
    assert_eq!(p.references[2].outlet, None);
    // An outlet named alone stays an outlet.
    assert_eq!(p.references[1].outlet.as_deref(), Some("Rudaw"));
}

const PASTED: &str = "References\n\
    Okafor, Ngozi, \"Port dredging to restart in June,\" Coastal Times, 5/30/24\n\
    de la Cruz, Maria, \"Dredgers return to the harbour,\" 6/1/24\n\
    Hansen, Eva, \"A survey of recycling routes,\"\n    Battery Review, 2024\n\
    Energy Data Office, \"Lithium price tables\"\n\
    A line that is no entry at all\n";

#[test]
fn a_list_given_alone() {
    let p = parse(&Source::new("list.txt", PASTED).with_shape(Shape::List));
    let section = p.article.references.as_ref().unwrap();
    assert_eq!(section.heading.map(|h| h.start), Some(0));
    assert_eq!(p.article.title, None);
    assert!(p.article.body.is_empty());
    let lines: Vec<usize> = p.references.iter().map(|r| r.line).collect();
    // Every entry is a record, the wrapped one once, the odd line too.
    assert_eq!(lines, [2, 3, 4, 6, 7]);
    assert_eq!(p.references[2].outlet.as_deref(), Some("Battery Review"));
    // A line that is no entry is kept as a record, and said to have no title.
    assert_eq!(p.references[4].title, None);
    assert!(
        p.references[4]
            .diagnostics
            .iter()
            .any(|d| d.code == Code::MissingTitle)
    );
}

#[test]
fn a_list_given_alone_is_one_entry_per_line_or_per_paragraph() {
    // One a line: a line in lower case or ending in a comma is an entry of its own.
    let lines = "van Dijk, Teun, Discourse and power, 2008,\n\
        de Souza, Ana, \"Port cities\"\n\
        Okafor, Ngozi. Harbours. Lagos: Tide Press, 2019.\n";
    let p = parse(&Source::new("l.txt", lines).with_shape(Shape::List));
    assert_eq!(p.references.len(), 3);
    assert_eq!(who(&p, 1), ["de Souza, Ana"]);
    // Blank lines between entries: each paragraph is one entry, however it wraps.
    let paragraphs = "Okafor, Ngozi, \"Port dredging to restart\nin June,\" Coastal Times,\n5/30/24\n\n\
        Rudaw, \"Harbour works,\" 6/1/24\n\nHansen, Eva, \"A survey\nof recycling routes\"\n";
    let p = parse(&Source::new("p.txt", paragraphs).with_shape(Shape::List));
    let lines: Vec<usize> = p.references.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 5, 7]);
    assert_eq!(p.references[0].date.unwrap().to_string(), "2024-05-30");
    assert_eq!(
        p.references[2].title.as_deref(),
        Some("A survey of recycling routes")
    );
}

#[test]
fn parse_list_on_the_command_line() {
    let (out, code) = reftrace(&["parse", "--list", "-", "--format", "json"], PASTED);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let refs = json["references"].as_array().unwrap();
    assert_eq!(refs.len(), 5);
    assert_eq!(refs[1]["authors"][0]["family"], "de la Cruz");
    assert!(
        json["article"]["references"]["found_by"]
            .as_str()
            .unwrap()
            .contains("--list")
    );
    // Without --list the odd last line is not part of the list.
    let (out, _) = reftrace(&["parse", "-", "--format", "json"], PASTED);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["references"].as_array().unwrap().len(), 4);
}

#[test]
fn every_command_that_reads_an_article_takes_list() {
    for args in [
        &["check", "--list", "-"][..],
        &["export", "--list", "-", "--to", "csl-json"],
        &["cite", "--list", "-"],
    ] {
        let (out, code) = reftrace(args, PASTED);
        assert!(code == 0 || code == 1, "{args:?}: exit {code}");
        assert!(!out.is_empty(), "{args:?}");
    }
    let (out, _) = reftrace(&["export", "--list", "-", "--to", "csl-json"], PASTED);
    assert!(out.contains("Dredgers return to the harbour"));
}

#[test]
fn json_line_numbers_are_one_based_and_raw_is_as_written() {
    let text = "T\n\nBody.\n\n\
        Knights, Michael, \"Tracking strikes in Iraq\n\
        and Syria,\" The Washington Institute, 11/21    /23\n";
    let (out, code) = reftrace(&["parse", "-", "--format", "json"], text);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = &json["references"][0];
    assert_eq!(r["line"], 5);
    assert_eq!(json["article"]["references"]["entries"][0]["first_line"], 5);
    assert_eq!(
        r["raw"],
        "Knights, Michael, \"Tracking strikes in Iraq\n\
         and Syria,\" The Washington Institute, 11/21    /23"
    );
    assert_eq!(r["date"], "2023-11-21");
}

/// A field as `../shared/eval/score.py` compares it: NFC, quotes and white space folded.
fn norm(v: &serde_json::Value) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let s = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => return None,
        other => other.to_string(),
    };
    let folded: String = s
        .nfc()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

fn same_record(gold: &serde_json::Value, got: &serde_json::Value) -> bool {
    let people = |v: &serde_json::Value| -> Vec<(Option<String>, Option<String>)> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|p| (norm(&p["family"]), norm(&p["given"])))
                    .collect()
            })
            .unwrap_or_default()
    };
    let continues = |v: &serde_json::Value| v.as_u64().filter(|&c| c > 0);
    people(&gold["authors"]) == people(&got["authors"])
        && ["outlet", "title", "date"]
            .iter()
            .all(|f| norm(&gold[f]) == norm(&got[f]))
        && continues(&gold["continues"]) == continues(&got["continues"])
}

/// The real documents of `../shared/realdata` (CRS reports, Wikipedia; read there, never
/// copied): at least 97% of records exact in each, 99% over all. Skipped when the
/// folder is not there; CI has it. `scripts/score_realdata.py` prints the table.
#[test]
fn real_documents_stay_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata");
    let Ok(listing) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let mut names: Vec<_> = listing
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".references.json")?;
            Some(name.to_string())
        })
        .collect();
    names.sort();
    let (mut exact, mut total) = (0, 0);
    for name in &names {
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.references.json"))).unwrap(),
        )
        .unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let got =
            serde_json::to_value(parse(&Source::new(name.as_str(), text)).references).unwrap();
        let want = gold["references"].as_array().unwrap();
        let right = want
            .iter()
            .filter(|g| {
                got.as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["line"] == g["line"])
                    .is_some_and(|r| same_record(g, r))
            })
            .count();
        assert!(
            right * 100 >= want.len() * 97,
            "{name}: {right}/{} records exact",
            want.len()
        );
        exact += right;
        total += want.len();
    }
    assert!(!names.is_empty());
    eprintln!("{} documents: {exact}/{total} records exact", names.len());
    assert!(exact * 100 >= total * 99, "{exact}/{total} records exact");
}
