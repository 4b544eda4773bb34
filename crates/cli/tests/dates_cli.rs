//! `parallax dates ... --format jsonl --dct`: the record contract (issue 18) through the binary:
//! `{"source", "dates": [{"text", "start", "end", "value", "type", "grain"}]}`, character offsets.

use std::process::Command;

/// Runs `parallax dates` on one JSONL line with `--dct 2025-03-05` and `extra` flags.
fn dates_of(text: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let line = serde_json::json!({"url": "u1", "published": "2025-01-01", "text": text});
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("dates")
        .arg(&input)
        .args(["--format", "jsonl", "--dct", "2025-03-05"])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rec: serde_json::Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    rec["dates"].as_array().unwrap().clone()
}

const TEXT: &str = "Ça a commencé on Monday. The talks lasted 18 days and resume every Friday at 9 a.m. Tuesday.";

#[test]
fn jsonl_records_carry_value_and_type() {
    let dates = dates_of(TEXT, &["--all-types"]);
    let get = |t: &str| dates.iter().find(|d| d["text"] == t).unwrap_or_else(|| panic!("{t} in {dates:?}"));
    // --dct wins over the line's date: 2025-03-05 is a Wednesday.
    assert_eq!(get("Monday")["value"], "2025-03-03");
    assert_eq!(get("Monday")["type"], "DATE");
    assert_eq!(get("Monday")["grain"], "day");
    assert_eq!(get("18 days")["type"], "DURATION");
    assert_eq!(get("18 days")["value"], "P18D");
    assert_eq!(get("every Friday")["type"], "SET");
    assert_eq!(get("9 a.m. Tuesday")["type"], "TIME");
    // Offsets count characters: "Ça" is two characters, three bytes.
    let monday = get("Monday");
    let start = monday["start"].as_u64().unwrap() as usize;
    assert_eq!(TEXT.chars().skip(start).take(6).collect::<String>(), "Monday");
}

#[test]
fn durations_and_sets_only_with_all_types() {
    let types: Vec<String> = dates_of(TEXT, &[]).iter().map(|d| d["type"].as_str().unwrap().to_string()).collect();
    assert_eq!(types, ["DATE", "TIME"], "durations and sets are not dates");
}
