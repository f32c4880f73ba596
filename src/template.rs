//! Prompt templates: the embedded defaults, compile-time checks and rendering.
//!
//! Templates are minijinja files. A spec names them with `builtin:NAME` or a path, and the
//! resolver loads their text into [`crate::model::Template`]. This module compiles them,
//! checks that they use only the variables listed in `docs/language.md` ("Template
//! variables"), and renders them for one cell at a time. It does not decide which cells
//! exist: that is [`crate::expand`].

use miette::{NamedSource, SourceSpan};
use minijinja::value::{Enumerator, Object, Value};
use minijinja::{Environment, UndefinedBehavior};
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{Spec, Template, TemplateOrigin};
use crate::source::{FileId, SourceMap, Span};

/// Names of the templates embedded in pactc, usable as `builtin:NAME` in a spec.
pub const BUILTIN_NAMES: [&str; 5] = [
    "decide",
    "system_neutral",
    "system_balancing",
    "human_personal",
    "human_norm",
];

/// Returns the text of an embedded template.
pub fn builtin(name: &str) -> Option<&'static str> {
    match name {
        "decide" => Some(include_str!("../templates/decide.j2")),
        "system_neutral" => Some(include_str!("../templates/system_neutral.j2")),
        "system_balancing" => Some(include_str!("../templates/system_balancing.j2")),
        "human_personal" => Some(include_str!("../templates/human_personal.j2")),
        "human_norm" => Some(include_str!("../templates/human_norm.j2")),
        _ => None,
    }
}

/// Top-level variables that hold a plain string.
const SCALAR_VARIABLES: [&str; 8] = [
    "holder",
    "holder_text",
    "demographics",
    "option_a",
    "option_b",
    "order",
    "system",
    "paraphrase",
];

/// Variables that differ between the cells of one item and persona combination.
const CELL_VARIABLES: [&str; 4] = ["option_a", "option_b", "order", "paraphrase"];

/// Top-level variables that hold an object, with their fixed attributes. The actor and the
/// receiver also have one attribute per demographic of the spec.
const OBJECT_VARIABLES: [(&str, &[&str]); 6] = [
    (
        "scenario",
        &["name", "type", "setting", "follow", "allow", "source"],
    ),
    ("actor", &["role", "phrase"]),
    ("receiver", &["role", "phrase"]),
    ("country", &["code", "name", "region"]),
    ("norm", &["name", "expectation"]),
    ("preference", &["name", "text", "reason"]),
];

/// A template that cannot be compiled, uses an unknown variable, or is not defined.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TemplateError {
    #[error("template `{template}` has invalid syntax: {message}")]
    #[diagnostic(
        code(pactc::template::syntax),
        help("fix the minijinja syntax at the marked line")
    )]
    Syntax {
        template: String,
        message: String,
        #[source_code]
        source_code: NamedSource<String>,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        /// Declaration of the first evaluation that uses the template.
        evaluation_at: Option<Span>,
    },

    #[error("template `{template}` uses `{variable}`, which is not a template variable")]
    #[diagnostic(code(pactc::template::undefined_variable), help("{help}"))]
    UndefinedVariable {
        template: String,
        variable: String,
        #[source_code]
        source_code: NamedSource<String>,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        help: String,
        /// Declaration of the first evaluation that uses the template.
        evaluation_at: Option<Span>,
    },

    #[error("evaluation `{evaluation}` uses template `{template}`, which is not defined")]
    #[diagnostic(code(pactc::template::not_found), help("{help}"))]
    NotFound {
        evaluation: String,
        template: String,
        help: String,
    },
}

/// A template that failed to render for one cell, such as a filter applied to a value of
/// the wrong type.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("template `{template}` failed to render for scenario `{scenario}` in {country}: {message}")]
#[diagnostic(
    code(pactc::template::render),
    help("check the template's expressions against the values of this scenario")
)]
pub struct RenderError {
    pub template: String,
    pub scenario: String,
    pub country: String,
    pub message: String,
}

/// Checks every template of the spec: syntax, and that only known variables are used.
///
/// Each diagnostic points at the line of the template that fails and names the evaluations
/// that use it. Templates that no evaluation uses are checked too.
pub fn check(spec: &Spec) -> Vec<TemplateError> {
    let mut errors = Vec::new();
    let mut env = new_environment();
    let allowed = AllowedVariables::of(spec);

    for template in spec.templates.values() {
        let users = evaluations_using(spec, &template.name);
        match env.add_template_owned(template.name.clone(), template.text.clone()) {
            Ok(()) => {}
            Err(error) => {
                errors.push(syntax_error(template, &error, &users));
                continue;
            }
        }
        let compiled = env
            .get_template(&template.name)
            .expect("a template that was just added is present");
        let mut variables: Vec<String> = compiled.undeclared_variables(true).into_iter().collect();
        variables.sort();
        for variable in variables {
            if !allowed.contains(&variable) && !is_global(&env, &variable) {
                errors.push(undefined_variable(template, &variable, &allowed, &users));
            }
        }
    }

    errors.extend(missing_templates(spec));
    errors
}

