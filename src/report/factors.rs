//! The factors a report breaks rates down by, and the level of each for a cell.

use serde::Serialize;
use std::collections::BTreeSet;

use crate::cell::{Levels, Order};
use crate::model::Holder;

use super::load::CellTally;

/// A factor of the matrix as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FactorKey {
    Country,
    Region,
    Scenario,
    ScenarioType,
    Holder,
    Demographics,
    System,
    Paraphrase,
    Order,
    Actor(String),
    Receiver(String),
}

impl FactorKey {
    /// Returns the factor's name as written in `.pact` conditions (`type`, `actor.age`).
    pub fn name(&self) -> String {
        match self {
            FactorKey::Country => "country".into(),
            FactorKey::Region => "region".into(),
            FactorKey::Scenario => "scenario".into(),
            FactorKey::ScenarioType => "type".into(),
            FactorKey::Holder => "holder".into(),
            FactorKey::Demographics => "demographics".into(),
            FactorKey::System => "system".into(),
            FactorKey::Paraphrase => "paraphrase".into(),
            FactorKey::Order => "order".into(),
            FactorKey::Actor(d) => format!("actor.{d}"),
            FactorKey::Receiver(d) => format!("receiver.{d}"),
        }
    }

    /// Parses a factor name as written in `.pact` conditions.
    pub fn parse(name: &str) -> Option<FactorKey> {
        let key = match name {
            "country" => FactorKey::Country,
            "region" => FactorKey::Region,
            "scenario" => FactorKey::Scenario,
            "type" => FactorKey::ScenarioType,
            "holder" => FactorKey::Holder,
            "demographics" => FactorKey::Demographics,
            "system" => FactorKey::System,
            "paraphrase" => FactorKey::Paraphrase,
            "order" => FactorKey::Order,
            other => {
                let (role, demographic) = other.split_once('.')?;
                match role {
                    "actor" => FactorKey::Actor(demographic.to_string()),
                    "receiver" => FactorKey::Receiver(demographic.to_string()),
                    _ => return None,
                }
            }
        };
        Some(key)
    }

    /// Returns the level of this factor in a cell's levels.
    pub fn level<'a>(&self, levels: &'a Levels) -> &'a str {
        match self {
            FactorKey::Country => &levels.country,
            FactorKey::Region => &levels.region,
            FactorKey::Scenario => &levels.scenario,
            FactorKey::ScenarioType => &levels.scenario_type,
            FactorKey::Holder => levels.holder.as_str(),
            FactorKey::Demographics => levels.demographics.as_str(),
            FactorKey::System => &levels.system,
            FactorKey::Paraphrase => &levels.paraphrase,
            FactorKey::Order => order_name(levels.order),
            FactorKey::Actor(d) => levels.actor.get(d).map_or("none", String::as_str),
            FactorKey::Receiver(d) => levels.receiver.get(d).map_or("none", String::as_str),
        }
    }

    /// Ranks a level so that levels sort in natural order before alphabetical order. The
    /// first level after sorting is the regression's reference.
    pub fn level_rank(&self, level: &str) -> usize {
        match self {
            FactorKey::Holder => Holder::ALL
                .iter()
                .position(|h| h.as_str() == level)
                .unwrap_or(3),
            FactorKey::Demographics => usize::from(level != "shown"),
            FactorKey::Order => usize::from(level != "follow_first"),
            FactorKey::Actor(_) | FactorKey::Receiver(_) => usize::from(level == "none"),
            _ => 0,
        }
    }
}

pub fn order_name(order: Order) -> &'static str {
    match order {
        Order::FollowFirst => "follow_first",
        Order::AllowFirst => "allow_first",
    }
}

/// Lists every factor that appears in the cells, in report order.
pub fn factors_of(cells: &[CellTally]) -> Vec<FactorKey> {
    let mut demographics = BTreeSet::new();
    for cell in cells {
        demographics.extend(cell.levels.actor.keys().cloned());
        demographics.extend(cell.levels.receiver.keys().cloned());
    }
    let mut factors = vec![
        FactorKey::Region,
        FactorKey::Country,
        FactorKey::Scenario,
        FactorKey::ScenarioType,
        FactorKey::Holder,
        FactorKey::Demographics,
    ];
    for d in &demographics {
        factors.push(FactorKey::Actor(d.clone()));
        factors.push(FactorKey::Receiver(d.clone()));
    }
    factors.extend([FactorKey::System, FactorKey::Paraphrase, FactorKey::Order]);
    factors
}

/// Lists the distinct levels of a factor in the cells, in natural then alphabetical order.
pub fn levels_of(factor: &FactorKey, cells: &[CellTally]) -> Vec<String> {
    let set: BTreeSet<&str> = cells.iter().map(|c| factor.level(&c.levels)).collect();
    let mut levels: Vec<String> = set.into_iter().map(str::to_string).collect();
    levels.sort_by_key(|level| factor.level_rank(level));
    levels
}
