//! Academic records (issue 11) in every export format: the entry type each format gets
//! and the fields it carries, on the hand-written CSL-JSON records of
//! `tests/data/academic.json` (journal articles with DOI and pages, books with an
//! edition, a translator, a series and an ISBN, an edited book, chapters with and
//! without editors, theses, conference papers, a report, a web page, an article with no
//! author). The records are built from the JSON, through the library's importer and
//! its one mapping to export works, so nothing here depends on the academic reader.
//! What real tools make of the same exports: `tests/interop/run.sh`.

use reftrace::export::{self, Format, Options, Work, WorkKind};
use reftrace::format::{self, Output};
use reftrace::library::{ImportFormat, import, mapping};
use std::collections::HashMap;

fn works() -> Vec<Work> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/academic.json");
    let read = import::read(
        &std::fs::read_to_string(path).unwrap(),
        ImportFormat::CslJson,
    );
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    read.records.iter().map(mapping::work_of).collect()
}

fn export(works: &[Work], format: Format) -> String {
    let mut out = Vec::new();
    export::write_works(works, format, &mut out, &Options::default()).unwrap();
    String::from_utf8(out).unwrap()
}

/// The `@type{key, ... }` entries of a .bib text, by key: (type, body).
fn bib_entries(text: &str) -> HashMap<String, (String, String)> {
    text.split("\n@")
        .map(|e| e.trim_start_matches('@'))
        .filter_map(|e| {
            let (ty, rest) = e.split_once('{')?;
            let (key, body) = rest.split_once(",\n")?;
            Some((key.to_string(), (ty.to_string(), body.to_string())))
        })
        .collect()
}

fn has(entries: &HashMap<String, (String, String)>, key: &str, ty: &str, fields: &[&str]) {
    let (got, body) = entries.get(key).unwrap_or_else(|| panic!("no entry {key}"));
    assert_eq!(got, ty, "{key}:\n{body}");
    for field in fields {
        assert!(body.contains(field), "{key} lacks `{field}`:\n{body}");
    }
}

#[test]
fn every_record_keeps_its_csl_type() {
    let kinds: HashMap<String, WorkKind> = works().into_iter().map(|w| (w.key, w.kind)).collect();
    assert_eq!(kinds["brennan2019measuring"], WorkKind::JournalArticle);
    assert_eq!(kinds["haddad2020water"], WorkKind::Book);
    assert_eq!(kinds["nakamura2020rainwater"], WorkKind::Chapter);
    assert_eq!(kinds["chen2020graph"], WorkKind::ConferencePaper);
    assert_eq!(kinds["lindqvist2017modelling"], WorkKind::Thesis);
    assert_eq!(kinds["sato2023tariffs"], WorkKind::Report);
    assert_eq!(kinds["abadi2022dashboard"], WorkKind::Webpage);
}

