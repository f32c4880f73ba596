//! Anthropic's messages API. It returns no log-probabilities, so decisions come from
//! sampled replies; a log-probability request is answered as unavailable without a call.
//!
//! Settings: `base_url` (without `/v1`), `api_key_env` (`ANTHROPIC_API_KEY` by default),
//! `version` (the `anthropic-version` header, `2023-06-01` by default) and `timeout_secs`.

use async_trait::async_trait;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::http::{self, Endpoint};
use super::{Settings, SettingsError};
use crate::backend::{Backend, BackendError, Reply, Request, RequestMode, Response};
use crate::cell::MessageRole;

const KEYS: [&str; 4] = ["base_url", "api_key_env", "version", "timeout_secs"];
const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
const DEFAULT_KEY_ENV: &str = "ANTHROPIC_API_KEY";
const DEFAULT_VERSION: &str = "2023-06-01";

pub struct Anthropic {
    client: reqwest::Client,
    model_id: String,
    base_url: String,
    key: String,
    key_env: String,
    version: String,
}

impl Anthropic {
    pub fn open(model_id: &str, settings: &Settings) -> Result<Anthropic, SettingsError> {
        settings.check_keys("anthropic", &KEYS)?;
        let key_env = settings
            .string("api_key_env")?
            .unwrap_or_else(|| DEFAULT_KEY_ENV.to_string());
        let key = super::read_key(&key_env)?;
        let client = settings.http_client()?;
        let base_url = settings.base_url(DEFAULT_BASE_URL)?;
        Ok(Anthropic {
            client,
            model_id: model_id.to_string(),
            base_url,
            key,
            key_env,
            version: settings
                .string("version")?
                .unwrap_or_else(|| DEFAULT_VERSION.to_string()),
        })
    }

    fn endpoint(&self) -> Result<Endpoint<'_>, BackendError> {
        let invalid = |what: &str| BackendError::Permanent {
            message: format!("the {what} contains characters that cannot be sent in a header"),
            help: Some(format!(
                "check the value of environment variable `{}` and the backend's `version`",
                self.key_env
            )),
        };
        let mut key = HeaderValue::from_str(&self.key).map_err(|_| invalid("API key"))?;
        key.set_sensitive(true);
        let version = HeaderValue::from_str(&self.version).map_err(|_| invalid("version"))?;
        let mut headers = HeaderMap::new();
        headers.insert(HeaderName::from_static("x-api-key"), key);
        headers.insert(HeaderName::from_static("anthropic-version"), version);
        Ok(Endpoint {
            client: &self.client,
            url: format!("{}/v1/messages", self.base_url),
            headers,
            key: Some(&self.key),
            key_env: Some(&self.key_env),
            model_id: &self.model_id,
        })
    }

    fn body(&self, request: &Request) -> serde_json::Value {
        let system: Vec<&str> = request
            .messages
            .iter()
            .filter(|m| m.role == MessageRole::System)
            .map(|m| m.content.as_str())
            .collect();
        let messages: Vec<serde_json::Value> = request
            .messages
            .iter()
            .filter(|m| m.role != MessageRole::System)
            .map(|m| {
                let role = if m.role == MessageRole::Assistant {
                    "assistant"
                } else {
                    "user"
                };
                serde_json::json!({ "role": role, "content": m.content })
            })
            .collect();
        let mut body = serde_json::json!({
            "model": self.model_id,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "messages": messages,
        });
        if !system.is_empty() {
            body["system"] = system.join("\n\n").into();
        }
        if let Some(top_p) = request.top_p {
            body["top_p"] = top_p.into();
        }
        body
    }
}

#[async_trait]
impl Backend for Anthropic {
    async fn complete(&self, request: Request) -> Result<Response, BackendError> {
        if request.mode == RequestMode::Logprobs {
            return Ok(Response {
                reply: Reply::LogprobsUnavailable {
                    reason: "Anthropic's messages API returns no log-probabilities".to_string(),
                },
                prompt_tokens: None,
                completion_tokens: None,
            });
        }
        let endpoint = self.endpoint()?;
        let reply = http::post_json(&endpoint, &self.body(&request)).await?;
        read_response(&reply).map_err(|problem| BackendError::Transient {
            message: format!("{} returned an unexpected reply: {problem}", endpoint.url),
            retry_after: None,
        })
    }

    fn describe(&self) -> serde_json::Value {
        serde_json::json!({
            "model_id": self.model_id,
            "base_url": self.base_url,
            "version": self.version,
        })
    }
}

fn read_response(body: &serde_json::Value) -> Result<Response, String> {
    let blocks = body
        .get("content")
        .and_then(|v| v.as_array())
        .ok_or("the body has no `content` list")?;
    let text: String = blocks
        .iter()
        .filter(|block| block.get("type").and_then(|t| t.as_str()) == Some("text"))
        .filter_map(|block| block.get("text").and_then(|t| t.as_str()))
        .collect();
    let usage = |name: &str| {
        body.pointer(&format!("/usage/{name}"))
            .and_then(|v| v.as_u64())
    };
    Ok(Response {
        reply: Reply::Text(text),
        prompt_tokens: usage("input_tokens"),
        completion_tokens: usage("output_tokens"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_blocks_are_joined() {
        let body = json!({"content": [{"type": "text", "text": "Answer: "},
            {"type": "text", "text": "B"}], "usage": {"input_tokens": 30, "output_tokens": 3}});
        let response = read_response(&body).expect("valid");
        assert_eq!(response.reply, Reply::Text("Answer: B".to_string()));
        assert_eq!(response.prompt_tokens, Some(30));
        assert_eq!(response.completion_tokens, Some(3));
    }

    #[test]
    fn missing_content_is_an_error() {
        assert!(read_response(&json!({"type": "error"})).is_err());
    }
}
