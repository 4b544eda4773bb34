//! Hostile HTML: deep nesting, huge pages, broken markup, garbage metadata, binary junk.
//! Each must give an article or a clear error, in bounded time, never a panic or stack overflow.

use parallax_core::{DocKind, Document};
use parallax_extract::{ExtractError, extract};

fn html_doc(text: String) -> Document {
    Document { kind: DocKind::Html, ..Document::text("hostile.html", text) }
}

const ARTICLE: &str = "<p>The council approved the new budget on a narrow vote, after a long debate about \
    schools, roads and the cost of public transport in the region.</p><p>Opponents said the plan, which raises \
    several local fees, would hurt small businesses, while supporters argued it was overdue.</p>";

#[test]
fn hundred_thousand_nested_elements() {
    let depth = 100_000;
    let mut s = String::with_capacity(depth * 12 + 1000);
    s.push_str("<html><body>");
    for _ in 0..depth {
        s.push_str("<div>");
    }
    s.push_str(ARTICLE);
    for _ in 0..depth {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    let r = extract(&html_doc(s));
    // html5ever caps the depth it builds; whatever comes out, no stack overflow and no panic.
    if let Ok(a) = r {
        assert!(a.body.len() < 10_000);
    }
}

#[test]
fn fifty_megabyte_page_is_bounded() {
    let para = format!("<div class=\"story\">{}</div>", ARTICLE);
    let mut s = String::from("<html><head><title>Big page</title></head><body>");
    while s.len() < 50 * 1024 * 1024 {
        s.push_str(&para);
    }
    s.push_str("</body></html>");
    let t = std::time::Instant::now();
    let a = extract(&html_doc(s)).expect("article");
    assert!(!a.body.is_empty());
    // Generous bound for a debug build: the input is cut before parsing.
    assert!(t.elapsed().as_secs() < 120, "took {:?}", t.elapsed());
}

#[test]
fn one_megabyte_paragraph() {
    let word = "lorem ipsum, dolor sit amet ";
    let s = format!("<html><body><article><p>{}</p></article></body></html>", word.repeat(1024 * 1024 / word.len()));
    let a = extract(&html_doc(s)).expect("article");
    assert!(a.body.len() > 900_000);
}

#[test]
fn broken_markup_still_extracts() {
    let s = format!(
        "<html><head><title>Broken</title><body><div><p>unclosed <b>bold <i>italic</div></span></p>{ARTICLE}<table><tr><td>cell</p></li></ul>"
    );
    let a = extract(&html_doc(s)).expect("article");
    assert!(a.body.contains("The council approved the new budget"), "{}", a.body);
}

#[test]
fn garbage_dates_are_ignored() {
    let s = format!(
        "<html><head><meta property=\"article:published_time\" content=\"not a date\">\
         <meta name=\"date\" content=\"2019-13-45\"><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"31/31/31\",\"author\":{{\"name\":[1,2]}}}}</script>\
         </head><body><time datetime=\"0000-00-00\">soon</time><article>{ARTICLE}</article></body></html>"
    );
    let a = extract(&html_doc(s)).expect("article");
    assert_eq!(a.published, None);
    // A valid date after garbage ones is still found.
    let s2 = format!(
        "<html><head><meta property=\"article:published_time\" content=\"yesterday\"></head><body>\
         <time datetime=\"2021-03-04T05:06:07Z\">4 March</time><article>{ARTICLE}</article></body></html>"
    );
    assert_eq!(extract(&html_doc(s2)).unwrap().published.as_deref(), Some("2021-03-04"));
}

#[test]
fn malformed_json_ld_is_ignored() {
    let s = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"headline\": </script>\
         <script type=\"application/ld+json\">{}</script></head><body><article>{ARTICLE}</article></body></html>",
        "[".repeat(10_000)
    );
    let a = extract(&html_doc(s)).expect("article");
    assert!(a.body.contains("narrow vote"));
}

#[test]
fn binary_junk_and_empty_pages_give_clear_errors() {
    let junk: String = (0..20_000u32).map(|i| char::from_u32(0x20 + (i * 7919) % 0x2000).unwrap_or('x')).collect();
    // Whatever junk decodes to, extraction returns Ok or NoContent, never panics.
    let _ = extract(&html_doc(junk));
    assert!(matches!(extract(&html_doc(String::new())), Err(ExtractError::NoContent)));
    assert!(matches!(
        extract(&html_doc("<html><body><nav><a href=/>Home</a></nav></body></html>".into())),
        Err(ExtractError::NoContent)
    ));
}

#[test]
fn wrong_charset_declaration_does_not_break_extraction() {
    // Declared ISO-8859-1 but the (already decoded) text is UTF-8 with non-Latin characters.
    let s = format!(
        "<html><head><meta charset=\"iso-8859-1\"><title>Кириллица</title></head><body><article>{ARTICLE}<p>Привет, мир — ещё один абзац текста.</p></article></body></html>"
    );
    let a = extract(&html_doc(s)).expect("article");
    assert!(a.body.contains("Привет, мир"));
}

mod random_markup {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<br>".to_string()),
            Just("<a href=\"/x\">".to_string()),
            Just("</a>".to_string()),
            Just("<nav class=\"menu\">".to_string()),
            Just("<table><tr><td>".to_string()),
            Just("<script>var x = '<p>';</script>".to_string()),
            Just("<!-- c -->".to_string()),
            Just("<h1>".to_string()),
            Just("</h1>".to_string()),
            "[a-zA-Z ,.&<>;\u{00e9}\u{4e2d}]{0,80}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn never_panics_and_paragraphs_are_clean(parts in proptest::collection::vec(piece(), 0..60)) {
            let html = format!("<html><body>{}</body></html>", parts.concat());
            if let Ok(a) = extract(&html_doc(html)) {
                for p in a.body.split("\n\n") {
                    prop_assert!(!p.trim().is_empty());
                    prop_assert_eq!(p, p.trim());
                }
            }
        }
    }
}
