//! Loading run directories: `spec.json` and a streamed pass over `results.jsonl`.
//!
//! Results are folded into one [`CellTally`] per (model, cell) as they are read, so memory
//! grows with the number of distinct cells and models, not with the number of results.
//! Per-sample decisions are kept (one byte each) only for models that take part in a
//! paired comparison, because those are joined on cell id and sample index.

use miette::{Context, IntoDiagnostic, Result, miette};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::cell::{Decision, Levels, Order};
use crate::model::Spec;
use crate::record::{Elicitation, ResultRecord};

/// One run directory as read.
#[derive(Debug)]
pub struct Run {
    pub dir: PathBuf,
    /// The directory's file name, used to label models when several runs are compared.
    pub name: String,
    pub spec: Spec,
}

/// A model of one run, the unit every rate is reported for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ModelKey {
    pub run: usize,
    pub model: String,
}

/// Counters for one group of results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub follow: u64,
    pub allow: u64,
    pub unknown: u64,
    /// Failed requests, which hold no decision.
    pub errors: u64,
    /// Valid decisions that chose the option shown first.
    pub first: u64,
    /// Sum and count of P(Follow Culture) over results that carry it.
    pub p_follow_sum: f64,
    pub p_follow_n: u64,
    pub other_mass_sum: f64,
    pub other_mass_n: u64,
    pub logprob_results: u64,
    pub sampled_results: u64,
}

impl Tally {
    pub fn valid(&self) -> u64 {
        self.follow + self.allow
    }

    /// Results with a decision, UNKNOWN included.
    pub fn answered(&self) -> u64 {
        self.follow + self.allow + self.unknown
    }

    pub fn add(&mut self, other: &Tally) {
        self.follow += other.follow;
        self.allow += other.allow;
        self.unknown += other.unknown;
        self.errors += other.errors;
        self.first += other.first;
        self.p_follow_sum += other.p_follow_sum;
        self.p_follow_n += other.p_follow_n;
        self.other_mass_sum += other.other_mass_sum;
        self.other_mass_n += other.other_mass_n;
        self.logprob_results += other.logprob_results;
        self.sampled_results += other.sampled_results;
    }

    fn record(&mut self, record: &ResultRecord) {
        match record.method {
            Elicitation::Logprobs => self.logprob_results += 1,
            Elicitation::Samples => self.sampled_results += 1,
        }
        if record.error.is_some() {
            self.errors += 1;
            return;
        }
        match record.decision {
            Decision::FollowCulture => self.follow += 1,
            Decision::AllowPreference => self.allow += 1,
            Decision::Unknown => self.unknown += 1,
        }
        let chose_first = matches!(
            (record.levels.order, record.decision),
            (Order::FollowFirst, Decision::FollowCulture)
                | (Order::AllowFirst, Decision::AllowPreference)
        );
        if chose_first {
            self.first += 1;
        }
        if let Some(p) = record.p_follow.filter(|p| p.is_finite()) {
            self.p_follow_sum += p;
            self.p_follow_n += 1;
        }
        if let Some(mass) = record.other_mass.filter(|m| m.is_finite()) {
            self.other_mass_sum += mass;
            self.other_mass_n += 1;
        }
    }
}

/// All results of one model on one cell.
#[derive(Debug, Clone)]
pub struct CellTally {
    pub model: usize,
    pub cell_id: String,
    pub item_id: String,
    pub levels: Levels,
    pub tally: Tally,
}

/// Per-sample decisions of one model, for joining on cell id and sample index.
pub type SampleDecisions = HashMap<(String, u32), Decision>;

/// Everything the report computes from.
#[derive(Debug, Default)]
pub struct Dataset {
    pub runs: Vec<Run>,
    pub models: Vec<ModelKey>,
    /// Display names of `models`, unique across runs.
    pub labels: Vec<String>,
    pub cells: Vec<CellTally>,
    /// Per-sample decisions for models in a paired comparison, by model index.
    /// NOTE: this grows with the results of those models (one entry per result), unlike
    /// the per-cell tallies.
    pub samples: HashMap<usize, SampleDecisions>,
    /// Lines of `results.jsonl` read, over all runs.
    pub lines: u64,
}

impl Dataset {
    pub fn model_index(&self, key: &ModelKey) -> Option<usize> {
        self.models.iter().position(|m| m == key)
    }
}

/// Reads every run directory and folds its results into cell tallies.
pub fn load(run_dirs: &[PathBuf]) -> Result<Dataset> {
    if run_dirs.is_empty() {
        return Err(miette!(
            help = "pass at least one run directory, such as `pactc report runs/quick`",
            "no run directory given"
        ));
    }
    let mut dataset = Dataset::default();
    for dir in run_dirs {
        let mut run = read_run(dir)?;
        run.name = unique_name(&dataset.runs, &run.name);
        dataset.runs.push(run);
    }
    let paired = paired_models(&dataset.runs);

    for run in 0..dataset.runs.len() {
        read_results(&mut dataset, run, &paired)?;
    }
    dataset.labels = model_labels(&dataset);
    Ok(dataset)
}

fn read_run(dir: &Path) -> Result<Run> {
    let spec_path = dir.join("spec.json");
    let text = std::fs::read_to_string(&spec_path)
        .into_diagnostic()
        .wrap_err_with(|| {
            format!(
                "failed to read {}; a run directory holds spec.json and results.jsonl",
                spec_path.display()
            )
        })?;
    let spec: Spec = serde_json::from_str(&text).map_err(|error| {
        miette!(
            help = "spec.json must be the resolved spec that `pactc run` writes",
            "invalid {} at line {}, column {}: {error}",
            spec_path.display(),
            error.line(),
            error.column()
        )
    })?;
    let name = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Run {
        dir: dir.to_path_buf(),
        name,
        spec,
    })
}

