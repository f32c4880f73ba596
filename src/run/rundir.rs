//! The run directory `runs/<name>/`: `spec.json` (the resolved spec), `manifest.json`,
//! a copy of the plan, and the journal `results.jsonl`.
//!
//! A directory belongs to one spec: resuming into it with a changed spec is rejected
//! unless the run restarts, because its journal would mix results of both.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use crate::model::{Read, Sampling, Spec};
use crate::run::RunError;
use crate::run::backends::Target;
use crate::run::cache::canonical_json;

pub const RESULTS: &str = "results.jsonl";
pub const SPEC: &str = "spec.json";
pub const MANIFEST: &str = "manifest.json";

/// A copy of the plan the run was made from.
#[derive(Debug, Clone)]
pub struct PlanCopy {
    /// File name inside the run directory, such as `plan.yaml`.
    pub file_name: String,
    pub content: Vec<u8>,
}

/// Provenance of a run's results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub pactc_version: String,
    /// SHA-256 of the canonical JSON of the resolved spec.
    pub spec_hash: String,
    pub evaluation: String,
    pub plan: Option<PlanFile>,
    pub models: Vec<ModelEntry>,
    pub read: Read,
    pub fallback: Option<Read>,
    pub sampling: Sampling,
    pub subset_seed: Option<u64>,
    pub cache: PathBuf,
    /// One entry per invocation: the first run and every resume.
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanFile {
    pub file: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelEntry {
    pub name: String,
    pub model_id: String,
    pub backend: String,
    pub kind: String,
    /// Backend description from `Backend::describe` (never a key).
    pub details: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `finished`, `failed` or `interrupted`.
    pub status: String,
    pub counts: Option<serde_json::Value>,
}

/// SHA-256 of the canonical JSON of a spec.
pub fn spec_hash(spec: &Spec) -> String {
    let value = serde_json::to_value(spec).expect("a resolved spec serializes to JSON");
    hex::encode(Sha256::digest(canonical_json(&value).as_bytes()))
}

/// Creates the directory and writes `spec.json` and the plan copy, or checks that an
/// existing directory was made from the same spec. With `restart`, earlier results go.
pub fn prepare(
    dir: &Path,
    spec: &Spec,
    plan: Option<&PlanCopy>,
    restart: bool,
) -> Result<(), RunError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "cannot create", e))?;
    let spec_path = dir.join(SPEC);
    let spec_text = serde_json::to_string_pretty(spec).expect("a resolved spec serializes to JSON");

    if restart {
        for name in [RESULTS, MANIFEST] {
            match std::fs::remove_file(dir.join(name)) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io_error(&dir.join(name), "cannot remove", error));
                }
                _ => {}
            }
        }
    } else if let Ok(existing) = std::fs::read_to_string(&spec_path) {
        let same = serde_json::from_str::<Spec>(&existing)
            .is_ok_and(|old| spec_hash(&old) == spec_hash(spec));
        if !same {
            return Err(RunError::Usage {
                message: format!(
                    "run directory {} holds results of a different spec",
                    dir.display()
                ),
                help: "pass --restart to replace them (unchanged requests still come from the \
                       cache), or --name to start another run"
                    .to_string(),
            });
        }
    }

    write_atomically(&spec_path, spec_text.as_bytes())?;
    if let Some(plan) = plan {
        write_atomically(&dir.join(&plan.file_name), &plan.content)?;
    }
    Ok(())
}

/// Reads the manifest of an earlier run in this directory, if any.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), RunError> {
    let text = serde_json::to_string_pretty(manifest).expect("a manifest serializes to JSON");
    write_atomically(&dir.join(MANIFEST), text.as_bytes())
}

pub fn model_entries(targets: &[std::sync::Arc<Target>]) -> Vec<ModelEntry> {
    targets
        .iter()
        .map(|target| ModelEntry {
            name: target.model.clone(),
            model_id: target.model_id.clone(),
            backend: target.backend.clone(),
            kind: target.kind.clone(),
            details: target.client.describe(),
        })
        .collect()
}

pub fn plan_file(plan: &PlanCopy) -> PlanFile {
    PlanFile {
        file: plan.file_name.clone(),
        sha256: hex::encode(Sha256::digest(&plan.content)),
    }
}

fn write_atomically(path: &Path, content: &[u8]) -> Result<(), RunError> {
    let temporary = temporary_path(path);
    std::fs::write(&temporary, content).map_err(|e| io_error(&temporary, "cannot write", e))?;
    std::fs::rename(&temporary, path).map_err(|e| io_error(path, "cannot write", e))
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

fn io_error(path: &Path, what: &str, error: std::io::Error) -> RunError {
    RunError::Io {
        path: path.to_path_buf(),
        message: format!("{what}: {error}"),
    }
}
