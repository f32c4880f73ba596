//! The scheduling loop: jobs in, records out, with retries, limits, a budget and Ctrl-C.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rand::Rng;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::backend::{BackendError, RequestMode, Response};
use crate::cell::{Cell, Decision};
use crate::model::{Evaluation, Read, Spec};
use crate::record::{Elicitation, ResultRecord};
use crate::run::backends::Target;
use crate::run::cache::Cache;
use crate::run::job::Job;
use crate::run::journal::Journal;
use crate::run::limiter::{Limiter, estimate_tokens};
use crate::run::outcome::{self, Outcome};
use crate::run::rundir::{self, Manifest, Session};
use crate::run::{RunError, RunOptions, Summary};

/// Runs the cells of one evaluation against the given models and journals every result
/// in `options.run_dir`. Setting `stop` to true works like Ctrl-C: no new requests are
/// sent, requests in flight get `options.shutdown_grace` to finish, and the summary is
/// marked interrupted.
pub async fn execute(
    spec: &Spec,
    evaluation: &str,
    cells: impl IntoIterator<Item = Cell>,
    targets: Vec<Target>,
    options: RunOptions,
    stop: Option<watch::Receiver<bool>>,
) -> Result<Summary, RunError> {
    let evaluation = find_evaluation(spec, evaluation)?;
    check_options(&options)?;
    let targets: Vec<Arc<Target>> = targets.into_iter().map(Arc::new).collect();
    let mut run = Run::open(spec, evaluation, targets, &options)?;
    tracing::info!(
        evaluation = %evaluation.name,
        run_dir = %options.run_dir.display(),
        resumed = run.done.len(),
        "run started"
    );

    let outcome = run.drive(cells, stop).await;
    run.progress.finish_and_clear();
    let status = match &outcome {
        Ok(()) if run.summary.interrupted => "interrupted",
        Ok(()) if run.summary.failed > 0 => "failed",
        Ok(()) => "finished",
        Err(_) => "failed",
    };
    run.finish_manifest(status)?;
    outcome?;
    tracing::info!(
        results = run.summary.results,
        failed = run.summary.failed,
        "run ended"
    );
    Ok(run.summary)
}

fn find_evaluation<'a>(spec: &'a Spec, name: &str) -> Result<&'a Evaluation, RunError> {
    spec.evaluations.get(name).ok_or_else(|| {
        let known: Vec<&str> = spec.evaluations.keys().map(String::as_str).collect();
        RunError::Usage {
            message: format!("the spec has no evaluation `{name}`"),
            help: if known.is_empty() {
                "declare one with `evaluation NAME { ... }`".to_string()
            } else {
                format!("pick one of: {}", known.join(", "))
            },
        }
    })
}

fn check_options(options: &RunOptions) -> Result<(), RunError> {
    let usage = |message: &str, help: &str| RunError::Usage {
        message: message.to_string(),
        help: help.to_string(),
    };
    if options.concurrency == 0 {
        return Err(usage(
            "--concurrency is 0",
            "allow at least 1 request in flight",
        ));
    }
    if options.max_attempts == 0 {
        return Err(usage(
            "--max-attempts is 0",
            "allow at least 1 attempt per request",
        ));
    }
    if options.requests_per_minute == Some(0) || options.tokens_per_minute == Some(0) {
        return Err(usage(
            "a per-minute limit is 0",
            "leave the limit out, or set it to at least 1",
        ));
    }
    Ok(())
}

/// Result of one spawned request.
struct Attempted {
    job: Job,
    result: Result<Response, BackendError>,
    attempts: u32,
    latency: Duration,
}

/// Longest wait taken from a server's `Retry-After`, in seconds.
const MAX_RETRY_AFTER_SECONDS: f64 = 300.0;

#[derive(Debug, Clone, Copy)]
struct RetryPolicy {
    max_attempts: u32,
    initial: Duration,
    ceiling: Duration,
}

