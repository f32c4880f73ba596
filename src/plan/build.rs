//! Compiling a plan: expanding every evaluation into the matrix file while counting cells
//! and estimating tokens, then writing the YAML plan beside it.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{
    Estimate, FORMAT_VERSION, MatrixFile, ModelEstimate, Plan, PlanBackend, PlanError,
    PlanEvaluation, PlanModel, PlanSubset, Price, ReadMethod, Sampling, SpecSource,
};
use crate::expand::parallel::{default_threads, write_jsonl_parallel};
use crate::expand::{Expansion, factor_name};
use crate::model::{Evaluation, Read, Spec, Value};

/// A written plan, with the warnings found while compiling it.
#[derive(Debug)]
pub struct PlanOutput {
    pub plan: Plan,
    pub matrix_path: PathBuf,
    /// Settings left out of the plan because they look like secrets.
    pub warnings: Vec<String>,
}

/// The input of a plan: the spec, where it was read from, and what to expand.
pub struct PlanRequest<'a> {
    pub spec: &'a Spec,
    /// The root spec file, as given on the command line.
    pub spec_path: &'a Path,
    /// Path and content of every source file.
    pub files: &'a [(PathBuf, String)],
    pub evaluations: &'a [String],
    pub allow_large: bool,
}

/// Writes the matrix and the plan: `plan_path`, and the matrix beside it with the
/// extension `.matrix.jsonl`. Both are written to temporary files first and renamed, so a
/// failure leaves no half-written plan.
pub fn write(request: &PlanRequest<'_>, plan_path: &Path) -> Result<PlanOutput, PlanError> {
    let matrix_path = plan_path.with_extension("matrix.jsonl");
    let matrix_name = matrix_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();

    let matrix_temp = temporary_path(&matrix_path);
    let file = File::create(&matrix_temp).map_err(|error| PlanError::io(&matrix_temp, error))?;
    let (plan, warnings) = compile(
        request,
        BufWriter::with_capacity(1 << 20, file),
        matrix_name,
    )
    .inspect_err(|_| {
        let _ = std::fs::remove_file(&matrix_temp);
    })?;

    let yaml = serde_yaml::to_string(&plan).expect("a plan serializes");
    let plan_temp = temporary_path(plan_path);
    std::fs::write(&plan_temp, yaml).map_err(|error| PlanError::io(&plan_temp, error))?;
    std::fs::rename(&matrix_temp, &matrix_path)
        .map_err(|error| PlanError::io(&matrix_path, error))?;
    std::fs::rename(&plan_temp, plan_path).map_err(|error| PlanError::io(plan_path, error))?;
    Ok(PlanOutput {
        plan,
        matrix_path,
        warnings,
    })
}

/// Expands the evaluations into `matrix` and returns the plan that describes them.
pub fn compile(
    request: &PlanRequest<'_>,
    matrix: impl Write,
    matrix_name: String,
) -> Result<(Plan, Vec<String>), PlanError> {
    let spec = request.spec;
    let mut warnings = Vec::new();
    let mut out = HashingWriter::new(matrix);
    let mut evaluations = Vec::new();
    for name in request.evaluations {
        let expansion = Expansion::new(spec, name)?;
        expansion.check_size(request.allow_large)?;
        let written = write_jsonl_parallel(&expansion, &mut out, default_threads())?;
        let prompt_tokens = written.prompt_tokens;
        let evaluation = &spec.evaluations[name.as_str()];
        let counts = expansion.counts();
        evaluations.push(plan_evaluation(
            spec,
            evaluation,
            counts.items,
            counts.cells,
            prompt_tokens,
        )?);
    }
    let (sha256, _) = out
        .finish()
        .map_err(|error| PlanError::io(Path::new(&matrix_name), error))?;

    let models = plan_models(spec, &evaluations, &mut warnings)?;
    let backends = plan_backends(spec, &models, &mut warnings);
    let (spec_sha256, files) = spec_hash(request.spec_path, request.files);
    let plan = Plan {
        format_version: FORMAT_VERSION,
        generator: format!("pactc {}", env!("CARGO_PKG_VERSION")),
        spec: SpecSource {
            path: request.spec_path.display().to_string(),
            sha256: spec_sha256,
            files,
        },
        matrix: MatrixFile {
            path: matrix_name,
            sha256,
            cells: evaluations.iter().map(|e| e.cells).sum(),
        },
        backends,
        models,
        total: total(&evaluations),
        evaluations,
    };
    Ok((plan, warnings))
}

