//! OpenAI-compatible servers (OpenAI, vLLM, SGLang, llama.cpp's server, Ollama, gateways)
//! over chat completions or plain completions.
//!
//! Settings:
//! - `base_url`, up to and including `/v1`;
//! - `api_key_env`, the variable that contains the key (optional for local servers);
//! - `endpoint`, `chat` (default) or `completions`;
//! - `top_logprobs`, the number of top tokens to request (20 by default);
//! - `prompt_suffix`, text after the messages in a completions prompt (`"\nAnswer:"`);
//! - `timeout_secs`, per request (60 by default).

use async_trait::async_trait;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

use super::http::{self, Endpoint};
use super::{Settings, SettingsError};
use crate::backend::{Backend, BackendError, Reply, Request, RequestMode, Response};
use crate::cell::{Message, MessageRole};
use crate::run::letters::{TopToken, letter_probs};

const KEYS: [&str; 6] = [
    "base_url",
    "api_key_env",
    "endpoint",
    "top_logprobs",
    "prompt_suffix",
    "timeout_secs",
];
const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    Chat,
    Completions,
}

pub struct OpenAi {
    client: reqwest::Client,
    model_id: String,
    base_url: String,
    api: Api,
    key: Option<String>,
    key_env: Option<String>,
    top_logprobs: u64,
    prompt_suffix: String,
}

impl OpenAi {
    pub fn open(model_id: &str, settings: &Settings) -> Result<OpenAi, SettingsError> {
        settings.check_keys("openai", &KEYS)?;
        let api = match settings.string("endpoint")?.as_deref() {
            None | Some("chat") => Api::Chat,
            Some("completions") => Api::Completions,
            Some(other) => {
                return Err((
                    format!("`endpoint` must be `chat` or `completions`, not `{other}`"),
                    None,
                ));
            }
        };
        let key_env = settings.string("api_key_env")?;
        let key = key_env.as_deref().map(super::read_key).transpose()?;
        let client = settings.http_client()?;
        let base_url = settings.base_url(DEFAULT_BASE_URL)?;
        Ok(OpenAi {
            client,
            model_id: model_id.to_string(),
            base_url,
            api,
            key,
            key_env,
            top_logprobs: settings.unsigned("top_logprobs")?.unwrap_or(20),
            prompt_suffix: settings
                .string("prompt_suffix")?
                .unwrap_or_else(|| "\nAnswer:".to_string()),
        })
    }

    fn endpoint(&self) -> Result<Endpoint<'_>, BackendError> {
        let mut headers = HeaderMap::new();
        if let Some(key) = &self.key {
            let mut value = HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| {
                BackendError::Permanent {
                    message: "the API key contains characters that cannot be sent in a header"
                        .to_string(),
                    help: self
                        .key_env
                        .as_ref()
                        .map(|v| format!("check the value of environment variable `{v}`")),
                }
            })?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        let path = match self.api {
            Api::Chat => "chat/completions",
            Api::Completions => "completions",
        };
        Ok(Endpoint {
            client: &self.client,
            url: format!("{}/{path}", self.base_url),
            headers,
            key: self.key.as_deref(),
            key_env: self.key_env.as_deref(),
            model_id: &self.model_id,
        })
    }

    fn body(&self, request: &Request) -> serde_json::Value {
        let logprobs = request.mode == RequestMode::Logprobs;
        let mut body = serde_json::json!({
            "model": self.model_id,
            "max_tokens": if logprobs { 1 } else { request.max_tokens },
            "temperature": request.temperature,
            "seed": request.seed,
        });
        if let Some(top_p) = request.top_p {
            body["top_p"] = top_p.into();
        }
        match self.api {
            Api::Chat => {
                body["messages"] = chat_messages(&request.messages);
                if logprobs {
                    body["logprobs"] = true.into();
                    body["top_logprobs"] = self.top_logprobs.into();
                }
            }
            Api::Completions => {
                body["prompt"] = completion_prompt(&request.messages, &self.prompt_suffix).into();
                if logprobs {
                    body["logprobs"] = self.top_logprobs.into();
                }
            }
        }
        body
    }
}

