//! What kind of work a record is: its CSL type from its fields, and the genre that APA
//! writes in square brackets (`[Doctoral dissertation, University of Leeds]`, `[Data
//! set]`, `[Film]`), which the tagger reads as part of the title or the publisher.

use super::fields;
use super::resolve::join;
use crate::refs::{Reference, Role, WorkFields, WorkType};

/// APA's `[Doctoral dissertation, University of Leeds]. Archive`, which the tagger
/// labels genre up to the comma and publisher after it: the bracket holds the genre and
/// the institution, and the name after it (the archive the thesis is found in) goes to
/// the note.
pub(super) fn genre_in_brackets(w: &mut WorkFields, note: &mut Option<String>) {
    let (Some(genre), Some(publisher)) = (&w.genre, &w.publisher) else {
        return;
    };
    let Some(open) = genre.strip_prefix('[').filter(|g| !g.contains(']')) else {
        return;
    };
    let Some((inside, after)) = publisher.split_once(']') else {
        return;
    };
    let (genre, inside, after) = (fields::clean(open), fields::clean(inside), after_bracket(after));
    w.genre = Some(genre);
    w.publisher = None;
    place_bracket(w, note, inside, after);
}

/// A program's version, as APA writes it after the title (`Comprehensive meta-analysis
/// (Version 3.3.070) [Computer software]`) or as an edition (`Version 2.1`, `v4.1`):
/// the number goes to `version` and its bracket leaves the title.
pub(super) fn version_of(r: &mut crate::Reference) {
    if let Some(title) = &r.title
        && let Some(inside) = title.strip_suffix(')')
        && let Some((before, inside)) = inside.rsplit_once('(')
        && let Some(number) = version_number(inside)
        && !before.trim().is_empty()
    {
        r.work.version = Some(number.to_string());
        r.title = Some(fields::clean(before));
    } else if let Some(number) = r.work.edition.as_deref().and_then(version_number) {
        r.work.version = Some(number.to_string());
        r.work.edition = None;
    }
}

/// The number of `Version 3.3.070`, `version 2`, `ver. 4.1`, `v1.2` (a label and a
/// number that starts with a digit), else `None`. `v. 2` is left alone: it is as often
/// a volume.
fn version_number(text: &str) -> Option<&str> {
    let text = text.trim().trim_end_matches(['.', ',']);
    let lower = text.to_ascii_lowercase();
    let label = ["version ", "ver. ", "v"]
        .into_iter()
        .find(|l| lower.starts_with(l))?;
    let number = text.get(label.len()..)?.trim_start();
    let ok = number.starts_with(|c: char| c.is_ascii_digit())
        && !number.contains(char::is_whitespace)
        && number.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    ok.then_some(number)
}

/// What follows a closing bracket, its stop and spaces left out: `. White Rose` →
/// `White Rose`.
fn after_bracket(after: &str) -> String {
    fields::clean(after.trim_start_matches(['.', ',', ';', ' ']))
}

/// The institution a bracket names after its genre's comma (`University of Leeds`) and
/// what follows the bracket (an archive): the first of them is the publisher when the
/// record has none, and the rest joins the note.
fn place_bracket(w: &mut WorkFields, note: &mut Option<String>, inside: String, after: String) {
    for text in [inside, after].into_iter().filter(|t| !t.is_empty()) {
        if w.publisher.is_none() {
            w.publisher = Some(text);
        } else {
            join(note, text);
        }
    }
}

/// APA's descriptions of a kind of work (`data/academic-descriptions.txt`), lower case.
static DESCRIPTIONS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../data/academic-descriptions.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The words in APA's brackets (`Data set`, `Doctoral dissertation, University of
/// Leeds`, `Film; DVD`) as a genre, who made the work (after a comma) and more of the
/// work, as its medium (after a semicolon), when the words before the comma or
/// semicolon are a kind of work APA describes this way.
fn description(inside: &str) -> Option<(String, String, String)> {
    let cut = inside.find([',', ';']);
    let (kind, rest) = cut.map_or((inside, ""), |i| (&inside[..i], &inside[i + 1..]));
    let key = kind.trim().to_lowercase().replace('’', "'");
    let rest = fields::clean(rest);
    let (maker, more) = match cut.is_some_and(|i| inside[i..].starts_with(';')) {
        true => (String::new(), rest),
        false => (rest, String::new()),
    };
    DESCRIPTIONS
        .contains(&key.as_str())
        .then(|| (fields::clean(kind), maker, more))
}

