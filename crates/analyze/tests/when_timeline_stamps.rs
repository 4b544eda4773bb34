//! The story timeline holds narrated events only: a dateline, a live-blog timestamp or the
//! signature of an embedded post dates the report, not an event (issue 18).

use parallax_analyze::StoryInput;
use parallax_analyze::when::{WhenReport, analyze};
use parallax_core::Article;

fn art(source: &str, published: &str, body: &str) -> Article {
    Article { source: source.into(), published: Some(published.into()), body: body.into(), ..Default::default() }
}

fn run(arts: &[Article]) -> WhenReport {
    let copy_of = vec![None; arts.len()];
    analyze(StoryInput { articles: arts, docs: &parallax_analyze::annotate_all(arts), copy_of: &copy_of }, &[], &[])
}

#[test]
fn stamps_date_the_report_not_events() {
    // 2025-03-03 is a Monday: "on Sunday" is 2025-03-02.
    let a = "PORTMOUTH, March 3 (Coastwire) - Harbour pilots counted the damaged boats along the northern quay.\n\n\
             The storm destroyed the main pier of the northern harbour on Sunday, the port authority said.\n\n\
             Updated 14:05 GMT, March 3\n\n\
             Water covered the whole waterfront promenade and the fish market this morning pic.example/x — Jane Roe (@jroe) March 1, 2025";
    let b = "Storm winds destroyed the main pier of the northern harbour on Sunday, port officials said.\n\n\
             — Sam Poe (@spoe) February 28, 2025";
    let r = run(&[art("a.txt", "2025-03-03", a), art("b.txt", "2025-03-03", b)]);
    let dates: Vec<&str> = r.timeline.iter().map(|e| e.date.as_str()).collect();
    assert!(dates.contains(&"2025-03-02"), "the narrated pier event is kept: {:#?}", r.timeline);
    for e in &r.timeline {
        assert!(!e.event.contains("@"), "a post signature became an event: {e:#?}");
        assert!(!e.event.contains("Harbour pilots"), "a dateline dated an event: {e:#?}");
        assert!(e.date != "2025-03-01" && e.date != "2025-02-28", "a signature date became an event: {e:#?}");
    }
}
