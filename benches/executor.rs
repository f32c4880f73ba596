//! Executor overhead: requests per second through `pactc::run::execute` against the
//! OpenAI-compatible test server on 127.0.0.1, which answers every request at once.
//! Each request goes through the whole path: cache lookup, HTTP, parsing, the journal
//! append with its flush, and the cache insert.
//!
//! Besides wall-clock rates it prints the process's CPU time per request (server and
//! client together, read from `/proc/self/stat`, so Linux only), which stays meaningful
//! on a machine whose cores are shared with other work.
//!
//! Run: `cargo bench --bench executor` (prints one line per concurrency level).

#[path = "../tests/run_support/mod.rs"]
mod run_support;

use pactc::run::{self, RunOptions};
use serde_json::json;
use std::time::Instant;

const REQUESTS: usize = 4000;
const REPEATS: usize = 3;

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("benchmark runtime");
    let server = runtime.block_on(run_support::TestServer::start());
    let backend = json!({"kind": "openai", "base_url": server.base_url, "timeout_secs": 30});
    let spec = run_support::spec(backend, json!({"method": "logprobs"}), None);
    let cells = run_support::cells(REQUESTS);

    println!("requests per run: {REQUESTS}, runs per level: {REPEATS} (median shown)");
    for concurrency in [1, 16, 64] {
        let mut rates = Vec::new();
        let mut cpu_per_request = Vec::new();
        for _ in 0..REPEATS {
            let folder = tempfile::tempdir().expect("temporary folder");
            let mut options = RunOptions::new(
                folder.path().join("run"),
                folder.path().join("cache.sqlite"),
            );
            options.concurrency = concurrency;
            let targets = run::backends::open_targets(&spec, &spec.evaluations["quick"])
                .expect("backend opens");
            let start = Instant::now();
            let cpu_start = cpu_seconds();
            let summary = runtime
                .block_on(run::execute(
                    &spec,
                    "quick",
                    cells.clone(),
                    targets,
                    options,
                    None,
                ))
                .expect("run completes");
            let seconds = start.elapsed().as_secs_f64();
            assert_eq!(summary.sent as usize, REQUESTS);
            rates.push(REQUESTS as f64 / seconds);
            cpu_per_request.push((cpu_seconds() - cpu_start) / REQUESTS as f64 * 1e6);
        }
        rates.sort_by(f64::total_cmp);
        cpu_per_request.sort_by(f64::total_cmp);
        println!(
            "concurrency {concurrency:>2}: {:>7.0} requests/s, {:>5.0} us CPU per request",
            rates[REPEATS / 2],
            cpu_per_request[REPEATS / 2]
        );
    }
}

/// User plus system CPU time of this process, in seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("Linux /proc/self/stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after = &stat[stat.rfind(')').expect("stat has a command name") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        fields[11].parse::<f64>().expect("utime") + fields[12].parse::<f64>().expect("stime");
    // Linux reports these in clock ticks of 1/100 s on every common configuration.
    ticks / 100.0
}
