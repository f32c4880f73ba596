//! Speed of the embedded backend on the default model.
//!
//! Run with `cargo bench --bench embedded`. It scores the 100 reference chat prompts
//! (about 164 tokens each, the first 61 shared) and prints model load time, prompt
//! tokens per second and cells per second with and without prefix reuse. Set
//! `PACTC_BENCH_THREADS` (default 2) and `PACTC_BENCH_BATCH` (default 8) to vary the run.

use std::time::Instant;

use pactc::cell::{Message, MessageRole};
use pactc::embedded::{Engine, EngineOptions, registry};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|v| *v > 0)
        .unwrap_or(default)
}

/// Recovers the system and user messages from a prompt in SmolLM2's chat format.
fn messages_of(prompt: &str) -> Vec<Message> {
    let body = prompt
        .strip_suffix("<|im_start|>assistant\n")
        .expect("prompt ends with the generation prompt");
    body.split("<|im_start|>")
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (role, rest) = part.split_once('\n').expect("role line");
            let content = rest.strip_suffix("<|im_end|>\n").expect("message end");
            let role = if role == "system" {
                MessageRole::System
            } else {
                MessageRole::User
            };
            Message {
                role,
                content: content.to_string(),
            }
        })
        .collect()
}

fn reference_messages() -> Vec<Vec<Message>> {
    include_str!("../tests/data/smollm2-next-token-ab.jsonl")
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
            messages_of(value["prompt"].as_str().expect("prompt"))
        })
        .collect()
}

/// Scores all prompts in batches of `batch` and returns the elapsed seconds.
fn score_all(engine: &mut Engine, prompts: &[Vec<u32>], batch: usize) -> f64 {
    let started = Instant::now();
    for chunk in prompts.chunks(batch) {
        engine.score(chunk).expect("scoring succeeds");
    }
    started.elapsed().as_secs_f64()
}

fn main() {
    let threads = env_usize("PACTC_BENCH_THREADS", 2);
    let batch = env_usize("PACTC_BENCH_BATCH", 8);
    let model = registry::find(registry::DEFAULT_MODEL).expect("default model is registered");
    let path = registry::ensure(model).expect("the default model can be fetched");
    let options = EngineOptions {
        threads,
        batch,
        prefix_reuse: true,
    };
    let mut engine = Engine::load(model.name, &path, options).expect("the model loads");
    println!("threads {threads}, batch {batch}");
    println!("arithmetic: {}", engine.describe()["arithmetic"]);
    println!("model load: {:.2} s", engine.load_time.as_secs_f64());

    let prompts: Vec<Vec<u32>> = reference_messages()
        .iter()
        .map(|messages| engine.prompt_tokens(messages).expect("tokenizes"))
        .collect();
    let total_tokens: usize = prompts.iter().map(Vec::len).sum();
    let cells = prompts.len() as f64;
    println!(
        "{} prompts, {:.1} tokens each on average",
        prompts.len(),
        total_tokens as f64 / cells
    );

    // Warm-up: fills the prefix cache and the allocator.
    engine.score(&prompts[..2]).expect("scoring succeeds");

    engine.options.prefix_reuse = false;
    let full_single = score_all(&mut engine, &prompts, 1);
    println!(
        "no prefix reuse, batch 1: {:.2} cells/s, {:.0} prompt tokens/s",
        cells / full_single,
        total_tokens as f64 / full_single
    );
    let full_batched = score_all(&mut engine, &prompts, batch);
    println!(
        "no prefix reuse, batch {batch}: {:.2} cells/s, {:.0} prompt tokens/s",
        cells / full_batched,
        total_tokens as f64 / full_batched
    );

    engine.options.prefix_reuse = true;
    let reused_single = score_all(&mut engine, &prompts, 1);
    println!(
        "prefix reuse, batch 1: {:.2} cells/s",
        cells / reused_single
    );
    let reused_batched = score_all(&mut engine, &prompts, batch);
    println!(
        "prefix reuse, batch {batch}: {:.2} cells/s",
        cells / reused_batched
    );
}
