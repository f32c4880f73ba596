//! The executor against an OpenAI-compatible test server: log-probabilities in both
//! response shapes and both option orders, fallbacks, retries and the cache.

mod run_support;

use pactc::cell::Cell;
use pactc::model::Spec;
use pactc::run::{self, RunOptions, Summary};
use run_support::{Step, TestServer, cells, results, spec, status};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

fn options(folder: &Path, name: &str) -> RunOptions {
    let mut options = RunOptions::new(folder.join(name), folder.join("cache.sqlite"));
    options.concurrency = 4;
    options.initial_backoff = Duration::from_millis(5);
    options.max_backoff = Duration::from_millis(20);
    options
}

async fn execute(spec: &Spec, cells: Vec<Cell>, options: RunOptions) -> Summary {
    let evaluation = &spec.evaluations["quick"];
    let targets = run::backends::open_targets(spec, evaluation).expect("backend opens");
    run::execute(spec, "quick", cells, targets, options, None)
        .await
        .expect("run completes")
}

fn openai(server: &TestServer, endpoint: &str) -> Value {
    json!({"kind": "openai", "base_url": server.base_url, "endpoint": endpoint, "timeout_secs": 2})
}

fn by_cell(records: &[Value], cell_id: &str) -> Value {
    records
        .iter()
        .find(|r| r["cell_id"] == cell_id)
        .unwrap_or_else(|| panic!("no record for {cell_id}"))
        .clone()
}

fn assert_close(value: &Value, expected: f64) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"));
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

async fn check_logprobs_shape(endpoint: &str) {
    let server = TestServer::start().await;
    server.set_top(&[("A", 0.6), (" B", 0.3), ("The", 0.05)]);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        openai(&server, endpoint),
        json!({"method": "logprobs"}),
        None,
    );

    let summary = execute(&spec, cells(2), options(folder.path(), "run")).await;
    assert_eq!(summary.decided, 2);
    let records = results(&folder.path().join("run"));

    // Follow Culture is option A in cell 0 and option B in cell 1.
    let follow_first = by_cell(&records, "cell0000");
    assert_eq!(follow_first["decision"], "FOLLOW_CULTURE");
    assert_close(&follow_first["p_follow"], 0.6 / 0.9);
    assert_close(&follow_first["other_mass"], 0.1);
    assert_close(&follow_first["p_a"], 0.6);
    assert_close(&follow_first["p_b"], 0.3);
    assert_eq!(follow_first["method"], "logprobs");

    let allow_first = by_cell(&records, "cell0001");
    assert_eq!(allow_first["decision"], "ALLOW_PREFERENCE");
    assert_close(&allow_first["p_follow"], 0.3 / 0.9);
    assert_eq!(allow_first["letter"], "A");
}

#[tokio::test]
async fn chat_logprobs_both_orders() {
    check_logprobs_shape("chat").await;
}

#[tokio::test]
async fn completions_logprobs_both_orders() {
    check_logprobs_shape("completions").await;
}

#[tokio::test]
async fn requests_ask_for_logprobs() {
    let server = TestServer::start().await;
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    execute(&spec, cells(1), options(folder.path(), "run")).await;
    let body = &server.requests()[0].body;
    assert_eq!(body["logprobs"], json!(true));
    assert_eq!(body["top_logprobs"], json!(20));
    assert_eq!(body["max_tokens"], json!(1));
    assert_eq!(body["model"], json!("test-model"));
}

#[tokio::test]
async fn missing_letter_is_flagged() {
    let server = TestServer::start().await;
    server.set_top(&[(" B", 0.7), ("The", 0.2)]);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    execute(&spec, cells(1), options(folder.path(), "run")).await;
    let record = &results(&folder.path().join("run"))[0];
    assert_eq!(record["missing_letters"], json!(["A"]));
    assert_eq!(record["p_a"], Value::Null);
    assert_eq!(record["p_follow"], Value::Null);
    assert_eq!(record["other_mass"], Value::Null);
    assert_eq!(record["decision"], "ALLOW_PREFERENCE");
}

#[tokio::test]
async fn unavailable_logprobs_record_unknown() {
    let server = TestServer::start().await;
    *server.state.fallback.lock().unwrap() = Step::NoLogprobs;
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    let summary = execute(&spec, cells(2), options(folder.path(), "run")).await;
    assert_eq!(summary.unknown, 2);
    assert_eq!(summary.exit_code(), 0);
    for record in results(&folder.path().join("run")) {
        assert_eq!(record["decision"], "UNKNOWN");
        let reason = record["unknown_reason"].as_str().unwrap();
        assert!(reason.contains("log-probabilities unavailable"), "{reason}");
        assert_eq!(record["p_follow"], Value::Null);
    }
}

