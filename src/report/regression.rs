//! Logistic regression of the decision (1 = Allow Preference) on the factors.
//!
//! Treatment coding with the first level of each factor as reference, fitted by
//! iteratively reweighted least squares on binomial counts aggregated by (scenario, factor
//! levels), so the fit needs per-pattern sufficient statistics only. Standard errors are
//! clustered by scenario (sandwich estimator with the small-sample factor
//! G/(G-1) * (N-1)/(N-K), as in Stata and statsmodels). Factor importance is the increase
//! in deviance when the factor is dropped, with a likelihood-ratio test.
//!
//! Levels whose decisions are all one way separate the data perfectly, so their
//! coefficient would diverge: such a level is left out with its rows (which leaves the
//! other estimates at their limiting values) and the report warns about it.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};
use std::collections::{BTreeMap, HashMap};

use super::factors::FactorKey;
use super::load::{CellTally, Dataset};
use super::stats::{Z_95, chi_square_sf};

const MAX_ITERATIONS: usize = 100;
/// Relative pivot below which a design column counts as a linear combination of others.
const ALIAS_TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone, Serialize)]
pub struct Coefficient {
    /// `intercept` or the factor's name.
    pub factor: String,
    pub level: String,
    pub reference: Option<String>,
    pub estimate: f64,
    pub std_error: f64,
    pub z: f64,
    pub p_value: f64,
    pub odds_ratio: f64,
    pub odds_ratio_lo: f64,
    pub odds_ratio_hi: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Importance {
    pub factor: String,
    pub df: u64,
    /// Deviance of the model without the factor minus that of the full model.
    pub deviance_increase: f64,
    pub p_value: Option<f64>,
    pub p_adjusted: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Regression {
    /// Valid decisions in the fit.
    pub observations: u64,
    pub clusters: usize,
    /// -2 log-likelihood of the Bernoulli decisions.
    pub deviance: f64,
    pub null_deviance: f64,
    pub iterations: usize,
    pub converged: bool,
    pub coefficients: Vec<Coefficient>,
    pub importance: Vec<Importance>,
    pub warnings: Vec<String>,
}

/// A regressor: the model or a matrix factor.
#[derive(Debug, Clone, PartialEq)]
enum Term {
    Model,
    Factor(FactorKey),
}

impl Term {
    fn name(&self) -> String {
        match self {
            Term::Model => "model".into(),
            Term::Factor(f) => f.name(),
        }
    }

    fn level(&self, data: &Dataset, cell: &CellTally) -> String {
        match self {
            Term::Model => data.labels[cell.model].clone(),
            Term::Factor(f) => f.level(&cell.levels).to_string(),
        }
    }

    fn rank(&self, level: &str) -> usize {
        match self {
            Term::Model => 0,
            Term::Factor(f) => f.level_rank(level),
        }
    }
}

/// Aggregated binomial rows: one per (scenario, levels of every term).
struct Pattern {
    cluster: usize,
    levels: Vec<String>,
    allow: f64,
    valid: f64,
}

/// Fits the regression, or returns the reason it cannot be fitted.
pub fn fit_regression(data: &Dataset, factors: &[FactorKey]) -> Result<Regression, String> {
    let mut warnings = Vec::new();
    let mut terms = candidate_terms(data, factors);
    let mut patterns = aggregate(data, &terms);
    let allow: f64 = patterns.iter().map(|p| p.allow).sum();
    let valid: f64 = patterns.iter().map(|p| p.valid).sum();
    if valid == 0.0 {
        return Err("no valid decisions, so no regression was fitted".into());
    }
    if allow == 0.0 || allow == valid {
        return Err(format!(
            "every valid decision is {}, so the decision does not vary and no regression was fitted",
            if allow == 0.0 {
                "Follow Culture"
            } else {
                "Allow Preference"
            }
        ));
    }

    check_determined(&terms, &patterns)?;
    drop_separated(&terms, &mut patterns, &mut warnings);
    let allow: f64 = patterns.iter().map(|p| p.allow).sum();
    let valid: f64 = patterns.iter().map(|p| p.valid).sum();
    if allow == 0.0 || allow == valid {
        return Err(format!(
            "once perfectly separated levels are left out, the decision no longer varies, \
             so no regression was fitted ({})",
            warnings.join(" ")
        ));
    }
    let level_lists = term_levels(&terms, &patterns);
    let keep: Vec<bool> = level_lists.iter().map(|l| l.len() >= 2).collect();
    for (term, kept) in terms.iter().zip(&keep) {
        if !kept {
            warnings.push(format!(
                "factor `{}` has a single level with valid decisions and is left out of the regression",
                term.name()
            ));
        }
    }
    let mut index = 0;
    terms.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    for pattern in &mut patterns {
        let mut index = 0;
        pattern.levels.retain(|_| {
            index += 1;
            keep[index - 1]
        });
    }
    let level_lists: Vec<Vec<String>> = level_lists.into_iter().filter(|l| l.len() >= 2).collect();

    let design = Design::build(&terms, &level_lists, &patterns, &mut warnings);
    let full = irls(&design, &design.all_columns());
    if !full.converged {
        warnings.push(format!(
            "the fit did not converge in {MAX_ITERATIONS} iterations; estimates may be unreliable"
        ));
    }
    let coefficients = coefficients(&design, &full);
    let importance = importance(&design, &full);
    let null = irls(&design, &[0]);
    Ok(Regression {
        observations: valid as u64,
        clusters: design.clusters,
        deviance: full.deviance,
        null_deviance: null.deviance,
        iterations: full.iterations,
        converged: full.converged,
        coefficients,
        importance,
        warnings,
    })
}

fn candidate_terms(data: &Dataset, factors: &[FactorKey]) -> Vec<Term> {
    let has_persona = factors
        .iter()
        .any(|f| matches!(f, FactorKey::Actor(_) | FactorKey::Receiver(_)));
    let mut terms = Vec::new();
    if data.models.len() > 1 {
        terms.push(Term::Model);
    }
    for factor in factors {
        // Region is nested in country and scenario is the cluster; the persona factors'
        // `none` level already encodes hidden demographics.
        let skip = matches!(factor, FactorKey::Region | FactorKey::Scenario)
            || (has_persona && *factor == FactorKey::Demographics);
        if !skip {
            terms.push(Term::Factor(factor.clone()));
        }
    }
    terms
}

fn aggregate(data: &Dataset, terms: &[Term]) -> Vec<Pattern> {
    let mut clusters: HashMap<&str, usize> = HashMap::new();
    let mut sums: BTreeMap<(usize, Vec<String>), [f64; 2]> = BTreeMap::new();
    for cell in &data.cells {
        if cell.tally.valid() == 0 {
            continue;
        }
        let next = clusters.len();
        let cluster = *clusters.entry(&cell.levels.scenario).or_insert(next);
        let levels = terms.iter().map(|t| t.level(data, cell)).collect();
        let sum = sums.entry((cluster, levels)).or_default();
        sum[0] += cell.tally.allow as f64;
        sum[1] += cell.tally.valid() as f64;
    }
    sums.into_iter()
        .map(|((cluster, levels), [allow, valid])| Pattern {
            cluster,
            levels,
            allow,
            valid,
        })
        .collect()
}

fn term_levels(terms: &[Term], patterns: &[Pattern]) -> Vec<Vec<String>> {
    terms
        .iter()
        .enumerate()
        .map(|(t, term)| {
            let mut levels: Vec<String> = patterns.iter().map(|p| p.levels[t].clone()).collect();
            levels.sort();
            levels.dedup();
            levels.sort_by_key(|l| term.rank(l));
            levels
        })
        .collect()
}

/// Returns the level sums (Allow Preference, valid) of one term over the patterns.
fn level_sums(patterns: &[Pattern], t: usize) -> BTreeMap<&str, [f64; 2]> {
    let mut sums: BTreeMap<&str, [f64; 2]> = BTreeMap::new();
    for p in patterns {
        let s = sums.entry(&p.levels[t]).or_default();
        s[0] += p.allow;
        s[1] += p.valid;
    }
    sums
}

fn is_separated([allow, valid]: [f64; 2]) -> bool {
    allow == 0.0 || allow == valid
}

/// Returns an error naming a factor whose every level has decisions of one kind only,
/// because that factor alone determines the decision.
fn check_determined(terms: &[Term], patterns: &[Pattern]) -> Result<(), String> {
    for (t, term) in terms.iter().enumerate() {
        let sums = level_sums(patterns, t);
        if sums.len() >= 2 && sums.values().all(|s| is_separated(*s)) {
            return Err(format!(
                "every level of factor `{}` has decisions of one kind only, so that factor \
                 alone determines the decision (perfect separation) and no regression was fitted",
                term.name()
            ));
        }
    }
    Ok(())
}

/// Leaves out levels whose decisions are all one way, repeating until none is left, with
/// one warning per factor naming its levels.
fn drop_separated(terms: &[Term], patterns: &mut Vec<Pattern>, warnings: &mut Vec<String>) {
    let mut dropped: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    loop {
        let separated = (0..terms.len()).find_map(|t| {
            let sums = level_sums(patterns, t);
            if sums.len() < 2 {
                return None;
            }
            let (level, _) = sums.into_iter().find(|(_, s)| is_separated(*s))?;
            Some((t, level.to_string()))
        });
        let Some((t, level)) = separated else { break };
        patterns.retain(|p| p.levels[t] != level);
        dropped.entry(t).or_default().push(level);
    }
    for (t, levels) in dropped {
        let names: Vec<String> = levels.iter().map(|l| format!("`{l}`")).collect();
        warnings.push(format!(
            "factor `{}`: level{} {} had decisions of one kind only (perfect separation), so \
             {} not estimable and {} decisions are left out of the regression",
            terms[t].name(),
            if levels.len() > 1 { "s" } else { "" },
            names.join(", "),
            if levels.len() > 1 {
                "their coefficients are"
            } else {
                "its coefficient is"
            },
            if levels.len() > 1 { "their" } else { "its" },
        ));
    }
}

/// The design matrix over patterns, with the terms each column belongs to.
struct Design {
    /// Row-major, `width` columns; column 0 is the intercept.
    x: Vec<f64>,
    width: usize,
    allow: Vec<f64>,
    valid: Vec<f64>,
    cluster: Vec<usize>,
    clusters: usize,
    /// (term index or `None` for the intercept, level, reference) per kept column.
    columns: Vec<(Option<usize>, String, Option<String>)>,
    term_names: Vec<String>,
}

impl Design {
    fn build(
        terms: &[Term],
        level_lists: &[Vec<String>],
        patterns: &[Pattern],
        warnings: &mut Vec<String>,
    ) -> Design {
        let mut columns = vec![(None, "(intercept)".to_string(), None)];
        for (t, levels) in level_lists.iter().enumerate() {
            for level in &levels[1..] {
                columns.push((Some(t), level.clone(), Some(levels[0].clone())));
            }
        }
        let width = columns.len();

        let mut x = Vec::with_capacity(patterns.len() * width);
        for p in patterns {
            x.push(1.0);
            for (term, level, _) in &columns[1..] {
                let t = term.expect("only the intercept has no term");
                x.push(if p.levels[t] == *level { 1.0 } else { 0.0 });
            }
        }
        let mut design = Design {
            x,
            width,
            allow: patterns.iter().map(|p| p.allow).collect(),
            valid: patterns.iter().map(|p| p.valid).collect(),
            cluster: patterns.iter().map(|p| p.cluster).collect(),
            clusters: 0,
            columns,
            term_names: terms.iter().map(Term::name).collect(),
        };

        let mut seen: Vec<usize> = design.cluster.clone();
        seen.sort_unstable();
        seen.dedup();
        design.clusters = seen.len();
        design.drop_aliased(warnings);
        design
    }

    fn all_columns(&self) -> Vec<usize> {
        (0..self.width).collect()
    }

    fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.width..(i + 1) * self.width]
    }

