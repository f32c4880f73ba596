//! Shared parts of the `run_*` tests: an OpenAI-compatible test server on 127.0.0.1 that
//! follows a script of failures, and builders for specs, cells and run bundles.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use pactc::cell::{Cell, Decision, Levels, Message, MessageRole, Order};
use pactc::model::{Holder, Spec, Visibility};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Step {
    /// Answers normally.
    Answer,
    /// Answers with no log-probabilities.
    NoLogprobs,
    /// Returns this status, with an optional `Retry-After` and body.
    Status {
        code: u16,
        retry_after: Option<String>,
        body: String,
    },
    /// Returns 200 with a body that is not JSON.
    Malformed,
    /// Starts a 200 body and breaks the connection halfway.
    Truncated,
    /// Breaks the connection before any body byte.
    Drop,
    /// Waits, then answers.
    Slow(Duration),
}

pub fn status(code: u16) -> Step {
    Step::Status {
        code,
        retry_after: None,
        body: format!("{{\"error\": {{\"message\": \"status {code}\"}}}}"),
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub authorization: Option<String>,
    pub body: Value,
}

pub struct ServerState {
    /// Steps for the next requests, in order; when empty every request gets `fallback`.
    pub script: Mutex<VecDeque<Step>>,
    pub fallback: Mutex<Step>,
    /// The top tokens of every log-probability answer, as (token, probability).
    pub top: Mutex<Vec<(String, f64)>>,
    /// The text of every sampled answer.
    pub reply: Mutex<String>,
    /// Waits this long before every answer.
    pub delay: Mutex<Duration>,
    pub received: Mutex<Vec<Received>>,
}

pub struct TestServer {
    /// Base URL including `/v1`.
    pub base_url: String,
    pub state: Arc<ServerState>,
}

impl TestServer {
    /// Starts the server on a free port of 127.0.0.1, in the current tokio runtime.
    pub async fn start() -> TestServer {
        let state = Arc::new(ServerState {
            script: Mutex::new(VecDeque::new()),
            fallback: Mutex::new(Step::Answer),
            top: Mutex::new(vec![
                ("A".to_string(), 0.6),
                (" B".to_string(), 0.3),
                ("The".to_string(), 0.05),
            ]),
            reply: Mutex::new("Answer: A".to_string()),
            delay: Mutex::new(Duration::ZERO),
            received: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .route("/v1/completions", post(completions))
            .route("/v1/messages", post(messages))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port on 127.0.0.1");
        let address = listener.local_addr().expect("bound address");
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("test server runs");
        });
        TestServer {
            base_url: format!("http://{address}/v1"),
            state,
        }
    }

    /// Starts the server on its own runtime thread, for tests that run the binary.
    pub fn start_in_background() -> TestServer {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("test runtime");
            runtime.block_on(async move {
                let server = TestServer::start().await;
                sender
                    .send(TestServer {
                        base_url: server.base_url.clone(),
                        state: server.state.clone(),
                    })
                    .expect("the test waits for the server");
                std::future::pending::<()>().await;
            });
        });
        receiver.recv().expect("test server started")
    }

    pub fn script(&self, steps: impl IntoIterator<Item = Step>) {
        self.state.script.lock().unwrap().extend(steps);
    }

    pub fn set_top(&self, top: &[(&str, f64)]) {
        *self.state.top.lock().unwrap() = top.iter().map(|(t, p)| (t.to_string(), *p)).collect();
    }

    pub fn requests(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    pub fn request_count(&self) -> usize {
        self.state.received.lock().unwrap().len()
    }
}

async fn chat(state: State<Arc<ServerState>>, headers: HeaderMap, body: String) -> Response {
    respond(state, headers, body, "/v1/chat/completions").await
}

async fn completions(state: State<Arc<ServerState>>, headers: HeaderMap, body: String) -> Response {
    respond(state, headers, body, "/v1/completions").await
}

