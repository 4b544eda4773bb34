//! `PARALLAX_EXPLAIN=page.html cargo test -p parallax-extract --test html_explain -- --nocapture`
//! prints the extractor's decisions for one page (a debugging aid; a no-op otherwise).

#[test]
fn explain_page() {
    let Some(p) = std::env::var_os("PARALLAX_EXPLAIN") else { return };
    let bytes = std::fs::read(&p).unwrap();
    let text = parallax_ingest::decode_text(&bytes).unwrap();
    let s = parallax_extract::html::content::explain(&text);
    assert!(s.starts_with("body chars"));
    println!("{s}");
}
