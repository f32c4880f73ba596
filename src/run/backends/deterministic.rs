//! Deterministic backends for tests and dry runs: no network, and the same output for the
//! same request on every run.
//!
//! - `fixed` always answers `letter` (`A` by default), with probability 1 when
//!   log-probabilities are requested.
//! - `seeded` answers `A` with probability `p_a` (0.5 by default): a sample draws from a
//!   hash of `seed`, the messages and the sample index; log-probabilities are `p_a` and
//!   `1 - p_a`, scaled down by `other_mass` (0 by default).
//!
//! Both accept `logprobs: false` (answer every log-probability request as unavailable)
//! and `delay_ms` (wait before answering, to stand in for a slow model).

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use std::time::Duration;

use super::{Settings, SettingsError};
use crate::backend::{Backend, BackendError, LetterProbs, Reply, Request, RequestMode, Response};
use crate::cell::Letter;

const FIXED_KEYS: [&str; 3] = ["letter", "logprobs", "delay_ms"];
const SEEDED_KEYS: [&str; 5] = ["p_a", "seed", "other_mass", "logprobs", "delay_ms"];

pub struct Fixed {
    letter: Letter,
    behaviour: Behaviour,
}

pub struct Seeded {
    p_a: f64,
    seed: u64,
    other_mass: f64,
    behaviour: Behaviour,
}

/// Settings both deterministic backends share.
struct Behaviour {
    logprobs: bool,
    delay: Option<Duration>,
}

impl Behaviour {
    fn read(settings: &Settings) -> Result<Behaviour, SettingsError> {
        Ok(Behaviour {
            logprobs: settings.boolean("logprobs")?.unwrap_or(true),
            delay: settings.unsigned("delay_ms")?.map(Duration::from_millis),
        })
    }

    /// Waits the configured delay, then answers with log-probabilities or text.
    async fn reply(&self, request: &Request, probs: LetterProbs, text: &str) -> Response {
        if let Some(delay) = self.delay {
            tokio::time::sleep(delay).await;
        }
        let reply = match request.mode {
            RequestMode::Logprobs if self.logprobs => Reply::Logprobs(probs),
            RequestMode::Logprobs => Reply::LogprobsUnavailable {
                reason: "the backend is configured with `logprobs: false`".to_string(),
            },
            RequestMode::Sample => Reply::Text(text.to_string()),
        };
        let prompt_tokens = request
            .messages
            .iter()
            .map(|m| m.content.len() as u64 / 4)
            .sum();
        Response {
            reply,
            prompt_tokens: Some(prompt_tokens),
            completion_tokens: Some(1),
        }
    }
}

impl Fixed {
    pub fn open(settings: &Settings) -> Result<Fixed, SettingsError> {
        settings.check_keys("fixed", &FIXED_KEYS)?;
        let letter = match settings.string("letter")?.as_deref() {
            None | Some("A") => Letter::A,
            Some("B") => Letter::B,
            Some(other) => {
                return Err((
                    format!("`letter` must be \"A\" or \"B\", not {other:?}"),
                    None,
                ));
            }
        };
        Ok(Fixed {
            letter,
            behaviour: Behaviour::read(settings)?,
        })
    }
}

#[async_trait]
impl Backend for Fixed {
    async fn complete(&self, request: Request) -> Result<Response, BackendError> {
        let (p_a, p_b, text) = match self.letter {
            Letter::A => (1.0, 0.0, "A"),
            Letter::B => (0.0, 1.0, "B"),
        };
        let probs = LetterProbs {
            p_a: Some(p_a),
            p_b: Some(p_b),
            other_mass: Some(0.0),
            top: vec![(text.to_string(), 1.0)],
        };
        Ok(self.behaviour.reply(&request, probs, text).await)
    }

    fn describe(&self) -> serde_json::Value {
        serde_json::json!({ "kind": "fixed", "letter": self.letter })
    }
}

