//! The spans of a text that become keys: runs of name words and the places they stand
//! for, initials of names, WordNet senses of vocabulary words, and figures with the noun
//! they count.

use super::{FACILITY, Features, Figure, Key, Knowledge, is_calendar_word, NameRun, Sense, push};
use crate::trace::lexicon::{Class, Hit, NEWS};
use crate::trace::places::{GAZETTEER, Place, Via};
use crate::trace::text::{Token, fold, is_stop_word, name_parts, skeleton, stem};
use chrono::NaiveDate;
use std::collections::HashSet;

/// The place a name run stands for, if it is a real place mention: a run that opens a
/// sentence or a title-case headline is looked up only word by word as spelled
/// (`Turkey Steps` is not a place, `Turkey` is), and a loose match in a country the
/// article never names is a name collision, not a place.
pub(super) fn place_of<'g>(run: &NameRun, title_case: bool, knowledge: &Knowledge) -> Option<&'g Place> {
    let in_article = |p: &&Place| {
        p.kind == crate::trace::places::PlaceKind::Country
            || knowledge.countries.is_empty()
            || knowledge.countries.contains(&p.country)
    };
    let several = run.surface.split_whitespace().nth(1).is_some();
    if !(several && (title_case || run.opens))
        && let Some(p) = GAZETTEER
            .candidates(&run.surface, false)
            .into_iter()
            .find(in_article)
    {
        return Some(p);
    }
    if let Some(p) = GAZETTEER
        .candidates(&run.surface, true)
        .into_iter()
        .find(in_article)
    {
        return Some(p);
    }
    let mut parts: Vec<&str> = run
        .surface
        .split([' ', ',', '-'])
        .filter(|w| {
            let lower = fold(w);
            w.len() >= 4
                && !is_stop_word(&lower)
                && !NEWS.is_generic(&lower)
                && !knowledge.common.contains(&stem(&lower))
        })
        .collect();
    parts.sort_by_key(|w| std::cmp::Reverse(w.len()));
    parts
        .into_iter()
        .find_map(|w| GAZETTEER.candidates(w, true).into_iter().find(in_article))
}

/// Initials of a name and of its first two or more words, small words skipped:
/// `United Nations High Commissioner for Refugees` gives `UN`, `UNH`, ... `UNHCR`.
pub(super) fn initials(surface: &str) -> Vec<String> {
    let words: Vec<char> = surface
        .split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "in" | "on" | "de"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    (2..=words.len().min(8))
        .map(|n| words[..n].iter().collect())
        .collect()
}

/// Particles that make a two-word verb with the word before (`step up`, `shut down`).
const PARTICLES: &[&str] = &["up", "down", "out", "off", "back", "over", "away"];

/// WordNet senses of the text's vocabulary words: lower-case words, and any word of a
/// sentence's start or of a title-case headline (capitalised words elsewhere are names).
pub(super) fn senses(text: &str, tokens: &[Token], title_case: bool, f: &mut Features) {
    let wordnet = crate::trace::synonyms::Synonyms::get();
    let mut add = |surface: &str, sets: &'static [u32]| {
        if !sets.is_empty()
            && !f
                .senses
                .iter()
                .any(|s| s.surface.eq_ignore_ascii_case(surface))
        {
            let (kinds, family) = wordnet.kin(sets);
            f.senses.push(Sense::new(surface, sets, kinds, family));
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        if !(i == 0 || title_case || !t.capital) || t.lower.len() <= 2 {
            continue;
        }
        if let Some(next) = tokens
            .get(i + 1)
            .filter(|n| PARTICLES.contains(&n.lower.as_str()))
        {
            let sets = wordnet.sets(&wordnet.lemma(&format!("{} {}", t.lower, next.lower)));
            if !sets.is_empty() {
                add(&text[t.start..next.end], sets);
                continue;
            }
        }
        if is_stop_word(&t.lower) || t.lower.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        add(&t.text, wordnet.sets(&wordnet.lemma(&t.lower)));
    }
}

