//! The embedded backend on the real default model, checked against llama.cpp's output.
//!
//! The model is fetched on first use exactly as `pactc models fetch` does it. The
//! reference data in `tests/data/` was produced by llama.cpp from the same GGUF file.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use pactc::backend::{Backend, Reply, Request, RequestMode};
use pactc::cell::{Message, MessageRole};
use pactc::embedded::{Engine, EngineOptions, registry};

/// Largest difference from llama.cpp's letter probabilities that a dequantized f32
/// forward pass may show on these prompts (llama.cpp multiplies Q4_1 blocks and keeps an
/// f16 key-value cache).
const LLAMA_CPP_TOLERANCE: f64 = 0.06;

struct TokenCase {
    text: String,
    ids: Vec<u32>,
}

struct ProbCase {
    prompt: String,
    p_a: f64,
    p_b: f64,
}

fn model_path() -> std::path::PathBuf {
    let model = registry::find(registry::DEFAULT_MODEL).expect("default model is registered");
    registry::ensure(model).expect("the default model can be fetched")
}

fn engine() -> MutexGuard<'static, Engine> {
    static ENGINE: OnceLock<Mutex<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let options = EngineOptions {
                threads: 2,
                batch: 8,
                prefix_reuse: true,
            };
            let engine = Engine::load(registry::DEFAULT_MODEL, &model_path(), options)
                .expect("the default model loads");
            Mutex::new(engine)
        })
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn token_cases() -> Vec<TokenCase> {
    include_str!("data/smollm2-token-ids.jsonl")
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
            TokenCase {
                text: value["text"].as_str().expect("text").to_string(),
                ids: value["ids"]
                    .as_array()
                    .expect("ids")
                    .iter()
                    .map(|id| u32::try_from(id.as_u64().expect("id")).expect("small id"))
                    .collect(),
            }
        })
        .collect()
}

fn prob_cases() -> Vec<ProbCase> {
    include_str!("data/smollm2-next-token-ab.jsonl")
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
            ProbCase {
                prompt: value["prompt"].as_str().expect("prompt").to_string(),
                p_a: value["p_a"].as_f64().expect("p_a"),
                p_b: value["p_b"].as_f64().expect("p_b"),
            }
        })
        .collect()
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
            let role = match role {
                "system" => MessageRole::System,
                "user" => MessageRole::User,
                other => panic!("unexpected role {other}"),
            };
            Message {
                role,
                content: content.to_string(),
            }
        })
        .collect()
}

#[test]
fn tokenizer_matches_llama_cpp_ids() {
    let engine = engine();
    for (line, case) in token_cases().iter().enumerate() {
        let ids = engine.tokenizer().encode(&case.text);
        assert_eq!(
            ids,
            case.ids,
            "line {} of the reference: {:?}",
            line + 1,
            case.text
        );
    }
}

#[test]
fn tokenizer_decode_round_trips_stress_text() {
    let engine = engine();
    for case in token_cases().iter().take(2) {
        assert_eq!(engine.tokenizer().decode(&case.ids), case.text);
    }
}

#[test]
fn chat_template_renders_reference_prompts() {
    let engine = engine();
    for case in prob_cases() {
        let rendered = engine.render(&messages_of(&case.prompt)).expect("renders");
        assert_eq!(rendered, case.prompt);
    }
}

#[test]
fn chat_template_adds_default_system_prompt() {
    let engine = engine();
    let messages = [Message {
        role: MessageRole::User,
        content: "Hi".to_string(),
    }];
    let rendered = engine.render(&messages).expect("renders");
    assert_eq!(
        rendered,
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging \
         Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
    );
}

