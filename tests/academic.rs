//! The shipped academic model on references written for this test (not taken from the
//! training data): one of each common kind, in the styles they are usually cited in.

use reftrace::academic;
use reftrace::refs::WorkType;

fn families(r: &reftrace::Reference) -> Vec<&str> {
    r.authors.iter().map(|p| p.family.as_str()).collect()
}

/// `text` read as a pasted list (`parse --list`), checked to be read by the academic
/// model with a `found_by` that starts with `found`.
fn pasted_academic(text: &str, found: &str) -> reftrace::Parsed {
    use reftrace::source::Shape;
    let parsed = reftrace::parse(&reftrace::Source::new("list.txt", text).with_shape(Shape::List));
    let by = &parsed.article.references.as_ref().expect("a list").found_by;
    assert!(by.starts_with(found), "{by}");
    assert!(by.ends_with("read by the academic model"), "{by}");
    parsed
}

/// Each record's first author's family name.
fn first_families(parsed: &reftrace::Parsed) -> Vec<&str> {
    parsed
        .references
        .iter()
        .map(|r| r.authors[0].family.as_str())
        .collect()
}

#[test]
fn apa_journal_article() {
    let refs = academic::parse_list(
        "Keller, M. A., & Duarte, P. (2019). Soil moisture and crop yield in semi-arid \
         regions. Journal of Applied Ecology, 56(4), 812–825. \
         doi:10.1111/1365-2664.13345\n",
    );
    let r = &refs[0];
    assert_eq!(families(r), ["Keller", "Duarte"]);
    assert_eq!(r.authors[0].given, "M. A.");
    assert_eq!(
        r.title.as_deref(),
        Some("Soil moisture and crop yield in semi-arid regions")
    );
    assert_eq!(
        r.work.container_title.as_deref(),
        Some("Journal of Applied Ecology")
    );
    assert_eq!(r.work.volume.as_deref(), Some("56"));
    assert_eq!(r.work.issue.as_deref(), Some("4"));
    assert_eq!(r.work.pages.as_deref(), Some("812–825"));
    assert_eq!(r.work.doi.as_deref(), Some("10.1111/1365-2664.13345"));
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2019"));
    assert_eq!(r.work.kind, Some(WorkType::ArticleJournal));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn chicago_book() {
    let refs = academic::parse_list(
        "Whitfield, Laura. The Architecture of Rivers. Chicago: University of Chicago Press, 2014.\n",
    );
    let r = &refs[0];
    assert_eq!(families(r), ["Whitfield"]);
    assert_eq!(r.authors[0].given, "Laura");
    assert_eq!(r.title.as_deref(), Some("The Architecture of Rivers"));
    assert_eq!(r.work.location.as_deref(), Some("Chicago"));
    assert_eq!(
        r.work.publisher.as_deref(),
        Some("University of Chicago Press")
    );
    assert_eq!(r.date.map(|d| d.year), Some(2014));
    assert_eq!(r.work.kind, Some(WorkType::Book));
}

#[test]
fn apa_chapter_with_editor() {
    let refs = academic::parse_list(
        "Osei, K. (2010). Trade routes and memory. In R. Lindqvist (Ed.), Histories of \
         exchange (pp. 45–67). Oxford University Press.\n",
    );
    let r = &refs[0];
    assert_eq!(families(r), ["Osei"]);
    assert_eq!(r.title.as_deref(), Some("Trade routes and memory"));
    assert_eq!(r.work.editors.len(), 1);
    assert_eq!(r.work.editors[0].family, "Lindqvist");
    assert_eq!(
        r.work.container_title.as_deref(),
        Some("Histories of exchange")
    );
    assert_eq!(r.work.pages.as_deref(), Some("45–67"));
    assert_eq!(r.work.publisher.as_deref(), Some("Oxford University Press"));
    assert_eq!(r.work.kind, Some(WorkType::Chapter));
}

#[test]
fn ieee_conference_paper() {
    let refs = academic::parse_list(
        "[3] T. Nakamura and L. Brandt, “Fast parsing of noisy citations,” in Proc. IEEE \
         Int. Conf. Data Engineering, 2018, pp. 112–119.\n",
    );
    let r = &refs[0];
    assert_eq!(r.work.citation_number.as_deref(), Some("3"));
    assert_eq!(families(r), ["Nakamura", "Brandt"]);
    assert_eq!(r.authors[0].given, "T.");
    assert_eq!(r.title.as_deref(), Some("Fast parsing of noisy citations"));
    assert_eq!(
        r.work.container_title.as_deref(),
        Some("Proc. IEEE Int. Conf. Data Engineering")
    );
    assert_eq!(r.work.pages.as_deref(), Some("112–119"));
    assert_eq!(r.date.map(|d| d.year), Some(2018));
    assert_eq!(r.work.kind, Some(WorkType::PaperConference));
}

#[test]
fn apa_thesis() {
    let refs = academic::parse_list(
        "Moreau, C. (2016). Sediment transport in alpine streams (Doctoral dissertation). \
         University of Grenoble.\n",
    );
    let r = &refs[0];
    assert_eq!(families(r), ["Moreau"]);
    assert_eq!(
        r.title.as_deref(),
        Some("Sediment transport in alpine streams")
    );
    assert_eq!(r.work.genre.as_deref(), Some("Doctoral dissertation"));
    assert_eq!(r.work.publisher.as_deref(), Some("University of Grenoble"));
    assert_eq!(r.work.kind, Some(WorkType::Thesis));
}

#[test]
fn a_list_keeps_lines_spans_and_json_fields() {
    let text = "Whitfield, Laura. The Architecture of Rivers. Chicago: University of Chicago Press, 2014.\n\
                \n\
                Osei, K. (2010). Trade routes and memory. In R. Lindqvist (Ed.), Histories of \
                exchange (pp. 45–67). Oxford University Press.\n";
    let refs = academic::parse_list(text);
    assert_eq!(refs.len(), 2);
    assert_eq!((refs[0].index, refs[0].line), (1, 1));
    assert_eq!((refs[1].index, refs[1].line), (2, 3));
    assert_eq!(&text[refs[1].span.range()], text.lines().nth(2).unwrap());
    let json = serde_json::to_value(&refs[1]).unwrap();
    assert_eq!(json["type"], "chapter");
    assert_eq!(json["container_title"], "Histories of exchange");
    assert_eq!(json["editors"][0]["family"], "Lindqvist");
    // Absent academic fields are left out; news fields keep their shape.
    assert!(json.get("doi").is_none());
    assert!(json.get("outlet").is_some());
}

#[test]
fn a_paper_s_reference_list_is_found_after_its_heading() {
    let text = "A Short Paper\n\nSome body text citing Keller and Duarte (2019).\n\n\
                References\n\n\
                Keller, M. A., & Duarte, P. (2019). Soil moisture and crop yield in semi-arid\n\
                \x20   regions. Journal of Applied Ecology, 56(4), 812–825.\n\
                Whitfield, L. (2014). The architecture of rivers. University of Chicago Press.\n\
                \n\
                Appendix A: Data\n\nTables follow.\n";
    let refs = academic::parse_document(text);
    assert_eq!(refs.len(), 2, "{refs:#?}");
    assert_eq!(refs[0].line, 7);
    assert_eq!(refs[0].work.pages.as_deref(), Some("812–825"));
    assert_eq!(refs[1].authors[0].family, "Whitfield");
    assert!(academic::parse_document("No list here.\n").is_empty());
}

#[test]
fn parse_routes_an_academic_paper_and_list_to_the_model_and_says_so() {
    use reftrace::source::Shape;
    use reftrace::{Source, parse};
    let paper = "A Short Note\n\nBody text (Osei, 2010).\n\nReferences\n\n\
                 Osei, K. (2010). Trade routes and memory. In R. Lindqvist (Ed.), Histories of \
                 exchange (pp. 45–67). Oxford University Press.\n\
                 Whitfield, L. (2014). The architecture of rivers. University of Chicago Press.\n";
    let parsed = parse(&Source::new("paper.txt", paper));
    let section = parsed.article.references.as_ref().expect("a list");
    assert!(
        section.found_by.contains("academic model"),
        "{}",
        section.found_by
    );
    assert_eq!(parsed.references.len(), 2);
    assert_eq!(parsed.references[0].key, "osei2010trade");
    assert_eq!(parsed.references[1].line, 8);
    let list = "Osei, K. (2010). Trade routes and memory. In R. Lindqvist (Ed.), Histories of \
                exchange (pp. 45–67). Oxford University Press.\n";
    let parsed = parse(&Source::new("list.txt", list).with_shape(Shape::List));
    assert!(
        parsed
            .article
            .references
            .unwrap()
            .found_by
            .contains("academic model")
    );
    assert_eq!(parsed.references[0].work.pages.as_deref(), Some("45–67"));
    // A news list stays with the news grammar.
    let news = "Reuters, \"Drone attack on Erbil,\" 11/10/23\n\
                Knights, Michael, \"Iraq's militias,\" Washington Institute, 11/21/23\n";
    let parsed = parse(&Source::new("news.txt", news).with_shape(Shape::List));
    assert!(
        !parsed
            .article
            .references
            .unwrap()
            .found_by
            .contains("academic")
    );
    assert_eq!(parsed.references[0].outlet.as_deref(), Some("Reuters"));
}

/// A thesis's bibliography over three pages, with page numbers and running heads, two
/// of its entries shaped like news entries: `parse FILE` reads the whole list under its
/// heading (it read the four lines around the news-shaped entries), one record an
/// entry, an entry that goes on over a page break keeps no page furniture in its text,
/// and a word cut by a hyphen at a line's end is whole (AnyStyle's labelled theses had all
/// three; `examples/academic_finder.rs` measures it
/// on them).
#[test]
fn a_thesis_bibliography_over_page_breaks_is_read_whole() {
    use reftrace::{Source, parse};
    let text = "HOW POLITICS MEETS THE CENTRAL BANK\n\nChapter 1\n\n\
        Body text citing Abbott (2006) and Huang (2015).\n\n   8\n\u{c}BIBLIOGRAPHY 9\n\n\
        Bibliography\n\n\
        Abbott, Ruth. 2006. “Does the central bank follow the elec-\n\
        \x20 toral calendar?” Public Choice 129(3):249–262.\n\
        Baker, Tomas and Ines Castro. 2013. The value of connections in hard times.\n\
        \x20 Technical report, National Bureau of Economic Research.\n\
        Dalton, Hugh. 1988. Macroeconomics and politics. In Annual Review of\n\
        \n   10\n\u{c}BIBLIOGRAPHY 11\n\n\n\
        \x20 Economics, Volume 3. MIT Press pp. 13–62.\n\
        Fournier, Paul, “Central banks under pressure,” Financial Times, 3/4/19\n\
        Garcia, Lena. 2011. Inside the reserve. Oxford: Oxford University Press.\n\
        Huang, Wei. 2015. “Bias in retrospective voting: evidence from panel data.”\n\
        \x20 American Political Science Review 106(4):720–741.\n\
        \n   12\n\u{c}BIBLIOGRAPHY 13\n\n\
        Ivanova, Mila, “Rates and elections,” Reuters, 11/9/23\n\
        Jensen, Karl. 1993. “Partisan monetary policy.” The Quarterly Journal of\n\
        \x20 Economics 108(1):185–218.\n\n\
        Appendix A: Data\n\nTables.\n";
    let parsed = parse(&Source::new("thesis.txt", text));
    let section = parsed.article.references.as_ref().expect("a list");
    assert!(
        section
            .found_by
            .contains("under the heading `Bibliography`"),
        "{}",
        section.found_by
    );
    assert!(
        section
            .found_by
            .contains("4 lines of page furniture left out"),
        "{}",
        section.found_by
    );
    let families: Vec<&str> = parsed
        .references
        .iter()
        .map(|r| r.authors.first().map_or("", |a| a.family.as_str()))
        .collect();
    assert_eq!(
        families,
        [
            "Abbott", "Baker", "Dalton", "Fournier", "Garcia", "Huang", "Ivanova", "Jensen"
        ]
    );
    // A word a line break cut with a hyphen is whole again in the fields.
    assert_eq!(
        parsed.references[0].title.as_deref(),
        Some("Does the central bank follow the electoral calendar?")
    );
    let dalton = &parsed.references[2];
    assert!(
        dalton
            .raw
            .ends_with("In Annual Review of Economics, Volume 3. MIT Press pp. 13–62."),
        "{}",
        dalton.raw
    );
    assert_eq!(dalton.work.pages.as_deref(), Some("13–62"));
    // The same through the library's document reader.
    let refs = reftrace::academic::parse_document(text);
    assert_eq!(refs.len(), 8);
    assert_eq!(refs[2].raw, dalton.raw);
}

/// A pasted list (`parse --list`) that the academic model reads has its entries told apart
/// as academic lists are: double spacing, and numbered entries whose lines go on at the
/// left edge (the news grouping made each line of these an entry).
#[test]
fn pasted_academic_lists_keep_wrapped_entries_whole() {
    let double = "Keller, M. A., & Duarte, P. (2019). Soil moisture and crop yield in\n\n\
        \x20   semi-arid regions. Journal of Applied Ecology, 56(4), 812–825.\n\n\
        Whitfield, L. (2014). The architecture of rivers. University of Chicago\n\n\
        \x20   Press.\n\n\
        Osei, K. (2010). Trade routes and memory. In R. Lindqvist (Ed.), Histories of\n\n\
        \x20   exchange (pp. 45–67). Oxford University Press.\n";
    let numbered = "1. M. Keller and P. Duarte, “Soil moisture and crop yield in semi-arid\n\
        regions,” J. Appl. Ecol., vol. 56, no. 4, pp. 812–825, 2019.\n\
        2. L. Whitfield, The Architecture of Rivers. Chicago, IL, USA: Univ. of Chicago\n\
        Press, 2014.\n\
        3. K. Osei, “Trade routes and memory,” in Histories of Exchange, R. Lindqvist,\n\
        Ed. Oxford, U.K.: Oxford Univ. Press, 2010, pp. 45–67.\n";
    for text in [double, numbered] {
        let parsed = pasted_academic(text, "the whole input read as a list (--list): 3 entries");
        assert_eq!(
            first_families(&parsed),
            ["Keller", "Whitfield", "Osei"],
            "{text}"
        );
        assert_eq!(parsed.references[2].work.pages.as_deref(), Some("45–67"));
    }
}

/// A list copied from a PDF and pasted (`parse --list`) keeps the pages' furniture: page
/// numbers and a running head at each page break, an entry going on over one. The
/// furniture is in no entry and is counted in `found_by`; each entry is one record.
#[test]
fn a_pasted_list_over_page_breaks_leaves_its_furniture_out() {
    let text = "Abbott, R. (2006). Does the central bank follow the electoral calendar?\n\
        \x20   Public Choice, 129(3), 249–262.\n\
        Baker, T., & Castro, I. (2013). The value of connections in hard times.\n\
        \x20   National Bureau of Economic Research.\n\
        \n   41\n\u{c}REFERENCES                                        42\n\n\
        Dalton, H. (1988). Macroeconomics and politics. In S. Fischer (Ed.), Annual\n\
        \x20   review of economics (pp. 13–62). MIT Press.\n\
        Garcia, L. (2011). Inside the reserve. Oxford University Press. Volume\n\
        \n   43\n\u{c}REFERENCES                                        44\n\n\
        \x20   two of the series.\n\
        Huang, W. (2015). Bias in retrospective voting: Evidence from panel data.\n\
        \x20   American Political Science Review, 106(4), 720–741.\n\
        \n   45\n\u{c}REFERENCES                                        46\n\n\
        Jensen, K. (1993). Partisan monetary policy. The Quarterly Journal of\n\
        \x20   Economics, 108(1), 185–218.\n";
    let parsed = pasted_academic(
        text,
        "the whole input read as a list (--list): 6 entries, 6 lines of page furniture left out",
    );
    let section = parsed.article.references.as_ref().expect("a list");
    assert_eq!(
        first_families(&parsed),
        ["Abbott", "Baker", "Dalton", "Garcia", "Huang", "Jensen"]
    );
    for r in &parsed.references {
        assert!(
            !r.raw.contains("REFERENCES") && !r.raw.contains("43"),
            "{}",
            r.raw
        );
    }
    let garcia = &parsed.references[3].raw;
    assert!(garcia.ends_with("Volume two of the series."), "{garcia}");
    // The furniture's spans are the page breaks' lines, and are in the JSON.
    let held: Vec<&str> = section
        .furniture
        .iter()
        .map(|f| text[f.range()].trim())
        .collect();
    assert_eq!(held.len(), 6, "{held:?}");
    assert!(
        held.iter()
            .all(|h| h.contains("REFERENCES") || h.parse::<u32>().is_ok()),
        "{held:?}"
    );
    let json = serde_json::to_string(&parsed.article).unwrap();
    assert!(json.contains("\"furniture\""), "{json}");
}

/// A range of years and a reprint's original date are both kept (the range's end and
/// the original year were dropped): in the record, and in every export format that has
/// a field for them. `tests/interop/run.sh` puts the same list through the real tools.
#[test]
fn ranges_and_original_dates_are_kept_and_exported() {
    let list = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/academic-dates.txt"
    ))
    .unwrap();
    let mut refs = academic::parse_document(&list);
    reftrace::refs::assign_keys(&mut refs);
    let dates: Vec<(String, Option<String>, Option<String>)> = refs
        .iter()
        .map(|r| {
            let s = |d: Option<reftrace::refs::PartialDate>| d.map(|d| d.to_string());
            (
                s(r.date).unwrap_or_default(),
                s(r.work.date_end),
                s(r.work.original_date),
            )
        })
        .collect();
    let want = |d: &str, e: Option<&str>, o: Option<&str>| {
        (d.to_string(), e.map(str::to_string), o.map(str::to_string))
    };
    assert_eq!(
        dates,
        [
            want("1985", Some("2015"), None),
            want("1989", None, Some("1923")),
            want("1974", Some("1978"), None),
            want("1993", None, Some("1580")),
            want("2016", None, None),
            want("2022", None, None),
            want("2021", None, None),
        ]
    );
    // `(accessed 14 June 2023)`, `Retrieved March 3, 2024, from`: the access date.
    let accessed: Vec<Option<String>> = refs
        .iter()
        .map(|r| r.work.accessed.map(|d| d.to_string()))
        .collect();
    assert_eq!(accessed[5].as_deref(), Some("2023-06-14"));
    assert_eq!(accessed[6].as_deref(), Some("2024-03-03"));
    assert!(accessed[..5].iter().all(Option::is_none));
    let works = reftrace::export::works(&refs, &Default::default());
    let export = |format| {
        let mut out = Vec::new();
        reftrace::export::write_works(&works, format, &mut out, &Default::default()).unwrap();
        String::from_utf8(out).unwrap()
    };
    use reftrace::export::Format;
    let biblatex = export(Format::Biblatex);
    for field in [
        "date = {1985/2015}",
        "date = {1989}",
        "origdate = {1923}",
        "date = {1974/1978}",
    ] {
        assert!(biblatex.contains(field), "{field}:\n{biblatex}");
    }
    assert!(biblatex.contains("urldate = {2023-06-14}"), "{biblatex}");
    // The note that only said so is not repeated beside it.
    assert!(!biblatex.contains("accessed 14 June"), "{biblatex}");
    let ris = export(Format::Ris);
    assert!(ris.contains("Y2  - 2024/03/03"), "{ris}");
    assert!(!ris.contains("N1  - Retrieved"), "{ris}");
    let bibtex = export(Format::Bibtex);
    assert!(bibtex.contains("year = {1985--2015}"), "{bibtex}");
    let csl: serde_json::Value = serde_json::from_str(&export(Format::CslJson)).unwrap();
    assert_eq!(
        csl[0]["issued"]["date-parts"],
        serde_json::json!([[1985], [2015]])
    );
    assert_eq!(
        csl[1]["original-date"]["date-parts"],
        serde_json::json!([[1923]])
    );
    assert!(csl[4].get("original-date").is_none());
    assert_eq!(
        csl[5]["accessed"]["date-parts"],
        serde_json::json!([[2023, 6, 14]])
    );
    let yaml = export(Format::Yaml);
    assert!(yaml.contains("type: original\n    date: 1923"), "{yaml}");
    // Hayagriva YAML has no ranges: the first year alone. `cite` renders the same
    // hayagriva entries, whose date keeps its end (hayagriva patch 13), as citeproc does.
    assert!(
        yaml.contains("author: Darwin, C.\n  date: 1985\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  date: 1974\n") && !yaml.contains("1978"),
        "{yaml}"
    );
    use reftrace::format::{Output, bibliography, load_style};
    let cite = |style| bibliography(&works, &load_style(style).unwrap(), None, Output::Text);
    let apa = cite("apa").unwrap();
    let darwin = "Darwin, C. (1985–2015). The correspondence of Charles Darwin (Vols. 1–23). \
                  Cambridge University Press.";
    assert!(apa.iter().any(|e| e == darwin), "{apa:#?}");
    assert!(
        apa.iter()
            .any(|e| e.starts_with("Haddad, R., & Sato, Y. (1974–1978).")),
        "{apa:#?}"
    );
    let ieee = cite("ieee").unwrap();
    assert!(
        ieee.iter().any(|e| e.ends_with("pp. 45–67, 1974–1978.")),
        "{ieee:#?}"
    );
    // Works without a range are as before.
    assert!(
        apa.iter().any(|e| e.starts_with("Okafor, C. N. (2016).")),
        "{apa:#?}"
    );
}

