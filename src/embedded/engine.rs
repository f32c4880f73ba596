//! One loaded model and the operations on it: scoring option letters and sampling replies.
//!
//! The engine keeps the key-value cache of the tokens that recent prompts share. Scoring a
//! batch reuses the longest part of that cache which every prompt in the batch starts
//! with, extends it to the batch's own common prefix, and runs the rest of the prompts as a
//! prefix tree, so that tokens two prompts share (the two option orders of one cell share
//! all but the options) run once.

use indexmap::IndexMap;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::backend::LetterProbs;
use crate::cell::Message;
use crate::model::Value;

use super::EmbeddedError;
use super::chat::ChatFormat;
use super::gguf::GgufFile;
use super::kernels::softmax;
use super::llama::{KvCache, Llama};
use super::tokenizer::Tokenizer;

/// How many of the most probable tokens a scored reply lists.
const TOP_TOKENS: usize = 10;

/// Settings of the embedded backend.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineOptions {
    /// Worker threads for inference.
    pub threads: usize,
    /// Most prompts scored in one forward pass.
    pub batch: usize,
    /// Whether prompts reuse the key-value cache of the tokens they share, with earlier
    /// prompts and within a batch. Without it every prompt runs in full.
    pub prefix_reuse: bool,
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            batch: 8,
            prefix_reuse: true,
        }
    }
}

impl EngineOptions {
    /// Reads `threads`, `batch` and `prefix_reuse` from backend settings; other keys
    /// belong to the executor and are left alone.
    pub fn from_settings(settings: &IndexMap<String, Value>) -> Result<Self, EmbeddedError> {
        Self::default().with_overrides(settings)
    }

    /// Replaces the options that `settings` sets.
    pub fn with_overrides(
        mut self,
        settings: &IndexMap<String, Value>,
    ) -> Result<Self, EmbeddedError> {
        if let Some(value) = settings.get("threads") {
            self.threads = positive(value, "threads", MAX_THREADS)?;
        }
        if let Some(value) = settings.get("batch") {
            self.batch = positive(value, "batch", MAX_BATCH)?;
        }
        if let Some(value) = settings.get("prefix_reuse") {
            self.prefix_reuse = match value {
                Value::Bool(flag) => *flag,
                other => {
                    let found =
                        serde_json::to_string(other).unwrap_or_else(|_| "this value".to_string());
                    return Err(EmbeddedError::InvalidSetting {
                        key: "prefix_reuse".to_string(),
                        reason: format!("expected true or false, found {found}"),
                    });
                }
            };
        }
        Ok(self)
    }
}

/// Maximum worker threads. More only add scheduling cost on any CPU sold today.
const MAX_THREADS: usize = 1024;
/// Maximum prompts in one forward pass, because the activations of a batch grow with it.
const MAX_BATCH: usize = 1024;

fn positive(value: &Value, key: &str, max: usize) -> Result<usize, EmbeddedError> {
    let invalid = |reason: String| EmbeddedError::InvalidSetting {
        key: key.to_string(),
        reason,
    };
    match value {
        Value::Int(n) if *n > 0 => match usize::try_from(*n) {
            Ok(n) if n <= max => Ok(n),
            _ => Err(invalid(format!("{n} is more than the maximum of {max}"))),
        },
        other => {
            let found = serde_json::to_string(other).unwrap_or_else(|_| "this value".to_string());
            Err(invalid(format!(
                "expected a whole number from 1 to {max}, found {found}"
            )))
        }
    }
}

/// The token ids that spell each option letter, with and without a leading space.
struct LetterTokens {
    a: Vec<u32>,
    b: Vec<u32>,
}

impl LetterTokens {
    fn new(tokenizer: &Tokenizer) -> Self {
        let ids = |letter: &str| -> Vec<u32> {
            let mut ids: Vec<u32> = [letter.to_string(), format!(" {letter}")]
                .iter()
                .filter_map(|text| tokenizer.single_token(text))
                .collect();
            ids.dedup();
            ids
        };
        Self {
            a: ids("A"),
            b: ids("B"),
        }
    }
}

/// A sampled reply and its token counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampled {
    pub text: String,
    pub prompt_tokens: usize,
    pub completion_tokens: usize,
}

/// How a sampled reply is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleSettings {
    pub temperature: f64,
    pub top_p: Option<f64>,
    pub max_tokens: usize,
    pub seed: u64,
}

pub struct Engine {
    pub id: String,
    pub path: PathBuf,
    pub sha256: String,
    pub architecture: String,
    pub load_time: Duration,
    pub options: EngineOptions,
    tokenizer: Tokenizer,
    chat: ChatFormat,
    llama: Llama,
    letters: LetterTokens,
    cache: KvCache,
    pool: rayon::ThreadPool,
}

