//! The levels of every factor of one evaluation, its items, and the cell counts.

use std::fmt;

use super::condition::{self, FactorLevels};
use super::{Counts, ExpandError, ids};
use crate::cell::Order;
use crate::model::{
    Condition, Country, Evaluation, Factor, Holder, Norm, Preference, Role, Scenario, Spec,
    Visibility,
};

/// The level of a demographic that is hidden or not varied.
pub const NONE_LEVEL: &str = "none";

/// The level each demographic takes for the actor and the receiver, indexed like
/// `Spec::demographics`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Persona<'s> {
    pub visibility: Visibility,
    pub actor: Vec<&'s str>,
    pub receiver: Vec<&'s str>,
}

/// One scenario set in one country, with one preference holder.
#[derive(Debug, Clone)]
pub struct Item<'s> {
    pub id: String,
    pub scenario: &'s Scenario,
    pub country: &'s Country,
    pub norm: &'s Norm,
    pub preference: &'s Preference,
    pub holder: Holder,
    /// Cells of this item that no condition drops, in both orders.
    pub cells: u64,
}

/// The levels of every factor of one evaluation, before the items are listed.
pub struct Layout<'s> {
    pub spec: &'s Spec,
    pub evaluation: &'s Evaluation,
    pub holders: Vec<Holder>,
    /// Every combination of demographics shown or hidden and persona levels.
    pub personas: Vec<Persona<'s>>,
    /// System template names; `None` when the evaluation has no system prompt.
    pub systems: Vec<Option<&'s str>>,
    pub paraphrases: Vec<&'s str>,
    /// The spec's constraints and the evaluation's `drop`.
    pub conditions: Vec<&'s Condition>,
    /// The varied persona factors, with their level counts, for size reports.
    persona_axes: Vec<(String, usize)>,
}

impl<'s> Layout<'s> {
    pub fn new(spec: &'s Spec, name: &str) -> Result<Self, ExpandError> {
        let evaluation = spec
            .evaluations
            .get(name)
            .ok_or_else(|| ExpandError::evaluation_not_found(spec, name))?;
        let conditions = conditions_of(spec, evaluation)?;
        check_references(spec)?;
        if evaluation.prompts.is_empty() {
            return Err(ExpandError::NoPrompt {
                evaluation: evaluation.name.clone(),
            });
        }
        let varies = |factor: &Factor| evaluation.vary.contains(factor);

        let holders = if varies(&Factor::Holder) {
            Holder::ALL.to_vec()
        } else {
            vec![Holder::Actor]
        };
        let systems = match (evaluation.systems.as_slice(), varies(&Factor::System)) {
            ([], _) => vec![None],
            (all, true) => all.iter().map(|s| Some(s.as_str())).collect(),
            ([first, ..], false) => vec![Some(first.as_str())],
        };
        let paraphrases = if varies(&Factor::Paraphrase) {
            evaluation.prompts.iter().map(String::as_str).collect()
        } else {
            vec![evaluation.prompts[0].as_str()]
        };
        let (personas, persona_axes) = personas_of(spec, evaluation);

        Ok(Layout {
            spec,
            evaluation,
            holders,
            personas,
            systems,
            paraphrases,
            conditions,
            persona_axes,
        })
    }

    /// Lists the items that keep at least one cell, applies the subset, and counts cells.
    pub fn items(&self) -> (Vec<Item<'s>>, Counts) {
        let mut items = Vec::new();
        for scenario in self.spec.scenarios.values() {
            for code in &scenario.countries {
                for &holder in &self.holders {
                    let Some(mut item) = self.item(scenario, code, holder) else {
                        continue;
                    };
                    item.cells = self.count_cells(&item);
                    if item.cells > 0 {
                        items.push(item);
                    }
                }
            }
        }

        let keep = match self.evaluation.subset {
            Some(subset) => subset_mask(&items, subset.items, subset.seed),
            None => vec![true; items.len()],
        };
        let mut counts = Counts::default();
        let mut kept = Vec::new();
        for (item, keep) in items.into_iter().zip(keep) {
            if keep {
                counts.items += 1;
                counts.cells += item.cells;
                kept.push(item);
            }
        }
        (kept, counts)
    }

