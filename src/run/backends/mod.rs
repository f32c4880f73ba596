//! Opening the backend of each model in an evaluation, and the settings they share.
//!
//! A backend block's keys are merged with its model's keys (the model wins) and checked
//! here against the keys each kind accepts. Secrets are never settings: `api_key_env`
//! names the environment variable that contains a key, and only the backend reads it.

pub mod anthropic;
pub mod deterministic;
mod http;
pub mod openai;

use indexmap::IndexMap;
use std::sync::Arc;
use std::time::Duration;

use crate::backend::Backend;
use crate::model::{self, Spec, Value};

/// A model of the evaluation with its opened backend.
#[derive(Clone)]
pub struct Target {
    /// The model's name in the spec.
    pub model: String,
    pub model_id: String,
    /// The backend's name in the spec.
    pub backend: String,
    pub kind: String,
    /// Backend identity in cache keys: its kind and every setting that can change a reply
    /// (so not `api_key_env` or time-outs).
    pub identity: serde_json::Value,
    pub client: Arc<dyn Backend>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("model", &self.model)
            .field("model_id", &self.model_id)
            .field("backend", &self.backend)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Failure to open a backend, with the fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot open backend `{backend}` for model `{model}`: {message}")]
pub struct OpenError {
    pub model: String,
    pub backend: String,
    pub message: String,
    pub help: Option<String>,
}

/// Settings that never change a reply, so cache keys leave them out.
const OPERATIONAL_KEYS: [&str; 7] = [
    "api_key_env",
    "timeout_secs",
    "threads",
    "batch_size",
    "delay_ms",
    "price_input",
    "price_output",
];

/// Model settings that every backend kind accepts: prices, read by `pactc plan`.
const MODEL_KEYS: [&str; 2] = ["price_input", "price_output"];

/// Model name used when an evaluation names no model, and the embedded default behind it.
pub const DEFAULT_MODEL: &str = "smollm2";
const DEFAULT_MODEL_ID: &str = "smollm2-135m-instruct";
const DEFAULT_BACKEND: &str = "embedded";

/// Opens the backend of every model the evaluation names, in order.
pub fn open_targets(spec: &Spec, evaluation: &model::Evaluation) -> Result<Vec<Target>, OpenError> {
    let names: Vec<String> = if evaluation.models.is_empty() {
        vec![DEFAULT_MODEL.to_string()]
    } else {
        evaluation.models.clone()
    };
    names.iter().map(|name| open_target(spec, name)).collect()
}

fn open_target(spec: &Spec, name: &str) -> Result<Target, OpenError> {
    let (model, backend) = lookup(spec, name)?;
    let settings = Settings::merge(&model, &backend);
    let fail = |message: String, help: Option<String>| OpenError {
        model: model.name.clone(),
        backend: backend.name.clone(),
        message,
        help,
    };

    let client: Arc<dyn Backend> = match backend.kind.as_str() {
        "embedded" => {
            settings
                .check_keys("embedded", &crate::embedded::SETTINGS)
                .map_err(|(m, h)| fail(m, h))?;
            crate::embedded::open_backend(&model, &backend).map_err(|error| match error {
                crate::backend::BackendError::Permanent { message, help }
                | crate::backend::BackendError::Rejected { message, help } => fail(message, help),
                crate::backend::BackendError::Transient { message, .. } => fail(message, None),
            })?
        }
        "openai" => {
            Arc::new(openai::OpenAi::open(&model.id, &settings).map_err(|(m, h)| fail(m, h))?)
        }
        "anthropic" => {
            Arc::new(anthropic::Anthropic::open(&model.id, &settings).map_err(|(m, h)| fail(m, h))?)
        }
        "fixed" => Arc::new(deterministic::Fixed::open(&settings).map_err(|(m, h)| fail(m, h))?),
        "seeded" => Arc::new(deterministic::Seeded::open(&settings).map_err(|(m, h)| fail(m, h))?),
        other => {
            return Err(fail(
                format!("unknown backend kind `{other}`"),
                Some("use one of: embedded, openai, anthropic, fixed, seeded".to_string()),
            ));
        }
    };

    let mut identity = settings.identity(&backend.kind);
    // An embedded model's id may be a path, and the file at a path can change. Its
    // checksum keeps the cache from returning another model's results.
    if let (Some(object), Some(sha256)) = (
        identity.as_object_mut(),
        client.describe().get("sha256").cloned(),
    ) {
        object.insert("model_sha256".to_string(), sha256);
    }
    Ok(Target {
        model: model.name.clone(),
        model_id: model.id.clone(),
        backend: backend.name.clone(),
        kind: backend.kind.clone(),
        identity,
        client,
    })
}

/// Finds a model and its backend, filling in the built-in `smollm2` on `embedded` when
/// the spec does not declare them.
fn lookup(spec: &Spec, name: &str) -> Result<(model::Model, model::Backend), OpenError> {
    let model = match spec.models.get(name) {
        Some(model) => model.clone(),
        None if name == DEFAULT_MODEL => model::Model {
            name: DEFAULT_MODEL.to_string(),
            backend: DEFAULT_BACKEND.to_string(),
            id: DEFAULT_MODEL_ID.to_string(),
            base_of: None,
            settings: IndexMap::new(),
            defined_at: Default::default(),
        },
        None => {
            return Err(OpenError {
                model: name.to_string(),
                backend: String::new(),
                message: format!("the spec declares no model `{name}`"),
                help: Some("declare it with `model NAME { backend: ..., id: ... }`".to_string()),
            });
        }
    };
    let backend = match spec.backends.get(&model.backend) {
        Some(backend) => backend.clone(),
        None if model.backend == DEFAULT_BACKEND => model::Backend {
            name: DEFAULT_BACKEND.to_string(),
            kind: DEFAULT_BACKEND.to_string(),
            settings: IndexMap::new(),
            defined_at: Default::default(),
        },
        None => {
            return Err(OpenError {
                model: model.name.clone(),
                backend: model.backend.clone(),
                message: format!("the spec declares no backend `{}`", model.backend),
                help: Some("declare it with `backend NAME { kind: ... }`".to_string()),
            });
        }
    };
    Ok((model, backend))
}

/// A backend's keys merged with its model's keys; the model's win.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    values: IndexMap<String, Value>,
}