impl Engine {
    /// Loads the GGUF file at `path`; `id` is the name the spec gave the model.
    pub fn load(id: &str, path: &Path, options: EngineOptions) -> Result<Self, EmbeddedError> {
        let started = Instant::now();
        let mut gguf = GgufFile::open(path)?;
        let architecture = gguf.architecture()?;
        if architecture != "llama" {
            return Err(EmbeddedError::Unsupported {
                path: path.to_path_buf(),
                what: format!("architecture `{architecture}`"),
                supported: "`llama` (SmolLM, SmolLM2, Llama 2 and 3, TinyLlama, Mistral 7B)"
                    .to_string(),
            });
        }
        let tokenizer = Tokenizer::from_gguf(&gguf)?;
        let chat = chat_format(&gguf, &tokenizer)?;
        let llama = Llama::load(&mut gguf, tokenizer.vocab_size())?;
        let sha256 = file_sha256(path)?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.threads)
            .thread_name(|index| format!("pactc-embedded-{index}"))
            .build()
            .map_err(|error| EmbeddedError::Compute {
                reason: format!("cannot start {} worker threads: {error}", options.threads),
            })?;
        let letters = LetterTokens::new(&tokenizer);
        let cache = KvCache::empty(llama.config.layers);
        tracing::info!(model = id, path = %path.display(), seconds = started.elapsed().as_secs_f64(), "loaded embedded model");
        Ok(Self {
            id: id.to_string(),
            path: path.to_path_buf(),
            sha256,
            architecture,
            load_time: started.elapsed(),
            options,
            tokenizer,
            chat,
            llama,
            letters,
            cache,
            pool,
        })
    }

    /// What the run manifest records about this model.
    pub fn describe(&self) -> serde_json::Value {
        serde_json::json!({
            "backend": "embedded",
            "model": self.id,
            "path": self.path.display().to_string(),
            "sha256": self.sha256,
            "architecture": self.architecture,
            "chat_format": self.chat.describe(),
            "weights": "dequantized on load",
            "arithmetic": self.llama.arithmetic(),
            "threads": self.options.threads,
            "batch": self.options.batch,
            "prefix_reuse": self.options.prefix_reuse,
        })
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Renders `messages` with the model's chat format.
    pub fn render(&self, messages: &[Message]) -> Result<String, EmbeddedError> {
        self.chat.render(messages)
    }

    /// Renders and tokenizes `messages`, adding BOS when the model requests it, and rejects
    /// a prompt longer than the model's context.
    pub fn prompt_tokens(&self, messages: &[Message]) -> Result<Vec<u32>, EmbeddedError> {
        let text = self.render(messages)?;
        let mut ids = Vec::new();
        if self.tokenizer.add_bos
            && let Some(bos) = self.tokenizer.bos
        {
            ids.push(bos);
        }
        ids.extend(self.tokenizer.encode(&text));
        if ids.is_empty() {
            return Err(EmbeddedError::EmptyPrompt);
        }
        // Checked here so that a prompt too long for the model fails alone rather than
        // failing the batch it would be scored in.
        let context_length = self.llama.config.context_length;
        if ids.len() > context_length {
            return Err(EmbeddedError::PromptTooLong {
                tokens: ids.len(),
                context_length,
            });
        }
        Ok(ids)
    }

    /// Next-token logits after each prompt, sharing the cached prefix where allowed.
    pub fn next_token_logits(
        &mut self,
        prompts: &[Vec<u32>],
    ) -> Result<Vec<Vec<f32>>, EmbeddedError> {
        if prompts.is_empty() {
            return Ok(Vec::new());
        }
        if prompts.iter().any(Vec::is_empty) {
            return Err(EmbeddedError::EmptyPrompt);
        }
        let Self {
            pool,
            llama,
            cache,
            options,
            ..
        } = self;
        pool.install(|| {
            if !options.prefix_reuse {
                let full: Vec<&[u32]> = prompts.iter().map(Vec::as_slice).collect();
                return llama.forward(&KvCache::empty(llama.config.layers), 0, &full, false);
            }
            let shared = shared_prefix_len(prompts);
            let reusable = common_len(&cache.tokens, &prompts[0][..shared]);
            if reusable < shared {
                llama.extend(cache, reusable, &prompts[0][reusable..shared])?;
            }
            let suffixes: Vec<&[u32]> = prompts.iter().map(|p| &p[shared..]).collect();
            llama.forward(cache, shared, &suffixes, true)
        })
    }

    /// Probabilities of the option letters after each prompt.
    pub fn score(&mut self, prompts: &[Vec<u32>]) -> Result<Vec<LetterProbs>, EmbeddedError> {
        let logits = self.next_token_logits(prompts)?;
        Ok(logits.iter().map(|l| self.letter_probs(l)).collect())
    }

    fn letter_probs(&self, logits: &[f32]) -> LetterProbs {
        let probs = softmax_f64(logits);
        let mass = |ids: &[u32]| -> Option<f64> {
            if ids.is_empty() {
                return None;
            }
            Some(ids.iter().map(|&id| probs[id as usize]).sum())
        };
        let p_a = mass(&self.letters.a);
        let p_b = mass(&self.letters.b);
        let letters: Vec<u32> = self
            .letters
            .a
            .iter()
            .chain(&self.letters.b)
            .copied()
            .collect();
        let other_mass: f64 = (0u32..)
            .zip(&probs)
            .filter(|(id, _)| !letters.contains(id))
            .map(|(_, p)| *p)
            .sum();
        LetterProbs {
            p_a,
            p_b,
            other_mass: Some(other_mass),
            top: self.top_tokens(&probs),
        }
    }

    fn top_tokens(&self, probs: &[f64]) -> Vec<(String, f64)> {
        let mut order: Vec<u32> = (0u32..).take(probs.len()).collect();
        let descending = |a: &u32, b: &u32| probs[*b as usize].total_cmp(&probs[*a as usize]);
        // Only the first few are listed: partition around the last of them, then sort those.
        let keep = TOP_TOKENS.min(order.len());
        if keep < order.len() {
            order.select_nth_unstable_by(keep, descending);
        }
        order.truncate(keep);
        order.sort_unstable_by(descending);
        order
            .into_iter()
            .map(|id| (self.tokenizer.decode(&[id]), probs[id as usize]))
            .collect()
    }

    /// Draws one reply to `prompt`, ending at a control token, after `max_tokens`, or at
    /// the end of the model's context.
    pub fn sample(
        &mut self,
        prompt: &[u32],
        settings: &SampleSettings,
    ) -> Result<Sampled, EmbeddedError> {
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        let mut sequence = KvCache::empty(self.llama.config.layers);
        let mut generated = Vec::new();
        let Self {
            pool,
            llama,
            tokenizer,
            ..
        } = self;
        pool.install(|| -> Result<(), EmbeddedError> {
            let mut logits = llama.extend(&mut sequence, 0, prompt)?;
            while generated.len() < settings.max_tokens {
                let token = draw(&mut logits, settings, &mut rng);
                if tokenizer.is_control(token) || Some(token) == tokenizer.eos {
                    break;
                }
                generated.push(token);
                // The reply also ends where the model's context does.
                if generated.len() == settings.max_tokens
                    || sequence.len() >= llama.config.context_length
                {
                    break;
                }
                let keep = sequence.len();
                logits = llama.extend(&mut sequence, keep, &[token])?;
            }
            Ok(())
        })?;
        Ok(Sampled {
            text: self.tokenizer.decode(&generated),
            prompt_tokens: prompt.len(),
            completion_tokens: generated.len(),
        })
    }
}