/// Runs [`check`] and converts its errors into spec diagnostics for `pactc check`.
///
/// Template files are added to `sources` (builtins as `builtin:NAME`), so the primary label
/// points at the template line. A secondary label points at the first evaluation that uses
/// the template.
pub fn diagnostics(spec: &Spec, sources: &mut SourceMap) -> Vec<Diagnostic> {
    let mut converted = Vec::new();
    for error in check(spec) {
        let (template, evaluation_at) = match &error {
            TemplateError::Syntax {
                template,
                evaluation_at,
                ..
            }
            | TemplateError::UndefinedVariable {
                template,
                evaluation_at,
                ..
            } => (Some(template), *evaluation_at),
            TemplateError::NotFound { .. } => (None, None),
        };
        let file = template
            .and_then(|name| spec.templates.get(name))
            .map(|template| source_file(template, sources));
        let mut diagnostic = Diagnostic::from_miette(&error, file);
        if let Some(span) = evaluation_at {
            diagnostic = diagnostic.also(span, "the evaluation that uses this template");
        }
        converted.push(diagnostic);
    }
    converted
}

fn source_file(template: &Template, sources: &mut SourceMap) -> FileId {
    let path = std::path::PathBuf::from(source_name(template));
    match sources.find(&path) {
        Some(file) => file,
        None => sources.add(path, template.text.as_str()),
    }
}

/// The template variables this spec provides, as `name` and `object.attribute` paths.
struct AllowedVariables {
    scalars: BTreeSet<String>,
    attributes: BTreeSet<String>,
    objects: BTreeSet<String>,
}

impl AllowedVariables {
    fn of(spec: &Spec) -> Self {
        let scalars = SCALAR_VARIABLES.iter().map(|s| s.to_string()).collect();
        let objects = OBJECT_VARIABLES
            .iter()
            .map(|(o, _)| o.to_string())
            .collect();
        let mut attributes = BTreeSet::new();
        for (object, fields) in OBJECT_VARIABLES {
            for field in fields {
                attributes.insert(format!("{object}.{field}"));
            }
        }
        for demographic in spec.demographics.keys() {
            attributes.insert(format!("actor.{demographic}"));
            attributes.insert(format!("receiver.{demographic}"));
        }
        AllowedVariables {
            scalars,
            attributes,
            objects,
        }
    }

    /// Tells whether a dotted path is provided. Attributes past the second level (such as a
    /// string method, `scenario.setting.upper`) are not variables and are not checked.
    fn contains(&self, path: &str) -> bool {
        let mut parts = path.splitn(3, '.');
        let head = parts.next().unwrap_or_default();
        match parts.next() {
            None => self.scalars.contains(head) || self.objects.contains(head),
            Some(attribute) if self.objects.contains(head) => {
                self.attributes.contains(&format!("{head}.{attribute}"))
            }
            // A method on a string, such as `holder.upper`.
            Some(_) => self.scalars.contains(head),
        }
    }

    fn all(&self) -> impl Iterator<Item = &String> {
        self.scalars.iter().chain(self.attributes.iter())
    }
}

fn is_global(env: &Environment<'_>, path: &str) -> bool {
    let head = path.split('.').next().unwrap_or_default();
    env.globals().any(|(name, _)| name == head)
}

fn evaluations_using(spec: &Spec, template: &str) -> Vec<(String, Span)> {
    spec.evaluations
        .values()
        .filter(|evaluation| {
            evaluation.prompts.iter().any(|t| t == template)
                || evaluation.systems.iter().any(|t| t == template)
                || evaluation.questions.iter().any(|t| t == template)
        })
        .map(|evaluation| (evaluation.name.clone(), evaluation.defined_at))
        .collect()
}

fn used_by(users: &[(String, Span)]) -> String {
    match users {
        [] => "no evaluation uses this template".to_string(),
        [(name, _)] => format!("used by evaluation `{name}`"),
        _ => {
            let names: Vec<String> = users.iter().map(|(name, _)| format!("`{name}`")).collect();
            format!("used by evaluations {}", names.join(", "))
        }
    }
}

