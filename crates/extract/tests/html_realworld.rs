//! Real-world page failure classes from issue 14, one hand-written fixture each.

use parallax_core::{DocKind, Document};
use parallax_extract::extract;

fn page(html: &str) -> Document {
    Document { kind: DocKind::Html, ..Document::text("p.html", html) }
}

fn para(k: usize) -> String {
    format!(
        "<p>Paragraph {k} of the report says the committee met again and the members agreed on a plan for the river banks.</p>"
    )
}

#[test]
fn entities_are_decoded_in_json_ld_and_meta_fields() {
    let html = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"R&uuml;ckbau &amp; Neubau am Fluss &bdquo;Alte Br&uuml;cke&ldquo;","author":{{"name":"J&ouml;rg M&uuml;ller"}}}}</script>
<meta name="description" content="x"></head><body><article>{}</article></body></html>"#,
        (0..4).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert_eq!(a.title.as_deref(), Some("Rückbau & Neubau am Fluss „Alte Brücke“"));
    assert_eq!(a.byline.as_deref(), Some("Jörg Müller"));
}

#[test]
fn json_ld_article_body_replaces_a_teaser() {
    let full: Vec<String> = (0..12)
        .map(|k| format!("Full paragraph {k} tells the whole story of the flood and what the town did next."))
        .collect();
    let html = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Flood","articleBody":"{}"}}</script></head>
<body><article><h1>Flood</h1><p>Full paragraph 0 tells the whole story of the flood and what the town did next …</p></article></body></html>"#,
        full.join("\\n")
    );
    let a = extract(&page(&html)).unwrap();
    assert_eq!(a.body.split("\n\n").count(), 12, "{}", a.body);
    assert!(a.body.contains("Full paragraph 11"));
}

