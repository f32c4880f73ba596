//! Human-study answers: loading the CSV file and the human metrics.
//!
//! Two layouts are accepted, told apart by the header (see `docs/report.md`):
//!
//! - one row per answer: `item_id,order,respondent_country,question,choice`, with an
//!   optional `respondent_id`; `choice` is the letter shown to the respondent and `order`
//!   undoes it;
//! - counts: `item_id,respondent_country,question,follow,allow`.
//!
//! Every error names the file, the row (the line number, header = 1) and the column.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::stats::{Interval, mean, wilson};
use crate::cell::{Decision, Letter, Order};
use crate::model::Spec;

/// Which question a human answer is to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// What the respondent would personally do as the actor.
    Personal,
    /// What most people would consider appropriate.
    Norm,
}

impl Question {
    pub fn as_str(self) -> &'static str {
        match self {
            Question::Personal => "personal",
            Question::Norm => "norm",
        }
    }
}

/// The scenario, country and holder an item id stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemInfo {
    pub scenario: String,
    pub country: String,
    pub holder: String,
}

/// Follow Culture and Allow Preference answers for one (item, respondent country, question).
#[derive(Debug, Clone, PartialEq)]
pub struct HumanCount {
    pub item_id: String,
    pub respondent_country: String,
    pub question: Question,
    pub follow: u64,
    pub allow: u64,
}

/// Reads a human-data CSV file; `items` are the item ids of the runs.
pub fn read_human(
    path: &Path,
    items: &HashMap<String, ItemInfo>,
) -> Result<Vec<HumanCount>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| format!("failed to read human data {}: {e}", path.display()))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("failed to read the header of {}: {e}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let layout = Layout::from_header(&header)
        .map_err(|message| format!("{}, row 1 (header): {message}", path.display()))?;

    let mut sums: BTreeMap<(String, String, Question), [u64; 2]> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("invalid CSV in {}: {e}", path.display()))?;
        let row = record.position().map_or(0, |p| p.line());
        let at = |column: &str| {
            let index = header
                .iter()
                .position(|h| h == column)
                .expect("the layout checked the header");
            (index, record.get(index).unwrap_or(""))
        };
        let fail = |column: &str, message: String| {
            let (index, _) = at(column);
            format!(
                "{}, row {row}, column {} (`{column}`): {message}",
                path.display(),
                index + 1
            )
        };

        let (_, item_id) = at("item_id");
        if !items.contains_key(item_id) {
            return Err(fail(
                "item_id",
                format!(
                    "item id `{item_id}` is not an item of the spec's runs; use the item ids \
                     of the questionnaire that `pactc expand` wrote for this spec"
                ),
            ));
        }
        let (_, country) = at("respondent_country");
        if country.is_empty() {
            return Err(fail(
                "respondent_country",
                "missing respondent country".into(),
            ));
        }
        let (_, question) = at("question");
        let question = parse_question(question).map_err(|m| fail("question", m))?;
        let counts = match layout {
            Layout::Answers => {
                let (_, order) = at("order");
                let order = parse_order(order).map_err(|m| fail("order", m))?;
                let (_, choice) = at("choice");
                let letter = parse_letter(choice).map_err(|m| fail("choice", m))?;
                match order.decision_for(letter) {
                    Decision::FollowCulture => [1, 0],
                    _ => [0, 1],
                }
            }
            Layout::Counts => {
                let (_, follow) = at("follow");
                let follow = parse_count(follow).map_err(|m| fail("follow", m))?;
                let (_, allow) = at("allow");
                let allow = parse_count(allow).map_err(|m| fail("allow", m))?;
                [follow, allow]
            }
        };
        let sum = sums
            .entry((item_id.to_string(), country.to_string(), question))
            .or_default();
        sum[0] += counts[0];
        sum[1] += counts[1];
    }
    if sums.is_empty() {
        return Err(format!(
            "human data {} has a header but no rows",
            path.display()
        ));
    }
    Ok(sums
        .into_iter()
        .map(
            |((item_id, respondent_country, question), [follow, allow])| HumanCount {
                item_id,
                respondent_country,
                question,
                follow,
                allow,
            },
        )
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    Answers,
    Counts,
}

impl Layout {
    fn from_header(header: &[String]) -> Result<Layout, String> {
        let has = |name: &str| header.iter().any(|h| h == name);
        let layout = if has("choice") {
            Layout::Answers
        } else if has("follow") || has("allow") {
            Layout::Counts
        } else {
            return Err(
                "the header must name either `choice` (one row per answer) or \
                        `follow` and `allow` (counts)"
                    .into(),
            );
        };
        let (required, optional): (&[&str], &[&str]) = match layout {
            Layout::Answers => (
                &[
                    "item_id",
                    "order",
                    "respondent_country",
                    "question",
                    "choice",
                ],
                &["respondent_id"],
            ),
            Layout::Counts => (
                &[
                    "item_id",
                    "respondent_country",
                    "question",
                    "follow",
                    "allow",
                ],
                &[],
            ),
        };
        for name in required {
            if !has(name) {
                return Err(format!(
                    "missing column `{name}`; expected {}",
                    required.join(",")
                ));
            }
        }
        for (index, name) in header.iter().enumerate() {
            if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                return Err(format!(
                    "unknown column `{name}` (column {}); expected {}",
                    index + 1,
                    required.join(",")
                ));
            }
        }
        Ok(layout)
    }
}

fn parse_question(value: &str) -> Result<Question, String> {
    match value {
        "personal" => Ok(Question::Personal),
        "norm" => Ok(Question::Norm),
        other => Err(format!(
            "invalid question `{other}`; expected `personal` or `norm`"
        )),
    }
}