impl RetryPolicy {
    /// Full jitter: a uniform wait up to `initial * 2^(retry - 1)`, capped at the
    /// ceiling. A server's `Retry-After` replaces it.
    fn delay(&self, retry: u32, retry_after: Option<f64>) -> Duration {
        if let Some(seconds) = retry_after.filter(|seconds| seconds.is_finite()) {
            // A server asking for hours would stall the run with no sign of life, so its
            // wait is capped; the request is then retried and, if refused again, recorded as
            // failed for a later rerun.
            return Duration::from_secs_f64(seconds.clamp(0.0, MAX_RETRY_AFTER_SECONDS));
        }
        let factor = 2u32.saturating_pow(retry.saturating_sub(1).min(30));
        let ceiling = self.initial.saturating_mul(factor).min(self.ceiling);
        ceiling.mul_f64(rand::thread_rng().r#gen::<f64>())
    }
}

async fn attempt(job: Job, limiter: Arc<Limiter>, policy: RetryPolicy) -> Attempted {
    let tokens = estimate_tokens(job.prompt_chars(), job.request.max_tokens);
    let mut attempts = 0;
    loop {
        attempts += 1;
        limiter.acquire(tokens).await;
        let start = Instant::now();
        let result = job.target.client.complete(job.request.clone()).await;
        let latency = start.elapsed();
        let (message, retry_after) = match &result {
            Err(BackendError::Transient {
                message,
                retry_after,
            }) if attempts < policy.max_attempts => (message, *retry_after),
            _ => {
                return Attempted {
                    job,
                    result,
                    attempts,
                    latency,
                };
            }
        };
        let delay = policy.delay(attempts, retry_after);
        tracing::warn!(
            cell_id = %job.cell.cell_id,
            model = %job.target.model,
            sample = job.request.sample,
            attempt = attempts,
            delay_ms = delay.as_millis() as u64,
            error = %message,
            "retrying request"
        );
        tokio::time::sleep(delay).await;
    }
}

struct Run<'a> {
    evaluation: &'a Evaluation,
    targets: Vec<Arc<Target>>,
    options: &'a RunOptions,
    cache: Option<Cache>,
    journal: Option<Journal>,
    /// Journal ids of results already recorded.
    done: HashSet<String>,
    /// Jobs waiting to be sent: the rest of the current cell, and sampling fallbacks.
    pending: VecDeque<Job>,
    summary: Summary,
    /// Permanent errors already logged, so each is reported once.
    reported: HashSet<String>,
    /// Models that rejected a request in a way every request would be, with the error.
    rejected: HashMap<String, BackendError>,
    progress: ProgressBar,
    manifest: Option<Manifest>,
}

impl<'a> Run<'a> {
    fn open(
        spec: &Spec,
        evaluation: &'a Evaluation,
        targets: Vec<Arc<Target>>,
        options: &'a RunOptions,
    ) -> Result<Run<'a>, RunError> {
        let mut run = Run {
            evaluation,
            targets,
            options,
            cache: None,
            journal: None,
            done: HashSet::new(),
            pending: VecDeque::new(),
            summary: Summary::default(),
            reported: HashSet::new(),
            rejected: HashMap::new(),
            progress: progress_bar(options, evaluation),
            manifest: None,
        };
        if options.dry_run {
            if options.cache_path.exists() {
                run.cache = Some(Cache::open(&options.cache_path)?);
            }
            return Ok(run);
        }

        rundir::prepare(
            &options.run_dir,
            spec,
            options.plan.as_ref(),
            options.restart,
        )?;
        let (journal, recovered) = Journal::open(&options.run_dir.join(rundir::RESULTS))?;
        if recovered.truncated_tail || recovered.dropped_failures > 0 {
            tracing::info!(
                dropped_failures = recovered.dropped_failures,
                truncated_tail = recovered.truncated_tail,
                "journal recovered; failed requests will be retried"
            );
        }
        let cache = open_cache(&options.cache_path)?;
        let answered: Vec<&ResultRecord> = recovered
            .records
            .iter()
            .filter(|r| !is_unavailable(r))
            .collect();
        cache.put_missing(&answered)?;

