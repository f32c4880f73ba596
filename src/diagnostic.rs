//! Diagnostics of every front-end stage and their rendering.
//!
//! A [`Diagnostic`] has a stable [`Code`], a severity, a message, a primary label at the
//! exact span, secondary labels where another site matters, and a help line. Stages collect
//! them in a list and stop before the next stage when any is an error. Diagnostics from
//! other modules that implement [`miette::Diagnostic`] join the list through
//! [`Diagnostic::from_miette`].
//!
//! Rendering is graphical (miette's handler without colour at a fixed width, for terminals
//! and snapshots) or JSON (code, severity, message, file, line, column, help).

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

use crate::source::{FileId, SourceMap, Span};

/// Width of graphical diagnostics, in columns.
pub const RENDER_WIDTH: usize = 100;

/// Lines of source miette shows around a label; labels closer than this share a snippet.
const CONTEXT_LINES: usize = 1;

/// The kind of a diagnostic; its string form (`pact::unknown-reference`) is stable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code {
    /// The file cannot be read.
    FileUnreadable,
    /// The file is larger than the reader accepts.
    FileTooLarge,
    /// The file is not valid UTF-8.
    InvalidUtf8,
    /// The text does not match the grammar.
    Syntax,
    /// Lists or parentheses nest deeper than the parser allows.
    NestingTooDeep,
    /// A string escape such as `\q` that the language does not define.
    InvalidEscape,
    /// A declaration kind that does not exist, such as `nrom`.
    UnknownDeclaration,
    /// A name that no definition declares.
    UnknownReference,
    /// A second definition of a name of the same kind.
    DuplicateDefinition,
    /// A name of the wrong kind, such as a preference where a norm is expected.
    WrongKind,
    MissingField,
    UnknownField,
    /// A field given twice in one block.
    DuplicateField,
    /// A value of the wrong shape or out of range.
    InvalidValue,
    IncludeNotFound,
    IncludeCycle,
    ImportNotFound,
    /// A row of an imported table that cannot become a declaration.
    ImportRow,
    /// A scenario set in a country where its norm does not hold.
    NormNotHeld,
    /// A placeholder other than `{actor}`, `{receiver}` and `{country}`.
    UnknownPlaceholder,
    /// A template file that cannot be read.
    TemplateNotFound,
    /// A definition that nothing uses (warning).
    Unused,
    /// A product of factors with no cells (warning).
    EmptyProduct,
    /// A diagnostic from another module, with that module's code.
    Other(String),
}

impl Code {
    pub fn as_str(&self) -> &str {
        match self {
            Code::FileUnreadable => "pact::file-unreadable",
            Code::FileTooLarge => "pact::file-too-large",
            Code::InvalidUtf8 => "pact::invalid-utf8",
            Code::Syntax => "pact::syntax",
            Code::NestingTooDeep => "pact::nesting-too-deep",
            Code::InvalidEscape => "pact::invalid-escape",
            Code::UnknownDeclaration => "pact::unknown-declaration",
            Code::UnknownReference => "pact::unknown-reference",
            Code::DuplicateDefinition => "pact::duplicate-definition",
            Code::WrongKind => "pact::wrong-kind",
            Code::MissingField => "pact::missing-field",
            Code::UnknownField => "pact::unknown-field",
            Code::DuplicateField => "pact::duplicate-field",
            Code::InvalidValue => "pact::invalid-value",
            Code::IncludeNotFound => "pact::include-not-found",
            Code::IncludeCycle => "pact::include-cycle",
            Code::ImportNotFound => "pact::import-not-found",
            Code::ImportRow => "pact::import-row",
            Code::NormNotHeld => "pact::norm-not-held",
            Code::UnknownPlaceholder => "pact::unknown-placeholder",
            Code::TemplateNotFound => "pact::template-not-found",
            Code::Unused => "pact::unused",
            Code::EmptyProduct => "pact::empty-product",
            Code::Other(code) => code,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// A message attached to a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One error or warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The place of the problem, or `None` for a problem outside any file (a missing root).
    pub primary: Option<Label>,
    /// Other sites that matter, such as the first definition of a duplicate.
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets the primary label.
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label {
            span,
            message: label.into(),
        });
        self
    }

