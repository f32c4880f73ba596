//! `pactc run` as a process: kill and resume, journal and cache recovery, secrets, exit
//! codes and dry runs, against the test server on 127.0.0.1.

mod run_support;

use run_support::{Step, TestServer, cells, results, spec, status, write_bundle};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn pactc(bundle: &Path, runs: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pactc"));
    command
        .arg("run")
        .arg(bundle)
        .arg("--runs-dir")
        .arg(runs)
        .args(["--name", "r", "--no-progress", "--backoff-ms", "5"])
        .args(extra)
        .env_remove("PACTC_LOG");
    command
}

fn run_to_end(bundle: &Path, runs: &Path, extra: &[&str]) -> Output {
    pactc(bundle, runs, extra).output().expect("pactc runs")
}

fn openai_backend(server: &TestServer) -> Value {
    json!({"kind": "openai", "base_url": server.base_url, "timeout_secs": 5})
}

/// (cell id, sample) to (decision, p_follow), failing on any repeated result.
fn result_set(run_dir: &Path) -> BTreeMap<(String, u64), (String, String)> {
    let mut set = BTreeMap::new();
    for record in results(run_dir) {
        let id = (
            record["cell_id"].as_str().unwrap().to_string(),
            record["sample"].as_u64().unwrap(),
        );
        let value = (
            record["decision"].to_string(),
            record["p_follow"].to_string(),
        );
        assert!(
            set.insert(id.clone(), value).is_none(),
            "result {id:?} is recorded twice"
        );
    }
    set
}

fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

fn remove_cache(runs: &Path) {
    for name in ["cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"] {
        let _ = std::fs::remove_file(runs.join(name));
    }
}

/// Writes the `.pact` fixture with the server's address; returns its path.
fn write_spec(folder: &Path, server: &TestServer) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/run/server.pact");
    let text = std::fs::read_to_string(fixture).expect("fixture spec");
    let path = folder.join("server.pact");
    std::fs::write(&path, text.replace("BASE_URL", &server.base_url)).unwrap();
    path
}

#[test]
fn kill_and_resume_matches_uninterrupted_run() {
    const RESULTS: usize = 300;
    let server = TestServer::start_in_background();
    *server.state.delay.lock().unwrap() = Duration::from_millis(15);
    let folder = tempfile::tempdir().unwrap();
    let spec = write_spec(folder.path(), &server);

    let reference_runs = folder.path().join("reference");
    let reference = run_to_end(&spec, &reference_runs, &["--concurrency", "4"]);
    assert_eq!(
        reference.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&reference.stderr)
    );
    let expected = result_set(&reference_runs.join("r"));
    assert_eq!(expected.len(), RESULTS);
    let before = server.request_count();

    let runs = folder.path().join("killed");
    let journal = runs.join("r").join("results.jsonl");
    let mut child = pactc(&spec, &runs, &["--concurrency", "4"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pactc starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while line_count(&journal) < 40 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL the run");
    child.wait().expect("reap the killed run");
    let recorded_at_kill = line_count(&journal);
    assert!(
        recorded_at_kill >= 40,
        "only {recorded_at_kill} results before the deadline"
    );
    assert!(
        recorded_at_kill < RESULTS,
        "the run finished before it was killed"
    );

    let resumed = run_to_end(&spec, &runs, &["--concurrency", "4"]);
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert_eq!(result_set(&runs.join("r")), expected);
    let sent = server.request_count() - before;
    assert!(
        sent <= RESULTS + 4,
        "{sent} requests for {RESULTS} results: resumed ones were sent again"
    );
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(runs.join("r").join("manifest.json")).unwrap(),
    )
    .unwrap();
    let statuses: Vec<&str> = manifest["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|session| session["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["ended without recording its status", "finished"],
        "the killed session is marked on resume"
    );
}