    /// Removes columns that are linear combinations of earlier ones (for example a level
    /// that only occurs together with one level of another factor).
    fn drop_aliased(&mut self, warnings: &mut Vec<String>) {
        let all = self.all_columns();
        let weights: Vec<f64> = self.valid.clone();
        let gram = self.weighted_gram(&all, &weights);

        let mut kept: Vec<usize> = Vec::new();
        let mut factor = Cholesky::default();
        for j in 0..self.width {
            let column: Vec<f64> = kept.iter().map(|&k| gram[k * self.width + j]).collect();
            if factor.try_extend(&column, gram[j * self.width + j], ALIAS_TOLERANCE) {
                kept.push(j);
            } else {
                let (term, level, _) = &self.columns[j];
                let name = term.map_or("intercept".to_string(), |t| self.term_names[t].clone());
                warnings.push(format!(
                    "level `{level}` of factor `{name}` is confounded with other levels \
                     (a linear combination of them) and is left out of the regression"
                ));
            }
        }
        if kept.len() == self.width {
            return;
        }

        let rows = self.valid.len();
        let mut x = Vec::with_capacity(rows * kept.len());
        for i in 0..rows {
            let row = self.row(i);
            x.extend(kept.iter().map(|&j| row[j]));
        }
        self.x = x;
        self.columns = kept.iter().map(|&j| self.columns[j].clone()).collect();
        self.width = kept.len();
    }

