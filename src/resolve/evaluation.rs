//! Resolution of evaluations, constraints and the conditions they share.

use super::Resolver;

/// Most samples per cell: every sample is a request, and a run keeps the requests of one
/// cell in memory.
/// Maximum samples per cell that a spec or plan may request.
pub const MAX_SAMPLES: u32 = 10_000;
/// Highest sampling temperature that a spec or plan may set, the largest that the
/// OpenAI and Anthropic APIs accept.
pub const MAX_TEMPERATURE: f64 = 2.0;
use super::fields::{self, Fields, wrong_shape};
use super::table::{Declared, Kind};
use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::model::*;
use crate::syntax::{CompareOperator, Name, Value, ValueKind};

/// Fields an evaluation block may hold.
const EVALUATION_FIELDS: [&str; 15] = [
    "models",
    "prompts",
    "systems",
    "vary",
    "drop",
    "subset",
    "read",
    "fallback",
    "temperature",
    "top_p",
    "max_tokens",
    "seed",
    "other_mass_max",
    "max_cells",
    "questions",
];

/// Names of the factors that are not per-demographic.
const SIMPLE_FACTORS: [&str; 9] = [
    "country",
    "region",
    "scenario",
    "type",
    "holder",
    "demographics",
    "system",
    "paraphrase",
    "order",
];