/// Figures with the noun they count; digit groups (`1,200`) are read whole. A day after
/// a month name (`November 20`) or a year is a date, not a figure.
pub(super) fn figures(
    text: &str,
    tokens: &[Token],
    stems: &[String],
    hits: &[Hit],
    today: Option<NaiveDate>,
    f: &mut Features,
) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let is_date = i > 0 && is_calendar_word(tokens[i - 1].lower.trim_end_matches('.'))
            || (t.lower.len() == 4 && t.lower.starts_with(['1', '2']));
        let Ok(mut n) = t.lower.parse::<u64>() else {
            i += 1;
            continue;
        };
        let mut j = i;
        while let Some(next) = tokens.get(j + 1)
            && text[tokens[j].end..next.start] == *","
            && next.lower.len() == 3
            && let Ok(group) = next.lower.parse::<u64>()
        {
            n = n.saturating_mul(1000).saturating_add(group);
            j += 1;
        }
        let grouped = j > i;
        i = j + 1;
        if is_date && !grouped {
            continue;
        }
        let Some(next) = tokens.get(j + 1).filter(|n| !is_stop_word(&n.lower)) else {
            continue;
        };
        let what = stems[j + 1].as_str();
        let counts_events = what == "time"
            || hits
                .iter()
                .any(|h| matches!(h.class, Class::Event | Class::Weapon) && h.first == j + 1);
        if counts_events {
            if today.is_some() {
                f.aggregate = true;
            } else {
                f.tracker = true;
            }
        }
        let surf = text[t.start..next.end].to_string();
        push(f, Key::Number(n), 1.0, surf, Via::Named);
        f.figures.push(Figure {
            value: n,
            unit: what.to_string(),
            unit_word: next.text.clone(),
        });
    }
}


/// Runs of capitalised name words (`Kataib Hezbollah`, `Jurf al-Sakhr`).
pub(super) fn name_runs(
    text: &str,
    tokens: &[Token],
    stems: &[String],
    title_case: bool,
    knowledge: &Knowledge,
    skip: &HashSet<usize>,
) -> Vec<NameRun> {
    let is_name = |i: usize| {
        let t = &tokens[i];
        let article_joined = t.lower.starts_with("al-") || t.lower.starts_with("el-");
        if !(t.capital || article_joined) || skip.contains(&i) || is_stop_word(&t.lower) {
            return false;
        }
        if is_calendar_word(&t.lower) || !t.text.chars().any(char::is_alphabetic) {
            return false;
        }
        if t.text.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        let common = knowledge.common.contains(&stems[i])
            || NEWS
                .find(&tokens[i..=i], &stems[i..=i], None)
                .iter()
                .any(|h| h.class != Class::Term && h.class != Class::Generic);
        !(common && (title_case || t.after_break))
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name(i) {
            i += 1;
            continue;
        }
        let first = i;
        while i + 1 < tokens.len()
            && is_name(i + 1)
            && !tokens[i + 1].after_break
            && !possessive(text, &tokens[i])
        {
            i += 1;
        }
        let last = i;
        i += 1;
        let mut core = Vec::new();
        let mut facility = false;
        for t in &tokens[first..=last] {
            let lower = fold(&t.text);
            for part in name_parts(&lower) {
                let plain = knowledge.common.contains(&stem(part)) || is_stop_word(part);
                if plain && part != lower.as_str() {
                    continue;
                }
                if let Some(concept) = NEWS.generic_concept(part) {
                    // A place prefix (`Ain`, `Tal`, `Jurf`: the lexicon's `place`) or a
                    // facility word makes the run a place's or a facility's name.
                    facility |= concept == "place" || FACILITY.contains(&part);
                    continue;
                }
                let key = skeleton(part);
                if key.len() >= 2 && !core.contains(&key) {
                    core.push(key);
                }
            }
        }
        if let Some(next) = tokens.get(last + 1) {
            facility |= FACILITY.contains(&next.lower.as_str())
                || FACILITY.contains(&stem(&next.lower).as_str());
        }
        if core.is_empty() {
            continue;
        }
        runs.push(NameRun {
            core,
            surface: text[tokens[first].start..tokens[last].end].to_string(),
            facility,
            inherited: false,
            place: false,
            opens: first == 0,
            core_ids: Vec::new(),
        });
    }
    runs
}

fn possessive(text: &str, t: &Token) -> bool {
    let rest = &text[t.end..];
    rest.starts_with("'s") || rest.starts_with("\u{2019}s")
}
