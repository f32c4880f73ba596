//! Cluster bootstrap over scenarios.
//!
//! Cells of one scenario share its wording, so they are not independent draws. Each
//! replicate draws scenarios with replacement and sums their per-group counts; the
//! statistic is then recomputed from the summed counts. Percentile intervals (2.5 % and
//! 97.5 %, linear interpolation) come from the replicates where the statistic is defined.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::BTreeMap;

use super::load::CellTally;
use super::stats::quantile_sorted;

/// Bootstrap settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootstrapOptions {
    pub replicates: usize,
    pub seed: u64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            replicates: 1000,
            seed: 20_260_501,
        }
    }
}

/// A percentile interval and the number of replicates where the statistic was defined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BootInterval {
    pub lo: f64,
    pub hi: f64,
    pub replicates: usize,
}

/// (Allow Preference, valid) counts per scenario and group.
#[derive(Debug, Clone)]
pub struct ClusterTable {
    pub scenarios: Vec<String>,
    pub groups: usize,
    counts: Vec<[f64; 2]>,
}

impl ClusterTable {
    /// Builds the table from cells; `group_of` places a cell in a group or leaves it out.
    pub fn build(
        cells: &[CellTally],
        groups: usize,
        group_of: impl Fn(&CellTally) -> Option<usize>,
    ) -> ClusterTable {
        let mut by_scenario: BTreeMap<&str, Vec<[f64; 2]>> = BTreeMap::new();
        for cell in cells {
            let Some(group) = group_of(cell) else {
                continue;
            };
            if cell.tally.valid() == 0 {
                continue;
            }
            let row = by_scenario
                .entry(&cell.levels.scenario)
                .or_insert_with(|| vec![[0.0; 2]; groups]);
            row[group][0] += cell.tally.allow as f64;
            row[group][1] += cell.tally.valid() as f64;
        }
        let scenarios = by_scenario.keys().map(|s| s.to_string()).collect();
        let counts = by_scenario.into_values().flatten().collect();
        ClusterTable {
            scenarios,
            groups,
            counts,
        }
    }

    /// Sums the counts of every scenario, each weighted by how often it was drawn.
    pub fn totals(&self, weights: Option<&[f64]>) -> Vec<[f64; 2]> {
        let mut totals = vec![[0.0; 2]; self.groups];
        for (s, row) in self.counts.chunks(self.groups.max(1)).enumerate() {
            let weight = weights.map_or(1.0, |w| w[s]);
            if weight == 0.0 {
                continue;
            }
            for (total, count) in totals.iter_mut().zip(row) {
                total[0] += weight * count[0];
                total[1] += weight * count[1];
            }
        }
        totals
    }
}

/// Resamples scenarios and returns a percentile interval for each component of `stat`.
pub fn bootstrap(
    table: &ClusterTable,
    options: &BootstrapOptions,
    stat: impl Fn(&[[f64; 2]]) -> Vec<Option<f64>>,
) -> Vec<Option<BootInterval>> {
    let components = stat(&table.totals(None)).len();
    let clusters = table.scenarios.len();
    if clusters < 2 {
        return vec![None; components];
    }
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(options.replicates); components];
    let mut weights = vec![0.0; clusters];
    for _ in 0..options.replicates {
        weights.iter_mut().for_each(|w| *w = 0.0);
        for _ in 0..clusters {
            weights[rng.gen_range(0..clusters)] += 1.0;
        }
        let values = stat(&table.totals(Some(&weights)));
        for (draw, value) in draws.iter_mut().zip(values) {
            if let Some(v) = value.filter(|v| v.is_finite()) {
                draw.push(v);
            }
        }
    }
    draws.into_iter().map(percentile_interval).collect()
}

/// Computes a 95 % percentile interval from replicate values.
pub fn percentile_interval(mut values: Vec<f64>) -> Option<BootInterval> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(BootInterval {
        lo: quantile_sorted(&values, 0.025)?,
        hi: quantile_sorted(&values, 0.975)?,
        replicates: values.len(),
    })
}

/// Returns the allow rate of a (allow, valid) count, or `None` when nothing is valid.
pub fn rate(count: [f64; 2]) -> Option<f64> {
    (count[1] > 0.0).then(|| count[0] / count[1])
}
