//! The llama forward pass in f32, with a cached key-value prefix and packed sequences.
//!
//! Weights are dequantized to f32 once at load time: for models of this size f32 matrix
//! multiplies are much faster than multiplying quantized blocks. A forward pass takes any
//! number of token sequences that all continue the same cached prefix. Their tokens are
//! arranged as a prefix tree, so a run of tokens that several sequences share runs once,
//! and packed into one matrix, so the projections run as one large multiply per layer.
//! Attention keeps the sequences apart: a token sees the prefix and the earlier tokens of
//! its own sequence only.

use rayon::prelude::*;

use super::EmbeddedError;
use super::gguf::GgufFile;
use super::kernels;
use super::linear::Linear;

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

/// One transformer block's weights, each a row-major `[out, inner]` matrix as GGUF stores
/// it, dequantized to f32.
struct Layer {
    attn_norm: Vec<f32>,
    /// Query, key and value projections stacked into one `[hidden + 2 kv_dim, hidden]`.
    qkv: Linear,
    output: Linear,
    ffn_norm: Vec<f32>,
    /// Gate and up projections stacked into one `[2 ffn, hidden]`.
    gate_up: Linear,
    down: Linear,
}

pub struct Llama {
    pub config: Config,
    /// Token embeddings `[vocab, hidden]`, also the output projection when the model ties
    /// them.
    embedding: Vec<f32>,
    output: Option<Vec<f32>>,
    output_norm: Vec<f32>,
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

    /// Appends the keys and values of the packed rows `rows` of a forward pass, which hold
    /// `tokens`.
    fn extend_from(&mut self, packed: &PackedKv, rows: std::ops::Range<usize>, tokens: &[u32]) {
        let kv_dim = packed.kv_dim;
        let (start, end) = (rows.start * kv_dim, rows.end * kv_dim);
        self.tokens.extend_from_slice(tokens);
        for (layer, keys) in packed.keys.iter().enumerate() {
            self.keys[layer].extend_from_slice(&keys[start..end]);
            self.values[layer].extend_from_slice(&packed.values[layer][start..end]);
        }
    }
}

/// Keys and values of all packed rows of one forward pass, per layer.
struct PackedKv {
    kv_dim: usize,
    keys: Vec<Vec<f32>>,
    values: Vec<Vec<f32>>,
}

