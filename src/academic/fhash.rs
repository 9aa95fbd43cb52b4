//! The hash of a feature: its template number and the bytes it saw, mixed into 64 bits.
//! The shipped model's keys are these hashes, so the function must not change.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
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

#[inline]
pub(super) fn hash2(template: u8, a: &[u8], b: &[u8]) -> u64 {
    mix(hash(template, a), hash(template, b))
}

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
}
