//! Expansion of a small spec: counts, counterbalancing, ids, subsets and personas.

mod matrix_support;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use pactc::cell::{Cell, Decision, Order};
use pactc::expand::{ExpandError, Expansion};
use pactc::model::{Condition, Constraint, Factor, Spec, Subset, Visibility};
use pactc::source::Span;

fn expand(spec: &Spec, evaluation: &str) -> Vec<Cell> {
    let expansion = Expansion::new(spec, evaluation).expect("evaluation expands");
    expansion
        .cells()
        .collect::<Result<Vec<_>, _>>()
        .expect("cells render")
}

/// The levels of a cell without its order, as a comparable key.
fn key_without_order(cell: &Cell) -> String {
    let mut levels = cell.levels.clone();
    levels.order = Order::FollowFirst;
    serde_json::to_string(&levels).expect("levels serialize")
}

fn assert_counterbalanced(cells: &[Cell]) {
    let mut orders: BTreeMap<String, Vec<Order>> = BTreeMap::new();
    for cell in cells {
        orders
            .entry(key_without_order(cell))
            .or_default()
            .push(cell.levels.order);
    }
    for (key, found) in orders {
        let mut found = found;
        found.sort();
        assert_eq!(found, vec![Order::FollowFirst, Order::AllowFirst], "{key}");
    }
}

#[test]
fn small_counts_cells() {
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, "small").expect("expands");
    assert_eq!(expansion.counts().items, 3);
    assert_eq!(expansion.counts().cells, 6);
    assert_eq!(expand(&spec, "small").len(), 6);
}

#[test]
fn quick_counts_cells() {
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    // 3 scenario-country pairs x 3 holders; per item (4 shown personas + 1 hidden) x
    // 2 systems x 2 orders.
    assert_eq!(expansion.counts().items, 9);
    assert_eq!(expansion.counts().cells, 9 * 5 * 2 * 2);
    assert_eq!(expand(&spec, "quick").len(), 180);
}

#[test]
fn every_cell_in_both_orders() {
    let spec = matrix_support::spec();
    assert_counterbalanced(&expand(&spec, "quick"));
}

#[test]
fn subset_keeps_both_orders() {
    let mut spec = matrix_support::spec();
    spec.evaluations["quick"].subset = Some(Subset { items: 4, seed: 11 });
    let cells = expand(&spec, "quick");
    assert_counterbalanced(&cells);
    let items: BTreeSet<&str> = cells.iter().map(|cell| cell.item_id.as_str()).collect();
    assert_eq!(items.len(), 4);
}

#[test]
fn option_mapping_follows_order() {
    let spec = matrix_support::spec();
    for cell in expand(&spec, "quick") {
        let expected = match cell.levels.order {
            Order::FollowFirst => (Decision::FollowCulture, Decision::AllowPreference),
            Order::AllowFirst => (Decision::AllowPreference, Decision::FollowCulture),
        };
        assert_eq!((cell.option_a, cell.option_b), expected);
    }
}

#[test]
fn options_swap_in_prompt() {
    let spec = matrix_support::spec();
    let cells = expand(&spec, "small");
    let first = &cells[0].messages.last().expect("user message").content;
    let second = &cells[1].messages.last().expect("user message").content;
    assert!(
        first.contains("A) The guest takes off their shoes at the door."),
        "{first}"
    );
    assert!(
        second.contains("B) The guest takes off their shoes at the door."),
        "{second}"
    );
}

#[test]
fn ids_stable_across_runs() {
    let spec = matrix_support::spec();
    let first: Vec<String> = expand(&spec, "quick")
        .into_iter()
        .map(|c| c.cell_id)
        .collect();
    let second: Vec<String> = expand(&spec, "quick")
        .into_iter()
        .map(|c| c.cell_id)
        .collect();
    assert_eq!(first, second);
}

#[test]
fn ids_unique() {
    let spec = matrix_support::spec();
    let cells = expand(&spec, "quick");
    let ids: HashSet<&str> = cells.iter().map(|c| c.cell_id.as_str()).collect();
    assert_eq!(ids.len(), cells.len());
}

#[test]
fn wording_edit_changes_only_its_cells() {
    let spec = matrix_support::spec();
    let mut edited = spec.clone();
    edited.scenarios["restaurant_bill"].allow = "{actor} pays exactly the bill.".into();
    let before = expand(&spec, "quick");
    let after = expand(&edited, "quick");
    assert_eq!(before.len(), after.len());
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(
            old.item_id, new.item_id,
            "item ids keep through wording edits"
        );
        let edited_scenario = old.levels.scenario == "restaurant_bill";
        assert_eq!(
            old.cell_id != new.cell_id,
            edited_scenario,
            "{}",
            old.levels.scenario
        );
    }
}

#[test]
fn item_id_ignores_evaluation() {
    let spec = matrix_support::spec();
    let small = expand(&spec, "small");
    let quick = expand(&spec, "quick");
    let quick_items: HashSet<&str> = quick.iter().map(|c| c.item_id.as_str()).collect();
    for cell in &small {
        assert!(
            quick_items.contains(cell.item_id.as_str()),
            "{}",
            cell.item_id
        );
    }
}

#[test]
fn subset_reproducible_with_seed() {
    let mut spec = matrix_support::spec();
    spec.evaluations["quick"].subset = Some(Subset { items: 3, seed: 5 });
    let first = expand(&spec, "quick");
    let second = expand(&spec, "quick");
    assert_eq!(first, second);
}

