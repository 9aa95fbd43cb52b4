//! Probable duplicates: later entries whose title fingerprint and date agree with an
//! earlier entry's are marked as its duplicates, with a diagnostic on both.

use super::hashing::{FxHashMap, InlineBytes};
use super::record::{PartialDate, Reference};
use crate::diag::{Code, Diagnostic};

/// A title fingerprint, kept in place when it is not long.
pub(super) type TitlePrint = InlineBytes<62>;

/// Fingerprints shorter than this are too common to say two entries are one work.
pub(super) const MIN_PRINT_LEN: usize = 12;

/// Marks later entries whose title fingerprint (`prints[i]`, for `refs[i]`) and date
/// agree with an earlier one as its probable duplicates.
pub(super) fn mark(refs: &mut [Reference], prints: &[Option<TitlePrint>]) {
    let mut seen: FxHashMap<TitlePrint, usize> = FxHashMap::default();
    for (i, print) in prints.iter().enumerate() {
        let Some(print) = print else {
            continue;
        };
        match seen.get(print.as_slice()) {
            Some(&first) if dates_agree(refs[first].date, refs[i].date) => {
                let (fi, fl) = (refs[first].index, refs[first].line);
                let (ii, il) = (refs[i].index, refs[i].line);
                refs[i].duplicate_of = Some(fi);
                let span_i = refs[i].span;
                let span_f = refs[first].span;
                // Most entries have no other diagnostic: no room for four.
                refs[i].diagnostics.reserve_exact(1);
                refs[i].diagnostics.push(
                    Diagnostic::warning(
                        Code::ProbableDuplicate,
                        span_i,
                        format!("probably the same work as entry {fi} (line {fl})"),
                    )
                    .with_help("exports merge the two unless --keep-duplicates is given"),
                );
                // The first entry names its first duplicate only; later ones point back.
                if !refs[first]
                    .diagnostics
                    .iter()
                    .any(|d| d.code == Code::ProbableDuplicate)
                {
                    refs[first].diagnostics.reserve_exact(1);
                    refs[first].diagnostics.push(Diagnostic::info(
                        Code::ProbableDuplicate,
                        span_f,
                        format!("probably the same work as entry {ii} (line {il})"),
                    ));
                }
            }
            Some(_) => {}
            None => {
                seen.insert(print.clone(), i);
            }
        }
    }
}

fn dates_agree(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}
