//! Reading a plan back, possibly edited by hand, and validating it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::build::is_secret_key;
use super::{FORMAT_VERSION, Plan, ReadMethod};
use crate::expand::ExpandError;
use crate::resolve::{MAX_SAMPLES, MAX_TEMPERATURE};

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum PlanError {
    #[error("failed to access {}: {source}", path.display())]
    #[diagnostic(code(pactc::plan::io))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{} is not a valid plan: {message}", path.display())]
    #[diagnostic(
        code(pactc::plan::syntax),
        help(
            "the plan format is described by schema/plan.schema.json; write a fresh plan with `pactc plan`"
        )
    )]
    Syntax { path: PathBuf, message: String },

    #[error("{} is not a valid plan:\n{}", path.display(), problems.join("\n"))]
    #[diagnostic(
        code(pactc::plan::invalid),
        help("fix the listed fields, or write a fresh plan with `pactc plan`")
    )]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },

    #[error("evaluation `{evaluation}` uses model `{model}`, which is not defined")]
    #[diagnostic(
        code(pactc::plan::unknown_model),
        help("declare the model or remove it from the evaluation")
    )]
    UnknownModel { evaluation: String, model: String },

    #[error("model `{model}` has an invalid price: {message}")]
    #[diagnostic(
        code(pactc::plan::price),
        help("set both `price_input` and `price_output`, in currency units per million tokens")
    )]
    Price { model: String, message: String },

    #[error("the matrix {} does not match the plan: {message}", path.display())]
    #[diagnostic(
        code(pactc::plan::matrix_mismatch),
        help(
            "the spec or the matrix changed since the plan was written; write a fresh plan with `pactc plan`"
        )
    )]
    MatrixMismatch { path: PathBuf, message: String },

    #[error("the spec does not match the plan: {message}")]
    #[diagnostic(
        code(pactc::plan::spec_mismatch),
        help("write a fresh plan from the current spec with `pactc plan`")
    )]
    SpecMismatch { message: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Expand(#[from] ExpandError),
}

impl PlanError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        PlanError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Reads and validates a plan file. Errors name the field path and, for YAML errors, the
/// line and column; every semantic problem is listed at once.
pub fn load(path: &Path) -> Result<Plan, PlanError> {
    let text = std::fs::read_to_string(path).map_err(|error| PlanError::io(path, error))?;
    let deserializer = serde_yaml::Deserializer::from_str(&text);
    let plan: Plan = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let field = error.path().to_string();
        let inner = error.into_inner();
        let location = inner
            .location()
            .map(|at| format!(" (line {}, column {})", at.line(), at.column()))
            .unwrap_or_default();
        let message = if field == "." {
            format!("{inner}{location}")
        } else {
            format!("at `{field}`{location}: {inner}")
        };
        PlanError::Syntax {
            path: path.to_path_buf(),
            message,
        }
    })?;
    let problems = problems(&plan);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// Lists every inconsistency in a plan that its types alone do not rule out.
pub fn problems(plan: &Plan) -> Vec<String> {
    let mut problems = Vec::new();
    if plan.format_version != FORMAT_VERSION {
        problems.push(format!(
            "- `format_version` is {}, but this pactc reads version {FORMAT_VERSION}",
            plan.format_version
        ));
    }
    check_hex("spec.sha256", &plan.spec.sha256, &mut problems);
    check_hex("matrix.sha256", &plan.matrix.sha256, &mut problems);
    if plan.matrix.path.is_empty() {
        problems.push("- `matrix.path` is empty".into());
    }
    check_references(plan, &mut problems);
    check_settings(plan, &mut problems);
    for (index, evaluation) in plan.evaluations.iter().enumerate() {
        check_evaluation(index, evaluation, &mut problems);
    }
    let cells: u64 = plan.evaluations.iter().map(|e| e.cells).sum();
    if cells != plan.matrix.cells {
        problems.push(format!(
            "- `matrix.cells` is {}, but the evaluations add up to {cells}",
            plan.matrix.cells
        ));
    }
    problems
}

fn check_hex(field: &str, value: &str, problems: &mut Vec<String>) {
    let valid = value.len() == 64
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !valid {
        problems.push(format!(
            "- `{field}` is `{value}`, not 64 lower-case hex digits"
        ));
    }
}

fn check_references(plan: &Plan, problems: &mut Vec<String>) {
    let backends: BTreeSet<&str> = plan.backends.iter().map(|b| b.name.as_str()).collect();
    let models: BTreeSet<&str> = plan.models.iter().map(|m| m.name.as_str()).collect();
    for (index, model) in plan.models.iter().enumerate() {
        if !backends.contains(model.backend.as_str()) {
            problems.push(format!(
                "- `models[{index}].backend` is `{}`, which is not in `backends`",
                model.backend
            ));
        }
    }
    for (index, evaluation) in plan.evaluations.iter().enumerate() {
        for model in &evaluation.models {
            if !models.contains(model.as_str()) {
                problems.push(format!(
                    "- `evaluations[{index}].models` names `{model}`, which is not in `models`"
                ));
            }
        }
    }
}

fn check_settings(plan: &Plan, problems: &mut Vec<String>) {
    let backend_settings = plan
        .backends
        .iter()
        .enumerate()
        .map(|(i, b)| (format!("backends[{i}]"), &b.settings));
    let model_settings = plan
        .models
        .iter()
        .enumerate()
        .map(|(i, m)| (format!("models[{i}]"), &m.settings));
    for (owner, settings) in backend_settings.chain(model_settings) {
        for key in settings.keys().filter(|key| is_secret_key(key)) {
            problems.push(format!(
                "- `{owner}.settings.{key}` looks like a secret; plans must not hold keys, so \
                 put it in an environment variable and name that with `api_key_env`"
            ));
        }
    }
}

fn check_evaluation(index: usize, evaluation: &super::PlanEvaluation, problems: &mut Vec<String>) {
    let at = format!("evaluations[{index}]");
    let sampling = &evaluation.sampling;
    if !(sampling.temperature.is_finite()
        && (0.0..=MAX_TEMPERATURE).contains(&sampling.temperature))
    {
        problems.push(format!(
            "- `{at}.sampling.temperature` is {}, not a number from 0 to {MAX_TEMPERATURE}",
            sampling.temperature
        ));
    }
    if let Some(top_p) = sampling.top_p
        && !(top_p > 0.0 && top_p <= 1.0)
    {
        problems.push(format!("- `{at}.sampling.top_p` is {top_p}, not in (0, 1]"));
    }
    if sampling.max_tokens == 0 {
        problems.push(format!(
            "- `{at}.sampling.max_tokens` is 0; a reply needs at least 1 token"
        ));
    }
    for (field, read) in [
        ("read", Some(evaluation.read)),
        ("fallback", evaluation.fallback),
    ] {
        match read {
            Some(ReadMethod::Samples { n: 0 }) => problems.push(format!(
                "- `{at}.{field}.n` is 0; sample at least 1 reply per cell"
            )),
            Some(ReadMethod::Samples { n }) if n > MAX_SAMPLES => problems.push(format!(
                "- `{at}.{field}.n` is {n}; sample at most {MAX_SAMPLES} replies per cell"
            )),
            _ => {}
        }
    }
    if let Some(max) = evaluation.other_mass_max
        && !(0.0..=1.0).contains(&max)
    {
        problems.push(format!(
            "- `{at}.other_mass_max` is {max}, not a probability in [0, 1]"
        ));
    }
    if evaluation.models.is_empty() {
        problems.push(format!("- `{at}.models` is empty; name at least one model"));
    }
}
