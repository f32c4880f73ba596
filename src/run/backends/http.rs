//! Parts the HTTP backends share: sending a JSON request, sorting failures into transient
//! and permanent ones, reading `Retry-After`, and keeping keys out of error messages.

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::time::SystemTime;

use crate::backend::BackendError;

/// Destination of a request and the way its key is sent.
pub struct Endpoint<'a> {
    pub client: &'a reqwest::Client,
    pub url: String,
    pub headers: HeaderMap,
    /// The key, only so that it can be removed from any message that echoes it.
    pub key: Option<&'a str>,
    /// The variable the key came from, named in the help of a 401 or 403.
    pub key_env: Option<&'a str>,
    pub model_id: &'a str,
}

/// Posts `body` and returns the parsed JSON reply of a 2xx response.
pub async fn post_json(
    endpoint: &Endpoint<'_>,
    body: &serde_json::Value,
) -> Result<serde_json::Value, BackendError> {
    let response = endpoint
        .client
        .post(&endpoint.url)
        .headers(endpoint.headers.clone())
        .json(body)
        .send()
        .await
        .map_err(|error| transport_error(endpoint, &error))?;

    let status = response.status();
    let retry_after = retry_after(response.headers(), SystemTime::now());
    let text = response
        .text()
        .await
        .map_err(|error| transport_error(endpoint, &error))?;
    if !status.is_success() {
        return Err(status_error(endpoint, status, &text, retry_after));
    }
    serde_json::from_str(&text).map_err(|error| BackendError::Transient {
        message: redact(
            &format!(
                "{} returned a body that is not valid JSON ({error}): {}",
                endpoint.url,
                snippet(&text)
            ),
            endpoint.key,
        ),
        retry_after: None,
    })
}

fn transport_error(endpoint: &Endpoint<'_>, error: &reqwest::Error) -> BackendError {
    let what = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "failed"
    };
    BackendError::Transient {
        message: redact(
            &format!("request to {} {what}: {}", endpoint.url, error_chain(error)),
            endpoint.key,
        ),
        retry_after: None,
    }
}

/// Sorts a non-2xx status into a retryable error, an error of this request, or an error
/// of every request to the model (401, 403, 404), each but the first with its fix.
fn status_error(
    endpoint: &Endpoint<'_>,
    status: StatusCode,
    body: &str,
    retry_after: Option<f64>,
) -> BackendError {
    let message = redact(
        &format!("{} returned {status}: {}", endpoint.url, snippet(body)),
        endpoint.key,
    );
    let retryable = status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status.is_server_error()
        || status.as_u16() == 529;
    if retryable {
        return BackendError::Transient {
            message,
            retry_after,
        };
    }
    let rejected = matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    );
    let help = match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Some(match endpoint.key_env {
            Some(variable) => format!(
                "the server rejected the key in environment variable `{variable}`: check that it is valid for {}",
                endpoint.url
            ),
            None => "the server requires a key: set `api_key_env` in the backend to the \
                     environment variable that holds it"
                .to_string(),
        }),
        StatusCode::NOT_FOUND => Some(format!(
            "check the backend's `base_url` and that the server serves model `{}`",
            endpoint.model_id
        )),
        _ => Some("the server rejected the request itself; fix the settings it names".to_string()),
    };
    if rejected {
        BackendError::Rejected { message, help }
    } else {
        BackendError::Permanent { message, help }
    }
}

/// Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<f64> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds);
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = chrono::DateTime::<chrono::Utc>::from(now);
    let wait = date.signed_duration_since(now).num_milliseconds() as f64 / 1000.0;
    Some(wait.max(0.0))
}

/// Cuts a body to its start, for error messages.
fn snippet(body: &str) -> String {
    const LIMIT: usize = 300;
    let body = body.trim();
    if body.is_empty() {
        return "(empty body)".to_string();
    }
    match body.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &body[..cut]),
        None => body.to_string(),
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Replaces every occurrence of the key in a message.
pub fn redact(message: &str, key: Option<&str>) -> String {
    match key {
        Some(key) if !key.is_empty() => message.replace(key, "[redacted]"),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;
    use std::time::Duration;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_str(value).expect("valid header"),
        );
        headers
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(retry_after(&headers("3"), SystemTime::now()), Some(3.0));
        assert_eq!(retry_after(&headers("0.5"), SystemTime::now()), Some(0.5));
    }

    #[test]
    fn retry_after_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_767);
        let wait = retry_after(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), now);
        assert_eq!(wait, Some(10.0));
    }

    #[test]
    fn retry_after_in_the_past_is_zero() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_800);
        let wait = retry_after(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), now);
        assert_eq!(wait, Some(0.0));
    }

    #[test]
    fn retry_after_garbage_is_ignored() {
        assert_eq!(retry_after(&headers("soon"), SystemTime::now()), None);
        assert_eq!(retry_after(&headers("-4"), SystemTime::now()), None);
    }

    #[test]
    fn redact_removes_key() {
        let message = redact(
            "Incorrect API key provided: sk-secret-1",
            Some("sk-secret-1"),
        );
        assert_eq!(message, "Incorrect API key provided: [redacted]");
    }
}
