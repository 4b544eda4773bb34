//! Golden test on the extraction dev corpus (`../shared/corpus/extraction`): body token F1 on
//! the Readability set, with/without segment F1 on the trafilatura set, and title / byline /
//! date accuracy, computed exactly as the corpus's `score.py` does. Fails below recorded floors.
//! Skips (with a message) when the shared corpus is absent.
//!
//! `PARALLAX_EXTRACT_DUMP=file.jsonl` also writes the extractions for `score.py`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use parallax_core::{DocKind, Document};
use unicode_normalization::UnicodeNormalization;

/// Floors (measured values minus a small margin).
const FLOOR_READABILITY_F1: f64 = 0.945;
const FLOOR_TRAF_F1: f64 = 0.925;
const FLOOR_READABILITY_TITLE: f64 = 0.75;
const FLOOR_TRAF_TITLE: f64 = 0.85;
const FLOOR_TRAF_AUTHOR: f64 = 0.71;
const FLOOR_TRAF_DATE: f64 = 0.84;

fn shared() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// NFKC + casefold; maximal runs of word characters; each CJK character its own token.
fn tokens(text: &str) -> Vec<String> {
    let norm: String = text.nfkc().collect::<String>().to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in norm.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() || c == '_' || is_mark(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_mark(c: char) -> bool {
    // Python's \w includes combining marks in most scripts (e.g. Devanagari vowel signs).
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{0900}'..='\u{097f}' | '\u{0e00}'..='\u{0e7f}')
}

fn token_f1(pred: &str, gold: &str) -> (f64, f64, f64) {
    let mut p: HashMap<String, i64> = HashMap::new();
    for t in tokens(pred) {
        *p.entry(t).or_default() += 1;
    }
    let mut g: HashMap<String, i64> = HashMap::new();
    for t in tokens(gold) {
        *g.entry(t).or_default() += 1;
    }
    let np: i64 = p.values().sum();
    let ng: i64 = g.values().sum();
    if np == 0 && ng == 0 {
        return (1.0, 1.0, 1.0);
    }
    if np == 0 || ng == 0 {
        return (0.0, 0.0, 0.0);
    }
    let overlap: i64 = p.iter().map(|(k, v)| (*v).min(*g.get(k).unwrap_or(&0))).sum();
    let (pr, rc) = (overlap as f64 / np as f64, overlap as f64 / ng as f64);
    let f1 = if overlap > 0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 };
    (pr, rc, f1)
}

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const STRIP: &[char] =
    &[' ', '\t', '\n', '\r', '.', ',', ';', ':', '|', '\u{2013}', '\u{2014}', '-', '\u{b7}', '\u{2022}'];

fn norm_str(s: &str, byline: bool) -> String {
    let t: String = s.nfkc().collect();
    let mut t = ws(&t).trim_matches(STRIP).to_lowercase();
    if byline {
        for p in ["by", "von", "par", "por", "de", "di"] {
            if let Some(r) = t.strip_prefix(p)
                && r.starts_with(char::is_whitespace)
            {
                t = r.trim_start().to_string();
                break;
            }
        }
        t = t.trim_matches(STRIP).to_string();
    }
    t
}

fn norm_date(s: &str) -> String {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        let w = &b[i..i + 10];
        if w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..10].iter().all(u8::is_ascii_digit)
        {
            return s[i..i + 10].to_string();
        }
    }
    norm_str(s, false)
}

fn as_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(as_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

fn doc_from(path: &Path, source: &str) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let text = parallax_ingest::decode_text(&bytes).unwrap();
    Document {
        source: source.into(),
        path: path.display().to_string(),
        url: None,
        kind: DocKind::Html,
        text,
        hints: Default::default(),
    }
}

fn extract(doc: &Document) -> parallax_core::Article {
    parallax_extract::extract(doc)
        .unwrap_or_else(|_| parallax_core::Article { source: doc.source.clone(), ..Default::default() })
}

fn dump(out: &mut Option<std::fs::File>, a: &parallax_core::Article) {
    if let Some(f) = out {
        let v = serde_json::json!({"source": a.source, "title": a.title, "byline": a.byline, "published": a.published, "body": a.body});
        writeln!(f, "{v}").unwrap();
    }
}

