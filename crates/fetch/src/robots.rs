//! robots.txt (RFC 9309, parsed by `texting_robots`), fetched once per host and cached for
//! the fetcher's lifetime. A missing file (4xx) allows everything; an unreachable one (5xx,
//! network error) disallows everything, as the RFC asks.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::OnceCell;
use url::Url;

use crate::{AGENT, Fetcher, Outcome, Validators, host_key};

/// Largest robots.txt read (RFC 9309 asks for at least 500 KiB).
const MAX_ROBOTS_BYTES: usize = 512 * 1024;

enum Rules {
    AllowAll,
    DisallowAll,
    Parsed(Box<texting_robots::Robot>),
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Rules::AllowAll => "AllowAll",
            Rules::DisallowAll => "DisallowAll",
            Rules::Parsed(_) => "Parsed",
        })
    }
}

/// robots.txt rules per host (scheme + host key).
#[derive(Debug, Default)]
pub(crate) struct RobotsCache {
    map: std::sync::Mutex<HashMap<String, Arc<OnceCell<Rules>>>>,
}

impl RobotsCache {
    /// Whether the rules of `u`'s host allow fetching it.
    pub(crate) async fn allowed(&self, fetcher: &Fetcher, u: &Url) -> bool {
        let Some(key) = host_key(u) else { return false };
        let origin = format!("{}://{key}", u.scheme());
        // One cell per host: its robots.txt is fetched once, other hosts do not wait.
        let cell = self.map.lock().unwrap_or_else(|e| e.into_inner()).entry(origin.clone()).or_default().clone();
        match cell.get_or_init(|| fetch_rules(fetcher, &origin)).await {
            Rules::AllowAll => true,
            Rules::DisallowAll => false,
            Rules::Parsed(robot) => robot.allowed(u.as_str()),
        }
    }
}

async fn fetch_rules(fetcher: &Fetcher, origin: &str) -> Rules {
    match fetcher.get(&format!("{origin}/robots.txt"), &Validators::default()).await {
        Ok(Outcome::Fetched(f)) if f.body.len() <= MAX_ROBOTS_BYTES => parse(&f.body),
        Ok(_) => Rules::AllowAll,
        Err(e) if e.is_transient() => Rules::DisallowAll,
        // 4xx, refused redirects, too large: treated as no robots.txt.
        Err(_) => Rules::AllowAll,
    }
}

fn parse(body: &[u8]) -> Rules {
    match texting_robots::Robot::new(AGENT, body) {
        Ok(r) => Rules::Parsed(Box::new(r)),
        Err(_) => Rules::AllowAll,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_groups_and_paths() {
        let txt =
            b"User-agent: *\nDisallow: /private/\n\nUser-agent: parallax\nDisallow: /no-bots/\nAllow: /no-bots/ok\n";
        let Rules::Parsed(r) = parse(txt) else { panic!("parsed") };
        assert!(r.allowed("http://h/private/x"), "our own group replaces the * group");
        assert!(!r.allowed("http://h/no-bots/x"));
        assert!(r.allowed("http://h/no-bots/ok.html"));
        let Rules::Parsed(r) = parse(b"User-agent: *\nDisallow: /\n") else { panic!("parsed") };
        assert!(!r.allowed("http://h/a"));
    }
}