#[tokio::test]
async fn unavailable_logprobs_fall_back_to_samples() {
    let server = TestServer::start().await;
    *server.state.fallback.lock().unwrap() = Step::NoLogprobs;
    *server.state.reply.lock().unwrap() = "I would say the answer is (B).".to_string();
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        openai(&server, "chat"),
        json!({"method": "logprobs"}),
        Some(json!({"method": "samples", "n": 3})),
    );
    let summary = execute(&spec, cells(2), options(folder.path(), "run")).await;
    assert_eq!(summary.decided, 6);
    let records = results(&folder.path().join("run"));
    assert_eq!(records.len(), 6);
    let samples: Vec<u64> = records
        .iter()
        .filter(|r| r["cell_id"] == "cell0000")
        .map(|r| r["sample"].as_u64().unwrap())
        .collect();
    assert_eq!(samples, [0, 1, 2]);
    assert_eq!(
        by_cell(&records, "cell0000")["decision"],
        "ALLOW_PREFERENCE"
    );
    assert_eq!(by_cell(&records, "cell0001")["decision"], "FOLLOW_CULTURE");
    assert_eq!(records[0]["method"], "samples");
    // 2 log-probability requests, then 3 samples per cell.
    assert_eq!(server.request_count(), 8);
}

#[tokio::test]
async fn sampled_replies_are_parsed() {
    let server = TestServer::start().await;
    *server.state.reply.lock().unwrap() = "Taking everything into account: **A**".to_string();
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        openai(&server, "chat"),
        json!({"method": "samples", "n": 2}),
        None,
    );
    execute(&spec, cells(2), options(folder.path(), "run")).await;
    let records = results(&folder.path().join("run"));
    assert_eq!(records.len(), 4);
    assert_eq!(by_cell(&records, "cell0000")["decision"], "FOLLOW_CULTURE");
    assert_eq!(
        by_cell(&records, "cell0001")["decision"],
        "ALLOW_PREFERENCE"
    );
    let seeds: std::collections::BTreeSet<String> = server
        .requests()
        .iter()
        .map(|r| r.body["seed"].to_string())
        .collect();
    assert_eq!(
        seeds.len(),
        2,
        "the two samples of a cell get different seeds"
    );
}

#[tokio::test]
async fn transient_failures_are_retried() {
    let server = TestServer::start().await;
    server.script([
        Step::Status {
            code: 429,
            retry_after: Some("0".to_string()),
            body: "slow down".to_string(),
        },
        status(500),
        Step::Malformed,
        Step::Truncated,
        Step::Drop,
    ]);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    let mut options = options(folder.path(), "run");
    options.concurrency = 1;
    let summary = execute(&spec, cells(1), options).await;
    assert_eq!(summary.failed, 0);
    let record = &results(&folder.path().join("run"))[0];
    assert_eq!(record["attempts"], 6);
    assert_eq!(record["decision"], "FOLLOW_CULTURE");
    assert_eq!(server.request_count(), 6);
}

#[tokio::test]
async fn retries_stop_at_the_cap() {
    let server = TestServer::start().await;
    *server.state.fallback.lock().unwrap() = status(503);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    let mut options = options(folder.path(), "run");
    options.max_attempts = 3;
    let summary = execute(&spec, cells(1), options).await;
    assert_eq!(summary.failed, 1);
    assert_eq!(summary.exit_code(), 1);
    assert_eq!(server.request_count(), 3);
    let record = &results(&folder.path().join("run"))[0];
    assert_eq!(record["decision"], "UNKNOWN");
    assert_eq!(record["letter"], Value::Null);
    assert!(
        record["error"].as_str().unwrap().contains("503"),
        "{record}"
    );
}

#[tokio::test]
async fn failed_results_are_retried_on_rerun() {
    let server = TestServer::start().await;
    server.script([status(500), status(500)]);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    let mut first = options(folder.path(), "run");
    first.max_attempts = 1;
    first.concurrency = 1;
    let summary = execute(&spec, cells(3), first).await;
    assert_eq!(summary.failed, 2);

    let summary = execute(&spec, cells(3), options(folder.path(), "run")).await;
    assert_eq!(summary.failed, 0);
    assert_eq!(summary.already_done, 1);
    assert_eq!(summary.decided, 2);
    let records = results(&folder.path().join("run"));
    assert_eq!(
        records.len(),
        3,
        "no failed record is left beside its retry"
    );
    assert!(records.iter().all(|r| r["error"].is_null()));
}

