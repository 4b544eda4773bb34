//! `parallax dates ... --format jsonl --dct`: the record contract (issue 18) through the binary:
//! `{"source", "dates": [{"text", "start", "end", "value", "type", "grain"}]}`, character offsets.

use std::process::Command;

#[test]
fn jsonl_records_carry_value_and_type() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let text = "Ça a commencé on Monday. The talks lasted 18 days and resume every Friday at 9 a.m. Tuesday.";
    let line = serde_json::json!({"url": "u1", "published": "2025-01-01", "text": text});
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("dates")
        .arg(&input)
        .args(["--format", "jsonl", "--dct", "2025-03-05"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rec: serde_json::Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let dates = rec["dates"].as_array().unwrap();
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
    assert_eq!(text.chars().skip(start).take(6).collect::<String>(), "Monday");
}
