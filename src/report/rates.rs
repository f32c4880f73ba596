//! Follow Culture and Allow Preference rates with Wilson intervals, and option-order
//! figures: position bias, the counterbalanced rate and how often the two orders disagree.

use indexmap::IndexMap;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::factors::FactorKey;
use super::load::{CellTally, Dataset, Tally};
use super::stats::{Interval, wilson};
use crate::cell::Order;

/// Pairs of factors that rates are also broken down by.
pub const FACTOR_PAIRS: [(FactorKey, FactorKey); 4] = [
    (FactorKey::Region, FactorKey::Holder),
    (FactorKey::ScenarioType, FactorKey::Holder),
    (FactorKey::Holder, FactorKey::Demographics),
    (FactorKey::System, FactorKey::Holder),
];

/// One rate: a model (or all models) at one level of up to two factors.
#[derive(Debug, Clone, Serialize)]
pub struct RateRow {
    pub model: String,
    /// `model` for a model's overall rate.
    pub factor: String,
    pub level: String,
    pub factor2: Option<String>,
    pub level2: Option<String>,
    pub follow: u64,
    pub allow: u64,
    pub unknown: u64,
    pub errors: u64,
    /// Allow Preference share of valid decisions (argmax decisions for log-probabilities).
    pub allow_rate: Option<f64>,
    pub allow_ci: Option<Interval>,
    pub follow_rate: Option<f64>,
    pub follow_ci: Option<Interval>,
    /// UNKNOWN share of results with a decision.
    pub unknown_share: Option<f64>,
    /// Mean of 1 - P(Follow Culture) over results that carry a probability.
    pub expected_allow_rate: Option<f64>,
    pub mean_other_mass: Option<f64>,
    /// Distinct scenarios behind the figure.
    pub clusters: usize,
}

pub fn rate_row(model: &str, factor: &str, level: &str, tally: &Tally, clusters: usize) -> RateRow {
    let valid = tally.valid();
    let ratio = |num: u64, den: u64| (den > 0).then(|| num as f64 / den as f64);
    RateRow {
        model: model.to_string(),
        factor: factor.to_string(),
        level: level.to_string(),
        factor2: None,
        level2: None,
        follow: tally.follow,
        allow: tally.allow,
        unknown: tally.unknown,
        errors: tally.errors,
        allow_rate: ratio(tally.allow, valid),
        allow_ci: wilson(tally.allow, valid),
        follow_rate: ratio(tally.follow, valid),
        follow_ci: wilson(tally.follow, valid),
        unknown_share: ratio(tally.unknown, tally.answered()),
        expected_allow_rate: (tally.p_follow_n > 0)
            .then(|| 1.0 - tally.p_follow_sum / tally.p_follow_n as f64),
        mean_other_mass: (tally.other_mass_n > 0)
            .then(|| tally.other_mass_sum / tally.other_mass_n as f64),
        clusters,
    }
}

/// Sums tallies by a key and counts the distinct scenarios behind each sum.
fn group<K: Ord + Clone>(
    cells: &[CellTally],
    key: impl Fn(&CellTally) -> Option<K>,
) -> BTreeMap<K, (Tally, usize)> {
    let mut sums: BTreeMap<K, (Tally, BTreeSet<&str>)> = BTreeMap::new();
    for cell in cells {
        if let Some(k) = key(cell) {
            let entry = sums.entry(k).or_default();
            entry.0.add(&cell.tally);
            entry.1.insert(&cell.levels.scenario);
        }
    }
    sums.into_iter()
        .map(|(k, (tally, scenarios))| (k, (tally, scenarios.len())))
        .collect()
}

/// Computes the overall rate of each model, in model order.
pub fn model_rates(data: &Dataset) -> Vec<RateRow> {
    let grouped = group(&data.cells, |c| Some(c.model));
    (0..data.models.len())
        .map(|m| {
            let (tally, clusters) = grouped.get(&m).cloned().unwrap_or_default();
            rate_row(&data.labels[m], "model", &data.labels[m], &tally, clusters)
        })
        .collect()
}

/// Rates per model and level of every factor, then of the chosen factor pairs.
pub fn factor_rates(data: &Dataset, factors: &[FactorKey]) -> Vec<RateRow> {
    let mut rows = Vec::new();
    for factor in factors {
        let grouped = group(&data.cells, |c| Some((c.model, factor.rank_key(&c.levels))));
        for ((model, (_, level)), (tally, clusters)) in grouped {
            rows.push(rate_row(
                &data.labels[model],
                &factor.name(),
                &level,
                &tally,
                clusters,
            ));
        }
    }
    for (first, second) in &FACTOR_PAIRS {
        if !factors.contains(first) || !factors.contains(second) {
            continue;
        }
        let grouped = group(&data.cells, |c| {
            Some((
                c.model,
                first.rank_key(&c.levels),
                second.rank_key(&c.levels),
            ))
        });
        for ((model, (_, a), (_, b)), (tally, clusters)) in grouped {
            let mut row = rate_row(&data.labels[model], &first.name(), &a, &tally, clusters);
            row.factor2 = Some(second.name());
            row.level2 = Some(b);
            rows.push(row);
        }
    }
    rows
}

