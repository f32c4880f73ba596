//! The human-study questionnaire: one row per item, question and option order.

mod matrix_support;

use std::collections::BTreeSet;

use pactc::expand::Expansion;
use pactc::expand::questionnaire::write_questionnaire;
use pactc::model::Subset;

fn questionnaire(spec: &pactc::model::Spec, evaluation: &str) -> Vec<csv::StringRecord> {
    let expansion = Expansion::new(spec, evaluation).expect("expands");
    let mut writer = csv::Writer::from_writer(Vec::new());
    let rows = write_questionnaire(&expansion, &mut writer, true).expect("writes");
    let bytes = writer.into_inner().expect("flushes");
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(bytes.as_slice())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(records.len() as u64, rows);
    records
}

#[test]
fn rows_per_item_question_order() {
    let spec = matrix_support::spec();
    let rows = questionnaire(&spec, "quick");
    // 9 items x 2 questions x 2 orders.
    assert_eq!(rows.len(), 9 * 2 * 2);
    let keys: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|row| (row[0].to_string(), row[7].to_string(), row[8].to_string()))
        .collect();
    assert_eq!(keys.len(), rows.len(), "each item, question and order once");
}

#[test]
fn options_follow_order() {
    let spec = matrix_support::spec();
    for row in questionnaire(&spec, "small") {
        let (follow, allow) = match &row[8] {
            "follow_first" => (&row[10], &row[11]),
            "allow_first" => (&row[11], &row[10]),
            other => panic!("unexpected order {other}"),
        };
        assert!(
            follow.contains("takes off") || follow.contains("adds a tip"),
            "{follow}"
        );
        assert!(
            allow.contains("keeps") || allow.contains("without a tip"),
            "{allow}"
        );
        let decisions = (&row[12], &row[13]);
        match &row[8] {
            "follow_first" => assert_eq!(decisions, ("FOLLOW_CULTURE", "ALLOW_PREFERENCE")),
            _ => assert_eq!(decisions, ("ALLOW_PREFERENCE", "FOLLOW_CULTURE")),
        }
    }
}

#[test]
fn item_ids_match_matrix() {
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    let matrix_items: BTreeSet<String> = expansion.items().iter().map(|i| i.id.clone()).collect();
    let survey_items: BTreeSet<String> = questionnaire(&spec, "quick")
        .iter()
        .map(|row| row[0].to_string())
        .collect();
    assert_eq!(matrix_items, survey_items);
}

#[test]
fn subset_applies() {
    let mut spec = matrix_support::spec();
    spec.evaluations["quick"].subset = Some(Subset { items: 2, seed: 1 });
    assert_eq!(questionnaire(&spec, "quick").len(), 2 * 2 * 2);
}

#[test]
fn questions_have_no_persona() {
    let spec = matrix_support::spec();
    for row in questionnaire(&spec, "quick") {
        let text = &row[9];
        assert!(!text.contains("young"), "{text}");
        let expected = match &row[7] {
            "personal" => "What would you personally do?",
            _ => "What would most people in this situation consider appropriate",
        };
        assert!(text.contains(expected), "{text}");
    }
}

#[test]
fn questionnaire_snapshot() {
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, "small").expect("expands");
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_questionnaire(&expansion, &mut writer, true).expect("writes");
    let text = String::from_utf8(writer.into_inner().expect("flushes")).expect("UTF-8");
    insta::assert_snapshot!(text);
}
