//! Imports: rows of CSV or YAML tables read as `norm` or `scenario` definitions.
//!
//! Each row becomes a syntax [`Definition`] whose spans point into the table file, so the
//! resolver checks imported rows exactly like written ones and its diagnostics name the
//! table's file, line and column. `format: normad` reads the NormAd column layout.

use std::path::Path;

use super::Resolver;
use super::fields::{self, Fields};
use super::table::{Declared, Kind};
use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::source::{FileId, Span};
use crate::syntax::{
    Block, Definition, Entry, Field, Import, Name, StringLiteral, Value, ValueKind,
};

/// Columns of list fields; CSV cells separate their items with `;`.
const LIST_COLUMNS: [&str; 2] = ["holds_in", "countries"];
/// Columns that name other definitions.
const NAME_COLUMNS: [&str; 2] = ["norm", "preference"];
/// Columns of the NormAd layout that the import reads.
const NORMAD_COLUMNS: [&str; 2] = ["Country", "Rule-of-Thumb"];

/// One cell of a table row: its column, text and span in the table file.
struct Cell {
    column: String,
    text: String,
    span: Span,
}

/// One data row, numbered from 1 after the header.
struct Row {
    number: usize,
    cells: Vec<Cell>,
    span: Span,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Normad,
}

impl Resolver<'_> {
    /// Reads the rows of an import as definitions.
    pub(super) fn import(&mut self, import: &Import, directory: &Path) -> Vec<Declared> {
        let Some((kind, format)) = self.import_options(import) else {
            return Vec::new();
        };
        let path = directory.join(&import.path.value);
        let text = match super::files::read_text(&path) {
            Ok(text) => text,
            Err(_) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::ImportNotFound,
                        format!("imported table `{}` cannot be read", path.display()),
                    )
                    .at(import.path.span, "file not found or not UTF-8 text")
                    .help("check the path: it is relative to the directory of this spec file"),
                );
                return Vec::new();
            }
        };
        let file = self.sources.add(&path, text.as_str());
        let rows = match extension(&path).as_deref() {
            Some("csv") => self.csv_rows(file, &text),
            Some("yaml") | Some("yml") => self.yaml_rows(file, &text, import),
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!(
                            "cannot tell the format of `{}` from its extension",
                            path.display()
                        ),
                    )
                    .at(
                        import.path.span,
                        "expected a `.csv`, `.yaml` or `.yml` file",
                    )
                    .help("rename the table so its extension says whether it is CSV or YAML"),
                );
                return Vec::new();
            }
        };
        let directory = directory.to_path_buf();
        let definitions = match format {
            Format::Normad => self.normad_definitions(&rows, &path),
            Format::Table => self.table_definitions(kind, &rows, &path),
        };
        definitions
            .into_iter()
            .map(|definition| {
                self.imported.insert((kind, definition.name.text.clone()));
                Declared {
                    definition,
                    directory: directory.clone(),
                }
            })
            .collect()
    }

    fn import_options(&mut self, import: &Import) -> Option<(Kind, Format)> {
        let kind = match import.kind.text.as_str() {
            "norms" => Kind::Norm,
            "scenarios" => Kind::Scenario,
            other => {
                let help = match suggest(other, ["norms", "scenarios"]) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => {
                        "write `import norms from ...` or `import scenarios from ...`".to_string()
                    }
                };
                self.diagnostics.push(
                    Diagnostic::error(Code::InvalidValue, format!("cannot import `{other}`"))
                        .at(import.kind.span, "expected `norms` or `scenarios`")
                        .help(help),
                );
                return None;
            }
        };
        let Some(options) = &import.options else {
            return Some((kind, Format::Table));
        };
        let owner = format!("the import of `{}`", import.path.value);
        let fields = Fields::new(
            options,
            Some(&["format"]),
            owner,
            import.path.span,
            &mut self.diagnostics,
        );
        let Some(value) = fields.value("format", &mut self.diagnostics) else {
            return Some((kind, Format::Table));
        };
        let format = fields::name("format", value, &mut self.diagnostics)?;
        match format.text.as_str() {
            "table" => Some((kind, Format::Table)),
            "normad" if kind == Kind::Norm => Some((kind, Format::Normad)),
            "normad" => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        "the NormAd layout holds norms, not scenarios",
                    )
                    .at(format.span, "only for `import norms`")
                    .help("write `import norms from ... { format: normad }`"),
                );
                None
            }
            other => {
                self.diagnostics.push(
                    Diagnostic::error(Code::InvalidValue, format!("unknown import format `{other}`"))
                        .at(format.span, "expected `table` or `normad`")
                        .help("leave `format` out for a table of field columns, or write `format: normad`"),
                );
                None
            }
        }
    }

    fn csv_rows(&mut self, file: FileId, text: &str) -> Vec<Row> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(headers) => headers
                .iter()
                .map(|header| header.trim().to_string())
                .collect(),
            Err(error) => {
                self.diagnostics.push(csv_error(file, &error, 0));
                return Vec::new();
            }
        };
        let mut rows = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let number = index + 1;
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    self.diagnostics.push(csv_error(file, &error, number));
                    continue;
                }
            };
            let start = record
                .position()
                .map_or(0, |position| position.byte() as usize);
            let end = line_end(text, start);
            let cells = locate_cells(file, text, start, end, &headers, &record);
            rows.push(Row {
                number,
                cells,
                span: Span::new(file, start, end),
            });
        }
        rows
    }

    fn yaml_rows(&mut self, file: FileId, text: &str, import: &Import) -> Vec<Row> {
        let parsed: Result<Vec<serde_yaml::Mapping>, _> = serde_yaml::from_str(text);
        let maps = match parsed {
            Ok(maps) => maps,
            Err(error) => {
                let offset = error.location().map_or(0, |location| location.index());
                self.diagnostics.push(
                    Diagnostic::error(Code::ImportRow, format!("invalid YAML table: {error}"))
                        .at(Span::new(file, offset, offset + 1), "here")
                        .also(import.path.span, "imported here")
                        .help("write the table as a YAML list of maps, one map per row, keyed by field name"),
                );
                return Vec::new();
            }
        };
        let mut search_from = 0;
        let mut rows = Vec::new();
        for (index, map) in maps.iter().enumerate() {
            let number = index + 1;
            let mut cells = Vec::new();
            for (key, value) in map {
                let column = yaml_scalar(key).unwrap_or_default();
                let Some(text_value) = yaml_cell(value, &column) else {
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::ImportRow,
                            format!(
                                "row {number}, column `{column}`: expected text or a list of names"
                            ),
                        )
                        .at(import.path.span, "imported here")
                        .help("write each value as a string, a number or a list of names"),
                    );
                    continue;
                };
                let found = text[search_from..]
                    .find(&text_value)
                    .map(|offset| search_from + offset);
                let span = match found {
                    Some(start) if !text_value.is_empty() => {
                        search_from = start + text_value.len();
                        Span::new(file, start, start + text_value.len())
                    }
                    _ => Span::new(file, search_from, search_from),
                };
                cells.push(Cell {
                    column,
                    text: text_value,
                    span,
                });
            }
            let span = cells
                .first()
                .map_or(Span::new(file, 0, 0), |cell| cell.span);
            rows.push(Row {
                number,
                cells,
                span,
            });
        }
        rows
    }

    /// Rows with field columns (`name`, `expectation`, `holds_in`, ...).
    fn table_definitions(&mut self, kind: Kind, rows: &[Row], path: &Path) -> Vec<Definition> {
        let mut definitions = Vec::new();
        for row in rows {
            let Some(name_cell) = row.cells.iter().find(|cell| cell.column == "name") else {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::ImportRow,
                        format!(
                            "row {} of `{}` has no `name` column",
                            row.number,
                            path.display()
                        ),
                    )
                    .at(row.span, "no name")
                    .help("add a `name` column holding each row's name"),
                );
                continue;
            };
            if !is_identifier(&name_cell.text) {
                self.diagnostics.push(row_error(
                    row,
                    name_cell,
                    "is not a valid name",
                    "names use letters, digits and `_`, and start with a letter or `_`",
                ));
                continue;
            }
            let entries = row
                .cells
                .iter()
                .filter(|cell| cell.column != "name" && !cell.text.trim().is_empty())
                .map(|cell| Entry::Field(cell_field(cell)))
                .collect();
            definitions.push(Definition {
                kind: Name {
                    text: kind.keyword().to_string(),
                    span: row.span,
                },
                name: Name {
                    text: name_cell.text.clone(),
                    span: name_cell.span,
                },
                body: Block {
                    entries,
                    span: row.span,
                },
                span: row.span,
            });
        }
        definitions
    }

    /// Rows in the NormAd layout: each becomes norm `normad_<row>`.
    fn normad_definitions(&mut self, rows: &[Row], path: &Path) -> Vec<Definition> {
        let countries = self.countries_by_name();
        let mut definitions = Vec::new();
        for row in rows {
            let cell = |column: &str| row.cells.iter().find(|cell| cell.column == column);
            let (Some(country), Some(rule)) = (cell(NORMAD_COLUMNS[0]), cell(NORMAD_COLUMNS[1]))
            else {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::ImportRow,
                        format!("row {} of `{}` lacks the `Country` or `Rule-of-Thumb` column", row.number, path.display()),
                    )
                    .at(row.span, "incomplete NormAd row")
                    .help("a NormAd table has the columns Country, Background, Value, Rule-of-Thumb, Story, Explanation and Gold Label"),
                );
                continue;
            };
            if rule.text.trim().is_empty() {
                self.diagnostics.push(row_error(
                    row,
                    rule,
                    "is empty",
                    "give each row its rule of thumb, which becomes the norm's expectation",
                ));
                continue;
            }
            let wanted = country.text.trim().to_lowercase();
            let Some((code, _)) = countries
                .iter()
                .find(|(_, name)| name.to_lowercase() == wanted)
            else {
                let names = countries.iter().map(|(_, name)| name.as_str());
                let help = match suggest(&country.text, names) {
                    Some(near) => format!(
                        "did you mean `{near}`? NormAd countries are matched to declared country names, ignoring case"
                    ),
                    None => format!(
                        "declare the country, as in `country XX {{ name: \"{}\", region: REGION }}`",
                        country.text.trim()
                    ),
                };
                self.diagnostics
                    .push(row_error(row, country, "names no declared country", &help));
                continue;
            };
            definitions.push(normad_norm(row, rule, code));
        }
        definitions
    }

    /// Declared countries as (code, name) pairs, from the syntax of their definitions.
    fn countries_by_name(&self) -> Vec<(String, String)> {
        self.table
            .of_kind(Kind::Country)
            .filter_map(|declared| {
                let entry = declared
                    .definition
                    .body
                    .entries
                    .iter()
                    .find(|entry| entry.key().text == "name")?;
                let Entry::Field(field) = entry else {
                    return None;
                };
                let ValueKind::String(name) = &field.value.kind else {
                    return None;
                };
                Some((declared.definition.name.text.clone(), name.value.clone()))
            })
            .collect()
    }
}

