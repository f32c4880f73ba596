//! A small spec built in Rust, shared by the matrix and plan tests.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use indexmap::IndexMap;
use std::collections::BTreeMap;

use pactc::model::{
    Backend, Country, Demographic, Evaluation, Factor, Holder, Level, Model, Norm, Preference,
    Read, Region, Role, Sampling, Scenario, Spec, Template, TemplateOrigin, Value,
};
use pactc::source::Span;

fn keyed<T>(entries: Vec<(&str, T)>) -> IndexMap<String, T> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

pub fn builtin_template(name: &str, builtin: &str) -> Template {
    Template {
        name: name.into(),
        origin: TemplateOrigin::Builtin(builtin.into()),
        text: pactc::template::builtin(builtin)
            .expect("builtin exists")
            .into(),
        defined_at: Span::default(),
    }
}

pub fn file_template(name: &str, text: &str) -> Template {
    Template {
        name: name.into(),
        origin: TemplateOrigin::File(format!("templates/{name}.j2").into()),
        text: text.into(),
        defined_at: Span::default(),
    }
}

fn country(code: &str, name: &str, region: &str) -> Country {
    Country {
        code: code.into(),
        name: name.into(),
        region: region.into(),
        close: vec![],
        far: vec![],
        defined_at: Span::default(),
    }
}

fn demographic(name: &str, levels: &[(&str, &str)]) -> Demographic {
    Demographic {
        name: name.into(),
        levels: levels
            .iter()
            .map(|(name, label)| Level {
                name: (*name).into(),
                label: (*label).into(),
            })
            .collect(),
        defined_at: Span::default(),
    }
}

fn persona(role: Role, demographic: &str) -> Factor {
    Factor::Persona {
        role,
        demographic: demographic.into(),
    }
}

pub fn evaluation(name: &str, vary: Vec<Factor>) -> Evaluation {
    Evaluation {
        name: name.into(),
        models: vec!["smollm2".into()],
        prompts: vec!["decide".into()],
        systems: vec!["neutral".into(), "balancing".into()],
        vary,
        drop: None,
        subset: None,
        read: Read::Logprobs,
        fallback: None,
        sampling: Sampling {
            temperature: 0.0,
            top_p: None,
            max_tokens: 8,
            seed: 7,
        },
        other_mass_max: None,
        max_cells: None,
        questions: vec!["human_personal".into(), "human_norm".into()],
        defined_at: Span::default(),
    }
}