#[async_trait]
impl Backend for OpenAi {
    async fn complete(&self, request: Request) -> Result<Response, BackendError> {
        let endpoint = self.endpoint()?;
        let reply = http::post_json(&endpoint, &self.body(&request)).await?;
        read_response(&reply, request.mode, self.api).map_err(|problem| BackendError::Transient {
            message: format!("{} returned an unexpected reply: {problem}", endpoint.url),
            retry_after: None,
        })
    }

    fn describe(&self) -> serde_json::Value {
        serde_json::json!({
            "model_id": self.model_id,
            "base_url": self.base_url,
            "endpoint": match self.api { Api::Chat => "chat", Api::Completions => "completions" },
            "top_logprobs": self.top_logprobs,
        })
    }
}

fn chat_messages(messages: &[Message]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = messages
        .iter()
        .map(|m| serde_json::json!({ "role": role_name(m.role), "content": m.content }))
        .collect();
    serde_json::Value::Array(list)
}

fn role_name(role: MessageRole) -> &'static str {
    match role {
        MessageRole::System => "system",
        MessageRole::User => "user",
        MessageRole::Assistant => "assistant",
    }
}

/// Builds the plain-text prompt for the completions API: the messages' contents,
/// separated by blank lines, then the suffix.
pub fn completion_prompt(messages: &[Message], suffix: &str) -> String {
    let contents: Vec<&str> = messages.iter().map(|m| m.content.as_str()).collect();
    format!("{}{suffix}", contents.join("\n\n"))
}

/// Reads a 200 reply in either shape. An `Err` means the body lacks the expected fields.
fn read_response(
    body: &serde_json::Value,
    mode: RequestMode,
    api: Api,
) -> Result<Response, String> {
    let choice = body
        .pointer("/choices/0")
        .ok_or("the body has no `choices[0]`")?;
    let usage = |name: &str| {
        body.pointer(&format!("/usage/{name}"))
            .and_then(|v| v.as_u64())
    };
    let reply = match mode {
        RequestMode::Sample => Reply::Text(reply_text(choice, api)?),
        RequestMode::Logprobs => match top_tokens(choice, api)? {
            Some(top) => Reply::Logprobs(letter_probs(&top)),
            None => Reply::LogprobsUnavailable {
                reason: "the server returned no log-probabilities for the first token".to_string(),
            },
        },
    };
    Ok(Response {
        reply,
        prompt_tokens: usage("prompt_tokens"),
        completion_tokens: usage("completion_tokens"),
    })
}

fn reply_text(choice: &serde_json::Value, api: Api) -> Result<String, String> {
    let pointer = match api {
        Api::Chat => "/message/content",
        Api::Completions => "/text",
    };
    match choice.pointer(pointer) {
        Some(serde_json::Value::String(text)) => Ok(text.clone()),
        Some(serde_json::Value::Null) => Ok(String::new()),
        _ => Err(format!("the choice has no text at `{pointer}`")),
    }
}

/// Reads the top tokens at the first position, or `None` when the reply has none.
fn top_tokens(choice: &serde_json::Value, api: Api) -> Result<Option<Vec<TopToken>>, String> {
    match api {
        Api::Chat => chat_top_tokens(choice),
        Api::Completions => completion_top_tokens(choice),
    }
}

/// Chat shape: `logprobs.content[0].top_logprobs[]` of `{token, logprob, bytes}`.
fn chat_top_tokens(choice: &serde_json::Value) -> Result<Option<Vec<TopToken>>, String> {
    let Some(list) = choice
        .pointer("/logprobs/content/0/top_logprobs")
        .and_then(|v| v.as_array())
        .filter(|list| !list.is_empty())
    else {
        return Ok(None);
    };
    let mut top = Vec::with_capacity(list.len());
    for entry in list {
        let token = entry.get("token").and_then(|v| v.as_str());
        let logprob = entry.get("logprob").and_then(|v| v.as_f64());
        let (Some(token), Some(logprob)) = (token, logprob) else {
            return Err(format!(
                "a top log-probability entry lacks `token` or `logprob`: {entry}"
            ));
        };
        let bytes = entry.get("bytes").and_then(|v| v.as_array()).map(|bytes| {
            bytes
                .iter()
                .filter_map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
                .collect()
        });
        check_logprob(token, logprob)?;
        top.push(TopToken {
            token: token.to_string(),
            logprob,
            bytes,
        });
    }
    Ok(Some(top))
}