/// APA's description in square brackets, which the tagger reads as the end of the
/// title (`Urban data [Data set]`) or the start of the publisher (`[Computer
/// software]. Springer`): when the record has no genre, the description becomes it and
/// leaves the other field. What follows a comma in the brackets (`[Doctoral
/// dissertation, University of Leeds]`) is the publisher when there is none, else it
/// joins the note.
pub(super) fn genre_from_description(r: &mut Reference) {
    let w = &mut r.work;
    if w.genre.is_some() {
        return;
    }
    let in_title = r.title.as_deref().and_then(|t| {
        let inner = t.strip_suffix(']')?;
        let open = inner.rfind('[')?;
        let before = inner[..open].trim_end();
        let found = description(&inner[open + 1..]).filter(|_| !before.is_empty())?;
        Some((fields::clean(before), found))
    });
    if let Some((title, (genre, maker, more))) = in_title {
        r.title = Some(title);
        w.genre = Some(genre);
        join(&mut r.note, more);
        place_bracket(w, &mut r.note, maker, String::new());
        return;
    }
    let in_publisher = w.publisher.as_deref().and_then(|p| {
        let (inside, after) = p.strip_prefix('[')?.split_once(']')?;
        Some((description(inside)?, after_bracket(after)))
    });
    if let Some(((genre, maker, more), after)) = in_publisher {
        w.genre = Some(genre);
        w.publisher = None;
        join(&mut r.note, more);
        place_bracket(w, &mut r.note, maker, after);
    }
}

/// A data set's repository, a video's platform or a program's maker, which the tagger
/// may read as a container (`[Data set]. Zenodo.`, `[Video]. YouTube.`), is what APA
/// names as its publisher: with no publisher and nothing else of a container (volume,
/// issue, pages, editors), the container becomes the publisher.
pub(super) fn platform_as_publisher(w: &mut WorkFields) {
    let media = matches!(
        w.kind,
        Some(WorkType::Dataset | WorkType::Software | WorkType::MotionPicture)
    );
    let container_only = w.volume.is_none() && w.issue.is_none() && w.pages.is_none();
    if media && container_only && w.publisher.is_none() && w.editors.is_empty() {
        w.publisher = w.container_title.take();
    }
}

/// The CSL type a genre names (`Doctoral dissertation`, `Working paper`, `Data set`,
/// `Computer software`, `Film`), if it names one; the words are matched inside the
/// genre, case ignored.
pub(crate) fn genre_type(genre: &str) -> Option<WorkType> {
    const BY_GENRE: &[(WorkType, &[&str])] = &[
        (
            WorkType::Thesis,
            &[
                "thesis",
                "dissertation",
                "diss.",
                "phd",
                "ph.d",
                "master",
                "doctoral",
                "thèse",
                "tesis",
                "mémoire",
                "doktorarbeit",
            ],
        ),
        (
            WorkType::Report,
            &[
                "report",
                "working paper",
                "technical",
                "discussion paper",
                "white paper",
                "rapport",
                "bericht",
            ],
        ),
        (WorkType::Dataset, &["data set", "dataset"]),
        (WorkType::Software, &["software", "mobile app", "computer program"]),
        (WorkType::MotionPicture, &["motion picture", "film", "video", "dvd"]),
    ];
    let lower = genre.to_lowercase();
    BY_GENRE
        .iter()
        .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
        .map(|(t, _)| *t)
}

pub(super) fn kind(w: &WorkFields, journal: bool, has_url: bool) -> WorkType {
    const CONFERENCE: &[&str] = &[
        "proceedings",
        "proc.",
        "conference",
        "symposium",
        "workshop",
        "congress",
        "meeting",
        "colloquium",
    ];
    if let Some(t) = w.genre.as_deref().and_then(genre_type) {
        t
    } else if w.contributors.iter().any(|c| c.role == Role::Director) {
        WorkType::MotionPicture
    } else if w.version.is_some() && !journal && w.container_title.is_none() {
        WorkType::Software
    } else if journal {
        WorkType::ArticleJournal
    } else if let Some(container) = &w.container_title {
        let container = container.to_lowercase();
        if CONFERENCE.iter().any(|c| container.contains(c)) {
            WorkType::PaperConference
        } else {
            WorkType::Chapter
        }
    } else if w.publisher.is_some()
        || w.location.is_some()
        || w.isbn.is_some()
        || w.edition.is_some()
    {
        WorkType::Book
    } else if has_url {
        WorkType::Webpage
    } else {
        WorkType::Document
    }
}

#[cfg(test)]
mod tests {
    use super::version_number;

    #[test]
    fn versions_are_read_after_their_label() {
        assert_eq!(version_number("Version 3.3.070"), Some("3.3.070"));
        assert_eq!(version_number("version 2."), Some("2"));
        assert_eq!(version_number("v1.2-beta"), Some("1.2-beta"));
        assert_eq!(version_number("ver. 4.1"), Some("4.1"));
        for not in ["v. 2", "vol. 3", "Version two", "Versions 1 and 2", "2nd ed."] {
            assert_eq!(version_number(not), None, "{not}");
        }
    }
}
