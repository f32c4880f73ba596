//! `pactc plan`: writes the runnable plan of a spec and its matrix, or prints their counts.

use miette::{IntoDiagnostic, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::expand::load_spec;
use crate::expand::evaluation_names;
use crate::plan::{self, Plan, PlanRequest};

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The spec to plan: a `.pact` file, or a resolved spec as JSON.
    #[arg(required_unless_present = "print_schema")]
    pub spec: Option<PathBuf>,

    /// Writes the plan to this YAML file, and the matrix beside it as
    /// `NAME.matrix.jsonl`. Without it, only the counts are printed.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Plans only this evaluation (default: every evaluation of the spec).
    #[arg(long = "eval", value_name = "NAME")]
    pub evaluation: Option<String>,

    /// Plans evaluations above their cell bound (`max_cells`, default 1,000,000).
    #[arg(long)]
    pub allow_large: bool,

    /// Prints the item, cell and request counts and the estimates as a table.
    #[arg(long)]
    pub summary: bool,

    /// Prints the JSON Schema of the plan file and exits.
    #[arg(long, conflicts_with_all = ["spec", "output", "summary"])]
    pub print_schema: bool,
}

pub fn run(args: PlanArgs) -> Result<ExitCode> {
    if args.print_schema {
        print!("{}", plan::schema());
        return Ok(ExitCode::SUCCESS);
    }
    let spec_path = args
        .spec
        .clone()
        .expect("clap requires the spec without --print-schema");
    let loaded = load_spec(&spec_path)?;
    let names = evaluation_names(&loaded.spec, args.evaluation.as_deref())?;
    let request = PlanRequest {
        spec: &loaded.spec,
        spec_path: &spec_path,
        files: &loaded.files,
        evaluations: &names,
        allow_large: args.allow_large,
    };

    let (plan, warnings) = match &args.output {
        Some(path) => {
            let output = plan::write(&request, path)?;
            eprintln!(
                "wrote {} and {} ({} cells)",
                path.display(),
                output.matrix_path.display(),
                output.plan.matrix.cells
            );
            (output.plan, output.warnings)
        }
        None => plan::compile(&request, std::io::sink(), String::new())?,
    };
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    if args.summary || args.output.is_none() {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(summary_table(&plan).as_bytes())
            .into_diagnostic()?;
        if args.output.is_none() {
            eprintln!("pass -o plan.yaml to write the plan and its matrix");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Formats the counts and estimates of a plan: one row per evaluation and a total.
pub fn summary_table(plan: &Plan) -> String {
    let header = [
        "evaluation",
        "models",
        "items",
        "cells",
        "requests",
        "prompt tokens (est.)",
        "cost (est.)",
    ];
    let mut rows: Vec<[String; 7]> = Vec::new();
    for evaluation in &plan.evaluations {
        let estimate = &evaluation.estimate;
        rows.push([
            evaluation.name.clone(),
            evaluation.models.len().to_string(),
            evaluation.items.to_string(),
            evaluation.cells.to_string(),
            estimate.requests.to_string(),
            estimate.prompt_tokens.to_string(),
            cost_text(estimate),
        ]);
    }
    let total = &plan.total;
    rows.push([
        "total".into(),
        plan.models.len().to_string(),
        plan.evaluations
            .iter()
            .map(|e| e.items)
            .sum::<u64>()
            .to_string(),
        plan.matrix.cells.to_string(),
        total.requests.to_string(),
        total.prompt_tokens.to_string(),
        cost_text(total),
    ]);

    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].len())
                .chain([header[column].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut table = String::new();
    let mut push_row = |cells: Vec<&str>| {
        let line: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(column, (cell, width))| match column {
                0 => format!("{cell:<width$}"),
                _ => format!("{cell:>width$}"),
            })
            .collect();
        table.push_str(line.join("  ").trim_end());
        table.push('\n');
    };
    push_row(header.to_vec());
    for row in &rows {
        push_row(row.iter().map(String::as_str).collect());
    }
    if !total.unpriced_models.is_empty() {
        table.push_str(&format!(
            "cost leaves out models without a price: {}\n",
            total.unpriced_models.join(", ")
        ));
    }
    table
}

fn cost_text(estimate: &plan::Estimate) -> String {
    match estimate.cost {
        Some(cost) => format!("{cost:.2}"),
        None => "-".into(),
    }
}