fn source_name(template: &Template) -> String {
    match &template.origin {
        TemplateOrigin::Builtin(name) => format!("builtin:{name}"),
        TemplateOrigin::File(path) => path.display().to_string(),
    }
}

fn syntax_error(
    template: &Template,
    error: &minijinja::Error,
    users: &[(String, Span)],
) -> TemplateError {
    let span = match (error.range(), error.line()) {
        (Some(range), _) => SourceSpan::from(range),
        (None, Some(line)) => line_span(&template.text, line),
        (None, None) => SourceSpan::from(0..0),
    };
    let message = error.detail().unwrap_or("syntax error").to_string();
    TemplateError::Syntax {
        template: template.name.clone(),
        label: format!("{message}; {}", used_by(users)),
        message,
        source_code: NamedSource::new(source_name(template), template.text.clone()),
        span,
        evaluation_at: users.first().map(|(_, span)| *span),
    }
}

fn undefined_variable(
    template: &Template,
    variable: &str,
    allowed: &AllowedVariables,
    users: &[(String, Span)],
) -> TemplateError {
    let span = find_usage(&template.text, variable);
    let suggestion = allowed
        .all()
        .map(|candidate| (strsim::jaro_winkler(candidate, variable), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.clone());
    let help = match suggestion {
        Some(candidate) => format!(
            "did you mean `{candidate}`? The template variables are listed in docs/language.md"
        ),
        None => "use one of the template variables listed in docs/language.md".to_string(),
    };
    TemplateError::UndefinedVariable {
        template: template.name.clone(),
        variable: variable.to_string(),
        source_code: NamedSource::new(source_name(template), template.text.clone()),
        span,
        label: format!("not a template variable; {}", used_by(users)),
        help,
        evaluation_at: users.first().map(|(_, span)| *span),
    }
}

fn missing_templates(spec: &Spec) -> Vec<TemplateError> {
    let mut errors = Vec::new();
    for evaluation in spec.evaluations.values() {
        let referenced = evaluation
            .prompts
            .iter()
            .chain(&evaluation.systems)
            .chain(&evaluation.questions);
        for name in referenced {
            if spec.templates.contains_key(name) || builtin(name).is_some() {
                continue;
            }
            errors.push(TemplateError::NotFound {
                evaluation: evaluation.name.clone(),
                template: name.clone(),
                help: format!(
                    "declare it, for example `template {name} {{ file: \"templates/{name}.j2\" }}`"
                ),
            });
        }
    }
    errors
}

/// Finds where a variable is used, inside a `{{ }}` or `{% %}` tag. Falls back to the start
/// of the template when the path is written in a way the search does not recognise (with
/// spaces around the dots, for example).
fn find_usage(text: &str, path: &str) -> SourceSpan {
    for (start, end) in tag_ranges(text) {
        let tag = &text[start..end];
        if let Some(offset) = find_identifier(tag, path) {
            return SourceSpan::from(start + offset..start + offset + path.len());
        }
    }
    let head = path.split('.').next().unwrap_or(path);
    for (start, end) in tag_ranges(text) {
        if let Some(offset) = find_identifier(&text[start..end], head) {
            return SourceSpan::from(start + offset..start + offset + head.len());
        }
    }
    SourceSpan::from(0..0)
}

/// Byte ranges of the expression and statement tags of a template.
fn tag_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut position = 0;
    while let Some(found) = text[position..].find('{') {
        let open = position + found;
        let closing = match text[open + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                position = open + 1;
                continue;
            }
        };
        let body = open + 2;
        let end = text[body..].find(closing).map_or(text.len(), |i| body + i);
        if closing != "#}" {
            ranges.push((body, end));
        }
        position = (end + 2).min(text.len());
    }
    ranges
}

/// Finds `word` in `haystack` where it is not part of a longer identifier or attribute path.
fn find_identifier(haystack: &str, word: &str) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut from = 0;
    while let Some(found) = haystack[from..].find(word) {
        let start = from + found;
        let end = start + word.len();
        let before_ok = start == 0 || !(is_ident(bytes[start - 1]) || bytes[start - 1] == b'.');
        let after_ok = end == bytes.len() || !is_ident(bytes[end]);
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

fn line_span(text: &str, line: usize) -> SourceSpan {
    let mut start = 0;
    for (index, content) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let trimmed = content.trim_end_matches(['\n', '\r']);
            return SourceSpan::from(start..start + trimmed.len());
        }
        start += content.len();
    }
    SourceSpan::from(text.len()..text.len())
}

fn new_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
}

/// The spec's templates, compiled once and rendered for every cell.
pub struct Renderer {
    env: Environment<'static>,
    /// Templates that use a variable that differs between the cells of one persona
    /// combination (`option_a`, `option_b`, `order`, `paraphrase`).
    cell_dependent: BTreeSet<String>,
}

