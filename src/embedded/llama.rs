//! The llama forward pass in f32, with a shared key-value prefix and packed sequences.
//!
//! Weights are dequantized to f32 once at load time: for models of this size f32 matrix
//! multiplies (candle's gemm) are much faster than multiplying quantized blocks. A forward
//! pass takes any number of token sequences that all continue the same cached prefix. Their
//! tokens are packed into one matrix so the projections run as one large multiply per
//! layer, while attention keeps each sequence apart: a token sees the prefix and the
//! earlier tokens of its own sequence only.

use candle_core::{D, Device, Tensor};
use rayon::prelude::*;

use super::EmbeddedError;
use super::gguf::GgufFile;

/// Shapes and constants of a llama model, from the `llama.*` metadata keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub layers: usize,
    pub hidden: usize,
    pub heads: usize,
    pub kv_heads: usize,
    pub head_dim: usize,
    pub ffn: usize,
    pub vocab: usize,
    pub context_length: usize,
    pub rope_base: f32,
    pub rms_eps: f32,
}

impl Config {
    fn from_gguf(gguf: &GgufFile, vocab: usize) -> Result<Self, EmbeddedError> {
        let hidden = gguf.usize("llama.embedding_length")?;
        let heads = gguf.usize("llama.attention.head_count")?;
        let kv_heads = if gguf.has("llama.attention.head_count_kv") {
            gguf.usize("llama.attention.head_count_kv")?
        } else {
            heads
        };
        let invalid = |key: &str, reason: String| EmbeddedError::InvalidMetadata {
            path: gguf.path.clone(),
            key: key.to_string(),
            reason,
        };
        if heads == 0 || hidden % heads != 0 {
            return Err(invalid(
                "llama.attention.head_count",
                format!("{heads} heads do not divide the embedding length {hidden}"),
            ));
        }
        if kv_heads == 0 || heads % kv_heads != 0 {
            return Err(invalid(
                "llama.attention.head_count_kv",
                format!("{kv_heads} key-value heads do not divide the {heads} heads"),
            ));
        }
        let head_dim = hidden / heads;
        if gguf.has("llama.rope.dimension_count") {
            let rope_dims = gguf.usize("llama.rope.dimension_count")?;
            if rope_dims != head_dim {
                return Err(EmbeddedError::Unsupported {
                    path: gguf.path.clone(),
                    what: format!("partial rotary embedding ({rope_dims} of {head_dim} dims)"),
                    supported: "rotary embedding over the whole head".to_string(),
                });
            }
        }
        let rope_base = if gguf.has("llama.rope.freq_base") {
            gguf.f32("llama.rope.freq_base")?
        } else {
            10_000.0
        };
        Ok(Self {
            layers: gguf.usize("llama.block_count")?,
            hidden,
            heads,
            kv_heads,
            head_dim,
            ffn: gguf.usize("llama.feed_forward_length")?,
            vocab,
            context_length: gguf.usize("llama.context_length")?,
            rope_base,
            rms_eps: gguf.f32("llama.attention.layer_norm_rms_epsilon")?,
        })
    }

    fn kv_dim(&self) -> usize {
        self.kv_heads * self.head_dim
    }
}

struct Layer {
    attn_norm: Tensor,
    /// Query, key and value projections stacked into one `[hidden + 2 kv_dim, hidden]`.
    qkv: Tensor,
    output: Tensor,
    ffn_norm: Tensor,
    /// Gate and up projections stacked into one `[2 ffn, hidden]`.
    gate_up: Tensor,
    down: Tensor,
}

pub struct Llama {
    pub config: Config,
    /// Token embeddings `[vocab, hidden]`, also the output projection when the model ties
    /// them.
    embedding: Tensor,
    output: Option<Tensor>,
    output_norm: Tensor,
    layers: Vec<Layer>,
}

/// Keys and values of a run of tokens, per layer, one row of `kv_heads * head_dim` floats
/// per token.
#[derive(Debug, Clone)]
pub struct KvCache {
    pub tokens: Vec<u32>,
    pub keys: Vec<Vec<f32>>,
    pub values: Vec<Vec<f32>>,
}