#[test]
fn biblatex_uses_the_types_and_fields_of_its_data_model() {
    let bib = bib_entries(&export(&works(), Format::Biblatex));
    has(
        &bib,
        "okafor2021groundwater",
        "article",
        &[
            "journaltitle = {Journal of Hydrology}",
            "volume = {598}",
            "number = {4}",
            "pages = {126--141}",
            "date = {2021-04}",
            // An underscore of a DOI stays verbatim (doi is a verbatim field).
            "doi = {10.5555/jhydrol_2021.126}",
            "author = {Okafor, Chidi N. and Lindqvist, Maja and {de la Cruz}, Ana}",
        ],
    );
    has(
        &bib,
        "marquez2018politics",
        "book",
        &[
            "edition = {2}",
            "translator = {Whitfield, Ruth}",
            "series = {Studies in Environmental History}",
            "publisher = {University of Arizona Press}",
            "location = {Tucson}",
            "isbn = {978-1-4729-8815-7}",
        ],
    );
    // Only editors: a collection, which biber requires an editor of.
    has(
        &bib,
        "haddad2020water",
        "collection",
        &["editor = {Haddad, Rana and Brennan, Thomas J.}"],
    );
    has(
        &bib,
        "nakamura2020rainwater",
        "incollection",
        &[
            "booktitle = {Water governance in fragile states}",
            "editor = {Haddad, Rana and Brennan, Thomas J.}",
            "pages = {45--67}",
        ],
    );
    // A chapter without editors: @incollection requires one, @inbook does not.
    has(
        &bib,
        "osei2019pumps",
        "inbook",
        &["booktitle = {Village water in West Africa}"],
    );
    has(
        &bib,
        "chen2020graph",
        "inproceedings",
        &[
            "booktitle = {Proceedings of the IEEE Conference on Smart Water Systems}",
            "editor = {Osei, Kwame}",
            "publisher = {IEEE}",
            "location = {Piscataway, NJ}",
        ],
    );
    has(
        &bib,
        "lindqvist2017modelling",
        "thesis",
        &["type = {phdthesis}", "institution = {Uppsala University}"],
    );
    has(&bib, "novak2021flood", "thesis", &["type = {mathesis}"]);
    has(
        &bib,
        "sato2023tariffs",
        "report",
        &[
            "type = {Working paper}",
            "institution = {Institute for Water Economics}",
        ],
    );
    has(
        &bib,
        "abadi2022dashboard",
        "online",
        &[
            "organization = {Open Water Data}",
            "url = {https://example.org/amman/methods}",
        ],
    );
    // biber checks ISBNs: one whose check digit fails is kept in the addendum.
    has(
        &bib,
        "novak2019handbook",
        "book",
        &["addendum = {ISBN: 978-3-030-61724-1}"],
    );
    assert!(!bib["novak2019handbook"].1.contains("isbn ="));
    // No author: @article requires one, so a @misc keeps what the journal said.
    has(
        &bib,
        "waterpolicy2018editorial",
        "misc",
        &[
            "howpublished = {Water Policy}",
            "addendum = {Volume: 20. Issue: 1. Pages: 1--3}",
        ],
    );
}

#[test]
fn bibtex_uses_the_standard_types() {
    let bib = bib_entries(&export(&works(), Format::Bibtex));
    has(
        &bib,
        "brennan2019measuring",
        "article",
        &[
            "journal = {Water Policy}",
            "volume = {21}",
            "number = {2}",
            "pages = {301--318}",
            "doi = {10.5555/wp.2019.021}",
        ],
    );
    has(
        &bib,
        "marquez2018politics",
        "book",
        &[
            "edition = {Second}",
            "address = {Tucson}",
            "isbn = {978-1-4729-8815-7}",
            "note = {Translated by Whitfield, Ruth}",
        ],
    );
    has(
        &bib,
        "haddad2020water",
        "book",
        &["editor = {Haddad, Rana and Brennan, Thomas J.}"],
    );
    has(
        &bib,
        "nakamura2020rainwater",
        "incollection",
        &[
            "booktitle = {Water governance in fragile states}",
            "publisher = {Routledge}",
        ],
    );
    has(
        &bib,
        "chen2020graph",
        "inproceedings",
        &["booktitle = {Proceedings of the IEEE"],
    );
    has(
        &bib,
        "lindqvist2017modelling",
        "phdthesis",
        &[
            "school = {Uppsala University}",
            "type = {Doctoral dissertation}",
        ],
    );
    has(
        &bib,
        "novak2021flood",
        "mastersthesis",
        &["school = {Charles University}"],
    );
    has(
        &bib,
        "sato2023tariffs",
        "techreport",
        &["institution = {Institute for Water Economics}"],
    );
}

#[test]
fn csl_json_round_trips_every_academic_field() {
    let works = works();
    let json = export(&works, Format::CslJson);
    let again = import::read(&json, ImportFormat::CslJson);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.records.len(), works.len());
    for (work, record) in works.iter().zip(&again.records) {
        let back = mapping::work_of(record);
        assert_eq!(back.kind, work.kind, "{}", work.key);
        assert_eq!(back.authors, work.authors, "{}", work.key);
        assert_eq!(back.fields, work.fields, "{}", work.key);
    }
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let chapter = items
        .iter()
        .find(|i| i["id"] == "nakamura2020rainwater")
        .unwrap();
    assert_eq!(chapter["page"], "45-67");
    assert_eq!(
        chapter["container-title"],
        "Water governance in fragile states"
    );
    assert_eq!(chapter["editor"][1]["family"], "Brennan");
}