#[test]
fn subset_seed_changes_choice() {
    let mut spec = matrix_support::spec();
    let items_with_seed = |spec: &mut Spec, seed| {
        spec.evaluations["quick"].subset = Some(Subset { items: 3, seed });
        let expansion = Expansion::new(spec, "quick").expect("expands");
        expansion
            .items()
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    };
    let choices: BTreeSet<Vec<String>> = (0..6)
        .map(|seed| items_with_seed(&mut spec, seed))
        .collect();
    assert!(choices.len() > 1, "six seeds chose the same items");
}

#[test]
fn subset_items_keep_all_cells() {
    let full_spec = matrix_support::spec();
    let full = expand(&full_spec, "quick");
    let mut spec = full_spec.clone();
    spec.evaluations["quick"].subset = Some(Subset { items: 2, seed: 3 });
    let subset = expand(&spec, "quick");
    let kept: HashSet<&str> = subset.iter().map(|c| c.item_id.as_str()).collect();
    let expected: Vec<&Cell> = full
        .iter()
        .filter(|c| kept.contains(c.item_id.as_str()))
        .collect();
    assert_eq!(subset.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn hidden_demographics_not_duplicated() {
    let spec = matrix_support::spec();
    let cells = expand(&spec, "quick");
    let hidden: Vec<&Cell> = cells
        .iter()
        .filter(|c| c.levels.demographics == Visibility::Hidden)
        .collect();
    // One hidden persona per item, system and order.
    assert_eq!(hidden.len(), 9 * 2 * 2);
    for cell in hidden {
        assert!(cell.levels.actor.values().all(|level| level == "none"));
        assert!(cell.levels.receiver.values().all(|level| level == "none"));
    }
    let prompts: HashSet<String> = cells
        .iter()
        .map(|c| serde_json::to_string(&c.messages).expect("serializes"))
        .collect();
    assert_eq!(
        prompts.len(),
        cells.len(),
        "two cells have the same prompts"
    );
}

#[test]
fn demographics_without_persona_factor() {
    let mut spec = matrix_support::spec();
    spec.evaluations["small"].vary = vec![Factor::Demographics];
    let cells = expand(&spec, "small");
    assert_eq!(cells.len(), 6);
    assert!(
        cells
            .iter()
            .all(|c| c.levels.demographics == Visibility::Hidden)
    );
}

#[test]
fn shown_persona_in_phrase() {
    let spec = matrix_support::spec();
    let cells = expand(&spec, "quick");
    let cell = cells
        .iter()
        .find(|c| c.levels.actor["age"] == "younger" && c.levels.actor["gender"] == "female")
        .expect("a young female actor");
    let user = &cell.messages.last().expect("user message").content;
    assert!(user.contains("The young female guest is invited"), "{user}");
}

#[test]
fn holder_text_replaces_default() {
    let spec = matrix_support::spec();
    let cells = expand(&spec, "quick");
    let both = cells
        .iter()
        .find(|c| c.levels.scenario == "host_home" && c.levels.holder.as_str() == "both")
        .expect("a cell with both holders");
    let user = &both.messages.last().expect("user message").content;
    assert!(user.contains("Both the "), "{user}");
    assert!(!user.contains("Personal preference:"), "{user}");
}

#[test]
fn constraint_drops_cells() {
    let mut spec = matrix_support::spec();
    spec.constraints.insert(
        "no_hidden_both".into(),
        Constraint {
            name: "no_hidden_both".into(),
            drop: Condition::And(vec![
                Condition::Equals {
                    factor: Factor::Holder,
                    level: "both".into(),
                },
                Condition::Equals {
                    factor: Factor::Demographics,
                    level: "hidden".into(),
                },
            ]),
            defined_at: Span::default(),
        },
    );
    let cells = expand(&spec, "quick");
    // 3 items with both holders lose their hidden persona: 2 systems x 2 orders each.
    assert_eq!(cells.len(), 180 - 3 * 2 * 2);
    assert_counterbalanced(&cells);
}

#[test]
fn order_condition_rejected() {
    let mut spec = matrix_support::spec();
    spec.evaluations["quick"].drop = Some(Condition::Equals {
        factor: Factor::Order,
        level: "allow_first".into(),
    });
    let error = Expansion::new(&spec, "quick").err().expect("rejected");
    assert!(
        matches!(error, ExpandError::OrderCondition { .. }),
        "{error}"
    );
}

#[test]
fn size_guard_names_factors() {
    let mut spec = matrix_support::spec();
    spec.evaluations["quick"].max_cells = Some(100);
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    let error = expansion.check_size(false).expect_err("above the limit");
    let message = error.to_string();
    assert!(message.contains("180 cells"), "{message}");
    assert!(message.contains("limit of 100"), "{message}");
    assert!(message.contains("3 holders"), "{message}");
    assert!(message.contains("actor.age 2"), "{message}");
    assert!(expansion.check_size(true).is_ok());
}

#[test]
fn unknown_evaluation_suggests() {
    let spec = matrix_support::spec();
    let error = Expansion::new(&spec, "quik").err().expect("not found");
    let ExpandError::EvaluationNotFound { help, .. } = error else {
        panic!("unexpected error: {error}");
    };
    assert!(help.contains("quick"), "{help}");
}

#[test]
fn missing_country_reported() {
    let mut spec = matrix_support::spec();
    spec.scenarios["host_home"].countries.push("XX".into());
    let error = Expansion::new(&spec, "small").err().expect("rejected");
    assert!(error.to_string().contains("country `XX`"), "{error}");
}
