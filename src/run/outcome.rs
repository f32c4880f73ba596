//! Turning a backend's response into a result record: the letter, the decision after
//! undoing the option order, and P(Follow Culture) when log-probabilities are known.

use crate::backend::{BackendError, LetterProbs, Reply, Response};
use crate::cell::{Cell, Decision, Letter, MessageRole};
use crate::record::{Elicitation, ResultRecord};
use crate::run::answer::{OptionTexts, parse_reply};
use crate::run::job::Job;

/// Meaning of a response for the run.
#[derive(Debug)]
pub enum Outcome {
    Answered(Box<ResultRecord>),
    /// The backend cannot give log-probabilities, for the reason given.
    Unavailable(String),
}

/// Builds the record of an answered response.
pub fn read_response(job: &Job, response: Response, other_mass_max: Option<f64>) -> Outcome {
    let mut record = job.blank_record();
    record.prompt_tokens = response.prompt_tokens;
    record.completion_tokens = response.completion_tokens;
    match response.reply {
        Reply::LogprobsUnavailable { reason } => return Outcome::Unavailable(reason),
        Reply::Logprobs(probs) => read_probs(&mut record, &job.cell, &probs, other_mass_max),
        Reply::Text(text) => read_text(&mut record, &job.cell, text),
    }
    Outcome::Answered(Box::new(record))
}

/// Builds the record of a request that failed after its retries. It has no decision.
pub fn failed_record(job: &Job, error: &BackendError, attempts: u32) -> ResultRecord {
    let mut record = job.blank_record();
    record.attempts = attempts;
    record.unknown_reason = Some("the request failed".to_string());
    record.error = Some(match error.help() {
        Some(help) => format!("{error} (help: {help})"),
        None => error.to_string(),
    });
    record
}

/// Builds the UNKNOWN record of a log-probability request whose log-probabilities were
/// unavailable when the evaluation has no sampling fallback.
pub fn unavailable_record(job: &Job, reason: &str) -> ResultRecord {
    let mut record = job.blank_record();
    record.unknown_reason = Some(format!(
        "log-probabilities unavailable ({reason}); add `fallback: samples N` to the \
         evaluation to sample instead"
    ));
    record
}

fn read_probs(record: &mut ResultRecord, cell: &Cell, probs: &LetterProbs, max: Option<f64>) {
    record.method = Elicitation::Logprobs;
    record.p_a = probs.p_a;
    record.p_b = probs.p_b;
    record.other_mass = probs.other_mass;
    record.raw = Some(serde_json::to_string(&probs.top).expect("top tokens serialize to JSON"));
    if probs.p_a.is_none() {
        record.missing_letters.push(Letter::A);
    }
    if probs.p_b.is_none() {
        record.missing_letters.push(Letter::B);
    }

    record.p_follow = p_follow(cell, probs);
    match argmax(probs) {
        Ok(letter) => {
            record.letter = Some(letter);
            record.decision = decision_for(cell, letter);
        }
        Err(reason) => record.unknown_reason = Some(reason),
    }
    // NOTE: with a letter missing the other mass is unknown, so the threshold is not applied.
    if let (Some(max), Some(other)) = (max, probs.other_mass)
        && other > max
    {
        record.decision = Decision::Unknown;
        record.unknown_reason = Some(format!(
            "{other:.3} of the probability lies outside the option letters, above \
             other_mass_max {max}"
        ));
    }
}

/// P(Follow Culture) renormalised over the two letters, when both are known.
fn p_follow(cell: &Cell, probs: &LetterProbs) -> Option<f64> {
    let (p_a, p_b) = (probs.p_a?, probs.p_b?);
    let total = p_a + p_b;
    if total <= 0.0 {
        return None;
    }
    if cell.option_a == Decision::FollowCulture {
        Some(p_a / total)
    } else if cell.option_b == Decision::FollowCulture {
        Some(p_b / total)
    } else {
        None
    }
}

/// Picks the more probable letter. A letter missing from the top list is less probable than
/// every listed token, so the listed letter wins.
fn argmax(probs: &LetterProbs) -> Result<Letter, String> {
    match (probs.p_a, probs.p_b) {
        (Some(a), Some(b)) if a > b => Ok(Letter::A),
        (Some(a), Some(b)) if b > a => Ok(Letter::B),
        (Some(_), Some(_)) => Err("both letters are equally probable".to_string()),
        (Some(_), None) => Ok(Letter::A),
        (None, Some(_)) => Ok(Letter::B),
        (None, None) => Err(format!(
            "neither A nor B is among the {} returned top tokens",
            probs.top.len()
        )),
    }
}

fn read_text(record: &mut ResultRecord, cell: &Cell, text: String) {
    record.method = Elicitation::Samples;
    let prompt = cell
        .messages
        .iter()
        .rev()
        .find(|m| m.role == MessageRole::User)
        .map(|m| m.content.as_str())
        .unwrap_or_default();
    match parse_reply(&text, &OptionTexts::from_prompt(prompt)) {
        Ok(letter) => {
            record.letter = Some(letter);
            record.decision = decision_for(cell, letter);
        }
        Err(reason) => record.unknown_reason = Some(reason),
    }
    record.raw = Some(text);
}

fn decision_for(cell: &Cell, letter: Letter) -> Decision {
    match letter {
        Letter::A => cell.option_a,
        Letter::B => cell.option_b,
    }
}
