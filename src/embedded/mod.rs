//! The embedded backend: GGUF language models run in-process on the CPU.
//!
//! [`open_backend`] resolves a model id (a registry name such as `smollm2-135m-instruct`,
//! fetched on first use, or a path to a `.gguf` file), loads it and starts one worker
//! thread. The worker takes whatever requests are pending, up to the batch size, renders
//! each with the model's chat format, and scores them together: the tokens they share are
//! computed once and kept as a key-value cache, and their remaining tokens run as one
//! packed forward pass. This module owns model files and inference; it knows nothing of
//! journals, caches of results or retries, which the executor owns.

mod chat;
mod engine;
mod gguf;
mod kernels;
mod linear;
mod llama;
pub mod registry;
mod tokenizer;
mod worker;

use std::path::PathBuf;
use std::sync::Arc;

use crate::backend::{Backend, BackendError};
use crate::model;

pub use chat::{ChatFormat, PLAIN_FORMAT};
pub use engine::{Engine, EngineOptions, SampleSettings, Sampled};
pub use llama::KvCache;
pub use tokenizer::Tokenizer;

/// Everything that can go wrong while loading or running an embedded model.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error("cannot read `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{path}` is not a valid GGUF file: {reason}")]
    InvalidGguf { path: PathBuf, reason: String },
    #[error("`{path}` lacks the GGUF metadata key `{key}`")]
    MissingMetadata { path: PathBuf, key: String },
    #[error("GGUF metadata key `{key}` in `{path}` is invalid: {reason}")]
    InvalidMetadata {
        path: PathBuf,
        key: String,
        reason: String,
    },
    #[error("tensor `{name}` in `{path}` is invalid: {reason}")]
    InvalidTensor {
        path: PathBuf,
        name: String,
        reason: String,
    },
    #[error("`{path}` uses {what}, which the embedded backend does not support")]
    Unsupported {
        path: PathBuf,
        what: String,
        supported: String,
    },
    #[error("the model's chat template is invalid: {reason}")]
    ChatTemplate { reason: String },
    #[error(
        "the prompt has {tokens} tokens, more than the model's context length {context_length}"
    )]
    PromptTooLong {
        tokens: usize,
        context_length: usize,
    },
    #[error("the prompt is empty after chat formatting")]
    EmptyPrompt,
    #[error("inference failed: {reason}")]
    Compute { reason: String },
    #[error("invalid setting `{key}` of the embedded backend: {reason}")]
    InvalidSetting { key: String, reason: String },
    #[error("{message}")]
    Fetch { message: String, help: String },
    #[error("unknown embedded model `{name}`")]
    UnknownModel { name: String },
}

impl EmbeddedError {
    /// What the user can do about the error.
    pub fn help(&self) -> Option<String> {
        let help = match self {
            EmbeddedError::Io { .. } => "check that the file exists and is readable".to_string(),
            EmbeddedError::InvalidGguf { path, .. } | EmbeddedError::InvalidTensor { path, .. } => {
                format!(
                    "the file may be truncated or corrupt: download it again, or delete `{}` \
                     so that a registry model is fetched anew",
                    path.display()
                )
            }
            EmbeddedError::MissingMetadata { .. } | EmbeddedError::InvalidMetadata { .. } => {
                "convert the model again with a current llama.cpp `convert_hf_to_gguf.py`"
                    .to_string()
            }
            EmbeddedError::Unsupported { supported, .. } => {
                format!("supported: {supported}; serve other models through an OpenAI-compatible server")
            }
            EmbeddedError::ChatTemplate { .. } => {
                "fix `tokenizer.chat_template` in the GGUF file or use a model with a valid template"
                    .to_string()
            }
            EmbeddedError::PromptTooLong { .. } => {
                "shorten the templates or use a model with a longer context".to_string()
            }
            EmbeddedError::EmptyPrompt => "give the cell at least one message".to_string(),
            EmbeddedError::Compute { .. } => return None,
            EmbeddedError::InvalidSetting { .. } => {
                "embedded backend settings: `threads` (positive integer), `batch` (positive \
                 integer), `prefix_reuse` (true or false)"
                    .to_string()
            }
            EmbeddedError::Fetch { help, .. } => help.clone(),
            EmbeddedError::UnknownModel { .. } => format!(
                "known models: {}; or give the path of a `.gguf` file",
                registry::MODELS
                    .iter()
                    .map(|m| m.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Some(help)
    }
}

impl From<EmbeddedError> for BackendError {
    fn from(error: EmbeddedError) -> Self {
        BackendError::Permanent {
            help: error.help(),
            message: error.to_string(),
        }
    }
}

/// The settings an embedded backend or model reads.
pub const SETTINGS: [&str; 3] = ["threads", "batch", "prefix_reuse"];

/// Opens the embedded GGUF backend for one model of the spec.
///
/// `model.id` is a registry name or a `.gguf` path; a registry model missing from the model
/// cache is fetched first. Backend and model settings may set `threads`, `batch` and
/// `prefix_reuse` (model settings win).
pub fn open_backend(
    model: &model::Model,
    backend: &model::Backend,
) -> Result<Arc<dyn Backend>, BackendError> {
    let options =
        EngineOptions::from_settings(&backend.settings)?.with_overrides(&model.settings)?;
    let path = registry::resolve(&model.id, true)?;
    let engine = Engine::load(&model.id, &path, options)?;
    if let Some(known) = registry::find(&model.id) {
        registry::verify(known, &path, &engine.sha256)?;
    }
    Ok(Arc::new(worker::EmbeddedBackend::start(engine)))
}
