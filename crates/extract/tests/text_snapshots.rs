//! Snapshot tests of the text-dump extractor on small constructed dumps, plus invariants.

use parallax_core::{Article, Document};
use parallax_extract::text::extract_text;
use proptest::prelude::*;

fn run(text: &str) -> Article {
    extract_text(&Document::text("t.txt", text)).expect("extracts")
}

const P1: &str =
    "The city council voted on Tuesday to approve a new budget that raises spending on public transport by a fifth.";
const P2: &str =
    "Council leader Anna Berg said the plan would cut waiting times on the busiest bus routes within a year.";
const P3: &str = "Opposition members argued that the money should instead go to repairing roads, which they said were in poor shape.";

#[test]
fn header_and_footer_furniture() {
    let dump = format!(
        "Home | News | Sport | Weather\nSkip to content\nCouncil approves transport budget | Metro Daily\nBy Jane Smith and Tom Lee\nPublished 14 March 2024\n\n\
         LEEDS (Reuters) - {P1}\n\n{P2}\n\n{P3}\n\n(Reporting by Jane Smith; Editing by Tom Lee)\n\nShare this article\nTweet\n\
         Copyright © 2024 Metro Daily. All rights reserved.\nPrivacy Policy\nTerms of Use\n"
    );
    insta::assert_yaml_snapshot!(run(&dump));
}

#[test]
fn related_links_list_ends_article() {
    let dump = format!(
        "Council approves transport budget\n\n{P1}\n{P2}\n{P3}\n\nMore stories\nMayor opens new library in east end\n\
         Floods close two schools for a week\nLocal team wins the regional cup\nPolice appeal after break-in at shop\n\
         A five-day festival of music starts in the park on Friday with more than forty bands from across the region.\n"
    );
    insta::assert_yaml_snapshot!(run(&dump));
}

#[test]
fn newsletter_and_cookie_prompts_are_removed() {
    let dump = format!(
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.\n\
         Council approves transport budget\n\n{P1}\n\nSign up for our newsletter to get the top stories every morning.\n\n\
         {P2}\n\nAdvertisement\n\n{P3}\n\nLeave a comment\n\nThis will close in 20 seconds\n"
    );
    insta::assert_yaml_snapshot!(run(&dump));
}