    /// Adds a secondary label.
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            span,
            message: label.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Converts a diagnostic from another module whose labels are byte offsets into `file`.
    ///
    /// The first label becomes the primary one; a diagnostic without a code gets
    /// `pact::other`, and one without a severity counts as an error.
    pub fn from_miette(diagnostic: &dyn miette::Diagnostic, file: Option<FileId>) -> Diagnostic {
        let code = diagnostic
            .code()
            .map(|code| code.to_string())
            .unwrap_or_else(|| "pact::other".to_string());
        let severity = match diagnostic.severity() {
            Some(miette::Severity::Warning) | Some(miette::Severity::Advice) => Severity::Warning,
            _ => Severity::Error,
        };
        let mut converted = Diagnostic {
            code: Code::Other(code),
            severity,
            message: diagnostic.to_string(),
            primary: None,
            secondary: Vec::new(),
            help: diagnostic.help().map(|help| help.to_string()),
        };
        if let (Some(file), Some(labels)) = (file, diagnostic.labels()) {
            for label in labels {
                let span = Span::new(file, label.offset(), label.offset() + label.len());
                let message = label.label().unwrap_or("here").to_string();
                if converted.primary.is_none() {
                    converted = converted.at(span, message);
                } else {
                    converted = converted.also(span, message);
                }
            }
        }
        converted
    }
}

/// Errors of a stage, returned when at least one diagnostic is an error. Warnings found in
/// the same stage are kept beside them.
#[derive(Debug, Clone)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
    pub sources: SourceMap,
}

impl Diagnostics {
    pub fn error_count(&self) -> usize {
        self.list
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .count()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.list {
            formatter.write_str(&render_graphical(diagnostic, &self.sources))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Sorts diagnostics by file and position, errors and warnings interleaved.
pub fn sort(list: &mut [Diagnostic]) {
    list.sort_by_key(|diagnostic| {
        diagnostic
            .primary
            .as_ref()
            .map(|label| (label.span.file.0, label.span.start, label.span.end))
            .unwrap_or((0, 0, 0))
    });
}

/// Renders a diagnostic as miette's graphical report without colour, ending with a blank
/// line. The snippet header names the primary label's place as `path:line:col`.
pub fn render_graphical(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let report = MietteReport::new(diagnostic, sources);
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(RENDER_WIDTH)
        .with_links(false);
    let mut rendered = String::new();
    if handler.render_report(&mut rendered, &report).is_err() {
        rendered.push_str(&format!("{}: {}\n", diagnostic.code, diagnostic.message));
    }
    rendered.push('\n');
    rendered
}

/// One diagnostic as machine-readable JSON for editors and CI.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct JsonDiagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub label: Option<String>,
    pub help: Option<String>,
}

/// Converts a diagnostic to its JSON form; positions are 1-based.
pub fn to_json(diagnostic: &Diagnostic, sources: &SourceMap) -> JsonDiagnostic {
    let primary = diagnostic.primary.as_ref();
    let start = primary.map(|label| sources.line_column(label.span.file, label.span.start));
    let end = primary.map(|label| sources.line_column(label.span.file, label.span.end));
    JsonDiagnostic {
        code: diagnostic.code.to_string(),
        severity: diagnostic.severity,
        message: diagnostic.message.clone(),
        file: primary.map(|label| sources.path(label.span.file).display().to_string()),
        line: start.map(|position| position.line),
        column: start.map(|position| position.column),
        end_line: end.map(|position| position.line),
        end_column: end.map(|position| position.column),
        label: primary.map(|label| label.message.clone()),
        help: diagnostic.help.clone(),
    }
}

/// Adapter that lets miette's handler render a [`Diagnostic`]: labels in the primary file
/// are drawn in one snippet, labels in other files as related reports with their own.
#[derive(Debug)]
struct MietteReport {
    message: String,
    code: String,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<MietteReport>,
}

impl MietteReport {
    fn new(diagnostic: &Diagnostic, sources: &SourceMap) -> MietteReport {
        let Some(primary) = &diagnostic.primary else {
            return MietteReport::bare(diagnostic);
        };
        let file = primary.span.file;
        let mut labels = vec![labeled_span(primary, sources, true)];
        let mut related = Vec::new();
        let primary_line = sources.line_column(file, primary.span.start).line;
        for label in &diagnostic.secondary {
            // miette heads the snippet with its first label's position, so a label well
            // before the primary one goes in a block of its own.
            let line = sources.line_column(label.span.file, label.span.start).line;
            let shares_snippet = label.span.file == file && line + CONTEXT_LINES >= primary_line;
            if shares_snippet {
                labels.push(labeled_span(label, sources, false));
            } else {
                related.push(MietteReport {
                    message: label.message.clone(),
                    code: String::new(),
                    severity: Severity::Warning,
                    help: None,
                    source: Some(named_source(label.span.file, sources)),
                    labels: vec![labeled_span(label, sources, true)],
                    related: Vec::new(),
                });
            }
        }
        MietteReport {
            source: Some(named_source(file, sources)),
            labels,
            related,
            ..MietteReport::bare(diagnostic)
        }
    }

    fn bare(diagnostic: &Diagnostic) -> MietteReport {
        MietteReport {
            message: diagnostic.message.clone(),
            code: diagnostic.code.to_string(),
            severity: diagnostic.severity,
            help: diagnostic.help.clone(),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        }
    }
}

fn named_source(file: FileId, sources: &SourceMap) -> NamedSource<Arc<str>> {
    let text = sources
        .get(file)
        .map(|source| source.text.clone())
        .unwrap_or_else(|| Arc::from(""));
    NamedSource::new(sources.path(file).display().to_string(), text)
}

fn labeled_span(label: &Label, sources: &SourceMap, primary: bool) -> LabeledSpan {
    let length = sources.text(label.span.file).len();
    let start = (label.span.start as usize).min(length);
    let end = (label.span.end as usize).clamp(start, length);
    let span = SourceSpan::new(start.into(), end - start);
    if primary {
        LabeledSpan::new_primary_with_span(Some(label.message.clone()), span)
    } else {
        LabeledSpan::new_with_span(Some(label.message.clone()), span)
    }
}

impl fmt::Display for MietteReport {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for MietteReport {}

impl miette::Diagnostic for MietteReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        if self.code.is_empty() {
            None
        } else {
            Some(Box::new(&self.code))
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning if self.code.is_empty() => miette::Severity::Advice,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related
                    .iter()
                    .map(|report| report as &dyn miette::Diagnostic),
            ))
        }
    }
}

