//! Polite HTTP fetching for `parallax watch` and `parallax ingest URL`: the only async,
//! network-facing library of Parallax.
//!
//! * [`Fetcher`]: one HTTP client (reqwest, rustls, gzip/brotli) with a clear User-Agent,
//!   connect and total timeouts, at most [`FetchConfig::max_redirects`] redirects (followed
//!   by hand so every hop is checked), a response-size cap and charset decoding from the
//!   `Content-Type` header and the content ([`decode`]).
//! * Only hosts on the allow-list are ever contacted: the hosts of the feeds the user listed
//!   and of the links those feeds carry ([`Fetcher::allow_url`]).
//! * Per host ([`host`]): at most one request at a time, a pause between requests, and after
//!   an error an exponential, capped backoff with deterministic (seeded) jitter.
//! * Conditional GET: [`Validators`] (`ETag`, `Last-Modified`) in, [`Outcome::NotModified`]
//!   out; `Cache-Control: max-age` and `Retry-After` are reported for the caller to honour.
//! * Article pages are fetched only where the host's robots.txt allows it ([`robots`]).
//! * [`poll`]: one feed poll (new items and their pages, with the item's own content as
//!   fallback), and the documents behind one URL for `ingest`.
//! * [`feedlist`]: the FEEDS file (one URL a line with `#` comments, or OPML).

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use url::Url;

pub mod decode;
pub mod feedlist;
pub mod host;
pub mod poll;
pub mod robots;

pub use host::backoff_delay;

/// The User-Agent product token (also the robots.txt agent name).
pub const AGENT: &str = "parallax";

/// Settings of a [`Fetcher`].
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Time for a whole request, body included.
    pub timeout: Duration,
    /// Largest response body accepted (after decompression).
    pub max_bytes: usize,
    /// Most redirects followed for one request.
    pub max_redirects: usize,
    /// Pause between two requests to the same host.
    pub pause: Duration,
    /// Backoff after a host's first failure; doubles with each further failure.
    pub backoff_base: Duration,
    /// Longest backoff.
    pub backoff_cap: Duration,
    /// Seed of the backoff jitter (same seed, same delays).
    pub seed: u64,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: format!(
                "{AGENT}/{} (news reader; polls the feeds its user lists; +https://github.com/parallax-news/parallax)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 8 * 1024 * 1024,
            max_redirects: 5,
            pause: Duration::from_secs(1),
            backoff_base: Duration::from_secs(60),
            backoff_cap: Duration::from_secs(3600),
            seed: 0x5eed,
        }
    }
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an absolute http(s) URL.
    #[error("not an http(s) URL: {0}")]
    BadUrl(String),
    /// The host is neither a listed feed host nor linked from a feed.
    #[error("host {0} is not a listed feed host nor linked from a feed; not contacted")]
    NotAllowed(String),
    /// A redirect came back to a URL already visited.
    #[error("redirect loop back to {0}")]
    RedirectLoop(String),
    /// More redirects than allowed.
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    /// A redirect without a usable `Location`.
    #[error("redirect without a usable Location header")]
    BadRedirect,
    /// The body is larger than the cap.
    #[error("response larger than {0} bytes; refused")]
    TooLarge(usize),
    /// A non-success status.
    #[error("HTTP {status}")]
    Status {
        /// The status code.
        status: u16,
        /// `Retry-After`, when the server sent one.
        retry_after: Option<Duration>,
    },
    /// The request took longer than the timeout.
    #[error("timed out")]
    Timeout,
    /// Connection, TLS or protocol failure.
    #[error("connection failed: {0}")]
    Network(String),
    /// The host is backing off after errors.
    #[error("host backing off for {0}s after errors")]
    Backoff(u64),
    /// robots.txt forbids the page.
    #[error("robots.txt disallows it")]
    Robots,
}

