use super::*;
use crate::model::*;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn resolve_text(text: &str) -> Result<Loaded, Diagnostics> {
    load_text(Path::new("inline.pact"), text)
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match resolve_text(text) {
        Ok(_) => panic!("expected errors"),
        Err(diagnostics) => diagnostics
            .list
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect(),
    }
}

const BASE: &str = r#"
region east_asia { name: "East Asia" }
country JP { name: "Japan", region: east_asia }
country KR { name: "South Korea", region: east_asia }
norm remove_shoes { expectation: "Shoes off.", holds_in: [JP] }
preference keep_shoes_on { text: "keep their shoes on", reason: "a foot condition" }
scenario host_home {
  type: hospitality
  setting: "{actor} visits {receiver}."
  actor: guest
  receiver: host
  norm: remove_shoes
  preference: keep_shoes_on
  follow: "Take them off."
  allow: "Keep them on."
}
"#;

#[test]
fn language_examples_resolve() {
    let (spec, _, warnings) = load(&fixture("ok/language_examples.pact")).expect("resolves");
    assert!(warnings.is_empty(), "{warnings:#?}");
    let scenario = &spec.scenarios["host_home"];
    assert_eq!(scenario.countries, ["JP", "KR"]);
    assert_eq!(scenario.holder_text.len(), 1);
    let evaluation = &spec.evaluations["quick"];
    assert_eq!(evaluation.subset, Some(Subset { items: 40, seed: 7 }));
    assert_eq!(evaluation.fallback, Some(Read::Samples { n: 5 }));
    assert_eq!(evaluation.sampling.seed, 3);
    assert_eq!(
        spec.preferences["keep_shoes_on"].reason,
        "a foot condition makes standing barefoot painful,\nand the \"house slippers\" do not fit"
    );
    assert_eq!(
        spec.templates["neutral"].origin,
        TemplateOrigin::Builtin("system_neutral".into())
    );
    assert_eq!(spec.demographics["age"].levels[0].label, "young");
}

#[test]
fn defaults_fill_in() {
    let text = format!("{BASE}\nevaluation quick {{}}\n");
    let (spec, _, _) = resolve_text(&text).expect("resolves");
    let evaluation = &spec.evaluations["quick"];
    assert_eq!(evaluation.models, ["smollm2"]);
    assert_eq!(evaluation.prompts, ["decide"]);
    assert_eq!(evaluation.systems, ["neutral"]);
    assert_eq!(evaluation.questions, ["human_personal", "human_norm"]);
    assert_eq!(evaluation.read, Read::Logprobs);
    assert_eq!(
        evaluation.sampling,
        Sampling {
            temperature: 0.0,
            top_p: None,
            max_tokens: 8,
            seed: 0
        }
    );
    assert_eq!(spec.models["smollm2"].id, "smollm2-135m-instruct");
    assert_eq!(spec.backends["embedded"].kind, "embedded");
    for name in ["decide", "neutral", "human_personal", "human_norm"] {
        assert!(spec.templates.contains_key(name), "template {name}");
    }
    assert_eq!(spec.scenarios["host_home"].countries, ["JP"]);
}

#[test]
fn spec_without_models_gets_builtin_model() {
    let (spec, _, _) = resolve_text(BASE).expect("resolves");
    assert_eq!(spec.models.len(), 1);
    assert_eq!(spec.models["smollm2"].backend, "embedded");
}

#[test]
fn misspelled_norm_suggests_name() {
    let text = BASE.replace("norm: remove_shoes", "norm: remove_shoe");
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::UnknownReference);
    assert_eq!(
        errors[0].help.as_deref(),
        Some("did you mean `remove_shoes`?")
    );
}

#[test]
fn preference_where_norm_expected() {
    let text = BASE.replace("norm: remove_shoes", "norm: keep_shoes_on");
    let errors = errors(&text);
    assert_eq!(errors[0].code, Code::WrongKind);
    assert_eq!(errors[0].secondary.len(), 1);
}

#[test]
fn scenario_country_outside_norm() {
    let text = BASE.replace(
        "allow: \"Keep them on.\"",
        "allow: \"Keep them on.\"\n  countries: [KR]",
    );
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::NormNotHeld);
}

#[test]
fn unknown_placeholder_is_an_error() {
    let text = BASE.replace("{receiver}.", "{reciever}.");
    let errors = errors(&text);
    assert_eq!(errors[0].code, Code::UnknownPlaceholder);
    assert_eq!(
        errors[0].help.as_deref(),
        Some("did you mean `{receiver}`?")
    );
}

#[test]
fn all_errors_are_reported_together() {
    let text = BASE
        .replace("norm: remove_shoes", "norm: nope")
        .replace("preference: keep_shoes_on", "preference: nada")
        .replace("holds_in: [JP]", "holds_in: []");
    assert_eq!(errors(&text).len(), 3);
}

#[test]
fn layout_does_not_change_the_spec() {
    let compact = BASE.replace('\n', " ").replace("  ", " ");
    let (spread, _, _) = resolve_text(BASE).expect("resolves");
    let (dense, _, _) = resolve_text(&compact).expect("resolves");
    let json = |spec: &Spec| serde_json::to_string(spec).expect("spec serializes");
    assert_eq!(json(&spread), json(&dense));
}
