//! Resolution of the simple definitions: regions, countries, norms, preferences,
//! demographics, scenarios, templates, constraints, backends and models.

use indexmap::IndexMap;
use std::collections::BTreeMap;

use super::Resolver;
use super::fields::{self, Fields};
use super::table::{Declared, Kind};
use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::model::*;
use crate::syntax::{Entry, Name, Value, ValueKind};

/// Scenario text fields whose placeholders are checked.
const PLACEHOLDERS: [&str; 3] = ["actor", "receiver", "country"];

/// Backend kinds the compiler accepts; each backend checks its own keys at run time.
pub const BACKEND_KINDS: [&str; 5] = ["embedded", "openai", "anthropic", "fixed", "seeded"];

impl Resolver<'_> {
    pub(super) fn fields<'d>(
        &mut self,
        kind: Kind,
        declared: &'d Declared,
        allowed: Option<&[&str]>,
    ) -> Fields<'d> {
        let definition = &declared.definition;
        Fields::new(
            &definition.body,
            allowed,
            format!("{} `{}`", kind.keyword(), definition.name.text),
            definition.name.span,
            &mut self.diagnostics,
        )
    }

    pub(super) fn region(&mut self, declared: &Declared) -> Region {
        let fields = self.fields(Kind::Region, declared, Some(&["name"]));
        let name = &declared.definition.name;
        let label = fields
            .value("name", &mut self.diagnostics)
            .and_then(|value| fields::string("name", value, &mut self.diagnostics))
            .unwrap_or_else(|| name.text.clone());
        Region {
            name: name.text.clone(),
            label,
            defined_at: name.span,
        }
    }

    pub(super) fn country(&mut self, declared: &Declared) -> Country {
        let fields = self.fields(
            Kind::Country,
            declared,
            Some(&["name", "region", "close", "far"]),
        );
        let code = &declared.definition.name;
        if !is_country_code(&code.text) {
            self.diagnostics.push(bad_country_code(code));
        }
        let name = self.required_string(&fields, "name", "\"Japan\"");
        let region = fields
            .required("region", "REGION", &mut self.diagnostics)
            .and_then(|value| self.reference(Kind::Region, "region", value))
            .unwrap_or_default();
        let close = self.optional_references(&fields, Kind::Country, "close", "[KR, CN]");
        let far = self.optional_references(&fields, Kind::Country, "far", "[US, GB]");
        Country {
            code: code.text.clone(),
            name,
            region,
            close,
            far,
            defined_at: code.span,
        }
    }

    pub(super) fn norm(&mut self, declared: &Declared) -> Norm {
        let fields = self.fields(
            Kind::Norm,
            declared,
            Some(&["expectation", "holds_in", "source"]),
        );
        let name = &declared.definition.name;
        let expectation = self.required_string(&fields, "expectation", "\"...\"");
        let holds_in = match fields.required("holds_in", "[JP, KR]", &mut self.diagnostics) {
            Some(value) => self.references(Kind::Country, "holds_in", "[JP, KR]", value),
            None => Vec::new(),
        };
        let source = self.optional_string(&fields, "source").unwrap_or_default();
        Norm {
            name: name.text.clone(),
            expectation,
            holds_in,
            source,
            defined_at: name.span,
        }
    }

    pub(super) fn preference(&mut self, declared: &Declared) -> Preference {
        let fields = self.fields(Kind::Preference, declared, Some(&["text", "reason"]));
        let name = &declared.definition.name;
        Preference {
            name: name.text.clone(),
            text: self.required_string(&fields, "text", "\"keep their shoes on\""),
            reason: self.required_string(&fields, "reason", "\"...\""),
            defined_at: name.span,
        }
    }

    pub(super) fn demographic(&mut self, declared: &Declared) -> Demographic {
        let fields = self.fields(Kind::Demographic, declared, Some(&["levels", "labels"]));
        let name = &declared.definition.name;
        let level_names: Vec<Name> = fields
            .required("levels", "[younger, older]", &mut self.diagnostics)
            .and_then(|value| {
                fields::names("levels", "[younger, older]", value, &mut self.diagnostics)
            })
            .map(|names| names.into_iter().cloned().collect())
            .unwrap_or_default();
        self.check_unique_levels(&level_names);
        let mut labels = self.labels(&fields, &level_names);
        let levels = level_names
            .iter()
            .map(|level| Level {
                name: level.text.clone(),
                label: labels
                    .remove(&level.text)
                    .unwrap_or_else(|| level.text.clone()),
            })
            .collect();
        Demographic {
            name: name.text.clone(),
            levels,
            defined_at: name.span,
        }
    }

    fn check_unique_levels(&mut self, levels: &[Name]) {
        for (index, level) in levels.iter().enumerate() {
            if level.text == "none" {
                self.diagnostics.push(
                    Diagnostic::error(Code::InvalidValue, "`none` is reserved as a level name")
                        .at(level.span, "reserved")
                        .help("pick another name: `none` is the level of a cell with demographics hidden"),
                );
            }
            if let Some(first) = levels[..index]
                .iter()
                .find(|first| first.text == level.text)
            {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("level `{}` is listed twice", level.text),
                    )
                    .at(level.span, "listed again here")
                    .also(first.span, "first listed here")
                    .help("list each level once"),
                );
            }
        }
    }

    fn labels(&mut self, fields: &Fields<'_>, levels: &[Name]) -> BTreeMap<String, String> {
        let mut labels = BTreeMap::new();
        let Some(block) = fields.nested("labels", &mut self.diagnostics) else {
            return labels;
        };
        let allowed: Vec<&str> = levels.iter().map(|level| level.text.as_str()).collect();
        let owner = format!("the labels of {}", fields.owner());
        let entries = Fields::new(
            block,
            Some(&allowed),
            owner,
            block.span,
            &mut self.diagnostics,
        );
        for entry in entries.entries() {
            if let Entry::Field(field) = entry
                && let Some(text) =
                    fields::string(&field.key.text, &field.value, &mut self.diagnostics)
            {
                labels.insert(field.key.text.clone(), text);
            }
        }
        labels
    }

    pub(super) fn scenario(&mut self, declared: &Declared) -> Scenario {
        const ALLOWED: [&str; 11] = [
            "type",
            "setting",
            "actor",
            "receiver",
            "norm",
            "preference",
            "follow",
            "allow",
            "countries",
            "source",
            "holder_text",
        ];
        let fields = self.fields(Kind::Scenario, declared, Some(&ALLOWED));
        let name = &declared.definition.name;
        let kind = self.required_word(&fields, "type", "hospitality");
        let actor_role = self.required_word(&fields, "actor", "\"guest\"");
        let receiver_role = self.required_word(&fields, "receiver", "\"host\"");
        let norm = fields
            .required("norm", "NORM", &mut self.diagnostics)
            .and_then(|value| self.reference(Kind::Norm, "norm", value));
        let preference = fields
            .required("preference", "PREFERENCE", &mut self.diagnostics)
            .and_then(|value| self.reference(Kind::Preference, "preference", value))
            .unwrap_or_default();
        let setting = self.placeholder_string(&fields, "setting");
        let follow = self.placeholder_string(&fields, "follow");
        let allow = self.placeholder_string(&fields, "allow");
        let holder_text = self.holder_text(&fields);
        let source = self.optional_string(&fields, "source");
        let countries = self.scenario_countries(&fields, norm.as_deref());
        Scenario {
            name: name.text.clone(),
            kind,
            setting,
            actor_role,
            receiver_role,
            norm: norm.unwrap_or_default(),
            preference,
            follow,
            allow,
            countries,
            holder_text,
            source,
            defined_at: name.span,
        }
    }

    /// The norm's countries, narrowed by the scenario's own `countries` when given.
    fn scenario_countries(&mut self, fields: &Fields<'_>, norm: Option<&str>) -> Vec<String> {
        let holds_in = norm
            .and_then(|norm| self.norm_countries(norm))
            .unwrap_or_default();
        let Some(value) = fields.value("countries", &mut self.diagnostics) else {
            return holds_in.iter().map(|name| name.text.clone()).collect();
        };
        let Some(listed) = fields::names("countries", "[JP]", value, &mut self.diagnostics) else {
            return Vec::new();
        };
        let mut countries = Vec::new();
        for country in listed {
            if !self
                .table
                .reference(Kind::Country, country, &mut self.diagnostics)
            {
                continue;
            }
            if let Some(norm) = norm
                && !holds_in.is_empty()
                && !holds_in.iter().any(|held| held.text == country.text)
            {
                self.diagnostics
                    .push(norm_not_held(norm, country, &holds_in));
                continue;
            }
            countries.push(country.text.clone());
        }
        countries
    }

    /// The `holds_in` names of a norm as written, for narrowing and messages.
    fn norm_countries(&self, norm: &str) -> Option<Vec<Name>> {
        let declared = self.table.get(Kind::Norm, norm)?;
        let entry = declared
            .definition
            .body
            .entries
            .iter()
            .find(|entry| entry.key().text == "holds_in")?;
        let Entry::Field(field) = entry else {
            return None;
        };
        let ValueKind::List(items) = &field.value.kind else {
            return None;
        };
        Some(
            items
                .iter()
                .filter_map(|item| match &item.kind {
                    ValueKind::Path(parts) if parts.len() == 1 => Some(parts[0].clone()),
                    _ => None,
                })
                .collect(),
        )
    }

    fn holder_text(&mut self, fields: &Fields<'_>) -> BTreeMap<Holder, String> {
        let mut texts = BTreeMap::new();
        let Some(block) = fields.nested("holder_text", &mut self.diagnostics) else {
            return texts;
        };
        let owner = format!("the holder_text of {}", fields.owner());
        let allowed = ["actor", "receiver", "both"];
        let entries = Fields::new(
            block,
            Some(&allowed),
            owner,
            block.span,
            &mut self.diagnostics,
        );
        for entry in entries.entries() {
            let Entry::Field(field) = entry else { continue };
            let holder = match field.key.text.as_str() {
                "actor" => Holder::Actor,
                "receiver" => Holder::Receiver,
                _ => Holder::Both,
            };
            if let Some(text) = fields::string(&field.key.text, &field.value, &mut self.diagnostics)
            {
                self.check_placeholders(&field.value, &text);
                texts.insert(holder, text);
            }
        }
        texts
    }

    fn placeholder_string(&mut self, fields: &Fields<'_>, key: &str) -> String {
        let Some(value) = fields.required(key, "\"...\"", &mut self.diagnostics) else {
            return String::new();
        };
        let Some(text) = fields::string(key, value, &mut self.diagnostics) else {
            return String::new();
        };
        self.check_placeholders(value, &text);
        text
    }

    /// Reports each `{name}` in a scenario text that is not `{actor}`, `{receiver}` or
    /// `{country}`, at its place in the string when the string has no escapes before it.
    fn check_placeholders(&mut self, value: &Value, text: &str) {
        let ValueKind::String(literal) = &value.kind else {
            return;
        };
        for (_, placeholder) in placeholders(text) {
            if PLACEHOLDERS.contains(&placeholder) {
                continue;
            }
            let written = format!("{{{placeholder}}}");
            let span = match literal.raw.find(&written) {
                Some(offset) => crate::source::Span::new(
                    value.span.file,
                    value.span.start as usize + offset,
                    value.span.start as usize + offset + written.len(),
                ),
                None => value.span,
            };
            let help = match suggest(placeholder, PLACEHOLDERS) {
                Some(near) => format!("did you mean `{{{near}}}`?"),
                None => {
                    "use `{actor}`, `{receiver}` or `{country}`, or write the text out".to_string()
                }
            };
            self.diagnostics.push(
                Diagnostic::error(
                    Code::UnknownPlaceholder,
                    format!("unknown placeholder `{written}`"),
                )
                .at(span, "not a placeholder of scenario texts")
                .help(help),
            );
        }
    }

    pub(super) fn template(&mut self, declared: &Declared) -> Template {
        let fields = self.fields(Kind::Template, declared, Some(&["file"]));
        let name = &declared.definition.name;
        let (origin, text) =
            match fields.required("file", "\"templates/NAME.j2\"", &mut self.diagnostics) {
                Some(value) => self.template_source(declared, value),
                None => (TemplateOrigin::Builtin(name.text.clone()), String::new()),
            };
        Template {
            name: name.text.clone(),
            origin,
            text,
            defined_at: name.span,
        }
    }

    fn template_source(&mut self, declared: &Declared, value: &Value) -> (TemplateOrigin, String) {
        let Some(file) = fields::string("file", value, &mut self.diagnostics) else {
            return (TemplateOrigin::Builtin(String::new()), String::new());
        };
        if let Some(builtin) = file.strip_prefix("builtin:") {
            let text = crate::template::builtin(builtin);
            if text.is_none() {
                let help = match suggest(builtin, crate::template::BUILTIN_NAMES) {
                    Some(near) => format!("did you mean `builtin:{near}`?"),
                    None => format!(
                        "the built-in templates are: {}",
                        crate::template::BUILTIN_NAMES.join(", ")
                    ),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::TemplateNotFound,
                        format!("no built-in template `{builtin}`"),
                    )
                    .at(value.span, "unknown built-in template")
                    .help(help),
                );
            }
            return (
                TemplateOrigin::Builtin(builtin.to_string()),
                text.unwrap_or_default().to_string(),
            );
        }
        let path = declared.directory.join(&file);
        let text = match super::files::read_text(&path) {
            Ok(text) => text,
            Err(_) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::TemplateNotFound,
                        format!("template file `{}` cannot be read", path.display()),
                    )
                    .at(value.span, "file not found or not readable UTF-8 text")
                    .help("check the path: it is relative to the directory of this spec file"),
                );
                String::new()
            }
        };
        (TemplateOrigin::File(path), text)
    }

    pub(super) fn backend(&mut self, declared: &Declared) -> Backend {
        let fields = self.fields(Kind::Backend, declared, None);
        let name = &declared.definition.name;
        let kind = fields
            .required("kind", "embedded", &mut self.diagnostics)
            .and_then(|value| {
                fields::word("kind", value, &mut self.diagnostics).map(|kind| (kind, value))
            });
        if let Some((kind, value)) = &kind
            && !BACKEND_KINDS.contains(&kind.as_str())
        {
            let help = match suggest(kind, BACKEND_KINDS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the backend kinds are: {}", BACKEND_KINDS.join(", ")),
            };
            self.diagnostics.push(
                Diagnostic::error(Code::InvalidValue, format!("unknown backend kind `{kind}`"))
                    .at(value.span, "not a backend kind")
                    .help(help),
            );
        }
        Backend {
            name: name.text.clone(),
            kind: kind.map(|(kind, _)| kind).unwrap_or_default(),
            settings: self.settings(&fields, &["kind"]),
            defined_at: name.span,
        }
    }

    pub(super) fn model(&mut self, declared: &Declared) -> Model {
        let fields = self.fields(Kind::Model, declared, None);
        let name = &declared.definition.name;
        let backend = fields
            .required("backend", "BACKEND", &mut self.diagnostics)
            .and_then(|value| self.reference(Kind::Backend, "backend", value))
            .unwrap_or_default();
        let id = self.required_string(&fields, "id", "\"model-id\"");
        let base_of = fields
            .value("base_of", &mut self.diagnostics)
            .and_then(|value| self.base_of(name, value));
        Model {
            name: name.text.clone(),
            backend,
            id,
            base_of,
            settings: self.settings(&fields, &["backend", "id", "base_of"]),
            defined_at: name.span,
        }
    }

    fn base_of(&mut self, model: &Name, value: &Value) -> Option<String> {
        let instruct = fields::name("base_of", value, &mut self.diagnostics)?;
        if instruct.text == model.text {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("model `{}` is named as its own base", model.text),
                )
                .at(instruct.span, "the same model")
                .help("set `base_of` to the instruct model that was tuned from this one"),
            );
            return None;
        }
        self.reference(Kind::Model, "base_of", value)
    }

    fn settings(
        &mut self,
        fields: &Fields<'_>,
        checked: &[&str],
    ) -> IndexMap<String, crate::model::Value> {
        let mut settings = IndexMap::new();
        for entry in fields.entries() {
            let key = &entry.key().text;
            if checked.contains(&key.as_str()) {
                continue;
            }
            match entry {
                Entry::Field(field) => {
                    if let Some(value) = setting_value(&field.value, &mut self.diagnostics) {
                        settings.insert(key.clone(), value);
                    }
                }
                Entry::Nested(nested) => self.diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("setting `{key}` cannot be a block"),
                    )
                    .at(nested.key.span, "nested block")
                    .help(format!(
                        "write `{key}: VALUE` with a string, number, name, `true`, `false` or list"
                    )),
                ),
            }
        }
        settings
    }

    pub(super) fn required_string(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        example: &str,
    ) -> String {
        fields
            .required(key, example, &mut self.diagnostics)
            .and_then(|value| fields::string(key, value, &mut self.diagnostics))
            .unwrap_or_default()
    }

    fn required_word(&mut self, fields: &Fields<'_>, key: &str, example: &str) -> String {
        fields
            .required(key, example, &mut self.diagnostics)
            .and_then(|value| fields::word(key, value, &mut self.diagnostics))
            .unwrap_or_default()
    }

    fn optional_string(&mut self, fields: &Fields<'_>, key: &str) -> Option<String> {
        fields
            .value(key, &mut self.diagnostics)
            .and_then(|value| fields::string(key, value, &mut self.diagnostics))
    }

    /// A single reference to a definition of `kind`.
    pub(super) fn reference(&mut self, kind: Kind, key: &str, value: &Value) -> Option<String> {
        let name = fields::name(key, value, &mut self.diagnostics)?;
        self.table
            .reference(kind, name, &mut self.diagnostics)
            .then(|| name.text.clone())
    }

    /// A non-empty list of references to definitions of `kind`; unknown names are left out.
    pub(super) fn references(
        &mut self,
        kind: Kind,
        key: &str,
        example: &str,
        value: &Value,
    ) -> Vec<String> {
        let Some(names) = fields::names(key, example, value, &mut self.diagnostics) else {
            return Vec::new();
        };
        names
            .into_iter()
            .filter(|name| self.table.reference(kind, name, &mut self.diagnostics))
            .map(|name| name.text.clone())
            .collect()
    }

    fn optional_references(
        &mut self,
        fields: &Fields<'_>,
        kind: Kind,
        key: &str,
        example: &str,
    ) -> Vec<String> {
        match fields.value(key, &mut self.diagnostics) {
            Some(value) => self.references(kind, key, example, value),
            None => Vec::new(),
        }
    }
}

