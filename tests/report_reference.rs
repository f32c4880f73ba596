//! Report metrics on the fixture runs against values computed independently with pandas,
//! SciPy and statsmodels (`tests/reference/compute.py`, output in `expected.json`).

use pactc::report::{Metrics, ReportOptions, compute};
use serde_json::Value;
use std::path::{Path, PathBuf};

const EXACT: f64 = 1e-9;
const ITERATIVE: f64 = 1e-6;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/runs")
        .join(name)
}

fn expected() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("expected.json is committed"))
        .expect("expected.json is JSON")
}

fn report(name: &str, human: bool) -> Metrics {
    let options = ReportOptions {
        human: human.then(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/human/answers.csv")
        }),
        ..ReportOptions::default()
    };
    compute(&[fixture(name)], &options).expect("the fixture run is valid")
}

fn close(actual: Option<f64>, expected: &Value, tolerance: f64, what: &str) {
    match (actual, expected.as_f64()) {
        (Some(a), Some(e)) => assert!(
            (a - e).abs() <= tolerance,
            "{what}: pactc {a}, reference {e}, difference {}",
            (a - e).abs()
        ),
        (None, None) => {}
        (a, _) => panic!("{what}: pactc {a:?}, reference {expected}"),
    }
}

fn close_pair(lo: Option<f64>, hi: Option<f64>, expected: &Value, what: &str) {
    if expected.is_null() {
        assert!(lo.is_none(), "{what}: expected no lower bound");
        assert!(hi.is_none(), "{what}: expected no upper bound");
        return;
    }
    close(lo, &expected[0], EXACT, &format!("{what} lower bound"));
    close(hi, &expected[1], EXACT, &format!("{what} upper bound"));
}

fn check_rate(row: &pactc::report::rates::RateRow, expected: &Value, what: &str) {
    assert_eq!(
        row.follow,
        expected["follow"].as_u64().unwrap(),
        "{what} follow"
    );
    assert_eq!(
        row.allow,
        expected["allow"].as_u64().unwrap(),
        "{what} allow"
    );
    assert_eq!(
        row.unknown,
        expected["unknown"].as_u64().unwrap(),
        "{what} unknown"
    );
    assert_eq!(
        row.errors,
        expected["errors"].as_u64().unwrap(),
        "{what} errors"
    );
    close(
        row.allow_rate,
        &expected["allow_rate"],
        EXACT,
        &format!("{what} allow rate"),
    );
    close_pair(
        row.allow_ci.map(|c| c.lo),
        row.allow_ci.map(|c| c.hi),
        &expected["allow_ci"],
        &format!("{what} Wilson interval"),
    );
    close(
        row.unknown_share,
        &expected["unknown_share"],
        EXACT,
        &format!("{what} UNKNOWN share"),
    );
    close(
        row.expected_allow_rate,
        &expected["expected_allow_rate"],
        EXACT,
        &format!("{what} expected allow rate"),
    );
    close(
        row.mean_other_mass,
        &expected["mean_other_mass"],
        EXACT,
        &format!("{what} other mass"),
    );
}

#[test]
fn model_rates_match_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    for (name, model) in &metrics.models {
        check_rate(&model.overall, &expected["basic"]["models"][name], name);
    }
    assert_eq!(metrics.models.len(), 2);
}

#[test]
fn country_rates_match_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    let rows: Vec<_> = metrics
        .rates
        .iter()
        .filter(|r| r.factor == "country" && r.factor2.is_none())
        .collect();
    assert_eq!(rows.len(), 8);
    for row in rows {
        let key = format!("{}/{}", row.model, row.level);
        check_rate(row, &expected["basic"]["country_rates"][&key], &key);
    }
}

