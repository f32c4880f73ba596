//! Jobs: one request for one cell, model and sample, with its cache key.

use std::sync::Arc;

use crate::backend::{Request, RequestMode};
use crate::cell::{Cell, Decision};
use crate::model::{Read, Sampling};
use crate::record::{Elicitation, ResultRecord};
use crate::run::backends::Target;
use crate::run::cache::cache_key;

#[derive(Debug, Clone)]
pub struct Job {
    pub cell: Arc<Cell>,
    pub target: Arc<Target>,
    pub request: Request,
    /// The parameters as recorded in results and hashed into the key.
    pub params: serde_json::Value,
    pub key: String,
}

impl Job {
    pub fn new(
        cell: Arc<Cell>,
        target: Arc<Target>,
        sampling: &Sampling,
        mode: RequestMode,
        sample: u32,
    ) -> Job {
        let request = request(&cell, sampling, mode, sample);
        let params = params(&request);
        let key = cache_key(
            &target.identity,
            &target.model_id,
            &params,
            sample,
            &cell.messages,
        );
        Job {
            cell,
            target,
            request,
            params,
            key,
        }
    }

    /// The jobs a cell needs for one model under the evaluation's read method.
    pub fn for_cell(
        cell: &Arc<Cell>,
        target: &Arc<Target>,
        read: &Read,
        sampling: &Sampling,
    ) -> Vec<Job> {
        match read {
            Read::Logprobs => vec![Job::new(
                cell.clone(),
                target.clone(),
                sampling,
                RequestMode::Logprobs,
                0,
            )],
            Read::Samples { n } => Job::samples(cell, target, sampling, *n),
        }
    }

    /// `n` sampling jobs for a cell.
    pub fn samples(
        cell: &Arc<Cell>,
        target: &Arc<Target>,
        sampling: &Sampling,
        n: u32,
    ) -> Vec<Job> {
        (0..n)
            .map(|sample| {
                Job::new(
                    cell.clone(),
                    target.clone(),
                    sampling,
                    RequestMode::Sample,
                    sample,
                )
            })
            .collect()
    }

    /// Returns the id of this job's record in the journal. Results are keyed by cell and
    /// request, because two cells may send identical messages.
    pub fn journal_id(&self) -> String {
        journal_id(&self.cell.cell_id, &self.key)
    }

    /// Builds a record of this job with no reply yet: decision UNKNOWN, no probabilities.
    pub fn blank_record(&self) -> ResultRecord {
        ResultRecord {
            cell_id: self.cell.cell_id.clone(),
            item_id: self.cell.item_id.clone(),
            evaluation: self.cell.evaluation.clone(),
            levels: self.cell.levels.clone(),
            model: self.target.model.clone(),
            model_id: self.target.model_id.clone(),
            backend: self.target.backend.clone(),
            params: self.params.clone(),
            key: self.key.clone(),
            sample: self.request.sample,
            method: match self.request.mode {
                RequestMode::Logprobs => Elicitation::Logprobs,
                RequestMode::Sample => Elicitation::Samples,
            },
            raw: None,
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
            attempts: 0,
            error: None,
        }
    }

    /// Relabels a cached record of the same request with this job's cell and model.
    pub fn adopt(&self, cached: ResultRecord) -> ResultRecord {
        let blank = self.blank_record();
        ResultRecord {
            cell_id: blank.cell_id,
            item_id: blank.item_id,
            evaluation: blank.evaluation,
            levels: blank.levels,
            model: blank.model,
            backend: blank.backend,
            ..cached
        }
    }

    /// Characters of the prompt, for the token estimate of the rate limiter.
    pub fn prompt_chars(&self) -> usize {
        self.cell.messages.iter().map(|m| m.content.len()).sum()
    }
}

pub fn journal_id(cell_id: &str, key: &str) -> String {
    format!("{cell_id}/{key}")
}

fn request(cell: &Cell, sampling: &Sampling, mode: RequestMode, sample: u32) -> Request {
    Request {
        messages: cell.messages.clone(),
        mode,
        sample,
        temperature: sampling.temperature,
        top_p: sampling.top_p,
        max_tokens: match mode {
            RequestMode::Logprobs => 1,
            RequestMode::Sample => sampling.max_tokens,
        },
        seed: sample_seed(sampling.seed, sample),
    }
}

/// Derives the seed of one sample from the evaluation seed and the sample index, so
/// samples differ from each other but repeat across runs.
pub fn sample_seed(seed: u64, sample: u32) -> u64 {
    let mixed = seed ^ u64::from(sample).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // Servers read the seed as a signed 64-bit integer, so keep it non-negative.
    mixed >> 1
}

fn params(request: &Request) -> serde_json::Value {
    serde_json::json!({
        "mode": match request.mode {
            RequestMode::Logprobs => "logprobs",
            RequestMode::Sample => "sample",
        },
        "temperature": request.temperature,
        "top_p": request.top_p,
        "max_tokens": request.max_tokens,
        "seed": request.seed,
    })
}
