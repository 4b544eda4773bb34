//! Real-world feed breakage, one small hand-written fixture per class.

use parallax_core::SkipClass;
use parallax_ingest::{IngestError, IngestReport, documents_from_bytes};

fn read(bytes: &[u8]) -> IngestReport {
    documents_from_bytes("f.xml", "/d/f.xml", bytes).unwrap_or_else(|e| panic!("feed rejected: {e}"))
}

fn item(title: &str, link: &str, date: &str) -> String {
    format!(
        "<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate><description>Body of {title}.</description></item>"
    )
}

#[test]
fn rss2_under_the_userland_default_namespace() {
    let x = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><title>U</title>{}</channel></rss>",
        item("One", "http://u.example/1", "Mon, 06 May 2024 10:00:00 GMT")
    );
    let r = read(x.as_bytes());
    assert_eq!(r.documents.len(), 1);
    assert_eq!(r.documents[0].url.as_deref(), Some("http://u.example/1"));
    assert!(r.documents[0].hints.published.as_deref().unwrap().starts_with("2024-05-06T10:00"));
}

#[test]
fn rss1_rdf_rss090_and_prefixed_atom() {
    let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://r.example/"><title>R</title><link>http://r.example/</link></channel>
<item rdf:about="http://r.example/a"><title>A</title><link>http://r.example/a</link><description>Text A.</description><dc:date>2024-03-01T08:00:00+01:00</dc:date></item></rdf:RDF>"#;
    let r = read(rdf.as_bytes());
    assert_eq!(r.documents.len(), 1);
    assert!(r.documents[0].hints.published.as_deref().unwrap().starts_with("2024-03-01T07:00"));
    let rss090 = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>N</title><link>http://n.example/</link></channel><item><title>Old</title><link>http://n.example/old</link><description>Old text.</description></item></rdf:RDF>"#;
    assert_eq!(read(rss090.as_bytes()).documents.len(), 1);
    let atom = r#"<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title><atom:entry><atom:title>E</atom:title><atom:link href="http://p.example/e"/><atom:content type="html">&lt;p&gt;Prefixed body&lt;/p&gt;</atom:content></atom:entry></atom:feed>"#;
    let r = read(atom.as_bytes());
    assert_eq!(r.documents.len(), 1);
    assert!(r.documents[0].text.contains("Prefixed body"));
}

#[test]
fn atom_03_with_issued_and_escaped_content() {
    let x = r#"<?xml version="1.0" encoding="utf-8"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title><link rel="alternate" type="text/html" href="http://o.example/"/>
<entry><title>Entry</title><link rel="alternate" type="text/html" href="http://o.example/e"/><issued>2004-05-06T07:08:09Z</issued><content type="text/html" mode="escaped">&lt;p&gt;Atom zero three body&lt;/p&gt;</content></entry></feed>"#;
    let r = read(x.as_bytes());
    assert_eq!(r.documents.len(), 1);
    assert!(r.documents[0].text.contains("Atom zero three body"));
    assert!(r.documents[0].hints.published.as_deref().unwrap().starts_with("2004-05-06"));
}

#[test]
fn json_feed_1_0_and_1_1() {
    for v in ["https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1"] {
        let j = format!(
            r#"{{"version":"{v}","title":"J","home_page_url":"https://j.example/","items":[{{"id":"1","url":"/posts/1","title":"T","content_text":"Plain json body","date_published":"2024-02-03T04:05:06Z"}},{{"id":"2","url":"https://j.example/2","title":"Only a title"}}]}}"#
        );
        let r = documents_from_bytes("j.json", "j.json", j.as_bytes()).unwrap();
        assert_eq!(r.documents.len(), 1, "{v}");
        assert_eq!(r.documents[0].url.as_deref(), Some("https://j.example/posts/1"), "{v}");
        assert_eq!(r.stubs.len(), 1, "{v}");
    }
}