/// A settings error: the message and an optional help line.
pub type SettingsError = (String, Option<String>);

impl Settings {
    fn merge(model: &model::Model, backend: &model::Backend) -> Settings {
        let mut values = backend.settings.clone();
        for (key, value) in &model.settings {
            values.insert(key.clone(), value.clone());
        }
        Settings { values }
    }

    /// Settings from key-value pairs, for tests and built-in defaults.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, Value)>) -> Settings {
        Settings {
            values: pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }

    /// Rejects keys the backend kind does not read, suggesting the nearest one.
    pub fn check_keys(&self, kind: &str, known: &[&str]) -> Result<(), SettingsError> {
        for key in self.values.keys() {
            if known.contains(&key.as_str()) || MODEL_KEYS.contains(&key.as_str()) {
                continue;
            }
            let nearest = known
                .iter()
                .map(|k| (strsim::jaro_winkler(k, key), k))
                .max_by(|l, r| l.0.total_cmp(&r.0))
                .filter(|(score, _)| *score > 0.8);
            let help = match nearest {
                Some((_, name)) => format!("did you mean `{name}`?"),
                None => format!("a `{kind}` backend reads: {}", known.join(", ")),
            };
            return Err((
                format!("unknown setting `{key}` for a `{kind}` backend"),
                Some(help),
            ));
        }
        Ok(())
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, SettingsError> {
        match self.values.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(wrong_type(key, "a string", other)),
        }
    }

    pub fn float(&self, key: &str) -> Result<Option<f64>, SettingsError> {
        match self.values.get(key) {
            None => Ok(None),
            Some(Value::Float(number)) => Ok(Some(*number)),
            Some(Value::Int(number)) => Ok(Some(*number as f64)),
            Some(other) => Err(wrong_type(key, "a number", other)),
        }
    }

    pub fn unsigned(&self, key: &str) -> Result<Option<u64>, SettingsError> {
        match self.values.get(key) {
            None => Ok(None),
            Some(Value::Int(number)) if *number >= 0 => Ok(Some(*number as u64)),
            Some(other) => Err(wrong_type(key, "a whole number of at least 0", other)),
        }
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, SettingsError> {
        match self.values.get(key) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(other) => Err(wrong_type(key, "true or false", other)),
        }
    }

    /// `timeout_secs`, 60 seconds by default.
    pub fn timeout(&self) -> Result<Duration, SettingsError> {
        let seconds = self.float("timeout_secs")?.unwrap_or(60.0);
        if !(seconds > 0.0 && seconds.is_finite()) {
            return Err((
                format!("`timeout_secs` must be a positive number of seconds, not {seconds}"),
                None,
            ));
        }
        Ok(Duration::from_secs_f64(seconds))
    }

    /// Builds the HTTP client of a backend, with the `timeout_secs` setting applied.
    pub fn http_client(&self) -> Result<reqwest::Client, SettingsError> {
        reqwest::Client::builder()
            .timeout(self.timeout()?)
            .build()
            .map_err(|error| (format!("cannot build the HTTP client: {error}"), None))
    }

    /// Reads `base_url`, or `default` when unset, without a trailing slash.
    pub fn base_url(&self, default: &str) -> Result<String, SettingsError> {
        let base_url = self.string("base_url")?;
        let base_url = base_url.as_deref().unwrap_or(default);
        Ok(base_url.trim_end_matches('/').to_string())
    }

    fn identity(&self, kind: &str) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        object.insert("kind".to_string(), serde_json::Value::from(kind));
        for (key, value) in &self.values {
            if !OPERATIONAL_KEYS.contains(&key.as_str()) {
                let value = serde_json::to_value(value).expect("setting values serialize to JSON");
                object.insert(key.clone(), value);
            }
        }
        serde_json::Value::Object(object)
    }
}

fn wrong_type(key: &str, expected: &str, found: &Value) -> SettingsError {
    let found = serde_json::to_string(found).unwrap_or_else(|_| "this value".to_string());
    (
        format!("setting `{key}` must be {expected}, not {found}"),
        None,
    )
}

/// Reads the key from the environment variable a backend names.
fn read_key(variable: &str) -> Result<String, SettingsError> {
    match std::env::var(variable) {
        Ok(key) if !key.trim().is_empty() => Ok(key.trim().to_string()),
        Ok(_) => Err((
            format!("environment variable `{variable}` is empty"),
            Some(format!("export {variable} with the API key before running")),
        )),
        Err(_) => Err((
            format!("environment variable `{variable}` is not set"),
            Some(format!("export {variable} with the API key before running")),
        )),
    }
}
