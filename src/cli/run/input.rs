//! What `pactc run` reads: a spec, a plan, or a run bundle, and where each gets its cells.
//!
//! - A spec (`.pact`, or a resolved spec as `.json`) is expanded on the fly; the plan the
//!   run directory keeps is compiled from it.
//! - A plan (`.yaml`) is checked against its spec and matrix, its edits to models,
//!   backends, sampling and the read method are applied, and its matrix file is streamed.
//! - A run bundle (`.json` with `spec`, `evaluation` and `cells`) contains a resolved spec
//!   and names a matrix file of cells built elsewhere. Nothing re-derives its cell ids.

use indexmap::IndexMap;
use std::path::{Path, PathBuf};

use crate::cli::expand::load_spec;
use crate::model::{self, Read, Spec};
use crate::plan::{self, Plan, PlanRequest, ReadMethod};
use crate::run::rundir::PlanCopy;

/// A loaded run input.
pub struct Input {
    pub spec: Spec,
    pub evaluation: String,
    pub source: CellSource,
    pub plan: PlanCopy,
    pub expected_cells: Option<u64>,
}

/// Source of the cells.
pub enum CellSource {
    /// Expanding the evaluation of the spec.
    Expand,
    /// A matrix file; only the cells of the evaluation are kept.
    Matrix(PathBuf),
}

/// Why an input could not be loaded: usage errors exit 2, errors in the input exit 1.
pub enum InputError {
    Usage { message: String, help: String },
    Invalid(miette::Report),
}

impl From<miette::Report> for InputError {
    fn from(report: miette::Report) -> InputError {
        InputError::Invalid(report)
    }
}

impl From<plan::PlanError> for InputError {
    fn from(error: plan::PlanError) -> InputError {
        InputError::Invalid(error.into())
    }
}

/// Loads a spec, plan or run bundle.
pub fn load(path: &Path, evaluation: Option<&str>, allow_large: bool) -> Result<Input, InputError> {
    if !path.is_file() {
        return Err(InputError::Usage {
            message: format!("{} is not a file", path.display()),
            help: "pass a `.pact` spec, a `.yaml` plan from `pactc plan`, or a run bundle"
                .to_string(),
        });
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "yaml" | "yml" => load_plan(path, evaluation),
        "json" if is_bundle(path) => load_bundle(path, evaluation),
        _ => load_from_spec(path, evaluation, allow_large),
    }
}

fn load_from_spec(
    path: &Path,
    evaluation: Option<&str>,
    allow_large: bool,
) -> Result<Input, InputError> {
    let loaded = load_spec(path)?;
    let evaluation = pick_evaluation(&loaded.spec, evaluation)?;
    let names = [evaluation.clone()];
    let request = PlanRequest {
        spec: &loaded.spec,
        spec_path: path,
        files: &loaded.files,
        evaluations: &names,
        allow_large,
    };
    let matrix_name = "plan.matrix.jsonl".to_string();
    let (plan, warnings) = plan::compile(&request, std::io::sink(), matrix_name)?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let yaml = serde_yaml::to_string(&plan).expect("a plan serializes to YAML");
    Ok(Input {
        expected_cells: Some(plan.matrix.cells),
        spec: loaded.spec,
        evaluation,
        source: CellSource::Expand,
        plan: PlanCopy {
            file_name: "plan.yaml".to_string(),
            content: yaml.into_bytes(),
        },
    })
}

fn load_plan(path: &Path, evaluation: Option<&str>) -> Result<Input, InputError> {
    let plan = plan::load(path)?;
    let spec_path = find_spec(path, &plan)?;
    let mut loaded = load_spec(&spec_path)?;
    plan::check_spec_hash(&plan, &spec_path, &loaded.files)?;
    plan::verify_matrix(&plan, path, &loaded.spec)?;

    let names: Vec<String> = plan.evaluations.iter().map(|e| e.name.clone()).collect();
    let evaluation = match evaluation {
        Some(name) if names.iter().any(|n| n == name) => name.to_string(),
        Some(name) => return Err(unknown_evaluation(name, &names)),
        None if names.len() == 1 => names[0].clone(),
        // The same default as for a spec: `quick`, when the plan has it among others.
        None if names.iter().any(|n| n == "quick") => "quick".to_string(),
        None => return Err(unknown_evaluation("", &names)),
    };
    apply_plan(&mut loaded.spec, &plan);
    let content = std::fs::read(path).map_err(|e| InputError::Usage {
        message: format!("cannot read {}: {e}", path.display()),
        help: "check the path of the plan".to_string(),
    })?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let expected = plan
        .evaluations
        .iter()
        .find(|e| e.name == evaluation)
        .map(|e| e.cells);
    Ok(Input {
        spec: loaded.spec,
        evaluation,
        source: CellSource::Matrix(folder.join(&plan.matrix.path)),
        plan: PlanCopy {
            file_name: "plan.yaml".to_string(),
            content,
        },
        expected_cells: expected,
    })
}

/// Finds the plan's spec: its recorded path as given, or relative to the plan's folder.
fn find_spec(plan_path: &Path, plan: &Plan) -> Result<PathBuf, InputError> {
    let recorded = PathBuf::from(&plan.spec.path);
    let beside = plan_path.parent().unwrap_or(Path::new("")).join(&recorded);
    [recorded.clone(), beside]
        .into_iter()
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| InputError::Usage {
            message: format!("the plan's spec {} is not found", recorded.display()),
            help: "run from the folder the plan was written in, or write a fresh plan with `pactc plan`"
                .to_string(),
        })
}

