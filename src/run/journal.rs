//! `results.jsonl`: one result per line, appended and flushed as each arrives.
//!
//! Opening a journal recovers it after a crash. A last line cut short by a kill is removed.
//! Records of failed requests are dropped, so the run retries them instead of adding a
//! second record for the same key. After opening, the file holds at
//! most one record per key.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::record::ResultRecord;
use crate::run::job::journal_id;

/// Failure to read or write the journal.
#[derive(Debug, thiserror::Error)]
#[error("journal {path}: {message}")]
pub struct JournalError {
    pub path: PathBuf,
    pub message: String,
}

pub struct Journal {
    writer: BufWriter<File>,
    path: PathBuf,
}

/// Contents of an existing journal when it was opened.
#[derive(Debug, Default)]
pub struct Recovered {
    /// Journal ids (cell id and key) of answered results already in the file.
    pub done: HashSet<String>,
    /// Answered records, for copying into the cache when it lacks them.
    pub records: Vec<ResultRecord>,
    /// Records of failed requests that were dropped to be retried.
    pub dropped_failures: usize,
    /// Whether a partial last line was removed.
    pub truncated_tail: bool,
}

impl Journal {
    /// Opens or creates the journal, recovering what an earlier run left.
    pub fn open(path: &Path) -> Result<(Journal, Recovered), JournalError> {
        let fail = |message: String| JournalError {
            path: path.to_path_buf(),
            message,
        };
        let recovered = recover(path)?;
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| fail(format!("cannot open for appending: {e}")))?;
        let journal = Journal {
            writer: BufWriter::new(file),
            path: path.to_path_buf(),
        };
        Ok((journal, recovered))
    }

    /// Appends one record and flushes it to the operating system.
    pub fn append(&mut self, record: &ResultRecord) -> Result<(), JournalError> {
        let mut line = serde_json::to_string(record).map_err(|e| self.error(e))?;
        line.push('\n');
        self.writer
            .write_all(line.as_bytes())
            .and_then(|()| self.writer.flush())
            .map_err(|e| self.error(e))
    }

    fn error(&self, error: impl std::fmt::Display) -> JournalError {
        JournalError {
            path: self.path.clone(),
            message: format!("cannot append: {error}"),
        }
    }
}

/// Reads an existing journal and rewrites it when a partial line, a failed request or a
/// repeated key has to go.
fn recover(path: &Path) -> Result<Recovered, JournalError> {
    let fail = |message: String| JournalError {
        path: path.to_path_buf(),
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Recovered::default());
        }
        Err(error) => return Err(fail(format!("cannot read: {error}"))),
    };

    let complete = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(last_newline) => &bytes[..=last_newline],
        None => &bytes[..0],
    };
    let mut recovered = Recovered {
        truncated_tail: complete.len() < bytes.len(),
        ..Recovered::default()
    };
    let mut kept = Vec::with_capacity(complete.len());
    let mut rewrite = recovered.truncated_tail;

    for (index, line) in complete.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record: ResultRecord = serde_json::from_slice(line).map_err(|error| {
            fail(format!(
                "line {} is not a valid result ({error}); remove that line, or start a new \
                 run with --restart or another --name",
                index + 1
            ))
        })?;
        if record.error.is_some() {
            recovered.dropped_failures += 1;
            rewrite = true;
            continue;
        }
        if !recovered
            .done
            .insert(journal_id(&record.cell_id, &record.key))
        {
            rewrite = true;
            continue;
        }
        kept.extend_from_slice(line);
        kept.push(b'\n');
        recovered.records.push(record);
    }

    if rewrite {
        replace_file(path, &kept).map_err(|e| fail(format!("cannot rewrite: {e}")))?;
    }
    Ok(recovered)
}

/// Replaces a file's content atomically: a kill leaves either the old or the new file.
fn replace_file(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension("jsonl.tmp");
    {
        let mut file = File::create(&temporary)?;
        file.write_all(content)?;
        file.sync_all()?;
    }
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cell::{Decision, Levels, Order};
    use crate::model::{Holder, Visibility};
    use crate::record::Elicitation;

    pub(crate) fn record(key: &str, error: Option<&str>) -> ResultRecord {
        ResultRecord {
            cell_id: format!("cell-{key}"),
            item_id: "item".to_string(),
            evaluation: "quick".to_string(),
            levels: Levels {
                scenario: "s".to_string(),
                scenario_type: "t".to_string(),
                country: "JP".to_string(),
                region: "east_asia".to_string(),
                holder: Holder::Actor,
                demographics: Visibility::Hidden,
                actor: Default::default(),
                receiver: Default::default(),
                system: "neutral".to_string(),
                paraphrase: "decide".to_string(),
                order: Order::FollowFirst,
            },
            model: "m".to_string(),
            model_id: "m".to_string(),
            backend: "b".to_string(),
            params: serde_json::json!({}),
            key: key.to_string(),
            sample: 0,
            method: Elicitation::Samples,
            raw: Some("A".to_string()),
            letter: None,
            decision: Decision::Unknown,
            unknown_reason: None,
            p_follow: None,
            other_mass: None,
            p_a: None,
            p_b: None,
            missing_letters: Vec::new(),
            prompt_tokens: None,
            completion_tokens: None,
            latency_ms: None,
            attempts: 1,
            error: error.map(str::to_string),
        }
    }

    #[test]
    fn partial_line_and_failures_are_removed() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("results.jsonl");
        {
            let (mut journal, _) = Journal::open(&path).expect("new journal");
            journal.append(&record("k1", None)).expect("append");
            journal
                .append(&record("k2", Some("500 after 5 attempts")))
                .expect("append");
            journal.append(&record("k3", None)).expect("append");
        }
        let mut bytes = std::fs::read(&path).expect("read");
        bytes.extend_from_slice(br#"{"cell_id":"cut"#);
        std::fs::write(&path, &bytes).expect("write");

        let (_, recovered) = Journal::open(&path).expect("reopen");
        assert!(recovered.truncated_tail);
        assert_eq!(recovered.dropped_failures, 1);
        let mut done: Vec<_> = recovered.done.iter().cloned().collect();
        done.sort();
        assert_eq!(done, ["cell-k1/k1", "cell-k3/k3"]);
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn repeated_keys_are_kept_once() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("results.jsonl");
        {
            let (mut journal, _) = Journal::open(&path).expect("new journal");
            journal.append(&record("k1", None)).expect("append");
            journal.append(&record("k1", None)).expect("append");
        }
        let (_, recovered) = Journal::open(&path).expect("reopen");
        assert_eq!(recovered.records.len(), 1);
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 1);
    }

    #[test]
    fn corrupt_middle_line_names_the_line() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("results.jsonl");
        std::fs::write(&path, "not json\n").expect("write");
        let error = Journal::open(&path)
            .err()
            .expect("corrupt journal is rejected");
        assert!(error.message.contains("line 1"), "{error}");
    }
}
