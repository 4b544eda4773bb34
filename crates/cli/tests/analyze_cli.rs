//! `parallax analyze` end to end through the built binary: bad inputs are reported one line
//! each (file + reason), the rest still runs, and the exit code says whether anything was analysed.

use std::path::Path;
use std::process::Command;

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("junk.bin");
    std::fs::write(&binary, (0..=255u8).cycle().take(4096).collect::<Vec<u8>>()).unwrap();
    let missing = dir.path().join("missing.txt");
    let out_file = dir.path().join("out.json");
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("analyze")
        .arg(seeds())
        .args([&empty, &binary, &missing])
        .args(["--format", "json", "-o"])
        .arg(&out_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}, stderr {stderr}", out.status);
    assert!(stderr.lines().any(|l| l.contains("empty.txt") && l.contains("empty file")), "{stderr}");
    assert!(stderr.lines().any(|l| l.contains("junk.bin") && l.contains("binary")), "{stderr}");
    assert!(stderr.lines().any(|l| l.contains("missing.txt") && l.contains("no such file")), "{stderr}");
    assert!(stderr.contains("3 inputs skipped"), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["skipped"].as_array().unwrap().len(), 3);
    let n: u64 =
        json["stories"].as_array().unwrap().iter().map(|s| s["story"]["article_count"].as_u64().unwrap()).sum();
    assert_eq!(n, 5);
}

#[test]
fn nothing_analysable_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("analyze").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn text_and_markdown_reports_show_the_sections() {
    for (fmt, headings) in [("text", ["CONTRADICTIONS (", "TIMELINE\n"]), ("md", ["## Contradictions", "## Timeline"])]
    {
        let text = analyze(&["--format", fmt], &[]);
        for h in headings {
            assert!(text.contains(h), "{fmt} report lacks {h:?}");
        }
    }
}

fn analyze(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parallax"));
    cmd.arg("analyze").arg(seeds()).args(args).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The piped default report is short and plain; `--color always` colours it (NO_COLOR only
/// turns off `auto`); `--full` prints more.
#[test]
fn text_report_colour_width_and_full() {
    let plain = analyze(&[], &[]);
    assert!(!plain.contains('\x1b'), "piped: no colour");
    assert!(plain.lines().count() <= 120, "{plain}");
    assert!(plain.lines().all(|l| l.chars().count() <= 100), "{plain}");
    assert!(!analyze(&["--color", "auto"], &[("NO_COLOR", "1")]).contains('\x1b'));
    assert!(!analyze(&["--color", "never"], &[]).contains('\x1b'));
    assert!(analyze(&["--color", "always"], &[]).contains("\x1b[1m"));
    let full = analyze(&["--full"], &[]);
    assert!(full.lines().count() > plain.lines().count(), "--full prints everything");
    assert!(!full.contains("--full shows"), "nothing left out with --full");
}

/// `cluster` prints readable text by default, JSON on request.
#[test]
fn cluster_text_and_json() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("cluster").arg(seeds()).args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&[]);
    assert_eq!(text, run(&["--format", "text"]));
    assert!(text.contains("(5 articles, "), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert!(json.is_object() || json.is_array(), "{json}");
}
