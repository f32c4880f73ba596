//! Human-data loading and alignment edge cases: errors with row and column, the counts
//! layout, ties, and identical human and model distributions.

use pactc::report::{ReportOptions, compute};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/runs")
        .join(name)
}

/// Follow Culture and Allow Preference counts of one model's valid decisions per item.
fn model_counts(run: &str) -> BTreeMap<String, [u64; 2]> {
    let text = std::fs::read_to_string(fixture(run).join("results.jsonl")).unwrap();
    let mut counts: BTreeMap<String, [u64; 2]> = BTreeMap::new();
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        if !record["error"].is_null() {
            continue;
        }
        let slot = counts
            .entry(record["item_id"].as_str().unwrap().to_string())
            .or_default();
        match record["decision"].as_str().unwrap() {
            "FOLLOW_CULTURE" => slot[0] += 1,
            "ALLOW_PREFERENCE" => slot[1] += 1,
            _ => {}
        }
    }
    counts
}

fn write_csv(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("human.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn error_of(run: &str, csv: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let options = ReportOptions {
        human: Some(write_csv(dir.path(), csv)),
        ..ReportOptions::default()
    };
    let error = compute(&[fixture(run)], &options).expect_err("the human data is invalid");
    format!("{error:?}")
}

fn first_item(run: &str) -> String {
    model_counts(run).keys().next().unwrap().clone()
}

#[test]
fn unknown_item_names_row_and_column() {
    let item = first_item("position");
    let csv = format!(
        "item_id,order,respondent_country,question,choice\n\
         {item},follow_first,JP,norm,A\n\
         0000000000000000,follow_first,JP,norm,A\n"
    );
    let error = error_of("position", &csv);
    assert!(error.contains("row 3, column 1 (`item_id`)"), "{error}");
    assert!(
        error.contains("`0000000000000000` is not an item"),
        "{error}"
    );
}

#[test]
fn invalid_choice_names_row_and_column() {
    let item = first_item("position");
    let csv = format!(
        "item_id,order,respondent_country,question,choice\n{item},follow_first,JP,norm,C\n"
    );
    let error = error_of("position", &csv);
    assert!(error.contains("row 2, column 5 (`choice`)"), "{error}");
    assert!(error.contains("invalid choice `C`"), "{error}");
}

#[test]
fn invalid_question_and_order_are_rejected() {
    let item = first_item("position");
    let question = error_of(
        "position",
        &format!(
            "item_id,order,respondent_country,question,choice\n{item},follow_first,JP,own,A\n"
        ),
    );
    assert!(question.contains("column 4 (`question`)"), "{question}");
    let order = error_of(
        "position",
        &format!("item_id,order,respondent_country,question,choice\n{item},first,JP,norm,A\n"),
    );
    assert!(order.contains("column 2 (`order`)"), "{order}");
}

#[test]
fn unknown_column_is_rejected() {
    let error = error_of(
        "position",
        "item_id,respondent_country,question,follow,allow,age\n",
    );
    assert!(error.contains("unknown column `age`"), "{error}");
}

#[test]
fn invalid_count_is_rejected() {
    let item = first_item("position");
    let csv = format!("item_id,respondent_country,question,follow,allow\n{item},JP,norm,2,-1\n");
    let error = error_of("position", &csv);
    assert!(error.contains("row 2, column 5 (`allow`)"), "{error}");
}

#[test]
fn ties_count_as_follow_culture() {
    // The position answerer splits every item evenly, and so do these respondents.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("item_id,respondent_country,question,follow,allow\n");
    for item in model_counts("position").keys() {
        csv.push_str(&format!("{item},US,norm,1,1\n"));
    }
    let options = ReportOptions {
        human: Some(write_csv(dir.path(), &csv)),
        ..ReportOptions::default()
    };
    let metrics = compute(&[fixture("position")], &options).unwrap();
    let alignment = &metrics.human.as_ref().unwrap().alignment[0];
    assert_eq!(alignment.items, 24);
    assert_eq!(alignment.majority_agreement, Some(1.0));
    assert_eq!(
        alignment.mean_absolute_error,
        Some(0.5),
        "a tie chooses Follow Culture"
    );
    assert_eq!(alignment.signed_gap, Some(0.0));
    assert_eq!(alignment.jensen_shannon, Some(0.0));
    assert!(
        alignment.uncertainty_correlation.value.is_none(),
        "constant agreement"
    );
    assert!(alignment.pearson.value.is_none(), "constant shares");
}

#[test]
fn identical_distributions_align_perfectly() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("item_id,respondent_country,question,follow,allow\n");
    for (item, [follow, allow]) in model_counts("separation") {
        csv.push_str(&format!("{item},BR,personal,{follow},{allow}\n"));
    }
    let options = ReportOptions {
        human: Some(write_csv(dir.path(), &csv)),
        ..ReportOptions::default()
    };
    let metrics = compute(&[fixture("separation")], &options).unwrap();
    let alignment = &metrics.human.as_ref().unwrap().alignment[0];
    assert_eq!(alignment.method, "samples");
    assert_eq!(alignment.majority_agreement, Some(1.0));
    assert!(alignment.signed_gap.unwrap().abs() < 1e-12);
    assert!(
        alignment.jensen_shannon.unwrap() < 1e-7,
        "{:?}",
        alignment.jensen_shannon
    );
    assert!(alignment.total_variation.unwrap() < 1e-12);
    assert!((alignment.pearson.value.unwrap() - 1.0).abs() < 1e-12);
    assert!((alignment.spearman.value.unwrap() - 1.0).abs() < 1e-12);
    assert!((alignment.uncertainty_correlation.value.unwrap() - 1.0).abs() < 1e-12);
    let ci = alignment.pearson.ci.unwrap();
    assert!((ci.lo - 1.0).abs() < 1e-12, "{ci:?}");
    assert!((ci.hi - 1.0).abs() < 1e-12, "{ci:?}");
}
