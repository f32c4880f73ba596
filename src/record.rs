//! Results: one cell answered by one model with given parameters, once per sample.
//!
//! A run appends one [`ResultRecord`] per line to `results.jsonl`; the report reads them
//! back. Records are keyed by (cell id, model, parameters, sample index).

use serde::{Deserialize, Serialize};

use crate::cell::{Decision, Letter, Levels};

/// How the decision distribution was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Elicitation {
    Logprobs,
    Samples,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRecord {
    pub cell_id: String,
    pub item_id: String,
    pub evaluation: String,
    /// Factor levels of the cell, copied so a report needs only this file.
    pub levels: Levels,
    /// The model's name in the spec.
    pub model: String,
    /// The identifier the backend knows the model by.
    pub model_id: String,
    pub backend: String,
    /// Sampling parameters and any other setting that changes the reply.
    pub params: serde_json::Value,
    /// Hash of the cache key: backend, model, parameters, sample index and messages.
    pub key: String,
    pub sample: u32,
    pub method: Elicitation,
    /// The reply text for sampled results; the top tokens for log-probability results.
    pub raw: Option<String>,
    /// The letter chosen (argmax for log-probabilities), before undoing the order.
    pub letter: Option<Letter>,
    pub decision: Decision,
    /// Why the decision is UNKNOWN, when it is.
    pub unknown_reason: Option<String>,
    /// P(Follow Culture) renormalised over the two letters.
    pub p_follow: Option<f64>,
    /// Probability outside the two option letters.
    pub other_mass: Option<f64>,
    pub p_a: Option<f64>,
    pub p_b: Option<f64>,
    /// Letters absent from the returned top log-probabilities (never taken as 0).
    #[serde(default)]
    pub missing_letters: Vec<Letter>,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
    pub latency_ms: Option<u64>,
    pub attempts: u32,
    /// The last error when the request failed after retries; such a record holds no decision.
    pub error: Option<String>,
}