/// Returns the candidate closest to `name` when it is close enough to be a likely typo.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed_edits = (name.chars().count() / 4).max(1);
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(name, candidate);
        let edits = strsim::damerau_levenshtein(name, candidate);
        let close = edits <= allowed_edits || (score >= 0.9 && name.len() > 4);
        let better = best.is_none_or(|(_, best_score)| score > best_score);
        if close && better && candidate != name {
            best = Some((candidate, score));
        }
    }
    best.map(|(candidate, _)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggest_finds_near_miss() {
        let names = ["remove_shoes", "keep_shoes_on", "bow"];
        assert_eq!(suggest("remove_shoe", names), Some("remove_shoes"));
        assert_eq!(suggest("remvoe_shoes", names), Some("remove_shoes"));
    }

    #[test]
    fn suggest_ignores_distant_names() {
        assert_eq!(suggest("greeting", ["remove_shoes", "tipping"]), None);
        assert_eq!(suggest("KR", ["JP"]), None);
    }

    #[test]
    fn render_names_file_line_column() {
        let mut sources = SourceMap::new();
        let file = sources.add("spec.pact", "norm a {\n  holds_in: [XX]\n}\n");
        let diagnostic = Diagnostic::error(Code::UnknownReference, "unknown country `XX`")
            .at(Span::new(file, 22, 24), "not declared")
            .help("declare `country XX { ... }`");
        let rendered = render_graphical(&diagnostic, &sources);
        assert!(rendered.contains("[spec.pact:2:14]"), "{rendered}");
        assert!(rendered.contains("unknown country `XX`"));
        assert!(rendered.contains("not declared"));
        assert!(rendered.contains("declare `country XX"));
    }
}