    /// X' diag(w) X over the given columns, as a full `width` by `width` matrix.
    fn weighted_gram(&self, columns: &[usize], weights: &[f64]) -> Vec<f64> {
        let mut gram = vec![0.0; self.width * self.width];
        for (i, &w) in weights.iter().enumerate() {
            let row = self.row(i);
            for &a in columns {
                for &b in columns {
                    gram[a * self.width + b] += w * row[a] * row[b];
                }
            }
        }
        gram
    }
}

/// A Cholesky factor grown one column at a time.
#[derive(Default)]
struct Cholesky {
    /// Lower-triangular rows.
    rows: Vec<Vec<f64>>,
}

impl Cholesky {
    /// Adds a column with off-diagonal entries `column` and diagonal `diagonal`; returns
    /// false, leaving the factor unchanged, when its pivot is below `tolerance * diagonal`.
    fn try_extend(&mut self, column: &[f64], diagonal: f64, tolerance: f64) -> bool {
        let n = self.rows.len();
        let mut new_row = vec![0.0; n + 1];
        for i in 0..n {
            let partial: f64 = (0..i).map(|k| self.rows[i][k] * new_row[k]).sum();
            new_row[i] = (column[i] - partial) / self.rows[i][i];
        }
        let pivot = diagonal - new_row[..n].iter().map(|v| v * v).sum::<f64>();
        if pivot.is_nan() || pivot <= tolerance * diagonal.abs().max(f64::MIN_POSITIVE) {
            return false;
        }
        new_row[n] = pivot.sqrt();
        self.rows.push(new_row);
        true
    }