impl KvCache {
    pub fn empty(layers: usize) -> Self {
        Self {
            tokens: Vec::new(),
            keys: vec![Vec::new(); layers],
            values: vec![Vec::new(); layers],
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Keeps the first `len` tokens; the keys and values of a prefix are the prefix of the
    /// keys and values.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.tokens.len() {
            return;
        }
        let kv_dim = self.keys.first().map_or(0, |k| k.len() / self.tokens.len());
        self.tokens.truncate(len);
        for layer in self.keys.iter_mut().chain(self.values.iter_mut()) {
            layer.truncate(len * kv_dim);
        }
    }

    /// Appends the keys and values of sequence `sequence` of a packed forward pass.
    fn extend_from(&mut self, packed: &PackedKv, sequence: usize, tokens: &[u32]) {
        let kv_dim = packed.kv_dim;
        let start = packed.offsets[sequence] * kv_dim;
        let end = packed.offsets[sequence + 1] * kv_dim;
        self.tokens.extend_from_slice(tokens);
        for (layer, keys) in packed.keys.iter().enumerate() {
            self.keys[layer].extend_from_slice(&keys[start..end]);
            self.values[layer].extend_from_slice(&packed.values[layer][start..end]);
        }
    }
}

/// Keys and values of all packed tokens of one forward pass.
struct PackedKv {
    kv_dim: usize,
    /// Row where each sequence starts, plus the total row count at the end.
    offsets: Vec<usize>,
    keys: Vec<Vec<f32>>,
    values: Vec<Vec<f32>>,
}

/// One layer's keys and values of the shared prefix.
struct PrefixKv<'a> {
    keys: &'a [f32],
    values: &'a [f32],
}

fn candle_error(error: candle_core::Error) -> EmbeddedError {
    EmbeddedError::Compute {
        reason: error.to_string(),
    }
}

impl Llama {
    /// Loads every tensor of a llama-architecture GGUF file as f32.
    pub fn load(gguf: &mut GgufFile, vocab: usize) -> Result<Self, EmbeddedError> {
        let config = Config::from_gguf(gguf, vocab)?;
        let (hidden, kv_dim, ffn) = (config.hidden, config.kv_dim(), config.ffn);
        let embedding = gguf.tensor("token_embd.weight", &[vocab, hidden])?;
        let output = if gguf.has_tensor("output.weight") {
            Some(gguf.tensor("output.weight", &[vocab, hidden])?)
        } else {
            None
        };
        let output_norm = vector(gguf, "output_norm.weight", hidden)?;
        let mut layers = Vec::with_capacity(config.layers);
        for index in 0..config.layers {
            let name = |part: &str| format!("blk.{index}.{part}.weight");
            let q = gguf.tensor(&name("attn_q"), &[hidden, hidden])?;
            let k = gguf.tensor(&name("attn_k"), &[kv_dim, hidden])?;
            let v = gguf.tensor(&name("attn_v"), &[kv_dim, hidden])?;
            let gate = gguf.tensor(&name("ffn_gate"), &[ffn, hidden])?;
            let up = gguf.tensor(&name("ffn_up"), &[ffn, hidden])?;
            layers.push(Layer {
                attn_norm: vector(gguf, &name("attn_norm"), hidden)?,
                qkv: Tensor::cat(&[q, k, v], 0).map_err(candle_error)?,
                output: gguf.tensor(&name("attn_output"), &[hidden, hidden])?,
                ffn_norm: vector(gguf, &name("ffn_norm"), hidden)?,
                gate_up: Tensor::cat(&[gate, up], 0).map_err(candle_error)?,
                down: gguf.tensor(&name("ffn_down"), &[hidden, ffn])?,
            });
        }
        Ok(Self {
            config,
            embedding,
            output,
            output_norm,
            layers,
        })
    }

    /// Runs `sequences`, each continuing the first `prefix_len` tokens of `prefix`, and
    /// returns each sequence's next-token logits.
    pub fn forward(
        &self,
        prefix: &KvCache,
        prefix_len: usize,
        sequences: &[&[u32]],
    ) -> Result<Vec<Vec<f32>>, EmbeddedError> {
        let (logits, _) = self.run(prefix, prefix_len, sequences)?;
        Ok(logits)
    }