fn normad_norm(row: &Row, rule: &Cell, code: &str) -> Definition {
    let source = format!("NormAd, row {}", row.number);
    let string = |text: &str| Value {
        kind: ValueKind::String(StringLiteral {
            value: text.to_string(),
            raw: format!("{text:?}"),
            span: rule.span,
        }),
        span: rule.span,
    };
    let country = Value {
        kind: ValueKind::Path(vec![Name {
            text: code.to_string(),
            span: rule.span,
        }]),
        span: rule.span,
    };
    let field = |key: &str, value: Value| {
        Entry::Field(Field {
            key: Name {
                text: key.to_string(),
                span: rule.span,
            },
            value,
            span: rule.span,
        })
    };
    let list = Value {
        kind: ValueKind::List(vec![country]),
        span: rule.span,
    };
    let entries = vec![
        field("expectation", string(rule.text.trim())),
        field("holds_in", list),
        field("source", string(&source)),
    ];
    Definition {
        kind: Name {
            text: "norm".to_string(),
            span: row.span,
        },
        name: Name {
            text: format!("normad_{}", row.number),
            span: row.span,
        },
        body: Block {
            entries,
            span: row.span,
        },
        span: row.span,
    }
}

/// A field for one cell: lists split at `;`, name columns as names, other columns as text.
fn cell_field(cell: &Cell) -> Field {
    let key = Name {
        text: cell.column.clone(),
        span: cell.span,
    };
    let name = |text: &str| Value {
        kind: ValueKind::Path(vec![Name {
            text: text.trim().to_string(),
            span: cell.span,
        }]),
        span: cell.span,
    };
    let kind = if LIST_COLUMNS.contains(&cell.column.as_str()) {
        ValueKind::List(
            cell.text
                .split(';')
                .filter(|item| !item.trim().is_empty())
                .map(name)
                .collect(),
        )
    } else if NAME_COLUMNS.contains(&cell.column.as_str()) {
        return Field {
            key,
            value: name(&cell.text),
            span: cell.span,
        };
    } else {
        ValueKind::String(StringLiteral {
            value: cell.text.clone(),
            raw: format!("{:?}", cell.text),
            span: cell.span,
        })
    };
    Field {
        key,
        value: Value {
            kind,
            span: cell.span,
        },
        span: cell.span,
    }
}

