//! The resolved spec: every reference checked and every default filled in.
//!
//! `resolve` produces it from the syntax tree; expansion, planning, running and reporting
//! read it. It holds names, not syntax: no pest pairs and no source text. Each definition
//! keeps the span where it was declared (`defined_at`) so later stages can point at it, but
//! spans are skipped by serde, so two specs that differ only in layout serialize alike.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::source::Span;

/// A checked spec, ready to expand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Spec {
    pub regions: IndexMap<String, Region>,
    pub countries: IndexMap<String, Country>,
    pub norms: IndexMap<String, Norm>,
    pub preferences: IndexMap<String, Preference>,
    pub demographics: IndexMap<String, Demographic>,
    pub scenarios: IndexMap<String, Scenario>,
    pub templates: IndexMap<String, Template>,
    pub constraints: IndexMap<String, Constraint>,
    pub backends: IndexMap<String, Backend>,
    pub models: IndexMap<String, Model>,
    pub evaluations: IndexMap<String, Evaluation>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Region {
    pub name: String,
    pub label: String,
    #[serde(skip)]
    pub defined_at: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, the country's name in the spec.
    pub code: String,
    pub name: String,
    pub region: String,
    pub close: Vec<String>,
    pub far: Vec<String>,
    #[serde(skip)]
    pub defined_at: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Norm {
    pub name: String,
    pub expectation: String,
    pub holds_in: Vec<String>,
    pub source: String,
    #[serde(skip)]
    pub defined_at: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Preference {
    pub name: String,
    /// Verb phrase for the person who acts ("keep their shoes on").
    pub text: String,
    pub reason: String,
    #[serde(skip)]
    pub defined_at: Span,
}

/// A demographic such as age or gender; it yields one factor for the actor and one for the
/// receiver.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Demographic {
    pub name: String,
    pub levels: Vec<Level>,
    #[serde(skip)]
    pub defined_at: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Level {
    pub name: String,
    /// Wording used in role phrases; the level name unless the spec gives one.
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// The scenario type (`type:` in the spec), such as `hospitality`.
    pub kind: String,
    pub setting: String,
    pub actor_role: String,
    pub receiver_role: String,
    pub norm: String,
    pub preference: String,
    pub follow: String,
    pub allow: String,
    /// Countries the scenario is set in: where its norm holds, narrowed by the scenario.
    pub countries: Vec<String>,
    pub holder_text: BTreeMap<Holder, String>,
    pub source: Option<String>,
    #[serde(skip)]
    pub defined_at: Span,
}

/// Who holds the personal preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    Actor,
    Receiver,
    Both,
}

impl Holder {
    pub const ALL: [Holder; 3] = [Holder::Actor, Holder::Receiver, Holder::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Holder::Actor => "actor",
            Holder::Receiver => "receiver",
            Holder::Both => "both",
        }
    }
}

/// Whether a cell's prompt states the actor's and receiver's demographics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Shown,
    Hidden,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Shown => "shown",
            Visibility::Hidden => "hidden",
        }
    }
}

/// Where a template's text comes from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum TemplateOrigin {
    /// Embedded in pactc under this name (`builtin:decide`).
    Builtin(String),
    /// A file, resolved relative to the spec file that declared it.
    File(PathBuf),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Template {
    pub name: String,
    pub origin: TemplateOrigin,
    /// The template source, loaded during resolution.
    pub text: String,
    #[serde(skip)]
    pub defined_at: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Constraint {
    pub name: String,
    /// Cells for which this condition is true are dropped.
    pub drop: Condition,
    #[serde(skip)]
    pub defined_at: Span,
}

/// A factor of the prompt matrix, as named in `vary`, `drop` and constraints.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Country,
    Region,
    Scenario,
    /// The scenario type, written `type`.
    ScenarioType,
    Holder,
    Demographics,
    System,
    Paraphrase,
    Order,
    /// `actor.age`, `receiver.gender`, ...
    Persona {
        role: Role,
        demographic: String,
    },
}

/// The two people of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Actor,
    Receiver,
}

/// A condition over factor levels, from a constraint or an evaluation's `drop`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    Equals { factor: Factor, level: String },
    NotEquals { factor: Factor, level: String },
    In { factor: Factor, levels: Vec<String> },
}

/// A value in an open key-value block (`backend`, `model`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    List(Vec<Value>),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Backend {
    pub name: String,
    /// `embedded`, `openai`, `anthropic`, `fixed`, `seeded`.
    pub kind: String,
    /// Every other key, checked by the backend when a run starts.
    pub settings: IndexMap<String, Value>,
    #[serde(skip)]
    pub defined_at: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Model {
    pub name: String,
    pub backend: String,
    /// The identifier the backend knows the model by (an API model name, or a registry name
    /// or `.gguf` path for the embedded backend).
    pub id: String,
    /// The instruct model this model is the base of.
    pub base_of: Option<String>,
    pub settings: IndexMap<String, Value>,
    #[serde(skip)]
    pub defined_at: Span,
}

/// How a decision is read from a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Read {
    /// Next-token log-probabilities of the two option letters.
    Logprobs,
    /// `n` sampled replies per cell, each parsed into a decision.
    Samples { n: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sampling {
    pub temperature: f64,
    pub top_p: Option<f64>,
    pub max_tokens: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subset {
    pub items: u64,
    pub seed: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evaluation {
    pub name: String,
    pub models: Vec<String>,
    /// Decision templates; their names are the paraphrase levels.
    pub prompts: Vec<String>,
    /// System templates; their names are the system levels.
    pub systems: Vec<String>,
    pub vary: Vec<Factor>,
    /// The evaluation's own `drop` condition; spec-wide constraints apply as well.
    pub drop: Option<Condition>,
    pub subset: Option<Subset>,
    pub read: Read,
    /// Sampling used when log-probabilities turn out to be unavailable.
    pub fallback: Option<Read>,
    pub sampling: Sampling,
    pub other_mass_max: Option<f64>,
    pub max_cells: Option<u64>,
    /// Human-study templates: the personal question and the norm question.
    pub questions: Vec<String>,
    #[serde(skip)]
    pub defined_at: Span,
}