#[test]
fn ris_uses_the_academic_reference_types_and_tags() {
    let ris = export(&works(), Format::Ris);
    let record = |id: &str| -> String {
        ris.split("ER  - \n")
            .find(|r| r.contains(&format!("ID  - {id}\n")))
            .unwrap_or_else(|| panic!("no record {id}"))
            .to_string()
    };
    let journal = record("brennan2019measuring");
    for line in [
        "TY  - JOUR",
        "T2  - Water Policy",
        "VL  - 21",
        "IS  - 2",
        "SP  - 301",
        "EP  - 318",
        "DO  - 10.5555/wp.2019.021",
    ] {
        assert!(journal.contains(line), "{line}:\n{journal}");
    }
    let book = record("marquez2018politics");
    for line in [
        "TY  - BOOK",
        "A4  - Whitfield, Ruth",
        "T3  - Studies in Environmental History",
        "ET  - 2",
        "PB  - University of Arizona Press",
        "CY  - Tucson",
        "SN  - 978-1-4729-8815-7",
    ] {
        assert!(book.contains(line), "{line}:\n{book}");
    }
    assert!(record("nakamura2020rainwater").contains("TY  - CHAP\n"));
    assert!(record("nakamura2020rainwater").contains("A2  - Haddad, Rana\n"));
    assert!(record("chen2020graph").contains("TY  - CONF\n"));
    let thesis = record("lindqvist2017modelling");
    assert!(thesis.contains("TY  - THES\n") && thesis.contains("M3  - Doctoral dissertation\n"));
    assert!(record("abadi2022dashboard").contains("TY  - ELEC\n"));
}

#[test]
fn hayagriva_hangs_containers_on_parents() {
    let yaml = export(&works(), Format::Yaml);
    let lib = hayagriva::io::from_yaml_str(&yaml).unwrap();
    let journal = lib.get("okafor2021groundwater").unwrap();
    let parent = &journal.parents()[0];
    assert_eq!(
        parent.entry_type(),
        &hayagriva::types::EntryType::Periodical
    );
    assert_eq!(parent.volume().unwrap().to_string(), "598");
    assert_eq!(parent.issue().unwrap().to_string(), "4");
    assert_eq!(journal.page_range().unwrap().to_string(), "126-141");
    assert_eq!(journal.doi(), Some("10.5555/jhydrol_2021.126"));
    let chapter = lib.get("nakamura2020rainwater").unwrap();
    let book = &chapter.parents()[0];
    assert_eq!(book.entry_type(), &hayagriva::types::EntryType::Anthology);
    assert_eq!(book.editors().unwrap().len(), 2);
    let paper = lib.get("chen2020graph").unwrap();
    assert_eq!(
        paper.parents()[0].entry_type(),
        &hayagriva::types::EntryType::Proceedings
    );
    let book = lib.get("marquez2018politics").unwrap();
    assert_eq!(book.isbn(), Some("978-1-4729-8815-7"));
    assert_eq!(
        book.parents()[0].title().unwrap().to_string(),
        "Studies in Environmental History"
    );
}

#[test]
fn apa_prints_containers_editors_pages_and_dois() {
    let works = works();
    let style = format::load_style("apa").unwrap();
    let items = format::bibliography(&works, &style, None, Output::Text).unwrap();
    let find = |needle: &str| items.iter().find(|i| i.contains(needle)).unwrap().clone();
    assert_eq!(
        find("Rainwater harvesting"),
        "Nakamura, E. (2020). Rainwater harvesting and household resilience. In R. Haddad & \
         T. J. Brennan (Eds.), Water governance in fragile states (pp. 45–67). Routledge."
    );
    assert!(
        find("Measuring trust")
            .contains("Water Policy, 21(2), 301–318. https://doi.org/10.5555/wp.2019.021")
    );
    assert!(find("Modelling aquifer").contains("[Doctoral dissertation]. Uppsala University."));
}

