//! Traces each claim of an article (its title and body sentences) to the references
//! that support it, with a confidence and evidence worded for a fact-checker.
//!
//! Support is judged from a reference's title, outlet and date only: a link means the
//! claim is *consistent with the title*, never that it was verified.
//!
//! ```
//! use reftrace::{Source, parse, trace};
//!
//! let text = "Title line about Mosul\n\nAn IED hit a patrol near Mosul on November 8.\n\n\
//!             Reuters, \"Explosive device near Iraq's Mosul targets patrol,\" 11/9/23\n\
//!             - \"Drone attack on Erbil,\" 11/10/23\n";
//! let source = Source::new("example.txt", text);
//! let parsed = parse(&source);
//! let result = trace::trace(&source, &parsed, &trace::Options::default());
//! let claim = &result.claims[1];
//! assert_eq!(claim.sources[0].index, 1);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod claims;
pub mod eval;
pub mod features;
mod index;
pub mod lexicon;
mod matching;
pub mod places;
mod score;
pub mod synonyms;
pub mod text;
pub mod time;

pub use claims::{Claim, ClaimKind};

use crate::{Parsed, Source};
use serde::Serialize;

/// The kinds of evidence the scorer combines; each can be switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Signal {
    /// Shared words (BM25 over titles, stemmed, stop words dropped).
    Words,
    /// Names across spellings and transliterations.
    Names,
    /// Places, their provinces and countries; capitals for governments.
    Places,
    /// Acronyms and news terms with their expansions.
    Acronyms,
    /// The claim's time against the source's date.
    Time,
    /// Event words (weapons, strikes, attacks) and their conflicts.
    Events,
    /// Numbers with what they count.
    Numbers,
    /// `Al Mada reported`, `according to Reuters`.
    Attribution,
    /// Names and dates carried over from the sentence before; counts and trackers.
    Context,
}

impl Signal {
    /// Every signal, in the order of the ablation table.
    pub const ALL: [Signal; 9] = [
        Signal::Words,
        Signal::Names,
        Signal::Places,
        Signal::Acronyms,
        Signal::Time,
        Signal::Events,
        Signal::Numbers,
        Signal::Attribution,
        Signal::Context,
    ];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Words => "words",
            Signal::Names => "names",
            Signal::Places => "places",
            Signal::Acronyms => "acronyms",
            Signal::Time => "time",
            Signal::Events => "events",
            Signal::Numbers => "numbers",
            Signal::Attribution => "attribution",
            Signal::Context => "context",
        }
    }
}

/// Which signals are on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signals(Vec<Signal>);

impl Signals {
    /// All signals.
    pub fn all() -> Signals {
        Signals(Signal::ALL.to_vec())
    }

    /// Only these.
    pub fn only(signals: &[Signal]) -> Signals {
        Signals(signals.to_vec())
    }

    /// All but one.
    pub fn without(signal: Signal) -> Signals {
        Signals(
            Signal::ALL
                .iter()
                .copied()
                .filter(|s| *s != signal)
                .collect(),
        )
    }

    /// Whether a signal is on.
    pub fn has(&self, signal: Signal) -> bool {
        self.0.contains(&signal)
    }
}

impl Default for Signals {
    fn default() -> Self {
        Signals::all()
    }
}

/// Settings of a trace.
#[derive(Debug, Clone)]
pub struct Options {
    /// Links below this confidence are dropped; factual claims with none left are
    /// unsupported.
    pub min_confidence: f64,
    /// At most this many sources per claim.
    pub max_sources: usize,
    /// Signals in use.
    pub signals: Signals,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: 0.3,
            max_sources: 25,
            signals: Signals::all(),
        }
    }
}

/// Whether a claim is backed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A source's title is clearly consistent with it.
    Supported,
    /// Sources touch it, none strongly.
    Partial,
    /// A factual claim no listed source backs.
    Unsupported,
    /// An opinion, forecast or question.
    NotCheckable,
}

impl Status {
    /// The status as the JSON contract writes it (`not-checkable`), also used in
    /// `data-status` attributes and ClaimReview properties.
    pub fn name(self) -> &'static str {
        match self {
            Status::Supported => "supported",
            Status::Partial => "partial",
            Status::Unsupported => "unsupported",
            Status::NotCheckable => "not-checkable",
        }
    }
}

