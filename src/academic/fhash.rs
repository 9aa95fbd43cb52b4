//! The hash of a feature: its template number and the bytes it saw, mixed into 64 bits.
//! The shipped model's keys are these hashes, so the function must not change.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
pub(super) const fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

#[inline]
pub(super) fn hash(template: u8, bytes: &[u8]) -> u64 {
    let mut h = mix(0x5bd1_e995, template as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
    }
    h = mix(h, tail(chunks.remainder()) ^ ((bytes.len() as u64) << 56));
    h ^ (h >> 29)
}

/// The last bytes of a string (fewer than eight) as a little-endian u64, zero-padded;
/// read as two overlapping loads rather than a copy (a call to `memcpy` per feature).
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    match n {
        0 => 0,
        1 => u64::from(rest[0]),
        2..=3 => {
            let lo = u64::from(u16::from_le_bytes([rest[0], rest[1]]));
            let hi = u64::from(u16::from_le_bytes([rest[n - 2], rest[n - 1]]));
            lo | (hi << (8 * (n - 2)))
        }
        4..=7 => {
            let lo = u64::from(u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]));
            let hi = u64::from(u32::from_le_bytes([
                rest[n - 4],
                rest[n - 3],
                rest[n - 2],
                rest[n - 1],
            ]));
            lo | (hi << (8 * (n - 4)))
        }
        _ => rest
            .iter()
            .take(8)
            .enumerate()
            .fold(0, |a, (i, x)| a | (u64::from(*x) << (8 * i))),
    }
}

/// A byte string read once into the words [`hash`] mixes, so that hashing it under
/// several templates costs a few mixes each: `Form::new(b).hash(t) == hash(t, b)`.
/// Strings of up to 56 bytes are kept; a longer one is hashed from its bytes.
pub(super) struct Form<'a> {
    bytes: &'a [u8],
    words: [u64; 8],
    len: usize,
}

