//! Errors of expansion.

use crate::model::Spec;
use crate::template::{RenderError, TemplateError};

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ExpandError {
    #[error("evaluation `{name}` is not defined")]
    #[diagnostic(code(pactc::expand::evaluation_not_found), help("{help}"))]
    EvaluationNotFound { name: String, help: String },

    #[error("the spec declares no evaluation")]
    #[diagnostic(
        code(pactc::expand::no_evaluation),
        help("add an `evaluation NAME {{ ... }}` block that names the prompts and models")
    )]
    NoEvaluation,

    #[error("evaluation `{evaluation}` names no decision template")]
    #[diagnostic(
        code(pactc::expand::no_prompt),
        help("add `prompts: [decide]` to the evaluation")
    )]
    NoPrompt { evaluation: String },

    #[error("{origin} tests the option order, but every cell must exist in both orders")]
    #[diagnostic(
        code(pactc::expand::order_condition),
        help(
            "remove the `order` comparison: option order is always counterbalanced, and \
             analysis separates position effects from decisions"
        )
    )]
    OrderCondition { origin: String },

    #[error("scenario `{scenario}` refers to {kind} `{name}`, which is not defined")]
    #[diagnostic(
        code(pactc::expand::missing_reference),
        help("run `pactc check` on the spec: it reports where the name is misspelled")
    )]
    MissingReference {
        scenario: String,
        kind: &'static str,
        name: String,
    },

    #[error(
        "evaluation `{evaluation}` expands to {cells} cells, above the limit of {limit}: {factors}"
    )]
    #[diagnostic(
        code(pactc::expand::too_large),
        help(
            "cut items with `subset: N items seed S`, drop combinations with `drop:`, raise \
             `max_cells` in the evaluation, or pass --allow-large"
        )
    )]
    TooLarge {
        evaluation: String,
        cells: u64,
        limit: u64,
        factors: String,
    },

    #[error("the spec's templates have {} error(s)", errors.len())]
    #[diagnostic(code(pactc::expand::templates))]
    Templates {
        #[related]
        errors: Vec<TemplateError>,
    },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Render(#[from] RenderError),

    #[error("failed to write the output: {0}")]
    #[diagnostic(
        code(pactc::expand::write),
        help("check that the output path is writable and the disk has space")
    )]
    Write(#[from] std::io::Error),
}

impl ExpandError {
    pub(crate) fn evaluation_not_found(spec: &Spec, name: &str) -> Self {
        let known: Vec<&str> = spec.evaluations.keys().map(String::as_str).collect();
        let closest = known
            .iter()
            .map(|candidate| (strsim::jaro_winkler(candidate, name), *candidate))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let help = match (closest, known.is_empty()) {
            (Some((_, candidate)), _) => format!("did you mean `{candidate}`?"),
            (None, true) => "the spec declares no evaluation".to_string(),
            (None, false) => format!("the evaluations are: {}", known.join(", ")),
        };
        ExpandError::EvaluationNotFound {
            name: name.to_string(),
            help,
        }
    }
}
