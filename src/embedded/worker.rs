//! The backend handle and its worker thread.
//!
//! Requests arrive from many tasks of the executor at once. The worker blocks for one,
//! takes every other pending request up to the batch size, scores the log-probability
//! requests together and samples the others one by one, then sends each reply back on its
//! own channel. The thread ends when the backend handle is dropped.

use async_trait::async_trait;
use std::sync::mpsc;
use tokio::sync::oneshot;

use crate::backend::{Backend, BackendError, Reply, Request, RequestMode, Response};

use super::engine::{Engine, SampleSettings};

struct Job {
    request: Request,
    reply: oneshot::Sender<Result<Response, BackendError>>,
}

pub struct EmbeddedBackend {
    jobs: mpsc::Sender<Job>,
    description: serde_json::Value,
}

impl EmbeddedBackend {
    /// Moves `engine` onto its own worker thread.
    pub fn start(engine: Engine) -> Self {
        let description = engine.describe();
        let (jobs, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("pactc-embedded".to_string())
            .spawn(move || serve(engine, &receiver))
            .expect("the operating system can start one more thread");
        Self { jobs, description }
    }
}

#[async_trait]
impl Backend for EmbeddedBackend {
    async fn complete(&self, request: Request) -> Result<Response, BackendError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || BackendError::Permanent {
            message: "the embedded model's worker thread has stopped".to_string(),
            help: Some("see the earlier error in the log; restart the run".to_string()),
        };
        self.jobs
            .send(Job { request, reply })
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    fn describe(&self) -> serde_json::Value {
        self.description.clone()
    }
}

fn serve(mut engine: Engine, receiver: &mpsc::Receiver<Job>) {
    while let Ok(first) = receiver.recv() {
        let mut batch = vec![first];
        while batch.len() < engine.options.batch {
            match receiver.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (scored, sampled): (Vec<Job>, Vec<Job>) = batch
            .into_iter()
            .partition(|job| job.request.mode == RequestMode::Logprobs);
        score_jobs(&mut engine, scored);
        for job in sampled {
            let outcome = sample_job(&mut engine, &job.request);
            // A dropped receiver means the executor gave up on this request.
            let _ = job.reply.send(outcome);
        }
    }
}

fn score_jobs(engine: &mut Engine, jobs: Vec<Job>) {
    let mut ready = Vec::with_capacity(jobs.len());
    let mut prompts = Vec::with_capacity(jobs.len());
    for job in jobs {
        match engine.prompt_tokens(&job.request.messages) {
            Ok(tokens) => {
                prompts.push(tokens);
                ready.push(job);
            }
            Err(error) => {
                let _ = job.reply.send(Err(error.into()));
            }
        }
    }
    if ready.is_empty() {
        return;
    }
    match engine.score(&prompts) {
        Ok(scores) => {
            for ((job, probs), prompt) in ready.into_iter().zip(scores).zip(&prompts) {
                let response = Response {
                    reply: Reply::Logprobs(probs),
                    prompt_tokens: Some(prompt.len() as u64),
                    completion_tokens: Some(0),
                };
                let _ = job.reply.send(Ok(response));
            }
        }
        Err(error) => {
            tracing::error!(%error, prompts = prompts.len(), "embedded scoring failed");
            let error = BackendError::from(error);
            for job in ready {
                let _ = job.reply.send(Err(error.clone()));
            }
        }
    }
}

fn sample_job(engine: &mut Engine, request: &Request) -> Result<Response, BackendError> {
    let prompt = engine.prompt_tokens(&request.messages)?;
    let settings = SampleSettings {
        temperature: request.temperature,
        top_p: request.top_p,
        max_tokens: request.max_tokens as usize,
        seed: request.seed,
    };
    let sampled = engine.sample(&prompt, &settings)?;
    Ok(Response {
        reply: Reply::Text(sampled.text),
        prompt_tokens: Some(sampled.prompt_tokens as u64),
        completion_tokens: Some(sampled.completion_tokens as u64),
    })
}
