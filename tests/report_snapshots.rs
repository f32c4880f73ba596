//! Snapshots of the Markdown report and of the resampled figures (bootstrap intervals and
//! the split-half ceiling), which depend on the fixed default seed.

use pactc::report::{ReportOptions, write_report};
use serde_json::json;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn write_basic(out: &Path) -> pactc::report::Summary {
    let options = ReportOptions {
        human: Some(root().join("tests/fixtures/human/answers.csv")),
        out: Some(out.to_path_buf()),
        ..ReportOptions::default()
    };
    let run: PathBuf = root().join("tests/fixtures/runs/basic");
    write_report(&[run], &options).expect("the basic fixture reports")
}

#[test]
fn markdown_report_of_basic_run() {
    let out = tempfile::tempdir().unwrap();
    write_basic(out.path());
    let markdown = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    insta::assert_snapshot!("basic_report_md", markdown);
}

#[test]
fn terminal_summary_of_basic_run() {
    let out = tempfile::tempdir().unwrap();
    let summary = write_basic(out.path());
    insta::assert_snapshot!("basic_summary_md", summary.markdown);
}

#[test]
fn resampled_figures_of_basic_run() {
    let out = tempfile::tempdir().unwrap();
    let metrics = write_basic(out.path()).metrics;
    let human = metrics.human.as_ref().unwrap();
    let figures = json!({
        "context": metrics.context.values().map(|c| json!({
            "factor": c.factor,
            "spread_ci": c.spread_ci,
            "deviation_cis": c.deviations.iter().map(|d| (&d.level, d.ci)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "demographics": metrics.demographics.values().map(|d| json!({
            "factor": d.factor,
            "ci": d.ci,
            "per_model": d.per_model.iter().map(|m| (&m.model, m.ci)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "paired": metrics.paired.iter().map(|p| p.difference_ci).collect::<Vec<_>>(),
        "alignment": human.alignment.iter().map(|a| json!({
            "model": a.model,
            "question": a.question,
            "uncertainty": a.uncertainty_correlation.ci,
            "pearson": a.pearson.ci,
            "spearman": a.spearman.ci,
        })).collect::<Vec<_>>(),
        "split_half": human.split_half,
    });
    insta::assert_json_snapshot!("basic_resampled", figures);
}
