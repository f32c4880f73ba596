//! Human-model alignment per model and question, over the items both have answered.
//!
//! For an item, h is the human Follow Culture share and q the share of the model's valid
//! decisions on all cells of the item (persona variants, samples and both orders, with the
//! order already undone) that follow the culture. The model's choice is Follow Culture when
//! q >= 0.5, so a tie counts as Follow Culture, and likewise for the human majority.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::BTreeMap;

use super::bootstrap::{BootInterval, BootstrapOptions, percentile_interval};
use super::human::{HumanCount, HumanItem, Question};
use super::load::{Dataset, Tally};
use super::stats::{jensen_shannon_bernoulli, mean, pearson, spearman};

/// A correlation across items with its bootstrap interval over items.
#[derive(Debug, Clone, Serialize)]
pub struct Correlation {
    pub value: Option<f64>,
    pub ci: Option<BootInterval>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    pub model: String,
    pub question: Question,
    /// `logprobs`, `samples` or `mixed`: how the model's distribution was obtained.
    pub method: String,
    pub items: usize,
    /// Share of items where the model's choice equals the human majority.
    pub majority_agreement: Option<f64>,
    /// Mean |model choice (1 = Follow Culture) - human Follow Culture share|.
    pub mean_absolute_error: Option<f64>,
    /// Model minus human Follow Culture rate, averaged over items.
    pub signed_gap: Option<f64>,
    /// Pearson of human agreement max(h, 1 - h) and model agreement max(q, 1 - q).
    pub uncertainty_correlation: Correlation,
    /// The same with q the item's mean P(Follow Culture); log-probability results only.
    pub probability_uncertainty_correlation: Correlation,
    /// Distribution metrics use P(Follow Culture) where results carry it, otherwise q.
    pub jensen_shannon: Option<f64>,
    pub total_variation: Option<f64>,
    pub pearson: Correlation,
    pub spearman: Correlation,
    /// Per item: the human Follow Culture share and the model's distribution value.
    pub points: Vec<AlignmentPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlignmentPoint {
    pub item_id: String,
    pub human: f64,
    pub model: f64,
}

/// Split-half reliability of the human Follow Culture shares for one question.
#[derive(Debug, Clone, Serialize)]
pub struct SplitHalf {
    pub question: Question,
    pub items: usize,
    /// Mean over splits of the Spearman-Brown corrected correlation of the two halves.
    pub ceiling: Option<f64>,
    /// 2.5 % and 97.5 % quantiles over the splits.
    pub range: Option<BootInterval>,
    pub splits: usize,
}

struct ItemPoint {
    item_id: String,
    human: f64,
    share: f64,
    probability: Option<f64>,
}

/// Computes alignment of every model with every question of the human data.
pub fn align(data: &Dataset, human_items: &[HumanItem], boot: &BootstrapOptions) -> Vec<Alignment> {
    let mut per_model_item: BTreeMap<(usize, &str), Tally> = BTreeMap::new();
    for cell in &data.cells {
        per_model_item
            .entry((cell.model, cell.item_id.as_str()))
            .or_default()
            .add(&cell.tally);
    }
    let mut rows = Vec::new();
    for (m, label) in data.labels.iter().enumerate() {
        for question in [Question::Personal, Question::Norm] {
            let mut points = Vec::new();
            let mut method = Tally::default();
            for item in human_items.iter().filter(|i| i.question == question) {
                let Some(tally) = per_model_item.get(&(m, item.item_id.as_str())) else {
                    continue;
                };
                if tally.valid() == 0 {
                    continue;
                }
                method.add(tally);
                points.push(ItemPoint {
                    item_id: item.item_id.clone(),
                    human: item.follow_share,
                    share: tally.follow as f64 / tally.valid() as f64,
                    probability: (tally.p_follow_n > 0)
                        .then(|| tally.p_follow_sum / tally.p_follow_n as f64),
                });
            }
            if !points.is_empty() {
                rows.push(alignment(label, question, &points, &method, boot));
            }
        }
    }
    rows
}

fn method_name(tally: &Tally) -> &'static str {
    match (tally.logprob_results > 0, tally.sampled_results > 0) {
        (true, false) => "logprobs",
        (false, true) => "samples",
        _ => "mixed",
    }
}

fn agreement(p: f64) -> f64 {
    p.max(1.0 - p)
}

