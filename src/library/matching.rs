//! When two records are the same work, and how the reason is worded.
//!
//! Two records are one work when
//! 1. they carry the same DOI (after normalisation: lower case, no `https://doi.org/`
//!    or `doi:` prefix); or
//! 2. their titles are the same once reduced to ASCII letters and digits (at least 12
//!    of them, the rule `export::combine` uses across articles), their dates do not
//!    conflict (the same year, and the same month and day as far as both give them),
//!    their outlets do not conflict (the same name once folded, one inside the other,
//!    or one of them missing), and their DOIs, if both have one, agree.
//!
//! An article's list that marks an entry as a repeat of an earlier one (`duplicate_of`)
//! is followed as well. Every merge keeps its reason; `library split` undoes it.

use crate::refs::PartialDate;

/// Titles shorter than this (in ASCII letters and digits) never merge by title alone.
pub const MIN_FINGERPRINT: usize = 12;

/// A title reduced for comparison: ASCII letters and digits, lower case; `None` when
/// too short to identify a work.
pub fn fingerprint(title: &str) -> Option<String> {
    let print: String = deunicode::deunicode(title)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (print.len() >= MIN_FINGERPRINT).then_some(print)
}

/// A DOI in its normal form, or `None` when `text` holds none.
pub fn normalise_doi(text: &str) -> Option<String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let start = lower.find("10.")?;
    let doi = &lower[start..];
    (doi.contains('/') && doi.len() > 4).then(|| doi.trim_end_matches(['.', ',']).to_string())
}

/// Whether two dates can be the same publication date.
pub fn dates_compatible(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let agree = |x: Option<u8>, y: Option<u8>| x.zip(y).is_none_or(|(x, y)| x == y);
    a.year == b.year && agree(a.month, b.month) && (a.month.is_none() || agree(a.day, b.day))
}

fn fold_outlet(outlet: &str) -> String {
    let folded: String = deunicode::deunicode(outlet)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "the")
        .collect::<Vec<_>>()
        .join(" ");
    folded
}

/// Whether two outlets (or containers) can name the same publication.
pub fn outlets_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (a, b) = (fold_outlet(a), fold_outlet(b));
    a.is_empty() || b.is_empty() || a == b || a.contains(&b) || b.contains(&a)
}

/// Why a record was merged into a work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The same DOI.
    SameDoi(String),
    /// The same title, with dates and outlets that agree.
    SameTitle {
        /// The title of the work it joined.
        title: String,
        /// Its date, if any.
        date: Option<String>,
        /// Its outlet, if any.
        outlet: Option<String>,
    },
    /// The article's own list marks the entry as a repeat.
    RepeatInList {
        /// The entry it repeats (1-based).
        entry: usize,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::SameDoi(doi) => write!(f, "same DOI {doi}"),
            Reason::SameTitle {
                title,
                date,
                outlet,
            } => {
                write!(f, "same title \"{title}\"")?;
                match date {
                    Some(d) => write!(f, ", date agrees with {d}")?,
                    None => write!(f, ", no conflicting date")?,
                }
                match outlet {
                    Some(o) => write!(f, ", outlet agrees with {o}"),
                    None => write!(f, ", no conflicting outlet"),
                }
            }
            Reason::RepeatInList { entry } => {
                write!(f, "the article's list repeats its entry {entry}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_are_normalised() {
        assert_eq!(
            normalise_doi("https://doi.org/10.1080/ABC.123").as_deref(),
            Some("10.1080/abc.123")
        );
        assert_eq!(normalise_doi("doi:10.1/x").as_deref(), Some("10.1/x"));
        assert_eq!(normalise_doi("n/a"), None);
    }

    #[test]
    fn dates_conflict_only_where_both_are_precise() {
        let d = |y, m, dd| PartialDate::ymd(y, m, dd);
        assert!(dates_compatible(
            d(2023, 11, 9),
            Some(PartialDate::year(2023))
        ));
        assert!(dates_compatible(d(2023, 11, 9), PartialDate::ym(2023, 11)));
        assert!(!dates_compatible(d(2023, 11, 9), d(2023, 11, 10)));
        assert!(!dates_compatible(
            Some(PartialDate::year(2022)),
            d(2023, 1, 1)
        ));
        assert!(dates_compatible(None, d(2023, 1, 1)));
    }

    #[test]
    fn outlets_agree_when_one_names_the_other() {
        assert!(outlets_compatible(Some("Reuters"), Some("reuters.com")));
        assert!(outlets_compatible(Some("The National"), Some("National")));
        assert!(!outlets_compatible(Some("Reuters"), Some("Xinhua")));
        assert!(outlets_compatible(None, Some("Xinhua")));
        assert!(fingerprint("Short").is_none());
    }
}
