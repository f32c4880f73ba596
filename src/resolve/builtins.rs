//! Definitions the resolver adds when a spec uses them without declaring them: the default
//! model and its backend, and the built-in templates.

use indexmap::IndexMap;

use crate::model::{Backend, Model, Template, TemplateOrigin};
use crate::source::Span;

/// Name of the default model in specs.
pub const MODEL: &str = "smollm2";
/// The default model's id for the embedded backend.
pub const MODEL_ID: &str = "smollm2-135m-instruct";
/// Name and kind of the default model's backend.
pub const BACKEND: &str = "embedded";

/// Template names a spec may use without declaring them, with the built-in template each
/// stands for.
pub const TEMPLATES: [(&str, &str); 5] = [
    ("decide", "decide"),
    ("neutral", "system_neutral"),
    ("balancing", "system_balancing"),
    ("human_personal", "human_personal"),
    ("human_norm", "human_norm"),
];

/// The names of [`TEMPLATES`] as a spec writes them.
pub const TEMPLATE_NAMES: [&str; 5] = [
    "decide",
    "neutral",
    "balancing",
    "human_personal",
    "human_norm",
];

/// The built-in template a spec name stands for, such as `system_neutral` for `neutral`.
pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(spec_name, _)| *spec_name == name)
        .map(|(_, builtin)| *builtin)
}

/// The resolved template for an undeclared built-in name.
pub fn template_definition(name: &str) -> Option<Template> {
    let builtin = template(name)?;
    Some(Template {
        name: name.to_string(),
        origin: TemplateOrigin::Builtin(builtin.to_string()),
        text: crate::template::builtin(builtin)
            .unwrap_or_default()
            .to_string(),
        defined_at: Span::default(),
    })
}

pub fn model() -> Model {
    Model {
        name: MODEL.to_string(),
        backend: BACKEND.to_string(),
        id: MODEL_ID.to_string(),
        base_of: None,
        settings: IndexMap::new(),
        defined_at: Span::default(),
    }
}

pub fn backend() -> Backend {
    Backend {
        name: BACKEND.to_string(),
        kind: "embedded".to_string(),
        settings: IndexMap::new(),
        defined_at: Span::default(),
    }
}
