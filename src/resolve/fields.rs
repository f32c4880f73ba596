//! Reading the fields of a definition block: unknown, duplicate and missing fields, and
//! values of the expected shape.

use indexmap::IndexMap;

use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::source::Span;
use crate::syntax::{Block, Entry, Name, Value, ValueKind};

/// The fields of one block, by key, with the diagnostics found while reading them.
pub struct Fields<'a> {
    /// The owner of the block in messages, such as "norm `remove_shoes`".
    owner: String,
    owner_span: Span,
    entries: IndexMap<&'a str, &'a Entry>,
    /// Keys that an unknown field was suggested for; their absence is not reported again.
    suggested: Vec<String>,
}

impl<'a> Fields<'a> {
    /// Indexes `block`. With `allowed`, any other key is an unknown-field error; `None`
    /// accepts every key (open blocks such as `backend`).
    pub fn new(
        block: &'a Block,
        allowed: Option<&[&str]>,
        owner: String,
        owner_span: Span,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Fields<'a> {
        let mut entries: IndexMap<&str, &Entry> = IndexMap::new();
        let mut suggested = Vec::new();
        for entry in &block.entries {
            let key = entry.key();
            if let Some(first) = entries.get(key.text.as_str()) {
                diagnostics.push(duplicate_field(&owner, key, first.key().span));
                continue;
            }
            if let Some(allowed) = allowed
                && !allowed.contains(&key.text.as_str())
            {
                let near = suggest(&key.text, allowed.iter().copied());
                diagnostics.push(unknown_field(&owner, key, allowed, near));
                suggested.extend(near.map(str::to_string));
                continue;
            }
            entries.insert(key.text.as_str(), entry);
        }
        Fields {
            owner,
            owner_span,
            entries,
            suggested,
        }
    }

    /// Returns the value of `key: value`, reporting a nested block under `key` as an error.
    pub fn value(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a Value> {
        match self.entries.get(key)? {
            Entry::Field(field) => Some(&field.value),
            Entry::Nested(nested) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("`{key}` of {} takes a value, not a block", self.owner),
                    )
                    .at(nested.key.span, "written as a block")
                    .help(format!("write `{key}: VALUE`")),
                );
                None
            }
        }
    }

    /// The value of a field that must be present.
    pub fn required(
        &self,
        key: &str,
        example: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<&'a Value> {
        if !self.entries.contains_key(key) {
            if self.suggested.iter().any(|suggested| suggested == key) {
                return None;
            }
            diagnostics.push(
                Diagnostic::error(
                    Code::MissingField,
                    format!("{} has no `{key}` field", self.owner),
                )
                .at(self.owner_span, format!("`{key}` is required"))
                .help(format!("add `{key}: {example}` to its block")),
            );
            return None;
        }
        self.value(key, diagnostics)
    }

    /// Returns the block of `key { ... }`, reporting `key: value` as an error.
    pub fn nested(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a Block> {
        match self.entries.get(key)? {
            Entry::Nested(nested) => Some(&nested.block),
            Entry::Field(field) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("`{key}` of {} takes a block, not a value", self.owner),
                    )
                    .at(field.value.span, "expected `{ ... }`")
                    .help(format!(
                        "write `{key} {{ NAME: \"text\" }}` without a colon"
                    )),
                );
                None
            }
        }
    }

    /// Returns every entry in order, for open blocks.
    pub fn entries(&self) -> impl Iterator<Item = &'a Entry> + '_ {
        self.entries.values().copied()
    }

    pub fn owner(&self) -> &str {
        &self.owner
    }
}

fn duplicate_field(owner: &str, key: &Name, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateField,
        format!("field `{}` is given twice in {owner}", key.text),
    )
    .at(key.span, "given again here")
    .also(first, "first given here")
    .help(format!("keep one `{}` field", key.text))
}

fn unknown_field(owner: &str, key: &Name, allowed: &[&str], near: Option<&str>) -> Diagnostic {
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the fields of {owner} are: {}", allowed.join(", ")),
    };
    Diagnostic::error(
        Code::UnknownField,
        format!("unknown field `{}` in {owner}", key.text),
    )
    .at(key.span, "not a field of this block")
    .help(help)
}

