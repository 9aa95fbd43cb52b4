//! The fitted model: the numeric features of a (claim, reference) pair, two logistic
//! stages and a calibration, read from `data/trace-weights.json`.
//!
//! Stage 1 combines what the claim and the title say ([`Feat`]). Stage 2 adds where the
//! entry stands in a list numbered in citation order ([`OrderFeat`]) to stage 1's
//! log-odds. Platt scaling then maps the result to a calibrated probability: in
//! cross-validation, links given 0.8 were right (core or plausible) about 80% of the
//! time. The weights are fitted by `cargo run --release --example fit_trace`.

use super::Signal;
use super::align::Emission;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

macro_rules! features {
    ($(#[$m:meta])* $name:ident { $($(#[doc = $d:literal])* $v:ident = $s:literal : $sig:expr,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[doc = $d])* $v,)* }
        impl $name {
            /// Every feature, in vector order.
            pub const ALL: &[$name] = &[$($name::$v,)*];
            /// How many there are.
            pub const COUNT: usize = $name::ALL.len();
            /// Name in the weights file.
            pub fn name(self) -> &'static str { match self { $($name::$v => $s,)* } }
            /// The signal that switches it off (`None`: always on).
            pub fn signal(self) -> Option<Signal> { match self { $($name::$v => $sig,)* } }
        }
    };
}

features! {
    /// Stage-1 features of a (claim, reference) pair.
    Feat {
        /// Always 1.
        Bias = "bias": None,
        /// BM25 mass of the shared words.
        Words = "words": Some(Signal::Words),
        /// IDF of the rarest shared word.
        WordsTop = "words_top": Some(Signal::Words),
        /// Share of the title's word mass the claim has.
        TitleCover = "title_cover": Some(Signal::Words),
        /// Share of the claim's word mass the title has.
        ClaimCover = "claim_cover": Some(Signal::Words),
        /// Distinct mentions of the claim matched, log.
        Mentions = "mentions": Some(Signal::Words),
        /// Only one mention matched.
        SingleMention = "single_mention": Some(Signal::Words),
        /// Text mass over the claim's best candidate's.
        RelBest = "rel_best": Some(Signal::Words),
        /// The claim's best candidate by text mass.
        IsBest = "is_best": Some(Signal::Words),
        /// Text mass over the reference's best claim's.
        RefRelBest = "ref_rel_best": Some(Signal::Words),
        /// Share of claims the reference has any evidence for (a broad title).
        Broad = "broad": Some(Signal::Words),
        /// Names in both, IDF-weighted.
        Names = "names": Some(Signal::Names),
        /// Same town or province, or one in the other.
        Places = "places": Some(Signal::Places),
        /// Only the same country.
        PlacesCountry = "places_country": Some(Signal::Places),
        /// News terms, acronyms and initials.
        Terms = "terms": Some(Signal::Acronyms),
        /// Event concepts.
        Events = "events": Some(Signal::Events),
        /// Weapons that disagree.
        WeaponConflict = "weapon_conflict": Some(Signal::Events),
        /// The same figure.
        Numbers = "numbers": Some(Signal::Numbers),
        /// The same figure counting the same thing.
        NumberUnit = "number_unit": Some(Signal::Numbers),
        /// The claim names the outlet as its source.
        Attributed = "attributed": Some(Signal::Attribution),
        /// Share of the outlet's name the claim has.
        OutletWords = "outlet_words": Some(Signal::Attribution),
        /// Evidence mass carried from the sentence before.
        Inherited = "inherited": Some(Signal::Context),
        /// A tracker covering the counted period.
        Tracker = "tracker": Some(Signal::Context),
        /// An incident report at a counted place.
        Incident = "incident": Some(Signal::Context),
        /// Published before the claim's own time.
        TimeBefore = "time_before": Some(Signal::Time),
        /// Published before a time carried from earlier.
        TimeBeforeCarried = "time_before_carried": Some(Signal::Time),
        /// Published in or just after the claim's time.
        TimeNear = "time_near": Some(Signal::Time),
        /// Days after the claim's time, log.
        TimeGap = "time_gap": Some(Signal::Time),
        /// The title claim: days before the article, log.
        TitleRecency = "title_recency": Some(Signal::Time),
        /// Content words of the title, log.
        TitleWords = "title_words": None,
        /// A title too thin to judge by.
        ThinTitle = "thin_title": None,
        /// Content words of the claim, log.
        ClaimWords = "claim_words": None,
        /// The claim closes its paragraph.
        LastInParagraph = "last_in_paragraph": None,
        /// The claim holds a figure or a year.
        ClaimFigure = "claim_figure": None,
        /// The claim is the article's title.
        TitleClaim = "title_claim": None,
        /// The claim is an opinion.
        Opinion = "opinion": None,
        /// Claim words that no key joins to the title but that share a WordNet sense
        /// with a different title word, log.
        Synonyms = "synonyms": Some(Signal::Synonyms),
        /// Claim words that no key joins to the title but that are, in WordNet, a kind
        /// of a title word, or a kind of one specific thing as a title word is, log.
        Kin = "kin": Some(Signal::Synonyms),
        /// BM25 mass of title words the claim lacks but an earlier sentence of its
        /// paragraph has.
        PrevWords = "prev_words": Some(Signal::Paragraph),
        /// BM25 mass of title words the claim lacks but the next sentence of its
        /// paragraph has.
        NextWords = "next_words": Some(Signal::Paragraph),
        /// Rank of the pair's text mass among the claim's candidates, log (0: the best).
        Rank = "rank": Some(Signal::Rank),
        /// Rank of the pair's text mass among the reference's claims, log.
        RefRank = "ref_rank": Some(Signal::Rank),
    }
}

features! {
    /// Stage-2 features: stage 1's log-odds and the entry's place in an ordered list.
    OrderFeat {
        /// Always 1.
        Bias = "bias": None,
        /// Stage 1's log-odds.
        Logit = "logit": None,
        /// The list is in citation order.
        Ordered = "ordered": Some(Signal::Order),
        /// Stage-1 log-odds in an ordered list.
        OrderedLogit = "ordered_logit": Some(Signal::Order),
        /// Posterior that the claim is the entry's first citation.
        First = "first": Some(Signal::Order),
        /// The same, log (from 0.01).
        FirstLog = "first_log": Some(Signal::Order),
        /// Posterior that the entry was first cited before the claim (a later citation).
        Earlier = "earlier": Some(Signal::Order),
        /// Expected number of entries first cited at the claim (it carries a note).
        ClaimNew = "claim_new": Some(Signal::Order),
        /// The claim is the entry's likeliest first citation among its candidates.
        EntryBest = "entry_best": Some(Signal::Order),
        /// The entry is the claim's likeliest first citation among its candidates.
        ClaimBest = "claim_best": Some(Signal::Order),
        /// `First` where the claim closes its paragraph (notes gather at the end of a
        /// run of sentences on one source).
        FirstClosing = "first_closing": Some(Signal::Order),
        /// `First` where the claim holds a figure or a year (what a note backs).
        FirstFigure = "first_figure": Some(Signal::Order),
        /// Kinship of the entry's title with the claim's best candidate's (another report
        /// of the same story), times that candidate's stage-1 probability; 0 for the best.
        Sibling = "sibling": Some(Signal::Siblings),
    }
}

/// Weights of both stages and the calibration.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Stage-1 weights, by `Feat`.
    pub stage1: Vec<f64>,
    /// Stage-2 weights, by `OrderFeat`.
    pub stage2: Vec<f64>,
    /// Platt scaling: probability = σ(a · log-odds + b), for lists not in citation order.
    pub platt: (f64, f64),
    /// Platt scaling for lists in citation order.
    pub platt_ordered: (f64, f64),
    /// Likelihood ratios of stage 1 for the alignment with the list order.
    pub emission: Emission,
}

