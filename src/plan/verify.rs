//! Checks that a plan still matches its spec and its matrix file.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::{Plan, PlanError, PlanEvaluation, spec_hash};
use crate::expand::{Expansion, factor_name};
use crate::model::{Evaluation, Spec};

/// The fields of a matrix line that verification compares.
#[derive(Deserialize)]
struct MatrixLine {
    cell_id: String,
    evaluation: String,
}

/// Rejects a plan whose spec files changed since it was written.
pub fn check_spec_hash(
    plan: &Plan,
    spec_path: &Path,
    files: &[(PathBuf, String)],
) -> Result<(), PlanError> {
    let (sha256, _) = spec_hash(spec_path, files);
    if sha256 == plan.spec.sha256 {
        return Ok(());
    }
    Err(PlanError::SpecMismatch {
        message: format!(
            "the spec files hash to {sha256}, but the plan records {}",
            plan.spec.sha256
        ),
    })
}

/// Checks the matrix file beside `plan_path` against the plan and the spec: its SHA-256
/// must equal the plan's, and its cells, in order, must equal those that expanding the
/// plan's evaluations of `spec` gives now. Reads the file twice, streaming; memory does not
/// grow with the number of cells.
pub fn verify_matrix(plan: &Plan, plan_path: &Path, spec: &Spec) -> Result<(), PlanError> {
    let folder = plan_path.parent().unwrap_or(Path::new(""));
    let path = folder.join(&plan.matrix.path);
    let mismatch = |message: String| PlanError::MatrixMismatch {
        path: path.clone(),
        message,
    };

    let sha256 = file_sha256(&path)?;
    if sha256 != plan.matrix.sha256 {
        return Err(mismatch(format!(
            "its SHA-256 is {sha256}, but the plan records {}",
            plan.matrix.sha256
        )));
    }

    let file = File::open(&path).map_err(|error| PlanError::io(&path, error))?;
    let mut lines = BufReader::new(file).lines().enumerate();
    for evaluation in &plan.evaluations {
        let Some(declared) = spec.evaluations.get(&evaluation.name) else {
            return Err(PlanError::SpecMismatch {
                message: format!("the spec has no evaluation `{}`", evaluation.name),
            });
        };
        check_expansion_fields(evaluation, declared)?;
        let expansion = Expansion::new(spec, &evaluation.name)?;
        if expansion.counts().cells != evaluation.cells {
            return Err(mismatch(format!(
                "the plan records {} cells for evaluation `{}`, but the spec now gives {}",
                evaluation.cells,
                evaluation.name,
                expansion.counts().cells
            )));
        }
        for expected in expansion.cells() {
            let expected = expected?;
            let Some((index, line)) = lines.next() else {
                return Err(mismatch(format!(
                    "it ends before cell `{}` of evaluation `{}`",
                    expected.cell_id, evaluation.name
                )));
            };
            let line = line.map_err(|error| PlanError::io(&path, error))?;
            let found: MatrixLine = serde_json::from_str(&line)
                .map_err(|error| mismatch(format!("line {} is not a cell: {error}", index + 1)))?;
            if found.cell_id != expected.cell_id || found.evaluation != evaluation.name {
                return Err(mismatch(format!(
                    "line {} holds cell `{}` of evaluation `{}`, but the spec gives cell `{}` \
                     of evaluation `{}`",
                    index + 1,
                    found.cell_id,
                    found.evaluation,
                    expected.cell_id,
                    evaluation.name
                )));
            }
            // The id is a hash of the cell's content, but an edited line can keep the old
            // id, so the content is compared too.
            let written: serde_json::Value = serde_json::from_str(&line)
                .map_err(|error| mismatch(format!("line {} is not a cell: {error}", index + 1)))?;
            let derived = serde_json::to_value(&expected)
                .map_err(|error| mismatch(format!("cannot serialize cell: {error}")))?;
            if let Some(field) = first_difference(&written, &derived) {
                return Err(mismatch(format!(
                    "line {} (cell `{}`) differs from the spec's expansion in `{field}`",
                    index + 1,
                    expected.cell_id
                )));
            }
        }
    }
    if let Some((index, _)) = lines.next() {
        return Err(mismatch(format!(
            "line {} is past the last cell of the plan",
            index + 1
        )));
    }
    Ok(())
}

/// Returns the first top-level field in which two cells differ, if any.
fn first_difference(written: &serde_json::Value, derived: &serde_json::Value) -> Option<String> {
    let (Some(written), Some(derived)) = (written.as_object(), derived.as_object()) else {
        return (written != derived).then(|| "the whole line".to_string());
    };
    let keys: std::collections::BTreeSet<&String> = written.keys().chain(derived.keys()).collect();
    keys.into_iter()
        .find(|key| written.get(*key) != derived.get(*key))
        .cloned()
}

/// Rejects a plan whose expansion settings were edited: the matrix follows the spec's.
fn check_expansion_fields(
    planned: &PlanEvaluation,
    declared: &Evaluation,
) -> Result<(), PlanError> {
    let vary: Vec<String> = declared.vary.iter().map(factor_name).collect();
    let subset = declared.subset.map(|s| (s.items, s.seed));
    let differs = [
        ("prompts", planned.prompts != declared.prompts),
        ("systems", planned.systems != declared.systems),
        ("vary", planned.vary != vary),
        (
            "subset",
            planned.subset.map(|s| (s.items, s.seed)) != subset,
        ),
    ];
    match differs.iter().find(|(_, differs)| *differs) {
        None => Ok(()),
        Some((field, _)) => Err(PlanError::SpecMismatch {
            message: format!(
                "the plan's `{field}` of evaluation `{}` differs from the spec's; the matrix \
                 follows the spec",
                planned.name
            ),
        }),
    }
}

fn file_sha256(path: &Path) -> Result<String, PlanError> {
    let mut file = File::open(path).map_err(|error| PlanError::io(path, error))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file
            .read(&mut buffer)
            .map_err(|error| PlanError::io(path, error))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex::encode(hasher.finalize()))
}
