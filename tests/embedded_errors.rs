//! Broken model files give errors that name the file and the problem, never a panic.

use std::io::Read;
use std::path::{Path, PathBuf};

use pactc::embedded::{EmbeddedError, Engine, EngineOptions, registry};

fn load(path: &Path) -> EmbeddedError {
    let options = EngineOptions {
        threads: 1,
        batch: 1,
        prefix_reuse: true,
    };
    match Engine::load("test", path, options) {
        Ok(_) => panic!("{} loaded although it is broken", path.display()),
        Err(error) => error,
    }
}

/// Builds a GGUF v3 file with string metadata only and no tensors.
fn gguf_with_metadata(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut bytes = b"GGUF".to_vec();
    bytes.extend_from_slice(&3u32.to_le_bytes());
    bytes.extend_from_slice(&0u64.to_le_bytes());
    bytes.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    for (key, value) in entries {
        bytes.extend_from_slice(&(key.len() as u64).to_le_bytes());
        bytes.extend_from_slice(key.as_bytes());
        bytes.extend_from_slice(&8u32.to_le_bytes());
        bytes.extend_from_slice(&(value.len() as u64).to_le_bytes());
        bytes.extend_from_slice(value.as_bytes());
    }
    bytes
}

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("temporary file is writable");
    path
}

/// Reads the first `len` bytes of the default model.
fn model_prefix(len: u64) -> Vec<u8> {
    let model = registry::find(registry::DEFAULT_MODEL).expect("default model is registered");
    let path = registry::ensure(model).expect("the default model can be fetched");
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .expect("model opens")
        .take(len)
        .read_to_end(&mut bytes)
        .expect("model reads");
    bytes
}

#[test]
fn missing_file_names_path() {
    let error = load(Path::new("/nonexistent/dir/model.gguf"));
    assert!(matches!(error, EmbeddedError::Io { .. }), "{error}");
    assert!(error.to_string().contains("/nonexistent/dir/model.gguf"));
}

#[test]
fn wrong_magic_is_invalid_gguf() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write_temp(&dir, "notes.gguf", b"these are not model weights at all");
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::InvalidGguf { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("notes.gguf"));
    assert!(error.help().expect("help").contains("corrupt"));
}

#[test]
fn empty_file_is_invalid_gguf() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write_temp(&dir, "empty.gguf", b"");
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::InvalidGguf { .. }),
        "{error}"
    );
}

#[test]
fn truncated_header_is_invalid_gguf() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write_temp(&dir, "head.gguf", &model_prefix(4_000));
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::InvalidGguf { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("head.gguf"));
}

#[test]
fn truncated_tensor_data_names_tensor() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = write_temp(&dir, "half.gguf", &model_prefix(40_000_000));
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::InvalidTensor { .. }),
        "{error}"
    );
    let message = error.to_string();
    assert!(message.contains("half.gguf"), "{message}");
    assert!(message.contains("bytes"), "{message}");
}

#[test]
fn unsupported_architecture_is_named() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bytes = gguf_with_metadata(&[("general.architecture", "mamba")]);
    let path = write_temp(&dir, "mamba.gguf", &bytes);
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::Unsupported { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("`mamba`"), "{error}");
    assert!(error.help().expect("help").contains("llama"));
}

#[test]
fn missing_architecture_names_key() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bytes = gguf_with_metadata(&[("general.name", "nameless")]);
    let path = write_temp(&dir, "bare.gguf", &bytes);
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::MissingMetadata { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("general.architecture"));
}

#[test]
fn llama_without_tokenizer_names_key() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bytes = gguf_with_metadata(&[("general.architecture", "llama")]);
    let path = write_temp(&dir, "untokenized.gguf", &bytes);
    let error = load(&path);
    assert!(
        matches!(error, EmbeddedError::MissingMetadata { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("tokenizer.ggml.model"));
}