fn check_order(order: &pactc::report::rates::OrderRow, expected: &Value, what: &str) {
    close(
        order.position_bias,
        &expected["position_bias"],
        EXACT,
        &format!("{what} position bias"),
    );
    close_pair(
        order.position_bias_ci.map(|c| c.lo),
        order.position_bias_ci.map(|c| c.hi),
        &expected["position_bias_ci"],
        &format!("{what} position bias interval"),
    );
    close(
        order.allow_rate_follow_first,
        &expected["allow_rate_follow_first"],
        EXACT,
        &format!("{what} follow-first rate"),
    );
    close(
        order.allow_rate_allow_first,
        &expected["allow_rate_allow_first"],
        EXACT,
        &format!("{what} allow-first rate"),
    );
    assert_eq!(
        order.items_compared as u64,
        expected["items_compared"].as_u64().unwrap()
    );
    assert_eq!(
        order.items_disagreeing as u64,
        expected["items_disagreeing"].as_u64().unwrap()
    );
}

#[test]
fn option_order_matches_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    for (name, model) in &metrics.models {
        check_order(&model.order, &expected["basic"]["order"][name], name);
        assert!(
            !model.order.answers_by_position,
            "{name} answers by content"
        );
    }
    assert!(!metrics.findings.iter().any(|f| f.contains("by position")));
}

#[test]
fn position_answerer_is_flagged() {
    let metrics = report("position", false);
    let expected = expected();
    let order = &metrics.models["always_a"].order;
    check_order(order, &expected["position"]["order"], "always_a");
    assert!(order.answers_by_position);
    assert!(metrics.findings[0].contains("always_a answers by position"));
    let note = metrics.regression_note.as_deref().unwrap_or_default();
    assert!(
        note.starts_with("every level of factor `order` has decisions of one kind only"),
        "{note}"
    );
}

#[test]
fn context_effects_match_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    for factor in ["region", "country"] {
        let effect = &metrics.context[factor];
        let reference = &expected["basic"]["context"][factor];
        close(
            effect.spread,
            &reference["spread"],
            EXACT,
            &format!("{factor} spread"),
        );
        for deviation in &effect.deviations {
            close(
                deviation.deviation,
                &reference["deviations"][&deviation.level],
                EXACT,
                &format!("{factor} {} deviation", deviation.level),
            );
        }
        assert_eq!(effect.clusters, 6);
    }
}

#[test]
fn demographic_effects_match_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    assert_eq!(
        metrics.demographics.len(),
        2,
        "receiver factors have one level"
    );
    for (factor, effect) in &metrics.demographics {
        let reference = &expected["basic"]["demographics"][factor];
        close(effect.difference, &reference["difference"], EXACT, factor);
        for model in &effect.per_model {
            close(
                model.difference,
                &reference["per_model"][&model.model],
                EXACT,
                &model.model,
            );
        }
    }
    assert_eq!(metrics.demographics["actor.age"].minuend, "younger");
    assert_eq!(metrics.demographics["actor.gender"].minuend, "female");
}

#[test]
fn chi_square_tests_match_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    let references = expected["basic"]["tests"].as_array().unwrap();
    for reference in references {
        let model = reference["model"].as_str().unwrap();
        let factor = reference["factor"].as_str().unwrap();
        let test = metrics
            .tests
            .iter()
            .find(|t| t.model == model && t.factor == factor)
            .unwrap_or_else(|| panic!("no test of {factor} for {model}"));
        let what = format!("{model} {factor}");
        match &test.test {
            None => assert!(reference["p_value"].is_null(), "{what}: pactc ran no test"),
            Some(x) => {
                close(Some(x.statistic), &reference["statistic"], EXACT, &what);
                close(Some(x.p_value), &reference["p_value"], EXACT, &what);
                close(Some(x.cramers_v), &reference["cramers_v"], EXACT, &what);
                assert_eq!(x.df, reference["df"].as_u64().unwrap(), "{what} df");
            }
        }
    }
}

#[test]
fn adjusted_p_values_match_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    let mut adjusted: Vec<Option<f64>> = metrics
        .tests
        .iter()
        .filter(|t| t.test.is_some())
        .map(|t| t.p_adjusted)
        .collect();
    let fit = metrics
        .regression
        .as_ref()
        .expect("the basic run is fitted");
    adjusted.extend(fit.importance.iter().map(|i| i.p_adjusted));
    adjusted.extend(metrics.paired.iter().map(|p| p.p_adjusted));
    let reference = expected["basic"]["p_adjusted"].as_array().unwrap();
    assert_eq!(adjusted.len(), reference.len());
    for (i, (a, e)) in adjusted.iter().zip(reference).enumerate() {
        close(*a, e, ITERATIVE, &format!("adjusted p-value {i}"));
    }
}

