//! Plans: writing, the shipped schema, loading hand-edited plans, and matrix verification.

mod matrix_support;

use sha2::Digest;
use std::path::{Path, PathBuf};

use pactc::model::{Read, Spec};
use pactc::plan::{self, Plan, PlanError, PlanRequest};

const SPEC_TEXT: &str = "// the spec's text stands in for the source files\n";

struct Written {
    _folder: tempfile::TempDir,
    plan_path: PathBuf,
    output: plan::PlanOutput,
}

fn fixture() -> Spec {
    let mut spec = matrix_support::spec();
    spec.evaluations["small"].models = vec!["smollm2".into(), "llama".into()];
    spec.evaluations["small"].read = Read::Samples { n: 3 };
    spec
}

fn files() -> Vec<(PathBuf, String)> {
    vec![(PathBuf::from("specs/pact.pact"), SPEC_TEXT.to_string())]
}

fn write(spec: &Spec) -> Written {
    let folder = tempfile::tempdir().expect("temporary folder");
    let plan_path = folder.path().join("plan.yaml");
    let names: Vec<String> = spec.evaluations.keys().cloned().collect();
    let files = files();
    let request = PlanRequest {
        spec,
        spec_path: Path::new("specs/pact.pact"),
        files: &files,
        evaluations: &names,
        allow_large: false,
    };
    let output = plan::write(&request, &plan_path).expect("plan writes");
    Written {
        _folder: folder,
        plan_path,
        output,
    }
}

fn edit_plan(written: &Written, from: &str, to: &str) {
    let text = std::fs::read_to_string(&written.plan_path).expect("plan reads");
    assert!(text.contains(from), "the plan contains {from:?}");
    std::fs::write(&written.plan_path, text.replacen(from, to, 1)).expect("plan writes");
}

#[test]
fn plan_snapshot() {
    let written = write(&fixture());
    let text = std::fs::read_to_string(&written.plan_path).expect("plan reads");
    let version = format!("pactc {}", env!("CARGO_PKG_VERSION"));
    insta::assert_snapshot!(text.replace(&version, "pactc [version]"));
}

#[test]
fn shipped_schema_matches_types() {
    let shipped = std::fs::read_to_string("schema/plan.schema.json").expect("schema is shipped");
    assert_eq!(
        shipped,
        plan::schema(),
        "regenerate with `pactc plan --print-schema > schema/plan.schema.json`"
    );
}

#[test]
fn written_plan_loads() {
    let written = write(&fixture());
    let loaded = plan::load(&written.plan_path).expect("plan loads");
    assert_eq!(loaded, written.output.plan);
}

#[test]
fn matrix_beside_plan() {
    let written = write(&fixture());
    let matrix = written.plan_path.with_file_name("plan.matrix.jsonl");
    assert_eq!(written.output.matrix_path, matrix);
    let lines = std::fs::read_to_string(&matrix)
        .expect("matrix reads")
        .lines()
        .count();
    assert_eq!(lines as u64, written.output.plan.matrix.cells);
    assert_eq!(lines, 180 + 6);
}

#[test]
fn secrets_left_out() {
    let written = write(&fixture());
    let text = std::fs::read_to_string(&written.plan_path).expect("plan reads");
    assert!(!text.contains("must-not-appear"));
    assert!(text.contains("api_key_env: VLLM_API_KEY"));
    assert_eq!(
        written.output.warnings.len(),
        1,
        "{:?}",
        written.output.warnings
    );
}

#[test]
fn counts_and_estimates() {
    let plan = write(&fixture()).output.plan;
    let small = &plan.evaluations[1];
    assert_eq!(small.name, "small");
    assert_eq!((small.items, small.cells), (3, 6));
    // Two models, three samples per cell.
    assert_eq!(small.estimate.requests, 6 * 2 * 3);
    assert_eq!(small.estimate.completion_tokens, 36 * 8);
    let llama = &small.per_model[1];
    let expected = (llama.prompt_tokens as f64 * 0.2 + llama.completion_tokens as f64 * 0.6) / 1e6;
    assert_eq!(llama.cost, Some(expected));
    assert_eq!(small.estimate.cost, Some(expected));
    assert_eq!(small.estimate.unpriced_models, vec!["smollm2".to_string()]);
    let quick = &plan.evaluations[0];
    assert_eq!(quick.estimate.requests, 180);
    assert!(
        quick.estimate.prompt_tokens > 180 * 50,
        "{}",
        quick.estimate.prompt_tokens
    );
    assert_eq!(plan.total.requests, 180 + 36);
}

#[test]
fn unknown_field_names_path() {
    let written = write(&fixture());
    edit_plan(&written, "  temperature: 0.0", "  temprature: 0.0");
    let error = plan::load(&written.plan_path).expect_err("rejected");
    let message = error.to_string();
    assert!(message.contains("evaluations[0].sampling"), "{message}");
    assert!(message.contains("temprature"), "{message}");
    assert!(message.contains("line "), "{message}");
}

#[test]
fn wrong_type_names_path() {
    let written = write(&fixture());
    edit_plan(&written, "max_tokens: 8", "max_tokens: eight");
    let message = plan::load(&written.plan_path)
        .expect_err("rejected")
        .to_string();
    assert!(
        message.contains("evaluations[0].sampling.max_tokens"),
        "{message}"
    );
}