/// Picks the next token: the most probable one at temperature 0, otherwise a draw from
/// the tempered distribution cut to its top-p nucleus.
fn draw(logits: &mut [f32], settings: &SampleSettings, rng: &mut ChaCha8Rng) -> u32 {
    // Below this temperature the tempered distribution puts all its mass on the best
    // token, and dividing by it would overflow f32.
    const GREEDY_BELOW: f64 = 1e-6;
    if settings.temperature < GREEDY_BELOW {
        return argmax(logits);
    }
    #[expect(clippy::cast_possible_truncation, reason = "temperatures are small")]
    let temperature = settings.temperature as f32;
    for logit in logits.iter_mut() {
        *logit /= temperature;
    }
    softmax(logits);
    let mut order: Vec<u32> = (0u32..).take(logits.len()).collect();
    order.sort_unstable_by(|a, b| logits[*b as usize].total_cmp(&logits[*a as usize]));
    let top_p = settings.top_p.unwrap_or(1.0);
    let mut kept = Vec::new();
    let mut total = 0.0f64;
    for id in order {
        kept.push(id);
        total += f64::from(logits[id as usize]);
        if total >= top_p {
            break;
        }
    }
    if !(total.is_finite() && total > 0.0) {
        return argmax(logits);
    }
    let mut target = rng.gen_range(0.0..total);
    for &id in &kept {
        target -= f64::from(logits[id as usize]);
        if target < 0.0 {
            return id;
        }
    }
    *kept.last().expect("the nucleus holds at least one token")
}

