//! The model file: reading and writing `data/academic-model.bin` (its format is in the
//! parent module's documentation).

use super::super::dict::Dict;
use super::super::label::Label;
use super::{LL, Model, Quant};

const MAGIC: &[u8; 8] = b"RTACAD4\n";

/// An error reading a model file.
#[derive(Debug, thiserror::Error)]
#[error("the academic model file is damaged: {0}")]
pub struct ModelError(&'static str);

struct Reader<'b> {
    bytes: &'b [u8],
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        if self.bytes.len() < N {
            return Err(ModelError("it ends early"));
        }
        let (head, rest) = self.bytes.split_at(N);
        self.bytes = rest;
        Ok(head.try_into().unwrap_or([0; N]))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        self.take::<4>().map(u32::from_le_bytes)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        self.take::<4>().map(f32::from_le_bytes)
    }
}

impl Model {
    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes };
        if &r.take::<8>()? != MAGIC {
            return Err(ModelError("it does not start with RTACAD4"));
        }
        let l = r.u32()? as usize;
        if l != Label::COUNT {
            return Err(ModelError("its labels are not this version's"));
        }
        let trans = (0..(l + 1) * l)
            .map(|_| r.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.u32()? as usize;
        let mut slots = Vec::with_capacity(n.min(1 << 24));
        for _ in 0..n {
            let key = u64::from_le_bytes(r.take::<8>()?);
            let scale = r.f32()?;
            let [k] = r.take::<1>()?;
            let mut w = [0i8; Label::COUNT];
            for _ in 0..k {
                let [lab, x] = r.take::<2>()?;
                let slot = w
                    .get_mut(lab as usize)
                    .ok_or(ModelError("a weight names an unknown label"))?;
                *slot = x as i8;
            }
            if key & 1 == 0 || !scale.is_finite() {
                return Err(ModelError("a feature's key or scale is invalid"));
            }
            slots.push((key, Quant { scale, w }));
        }
        let np = r.u32()? as usize;
        let mut pairs = Vec::with_capacity(np.min(1 << 20));
        for _ in 0..np {
            let key = u64::from_le_bytes(r.take::<8>()?);
            let scale = r.f32()?;
            let count = u16::from_le_bytes(r.take::<2>()?);
            let mut w = Vec::with_capacity(usize::from(count));
            for _ in 0..count {
                let [a, b, x] = r.take::<3>()?;
                let j = u16::from_le_bytes([a, b]);
                if usize::from(j) >= LL {
                    return Err(ModelError("a boundary weight names an unknown label pair"));
                }
                if w.last().is_some_and(|(last, _)| *last >= j) {
                    return Err(ModelError("a boundary feature's weights are out of order"));
                }
                if x != 0 {
                    w.push((j, x as i8));
                }
            }
            if key & 1 == 0 || !scale.is_finite() {
                return Err(ModelError("a boundary feature's key or scale is invalid"));
            }
            pairs.push((key, scale, w));
        }
        let words = r.u32()? as usize;
        let mut entries = Vec::with_capacity(words.min(1 << 24));
        for _ in 0..words {
            let levels = u16::from_le_bytes(r.take::<2>()?);
            let [len] = r.take::<1>()?;
            if r.bytes.len() < len as usize {
                return Err(ModelError("it ends early"));
            }
            let (w, rest) = r.bytes.split_at(len as usize);
            r.bytes = rest;
            let w =
                std::str::from_utf8(w).map_err(|_| ModelError("a dictionary word is not UTF-8"))?;
            entries.push((w.to_string(), levels));
        }
        if !r.bytes.is_empty() {
            return Err(ModelError("it has bytes after its dictionary"));
        }
        Ok(Model::build(trans, Dict::from_entries(entries), slots, pairs))
    }

    /// Writes the model in its file format; features in hash order, so the same model
    /// gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(Label::COUNT as u32).to_le_bytes());
        for w in &self.trans {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let table = self.slots.slots();
        let mut slots: Vec<usize> = (0..table.len()).filter(|i| table[*i].key != 0).collect();
        slots.sort_unstable_by_key(|i| table[*i].key);
        out.extend_from_slice(&(slots.len() as u32).to_le_bytes());
        for i in slots {
            let q = self.quant(i);
            out.extend_from_slice(&table[i].key.to_le_bytes());
            out.extend_from_slice(&q.scale.to_le_bytes());
            let nz: Vec<(usize, i8)> =
                q.w.iter()
                    .copied()
                    .enumerate()
                    .filter(|(_, x)| *x != 0)
                    .collect();
            out.push(nz.len() as u8);
            for (l, x) in nz {
                out.push(l as u8);
                out.push(x as u8);
            }
        }
        let mut pairs: Vec<_> = self.pairs.w.iter().collect();
        pairs.sort_unstable_by_key(|p| p.0);
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        for (key, scale, start, len) in pairs {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&scale.to_le_bytes());
            out.extend_from_slice(&(*len as u16).to_le_bytes());
            for (i, x) in &self.pairs.nz[*start as usize..(*start + *len) as usize] {
                out.extend_from_slice(&i.to_le_bytes());
                out.push(*x as u8);
            }
        }
        let words: Vec<_> = self
            .dict
            .entries()
            .into_iter()
            .filter(|(w, _)| w.len() <= 255)
            .collect();
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (w, levels) in words {
            out.extend_from_slice(&levels.to_le_bytes());
            out.push(w.len() as u8);
            out.extend_from_slice(w.as_bytes());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::key_of;
    use super::*;

    #[test]
    fn bytes_round_trip_and_damage_is_an_error() {
        let l = Label::COUNT;
        let trans: Vec<f32> = (0..(l + 1) * l).map(|i| i as f32).collect();
        let dict = Dict::from_entries([("smith".to_string(), 3u16)]);
        let m = Model::from_parts(
            trans,
            vec![(7, vec![(1, 0.5)]), (3, vec![(0, -1.0), (4, 2.0)])],
            vec![(9, (0..LL).map(|i| i as f32 - 3.0).collect())],
            dict,
        );
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.to_bytes(), b);
        // Weights are kept to a byte per label, scaled per feature.
        let table = back.slots.slots();
        let i = (0..table.len()).find(|i| table[*i].key == key_of(3)).unwrap();
        let q = back.quant(i);
        assert_eq!((q.w[0], q.w[4]), (-64, 127));
        let mut acc = [0; Label::COUNT];
        back.get(3).unwrap().add_to(&mut acc);
        // In the model's unit, within the rounding of the scale (half a unit, 127 times).
        assert!((acc[4] as f32 / back.per() - 2.0).abs() <= 64.0 / back.per());
        assert_eq!(back.feature_count(), 2);
        assert_eq!(back.dict().levels("smith"), 3);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
        // A boundary feature's weights out of order: its first two swapped.
        let at = b.windows(8).rposition(|w| w == key_of(9).to_le_bytes()).unwrap() + 14;
        let mut swapped = b.clone();
        swapped[at..at + 6].copy_from_slice(&[&b[at + 3..at + 6], &b[at..at + 3]].concat());
        assert_ne!(swapped, b);
        assert!(Model::from_bytes(&swapped).is_err());
    }

    #[test]
    fn the_shipped_model_is_written_back_byte_for_byte() {
        let b = include_bytes!("../../../data/academic-model.bin");
        let m = Model::from_bytes(b).unwrap();
        assert!(m.feature_count() > 1000);
        assert!(m.to_bytes() == b.as_slice());
    }
}