/// The weights file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WeightsFile {
    /// How to regenerate it.
    pub command: String,
    /// Documents it was fitted on.
    pub fitted_on: Vec<String>,
    /// Where the data came from and under which licence.
    pub note: String,
    /// Stage-1 weights by name.
    pub stage1: BTreeMap<String, f64>,
    /// Stage-2 weights by name.
    pub stage2: BTreeMap<String, f64>,
    /// Platt scaling (a, b), lists not in citation order.
    pub platt: [f64; 2],
    /// Platt scaling (a, b), lists in citation order (absent: as `platt`).
    #[serde(default)]
    pub platt_ordered: Option<[f64; 2]>,
    /// The alignment's log likelihood ratios: (proposed-pair intercept, slope of the
    /// stage-1 log-odds, pair not proposed).
    #[serde(default)]
    pub emission: Option<[f64; 3]>,
}

/// The model shipped in `data/trace-weights.json`.
pub static SHIPPED: LazyLock<Model> = LazyLock::new(|| {
    serde_json::from_str::<WeightsFile>(include_str!("../../data/trace-weights.json"))
        .map(|w| Model::from_file(&w))
        .unwrap_or_else(|_| Model::zero())
});

/// The logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// A model that knows nothing (every weight 0).
    pub fn zero() -> Model {
        Model {
            stage1: vec![0.0; Feat::COUNT],
            stage2: vec![0.0; OrderFeat::COUNT],
            platt: (1.0, 0.0),
            platt_ordered: (1.0, 0.0),
            emission: Emission::default(),
        }
    }

    /// Reads weights by name; missing names weigh 0.
    pub fn from_file(w: &WeightsFile) -> Model {
        Model {
            stage1: Feat::ALL
                .iter()
                .map(|f| w.stage1.get(f.name()).copied().unwrap_or(0.0))
                .collect(),
            stage2: OrderFeat::ALL
                .iter()
                .map(|f| w.stage2.get(f.name()).copied().unwrap_or(0.0))
                .collect(),
            platt: (w.platt[0], w.platt[1]),
            platt_ordered: w
                .platt_ordered
                .map_or((w.platt[0], w.platt[1]), |p| (p[0], p[1])),
            emission: w.emission.map_or_else(Emission::default, |e| Emission {
                text: e[0],
                slope: e[1],
                unproposed: e[2],
            }),
        }
    }

    /// The weights file of this model.
    pub fn to_file(&self, command: &str, fitted_on: Vec<String>, note: &str) -> WeightsFile {
        WeightsFile {
            command: command.to_string(),
            fitted_on,
            note: note.to_string(),
            stage1: Feat::ALL
                .iter()
                .zip(&self.stage1)
                .map(|(f, w)| (f.name().to_string(), *w))
                .collect(),
            stage2: OrderFeat::ALL
                .iter()
                .zip(&self.stage2)
                .map(|(f, w)| (f.name().to_string(), *w))
                .collect(),
            platt: [self.platt.0, self.platt.1],
            platt_ordered: Some([self.platt_ordered.0, self.platt_ordered.1]),
            emission: Some([
                self.emission.text,
                self.emission.slope,
                self.emission.unproposed,
            ]),
        }
    }

    /// Stage-1 log-odds.
    pub fn logit1(&self, x: &[f64]) -> f64 {
        dot(&self.stage1, x)
    }

    /// Stage-2 log-odds.
    pub fn logit2(&self, x: &[f64]) -> f64 {
        dot(&self.stage2, x)
    }

    /// Calibrated probability from stage-2 log-odds, on a list in citation order or not.
    pub fn calibrated(&self, logit2: f64, ordered: bool) -> f64 {
        let (a, b) = if ordered {
            self.platt_ordered
        } else {
            self.platt
        };
        sigmoid(a * logit2 + b)
    }
}

fn dot(w: &[f64], x: &[f64]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}
