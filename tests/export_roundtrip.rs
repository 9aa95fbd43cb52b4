//! Round trips over generated records, specials included: BibLaTeX read back by
//! `hayagriva::io::from_biblatex_str`, CSL-JSON read back by serde, Hayagriva YAML read
//! back by `hayagriva::io::from_yaml_str`, all give the same authors, titles, outlets and
//! dates.

use proptest::prelude::*;
use reftrace::export::csl_json::{self, Item};
use reftrace::export::{Options, Work, WorkKind, biblatex, yaml};
use reftrace::{PartialDate, Person};

/// A word drawn from plain letters, LaTeX specials, markup and non-ASCII text.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,8}",
        "[a-z]{1,6}",
        Just("&".to_string()),
        Just("100%".to_string()),
        Just("$5".to_string()),
        Just("#tag".to_string()),
        Just("snake_case".to_string()),
        Just("{braced}".to_string()),
        Just("~tilde".to_string()),
        Just("^caret".to_string()),
        Just("\\backslash".to_string()),
        Just("\\input{/etc/passwd}".to_string()),
        Just("\\write18{ls}".to_string()),
        Just("<script>".to_string()),
        Just("Seán".to_string()),
        Just("Müller".to_string()),
        Just("Zoë".to_string()),
        Just("“quoted”".to_string()),
        Just("it’s".to_string()),
        Just("US".to_string()),
        Just("al-Assad".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..8).prop_map(|w| w.join(" "))
}

fn name_part() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}",
        Just("Seán".to_string()),
        Just("Müller".to_string()),
        Just("Zoë".to_string()),
        Just("O’Brien".to_string()),
        Just("Al-Kaabi".to_string()),
    ]
}

fn person() -> impl Strategy<Value = Person> {
    (
        prop_oneof![
            name_part(),
            name_part().prop_map(|f| format!("Van {f}")),
            name_part().prop_map(|f| format!("Abu {f}")),
        ],
        prop_oneof![
            name_part(),
            (name_part(), name_part()).prop_map(|(a, b)| format!("{a} {b}"))
        ],
    )
        .prop_map(|(family, given)| Person::new(family, given))
}

fn date() -> impl Strategy<Value = PartialDate> {
    (1900i32..2100, 0u8..=12, 0u8..=28).prop_map(|(y, m, d)| match (m, d) {
        (0, _) => PartialDate::year(y),
        (m, 0) => PartialDate::ym(y, m).unwrap_or(PartialDate::year(y)),
        (m, d) => PartialDate::ymd(y, m, d).unwrap_or(PartialDate::year(y)),
    })
}

fn work() -> impl Strategy<Value = Work> {
    (
        prop::collection::vec(person(), 0..4),
        text(),
        prop_oneof![
            Just(WorkKind::NewsArticle),
            Just(WorkKind::Report),
            Just(WorkKind::Article)
        ],
        text(),
        prop::option::of(date()),
    )
        .prop_map(|(authors, outlet, kind, title, date)| Work {
            key: "key2023".into(),
            kind,
            authors,
            outlet: (kind != WorkKind::Article).then_some(outlet),
            title: Some(title),
            date,
            url: None,
            note: None,
            entries: vec![1],
            fields: Default::default(),
        })
}

fn hayagriva_date(d: &hayagriva::types::Date) -> PartialDate {
    PartialDate {
        year: d.year,
        month: d.month.map(|m| m + 1),
        day: d.day.map(|v| v + 1),
    }
}

