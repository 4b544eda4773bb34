//! `parallax quotes`: the record contract through the binary. Quotations with quoted words are
//! listed by default; reported speech without quotation marks only with `--indirect`.

use std::process::Command;

fn quotes(args: &[&str], text: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("story.txt");
    std::fs::write(&input, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax")).arg("quotes").arg(&input).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rec: serde_json::Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    rec["quotes"].as_array().unwrap().clone()
}

const STORY: &str = "Harbour officials closed the pier on Tuesday. \
\"The deck is no longer safe,\" said Mirela Quant, the port director.\n\n\
Town clerk Osric Pellow said the repairs would take until the spring.\n";

#[test]
fn default_lists_quoted_words_only() {
    let qs = quotes(&[], STORY);
    let kinds: Vec<&str> = qs.iter().map(|q| q["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["direct"], "{qs:?}");
    assert_eq!(qs[0]["parts"][0]["text"], "The deck is no longer safe,");
}

#[test]
fn indirect_flag_adds_reported_speech() {
    let qs = quotes(&["--indirect"], STORY);
    let indirect: Vec<&serde_json::Value> = qs.iter().filter(|q| q["kind"] == "indirect").collect();
    assert_eq!(indirect.len(), 1, "{qs:?}");
    assert_eq!(indirect[0]["speaker"], "Osric Pellow");
    assert!(indirect[0]["parts"].as_array().unwrap().is_empty());
    assert_eq!(qs.len(), 2);
}

#[test]
fn speaker_is_named_as_written_and_the_full_name_is_given_apart() {
    let text = "Mayor Ann Lindqvist opened the new library on Saturday.\n\n\
\"Every child in this town deserves a quiet place to read,\" Lindqvist said.\n\n\
\"We waited eleven years for this building,\" she added.\n";
    let qs = quotes(&[], text);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(qs[0]["speaker"], "Lindqvist");
    assert_eq!(qs[0]["speaker_full"], "Ann Lindqvist");
    // A pronoun names nobody: the speaker is the person it refers to.
    assert_eq!(qs[1]["speaker"], "Ann Lindqvist");
}
