//! Name resolution and validation: from syntax trees to the resolved [`Spec`].
//!
//! [`load`] reads a spec file and everything it includes and imports, checks every
//! reference and value, fills in defaults and returns the spec with its warnings, or every
//! error found. It reports all errors of the stage together; property tests feed it random
//! and mutated specs to check that bad input gives diagnostics, not panics.
//!
//! Other stages add their own diagnostics (template variables, for example) through
//! [`crate::diagnostic::Diagnostic`], and `pactc check` has one place where they join.

mod builtins;
mod definitions;
mod evaluation;
pub use evaluation::{MAX_SAMPLES, MAX_TEMPERATURE};
mod fields;
pub(crate) mod files;
mod imports;
mod table;
mod warnings;

pub use builtins::{MODEL as DEFAULT_MODEL, MODEL_ID as DEFAULT_MODEL_ID};
pub use definitions::placeholders;
pub use evaluation::factor_name;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use crate::diagnostic::{self, Code, Diagnostic, Diagnostics, suggest};
use crate::model::Spec;
use crate::source::SourceMap;
use crate::syntax::Declaration;
use files::{FileLoader, LoadedFile};
use table::{Declared, Kind, Table};

/// A loaded spec: the resolved model, the files read, and the warnings found.
pub type Loaded = (Spec, SourceMap, Vec<Diagnostic>);

/// Reads the spec at `path` with its includes and imports and resolves it.
///
/// Returns the spec, the source map (for rendering later diagnostics) and the warnings, or
/// every diagnostic (errors and warnings, sorted by position) when any is an error.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut loader = FileLoader::new(&mut sources, &mut diagnostics);
    loader.load_root(path);
    let files = std::mem::take(&mut loader.files);
    finish(files, sources, diagnostics)
}

/// Resolves `text` as if it were the file at `path`; includes and imports are read
/// relative to `path`.
pub fn load_text(path: &Path, text: &str) -> Result<Loaded, Diagnostics> {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut loader = FileLoader::new(&mut sources, &mut diagnostics);
    loader.load_root_text(path, text);
    let files = std::mem::take(&mut loader.files);
    finish(files, sources, diagnostics)
}

/// Reads and resolves the spec at `path` like [`load`], then runs the checks of later stages
/// that need no model (template variables against what the matrix provides), so `check`,
/// `expand`, `plan` and `run` accept and reject the same specs.
pub fn load_checked(path: &Path) -> Result<Loaded, Diagnostics> {
    let (spec, mut sources, mut diagnostics) = load(path)?;
    diagnostics.extend(crate::template::diagnostics(&spec, &mut sources));
    diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics {
            list: diagnostics,
            sources,
        });
    }
    Ok((spec, sources, diagnostics))
}

fn finish(
    files: Vec<LoadedFile>,
    mut sources: SourceMap,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Loaded, Diagnostics> {
    let spec = if diagnostics.iter().any(Diagnostic::is_error) {
        Spec::default()
    } else {
        let mut resolver = Resolver::new(&mut sources);
        resolver.collect(&files);
        let spec = resolver.resolve();
        diagnostics.extend(resolver.diagnostics);
        spec
    };
    diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics {
            list: diagnostics,
            sources,
        });
    }
    Ok((spec, sources, diagnostics))
}

/// State of one resolution: the table of definitions, the spec built so far and the
/// diagnostics found.
pub(crate) struct Resolver<'a> {
    sources: &'a mut SourceMap,
    table: Table,
    spec: Spec,
    diagnostics: Vec<Diagnostic>,
    /// Built-in template names used without a declaration.
    builtin_templates: BTreeSet<String>,
    /// Whether an evaluation uses the built-in model.
    builtin_model_needed: bool,
    /// Definitions read from imported tables, which are not reported as unused.
    imported: HashSet<(Kind, String)>,
}