fn hayagriva_people(entry: &hayagriva::Entry) -> Vec<(String, String)> {
    entry
        .authors()
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let family = match &p.prefix {
                Some(prefix) => format!("{prefix} {}", p.name),
                None => p.name.clone(),
            };
            (
                family.replace(yaml::NAME_JOINER, " "),
                p.given_name.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn expected_people(work: &Work, corporate: bool) -> Vec<(String, String)> {
    if work.authors.is_empty() && corporate {
        return work
            .outlet
            .iter()
            .map(|o| (o.clone(), String::new()))
            .collect();
    }
    work.authors
        .iter()
        .map(|p| (p.family.clone(), p.given.clone()))
        .collect()
}

fn outlet_of(entry: &hayagriva::Entry) -> Option<String> {
    entry
        .parents()
        .first()
        .and_then(|p| p.title())
        .map(|t| t.to_string())
        .or_else(|| entry.organization().map(|o| o.to_string()))
        .or_else(|| {
            entry
                .publisher()
                .and_then(|p| p.name())
                .map(|n| n.to_string())
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn biblatex_reads_back_through_hayagriva(work in work(), ascii in any::<bool>()) {
        let bib = biblatex::entry(&work, &Options { ascii, keep_duplicates: false });
        let library = hayagriva::io::from_biblatex_str(&bib)
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{bib}")))?;
        let entry = library.iter().next().expect("one entry");
        let corporate = work.kind != WorkKind::Article;
        if ascii {
            // Accent commands come back as letters; punctuation may come back as
            // its ASCII form, so only the letters are compared.
            let fold = |s: &str| -> String { deunicode_fold(s) };
            let fold_people = |people: Vec<(String, String)>| -> Vec<String> {
                people.iter().map(|(f, g)| fold(&format!("{f} {g}"))).collect()
            };
            prop_assert_eq!(
                fold(&entry.title().map(|t| t.to_string()).unwrap_or_default()),
                fold(work.title.as_deref().unwrap_or_default())
            );
            prop_assert_eq!(
                fold_people(hayagriva_people(entry)),
                fold_people(expected_people(&work, corporate))
            );
            prop_assert_eq!(
                fold(&outlet_of(entry).unwrap_or_default()),
                fold(work.outlet.as_deref().unwrap_or_default())
            );
        } else {
            prop_assert_eq!(
                entry.title().map(|t| t.to_string()),
                work.title.clone(),
                "{}", bib
            );
            prop_assert_eq!(hayagriva_people(entry), expected_people(&work, corporate), "{}", bib);
            prop_assert_eq!(outlet_of(entry), work.outlet.clone(), "{}", bib);
        }
        prop_assert_eq!(entry.date().map(hayagriva_date), work.date);
    }

    #[test]
    fn csl_json_reads_back_through_serde(work in work()) {
        let items = vec![csl_json::item(&work)];
        let json = serde_json::to_string(&items).unwrap();
        let back: Vec<Item> = serde_json::from_str(&json).unwrap();
        let item = &back[0];
        prop_assert_eq!(&item.title, &work.title);
        let people: Vec<(String, String)> =
            item.author.iter().map(|n| (n.family.clone(), n.given.clone())).collect();
        prop_assert_eq!(people, expected_people(&work, false));
        prop_assert_eq!(
            item.container_title.clone().or(item.publisher.clone()),
            work.outlet.clone()
        );
        prop_assert_eq!(item.issued.as_ref().and_then(|d| d.to_date()), work.date);
    }

    #[test]
    fn yaml_reads_back_through_hayagriva(work in work()) {
        let text = yaml::to_yaml(std::slice::from_ref(&work)).unwrap();
        let library = hayagriva::io::from_yaml_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let entry = library.iter().next().expect("one entry");
        prop_assert_eq!(entry.title().map(|t| t.to_string()), work.title.clone(), "{}", text);
        prop_assert_eq!(hayagriva_people(entry), expected_people(&work, false), "{}", text);
        prop_assert_eq!(outlet_of(entry), work.outlet.clone(), "{}", text);
        prop_assert_eq!(entry.date().map(hayagriva_date), work.date);
    }
}

/// Letters and digits only, accents removed, lower case.
fn deunicode_fold(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let plain: String = match c {
                'é' | 'è' | 'ë' => "e".into(),
                'á' | 'à' | 'ä' => "a".into(),
                'ü' | 'ú' => "u".into(),
                'ö' | 'ó' => "o".into(),
                'ï' | 'í' | 'ı' => "i".into(),
                c => c.to_string(),
            };
            plain.chars().collect::<Vec<_>>()
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
