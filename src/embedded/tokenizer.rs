//! Byte-level BPE tokenizer built from a GGUF file's `tokenizer.ggml.*` metadata.
//!
//! It reproduces llama.cpp's `gpt2`-model tokenizer: special tokens (control and
//! user-defined types) are split out first, the remaining text is cut into words by the
//! pre-tokenizer patterns that `tokenizer.ggml.pre` names, each word is mapped to GPT-2's
//! byte alphabet, and merges are applied lowest rank first.

use fancy_regex::Regex;
use std::collections::HashMap;

use super::EmbeddedError;
use super::gguf::GgufFile;

/// llama.cpp's token types (`tokenizer.ggml.token_type`).
const TYPE_CONTROL: i64 = 3;
const TYPE_USER_DEFINED: i64 = 4;

/// GPT-2's word pattern, as llama.cpp writes it for the pre-tokenizers below.
const GPT2_WORDS: &str =
    r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

/// GPT-2's word pattern without the final catch-all `\s+`, which llama.cpp uses for the
/// StarCoder family (SmolLM among them) after splitting digits one by one.
const STARCODER_WORDS: &str =
    r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)";

pub struct Tokenizer {
    tokens: Vec<String>,
    ids: HashMap<String, u32>,
    /// Merge rank by the pair written as `left right`, as the GGUF stores it.
    merge_ranks: HashMap<String, usize>,
    /// Special tokens, longest first, so that a longer one wins over its prefix.
    specials: Vec<(String, u32)>,
    control: Vec<bool>,
    patterns: Vec<Regex>,
    byte_to_char: [char; 256],
    char_to_byte: HashMap<char, u8>,
    pub bos: Option<u32>,
    pub eos: Option<u32>,
    pub add_bos: bool,
}

impl Tokenizer {
    /// Builds the tokenizer of a GGUF file; only the `gpt2` (byte-level BPE) model is
    /// supported.
    pub fn from_gguf(gguf: &GgufFile) -> Result<Self, EmbeddedError> {
        let model = gguf.string("tokenizer.ggml.model")?;
        if model != "gpt2" {
            return Err(EmbeddedError::Unsupported {
                path: gguf.path.clone(),
                what: format!("tokenizer model `{model}`"),
                supported: "`gpt2` (byte-level BPE)".to_string(),
            });
        }
        let pre = if gguf.has("tokenizer.ggml.pre") {
            gguf.string("tokenizer.ggml.pre")?.to_string()
        } else {
            "default".to_string()
        };
        let patterns = pre_tokenizer_patterns(&pre).ok_or_else(|| EmbeddedError::Unsupported {
            path: gguf.path.clone(),
            what: format!("pre-tokenizer `{pre}`"),
            supported: SUPPORTED_PRE_TOKENIZERS.join(", "),
        })?;
        let tokens = gguf.strings("tokenizer.ggml.tokens")?;
        let types = if gguf.has("tokenizer.ggml.token_type") {
            gguf.integers("tokenizer.ggml.token_type")?
        } else {
            vec![1; tokens.len()]
        };
        let merges = gguf.strings("tokenizer.ggml.merges")?;
        let optional_id = |key: &str| -> Result<Option<u32>, EmbeddedError> {
            if !gguf.has(key) {
                return Ok(None);
            }
            let id = gguf.usize(key)?;
            Ok(u32::try_from(id)
                .ok()
                .filter(|id| (*id as usize) < tokens.len()))
        };
        let bos = optional_id("tokenizer.ggml.bos_token_id")?;
        let eos = optional_id("tokenizer.ggml.eos_token_id")?;
        let add_bos = gguf.has("tokenizer.ggml.add_bos_token")
            && gguf.bool("tokenizer.ggml.add_bos_token")?;
        Ok(Self::new(
            tokens, &types, &merges, patterns, bos, eos, add_bos,
        ))
    }

