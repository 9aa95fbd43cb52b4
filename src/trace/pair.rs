//! One (claim, reference) pair: its stage-1 feature vector ([`Feat`]), its text mass
//! (for the relative features and candidate ranking), and, when asked, its evidence.

use super::evidence::Evidence;
use super::features::{Features, Key, Sense};
use super::index::RefIndex;
use super::matching::{describe, name_matches, time_evidence};
use super::model::Feat;
use super::places::Via;
use super::text::{fold, is_stop_word, stem};
use super::tuning::TUNING;
use super::{Claim, ClaimKind, Signal, Signals};
use chrono::NaiveDate;

/// What a pair needs to know about its claim.
pub(super) struct ClaimSide<'a> {
    pub(super) claim: &'a Claim,
    pub(super) f: &'a Features,
    /// Per key id of the trace, 1 + the position in `f.keys` of the claim key that meets
    /// it ([`Key::partner`]), 0 for none.
    pub(super) meets: &'a [u32],
    pub(super) today: Option<NaiveDate>,
    pub(super) attributed: &'a [(usize, String)],
    pub(super) last_in_paragraph: bool,
    /// IDF mass of the claim's own words.
    pub(super) word_mass: f64,
    /// The sentences before the claim in its paragraph (nearest first), and the one after.
    pub(super) around: ([Option<&'a Features>; 2], Option<&'a Features>),
}

/// A scored pair before the relative features are known.
pub(super) struct Assessed {
    pub(super) x: Vec<f64>,
    pub(super) mass: f64,
    pub(super) evidence: Vec<Evidence>,
    pub(super) conflicts: Vec<Evidence>,
}

/// Groups contributions by the claim words they come from, so that one mention (`Gaza
/// War`: a word, a term and a place) counts once in the text mass. Surfaces are slices
/// of the same sentence, so they compare as written.
struct Mentions<'a>(Vec<(&'a str, f64)>);

impl<'a> Mentions<'a> {
    fn add(&mut self, s: &'a str, w: f64) {
        if let Some(g) = self
            .0
            .iter_mut()
            .find(|g| g.0.contains(s) || s.contains(g.0))
        {
            g.1 = g.1.max(w);
            if s.len() > g.0.len() {
                g.0 = s;
            }
        } else {
            self.0.push((s, w));
        }
    }
}