    fn item(&self, scenario: &'s Scenario, code: &str, holder: Holder) -> Option<Item<'s>> {
        let country = self.spec.countries.get(code)?;
        Some(Item {
            id: ids::item_id(&scenario.name, code, holder.as_str()),
            scenario,
            country,
            norm: self.spec.norms.get(&scenario.norm)?,
            preference: self.spec.preferences.get(&scenario.preference)?,
            holder,
            cells: 0,
        })
    }

    /// Cells of one item that no condition drops, in both orders.
    fn count_cells(&self, item: &Item<'s>) -> u64 {
        let mut kept = 0;
        for persona in &self.personas {
            for system in &self.systems {
                for paraphrase in &self.paraphrases {
                    let point = Point {
                        item,
                        persona,
                        system: system.unwrap_or(NONE_LEVEL),
                        paraphrase,
                        spec: self.spec,
                    };
                    if !self.drops(&point) {
                        kept += Order::BOTH.len() as u64;
                    }
                }
            }
        }
        kept
    }

    pub(crate) fn drops(&self, point: &Point<'_, 's>) -> bool {
        self.conditions
            .iter()
            .any(|condition| condition::holds(condition, point))
    }

    pub fn size_report(&self, counts: &Counts) -> SizeReport {
        SizeReport {
            pairs: self
                .spec
                .scenarios
                .values()
                .map(|scenario| scenario.countries.len() as u64)
                .sum(),
            holders: self.holders.len() as u64,
            persona_axes: self.persona_axes.clone(),
            personas: self.personas.len() as u64,
            includes_hidden: self
                .personas
                .iter()
                .any(|persona| persona.visibility == Visibility::Hidden),
            systems: self.systems.len() as u64,
            paraphrases: self.paraphrases.len() as u64,
            orders: Order::BOTH.len() as u64,
            cells: counts.cells,
            subset: self.evaluation.subset.map(|subset| subset.items),
        }
    }
}

/// Checks that every name a scenario refers to exists. `resolve` guarantees it for a
/// checked spec; a spec built by other code gets an error instead of a panic.
fn check_references(spec: &Spec) -> Result<(), ExpandError> {
    for scenario in spec.scenarios.values() {
        let missing = |kind: &'static str, name: &str| ExpandError::MissingReference {
            scenario: scenario.name.clone(),
            kind,
            name: name.to_string(),
        };
        if !spec.norms.contains_key(&scenario.norm) {
            return Err(missing("norm", &scenario.norm));
        }
        if !spec.preferences.contains_key(&scenario.preference) {
            return Err(missing("preference", &scenario.preference));
        }
        for code in &scenario.countries {
            if !spec.countries.contains_key(code) {
                return Err(missing("country", code));
            }
        }
    }
    Ok(())
}

fn conditions_of<'s>(
    spec: &'s Spec,
    evaluation: &'s Evaluation,
) -> Result<Vec<&'s Condition>, ExpandError> {
    let mut conditions = Vec::new();
    for constraint in spec.constraints.values() {
        if condition::mentions_order(&constraint.drop) {
            return Err(ExpandError::OrderCondition {
                origin: format!("constraint `{}`", constraint.name),
            });
        }
        conditions.push(&constraint.drop);
    }
    if let Some(drop) = &evaluation.drop {
        if condition::mentions_order(drop) {
            return Err(ExpandError::OrderCondition {
                origin: format!("the `drop` of evaluation `{}`", evaluation.name),
            });
        }
        conditions.push(drop);
    }
    Ok(conditions)
}