#[tokio::test]
async fn missing_key_variable_is_reported() {
    let spec = spec(
        json!({"kind": "openai", "base_url": "http://127.0.0.1:9/v1", "api_key_env": "PACTC_TEST_UNSET_KEY"}),
        json!({"method": "logprobs"}),
        None,
    );
    let error = run::backends::open_targets(&spec, &spec.evaluations["quick"]).unwrap_err();
    assert!(error.message.contains("PACTC_TEST_UNSET_KEY"), "{error}");
    assert!(error.message.contains("not set"), "{error}");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = TestServer::start().await;
    server.script([Step::Status {
        code: 429,
        retry_after: Some("1".to_string()),
        body: String::new(),
    }]);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    let start = Instant::now();
    execute(&spec, cells(1), options(folder.path(), "run")).await;
    assert!(
        start.elapsed() >= Duration::from_millis(950),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn slow_reply_times_out_and_is_retried() {
    let server = TestServer::start().await;
    server.script([Step::Slow(Duration::from_secs(3))]);
    let folder = tempfile::tempdir().unwrap();
    let mut backend = openai(&server, "chat");
    backend["timeout_secs"] = json!(0.3);
    let spec = spec(backend, json!({"method": "logprobs"}), None);
    let summary = execute(&spec, cells(1), options(folder.path(), "run")).await;
    assert_eq!(summary.decided, 1);
    assert_eq!(results(&folder.path().join("run"))[0]["attempts"], 2);
}

#[tokio::test]
async fn cache_answers_a_second_run() {
    let server = TestServer::start().await;
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    execute(&spec, cells(6), options(folder.path(), "first")).await;
    assert_eq!(server.request_count(), 6);

    let summary = execute(&spec, cells(6), options(folder.path(), "second")).await;
    assert_eq!(summary.cache_hits, 6);
    assert_eq!(server.request_count(), 6);
    let first = results(&folder.path().join("first"));
    let second = results(&folder.path().join("second"));
    assert_eq!(first.len(), second.len());
}

#[tokio::test]
async fn parameter_change_misses_every_cell() {
    let server = TestServer::start().await;
    let folder = tempfile::tempdir().unwrap();
    let mut spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    execute(&spec, cells(4), options(folder.path(), "first")).await;
    spec.evaluations["quick"].sampling.temperature = 0.5;
    let summary = execute(&spec, cells(4), options(folder.path(), "second")).await;
    assert_eq!(summary.cache_hits, 0);
    assert_eq!(server.request_count(), 8);
}

#[tokio::test]
async fn prompt_change_misses_one_cell() {
    let server = TestServer::start().await;
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    execute(&spec, cells(4), options(folder.path(), "first")).await;
    let mut changed = cells(4);
    changed[2] = run_support::cell(2, " edited");
    let summary = execute(&spec, changed, options(folder.path(), "second")).await;
    assert_eq!(summary.cache_hits, 3);
    assert_eq!(summary.sent, 1);
    assert_eq!(server.request_count(), 5);
}

#[tokio::test]
async fn budget_leaves_results_undone() {
    let server = TestServer::start().await;
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    let mut options = options(folder.path(), "run");
    options.max_requests = Some(3);
    let summary = execute(&spec, cells(5), options).await;
    assert_eq!(summary.sent, 3);
    assert_eq!(summary.over_budget, 2);
    assert_eq!(summary.exit_code(), 1);
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn other_mass_above_threshold_is_unknown() {
    let server = TestServer::start().await;
    server.set_top(&[("A", 0.6), (" B", 0.3), ("The", 0.05)]);
    let folder = tempfile::tempdir().unwrap();
    let mut spec = spec(openai(&server, "chat"), json!({"method": "logprobs"}), None);
    spec.evaluations["quick"].other_mass_max = Some(0.05);
    let summary = execute(&spec, cells(1), options(folder.path(), "run")).await;
    assert_eq!(summary.unknown, 1);
    let record = &results(&folder.path().join("run"))[0];
    assert_eq!(record["decision"], "UNKNOWN");
    assert_close(&record["p_follow"], 0.6 / 0.9);
    let reason = record["unknown_reason"].as_str().unwrap();
    assert!(reason.contains("other_mass_max"), "{reason}");
}

#[tokio::test]
async fn neither_letter_listed_is_unknown() {
    let server = TestServer::start().await;
    server.set_top(&[("The", 0.5), ("I", 0.2)]);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        openai(&server, "completions"),
        json!({"method": "logprobs"}),
        None,
    );
    execute(&spec, cells(1), options(folder.path(), "run")).await;
    let record = &results(&folder.path().join("run"))[0];
    assert_eq!(record["decision"], "UNKNOWN");
    assert_eq!(record["missing_letters"], json!(["A", "B"]));
    assert_eq!(record["p_a"], Value::Null);
    assert_eq!(record["p_b"], Value::Null);
}
