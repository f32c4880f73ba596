//! Warnings about a spec that resolves: unused definitions and empty products.

use super::Resolver;
use super::table::Kind;
use crate::diagnostic::{Code, Diagnostic};

/// Kinds whose unused definitions are reported, and what would use them. Models, templates
/// and demographics are only reported when the spec has an evaluation.
const USED_BY: [(Kind, &str); 7] = [
    (Kind::Region, "no country is in it"),
    (Kind::Norm, "no scenario uses it"),
    (Kind::Preference, "no scenario uses it"),
    (Kind::Backend, "no model runs on it"),
    (Kind::Model, "no evaluation runs it"),
    (Kind::Template, "no evaluation uses it"),
    (Kind::Demographic, "no evaluation varies it or drops by it"),
];

impl Resolver<'_> {
    pub(super) fn warn_unused(&mut self) {
        let has_evaluation = self.table.of_kind(Kind::Evaluation).next().is_some();
        let mut warnings = Vec::new();
        for (kind, reason) in USED_BY {
            let needs_evaluation = matches!(kind, Kind::Model | Kind::Template | Kind::Demographic);
            if needs_evaluation && !has_evaluation {
                continue;
            }
            for declared in self.table.of_kind(kind) {
                let name = &declared.definition.name;
                if self.table.is_used(kind, &name.text)
                    || self.imported.contains(&(kind, name.text.clone()))
                {
                    continue;
                }
                warnings.push(
                    Diagnostic::warning(
                        Code::Unused,
                        format!("{} `{}` is never used", kind.keyword(), name.text),
                    )
                    .at(name.span, reason)
                    .help(format!(
                        "use it or remove it; an unused {} has no effect",
                        kind.keyword()
                    )),
                );
            }
        }
        self.diagnostics.extend(warnings);
    }

    pub(super) fn warn_empty_products(&mut self) {
        let has_items = self
            .spec
            .scenarios
            .values()
            .any(|scenario| !scenario.countries.is_empty());
        if has_items {
            return;
        }
        for evaluation in self.spec.evaluations.values() {
            self.diagnostics.push(
                Diagnostic::warning(
                    Code::EmptyProduct,
                    format!("evaluation `{}` has no cells", evaluation.name),
                )
                .at(evaluation.defined_at, "its matrix is empty")
                .help("declare a scenario whose norm holds in at least one country"),
            );
        }
    }
}