#[test]
fn unsupported_version_rejected() {
    let written = write(&fixture());
    edit_plan(&written, "format_version: 1", "format_version: 9");
    let message = plan::load(&written.plan_path)
        .expect_err("rejected")
        .to_string();
    assert!(message.contains("`format_version` is 9"), "{message}");
}

#[test]
fn problems_listed_together() {
    let written = write(&fixture());
    edit_plan(&written, "backend: vllm", "backend: vlm");
    edit_plan(&written, "temperature: 0.0", "temperature: -1.0");
    let error = plan::load(&written.plan_path).expect_err("rejected");
    let PlanError::Invalid { problems, .. } = error else {
        panic!("unexpected error: {error}");
    };
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("`vlm`"), "{problems:?}");
    assert!(problems[1].contains("temperature"), "{problems:?}");
}

#[test]
fn sampling_bounds_match_spec_checker() {
    let written = write(&fixture());
    edit_plan(&written, "temperature: 0.0", "temperature: 7.5");
    let message = plan::load(&written.plan_path)
        .expect_err("rejected")
        .to_string();
    assert!(message.contains("temperature` is 7.5"), "{message}");
    assert!(message.contains("from 0 to 2"), "{message}");
}

#[test]
fn secret_in_plan_rejected() {
    let written = write(&fixture());
    edit_plan(&written, "api_key_env: VLLM_API_KEY", "api_key: sk-live");
    let message = plan::load(&written.plan_path)
        .expect_err("rejected")
        .to_string();
    assert!(message.contains("looks like a secret"), "{message}");
}

#[test]
fn matrix_verifies() {
    let spec = fixture();
    let written = write(&spec);
    let plan: Plan = plan::load(&written.plan_path).expect("plan loads");
    plan::verify_matrix(&plan, &written.plan_path, &spec).expect("matrix matches");
}

#[test]
fn edited_matrix_rejected() {
    let spec = fixture();
    let written = write(&spec);
    let matrix = &written.output.matrix_path;
    let text = std::fs::read_to_string(matrix).expect("matrix reads");
    std::fs::write(matrix, text.replacen("guest", "visitor", 1)).expect("matrix writes");
    let error =
        plan::verify_matrix(&written.output.plan, &written.plan_path, &spec).expect_err("rejected");
    assert!(error.to_string().contains("SHA-256"), "{error}");
}

#[test]
fn edited_prompt_with_old_id_rejected() {
    let spec = fixture();
    let mut written = write(&spec);
    let matrix = written.output.matrix_path.clone();
    let text = std::fs::read_to_string(&matrix).expect("matrix reads");
    let edited = text.replacen("guest", "visitor", 1);
    std::fs::write(&matrix, &edited).expect("matrix writes");
    // The plan records the new checksum, as a careful hand edit would.
    let sha256 = hex::encode(sha2::Sha256::digest(edited.as_bytes()));
    written.output.plan.matrix.sha256 = sha256;
    let error =
        plan::verify_matrix(&written.output.plan, &written.plan_path, &spec).expect_err("rejected");
    let message = error.to_string();
    assert!(message.contains("line 1"), "{message}");
    assert!(
        message.contains("differs from the spec's expansion in `messages`"),
        "{message}"
    );
}

#[test]
fn edited_spec_rejected() {
    let spec = fixture();
    let written = write(&spec);
    let mut edited = spec.clone();
    edited.scenarios["restaurant_bill"].follow = "{actor} tips well.".into();
    let error = plan::verify_matrix(&written.output.plan, &written.plan_path, &edited)
        .expect_err("rejected");
    let message = error.to_string();
    assert!(message.contains("but the spec gives cell"), "{message}");
}

#[test]
fn spec_hash_checked() {
    let written = write(&fixture());
    let plan = &written.output.plan;
    let spec_path = Path::new("specs/pact.pact");
    plan::check_spec_hash(plan, spec_path, &files()).expect("same files");
    let changed = vec![(PathBuf::from("specs/pact.pact"), "changed".to_string())];
    assert!(plan::check_spec_hash(plan, spec_path, &changed).is_err());
}

#[test]
fn size_guard_stops_plan() {
    let mut spec = fixture();
    spec.evaluations["quick"].max_cells = Some(10);
    let folder = tempfile::tempdir().expect("temporary folder");
    let plan_path = folder.path().join("plan.yaml");
    let names = vec!["quick".to_string()];
    let files = files();
    let request = PlanRequest {
        spec: &spec,
        spec_path: Path::new("specs/pact.pact"),
        files: &files,
        evaluations: &names,
        allow_large: false,
    };
    let error = plan::write(&request, &plan_path).expect_err("too large");
    assert!(error.to_string().contains("180 cells"), "{error}");
    assert!(!plan_path.exists());
    assert!(!folder.path().join("plan.matrix.jsonl").exists());
    assert!(!folder.path().join("plan.matrix.jsonl.tmp").exists());
}

#[test]
fn edited_vary_rejected() {
    let spec = fixture();
    let written = write(&spec);
    edit_plan(&written, "  - actor.gender\n", "");
    let plan = plan::load(&written.plan_path).expect("still a valid plan");
    let error = plan::verify_matrix(&plan, &written.plan_path, &spec).expect_err("rejected");
    assert!(error.to_string().contains("`vary`"), "{error}");
}