impl FactorKey {
    /// Returns a sort key that keeps the natural level order in grouped output.
    fn rank_key(&self, levels: &crate::cell::Levels) -> (usize, String) {
        let level = self.level(levels);
        (self.level_rank(level), level.to_string())
    }
}

/// Option-order figures for one model.
#[derive(Debug, Clone, Serialize)]
pub struct OrderRow {
    pub model: String,
    /// Share of valid decisions that chose whichever option was shown first.
    pub position_bias: Option<f64>,
    pub position_bias_ci: Option<Interval>,
    /// Allow Preference rate with both orders pooled.
    pub counterbalanced_allow_rate: Option<f64>,
    pub counterbalanced_allow_ci: Option<Interval>,
    pub allow_rate_follow_first: Option<f64>,
    pub allow_rate_allow_first: Option<f64>,
    /// Items whose majority decision differs between the two orders, over items seen in
    /// both orders with valid decisions.
    pub items_disagreeing: usize,
    pub items_compared: usize,
    pub disagreement_share: Option<f64>,
    /// True when the orders disagree on more than half the items compared, which means the
    /// model chooses by position rather than content.
    pub answers_by_position: bool,
    pub clusters: usize,
}

/// Computes option-order figures per model.
pub fn order_rows(data: &Dataset) -> Vec<OrderRow> {
    let by_model = group(&data.cells, |c| Some(c.model));
    let by_order = group(&data.cells, |c| Some((c.model, c.levels.order)));
    let by_item = item_order_tallies(&data.cells);

    (0..data.models.len())
        .map(|m| {
            let (tally, clusters) = by_model.get(&m).cloned().unwrap_or_default();
            let order_rate = |order: Order| {
                by_order
                    .get(&(m, order))
                    .and_then(|(t, _)| (t.valid() > 0).then(|| t.allow as f64 / t.valid() as f64))
            };
            let (disagreeing, compared) = order_disagreement(by_item.get(&m));
            let share = (compared > 0).then(|| disagreeing as f64 / compared as f64);
            OrderRow {
                model: data.labels[m].clone(),
                position_bias: (tally.valid() > 0)
                    .then(|| tally.first as f64 / tally.valid() as f64),
                position_bias_ci: wilson(tally.first, tally.valid()),
                counterbalanced_allow_rate: (tally.valid() > 0)
                    .then(|| tally.allow as f64 / tally.valid() as f64),
                counterbalanced_allow_ci: wilson(tally.allow, tally.valid()),
                allow_rate_follow_first: order_rate(Order::FollowFirst),
                allow_rate_allow_first: order_rate(Order::AllowFirst),
                items_disagreeing: disagreeing,
                items_compared: compared,
                disagreement_share: share,
                answers_by_position: share.is_some_and(|s| s > 0.5),
                clusters,
            }
        })
        .collect()
}

type ItemOrders<'a> = HashMap<usize, IndexMap<&'a str, [Tally; 2]>>;

fn item_order_tallies(cells: &[CellTally]) -> ItemOrders<'_> {
    let mut by_item: ItemOrders = HashMap::new();
    for cell in cells {
        let slot = usize::from(cell.levels.order == Order::AllowFirst);
        let entry = by_item
            .entry(cell.model)
            .or_default()
            .entry(cell.item_id.as_str())
            .or_default();
        entry[slot].add(&cell.tally);
    }
    by_item
}

/// Counts items whose majority decision (a tie counts as Follow Culture) differs between
/// the follow-first and allow-first cells.
fn order_disagreement(items: Option<&IndexMap<&str, [Tally; 2]>>) -> (usize, usize) {
    let Some(items) = items else { return (0, 0) };
    let mut disagreeing = 0;
    let mut compared = 0;
    for [follow_first, allow_first] in items.values() {
        if follow_first.valid() == 0 || allow_first.valid() == 0 {
            continue;
        }
        compared += 1;
        let majority = |t: &Tally| t.follow >= t.allow;
        if majority(follow_first) != majority(allow_first) {
            disagreeing += 1;
        }
    }
    (disagreeing, compared)
}