#[test]
fn biblatex_round_trips_academic_fields() {
    let works = works();
    let bib = export(&works, Format::Biblatex);
    let again = import::read(&bib, ImportFormat::Bibtex);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    let back: HashMap<String, Work> = again
        .records
        .iter()
        .map(|r| (r.key.clone(), mapping::work_of(r)))
        .collect();
    let entries = bib_entries(&bib);
    for work in &works {
        if entries[&work.key].0 == "misc" {
            continue;
        }
        let b = &back[&work.key];
        assert_eq!(b.kind, work.kind, "{}", work.key);
        assert_eq!(b.authors, work.authors, "{}", work.key);
        let (mine, theirs) = (&work.fields, &b.fields);
        // Thesis types become biblatex's keys (`phdthesis`), read back as `PhD thesis`;
        // an ISBN whose check digit fails is kept in the addendum.
        let comparable = |f: &reftrace::refs::WorkFields| reftrace::refs::WorkFields {
            genre: None,
            isbn: f.isbn.clone().filter(|i| export::fields::isbn_ok(i)),
            doi: f.doi.as_ref().map(|d| d.to_lowercase()),
            ..f.clone()
        };
        assert_eq!(comparable(theirs), comparable(mine), "{}", work.key);
    }
}

#[test]
fn ris_round_trips_academic_fields() {
    let works = works();
    let ris = export(&works, Format::Ris);
    let again = import::read(&ris, ImportFormat::Ris);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    for (work, record) in works.iter().zip(&again.records) {
        let b = mapping::work_of(record);
        assert_eq!(b.kind, work.kind, "{}", work.key);
        let f = &work.fields;
        let comparable = |f: &reftrace::refs::WorkFields| reftrace::refs::WorkFields {
            doi: f.doi.as_ref().map(|d| d.to_lowercase()),
            ..f.clone()
        };
        // A report keeps its institution as its outlet, as news-style records do.
        if work.kind != WorkKind::Report {
            assert_eq!(comparable(&b.fields), comparable(f), "{}", work.key);
        }
    }
}

/// APA's described works (`tests/data/academic-media.txt`, read by the academic
/// reader): a film, a data set, a video and a program get their own type in each format
/// that has one, and keep their genre and publisher where it has none.
#[test]
fn films_data_sets_and_programs_get_their_own_types() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/academic-media.txt"
    ))
    .unwrap();
    let mut refs = reftrace::academic::parse_list(text.split_once('\n').unwrap().1);
    reftrace::refs::assign_keys(&mut refs);
    let to = |f| export::to_string(&refs, f, &Options::default()).unwrap();
    let bib = bib_entries(&to(Format::Biblatex));
    has(
        &bib,
        "novak2022canal",
        "dataset",
        &["publisher = {Zenodo}", "type = {Data set}"],
    );
    has(
        &bib,
        "wickham2016ggplot2",
        "software",
        &["organization = {Springer}", "type = {Computer software}"],
    );
    // biblatex's data model gives `@video` no author: a film is a `@misc` with its type.
    has(
        &bib,
        "docter2015inside",
        "misc",
        &[
            "type = {Film}",
            "addendum = {Publisher: Pixar Animation Studios}",
        ],
    );
    let bt = bib_entries(&to(Format::Bibtex));
    has(
        &bt,
        "docter2015inside",
        "misc",
        &["howpublished = {Pixar Animation Studios}", "type = {Film}"],
    );
    has(
        &bt,
        "novak2022canal",
        "misc",
        &["howpublished = {Zenodo}", "type = {Data set}"],
    );
    let ris = to(Format::Ris);
    for ty in ["TY  - VIDEO", "TY  - DATA", "TY  - COMP"] {
        assert!(ris.contains(ty), "{ty}:\n{ris}");
    }
    let csl: serde_json::Value = serde_json::from_str(&to(Format::CslJson)).unwrap();
    let types: Vec<&str> = csl
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "motion_picture",
            "dataset",
            "motion_picture",
            "software",
            "thesis",
            "motion_picture",
            "motion_picture"
        ]
    );
    let yaml = to(Format::Yaml);
    assert!(yaml.contains("type: video"), "{yaml}");
    assert!(yaml.contains("type: repository"), "{yaml}");
}