impl FetchError {
    /// Whether the failure says something about the host's health (server errors, 429,
    /// timeouts, connection failures): these start or extend its backoff. A 404 or a refused
    /// page does not.
    pub fn is_host_failure(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            FetchError::Timeout | FetchError::Network(_) => true,
            _ => false,
        }
    }
    /// Whether trying again later may succeed (host failures and backoff).
    pub fn is_transient(&self) -> bool {
        self.is_host_failure() || matches!(self, FetchError::Backoff(_))
    }
    /// `Retry-After` sent with the error.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Conditional-GET validators of an earlier response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL finally answered (after redirects).
    pub url: String,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// The body (decompressed).
    pub body: Vec<u8>,
    /// Validators to send next time.
    pub validators: Validators,
    /// `Cache-Control: max-age`.
    pub max_age: Option<Duration>,
}

impl Fetched {
    /// The body as text (charset from the header, else the content).
    pub fn text(&self) -> Result<String, parallax_ingest::IngestError> {
        decode::decode_body(&self.body, self.content_type.as_deref())
    }
}

/// The answer to a (conditional) GET.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// 2xx with a body.
    Fetched(Fetched),
    /// 304: nothing changed since the validators.
    NotModified {
        /// `Cache-Control: max-age`.
        max_age: Option<Duration>,
    },
}

/// The HTTP client (see the crate documentation). Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    allowed: RwLock<BTreeSet<String>>,
    hosts: host::Hosts,
    robots: robots::RobotsCache,
}

/// The host key of a URL: host name plus port when it is not the scheme's default.
pub fn host_key(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    Some(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    })
}