    /// Cuts `cache` to its first `keep` tokens, appends `tokens` to it and returns the
    /// next-token logits after them.
    pub fn extend(
        &self,
        cache: &mut KvCache,
        keep: usize,
        tokens: &[u32],
    ) -> Result<Vec<f32>, EmbeddedError> {
        let (mut logits, packed) = self.run(cache, keep, &[tokens])?;
        cache.truncate(keep);
        cache.extend_from(&packed, 0, tokens);
        Ok(logits.pop().expect("one sequence gives one row of logits"))
    }

    fn run(
        &self,
        prefix: &KvCache,
        prefix_len: usize,
        sequences: &[&[u32]],
    ) -> Result<(Vec<Vec<f32>>, PackedKv), EmbeddedError> {
        self.check_input(prefix, prefix_len, sequences)?;
        let mut offsets = vec![0];
        for sequence in sequences {
            offsets.push(offsets.last().copied().unwrap_or(0) + sequence.len());
        }
        let group = self.config.heads / self.config.kv_heads;
        let rows = Rows::new(&offsets, prefix_len, group)?;
        let rope = self.rope_table(&rows.positions);
        let mut x = self.embed(sequences)?;
        let mut packed = PackedKv {
            kv_dim: self.config.kv_dim(),
            offsets,
            keys: Vec::with_capacity(self.layers.len()),
            values: Vec::with_capacity(self.layers.len()),
        };
        for (index, layer) in self.layers.iter().enumerate() {
            let prefix_kv = PrefixKv {
                keys: &prefix.keys[index][..prefix_len * packed.kv_dim],
                values: &prefix.values[index][..prefix_len * packed.kv_dim],
            };
            let (next, keys, values) = self.layer(layer, x, &rows, &rope, &prefix_kv)?;
            x = next;
            packed.keys.push(keys);
            packed.values.push(values);
        }
        let logits = self.logits(&x, &packed.offsets)?;
        Ok((logits, packed))
    }

    fn check_input(
        &self,
        prefix: &KvCache,
        prefix_len: usize,
        sequences: &[&[u32]],
    ) -> Result<(), EmbeddedError> {
        if prefix_len > prefix.len() {
            return Err(EmbeddedError::Compute {
                reason: format!(
                    "a prefix of {prefix_len} tokens was requested from a cache of {}",
                    prefix.len()
                ),
            });
        }
        for sequence in sequences {
            if sequence.is_empty() {
                return Err(EmbeddedError::Compute {
                    reason: "a sequence has no tokens after the shared prefix".to_string(),
                });
            }
            if let Some(&id) = sequence
                .iter()
                .find(|&&id| id as usize >= self.config.vocab)
            {
                return Err(EmbeddedError::Compute {
                    reason: format!(
                        "token id {id} is outside the vocabulary of {}",
                        self.config.vocab
                    ),
                });
            }
            let total = prefix_len + sequence.len();
            if total > self.config.context_length {
                return Err(EmbeddedError::PromptTooLong {
                    tokens: total,
                    context_length: self.config.context_length,
                });
            }
        }
        Ok(())
    }

    fn embed(&self, sequences: &[&[u32]]) -> Result<Tensor, EmbeddedError> {
        let ids: Vec<u32> = sequences.iter().flat_map(|s| s.iter().copied()).collect();
        let count = ids.len();
        let ids = Tensor::from_vec(ids, count, &Device::Cpu).map_err(candle_error)?;
        self.embedding.index_select(&ids, 0).map_err(candle_error)
    }

    /// Cosine and sine of each packed row's position, `head_dim / 2` pairs per row.
    fn rope_table(&self, positions: &[usize]) -> Vec<(f32, f32)> {
        let half = self.config.head_dim / 2;
        let base = f64::from(self.config.rope_base);
        let mut table = Vec::with_capacity(positions.len() * half);
        for &position in positions {
            for i in 0..half {
                #[expect(clippy::cast_precision_loss, reason = "positions and dims are small")]
                let angle = position as f64 * base.powf(-2.0 * i as f64 / (2 * half) as f64);
                #[expect(clippy::cast_possible_truncation, reason = "f32 is the compute type")]
                table.push((angle.cos() as f32, angle.sin() as f32));
            }
        }
        table
    }