fn alignment(
    model: &str,
    question: Question,
    points: &[ItemPoint],
    method: &Tally,
    boot: &BootstrapOptions,
) -> Alignment {
    let human: Vec<f64> = points.iter().map(|p| p.human).collect();
    let share: Vec<f64> = points.iter().map(|p| p.share).collect();
    let choice: Vec<f64> = share
        .iter()
        .map(|&q| if q >= 0.5 { 1.0 } else { 0.0 })
        .collect();
    let matches: Vec<f64> = points
        .iter()
        .map(|p| f64::from(u8::from((p.share >= 0.5) == (p.human >= 0.5))))
        .collect();
    let errors: Vec<f64> = choice
        .iter()
        .zip(&human)
        .map(|(c, h)| (c - h).abs())
        .collect();
    let gaps: Vec<f64> = share.iter().zip(&human).map(|(q, h)| q - h).collect();
    let human_agreement: Vec<f64> = human.iter().copied().map(agreement).collect();
    let model_agreement: Vec<f64> = share.iter().copied().map(agreement).collect();

    let all_probabilities = points.iter().all(|p| p.probability.is_some());
    let probability: Vec<f64> = points.iter().filter_map(|p| p.probability).collect();
    let distribution: Vec<f64> = if all_probabilities {
        probability.clone()
    } else {
        share.clone()
    };
    let js: Vec<f64> = distribution
        .iter()
        .zip(&human)
        .map(|(m, h)| jensen_shannon_bernoulli(*m, *h))
        .collect();
    let tv: Vec<f64> = distribution
        .iter()
        .zip(&human)
        .map(|(m, h)| (m - h).abs())
        .collect();

    let probability_uncertainty = if all_probabilities {
        let agreement_p: Vec<f64> = probability.iter().copied().map(agreement).collect();
        correlate(&human_agreement, &agreement_p, pearson, boot)
    } else {
        Correlation {
            value: None,
            ci: None,
        }
    };
    Alignment {
        model: model.to_string(),
        question,
        method: method_name(method).to_string(),
        items: points.len(),
        majority_agreement: mean(&matches),
        mean_absolute_error: mean(&errors),
        signed_gap: mean(&gaps),
        uncertainty_correlation: correlate(&human_agreement, &model_agreement, pearson, boot),
        probability_uncertainty_correlation: probability_uncertainty,
        jensen_shannon: mean(&js),
        total_variation: mean(&tv),
        pearson: correlate(&distribution, &human, pearson, boot),
        spearman: correlate(&distribution, &human, spearman, boot),
        points: points
            .iter()
            .zip(&distribution)
            .map(|(p, &model)| AlignmentPoint {
                item_id: p.item_id.clone(),
                human: p.human,
                model,
            })
            .collect(),
    }
}

/// Computes a correlation and its percentile interval from resampled items.
fn correlate(
    x: &[f64],
    y: &[f64],
    statistic: fn(&[f64], &[f64]) -> Option<f64>,
    boot: &BootstrapOptions,
) -> Correlation {
    let value = statistic(x, y);
    if value.is_none() {
        return Correlation { value, ci: None };
    }
    let n = x.len();
    let mut rng = ChaCha8Rng::seed_from_u64(boot.seed);
    let mut values = Vec::with_capacity(boot.replicates);
    let (mut xs, mut ys) = (vec![0.0; n], vec![0.0; n]);
    for _ in 0..boot.replicates {
        for i in 0..n {
            let j = rng.gen_range(0..n);
            xs[i] = x[j];
            ys[i] = y[j];
        }
        values.extend(statistic(&xs, &ys));
    }
    Correlation {
        value,
        ci: percentile_interval(values),
    }
}

/// Estimates the ceiling of a model-human correlation from the human data alone: each
/// item's answers are shuffled and split into two halves, the halves' Follow Culture shares
/// are correlated across items, and the Spearman-Brown formula 2r / (1 + r) projects the
/// correlation to the full sample.
pub fn split_half(counts: &[HumanCount], splits: usize, seed: u64) -> Vec<SplitHalf> {
    let mut per_item: BTreeMap<(Question, &str), [u64; 2]> = BTreeMap::new();
    for count in counts {
        let slot = per_item
            .entry((count.question, &count.item_id))
            .or_default();
        slot[0] += count.follow;
        slot[1] += count.allow;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rows = Vec::new();
    for question in [Question::Personal, Question::Norm] {
        let items: Vec<[u64; 2]> = per_item
            .iter()
            .filter(|((q, _), c)| *q == question && c[0] + c[1] >= 2)
            .map(|(_, c)| *c)
            .collect();
        if items.is_empty() {
            continue;
        }
        let mut values = Vec::new();
        for _ in 0..splits {
            let (mut first, mut second) = (Vec::new(), Vec::new());
            for &[follow, allow] in &items {
                let mut answers: Vec<bool> = (0..follow + allow).map(|i| i < follow).collect();
                answers.shuffle(&mut rng);
                let half = answers.len() / 2;
                let share =
                    |part: &[bool]| part.iter().filter(|a| **a).count() as f64 / part.len() as f64;
                first.push(share(&answers[..half]));
                second.push(share(&answers[half..]));
            }
            if let Some(r) = pearson(&first, &second) {
                let corrected = 2.0 * r / (1.0 + r);
                if corrected.is_finite() {
                    values.push(corrected);
                }
            }
        }
        rows.push(SplitHalf {
            question,
            items: items.len(),
            ceiling: mean(&values),
            range: percentile_interval(values.clone()),
            splits,
        });
    }
    rows
}