fn parse_order(value: &str) -> Result<Order, String> {
    match value {
        "follow_first" => Ok(Order::FollowFirst),
        "allow_first" => Ok(Order::AllowFirst),
        other => Err(format!(
            "invalid order `{other}`; expected `follow_first` or `allow_first`"
        )),
    }
}

fn parse_letter(value: &str) -> Result<Letter, String> {
    match value {
        "A" | "a" => Ok(Letter::A),
        "B" | "b" => Ok(Letter::B),
        other => Err(format!(
            "invalid choice `{other}`; expected the option letter `A` or `B`"
        )),
    }
}

fn parse_count(value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("invalid count `{value}`; expected a whole number of answers"))
}

/// Per-item human figures for one question.
#[derive(Debug, Clone, Serialize)]
pub struct HumanItem {
    pub item_id: String,
    pub scenario: String,
    pub country: String,
    pub holder: String,
    pub question: Question,
    pub follow: u64,
    pub allow: u64,
    /// Follow Culture share.
    pub follow_share: f64,
    /// max(p, 1 - p) with p the Follow Culture share.
    pub agreement: f64,
}

/// Mean per-item agreement of respondents in one relation to the item's country.
#[derive(Debug, Clone, Serialize)]
pub struct RelationAgreement {
    pub question: Question,
    /// `same`, `close`, `far` or `other`.
    pub relation: String,
    pub items: usize,
    pub answers: u64,
    pub mean_agreement: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryRate {
    pub respondent_country: String,
    pub question: Question,
    pub answers: u64,
    pub follow_rate: Option<f64>,
    pub follow_ci: Option<Interval>,
    /// Mean over items of this country's respondents' agreement.
    pub mean_agreement: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HumanSummary {
    pub answers: u64,
    pub items: Vec<HumanItem>,
    pub by_relation: Vec<RelationAgreement>,
    pub by_country: Vec<CountryRate>,
}

/// Returns how a respondent's country relates to the item's country in the spec.
pub fn relation(spec: &Spec, respondent: &str, item_country: &str) -> &'static str {
    if respondent == item_country {
        return "same";
    }
    match spec.countries.get(item_country) {
        Some(c) if c.close.iter().any(|x| x == respondent) => "close",
        Some(c) if c.far.iter().any(|x| x == respondent) => "far",
        _ => "other",
    }
}

fn agreement(follow: u64, allow: u64) -> Option<f64> {
    let n = follow + allow;
    (n > 0).then(|| {
        let p = follow as f64 / n as f64;
        p.max(1.0 - p)
    })
}

/// Computes the human metrics.
pub fn summarize(
    counts: &[HumanCount],
    items: &HashMap<String, ItemInfo>,
    spec: &Spec,
) -> HumanSummary {
    let mut per_item: BTreeMap<(Question, &str), [u64; 2]> = BTreeMap::new();
    let mut per_relation: BTreeMap<(Question, &str, &str), [u64; 2]> = BTreeMap::new();
    let mut per_country: BTreeMap<(&str, Question), BTreeMap<&str, [u64; 2]>> = BTreeMap::new();
    for count in counts {
        let info = &items[&count.item_id];
        let add = |slot: &mut [u64; 2]| {
            slot[0] += count.follow;
            slot[1] += count.allow;
        };
        add(per_item
            .entry((count.question, &count.item_id))
            .or_default());
        let relation = relation(spec, &count.respondent_country, &info.country);
        add(per_relation
            .entry((count.question, relation, &count.item_id))
            .or_default());
        add(per_country
            .entry((&count.respondent_country, count.question))
            .or_default()
            .entry(&count.item_id)
            .or_default());
    }

    let human_items = per_item
        .iter()
        .filter(|(_, [f, a])| f + a > 0)
        .map(|(&(question, item_id), &[follow, allow])| {
            let info = &items[item_id];
            let share = follow as f64 / (follow + allow) as f64;
            HumanItem {
                item_id: item_id.to_string(),
                scenario: info.scenario.clone(),
                country: info.country.clone(),
                holder: info.holder.clone(),
                question,
                follow,
                allow,
                follow_share: share,
                agreement: share.max(1.0 - share),
            }
        })
        .collect();

    let mut relations: BTreeMap<(Question, &str), Vec<(f64, u64)>> = BTreeMap::new();
    for (&(question, relation, _), &[f, a]) in &per_relation {
        if let Some(value) = agreement(f, a) {
            relations
                .entry((question, relation))
                .or_default()
                .push((value, f + a));
        }
    }
    let by_relation = relations
        .into_iter()
        .map(|((question, relation), values)| RelationAgreement {
            question,
            relation: relation.to_string(),
            items: values.len(),
            answers: values.iter().map(|v| v.1).sum(),
            mean_agreement: mean(&values.iter().map(|v| v.0).collect::<Vec<_>>()),
        })
        .collect();

    let by_country = per_country
        .into_iter()
        .map(|((country, question), by_item)| {
            let follow: u64 = by_item.values().map(|c| c[0]).sum();
            let total: u64 = by_item.values().map(|c| c[0] + c[1]).sum();
            let agreements: Vec<f64> = by_item
                .values()
                .filter_map(|c| agreement(c[0], c[1]))
                .collect();
            CountryRate {
                respondent_country: country.to_string(),
                question,
                answers: total,
                follow_rate: (total > 0).then(|| follow as f64 / total as f64),
                follow_ci: wilson(follow, total),
                mean_agreement: mean(&agreements),
            }
        })
        .collect();

    HumanSummary {
        answers: counts.iter().map(|c| c.follow + c.allow).sum(),
        items: human_items,
        by_relation,
        by_country,
    }
}