/// One layer's keys and values of the cached prefix.
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
    /// Loads every tensor of a llama-architecture GGUF file, dequantized to f32, and lays
    /// the linear layers out for this CPU.
    pub fn load(gguf: &mut GgufFile, vocab: usize) -> Result<Self, EmbeddedError> {
        let config = Config::from_gguf(gguf, vocab)?;
        let (hidden, kv_dim, ffn) = (config.hidden, config.kv_dim(), config.ffn);
        let embedding = matrix(gguf, "token_embd.weight", &[vocab, hidden])?;
        let output = if gguf.has_tensor("output.weight") {
            Some(matrix(gguf, "output.weight", &[vocab, hidden])?)
        } else {
            None
        };
        let output_norm = matrix(gguf, "output_norm.weight", &[hidden])?;
        let mut layers = Vec::with_capacity(config.layers);
        for index in 0..config.layers {
            let name = |part: &str| format!("blk.{index}.{part}.weight");
            // Stacking row-major matrices with the same inner width is concatenation.
            let mut qkv = matrix(gguf, &name("attn_q"), &[hidden, hidden])?;
            qkv.extend(matrix(gguf, &name("attn_k"), &[kv_dim, hidden])?);
            qkv.extend(matrix(gguf, &name("attn_v"), &[kv_dim, hidden])?);
            let mut gate_up = matrix(gguf, &name("ffn_gate"), &[ffn, hidden])?;
            gate_up.extend(matrix(gguf, &name("ffn_up"), &[ffn, hidden])?);
            let output = matrix(gguf, &name("attn_output"), &[hidden, hidden])?;
            let down = matrix(gguf, &name("ffn_down"), &[hidden, ffn])?;
            layers.push(Layer {
                attn_norm: matrix(gguf, &name("attn_norm"), &[hidden])?,
                qkv: Linear::new(qkv, hidden + 2 * kv_dim, hidden),
                output: Linear::new(output, hidden, hidden),
                ffn_norm: matrix(gguf, &name("ffn_norm"), &[hidden])?,
                gate_up: Linear::new(gate_up, 2 * ffn, hidden),
                down: Linear::new(down, hidden, ffn),
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
    /// returns each sequence's next-token logits. With `share_runs`, tokens that several
    /// sequences share at the same place run once; without, every sequence runs in full.
    pub fn forward(
        &self,
        prefix: &KvCache,
        prefix_len: usize,
        sequences: &[&[u32]],
        share_runs: bool,
    ) -> Result<Vec<Vec<f32>>, EmbeddedError> {
        self.check_input(prefix, prefix_len, sequences)?;
        let tree = if share_runs {
            Segments::build(sequences, prefix_len)
        } else {
            Segments::separate(sequences, prefix_len)
        };
        tracing::debug!(
            sequences = sequences.len(),
            prefix_len,
            tokens = sequences.iter().map(|s| s.len()).sum::<usize>(),
            rows = tree.tokens.len(),
            "forward pass"
        );
        let (logits, _) = self.run(prefix, &tree);
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
        self.check_input(cache, keep, &[tokens])?;
        let tree = Segments::build(&[tokens], keep);
        let (mut logits, packed) = self.run(cache, &tree);
        cache.truncate(keep);
        cache.extend_from(&packed, 0..tokens.len(), tokens);
        Ok(logits.pop().expect("one sequence gives one row of logits"))
    }

    fn run(&self, prefix: &KvCache, tree: &Segments) -> (Vec<Vec<f32>>, PackedKv) {
        let rope = self.rope_table(&tree.positions);
        let mut x = self.embed(&tree.tokens);
        let kv_dim = self.config.kv_dim();
        let mut packed = PackedKv {
            kv_dim,
            keys: Vec::with_capacity(self.layers.len()),
            values: Vec::with_capacity(self.layers.len()),
        };
        let prefix_len = tree.prefix_len;
        for (index, layer) in self.layers.iter().enumerate() {
            let prefix_kv = PrefixKv {
                keys: &prefix.keys[index][..prefix_len * kv_dim],
                values: &prefix.values[index][..prefix_len * kv_dim],
            };
            let (keys, values) = self.layer(layer, &mut x, tree, &rope, &prefix_kv);
            packed.keys.push(keys);
            packed.values.push(values);
        }
        (self.logits(&x, &tree.last_rows), packed)
    }

    /// Names the arithmetic of the linear layers, for the run manifest.
    pub fn arithmetic(&self) -> &'static str {
        self.layers
            .first()
            .map_or("f32 (gemm)", |layer| layer.qkv.describe())
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

    fn embed(&self, tokens: &[u32]) -> Vec<f32> {
        let hidden = self.config.hidden;
        let mut x = Vec::with_capacity(tokens.len() * hidden);
        for &id in tokens {
            let start = id as usize * hidden;
            x.extend_from_slice(&self.embedding[start..start + hidden]);
        }
        x
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

    /// Runs one transformer block on the packed rows `x` in place and returns the rows'
    /// keys and values.
    fn layer(
        &self,
        layer: &Layer,
        x: &mut [f32],
        tree: &Segments,
        rope: &[(f32, f32)],
        prefix: &PrefixKv,
    ) -> (Vec<f32>, Vec<f32>) {
        let config = &self.config;
        let (hidden, kv_dim, ffn) = (config.hidden, config.kv_dim(), config.ffn);
        let n = tree.positions.len();

        let normed = kernels::rms_norm(x, &layer.attn_norm, config.rms_eps);
        let width = hidden + 2 * kv_dim;
        let mut qkv = layer.qkv.forward(&normed, n);
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
            tree,
            prefix,
            keys: &keys,
            values: &values,
        };
        let attended = attention.attend(&queries);
        kernels::add_assign(x, &layer.output.forward(&attended, n));

        let normed = kernels::rms_norm(x, &layer.ffn_norm, config.rms_eps);
        let gate_up = layer.gate_up.forward(&normed, n);
        let activated = kernels::swiglu(&gate_up, ffn);
        kernels::add_assign(x, &layer.down.forward(&activated, n));
        (keys, values)
    }

    fn logits(&self, x: &[f32], last_rows: &[usize]) -> Vec<Vec<f32>> {
        let hidden = self.config.hidden;
        let mut last = Vec::with_capacity(last_rows.len() * hidden);
        for &row in last_rows {
            last.extend_from_slice(&x[row * hidden..(row + 1) * hidden]);
        }
        let normed = kernels::rms_norm(&last, &self.output_norm, self.config.rms_eps);
        let weights = self.output.as_ref().unwrap_or(&self.embedding);
        let logits = kernels::matmul_t(&normed, last_rows.len(), weights, self.config.vocab);
        logits
            .chunks_exact(self.config.vocab)
            .map(<[f32]>::to_vec)
            .collect()
    }
}

/// The tokens of one forward pass as a prefix tree of segments.
///
/// Prompts of one item differ late: the variants of a persona share the scenario, and the
/// two option orders share everything up to the options. A segment holds a run of tokens
/// that one or more sequences share at the same positions, so it runs once. Its rows
/// attend to the cached prefix, to the rows of its ancestor segments, and to its own
/// earlier rows.
#[derive(Debug)]
struct Segments {
    prefix_len: usize,
    /// Tokens of every segment, packed one after another.
    tokens: Vec<u32>,
    /// Packed row where each segment starts, plus the total row count at the end.
    offsets: Vec<usize>,
    /// Ancestors of each segment, root first.
    ancestors: Vec<Vec<usize>>,
    /// Position of each packed row in its sequence, counting the prefix.
    positions: Vec<usize>,
    /// Packed row of each sequence's last token, whose output gives its logits.
    last_rows: Vec<usize>,
}

/// Sequences that share their tokens before `depth` and still need a place in the tree.
struct Pending {
    members: Vec<usize>,
    depth: usize,
    parent: Option<usize>,
}

impl Segments {
    /// Arranges `sequences` (none empty), which all continue a prefix of `prefix_len`
    /// tokens, into segments.
    fn build(sequences: &[&[u32]], prefix_len: usize) -> Self {
        let mut tree = Self::empty(prefix_len, sequences.len());
        let mut stack = vec![Pending {
            members: (0..sequences.len()).collect(),
            depth: 0,
            parent: None,
        }];
        while let Some(Pending {
            members,
            depth,
            mut parent,
        }) = stack.pop()
        {
            let first = sequences[members[0]];
            let shared_end = members[1..].iter().fold(first.len(), |end, &member| {
                let other = sequences[member];
                end.min(depth + common_len(&first[depth..end], &other[depth..]))
            });
            if shared_end > depth {
                parent = Some(tree.push(&first[depth..shared_end], depth, parent));
            }
            // Members that go on are grouped by their next token, in order of first
            // appearance. A member that ends here takes its logits from the segment just
            // pushed. Only the root group can lack that segment, and its sequences are not
            // empty, so they all go on.
            let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
            for &member in &members {
                let sequence = sequences[member];
                match (sequence.get(shared_end), parent) {
                    (Some(&token), _) => match groups.iter_mut().find(|(t, _)| *t == token) {
                        Some((_, group)) => group.push(member),
                        None => groups.push((token, vec![member])),
                    },
                    (None, Some(segment)) => tree.last_rows[member] = tree.offsets[segment + 1] - 1,
                    (None, None) => unreachable!("sequences are not empty"),
                }
            }
            for (_, members) in groups.into_iter().rev() {
                stack.push(Pending {
                    members,
                    depth: shared_end,
                    parent,
                });
            }
        }
        tree
    }

    /// Builds one root segment per sequence, sharing nothing but the cached prefix.
    fn separate(sequences: &[&[u32]], prefix_len: usize) -> Self {
        let mut tree = Self::empty(prefix_len, sequences.len());
        for (index, sequence) in sequences.iter().enumerate() {
            let segment = tree.push(sequence, 0, None);
            tree.last_rows[index] = tree.offsets[segment + 1] - 1;
        }
        tree
    }

    fn empty(prefix_len: usize, sequences: usize) -> Self {
        Self {
            prefix_len,
            tokens: Vec::new(),
            offsets: vec![0],
            ancestors: Vec::new(),
            positions: Vec::new(),
            last_rows: vec![0; sequences],
        }
    }

    /// Appends a segment of `tokens` that starts `depth` tokens after the prefix, below
    /// `parent`, and returns its index.
    fn push(&mut self, tokens: &[u32], depth: usize, parent: Option<usize>) -> usize {
        let index = self.ancestors.len();
        let ancestors = match parent {
            Some(parent) => {
                let mut line = self.ancestors[parent].clone();
                line.push(parent);
                line
            }
            None => Vec::new(),
        };
        self.ancestors.push(ancestors);
        self.tokens.extend_from_slice(tokens);
        self.positions
            .extend((0..tokens.len()).map(|t| self.prefix_len + depth + t));
        self.offsets.push(self.tokens.len());
        index
    }
}

fn common_len(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Causal attention of one layer over a tree of segments below a cached prefix.
struct Attention<'a> {
    config: &'a Config,
    tree: &'a Segments,
    prefix: &'a PrefixKv<'a>,
    /// Keys and values of the packed rows, `[rows, kv_dim]`.
    keys: &'a [f32],
    values: &'a [f32],
}

/// One segment's attention output for one key-value head: `[group * n, head_dim]`, the
/// group's query heads one after another.
struct HeadOutput {
    segment: usize,
    kv_head: usize,
    rows: Vec<f32>,
}

impl Attention<'_> {
    /// Attends the rows of every segment to the prefix, the segment's ancestors and its own
    /// rows up to themselves; returns `[rows, hidden]`. Each (segment, key-value head)
    /// pair is two small matrix multiplies, and the pairs run in parallel.
    fn attend(&self, queries: &[f32]) -> Vec<f32> {
        let config = self.config;
        let (hidden, head_dim) = (config.hidden, config.head_dim);
        let group = config.heads / config.kv_heads;
        let segments = self.tree.ancestors.len();
        let contexts: Vec<(Vec<f32>, Vec<f32>)> = (0..segments)
            .into_par_iter()
            .map(|segment| self.context(segment))
            .collect();
        let outputs: Vec<HeadOutput> = (0..segments * config.kv_heads)
            .into_par_iter()
            .map(|task| {
                let (segment, kv_head) = (task / config.kv_heads, task % config.kv_heads);
                let (keys, values) = &contexts[segment];
                HeadOutput {
                    segment,
                    kv_head,
                    rows: self.attend_head(segment, kv_head, queries, keys, values),
                }
            })
            .collect();
        let mut out = vec![0.0f32; queries.len()];
        for output in outputs {
            let start = self.tree.offsets[output.segment];
            let n = self.tree.offsets[output.segment + 1] - start;
            for (index, row) in output.rows.chunks_exact(head_dim).enumerate() {
                let (head_in_group, t) = (index / n, index % n);
                let head = output.kv_head * group + head_in_group;
                let at = (start + t) * hidden + head * head_dim;
                out[at..at + head_dim].copy_from_slice(row);
            }
        }
        out
    }

    /// Keys and values a segment's rows see, in position order: the prefix, each ancestor
    /// segment, then the segment itself; `[context, kv_dim]` each.
    fn context(&self, segment: usize) -> (Vec<f32>, Vec<f32>) {
        let kv_dim = self.config.kv_dim();
        let tree = self.tree;
        let mut keys = self.prefix.keys.to_vec();
        let mut values = self.prefix.values.to_vec();
        let own = std::iter::once(&segment);
        for &part in tree.ancestors[segment].iter().chain(own) {
            let (start, end) = (tree.offsets[part] * kv_dim, tree.offsets[part + 1] * kv_dim);
            keys.extend_from_slice(&self.keys[start..end]);
            values.extend_from_slice(&self.values[start..end]);
        }
        (keys, values)
    }

    fn attend_head(
        &self,
        segment: usize,
        kv_head: usize,
        queries: &[f32],
        keys: &[f32],
        values: &[f32],
    ) -> Vec<f32> {
        let config = self.config;
        let (hidden, head_dim, kv_dim) = (config.hidden, config.head_dim, config.kv_dim());
        let group = config.heads / config.kv_heads;
        let start = self.tree.offsets[segment];
        let n = self.tree.offsets[segment + 1] - start;
        let context = keys.len() / kv_dim;
        // Rows of the context before this segment's own first row.
        let before = context - n;

        // The group's queries, head by head: `[group * n, head_dim]`.
        let mut grouped = Vec::with_capacity(group * n * head_dim);
        for head in kv_head * group..(kv_head + 1) * group {
            for row in start..start + n {
                let at = row * hidden + head * head_dim;
                grouped.extend_from_slice(&queries[at..at + head_dim]);
            }
        }
        let column = kv_head * head_dim;
        let mut scores = vec![0.0f32; group * n * context];
        kernels::gemm(
            (group * n, context, head_dim),
            kernels::Strided {
                data: &grouped,
                row_stride: head_dim,
                col_stride: 1,
            },
            kernels::Strided {
                data: &keys[column..],
                row_stride: 1,
                col_stride: kv_dim,
            },
            &mut scores,
            1,
        );
        #[expect(clippy::cast_precision_loss, reason = "head dims are small")]
        let scale = 1.0 / (head_dim as f32).sqrt();
        for (index, row) in scores.chunks_exact_mut(context).enumerate() {
            // Own row t sees the context up to and including itself.
            let visible = before + index % n + 1;
            let (seen, hidden_part) = row.split_at_mut(visible);
            for score in seen.iter_mut() {
                *score *= scale;
            }
            kernels::softmax(seen);
            hidden_part.fill(0.0);
        }
        let mut out = vec![0.0f32; group * n * head_dim];
        kernels::gemm(
            (group * n, head_dim, context),
            kernels::Strided {
                data: &scores,
                row_stride: context,
                col_stride: 1,
            },
            kernels::Strided {
                data: &values[column..],
                row_stride: kv_dim,
                col_stride: 1,
            },
            &mut out,
            1,
        );
        out
    }
}

/// Reads tensor `name` as a flat row-major f32 vector, checking its shape.
fn matrix(gguf: &mut GgufFile, name: &str, shape: &[usize]) -> Result<Vec<f32>, EmbeddedError> {
    gguf.tensor(name, shape)?
        .flatten_all()
        .and_then(|flat| flat.to_vec1::<f32>())
        .map_err(candle_error)
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn segments_share_common_runs() {
        let a: &[u32] = &[1, 2, 3, 4];
        let b: &[u32] = &[1, 2, 3, 5, 6];
        let c: &[u32] = &[1, 7];
        let tree = Segments::build(&[a, b, c], 10);
        // [1], then [2, 3] and [7] below it, then [4] and [5, 6] below [2, 3].
        assert_eq!(tree.tokens.len(), 1 + 2 + 1 + 1 + 2);
        for (sequence, &last) in [a, b, c].iter().zip(&tree.last_rows) {
            assert_eq!(tree.tokens[last], *sequence.last().expect("not empty"));
            assert_eq!(tree.positions[last], 10 + sequence.len() - 1);
        }
    }

    #[test]
    fn segments_of_a_sequence_and_its_prefix() {
        let long: &[u32] = &[1, 2, 3];
        let short: &[u32] = &[1, 2];
        let tree = Segments::build(&[long, short, long], 0);
        assert_eq!(tree.tokens, vec![1, 2, 3]);
        assert_eq!(tree.last_rows, vec![2, 1, 2]);
    }

    #[test]
    fn segments_without_shared_start() {
        let tree = Segments::build(&[&[5, 6], &[7]], 3);
        assert_eq!(tree.tokens.len(), 3);
        assert!(tree.ancestors.iter().all(Vec::is_empty));
        assert_eq!(tree.positions, vec![3, 4, 3]);
    }

    #[test]
    fn separate_segments_repeat_shared_tokens() {
        let tree = Segments::separate(&[&[1, 2], &[1, 2, 3]], 0);
        assert_eq!(tree.tokens, vec![1, 2, 1, 2, 3]);
        assert_eq!(tree.last_rows, vec![1, 4]);
        assert_eq!(tree.positions, vec![0, 1, 0, 1, 2]);
    }
}
