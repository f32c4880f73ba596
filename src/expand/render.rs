//! Rendering: the cells of each item, produced one item at a time.

use minijinja::Value;
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use super::ExpandError;
use super::ids;
use super::layout::{Item, Layout, NONE_LEVEL, Persona, Point};
use super::text::{self, Fill};
use crate::cell::{Cell, Decision, Levels, Message, MessageRole, Order};
use crate::model::{Holder, Scenario, Spec};
use crate::template::{PromptVars, Renderer};

/// An iterator over the cells of a list of items. It holds the cells of one item at a time.
pub struct Cells<'e, 's> {
    layout: &'e Layout<'s>,
    items: &'e [Item<'s>],
    renderer: &'e Renderer,
    next_item: usize,
    buffer: VecDeque<Cell>,
    failed: bool,
}

impl<'e, 's> Cells<'e, 's> {
    pub(crate) fn new(
        layout: &'e Layout<'s>,
        items: &'e [Item<'s>],
        renderer: &'e Renderer,
    ) -> Self {
        Cells {
            layout,
            items,
            renderer,
            next_item: 0,
            buffer: VecDeque::new(),
            failed: false,
        }
    }
}

impl Iterator for Cells<'_, '_> {
    type Item = Result<Cell, ExpandError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cell) = self.buffer.pop_front() {
                return Some(Ok(cell));
            }
            if self.failed || self.next_item >= self.items.len() {
                return None;
            }
            let item = &self.items[self.next_item];
            self.next_item += 1;
            if let Err(error) = render_item(self.layout, self.renderer, item, &mut self.buffer) {
                self.failed = true;
                return Some(Err(error));
            }
        }
    }
}

/// The variables shared by every cell of one item.
pub(super) struct ItemVars {
    country: Value,
    norm: Value,
    preference: Value,
    holder: Value,
}

/// The variables shared by every cell of one persona combination of an item.
pub(super) struct PersonaVars {
    scenario: Value,
    actor: Value,
    receiver: Value,
    holder_text: Value,
    demographics: Value,
    follow: String,
    allow: String,
    actor_levels: BTreeMap<String, String>,
    receiver_levels: BTreeMap<String, String>,
}

fn render_item(
    layout: &Layout<'_>,
    renderer: &Renderer,
    item: &Item<'_>,
    out: &mut VecDeque<Cell>,
) -> Result<(), ExpandError> {
    let shared = item_vars(item);
    for persona in &layout.personas {
        let mut persona_vars = None;
        for system in &layout.systems {
            let system_level = system.unwrap_or(NONE_LEVEL);
            let mut system_message: Option<String> = None;
            for paraphrase in &layout.paraphrases {
                let point = Point {
                    item,
                    persona,
                    system: system_level,
                    paraphrase,
                    spec: layout.spec,
                };
                if layout.drops(&point) {
                    continue;
                }
                let persona_vars =
                    persona_vars.get_or_insert_with(|| persona_vars_of(layout.spec, item, persona));
                for order in Order::BOTH {
                    let vars = Arc::new(prompt_vars(item, &shared, persona_vars, &point, order));
                    let system_text = match system {
                        None => None,
                        Some(name) if renderer.depends_on_cell(name) => {
                            Some(renderer.render(name, &vars)?)
                        }
                        Some(name) => {
                            if system_message.is_none() {
                                system_message = Some(renderer.render(name, &vars)?);
                            }
                            system_message.clone()
                        }
                    };
                    let user_text = renderer.render(paraphrase, &vars)?;
                    out.push_back(cell(
                        layout,
                        item,
                        persona_vars,
                        &point,
                        order,
                        system_text,
                        user_text,
                    ));
                }
            }
        }
    }
    Ok(())
}

pub(super) fn item_vars(item: &Item<'_>) -> ItemVars {
    let country = Value::from_iter([
        ("code", Value::from(item.country.code.as_str())),
        ("name", Value::from(item.country.name.as_str())),
        ("region", Value::from(item.country.region.as_str())),
    ]);
    let norm = Value::from_iter([
        ("name", Value::from(item.norm.name.as_str())),
        ("expectation", Value::from(item.norm.expectation.as_str())),
    ]);
    let preference = Value::from_iter([
        ("name", Value::from(item.preference.name.as_str())),
        ("text", Value::from(item.preference.text.as_str())),
        ("reason", Value::from(item.preference.reason.as_str())),
    ]);
    ItemVars {
        country,
        norm,
        preference,
        holder: Value::from(item.holder.as_str()),
    }
}

