//! The content-addressed result cache, an SQLite file.
//!
//! A key is the SHA-256 of the canonical JSON of everything that can change a reply: the
//! backend's identity (kind and reply-changing settings), the model id, every sampling
//! parameter, the sample index and the exact messages. Cell ids, model names and
//! evaluation names are not part of it, so the same request made by another spec or run
//! is a hit. Only answered results are stored (a decision or a recorded UNKNOWN), never a
//! failed request. A second table remembers requests whose log-probabilities were
//! unavailable, so a resumed run goes straight to the sampling fallback.
//!
//! By default one cache is shared by every run under the runs folder (`runs/cache.sqlite`);
//! `--cache PATH` picks another file.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use crate::cell::Message;
use crate::record::ResultRecord;

/// Computes the cache key of one request.
pub fn cache_key(
    identity: &serde_json::Value,
    model_id: &str,
    params: &serde_json::Value,
    sample: u32,
    messages: &[Message],
) -> String {
    let content = serde_json::json!({
        "backend": identity,
        "model_id": model_id,
        "params": params,
        "sample": sample,
        "messages": messages,
    });
    let mut hasher = Sha256::new();
    hasher.update(canonical_json(&content).as_bytes());
    hex::encode(hasher.finalize())
}

/// JSON with object keys sorted at every level, so equal content hashes alike whatever
/// order its maps were built in.
pub fn canonical_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> = keys
                .into_iter()
                .map(|key| {
                    let name = serde_json::Value::String(key.clone()).to_string();
                    format!("{name}:{}", canonical_json(&map[key]))
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

/// Failure to read or write the cache.
#[derive(Debug, thiserror::Error)]
#[error("result cache {path}: {message}")]
pub struct CacheError {
    pub path: PathBuf,
    pub message: String,
}

pub struct Cache {
    connection: Connection,
    path: PathBuf,
}

impl Cache {
    /// Opens the cache file, creating it and its tables when missing.
    pub fn open(path: &Path) -> Result<Cache, CacheError> {
        let fail = |error: rusqlite::Error| CacheError {
            path: path.to_path_buf(),
            message: format!(
                "{error}; delete the file to start an empty cache, or point --cache elsewhere"
            ),
        };
        let connection = Connection::open(path).map_err(fail)?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA busy_timeout = 5000;
                 CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, record TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS unavailable (key TEXT PRIMARY KEY, reason TEXT NOT NULL);",
            )
            .map_err(fail)?;
        Ok(Cache {
            connection,
            path: path.to_path_buf(),
        })
    }

    fn error(&self, error: impl std::fmt::Display) -> CacheError {
        CacheError {
            path: self.path.clone(),
            message: error.to_string(),
        }
    }

    /// Looks up the stored result of a key.
    pub fn get(&self, key: &str) -> Result<Option<ResultRecord>, CacheError> {
        let text: Option<String> = self
            .connection
            .prepare_cached("SELECT record FROM results WHERE key = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row(params![key], |row| row.get(0))
                    .optional()
            })
            .map_err(|e| self.error(e))?;
        match text {
            None => Ok(None),
            // A row that no longer parses (written by another version) is a miss.
            Some(text) => Ok(serde_json::from_str(&text).ok()),
        }
    }

    /// Stores an answered result under its key.
    pub fn put(&self, record: &ResultRecord) -> Result<(), CacheError> {
        debug_assert!(record.error.is_none(), "failed requests are never cached");
        let text = serde_json::to_string(record).map_err(|e| self.error(e))?;
        self.connection
            .prepare_cached("INSERT OR REPLACE INTO results (key, record) VALUES (?1, ?2)")
            .and_then(|mut statement| statement.execute(params![record.key, text]))
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Stores the records the cache lacks, in one transaction: results a killed run
    /// journaled before it could cache them.
    pub fn put_missing(&self, records: &[&ResultRecord]) -> Result<(), CacheError> {
        let transaction = self
            .connection
            .unchecked_transaction()
            .map_err(|e| self.error(e))?;
        {
            let mut statement = transaction
                .prepare_cached("INSERT OR IGNORE INTO results (key, record) VALUES (?1, ?2)")
                .map_err(|e| self.error(e))?;
            for record in records.iter().filter(|r| r.error.is_none()) {
                let text = serde_json::to_string(record).map_err(|e| self.error(e))?;
                statement
                    .execute(params![record.key, text])
                    .map_err(|e| self.error(e))?;
            }
        }
        transaction.commit().map_err(|e| self.error(e))
    }

    /// Looks up why log-probabilities were unavailable for a key.
    pub fn unavailable(&self, key: &str) -> Result<Option<String>, CacheError> {
        self.connection
            .prepare_cached("SELECT reason FROM unavailable WHERE key = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row(params![key], |row| row.get(0))
                    .optional()
            })
            .map_err(|e| self.error(e))
    }

    pub fn put_unavailable(&self, key: &str, reason: &str) -> Result<(), CacheError> {
        self.connection
            .prepare_cached("INSERT OR REPLACE INTO unavailable (key, reason) VALUES (?1, ?2)")
            .and_then(|mut statement| statement.execute(params![key, reason]))
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::MessageRole;
    use serde_json::json;

    fn messages(text: &str) -> Vec<Message> {
        vec![Message {
            role: MessageRole::User,
            content: text.to_string(),
        }]
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let left = json!({"b": 1, "a": {"y": [1, {"d": 2, "c": 3}], "x": null}});
        assert_eq!(
            canonical_json(&left),
            r#"{"a":{"x":null,"y":[1,{"c":3,"d":2}]},"b":1}"#
        );
    }

    #[test]
    fn key_changes_with_every_input() {
        let identity = json!({"kind": "openai", "base_url": "http://127.0.0.1:1/v1"});
        let params = json!({"temperature": 0.7, "max_tokens": 16});
        let base = cache_key(&identity, "m", &params, 0, &messages("q"));
        let changed = [
            cache_key(&json!({"kind": "openai"}), "m", &params, 0, &messages("q")),
            cache_key(&identity, "m2", &params, 0, &messages("q")),
            cache_key(
                &identity,
                "m",
                &json!({"temperature": 0.8, "max_tokens": 16}),
                0,
                &messages("q"),
            ),
            cache_key(&identity, "m", &params, 1, &messages("q")),
            cache_key(&identity, "m", &params, 0, &messages("q ")),
        ];
        for (index, key) in changed.iter().enumerate() {
            assert_ne!(&base, key, "change {index} kept the key");
        }
        assert_eq!(base, cache_key(&identity, "m", &params, 0, &messages("q")));
    }
}
