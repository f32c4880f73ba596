//! Stable ids for items and cells. The scheme is documented in `docs/ids.md`.
//!
//! Every hashed field is written as its length (u32, little-endian) followed by its bytes,
//! so no two different field lists encode alike.

use sha2::{Digest, Sha256};

use crate::cell::{Levels, Message, MessageRole};

/// Hex digits kept from the SHA-256 digest: 64 bits, so a million cells collide with a
/// probability of about 3 in 100 million.
const ID_HEX_LEN: usize = 16;

/// Domain prefixes, so an item id can never equal a cell id.
const ITEM_DOMAIN: &str = "pact-item-v1";
const CELL_DOMAIN: &str = "pact-cell-v1";

/// The id of an item, from the names of its scenario, country and preference holder.
pub fn item_id(scenario: &str, country: &str, holder: &str) -> String {
    let mut hasher = Sha256::new();
    field(&mut hasher, ITEM_DOMAIN);
    field(&mut hasher, scenario);
    field(&mut hasher, country);
    field(&mut hasher, holder);
    short_hex(hasher)
}

/// The id of a cell, from its factor levels and its messages.
///
/// The region and the scenario type are left out because the country and the scenario
/// determine them; the evaluation is left out so that the same cell in two evaluations
/// has the same id.
pub fn cell_id(levels: &Levels, messages: &[Message]) -> String {
    let mut hasher = Sha256::new();
    field(&mut hasher, CELL_DOMAIN);
    field(&mut hasher, &levels.scenario);
    field(&mut hasher, &levels.country);
    field(&mut hasher, levels.holder.as_str());
    field(&mut hasher, levels.demographics.as_str());
    for persona in [&levels.actor, &levels.receiver] {
        count(&mut hasher, persona.len());
        for (demographic, level) in persona {
            field(&mut hasher, demographic);
            field(&mut hasher, level);
        }
    }
    field(&mut hasher, &levels.system);
    field(&mut hasher, &levels.paraphrase);
    field(&mut hasher, levels.order.as_str());
    count(&mut hasher, messages.len());
    for message in messages {
        field(&mut hasher, role_name(message.role));
        field(&mut hasher, &message.content);
    }
    short_hex(hasher)
}

/// A rank for the seeded subset of items: the items with the lowest ranks are kept.
pub fn subset_rank(seed: u64, item_id: &str) -> u64 {
    let mut hasher = Sha256::new();
    field(&mut hasher, "pact-subset-v1");
    hasher.update(seed.to_le_bytes());
    field(&mut hasher, item_id);
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

fn role_name(role: MessageRole) -> &'static str {
    match role {
        MessageRole::System => "system",
        MessageRole::User => "user",
        MessageRole::Assistant => "assistant",
    }
}

fn field(hasher: &mut Sha256, text: &str) {
    count(hasher, text.len());
    hasher.update(text.as_bytes());
}

fn count(hasher: &mut Sha256, n: usize) {
    let n = u32::try_from(n).expect("hashed fields are shorter than 4 GiB");
    hasher.update(n.to_le_bytes());
}

fn short_hex(hasher: Sha256) -> String {
    let digest = hasher.finalize();
    let mut text = hex::encode(digest);
    text.truncate(ID_HEX_LEN);
    text
}
