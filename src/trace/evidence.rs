//! What a link rests on, typed: each piece of evidence is one [`Evidence`] value with a
//! wording for people ([`std::fmt::Display`]) and, in JSON, a `kind` tag next to that
//! `text`, so that no report has to read the wording back.
//!
//! Quoted words are always words of the claim or of the title, as written there.

use chrono::NaiveDate;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

/// How a place of the claim relates to a place of the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceRelation {
    /// The same place (maybe spelled otherwise).
    Same,
    /// The claim's place lies in the title's.
    ClaimInTitle,
    /// The title's place lies in the claim's.
    TitleInClaim,
    /// Both lie in a third place (named in `area`).
    BothIn,
    /// One is the capital that stands for the other's government.
    Capital,
}

/// When a source appeared relative to what the claim says happened.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeRelation {
    /// Published before the time the claim names.
    Before,
    /// Published in or within two days after it.
    Near,
    /// Published this many days after it.
    After(i64),
    /// The title claim: published this many days before the article.
    BeforeArticle(i64),
}

/// One piece of evidence for (or against) a link.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// Words the claim and the title share: (claim word, title word) pairs.
    SharedWords(Vec<(String, String)>),
    /// A name in both, maybe spelled otherwise.
    SameName {
        /// As the claim writes it.
        claim: String,
        /// As the title writes it.
        title: String,
        /// Whether it comes from the sentence before.
        inherited: bool,
    },
    /// Places that are the same or contain one another.
    Place {
        /// As the claim writes it.
        claim: String,
        /// As the title writes it.
        title: String,
        /// How they relate.
        relation: PlaceRelation,
        /// The area they share, by name.
        area: String,
        /// Whether it comes from the sentence before.
        inherited: bool,
    },
    /// A term, an event word, a figure or an acronym meeting its expansion.
    Term {
        /// What kind of term (`term`, `event`, `number`, `acronym`).
        what: &'static str,
        /// As the claim writes it.
        claim: String,
        /// As the title writes it.
        title: String,
        /// Whether it comes from the sentence before.
        inherited: bool,
    },
    /// The claim names this entry's outlet or author as its source.
    Attributed(String),
    /// The organisation the claim names is this entry's outlet.
    OutletNamed {
        /// As the claim writes it.
        claim: String,
        /// The outlet.
        outlet: String,
    },
    /// The source's date against the claim's time.
    Published {
        /// The source's date.
        date: String,
        /// The relation.
        relation: TimeRelation,
        /// The claim's time words, as written (empty for the title claim).
        time: String,
        /// Whether the time came from an earlier sentence.
        inherited: bool,
    },
    /// The list is numbered in citation order and this entry's place fits the claim's.
    ListOrder {
        /// The nearest entry before it that the text cites with confidence.
        after: Option<usize>,
        /// The nearest entry after it that the text cites with confidence.
        before: Option<usize>,
    },
    /// A tracker covering the period the claim counts.
    Tracker,
    /// An incident report at a place the claim counts incidents at.
    Incident,
    /// Weapons that disagree (a conflict).
    WeaponConflict {
        /// As the claim writes them.
        claim: Vec<String>,
        /// As the title writes them.
        title: Vec<String>,
    },
    /// Another report of the same story as the claim's best match (titles alike, dated
    /// a few days apart): sources of one story are cited together.
    Sibling {
        /// The best match's number in the list.
        of: usize,
    },
    /// The closing reminder: support is judged from the title only.
    TitleOnly,
    /// The best title carries too little to judge by (a data page, a statute).
    ThinTitle(usize),
}

fn from(inherited: bool) -> &'static str {
    if inherited {
        " (from the sentence before)"
    } else {
        ""
    }
}

fn pair(f: &mut fmt::Formatter, a: &str, b: &str) -> fmt::Result {
    if super::text::fold(a) == super::text::fold(b) {
        write!(f, "\"{a}\"")
    } else {
        write!(f, "\"{a}\" ~ \"{b}\"")
    }
}