/// Anthropic's messages API: a text reply, and the key from `x-api-key` recorded as the
/// authorization.
async fn messages(
    State(state): State<Arc<ServerState>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    state.received.lock().unwrap().push(Received {
        path: "/v1/messages".to_string(),
        authorization: headers
            .get("x-api-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body,
    });
    let reply = state.reply.lock().unwrap().clone();
    json_response(
        json!({"type": "message", "content": [{"type": "text", "text": reply}],
        "usage": {"input_tokens": 40, "output_tokens": 3}}),
    )
}

async fn respond(
    State(state): State<Arc<ServerState>>,
    headers: HeaderMap,
    body: String,
    path: &str,
) -> Response {
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    state.received.lock().unwrap().push(Received {
        path: path.to_string(),
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body: body.clone(),
    });
    let step = {
        let next = state.script.lock().unwrap().pop_front();
        next.unwrap_or_else(|| state.fallback.lock().unwrap().clone())
    };
    let delay = *state.delay.lock().unwrap();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let chat = path.contains("chat");
    match step {
        Step::Answer => json_response(answer(&state, &body, chat, true)),
        Step::NoLogprobs => json_response(answer(&state, &body, chat, false)),
        Step::Slow(wait) => {
            tokio::time::sleep(wait).await;
            json_response(answer(&state, &body, chat, true))
        }
        Step::Status {
            code,
            retry_after,
            body,
        } => {
            let mut response = Response::builder().status(StatusCode::from_u16(code).unwrap());
            if let Some(value) = retry_after {
                response = response.header("retry-after", value);
            }
            response.body(Body::from(body)).unwrap()
        }
        Step::Malformed => Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(Body::from("{\"choices\": [{\"message\": "))
            .unwrap(),
        Step::Truncated => broken_body(Some("{\"choices\": [{\"mess")),
        Step::Drop => broken_body(None),
    }
}

/// A 200 response whose body stream fails, so the server breaks the connection.
fn broken_body(prefix: Option<&'static str>) -> Response {
    let mut chunks: Vec<Result<&'static str, std::io::Error>> = Vec::new();
    if let Some(prefix) = prefix {
        chunks.push(Ok(prefix));
    }
    chunks.push(Err(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "connection dropped on purpose",
    )));
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap()
}

fn json_response(value: Value) -> Response {
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(Body::from(value.to_string()))
        .unwrap()
}

fn answer(state: &ServerState, request: &Value, chat: bool, with_logprobs: bool) -> Value {
    let top = state.top.lock().unwrap().clone();
    let reply = state.reply.lock().unwrap().clone();
    let wants_logprobs = if chat {
        request["logprobs"] == json!(true)
    } else {
        request["logprobs"].is_u64()
    };
    let usage = json!({"prompt_tokens": 42, "completion_tokens": 1});
    let text = if wants_logprobs {
        top[0].0.clone()
    } else {
        reply
    };
    let logprobs = if !(wants_logprobs && with_logprobs) {
        Value::Null
    } else if chat {
        let entries: Vec<Value> = top
            .iter()
            .map(|(token, p)| json!({"token": token, "logprob": p.ln(), "bytes": token.as_bytes()}))
            .collect();
        json!({"content": [{"token": top[0].0, "logprob": top[0].1.ln(), "top_logprobs": entries}]})
    } else {
        let map: serde_json::Map<String, Value> = top
            .iter()
            .map(|(token, p)| (token.clone(), json!(p.ln())))
            .collect();
        json!({"tokens": [top[0].0], "top_logprobs": [map]})
    };
    if chat {
        json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": text},
            "logprobs": logprobs}], "usage": usage})
    } else {
        json!({"choices": [{"index": 0, "text": text, "logprobs": logprobs}], "usage": usage})
    }
}