fn check_regression(fit: &pactc::report::regression::Regression, reference: &Value) {
    close(
        Some(fit.deviance),
        &reference["deviance"],
        ITERATIVE,
        "deviance",
    );
    close(
        Some(fit.null_deviance),
        &reference["null_deviance"],
        ITERATIVE,
        "null deviance",
    );
    let coefficients = reference["coefficients"].as_object().unwrap();
    assert_eq!(
        fit.coefficients.len(),
        coefficients.len(),
        "number of coefficients"
    );
    for c in &fit.coefficients {
        let key = if c.factor == "intercept" {
            "intercept".to_string()
        } else {
            format!("{}={}", c.factor, c.level)
        };
        let e = &coefficients[&key];
        close(
            Some(c.estimate),
            &e["estimate"],
            ITERATIVE,
            &format!("{key} estimate"),
        );
        close(
            Some(c.std_error),
            &e["std_error"],
            ITERATIVE,
            &format!("{key} clustered SE"),
        );
    }
    for i in &fit.importance {
        close(
            Some(i.deviance_increase),
            &reference["importance"][&i.factor],
            ITERATIVE,
            &format!("{} deviance increase", i.factor),
        );
    }
}

#[test]
fn regression_matches_statsmodels() {
    let metrics = report("basic", false);
    let expected = expected();
    let fit = metrics
        .regression
        .as_ref()
        .expect("the basic run is fitted");
    check_regression(fit, &expected["basic"]["regression"]);
    assert!(fit.converged);
    assert_eq!(fit.clusters, 6);
    assert!(
        fit.warnings
            .iter()
            .any(|w| w.contains("`none` of factor `actor.gender`"))
    );
    assert!(
        fit.warnings
            .iter()
            .any(|w| w.contains("factor `system` has a single level"))
    );
}

#[test]
fn separated_level_is_left_out() {
    let metrics = report("separation", false);
    let expected = expected();
    let fit = metrics
        .regression
        .as_ref()
        .expect("the separation run is fitted");
    assert!(
        fit.warnings
            .iter()
            .any(|w| w.starts_with("factor `country`: level `JP` had decisions of one kind")),
        "warnings: {:?}",
        fit.warnings
    );
    check_regression(fit, &expected["separation"]["regression"]);
    for c in &fit.coefficients {
        assert!(c.estimate.is_finite(), "{c:?}");
        assert!(c.std_error.is_finite(), "{c:?}");
    }
}

#[test]
fn paired_comparison_matches_reference() {
    let metrics = report("basic", false);
    let expected = expected();
    let reference = &expected["basic"]["paired"];
    assert_eq!(metrics.paired.len(), 1);
    let paired = &metrics.paired[0];
    assert_eq!(
        (paired.first.as_str(), paired.second.as_str()),
        ("base", "tuned")
    );
    assert_eq!(paired.pairs, reference["pairs"].as_u64().unwrap());
    close(
        paired.difference,
        &reference["difference"],
        EXACT,
        "difference",
    );
    close(
        paired.flip_to_allow,
        &reference["flip_to_allow"],
        EXACT,
        "flip to allow",
    );
    close(
        paired.flip_to_follow,
        &reference["flip_to_follow"],
        EXACT,
        "flip to follow",
    );
    close(
        Some(paired.mcnemar_p),
        &reference["mcnemar_p"],
        EXACT,
        "McNemar p",
    );
}