fn row_error(row: &Row, cell: &Cell, problem: &str, help: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ImportRow,
        format!(
            "row {}, column `{}`: `{}` {problem}",
            row.number,
            cell.column,
            cell.text.trim()
        ),
    )
    .at(cell.span, problem.to_string())
    .help(help.to_string())
}

fn csv_error(file: FileId, error: &csv::Error, row: usize) -> Diagnostic {
    let offset = error
        .position()
        .map_or(0, |position| position.byte() as usize);
    Diagnostic::error(
        Code::ImportRow,
        format!("row {row} of the CSV table cannot be read: {error}"),
    )
    .at(Span::new(file, offset, offset + 1), "this row")
    .help("give every row as many cells as the header has columns, and close every quoted cell")
}

/// Spans of each cell of a record in its source line; a cell that cannot be found in the
/// line (a quoted cell with escapes) gets the span of the whole row.
fn locate_cells(
    file: FileId,
    text: &str,
    start: usize,
    end: usize,
    headers: &[String],
    record: &csv::StringRecord,
) -> Vec<Cell> {
    let line = &text[start..end];
    let mut search_from = 0;
    let mut cells = Vec::new();
    for (column, value) in headers.iter().zip(record.iter()) {
        let span = match line[search_from..].find(value) {
            Some(offset) if !value.is_empty() => {
                let cell_start = search_from + offset;
                search_from = cell_start + value.len();
                Span::new(file, start + cell_start, start + cell_start + value.len())
            }
            _ => Span::new(file, start, end),
        };
        cells.push(Cell {
            column: column.clone(),
            text: value.to_string(),
            span,
        });
    }
    cells
}

/// The end of the line starting at `start`, without its line break.
fn line_end(text: &str, start: usize) -> usize {
    let start = start.min(text.len());
    text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |offset| start + offset)
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|extension| extension.to_string_lossy().to_lowercase())
}

fn yaml_scalar(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(text) => Some(text.clone()),
        serde_yaml::Value::Number(number) => Some(number.to_string()),
        serde_yaml::Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// A YAML value as cell text; a list of names is joined with `;` for list columns.
fn yaml_cell(value: &serde_yaml::Value, column: &str) -> Option<String> {
    match value {
        serde_yaml::Value::Sequence(items) if LIST_COLUMNS.contains(&column) => items
            .iter()
            .map(yaml_scalar)
            .collect::<Option<Vec<_>>>()
            .map(|items| items.join(";")),
        other => yaml_scalar(other),
    }
}

fn is_identifier(text: &str) -> bool {
    let mut characters = text.chars();
    let starts_well = characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    starts_well && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
}