/// Assesses reference `i` for the claim; evidence is worded only when `explain`.
pub(super) fn assess<'a>(
    side: &ClaimSide<'a>,
    index: &RefIndex,
    i: usize,
    signals: &Signals,
    explain: bool,
) -> Assessed {
    let f = side.f;
    let r = &index.feats[i];
    let reference = &index.refs[i];
    let mut x = vec![0.0; Feat::COUNT];
    let mut evidence = Vec::new();
    let mut conflicts = Vec::new();
    let mut words = Vec::new();
    let mut mentions = Mentions(Vec::new());
    let mut joined: Vec<&str> = Vec::new();
    let len_norm = 1.0 - TUNING.bm25_b + TUNING.bm25_b * (r.length as f64 / index.avg_len);
    let mut specific_place = false;
    let claim_word_mass = side.word_mass;
    // The title's keys the claim's meet, in the claim's order (the sums below add up
    // in that order).
    let mut matched: Vec<(u32, u32)> = (0..r.keys.len())
        .filter_map(|j| {
            let at = side.meets[r.id(j) as usize];
            (at > 0).then(|| (at - 1, j as u32))
        })
        .collect();
    matched.sort_unstable();
    for (k, j) in matched {
        let k = &f.keys[k as usize];
        let signal = k.key.signal();
        if !signals.has(signal) || signal == Signal::Names {
            continue;
        }
        let rid = r.id(j as usize);
        let rk = &r.keys[j as usize];
        let s = k.strength.min(rk.strength);
        let idf = index.idf(rid);
        let w = idf * s;
        if k.inherited {
            x[Feat::Inherited as usize] += w;
        }
        match &k.key {
            Key::Word(_) => {
                joined.push(k.surface.as_str());
                joined.push(rk.surface.as_str());
                let w = w / len_norm;
                x[Feat::Words as usize] += w;
                x[Feat::WordsTop as usize] = f64::max(x[Feat::WordsTop as usize], w);
                x[Feat::TitleCover as usize] += idf;
                x[Feat::ClaimCover as usize] += idf;
                if explain {
                    words.push((k.surface.clone(), rk.surface.clone()));
                }
            }
            Key::Place(area) => {
                if area.is_country() {
                    x[Feat::PlacesCountry as usize] += w;
                } else {
                    x[Feat::Places as usize] += w;
                    specific_place |= !k.inherited;
                }
                // Two places that only share a country are not worth a line, nor
                // are two names of a country written differently ("American" ~
                // "Pentagon").
                let shown = !area.is_country()
                    || (k.via == Via::Named
                        && rk.via == Via::Named
                        && fold(&k.surface) == fold(&rk.surface));
                if explain && shown {
                    evidence.push(describe(k, rk));
                }
            }
            Key::Term(_) | Key::Short(_) | Key::Initials(_) => {
                x[Feat::Terms as usize] += w;
                if explain && fold(&k.surface) != fold(&rk.surface) {
                    evidence.push(describe(k, rk));
                }
            }
            Key::Event(_) => {
                x[Feat::Events as usize] += w;
                if explain && fold(&k.surface) != fold(&rk.surface) {
                    evidence.push(describe(k, rk));
                }
            }
            Key::Number(n) => {
                x[Feat::Numbers as usize] += w;
                let unit = unit_of(f, *n);
                if unit.is_some() && unit == unit_of(r, *n) {
                    x[Feat::NumberUnit as usize] += 1.0;
                }
                if explain {
                    evidence.push(describe(k, rk));
                }
            }
            Key::Name(_) => {}
        }
        mentions.add(&k.surface, w);
    }
    if signals.has(Signal::Synonyms) {
        let (same, kin) = synonyms(f, r, &joined, explain.then_some(&mut evidence));
        x[Feat::Synonyms as usize] = (same as f64).ln_1p();
        x[Feat::Kin as usize] = (kin as f64).ln_1p();
    }
    if signals.has(Signal::Paragraph) {
        let (before, after) = side.around;
        for (j, rk) in r.keys.iter().enumerate() {
            if !matches!(rk.key, Key::Word(_)) {
                continue;
            }
            let id = r.id(j);
            // A word meets only itself: a claim key meets it when the claim has it.
            if side.meets[id as usize] > 0 {
                continue;
            }
            let w = index.idf(id) / len_norm;
            if before.iter().flatten().any(|b| b.has(id)) {
                x[Feat::PrevWords as usize] += w;
            }
            if after.is_some_and(|a| a.has(id)) {
                x[Feat::NextWords as usize] += w;
            }
        }
    }
    if claim_word_mass > 0.0 {
        x[Feat::ClaimCover as usize] /= claim_word_mass;
    }
    if index.word_mass[i] > 0.0 {
        x[Feat::TitleCover as usize] /= index.word_mass[i];
    }
    if !words.is_empty() {
        evidence.insert(0, Evidence::SharedWords(words));
    }
    if signals.has(Signal::Names) {
        let places_on = signals.has(Signal::Places);
        for (c, rr, s) in name_matches(&f.names, &r.names) {
            if places_on && c.place && rr.place {
                continue;
            }
            let idf: f64 = c
                .core
                .iter()
                .zip(&c.core_ids)
                .filter(|(p, _)| rr.core.contains(p))
                .map(|(_, &id)| index.idf(id))
                .sum();
            let inh = if c.inherited { 0.4 } else { 1.0 };
            let w = idf * s * inh;
            x[Feat::Names as usize] += w;
            if c.inherited {
                x[Feat::Inherited as usize] += w;
            }
            mentions.add(&c.surface, w);
            specific_place |= !c.place && !c.inherited;
            if explain {
                evidence.push(Evidence::SameName {
                    claim: c.surface.clone(),
                    title: rr.surface.clone(),
                    inherited: c.inherited,
                });
            }
        }
    }
    let groups = mentions.0.len();
    let mass: f64 = mentions.0.iter().map(|g| g.1).sum();
    x[Feat::Mentions as usize] = (1.0 + groups as f64).ln();
    x[Feat::SingleMention as usize] = f64::from(u8::from(groups == 1));
    if signals.has(Signal::Events)
        && !f.weapons.is_empty()
        && !r.weapons.is_empty()
        && !f
            .weapons
            .iter()
            .any(|(c, _)| r.weapons.iter().any(|(rc, _)| rc == c))
    {
        x[Feat::WeaponConflict as usize] = 1.0;
        if explain {
            conflicts.push(Evidence::WeaponConflict {
                claim: f.weapons.iter().map(|w| w.1.clone()).collect(),
                title: r.weapons.iter().map(|w| w.1.clone()).collect(),
            });
        }
    }
    if signals.has(Signal::Attribution) {
        if let Some((_, outlet)) = side.attributed.iter().find(|(j, _)| *j == i) {
            x[Feat::Attributed as usize] = 1.0;
            if explain {
                evidence.push(Evidence::Attributed(outlet.clone()));
            }
        } else {
            let (name, of) = index.outlet(i);
            let share = outlet_share(f, of);
            x[Feat::OutletWords as usize] = share;
            if explain && share >= 0.5 {
                let claim = f
                    .keys
                    .iter()
                    .find(|k| of.meet(&k.key).is_some() && !k.inherited)
                    .map(|k| k.surface.clone())
                    .unwrap_or_default();
                evidence.push(Evidence::OutletNamed {
                    claim,
                    outlet: name.to_string(),
                });
            }
        }
    }
    if signals.has(Signal::Context) && f.aggregate {
        let covers = match (&f.time, reference.date) {
            (Some(t), Some(d)) => d.last_day() >= t.start,
            _ => true,
        };
        if r.tracker && covers {
            x[Feat::Tracker as usize] = 1.0;
            if explain {
                evidence.push(Evidence::Tracker);
            }
        } else if specific_place && r.keys.iter().any(|k| matches!(k.key, Key::Event(_))) {
            x[Feat::Incident as usize] = 1.0;
            if explain {
                evidence.push(Evidence::Incident);
            }
        }
    }
    if signals.has(Signal::Time)
        && let Some(date) = reference.date
    {
        let (t, e) = time_evidence(side.claim, f, date, side.today, explain);
        let at = [
            Feat::TimeBefore,
            Feat::TimeBeforeCarried,
            Feat::TimeNear,
            Feat::TimeGap,
            Feat::TitleRecency,
        ];
        for (k, v) in at.iter().zip(t) {
            x[*k as usize] = v;
        }
        if explain && let Some(e) = e {
            evidence.push(e);
        }
    }
    x[Feat::Bias as usize] = 1.0;
    x[Feat::TitleWords as usize] = (1.0 + r.length as f64).ln();
    x[Feat::ThinTitle as usize] = f64::from(u8::from(r.length <= TUNING.thin_title));
    x[Feat::ClaimWords as usize] = (1.0 + f.length as f64).ln();
    x[Feat::LastInParagraph as usize] = f64::from(u8::from(side.last_in_paragraph));
    x[Feat::ClaimFigure as usize] = f64::from(u8::from(
        !f.figures.is_empty()
            || f.time
                .as_ref()
                .is_some_and(|t| !f.time_inherited && !t.text.is_empty()),
    ));
    x[Feat::TitleClaim as usize] = f64::from(u8::from(side.claim.title));
    x[Feat::Opinion as usize] = f64::from(u8::from(side.claim.kind == ClaimKind::Opinion));
    Assessed {
        x,
        mass,
        evidence,
        conflicts,
    }
}

