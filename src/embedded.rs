//! Placeholder until this stage lands.

use std::sync::Arc;

use crate::backend::{Backend, BackendError};
use crate::model;

/// Opens the embedded GGUF backend for one model of the spec.
pub fn open_backend(
    model: &model::Model,
    _backend: &model::Backend,
) -> Result<Arc<dyn Backend>, BackendError> {
    Err(BackendError::Permanent {
        message: format!(
            "the embedded backend cannot load model `{}` in this build",
            model.id
        ),
        help: None,
    })
}