#[test]
fn letter_probabilities_sum_to_one() {
    let mut engine = engine();
    let cases = prob_cases();
    let prompts: Vec<Vec<u32>> = cases
        .iter()
        .take(4)
        .map(|case| {
            engine
                .prompt_tokens(&messages_of(&case.prompt))
                .expect("tokens")
        })
        .collect();
    for probs in engine.score(&prompts).expect("scores") {
        let p_a = probs.p_a.expect("A is in the vocabulary");
        let p_b = probs.p_b.expect("B is in the vocabulary");
        let other = probs.other_mass.expect("other mass is known");
        assert!(
            (p_a + p_b + other - 1.0).abs() < 1e-4,
            "{p_a} + {p_b} + {other}"
        );
        assert!(p_a > 0.0 && p_b > 0.0 && other > 0.0);
        assert_eq!(probs.top.len(), 10);
    }
}

#[test]
fn letter_probabilities_match_llama_cpp() {
    let mut engine = engine();
    let cases = prob_cases();
    let prompts: Vec<Vec<u32>> = cases
        .iter()
        .map(|case| {
            engine
                .prompt_tokens(&messages_of(&case.prompt))
                .expect("tokens")
        })
        .collect();
    let a = engine.tokenizer().single_token("A").expect("A token");
    let b = engine.tokenizer().single_token("B").expect("B token");
    let mut worst: f64 = 0.0;
    for (chunk, cases) in prompts.chunks(10).zip(cases.chunks(10)) {
        let logits = engine.next_token_logits(chunk).expect("logits");
        for (mut logits, case) in logits.into_iter().zip(cases) {
            softmax(&mut logits);
            let p_a = f64::from(logits[a as usize]);
            let p_b = f64::from(logits[b as usize]);
            worst = worst
                .max((p_a - case.p_a).abs())
                .max((p_b - case.p_b).abs());
            assert!(
                (p_a - case.p_a).abs() < LLAMA_CPP_TOLERANCE,
                "P(A) {p_a} vs llama.cpp {}",
                case.p_a
            );
            assert!(
                (p_b - case.p_b).abs() < LLAMA_CPP_TOLERANCE,
                "P(B) {p_b} vs llama.cpp {}",
                case.p_b
            );
        }
    }
    eprintln!("largest difference from llama.cpp: {worst:.4}");
}

fn softmax(logits: &mut [f32]) {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = logits.iter().map(|l| (l - max).exp()).sum();
    for l in logits.iter_mut() {
        *l = (*l - max).exp() / sum;
    }
}

#[test]
fn prefix_reuse_matches_full_forward_pass() {
    let cases = prob_cases();
    let mut engine = engine();
    // Prompts 0 and 50 (and 1 and 51) are one scenario in both option orders, so they share
    // everything up to the options. A cut prompt is a strict prefix of another, and a
    // duplicate shares all of its tokens. Together they exercise every branch of the
    // prefix tree that a batch is arranged into.
    let mut prompts: Vec<Vec<u32>> = [0, 50, 1, 51, 2, 77]
        .iter()
        .map(|&i| {
            engine
                .prompt_tokens(&messages_of(&cases[i].prompt))
                .expect("tokens")
        })
        .collect();
    let cut = prompts[2][..prompts[2].len() - 7].to_vec();
    prompts.push(cut);
    prompts.push(prompts[0].clone());

    // The reference: each prompt alone, from an empty cache.
    engine.options.prefix_reuse = false;
    let mut alone = Vec::new();
    for prompt in &prompts {
        alone.extend(
            engine
                .score(std::slice::from_ref(prompt))
                .expect("one prompt"),
        );
    }
    let batched_without_reuse = engine.score(&prompts).expect("scores without reuse");
    engine.options.prefix_reuse = true;
    let batched = engine.score(&prompts).expect("scores with reuse");
    // A second batch starts from the cache the first one left.
    let again = engine
        .score(&prompts[1..])
        .expect("scores from the warm cache");

    let mut worst = 0.0f64;
    let outcomes = [&batched_without_reuse[..], &batched[..], &again[..]];
    for (name, outcome, skip) in [
        ("batched", outcomes[0], 0),
        ("batched with reuse", outcomes[1], 0),
        ("second batch", outcomes[2], 1),
    ] {
        for (index, (scored, reference)) in outcome.iter().zip(&alone[skip..]).enumerate() {
            for (x, y) in [
                (scored.p_a, reference.p_a),
                (scored.p_b, reference.p_b),
                (scored.other_mass, reference.other_mass),
            ] {
                let (x, y) = (x.expect("p"), y.expect("p"));
                worst = worst.max((x - y).abs());
                assert!(
                    (x - y).abs() < 1e-4,
                    "{name}, prompt {}: {x} vs {y} alone",
                    index + skip
                );
            }
        }
    }
    eprintln!("largest difference from a lone full pass: {worst:.2e}");
}