/// Parses an absolute http(s) URL.
pub fn parse_http_url(s: &str) -> Result<Url, FetchError> {
    let u = Url::parse(s.trim()).map_err(|_| FetchError::BadUrl(s.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(FetchError::BadUrl(s.to_string()));
    }
    Ok(u)
}

impl Fetcher {
    /// A fetcher with an empty allow-list.
    pub fn new(config: FetchConfig) -> Result<Arc<Self>, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| FetchError::Network(e.to_string()))?;
        Ok(Arc::new(Fetcher {
            client,
            hosts: host::Hosts::new(config.clone()),
            config,
            allowed: RwLock::new(BTreeSet::new()),
            robots: robots::RobotsCache::default(),
        }))
    }

    /// The settings.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Puts a URL's host on the allow-list (a listed feed, or a link a feed carries).
    pub fn allow_url(&self, url: &str) -> Result<(), FetchError> {
        let u = parse_http_url(url)?;
        let key = host_key(&u).ok_or_else(|| FetchError::BadUrl(url.to_string()))?;
        self.allowed.write().unwrap_or_else(|e| e.into_inner()).insert(key);
        Ok(())
    }

    fn check_allowed(&self, u: &Url) -> Result<String, FetchError> {
        let key = host_key(u).ok_or_else(|| FetchError::BadUrl(u.to_string()))?;
        if self.allowed.read().unwrap_or_else(|e| e.into_inner()).contains(&key) {
            Ok(key)
        } else {
            Err(FetchError::NotAllowed(key))
        }
    }

    /// GET with validators, following redirects by hand (every hop must be on the
    /// allow-list and passes its host's gate).
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Outcome, FetchError> {
        let mut u = parse_http_url(url)?;
        let mut visited: Vec<Url> = Vec::new();
        loop {
            if visited.contains(&u) {
                return Err(FetchError::RedirectLoop(u.to_string()));
            }
            if visited.len() > self.config.max_redirects {
                return Err(FetchError::TooManyRedirects(self.config.max_redirects));
            }
            let key = self.check_allowed(&u)?;
            visited.push(u.clone());
            let hop = self.hosts.run(&key, self.send(&u, validators)).await?;
            match hop {
                Hop::Done(o) => return Ok(o),
                Hop::Redirect(next) => u = next,
            }
        }
    }

    /// GET of a page: the host's robots.txt must allow it.
    pub async fn get_page(&self, url: &str) -> Result<Fetched, FetchError> {
        let u = parse_http_url(url)?;
        if !self.robots.allowed(self, &u).await {
            return Err(FetchError::Robots);
        }
        match self.get(url, &Validators::default()).await? {
            Outcome::Fetched(f) => Ok(f),
            // No validators were sent; a 304 here is a broken server.
            Outcome::NotModified { .. } => Err(FetchError::Status { status: 304, retry_after: None }),
        }
    }

    async fn send(&self, u: &Url, v: &Validators) -> Result<Hop, FetchError> {
        let mut req = self.client.get(u.clone());
        if let Some(e) = &v.etag {
            req = req.header(reqwest::header::IF_NONE_MATCH, e);
        }
        if let Some(m) = &v.last_modified {
            req = req.header(reqwest::header::IF_MODIFIED_SINCE, m);
        }
        let resp = req.send().await.map_err(net_error)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let header = |name: reqwest::header::HeaderName| {
            headers.get(name).and_then(|h| h.to_str().ok()).map(|s| s.trim().to_string())
        };
        if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
            let loc = header(reqwest::header::LOCATION).ok_or(FetchError::BadRedirect)?;
            let next = u.join(&loc).map_err(|_| FetchError::BadRedirect)?;
            return Ok(Hop::Redirect(next));
        }
        let max_age = header(reqwest::header::CACHE_CONTROL).as_deref().and_then(host::max_age);
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Hop::Done(Outcome::NotModified { max_age }));
        }
        if !status.is_success() {
            let retry_after = header(reqwest::header::RETRY_AFTER).as_deref().and_then(host::retry_after);
            return Err(FetchError::Status { status: status.as_u16(), retry_after });
        }
        let body = self.read_capped(resp).await?;
        Ok(Hop::Done(Outcome::Fetched(Fetched {
            url: u.to_string(),
            content_type: header(reqwest::header::CONTENT_TYPE),
            body,
            validators: Validators {
                etag: header(reqwest::header::ETAG),
                last_modified: header(reqwest::header::LAST_MODIFIED),
            },
            max_age,
        })))
    }

    async fn read_capped(&self, mut resp: reqwest::Response) -> Result<Vec<u8>, FetchError> {
        let cap = self.config.max_bytes;
        // The declared length is of the encoded body; a compressed body is checked as it
        // is decoded below.
        if resp.headers().get(reqwest::header::CONTENT_ENCODING).is_none()
            && resp.content_length().is_some_and(|n| n > cap as u64)
        {
            return Err(FetchError::TooLarge(cap));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(net_error)? {
            if body.len() + chunk.len() > cap {
                return Err(FetchError::TooLarge(cap));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

enum Hop {
    Done(Outcome),
    Redirect(Url),
}

fn net_error(e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    // The innermost cause says what went wrong ("Connection refused (os error 111)", a TLS
    // complaint...); the outer layers repeat the URL, which the caller reports anyway.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg = s.to_string();
        src = s.source();
    }
    FetchError::Network(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keys_and_urls() {
        let u = parse_http_url("https://News.Example.org/a?b").unwrap();
        assert_eq!(host_key(&u).unwrap(), "news.example.org");
        let u = parse_http_url("http://127.0.0.1:8080/x").unwrap();
        assert_eq!(host_key(&u).unwrap(), "127.0.0.1:8080");
        assert!(parse_http_url("file:///etc/passwd").is_err());
        assert!(parse_http_url("feeds.txt").is_err());
    }

    #[test]
    fn error_classes() {
        let s = |status| FetchError::Status { status, retry_after: None };
        assert!(s(500).is_host_failure() && s(429).is_host_failure() && FetchError::Timeout.is_host_failure());
        assert!(!s(404).is_host_failure() && !FetchError::TooLarge(1).is_transient());
        assert!(FetchError::Backoff(3).is_transient() && !FetchError::Backoff(3).is_host_failure());
    }
}