#[test]
fn plan_runs_like_its_spec() {
    let server = TestServer::start_in_background();
    let folder = tempfile::tempdir().unwrap();
    let spec = write_spec(folder.path(), &server);
    let plan = folder.path().join("plan.yaml");
    let written = Command::new(env!("CARGO_BIN_EXE_pactc"))
        .arg("plan")
        .arg(&spec)
        .arg("-o")
        .arg(&plan)
        .output()
        .expect("pactc plan runs");
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );

    let from_spec = folder.path().join("from-spec");
    assert_eq!(run_to_end(&spec, &from_spec, &[]).status.code(), Some(0));
    let from_plan = folder.path().join("from-plan");
    let output = run_to_end(&plan, &from_plan, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        result_set(&from_plan.join("r")),
        result_set(&from_spec.join("r"))
    );
    assert!(from_plan.join("r").join("plan.yaml").exists());
    assert!(from_spec.join("r").join("plan.yaml").exists());
    assert!(from_spec.join("r").join("spec.json").exists());
}

#[test]
fn journal_without_cache_is_not_resent() {
    let server = TestServer::start_in_background();
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai_backend(&server), json!({"method": "logprobs"}), None);
    let bundle = write_bundle(folder.path(), "j", &spec, &cells(20));
    let runs = folder.path().join("runs");
    assert_eq!(run_to_end(&bundle, &runs, &[]).status.code(), Some(0));
    let expected = result_set(&runs.join("r"));

    remove_cache(&runs);
    let rerun = run_to_end(&bundle, &runs, &[]);
    assert_eq!(rerun.status.code(), Some(0));
    assert_eq!(server.request_count(), 20);
    assert_eq!(result_set(&runs.join("r")), expected);
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    assert!(stderr.contains("20 already recorded"), "{stderr}");
}

#[test]
fn cache_without_journal_fills_the_gap() {
    let server = TestServer::start_in_background();
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai_backend(&server), json!({"method": "logprobs"}), None);
    let bundle = write_bundle(folder.path(), "c", &spec, &cells(20));
    let runs = folder.path().join("runs");
    assert_eq!(run_to_end(&bundle, &runs, &[]).status.code(), Some(0));
    let expected = result_set(&runs.join("r"));

    // Keep 7 whole lines and half of the eighth, as a kill during a write would.
    let journal = runs.join("r").join("results.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let kept = format!(
        "{}\n{}",
        lines[..7].join("\n"),
        &lines[7][..lines[7].len() / 2]
    );
    std::fs::write(&journal, kept).unwrap();

    let rerun = run_to_end(&bundle, &runs, &[]);
    assert_eq!(rerun.status.code(), Some(0));
    assert_eq!(server.request_count(), 20);
    assert_eq!(result_set(&runs.join("r")), expected);
}

#[test]
fn keys_never_reach_outputs() {
    const KEY: &str = "sk-test-SECRET-4821";
    let server = TestServer::start_in_background();
    server.script([Step::Status {
        code: 401,
        retry_after: None,
        body: format!("{{\"error\": {{\"message\": \"Incorrect API key provided: {KEY}\"}}}}"),
    }]);
    let folder = tempfile::tempdir().unwrap();
    let mut backend = openai_backend(&server);
    backend["api_key_env"] = json!("PACTC_TEST_KEY");
    let spec = spec(backend, json!({"method": "logprobs"}), None);
    let bundle = write_bundle(folder.path(), "secret", &spec, &cells(5));
    let runs = folder.path().join("runs");

    let output = pactc(&bundle, &runs, &["-vvv", "--concurrency", "1"])
        .env("PACTC_TEST_KEY", KEY)
        .output()
        .expect("pactc runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "one request is rejected with 401"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("PACTC_TEST_KEY"),
        "the 401 names the variable: {stderr}"
    );
    assert_eq!(
        server.request_count(),
        1,
        "after a 401 the model is sent nothing more"
    );
    let sent = server.requests()[0].authorization.clone();
    assert_eq!(sent.as_deref(), Some(format!("Bearer {KEY}").as_str()));
    let failed = results(&runs.join("r"))
        .iter()
        .filter(|record| record["error"].as_str().is_some_and(|e| e.contains("401")))
        .count();
    assert_eq!(failed, 5, "every cell is recorded as failed with the 401");

    assert!(!String::from_utf8_lossy(&output.stdout).contains(KEY));
    assert!(!stderr.contains(KEY), "stderr holds the key");
    for path in files_under(&runs) {
        let bytes = std::fs::read(&path).unwrap();
        let found = bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes());
        assert!(!found, "{} holds the key", path.display());
    }

    // With the key accepted, the next run sends the failed requests again.
    let rerun = pactc(&bundle, &runs, &["--concurrency", "1"])
        .env("PACTC_TEST_KEY", KEY)
        .output()
        .expect("pactc runs");
    assert_eq!(rerun.status.code(), Some(0), "the rerun finishes");
    assert_eq!(server.request_count(), 6);
    assert_eq!(result_set(&runs.join("r")).len(), 5);
}

fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn run_writes_spec_manifest_and_plan() {
    let server = TestServer::start_in_background();
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai_backend(&server), json!({"method": "logprobs"}), None);
    let bundle = write_bundle(folder.path(), "files", &spec, &cells(3));
    let runs = folder.path().join("runs");
    assert_eq!(run_to_end(&bundle, &runs, &[]).status.code(), Some(0));

    let dir = runs.join("r");
    let written: pactc::model::Spec =
        serde_json::from_str(&std::fs::read_to_string(dir.join("spec.json")).unwrap()).unwrap();
    assert_eq!(written, spec);
    assert!(dir.join("plan.json").exists());
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["pactc_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["models"][0]["model_id"], "test-model");
    assert_eq!(manifest["sampling"]["seed"], 7);
    assert_eq!(manifest["sessions"][0]["status"], "finished");
    assert!(manifest["sessions"][0]["finished_at"].is_string());
    assert_eq!(manifest["spec_hash"].as_str().unwrap().len(), 64);
}

#[test]
fn failures_exit_one_with_summary() {
    let server = TestServer::start_in_background();
    *server.state.fallback.lock().unwrap() = status(500);
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(openai_backend(&server), json!({"method": "logprobs"}), None);
    let bundle = write_bundle(folder.path(), "fail", &spec, &cells(2));
    let output = run_to_end(
        &bundle,
        &folder.path().join("runs"),
        &["--max-attempts", "2"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2 requests failed after retries"),
        "{stderr}"
    );
    assert!(stderr.contains("500"), "{stderr}");
}

#[test]
fn usage_errors_exit_two() {
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        json!({"kind": "fixed"}),
        json!({"method": "logprobs"}),
        None,
    );
    let bundle = write_bundle(folder.path(), "usage", &spec, &cells(2));
    let runs = folder.path().join("runs");
    for extra in [
        &["--shard", "3/2"][..],
        &["--eval", "nope"],
        &["--concurrency", "0"],
    ] {
        let output = run_to_end(&bundle, &runs, extra);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{extra:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let output = run_to_end(&folder.path().join("missing.json"), &runs, &[]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn dry_run_sends_and_writes_nothing() {
    let server = TestServer::start_in_background();
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        openai_backend(&server),
        json!({"method": "samples", "n": 2}),
        None,
    );
    let bundle = write_bundle(folder.path(), "dry", &spec, &cells(3));
    let runs = folder.path().join("runs");
    let output = run_to_end(&bundle, &runs, &["--dry-run"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("send")).count(),
        6,
        "{stdout}"
    );
    assert_eq!(server.request_count(), 0);
    assert!(!runs.join("r").exists());

    assert_eq!(run_to_end(&bundle, &runs, &[]).status.code(), Some(0));
    let output = run_to_end(&bundle, &runs, &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("cached")).count(),
        6,
        "{stdout}"
    );
}

#[test]
fn shards_split_the_cells() {
    let folder = tempfile::tempdir().unwrap();
    let spec = spec(
        json!({"kind": "seeded", "p_a": 0.4}),
        json!({"method": "samples", "n": 1}),
        None,
    );
    let bundle = write_bundle(folder.path(), "shard", &spec, &cells(40));
    let mut seen = BTreeSet::new();
    for shard in ["0/3", "1/3", "2/3"] {
        let runs = folder.path().join(shard.replace('/', "-"));
        let output = run_to_end(&bundle, &runs, &["--shard", shard]);
        assert_eq!(output.status.code(), Some(0));
        for record in results(&runs.join("r")) {
            assert!(
                seen.insert(record["cell_id"].to_string()),
                "a cell ran in two shards"
            );
        }
    }
    assert_eq!(seen.len(), 40);
}

#[test]
fn changed_spec_needs_restart() {
    let folder = tempfile::tempdir().unwrap();
    let runs = folder.path().join("runs");
    let first = spec(
        json!({"kind": "fixed", "letter": "A"}),
        json!({"method": "logprobs"}),
        None,
    );
    let bundle = write_bundle(folder.path(), "change", &first, &cells(4));
    assert_eq!(run_to_end(&bundle, &runs, &[]).status.code(), Some(0));

    let second = spec(
        json!({"kind": "fixed", "letter": "B"}),
        json!({"method": "logprobs"}),
        None,
    );
    let bundle = write_bundle(folder.path(), "change", &second, &cells(4));
    let output = run_to_end(&bundle, &runs, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--restart"));

    assert_eq!(
        run_to_end(&bundle, &runs, &["--restart"]).status.code(),
        Some(0)
    );
    let records = results(&runs.join("r"));
    assert_eq!(records.len(), 4);
    assert!(records.iter().all(|r| r["letter"] == "B"));
}

#[test]
fn interrupt_flushes_and_exits_130() {
    let server = TestServer::start_in_background();
    *server.state.delay.lock().unwrap() = Duration::from_millis(20);
    let folder = tempfile::tempdir().unwrap();
    let spec = write_spec(folder.path(), &server);
    let runs = folder.path().join("runs");
    let journal = runs.join("r").join("results.jsonl");
    let child = pactc(&spec, &runs, &["--concurrency", "4"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pactc starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while line_count(&journal) < 20 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let signal = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill sends SIGINT");
    assert!(signal.success());
    let output = child.wait_with_output().expect("the run ends");
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'), "the last result is written whole");
    let recorded = result_set(&runs.join("r")).len();
    assert!(recorded < 300, "the run stopped early");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(runs.join("r").join("manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["sessions"][0]["status"], "interrupted");
}

#[test]
fn anthropic_samples_are_parsed() {
    let server = TestServer::start_in_background();
    *server.state.reply.lock().unwrap() = "Weighing both, my answer is (B).".to_string();
    let folder = tempfile::tempdir().unwrap();
    let base_url = server.base_url.trim_end_matches("/v1").to_string();
    let backend =
        json!({"kind": "anthropic", "base_url": base_url, "api_key_env": "PACTC_TEST_ANTHROPIC"});
    let spec = spec(
        backend,
        json!({"method": "logprobs"}),
        Some(json!({"method": "samples", "n": 2})),
    );
    let bundle = write_bundle(folder.path(), "claude", &spec, &cells(2));
    let runs = folder.path().join("runs");
    let output = pactc(&bundle, &runs, &[])
        .env("PACTC_TEST_ANTHROPIC", "test-anthropic-key")
        .output()
        .expect("pactc runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Log-probabilities are unavailable without a request, so only the samples are sent.
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].path, "/v1/messages");
    assert_eq!(
        requests[0].authorization.as_deref(),
        Some("test-anthropic-key")
    );
    assert_eq!(requests[0].body["system"], "Answer with one letter.");
    let records = results(&runs.join("r"));
    assert_eq!(records.len(), 4);
    for record in &records {
        let expected = if record["cell_id"] == "cell0000" {
            "ALLOW_PREFERENCE"
        } else {
            "FOLLOW_CULTURE"
        };
        assert_eq!(record["decision"], expected, "{record}");
        assert_eq!(record["method"], "samples");
    }
}
