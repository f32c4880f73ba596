//! The human-study questionnaire: the personal and the norm question of each item, as CSV
//! that survey tools can import.
//!
//! One row per item, question and option order, so a survey can counterbalance the options
//! as the model prompts do. The item id and the order let the human-data loader join the
//! answers back to the items.

use std::io::Write;
use std::sync::Arc;

use super::layout::{NONE_LEVEL, Persona, Point};
use super::render::{item_vars, options, persona_vars_of, prompt_vars};
use super::{ExpandError, Expansion};
use crate::cell::Order;
use crate::model::Visibility;

/// The kind of each question, by position in the evaluation's `questions`; the human-data
/// loader reads answers by these names.
const QUESTION_KINDS: [&str; 2] = ["personal", "norm"];

/// The questions asked when an evaluation names none.
pub const DEFAULT_QUESTIONS: [&str; 2] = ["human_personal", "human_norm"];

const HEADER: [&str; 15] = [
    "item_id",
    "evaluation",
    "scenario",
    "type",
    "country",
    "region",
    "holder",
    "question",
    "order",
    "question_text",
    "option_a",
    "option_b",
    "option_a_decision",
    "option_b_decision",
    "template",
];

/// Writes the questionnaire of one evaluation's kept items and returns the number of rows.
/// Demographics are hidden: respondents answer for the scenario, not for a persona.
pub fn write_questionnaire<W: Write>(
    expansion: &Expansion<'_>,
    writer: &mut csv::Writer<W>,
    with_header: bool,
) -> Result<u64, ExpandError> {
    let layout = expansion.layout();
    let renderer = expansion.renderer();
    let questions: Vec<&str> = if layout.evaluation.questions.is_empty() {
        DEFAULT_QUESTIONS.to_vec()
    } else {
        layout
            .evaluation
            .questions
            .iter()
            .map(String::as_str)
            .collect()
    };
    let hidden = Persona {
        visibility: Visibility::Hidden,
        actor: vec![NONE_LEVEL; layout.spec.demographics.len()],
        receiver: vec![NONE_LEVEL; layout.spec.demographics.len()],
    };
    if with_header {
        writer.write_record(HEADER).map_err(csv_error)?;
    }

    let mut rows = 0;
    for item in expansion.items() {
        let shared = item_vars(item);
        let persona = persona_vars_of(layout.spec, item, &hidden);
        for (question, template) in QUESTION_KINDS.iter().zip(&questions) {
            let point = Point {
                item,
                persona: &hidden,
                system: NONE_LEVEL,
                paraphrase: template,
                spec: layout.spec,
            };
            for order in Order::BOTH {
                let vars = Arc::new(prompt_vars(item, &shared, &persona, &point, order));
                let text = renderer.render(template, &vars)?;
                let (option_a, option_b) = options(&persona, order);
                let (decision_a, decision_b) = match order {
                    Order::FollowFirst => ("FOLLOW_CULTURE", "ALLOW_PREFERENCE"),
                    Order::AllowFirst => ("ALLOW_PREFERENCE", "FOLLOW_CULTURE"),
                };
                let row = [
                    item.id.as_str(),
                    layout.evaluation.name.as_str(),
                    item.scenario.name.as_str(),
                    item.scenario.kind.as_str(),
                    item.country.code.as_str(),
                    item.country.region.as_str(),
                    item.holder.as_str(),
                    question,
                    order.as_str(),
                    text.as_str(),
                    option_a,
                    option_b,
                    decision_a,
                    decision_b,
                    template,
                ];
                writer.write_record(row).map_err(csv_error)?;
                rows += 1;
            }
        }
    }
    writer.flush()?;
    Ok(rows)
}

fn csv_error(error: csv::Error) -> ExpandError {
    ExpandError::Write(std::io::Error::other(error.to_string()))
}
