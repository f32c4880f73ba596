//! Requests-per-minute and tokens-per-minute limits, as token buckets that refill
//! continuously and hold at most one minute's allowance.
//!
//! NOTE: tokens are counted before a request is sent, from an estimate (prompt characters
//! divided by 4, plus the maximum reply length), not from the usage the server returns.

use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct Limiter {
    requests: Option<Mutex<Bucket>>,
    tokens: Option<Mutex<Bucket>>,
}

struct Bucket {
    per_minute: f64,
    available: f64,
    updated: Instant,
}

impl Bucket {
    fn new(per_minute: f64) -> Bucket {
        Bucket {
            per_minute,
            available: per_minute,
            updated: Instant::now(),
        }
    }

    /// Takes `amount` now, or returns how long to wait before trying again.
    fn take(&mut self, amount: f64) -> Option<Duration> {
        let now = Instant::now();
        let elapsed = now.duration_since(self.updated).as_secs_f64();
        self.available = (self.available + elapsed * self.per_minute / 60.0).min(self.per_minute);
        self.updated = now;
        // A request larger than a whole minute's allowance waits for a full bucket.
        let amount = amount.min(self.per_minute);
        if self.available >= amount {
            self.available -= amount;
            return None;
        }
        let missing = amount - self.available;
        Some(Duration::from_secs_f64(missing * 60.0 / self.per_minute))
    }
}

impl Limiter {
    pub fn new(requests_per_minute: Option<u32>, tokens_per_minute: Option<u64>) -> Limiter {
        Limiter {
            requests: requests_per_minute.map(|n| Mutex::new(Bucket::new(f64::from(n)))),
            tokens: tokens_per_minute.map(|n| Mutex::new(Bucket::new(n as f64))),
        }
    }

    /// Waits until one request of about `tokens` tokens fits within both limits.
    pub async fn acquire(&self, tokens: u64) {
        if let Some(bucket) = &self.requests {
            wait_for(bucket, 1.0).await;
        }
        if let Some(bucket) = &self.tokens {
            wait_for(bucket, tokens as f64).await;
        }
    }
}

async fn wait_for(bucket: &Mutex<Bucket>, amount: f64) {
    loop {
        let wait = bucket.lock().await.take(amount);
        match wait {
            None => return,
            Some(duration) => tokio::time::sleep(duration).await,
        }
    }
}

/// Estimates the tokens the limiter charges for one request.
pub fn estimate_tokens(prompt_chars: usize, max_tokens: u32) -> u64 {
    (prompt_chars / 4) as u64 + u64::from(max_tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_beyond_the_limit_wait() {
        let limiter = Limiter::new(Some(60), None);
        let start = Instant::now();
        for _ in 0..60 {
            limiter.acquire(0).await;
        }
        assert!(
            start.elapsed() < Duration::from_millis(10),
            "the first minute's allowance is immediate"
        );
        for _ in 0..30 {
            limiter.acquire(0).await;
        }
        let waited = start.elapsed().as_secs_f64();
        assert!(
            (29.0..31.5).contains(&waited),
            "waited {waited} s for 30 more at 1 per second"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn tokens_limit_waits() {
        let limiter = Limiter::new(None, Some(600));
        let start = Instant::now();
        limiter.acquire(600).await;
        limiter.acquire(300).await;
        let waited = start.elapsed().as_secs_f64();
        assert!((29.0..31.5).contains(&waited), "waited {waited} s");
    }

    #[tokio::test(start_paused = true)]
    async fn no_limits_never_wait() {
        let limiter = Limiter::new(None, None);
        let start = Instant::now();
        for _ in 0..1000 {
            limiter.acquire(10_000).await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