/// SHA-256 over every source file, and their paths relative to the root spec's folder.
///
/// Files are sorted by relative path; each contributes its path and its content, each
/// preceded by its length in bytes (u64, little-endian). Moving the whole spec folder keeps
/// the hash.
pub fn spec_hash(root: &Path, files: &[(PathBuf, String)]) -> (String, Vec<String>) {
    let folder = root.parent().unwrap_or(Path::new(""));
    let mut relative: Vec<(String, &str)> = files
        .iter()
        .map(|(path, text)| {
            let shown = path.strip_prefix(folder).unwrap_or(path);
            (shown.to_string_lossy().replace('\\', "/"), text.as_str())
        })
        .collect();
    relative.sort();
    let mut hasher = Sha256::new();
    for (path, text) in &relative {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    let paths = relative.into_iter().map(|(path, _)| path).collect();
    (hex::encode(hasher.finalize()), paths)
}

fn read_method(read: &Read) -> ReadMethod {
    match read {
        Read::Logprobs => ReadMethod::Logprobs,
        Read::Samples { n } => ReadMethod::Samples { n: *n },
    }
}

fn plan_evaluation(
    spec: &Spec,
    evaluation: &Evaluation,
    items: u64,
    cells: u64,
    cell_tokens: u64,
) -> Result<PlanEvaluation, PlanError> {
    let read = read_method(&evaluation.read);
    let (samples, completion_per_request) = match read {
        ReadMethod::Logprobs => (1, 1),
        ReadMethod::Samples { n } => (u64::from(n), u64::from(evaluation.sampling.max_tokens)),
    };
    let mut per_model = Vec::new();
    for name in &evaluation.models {
        let model = spec
            .models
            .get(name)
            .ok_or_else(|| PlanError::UnknownModel {
                evaluation: evaluation.name.clone(),
                model: name.clone(),
            })?;
        let requests = cells * samples;
        let prompt_tokens = cell_tokens * samples;
        let completion_tokens = requests * completion_per_request;
        let cost = price_of(model)?.map(|price| {
            (prompt_tokens as f64 * price.input_per_million
                + completion_tokens as f64 * price.output_per_million)
                / 1e6
        });
        per_model.push(ModelEstimate {
            model: name.clone(),
            requests,
            prompt_tokens,
            completion_tokens,
            cost,
        });
    }
    Ok(PlanEvaluation {
        name: evaluation.name.clone(),
        models: evaluation.models.clone(),
        prompts: evaluation.prompts.clone(),
        systems: evaluation.systems.clone(),
        vary: evaluation.vary.iter().map(factor_name).collect(),
        subset: evaluation.subset.map(|subset| PlanSubset {
            items: subset.items,
            seed: subset.seed,
        }),
        read,
        fallback: evaluation.fallback.as_ref().map(read_method),
        sampling: Sampling {
            temperature: evaluation.sampling.temperature,
            top_p: evaluation.sampling.top_p,
            max_tokens: evaluation.sampling.max_tokens,
            seed: evaluation.sampling.seed,
        },
        other_mass_max: evaluation.other_mass_max,
        items,
        cells,
        estimate: sum_models(&per_model),
        per_model,
    })
}

fn sum_models(models: &[ModelEstimate]) -> Estimate {
    let priced: Vec<f64> = models.iter().filter_map(|m| m.cost).collect();
    Estimate {
        requests: models.iter().map(|m| m.requests).sum(),
        prompt_tokens: models.iter().map(|m| m.prompt_tokens).sum(),
        completion_tokens: models.iter().map(|m| m.completion_tokens).sum(),
        cost: (!priced.is_empty()).then(|| priced.iter().sum()),
        unpriced_models: models
            .iter()
            .filter(|m| m.cost.is_none())
            .map(|m| m.model.clone())
            .collect(),
    }
}

fn total(evaluations: &[PlanEvaluation]) -> Estimate {
    let per_model: Vec<ModelEstimate> = evaluations
        .iter()
        .flat_map(|e| e.per_model.clone())
        .collect();
    let mut total = sum_models(&per_model);
    total.unpriced_models.sort();
    total.unpriced_models.dedup();
    total
}

/// Reads the model's `price_input` and `price_output` settings: prices per million prompt
/// and completion tokens.
fn price_of(model: &crate::model::Model) -> Result<Option<Price>, PlanError> {
    let number = |key: &str| -> Result<Option<f64>, PlanError> {
        match model.settings.get(key) {
            None => Ok(None),
            Some(Value::Int(value)) => Ok(Some(*value as f64)),
            Some(Value::Float(value)) if value.is_finite() && *value >= 0.0 => Ok(Some(*value)),
            Some(other) => Err(PlanError::Price {
                model: model.name.clone(),
                message: format!("`{key}` is {other:?}, not a non-negative number"),
            }),
        }
    };
    match (number("price_input")?, number("price_output")?) {
        (None, None) => Ok(None),
        (Some(input), Some(output)) => Ok(Some(Price {
            input_per_million: input,
            output_per_million: output,
        })),
        (Some(_), None) | (None, Some(_)) => Err(PlanError::Price {
            model: model.name.clone(),
            message: "it sets only one of `price_input` and `price_output`".into(),
        }),
    }
}

fn plan_models(
    spec: &Spec,
    evaluations: &[PlanEvaluation],
    warnings: &mut Vec<String>,
) -> Result<Vec<PlanModel>, PlanError> {
    let mut models = Vec::new();
    for model in spec.models.values() {
        let used = evaluations.iter().any(|e| e.models.contains(&model.name));
        if !used {
            continue;
        }
        let mut settings = settings_without_secrets(
            &model.settings,
            &format!("model `{}`", model.name),
            warnings,
        );
        settings.remove("price_input");
        settings.remove("price_output");
        models.push(PlanModel {
            name: model.name.clone(),
            backend: model.backend.clone(),
            id: model.id.clone(),
            base_of: model.base_of.clone(),
            settings,
            price: price_of(model)?,
        });
    }
    Ok(models)
}

fn plan_backends(
    spec: &Spec,
    models: &[PlanModel],
    warnings: &mut Vec<String>,
) -> Vec<PlanBackend> {
    spec.backends
        .values()
        .filter(|backend| models.iter().any(|model| model.backend == backend.name))
        .map(|backend| PlanBackend {
            name: backend.name.clone(),
            kind: backend.kind.clone(),
            settings: settings_without_secrets(
                &backend.settings,
                &format!("backend `{}`", backend.name),
                warnings,
            ),
        })
        .collect()
}

fn settings_without_secrets(
    settings: &indexmap::IndexMap<String, Value>,
    owner: &str,
    warnings: &mut Vec<String>,
) -> BTreeMap<String, serde_json::Value> {
    let mut kept = BTreeMap::new();
    for (key, value) in settings {
        if is_secret_key(key) {
            warnings.push(format!(
                "{owner}: setting `{key}` looks like a secret and is left out of the plan; \
                 put it in an environment variable and name that with `api_key_env`"
            ));
            continue;
        }
        let value = serde_json::to_value(value).expect("a setting value serializes");
        kept.insert(key.clone(), value);
    }
    kept
}

/// Tells whether a setting's name suggests a credential. Names ending in `_env` contain
/// the name of an environment variable and are kept.
pub(crate) fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    if key.ends_with("_env") {
        return false;
    }
    const EXACT: [&str; 7] = [
        "key",
        "api_key",
        "apikey",
        "token",
        "secret",
        "password",
        "authorization",
    ];
    const SUFFIXES: [&str; 5] = ["_key", "_token", "_secret", "_password", "_authorization"];
    EXACT.contains(&key.as_str()) || SUFFIXES.iter().any(|suffix| key.ends_with(suffix))
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// A writer that computes the SHA-256 of everything written through it.
pub(crate) struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> HashingWriter<W> {
    pub(crate) fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// Flushes the inner writer and returns the digest as hex and the byte count.
    pub(crate) fn finish(mut self) -> io::Result<(String, u64)> {
        self.inner.flush()?;
        Ok((hex::encode(self.hasher.finalize()), self.bytes))
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys_detected() {
        for key in [
            "api_key",
            "API_KEY",
            "openai_api_key",
            "token",
            "auth_token",
            "password",
        ] {
            assert!(is_secret_key(key), "{key}");
        }
        for key in [
            "api_key_env",
            "max_tokens",
            "base_url",
            "threads",
            "keyboard",
        ] {
            assert!(!is_secret_key(key), "{key}");
        }
    }

    #[test]
    fn spec_hash_ignores_folder() {
        let files = |root: &str| {
            vec![
                (PathBuf::from(format!("{root}/pact.pact")), "a".to_string()),
                (
                    PathBuf::from(format!("{root}/norms/x.pact")),
                    "b".to_string(),
                ),
            ]
        };
        let here = spec_hash(Path::new("/one/pact.pact"), &files("/one"));
        let there = spec_hash(Path::new("/two/pact.pact"), &files("/two"));
        assert_eq!(here, there);
        assert_eq!(
            here.1,
            vec!["norms/x.pact".to_string(), "pact.pact".to_string()]
        );
    }

    #[test]
    fn spec_hash_sees_content() {
        let one = vec![(PathBuf::from("/s/pact.pact"), "a".to_string())];
        let two = vec![(PathBuf::from("/s/pact.pact"), "b".to_string())];
        let root = Path::new("/s/pact.pact");
        assert_ne!(spec_hash(root, &one).0, spec_hash(root, &two).0);
    }
}