#[test]
fn sampling_is_reproducible_with_seed() {
    let mut engine = engine();
    let messages = messages_of(&prob_cases()[3].prompt);
    let prompt = engine.prompt_tokens(&messages).expect("tokens");
    let settings = pactc::embedded::SampleSettings {
        temperature: 0.8,
        top_p: Some(0.95),
        max_tokens: 12,
        seed: 42,
    };
    let first = engine.sample(&prompt, &settings).expect("sample");
    let second = engine.sample(&prompt, &settings).expect("sample");
    assert_eq!(first, second);
    assert!(first.completion_tokens >= 1 && first.completion_tokens <= 12);
    assert_eq!(first.prompt_tokens, prompt.len());
}

#[test]
fn greedy_reply_starts_with_most_probable_token() {
    let mut engine = engine();
    let messages = messages_of(&prob_cases()[0].prompt);
    let prompt = engine.prompt_tokens(&messages).expect("tokens");
    let scored = engine.score(std::slice::from_ref(&prompt)).expect("score");
    let settings = pactc::embedded::SampleSettings {
        temperature: 0.0,
        top_p: None,
        max_tokens: 1,
        seed: 0,
    };
    let reply = engine.sample(&prompt, &settings).expect("sample");
    assert_eq!(reply.text, scored[0].top[0].0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_answers_concurrent_requests() {
    let path = model_path();
    let model = pactc::model::Model {
        name: "smollm2".to_string(),
        backend: "local".to_string(),
        id: path.display().to_string(),
        base_of: None,
        settings: indexmap::IndexMap::new(),
        defined_at: Default::default(),
    };
    let mut settings = indexmap::IndexMap::new();
    settings.insert("threads".to_string(), pactc::model::Value::Int(2));
    let backend_spec = pactc::model::Backend {
        name: "local".to_string(),
        kind: "embedded".to_string(),
        settings,
        defined_at: Default::default(),
    };
    let backend: Arc<dyn Backend> =
        pactc::embedded::open_backend(&model, &backend_spec).expect("backend opens");
    let description = backend.describe();
    assert_eq!(description["architecture"], "llama");
    assert_eq!(
        description["sha256"],
        registry::find(registry::DEFAULT_MODEL)
            .expect("registered")
            .sha256
    );
    assert_eq!(description["chat_format"]["kind"], "gguf_template");
    let cases = prob_cases();
    let mut tasks = Vec::new();
    for case in cases.iter().take(6) {
        let backend = Arc::clone(&backend);
        let request = Request {
            messages: messages_of(&case.prompt),
            mode: RequestMode::Logprobs,
            sample: 0,
            temperature: 0.0,
            top_p: None,
            max_tokens: 1,
            seed: 0,
        };
        tasks.push(tokio::spawn(async move { backend.complete(request).await }));
    }
    for (task, case) in tasks.into_iter().zip(&cases) {
        let response = task.await.expect("task").expect("response");
        let Reply::Logprobs(probs) = response.reply else {
            panic!("expected log-probabilities, got {:?}", response.reply);
        };
        let p_a = probs.p_a.expect("p_a");
        assert!(
            (p_a - case.p_a).abs() < LLAMA_CPP_TOLERANCE + 0.02,
            "{p_a} vs {}",
            case.p_a
        );
        assert!(response.prompt_tokens.expect("count") > 100);
    }
}
