//! Fixture tests for contradictions: each kind is found, and paraphrase, rounding, hedged
//! numbers, added detail and different statements are not flagged.

use parallax_analyze::StoryInput;
use parallax_analyze::when::{WhenReport, analyze};
use parallax_core::Article;
use parallax_core::report::Contradiction;

fn art(source: &str, published: &str, body: &str) -> Article {
    Article { source: source.into(), published: Some(published.into()), body: body.into(), ..Default::default() }
}

fn run(arts: &[Article]) -> WhenReport {
    let copy_of = vec![None; arts.len()];
    analyze(StoryInput { articles: arts, docs: &parallax_analyze::annotate_all(arts), copy_of: &copy_of }, &[], &[])
}

fn of_kind<'a>(r: &'a WhenReport, kind: &str) -> Vec<&'a Contradiction> {
    r.contradictions.iter().filter(|c| c.kind == kind).collect()
}

const BRIDGE_QUOTE: &str = "“We will build the bridge before the winter comes to our city, whatever the cost,”";

#[test]
fn weekday_that_does_not_fit_its_date() {
    // 14 June 2025 is a Saturday.
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            "The trade ministers will meet in Vienna on Friday 14 June to discuss tariffs and quotas.",
        ),
        art("b.txt", "2025-06-11", "Trade ministers are set to meet in Vienna on Saturday for talks on tariffs."),
    ]);
    let c = of_kind(&r, "date");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let first = &c[0].claims[0];
    assert_eq!(first.source, "a.txt");
    assert_eq!(first.resolves_to.as_deref(), Some("2025-06-14"));
    assert!(first.error.as_deref().unwrap().contains("was a Saturday"));
    assert!(first.says.contains("Friday 14 June"));
    let other = c[0].claims.iter().find(|x| x.source == "b.txt").expect("the other report's mention");
    assert_eq!(other.resolves_to.as_deref(), Some("2025-06-14"));
}

#[test]
fn same_statement_on_different_days_and_to_different_audiences() {
    // 2025-06-10 is a Tuesday.
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            &format!(
                "Mayor Anna Kowal on Tuesday promised a new bridge for the river district.\n\nKowal told reporters at city hall that work would start soon.\n\n{BRIDGE_QUOTE} Kowal said."
            ),
        ),
        art(
            "b.txt",
            "2025-06-10",
            &format!(
                "Mayor Anna Kowal on Monday promised to build a bridge for the river district.\n\nKowal said in an interview with local radio that work would start soon.\n\n{BRIDGE_QUOTE} she said."
            ),
        ),
    ]);
    let dates = of_kind(&r, "date");
    assert_eq!(dates.len(), 1, "{:#?}", r.contradictions);
    let mut got: Vec<(String, Option<String>)> =
        dates[0].claims.iter().map(|c| (c.source.clone(), c.resolves_to.clone())).collect();
    got.sort();
    assert_eq!(got, vec![("a.txt".into(), Some("2025-06-10".into())), ("b.txt".into(), Some("2025-06-09".into()))]);
    let facts = of_kind(&r, "fact");
    assert_eq!(facts.len(), 1, "{:#?}", r.contradictions);
    assert!(facts[0].claims.iter().any(|c| c.says.contains("told reporters")));
    assert!(facts[0].claims.iter().any(|c| c.says.contains("local radio")));
}

#[test]
fn different_counts_of_the_same_thing() {
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            "The storm killed 12 people in the coastal town of Brava on Sunday, officials said.",
        ),
        art(
            "b.txt",
            "2025-06-10",
            "The storm killed 15 people in the coastal town of Brava on Sunday, officials said.",
        ),
    ]);
    let n = of_kind(&r, "number");
    assert_eq!(n.len(), 1, "{:#?}", r.contradictions);
    let vals: Vec<_> = n[0].claims.iter().filter_map(|c| c.resolves_to.clone()).collect();
    assert_eq!(vals, vec!["12".to_string(), "15".to_string()]);
}

#[test]
fn paraphrase_rounding_hedges_and_added_detail_are_not_contradictions() {
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            &format!(
                "The storm killed nearly 3,000 cattle in the valley farms, officials said.\n\n\
                 Rebels fired 2,950 rockets at the northern city of Kessa on Sunday, the army said.\n\n\
                 A flood injured 23 people in the port of Lira on Monday.\n\n\
                 Mayor Anna Kowal said on Monday that the city would build a bridge. {BRIDGE_QUOTE} Kowal said."
            ),
        ),
        art(
            "b.txt",
            "2025-06-11",
            &format!(
                "The storm killed 3,000 cattle in the valley farms, officials said.\n\n\
                 Rebels fired some 3,000 rockets at the northern city of Kessa on Sunday, the army said.\n\n\
                 A flood injured 23 people, including four children, in the port of Lira on Monday.\n\n\
                 Speaking on Monday, Mayor Anna Kowal promised the city a bridge. {BRIDGE_QUOTE} she said."
            ),
        ),
    ]);
    assert!(r.contradictions.is_empty(), "{:#?}", r.contradictions);
    // The aligned claims are agreements instead.
    assert!(r.agreements.len() >= 3, "{:#?}", r.agreements);
}

