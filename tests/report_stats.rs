//! Closed-form statistics on small tables, against values worked out by hand.

use pactc::report::stats::{
    Z_95, benjamini_hochberg, chi_square, jensen_shannon_bernoulli, mcnemar_exact, pearson,
    quantile_sorted, spearman, wilson,
};

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-12,
        "{what}: got {actual}, expected {expected}"
    );
}

#[test]
fn wilson_empty_group_is_undefined() {
    assert!(wilson(0, 0).is_none());
}

#[test]
fn wilson_zero_successes() {
    // With p = 0 the interval is [0, z^2 / (n + z^2)].
    let interval = wilson(0, 10).unwrap();
    let z2 = Z_95 * Z_95;
    assert_close(interval.lo, 0.0, "lower bound");
    assert_close(interval.hi, z2 / (10.0 + z2), "upper bound");
}

#[test]
fn wilson_half_is_symmetric() {
    let interval = wilson(5, 10).unwrap();
    let z2 = Z_95 * Z_95;
    let half = Z_95 * (0.025 + z2 / 400.0).sqrt() / (1.0 + z2 / 10.0);
    assert_close(interval.lo, 0.5 - half, "lower bound");
    assert_close(interval.hi, 0.5 + half, "upper bound");
}

#[test]
fn chi_square_perfect_association() {
    // Expected counts are 5 everywhere: four cells of (10 - 5)^2 / 5.
    let test = chi_square(&[vec![10, 0], vec![0, 10]]).unwrap();
    assert_close(test.statistic, 20.0, "statistic");
    assert_eq!(test.df, 1);
    assert_close(test.cramers_v, 1.0, "Cramér's V");
    assert_eq!(test.n, 20);
}

#[test]
fn chi_square_independent_table() {
    let test = chi_square(&[vec![3, 6], vec![1, 2]]).unwrap();
    assert_close(test.statistic, 0.0, "statistic");
    assert_close(test.p_value, 1.0, "p-value");
}

#[test]
fn chi_square_one_level_is_untested() {
    assert!(chi_square(&[vec![4, 6]]).is_none());
}

#[test]
fn chi_square_one_decision_is_untested() {
    assert!(chi_square(&[vec![5, 0], vec![3, 0]]).is_none());
}

#[test]
fn chi_square_skips_empty_levels() {
    let with_empty = chi_square(&[vec![10, 0], vec![0, 0], vec![0, 10]]).unwrap();
    assert_close(with_empty.statistic, 20.0, "statistic");
    assert_eq!(with_empty.df, 1);
}

#[test]
fn benjamini_hochberg_step_up() {
    // Sorted: 0.01, 0.03, 0.04, 0.20 with m = 4 gives 0.04, 0.06, 0.0533.., 0.20, and the
    // running minimum from the top lowers 0.06 to 0.0533...
    let adjusted = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.20]);
    let expected = [0.04, 0.16 / 3.0, 0.16 / 3.0, 0.20];
    for (i, (a, e)) in adjusted.iter().zip(expected).enumerate() {
        assert_close(*a, e, &format!("p-value {i}"));
    }
}

#[test]
fn benjamini_hochberg_ties() {
    assert_eq!(benjamini_hochberg(&[0.05, 0.05]), [0.05, 0.05]);
    assert!(benjamini_hochberg(&[]).is_empty());
}

#[test]
fn mcnemar_exact_values() {
    assert_close(mcnemar_exact(0, 0), 1.0, "no discordant pairs");
    // P(X <= 1) for Binomial(6, 1/2) is 7/64; two-sided doubles it.
    assert_close(mcnemar_exact(1, 5), 14.0 / 64.0, "1 and 5");
    assert_close(mcnemar_exact(6, 0), 2.0 / 64.0, "6 and 0");
    assert_close(mcnemar_exact(3, 3), 1.0, "balanced");
}

#[test]
fn pearson_constant_series_is_undefined() {
    assert!(pearson(&[0.5, 0.5, 0.5], &[0.1, 0.2, 0.3]).is_none());
    assert!(pearson(&[0.1, 0.2], &[0.1, 0.2]).is_none(), "two points");
}

#[test]
fn pearson_linear_series() {
    assert_close(
        pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]).unwrap(),
        1.0,
        "increasing",
    );
    assert_close(
        pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).unwrap(),
        -1.0,
        "decreasing",
    );
}

#[test]
fn spearman_shares_tied_ranks() {
    // Ranks of x are 1, 2.5, 2.5, 4; their Pearson correlation with 1..4 is 4.5 / sqrt(22.5).
    let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]).unwrap();
    assert_close(rho, 4.5 / 22.5_f64.sqrt(), "rho");
}

#[test]
fn jensen_shannon_bounds() {
    assert_close(jensen_shannon_bernoulli(0.3, 0.3), 0.0, "identical");
    assert_close(jensen_shannon_bernoulli(1.0, 0.0), 1.0, "disjoint");
    // M = (3/4, 1/4); KL((1, 0) || M) = log2(4/3) and KL((1/2, 1/2) || M) =
    // (log2(2/3) + log2(2)) / 2, so JS = sqrt(log2(4/3) / 2 + (log2(2/3) + 1) / 4).
    let expected = ((4.0_f64 / 3.0).log2() / 2.0 + ((2.0_f64 / 3.0).log2() + 1.0) / 4.0).sqrt();
    assert_close(
        jensen_shannon_bernoulli(1.0, 0.5),
        expected,
        "certain and even",
    );
}

#[test]
fn quantile_interpolates_linearly() {
    let values = [1.0, 2.0, 3.0, 4.0];
    assert_close(quantile_sorted(&values, 0.025).unwrap(), 1.075, "2.5 %");
    assert_close(quantile_sorted(&values, 0.5).unwrap(), 2.5, "median");
    assert!(quantile_sorted(&[], 0.5).is_none());
}