impl<'a> Resolver<'a> {
    fn new(sources: &'a mut SourceMap) -> Resolver<'a> {
        Resolver {
            sources,
            table: Table::default(),
            spec: Spec::default(),
            diagnostics: Vec::new(),
            builtin_templates: BTreeSet::new(),
            builtin_model_needed: false,
            imported: HashSet::new(),
        }
    }

    /// Enters every definition of every file in the table, then reads imports, which may
    /// need the declared countries.
    fn collect(&mut self, files: &[LoadedFile]) {
        let mut imports = Vec::new();
        for file in files {
            for declaration in &file.syntax.declarations {
                match declaration {
                    Declaration::Definition(definition) => self.declare(Declared {
                        definition: definition.clone(),
                        directory: file.directory.clone(),
                    }),
                    Declaration::Import(import) => imports.push((import, &file.directory)),
                    Declaration::Include(_) => {}
                }
            }
        }
        for (import, directory) in imports {
            for declared in self.import(import, directory) {
                self.declare(declared);
            }
        }
    }

    fn declare(&mut self, declared: Declared) {
        let kind_name = &declared.definition.kind;
        match Kind::from_keyword(&kind_name.text) {
            Some(kind) => self.table.insert(kind, declared, &mut self.diagnostics),
            None => {
                let keywords = Kind::ALL.map(Kind::keyword);
                let help = match suggest(&kind_name.text, keywords) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the declaration kinds are: {}", keywords.join(", ")),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownDeclaration,
                        format!("unknown declaration kind `{}`", kind_name.text),
                    )
                    .at(kind_name.span, "not a kind of declaration")
                    .help(help),
                );
            }
        }
    }

    /// Resolves every definition, kind by kind, so each kind can look at the kinds before.
    fn resolve(&mut self) -> Spec {
        self.resolve_kind(Kind::Region, |resolver, declared| {
            let region = resolver.region(declared);
            resolver.spec.regions.insert(region.name.clone(), region);
        });
        self.resolve_kind(Kind::Country, |resolver, declared| {
            let country = resolver.country(declared);
            resolver
                .spec
                .countries
                .insert(country.code.clone(), country);
        });
        self.resolve_kind(Kind::Norm, |resolver, declared| {
            let norm = resolver.norm(declared);
            resolver.spec.norms.insert(norm.name.clone(), norm);
        });
        self.resolve_kind(Kind::Preference, |resolver, declared| {
            let preference = resolver.preference(declared);
            resolver
                .spec
                .preferences
                .insert(preference.name.clone(), preference);
        });
        self.resolve_kind(Kind::Demographic, |resolver, declared| {
            let demographic = resolver.demographic(declared);
            resolver
                .spec
                .demographics
                .insert(demographic.name.clone(), demographic);
        });
        self.resolve_kind(Kind::Scenario, |resolver, declared| {
            let scenario = resolver.scenario(declared);
            resolver
                .spec
                .scenarios
                .insert(scenario.name.clone(), scenario);
        });
        self.resolve_kind(Kind::Template, |resolver, declared| {
            let template = resolver.template(declared);
            resolver
                .spec
                .templates
                .insert(template.name.clone(), template);
        });
        self.resolve_kind(Kind::Constraint, |resolver, declared| {
            let constraint = resolver.constraint(declared);
            resolver
                .spec
                .constraints
                .insert(constraint.name.clone(), constraint);
        });
        self.resolve_kind(Kind::Backend, |resolver, declared| {
            let backend = resolver.backend(declared);
            resolver.spec.backends.insert(backend.name.clone(), backend);
        });
        self.resolve_kind(Kind::Model, |resolver, declared| {
            let model = resolver.model(declared);
            resolver.spec.models.insert(model.name.clone(), model);
        });
        self.resolve_kind(Kind::Evaluation, |resolver, declared| {
            let evaluation = resolver.evaluation(declared);
            resolver
                .spec
                .evaluations
                .insert(evaluation.name.clone(), evaluation);
        });

        self.add_builtins();
        // Warnings after errors are mostly their echoes (a misspelled norm leaves the real
        // one unused), so they are reported only for specs without errors.
        if !self.diagnostics.iter().any(Diagnostic::is_error) {
            self.warn_unused();
            self.warn_empty_products();
        }
        std::mem::take(&mut self.spec)
    }

    fn resolve_kind(&mut self, kind: Kind, mut resolve_one: impl FnMut(&mut Self, &Declared)) {
        let declared: Vec<Declared> = self.table.of_kind(kind).cloned().collect();
        for declared in &declared {
            resolve_one(self, declared);
        }
    }

    /// Adds the built-in model, its backend and built-in templates that evaluations use
    /// without declaring them. A spec with no model at all gets the built-in model.
    fn add_builtins(&mut self) {
        for name in std::mem::take(&mut self.builtin_templates) {
            if let Some(template) = builtins::template_definition(&name) {
                self.spec.templates.insert(name, template);
            }
        }
        if self.spec.models.is_empty() || self.builtin_model_needed {
            let model = builtins::model();
            if !self.spec.backends.contains_key(&model.backend) {
                self.spec
                    .backends
                    .insert(model.backend.clone(), builtins::backend());
            }
            self.spec.models.entry(model.name.clone()).or_insert(model);
        }
    }

    fn scenario_types(&self) -> Vec<String> {
        let mut types: Vec<String> = Vec::new();
        for scenario in self.spec.scenarios.values() {
            if !types.contains(&scenario.kind) {
                types.push(scenario.kind.clone());
            }
        }
        types
    }

    fn demographic_levels(&self, demographic: &str) -> Vec<String> {
        self.spec
            .demographics
            .get(demographic)
            .map(|demographic| {
                demographic
                    .levels
                    .iter()
                    .map(|level| level.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