    fn new(
        tokens: Vec<String>,
        types: &[i64],
        merges: &[String],
        patterns: Vec<Regex>,
        bos: Option<u32>,
        eos: Option<u32>,
        add_bos: bool,
    ) -> Self {
        let ids = (0u32..)
            .zip(&tokens)
            .map(|(id, token)| (token.clone(), id))
            .collect();
        let merge_ranks = merges
            .iter()
            .enumerate()
            .map(|(rank, merge)| (merge.clone(), rank))
            .collect();
        let is_type = |id: usize, kind: i64| types.get(id) == Some(&kind);
        let mut specials: Vec<(String, u32)> = (0u32..)
            .zip(&tokens)
            .filter(|(id, _)| {
                is_type(*id as usize, TYPE_CONTROL) || is_type(*id as usize, TYPE_USER_DEFINED)
            })
            .filter(|(_, token)| !token.is_empty())
            .map(|(id, token)| (token.clone(), id))
            .collect();
        specials.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        let control = (0..tokens.len())
            .map(|id| is_type(id, TYPE_CONTROL))
            .collect();
        let byte_to_char = gpt2_byte_alphabet();
        let char_to_byte = (0u8..=255)
            .map(|byte| (byte_to_char[byte as usize], byte))
            .collect();
        Self {
            tokens,
            ids,
            merge_ranks,
            specials,
            control,
            patterns,
            byte_to_char,
            char_to_byte,
            bos,
            eos,
            add_bos,
        }
    }

    pub fn vocab_size(&self) -> usize {
        self.tokens.len()
    }