    fn layer(
        &self,
        layer: &Layer,
        x: Tensor,
        rows: &Rows,
        rope: &[(f32, f32)],
        prefix: &PrefixKv,
    ) -> Result<(Tensor, Vec<f32>, Vec<f32>), EmbeddedError> {
        let config = &self.config;
        let (hidden, kv_dim, ffn) = (config.hidden, config.kv_dim(), config.ffn);
        let n = rows.positions.len();

        let normed = rms_norm(&x, &layer.attn_norm, config.rms_eps)?;
        let mut qkv = to_vec(&linear(&normed, &layer.qkv)?)?;
        let width = hidden + 2 * kv_dim;
        let half = config.head_dim / 2;
        let mut queries = Vec::with_capacity(n * hidden);
        let mut keys = Vec::with_capacity(n * kv_dim);
        let mut values = Vec::with_capacity(n * kv_dim);
        for (row, chunk) in qkv.chunks_exact_mut(width).enumerate() {
            let angles = &rope[row * half..(row + 1) * half];
            let (q, kv) = chunk.split_at_mut(hidden);
            let (k, v) = kv.split_at_mut(kv_dim);
            rotate(q, angles, config.head_dim);
            rotate(k, angles, config.head_dim);
            queries.extend_from_slice(q);
            keys.extend_from_slice(k);
            values.extend_from_slice(v);
        }

        let attention = Attention {
            config,
            rows,
            prefix,
        };
        let attended = attention.attend(queries, &keys, &values)?;
        let x = (x + linear(&attended, &layer.output)?).map_err(candle_error)?;

        let normed = rms_norm(&x, &layer.ffn_norm, config.rms_eps)?;
        let gate_up = linear(&normed, &layer.gate_up)?;
        let activated = swiglu(&gate_up, ffn).map_err(candle_error)?;
        let x = (x + linear(&activated, &layer.down)?).map_err(candle_error)?;
        Ok((x, keys, values))
    }

    fn logits(&self, x: &Tensor, offsets: &[usize]) -> Result<Vec<Vec<f32>>, EmbeddedError> {
        let last: Vec<u32> = offsets[1..]
            .iter()
            .map(|end| u32::try_from(end - 1).expect("packed rows fit in u32"))
            .collect();
        let count = last.len();
        let last = Tensor::from_vec(last, count, &Device::Cpu).map_err(candle_error)?;
        let last = x.index_select(&last, 0).map_err(candle_error)?;
        let normed = rms_norm(&last, &self.output_norm, self.config.rms_eps)?;
        let weights = self.output.as_ref().unwrap_or(&self.embedding);
        let logits = to_vec(&linear(&normed, weights)?)?;
        Ok(logits
            .chunks_exact(self.config.vocab)
            .map(<[f32]>::to_vec)
            .collect())
    }
}

/// Where the packed rows belong: the row where each sequence starts, and each row's
/// position in its sequence counting the prefix.
struct Rows {
    offsets: Vec<usize>,
    positions: Vec<usize>,
    prefix_len: usize,
    /// Additive causal mask of each sequence, `[group * n, prefix_len + n]`: 0 where a
    /// query may attend, minus infinity elsewhere.
    masks: Vec<Tensor>,
}

impl Rows {
    fn new(offsets: &[usize], prefix_len: usize, group: usize) -> Result<Self, EmbeddedError> {
        let total = offsets.last().copied().unwrap_or(0);
        let mut positions = Vec::with_capacity(total);
        let mut masks = Vec::with_capacity(offsets.len());
        for window in offsets.windows(2) {
            let n = window[1] - window[0];
            positions.extend((0..n).map(|t| prefix_len + t));
            let width = prefix_len + n;
            let mut mask = Vec::with_capacity(group * n * width);
            for _ in 0..group {
                for t in 0..n {
                    mask.extend((0..width).map(|j| {
                        if j <= prefix_len + t {
                            0.0f32
                        } else {
                            f32::NEG_INFINITY
                        }
                    }));
                }
            }
            let mask =
                Tensor::from_vec(mask, (group * n, width), &Device::Cpu).map_err(candle_error)?;
            masks.push(mask);
        }
        Ok(Self {
            offsets: offsets.to_vec(),
            positions,
            prefix_len,
            masks,
        })
    }
}