/// Describes the shape of a value for messages: "a string", "a list".
pub fn describe(value: &Value) -> &'static str {
    match &value.kind {
        ValueKind::String(_) => "a string",
        ValueKind::Number(_) => "a number",
        ValueKind::Bool(_) => "`true` or `false`",
        ValueKind::Path(parts) if parts.len() == 1 => "a name",
        ValueKind::Path(_) => "a dotted name",
        ValueKind::List(_) => "a list",
        ValueKind::Phrase(_) => "several words",
        ValueKind::Group(_) => "a value in parentheses",
        ValueKind::Compare { .. }
        | ValueKind::In { .. }
        | ValueKind::Not(_)
        | ValueKind::And(_)
        | ValueKind::Or(_) => "a condition",
    }
}

/// Builds an invalid-value error: `key` expected `expected` but found the value's shape.
pub fn wrong_shape(key: &str, expected: &str, example: &str, value: &Value) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        format!("`{key}` expects {expected}, found {}", describe(value)),
    )
    .at(value.span, format!("expected {expected}"))
    .help(format!("write `{key}: {example}`"))
}

/// Reads a string value.
pub fn string(key: &str, value: &Value, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match &value.kind {
        ValueKind::String(literal) => Some(literal.value.clone()),
        _ => {
            diagnostics.push(wrong_shape(key, "a string", "\"...\"", value));
            None
        }
    }
}

/// Reads a single name such as `remove_shoes`.
pub fn name<'v>(
    key: &str,
    value: &'v Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'v Name> {
    match &value.kind {
        ValueKind::Path(parts) if parts.len() == 1 => Some(&parts[0]),
        _ => {
            diagnostics.push(wrong_shape(key, "a name", "NAME", value));
            None
        }
    }
}

/// Reads a name or a string, for free-form words such as a scenario type or a role.
pub fn word(key: &str, value: &Value, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match &value.kind {
        ValueKind::Path(parts) if parts.len() == 1 => Some(parts[0].text.clone()),
        ValueKind::String(literal) => Some(literal.value.clone()),
        _ => {
            diagnostics.push(wrong_shape(key, "a name or a string", "NAME", value));
            None
        }
    }
}

/// Reads a non-empty list of names.
pub fn names<'v>(
    key: &str,
    example: &str,
    value: &'v Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<&'v Name>> {
    let ValueKind::List(items) = &value.kind else {
        diagnostics.push(wrong_shape(key, "a list of names", example, value));
        return None;
    };
    if items.is_empty() {
        diagnostics.push(
            Diagnostic::error(Code::InvalidValue, format!("`{key}` is an empty list"))
                .at(value.span, "empty list")
                .help(format!("list at least one name, as in `{key}: {example}`")),
        );
        return None;
    }
    let mut found: Vec<&Name> = Vec::new();
    let mut repeated = false;
    for item in items {
        match &item.kind {
            ValueKind::Path(parts) if parts.len() == 1 => {
                let name = &parts[0];
                // A repeated name would run or count the same thing twice.
                if found.iter().any(|earlier| earlier.text == name.text) {
                    repeated = true;
                    diagnostics.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("`{key}` lists `{}` twice", name.text),
                        )
                        .at(name.span, "listed again here")
                        .help("remove the repeated name"),
                    );
                }
                found.push(name);
            }
            _ => diagnostics.push(wrong_shape(key, "a list of names", example, item)),
        }
    }
    (found.len() == items.len() && !repeated).then_some(found)
}

/// Reads a whole number of at least `minimum`.
pub fn integer(
    key: &str,
    minimum: i64,
    value: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<i64> {
    let parsed = match &value.kind {
        ValueKind::Number(raw) => raw.parse::<i64>().ok(),
        _ => None,
    };
    match parsed {
        Some(number) if number >= minimum => Some(number),
        Some(number) => {
            diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`{key}` is {number}, but it must be at least {minimum}"),
                )
                .at(value.span, format!("must be {minimum} or more"))
                .help(format!("write a whole number of at least {minimum}")),
            );
            None
        }
        None => {
            let example = minimum.max(1).to_string();
            diagnostics.push(wrong_shape(key, "a whole number", &example, value));
            None
        }
    }
}

/// Reads a number from `minimum` to `maximum`, both included.
pub fn number(
    key: &str,
    minimum: f64,
    maximum: f64,
    value: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let parsed = match &value.kind {
        ValueKind::Number(raw) => raw.parse::<f64>().ok(),
        _ => None,
    };
    match parsed {
        Some(number) if (minimum..=maximum).contains(&number) => Some(number),
        Some(number) => {
            diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`{key}` is {number}, outside {minimum} to {maximum}"),
                )
                .at(value.span, "out of range")
                .help(format!("write a number from {minimum} to {maximum}")),
            );
            None
        }
        None => {
            diagnostics.push(wrong_shape(key, "a number", &minimum.to_string(), value));
            None
        }
    }
}