impl Renderer {
    /// Compiles the spec's templates, plus any builtin that the spec does not redefine.
    pub fn new(spec: &Spec) -> Result<Self, Vec<TemplateError>> {
        let errors = check(spec);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut env = new_environment();
        for name in BUILTIN_NAMES {
            if !spec.templates.contains_key(name) {
                let text = builtin(name).expect("every builtin name has a text");
                env.add_template(name, text)
                    .expect("the builtin templates compile");
            }
        }
        for template in spec.templates.values() {
            env.add_template_owned(template.name.clone(), template.text.clone())
                .expect("check compiled every template");
        }
        let cell_dependent = env
            .templates()
            .filter(|(_, template)| {
                let used = template.undeclared_variables(false);
                CELL_VARIABLES.iter().any(|name| used.contains(*name))
            })
            .map(|(name, _)| name.to_string())
            .collect();
        Ok(Renderer {
            env,
            cell_dependent,
        })
    }

    /// Whether the template's output can differ between option orders or paraphrases, so
    /// that it must be rendered for every cell rather than once per persona combination.
    pub fn depends_on_cell(&self, name: &str) -> bool {
        self.cell_dependent.contains(name)
    }

    /// Renders one template with the variables of one cell, without surrounding blank space.
    pub fn render(&self, name: &str, vars: &Arc<PromptVars>) -> Result<String, RenderError> {
        let failure = |error: minijinja::Error| RenderError {
            template: name.to_string(),
            scenario: vars.scenario_name.clone(),
            country: vars.country_name.clone(),
            message: error.to_string(),
        };
        let template = self.env.get_template(name).map_err(failure)?;
        let context = Value::from_dyn_object(vars.clone());
        let mut text = template.render(context).map_err(failure)?;
        trim_in_place(&mut text);
        Ok(text)
    }
}

fn trim_in_place(text: &mut String) {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    if start > 0 {
        text.drain(..start);
    }
}

/// The variables of one cell, as the templates see them.
///
/// Object variables (`scenario`, `actor`, ...) are minijinja maps, which are reference
/// counted, so cells of one item share them instead of copying their strings.
#[derive(Debug, Clone)]
pub struct PromptVars {
    pub scenario: Value,
    pub actor: Value,
    pub receiver: Value,
    pub country: Value,
    pub norm: Value,
    pub preference: Value,
    pub holder: Value,
    pub holder_text: Value,
    pub demographics: Value,
    pub option_a: Value,
    pub option_b: Value,
    pub order: Value,
    pub system: Value,
    pub paraphrase: Value,
    /// For error messages only.
    pub scenario_name: String,
    pub country_name: String,
}

const PROMPT_VARIABLE_NAMES: [&str; 14] = [
    "scenario",
    "actor",
    "receiver",
    "country",
    "norm",
    "preference",
    "holder",
    "holder_text",
    "demographics",
    "option_a",
    "option_b",
    "order",
    "system",
    "paraphrase",
];

impl Object for PromptVars {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let value = match key.as_str()? {
            "scenario" => &self.scenario,
            "actor" => &self.actor,
            "receiver" => &self.receiver,
            "country" => &self.country,
            "norm" => &self.norm,
            "preference" => &self.preference,
            "holder" => &self.holder,
            "holder_text" => &self.holder_text,
            "demographics" => &self.demographics,
            "option_a" => &self.option_a,
            "option_b" => &self.option_b,
            "order" => &self.order,
            "system" => &self.system,
            "paraphrase" => &self.paraphrase,
            _ => return None,
        };
        Some(value.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&PROMPT_VARIABLE_NAMES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_compile() {
        let mut env = new_environment();
        for name in BUILTIN_NAMES {
            let text = builtin(name).expect("builtin exists");
            assert!(env.add_template(name, text).is_ok(), "{name} compiles");
        }
    }

    #[test]
    fn find_usage_skips_longer_names() {
        let text = "{{ actor.phrase }} and {{ actor.nam }}";
        let span = find_usage(text, "actor.nam");
        assert_eq!(span.offset(), text.find("actor.nam }}").expect("present"));
    }

    #[test]
    fn find_usage_ignores_comments() {
        let text = "{# holder_x #}\n{{ holder_x }}";
        let span = find_usage(text, "holder_x");
        assert_eq!(span.offset(), 18);
    }

    #[test]
    fn line_span_covers_line() {
        let span = line_span("a\nbcd\ne", 2);
        assert_eq!((span.offset(), span.len()), (2, 3));
    }
}