/// Causal attention of one layer over packed sequences that share a prefix.
// TODO: scoring reaches about 3.7 cells/s on 2 shared cores (BENCHMARKS.md), below the
// 7 cells/s target. The missing pieces are attention as one fused kernel and a faster gemm
// for these narrow matrices.
struct Attention<'a> {
    config: &'a Config,
    rows: &'a Rows,
    prefix: &'a PrefixKv<'a>,
}

impl Attention<'_> {
    /// Attends every packed row to the prefix and to the rows of its own sequence up to
    /// itself; sequences run in parallel.
    fn attend(
        &self,
        queries: Vec<f32>,
        keys: &[f32],
        values: &[f32],
    ) -> Result<Tensor, EmbeddedError> {
        let config = self.config;
        let (heads, kv_heads, head_dim) = (config.heads, config.kv_heads, config.head_dim);
        let n = self.rows.positions.len();
        let p = self.rows.prefix_len;
        let cpu = &Device::Cpu;
        let tensors = || -> candle_core::Result<[Tensor; 5]> {
            Ok([
                Tensor::from_vec(queries, (n, heads, head_dim), cpu)?,
                Tensor::from_slice(keys, (n, kv_heads, head_dim), cpu)?,
                Tensor::from_slice(values, (n, kv_heads, head_dim), cpu)?,
                Tensor::from_slice(self.prefix.keys, (p, kv_heads, head_dim), cpu)?,
                Tensor::from_slice(self.prefix.values, (p, kv_heads, head_dim), cpu)?,
            ])
        };
        let [queries, keys, values, prefix_keys, prefix_values] =
            tensors().map_err(candle_error)?;
        let inputs = SequenceInputs {
            queries: &queries,
            keys: &keys,
            values: &values,
            prefix_keys: &prefix_keys,
            prefix_values: &prefix_values,
        };
        let outputs = (0..self.rows.masks.len())
            .into_par_iter()
            .map(|sequence| self.attend_sequence(&inputs, sequence))
            .collect::<candle_core::Result<Vec<Tensor>>>()
            .map_err(candle_error)?;
        Tensor::cat(&outputs, 0).map_err(candle_error)
    }

    fn attend_sequence(
        &self,
        inputs: &SequenceInputs,
        sequence: usize,
    ) -> candle_core::Result<Tensor> {
        let config = self.config;
        let (heads, kv_heads, head_dim) = (config.heads, config.kv_heads, config.head_dim);
        let group = heads / kv_heads;
        let start = self.rows.offsets[sequence];
        let n = self.rows.offsets[sequence + 1] - start;
        let with_prefix = |prefix: &Tensor, own: &Tensor| -> candle_core::Result<Tensor> {
            let own = own.narrow(0, start, n)?;
            let all = if self.rows.prefix_len == 0 {
                own
            } else {
                Tensor::cat(&[prefix, &own], 0)?
            };
            all.transpose(0, 1)?.contiguous()
        };
        let keys = with_prefix(inputs.prefix_keys, inputs.keys)?;
        let values = with_prefix(inputs.prefix_values, inputs.values)?;
        let queries = inputs
            .queries
            .narrow(0, start, n)?
            .transpose(0, 1)?
            .contiguous()?
            .reshape((kv_heads, group * n, head_dim))?;
        #[expect(clippy::cast_precision_loss, reason = "head dims are small")]
        let scale = 1.0 / (head_dim as f64).sqrt();
        let scores =
            (queries.matmul(&keys.t()?)? * scale)?.broadcast_add(&self.rows.masks[sequence])?;
        let max = scores.max_keepdim(D::Minus1)?;
        let weights = scores.broadcast_sub(&max)?.exp()?;
        let weights = weights.broadcast_div(&weights.sum_keepdim(D::Minus1)?)?;
        weights
            .matmul(&values)?
            .reshape((heads, n, head_dim))?
            .transpose(0, 1)?
            .contiguous()?
            .reshape((n, heads * head_dim))
    }
}

