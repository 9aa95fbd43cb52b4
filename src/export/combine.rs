//! Several articles' reference lists as one list, for one combined bibliography.
//!
//! [`combine`] concatenates the lists in order and renumbers the entries (1-based
//! across the whole batch, with `continues` and `duplicate_of` following), marks an
//! entry as a probable duplicate of an earlier one from another article by the same
//! rule the parser uses inside one list (the same title, folded to ASCII letters and
//! digits, at least 12 of them, and no conflicting date), and makes every key unique
//! across the batch. [`works`](super::works) then merges the duplicates as it does
//! for one article, so each work appears once under the key of its first entry.
//!
//! Entries keep their spans and diagnostics, which point into their own article.

use crate::refs::{PartialDate, Reference};
use std::collections::{HashMap, HashSet};

/// One list made of `lists`, in order; see the module docs.
pub fn combine(lists: Vec<Vec<Reference>>) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    // Title fingerprint → (global index, date) of the first entry with it.
    let mut seen: HashMap<String, (usize, Option<PartialDate>)> = HashMap::new();
    let mut keys: HashSet<String> = HashSet::new();
    for list in lists {
        let offset = out.len();
        let mut local: HashMap<String, (usize, Option<PartialDate>)> = HashMap::new();
        for mut r in list {
            r.index += offset;
            r.continues = r.continues.map(|i| i + offset);
            r.duplicate_of = r.duplicate_of.map(|i| i + offset);
            let print = r
                .title
                .as_deref()
                .map(fingerprint)
                .filter(|p| p.len() >= 12);
            if let Some(print) = print {
                if r.duplicate_of.is_none()
                    && let Some(&(first, date)) = seen.get(&print)
                    && dates_agree(date, r.date)
                {
                    r.duplicate_of = Some(first);
                }
                local.entry(print).or_insert((r.index, r.date));
            }
            r.key = unique_key(&r.key, &mut keys);
            out.push(r);
        }
        // Later articles match the first entry of a title in an earlier one.
        for (print, first) in local {
            seen.entry(print).or_insert(first);
        }
    }
    out
}

/// A title reduced for comparison: ASCII letters and digits, lower case.
fn fingerprint(title: &str) -> String {
    deunicode::deunicode(title)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn dates_agree(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// `key`, or `key` with the first letter suffix (`a`, `b`, ..., `aa`, ...) no earlier
/// entry has taken.
fn unique_key(key: &str, used: &mut HashSet<String>) -> String {
    if used.insert(key.to_string()) {
        return key.to_string();
    }
    let mut n: usize = 0;
    loop {
        let candidate = format!("{key}{}", suffix(n));
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// `a`..`z`, then `aa`, `ab`, ...
fn suffix(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'a' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Source, parse};

    fn refs(text: &str) -> Vec<Reference> {
        parse(&Source::new("a.txt", text)).references
    }

    #[test]
    fn lists_are_renumbered_deduplicated_and_keyed_apart() {
        let a = refs(
            "Title\n\nBody.\n\nReuters, \"Drone attack on Erbil airbase,\" 11/10/23\n\
             - \"Rockets hit Ain al-Asad base,\" 11/12/23\n",
        );
        let b = refs(
            "Other\n\nBody.\n\nAP, \"Drone attack on Erbil airbase,\" 11/10/23\n\
             Reuters, \"Rockets hit Ain al-Asad base,\" 11/13/23\n",
        );
        let (a_keys, b_keys): (Vec<String>, Vec<String>) = (
            a.iter().map(|r| r.key.clone()).collect(),
            b.iter().map(|r| r.key.clone()).collect(),
        );
        let all = combine(vec![a, b]);
        let indices: Vec<usize> = all.iter().map(|r| r.index).collect();
        assert_eq!(indices, [1, 2, 3, 4]);
        assert_eq!(all[1].continues, Some(1));
        // Same title and date in another article: merged. Another date: kept apart.
        assert_eq!(all[2].duplicate_of, Some(1));
        assert_eq!(all[3].duplicate_of, None);
        let keys: HashSet<&str> = all.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys.len(), 4, "{keys:?}");
        assert_eq!(all[0].key, a_keys[0]);
        assert_ne!(all[3].key, a_keys[1], "{b_keys:?}");
    }

    #[test]
    fn suffixes_run_past_z() {
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
    }
}
