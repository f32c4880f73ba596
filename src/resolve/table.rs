//! The table of every definition by kind and name, and reference checking against it.

use indexmap::IndexMap;
use std::collections::HashSet;
use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::source::Span;
use crate::syntax::{Definition, Name};

/// The kinds of definition a spec may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Region,
    Country,
    Norm,
    Preference,
    Demographic,
    Scenario,
    Template,
    Constraint,
    Backend,
    Model,
    Evaluation,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Region,
        Kind::Country,
        Kind::Norm,
        Kind::Preference,
        Kind::Demographic,
        Kind::Scenario,
        Kind::Template,
        Kind::Constraint,
        Kind::Backend,
        Kind::Model,
        Kind::Evaluation,
    ];

    /// Returns the keyword that declares this kind.
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Country => "country",
            Kind::Norm => "norm",
            Kind::Preference => "preference",
            Kind::Demographic => "demographic",
            Kind::Scenario => "scenario",
            Kind::Template => "template",
            Kind::Constraint => "constraint",
            Kind::Backend => "backend",
            Kind::Model => "model",
            Kind::Evaluation => "evaluation",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.keyword() == keyword)
    }

    /// "a norm", "an evaluation".
    pub fn with_article(self) -> String {
        let keyword = self.keyword();
        let article = if keyword.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {keyword}")
    }
}

/// A definition and the directory its relative paths start from.
#[derive(Debug, Clone)]
pub struct Declared {
    pub definition: Definition,
    pub directory: PathBuf,
}

/// Every definition by kind, in declaration order, with the names used so far.
#[derive(Debug, Default)]
pub struct Table {
    pub kinds: IndexMap<Kind, IndexMap<String, Declared>>,
    used: HashSet<(Kind, String)>,
}

impl Table {
    /// Adds a definition; a second one of the same kind and name is a duplicate error.
    pub fn insert(&mut self, kind: Kind, declared: Declared, diagnostics: &mut Vec<Diagnostic>) {
        let names = self.kinds.entry(kind).or_default();
        let name = &declared.definition.name;
        if let Some(first) = names.get(&name.text) {
            diagnostics.push(duplicate(kind, name, first.definition.name.span));
            return;
        }
        names.insert(name.text.clone(), declared);
    }

    pub fn get(&self, kind: Kind, name: &str) -> Option<&Declared> {
        self.kinds.get(&kind).and_then(|names| names.get(name))
    }

    pub fn contains(&self, kind: Kind, name: &str) -> bool {
        self.get(kind, name).is_some()
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Declared> {
        self.kinds
            .get(&kind)
            .into_iter()
            .flat_map(|names| names.values())
    }

    pub fn names(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.kinds
            .get(&kind)
            .into_iter()
            .flat_map(|names| names.keys().map(String::as_str))
    }

    pub fn mark_used(&mut self, kind: Kind, name: &str) {
        self.used.insert((kind, name.to_string()));
    }

    pub fn is_used(&self, kind: Kind, name: &str) -> bool {
        self.used.contains(&(kind, name.to_string()))
    }

    /// Checks that `name` names a definition of `kind` and marks it used. Otherwise reports
    /// a wrong kind (the name exists as another kind) or an unknown reference with the
    /// nearest name of that kind.
    pub fn reference(
        &mut self,
        kind: Kind,
        name: &Name,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> bool {
        if self.contains(kind, &name.text) {
            self.mark_used(kind, &name.text);
            return true;
        }
        diagnostics.push(self.missing_reference(kind, name));
        false
    }

    /// Builds the diagnostic for a name that is not a definition of `kind`.
    pub fn missing_reference(&self, kind: Kind, name: &Name) -> Diagnostic {
        let other = Kind::ALL
            .into_iter()
            .find_map(|other| self.get(other, &name.text).map(|found| (other, found)));
        if let Some((other, found)) = other {
            return Diagnostic::error(
                Code::WrongKind,
                format!(
                    "`{}` is {}, but {} is expected here",
                    name.text,
                    other.with_article(),
                    kind.with_article()
                ),
            )
            .at(name.span, format!("expected {}", kind.with_article()))
            .also(
                found.definition.name.span,
                format!(
                    "`{}` is declared as {} here",
                    name.text,
                    other.with_article()
                ),
            )
            .help(self.wrong_kind_help(kind, &name.text));
        }
        Diagnostic::error(
            Code::UnknownReference,
            format!("unknown {} `{}`", kind.keyword(), name.text),
        )
        .at(
            name.span,
            format!("no {} is named `{}`", kind.keyword(), name.text),
        )
        .help(self.reference_help(kind, &name.text))
    }

    fn wrong_kind_help(&self, kind: Kind, name: &str) -> String {
        if let Some(near) = suggest(name, self.names(kind)) {
            return format!("did you mean `{near}`?");
        }
        let known: Vec<&str> = self.names(kind).take(8).collect();
        if known.is_empty() {
            format!("declare {} and name it here", kind.with_article())
        } else {
            format!("name {} here: {}", kind.with_article(), known.join(", "))
        }
    }

    fn reference_help(&self, kind: Kind, name: &str) -> String {
        match suggest(name, self.names(kind)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                let known: Vec<&str> = self.names(kind).take(8).collect();
                if known.is_empty() {
                    format!("declare it: `{} {name} {{ ... }}`", kind.keyword())
                } else {
                    format!(
                        "declare `{} {name} {{ ... }}`, or use one of: {}",
                        kind.keyword(),
                        known.join(", ")
                    )
                }
            }
        }
    }
}

fn duplicate(kind: Kind, name: &Name, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateDefinition,
        format!("{} `{}` is defined twice", kind.keyword(), name.text),
    )
    .at(name.span, "defined again here")
    .also(first, "first defined here")
    .help(format!(
        "rename one of the two, or remove the second {} `{}`",
        kind.keyword(),
        name.text
    ))
}