        run.done = recovered.done;
        run.journal = Some(journal);
        run.cache = Some(cache);
        run.start_manifest(spec)?;
        Ok(run)
    }

    async fn drive(
        &mut self,
        cells: impl IntoIterator<Item = Cell>,
        mut stop: Option<watch::Receiver<bool>>,
    ) -> Result<(), RunError> {
        let shard = self.options.shard;
        let mut cells = cells
            .into_iter()
            .filter(move |cell| shard.is_none_or(|s| s.contains(&cell.cell_id)));
        let limiter = Arc::new(Limiter::new(
            self.options.requests_per_minute,
            self.options.tokens_per_minute,
        ));
        let policy = RetryPolicy {
            max_attempts: self.options.max_attempts,
            initial: self.options.initial_backoff,
            ceiling: self.options.max_backoff,
        };
        let mut in_flight: JoinSet<Attempted> = JoinSet::new();
        let mut exhausted = false;
        let mut deadline: Option<Instant> = None;

        loop {
            while deadline.is_none() && in_flight.len() < self.options.concurrency {
                let Some(job) = self.next_job(&mut cells, &mut exhausted) else {
                    break;
                };
                let Some(job) = self.settle_locally(job)? else {
                    continue;
                };
                if let Some(error) = self.rejected.get(&job.target.model).cloned() {
                    self.record_failure(&job, &error, 0)?;
                    continue;
                }
                if self
                    .options
                    .max_requests
                    .is_some_and(|max| self.summary.sent >= max)
                {
                    self.summary.over_budget += 1;
                    continue;
                }
                self.summary.sent += 1;
                if self.options.dry_run {
                    print_dry_run(&job, "send");
                    continue;
                }
                in_flight.spawn(attempt(job, limiter.clone(), policy));
            }
            if in_flight.is_empty() {
                break;
            }

            tokio::select! {
                joined = in_flight.join_next() => {
                    let attempted = joined
                        .expect("the set is not empty")
                        .expect("request tasks do not panic");
                    self.settle_reply(attempted)?;
                }
                () = stop_requested(&mut stop), if deadline.is_none() => {
                    tracing::warn!(in_flight = in_flight.len(), "stopping: waiting for requests in flight");
                    self.summary.interrupted = true;
                    deadline = Some(Instant::now() + self.options.shutdown_grace);
                }
                () = sleep_until(deadline) => {
                    tracing::warn!(abandoned = in_flight.len(), "gave up on requests still in flight");
                    in_flight.abort_all();
                    break;
                }
            }
        }
        Ok(())
    }

    /// Takes the next job: the rest of the current cell first, then the next cell's jobs.
    fn next_job(
        &mut self,
        cells: &mut impl Iterator<Item = Cell>,
        exhausted: &mut bool,
    ) -> Option<Job> {
        loop {
            if let Some(job) = self.pending.pop_front() {
                return Some(job);
            }
            if *exhausted {
                return None;
            }
            match cells.next() {
                Some(cell) => self.queue_cell(cell),
                None => *exhausted = true,
            }
        }
    }

    fn queue_cell(&mut self, cell: Cell) {
        let cell = Arc::new(cell);
        for target in &self.targets {
            let jobs = Job::for_cell(
                &cell,
                target,
                &self.evaluation.read,
                &self.evaluation.sampling,
            );
            self.pending.extend(jobs);
        }
    }

    /// Settles a job from the journal or the cache; returns it when it must be sent.
    fn settle_locally(&mut self, job: Job) -> Result<Option<Job>, RunError> {
        if self.done.contains(&job.journal_id()) {
            self.summary.already_done += 1;
            self.count_result();
            return Ok(None);
        }
        let Some(cache) = &self.cache else {
            return Ok(Some(job));
        };
        if let Some(cached) = cache.get(&job.key)? {
            self.summary.cache_hits += 1;
            if self.options.dry_run {
                print_dry_run(&job, "cached");
            } else {
                self.record(&job.adopt(cached))?;
            }
            self.count_result();
            return Ok(None);
        }
        if job.request.mode == RequestMode::Logprobs
            && let Some(reason) = cache.unavailable(&job.key)?
        {
            self.summary.cache_hits += 1;
            self.logprobs_unavailable(job, &reason)?;
            return Ok(None);
        }
        Ok(Some(job))
    }

    fn settle_reply(&mut self, attempted: Attempted) -> Result<(), RunError> {
        let Attempted {
            job,
            result,
            attempts,
            latency,
        } = attempted;
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                if matches!(error, BackendError::Rejected { .. })
                    && !self.rejected.contains_key(&job.target.model)
                {
                    tracing::error!(model = %job.target.model, error = %error, "the model rejected a request as it would every request; sending it nothing more in this run");
                    self.rejected
                        .insert(job.target.model.clone(), error.clone());
                }
                return self.record_failure(&job, &error, attempts);
            }
        };
        match outcome::read_response(&job, response, self.evaluation.other_mass_max) {
            Outcome::Answered(mut record) => {
                record.attempts = attempts;
                record.latency_ms = Some(latency.as_millis() as u64);
                if record.decision == Decision::Unknown {
                    self.summary.unknown += 1;
                } else {
                    self.summary.decided += 1;
                }
                self.record(&record)?;
                self.cache().put(&record)?;
                self.count_result();
            }
            Outcome::Unavailable(reason) => {
                self.cache().put_unavailable(&job.key, &reason)?;
                self.logprobs_unavailable(job, &reason)?;
            }
        }
        Ok(())
    }

    /// Samples instead when the evaluation has a sampling fallback, and otherwise
    /// records UNKNOWN with the reason.
    fn logprobs_unavailable(&mut self, job: Job, reason: &str) -> Result<(), RunError> {
        if let Some(Read::Samples { n }) = self.evaluation.fallback {
            tracing::debug!(cell_id = %job.cell.cell_id, model = %job.target.model, reason, "sampling instead of log-probabilities");
            let samples = Job::samples(&job.cell, &job.target, &self.evaluation.sampling, n);
            self.progress.inc_length(u64::from(n).saturating_sub(1));
            for sample in samples.into_iter().rev() {
                self.pending.push_front(sample);
            }
            return Ok(());
        }
        if self.options.dry_run {
            print_dry_run(&job, "unavailable");
        } else {
            self.record(&outcome::unavailable_record(&job, reason))?;
        }
        self.summary.unknown += 1;
        self.count_result();
        Ok(())
    }

    fn record_failure(
        &mut self,
        job: &Job,
        error: &BackendError,
        attempts: u32,
    ) -> Result<(), RunError> {
        let record = outcome::failed_record(job, error, attempts);
        let message = record.error.clone().unwrap_or_default();
        if self.reported.insert(message.clone()) {
            tracing::error!(cell_id = %job.cell.cell_id, model = %job.target.model, attempts, error = %message, "request failed");
        } else {
            tracing::debug!(cell_id = %job.cell.cell_id, model = %job.target.model, attempts, "request failed again with the same error");
        }
        self.summary.failed += 1;
        *self.summary.failures.entry(message).or_default() += 1;
        self.record(&record)?;
        self.count_result();
        Ok(())
    }

    fn record(&mut self, record: &ResultRecord) -> Result<(), RunError> {
        let journal = self
            .journal
            .as_mut()
            .expect("a journal is open outside dry runs");
        journal.append(record)?;
        if record.error.is_none() {
            self.done
                .insert(crate::run::job::journal_id(&record.cell_id, &record.key));
        }
        Ok(())
    }

    fn cache(&self) -> &Cache {
        self.cache
            .as_ref()
            .expect("a cache is open outside dry runs")
    }

    fn count_result(&mut self) {
        self.summary.results += 1;
        self.progress.inc(1);
        if self.summary.failed > 0 || self.summary.cache_hits > 0 {
            self.progress.set_message(format!(
                "errors {}, cache hits {}",
                self.summary.failed, self.summary.cache_hits
            ));
        }
    }

    fn start_manifest(&mut self, spec: &Spec) -> Result<(), RunError> {
        let previous = rundir::read_manifest(&self.options.run_dir);
        let mut sessions = previous.map(|m| m.sessions).unwrap_or_default();
        // A session still marked running ended without writing its status: it was killed,
        // or the disk was full when it tried.
        for session in sessions.iter_mut().filter(|s| s.status == "running") {
            session.status = "ended without recording its status".to_string();
        }
        sessions.push(Session {
            started_at: chrono::Utc::now(),
            finished_at: None,
            status: "running".to_string(),
            counts: None,
        });
        let manifest = Manifest {
            pactc_version: env!("CARGO_PKG_VERSION").to_string(),
            spec_hash: rundir::spec_hash(spec),
            evaluation: self.evaluation.name.clone(),
            plan: self.options.plan.as_ref().map(rundir::plan_file),
            models: rundir::model_entries(&self.targets),
            read: self.evaluation.read.clone(),
            fallback: self.evaluation.fallback.clone(),
            sampling: self.evaluation.sampling.clone(),
            subset_seed: self.evaluation.subset.map(|s| s.seed),
            cache: self.options.cache_path.clone(),
            sessions,
        };
        rundir::write_manifest(&self.options.run_dir, &manifest)?;
        self.manifest = Some(manifest);
        Ok(())
    }

    fn finish_manifest(&mut self, status: &str) -> Result<(), RunError> {
        let Some(manifest) = self.manifest.as_mut() else {
            return Ok(());
        };
        if let Some(session) = manifest.sessions.last_mut() {
            session.finished_at = Some(chrono::Utc::now());
            session.status = status.to_string();
            session.counts = serde_json::to_value(&self.summary).ok();
        }
        rundir::write_manifest(&self.options.run_dir, manifest)
    }
}

