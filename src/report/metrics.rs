//! The `metrics.json` document: every figure of a report, versioned.

use indexmap::IndexMap;
use serde::Serialize;
use std::collections::HashMap;

use super::alignment::{Alignment, SplitHalf, align, split_half};
use super::bootstrap::BootstrapOptions;
use super::effects::{
    ContextEffect, DemographicEffect, FactorTest, context_effect, demographic_effect, factor_tests,
};
use super::factors::{FactorKey, factors_of};
use super::human::{HumanCount, HumanSummary, ItemInfo, summarize};
use super::load::{Dataset, Tally};
use super::paired::{PairedComparison, compare, comparisons};
use super::rates::{OrderRow, RateRow, factor_rates, model_rates, order_rows};
use super::regression::{Regression, fit_regression};
use super::stats::benjamini_hochberg;

/// Version of the `metrics.json` layout; raised when a field changes meaning or goes away.
pub const METRICS_VERSION: u32 = 1;

/// Splits per question for the human split-half ceiling.
const SPLIT_HALF_SPLITS: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub version: u32,
    pub pactc_version: String,
    pub runs: Vec<RunInfo>,
    /// Lines read from `results.jsonl`, over all runs.
    pub results: u64,
    /// Failed requests, which hold no decision and are left out of every rate.
    pub errors: u64,
    pub bootstrap: BootstrapInfo,
    /// Prominent findings, such as a model answering by position.
    pub findings: Vec<String>,
    pub models: IndexMap<String, ModelMetrics>,
    pub rates: Vec<RateRow>,
    pub context: IndexMap<String, ContextEffect>,
    pub demographics: IndexMap<String, DemographicEffect>,
    pub tests: Vec<FactorTest>,
    pub regression: Option<Regression>,
    /// The reason no regression was fitted.
    pub regression_note: Option<String>,
    pub paired: Vec<PairedComparison>,
    pub human: Option<HumanMetrics>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub name: String,
    pub dir: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BootstrapInfo {
    pub replicates: usize,
    pub seed: u64,
    /// The units a bootstrap resamples.
    pub resamples: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelMetrics {
    pub run: String,
    /// `logprobs`, `samples` or `mixed`.
    pub method: String,
    pub results: u64,
    pub overall: RateRow,
    pub order: OrderRow,
}

#[derive(Debug, Clone, Serialize)]
pub struct HumanMetrics {
    pub summary: HumanSummary,
    pub alignment: Vec<Alignment>,
    pub split_half: Vec<SplitHalf>,
}

/// Maps each item id of the runs to its scenario, country and holder.
// TODO: take item ids from the expanded spec, so that human answers on items a seeded
// subset left out of the runs are accepted; today only items with results are known.
pub fn item_infos(data: &Dataset) -> HashMap<String, ItemInfo> {
    data.cells
        .iter()
        .map(|c| {
            (
                c.item_id.clone(),
                ItemInfo {
                    scenario: c.levels.scenario.clone(),
                    country: c.levels.country.clone(),
                    holder: c.levels.holder.as_str().to_string(),
                },
            )
        })
        .collect()
}

/// Computes every figure of the report.
pub fn build(
    data: &Dataset,
    human: Option<&(Vec<HumanCount>, HashMap<String, ItemInfo>)>,
    boot: &BootstrapOptions,
) -> Metrics {
    let factors = factors_of(&data.cells);
    let models = model_metrics(data);
    let mut tests = factor_tests(data, &factors);
    let (mut regression, regression_note) = match fit_regression(data, &factors) {
        Ok(fit) => (Some(fit), None),
        Err(note) => (None, Some(note)),
    };
    let mut paired: Vec<PairedComparison> = comparisons(data)
        .into_iter()
        .map(|(a, b, kind)| compare(data, a, b, kind, boot))
        .collect();
    adjust_p_values(&mut tests, regression.as_mut(), &mut paired);

    let mut metrics = Metrics {
        version: METRICS_VERSION,
        pactc_version: env!("CARGO_PKG_VERSION").to_string(),
        runs: data
            .runs
            .iter()
            .map(|r| RunInfo {
                name: r.name.clone(),
                dir: r.dir.display().to_string(),
            })
            .collect(),
        results: data.lines,
        errors: data.cells.iter().map(|c| c.tally.errors).sum(),
        bootstrap: BootstrapInfo {
            replicates: boot.replicates,
            seed: boot.seed,
            resamples: "scenarios (clusters); items for human-model correlations".into(),
        },
        findings: Vec::new(),
        models,
        rates: factor_rates(data, &factors),
        context: [FactorKey::Region, FactorKey::Country]
            .iter()
            .map(|f| (f.name(), context_effect(data, f, boot)))
            .collect(),
        demographics: factors
            .iter()
            .filter_map(|f| demographic_effect(data, f, boot))
            .map(|e| (e.factor.clone(), e))
            .collect(),
        tests,
        regression,
        regression_note,
        paired,
        human: human.map(|(counts, items)| human_metrics(data, counts, items, boot)),
    };
    metrics.findings = findings(&metrics);
    metrics
}

fn model_metrics(data: &Dataset) -> IndexMap<String, ModelMetrics> {
    let overall = model_rates(data);
    let order = order_rows(data);
    let mut totals = vec![Tally::default(); data.models.len()];
    for cell in &data.cells {
        totals[cell.model].add(&cell.tally);
    }
    (0..data.models.len())
        .map(|m| {
            let t = &totals[m];
            let method = match (t.logprob_results > 0, t.sampled_results > 0) {
                (true, false) => "logprobs",
                (false, true) => "samples",
                _ => "mixed",
            };
            let metrics = ModelMetrics {
                run: data.runs[data.models[m].run].name.clone(),
                method: method.to_string(),
                results: t.answered() + t.errors,
                overall: overall[m].clone(),
                order: order[m].clone(),
            };
            (data.labels[m].clone(), metrics)
        })
        .collect()
}

fn human_metrics(
    data: &Dataset,
    counts: &[HumanCount],
    items: &HashMap<String, ItemInfo>,
    boot: &BootstrapOptions,
) -> HumanMetrics {
    let summary = summarize(counts, items, &data.runs[0].spec);
    let alignment = align(data, &summary.items, boot);
    HumanMetrics {
        alignment,
        split_half: split_half(counts, SPLIT_HALF_SPLITS, boot.seed),
        summary,
    }
}

/// Adjusts every p-value of the report together (Benjamini-Hochberg).
fn adjust_p_values(
    tests: &mut [FactorTest],
    regression: Option<&mut Regression>,
    paired: &mut [PairedComparison],
) {
    let mut p_values = Vec::new();
    p_values.extend(
        tests
            .iter()
            .filter_map(|t| t.test.as_ref().map(|x| x.p_value)),
    );
    if let Some(fit) = &regression {
        p_values.extend(fit.importance.iter().filter_map(|i| i.p_value));
    }
    p_values.extend(paired.iter().map(|p| p.mcnemar_p));
    let adjusted = benjamini_hochberg(&p_values);
    let mut next = adjusted.into_iter();

    for test in tests.iter_mut().filter(|t| t.test.is_some()) {
        test.p_adjusted = next.next();
    }
    if let Some(fit) = regression {
        for importance in fit.importance.iter_mut().filter(|i| i.p_value.is_some()) {
            importance.p_adjusted = next.next();
        }
    }
    for comparison in paired.iter_mut() {
        comparison.p_adjusted = next.next();
    }
}

fn findings(metrics: &Metrics) -> Vec<String> {
    let mut findings = Vec::new();
    for (label, model) in &metrics.models {
        let order = &model.order;
        if order.answers_by_position {
            findings.push(format!(
                "{label} answers by position, not content: its two option orders give different \
                 majority decisions on {} of {} items, and it chose the option shown first in \
                 {} of valid decisions. Its rates say more about option order than about norms \
                 and preferences.",
                order.items_disagreeing,
                order.items_compared,
                percent(order.position_bias),
            ));
        }
        if let Some(share) = model.overall.unknown_share.filter(|s| *s > 0.5) {
            findings.push(format!(
                "{label}: {} of decisions are UNKNOWN, so its rates rest on a minority of results.",
                percent(Some(share))
            ));
        }
        if model.overall.follow + model.overall.allow == 0 {
            findings.push(format!(
                "{label} has no valid decisions; every rate is undefined."
            ));
        }
    }
    if metrics.errors > 0 {
        findings.push(format!(
            "{} requests failed and hold no decision; they are counted apart from UNKNOWN.",
            metrics.errors
        ));
    }
    findings
}

pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |v| format!("{:.1} %", 100.0 * v))
}
