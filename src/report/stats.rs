//! Deterministic statistics: Wilson intervals, chi-square, Cramér's V, Benjamini-Hochberg,
//! McNemar's exact test, correlations and the Jensen-Shannon distance.
//!
//! Every function returns `None` where the statistic is undefined (an empty group, a
//! constant series) rather than NaN, so callers must say why a figure is missing.

use serde::Serialize;
use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, DiscreteCDF};

/// The 0.975 quantile of the standard normal distribution, for 95 % intervals.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// Computes the Wilson score interval of `successes` out of `trials` at the 95 % level.
pub fn wilson(successes: u64, trials: u64) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z_95 * Z_95;
    let denominator = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denominator;
    let half = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some(Interval {
        lo: (center - half).max(0.0),
        hi: (center + half).min(1.0),
    })
}

/// Chi-square test of independence on a table of counts (rows by columns), without the
/// Yates continuity correction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChiSquare {
    pub statistic: f64,
    pub df: u64,
    pub p_value: f64,
    pub cramers_v: f64,
    pub n: u64,
}

/// Tests independence of rows and columns. Rows and columns whose total is zero are left
/// out; `None` when fewer than two rows or two columns remain.
pub fn chi_square(table: &[Vec<u64>]) -> Option<ChiSquare> {
    let columns = table.first().map_or(0, Vec::len);
    let column_totals: Vec<u64> = (0..columns)
        .map(|j| table.iter().map(|row| row[j]).sum())
        .collect();
    let kept_columns: Vec<usize> = (0..columns).filter(|&j| column_totals[j] > 0).collect();
    let rows: Vec<&Vec<u64>> = table
        .iter()
        .filter(|row| kept_columns.iter().map(|&j| row[j]).sum::<u64>() > 0)
        .collect();
    if rows.len() < 2 || kept_columns.len() < 2 {
        return None;
    }

    let n: u64 = rows
        .iter()
        .flat_map(|row| kept_columns.iter().map(|&j| row[j]))
        .sum();
    let mut statistic = 0.0;
    for row in &rows {
        let row_total: u64 = kept_columns.iter().map(|&j| row[j]).sum();
        for &j in &kept_columns {
            let expected = row_total as f64 * column_totals[j] as f64 / n as f64;
            let difference = row[j] as f64 - expected;
            statistic += difference * difference / expected;
        }
    }

    let df = ((rows.len() - 1) * (kept_columns.len() - 1)) as u64;
    let distribution = ChiSquared::new(df as f64).expect("degrees of freedom are positive");
    let smaller_side = rows.len().min(kept_columns.len()) as f64 - 1.0;
    Some(ChiSquare {
        statistic,
        df,
        p_value: distribution.sf(statistic),
        cramers_v: (statistic / (n as f64 * smaller_side)).sqrt(),
        n,
    })
}

/// Returns the upper tail probability of a chi-square statistic with `df` degrees of freedom.
pub fn chi_square_sf(statistic: f64, df: u64) -> Option<f64> {
    if df == 0 || !statistic.is_finite() {
        return None;
    }
    let distribution = ChiSquared::new(df as f64).ok()?;
    Some(distribution.sf(statistic.max(0.0)))
}

/// Adjusts p-values for the false discovery rate (Benjamini-Hochberg step-up), returning
/// them in the input order.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));

    let mut adjusted = vec![0.0; m];
    let mut running_min: f64 = 1.0;
    for rank in (0..m).rev() {
        let index = order[rank];
        let scaled = p_values[index] * m as f64 / (rank + 1) as f64;
        running_min = running_min.min(scaled);
        adjusted[index] = running_min;
    }
    adjusted
}

/// Computes the two-sided exact McNemar p-value from the two discordant counts.
pub fn mcnemar_exact(b: u64, c: u64) -> f64 {
    let n = b + c;
    if n == 0 {
        return 1.0;
    }
    let binomial = Binomial::new(0.5, n).expect("0.5 is a valid probability");
    (2.0 * binomial.cdf(b.min(c))).min(1.0)
}

/// Computes the Pearson correlation, or `None` with fewer than three pairs or a constant
/// series.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n < 3 || y.len() != n {
        return None;
    }
    let mean_x = x.iter().sum::<f64>() / n as f64;
    let mean_y = y.iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mean_x) * (b - mean_y);
        sxx += (a - mean_x) * (a - mean_x);
        syy += (b - mean_y) * (b - mean_y);
    }
    let scale = (sxx * syy).sqrt();
    if scale <= f64::EPSILON * n as f64 {
        return None;
    }
    Some((sxy / scale).clamp(-1.0, 1.0))
}

/// Computes the Spearman rank correlation (Pearson on average ranks, so ties share a rank).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}

fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end) as f64 / 2.0 + 1.0;
        for &index in &order[start..=end] {
            ranks[index] = rank;
        }
        start = end + 1;
    }
    ranks
}

/// Computes the Jensen-Shannon distance (base 2) between two Bernoulli distributions given
/// by their success probabilities; it lies in [0, 1].
pub fn jensen_shannon_bernoulli(p: f64, q: f64) -> f64 {
    let m = [(p + q) / 2.0, 1.0 - (p + q) / 2.0];
    let divergence = 0.5 * kl_base2(&[p, 1.0 - p], &m) + 0.5 * kl_base2(&[q, 1.0 - q], &m);
    divergence.max(0.0).sqrt()
}

fn kl_base2(p: &[f64], m: &[f64]) -> f64 {
    p.iter()
        .zip(m)
        .filter(|(a, _)| **a > 0.0)
        .map(|(a, b)| a * (a / b).log2())
        .sum()
}

/// Returns the `q` quantile of sorted values by linear interpolation between order
/// statistics (the default of NumPy's `percentile`).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let position = q * (sorted.len() - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let fraction = position - lower as f64;
    Some(sorted[lower] + (sorted[upper] - sorted[lower]) * fraction)
}

/// Returns the mean, or `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(values.iter().sum::<f64>() / values.len() as f64)
}