impl<'a> Form<'a> {
    #[inline]
    pub(super) fn new(bytes: &'a [u8]) -> Form<'a> {
        let mut words = [0u64; 8];
        let mut chunks = bytes.chunks_exact(8);
        let mut len = 0;
        for (w, c) in words.iter_mut().zip(&mut chunks) {
            *w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            len += 1;
        }
        if len == 8 {
            // Too long to keep: `hash` reads it again.
            return Form { bytes, words, len: usize::MAX };
        }
        words[len] = tail(chunks.remainder()) ^ ((bytes.len() as u64) << 56);
        Form { bytes, words, len: len + 1 }
    }

    /// [`hash`]`(template, bytes)`.
    #[inline]
    pub(super) fn hash(&self, template: u8) -> u64 {
        let Some(words) = self.words.get(..self.len) else {
            return hash(template, self.bytes);
        };
        let mut h = mix(0x5bd1_e995, template as u64);
        for w in words {
            h = mix(h, *w);
        }
        h ^ (h >> 29)
    }
}

/// [`hash`] of no bytes.
pub(super) const fn hash_empty(template: u8) -> u64 {
    let h = mix(mix(0x5bd1_e995, template as u64), 0);
    h ^ (h >> 29)
}

/// [`hash`] of one byte, `v`.
const fn hash_byte(template: u8, v: u8) -> u64 {
    let h = mix(mix(0x5bd1_e995, template as u64), v as u64 | (1 << 56));
    h ^ (h >> 29)
}

/// [`hash`] of two bytes, `[a, b]`.
const fn hash_bytes2(template: u8, a: u8, b: u8) -> u64 {
    let h = mix(
        mix(0x5bd1_e995, template as u64),
        (a as u64 | (b as u64) << 8) | (2 << 56),
    );
    h ^ (h >> 29)
}

/// [`hash`] of every one-byte value below 32, computed at compile time: the features
/// of a small range of values (flags, positions, counts) are looked up, not hashed.
pub(super) const fn byte_hashes(template: u8) -> [u64; 32] {
    let mut out = [0; 32];
    let mut v = 0;
    while v < 32 {
        out[v] = hash_byte(template, v as u8);
        v += 1;
    }
    out
}

/// [`hash`] of every two bytes `[a, b]` with both below 16, at `a × 16 + b`.
pub(super) const fn pair_hashes(template: u8) -> [u64; 256] {
    let mut out = [0; 256];
    let mut i = 0;
    while i < 256 {
        out[i] = hash_bytes2(template, (i / 16) as u8, (i % 16) as u8);
        i += 1;
    }
    out
}

/// `hash(template, &[v])` from `table` ([`byte_hashes`] of `template`).
#[inline]
pub(super) fn hash1_from(table: &[u64; 32], template: u8, v: u8) -> u64 {
    match table.get(v as usize) {
        Some(h) => *h,
        None => hash(template, &[v]),
    }
}

/// `hash(template, &[a, b])` from `table` ([`pair_hashes`] of `template`).
#[inline]
pub(super) fn hash2_from(table: &[u64; 256], template: u8, a: u8, b: u8) -> u64 {
    if a < 16 && b < 16 {
        table[a as usize * 16 + b as usize]
    } else {
        hash(template, &[a, b])
    }
}

/// The hash of a feature of two values: features mix the values' own hashes this way.
#[cfg(test)]
pub(super) fn hash2(template: u8, a: &[u8], b: &[u8]) -> u64 {
    mix(hash(template, a), hash(template, b))
}

// The hashes of the features (`features::extract`) of a small range of values,
// computed at compile time.
pub(super) const BIAS: u64 = hash_empty(0);
pub(super) static H8: [u64; 32] = byte_hashes(8);
pub(super) static H9: [u64; 32] = byte_hashes(9);
pub(super) static H10: [u64; 32] = byte_hashes(10);
pub(super) static H11: [u64; 32] = byte_hashes(11);
pub(super) static STATE: [[u64; 32]; 7] = [
    byte_hashes(24),
    byte_hashes(25),
    byte_hashes(26),
    byte_hashes(27),
    byte_hashes(28),
    byte_hashes(29),
    byte_hashes(30),
];
pub(super) static P31: [u64; 256] = pair_hashes(31);
pub(super) static H32: [u64; 32] = byte_hashes(32);
pub(super) static P33: [u64; 256] = pair_hashes(33);
pub(super) static P34: [u64; 256] = pair_hashes(34);
pub(super) static H50: [u64; 32] = byte_hashes(50);
pub(super) static P51: [u64; 256] = pair_hashes(51);
pub(super) static H53: [u64; 32] = byte_hashes(53);
pub(super) static H54: [u64; 32] = byte_hashes(54);
pub(super) static H57: [u64; 32] = byte_hashes(57);
pub(super) static P59: [u64; 256] = pair_hashes(59);
pub(super) static P70: [u64; 256] = pair_hashes(70);
pub(super) static P71: [u64; 256] = pair_hashes(71);
pub(super) static P72: [u64; 256] = pair_hashes(72);
pub(super) static P73: [u64; 256] = pair_hashes(73);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_is_the_zero_padded_bytes() {
        let b = b"abcdefgh";
        for n in 0..=8 {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(&b[..n]);
            assert_eq!(tail(&b[..n]), u64::from_le_bytes(w), "{n}");
        }
    }

    /// A form read once hashes as its bytes do, short or long, ASCII or not.
    #[test]
    fn a_form_hashes_as_its_bytes() {
        let text = "Ünïversity of the Académie des sciences, 1887–1889, a long word list";
        for n in 0..=text.len() {
            let b = &text.as_bytes()[..n];
            let f = Form::new(b);
            for t in [0u8, 12, 58, 94, 255] {
                assert_eq!(f.hash(t), hash(t, b), "{n} bytes, template {t}");
            }
        }
    }

    #[test]
    fn the_tables_hold_the_hashes() {
        assert_eq!(hash_empty(0), hash(0, b""));
        for t in [0u8, 8, 24, 59, 73] {
            let one = byte_hashes(t);
            let two = pair_hashes(t);
            for v in 0..40u8 {
                assert_eq!(hash1_from(&one, t, v), hash(t, &[v]));
                for w in 0..20u8 {
                    assert_eq!(hash2_from(&two, t, v, w), hash(t, &[v, w]));
                }
            }
        }
    }
}
