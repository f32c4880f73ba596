//! Context and demographic effects with cluster-bootstrap intervals, and chi-square tests
//! of each factor.
//!
//! Context effect: for each model, each region's (or country's) Allow Preference rate minus
//! the model's overall rate; the deviations are averaged over the models that have the
//! level, and the spread is the maximum minus the minimum averaged deviation.
//! Demographic effect: for each model, the Allow Preference rate at one level minus the
//! rate at another (younger minus older, female minus male), averaged over models. Cells
//! with demographics hidden (level `none`) are left out.

use serde::Serialize;

use super::bootstrap::{BootInterval, BootstrapOptions, ClusterTable, bootstrap, rate};
use super::factors::{FactorKey, levels_of};
use super::load::Dataset;
use super::stats::{ChiSquare, chi_square};
use crate::model::Spec;

/// One level's deviation from the model's overall rate.
#[derive(Debug, Clone, Serialize)]
pub struct Deviation {
    pub level: String,
    /// Averaged over the models that have valid decisions at this level.
    pub deviation: Option<f64>,
    pub ci: Option<BootInterval>,
    /// Per model, in model order.
    pub per_model: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContextEffect {
    /// `region` or `country`.
    pub factor: String,
    pub deviations: Vec<Deviation>,
    /// Maximum minus minimum averaged deviation.
    pub spread: Option<f64>,
    pub spread_ci: Option<BootInterval>,
    pub clusters: usize,
}

/// Computes the context effect of `factor` (region or country).
pub fn context_effect(
    data: &Dataset,
    factor: &FactorKey,
    boot: &BootstrapOptions,
) -> ContextEffect {
    let levels = levels_of(factor, &data.cells);
    let models = data.models.len();
    let table = ClusterTable::build(&data.cells, models * levels.len(), |cell| {
        let level = factor.level(&cell.levels);
        let l = levels.iter().position(|x| x == level)?;
        Some(cell.model * levels.len() + l)
    });
    let stat = |totals: &[[f64; 2]]| context_statistics(totals, models, levels.len());

    let point = stat(&table.totals(None));
    let intervals = bootstrap(&table, boot, stat);
    let point_per_model = per_model_deviations(&table.totals(None), models, levels.len());

    let deviations = levels
        .iter()
        .enumerate()
        .map(|(l, level)| Deviation {
            level: level.clone(),
            deviation: point[l],
            ci: intervals[l],
            per_model: point_per_model.iter().map(|m| m[l]).collect(),
        })
        .collect();
    ContextEffect {
        factor: factor.name(),
        deviations,
        spread: point[levels.len()],
        spread_ci: intervals[levels.len()],
        clusters: table.scenarios.len(),
    }
}

fn per_model_deviations(
    totals: &[[f64; 2]],
    models: usize,
    levels: usize,
) -> Vec<Vec<Option<f64>>> {
    (0..models)
        .map(|m| {
            let row = &totals[m * levels..(m + 1) * levels];
            let overall = rate(row.iter().fold([0.0; 2], |a, c| [a[0] + c[0], a[1] + c[1]]));
            row.iter()
                .map(|&count| Some(rate(count)? - overall?))
                .collect()
        })
        .collect()
}

/// Returns the averaged deviation of each level, then the spread.
fn context_statistics(totals: &[[f64; 2]], models: usize, levels: usize) -> Vec<Option<f64>> {
    let per_model = per_model_deviations(totals, models, levels);
    let mut averaged: Vec<Option<f64>> = (0..levels)
        .map(|l| {
            let values: Vec<f64> = per_model.iter().filter_map(|m| m[l]).collect();
            super::stats::mean(&values)
        })
        .collect();
    let defined: Vec<f64> = averaged.iter().flatten().copied().collect();
    let spread = (defined.len() >= 2).then(|| {
        let max = defined.iter().copied().fold(f64::MIN, f64::max);
        let min = defined.iter().copied().fold(f64::MAX, f64::min);
        max - min
    });
    averaged.push(spread);
    averaged
}

/// A signed difference between two levels of one demographic for one role.
#[derive(Debug, Clone, Serialize)]
pub struct DemographicEffect {
    /// `actor.age`, `receiver.gender`, ...
    pub factor: String,
    /// The difference is the rate at `minuend` minus the rate at `subtrahend`.
    pub minuend: String,
    pub subtrahend: String,
    /// Averaged over models that have both levels.
    pub difference: Option<f64>,
    pub ci: Option<BootInterval>,
    pub per_model: Vec<ModelDifference>,
    pub clusters: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelDifference {
    pub model: String,
    pub difference: Option<f64>,
    pub ci: Option<BootInterval>,
}

/// Picks the two levels to compare: `female` minus `male` when both exist, otherwise the
/// first minus the last level in the spec's declaration order (younger before older in
/// `demographic age { levels: [younger, older] }`).
pub fn contrast_levels(
    spec: &Spec,
    demographic: &str,
    present: &[String],
) -> Option<(String, String)> {
    let present: Vec<&String> = present.iter().filter(|l| l.as_str() != "none").collect();
    if present.iter().any(|l| *l == "female") && present.iter().any(|l| *l == "male") {
        return Some(("female".into(), "male".into()));
    }
    let declared: Vec<String> = spec
        .demographics
        .get(demographic)
        .map(|d| d.levels.iter().map(|l| l.name.clone()).collect())
        .unwrap_or_default();
    let mut ordered: Vec<String> = declared
        .into_iter()
        .filter(|l| present.contains(&l))
        .collect();
    for level in present {
        if !ordered.contains(level) {
            ordered.push(level.clone());
        }
    }
    if ordered.len() < 2 {
        return None;
    }
    Some((ordered[0].clone(), ordered[ordered.len() - 1].clone()))
}

/// Computes the demographic effect of an `actor.D` or `receiver.D` factor.
pub fn demographic_effect(
    data: &Dataset,
    factor: &FactorKey,
    boot: &BootstrapOptions,
) -> Option<DemographicEffect> {
    let demographic = match factor {
        FactorKey::Actor(d) | FactorKey::Receiver(d) => d,
        _ => return None,
    };
    let levels = levels_of(factor, &data.cells);
    let (minuend, subtrahend) = contrast_levels(&data.runs[0].spec, demographic, &levels)?;
    let models = data.models.len();
    let table = ClusterTable::build(&data.cells, models * 2, |cell| {
        let level = factor.level(&cell.levels);
        let side = if level == minuend {
            0
        } else if level == subtrahend {
            1
        } else {
            return None;
        };
        Some(cell.model * 2 + side)
    });
    let stat = |totals: &[[f64; 2]]| {
        let per_model: Vec<Option<f64>> = (0..models)
            .map(|m| Some(rate(totals[2 * m])? - rate(totals[2 * m + 1])?))
            .collect();
        let defined: Vec<f64> = per_model.iter().flatten().copied().collect();
        let mut values = vec![super::stats::mean(&defined)];
        values.extend(per_model);
        values
    };
    let point = stat(&table.totals(None));
    let intervals = bootstrap(&table, boot, stat);
    Some(DemographicEffect {
        factor: factor.name(),
        minuend,
        subtrahend,
        difference: point[0],
        ci: intervals[0],
        per_model: (0..models)
            .map(|m| ModelDifference {
                model: data.labels[m].clone(),
                difference: point[m + 1],
                ci: intervals[m + 1],
            })
            .collect(),
        clusters: table.scenarios.len(),
    })
}

/// A chi-square test of one factor's levels against the decision, for one model.
#[derive(Debug, Clone, Serialize)]
pub struct FactorTest {
    pub model: String,
    pub factor: String,
    pub levels: usize,
    pub test: Option<ChiSquare>,
    /// Benjamini-Hochberg adjusted p-value across every test of the report.
    pub p_adjusted: Option<f64>,
    /// Why no test was run.
    pub note: Option<String>,
}

/// Runs a chi-square test of every factor for every model.
pub fn factor_tests(data: &Dataset, factors: &[FactorKey]) -> Vec<FactorTest> {
    let mut tests = Vec::new();
    for (m, label) in data.labels.iter().enumerate() {
        let cells: Vec<_> = data.cells.iter().filter(|c| c.model == m).collect();
        for factor in factors {
            let mut rows: indexmap::IndexMap<&str, Vec<u64>> = indexmap::IndexMap::new();
            for cell in &cells {
                let row = rows
                    .entry(factor.level(&cell.levels))
                    .or_insert_with(|| vec![0, 0]);
                row[0] += cell.tally.follow;
                row[1] += cell.tally.allow;
            }
            let table: Vec<Vec<u64>> = rows.into_values().collect();
            let test = chi_square(&table);
            let note = test.is_none().then(|| {
                "not tested: fewer than two levels with valid decisions, or only one decision \
                 was ever made"
                    .to_string()
            });
            tests.push(FactorTest {
                model: label.clone(),
                factor: factor.name(),
                levels: table.len(),
                test,
                p_adjusted: None,
                note,
            });
        }
    }
    tests
}