impl Resolver<'_> {
    pub(super) fn constraint(&mut self, declared: &Declared) -> Constraint {
        let fields = self.fields(Kind::Constraint, declared, Some(&["drop"]));
        let name = &declared.definition.name;
        let drop = fields
            .required("drop", "holder == both", &mut self.diagnostics)
            .and_then(|value| self.condition(value))
            .unwrap_or(Condition::Or(Vec::new()));
        Constraint {
            name: name.text.clone(),
            drop,
            defined_at: name.span,
        }
    }

    pub(super) fn evaluation(&mut self, declared: &Declared) -> Evaluation {
        let fields = self.fields(Kind::Evaluation, declared, Some(&EVALUATION_FIELDS));
        let name = &declared.definition.name;
        let models = match fields.value("models", &mut self.diagnostics) {
            Some(value) => self.model_list(value),
            None => self.default_models(),
        };
        let prompts = self.template_list(&fields, "prompts", &["decide"]);
        let systems = self.template_list(&fields, "systems", &["neutral"]);
        let questions = self.template_list(&fields, "questions", &["human_personal", "human_norm"]);
        self.check_question_count(&fields);
        let vary = match fields.value("vary", &mut self.diagnostics) {
            Some(value) => self.factors(value),
            None => Vec::new(),
        };
        let drop = fields
            .value("drop", &mut self.diagnostics)
            .and_then(|value| self.condition(value));
        let subset = fields
            .value("subset", &mut self.diagnostics)
            .and_then(|value| self.subset(value));
        let read = fields
            .value("read", &mut self.diagnostics)
            .and_then(|value| self.read("read", value))
            .unwrap_or(Read::Logprobs);
        let fallback = fields
            .value("fallback", &mut self.diagnostics)
            .and_then(|value| self.read("fallback", value));
        let sampling = self.sampling(&fields);
        let other_mass_max = fields
            .value("other_mass_max", &mut self.diagnostics)
            .and_then(|value| {
                fields::number("other_mass_max", 0.0, 1.0, value, &mut self.diagnostics)
            });
        let max_cells = fields
            .value("max_cells", &mut self.diagnostics)
            .and_then(|value| fields::integer("max_cells", 1, value, &mut self.diagnostics))
            .map(|cells| cells as u64);
        Evaluation {
            name: name.text.clone(),
            models,
            prompts,
            systems,
            vary,
            drop,
            subset,
            read,
            fallback,
            sampling,
            other_mass_max,
            max_cells,
            questions,
            defined_at: name.span,
        }
    }

    /// Every declared model, in declaration order; the built-in model when none is declared.
    fn default_models(&mut self) -> Vec<String> {
        let names: Vec<String> = self.table.names(Kind::Model).map(str::to_string).collect();
        if names.is_empty() {
            self.builtin_model_needed = true;
            return vec![super::builtins::MODEL.to_string()];
        }
        for name in &names {
            self.table.mark_used(Kind::Model, name);
        }
        names
    }

    /// A list of model names; `smollm2` names the built-in model unless a model of that
    /// name is declared.
    fn model_list(&mut self, value: &Value) -> Vec<String> {
        let builtin = super::builtins::MODEL;
        let Some(names) = fields::names("models", "[smollm2]", value, &mut self.diagnostics) else {
            return Vec::new();
        };
        let mut models = Vec::new();
        for name in names {
            if name.text == builtin && !self.table.contains(Kind::Model, builtin) {
                self.builtin_model_needed = true;
                models.push(name.text.clone());
            } else if self
                .table
                .reference(Kind::Model, name, &mut self.diagnostics)
            {
                models.push(name.text.clone());
            }
        }
        models
    }

    /// A list of template names; names of built-in templates that are not declared refer
    /// to the built-in ones.
    fn template_list(&mut self, fields: &Fields<'_>, key: &str, default: &[&str]) -> Vec<String> {
        let Some(value) = fields.value(key, &mut self.diagnostics) else {
            for name in default {
                self.use_template(name);
            }
            return default.iter().map(|name| name.to_string()).collect();
        };
        let example = format!("[{}]", default.join(", "));
        let Some(names) = fields::names(key, &example, value, &mut self.diagnostics) else {
            return Vec::new();
        };
        let mut templates = Vec::new();
        for name in names {
            if self.table.contains(Kind::Template, &name.text)
                || super::builtins::template(&name.text).is_some()
            {
                self.use_template(&name.text);
                templates.push(name.text.clone());
            } else {
                let diagnostic = self.table.missing_reference(Kind::Template, name);
                self.diagnostics.push(diagnostic);
            }
        }
        templates
    }

    /// The human-study questions are positional, the personal question first and the norm
    /// question second, because the human-data loader joins answers by that kind.
    fn check_question_count(&mut self, fields: &Fields<'_>) {
        // A block in place of the list was reported when the list was read.
        let Some(value) = fields.value("questions", &mut Vec::new()) else {
            return;
        };
        if let ValueKind::List(items) = &value.kind
            && items.len() != 2
        {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!(
                        "`questions` lists {} templates, but the human study asks two questions",
                        items.len()
                    ),
                )
                .at(
                    value.span,
                    "expected the personal question, then the norm question",
                )
                .help("write `questions: [human_personal, human_norm]` with your own templates"),
            );
        }
    }

    fn use_template(&mut self, name: &str) {
        self.table.mark_used(Kind::Template, name);
        if !self.table.contains(Kind::Template, name) {
            self.builtin_templates.insert(name.to_string());
        }
    }

    fn factors(&mut self, value: &Value) -> Vec<Factor> {
        let ValueKind::List(items) = &value.kind else {
            self.diagnostics.push(wrong_shape(
                "vary",
                "a list of factors",
                "[holder, actor.age]",
                value,
            ));
            return Vec::new();
        };
        let mut factors: Vec<Factor> = Vec::new();
        for item in items {
            let Some(factor) = self.factor(item) else {
                continue;
            };
            if factors.contains(&factor) {
                self.diagnostics.push(
                    Diagnostic::error(Code::InvalidValue, "factor listed twice in `vary`")
                        .at(item.span, "listed again here")
                        .help("list each factor once"),
                );
                continue;
            }
            factors.push(factor);
        }
        factors
    }

    /// A factor name such as `holder` or `actor.age`.
    fn factor(&mut self, value: &Value) -> Option<Factor> {
        let ValueKind::Path(parts) = &value.kind else {
            self.diagnostics
                .push(wrong_shape("factor", "a factor name", "holder", value));
            return None;
        };
        match parts.as_slice() {
            [single] => self.simple_factor(single),
            [role, demographic] if matches!(role.text.as_str(), "actor" | "receiver") => {
                if !self
                    .table
                    .reference(Kind::Demographic, demographic, &mut self.diagnostics)
                {
                    return None;
                }
                let role = if role.text == "actor" {
                    Role::Actor
                } else {
                    Role::Receiver
                };
                Some(Factor::Persona {
                    role,
                    demographic: demographic.text.clone(),
                })
            }
            _ => {
                self.diagnostics
                    .push(unknown_factor(value, &joined(parts), self.factor_names()));
                None
            }
        }
    }

    fn simple_factor(&mut self, name: &Name) -> Option<Factor> {
        let factor = match name.text.as_str() {
            "country" => Factor::Country,
            "region" => Factor::Region,
            "scenario" => Factor::Scenario,
            "type" => Factor::ScenarioType,
            "holder" => Factor::Holder,
            "demographics" => Factor::Demographics,
            "system" => Factor::System,
            "paraphrase" => Factor::Paraphrase,
            "order" => Factor::Order,
            _ => {
                let value = Value {
                    kind: ValueKind::Path(vec![name.clone()]),
                    span: name.span,
                };
                self.diagnostics
                    .push(unknown_factor(&value, &name.text, self.factor_names()));
                return None;
            }
        };
        Some(factor)
    }

    fn factor_names(&self) -> Vec<String> {
        let mut names: Vec<String> = SIMPLE_FACTORS.iter().map(|name| name.to_string()).collect();
        for demographic in self.table.names(Kind::Demographic) {
            names.push(format!("actor.{demographic}"));
            names.push(format!("receiver.{demographic}"));
        }
        names
    }

    /// A condition of a constraint or of an evaluation's `drop`.
    pub(super) fn condition(&mut self, value: &Value) -> Option<Condition> {
        match &value.kind {
            ValueKind::Group(inner) => self.condition(inner),
            ValueKind::Not(inner) => Some(Condition::Not(Box::new(self.condition(inner)?))),
            ValueKind::And(parts) => self.conditions(parts).map(Condition::And),
            ValueKind::Or(parts) => self.conditions(parts).map(Condition::Or),
            ValueKind::Compare {
                left,
                operator,
                right,
            } => {
                let factor = self.factor(left)?;
                let level = self.level(&factor, right)?;
                Some(match operator {
                    CompareOperator::Equals => Condition::Equals { factor, level },
                    CompareOperator::NotEquals => Condition::NotEquals { factor, level },
                })
            }
            ValueKind::In { left, list } => {
                let factor = self.factor(left)?;
                let ValueKind::List(items) = &list.kind else {
                    return None;
                };
                let levels: Option<Vec<String>> =
                    items.iter().map(|item| self.level(&factor, item)).collect();
                Some(Condition::In {
                    factor,
                    levels: levels?,
                })
            }
            _ => {
                self.diagnostics.push(wrong_shape(
                    "drop",
                    "a condition",
                    "holder == both and demographics == hidden",
                    value,
                ));
                None
            }
        }
    }

    fn conditions(&mut self, parts: &[Value]) -> Option<Vec<Condition>> {
        let conditions: Vec<Option<Condition>> =
            parts.iter().map(|part| self.condition(part)).collect();
        conditions.into_iter().collect()
    }

    /// A level of `factor`, checked against the levels it can take.
    fn level(&mut self, factor: &Factor, value: &Value) -> Option<String> {
        let level = match &value.kind {
            ValueKind::Path(parts) if parts.len() == 1 => parts[0].text.clone(),
            ValueKind::String(literal) => literal.value.clone(),
            _ => {
                self.diagnostics
                    .push(wrong_shape("level", "a level name", "both", value));
                return None;
            }
        };
        let levels = self.levels(factor);
        if levels.contains(&level) {
            return Some(level);
        }
        let help = match suggest(&level, levels.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None if levels.is_empty() => {
                "declare the definitions this factor ranges over".to_string()
            }
            None => format!("the levels are: {}", levels.join(", ")),
        };
        self.diagnostics.push(
            Diagnostic::error(
                Code::UnknownReference,
                format!(
                    "`{level}` is not a level of factor `{}`",
                    factor_name(factor)
                ),
            )
            .at(value.span, "unknown level")
            .help(help),
        );
        None
    }

    fn levels(&self, factor: &Factor) -> Vec<String> {
        let names = |kind| self.table.names(kind).map(str::to_string).collect();
        match factor {
            Factor::Country => names(Kind::Country),
            Factor::Region => names(Kind::Region),
            Factor::Scenario => names(Kind::Scenario),
            Factor::ScenarioType => self.scenario_types(),
            Factor::Holder => Holder::ALL
                .iter()
                .map(|holder| holder.as_str().to_string())
                .collect(),
            Factor::Demographics => vec!["shown".to_string(), "hidden".to_string()],
            Factor::System | Factor::Paraphrase => {
                let mut templates: Vec<String> = names(Kind::Template);
                templates.extend(
                    super::builtins::TEMPLATE_NAMES
                        .iter()
                        .map(|name| name.to_string()),
                );
                templates
            }
            Factor::Order => vec!["follow_first".to_string(), "allow_first".to_string()],
            Factor::Persona { demographic, .. } => {
                let mut levels = self.demographic_levels(demographic);
                levels.push("none".to_string());
                levels
            }
        }
    }

    fn subset(&mut self, value: &Value) -> Option<Subset> {
        let example = "40 items seed 7";
        let ValueKind::Phrase(atoms) = &value.kind else {
            self.diagnostics
                .push(wrong_shape("subset", "`N items seed S`", example, value));
            return None;
        };
        let words: Vec<Option<&str>> = atoms.iter().map(word_of).collect();
        let (count, seed) = match words.as_slice() {
            [None, Some("items")] => (&atoms[0], None),
            [None, Some("items"), Some("seed"), None] => (&atoms[0], Some(&atoms[3])),
            _ => {
                self.diagnostics
                    .push(wrong_shape("subset", "`N items seed S`", example, value));
                return None;
            }
        };
        let items = fields::integer("subset", 1, count, &mut self.diagnostics)?;
        let seed = match seed {
            Some(seed) => fields::integer("seed", 0, seed, &mut self.diagnostics)?,
            None => 0,
        };
        Some(Subset {
            items: items as u64,
            seed: seed as u64,
        })
    }

    fn read(&mut self, key: &str, value: &Value) -> Option<Read> {
        match &value.kind {
            ValueKind::Path(parts) if parts.len() == 1 && parts[0].text == "logprobs" => {
                Some(Read::Logprobs)
            }
            ValueKind::Phrase(atoms)
                if atoms.len() == 2 && word_of(&atoms[0]) == Some("samples") =>
            {
                let n = fields::integer("samples", 1, &atoms[1], &mut self.diagnostics)?;
                match u32::try_from(n) {
                    Ok(n) if n > MAX_SAMPLES => {
                        self.diagnostics.push(
                            Diagnostic::error(
                                Code::InvalidValue,
                                format!("`samples {n}` asks for more than {MAX_SAMPLES} samples per cell"),
                            )
                            .at(atoms[1].span, format!("at most {MAX_SAMPLES}"))
                            .help("sample fewer times per cell, such as `samples 5`"),
                        );
                        None
                    }
                    Ok(n) => Some(Read::Samples { n }),
                    Err(_) => {
                        self.diagnostics.push(too_large("samples", &atoms[1]));
                        None
                    }
                }
            }
            _ => {
                self.diagnostics.push(wrong_shape(
                    key,
                    "`logprobs` or `samples N`",
                    "samples 5",
                    value,
                ));
                None
            }
        }
    }

    fn sampling(&mut self, fields: &Fields<'_>) -> Sampling {
        let mut sampling = Sampling {
            temperature: 0.0,
            top_p: None,
            max_tokens: 8,
            seed: 0,
        };
        if let Some(value) = fields.value("temperature", &mut self.diagnostics) {
            sampling.temperature = fields::number(
                "temperature",
                0.0,
                MAX_TEMPERATURE,
                value,
                &mut self.diagnostics,
            )
            .unwrap_or(0.0);
        }
        if let Some(value) = fields.value("top_p", &mut self.diagnostics) {
            sampling.top_p = fields::number("top_p", 0.0, 1.0, value, &mut self.diagnostics);
        }
        if let Some(value) = fields.value("max_tokens", &mut self.diagnostics)
            && let Some(tokens) = fields::integer("max_tokens", 1, value, &mut self.diagnostics)
        {
            match u32::try_from(tokens) {
                Ok(tokens) => sampling.max_tokens = tokens,
                Err(_) => self.diagnostics.push(too_large("max_tokens", value)),
            }
        }
        if let Some(value) = fields.value("seed", &mut self.diagnostics) {
            sampling.seed =
                fields::integer("seed", 0, value, &mut self.diagnostics).unwrap_or(0) as u64;
        }
        sampling
    }
}