/// Applies what a plan may change by hand: backends, models, and each evaluation's models,
/// read method, fallback, sampling and UNKNOWN threshold.
fn apply_plan(spec: &mut Spec, plan: &Plan) {
    for backend in &plan.backends {
        let entry = model::Backend {
            name: backend.name.clone(),
            kind: backend.kind.clone(),
            settings: settings(&backend.settings),
            defined_at: Default::default(),
        };
        spec.backends.insert(backend.name.clone(), entry);
    }
    for planned in &plan.models {
        let entry = model::Model {
            name: planned.name.clone(),
            backend: planned.backend.clone(),
            id: planned.id.clone(),
            base_of: planned.base_of.clone(),
            settings: settings(&planned.settings),
            defined_at: Default::default(),
        };
        spec.models.insert(planned.name.clone(), entry);
    }
    for planned in &plan.evaluations {
        let Some(evaluation) = spec.evaluations.get_mut(&planned.name) else {
            continue;
        };
        evaluation.models = planned.models.clone();
        evaluation.read = read(planned.read);
        evaluation.fallback = planned.fallback.map(read);
        evaluation.other_mass_max = planned.other_mass_max;
        evaluation.sampling = model::Sampling {
            temperature: planned.sampling.temperature,
            top_p: planned.sampling.top_p,
            max_tokens: planned.sampling.max_tokens,
            seed: planned.sampling.seed,
        };
    }
}

fn read(method: ReadMethod) -> Read {
    match method {
        ReadMethod::Logprobs => Read::Logprobs,
        ReadMethod::Samples { n } => Read::Samples { n },
    }
}

/// Plan settings (JSON values) as spec settings; values that are not scalars or lists of
/// them are dropped, because no backend reads them.
fn settings(
    values: &std::collections::BTreeMap<String, serde_json::Value>,
) -> IndexMap<String, model::Value> {
    values
        .iter()
        .filter_map(|(key, value)| {
            let value = serde_json::from_value(value.clone()).ok()?;
            Some((key.clone(), value))
        })
        .collect()
}

/// Contents of a run bundle.
#[derive(serde::Deserialize)]
struct Bundle {
    spec: Spec,
    evaluation: Option<String>,
    /// The matrix file (one cell per JSON line), relative to the bundle.
    cells: PathBuf,
}

/// Tells a run bundle from a resolved spec among `.json` files.
fn is_bundle(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Keys {
        spec: Option<serde::de::IgnoredAny>,
        cells: Option<serde::de::IgnoredAny>,
    }
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Keys>(&bytes).ok())
        .is_some_and(|keys| keys.spec.is_some() && keys.cells.is_some())
}

fn load_bundle(path: &Path, evaluation: Option<&str>) -> Result<Input, InputError> {
    let content = std::fs::read(path).map_err(|e| InputError::Usage {
        message: format!("cannot read {}: {e}", path.display()),
        help: "check the path of the run bundle".to_string(),
    })?;
    let bundle: Bundle = serde_json::from_slice(&content).map_err(|e| InputError::Usage {
        message: format!("{} is not a valid run bundle: {e}", path.display()),
        help: "a run bundle is a JSON object with `spec`, `evaluation` and `cells`".to_string(),
    })?;
    let requested = evaluation.map(str::to_string).or(bundle.evaluation);
    let evaluation = pick_evaluation(&bundle.spec, requested.as_deref())?;
    let folder = path.parent().unwrap_or(Path::new(""));
    Ok(Input {
        spec: bundle.spec,
        evaluation,
        source: CellSource::Matrix(folder.join(bundle.cells)),
        plan: PlanCopy {
            file_name: "plan.json".to_string(),
            content,
        },
        expected_cells: None,
    })
}

fn pick_evaluation(spec: &Spec, requested: Option<&str>) -> Result<String, InputError> {
    let names: Vec<String> = spec.evaluations.keys().cloned().collect();
    match requested {
        Some(name) if spec.evaluations.contains_key(name) => Ok(name.to_string()),
        Some(name) => Err(unknown_evaluation(name, &names)),
        None if names.len() == 1 => Ok(names[0].clone()),
        // The built-in `quick` evaluation, when the spec has it among others.
        None if spec.evaluations.contains_key("quick") => Ok("quick".to_string()),
        None => Err(unknown_evaluation("", &names)),
    }
}

fn unknown_evaluation(name: &str, names: &[String]) -> InputError {
    let message = if names.is_empty() {
        "the input has no evaluation to run".to_string()
    } else if name.is_empty() {
        "the input has several evaluations and none was chosen".to_string()
    } else {
        format!("the input has no evaluation `{name}`")
    };
    let help = if names.is_empty() {
        "declare one in the spec, for example `evaluation quick { prompts: [decide] }`; \
         docs/language.md lists its fields"
            .to_string()
    } else if let Some(close) = crate::diagnostic::suggest(name, names.iter().map(String::as_str)) {
        format!(
            "did you mean `{close}`? The evaluations are: {}",
            names.join(", ")
        )
    } else {
        format!("pick one with --eval: {}", names.join(", "))
    };
    InputError::Usage { message, help }
}
