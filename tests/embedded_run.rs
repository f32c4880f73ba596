//! `pactc run` end to end with the embedded backend on the default model.

mod run_support;

use run_support::{cells, results, spec, write_bundle};
use serde_json::json;
use std::process::Command;

use pactc::embedded::registry;

#[test]
fn run_scores_every_cell_with_embedded_model() {
    let model = registry::find(registry::DEFAULT_MODEL).expect("default model is registered");
    let path = registry::ensure(model).expect("the default model can be fetched");
    let mut spec = spec(
        json!({"kind": "embedded", "threads": 2}),
        json!({"method": "logprobs"}),
        None,
    );
    spec.models.get_mut("m").expect("test model").id = path.display().to_string();
    let folder = tempfile::tempdir().expect("temporary folder");
    let bundle = write_bundle(folder.path(), "embedded", &spec, &cells(4));
    let runs = folder.path().join("runs");

    let output = Command::new(env!("CARGO_BIN_EXE_pactc"))
        .arg("run")
        .arg(&bundle)
        .arg("--runs-dir")
        .arg(&runs)
        .args(["--name", "r", "--no-progress"])
        .env_remove("PACTC_LOG")
        .output()
        .expect("pactc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "pactc run failed: {stderr}");

    let records = results(&runs.join("r"));
    assert_eq!(records.len(), 4, "{records:?}");
    for record in &records {
        let p_follow = record["p_follow"].as_f64().expect("p_follow is a number");
        assert!((0.0..=1.0).contains(&p_follow), "{record}");
        let other = record["other_mass"]
            .as_f64()
            .expect("other_mass is a number");
        assert!(other > 0.0 && other < 1.0, "{record}");
    }
}

#[test]
fn misspelled_setting_is_rejected() {
    let spec = spec(
        json!({"kind": "embedded", "bacth": 4}),
        json!({"method": "logprobs"}),
        None,
    );
    let folder = tempfile::tempdir().expect("temporary folder");
    let bundle = write_bundle(folder.path(), "typo", &spec, &cells(1));
    let output = Command::new(env!("CARGO_BIN_EXE_pactc"))
        .arg("run")
        .arg(&bundle)
        .arg("--runs-dir")
        .arg(folder.path().join("runs"))
        .arg("--no-progress")
        .env_remove("PACTC_LOG")
        .output()
        .expect("pactc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("unknown setting `bacth`"), "{stderr}");
    assert!(stderr.contains("did you mean `batch`?"), "{stderr}");
}
