//! Per-host politeness: one request at a time, a pause between requests, and an
//! exponential, capped backoff with seeded jitter after errors. Also the parsing of the
//! `Cache-Control` and `Retry-After` headers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::{FetchConfig, FetchError};

/// Delay before the next try after `failures` consecutive failures (1 = the first):
/// `base · 2^(failures-1)`, capped at `cap`, then scaled by a jitter factor in [0.5, 1)
/// drawn from `(seed, key, failures)`, so runs with the same seed wait the same.
pub fn backoff_delay(base: Duration, cap: Duration, failures: u32, seed: u64, key: &str) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    let exp = base.saturating_mul(1u32 << (failures - 1).min(20)).min(cap);
    let h = xxhash_rust::xxh3::xxh3_64_with_seed(format!("{key}#{failures}").as_bytes(), seed);
    let jitter = 0.5 + (h >> 11) as f64 / (1u64 << 53) as f64 / 2.0;
    exp.mul_f64(jitter)
}

/// `max-age` of a `Cache-Control` header (`no-cache`/`no-store` mean 0).
pub fn max_age(v: &str) -> Option<Duration> {
    let mut out = None;
    for d in v.split(',').map(|d| d.trim().to_ascii_lowercase()) {
        if d == "no-cache" || d == "no-store" {
            return Some(Duration::ZERO);
        }
        if let Some(n) = d.strip_prefix("max-age=") {
            out = n.trim_matches('"').parse::<u64>().ok().map(Duration::from_secs);
        }
    }
    out
}

/// `Retry-After`: seconds, or an HTTP date (time from now; past dates mean 0).
pub fn retry_after(v: &str) -> Option<Duration> {
    if let Ok(n) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(n));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v.trim()).ok()?;
    let secs = (when.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds().max(0);
    Some(Duration::from_secs(secs as u64))
}

/// Longest `Retry-After` honoured.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Default)]
struct HostState {
    last: Option<Instant>,
    failures: u32,
    until: Option<Instant>,
}

/// The gates of every host contacted.
#[derive(Debug)]
pub(crate) struct Hosts {
    config: FetchConfig,
    map: Mutex<HashMap<String, Arc<tokio::sync::Mutex<HostState>>>>,
}

impl Hosts {
    pub(crate) fn new(config: FetchConfig) -> Self {
        Hosts { config, map: Mutex::new(HashMap::new()) }
    }

    fn gate(&self, key: &str) -> Arc<tokio::sync::Mutex<HostState>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).entry(key.to_string()).or_default().clone()
    }

    /// Runs one request to `key`'s host: waits for the host's previous request and the
    /// pause, refuses while the host backs off, and updates the backoff from the result.
    pub(crate) async fn run<T>(
        &self,
        key: &str,
        request: impl Future<Output = Result<T, FetchError>>,
    ) -> Result<T, FetchError> {
        let gate = self.gate(key);
        let mut st = gate.lock().await;
        let now = Instant::now();
        if let Some(until) = st.until.filter(|u| *u > now) {
            return Err(FetchError::Backoff((until - now).as_secs_f64().ceil() as u64));
        }
        if let Some(last) = st.last {
            tokio::time::sleep_until(last + self.config.pause).await;
        }
        let result = request.await;
        st.last = Some(Instant::now());
        match &result {
            Err(e) if e.is_host_failure() => {
                st.failures += 1;
                let c = &self.config;
                let delay = backoff_delay(c.backoff_base, c.backoff_cap, st.failures, c.seed, key);
                // A server's Retry-After is honoured (up to a day) when longer than the backoff.
                let delay = e.retry_after().map_or(delay, |r| r.min(MAX_RETRY_AFTER).max(delay));
                st.until = Some(Instant::now() + delay);
            }
            Err(_) => {}
            Ok(_) => {
                st.failures = 0;
                st.until = None;
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered_deterministically() {
        let (base, cap) = (Duration::from_secs(60), Duration::from_secs(3600));
        let d: Vec<Duration> = (1..=10).map(|f| backoff_delay(base, cap, f, 7, "h")).collect();
        for (i, x) in d.iter().enumerate() {
            let full = base.saturating_mul(1 << i).min(cap);
            assert!(*x >= full / 2 && *x < full, "failure {}: {x:?} not in [{:?}, {full:?})", i + 1, full / 2);
        }
        assert!(d[9] < cap);
        assert_eq!(d, (1..=10).map(|f| backoff_delay(base, cap, f, 7, "h")).collect::<Vec<_>>());
        assert_ne!(backoff_delay(base, cap, 3, 7, "h"), backoff_delay(base, cap, 3, 8, "h"), "seed matters");
        assert_eq!(backoff_delay(base, cap, 0, 7, "h"), Duration::ZERO);
    }

    #[test]
    fn cache_control_and_retry_after() {
        assert_eq!(max_age("public, max-age=300"), Some(Duration::from_secs(300)));
        assert_eq!(max_age("no-cache"), Some(Duration::ZERO));
        assert_eq!(max_age("private"), None);
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert!(retry_after("soon").is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn one_request_at_a_time_with_a_pause_and_backoff_after_errors() {
        let config = FetchConfig { pause: Duration::from_secs(2), ..FetchConfig::default() };
        let hosts = Hosts::new(config);
        let t0 = Instant::now();
        hosts.run("h", async { Ok::<_, FetchError>(()) }).await.unwrap();
        hosts.run("h", async { Ok::<_, FetchError>(()) }).await.unwrap();
        assert!(Instant::now() - t0 >= Duration::from_secs(2), "pause between requests");
        let e = hosts.run("h", async { Err::<(), _>(FetchError::Status { status: 500, retry_after: None }) }).await;
        assert!(e.is_err());
        let again = hosts.run("h", async { Ok::<_, FetchError>(()) }).await;
        assert!(matches!(again, Err(FetchError::Backoff(s)) if (30..=60).contains(&s)), "{again:?}");
        hosts.run("other", async { Ok::<_, FetchError>(()) }).await.expect("other hosts proceed");
        tokio::time::sleep(Duration::from_secs(61)).await;
        hosts.run("h", async { Ok::<_, FetchError>(()) }).await.expect("retried after the backoff");
    }
}