#[test]
fn different_statements_on_different_days_are_not_contradictions() {
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            &format!("Mayor Anna Kowal on Monday promised a new bridge. {BRIDGE_QUOTE} Kowal said."),
        ),
        art(
            "b.txt",
            "2025-06-10",
            "Mayor Anna Kowal on Friday opened a school. “Children deserve better schools in every district of the city,” Kowal said.",
        ),
    ]);
    assert!(r.contradictions.is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn agreements_single_source_timeline_and_summary() {
    let a = "Flooding forced 4,000 people from their homes in the river city of Tarn on Monday, officials said. \
             The regional governor declared a state of emergency on Tuesday. \
             Rescue teams from three neighbouring regions joined the effort. \
             A 70-year-old man drowned in the flooding when his car was swept off a bridge near Tarn.";
    let b = "Officials said flooding forced about 4,000 people from their homes in Tarn on Monday. \
             The governor of the region declared a state of emergency on Tuesday. \
             Rescue teams from neighbouring regions joined the effort in the city.";
    let c = "The governor declared a state of emergency in the region on Tuesday after flooding forced thousands of people from their homes in Tarn. \
             Rescue teams from neighbouring regions joined the rescue effort.";
    let r = run(&[art("a.txt", "2025-06-11", a), art("b.txt", "2025-06-11", b), art("c.txt", "2025-06-12", c)]);
    assert!(r.contradictions.is_empty(), "{:#?}", r.contradictions);
    let emergency = r.agreements.iter().find(|x| x.claim.contains("emergency")).expect("emergency agreement");
    assert_eq!(emergency.sources, vec!["a.txt", "b.txt", "c.txt"]);
    assert!(r.single_source_details.iter().any(|d| d.source == "a.txt" && d.detail.contains("drowned")));
    let t = r.timeline.iter().find(|t| t.date == "2025-06-10").expect("Tuesday entry");
    assert_eq!(t.sources, vec!["a.txt", "b.txt", "c.txt"]);
    assert!(r.timeline.iter().any(|t| t.date == "2025-06-09" && t.sources.len() >= 2));
    assert!(!r.summary.is_empty() && r.summary.iter().all(|s| s.sources.len() >= 2));
}

#[test]
fn snapshot_of_a_small_story() {
    let a = "Mayor Anna Kowal on Tuesday promised a new bridge for the river district of Tarn. \
             Kowal told reporters at city hall that work would start in the autumn. \
             The council will vote on the plan on Friday 13 June.\n\n\
             “We will build the bridge before the winter comes to our city, whatever the cost,” Kowal said.";
    let b = "Mayor Anna Kowal on Monday promised to build a bridge for the river district of Tarn. \
             Kowal said in an interview with local radio that work would start in the autumn. \
             The bridge will cost 40 million euros, according to city documents.\n\n\
             “We will build the bridge before the winter comes to our city, whatever the cost,” she said.";
    let r = run(&[art("a.txt", "2025-06-10", a), art("b.txt", "2025-06-10", b)]);
    insta::assert_json_snapshot!(
        "when_small_story",
        serde_json::json!({
            "timeline": r.timeline,
            "agreements": r.agreements,
            "single_source_details": r.single_source_details,
            "contradictions": r.contradictions,
            "summary": r.summary,
        })
    );
}

#[test]
fn rising_tolls_and_shifted_publication_dates_are_not_contradictions() {
    // A later report with a higher toll is an update.
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            "The storm killed 12 people in the coastal town of Brava on Sunday, officials said.",
        ),
        art(
            "b.txt",
            "2025-06-12",
            "The storm killed 15 people in the coastal town of Brava on Sunday, officials said.",
        ),
    ]);
    assert!(r.contradictions.is_empty(), "{:#?}", r.contradictions);
    // Both say "on Monday"; their publication dates put it in different weeks.
    let r = run(&[
        art(
            "a.txt",
            "2025-06-10",
            &format!("Mayor Anna Kowal on Monday promised a new bridge. {BRIDGE_QUOTE} Kowal said."),
        ),
        art(
            "b.txt",
            "2025-06-17",
            &format!("Mayor Anna Kowal on Monday promised a bridge. {BRIDGE_QUOTE} Kowal said."),
        ),
    ]);
    assert!(r.contradictions.is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn huge_repetitive_reports_are_bounded() {
    let unit =
        "Mayor Anna Kowal said on Monday “we will act now on the bridge for the city” and the storm killed 12 people. ";
    let body = unit.repeat(4_000);
    let t = std::time::Instant::now();
    let _ = run(&[art("a.txt", "2025-06-10", &body), art("b.txt", "2025-06-10", &body)]);
    // Debug build on a shared machine; a quadratic scan over 8,000 sentences takes far longer.
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}

#[test]
fn agreements_count_outlets_and_skip_credit_lines() {
    let text = "Flooding forced 4,000 people from their homes in the river city of Tarn on Monday, officials said.\n\n\
                Additional reporting by Ana Belo in Lisbon; Editing by Tom Hale and Mark Ruiz.";
    let update = "Flooding forced 4,000 people from their homes in the river city of Tarn on Monday, officials said on Tuesday.\n\n\
                  Additional reporting by Ana Belo in Lisbon; Editing by Tom Hale and Mark Ruiz.";
    let mut first = art("a.txt", "2025-06-10", text);
    let mut later = art("b.txt", "2025-06-11", update);
    first.wire_agency = Some("Reuters".into());
    later.wire_agency = Some("Reuters".into());
    // Two versions of one wire story: no agreement between outlets.
    let r = run(&[first.clone(), later]);
    assert!(r.agreements.is_empty(), "{:#?}", r.agreements);
    // A second outlet's report agrees on the claim, never on the credit line.
    let other = art(
        "c.txt",
        "2025-06-11",
        "Officials said flooding forced 4,000 people from their homes in the river city of Tarn on Monday.\n\n\
         Additional reporting by Ana Belo in Lisbon; Editing by Tom Hale and Mark Ruiz.",
    );
    let r = run(&[first, other]);
    assert!(r.agreements.iter().any(|a| a.claim.contains("4,000")), "{:#?}", r.agreements);
    assert!(r.agreements.iter().all(|a| !a.claim.contains("Editing by")), "{:#?}", r.agreements);
}