#[test]
fn live_blog_with_off_topic_post() {
    let dump = "Budget vote live: council approves transport spending\n\n\
        10:02\n\
        The city council has approved a transport budget that raises bus spending by a fifth, the council leader said on Tuesday.\n\
        \u{201C}This is a good day for everyone who waits for a bus,\u{201D} she said.\n\
        09:40\n\
        Opposition members said the budget should have gone to road repairs, their spokesman told reporters.\n\
        He added that the transport vote was rushed.\n\
        09:15\n\
        A fire at a warehouse on the ring road has been put out, the fire service said.\n\
        Nobody was hurt in the blaze, which started early in the morning.\n\
        08:50\n\
        Councillors began debating the transport budget shortly after eight, the council said in a statement.\n";
    let a = run(dump);
    assert_eq!(a.kind.as_deref(), Some("live_blog"));
    assert_eq!(a.off_story_posts.len(), 1, "{:#?}", a.off_story_posts);
    assert!(a.off_story_posts[0].text.contains("warehouse"));
    assert!(!a.body.contains("warehouse"));
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn live_blog_posts_without_timestamps() {
    let dump = "Election latest: polls close as turnout rises\n\
        Turnout in the election was higher than four years ago, the electoral commission said on Sunday.\n\
        \u{201C}We have seen long queues since the morning,\u{201D} a commission spokesman said.\n\
        It was the first vote since the electoral boundaries were redrawn.\n\
        A rare bird has been spotted in a city park for the first time in decades, wildlife officials have said.\n\
        Birdwatchers gathered by the pond to see the heron, which is usually found further south.\n\
        Polls closed at 10pm and counting of the votes in the election has begun, officials said.\n\
        The first results from the polls are expected after midnight.\n";
    let a = run(dump);
    assert_eq!(a.off_story_posts.len(), 1, "{:#?}", a.off_story_posts);
    assert!(a.off_story_posts[0].text.contains("heron"));
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn no_boilerplate_at_all() {
    let dump = format!("{P1}\n\n{P2}\n\n{P3}\n");
    let a = run(&dump);
    assert_eq!(a.body, format!("{P1}\n\n{P2}\n\n{P3}"));
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn one_line_input() {
    insta::assert_yaml_snapshot!(run(P1));
}

#[test]
fn hard_wrapped_paragraphs_are_joined_verbatim() {
    let dump = "Council approves transport budget\n\n\
        The city council voted on Tuesday to approve a new budget that raises\n\
        spending on public transport by a fifth, the biggest rise in a decade.\n\n\
        Council leader Anna Berg said the plan would cut waiting times on the\n\
        busiest bus routes within a year.\n";
    let a = run(dump);
    assert_eq!(a.paragraphs().count(), 2);
    for p in a.paragraphs() {
        assert!(dump.contains(p));
    }
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn outlet_from_self_reference_and_explicit_date() {
    let dump = format!(
        "Council approves transport budget\nApr 2, 2024\n\n{P1}\n\n{P2} The BBC has not been able to independently verify the figures.\n\n{P3}\n"
    );
    let a = run(&dump);
    assert_eq!(a.outlet.as_deref(), Some("BBC"));
    assert_eq!(a.published.as_deref(), Some("2024-04-02"));
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn relative_dates_are_not_publication_dates() {
    let dump = format!("Council approves transport budget\n\nOn Tuesday, April 2, the council met. {P1}\n\n{P2}\n");
    assert_eq!(run(&dump).published, None);
}

#[test]
fn huge_single_paragraph_is_kept() {
    let sentence = "The council discussed the budget at length and agreed to meet again next week. ";
    let big = sentence.repeat(15_000); // ~1.2 MB
    let a = run(&big);
    assert_eq!(a.body, big.trim());
}

#[test]
fn empty_input_is_an_error() {
    assert!(extract_text(&Document::text("e.txt", "   \n\n ")).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Every body paragraph is a verbatim slice of the input, whatever the input.
    #[test]
    fn body_paragraphs_are_verbatim(lines in proptest::collection::vec("[A-Za-z ,.()'\u{201C}\u{201D}-]{0,120}", 0..30)) {
        let text = lines.join("\n");
        if let Ok(a) = extract_text(&Document::text("p.txt", text.clone())) {
            for p in a.paragraphs() {
                prop_assert!(text.contains(p), "not verbatim: {p:?}");
            }
            for p in &a.off_story_posts {
                for q in p.text.split("\n\n") {
                    prop_assert!(text.contains(q.trim()));
                }
            }
        }
    }
}

#[test]
fn menu_items_lose_to_the_headline() {
    let dump = format!(
        "World news today\nBusiness and markets\nCity council approves transport budget rise\nSport results live\n\n{P1}\n\n{P2}\n\n{P3}\n\n- AFP\n"
    );
    let a = run(&dump);
    assert_eq!(a.title.as_deref(), Some("City council approves transport budget rise"));
    assert_eq!(a.wire_agency.as_deref(), Some("AFP"));
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn standfirst_before_byline_is_not_body() {
    let dump = format!(
        "Council approves transport budget\nBus spending rises by a fifth in the biggest increase for a decade.\nBy Jane Smith\n22 April 2025\n\n{P1}\n\n{P2}\n\n{P3}\n"
    );
    let a = run(&dump);
    assert!(a.body.starts_with(P1), "{}", a.body);
    assert_eq!(a.byline.as_deref(), Some("Jane Smith"));
    assert_eq!(a.published.as_deref(), Some("2025-04-22"));
    insta::assert_yaml_snapshot!(a);
}

#[test]
fn live_blog_whose_newest_post_is_off_topic() {
    let dump = "Budget vote live: council approves transport spending\n\n\
        11:30\n\
        A fire at a warehouse on the ring road has been put out, the fire service said.\n\
        10:02\n\
        The city council has approved a transport budget that raises bus spending by a fifth, the council leader said on Tuesday.\n\
        09:40\n\
        Opposition members said the budget vote was rushed, their spokesman told reporters.\n";
    let a = run(dump);
    assert_eq!(a.off_story_posts.len(), 1, "{:#?}", a.off_story_posts);
    assert!(a.off_story_posts[0].text.contains("warehouse"));
    assert!(a.body.starts_with("The city council"));
}

#[test]
fn crlf_and_bom_are_tolerated() {
    let dump = format!("\u{FEFF}Council approves transport budget\r\n\r\n{P1}\r\n\r\n{P2}\r\n");
    let a = run(&dump);
    assert_eq!(a.title.as_deref(), Some("Council approves transport budget"));
    assert_eq!(a.body, format!("{P1}\n\n{P2}"));
}
