//! Test support (not part of the stable API): a real PostgreSQL server for tests.
//!
//! [`pg_url`] returns a server URL: `$PARALLAX_PG_URL` when set, otherwise a throw-away
//! cluster started once per test process (`initdb` in a temporary directory, run as the
//! `postgres` user when the tests run as root, listening on a free 127.0.0.1 port). A watchdog
//! shell stops the server and deletes the directory when the test process exits. When no
//! server can be had it returns `None` after printing why — unless `$PARALLAX_PG_REQUIRED=1`
//! (set by CI), in which case it panics so that the tests cannot silently skip.
//!
//! [`fresh_url`] creates a new empty schema and returns a URL whose `search_path` selects it,
//! so every test gets its own store in one server.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Environment variable naming an existing server to test against.
pub const PG_URL_ENV: &str = "PARALLAX_PG_URL";
/// Environment variable that turns "no PostgreSQL" from a skip into a failure (CI).
pub const PG_REQUIRED_ENV: &str = "PARALLAX_PG_REQUIRED";

static SERVER: OnceLock<Result<String, String>> = OnceLock::new();
static SCHEMAS: AtomicUsize = AtomicUsize::new(0);

/// A PostgreSQL server URL for tests, or `None` (with a visible message) when none can be had.
pub fn pg_url() -> Option<String> {
    let r = SERVER.get_or_init(|| match std::env::var(PG_URL_ENV) {
        Ok(u) if !u.trim().is_empty() => Ok(u),
        _ => start_cluster(),
    });
    match r {
        Ok(u) => Some(u.clone()),
        Err(why) => {
            if std::env::var(PG_REQUIRED_ENV).is_ok_and(|v| v == "1") {
                panic!("PostgreSQL is required ({PG_REQUIRED_ENV}=1) but unavailable: {why}");
            }
            eprintln!("skipping: no PostgreSQL ({why}); set {PG_URL_ENV} or install the `postgresql` package");
            None
        }
    }
}

/// A URL selecting a new, empty schema on the test server (`None` as for [`pg_url`]).
pub fn fresh_url() -> Option<String> {
    let base = pg_url()?;
    let name = format!(
        "t{}_{}_{}",
        std::process::id(),
        SCHEMAS.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
    );
    let mut c = postgres::Client::connect(&base, postgres::NoTls).expect("connect to the test server");
    c.batch_execute(&format!("CREATE SCHEMA {name}")).expect("create a test schema");
    Some(with_search_path(&base, &name))
}

/// `url` with `options=-csearch_path=<schema>` added.
pub fn with_search_path(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

fn pg_bin(name: &str) -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> =
        std::fs::read_dir("/usr/lib/postgresql").ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    versions.sort_by_key(|p| p.file_name().and_then(|n| n.to_str()).and_then(|n| n.parse::<u32>().ok()));
    versions.into_iter().rev().map(|v| v.join("bin").join(name)).find(|p| p.exists())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `argv` prefixed to run as the `postgres` user when we are root (PostgreSQL refuses to
/// run as root).
fn server_user(argv: &[&str]) -> Vec<String> {
    let mut v: Vec<String> =
        if is_root() { ["runuser", "-u", "postgres", "--"].map(String::from).to_vec() } else { vec![] };
    v.extend(argv.iter().map(|s| s.to_string()));
    v
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

fn start_cluster() -> Result<String, String> {
    let initdb = pg_bin("initdb").ok_or("no initdb under /usr/lib/postgresql")?;
    let postgres = pg_bin("postgres").ok_or("no postgres binary")?;
    let pg_ctl = pg_bin("pg_ctl").ok_or("no pg_ctl binary")?;
    let dir = tempfile_dir()?;
    let data = dir.join("data");
    if is_root() {
        let ok = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status().is_ok_and(|s| s.success());
        if !ok {
            return Err(format!("cannot hand {} to the postgres user", dir.display()));
        }
    }
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let argv = server_user(&[&s(&initdb), "-D", &s(&data), "-A", "trust", "-U", "parallax", "-E", "UTF8", "--no-sync"]);
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!("initdb failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let port = free_port()?;
    // The watchdog: starts the server, waits for this process to exit, stops the server and
    // removes the directory.
    let script = format!(
        "{server} & pg=$!; while kill -0 {me} 2>/dev/null && kill -0 $pg 2>/dev/null; do sleep 1; done; \
         {stop}; wait $pg; rm -rf '{dir}'",
        stop = shell_join(&server_user(&[&s(&pg_ctl), "-D", &s(&data), "-m", "immediate", "stop"])),
        server = shell_join(&server_user(&[
            &s(&postgres),
            "-D",
            &s(&data),
            "-p",
            &port.to_string(),
            "-k",
            &s(&dir),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=200",
        ])),
        me = std::process::id(),
        dir = s(&dir),
    );
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start postgres: {e}"))?;
    let url = format!("postgres://parallax@127.0.0.1:{port}/postgres");
    let t0 = Instant::now();
    loop {
        match postgres::Client::connect(&url, postgres::NoTls) {
            Ok(_) => return Ok(url),
            Err(e) if t0.elapsed() > Duration::from_secs(30) => return Err(format!("server did not start: {e}")),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

fn shell_join(argv: &[String]) -> String {
    argv.iter().map(|a| format!("'{}'", a.replace('\'', "'\\''"))).collect::<Vec<_>>().join(" ")
}

fn tempfile_dir() -> Result<PathBuf, String> {
    let base =
        std::env::temp_dir().join(format!("parallax-pg-{}-{}", std::process::id(), SCHEMAS.load(Ordering::SeqCst)));
    std::fs::create_dir_all(&base).map_err(|e| format!("cannot create {}: {e}", base.display()))?;
    Ok(base)
}
