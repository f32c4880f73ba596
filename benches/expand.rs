//! Expansion throughput: builds a synthetic spec of about a million cells, writes every cell
//! as a JSON line, and prints the count, the time and the rate.
//!
//! Run with `cargo bench --bench expand`, or run the built binary under `/usr/bin/time -v`
//! to see its peak memory. `PACTC_BENCH_PAIRS` sets the number of scenario-country pairs
//! (default 16,667, which gives 1,000,020 cells), `PACTC_BENCH_THREADS` the render threads
//! (default: the available parallelism) and `PACTC_BENCH_OUT` the output file (default:
//! discarded).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

use pactc::expand::Expansion;
use pactc::expand::parallel::{default_threads, write_jsonl_parallel};
use pactc::model::{
    Country, Demographic, Evaluation, Factor, Level, Norm, Preference, Read, Role, Sampling,
    Scenario, Spec, Template, TemplateOrigin,
};
use pactc::source::Span;

const COUNTRIES_PER_SCENARIO: usize = 10;

fn main() {
    let pairs: usize = std::env::var("PACTC_BENCH_PAIRS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(16_667);
    let threads: usize = std::env::var("PACTC_BENCH_THREADS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(default_threads);
    let spec = synthetic_spec(pairs);
    let output: Box<dyn Write> = match std::env::var("PACTC_BENCH_OUT") {
        Ok(path) => Box::new(File::create(&path).expect("the output file can be created")),
        Err(_) => Box::new(std::io::sink()),
    };

    let start = Instant::now();
    let expansion = Expansion::new(&spec, "bench").expect("the synthetic spec expands");
    let prepared = start.elapsed();
    let mut out = BufWriter::with_capacity(1 << 20, output);
    let written = write_jsonl_parallel(&expansion, &mut out, threads)
        .expect("cells render")
        .cells;
    out.flush().expect("flushes");
    let seconds = start.elapsed().as_secs_f64();

    println!(
        "expand: {written} cells on {threads} thread(s) in {seconds:.2} s ({:.0} cells/s), \
         of which {:.2} s listing items",
        written as f64 / seconds,
        prepared.as_secs_f64()
    );
}

fn synthetic_spec(pairs: usize) -> Spec {
    let scenarios = pairs.div_ceil(COUNTRIES_PER_SCENARIO);
    let mut spec = Spec::default();
    for index in 0..50 {
        let code = format!("C{index}");
        spec.countries.insert(
            code.clone(),
            Country {
                code,
                name: format!("Country {index}"),
                region: format!("region_{}", index % 5),
                close: vec![],
                far: vec![],
                defined_at: Span::default(),
            },
        );
    }
    for (name, levels) in [
        ("age", ["younger", "older"]),
        ("gender", ["female", "male"]),
    ] {
        spec.demographics.insert(
            name.into(),
            Demographic {
                name: name.into(),
                levels: levels
                    .iter()
                    .map(|level| Level {
                        name: (*level).into(),
                        label: (*level).into(),
                    })
                    .collect(),
                defined_at: Span::default(),
            },
        );
    }
    for (name, builtin) in [
        ("decide", "decide"),
        ("neutral", "system_neutral"),
        ("balancing", "system_balancing"),
    ] {
        spec.templates.insert(
            name.into(),
            Template {
                name: name.into(),
                origin: TemplateOrigin::Builtin(builtin.into()),
                text: pactc::template::builtin(builtin).expect("builtin").into(),
                defined_at: Span::default(),
            },
        );
    }
    let mut remaining = pairs;
    for index in 0..scenarios {
        let count = remaining.min(COUNTRIES_PER_SCENARIO);
        remaining -= count;
        add_scenario(&mut spec, index, count);
    }
    spec.evaluations.insert("bench".into(), bench_evaluation());
    spec
}

fn add_scenario(spec: &mut Spec, index: usize, countries: usize) {
    let norm = format!("norm_{index}");
    let preference = format!("preference_{index}");
    let codes: Vec<String> = (0..countries)
        .map(|offset| format!("C{}", (index + offset) % 50))
        .collect();
    spec.norms.insert(
        norm.clone(),
        Norm {
            name: norm.clone(),
            expectation: format!(
                "Guests take off their shoes before entering a home (custom {index})."
            ),
            holds_in: codes.clone(),
            source: "synthetic".into(),
            defined_at: Span::default(),
        },
    );
    spec.preferences.insert(
        preference.clone(),
        Preference {
            name: preference.clone(),
            text: "keep their shoes on".into(),
            reason: "a foot condition makes standing barefoot painful".into(),
            defined_at: Span::default(),
        },
    );
    let name = format!("scenario_{index}");
    spec.scenarios.insert(
        name.clone(),
        Scenario {
            name,
            kind: "hospitality".into(),
            setting: "{actor} is invited to dinner at the home of {receiver} in {country}.".into(),
            actor_role: "guest".into(),
            receiver_role: "host".into(),
            norm,
            preference,
            follow: "{actor} takes off their shoes at the door.".into(),
            allow: "{actor} keeps their shoes on and explains the condition.".into(),
            countries: codes,
            holder_text: BTreeMap::new(),
            source: None,
            defined_at: Span::default(),
        },
    );
}

fn bench_evaluation() -> Evaluation {
    let persona = |role, demographic: &str| Factor::Persona {
        role,
        demographic: demographic.into(),
    };
    Evaluation {
        name: "bench".into(),
        models: vec![],
        prompts: vec!["decide".into()],
        systems: vec!["neutral".into(), "balancing".into()],
        vary: vec![
            Factor::Holder,
            Factor::Demographics,
            persona(Role::Actor, "age"),
            persona(Role::Actor, "gender"),
            Factor::System,
        ],
        drop: None,
        subset: None,
        read: Read::Logprobs,
        fallback: None,
        sampling: Sampling {
            temperature: 0.0,
            top_p: None,
            max_tokens: 1,
            seed: 0,
        },
        other_mass_max: None,
        max_cells: Some(2_000_000),
        questions: vec![],
        defined_at: Span::default(),
    }
}