fn quoted(xs: &[String]) -> String {
    xs.iter()
        .map(|x| format!("\"{x}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::SharedWords(words) => {
                f.write_str("shared words: ")?;
                for (i, (a, b)) in words.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    pair(f, a, b)?;
                }
                Ok(())
            }
            Evidence::SameName {
                claim,
                title,
                inherited,
            } => {
                if super::text::fold(claim) == super::text::fold(title) {
                    write!(f, "same name: \"{claim}\"{}", from(*inherited))
                } else {
                    write!(
                        f,
                        "same name, other spelling: \"{claim}\" ~ \"{title}\"{}",
                        from(*inherited)
                    )
                }
            }
            Evidence::Place {
                claim: a,
                title: b,
                relation,
                area,
                inherited,
            } => {
                let from = from(*inherited);
                match relation {
                    PlaceRelation::Same => {
                        f.write_str("place: ")?;
                        pair(f, a, b)?;
                        f.write_str(from)
                    }
                    PlaceRelation::ClaimInTitle => {
                        write!(f, "place: \"{a}\" lies in \"{b}\"{from}")
                    }
                    PlaceRelation::TitleInClaim => {
                        write!(f, "place: \"{b}\" lies in \"{a}\"{from}")
                    }
                    PlaceRelation::BothIn => {
                        write!(f, "place: \"{a}\" and \"{b}\" both lie in {area}{from}")
                    }
                    PlaceRelation::Capital => write!(
                        f,
                        "place: \"{a}\" ~ \"{b}\": the capital stands for {area}{from}"
                    ),
                }
            }
            Evidence::Term {
                what,
                claim,
                title,
                inherited,
            } => {
                write!(f, "{what}: ")?;
                pair(f, claim, title)?;
                f.write_str(from(*inherited))
            }
            Evidence::Attributed(outlet) => write!(
                f,
                "attributed in the text: \"{outlet}\" is this entry's outlet"
            ),
            Evidence::OutletNamed { claim, outlet } => {
                write!(f, "outlet named: \"{claim}\" ~ \"{outlet}\"")
            }
            Evidence::Published {
                date,
                relation,
                time,
                inherited,
            } => {
                let from = if *inherited {
                    " (date from an earlier sentence)"
                } else {
                    ""
                };
                match relation {
                    TimeRelation::Before => write!(
                        f,
                        "published {date}, before \"{time}\": it can hardly report it{from}"
                    ),
                    TimeRelation::Near => {
                        write!(f, "published {date}, in or just after \"{time}\"{from}")
                    }
                    TimeRelation::After(gap) => {
                        write!(f, "published {date}, {gap} days after \"{time}\"{from}")
                    }
                    TimeRelation::BeforeArticle(gap) => write!(
                        f,
                        "published {date}, {gap} day{} before the article (the title reports its newest events)",
                        if *gap == 1 { "" } else { "s" }
                    ),
                }
            }
            Evidence::ListOrder { after, before } => {
                f.write_str("the list follows citation order")?;
                match (after, before) {
                    (Some(a), Some(b)) => {
                        write!(f, ": this entry's place fits between #{a} and #{b}")
                    }
                    (Some(a), None) => write!(f, ": this entry's place fits after #{a}"),
                    (None, Some(b)) => write!(f, ": this entry's place fits before #{b}"),
                    (None, None) => Ok(()),
                }
            }
            Evidence::Tracker => {
                f.write_str("tracks many incidents over the period the claim counts")
            }
            Evidence::Incident => {
                f.write_str("an incident report at a place the claim counts incidents at")
            }
            Evidence::WeaponConflict { claim, title } => write!(
                f,
                "the claim says {}, the title says {}",
                quoted(claim),
                quoted(title)
            ),
            Evidence::Sibling { of } => write!(
                f,
                "reports the same story as #{of}, the claim's best match: alike titles, dated within a few days"
            ),
            Evidence::TitleOnly => {
                f.write_str("support judged from the title only: consistent with the title")
            }
            Evidence::ThinTitle(n) => write!(
                f,
                "not enough in the title: {n} content word{} to judge by",
                if *n == 1 { "" } else { "s" }
            ),
        }
    }
}

impl Evidence {
    /// The `kind` tag of the JSON form.
    pub fn kind(&self) -> &'static str {
        match self {
            Evidence::SharedWords(_) => "words",
            Evidence::SameName { .. } => "name",
            Evidence::Place { .. } => "place",
            Evidence::Term { what, .. } => what,
            Evidence::Attributed(_) => "attribution",
            Evidence::OutletNamed { .. } => "outlet",
            Evidence::Published { .. } => "date",
            Evidence::ListOrder { .. } => "order",
            Evidence::Tracker => "tracker",
            Evidence::Incident => "incident",
            Evidence::WeaponConflict { .. } => "conflict",
            Evidence::Sibling { .. } => "sibling",
            Evidence::TitleOnly => "title-only",
            Evidence::ThinTitle(_) => "thin-title",
        }
    }

    /// The wording for a published date.
    pub(super) fn published(
        date: impl fmt::Display,
        relation: TimeRelation,
        time: &str,
        inherited: bool,
    ) -> Evidence {
        Evidence::Published {
            date: date.to_string(),
            relation,
            time: time.to_string(),
            inherited,
        }
    }
}

/// Days between two dates, for wording.
pub(super) fn gap_days(a: NaiveDate, b: NaiveDate) -> i64 {
    (a - b).num_days()
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Evidence", 2)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("text", &self.to_string())?;
        st.end()
    }
}
