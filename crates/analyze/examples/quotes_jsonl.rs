//! `parallax quotes --format jsonl` for plain-text files, without the CLI's dependencies:
//! a quick loop for tuning attribution on a corpus (`cargo run -p parallax-analyze --example
//! quotes_jsonl -- FILE...`). One line per file: attributions with character offsets.

use parallax_analyze::who;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("quotes_jsonl: cannot read {path}");
            continue;
        };
        let qs = who::quotes_in_text(&text);
        let quotes: Vec<serde_json::Value> = who::quotes::attributions(&qs)
            .into_iter()
            .map(|run| {
                let (q, r) = (&qs[run[0]], qs[run[0]].content.clone());
                let ch = |b: usize| text[..b].chars().count();
                serde_json::json!({
                    "text": &text[r.clone()], "start": ch(r.start), "end": ch(r.end),
                    "speaker": q.speaker, "verb": q.verb, "kind": q.kind.as_str(),
                })
            })
            .collect();
        println!("{}", serde_json::json!({ "source": path, "quotes": quotes }));
    }
}
