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

internal_mod!(align);
internal_mod!(claims);
internal_mod!(eval);
internal_mod!(evidence);
internal_mod!(features);
internal_mod!(fit);
mod fxhash;
mod index;
mod intern;
internal_mod!(lexicon);
mod matching;
internal_mod!(model);
internal_mod!(order);
mod pair;
internal_mod!(places);
mod score;
internal_mod!(synonyms);
internal_mod!(text);
internal_mod!(time);
internal_mod!(tuning);

pub use claims::{Claim, ClaimKind};
pub use evidence::{Evidence, PlaceRelation, TimeRelation};
pub use model::Model;

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
    /// The list's numbering in citation order, when it has one.
    Order,
    /// Words of one WordNet sense ("intensify" ~ "step up", "envoy" ~ "ambassador").
    Synonyms,
    /// Title words found in the sentences around the claim in its paragraph (authors
    /// put one note at the end of a run of sentences).
    Paragraph,
    /// The pair's rank among the claim's candidates and among the reference's claims.
    Rank,
    /// Another report of the same story as the claim's best source (shared title words,
    /// dates a few days apart): sources are often cited together.
    Siblings,
}

impl Signal {
    /// Every signal, in the order of the ablation table.
    pub const ALL: [Signal; 14] = [
        Signal::Words,
        Signal::Names,
        Signal::Places,
        Signal::Acronyms,
        Signal::Time,
        Signal::Events,
        Signal::Numbers,
        Signal::Attribution,
        Signal::Context,
        Signal::Order,
        Signal::Synonyms,
        Signal::Paragraph,
        Signal::Rank,
        Signal::Siblings,
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
            Signal::Order => "order",
            Signal::Synonyms => "synonyms",
            Signal::Paragraph => "paragraph",
            Signal::Rank => "rank",
            Signal::Siblings => "siblings",
        }
    }
}

/// Which signals are on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signals {
    /// Bit `s as u32` for each signal `s` on: `has` is asked for every key of every pair.
    on: u32,
}

impl Signals {
    /// All signals.
    pub fn all() -> Signals {
        Signals::only(&Signal::ALL)
    }

    /// Only these.
    pub fn only(signals: &[Signal]) -> Signals {
        Signals {
            on: signals.iter().fold(0, |on, s| on | 1 << *s as u32),
        }
    }

    /// All but one.
    pub fn without(signal: Signal) -> Signals {
        Signals {
            on: Signals::all().on & !(1 << signal as u32),
        }
    }

    /// Whether a signal is on.
    pub fn has(&self, signal: Signal) -> bool {
        self.on & 1 << signal as u32 != 0
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
    /// Links below this calibrated probability are dropped; factual claims with none
    /// left are unsupported.
    pub min_confidence: f64,
    /// At most this many sources per claim (a claim that counts incidents may have
    /// more: `Tuning::max_links_counting`).
    pub max_sources: usize,
    /// Links below this share of the claim's best link are dropped.
    pub relative_cut: f64,
    /// Signals in use.
    pub signals: Signals,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: tuning::TUNING.link_at,
            max_sources: tuning::TUNING.max_links,
            relative_cut: tuning::TUNING.relative_cut,
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
    /// Calibrated probability that the link is right, 0..1.
    pub score: f64,
    /// What matched, worded for a fact-checker.
    pub evidence: Vec<Evidence>,
    /// What disagrees (drone vs ballistic missile).
    pub conflicts: Vec<Evidence>,
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
    /// Entries that may be the source but whose titles carry too little to judge by
    /// (1-based), when no link was made.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thin_titles: Vec<usize>,
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
    /// Whether the list was found to be numbered in citation order (then an entry's
    /// place in it is evidence).
    pub citation_order: bool,
    /// ln of the Bayes factor behind `citation_order` (0 when the alignment was not run).
    #[serde(skip)]
    pub order_evidence: f64,
}

impl Trace {
    /// How many claims have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.claims.iter().filter(|c| c.status == status).count()
    }
}

/// Calibrated probability from which a link makes its claim supported rather than
/// partial: such links were right more often than not in cross-validation.
pub const SUPPORTED_AT: f64 = 0.55;

/// What tracing needs from a parsed article: its claims, body, list text and date.
pub(crate) struct Prepared {
    pub(crate) claims: Vec<Claim>,
    pub(crate) body: String,
    pub(crate) list: String,
    pub(crate) today: Option<chrono::NaiveDate>,
}