/// A year the record holds in no date field is said (R115), not dropped silently.
#[test]
fn a_year_no_date_field_holds_is_said() {
    let text =
        "Césaire, A. (1955 et 2004). Discours sur le colonialisme. Paris: Présence Africaine.\n";
    let refs = academic::parse_list(text);
    let r = &refs[0];
    assert_eq!(r.date.map(|d| d.year), Some(1955));
    let said: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == reftrace::diag::Code::YearNotKept)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{:?}", r.diagnostics);
    assert!(said[0].contains("`2004`"), "{said:?}");
    assert_eq!(r.date_text.as_deref(), Some("1955 et 2004"));
    // It points at the date segment that holds the year.
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == reftrace::diag::Code::YearNotKept)
        .unwrap();
    assert!(
        text[d.span.start..d.span.end].contains("1955 et 2004"),
        "{d:?}"
    );
    assert!(d.span.end - d.span.start < 20, "{d:?}");
}

/// A pasted list of books, dated by bare years and with no other academic mark, goes to
/// the academic model; a news list without quotes, dated in full, stays with the news
/// grammar.
#[test]
fn a_pasted_list_of_books_is_read_as_books() {
    let books = "Barthes, Roland 1988 [1985]. The Semiotic Challenge. Trans. Richard Howard. \
                 New York: Hill & Wang.\n\
                 France, Anatole 1923 [1895]. Le jardin d’Épicure, Paris: Calmann-Lévy.\n\
                 Gell, Alfred, The Anthropology of Time, Berg, 1992\n";
    let parsed = pasted_academic(books, "the whole input read as a list (--list): 3 entries");
    assert_eq!(first_families(&parsed), ["Barthes", "France", "Gell"]);
    let r = &parsed.references;
    assert_eq!(r[0].title.as_deref(), Some("The Semiotic Challenge"));
    assert_eq!(r[0].work.publisher.as_deref(), Some("Hill & Wang"));
    assert_eq!(r[0].work.location.as_deref(), Some("New York"));
    assert_eq!(r[0].date.map(|d| d.to_string()).as_deref(), Some("1988"));
    assert_eq!(
        r[0].work.original_date.map(|d| d.to_string()).as_deref(),
        Some("1985")
    );
    assert_eq!(r[1].work.publisher.as_deref(), Some("Calmann-Lévy"));
    assert_eq!(r[2].title.as_deref(), Some("The Anthropology of Time"));

    let news = "Reuters, Drone attack on Erbil, November 10, 2023\n\
                Associated Press, Houthis strike ship in Red Sea, January 12, 2024\n";
    let source = reftrace::Source::new("list.txt", news).with_shape(reftrace::source::Shape::List);
    let parsed = reftrace::parse(&source);
    let by = &parsed.article.references.as_ref().expect("a list").found_by;
    assert!(!by.contains("academic"), "{by}");
    let outlets: Vec<_> = parsed
        .references
        .iter()
        .map(|r| r.outlet.as_deref())
        .collect();
    assert_eq!(outlets, [Some("Reuters"), Some("Associated Press")]);
}