/// A spec with one evaluation `quick` over one model `m` on backend `server`.
pub fn spec(backend: Value, read: Value, fallback: Option<Value>) -> Spec {
    let mut backend_block = json!({"name": "server", "kind": backend["kind"], "settings": {}});
    if let Value::Object(map) = &backend {
        for (key, value) in map {
            if key != "kind" {
                backend_block["settings"][key] = value.clone();
            }
        }
    }
    serde_json::from_value(json!({
        "regions": {}, "countries": {}, "norms": {}, "preferences": {}, "demographics": {},
        "scenarios": {}, "templates": {}, "constraints": {},
        "backends": {"server": backend_block},
        "models": {"m": {"name": "m", "backend": "server", "id": "test-model", "base_of": null,
            "settings": {}}},
        "evaluations": {"quick": {
            "name": "quick", "models": ["m"], "prompts": ["decide"], "systems": ["neutral"],
            "vary": [], "drop": null, "subset": null, "read": read, "fallback": fallback,
            "sampling": {"temperature": 0.0, "top_p": null, "max_tokens": 16, "seed": 7},
            "other_mass_max": null, "max_cells": null, "questions": []
        }}
    }))
    .expect("the test spec is a valid resolved spec")
}

/// `count` cells, alternating the option order, each with its own prompt.
pub fn cells(count: usize) -> Vec<Cell> {
    (0..count).map(|index| cell(index, "")).collect()
}

/// One cell; `variant` changes its prompt text.
pub fn cell(index: usize, variant: &str) -> Cell {
    let order = if index.is_multiple_of(2) {
        Order::FollowFirst
    } else {
        Order::AllowFirst
    };
    let (option_a, option_b) = match order {
        Order::FollowFirst => (Decision::FollowCulture, Decision::AllowPreference),
        Order::AllowFirst => (Decision::AllowPreference, Decision::FollowCulture),
    };
    let (text_a, text_b) = match order {
        Order::FollowFirst => ("Take off the shoes.", "Keep the shoes on."),
        Order::AllowFirst => ("Keep the shoes on.", "Take off the shoes."),
    };
    Cell {
        cell_id: format!("cell{index:04}{variant}"),
        item_id: format!("item{:04}", index / 2),
        evaluation: "quick".to_string(),
        levels: Levels {
            scenario: "host_home".to_string(),
            scenario_type: "hospitality".to_string(),
            country: "JP".to_string(),
            region: "east_asia".to_string(),
            holder: Holder::Actor,
            demographics: Visibility::Hidden,
            actor: Default::default(),
            receiver: Default::default(),
            system: "neutral".to_string(),
            paraphrase: "decide".to_string(),
            order,
        },
        messages: vec![
            Message {
                role: MessageRole::System,
                content: "Answer with one letter.".to_string(),
            },
            Message {
                role: MessageRole::User,
                content: format!(
                    "Scenario {index}{variant}: a guest arrives.\nA. {text_a}\nB. {text_b}\nAnswer:"
                ),
            },
        ],
        option_a,
        option_b,
    }
}

/// Writes a run bundle and its matrix file; returns the bundle's path.
pub fn write_bundle(folder: &Path, name: &str, spec: &Spec, cells: &[Cell]) -> std::path::PathBuf {
    let matrix = folder.join(format!("{name}.cells.jsonl"));
    let lines: Vec<String> = cells
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    std::fs::write(&matrix, lines.join("\n") + "\n").unwrap();
    let bundle = folder.join(format!("{name}.json"));
    let content =
        json!({"spec": spec, "evaluation": "quick", "cells": matrix.file_name().unwrap().to_str()});
    std::fs::write(&bundle, serde_json::to_string_pretty(&content).unwrap()).unwrap();
    bundle
}

/// Reads the records of a run directory's journal.
pub fn results(run_dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(run_dir.join("results.jsonl")).unwrap_or_default();
    text.lines()
        .map(|line| serde_json::from_str(line).expect("each journal line is JSON"))
        .collect()
}