#[test]
fn human_metrics_match_reference() {
    let metrics = report("basic", true);
    let expected = expected();
    let human = metrics.human.as_ref().expect("human data was given");
    let reference = &expected["basic"]["human"];
    for r in &human.summary.by_relation {
        let key = format!("{}/{}", r.question.as_str(), r.relation);
        close(
            r.mean_agreement,
            &reference["by_relation"][&key],
            EXACT,
            &key,
        );
    }
    assert_eq!(human.summary.by_relation.len(), 8);
    for r in &human.summary.by_country {
        let key = format!("{}/{}", r.respondent_country, r.question.as_str());
        let e = &reference["by_country"][&key];
        close(r.follow_rate, &e["follow_rate"], EXACT, &key);
        close_pair(
            r.follow_ci.map(|c| c.lo),
            r.follow_ci.map(|c| c.hi),
            &e["follow_ci"],
            &key,
        );
    }
}

#[test]
fn alignment_matches_reference() {
    let metrics = report("basic", true);
    let expected = expected();
    let human = metrics.human.as_ref().expect("human data was given");
    assert_eq!(human.alignment.len(), 4);
    for a in &human.alignment {
        let key = format!("{}/{}", a.model, a.question.as_str());
        let e = &expected["basic"]["human"]["alignment"][&key];
        assert_eq!(a.items as u64, e["items"].as_u64().unwrap(), "{key} items");
        close(
            a.majority_agreement,
            &e["majority_agreement"],
            EXACT,
            &format!("{key} majority"),
        );
        close(
            a.mean_absolute_error,
            &e["mean_absolute_error"],
            EXACT,
            &format!("{key} MAE"),
        );
        close(a.signed_gap, &e["signed_gap"], EXACT, &format!("{key} gap"));
        close(
            a.uncertainty_correlation.value,
            &e["uncertainty_correlation"],
            EXACT,
            &format!("{key} uncertainty correlation"),
        );
        close(
            a.probability_uncertainty_correlation.value,
            &e["probability_uncertainty_correlation"],
            EXACT,
            &format!("{key} probability uncertainty correlation"),
        );
        close(
            a.jensen_shannon,
            &e["jensen_shannon"],
            EXACT,
            &format!("{key} JS"),
        );
        close(
            a.total_variation,
            &e["total_variation"],
            EXACT,
            &format!("{key} TV"),
        );
        close(
            a.pearson.value,
            &e["pearson"],
            EXACT,
            &format!("{key} Pearson"),
        );
        close(
            a.spearman.value,
            &e["spearman"],
            EXACT,
            &format!("{key} Spearman"),
        );
    }
    let methods: Vec<&str> = human.alignment.iter().map(|a| a.method.as_str()).collect();
    assert_eq!(methods, ["samples", "samples", "logprobs", "logprobs"]);
}

#[test]
fn all_unknown_run_has_no_rates() {
    let metrics = report("unknown", false);
    let expected = expected();
    check_rate(
        &metrics.models["silent"].overall,
        &expected["unknown"]["models"]["silent"],
        "silent",
    );
    assert!(metrics.regression.is_none());
    assert!(
        metrics
            .regression_note
            .as_ref()
            .unwrap()
            .contains("no valid decisions")
    );
    assert!(metrics.context["region"].spread.is_none());
    assert!(metrics.tests.iter().all(|t| t.test.is_none()));
    assert!(
        metrics
            .findings
            .iter()
            .any(|f| f.contains("no valid decisions"))
    );
}

#[test]
fn two_runs_of_same_cells_are_paired() {
    let options = ReportOptions::default();
    let metrics = compute(&[fixture("basic"), fixture("basic")], &options).unwrap();
    let labels: Vec<&String> = metrics.models.keys().collect();
    assert_eq!(
        labels,
        ["basic/base", "basic/tuned", "basic-2/base", "basic-2/tuned"]
    );

    let across_runs: Vec<_> = metrics.paired.iter().filter(|p| p.kind == "runs").collect();
    assert_eq!(across_runs.len(), 2);
    let base = across_runs[0];
    assert_eq!(base.first, "basic/base");
    assert_eq!(base.second, "basic-2/base");
    assert_eq!(base.pairs, 461, "valid decisions of both samples");
    assert_eq!(base.difference, Some(0.0));
    assert_eq!(base.flip_to_allow, Some(0.0));
    assert_eq!(base.flip_to_follow, Some(0.0));
    assert_eq!(base.mcnemar_p, 1.0);
}