/// A Vancouver locator written without spaces is one word, which the tagger gives one
/// label; its date, volume, issue and pages still each go to their field.
#[test]
fn vancouver_locators_come_apart() {
    let refs = academic::parse_list(
        "Smith J, Jones K. Soil moisture and crop yield. J Appl Ecol. 2019;56(4):812-25.\n\
         Okafor CN. Seasonal salinity in coastal wells. Hydrogeol J. 2016;24:1733-46.\n\
         Tofthagen R, Fagerstrom LM. Concept analysis. Scand J Caring Sci. 2010 Dec;24 Suppl 1:21–31.\n",
    );
    let got: Vec<_> = refs
        .iter()
        .map(|r| {
            (
                r.date.map(|d| d.to_string()),
                r.work.volume.as_deref(),
                r.work.issue.as_deref(),
                r.work.pages.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("2019".into()), Some("56"), Some("4"), Some("812–25")),
            (Some("2016".into()), Some("24"), None, Some("1733–46")),
            (
                Some("2010-12".into()),
                Some("24"),
                Some("Suppl 1"),
                Some("21–31")
            ),
        ]
    );
    // No year is left unread, and none of the pages is taken for one.
    assert!(
        refs.iter().all(|r| r.diagnostics.is_empty()),
        "{:?}",
        refs[1].diagnostics
    );
}

