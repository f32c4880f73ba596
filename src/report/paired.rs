//! Paired comparisons of the same cells answered twice: a base model and the instruct
//! model it is declared the base of, or one model in two runs.
//!
//! Results are joined on (cell id, sample index); a pair counts when both sides hold a
//! valid decision. The rate difference is the second side's Allow Preference rate minus
//! the first side's, with a bootstrap interval over scenarios; McNemar's exact test uses
//! the two discordant counts.

use serde::Serialize;
use std::collections::HashMap;

use super::bootstrap::{BootInterval, BootstrapOptions, percentile_interval};
use super::load::{Dataset, ModelKey};
use super::stats::mcnemar_exact;
use crate::cell::Decision;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone, Serialize)]
pub struct PairedComparison {
    /// The first side (the base model, or the model in the first run).
    pub first: String,
    pub second: String,
    /// `base_of` or `runs`.
    pub kind: String,
    pub pairs: u64,
    pub first_allow_rate: Option<f64>,
    pub second_allow_rate: Option<f64>,
    /// Second minus first Allow Preference rate over the joined pairs.
    pub difference: Option<f64>,
    pub difference_ci: Option<BootInterval>,
    /// Share of pairs that went from Follow Culture (first) to Allow Preference (second).
    pub flip_to_allow: Option<f64>,
    /// Share of pairs that went from Allow Preference (first) to Follow Culture (second).
    pub flip_to_follow: Option<f64>,
    pub mcnemar_p: f64,
    pub p_adjusted: Option<f64>,
    pub clusters: usize,
}

/// Lists the pairs of model indices to compare, with their kind.
pub fn comparisons(data: &Dataset) -> Vec<(usize, usize, &'static str)> {
    let mut pairs = Vec::new();
    for (run_index, run) in data.runs.iter().enumerate() {
        for model in run.spec.models.values() {
            let Some(instruct) = &model.base_of else {
                continue;
            };
            let base = data.model_index(&ModelKey {
                run: run_index,
                model: model.name.clone(),
            });
            let tuned = data.model_index(&ModelKey {
                run: run_index,
                model: instruct.clone(),
            });
            if let (Some(a), Some(b)) = (base, tuned) {
                pairs.push((a, b, "base_of"));
            }
        }
    }
    for (a, key) in data.models.iter().enumerate() {
        for (b, other) in data.models.iter().enumerate() {
            if key.run < other.run && key.model == other.model {
                pairs.push((a, b, "runs"));
            }
        }
    }
    pairs
}

/// Per-scenario counts: pairs, first allows, second allows, follow-to-allow, allow-to-follow.
type ScenarioCounts = [u64; 5];

/// Compares two models on their shared (cell, sample) keys.
pub fn compare(
    data: &Dataset,
    first: usize,
    second: usize,
    kind: &str,
    boot: &BootstrapOptions,
) -> PairedComparison {
    let scenario_of: HashMap<&str, &str> = data
        .cells
        .iter()
        .filter(|c| c.model == first)
        .map(|c| (c.cell_id.as_str(), c.levels.scenario.as_str()))
        .collect();
    let empty = HashMap::new();
    let a = data.samples.get(&first).unwrap_or(&empty);
    let b = data.samples.get(&second).unwrap_or(&empty);

    let mut by_scenario: std::collections::BTreeMap<&str, ScenarioCounts> = Default::default();
    for (key, &left) in a {
        let Some(&right) = b.get(key) else { continue };
        if left == Decision::Unknown || right == Decision::Unknown {
            continue;
        }
        let scenario = scenario_of.get(key.0.as_str()).copied().unwrap_or("");
        let counts = by_scenario.entry(scenario).or_default();
        let left_allow = left == Decision::AllowPreference;
        let right_allow = right == Decision::AllowPreference;
        counts[0] += 1;
        counts[1] += u64::from(left_allow);
        counts[2] += u64::from(right_allow);
        counts[3] += u64::from(!left_allow && right_allow);
        counts[4] += u64::from(left_allow && !right_allow);
    }
    let per_scenario: Vec<ScenarioCounts> = by_scenario.into_values().collect();
    let total = per_scenario.iter().fold([0u64; 5], |mut t, c| {
        t.iter_mut().zip(c).for_each(|(x, y)| *x += y);
        t
    });
    let share = |count: u64| (total[0] > 0).then(|| count as f64 / total[0] as f64);
    let difference = |t: &[f64; 3]| (t[0] > 0.0).then(|| (t[2] - t[1]) / t[0]);

    PairedComparison {
        first: data.labels[first].clone(),
        second: data.labels[second].clone(),
        kind: kind.to_string(),
        pairs: total[0],
        first_allow_rate: share(total[1]),
        second_allow_rate: share(total[2]),
        difference: difference(&[total[0] as f64, total[1] as f64, total[2] as f64]),
        difference_ci: bootstrap_difference(&per_scenario, boot, difference),
        flip_to_allow: share(total[3]),
        flip_to_follow: share(total[4]),
        mcnemar_p: mcnemar_exact(total[3], total[4]),
        p_adjusted: None,
        clusters: per_scenario.len(),
    }
}

fn bootstrap_difference(
    per_scenario: &[ScenarioCounts],
    boot: &BootstrapOptions,
    difference: impl Fn(&[f64; 3]) -> Option<f64>,
) -> Option<BootInterval> {
    let clusters = per_scenario.len();
    if clusters < 2 {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(boot.seed);
    let mut values = Vec::with_capacity(boot.replicates);
    for _ in 0..boot.replicates {
        let mut sums = [0.0; 3];
        for _ in 0..clusters {
            let c = per_scenario[rng.gen_range(0..clusters)];
            sums[0] += c[0] as f64;
            sums[1] += c[1] as f64;
            sums[2] += c[2] as f64;
        }
        values.extend(difference(&sums));
    }
    percentile_interval(values)
}
