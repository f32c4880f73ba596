//! The plan: the compiled, runnable form of a spec, written as YAML.
//!
//! These serde types are the file contract. A plan names the spec it came from (with a hash
//! of every source file), the matrix file written beside it (with its SHA-256), the
//! backends and models with their settings, and per evaluation the sampling settings, how
//! the decision is read, the counts and the estimated tokens and cost. Settings that look
//! like secrets are never written: a plan carries only the names of the environment
//! variables that hold keys (`api_key_env`).
//!
//! [`write`] produces a plan and its matrix; [`load`] reads a plan back, possibly edited by
//! hand, and validates it; [`verify_matrix`] re-derives the cell ids from the spec and
//! rejects a matrix that does not match the plan. The JSON Schema in
//! `schema/plan.schema.json` is generated from these types ([`schema`]).

mod build;
mod load;
mod verify;

pub use build::{PlanOutput, PlanRequest, compile, spec_hash, write};
pub use load::{PlanError, load, problems};
pub use verify::{check_spec_hash, verify_matrix};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The plan format this pactc writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A compiled, runnable evaluation plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Version of this file format; pactc rejects versions it does not know.
    pub format_version: u32,
    /// The pactc version that wrote the plan.
    pub generator: String,
    pub spec: SpecSource,
    pub matrix: MatrixFile,
    pub backends: Vec<PlanBackend>,
    pub models: Vec<PlanModel>,
    pub evaluations: Vec<PlanEvaluation>,
    /// Sums over all evaluations.
    pub total: Estimate,
}

/// The spec a plan was compiled from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecSource {
    /// The root spec file, as given on the command line.
    pub path: String,
    /// SHA-256 over every source file (see `docs/plan.md` for the encoding).
    pub sha256: String,
    /// Every file read, relative to the root spec's folder.
    pub files: Vec<String>,
}

/// The matrix file: every cell of every evaluation of the plan, one JSON object per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixFile {
    /// Path relative to the plan file's folder.
    pub path: String,
    /// SHA-256 of the file's bytes, as lower-case hex.
    pub sha256: String,
    pub cells: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanBackend {
    pub name: String,
    /// `embedded`, `openai`, `anthropic`, `fixed` or `seeded`.
    pub kind: String,
    /// Every other setting of the backend, with secrets left out.
    #[serde(default)]
    pub settings: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanModel {
    pub name: String,
    pub backend: String,
    /// The identifier the backend knows the model by.
    pub id: String,
    /// The instruct model this model is the base of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_of: Option<String>,
    /// Every other setting of the model, with secrets left out.
    #[serde(default)]
    pub settings: BTreeMap<String, serde_json::Value>,
    /// Prices from the model's `price_input` and `price_output` settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
}

/// Prices per million tokens, in the currency the spec's price table uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub input_per_million: f64,
    pub output_per_million: f64,
}

/// How a decision is read from a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "method", deny_unknown_fields)]
pub enum ReadMethod {
    /// Next-token log-probabilities of the two option letters, one request per cell.
    Logprobs,
    /// `n` sampled replies per cell, each parsed into a decision.
    Samples { n: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sampling {
    pub temperature: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    pub max_tokens: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSubset {
    pub items: u64,
    pub seed: u64,
}

/// One evaluation: what was expanded, how it runs, and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanEvaluation {
    pub name: String,
    pub models: Vec<String>,
    /// Decision templates (the paraphrase levels).
    pub prompts: Vec<String>,
    /// System templates (the system levels).
    pub systems: Vec<String>,
    /// The varied factors, as written in the spec. Changing them here does not re-expand
    /// the matrix: write a new plan from the spec instead.
    pub vary: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subset: Option<PlanSubset>,
    pub read: ReadMethod,
    /// Used when log-probabilities turn out to be unavailable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<ReadMethod>,
    pub sampling: Sampling,
    /// Above this probability outside the two letters, a log-probability result is UNKNOWN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_mass_max: Option<f64>,
    pub items: u64,
    pub cells: u64,
    pub estimate: Estimate,
    /// The estimate per model of this evaluation.
    pub per_model: Vec<ModelEstimate>,
}

/// Requests, tokens and cost. Token counts are estimates from the rendered text (about four
/// characters per token) until a model's tokenizer is known.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    pub requests: u64,
    pub prompt_tokens: u64,
    /// One token per log-probability request; `max_tokens` per sampled reply (an upper
    /// bound).
    pub completion_tokens: u64,
    /// Cost of the models that have a price; `None` when none has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// Models left out of the cost because they have no price.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unpriced_models: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelEstimate {
    pub model: String,
    pub requests: u64,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
}

/// The JSON Schema of the plan file, as shipped in `schema/plan.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Plan);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}