fn open_cache(path: &std::path::Path) -> Result<Cache, RunError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| RunError::Io {
            path: parent.to_path_buf(),
            message: format!("cannot create the cache folder: {e}"),
        })?;
    }
    Ok(Cache::open(path)?)
}

/// Tells whether a record is the UNKNOWN of unavailable log-probabilities. Such records
/// are never cached, because a later run with a sampling fallback must sample instead.
fn is_unavailable(record: &ResultRecord) -> bool {
    record.method == Elicitation::Logprobs && record.raw.is_none() && record.error.is_none()
}

fn progress_bar(options: &RunOptions, evaluation: &Evaluation) -> ProgressBar {
    if !options.progress || options.dry_run {
        return ProgressBar::hidden();
    }
    let per_cell = match evaluation.read {
        Read::Logprobs => 1,
        Read::Samples { n } => u64::from(n),
    };
    let models = evaluation.models.len().max(1) as u64;
    let bar = match options.expected_cells {
        Some(cells) => ProgressBar::new(cells * per_cell * models),
        None => ProgressBar::no_length(),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{bar:30} {pos}/{len} results  {per_sec}  ETA {eta}  {msg}")
            .expect("the progress template is valid");
    bar.set_style(style);
    bar
}

/// Prints one line of a dry run. A closed stdout (such as `| head`) is not an error.
fn print_dry_run(job: &Job, status: &str) {
    use std::io::Write;
    let mode = match job.request.mode {
        RequestMode::Logprobs => "logprobs",
        RequestMode::Sample => "sample",
    };
    let _ = writeln!(
        std::io::stdout().lock(),
        "{status:<11} {} model={} sample={} {mode} key={}",
        job.cell.cell_id,
        job.target.model,
        job.request.sample,
        &job.key[..16]
    );
}

async fn stop_requested(stop: &mut Option<watch::Receiver<bool>>) {
    let Some(receiver) = stop else {
        return std::future::pending().await;
    };
    if receiver.wait_for(|stopped| *stopped).await.is_err() {
        // The sender is gone, so no stop will ever come.
        std::future::pending::<()>().await;
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let policy = RetryPolicy {
            max_attempts: 10,
            initial: Duration::from_millis(100),
            ceiling: Duration::from_secs(1),
        };
        for retry in 1..12 {
            let limit =
                Duration::from_millis(100 * 2u64.pow(retry - 1)).min(Duration::from_secs(1));
            for _ in 0..50 {
                let delay = policy.delay(retry, None);
                assert!(
                    delay <= limit,
                    "retry {retry} waited {delay:?} above {limit:?}"
                );
            }
        }
    }

    #[test]
    fn retry_after_replaces_backoff() {
        let policy = RetryPolicy {
            max_attempts: 3,
            initial: Duration::from_millis(100),
            ceiling: Duration::from_secs(1),
        };
        assert_eq!(policy.delay(1, Some(7.5)), Duration::from_secs_f64(7.5));
    }
}