pub(super) fn persona_vars_of(spec: &Spec, item: &Item<'_>, persona: &Persona<'_>) -> PersonaVars {
    let scenario = item.scenario;
    let actor_phrase = text::role_phrase(&scenario.actor_role, labels(spec, &persona.actor));
    let receiver_phrase =
        text::role_phrase(&scenario.receiver_role, labels(spec, &persona.receiver));
    let words = Fill {
        actor: &actor_phrase,
        receiver: &receiver_phrase,
        country: &item.country.name,
    };
    let follow = text::fill(&scenario.follow, &words);
    let allow = text::fill(&scenario.allow, &words);
    let holder_text = holder_text(scenario, item.holder)
        .map(|text| text::fill(text, &words))
        .unwrap_or_default();

    PersonaVars {
        scenario: scenario_value(scenario, &words, &follow, &allow),
        actor: person_value(spec, &scenario.actor_role, &actor_phrase, &persona.actor),
        receiver: person_value(
            spec,
            &scenario.receiver_role,
            &receiver_phrase,
            &persona.receiver,
        ),
        holder_text: Value::from(holder_text),
        demographics: Value::from(persona.visibility.as_str()),
        follow,
        allow,
        actor_levels: level_map(spec, &persona.actor),
        receiver_levels: level_map(spec, &persona.receiver),
    }
}

fn holder_text(scenario: &Scenario, holder: Holder) -> Option<&str> {
    scenario.holder_text.get(&holder).map(String::as_str)
}

/// The labels of the levels that are not `none`, in declaration order.
fn labels<'a>(spec: &'a Spec, levels: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    spec.demographics
        .values()
        .zip(levels)
        .filter(|(_, level)| **level != NONE_LEVEL)
        .map(|(demographic, level)| {
            demographic
                .levels
                .iter()
                .find(|declared| declared.name == *level)
                .map_or(*level, |declared| declared.label.as_str())
        })
}

fn scenario_value(scenario: &Scenario, words: &Fill<'_>, follow: &str, allow: &str) -> Value {
    Value::from_iter([
        ("name", Value::from(scenario.name.as_str())),
        ("type", Value::from(scenario.kind.as_str())),
        ("setting", Value::from(text::fill(&scenario.setting, words))),
        ("follow", Value::from(follow)),
        ("allow", Value::from(allow)),
        (
            "source",
            Value::from(scenario.source.clone().unwrap_or_default()),
        ),
    ])
}

fn person_value(spec: &Spec, role: &str, phrase: &str, levels: &[&str]) -> Value {
    let mut fields: Vec<(&str, Value)> =
        vec![("role", Value::from(role)), ("phrase", Value::from(phrase))];
    for (name, level) in spec.demographics.keys().zip(levels) {
        fields.push((name.as_str(), Value::from(*level)));
    }
    Value::from_iter(fields)
}

fn level_map(spec: &Spec, levels: &[&str]) -> BTreeMap<String, String> {
    spec.demographics
        .keys()
        .zip(levels)
        .map(|(name, level)| (name.clone(), level.to_string()))
        .collect()
}

pub(super) fn options(persona: &PersonaVars, order: Order) -> (&str, &str) {
    match order {
        Order::FollowFirst => (&persona.follow, &persona.allow),
        Order::AllowFirst => (&persona.allow, &persona.follow),
    }
}

pub(super) fn prompt_vars(
    item: &Item<'_>,
    shared: &ItemVars,
    persona: &PersonaVars,
    point: &Point<'_, '_>,
    order: Order,
) -> PromptVars {
    let (option_a, option_b) = options(persona, order);
    PromptVars {
        scenario: persona.scenario.clone(),
        actor: persona.actor.clone(),
        receiver: persona.receiver.clone(),
        country: shared.country.clone(),
        norm: shared.norm.clone(),
        preference: shared.preference.clone(),
        holder: shared.holder.clone(),
        holder_text: persona.holder_text.clone(),
        demographics: persona.demographics.clone(),
        option_a: Value::from(option_a),
        option_b: Value::from(option_b),
        order: Value::from(order.as_str()),
        system: Value::from(point.system),
        paraphrase: Value::from(point.paraphrase),
        scenario_name: item.scenario.name.clone(),
        country_name: item.country.name.clone(),
    }
}

fn cell(
    layout: &Layout<'_>,
    item: &Item<'_>,
    persona: &PersonaVars,
    point: &Point<'_, '_>,
    order: Order,
    system_text: Option<String>,
    user_text: String,
) -> Cell {
    let levels = Levels {
        scenario: item.scenario.name.clone(),
        scenario_type: item.scenario.kind.clone(),
        country: item.country.code.clone(),
        region: item.country.region.clone(),
        holder: item.holder,
        demographics: point.persona.visibility,
        actor: persona.actor_levels.clone(),
        receiver: persona.receiver_levels.clone(),
        system: point.system.to_string(),
        paraphrase: point.paraphrase.to_string(),
        order,
    };
    let mut messages = Vec::with_capacity(2);
    if let Some(content) = system_text.filter(|text| !text.is_empty()) {
        messages.push(Message {
            role: MessageRole::System,
            content,
        });
    }
    messages.push(Message {
        role: MessageRole::User,
        content: user_text,
    });
    let (option_a, option_b) = match order {
        Order::FollowFirst => (Decision::FollowCulture, Decision::AllowPreference),
        Order::AllowFirst => (Decision::AllowPreference, Decision::FollowCulture),
    };
    Cell {
        cell_id: ids::cell_id(&levels, &messages),
        item_id: item.id.clone(),
        evaluation: layout.evaluation.name.clone(),
        levels,
        messages,
        option_a,
        option_b,
    }
}