    /// The id of a token given by its exact text in the vocabulary.
    pub fn token_id(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    /// The vocabulary entry of `id` (in GPT-2's byte alphabet for ordinary tokens).
    pub fn token_text(&self, id: u32) -> Option<&str> {
        self.tokens.get(id as usize).map(String::as_str)
    }

    /// The id of the single token that spells `text` as raw bytes, if there is one.
    pub fn single_token(&self, text: &str) -> Option<u32> {
        self.token_id(&self.to_byte_alphabet(text))
    }

    /// Tokenizes `text` with special tokens parsed, without adding BOS, as llama.cpp's
    /// `llama_tokenize(..., add_special = false, parse_special = true)` does.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match self.find_special(rest) {
                Some((start, token, id)) => {
                    self.encode_plain(&rest[..start], &mut ids);
                    ids.push(id);
                    rest = &rest[start + token.len()..];
                }
                None => {
                    self.encode_plain(rest, &mut ids);
                    break;
                }
            }
        }
        ids
    }

    /// Turns ids back into text; control tokens are left out.
    pub fn decode(&self, ids: &[u32]) -> String {
        let mut bytes = Vec::new();
        for &id in ids {
            let Some(token) = self.tokens.get(id as usize) else {
                continue;
            };
            if self.control[id as usize] {
                continue;
            }
            for ch in token.chars() {
                match self.char_to_byte.get(&ch) {
                    Some(byte) => bytes.push(*byte),
                    None => {
                        let mut buffer = [0u8; 4];
                        bytes.extend_from_slice(ch.encode_utf8(&mut buffer).as_bytes());
                    }
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Whether `id` ends a reply (end of sequence or another control token).
    pub fn is_control(&self, id: u32) -> bool {
        self.control.get(id as usize).copied().unwrap_or(false)
    }

    /// Finds the earliest special token in `text`; at one position the longest one wins.
    fn find_special<'a>(&'a self, text: &str) -> Option<(usize, &'a str, u32)> {
        let mut best: Option<(usize, &str, u32)> = None;
        for (token, id) in &self.specials {
            if let Some(start) = text.find(token.as_str()) {
                let better = match best {
                    None => true,
                    Some((best_start, best_token, _)) => {
                        start < best_start
                            || (start == best_start && token.len() > best_token.len())
                    }
                };
                if better {
                    best = Some((start, token, *id));
                }
            }
        }
        best
    }

    fn encode_plain(&self, text: &str, ids: &mut Vec<u32>) {
        if text.is_empty() {
            return;
        }
        for word in self.pre_tokenize(text) {
            self.encode_word(&self.to_byte_alphabet(word), ids);
        }
    }

    /// Applies each pattern in turn to the pieces the previous one left, keeping the text
    /// between matches as pieces of its own, as llama.cpp's `unicode_regex_split` does.
    fn pre_tokenize<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut pieces = vec![text];
        for pattern in &self.patterns {
            let mut next = Vec::with_capacity(pieces.len() * 2);
            for piece in pieces {
                let mut end_of_last = 0;
                for found in pattern.find_iter(piece).flatten() {
                    if found.start() > end_of_last {
                        next.push(&piece[end_of_last..found.start()]);
                    }
                    if found.end() > found.start() {
                        next.push(found.as_str());
                    }
                    end_of_last = found.end();
                }
                if end_of_last < piece.len() {
                    next.push(&piece[end_of_last..]);
                }
            }
            pieces = next;
        }
        pieces
    }

    fn to_byte_alphabet(&self, text: &str) -> String {
        text.bytes()
            .map(|byte| self.byte_to_char[byte as usize])
            .collect()
    }

    /// Merges the characters of one word, always the pair of lowest rank (leftmost on a
    /// tie), then maps the symbols to ids.
    fn encode_word(&self, word: &str, ids: &mut Vec<u32>) {
        let mut symbols: Vec<String> = word.chars().map(String::from).collect();
        let mut pair = String::new();
        loop {
            let mut best: Option<(usize, usize)> = None;
            for i in 0..symbols.len().saturating_sub(1) {
                pair.clear();
                pair.push_str(&symbols[i]);
                pair.push(' ');
                pair.push_str(&symbols[i + 1]);
                if let Some(&rank) = self.merge_ranks.get(&pair)
                    && best.is_none_or(|(best_rank, _)| rank < best_rank)
                {
                    best = Some((rank, i));
                }
            }
            let Some((_, i)) = best else { break };
            let right = symbols.remove(i + 1);
            symbols[i].push_str(&right);
        }
        for symbol in symbols {
            match self.ids.get(&symbol) {
                Some(id) => ids.push(*id),
                // A symbol missing from the vocabulary falls back to one token per
                // character, skipping characters the vocabulary lacks, as llama.cpp does.
                None => ids.extend(symbol.chars().filter_map(|ch| {
                    let mut buffer = [0u8; 4];
                    self.ids.get(&*ch.encode_utf8(&mut buffer)).copied()
                })),
            }
        }
    }
}

/// Pre-tokenizer kinds (`tokenizer.ggml.pre`) this tokenizer implements.
const SUPPORTED_PRE_TOKENIZERS: [&str; 9] = [
    "default",
    "gpt-2",
    "gpt2",
    "smollm",
    "starcoder",
    "refact",
    "codeshell",
    "exaone",
    "minerva-7b",
];

fn pre_tokenizer_patterns(kind: &str) -> Option<Vec<Regex>> {
    let sources: &[&str] = match kind {
        "default" | "gpt-2" | "gpt2" => &[GPT2_WORDS],
        "smollm" | "starcoder" | "refact" | "codeshell" | "exaone" | "minerva-7b" => {
            &[r"\p{N}", STARCODER_WORDS]
        }
        _ => return None,
    };
    Some(
        sources
            .iter()
            .map(|source| Regex::new(source).expect("the built-in patterns are valid"))
            .collect(),
    )
}

/// GPT-2's map from bytes to printable characters: printable Latin-1 bytes map to
/// themselves, the others to code points from U+0100 upwards in byte order.
fn gpt2_byte_alphabet() -> [char; 256] {
    let mut alphabet = ['\0'; 256];
    let mut next = 256u32;
    for byte in 0u8..=255 {
        let printable = matches!(byte, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
        alphabet[byte as usize] = if printable {
            char::from(byte)
        } else {
            let ch = char::from_u32(next).expect("code points 256-323 are valid");
            next += 1;
            ch
        };
    }
    alphabet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy_tokenizer() -> Tokenizer {
        let tokens = ["<|im_start|>", "a", "b", "ab", "Ġ", "Ġa", "1", "2"]
            .map(String::from)
            .to_vec();
        let types = [3, 1, 1, 1, 1, 1, 1, 1];
        let merges = ["a b", "Ġ a"].map(String::from);
        let patterns = pre_tokenizer_patterns("smollm").expect("smollm is supported");
        Tokenizer::new(tokens, &types, &merges, patterns, None, None, false)
    }

    #[test]
    fn byte_alphabet_maps_space_to_g_dot() {
        let alphabet = gpt2_byte_alphabet();
        assert_eq!(alphabet[b' ' as usize], 'Ġ');
        assert_eq!(alphabet[b'\n' as usize], 'Ċ');
        assert_eq!(alphabet[b'A' as usize], 'A');
    }

    #[test]
    fn encode_splits_specials_and_digits() {
        let tokenizer = toy_tokenizer();
        assert_eq!(tokenizer.encode("<|im_start|>ab a12"), vec![0, 3, 5, 6, 7]);
    }

    #[test]
    fn decode_skips_control_tokens() {
        let tokenizer = toy_tokenizer();
        assert_eq!(tokenizer.decode(&[0, 3, 5]), "ab a");
    }

    #[test]
    fn unknown_pre_tokenizer_is_rejected() {
        assert!(pre_tokenizer_patterns("llama-bpe").is_none());
    }
}
