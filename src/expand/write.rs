//! Writers of expanded cells: JSON lines (the matrix file), CSV, and readable text.

use std::io::{self, Write};

use crate::cell::{Cell, MessageRole};
use crate::model::Spec;

/// Output format of `pactc expand`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line: the matrix file that plans point to.
    Jsonl,
    /// One row per cell, with one column per factor and message.
    Csv,
    /// Each cell as a labelled block of prompts, for reading.
    Text,
}

/// Writes cells in one format. Create one per output, then call [`CellWriter::write`] for
/// each cell and [`CellWriter::finish`] at the end.
pub struct CellWriter<W: Write> {
    format: Format,
    sink: Sink<W>,
    demographics: Vec<String>,
    written: u64,
}

enum Sink<W: Write> {
    Plain(W),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> CellWriter<W> {
    /// Creates a writer; the spec's demographics name the persona columns of CSV output.
    pub fn new(format: Format, out: W, spec: &Spec) -> io::Result<Self> {
        let demographics: Vec<String> = spec.demographics.keys().cloned().collect();
        let sink = match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(csv_header(&demographics))?;
                Sink::Csv(Box::new(writer))
            }
            Format::Jsonl | Format::Text => Sink::Plain(out),
        };
        Ok(CellWriter {
            format,
            sink,
            demographics,
            written: 0,
        })
    }

    pub fn write(&mut self, cell: &Cell) -> io::Result<()> {
        match (&mut self.sink, self.format) {
            (Sink::Csv(writer), _) => writer.write_record(csv_row(cell, &self.demographics))?,
            (Sink::Plain(out), Format::Text) => write_text(out, cell, self.written == 0)?,
            (Sink::Plain(out), _) => write_jsonl(out, cell)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Returns the output, for writers that add JSON lines directly, or `None` for CSV,
    /// whose writer owns its output.
    pub fn plain_output(&mut self) -> Option<&mut W> {
        match &mut self.sink {
            Sink::Plain(out) => Some(out),
            Sink::Csv(_) => None,
        }
    }

    /// Number of cells written through [`CellWriter::write`] so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes everything and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        let mut out = match self.sink {
            Sink::Plain(out) => out,
            Sink::Csv(writer) => writer
                .into_inner()
                .map_err(|error| io::Error::other(error.to_string()))?,
        };
        out.flush()?;
        Ok(out)
    }
}

/// Characters per token in the prompt estimate, for English prose with common tokenizers.
const CHARS_PER_TOKEN: u64 = 4;
/// Tokens a chat format adds around each message (role markers), also an estimate.
const TOKENS_PER_MESSAGE: u64 = 4;

/// Estimates the prompt tokens of one cell from its text: about four characters per token,
/// plus the chat format's markers around each message. A model's tokenizer may differ.
pub fn estimate_prompt_tokens(cell: &Cell) -> u64 {
    cell.messages
        .iter()
        .map(|message| {
            let chars = message.content.chars().count() as u64;
            chars.div_ceil(CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE
        })
        .sum()
}

/// Appends one cell as a JSON line.
pub fn write_jsonl(out: &mut impl Write, cell: &Cell) -> io::Result<()> {
    serde_json::to_writer(&mut *out, cell)?;
    out.write_all(b"\n")
}

fn csv_header(demographics: &[String]) -> Vec<String> {
    let mut header: Vec<String> = [
        "cell_id",
        "item_id",
        "evaluation",
        "scenario",
        "type",
        "country",
        "region",
        "holder",
        "demographics",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for role in ["actor", "receiver"] {
        for demographic in demographics {
            header.push(format!("{role}.{demographic}"));
        }
    }
    for column in [
        "system",
        "paraphrase",
        "order",
        "option_a",
        "option_b",
        "system_message",
        "user_message",
    ] {
        header.push(column.to_string());
    }
    header
}

fn csv_row(cell: &Cell, demographics: &[String]) -> Vec<String> {
    let levels = &cell.levels;
    let mut row = vec![
        cell.cell_id.clone(),
        cell.item_id.clone(),
        cell.evaluation.clone(),
        levels.scenario.clone(),
        levels.scenario_type.clone(),
        levels.country.clone(),
        levels.region.clone(),
        levels.holder.as_str().to_string(),
        levels.demographics.as_str().to_string(),
    ];
    for persona in [&levels.actor, &levels.receiver] {
        for demographic in demographics {
            let level = persona.get(demographic).map_or("none", String::as_str);
            row.push(level.to_string());
        }
    }
    row.push(levels.system.clone());
    row.push(levels.paraphrase.clone());
    row.push(levels.order.as_str().to_string());
    row.push(decision_name(cell.option_a));
    row.push(decision_name(cell.option_b));
    row.push(message_text(cell, MessageRole::System));
    row.push(message_text(cell, MessageRole::User));
    row
}

fn decision_name(decision: crate::cell::Decision) -> String {
    serde_json::to_value(decision)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn message_text(cell: &Cell, role: MessageRole) -> String {
    cell.messages
        .iter()
        .filter(|message| message.role == role)
        .map(|message| message.content.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn write_text(out: &mut impl Write, cell: &Cell, first: bool) -> io::Result<()> {
    let levels = &cell.levels;
    if !first {
        writeln!(out)?;
    }
    writeln!(
        out,
        "=== cell {} | item {} | evaluation {}",
        cell.cell_id, cell.item_id, cell.evaluation
    )?;
    let persona = |map: &std::collections::BTreeMap<String, String>| {
        map.iter()
            .map(|(name, level)| format!("{name}={level}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    writeln!(
        out,
        "scenario {} | country {} | holder {} | demographics {} | actor {} | receiver {}",
        levels.scenario,
        levels.country,
        levels.holder.as_str(),
        levels.demographics.as_str(),
        persona(&levels.actor),
        persona(&levels.receiver),
    )?;
    writeln!(
        out,
        "system {} | paraphrase {} | order {} | A = {} | B = {}",
        levels.system,
        levels.paraphrase,
        levels.order.as_str(),
        decision_name(cell.option_a),
        decision_name(cell.option_b),
    )?;
    for message in &cell.messages {
        let role = match message.role {
            MessageRole::System => "system",
            MessageRole::User => "user",
            MessageRole::Assistant => "assistant",
        };
        writeln!(out, "--- {role}")?;
        writeln!(out, "{}", message.content)?;
    }
    Ok(())
}
