//! Expansion of the `.pact` fixture specs, read through the resolver.

use std::collections::BTreeMap;
use std::path::Path;

use pactc::cell::{Cell, Order};
use pactc::expand::Expansion;
use pactc::expand::write::{CellWriter, Format};
use pactc::model::Spec;

fn load(path: &str) -> Spec {
    match pactc::resolve::load(Path::new(path)) {
        Ok((spec, _, _)) => spec,
        Err(failed) => panic!("{path} does not resolve:\n{failed}"),
    }
}

fn cells(spec: &Spec, evaluation: &str) -> Vec<Cell> {
    Expansion::new(spec, evaluation)
        .expect("expands")
        .cells()
        .collect::<Result<_, _>>()
        .expect("renders")
}

#[test]
fn language_examples_counts() {
    let spec = load("tests/fixtures/ok/language_examples.pact");
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    let report = expansion.size_report();
    insta::assert_snapshot!(format!(
        "items: {}\ncells: {}\nfactors: {report}",
        expansion.counts().items,
        expansion.counts().cells
    ));
}

#[test]
fn language_examples_counterbalanced() {
    let spec = load("tests/fixtures/ok/language_examples.pact");
    let mut orders: BTreeMap<String, Vec<Order>> = BTreeMap::new();
    for cell in cells(&spec, "quick") {
        let mut levels = cell.levels.clone();
        levels.order = Order::FollowFirst;
        let key = serde_json::to_string(&levels).expect("serializes");
        orders.entry(key).or_default().push(cell.levels.order);
    }
    for (key, mut found) in orders {
        found.sort();
        assert_eq!(found, vec![Order::FollowFirst, Order::AllowFirst], "{key}");
    }
}

#[test]
fn language_examples_constraints_apply() {
    let spec = load("tests/fixtures/ok/language_examples.pact");
    for cell in cells(&spec, "quick") {
        let levels = &cell.levels;
        let both_hidden =
            levels.holder.as_str() == "both" && levels.demographics.as_str() == "hidden";
        assert!(!both_hidden, "constraint no_hidden_both: {}", cell.cell_id);
        let receiver_hidden =
            levels.holder.as_str() == "receiver" && levels.demographics.as_str() == "hidden";
        assert!(!receiver_hidden, "evaluation drop: {}", cell.cell_id);
    }
}

#[test]
fn language_examples_first_cells() {
    let spec = load("tests/fixtures/ok/language_examples.pact");
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    let mut writer = CellWriter::new(Format::Text, Vec::new(), &spec).expect("writer");
    for cell in expansion.cells().take(2) {
        writer.write(&cell.expect("renders")).expect("writes");
    }
    let text = String::from_utf8(writer.finish().expect("flushes")).expect("UTF-8");
    insta::assert_snapshot!(text);
}