/// APA 7 writes a thesis's genre and institution in one bracket, `[Doctoral
/// dissertation, University of Leeds]`, and the archive after it.
#[test]
fn a_thesis_with_its_genre_and_institution_in_brackets() {
    let refs = academic::parse_list(
        "Smith, J. (2018). Growth in cities [Doctoral dissertation, University of Leeds]. \
         White Rose eTheses Online.\n",
    );
    let r = &refs[0];
    assert_eq!(r.title.as_deref(), Some("Growth in cities"));
    assert_eq!(r.work.genre.as_deref(), Some("Doctoral dissertation"));
    assert_eq!(r.work.publisher.as_deref(), Some("University of Leeds"));
    assert_eq!(r.note.as_deref(), Some("White Rose eTheses Online"));
    assert_eq!(r.work.kind, Some(reftrace::refs::WorkType::Thesis));
}

/// The records of `tests/data/academic-media.txt` (its heading left out, as `parse
/// --list` leaves it).
fn media_list() -> Vec<reftrace::Reference> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/academic-media.txt"
    ))
    .unwrap();
    academic::parse_list(text.split_once('\n').unwrap().1)
}

/// APA writes the role of a film's people in brackets after their names: they are
/// credited with it (CSL's `director`, `producer`, …) rather than read as authors with
/// the mark left over, the film's key takes its first director's name (`lead_name`),
/// and a mark the tagger labels apart from the names still credits them.
#[test]
fn role_marks_credit_directors_and_producers() {
    use reftrace::refs::{Role, WorkType};
    let refs = media_list();
    let credits = |i: usize| -> Vec<(Role, &str)> {
        refs[i]
            .work
            .contributors
            .iter()
            .map(|c| (c.role, c.person.family.as_str()))
            .collect()
    };
    assert_eq!(
        credits(0),
        [(Role::Director, "Docter"), (Role::Director, "Del Carmen")]
    );
    assert_eq!(
        credits(5),
        [
            (Role::Producer, "Chaffin"),
            (Role::Producer, "Kennedy"),
            (Role::Director, "Fincher")
        ]
    );
    // `(Writer/Director)`: both roles.
    assert_eq!(
        credits(6),
        [(Role::ScriptWriter, "Moore"), (Role::Director, "Moore")]
    );
    for i in [0, 5, 6] {
        let r = &refs[i];
        assert!(r.authors.is_empty(), "{:?}", r.authors);
        assert_eq!(r.work.kind, Some(WorkType::MotionPicture));
        assert!(
            r.diagnostics
                .iter()
                .all(|d| !d.message.contains("Director")),
            "{:?}",
            r.diagnostics
        );
    }
    assert_eq!(refs[5].lead_name(), Some("Fincher"));
    // A podcast's host is its author (APA), and brackets that are no role leave names be.
    let refs = academic::parse_list(
        "Glass, I. (Host). (2011). This American life [Audio podcast]. WBEZ.\n\
         Smith, J. (Ed.). (2001). Handbook of rivers. Wiley.\n",
    );
    assert_eq!(refs[0].authors[0].family, "Glass");
    assert!(refs[0].work.contributors.is_empty());
    assert!(refs[1].work.contributors.is_empty());
}