/// Softmax in f64, so that the probabilities of a large vocabulary sum to 1 within 1e-12.
fn softmax_f64(logits: &[f32]) -> Vec<f64> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut probs: Vec<f64> = logits
        .iter()
        .map(|&l| (f64::from(l) - f64::from(max)).exp())
        .collect();
    let sum: f64 = probs.iter().sum();
    for p in &mut probs {
        *p /= sum;
    }
    probs
}

fn argmax(values: &[f32]) -> u32 {
    (0u32..)
        .zip(values)
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(id, _)| id)
}

/// Length of the prefix every prompt shares, leaving at least one token of each prompt to
/// run, since the logits come from the last token.
fn shared_prefix_len(prompts: &[Vec<u32>]) -> usize {
    let shortest = prompts.iter().map(Vec::len).min().unwrap_or(0);
    let mut len = shortest.saturating_sub(1);
    for prompt in &prompts[1..] {
        len = len.min(common_len(&prompts[0], prompt));
    }
    len
}

fn common_len(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The model's own chat template, or the plain format when its GGUF has none.
fn chat_format(gguf: &GgufFile, tokenizer: &Tokenizer) -> Result<ChatFormat, EmbeddedError> {
    if !gguf.has("tokenizer.chat_template") {
        return Ok(ChatFormat::Plain);
    }
    let text_of = |id: Option<u32>| {
        id.and_then(|id| tokenizer.token_text(id))
            .unwrap_or_default()
            .to_string()
    };
    ChatFormat::from_template(
        gguf.string("tokenizer.chat_template")?,
        &text_of(tokenizer.bos),
        &text_of(tokenizer.eos),
    )
}

/// SHA-256 of a file, as lowercase hex.
pub fn file_sha256(path: &Path) -> Result<String, EmbeddedError> {
    let io_error = |source| EmbeddedError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).map_err(io_error)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex::encode(hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_prefix_leaves_last_token() {
        let prompts = vec![vec![1, 2, 3], vec![1, 2, 3]];
        assert_eq!(shared_prefix_len(&prompts), 2);
    }

    #[test]
    fn shared_prefix_stops_at_divergence() {
        let prompts = vec![vec![1, 2, 3, 4], vec![1, 2, 5, 6], vec![1, 2, 3, 7]];
        assert_eq!(shared_prefix_len(&prompts), 2);
    }

    #[test]
    fn draw_at_zero_temperature_is_argmax() {
        let mut logits = vec![0.1, 3.0, 0.2];
        let settings = SampleSettings {
            temperature: 0.0,
            top_p: None,
            max_tokens: 1,
            seed: 0,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        assert_eq!(draw(&mut logits, &settings, &mut rng), 1);
    }

    #[test]
    fn draw_with_small_top_p_keeps_best_token() {
        let settings = SampleSettings {
            temperature: 1.0,
            top_p: Some(0.1),
            max_tokens: 1,
            seed: 3,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..20 {
            let mut logits = vec![0.0, 5.0, 1.0];
            assert_eq!(draw(&mut logits, &settings, &mut rng), 1);
        }
    }

    #[test]
    fn options_reject_zero_threads() {
        let mut settings = IndexMap::new();
        settings.insert("threads".to_string(), Value::Int(0));
        let error = EngineOptions::from_settings(&settings).expect_err("zero threads");
        assert!(error.to_string().contains("threads"));
    }

    #[test]
    fn options_reject_thread_count_above_maximum() {
        let mut settings = IndexMap::new();
        settings.insert("threads".to_string(), Value::Int(100_000));
        let error = EngineOptions::from_settings(&settings).expect_err("too many threads");
        assert!(error.to_string().contains("maximum of 1024"), "{error}");
    }

    #[test]
    fn tiny_temperature_is_greedy() {
        let settings = SampleSettings {
            temperature: 1e-50,
            top_p: None,
            max_tokens: 1,
            seed: 0,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let mut logits = vec![0.1, 3.0, 0.2];
        assert_eq!(draw(&mut logits, &settings, &mut rng), 1);
    }

    #[test]
    fn options_read_batch_and_prefix_reuse() {
        let mut settings = IndexMap::new();
        settings.insert("batch".to_string(), Value::Int(3));
        settings.insert("prefix_reuse".to_string(), Value::Bool(false));
        let options = EngineOptions::from_settings(&settings).expect("valid settings");
        assert_eq!(options.batch, 3);
        assert!(!options.prefix_reuse);
    }
}