/// Returns the (run, model) pairs whose per-sample decisions must be kept: models declared
/// as the base of another, their instruct models, and models that appear in several runs.
fn paired_models(runs: &[Run]) -> HashSet<(usize, String)> {
    let mut keep = HashSet::new();
    for (run_index, run) in runs.iter().enumerate() {
        for model in run.spec.models.values() {
            if let Some(instruct) = &model.base_of {
                keep.insert((run_index, model.name.clone()));
                keep.insert((run_index, instruct.clone()));
            }
            let in_other_runs = runs
                .iter()
                .enumerate()
                .any(|(i, other)| i != run_index && other.spec.models.contains_key(&model.name));
            if in_other_runs {
                keep.insert((run_index, model.name.clone()));
            }
        }
    }
    keep
}

fn read_results(
    dataset: &mut Dataset,
    run: usize,
    paired: &HashSet<(usize, String)>,
) -> Result<()> {
    let path = dataset.runs[run].dir.join("results.jsonl");
    let file = File::open(&path)
        .into_diagnostic()
        .wrap_err_with(|| format!("failed to open {}", path.display()))?;
    // Lookups borrow the record's strings, so a result allocates only for a new cell.
    let mut models: HashMap<String, usize> = HashMap::new();
    let mut cells: Vec<HashMap<String, usize>> = Vec::new();
    let mut keeps_samples: Vec<bool> = Vec::new();

    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line.into_diagnostic().wrap_err_with(|| {
            format!("failed to read {} at line {}", path.display(), number + 1)
        })?;
        if line.trim().is_empty() {
            continue;
        }
        dataset.lines += 1;
        let record: ResultRecord =
            serde_json::from_str(&line).map_err(|error| invalid_line(&path, number + 1, &error))?;
        check_probabilities(&record, &path, number + 1)?;

        let local = match models.get(record.model.as_str()) {
            Some(&local) => local,
            None => {
                dataset.models.push(ModelKey {
                    run,
                    model: record.model.clone(),
                });
                models.insert(record.model.clone(), cells.len());
                cells.push(HashMap::new());
                keeps_samples.push(paired.contains(&(run, record.model.clone())));
                cells.len() - 1
            }
        };
        let model = dataset.models.len() - cells.len() + local;
        if keeps_samples[local] {
            dataset.samples.entry(model).or_default().insert(
                (record.cell_id.clone(), record.sample),
                sample_decision(&record),
            );
        }
        let slot = match cells[local].get(record.cell_id.as_str()) {
            Some(&slot) => slot,
            None => {
                dataset.cells.push(CellTally {
                    model,
                    cell_id: record.cell_id.clone(),
                    item_id: record.item_id.clone(),
                    levels: record.levels.clone(),
                    tally: Tally::default(),
                });
                cells[local].insert(record.cell_id.clone(), dataset.cells.len() - 1);
                dataset.cells.len() - 1
            }
        };
        dataset.cells[slot].tally.record(&record);
    }
    Ok(())
}

/// Describes a line of results.jsonl that is not a result record. A line cut short is
/// what a run stopped while writing leaves, and rerunning the run repairs it.
fn invalid_line(path: &Path, line: usize, error: &serde_json::Error) -> miette::Report {
    if error.is_eof() {
        return miette!(
            help = "the run stopped while writing it; run the same `pactc run` command again, \
                    which removes a cut last line and sends that request again",
            "invalid result in {} at line {line}: the line is cut short",
            path.display()
        );
    }
    // serde_json's message ends with its own "at line 1 column N", which would name the
    // line of the JSON text rather than the line of the file.
    let message = error.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(reason, _)| reason);
    miette!(
        help = "each line of results.jsonl must be one result record as `pactc run` writes it",
        "invalid result in {} at line {line}, column {}: {reason}",
        path.display(),
        error.column()
    )
}

/// Rejects a record whose probabilities lie outside [0, 1], which `pactc run` never writes.
fn check_probabilities(record: &ResultRecord, path: &Path, line: usize) -> Result<()> {
    let fields = [
        ("p_follow", record.p_follow),
        ("p_a", record.p_a),
        ("p_b", record.p_b),
        ("other_mass", record.other_mass),
    ];
    for (field, value) in fields {
        if let Some(value) = value
            && !(0.0..=1.0).contains(&value)
        {
            return Err(miette!(
                help = "results.jsonl was edited or damaged; restore it, or rerun with \
                        `pactc run --restart`, which takes unchanged results from the cache",
                "invalid result in {} at line {line}: `{field}` is {value}, not a probability \
                 in [0, 1]",
                path.display()
            ));
        }
    }
    Ok(())
}

fn sample_decision(record: &ResultRecord) -> Decision {
    if record.error.is_some() {
        Decision::Unknown
    } else {
        record.decision
    }
}

/// Returns `name`, or `name-2`, `name-3`, ... when an earlier run already has the name.
fn unique_name(runs: &[Run], name: &str) -> String {
    let taken = |candidate: &str| runs.iter().any(|r| r.name == candidate);
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("some suffix is free")
}

/// Labels models by name, prefixed with the run directory name when several runs are read.
fn model_labels(dataset: &Dataset) -> Vec<String> {
    dataset
        .models
        .iter()
        .map(|key| {
            if dataset.runs.len() > 1 {
                format!("{}/{}", dataset.runs[key.run].name, key.model)
            } else {
                key.model.clone()
            }
        })
        .collect()
}
