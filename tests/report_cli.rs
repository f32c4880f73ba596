//! `pactc report` as a command: files written, thresholds, errors and the SVG plots.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/runs")
        .join(name)
}

fn human_answers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/human/answers.csv")
}

fn pactc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pactc"))
        .args(args)
        .output()
        .expect("the pactc binary runs")
}

fn report_into(out: &Path, extra: &[&str]) -> Output {
    let run = fixture("basic");
    let mut args = vec![
        "report",
        run.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--replicates",
        "200",
    ];
    args.extend_from_slice(extra);
    pactc(&args)
}

#[test]
fn report_writes_every_file() {
    let out = tempfile::tempdir().unwrap();
    let human = human_answers();
    let output = report_into(out.path(), &["--human", human.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in [
        "metrics.json",
        "report.md",
        "report.html",
        "rates.csv",
        "order.csv",
        "context.csv",
        "demographics.csv",
        "tests.csv",
        "regression.csv",
        "importance.csv",
        "paired.csv",
        "human_items.csv",
        "alignment.csv",
    ] {
        assert!(out.path().join(name).is_file(), "{name} is missing");
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("| base | samples | 480 |"), "{stdout}");
    let metrics: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("metrics.json")).unwrap())
            .unwrap();
    assert_eq!(metrics["version"], 1);
    assert_eq!(metrics["bootstrap"]["replicates"], 200);
}

#[test]
fn fail_if_exits_one_when_crossed() {
    let out = tempfile::tempdir().unwrap();
    let output = report_into(
        out.path(),
        &["--fail-if", "models.base.overall.allow_rate < 0.5"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("threshold crossed: models.base.overall.allow_rate < 0.5"),
        "{stderr}"
    );
}

#[test]
fn fail_if_exits_zero_when_not_crossed() {
    let out = tempfile::tempdir().unwrap();
    let output = report_into(
        out.path(),
        &[
            "--fail-if",
            "models.base.overall.allow_rate >= 0.9",
            "--fail-if",
            "models.tuned.order.answers_by_position == 1",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn fail_if_flags_position_answerer() {
    let out = tempfile::tempdir().unwrap();
    let run = fixture("position");
    let output = pactc(&[
        "report",
        run.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--fail-if",
        "models.always_a.order.position_bias > 0.9",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("## Findings"), "{stdout}");
    assert!(stdout.contains("always_a answers by position"), "{stdout}");
}

#[test]
fn fail_if_unknown_metric_is_an_error() {
    let out = tempfile::tempdir().unwrap();
    let output = report_into(
        out.path(),
        &["--fail-if", "models.gpt.overall.allow_rate > 0.5"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("metric `models.gpt.overall.allow_rate` not found"),
        "{stderr}"
    );
    assert!(stderr.contains("base, tuned"), "{stderr}");
}

#[test]
fn fail_if_without_operator_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let output = report_into(out.path(), &["--fail-if", "models.base.overall.allow_rate"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no comparison operator"), "{stderr}");
}

#[test]
fn missing_run_directory_is_an_error() {
    let output = pactc(&["report", "/nonexistent/run"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("failed to read /nonexistent/run/spec.json"),
        "{stderr}"
    );
}

#[test]
fn invalid_result_line_names_the_line() {
    let run = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("basic").join("spec.json"),
        run.path().join("spec.json"),
    )
    .unwrap();
    let first = std::fs::read_to_string(fixture("basic").join("results.jsonl")).unwrap();
    let first = first.lines().next().unwrap();
    std::fs::write(
        run.path().join("results.jsonl"),
        format!("{first}\n{{\"cell_id\": 3}}\n"),
    )
    .unwrap();
    let output = pactc(&["report", run.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("results.jsonl at line 2"), "{stderr}");
}

/// Joins the words of an error report, which miette wraps to the terminal width.
fn flat(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .split_whitespace()
        .filter(|word| *word != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes a run directory with the basic fixture's spec and `results` as results.jsonl.
fn run_with_results(results: &str) -> tempfile::TempDir {
    let run = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("basic").join("spec.json"),
        run.path().join("spec.json"),
    )
    .unwrap();
    std::fs::write(run.path().join("results.jsonl"), results).unwrap();
    run
}

#[test]
fn cut_last_line_advises_rerun() {
    let text = std::fs::read_to_string(fixture("basic").join("results.jsonl")).unwrap();
    let first = text.lines().next().unwrap();
    let run = run_with_results(&format!("{first}\n{}", &first[..first.len() / 2]));
    let output = pactc(&["report", run.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = flat(&output.stderr);
    assert!(stderr.contains("line 2: the line is cut short"), "{stderr}");
    assert!(stderr.contains("`pactc run` command again"), "{stderr}");
}

#[test]
fn probability_out_of_range_rejected() {
    let text = std::fs::read_to_string(fixture("basic").join("results.jsonl")).unwrap();
    let mut record: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    record["p_follow"] = serde_json::json!(5.0);
    let run = run_with_results(&format!("{record}\n"));
    let output = pactc(&["report", run.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = flat(&output.stderr);
    assert!(stderr.contains("`p_follow` is 5"), "{stderr}");
    assert!(stderr.contains("line 1"), "{stderr}");
}

/// Returns every `<svg>...</svg>` document embedded in the HTML.
fn svg_documents(html: &str) -> Vec<&str> {
    let mut documents = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..]
            .find("</svg>")
            .expect("every svg element is closed")
            + start
            + 6;
        documents.push(&rest[start..end]);
        rest = &rest[end..];
    }
    documents
}

#[test]
fn html_plots_are_valid_svg() {
    let out = tempfile::tempdir().unwrap();
    let human = human_answers();
    let output = report_into(out.path(), &["--human", human.to_str().unwrap()]);
    assert!(output.status.success());
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(
        !html.contains("src=\"http"),
        "no external images or scripts"
    );
    assert!(!html.contains("href=\"http"), "no external links to assets");
    assert!(!html.contains("<script src"), "no external scripts");
    assert!(!html.contains("<link"), "no external stylesheets");

    let documents = svg_documents(&html);
    assert_eq!(
        documents.len(),
        5,
        "country rates, heat map, demographics, position, scatter"
    );
    for svg in documents {
        let tree = roxmltree::Document::parse(svg).expect("each plot parses as XML");
        let root = tree.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        let shapes = root
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "rect" | "circle" | "line" | "polyline"))
            .count();
        assert!(shapes > 5, "a plot draws shapes, found {shapes}");
        let texts = root
            .descendants()
            .filter(|n| n.tag_name().name() == "text")
            .count();
        assert!(texts > 2, "a plot has labels, found {texts}");
    }
}