/// One layer's packed queries, keys and values `[rows, heads, head_dim]` and the prefix's
/// keys and values.
struct SequenceInputs<'a> {
    queries: &'a Tensor,
    keys: &'a Tensor,
    values: &'a Tensor,
    prefix_keys: &'a Tensor,
    prefix_values: &'a Tensor,
}

fn vector(gguf: &mut GgufFile, name: &str, len: usize) -> Result<Tensor, EmbeddedError> {
    gguf.tensor(name, &[len])
}

fn to_vec(tensor: &Tensor) -> Result<Vec<f32>, EmbeddedError> {
    tensor
        .flatten_all()
        .and_then(|flat| flat.to_vec1::<f32>())
        .map_err(candle_error)
}

/// Multiplies `x` (`[rows, inner]`) by the transpose of `weight` (`[out, inner]`).
fn linear(x: &Tensor, weight: &Tensor) -> Result<Tensor, EmbeddedError> {
    let weight_t = weight.t().map_err(candle_error)?;
    x.matmul(&weight_t).map_err(candle_error)
}

fn rms_norm(x: &Tensor, weight: &Tensor, eps: f32) -> Result<Tensor, EmbeddedError> {
    let normed = || -> candle_core::Result<Tensor> {
        let mean_square = x.sqr()?.mean_keepdim(D::Minus1)?;
        let scale = (mean_square + f64::from(eps))?.sqrt()?.recip()?;
        x.broadcast_mul(&scale)?.broadcast_mul(weight)
    };
    normed().map_err(candle_error)
}

/// Rotates consecutive pairs of each head, llama.cpp's "normal" rotary embedding (GGUF
/// converters permute the query and key weights to match it).
fn rotate(x: &mut [f32], angles: &[(f32, f32)], head_dim: usize) {
    for head in x.chunks_exact_mut(head_dim) {
        for (pair, &(cos, sin)) in head.chunks_exact_mut(2).zip(angles) {
            let (a, b) = (pair[0], pair[1]);
            pair[0] = a * cos - b * sin;
            pair[1] = a * sin + b * cos;
        }
    }
}

/// `silu(gate) * up` for the stacked `[rows, 2 ffn]` gate and up projections.
fn swiglu(gate_up: &Tensor, ffn: usize) -> candle_core::Result<Tensor> {
    gate_up.narrow(1, 0, ffn)?.silu()? * gate_up.narrow(1, ffn, ffn)?
}

/// Softmax in place, in f32 with the maximum subtracted first.
pub fn softmax(x: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in x.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in x.iter_mut() {
        *v /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one() {
        let mut x = vec![1.0, 2.0, 3.0, -1000.0];
        softmax(&mut x);
        let sum: f32 = x.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6);
        assert!(x[2] > x[1] && x[1] > x[0]);
        assert_eq!(x[3], 0.0);
    }

    #[test]
    fn rotate_at_position_zero_is_identity() {
        let mut x = vec![1.0, 2.0, 3.0, 4.0];
        rotate(&mut x, &[(1.0, 0.0), (1.0, 0.0)], 4);
        assert_eq!(x, vec![1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn rotate_quarter_turn_swaps_pair() {
        let mut x = vec![1.0, 0.0];
        rotate(&mut x, &[(0.0, 1.0)], 2);
        assert_eq!(x, vec![0.0, 1.0]);
    }

    #[test]
    fn kv_cache_truncate_keeps_prefix_rows() {
        let mut cache = KvCache {
            tokens: vec![1, 2, 3],
            keys: vec![vec![1.0, 1.0, 2.0, 2.0, 3.0, 3.0]],
            values: vec![vec![4.0, 4.0, 5.0, 5.0, 6.0, 6.0]],
        };
        cache.truncate(2);
        assert_eq!(cache.tokens, vec![1, 2]);
        assert_eq!(cache.keys[0], vec![1.0, 1.0, 2.0, 2.0]);
        assert_eq!(cache.values[0], vec![4.0, 4.0, 5.0, 5.0]);
    }
}
