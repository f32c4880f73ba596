//! `pactc expand` and `pactc plan` run as a built binary on a resolved spec saved as JSON.

mod matrix_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Workspace {
    folder: tempfile::TempDir,
}

impl Workspace {
    fn new(spec: &pactc::model::Spec) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let json = serde_json::to_string(spec).expect("spec serializes");
        std::fs::write(folder.path().join("spec.json"), json).expect("spec writes");
        Workspace { folder }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.folder.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pactc"))
            .args(args)
            .current_dir(self.folder.path())
            .output()
            .expect("pactc runs")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .expect("reads")
        .lines()
        .count()
}

#[test]
fn expand_limit_text() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&[
        "expand",
        "spec.json",
        "--eval",
        "quick",
        "--limit",
        "3",
        "--format",
        "text",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_eq!(stdout.matches("=== cell").count(), 3, "{stdout}");
    assert!(
        stdout.contains("Answer with the letter A or B only."),
        "{stdout}"
    );
}

#[test]
fn expand_jsonl_to_file() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["expand", "spec.json", "-o", "cells.jsonl"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(lines(&workspace.path("cells.jsonl")), 180 + 6);
    assert!(
        text(&output.stderr).contains("wrote 186 rows"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn expand_defaults_to_jsonl_in_pipe() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["expand", "spec.json", "--eval", "small"]);
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 6);
    for line in stdout.lines() {
        let cell: pactc::cell::Cell = serde_json::from_str(line).expect("each line is a cell");
        assert_eq!(cell.evaluation, "small");
    }
}

#[test]
fn expand_csv_header() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["expand", "spec.json", "--eval", "small", "--format", "csv"]);
    let stdout = text(&output.stdout);
    let header = stdout.lines().next().expect("a header");
    assert!(
        header.starts_with("cell_id,item_id,evaluation,scenario"),
        "{header}"
    );
    assert!(
        header.contains("actor.age,actor.gender,receiver.age,receiver.gender"),
        "{header}"
    );
}

#[test]
fn expand_questionnaire_csv() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&[
        "expand",
        "spec.json",
        "--eval",
        "small",
        "--questionnaire",
        "-o",
        "survey.csv",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mut reader = csv::Reader::from_path(workspace.path("survey.csv")).expect("CSV");
    assert_eq!(reader.records().count(), 3 * 2 * 2);
}

#[test]
fn expand_size_guard_fails() {
    let mut spec = matrix_support::spec();
    spec.evaluations["quick"].max_cells = Some(50);
    let workspace = Workspace::new(&spec);
    let output = workspace.run(&[
        "expand",
        "spec.json",
        "--eval",
        "quick",
        "-o",
        "cells.jsonl",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("180 cells, above the limit of 50"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-large"), "{stderr}");
    let allowed = workspace.run(&[
        "expand",
        "spec.json",
        "--eval",
        "quick",
        "-o",
        "cells.jsonl",
        "--allow-large",
    ]);
    assert!(allowed.status.success(), "{}", text(&allowed.stderr));
}

#[test]
fn expand_unknown_evaluation() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["expand", "spec.json", "--eval", "quik"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("evaluation `quik` is not defined"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `quick`?"), "{stderr}");
}

#[test]
fn expand_missing_spec() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["expand", "absent.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("failed to read the spec absent.json"));
}

#[test]
fn plan_writes_and_verifies() {
    let spec = matrix_support::spec();
    let workspace = Workspace::new(&spec);
    let output = workspace.run(&["plan", "spec.json", "-o", "plan.yaml", "--summary"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("evaluation"), "{stdout}");
    assert!(stdout.contains("total"), "{stdout}");
    let plan_path = workspace.path("plan.yaml");
    let plan = pactc::plan::load(&plan_path).expect("plan loads");
    assert_eq!(plan.matrix.cells, 186);
    pactc::plan::verify_matrix(&plan, &plan_path, &spec).expect("matrix matches");
}

#[test]
fn plan_without_output_summarizes() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["plan", "spec.json", "--eval", "small"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    insta::assert_snapshot!(stdout);
    assert!(!workspace.path("plan.yaml").exists());
}

#[test]
fn plan_prints_schema() {
    let workspace = Workspace::new(&matrix_support::spec());
    let output = workspace.run(&["plan", "--print-schema"]);
    let shipped = std::fs::read_to_string("schema/plan.schema.json").expect("schema");
    assert_eq!(text(&output.stdout), shipped);
}