#[test]
fn declared_latin1_and_windows_1251_are_decoded_once() {
    let mut latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>L</title><item><title>M\xe3e de utente</title><link>http://l.example/1</link><description>Cora\xe7\xe3o.</description></item></channel></rss>".to_vec();
    let r = read(&latin);
    assert_eq!(r.documents[0].hints.title.as_deref(), Some("Mãe de utente"));
    assert!(r.documents[0].text.contains("Coração."));
    // The same feed without a declaration and without a version attribute.
    latin.drain(..latin.iter().position(|&b| b == b'>').unwrap() + 1);
    let undeclared = String::from_utf8_lossy(&latin).replace(" version=\"2.0\"", "");
    let bytes: Vec<u8> = undeclared.chars().map(|c| if c == '\u{fffd}' { 0xe3 } else { c as u8 }).collect();
    let r = read(&bytes);
    assert_eq!(r.documents.len(), 1);
    let cyr = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>C</title><item><title>\xcc\xe8\xf0</title><link>http://c.example/1</link><description>\xd2\xe5\xea\xf1\xf2.</description></item></channel></rss>";
    let r = read(cyr);
    assert_eq!(r.documents[0].hints.title.as_deref(), Some("Мир"));
}

#[test]
fn undeclared_entities_bare_ampersands_and_control_characters() {
    let x = "<rss version=\"2.0\"><channel><title>E&nbsp;&amp; Co</title><item><title>A&nbsp;B &ndash; C&eacute; AT&T\u{1}</title><link>http://e.example/1?a=1&b=2</link><description>Text&hellip; more\u{b}.</description></item></channel></rss>";
    let r = read(x.as_bytes());
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(d.hints.title.as_deref(), Some("A\u{a0}B – Cé AT&T"));
    assert_eq!(d.url.as_deref(), Some("http://e.example/1?a=1&b=2"));
    assert!(d.text.contains("Text… more."));
}

#[test]
fn relative_links_resolve_against_xml_base_and_the_feed_link() {
    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://a.example/blog/"/>
<entry><title>One</title><link href="posts/one"/><content type="html">&lt;p&gt;1&lt;/p&gt;</content></entry>
<entry xml:base="https://b.example/x/"><title>Two</title><link href="two"/><content type="html">&lt;p&gt;2&lt;/p&gt;</content></entry></feed>"#;
    let r = read(atom.as_bytes());
    let urls: Vec<_> = r.documents.iter().map(|d| d.url.clone().unwrap()).collect();
    assert_eq!(urls, ["https://a.example/blog/posts/one", "https://b.example/x/two"]);
    let rss = format!(
        "<rss version=\"2.0\"><channel><title>R</title><link>https://r.example/</link>{}</channel></rss>",
        item("Rel", "/news/rel", "2024-01-01")
    );
    assert_eq!(read(rss.as_bytes()).documents[0].url.as_deref(), Some("https://r.example/news/rel"));
}

#[test]
fn item_dates_in_real_world_formats() {
    let dates = [
        ("Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T14:02:33"),
        ("Tuesday, 07 May 2024 08:15:00 +0200", "2024-05-07T06:15:00"),
        ("Wed, 8 May 2024 12:00 EDT", "2024-05-08T16:00:00"),
        ("Thu, 09 Mai 2024 12:00:00 MESZ", "2024-05-09T10:00:00"),
        ("2024-05-10 09:30:00", "2024-05-10T09:30:00"),
    ];
    let items: String = dates
        .iter()
        .enumerate()
        .map(|(k, (d, _))| item(&format!("I{k}"), &format!("http://d.example/{k}"), d))
        .collect();
    let r = read(format!("<rss version=\"2.0\"><channel><title>D</title>{items}</channel></rss>").as_bytes());
    for (doc, (raw, want)) in r.documents.iter().zip(dates) {
        assert!(
            doc.hints.published.as_deref().is_some_and(|p| p.starts_with(want)),
            "{raw}: {:?}",
            doc.hints.published
        );
    }
}

