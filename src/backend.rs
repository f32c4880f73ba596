//! The interface between the executor and a model backend.
//!
//! A backend turns one cell (its messages) into either next-token probabilities of the option
//! letters or a sampled reply. Backends know nothing of journals, caches or retries: the
//! executor owns those. Each backend lives in its own module under `run::backends`, except
//! the embedded GGUF backend, which has its own top-level module.

use async_trait::async_trait;

use crate::cell::Message;

/// What the executor asks a backend for.
#[derive(Debug, Clone)]
pub struct Request {
    pub messages: Vec<Message>,
    pub mode: RequestMode,
    pub sample: u32,
    pub temperature: f64,
    pub top_p: Option<f64>,
    pub max_tokens: u32,
    /// Seed for this sample (derived from the evaluation seed and the sample index).
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestMode {
    /// Return the next-token probabilities at the answer position.
    Logprobs,
    /// Return a sampled reply.
    Sample,
}

/// Probabilities of the letters `A` and `B` at the answer position.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterProbs {
    /// Total probability of all tokens spelling `A` (with and without a leading space);
    /// `None` when the letter was absent from the returned top tokens.
    pub p_a: Option<f64>,
    pub p_b: Option<f64>,
    /// Probability on every other token, when it can be known.
    pub other_mass: Option<f64>,
    /// The top tokens as returned, for the raw field of the result.
    pub top: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Logprobs(LetterProbs),
    Text(String),
    /// The backend cannot give log-probabilities for this request (the server ignored
    /// the option, or the model does not support it).
    LogprobsUnavailable {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub reply: Reply,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BackendError {
    /// Worth retrying: 429, 5xx, time-outs, dropped connections.
    #[error("{message}")]
    Transient {
        message: String,
        /// Seconds the server asked us to wait.
        retry_after: Option<f64>,
    },
    /// Will fail the same way again for this request: 400, a bad model file.
    #[error("{message}")]
    Permanent {
        message: String,
        help: Option<String>,
    },
    /// Will fail the same way for every request to this model: 401, 403, 404. The run
    /// sends this model nothing more and records its remaining requests as failed, so the
    /// next run retries them.
    #[error("{message}")]
    Rejected {
        message: String,
        help: Option<String>,
    },
}

impl BackendError {
    /// Returns the fix to suggest, where the backend has one.
    pub fn help(&self) -> Option<&str> {
        match self {
            BackendError::Transient { .. } => None,
            BackendError::Permanent { help, .. } | BackendError::Rejected { help, .. } => {
                help.as_deref()
            }
        }
    }
}

#[async_trait]
pub trait Backend: Send + Sync {
    /// Sends one request and returns the model's reply.
    async fn complete(&self, request: Request) -> Result<Response, BackendError>;

    /// The model identifier and anything else the run manifest should record (for the
    /// embedded backend: the chat format used).
    fn describe(&self) -> serde_json::Value;
}
