//! Every hand-set number of the tracer, named in one place.
//!
//! These are structural settings (how strongly a province stands for its country, how
//! many candidates are scored), not the weights that combine signals: those are fitted
//! (see [`super::model`] and `data/trace-weights.json`). Values marked *CV* were chosen
//! by the leave-one-document-out cross-validation of `examples/crossval.rs`, never by
//! looking at one document.

/// The tracer's hand-set numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// Strength of the country key of a province.
    pub province_in_country: f64,
    /// Strength of the province key of a town that lies in it.
    pub town_in_province: f64,
    /// Strength of the country key of a capital (it stands for the government).
    pub capital_for_country: f64,
    /// Strength of the country key of any other town.
    pub town_in_country: f64,
    /// Strength of keys carried over from the sentence before when the sentence opens by
    /// pointing back (`He said`, `The group`).
    pub carry_pointing: f64,
    /// Strength of keys carried over otherwise.
    pub carry_plain: f64,
    /// BM25 length normalisation.
    pub bm25_b: f64,
    /// References scored in full per claim after the cheap first pass.
    pub max_candidates: usize,
    /// A key posted on more than this share of the list (and more than
    /// `min_posting_cap` entries) does not propose candidates.
    pub posting_share: f64,
    /// See `posting_share`.
    pub min_posting_cap: usize,
    /// ln of the likelihood ratio (the list in its own order against the best of its
    /// shuffles, under the alignment) from which a list is judged to be in citation order
    /// (set beforehand, not swept; `crossval -- --shuffled` checks shuffles stay below).
    pub order_evidence: f64,
    /// Shuffles of the list the alignment is compared with.
    pub order_shuffles: usize,
    /// The alignment is run only when claims × entries is at most this (time and memory
    /// are linear in it).
    pub max_align_cells: usize,
    /// Prior share of entries the text never cites (alignment).
    pub align_skip: f64,
    /// Prior probability that an entry is first cited at the same claim as the entry
    /// before it (alignment).
    pub align_same_claim: f64,
    /// Rounds of re-estimating the alignment's prior on the document (Baum-Welch).
    pub align_rounds: usize,
    /// In an ordered list, a pair the text index did not propose is scored when the
    /// alignment gives at least this posterior to its claim being the entry's first
    /// citation.
    pub order_pair_at: f64,
    /// Links below this calibrated probability are dropped (*CV*).
    pub link_at: f64,
    /// Links below this share of the claim's best probability are dropped (*CV*).
    pub relative_cut: f64,
    /// At most this many links per claim (*CV*).
    pub max_links: usize,
    /// At most this many links for a claim that counts incidents over a period.
    pub max_links_counting: usize,
    /// L2 penalty of the logistic fits.
    pub l2: f64,
    /// Weight of stage 1's ranking term (each claim's candidates as one choice) against
    /// its pointwise log-loss, per document (*CV*).
    pub listwise: f64,
    /// A title with at most this many content words carries too little to judge alone.
    pub thin_title: usize,
    /// Two titles dated this many days apart or more are not reports of one story
    /// (kinship falls linearly from 1 on the same day to 0 here).
    pub sibling_days: f64,
}

/// The values in use.
pub const TUNING: Tuning = Tuning {
    province_in_country: 0.4,
    town_in_province: 0.7,
    capital_for_country: 0.9,
    town_in_country: 0.4,
    carry_pointing: 0.5,
    carry_plain: 0.3,
    bm25_b: 0.5,
    max_candidates: 60,
    posting_share: 0.25,
    min_posting_cap: 40,
    order_evidence: 3.0,
    order_shuffles: 8,
    max_align_cells: 4_000_000,
    align_skip: 0.05,
    align_same_claim: 0.2,
    align_rounds: 3,
    order_pair_at: 0.02,
    link_at: 0.1,
    relative_cut: 0.3,
    max_links: 2,
    max_links_counting: 25,
    l2: 1.0,
    listwise: 0.3,
    thin_title: 2,
    sibling_days: 4.0,
};
