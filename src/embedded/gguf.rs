//! Reads a GGUF file: its metadata and its tensors, dequantized to f32.
//!
//! Parsing is candle's (`candle_core::quantized::gguf_file`), which bounds-checks every
//! length against the file size. This module turns its errors into messages that name the
//! file, and reads typed metadata values with errors that name the missing or mistyped key.

use candle_core::quantized::gguf_file::{Content, Value};
use candle_core::{Device, Tensor};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use super::EmbeddedError;

/// An open GGUF file: parsed header and metadata, with the tensor data still on disk.
pub struct GgufFile {
    pub path: PathBuf,
    content: Content,
    reader: BufReader<File>,
}

impl GgufFile {
    /// Opens `path` and parses its header, metadata and tensor table.
    pub fn open(path: &Path) -> Result<Self, EmbeddedError> {
        let file = File::open(path).map_err(|source| EmbeddedError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut reader = BufReader::new(file);
        let content = Content::read(&mut reader).map_err(|error| EmbeddedError::InvalidGguf {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            content,
            reader,
        })
    }

    pub fn architecture(&self) -> Result<String, EmbeddedError> {
        Ok(self.string("general.architecture")?.to_string())
    }

    fn value(&self, key: &str) -> Result<&Value, EmbeddedError> {
        self.content
            .metadata
            .get(key)
            .ok_or_else(|| EmbeddedError::MissingMetadata {
                path: self.path.clone(),
                key: key.to_string(),
            })
    }

    fn mistyped(&self, key: &str, expected: &str) -> EmbeddedError {
        EmbeddedError::InvalidMetadata {
            path: self.path.clone(),
            key: key.to_string(),
            reason: format!("expected {expected}"),
        }
    }

    /// Whether the metadata has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.content.metadata.contains_key(key)
    }

    pub fn string(&self, key: &str) -> Result<&str, EmbeddedError> {
        match self.value(key)? {
            Value::String(text) => Ok(text),
            _ => Err(self.mistyped(key, "a string")),
        }
    }

    /// Reads an unsigned integer of any width.
    pub fn usize(&self, key: &str) -> Result<usize, EmbeddedError> {
        let value = match self.value(key)? {
            Value::U8(v) => Some(u64::from(*v)),
            Value::U16(v) => Some(u64::from(*v)),
            Value::U32(v) => Some(u64::from(*v)),
            Value::U64(v) => Some(*v),
            Value::I8(v) => u64::try_from(*v).ok(),
            Value::I16(v) => u64::try_from(*v).ok(),
            Value::I32(v) => u64::try_from(*v).ok(),
            Value::I64(v) => u64::try_from(*v).ok(),
            _ => None,
        };
        value
            .and_then(|v| usize::try_from(v).ok())
            .ok_or_else(|| self.mistyped(key, "a non-negative integer"))
    }

    pub fn f32(&self, key: &str) -> Result<f32, EmbeddedError> {
        match self.value(key)? {
            Value::F32(v) => Ok(*v),
            #[expect(
                clippy::cast_possible_truncation,
                reason = "model constants fit in f32"
            )]
            Value::F64(v) => Ok(*v as f32),
            _ => Err(self.mistyped(key, "a float")),
        }
    }

    pub fn bool(&self, key: &str) -> Result<bool, EmbeddedError> {
        match self.value(key)? {
            Value::Bool(v) => Ok(*v),
            _ => Err(self.mistyped(key, "a boolean")),
        }
    }

    pub fn strings(&self, key: &str) -> Result<Vec<String>, EmbeddedError> {
        let Value::Array(items) = self.value(key)? else {
            return Err(self.mistyped(key, "an array of strings"));
        };
        items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.clone()),
                _ => Err(self.mistyped(key, "an array of strings")),
            })
            .collect()
    }

    pub fn integers(&self, key: &str) -> Result<Vec<i64>, EmbeddedError> {
        let Value::Array(items) = self.value(key)? else {
            return Err(self.mistyped(key, "an array of integers"));
        };
        items
            .iter()
            .map(|item| match item {
                Value::I32(v) => Ok(i64::from(*v)),
                Value::U32(v) => Ok(i64::from(*v)),
                Value::I8(v) => Ok(i64::from(*v)),
                Value::U8(v) => Ok(i64::from(*v)),
                _ => Err(self.mistyped(key, "an array of integers")),
            })
            .collect()
    }

    pub fn has_tensor(&self, name: &str) -> bool {
        self.content.tensor_infos.contains_key(name)
    }

    /// Reads tensor `name`, dequantizes it to f32 and checks its shape (outermost dimension
    /// first, as candle orders it).
    pub fn tensor(&mut self, name: &str, shape: &[usize]) -> Result<Tensor, EmbeddedError> {
        let invalid = |reason: String| EmbeddedError::InvalidTensor {
            path: self.path.clone(),
            name: name.to_string(),
            reason,
        };
        if !self.has_tensor(name) {
            return Err(invalid("the tensor is missing".to_string()));
        }
        let quantized = self
            .content
            .tensor(&mut self.reader, name, &Device::Cpu)
            .map_err(|error| invalid(error.to_string()))?;
        if quantized.shape().dims() != shape {
            return Err(invalid(format!(
                "expected shape {shape:?}, found {:?}",
                quantized.shape().dims()
            )));
        }
        quantized
            .dequantize(&Device::Cpu)
            .map_err(|error| invalid(error.to_string()))
    }
}