/// A film's directors, producers and writers keep their roles: CSL-JSON's `director`,
/// `producer`, `script-writer` and Hayagriva's `affiliated` roles, both read back by
/// the library's importers; BibTeX, BibLaTeX and RIS, which have no such fields, write
/// the directors of a film with no author as its authors (as APA credits them) and the
/// other roles in the note.
#[test]
fn film_people_keep_their_roles_in_every_format() {
    use reftrace::refs::Role;
    let mut refs = reftrace::academic::parse_list(
        "Chaffin, C., & Kennedy, K. (Producers), & Fincher, D. (Director). (2008). The \
         curious case of Benjamin Button [Film]. Paramount Pictures.\n\
         Moore, M. (Writer/Director). (2003). Bowling for Columbine [Film]. United Artists.\n",
    );
    reftrace::refs::assign_keys(&mut refs);
    assert_eq!(refs[0].key, "fincher2008curious");
    let to = |f| export::to_string(&refs, f, &Options::default()).unwrap();
    let csl: serde_json::Value = serde_json::from_str(&to(Format::CslJson)).unwrap();
    let families = |item: &serde_json::Value, var: &str| -> Vec<String> {
        item[var]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|n| n["family"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(families(&csl[0], "director"), ["Fincher"]);
    assert_eq!(families(&csl[0], "producer"), ["Chaffin", "Kennedy"]);
    assert_eq!(families(&csl[1], "script-writer"), ["Moore"]);
    assert!(csl[0].get("author").is_none());
    let bt = bib_entries(&to(Format::Bibtex));
    has(
        &bt,
        "fincher2008curious",
        "misc",
        &[
            "author = {Fincher, D.}",
            "note = {Producer: Chaffin, C. and Kennedy, K.}",
        ],
    );
    let bl = bib_entries(&to(Format::Biblatex));
    has(
        &bl,
        "moore2003bowling",
        "misc",
        &[
            "author = {Moore, M.}",
            "addendum = {Script writer: Moore, M. Publisher",
        ],
    );
    let ris = to(Format::Ris);
    assert!(ris.contains("AU  - Fincher, D.\n"), "{ris}");
    assert!(
        ris.contains("N1  - Producer: Chaffin, C.; Kennedy, K.\n"),
        "{ris}"
    );
    // The library reads the roles back from CSL-JSON and from Hayagriva YAML.
    for (text, format) in [
        (to(Format::CslJson), ImportFormat::CslJson),
        (to(Format::Yaml), ImportFormat::Yaml),
    ] {
        let read = import::read(&text, format);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let work = mapping::work_of(&read.records[0]);
        assert_eq!(work.kind, WorkKind::Video, "{format:?}");
        assert_eq!(work.people_of(Role::Director)[0].family, "Fincher");
        assert_eq!(work.people_of(Role::Producer).len(), 2, "{format:?}");
        assert!(work.authors.is_empty(), "{format:?}");
    }
}

/// What other tools write for a data set, a program and a film is read back as those
/// kinds: BibLaTeX's `@dataset`, `@software`, `@video`, RIS's `DATA`, `COMP`, `VIDEO`
/// and `MPCT`, and CSL's names.
#[test]
fn imported_data_sets_programs_and_films_keep_their_kind() {
    let kinds = |text: &str, format| -> Vec<WorkKind> {
        let read = import::read(text, format);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        read.records
            .iter()
            .map(|r| mapping::work_of(r).kind)
            .collect()
    };
    let bib = "@dataset{a, title = {Flows}, author = {Novak, P.}, date = {2022}}\n\
               @software{b, title = {Tool}, author = {Wickham, H.}, date = {2016}}\n\
               @video{c, title = {Gauge}, author = {Sato, Y.}, date = {2021}}\n\
               @movie{d, title = {Inside}, author = {Docter, P.}, date = {2015}}\n";
    assert_eq!(
        kinds(bib, ImportFormat::Bibtex),
        [
            WorkKind::Dataset,
            WorkKind::Software,
            WorkKind::Video,
            WorkKind::Video
        ]
    );
    let ris = ["DATA", "COMP", "VIDEO", "MPCT"]
        .iter()
        .map(|t| format!("TY  - {t}\nTI  - A {t}\nAU  - Novak, P.\nPY  - 2022\nER  - \n"))
        .collect::<String>();
    assert_eq!(
        kinds(&ris, ImportFormat::Ris),
        [
            WorkKind::Dataset,
            WorkKind::Software,
            WorkKind::Video,
            WorkKind::Video
        ]
    );
    let csl = r#"[{"id": "a", "type": "dataset", "title": "Flows"},
                  {"id": "b", "type": "software", "title": "Tool"},
                  {"id": "c", "type": "motion_picture", "title": "Gauge"}]"#;
    assert_eq!(
        kinds(csl, ImportFormat::CslJson),
        [WorkKind::Dataset, WorkKind::Software, WorkKind::Video]
    );
}

/// The parts of a note (the record's own note, credits of other roles) are joined as
/// sentences in BibTeX, BibLaTeX and RIS: a part ending in an initial's full stop is not
/// followed by a second one.
#[test]
fn note_parts_never_double_a_full_stop() {
    let mut refs = reftrace::academic::parse_list(
        "Moore, M. (Writer), & Glynn, K. (Producer). (2003). Bowling for Columbine [Film]. \
         United Artists.\n",
    );
    reftrace::refs::assign_keys(&mut refs);
    let to = |f| export::to_string(&refs, f, &Options::default()).unwrap();
    let ris = to(Format::Ris);
    assert!(
        ris.contains("N1  - Producer: Glynn, K. Script writer: Moore, M.\n"),
        "{ris}"
    );
    let bt = to(Format::Bibtex);
    assert!(
        bt.contains("note = {Producer: Glynn, K. Script writer: Moore, M.}"),
        "{bt}"
    );
    for out in [ris, bt, to(Format::Biblatex)] {
        assert!(!out.contains("M.."), "{out}");
    }
}

/// A work with no author is keyed by the person who stands in the author's place: a
/// film's director, an edited book's editor, else the first person credited.
#[test]
fn works_without_authors_are_keyed_by_their_lead_person() {
    let mut refs = reftrace::academic::parse_list(
        "Smith, J. (Ed.). (2001). A handbook of things. Oxford University Press.\n\
         Moore, M. (Writer), & Glynn, K. (Producer). (2003). Bowling for Columbine [Film]. \
         United Artists.\n",
    );
    reftrace::refs::assign_keys(&mut refs);
    let keys: Vec<&str> = refs.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["smith2001handbook", "moore2003bowling"]);
}