#[test]
fn extraction_corpus_scores() {
    let root = shared().join("corpus/extraction");
    if !root.is_dir() {
        eprintln!("SKIP html_corpus: {} not found (set PARALLAX_SHARED)", root.display());
        return;
    }
    let mut out = std::env::var_os("PARALLAX_EXTRACT_DUMP").map(|p| std::fs::File::create(p).unwrap());
    let per_doc = std::env::var_os("PARALLAX_PER_DOC").is_some();

    // Readability set.
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("readability"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    cases.sort();
    let (mut sp, mut sr, mut sf) = (0.0, 0.0, 0.0);
    let mut title_ok = (0, 0);
    let mut byline_ok = (0, 0);
    let mut date_ok = (0, 0);
    for c in &cases {
        let name = c.file_name().unwrap().to_string_lossy().to_string();
        let doc = doc_from(&c.join("source.html"), &format!("readability/{name}"));
        let a = extract(&doc);
        dump(&mut out, &a);
        let gold = std::fs::read_to_string(c.join("expected.txt")).unwrap();
        let (p, r, f) = token_f1(&a.body, &gold);
        sp += p;
        sr += r;
        sf += f;
        let gm: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(c.join("expected-metadata.json")).unwrap()).unwrap();
        let gt = as_text(&gm["title"]);
        let gb = as_text(&gm["byline"]);
        let gd = as_text(&gm["publishedTime"]);
        let t = norm_str(a.title.as_deref().unwrap_or(""), false) == norm_str(&gt, false);
        let b = norm_str(a.byline.as_deref().unwrap_or(""), true) == norm_str(&gb, true);
        let d = norm_date(a.published.as_deref().unwrap_or("")) == norm_date(&gd);
        for (ok, g, cnt) in [(t, &gt, &mut title_ok), (b, &gb, &mut byline_ok), (d, &gd, &mut date_ok)] {
            if !g.trim().is_empty() {
                cnt.1 += 1;
                cnt.0 += ok as usize;
            }
        }
        if per_doc {
            println!("R {name}\tP {p:.3} R {r:.3} F1 {f:.3}\ttitle {t} byline {b} date {d}");
        }
    }
    let n = cases.len() as f64;
    let r_f1 = sf / n;
    println!("readability: {} cases; body token P/R/F1 {:.3} / {:.3} / {:.3}", cases.len(), sp / n, sr / n, r_f1);
    println!(
        "readability (gold non-empty): title {}/{} byline {}/{} published {}/{}",
        title_ok.0, title_ok.1, byline_ok.0, byline_ok.1, date_ok.0, date_ok.1
    );
    let r_title = title_ok.0 as f64 / title_ok.1.max(1) as f64;

    // trafilatura set.
    let gold: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root.join("trafilatura/gold.json")).unwrap()).unwrap();
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut meta_ok = [0usize; 3];
    let mut meta_n = [0usize; 3];
    for (name, g) in &gold {
        let doc = doc_from(&root.join("trafilatura/html").join(name), &format!("trafilatura/html/{name}"));
        let a = extract(&doc);
        dump(&mut out, &a);
        let body = ws(&a.body);
        let with: Vec<String> = g["with"].as_array().unwrap().iter().map(|s| ws(s.as_str().unwrap())).collect();
        let without: Vec<String> = g["without"].as_array().unwrap().iter().map(|s| ws(s.as_str().unwrap())).collect();
        let found = with.iter().filter(|s| body.contains(s.as_str())).count();
        let leaked = without.iter().filter(|s| body.contains(s.as_str())).count();
        tp += found;
        fn_ += with.len() - found;
        fp += leaked;
        tn += without.len() - leaked;
        let checks = [
            (a.title.as_deref().unwrap_or(""), as_text(&g["title"]), 0),
            (a.byline.as_deref().unwrap_or(""), as_text(&g["author"]), 1),
            (a.published.as_deref().unwrap_or(""), as_text(&g["date"]), 2),
        ];
        let mut flags = Vec::new();
        for (pv, gv, k) in checks {
            if gv.trim().is_empty() {
                continue;
            }
            let ok = match k {
                0 => norm_str(pv, false) == norm_str(&gv, false),
                1 => norm_str(pv, true) == norm_str(&gv, true),
                _ => norm_date(pv) == norm_date(&gv),
            };
            meta_n[k] += 1;
            meta_ok[k] += ok as usize;
            flags.push(ok);
        }
        if per_doc {
            println!("T {name}\twith {found}/{} without leaked {leaked}/{}\tmeta {flags:?}", with.len(), without.len());
            if per_doc && (found < with.len() || leaked > 0) {
                for s in &with {
                    if !body.contains(s.as_str()) {
                        println!("    missed: {s}");
                    }
                }
                for s in &without {
                    if body.contains(s.as_str()) {
                        println!("    leaked: {s}");
                    }
                }
            }
        }
    }
    let t_f1 = 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64;
    println!(
        "trafilatura: {} docs; tp={tp} fn={fn_} fp={fp} tn={tn}; precision {:.3} recall {:.3} F1 {t_f1:.3}",
        gold.len(),
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64
    );
    println!(
        "trafilatura metadata: title {}/{} author {}/{} date {}/{}",
        meta_ok[0], meta_n[0], meta_ok[1], meta_n[1], meta_ok[2], meta_n[2]
    );
    let frac = |k: usize| meta_ok[k] as f64 / meta_n[k].max(1) as f64;
    assert!(r_f1 >= FLOOR_READABILITY_F1, "readability body F1 {r_f1:.3} below floor {FLOOR_READABILITY_F1}");
    assert!(t_f1 >= FLOOR_TRAF_F1, "trafilatura F1 {t_f1:.3} below floor {FLOOR_TRAF_F1}");
    assert!(r_title >= FLOOR_READABILITY_TITLE, "readability title accuracy {r_title:.3} below floor");
    assert!(frac(0) >= FLOOR_TRAF_TITLE, "trafilatura title accuracy {:.3} below floor", frac(0));
    assert!(frac(1) >= FLOOR_TRAF_AUTHOR, "trafilatura author accuracy {:.3} below floor", frac(1));
    assert!(frac(2) >= FLOOR_TRAF_DATE, "trafilatura date accuracy {:.3} below floor", frac(2));
}
