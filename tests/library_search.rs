//! Search over a library larger than the ranking cap: the newest matches are ranked and
//! the result says so, filters fall back to ranking every match, and typed syntax is
//! only ever text.

use reftrace::library::{self, ImportFormat, NewImport, Query, RANK_CAP, Record, Store};
use reftrace::{PartialDate, Person};

/// `n` records titled `drone report N`, the first hundred dated 1999, the rest 2023.
fn records(n: usize) -> Vec<Record> {
    (0..n)
        .map(|i| Record {
            position: i + 1,
            line: Some(i + 1),
            key: format!("k{i}"),
            kind: library::mapping::kind_for(Some("Reuters")),
            authors: vec![Person::new(format!("Writer{i}"), "Ann")],
            title: Some(format!("Drone report number {i} from the field")),
            outlet: Some("Reuters".into()),
            date: Some(PartialDate::year(if i < 100 { 1999 } else { 2023 })),
            fields: Default::default(),
            url: None,
            note: None,
            raw: String::new(),
            duplicate_of: None,
            detail: serde_json::Value::Null,
        })
        .collect()
}

#[test]
fn past_the_cap_the_newest_matches_are_ranked_and_filters_still_find_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = library::open(&dir.path().join("lib.sqlite")).unwrap();
    let n = RANK_CAP + 500;
    let import = NewImport {
        name: "gen.bib".into(),
        format: ImportFormat::Bibtex,
        hash: "gen".into(),
        records: records(n),
    };
    lib.import(vec![import], None).unwrap();
    assert_eq!(lib.counts().unwrap().works, n);

    let hits = lib.search(&Query::parse("drone"), 10).unwrap();
    assert!(hits.capped);
    assert_eq!(hits.ranked, RANK_CAP);
    assert_eq!(hits.works.len(), 10);

    // The 1999 works are among the oldest: outside the newest RANK_CAP, found anyway.
    let old = lib.search(&Query::parse("drone year:1999"), 500).unwrap();
    assert_eq!(old.works.len(), 100);
    assert_eq!((old.ranked, old.capped), (n, false));
    assert!(old.works.iter().all(|w| w.date.as_deref() == Some("1999")));

    let one = lib.search(&Query::parse("author:writer7"), 10).unwrap();
    assert_eq!(one.works.len(), 1);
    assert_eq!((one.ranked, one.capped), (1, false));
}

#[test]
fn typed_syntax_is_searched_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = library::open(&dir.path().join("lib.sqlite")).unwrap();
    let mut recs = records(3);
    recs[0].title = Some("NEAR the border: \"quoted\" words OR more".into());
    lib.import(
        vec![NewImport {
            name: "x.bib".into(),
            format: ImportFormat::Bibtex,
            hash: "x".into(),
            records: recs,
        }],
        None,
    )
    .unwrap();
    for q in [
        "NEAR(",
        "\"quoted",
        "OR",
        "border:",
        "x\" OR \"y",
        "'); DROP TABLE works; --",
    ] {
        lib.search(&Query::parse(q), 10)
            .unwrap_or_else(|e| panic!("{q}: {e}"));
    }
    let hits = lib.search(&Query::parse("NEAR( border"), 10).unwrap();
    assert_eq!(hits.works.len(), 1);
    let hits = lib.search(&Query::parse("OR"), 10).unwrap();
    assert_eq!(hits.works.len(), 1, "OR is a word here, not an operator");
    assert_eq!(lib.counts().unwrap().works, 3);
}