pub(crate) fn prepare(source: &Source, parsed: &Parsed) -> Prepared {
    let article = &parsed.article;
    let claims = claims::claims(source.text(), article.title_span, &article.paragraphs);
    let today = article.date.map(|d| d.last_day());
    let body = source
        .text()
        .get(article.body.range())
        .unwrap_or("")
        .to_string();
    let list = parsed
        .references
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r.title.as_deref().unwrap_or(""),
                r.outlet.as_deref().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    Prepared {
        claims,
        body,
        list,
        today,
    }
}

/// Traces every claim of a parsed article to its references with the shipped model.
pub fn trace(source: &Source, parsed: &Parsed, options: &Options) -> Trace {
    trace_with(source, parsed, options, &model::SHIPPED)
}

/// Traces every claim with the given model (for cross-validation and refitted weights).
pub fn trace_with(source: &Source, parsed: &Parsed, options: &Options, model: &Model) -> Trace {
    let prep = prepare(source, parsed);
    let claims = &prep.claims;
    let mut table = score::Table::build(
        claims,
        &parsed.references,
        (&prep.body, &prep.list),
        prep.today,
        &options.signals,
    );
    let mut rows = std::mem::take(&mut table.rows);
    let paragraphs: Vec<usize> = claims.iter().map(|c| c.paragraph).collect();
    let stage2 = score::stage2(
        &mut rows,
        &paragraphs,
        parsed.references.len(),
        model,
        &options.signals,
        |c, r| Some(table.row(c, r, false)),
        |c, a, b| {
            if table.counts(c) {
                0.0
            } else {
                table.index.kinship(a, b)
            }
        },
    );
    let pairs_scored = rows.len();
    // Pairs a sibling of the claim's best match lifted: (claim, entry) → the best match.
    let mut sibling_of: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    let sib = model::OrderFeat::Sibling as usize;
    let mut per_claim: Vec<Vec<(usize, f64, bool)>> = vec![Vec::new(); claims.len()];
    let layout = &stage2.layout;
    for ((r, p), x) in rows.iter().zip(&stage2.probs).zip(&stage2.x) {
        let thin = r.x[model::Feat::ThinTitle as usize] > 0.0;
        // Said as evidence when it lifts the log-odds by half a unit or more.
        if model.stage2[sib] * x[sib] >= 0.5 {
            sibling_of.insert((r.claim, r.reference), stage2.best[&r.claim].0);
        }
        per_claim[r.claim].push((r.reference, *p, thin));
    }
    let mut traced = Vec::new();
    for (c, (claim, mut cands)) in claims.iter().zip(per_claim).enumerate() {
        cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Forecasts and questions are about what no earlier source can report; an
        // opinion is linked only to a source that clearly states its factual basis.
        let floor = match claim.kind {
            ClaimKind::Factual => options.min_confidence,
            ClaimKind::Opinion => options.min_confidence.max(SUPPORTED_AT),
            ClaimKind::Forecast | ClaimKind::Question => f64::INFINITY,
        };
        let best = cands.first().map(|x| x.1).unwrap_or(0.0);
        let floor = floor.max(best * options.relative_cut);
        // A claim that counts incidents is backed by each incident's report.
        let most = if table.counts(c) {
            tuning::TUNING.max_links_counting
        } else {
            options.max_sources
        };
        let sources: Vec<Link> = cands
            .iter()
            .filter(|x| x.1 >= floor)
            .take(most)
            .map(|&(r, p, _)| {
                let (mut evidence, conflicts) = table.explain(c, r);
                if let Some((after, before)) = layout.neighbours(r) {
                    let one = |e: Option<usize>| e.map(|e| parsed.references[e].index);
                    evidence.push(Evidence::ListOrder {
                        after: one(after),
                        before: one(before),
                    });
                }
                if let Some(&of) = sibling_of.get(&(c, r)) {
                    evidence.push(Evidence::Sibling {
                        of: parsed.references[of].index,
                    });
                }
                evidence.push(Evidence::TitleOnly);
                Link {
                    index: parsed.references[r].index,
                    key: parsed.references[r].key.clone(),
                    score: (p * 1000.0).round() / 1000.0,
                    evidence,
                    conflicts,
                }
            })
            .collect();
        let thin_titles = if sources.is_empty() && claim.kind == ClaimKind::Factual {
            cands
                .iter()
                .take(1)
                .filter(|x| x.2 && x.1 >= options.min_confidence / 2.0)
                .map(|x| parsed.references[x.0].index)
                .collect()
        } else {
            Vec::new()
        };
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
            thin_titles,
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
        citation_order: layout.ordered,
        order_evidence: layout.log_bayes,
    }
}