    fn factor(matrix: &[f64], n: usize) -> Option<Cholesky> {
        let mut cholesky = Cholesky::default();
        for j in 0..n {
            let column: Vec<f64> = (0..j).map(|i| matrix[i * n + j]).collect();
            if !cholesky.try_extend(&column, matrix[j * n + j], 1e-14) {
                return None;
            }
        }
        Some(cholesky)
    }

    fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = self.rows.len();
        let mut y = vec![0.0; n];
        for i in 0..n {
            let partial: f64 = (0..i).map(|k| self.rows[i][k] * y[k]).sum();
            y[i] = (b[i] - partial) / self.rows[i][i];
        }
        let mut x = vec![0.0; n];
        for i in (0..n).rev() {
            let partial: f64 = (i + 1..n).map(|k| self.rows[k][i] * x[k]).sum();
            x[i] = (y[i] - partial) / self.rows[i][i];
        }
        x
    }

    fn inverse(&self) -> Vec<f64> {
        let n = self.rows.len();
        let mut inverse = vec![0.0; n * n];
        for j in 0..n {
            let mut unit = vec![0.0; n];
            unit[j] = 1.0;
            for (i, v) in self.solve(&unit).into_iter().enumerate() {
                inverse[i * n + j] = v;
            }
        }
        inverse
    }
}

struct Fit {
    columns: Vec<usize>,
    beta: Vec<f64>,
    deviance: f64,
    iterations: usize,
    converged: bool,
    /// Inverse of X'WX at the estimate, over `columns`.
    bread: Vec<f64>,
}

fn sigmoid(eta: f64) -> f64 {
    1.0 / (1.0 + (-eta).exp())
}

fn deviance(design: &Design, mu: &[f64]) -> f64 {
    let mut loglik = 0.0;
    for (i, m) in mu.iter().enumerate() {
        let (y, n) = (design.allow[i], design.valid[i]);
        if y > 0.0 {
            loglik += y * m.max(f64::MIN_POSITIVE).ln();
        }
        if n - y > 0.0 {
            loglik += (n - y) * (1.0 - m).max(f64::MIN_POSITIVE).ln();
        }
    }
    -2.0 * loglik
}

fn linear_predictor(design: &Design, columns: &[usize], beta: &[f64], i: usize) -> f64 {
    let row = design.row(i);
    columns.iter().zip(beta).map(|(&j, b)| row[j] * b).sum()
}