/// APA writes what kind of work an entry is in brackets after its title (`[Data set]`,
/// `[Film]`, `[Video]`, `[Computer software]`): the words become the genre, leave the
/// title, and give the record its CSL type; the repository or platform after them is
/// the publisher.
#[test]
fn apa_descriptions_in_brackets_give_the_genre_and_the_type() {
    use reftrace::refs::WorkType;
    let refs = media_list();
    let seen: Vec<_> = refs
        .iter()
        .map(|r| {
            (
                r.title.as_deref().unwrap_or(""),
                r.work.genre.as_deref().unwrap_or(""),
                r.work.kind,
                r.work.publisher.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        seen[..5],
        [
            (
                "Inside out",
                "Film",
                Some(WorkType::MotionPicture),
                "Pixar Animation Studios"
            ),
            (
                "Canal flow readings, Moravia 2015–2020",
                "Data set",
                Some(WorkType::Dataset),
                "Zenodo"
            ),
            (
                "How to read a rain gauge",
                "Video",
                Some(WorkType::MotionPicture),
                "YouTube"
            ),
            (
                "ggplot2: Elegant graphics for data analysis",
                "Computer software",
                Some(WorkType::Software),
                "Springer"
            ),
            (
                "Growth in river towns",
                "Doctoral dissertation",
                Some(WorkType::Thesis),
                "University of Leeds"
            ),
        ]
    );
    assert!(refs.iter().all(|r| r.work.container_title.is_none()));
    // A bracket that is no description (a translated title) stays in the title.
    let refs =
        academic::parse_list("Ivanov, I. (2010). Istoriya goroda [History of the city]. Nauka.\n");
    assert_eq!(
        refs[0].title.as_deref(),
        Some("Istoriya goroda [History of the city]")
    );
    assert_eq!(refs[0].work.genre, None);
    // What follows a semicolon in the brackets says more of the work (its medium), so
    // it joins the note and the publisher stays the studio.
    let refs = academic::parse_list(
        "Moore, M. (Writer/Director). (2004). Fahrenheit 9/11 [Film; DVD]. Lions Gate.\n",
    );
    let r = &refs[0];
    assert_eq!(r.title.as_deref(), Some("Fahrenheit 9/11"));
    assert_eq!(r.work.genre.as_deref(), Some("Film"));
    assert_eq!(r.work.kind, Some(WorkType::MotionPicture));
    assert_eq!(r.work.publisher.as_deref(), Some("Lions Gate"));
    assert_eq!(r.note.as_deref(), Some("DVD"));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// The JSON names the new types as CSL does (`motion_picture`, with its underscore).
#[test]
fn the_new_types_are_named_as_csl_names_them() {
    use reftrace::refs::WorkType;
    for (t, name) in [
        (WorkType::Dataset, "dataset"),
        (WorkType::Software, "software"),
        (WorkType::MotionPicture, "motion_picture"),
    ] {
        assert_eq!(t.csl(), name);
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{name}\""));
    }
}

/// When a pasted list split as academic lists are has other entries than the first
/// split, on which the reader was chosen, `found_by` gives both counts, so that the
/// choice can be checked.
#[test]
fn found_by_gives_the_vote_and_the_entries_read_when_they_differ() {
    let text = "Smith, J. (2001). A title of some length about water. Journal of Things, \
                12(3), 4–5.\n\nJones, K. (2003). Another title on rivers and towns. Water \
                Policy, 8(2), 10–19.\nBrown, A. (2010). Cities. Penguin.\nGreen, T. (2011). \
                Towns.\n    Routledge.\n";
    let parsed = pasted_academic(text, "the whole input read as a list");
    let by = &parsed.article.references.as_ref().unwrap().found_by;
    assert!(
        by.ends_with(
            "2 of the 2 entries of the first split with marks of academic styles (4 of 4 \
             split as academic lists are): read by the academic model"
        ),
        "{by}"
    );
    assert_eq!(parsed.references.len(), 4);
}

/// Group authors (APA 7 §9.11) are one name kept whole, which BibTeX writes in braces;
/// the APA manual itself, a container with an edition and no title beside it, is a book.
#[test]
fn group_authors_stay_whole() {
    let mut refs = academic::parse_list(
        "American Psychological Association. (2020). Publication manual of the American \
         Psychological Association (7th ed.). https://doi.org/10.1037/0000165-000\n\
         World Health Organization. (2019). World health statistics 2019. WHO Press.\n\
         R Core Team. (2020). R: A language and environment for statistical computing. R \
         Foundation for Statistical Computing.\n",
    );
    reftrace::refs::assign_keys(&mut refs);
    let names: Vec<(&str, &str)> = refs
        .iter()
        .map(|r| (r.authors[0].family.as_str(), r.authors[0].given.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("American Psychological Association", ""),
            ("World Health Organization", ""),
            ("R Core Team", "")
        ]
    );
    let manual = &refs[0];
    assert_eq!(manual.work.kind, Some(WorkType::Book));
    assert_eq!(
        manual.title.as_deref(),
        Some("Publication manual of the American Psychological Association")
    );
    assert_eq!(manual.work.container_title, None);
    assert_eq!(manual.work.edition.as_deref(), Some("7th ed"));
    let bib = reftrace::export::to_string(
        &refs,
        reftrace::export::Format::Bibtex,
        &reftrace::export::Options::default(),
    )
    .unwrap();
    assert!(
        bib.contains("author = {{World Health Organization}}"),
        "{bib}"
    );
}

/// Words the tagger gives a link's segment that are not the address are kept (an access
/// date) or said, never dropped: `Situation report, 72. https://…` lost its `72`.
#[test]
fn words_beside_an_address_are_never_dropped_unsaid() {
    let text = "World Health Organization. (2020). Coronavirus disease 2019 (COVID-19): \
                Situation report, 72. https://apps.who.int/iris/handle/10665/331685\n";
    let r = &academic::parse_list(text)[0];
    assert_eq!(
        r.url.as_deref(),
        Some("https://apps.who.int/iris/handle/10665/331685")
    );
    let json = serde_json::to_string(r).unwrap();
    let kept = json
        .split("\"diagnostics\"")
        .next()
        .is_some_and(|fields| fields.replace("10665/331685", "").contains("72"));
    let said = r.diagnostics.iter().any(|d| d.message.contains("`72`"));
    assert!(kept || said, "`72` is neither kept nor said: {json}");
}

/// A list's number the tagger took for the start of the first name becomes the
/// citation number, and words of a names segment that are in no name are said.
#[test]
fn words_of_a_names_segment_are_never_dropped_unsaid() {
    let refs = academic::parse_list(
        "15. Appiah-Adu, K. & S. Singh (1998). “Customer orientation and performance: a \
         study of SMEs”, Management Decision, Vol. 36 (6), 385 – 394.\n",
    );
    let r = &refs[0];
    assert_eq!(r.work.citation_number.as_deref(), Some("15"));
    assert_eq!(r.authors[0].family, "Appiah-Adu");
    let refs = academic::parse_list(
        "Fodor, J. A. (2003). L’esprit, ça ne marche pas comme ça (C. Tiercelin, Trans. \
         2000 ed.). Paris: Odile Jacob.\n",
    );
    let r = &refs[0];
    let json = serde_json::to_string(r).unwrap();
    let fields = json.split("\"diagnostics\"").next().unwrap_or("");
    let said = r.diagnostics.iter().any(|d| d.message.contains("2000"));
    assert!(
        fields.contains("2000") || said,
        "`2000` is neither kept nor said: {json}"
    );
}

/// Chicago and MLA write a film's director after the name's last comma (`Scorsese,
/// Martin, director.`): the people are its directors (they were read as editors, and
/// `director` as a person), and a director makes the work a film.
#[test]
fn a_role_after_the_names_last_comma_credits_them() {
    use reftrace::refs::Role;
    let refs = academic::parse_list(
        "Scorsese, Martin, director. The Irishman. Netflix, 2019.\n\
         Coen, Joel, and Ethan Coen, directors. Fargo. Gramercy Pictures, 1996.\n",
    );
    for (r, want) in refs.iter().zip([&["Scorsese"][..], &["Coen", "Coen"]]) {
        assert!(r.work.editors.is_empty() && r.authors.is_empty(), "{r:?}");
        let directors: Vec<&str> = r
            .work
            .contributors
            .iter()
            .filter(|c| c.role == Role::Director)
            .map(|c| c.person.family.as_str())
            .collect();
        assert_eq!(directors, want);
        assert_eq!(r.work.kind, Some(WorkType::MotionPicture));
    }
}

/// A list of one entry says "1 entry", found under a heading or pasted.
#[test]
fn one_entry_is_counted_as_one() {
    let text = "A short paper.\n\nReferences\n\nSmith, J. (2001). A title. Journal of \
                Things, 12(3), 4-5.\n";
    let parsed = reftrace::parse(&reftrace::Source::new("paper.txt", text));
    let by = &parsed.article.references.as_ref().expect("a list").found_by;
    assert!(
        by.contains(": 1 entry under the heading `References`"),
        "{by}"
    );
    pasted_academic(
        "Smith, J. (2001). A title. Journal of Things, 12(3), 4-5.\n",
        "the whole input read as a list (--list): 1 entry",
    );
}