/// Whether `code` has the form of an ISO 3166-1 alpha-2 code: two upper-case letters.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|byte| byte.is_ascii_uppercase())
}

fn bad_country_code(code: &Name) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidValue,
        format!("`{}` is not a country code", code.text),
    )
    .at(code.span, "expected two upper-case letters")
    .help("name countries by their ISO 3166-1 alpha-2 code, such as `JP` or `GB`")
}

fn norm_not_held(norm: &str, country: &Name, holds_in: &[Name]) -> Diagnostic {
    let listed: Vec<&str> = holds_in.iter().map(|name| name.text.as_str()).collect();
    let mut diagnostic = Diagnostic::error(
        Code::NormNotHeld,
        format!("norm `{norm}` does not hold in `{}`", country.text),
    )
    .at(
        country.span,
        format!("`{norm}` holds only in {}", listed.join(", ")),
    )
    .help(format!(
        "remove `{}` from the scenario's countries, or add it to `holds_in` of norm `{norm}`",
        country.text
    ));
    if let (Some(first), Some(last)) = (holds_in.first(), holds_in.last()) {
        diagnostic = diagnostic.also(
            first.span.to(last.span),
            "the countries where the norm holds",
        );
    }
    diagnostic
}

/// Each `{name}` in `text` with its byte offset; `name` is an identifier.
pub fn placeholders(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let length = after
            .find(|character: char| !(character.is_ascii_alphanumeric() || character == '_'))
            .unwrap_or(after.len());
        if length > 0 && after[length..].starts_with('}') {
            found.push((offset + open, &after[..length]));
        }
        offset += open + 1;
        rest = after;
    }
    found
}

/// Converts a value of an open block (`backend`, `model`) into a setting.
fn setting_value(value: &Value, diagnostics: &mut Vec<Diagnostic>) -> Option<crate::model::Value> {
    use crate::model::Value as Setting;
    match &value.kind {
        ValueKind::String(literal) => Some(Setting::String(literal.value.clone())),
        ValueKind::Bool(flag) => Some(Setting::Bool(*flag)),
        ValueKind::Number(raw) => match raw.parse::<i64>() {
            Ok(integer) => Some(Setting::Int(integer)),
            Err(_) => raw.parse::<f64>().ok().map(Setting::Float),
        },
        ValueKind::Path(parts) if parts.len() == 1 => Some(Setting::String(parts[0].text.clone())),
        ValueKind::List(items) => items
            .iter()
            .map(|item| setting_value(item, diagnostics))
            .collect::<Option<Vec<_>>>()
            .map(Setting::List),
        _ => {
            diagnostics.push(fields::wrong_shape(
                "setting",
                "a string, number, name, `true`, `false` or a list",
                "\"value\"",
                value,
            ));
            None
        }
    }
}