impl Seeded {
    pub fn open(settings: &Settings) -> Result<Seeded, SettingsError> {
        settings.check_keys("seeded", &SEEDED_KEYS)?;
        let p_a = settings.float("p_a")?.unwrap_or(0.5);
        let other_mass = settings.float("other_mass")?.unwrap_or(0.0);
        for (name, value) in [("p_a", p_a), ("other_mass", other_mass)] {
            if !(0.0..=1.0).contains(&value) {
                return Err((
                    format!("`{name}` must be between 0 and 1, not {value}"),
                    None,
                ));
            }
        }
        Ok(Seeded {
            p_a,
            seed: settings.unsigned("seed")?.unwrap_or(0),
            other_mass,
            behaviour: Behaviour::read(settings)?,
        })
    }

    /// Draws a number in [0, 1) fixed by the seed, the messages and the sample index.
    fn draw(&self, request: &Request) -> f64 {
        let mut hasher = Sha256::new();
        hasher.update(self.seed.to_le_bytes());
        hasher.update(request.sample.to_le_bytes());
        for message in &request.messages {
            hasher.update(message.content.as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        let bits = u64::from_le_bytes(digest[..8].try_into().expect("a digest has 32 bytes"));
        (bits >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[async_trait]
impl Backend for Seeded {
    async fn complete(&self, request: Request) -> Result<Response, BackendError> {
        let text = if self.draw(&request) < self.p_a {
            "A"
        } else {
            "B"
        };
        let scale = 1.0 - self.other_mass;
        let probs = LetterProbs {
            p_a: Some(self.p_a * scale),
            p_b: Some((1.0 - self.p_a) * scale),
            other_mass: Some(self.other_mass),
            top: vec![
                ("A".to_string(), self.p_a * scale),
                ("B".to_string(), (1.0 - self.p_a) * scale),
            ],
        };
        Ok(self.behaviour.reply(&request, probs, text).await)
    }

    fn describe(&self) -> serde_json::Value {
        serde_json::json!({
            "kind": "seeded",
            "p_a": self.p_a,
            "seed": self.seed,
            "other_mass": self.other_mass,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::{Message, MessageRole};
    use crate::model::Value;

    fn request(mode: RequestMode, sample: u32, text: &str) -> Request {
        Request {
            messages: vec![Message {
                role: MessageRole::User,
                content: text.to_string(),
            }],
            mode,
            sample,
            temperature: 1.0,
            top_p: None,
            max_tokens: 8,
            seed: 0,
        }
    }

    #[tokio::test]
    async fn seeded_rate_matches_p_a() {
        let settings = Settings::from_pairs([("p_a", Value::Float(0.3)), ("seed", Value::Int(9))]);
        let backend = Seeded::open(&settings).expect("valid settings");
        let mut count_a = 0;
        for sample in 0..2000 {
            let response = backend
                .complete(request(RequestMode::Sample, sample, "q"))
                .await
                .expect("deterministic backends do not fail");
            if response.reply == Reply::Text("A".to_string()) {
                count_a += 1;
            }
        }
        assert!(
            (500..700).contains(&count_a),
            "{count_a} of 2000 answered A"
        );
    }

    #[tokio::test]
    async fn seeded_repeats_itself() {
        let settings = Settings::from_pairs([("seed", Value::Int(1))]);
        let backend = Seeded::open(&settings).expect("valid settings");
        let first = backend.complete(request(RequestMode::Sample, 3, "q")).await;
        let second = backend.complete(request(RequestMode::Sample, 3, "q")).await;
        assert_eq!(first, second);
    }

    #[tokio::test]
    async fn fixed_without_logprobs_is_unavailable() {
        let settings = Settings::from_pairs([("logprobs", Value::Bool(false))]);
        let backend = Fixed::open(&settings).expect("valid settings");
        let response = backend
            .complete(request(RequestMode::Logprobs, 0, "q"))
            .await
            .expect("deterministic backends do not fail");
        assert!(matches!(response.reply, Reply::LogprobsUnavailable { .. }));
    }

    #[test]
    fn unknown_setting_suggests_nearest() {
        let settings = Settings::from_pairs([("leter", Value::String("A".to_string()))]);
        let (message, help) = Fixed::open(&settings)
            .err()
            .expect("unknown key is rejected");
        assert!(message.contains("leter"), "{message}");
        assert_eq!(help.as_deref(), Some("did you mean `letter`?"));
    }
}
