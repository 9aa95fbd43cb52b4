//! Probable duplicates: later entries whose title fingerprint and date agree with an
//! earlier entry's are marked as its duplicates, with a diagnostic on both.

use super::hashing::{FxHashMap, InlineBytes};
use super::record::{PartialDate, Reference};
use crate::diag::{Code, Diagnostic};

/// A title fingerprint, kept in place when it is not long.
pub(super) type TitlePrint = InlineBytes<62>;

/// Fingerprints shorter than this are too common to say two entries are one work.
pub(super) const MIN_PRINT_LEN: usize = 12;

/// How one entry stands to the others: found before any record is made, so each
/// record can be finished on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dup {
    /// Repeats no entry and is repeated by none.
    None,
    /// Probably the same work as the earlier entry at this position (0-based).
    Of(u32),
    /// Repeated first by the later entry at this position (0-based).
    First(u32),
}

/// For each entry, given its title fingerprint (when long enough) and its date: the
/// first earlier entry whose fingerprint and date agree, or the first later entry that
/// repeats it.
pub(super) fn find(
    entries: impl ExactSizeIterator<Item = (Option<TitlePrint>, Option<PartialDate>)>,
) -> Vec<Dup> {
    let mut dups = vec![Dup::None; entries.len()];
    let mut seen: FxHashMap<TitlePrint, (usize, Option<PartialDate>)> = FxHashMap::default();
    for (i, (print, date)) in entries.enumerate() {
        let Some(print) = print else {
            continue;
        };
        match seen.get(print.as_slice()) {
            Some(&(first, first_date)) if dates_agree(first_date, date) => {
                dups[i] = Dup::Of(first as u32);
                // The first entry names its first duplicate only; later ones point back.
                if dups[first] == Dup::None {
                    dups[first] = Dup::First(i as u32);
                }
            }
            Some(_) => {}
            None => {
                seen.insert(print, (i, date));
            }
        }
    }
    dups
}

/// Marks `r` as a probable duplicate, or as repeated, by what `dup` says of it;
/// `entry(pos)` gives the 1-based index and line of the entry at `pos`.
pub(super) fn mark(r: &mut Reference, dup: Dup, entry: impl Fn(usize) -> (usize, usize)) {
    let d = match dup {
        Dup::None => return,
        Dup::Of(first) => {
            let (index, line) = entry(first as usize);
            r.duplicate_of = Some(index);
            Diagnostic::warning(
                Code::ProbableDuplicate,
                r.span,
                same_work(index, line),
            )
            .with_help("exports merge the two unless --keep-duplicates is given")
        }
        Dup::First(later) => {
            let (index, line) = entry(later as usize);
            Diagnostic::info(
                Code::ProbableDuplicate,
                r.span,
                same_work(index, line),
            )
        }
    };
    // Most entries have no other diagnostic: no room for four.
    r.diagnostics.reserve_exact(1);
    r.diagnostics.push(d);
}

/// `probably the same work as entry 12 (line 40)`, written without the formatting
/// machinery: most records of a long list that repeats itself carry it.
fn same_work(index: usize, line: usize) -> String {
    let mut text = String::with_capacity(64);
    text.push_str("probably the same work as entry ");
    push_decimal(&mut text, index);
    text.push_str(" (line ");
    push_decimal(&mut text, line);
    text.push(')');
    text
}

/// Appends `n` in decimal (as `to_string` writes it), straight into the text: no
/// second buffer to check as UTF-8.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

fn dates_agree(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_as_to_string_writes_them() {
        for n in [0, 7, 10, 99, 100, 65_536, usize::MAX] {
            let mut out = String::new();
            super::push_decimal(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn the_message_says_entry_and_line() {
        assert_eq!(
            super::same_work(12, 40),
            "probably the same work as entry 12 (line 40)"
        );
    }
}
