//! Probabilities of the option letters from a server's top log-probabilities.
//!
//! Servers spell the same letter as several tokens: `A`, ` A` with a leading space, `ĠA`
//! in byte-level BPE vocabularies, `▁A` in SentencePiece ones, or raw bytes. Every token
//! that spells a letter adds to that letter's probability. A letter absent from the top
//! list has an unknown probability (smaller than the last listed one), so it is flagged as
//! missing and never taken as 0.

use crate::backend::LetterProbs;
use crate::cell::Letter;

/// One entry of a top log-probabilities list.
#[derive(Debug, Clone, PartialEq)]
pub struct TopToken {
    pub token: String,
    pub logprob: f64,
    /// The token's UTF-8 bytes, when the server sends them (OpenAI's `bytes` field).
    pub bytes: Option<Vec<u8>>,
}

/// Sums the probability of each letter over the tokens that spell it.
pub fn letter_probs(top: &[TopToken]) -> LetterProbs {
    let mut p_a: Option<f64> = None;
    let mut p_b: Option<f64> = None;
    let mut listed = Vec::with_capacity(top.len());
    for entry in top {
        let probability = entry.logprob.exp();
        listed.push((entry.token.clone(), probability));
        match spelled_letter(entry) {
            Some(Letter::A) => *p_a.get_or_insert(0.0) += probability,
            Some(Letter::B) => *p_b.get_or_insert(0.0) += probability,
            None => {}
        }
    }
    let other_mass = match (p_a, p_b) {
        (Some(a), Some(b)) => Some((1.0 - a - b).max(0.0)),
        _ => None,
    };
    LetterProbs {
        p_a,
        p_b,
        other_mass,
        top: listed,
    }
}

/// Reads the letter a token spells once leading whitespace and word-start markers are gone.
fn spelled_letter(entry: &TopToken) -> Option<Letter> {
    let text = match &entry.bytes {
        Some(bytes) if !bytes.is_empty() => String::from_utf8_lossy(bytes).into_owned(),
        _ => decode_token(&entry.token),
    };
    let core = text.trim_start_matches(|c: char| c.is_whitespace() || c == 'Ġ' || c == '▁');
    match core {
        "A" => Some(Letter::A),
        "B" => Some(Letter::B),
        _ => None,
    }
}

/// Decodes vLLM's spelling of tokens that are not valid UTF-8 on their own
/// (`bytes:\x41`) and leaves every other token as it is.
fn decode_token(token: &str) -> String {
    let Some(escaped) = token.strip_prefix("bytes:") else {
        return token.to_string();
    };
    let mut bytes = Vec::new();
    let mut rest = escaped;
    while let Some(after) = rest.strip_prefix("\\x") {
        let Some(byte) = after.get(..2).and_then(|h| u8::from_str_radix(h, 16).ok()) else {
            return token.to_string();
        };
        bytes.push(byte);
        rest = &after[2..];
    }
    if !rest.is_empty() {
        return token.to_string();
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(token: &str, probability: f64) -> TopToken {
        TopToken {
            token: token.to_string(),
            logprob: probability.ln(),
            bytes: None,
        }
    }

    fn close(left: Option<f64>, right: f64) -> bool {
        left.is_some_and(|l| (l - right).abs() < 1e-9)
    }

    #[test]
    fn spaced_and_plain_tokens_add_up() {
        let probs = letter_probs(&[entry("A", 0.2), entry(" A", 0.1), entry(" B", 0.3)]);
        assert!(close(probs.p_a, 0.3), "{probs:?}");
        assert!(close(probs.p_b, 0.3), "{probs:?}");
        assert!(close(probs.other_mass, 0.4), "{probs:?}");
    }

    #[test]
    fn byte_level_markers_are_stripped() {
        let probs = letter_probs(&[entry("ĠA", 0.25), entry("▁B", 0.5)]);
        assert!(close(probs.p_a, 0.25));
        assert!(close(probs.p_b, 0.5));
    }

    #[test]
    fn bytes_field_wins_over_token_text() {
        let mut listed = entry("<0x41>", 0.4);
        listed.bytes = Some(vec![0x41]);
        let probs = letter_probs(&[listed, entry("bytes:\\x20\\x42", 0.2)]);
        assert!(close(probs.p_a, 0.4), "{probs:?}");
        assert!(close(probs.p_b, 0.2), "{probs:?}");
    }

    #[test]
    fn missing_letter_stays_unknown() {
        let probs = letter_probs(&[entry("A", 0.6), entry("The", 0.3)]);
        assert!(close(probs.p_a, 0.6));
        assert_eq!(probs.p_b, None);
        assert_eq!(probs.other_mass, None);
    }

    #[test]
    fn lower_case_and_longer_tokens_do_not_count() {
        let probs = letter_probs(&[entry("a", 0.3), entry("AB", 0.2), entry("(A", 0.1)]);
        assert_eq!(probs.p_a, None);
        assert_eq!(probs.p_b, None);
    }
}