/// Fits the model on a subset of design columns by IRLS.
fn irls(design: &Design, columns: &[usize]) -> Fit {
    let k = columns.len();
    let rows = design.valid.len();
    let mut beta = vec![0.0; k];
    let mut mu: Vec<f64> = vec![0.5; rows];
    let mut previous = deviance(design, &mu);
    let mut bread = vec![0.0; k * k];
    let mut converged = false;
    let mut iterations = 0;

    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let mut xtwx = vec![0.0; k * k];
        let mut xtwz = vec![0.0; k];
        for (i, m) in mu.iter().enumerate() {
            let eta = linear_predictor(design, columns, &beta, i);
            let w = (design.valid[i] * m * (1.0 - m)).max(1e-300);
            let z = eta + (design.allow[i] - design.valid[i] * m) / w;
            let row = design.row(i);
            for (a, &ja) in columns.iter().enumerate() {
                xtwz[a] += w * row[ja] * z;
                for (b, &jb) in columns.iter().enumerate() {
                    xtwx[a * k + b] += w * row[ja] * row[jb];
                }
            }
        }
        let Some(cholesky) = Cholesky::factor(&xtwx, k) else {
            break;
        };
        beta = cholesky.solve(&xtwz);
        for (i, m) in mu.iter_mut().enumerate() {
            *m = sigmoid(linear_predictor(design, columns, &beta, i));
        }
        let current = deviance(design, &mu);
        let change = (previous - current).abs();
        previous = current;
        if change <= 1e-12 * (current.abs() + 0.1) {
            converged = true;
            break;
        }
    }
    // The bread of the sandwich uses the weights at the final estimate.
    let mut xtwx = vec![0.0; k * k];
    for (i, m) in mu.iter().enumerate() {
        let w = design.valid[i] * m * (1.0 - m);
        let row = design.row(i);
        for (a, &ja) in columns.iter().enumerate() {
            for (b, &jb) in columns.iter().enumerate() {
                xtwx[a * k + b] += w * row[ja] * row[jb];
            }
        }
    }
    if let Some(cholesky) = Cholesky::factor(&xtwx, k) {
        bread = cholesky.inverse();
    }
    Fit {
        columns: columns.to_vec(),
        beta,
        deviance: previous,
        iterations,
        converged,
        bread,
    }
}

/// Scenario-clustered covariance of the estimate.
fn clustered_covariance(design: &Design, fit: &Fit) -> Vec<f64> {
    let k = fit.columns.len();
    let mut scores: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    for i in 0..design.valid.len() {
        let mu = sigmoid(linear_predictor(design, &fit.columns, &fit.beta, i));
        let residual = design.allow[i] - design.valid[i] * mu;
        let row = design.row(i);
        let score = scores
            .entry(design.cluster[i])
            .or_insert_with(|| vec![0.0; k]);
        for (a, &j) in fit.columns.iter().enumerate() {
            score[a] += row[j] * residual;
        }
    }

    let mut meat = vec![0.0; k * k];
    for score in scores.values() {
        for a in 0..k {
            for b in 0..k {
                meat[a * k + b] += score[a] * score[b];
            }
        }
    }

    let g = scores.len() as f64;
    let n: f64 = design.valid.iter().sum();
    let correction = if g > 1.0 && n > k as f64 {
        g / (g - 1.0) * (n - 1.0) / (n - k as f64)
    } else {
        f64::NAN
    };
    let half = multiply(&fit.bread, &meat, k);
    let mut covariance = multiply(&half, &fit.bread, k);
    covariance.iter_mut().for_each(|v| *v *= correction);
    covariance
}

fn multiply(a: &[f64], b: &[f64], k: usize) -> Vec<f64> {
    let mut product = vec![0.0; k * k];
    for i in 0..k {
        for l in 0..k {
            let left = a[i * k + l];
            for j in 0..k {
                product[i * k + j] += left * b[l * k + j];
            }
        }
    }
    product
}

fn coefficients(design: &Design, fit: &Fit) -> Vec<Coefficient> {
    let k = fit.columns.len();
    let covariance = clustered_covariance(design, fit);
    let normal = Normal::new(0.0, 1.0).expect("the standard normal is valid");
    (0..k)
        .map(|a| {
            let (term, level, reference) = &design.columns[fit.columns[a]];
            let estimate = fit.beta[a];
            let std_error = covariance[a * k + a].max(0.0).sqrt();
            let z = estimate / std_error;
            Coefficient {
                factor: term.map_or("intercept".to_string(), |t| design.term_names[t].clone()),
                level: level.clone(),
                reference: reference.clone(),
                estimate,
                std_error,
                z,
                p_value: 2.0 * normal.sf(z.abs()),
                odds_ratio: estimate.exp(),
                odds_ratio_lo: (estimate - Z_95 * std_error).exp(),
                odds_ratio_hi: (estimate + Z_95 * std_error).exp(),
            }
        })
        .collect()
}

fn importance(design: &Design, full: &Fit) -> Vec<Importance> {
    (0..design.term_names.len())
        .filter_map(|t| {
            let columns: Vec<usize> = (0..design.width)
                .filter(|&j| design.columns[j].0 != Some(t))
                .collect();
            let df = (design.width - columns.len()) as u64;
            if df == 0 {
                return None;
            }
            let reduced = irls(design, &columns);
            let increase = reduced.deviance - full.deviance;
            Some(Importance {
                factor: design.term_names[t].clone(),
                df,
                deviance_increase: increase,
                p_value: chi_square_sf(increase, df),
                p_adjusted: None,
            })
        })
        .collect()
}
