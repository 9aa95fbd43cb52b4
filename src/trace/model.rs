//! The fitted model: the numeric features of a (claim, reference) pair, two logistic
//! stages and a calibration, read from `data/trace-weights.json`.
//!
//! Stage 1 combines what the claim and the title say ([`Feat`]). Stage 2 adds where the
//! entry stands in a list numbered in citation order ([`OrderFeat`]) to stage 1's
//! log-odds. Platt scaling then maps the result to a calibrated probability: in
//! cross-validation, links given 0.8 were right (core or plausible) about 80% of the
//! time. The weights are fitted by `cargo run --release --example fit_trace`.

use super::Signal;
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
        /// The claim lies between the placements of the entry's neighbours.
        InWindow = "in_window": Some(Signal::Order),
        /// Claims between the claim and the window's start, log (too early).
        Early = "early": Some(Signal::Order),
        /// Claims between the window's end and the claim, log (a later citation).
        Late = "late": Some(Signal::Order),
        /// Claims in the window, log.
        Width = "width": Some(Signal::Order),
        /// The alignment placed the entry's first citation at this claim.
        Placed = "placed": Some(Signal::Order),
        /// Claims between this claim and the entry's placement, log.
        PlacedDistance = "placed_distance": Some(Signal::Order),
        /// The claim is the entry's best (by stage 1) among the claims of its window.
        WindowBest = "window_best": Some(Signal::Order),
        /// The entry is the claim's best among the entries whose window holds it.
        ClaimWindowBest = "claim_window_best": Some(Signal::Order),
    }
}

/// Weights of both stages and the calibration.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Stage-1 weights, by `Feat`.
    pub stage1: Vec<f64>,
    /// Stage-2 weights, by `OrderFeat`.
    pub stage2: Vec<f64>,
    /// Platt scaling: probability = σ(a · log-odds + b).
    pub platt: (f64, f64),
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
    /// Platt scaling (a, b).
    pub platt: [f64; 2],
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

    /// Calibrated probability from stage-2 log-odds.
    pub fn calibrated(&self, logit2: f64) -> f64 {
        sigmoid(self.platt.0 * logit2 + self.platt.1)
    }
}

fn dot(w: &[f64], x: &[f64]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}