fn word_of(value: &Value) -> Option<&str> {
    match &value.kind {
        ValueKind::Path(parts) if parts.len() == 1 => Some(parts[0].text.as_str()),
        _ => None,
    }
}

fn joined(parts: &[Name]) -> String {
    parts
        .iter()
        .map(|part| part.text.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn too_large(key: &str, value: &Value) -> Diagnostic {
    Diagnostic::error(Code::InvalidValue, format!("`{key}` is too large"))
        .at(value.span, "larger than 4294967295")
        .help(format!("write a smaller `{key}`"))
}

fn unknown_factor(value: &Value, name: &str, known: Vec<String>) -> Diagnostic {
    let help = match suggest(name, known.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the factors are: {}", known.join(", ")),
    };
    Diagnostic::error(Code::UnknownReference, format!("unknown factor `{name}`"))
        .at(value.span, "not a factor")
        .help(help)
}

/// The name of a factor as written in a spec.
pub fn factor_name(factor: &Factor) -> String {
    match factor {
        Factor::Country => "country".to_string(),
        Factor::Region => "region".to_string(),
        Factor::Scenario => "scenario".to_string(),
        Factor::ScenarioType => "type".to_string(),
        Factor::Holder => "holder".to_string(),
        Factor::Demographics => "demographics".to_string(),
        Factor::System => "system".to_string(),
        Factor::Paraphrase => "paraphrase".to_string(),
        Factor::Order => "order".to_string(),
        Factor::Persona { role, demographic } => match role {
            Role::Actor => format!("actor.{demographic}"),
            Role::Receiver => format!("receiver.{demographic}"),
        },
    }
}