/// Rejects a log-probability no distribution can have: positive (beyond float rounding) or
/// not finite. Such a reply is malformed, so it is retried and never recorded as an answer.
fn check_logprob(token: &str, logprob: f64) -> Result<(), String> {
    if logprob.is_finite() && logprob <= 1e-6 || logprob == f64::NEG_INFINITY {
        return Ok(());
    }
    Err(format!(
        "the log-probability {logprob} of token {token:?} is impossible: it must be at most 0"
    ))
}

/// Completions shape: `logprobs.top_logprobs[0]`, a map from token to log-probability.
fn completion_top_tokens(choice: &serde_json::Value) -> Result<Option<Vec<TopToken>>, String> {
    let Some(map) = choice
        .pointer("/logprobs/top_logprobs/0")
        .and_then(|v| v.as_object())
        .filter(|map| !map.is_empty())
    else {
        return Ok(None);
    };
    let mut top = Vec::with_capacity(map.len());
    for (token, logprob) in map {
        let logprob = logprob
            .as_f64()
            .ok_or_else(|| format!("the log-probability of token {token:?} is not a number"))?;
        check_logprob(token, logprob)?;
        top.push(TopToken {
            token: token.clone(),
            logprob,
            bytes: None,
        });
    }
    Ok(Some(top))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn positive_logprob_is_malformed() {
        assert!(check_logprob("A", 10.0).is_err());
        assert!(check_logprob("A", f64::NAN).is_err());
        assert!(check_logprob("A", f64::INFINITY).is_err());
        assert!(check_logprob("A", 0.0).is_ok());
        assert!(check_logprob("A", -0.25).is_ok());
        assert!(check_logprob("A", f64::NEG_INFINITY).is_ok());
    }

    #[test]
    fn chat_shape_reads_letters() {
        let body = json!({"choices": [{"logprobs": {"content": [{"token": "A", "logprob": -0.5,
            "top_logprobs": [
                {"token": "A", "logprob": (0.5f64).ln(), "bytes": [65]},
                {"token": " B", "logprob": (0.25f64).ln(), "bytes": [32, 66]},
                {"token": "The", "logprob": (0.1f64).ln(), "bytes": [84, 104, 101]}
            ]}]}}], "usage": {"prompt_tokens": 12, "completion_tokens": 1}});
        let response = read_response(&body, RequestMode::Logprobs, Api::Chat).expect("valid");
        let Reply::Logprobs(probs) = response.reply else {
            panic!("expected log-probabilities, got {:?}", response.reply);
        };
        assert!((probs.p_a.expect("A listed") - 0.5).abs() < 1e-9);
        assert!((probs.p_b.expect("B listed") - 0.25).abs() < 1e-9);
        assert_eq!(response.prompt_tokens, Some(12));
    }

    #[test]
    fn completions_shape_reads_letters() {
        let body = json!({"choices": [{"text": " B", "logprobs": {"tokens": [" B"],
            "top_logprobs": [{" B": (0.6f64).ln(), " A": (0.3f64).ln()}]}}]});
        let response =
            read_response(&body, RequestMode::Logprobs, Api::Completions).expect("valid");
        let Reply::Logprobs(probs) = response.reply else {
            panic!("expected log-probabilities, got {:?}", response.reply);
        };
        assert!((probs.p_a.expect("A listed") - 0.3).abs() < 1e-9);
        assert!((probs.p_b.expect("B listed") - 0.6).abs() < 1e-9);
    }

    #[test]
    fn absent_logprobs_are_unavailable() {
        let body = json!({"choices": [{"message": {"content": "A"}, "logprobs": null}]});
        let response = read_response(&body, RequestMode::Logprobs, Api::Chat).expect("valid");
        assert!(
            matches!(response.reply, Reply::LogprobsUnavailable { .. }),
            "{response:?}"
        );
    }

    #[test]
    fn missing_choices_is_an_error() {
        let error = read_response(&json!({"id": "x"}), RequestMode::Sample, Api::Chat);
        assert!(error.is_err());
    }

    #[test]
    fn completion_prompt_joins_messages() {
        let messages = vec![
            Message {
                role: MessageRole::System,
                content: "Be fair.".to_string(),
            },
            Message {
                role: MessageRole::User,
                content: "A or B?".to_string(),
            },
        ];
        assert_eq!(
            completion_prompt(&messages, "\nAnswer:"),
            "Be fair.\n\nA or B?\nAnswer:"
        );
    }
}