/// One source linked to a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The reference's 1-based position, as in `parse`.
    pub index: usize,
    /// The reference's key.
    pub key: String,
    /// Confidence, 0..1.
    pub score: f64,
    /// What matched, worded for a fact-checker.
    pub evidence: Vec<String>,
    /// What disagrees (drone vs ballistic missile).
    pub conflicts: Vec<String>,
}

/// A claim with its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimTrace {
    /// 1-based position.
    pub index: usize,
    /// The sentence.
    pub text: String,
    /// First byte in the input.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// Kind of claim.
    pub kind: ClaimKind,
    /// Whether it is the title.
    pub title: bool,
    /// Support status.
    pub status: Status,
    /// Supporting sources, best first.
    pub sources: Vec<Link>,
}

/// A reference with the claims that use it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceUse {
    /// 1-based position.
    pub index: usize,
    /// Its key.
    pub key: String,
    /// Claims (1-based) that it supports.
    pub claims: Vec<usize>,
}

/// The result of tracing an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    /// Every claim in text order.
    pub claims: Vec<ClaimTrace>,
    /// Every reference with the claims that use it.
    pub references: Vec<ReferenceUse>,
    /// References no claim uses (1-based).
    pub unused_references: Vec<usize>,
    /// Factual claims without support (1-based).
    pub unsupported_claims: Vec<usize>,
    /// Claim-reference pairs the candidate index let through to scoring (all pairs
    /// would be claims × references).
    pub pairs_scored: usize,
}

impl Trace {
    /// How many claims have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.claims.iter().filter(|c| c.status == status).count()
    }
}

/// Confidence from which a claim counts as supported rather than partial.
pub const SUPPORTED_AT: f64 = 0.55;

/// Traces every claim of a parsed article to its references.
pub fn trace(source: &Source, parsed: &Parsed, options: &Options) -> Trace {
    let article = &parsed.article;
    let claims = claims::claims(source.text(), article.title_span, &article.paragraphs);
    let today = article.date.map(|d| d.last_day());
    let body = source.text().get(article.body.range()).unwrap_or("");
    let mut pairs_scored = 0;
    let links = score::link_all(
        &claims,
        &parsed.references,
        body,
        today,
        options,
        &mut pairs_scored,
    );
    let mut traced = Vec::new();
    for (claim, sources) in claims.iter().zip(links) {
        // Forecasts and questions are about what no earlier source can report; an
        // opinion is linked only to a source that clearly states its factual basis.
        let floor = match claim.kind {
            ClaimKind::Factual => options.min_confidence,
            ClaimKind::Opinion => options.min_confidence.max(SUPPORTED_AT),
            ClaimKind::Forecast | ClaimKind::Question => f64::INFINITY,
        };
        let sources: Vec<Link> = sources
            .into_iter()
            .filter(|l| l.score >= floor)
            .take(options.max_sources)
            .collect();
        let status = if !claim.kind.is_checkable() {
            Status::NotCheckable
        } else if sources.first().is_some_and(|l| l.score >= SUPPORTED_AT) {
            Status::Supported
        } else if sources.is_empty() {
            Status::Unsupported
        } else {
            Status::Partial
        };
        traced.push(ClaimTrace {
            index: claim.index,
            text: claim.text.clone(),
            byte_start: claim.span.start,
            byte_end: claim.span.end,
            kind: claim.kind,
            title: claim.title,
            status,
            sources,
        });
    }
    let mut uses: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
    for c in &traced {
        for l in &c.sources {
            uses.entry(l.index).or_default().push(c.index);
        }
    }
    let references: Vec<ReferenceUse> = parsed
        .references
        .iter()
        .map(|r| ReferenceUse {
            index: r.index,
            key: r.key.clone(),
            claims: uses.remove(&r.index).unwrap_or_default(),
        })
        .collect();
    Trace {
        unused_references: references
            .iter()
            .filter(|r| r.claims.is_empty())
            .map(|r| r.index)
            .collect(),
        unsupported_claims: traced
            .iter()
            .filter(|c| c.status == Status::Unsupported)
            .map(|c| c.index)
            .collect(),
        claims: traced,
        references,
        pairs_scored,
    }
}
