//! Generality check on real pages: each trafilatura news page (shared corpus) is rendered to
//! a plain-text dump the way a browser's "save as text" does (block elements on their own
//! lines, scripts and styles dropped), then run through the text-dump extractor. Gold gives
//! segments that must appear in the body ("with") and boilerplate that must not ("without").
//! Prints the share of segments right, by kind; skips when /work/shared is absent.

use std::path::{Path, PathBuf};

use parallax_core::Document;
use parallax_extract::text::extract_text;
use scraper::{Html, Node};

fn shared() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

const SKIP: &[&str] = &["script", "style", "noscript", "template", "head", "svg", "math", "object", "embed", "iframe"];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "form",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "address",
    "details",
    "summary",
    "body",
];

/// Visible text of a page as a browser would save it: one line per block.
fn dump(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => {
                let s: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !s.is_empty() {
                    if !out.ends_with(['\n', ' ']) && !out.is_empty() && t.starts_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    out.push_str(&s);
                    if t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
                if !closing {
                    stack.push((node, true));
                    let kids: Vec<_> = node.children().collect();
                    for k in kids.into_iter().rev() {
                        stack.push((k, false));
                    }
                }
            }
            _ => {
                if !closing {
                    let kids: Vec<_> = node.children().collect();
                    for k in kids.into_iter().rev() {
                        stack.push((k, false));
                    }
                }
            }
        }
    }
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn trafilatura_pages_as_text_dumps() {
    let dir = shared().join("corpus/extraction/trafilatura");
    let Ok(raw) = std::fs::read_to_string(dir.join("gold.json")) else {
        eprintln!("SKIP trafilatura_pages_as_text_dumps: {} is absent", dir.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&raw).expect("gold.json");
    let (mut with_ok, mut with_n, mut without_ok, mut without_n) = (0usize, 0usize, 0usize, 0usize);
    let (mut en_ok, mut en_n) = (0usize, 0usize);
    let verbose = std::env::var_os("PARALLAX_VERBOSE").is_some();
    let (mut meta_ok, mut meta_n) = ([0usize; 3], [0usize; 3]);
    let mut files: Vec<(&String, &serde_json::Value)> = gold.as_object().expect("object").iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    for (file, g) in files {
        let Ok(bytes) = std::fs::read(dir.join("html").join(file)) else { continue };
        let html = String::from_utf8_lossy(&bytes);
        let text = dump(&html);
        if std::env::var("PARALLAX_DUMP").is_ok_and(|d| file.contains(&d)) {
            std::fs::write("/tmp/text-dump.txt", &text).ok();
            if let Ok(a) = extract_text(&Document::text(file.clone(), text.clone())) {
                std::fs::write("/tmp/text-body.txt", &a.body).ok();
            }
        }
        let art = extract_text(&Document::text(file.clone(), text)).ok();
        let body = art.as_ref().map(|a| norm(&a.body)).unwrap_or_default();
        let low = |s: &str| norm(&parallax_core::text::fold(s)).to_lowercase();
        if let Some(want) = g["title"].as_str().filter(|t| !t.is_empty()) {
            meta_n[0] += 1;
            let got = art.as_ref().and_then(|a| a.title.as_deref()).map(low).unwrap_or_default();
            meta_ok[0] += (!got.is_empty() && (low(want).contains(&got) || got.contains(&low(want)))) as usize;
        }
        if let Some(want) = g["author"].as_str().filter(|t| !t.is_empty()) {
            meta_n[1] += 1;
            let got = art.as_ref().and_then(|a| a.byline.as_deref()).map(low).unwrap_or_default();
            let ok = !got.is_empty() && (low(want).contains(&got) || got.contains(&low(want)));
            if verbose && !ok {
                eprintln!("AUTHOR {file}: want {want:?} got {got:?}");
            }
            meta_ok[1] += ok as usize;
        }
        if let Some(want) = g["date"].as_str().filter(|t| !t.is_empty()) {
            meta_n[2] += 1;
            let got = art.as_ref().and_then(|a| a.published.clone());
            if verbose && got.as_deref() != Some(want) {
                eprintln!("DATE {file}: want {want:?} got {got:?}");
            }
            meta_ok[2] += (got.as_deref() == Some(want)) as usize;
        }
        let en = g["lang"].as_str() == Some("en");
        for s in g["with"].as_array().into_iter().flatten().filter_map(|s| s.as_str()) {
            with_n += 1;
            let ok = body.contains(&norm(s));
            if !ok && verbose {
                eprintln!("MISSING {file}: {s}");
            }
            with_ok += ok as usize;
            if en {
                en_n += 1;
                en_ok += ok as usize;
            }
        }
        for s in g["without"].as_array().into_iter().flatten().filter_map(|s| s.as_str()) {
            without_n += 1;
            let ok = !body.contains(&norm(s));
            if !ok && verbose {
                eprintln!("KEPT {file}: {s}");
            }
            without_ok += ok as usize;
            if en {
                en_n += 1;
                en_ok += ok as usize;
            }
        }
    }
    let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let all = share(with_ok + without_ok, with_n + without_n);
    eprintln!(
        "trafilatura pages as text dumps: with {with_ok}/{with_n} ({:.3}), without {without_ok}/{without_n} ({:.3}), all {all:.3}, English pages {:.3}",
        share(with_ok, with_n),
        share(without_ok, without_n),
        share(en_ok, en_n)
    );
    eprintln!(
        "  metadata from the dumps: title {}/{}, author {}/{}, date {}/{}",
        meta_ok[0], meta_n[0], meta_ok[1], meta_n[1], meta_ok[2], meta_n[2]
    );
    assert!(with_n > 100, "expected the 81 annotated pages");
    assert!(all >= 0.85, "share of segments right {all:.3} fell below the recorded floor 0.85");
}