#[test]
fn up_next_social_sign_offs_and_recaptcha_are_boilerplate() {
    let html = format!(
        "<html><body><article><h1>Bridge plan approved</h1>{}<p>Follow us on Twitter and Facebook for more news.</p>\
         <p>This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.</p>\
         <p>Up next</p><p>A different story about a cat stuck in a tree for three days in the village.</p></article></body></html>",
        (0..4).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert!(a.body.contains("Paragraph 3"));
    for gone in ["Follow us", "reCAPTCHA", "Up next", "cat stuck"] {
        assert!(!a.body.contains(gone), "{gone} kept: {}", a.body);
    }
}

#[test]
fn the_body_stops_at_the_next_articles_headline() {
    let html = format!(
        "<html><body><article><h1>First story headline here</h1>{}</article>\
         <article><h1>Second unrelated story headline</h1><p>Second story text about a football match that ended in a draw after extra time.</p>{}</article></body></html>",
        (0..4).map(para).collect::<String>(),
        (10..13).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert_eq!(a.title.as_deref(), Some("First story headline here"));
    assert!(!a.body.contains("football"), "{}", a.body);
    assert!(!a.body.contains("Paragraph 10"), "{}", a.body);
}

#[test]
fn crawled_pages_prefer_their_h1_to_a_generic_site_title() {
    let html = format!(
        "<html><head><title>Notes from the Garden</title></head><body><h1>Planting tomatoes in late spring</h1>{}</body></html>",
        (0..4).map(para).collect::<String>()
    );
    let mut d = page(&html);
    assert_eq!(extract(&d).unwrap().title.as_deref(), Some("Notes from the Garden"));
    d.hints.crawled = true;
    assert_eq!(extract(&d).unwrap().title.as_deref(), Some("Planting tomatoes in late spring"));
    // The same with the site's name as og:title on every page.
    let og = html.replace("<title>", r#"<meta property="og:site_name" content="Notes from the Garden"><meta property="og:title" content="Notes from the Garden"><title>"#);
    let mut d = page(&og);
    d.hints.crawled = true;
    assert_eq!(extract(&d).unwrap().title.as_deref(), Some("Planting tomatoes in late spring"));
}

#[test]
fn headlines_are_capped() {
    let long = "word ".repeat(2000);
    let html =
        format!("<html><head><title>{long}</title></head><body>{}</body></html>", (0..4).map(para).collect::<String>());
    let t = extract(&page(&html)).unwrap().title.unwrap();
    assert!(t.chars().count() <= parallax_extract::MAX_HEADLINE_CHARS + 1, "{}", t.len());
    assert!(t.ends_with('…'));
}

#[test]
fn a_page_whose_blocks_all_fail_still_gives_its_description() {
    let html = r#"<html><head><meta property="og:description" content="A short summary of the story about the harbour."></head><body><nav><a href="/">Home</a></nav></body></html>"#;
    let a = extract(&page(html)).unwrap();
    assert_eq!(a.body, "A short summary of the story about the harbour.");
}

#[test]
fn paragraphs_outside_any_content_block_are_still_output() {
    // Every paragraph sits in a link-heavy list item, which content scoring rejects.
    let items: String = (0..3)
        .map(|k| format!("<li><a href=\"/x{k}\"><p>Linked paragraph {k} holds the report text about the storm and the harbour repairs.</p></a></li>"))
        .collect();
    let html = format!("<html><body><nav><ul>{items}</ul></nav></body></html>");
    let a = extract(&page(&html)).expect("the <p> fallback gives output");
    assert!(a.body.contains("Linked paragraph 0"), "{}", a.body);
}

#[test]
fn an_article_split_into_blocks_of_one_class_across_the_page_is_read_whole() {
    let part = |ks: std::ops::Range<usize>| ks.map(para).collect::<String>();
    let links: String = (0..6)
        .map(|k| format!("<p><a href=\"/other/{k}\">Another story number {k} about the harbour market</a></p>"))
        .collect();
    let html = format!(
        "<html><body><h1>River banks plan agreed</h1>\
         <section><div class=\"col\"><div class=\"body-text\">{}</div><aside class=\"ad\"><div>Advertisement</div></aside></div></section>\
         <section><div class=\"row\"><div class=\"col\"><div class=\"body-text\">{}</div></div></div></section>\
         <section><div class=\"body-text\">{links}</div></section></body></html>",
        part(0..3),
        part(3..9)
    );
    let a = extract(&page(&html)).unwrap();
    assert!(a.body.starts_with("Paragraph 0"), "{}", a.body);
    assert!(a.body.contains("Paragraph 8"), "{}", a.body);
    // A block of the same class that is only links is not article text.
    assert!(!a.body.contains("Another story"), "{}", a.body);
}

#[test]
fn related_labels_and_reader_appeals_end_the_body_in_its_latter_half() {
    let body = |extra_start: &str, tail: &str| {
        format!(
            "<html><body><article><h1>Ferry timetable changes</h1>{extra_start}{}{tail}</article></body></html>",
            (0..6).map(para).collect::<String>()
        )
    };
    let tail = "<p>Weiterlesen:</p><p>The new issue of the Gullholm Post is at every kiosk and as an e-paper now.</p>";
    let a = extract(&page(&body("", tail))).unwrap();
    assert!(
        a.body.contains("Paragraph 5") && !a.body.contains("Weiterlesen") && !a.body.contains("kiosk"),
        "{}",
        a.body
    );
    let appeal = "<p>Do you like our magazine? We chose not to put up a paywall, so please consider donating.</p><p>Thank you, the team.</p>";
    let a = extract(&page(&body("", appeal))).unwrap();
    assert!(
        a.body.contains("Paragraph 5") && !a.body.contains("paywall") && !a.body.contains("the team"),
        "{}",
        a.body
    );
    // Early in the article the same lines are article text (a paywall story), not its end.
    let early = "<p>Read more:</p><p>The paper put up a paywall last year and lost a third of its readers, the report said.</p>";
    let a = extract(&page(&body(early, ""))).unwrap();
    assert!(a.body.contains("paywall last year") && a.body.contains("Paragraph 5"), "{}", a.body);
}

#[test]
fn section_ids_made_from_their_own_heading_are_not_boilerplate_hints() {
    // Documentation generators give each section an id spelled from its heading; a heading
    // word ("sharing", "related") must not make the section look like a share bar.
    let section = |id: &str, head: &str, ks: std::ops::Range<usize>| {
        format!("<div class=\"section\" id=\"{id}\"><h2>{head}</h2>{}</div>", ks.map(para).collect::<String>())
    };
    let html = format!(
        "<html><body><div class=\"body\"><h1>Working with river data</h1>{}{}{}\
         <div id=\"sharing-tools-bar\"><p>Share this page with your friends and colleagues on every network you use.</p></div></div></body></html>",
        section("getting-the-data", "Getting the data", 0..3),
        section("sharing-notes-with-a-reviewer", "Sharing notes with a reviewer", 3..6),
        section("related-work-on-flood-plains", "Related work on flood plains", 6..9),
    );
    let a = extract(&page(&html)).unwrap();
    for kept in
        ["Paragraph 0", "Sharing notes with a reviewer", "Paragraph 5", "Related work on flood plains", "Paragraph 8"]
    {
        assert!(a.body.contains(kept), "{kept} lost: {}", a.body);
    }
    assert!(!a.body.contains("Share this page"), "{}", a.body);
}

#[test]
fn a_boilerplate_classed_list_that_outweighs_the_article_stays_out() {
    // A gallery or teaser list with long, comma-rich items holds most of the page's text; its
    // class still marks it as not the article.
    let items: String = (0..12)
        .map(|k| {
            format!(
                "<li><h3>{k}/12 Market day</h3><p>Item {k}: traders, farmers, bakers and fishers sold bread, cheese, apples, pears, \
                 fish and flowers, the council said, while visitors, tourists and locals queued in the square for hours.</p></li>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><h1>Harbour market reopens</h1><div class=\"story\"><div class=\"story-text\">{}</div>\
         <ul class=\"gallery related-items\">{items}</ul></div></body></html>",
        (0..5).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert!(a.body.contains("Paragraph 0") && a.body.contains("Paragraph 4"), "{}", a.body);
    assert!(!a.body.contains("Market day") && !a.body.contains("Item 3"), "{}", a.body);
}

#[test]
fn a_lead_classed_wrapper_around_one_paragraph_below_the_headline_is_the_lead() {
    let html = |lead: &str| {
        format!(
            "<html><body><header class=\"story-head\"><h1>Ferry link to the islands restored</h1>{lead}</header>\
             <div class=\"story-body\">{}</div></body></html>",
            (0..5).map(para).collect::<String>()
        )
    };
    let wrapped = "<div class=\"story-hook\"><div>The island ferry runs again from Monday after a winter of repairs to the pier and the ramps.</div></div>";
    let a = extract(&page(&html(wrapped))).unwrap();
    assert!(a.body.starts_with("The island ferry runs again"), "{}", a.body);
    assert!(a.body.contains("Paragraph 4"), "{}", a.body);
    // A lead-classed block holding a lead and a byline paragraph is not taken whole.
    let two = "<div class=\"story-hook\"><div><p>The island ferry runs again from Monday after a winter of repairs.</p>\
               <p>by Jo Example and the harbour desk</p></div></div>";
    let a = extract(&page(&html(two))).unwrap();
    assert!(!a.body.contains("harbour desk"), "{}", a.body);
}

#[test]
fn a_heading_left_alone_after_its_block_was_dropped_goes_too() {
    let links = |cls: &str| {
        let items: String = (0..4)
            .map(|k| {
                format!(
                    "<li class=\"{cls}\"><a href=\"/s/{k}\">Other story {k} about the port and its new cranes</a></li>"
                )
            })
            .collect();
        format!("<ul>{items}</ul>")
    };
    let html = format!(
        "<html><body><article><h1>Port cranes arrive</h1>{}\
         <div class=\"subhead\"><h2>What the cranes cost</h2></div>{}\
         <section class=\"box\"><h2>Discover more now</h2>{}</section>\
         <section class=\"box\"><h2>Also worth a look</h2>{}</section>{}</article></body></html>",
        (0..3).map(para).collect::<String>(),
        (3..5).map(para).collect::<String>(),
        links("link-item"),
        links("related-item"),
        (5..6).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert!(a.body.contains("What the cranes cost") && a.body.contains("Paragraph 5"), "{}", a.body);
    for gone in ["Discover more", "Also worth", "Other story"] {
        assert!(!a.body.contains(gone), "{gone} kept: {}", a.body);
    }
}

#[test]
fn editorial_disclaimers_are_not_article_text() {
    for note in [
        "The views expressed in this column are those of the author and not of the paper.",
        "Dieser Kommentar gibt die Meinung der Autorin wieder, nicht unbedingt die der Redaktion.",
        "Cette tribune n’engage que son auteur.",
        "Este texto no refleja la opinión del diario.",
    ] {
        let html = format!(
            "<html><body><article><h1>Why the bridge should wait</h1>{}<p>{note}</p></article></body></html>",
            (0..5).map(para).collect::<String>()
        );
        let a = extract(&page(&html)).unwrap();
        assert!(a.body.contains("Paragraph 4") && !a.body.contains(note), "{}", a.body);
    }
}

#[test]
fn an_inline_caption_beside_an_image_is_not_article_text() {
    let html = format!(
        "<html><body><article><h1>New cranes at the port</h1>{}\
         <div class=\"pic\"><img src=\"c.jpg\" alt=\"\"><strong class=\"caption\">Two cranes on the quay at dawn, seen from the ferry</strong></div>\
         <p><span class=\"photo-credit\">HARBOURTOWN</span> — The cranes were unloaded on Monday and will lift their first containers next week.</p>{}</article></body></html>",
        (0..3).map(para).collect::<String>(),
        (3..5).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert!(!a.body.contains("Two cranes on the quay"), "{}", a.body);
    // Inside a paragraph the same kind of class marks a dateline, which stays.
    assert!(a.body.contains("HARBOURTOWN — The cranes") && a.body.contains("Paragraph 4"), "{}", a.body);
}

#[test]
fn ad_slot_labels_are_not_article_text() {
    let html = format!(
        "<html><body><article><h1>Tram line extended</h1>{}<div class=\"slot\">ADVERTISING</div>{}\
         <p>Anzeige</p><p>– Story continues below advertisement –</p>{}</article></body></html>",
        (0..2).map(para).collect::<String>(),
        (2..4).map(para).collect::<String>(),
        (4..6).map(para).collect::<String>()
    );
    let a = extract(&page(&html)).unwrap();
    assert!(a.body.contains("Paragraph 0") && a.body.contains("Paragraph 5"), "{}", a.body);
    for gone in ["ADVERTISING", "Anzeige", "continues below"] {
        assert!(!a.body.contains(gone), "{gone} kept: {}", a.body);
    }
}