#[test]
fn title_and_link_without_text_is_a_stub_counted_apart() {
    let x = "<rss version=\"2.0\"><channel><title>S</title><item><title>Only title</title><link>http://s.example/1</link></item><item><title>No link</title></item></channel></rss>";
    let r = read(x.as_bytes());
    assert!(r.documents.is_empty());
    assert_eq!(r.stubs.len(), 1);
    assert_eq!(r.stubs[0].url.as_deref(), Some("http://s.example/1"));
    assert!(r.skipped.iter().any(|s| s.class == SkipClass::NoText && s.count == 1));
    assert!(r.skipped.iter().any(|s| s.class == SkipClass::Unusable && s.reason.contains("without text")));
}

#[test]
fn a_feed_that_yields_nothing_is_an_error_with_a_reason() {
    let x = "<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>";
    match documents_from_bytes("e.xml", "e.xml", x.as_bytes()) {
        Err(IngestError::Format(why)) => assert_eq!(why, "feed without items"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_xml_keeps_the_items_that_parse() {
    let x = format!(
        "<rss version=\"2.0\"><channel><title>B</title>{}<item><title>Broken<b></title><link>http://b.example/2</link><description>x</description></item>{}</channel></rss>",
        item("Good one", "http://b.example/1", "2024-01-01"),
        item("Good two", "http://b.example/3", "2024-01-02")
    );
    let r = read(x.as_bytes());
    let titles: Vec<_> = r.documents.iter().filter_map(|d| d.hints.title.clone()).collect();
    assert_eq!(titles, ["Good one", "Good two"]);
    assert!(r.skipped.iter().any(|s| s.reason.contains("1 feed item(s) with broken XML")));
}

/// Found by `readers_proptest`: a second XML declaration inside the feed made the XML
/// parser panic when it switched encodings mid-stream.
#[test]
fn a_stray_second_xml_declaration_does_not_panic() {
    let x = format!(
        "<rss version=\"2.0\"><channel><title>S</title><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>{}</channel></rss>",
        item("Kept", "http://s.example/1", "2024-01-01")
    );
    assert_eq!(read(x.as_bytes()).documents.len(), 1);
}

/// Found by the `feed` fuzz target (cargo-fuzz): an unclosed `<?xml` prolog swallowed an
/// `<item>`, which then lay before the root element and broke the item-by-item salvage.
#[test]
fn fuzz_crash_item_before_the_root_after_a_broken_prolog() {
    let input = b"<?xml v<item><title>A</t\x92iem><title>A</t\x92itle><link>/a</<item><title>A</t\x92itle><link>/a</link/l>link/l><ttp://e.eaxmple/\xfe\xff\0\0scription></ipem></cnk/l><ttp:/s>";
    no_parser_panic(&String::from_utf8_lossy(input));
}

/// Found by the `feed` fuzz target: control characters inside `<?x..ml` formed a second
/// XML declaration once they were removed.
#[test]
fn fuzz_crash_declaration_assembled_by_removing_control_characters() {
    let input = b"<?x\x1d\x1d\x1d\x1d\x1d\x1d\x1dml version=\"1.0\" encoding=\"ISO-8859-1\"?.\0><rss xmlns=\"http://backend.userland.com/rss1\"><channel><tit-)8859-1\"?><rss xuser\x91\x9e\x91\x9b.com/rss2\">\x01\0\0f<channels>";
    no_parser_panic(&String::from_utf8_lossy(input));
    no_parser_panic("<rss version=\"2.0\"><channel><?XML version=\"1.0\" encoding=\"UTF-16\"?></channel></rss>");
}

/// Found by the `ingest_bytes` fuzz target: text that looks like a JSON Feed but is not JSON
/// went to the item-by-item XML salvage without the XML repairs; the salvage took the first
/// tag (`<p>` in the JSON) as the root, so the declaration after it sat mid-stream, and its
/// switch of encoding made the XML parser panic (caught, but printed on standard error).
#[test]
fn fuzz_crash_json_looking_text_with_an_xml_declaration_inside() {
    let x = format!(
        "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{{\"content_html\":\"<p>The ferry timetable changes next week, with two more crossings every evening in summer.\"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
         <rss version=\"2.0\"><channel><title>S</title>{}</channel></rss>",
        item("Kept", "http://s.example/1", "2024-01-01")
    );
    no_parser_panic(&x);
    let e = parallax_ingest::documents_from_bytes("f.json", "f.json", x.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("JSON"), "the reason names the broken JSON: {e}");
    // Negative case: a JSON Feed that parses is read as JSON, untouched by the XML repairs.
    let json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"1\",\
        \"url\":\"http://s.example/j\",\"title\":\"<?xml?> in a title\",\"content_text\":\"Some text.\"}]}";
    let r = read(json.as_bytes());
    assert_eq!(r.documents[0].hints.title.as_deref(), Some("<?xml?> in a title"));
}

thread_local! {
    static PANICS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Panics raised so far on this thread, caught or not (a process-wide hook, installed once,
/// counts per thread so that tests running in parallel do not see each other's).
fn panics_on_this_thread() -> usize {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| p.set(p.get() + 1));
            previous(info);
        }));
    });
    PANICS.with(|p| p.get())
}

