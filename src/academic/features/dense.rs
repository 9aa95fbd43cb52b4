//! Features of a few values with small ranges (a token's place in the string, the
//! string's state so far, its chunk's facts), in groups whose every combination of
//! values is summed once, when a model is loaded: labelling reads one row a group
//! instead of looking up each feature. [`super::extract`] still lists every feature
//! for training; a group's row is the sum of exactly those features' weights.

use super::super::fhash::{
    H9, H10, H11, H50, H53, H54, H57, P31, P34, P51, P59, STATE, hash1_from, hash2_from,
};

/// One feature of a group: a template of one value (its template number, its table of
/// hashes and which of the group's values it reads) or of two values.
enum Member {
    One(u8, &'static [u64; 32], usize),
    Two(u8, &'static [u64; 256], usize, usize),
}

use Member::{One, Two};

/// A group: the number of values each of its values can take, and its features.
struct Group {
    dims: &'static [u8],
    members: &'static [Member],
}

/// The number of rows of a group of `dims`.
const fn size(dims: &[u8]) -> usize {
    let (mut n, mut k) = (1, 0);
    while k < dims.len() {
        n *= dims[k] as usize;
        k += 1;
    }
    n
}

/// Where each group's rows start among all groups' rows, and (last) their number.
static STARTS: [usize; COUNT + 1] = {
    let mut out = [0; COUNT + 1];
    let mut g = 0;
    while g < GROUPS.len() {
        out[g + 1] = out[g] + size(GROUPS[g].dims);
        g += 1;
    }
    out
};

/// The groups, in the order their rows are kept.
static GROUPS: [Group; 6] = [
    // Place: tenth of the string, words before (to 6), words after (to 6), full stops
    // before (to 5).
    Group {
        dims: &[10, 7, 7, 6],
        members: &[
            One(9, &H9, 0),
            One(10, &H10, 1),
            One(11, &H11, 2),
            Two(34, &P34, 0, 3),
        ],
    },
    // State: brackets open (to 2), inside quotes, years before (to 2), full stops before.
    Group {
        dims: &[3, 2, 3, 6],
        members: &[
            One(24, &STATE[0], 0),
            One(25, &STATE[1], 1),
            One(26, &STATE[2], 2),
            One(27, &STATE[3], 3),
            Two(31, &P31, 2, 3),
        ],
    },
    // State: commas before (to 8), an `In` seen, a colon seen.
    Group {
        dims: &[9, 2, 2],
        members: &[
            One(28, &STATE[4], 0),
            One(29, &STATE[5], 1),
            One(30, &STATE[6], 2),
        ],
    },
    // Chunk: chunks after this one (to 4), its length (bucketed), its facts.
    Group {
        dims: &[5, 7, 8],
        members: &[One(50, &H50, 0), One(53, &H53, 1), One(54, &H54, 2)],
    },
    // Chunk: words before and after in it (to 3 each), years after (to 2).
    Group {
        dims: &[4, 4, 3],
        members: &[Two(51, &P51, 0, 1), One(57, &H57, 2)],
    },
    // The next chunk's facts (9: none), chunks after (bucketed).
    Group {
        dims: &[10, 7],
        members: &[Two(59, &P59, 0, 1)],
    },
];

/// Number of groups: each token has a row of each.
pub(crate) const COUNT: usize = GROUPS.len();

/// Rows of all groups, one after another.
pub(crate) fn rows() -> usize {
    STARTS[COUNT]
}

/// The row of group `g` for `values` (each below its range, else clamped to it), counted
/// over all groups' rows.
pub(super) fn row(g: usize, values: &[u8]) -> u16 {
    let start = STARTS[g];
    let mut at = 0usize;
    for (v, d) in values.iter().zip(GROUPS[g].dims) {
        at = at * *d as usize + (*v).min(d - 1) as usize;
    }
    (start + at) as u16
}

/// The hashes of the features summed in row `r` (as [`row`] counts), appended to `out`.
pub(crate) fn members(r: usize, out: &mut Vec<u64>) {
    let mut r = r;
    for g in &GROUPS {
        let n = size(g.dims);
        if r >= n {
            r -= n;
            continue;
        }
        let mut values = [0u8; 4];
        for (k, d) in g.dims.iter().enumerate().rev() {
            values[k] = (r % *d as usize) as u8;
            r /= *d as usize;
        }
        for m in g.members {
            out.push(match *m {
                One(t, table, a) => hash1_from(table, t, values[a]),
                Two(t, table, a, b) => hash2_from(table, t, values[a], values[b]),
            });
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_holds_the_features_of_its_values() {
        let r = row(0, &[3, 1, 6, 2]) as usize;
        let mut h = Vec::new();
        members(r, &mut h);
        assert_eq!(
            h,
            [
                hash1_from(&H9, 9, 3),
                hash1_from(&H10, 10, 1),
                hash1_from(&H11, 11, 6),
                hash2_from(&P34, 34, 3, 2)
            ]
        );
        let last = row(COUNT - 1, &[9, 6]) as usize;
        assert_eq!(last, rows() - 1);
        h.clear();
        members(last, &mut h);
        assert_eq!(h, [hash2_from(&P59, 59, 9, 6)]);
    }
}