/// Lists the persona combinations: with demographics hidden, one combination with every
/// level `none`; with demographics shown, the product of the varied persona factors. Shown
/// is left out when no persona factor varies, because it would repeat the hidden cells.
fn personas_of<'s>(
    spec: &'s Spec,
    evaluation: &'s Evaluation,
) -> (Vec<Persona<'s>>, Vec<(String, usize)>) {
    let mut axes: Vec<(Role, usize, Vec<&'s str>)> = Vec::new();
    let mut axis_names = Vec::new();
    for factor in &evaluation.vary {
        let Factor::Persona { role, demographic } = factor else {
            continue;
        };
        let Some((index, _, declared)) = spec.demographics.get_full(demographic) else {
            continue;
        };
        let levels: Vec<&str> = declared.levels.iter().map(|l| l.name.as_str()).collect();
        axis_names.push((condition::factor_name(factor), levels.len()));
        axes.push((*role, index, levels));
    }

    let none = vec![NONE_LEVEL; spec.demographics.len()];
    let hidden = Persona {
        visibility: Visibility::Hidden,
        actor: none.clone(),
        receiver: none.clone(),
    };
    let show = !axes.is_empty();
    let hide = evaluation.vary.contains(&Factor::Demographics) || !show;

    let mut personas = Vec::new();
    if show {
        let mut combos = vec![Persona {
            visibility: Visibility::Shown,
            actor: none.clone(),
            receiver: none,
        }];
        for (role, index, levels) in &axes {
            combos = combos
                .into_iter()
                .flat_map(|combo| {
                    levels.iter().map(move |level| {
                        let mut next = combo.clone();
                        match role {
                            Role::Actor => next.actor[*index] = level,
                            Role::Receiver => next.receiver[*index] = level,
                        }
                        next
                    })
                })
                .collect();
        }
        personas.extend(combos);
    }
    if hide {
        personas.push(hidden);
    }
    (personas, axis_names)
}

/// Keeps the `size` items with the lowest seeded rank. The rank hashes the seed with the
/// item id, so the choice does not depend on declaration order, and adding items to a spec
/// changes the subset only where a new item outranks a kept one.
fn subset_mask(items: &[Item<'_>], size: u64, seed: u64) -> Vec<bool> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if size >= items.len() {
        return vec![true; items.len()];
    }
    let mut ranked: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(index, item)| (ids::subset_rank(seed, &item.id), index))
        .collect();
    ranked.sort_unstable();
    let mut keep = vec![false; items.len()];
    for (_, index) in ranked.into_iter().take(size) {
        keep[index] = true;
    }
    keep
}

/// The levels of one cell before its option order, as conditions see them.
pub(crate) struct Point<'a, 's> {
    pub item: &'a Item<'s>,
    pub persona: &'a Persona<'s>,
    pub system: &'a str,
    pub paraphrase: &'a str,
    pub spec: &'s Spec,
}

impl FactorLevels for Point<'_, '_> {
    fn level(&self, factor: &Factor) -> &str {
        match factor {
            Factor::Country => &self.item.country.code,
            Factor::Region => &self.item.country.region,
            Factor::Scenario => &self.item.scenario.name,
            Factor::ScenarioType => &self.item.scenario.kind,
            Factor::Holder => self.item.holder.as_str(),
            Factor::Demographics => self.persona.visibility.as_str(),
            Factor::System => self.system,
            Factor::Paraphrase => self.paraphrase,
            // Conditions on the order are rejected before any cell is made.
            Factor::Order => "",
            Factor::Persona { role, demographic } => {
                let Some(index) = self.spec.demographics.get_index_of(demographic) else {
                    return NONE_LEVEL;
                };
                match role {
                    Role::Actor => self.persona.actor[index],
                    Role::Receiver => self.persona.receiver[index],
                }
            }
        }
    }
}

/// The factors that multiply an evaluation's cell count, for the size guard and the plan
/// summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeReport {
    /// Scenario-country pairs: each scenario times the countries it is set in.
    pub pairs: u64,
    pub holders: u64,
    /// The varied demographic factors and their level counts.
    pub persona_axes: Vec<(String, usize)>,
    /// The product of the persona axes, plus one when demographics are also hidden.
    pub personas: u64,
    pub includes_hidden: bool,
    pub systems: u64,
    pub paraphrases: u64,
    pub orders: u64,
    /// Cells after constraints and the subset.
    pub cells: u64,
    pub subset: Option<u64>,
}

impl SizeReport {
    /// Multiplies the factors' level counts, before constraints and the subset.
    pub fn full_product(&self) -> u64 {
        [
            self.pairs,
            self.holders,
            self.personas,
            self.systems,
            self.paraphrases,
            self.orders,
        ]
        .iter()
        .product()
    }
}

impl fmt::Display for SizeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} scenario-country pairs x {} holders x {} persona combinations",
            self.pairs, self.holders, self.personas
        )?;
        let mut axes: Vec<String> = self
            .persona_axes
            .iter()
            .map(|(name, levels)| format!("{name} {levels}"))
            .collect();
        if self.includes_hidden && !axes.is_empty() {
            axes.push("plus demographics hidden".to_string());
        }
        if !axes.is_empty() {
            write!(f, " ({})", axes.join(", "))?;
        }
        write!(
            f,
            " x {} systems x {} paraphrases x {} orders = {} combinations before constraints",
            self.systems,
            self.paraphrases,
            self.orders,
            self.full_product()
        )?;
        if let Some(items) = self.subset {
            write!(f, ", then a subset of {items} items")?;
        }
        Ok(())
    }
}
