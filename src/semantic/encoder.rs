//! The encoder: a 12-layer BERT (multilingual-e5-small) run on the CPU.
//! Word embeddings stay in their 4-bit blocks (96 M of the model's 118 M
//! values; a row is unpacked when a token needs it); the layers' matrices
//! are unpacked to f32 once, at load (≈ 85 MB). One sentence is one
//! forward pass, its vector the mean of the last layer over its tokens,
//! scaled to length 1, so a dot product is the cosine.

use ndarray::{Array1, Array2, ArrayView1, Axis, Slice};

use super::file::{dequantise_row, BadModel, ModelFile, Shape};

struct Layer {
    /// Query, key and value projections side by side: hidden × 3·hidden
    /// (transposed, so a row of tokens times it is the projection).
    qkv: Array2<f32>,
    qkv_bias: Array1<f32>,
    out: Array2<f32>,
    out_bias: Array1<f32>,
    attention_norm: (Array1<f32>, Array1<f32>),
    up: Array2<f32>,
    up_bias: Array1<f32>,
    down: Array2<f32>,
    down_bias: Array1<f32>,
    output_norm: (Array1<f32>, Array1<f32>),
}

pub struct Encoder {
    shape: Shape,
    words: Vec<u8>,
    positions: Array2<f32>,
    token_type: Array1<f32>,
    embedding_norm: (Array1<f32>, Array1<f32>),
    layers: Vec<Layer>,
}

impl Encoder {
    pub fn new(file: ModelFile) -> Result<Self, BadModel> {
        let sh = file.shape;
        let (h, ff) = (sh.hidden, sh.intermediate);
        let vector = |name: &str, n: usize| file.f32(name, n).map(Array1::from);
        // A stored matrix is rows = outputs; kept transposed (inputs × outputs).
        let matrix = |name: &str, rows: usize, cols: usize| -> Result<Array2<f32>, BadModel> {
            let m = Array2::from_shape_vec((rows, cols), file.q4(name, rows, cols)?)
                .map_err(|e| BadModel(e.to_string()))?;
            Ok(m.reversed_axes().as_standard_layout().into_owned())
        };
        let norm = |name: &str| -> Result<_, BadModel> {
            Ok((
                vector(&format!("{name}.w"), h)?,
                vector(&format!("{name}.b"), h)?,
            ))
        };
        let mut layers = Vec::with_capacity(sh.layers);
        for l in 0..sh.layers {
            let p = |part: &str| format!("l{l}.{part}");
            let (q, k, v) = (
                matrix(&p("q.w"), h, h)?,
                matrix(&p("k.w"), h, h)?,
                matrix(&p("v.w"), h, h)?,
            );
            let qkv = ndarray::concatenate(Axis(1), &[q.view(), k.view(), v.view()])
                .map_err(|e| BadModel(e.to_string()))?;
            let qkv_bias = ndarray::concatenate(
                Axis(0),
                &[
                    vector(&p("q.b"), h)?.view(),
                    vector(&p("k.b"), h)?.view(),
                    vector(&p("v.b"), h)?.view(),
                ],
            )
            .map_err(|e| BadModel(e.to_string()))?;
            layers.push(Layer {
                qkv,
                qkv_bias,
                out: matrix(&p("ao.w"), h, h)?,
                out_bias: vector(&p("ao.b"), h)?,
                attention_norm: norm(&p("aln"))?,
                up: matrix(&p("fi.w"), ff, h)?,
                up_bias: vector(&p("fi.b"), ff)?,
                down: matrix(&p("fo.w"), h, ff)?,
                down_bias: vector(&p("fo.b"), h)?,
                output_norm: norm(&p("oln"))?,
            });
        }
        let positions = Array2::from_shape_vec(
            (sh.max_positions, h),
            file.f32("emb.pos", sh.max_positions * h)?,
        )
        .map_err(|e| BadModel(e.to_string()))?;
        let token_type = vector("emb.type", h)?;
        let embedding_norm = norm("emb.ln")?;
        let words = file.into_word_blocks()?;
        Ok(Encoder {
            shape: sh,
            words,
            positions,
            token_type,
            embedding_norm,
            layers,
        })
    }