/// The reader guards the third-party parser with `catch_unwind`; these inputs must not
/// even reach that guard (no panic at all, caught or not).
fn no_parser_panic(text: &str) {
    let before = panics_on_this_thread();
    if let Err(e) = parallax_ingest::feed::read_feed("c.xml", "c.xml", text) {
        assert!(!e.to_string().contains("parser failed"), "{e}");
    }
    assert_eq!(panics_on_this_thread(), before, "the feed parser panicked (caught) on {text:?}");
}

#[test]
fn nested_and_empty_items_do_not_hide_the_real_ones() {
    let x = format!(
        "<rss version=\"2.0\"><channel><title>N</title><item/><item></item>{}<item><title>Outer</title><link>http://n.example/o</link><description>Outer text.</description><item><title></title></item></item>{}</channel></rss>",
        item("First", "http://n.example/1", "2024-01-01"),
        item("Last", "http://n.example/2", "2024-01-02")
    );
    let r = read(x.as_bytes());
    let titles: Vec<_> = r.documents.iter().filter_map(|d| d.hints.title.clone()).collect();
    assert!(
        titles.contains(&"First".to_string()) && titles.contains(&"Last".to_string()),
        "{titles:?} {:?}",
        r.skipped
    );
    assert!(titles.contains(&"Outer".to_string()), "{titles:?}");
}

#[test]
fn double_escaped_titles_and_rss_author_addresses_are_plain_text() {
    let x = "<rss version=\"2.0\"><channel><title>Moss &amp;amp; Fern&amp;#8217;s Weekly</title><link>http://m.example/</link>\
<item><title>Tide &amp;amp; wind &amp;quot;return&amp;quot;</title><link>http://m.example/1</link><description>Body.</description><author>desk@m.example (Oda Reed)</author></item>\
<item><title>Salt &amp; pepper</title><link>http://m.example/2</link><description>Body two.</description><author>Ivo Lark (guest)</author></item></channel></rss>";
    let r = read(x.as_bytes());
    let d = &r.documents;
    assert_eq!(d[0].hints.outlet.as_deref(), Some("Moss & Fern’s Weekly"));
    assert_eq!(d[0].hints.title.as_deref(), Some("Tide & wind \"return\""));
    assert_eq!(d[0].hints.author.as_deref(), Some("Oda Reed"));
    // Singly escaped text and a name with a remark in brackets stay as they are.
    assert_eq!(d[1].hints.title.as_deref(), Some("Salt & pepper"));
    assert_eq!(d[1].hints.author.as_deref(), Some("Ivo Lark (guest)"));
    let parsed = parallax_ingest::feed::parse_feed(x).unwrap();
    assert_eq!(parsed.title.as_deref(), Some("Moss & Fern’s Weekly"));
    assert_eq!(parsed.items[0].author.as_deref(), Some("Oda Reed"));
}