/// APA's `(Version 3.3.070)` after a program's title is its `version`: out of the title,
/// written as CSL-JSON's `version`, BibLaTeX's `version`, RIS's `ET` (as Zotero reads a
/// program's version) and Hayagriva's `serial-number`, and read back by the library.
#[test]
fn a_programs_version_leaves_its_title() {
    let mut refs = reftrace::academic::parse_list(
        "Borenstein, M., Hedges, L., Higgins, J., & Rothstein, H. (2014). Comprehensive \
         meta-analysis (Version 3.3.070) [Computer software]. Biostat. \
         https://www.meta-analysis.com/\n",
    );
    reftrace::refs::assign_keys(&mut refs);
    let r = &refs[0];
    assert_eq!(r.title.as_deref(), Some("Comprehensive meta-analysis"));
    assert_eq!(r.work.version.as_deref(), Some("3.3.070"));
    assert_eq!(r.work.kind, Some(reftrace::refs::WorkType::Software));
    let to = |f| export::to_string(&refs, f, &Options::default()).unwrap();
    let csl: serde_json::Value = serde_json::from_str(&to(Format::CslJson)).unwrap();
    assert_eq!(csl[0]["version"], "3.3.070");
    let bl = to(Format::Biblatex);
    assert!(bl.contains("version = {3.3.070}"), "{bl}");
    let bt = to(Format::Bibtex);
    assert!(bt.contains("note = {Version 3.3.070}"), "{bt}");
    let ris = to(Format::Ris);
    assert!(ris.contains("ET  - 3.3.070\n"), "{ris}");
    for (text, format) in [
        (to(Format::CslJson), ImportFormat::CslJson),
        (to(Format::Yaml), ImportFormat::Yaml),
        (ris, ImportFormat::Ris),
        (bl, ImportFormat::Bibtex),
    ] {
        let read = import::read(&text, format);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let work = mapping::work_of(&read.records[0]);
        assert_eq!(
            work.fields.version.as_deref(),
            Some("3.3.070"),
            "{format:?}"
        );
        assert_eq!(work.fields.edition, None, "{format:?}");
    }
}