/// Two scenarios in three countries; `small` varies nothing, `quick` varies the holder,
/// demographics shown or hidden, the actor's age and gender, and the system prompt.
pub fn spec() -> Spec {
    let quick = evaluation(
        "quick",
        vec![
            Factor::Country,
            Factor::Holder,
            Factor::Demographics,
            persona(Role::Actor, "age"),
            persona(Role::Actor, "gender"),
            Factor::System,
            Factor::Order,
        ],
    );
    let small = evaluation("small", vec![]);
    Spec {
        regions: keyed(vec![
            (
                "east_asia",
                Region {
                    name: "east_asia".into(),
                    label: "East Asia".into(),
                    defined_at: Span::default(),
                },
            ),
            (
                "north_america",
                Region {
                    name: "north_america".into(),
                    label: "North America".into(),
                    defined_at: Span::default(),
                },
            ),
        ]),
        countries: keyed(vec![
            ("JP", country("JP", "Japan", "east_asia")),
            ("KR", country("KR", "South Korea", "east_asia")),
            ("US", country("US", "the United States", "north_america")),
        ]),
        norms: keyed(vec![
            (
                "remove_shoes",
                Norm {
                    name: "remove_shoes".into(),
                    expectation: "Guests take off their shoes before entering a home.".into(),
                    holds_in: vec!["JP".into(), "KR".into()],
                    source: "Cultural Atlas".into(),
                    defined_at: Span::default(),
                },
            ),
            (
                "tip_servers",
                Norm {
                    name: "tip_servers".into(),
                    expectation: "Diners leave a tip of about 20 percent.".into(),
                    holds_in: vec!["US".into()],
                    source: "Cultural Atlas".into(),
                    defined_at: Span::default(),
                },
            ),
        ]),
        preferences: keyed(vec![
            (
                "keep_shoes_on",
                Preference {
                    name: "keep_shoes_on".into(),
                    text: "keep their shoes on".into(),
                    reason: "a foot condition makes standing barefoot painful".into(),
                    defined_at: Span::default(),
                },
            ),
            (
                "no_tip",
                Preference {
                    name: "no_tip".into(),
                    text: "leave no tip".into(),
                    reason: "the service charge is already on the bill".into(),
                    defined_at: Span::default(),
                },
            ),
        ]),
        demographics: keyed(vec![
            (
                "age",
                demographic("age", &[("younger", "young"), ("older", "older")]),
            ),
            (
                "gender",
                demographic("gender", &[("female", "female"), ("male", "male")]),
            ),
        ]),
        scenarios: keyed(vec![
            (
                "host_home",
                Scenario {
                    name: "host_home".into(),
                    kind: "hospitality".into(),
                    setting: "{actor} is invited to dinner at the home of {receiver} in {country}."
                        .into(),
                    actor_role: "guest".into(),
                    receiver_role: "host".into(),
                    norm: "remove_shoes".into(),
                    preference: "keep_shoes_on".into(),
                    follow: "{actor} takes off their shoes at the door.".into(),
                    allow: "{actor} keeps their shoes on and explains the condition.".into(),
                    countries: vec!["JP".into(), "KR".into()],
                    holder_text: BTreeMap::from([(
                        Holder::Both,
                        "Both {actor} and {receiver} would rather keep shoes on tonight.".into(),
                    )]),
                    source: Some("adapted from NormAd".into()),
                    defined_at: Span::default(),
                },
            ),
            (
                "restaurant_bill",
                Scenario {
                    name: "restaurant_bill".into(),
                    kind: "dining".into(),
                    setting: "{actor} pays the bill that {receiver} brings in {country}.".into(),
                    actor_role: "diner".into(),
                    receiver_role: "server".into(),
                    norm: "tip_servers".into(),
                    preference: "no_tip".into(),
                    follow: "{actor} adds a tip of 20 percent.".into(),
                    allow: "{actor} pays the bill without a tip.".into(),
                    countries: vec!["US".into()],
                    holder_text: BTreeMap::new(),
                    source: None,
                    defined_at: Span::default(),
                },
            ),
        ]),
        templates: keyed(vec![
            ("decide", builtin_template("decide", "decide")),
            ("neutral", builtin_template("neutral", "system_neutral")),
            (
                "balancing",
                builtin_template("balancing", "system_balancing"),
            ),
            (
                "human_personal",
                builtin_template("human_personal", "human_personal"),
            ),
            ("human_norm", builtin_template("human_norm", "human_norm")),
        ]),
        constraints: IndexMap::new(),
        backends: keyed(vec![
            (
                "local",
                Backend {
                    name: "local".into(),
                    kind: "embedded".into(),
                    settings: keyed(vec![("threads", Value::Int(2))]),
                    defined_at: Span::default(),
                },
            ),
            (
                "vllm",
                Backend {
                    name: "vllm".into(),
                    kind: "openai".into(),
                    settings: keyed(vec![
                        ("base_url", Value::String("http://127.0.0.1:8000/v1".into())),
                        ("api_key_env", Value::String("VLLM_API_KEY".into())),
                        ("api_key", Value::String("must-not-appear".into())),
                    ]),
                    defined_at: Span::default(),
                },
            ),
        ]),
        models: keyed(vec![
            (
                "smollm2",
                Model {
                    name: "smollm2".into(),
                    backend: "local".into(),
                    id: "smollm2-135m-instruct".into(),
                    base_of: None,
                    settings: IndexMap::new(),
                    defined_at: Span::default(),
                },
            ),
            (
                "llama",
                Model {
                    name: "llama".into(),
                    backend: "vllm".into(),
                    id: "meta-llama/Llama-3.1-8B-Instruct".into(),
                    base_of: None,
                    settings: keyed(vec![
                        ("price_input", Value::Float(0.2)),
                        ("price_output", Value::Float(0.6)),
                    ]),
                    defined_at: Span::default(),
                },
            ),
        ]),
        evaluations: keyed(vec![("quick", quick), ("small", small)]),
    }
}
