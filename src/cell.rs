//! Cells: one item rendered with one combination of the remaining factors.
//!
//! A cell is what `pactc expand` writes (one JSON line per cell in the matrix file), what
//! the executor sends to every model, and what each result points back to by `cell_id`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::model::{Holder, Visibility};

/// The decision a model made, after undoing the option order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Decision {
    FollowCulture,
    AllowPreference,
    Unknown,
}

/// Which option is shown first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Follow Culture is option A.
    FollowFirst,
    /// Allow Preference is option A.
    AllowFirst,
}

impl Order {
    pub const BOTH: [Order; 2] = [Order::FollowFirst, Order::AllowFirst];

    /// The level name, as written in specs, conditions and matrix files.
    pub fn as_str(self) -> &'static str {
        match self {
            Order::FollowFirst => "follow_first",
            Order::AllowFirst => "allow_first",
        }
    }

    /// The decision that the letter `A` or `B` stands for in this order.
    pub fn decision_for(self, letter: Letter) -> Decision {
        match (self, letter) {
            (Order::FollowFirst, Letter::A) | (Order::AllowFirst, Letter::B) => {
                Decision::FollowCulture
            }
            _ => Decision::AllowPreference,
        }
    }
}

/// An option letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Letter {
    A,
    B,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageRole {
    System,
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub role: MessageRole,
    pub content: String,
}

/// The level of every factor for one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Levels {
    pub scenario: String,
    pub scenario_type: String,
    pub country: String,
    pub region: String,
    pub holder: Holder,
    pub demographics: Visibility,
    /// Demographic name to level (`none` when hidden or not varied).
    pub actor: BTreeMap<String, String>,
    pub receiver: BTreeMap<String, String>,
    pub system: String,
    pub paraphrase: String,
    pub order: Order,
}

/// One row of the prompt matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub cell_id: String,
    pub item_id: String,
    pub evaluation: String,
    pub levels: Levels,
    /// System and user messages before any model-specific chat formatting.
    pub messages: Vec<Message>,
    /// What option A and option B stand for.
    pub option_a: Decision,
    pub option_b: Decision,
}