/// The unit of the first figure of value `n` in a text.
fn unit_of(f: &Features, n: u64) -> Option<&str> {
    f.figures
        .iter()
        .find(|g| g.value == n)
        .map(|g| g.unit.as_str())
}

/// Share of an outlet's name the claim has: its words, or its acronym for its initials.
fn outlet_share(claim: &Features, outlet: &Features) -> f64 {
    // Articles and other short words (`Al`, `The`) say nothing about which outlet.
    let words: Vec<&Key> = outlet
        .keys
        .iter()
        .filter(|k| matches!(&k.key, Key::Word(w) if w.len() > 2 && !super::text::is_article(w)))
        .map(|k| &k.key)
        .collect();
    let abbreviated = outlet
        .keys
        .iter()
        .filter(|k| matches!(k.key, Key::Short(_) | Key::Initials(_)))
        .any(|k| claim.meet(&k.key).is_some_and(|c| !c.inherited));
    if abbreviated {
        return 1.0;
    }
    if words.is_empty() {
        return 0.0;
    }
    // A word of the outlet inside a longer name of the claim names something else:
    // `Kurdistan Regional Government` is not the outlet `Kurdistan 24`.
    let in_outlet = |w: &str| {
        let lower = super::text::fold(w);
        is_stop_word(&lower) || words.contains(&&Key::Word(stem(&lower).into()))
    };
    let other_name = |surface: &str| {
        claim.names.iter().any(|n| {
            !n.inherited
                && n.surface.split_whitespace().any(|w| w == surface)
                && !n.surface.split_whitespace().all(in_outlet)
        })
    };
    let found = words
        .iter()
        .filter(|k| {
            claim
                .get(k)
                .is_some_and(|c| !c.inherited && !other_name(&c.surface))
        })
        .count();
    found as f64 / words.len() as f64
}

/// Claim words related in WordNet to a different title word, where neither is already
/// joined to the other text by a shared word; each claim word counts once, by its
/// strongest relation: (synonyms, kinds of one another or of one specific thing).
fn synonyms(
    claim: &Features,
    title: &Features,
    joined: &[&str],
    mut evidence: Option<&mut Vec<Evidence>>,
) -> (usize, usize) {
    let free = |w: &str| !joined.iter().any(|j| j.eq_ignore_ascii_case(w));
    let (mut same, mut kin) = (0, 0);
    for c in claim.senses.iter().filter(|s| free(&s.surface)) {
        let other = |t: &&Sense| !t.surface.eq_ignore_ascii_case(&c.surface) && free(&t.surface);
        let mut others = title.senses.iter();
        let found = if let Some(t) = others.clone().find(|t| c.same(t) && other(t)) {
            same += 1;
            Some(("synonym", t))
        } else if let Some(t) = others.find(|t| c.kin(t) && other(t)) {
            kin += 1;
            Some(("related word", t))
        } else {
            None
        };
        if let (Some((what, t)), Some(ev)) = (found, evidence.as_deref_mut()) {
            ev.push(Evidence::Term {
                what,
                claim: c.surface.to_string(),
                title: t.surface.to_string(),
                inherited: false,
            });
        }
    }
    (same, kin)
}