    /// Longest input in tokens, the sentence marks included.
    pub fn max_tokens(&self) -> usize {
        self.shape.max_positions
    }

    pub fn dimensions(&self) -> usize {
        self.shape.hidden
    }

    /// The unit vector of a token sequence (marks included).
    pub fn encode(&self, ids: &[u32]) -> Vec<f32> {
        let sh = &self.shape;
        let (h, t) = (sh.hidden, ids.len().min(sh.max_positions));
        let mut x = Array2::<f32>::zeros((t, h));
        for (i, (&id, mut row)) in ids.iter().zip(x.rows_mut()).enumerate() {
            let id = (id as usize).min(sh.vocab - 1);
            dequantise_row(
                &self.words,
                id,
                h,
                row.as_slice_mut().expect("a row is contiguous"),
            );
            row += &self.positions.row(i);
            row += &self.token_type;
        }
        layer_norm(&mut x, &self.embedding_norm, sh.eps);
        let heads = sh.heads;
        let width = h / heads;
        let scale = 1.0 / (width as f32).sqrt();
        for layer in &self.layers {
            let qkv = x.dot(&layer.qkv) + &layer.qkv_bias;
            let mut context = Array2::<f32>::zeros((t, h));
            for head in 0..heads {
                let at = head * width;
                let columns = |from: usize| Slice::from(from..from + width);
                let q = qkv.slice_axis(Axis(1), columns(at));
                let k = qkv.slice_axis(Axis(1), columns(h + at));
                let v = qkv.slice_axis(Axis(1), columns(2 * h + at));
                let mut weights = q.dot(&k.t()) * scale;
                for mut row in weights.rows_mut() {
                    softmax(row.as_slice_mut().expect("a row is contiguous"));
                }
                context
                    .slice_axis_mut(Axis(1), columns(at))
                    .assign(&weights.dot(&v));
            }
            let attended = context.dot(&layer.out) + &layer.out_bias;
            x += &attended;
            layer_norm(&mut x, &layer.attention_norm, sh.eps);
            let mut up = x.dot(&layer.up) + &layer.up_bias;
            up.mapv_inplace(gelu);
            let down = up.dot(&layer.down) + &layer.down_bias;
            x += &down;
            layer_norm(&mut x, &layer.output_norm, sh.eps);
        }
        let mean = x.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(h));
        unit(mean.view())
    }
}

fn layer_norm(x: &mut Array2<f32>, (weight, bias): &(Array1<f32>, Array1<f32>), eps: f32) {
    let n = x.ncols() as f32;
    for mut row in x.rows_mut() {
        let mean = row.sum() / n;
        let variance = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        let inv = 1.0 / (variance + eps).sqrt();
        row.mapv_inplace(|v| (v - mean) * inv);
        row *= weight;
        row += bias;
    }
}

fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in row.iter_mut() {
        *v /= sum;
    }
}

/// GELU with the error function, as BERT has it.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// The error function to within 1.5e-7 (Abramowitz and Stegun 7.1.26).
fn erf(x: f32) -> f32 {
    let sign = x.signum();
    let x = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152_1 + t * 1.061_405_4))));
    sign * (1.0 - poly * (-x * x).exp())
}

fn unit(v: ArrayView1<f32>) -> Vec<f32> {
    let norm = v.dot(&v).sqrt().max(1e-12);
    v.iter().map(|x| x / norm).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_is_close() {
        for (x, want) in [
            (0.0, 0.0),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (-2.0, -0.995_322_3),
        ] {
            assert!((erf(x) - want).abs() < 1e-6, "erf({x})");
        }
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut row = [1.0, 2.0, 3.0];
        softmax(&mut row);
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(row[2] > row[1] && row[1] > row[0]);
    }
}
