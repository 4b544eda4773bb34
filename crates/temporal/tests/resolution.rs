//! Fixture tests for date resolution: weekday arithmetic across month and year ends, leap
//! years, future vs past readings, absolute and relative forms, offsets, story-level inference.

use chrono::{Datelike, NaiveDate};
use parallax_core::Article;
use parallax_temporal::{Grain, Kind, char_offsets, find_dates, infer_story_dates};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// (text, value) of every expression found.
fn vals(text: &str, dct: &str) -> Vec<(String, String)> {
    find_dates(text, Some(d(dct))).into_iter().map(|e| (e.text, e.value.unwrap_or_default())).collect()
}

/// The value of the only expression whose text is `expr`.
fn value_of(text: &str, dct: &str, expr: &str) -> String {
    let found = vals(text, dct);
    let hits: Vec<&(String, String)> = found.iter().filter(|(t, _)| t == expr).collect();
    assert_eq!(hits.len(), 1, "{expr:?} in {text:?}: {found:?}");
    hits[0].1.clone()
}

#[test]
fn weekday_past_across_month_and_year_ends() {
    // 2025-03-02 is a Sunday: the Friday before is in February.
    assert_eq!(value_of("The minister resigned on Friday.", "2025-03-02", "Friday"), "2025-02-28");
    // 2025-01-01 is a Wednesday: Monday was in 2024.
    assert_eq!(value_of("Police said on Monday that two men were held.", "2025-01-01", "Monday"), "2024-12-30");
    // The same weekday as the publication date is that day.
    assert_eq!(value_of("The council voted on Wednesday.", "2025-01-01", "Wednesday"), "2025-01-01");
    assert_eq!(value_of("It happened on Thursday.", "2025-01-01", "Thursday"), "2024-12-26");
}

#[test]
fn weekday_future_across_year_end() {
    // 2024-12-31 is a Tuesday.
    assert_eq!(value_of("The leaders will meet on Monday.", "2024-12-31", "Monday"), "2025-01-06");
    assert_eq!(value_of("Talks are scheduled to resume on Friday.", "2024-12-31", "Friday"), "2025-01-03");
    assert_eq!(value_of("Delegates were set to meet in Geneva on Thursday.", "2024-12-31", "Thursday"), "2025-01-02");
    assert_eq!(value_of("On Thursday the court will rule.", "2024-12-31", "Thursday"), "2025-01-02");
}

#[test]
fn past_verb_beats_future_sentence() {
    // "said on Monday" dates the saying, even when what was said is future.
    assert_eq!(value_of("He said on Monday he will travel.", "2025-04-23", "Monday"), "2025-04-21");
    assert_eq!(value_of("The truce, announced on Saturday, will end soon.", "2025-04-21", "Saturday"), "2025-04-19");
}

#[test]
fn last_and_next_weekday() {
    // 2025-04-21 is a Monday.
    assert_eq!(value_of("It rained last Monday.", "2025-04-21", "last Monday"), "2025-04-14");
    assert_eq!(value_of("It opens next Monday.", "2025-04-21", "next Monday"), "2025-04-28");
    assert_eq!(value_of("It opens next Friday.", "2025-04-21", "next Friday"), "2025-04-25");
}

#[test]
fn leap_years() {
    // 2024-03-01 is a Friday; 2024 is a leap year.
    assert_eq!(value_of("Shares fell on Thursday.", "2024-03-01", "Thursday"), "2024-02-29");
    assert_eq!(value_of("Shares fell yesterday.", "2024-03-01", "yesterday"), "2024-02-29");
    assert_eq!(value_of("Shares fell yesterday.", "2023-03-01", "yesterday"), "2023-02-28");
    assert_eq!(value_of("The vote on February 29 was close.", "2024-03-10", "February 29"), "2024-02-29");
    assert_eq!(value_of("Results come tomorrow.", "2024-02-28", "tomorrow"), "2024-02-29");
    assert_eq!(value_of("Results come tomorrow.", "2100-02-28", "tomorrow"), "2100-03-01");
}

#[test]
fn absolute_forms() {
    assert_eq!(value_of("Talks on April 23 in London.", "2025-04-22", "April 23"), "2025-04-23");
    assert_eq!(value_of("Talks on 23 April in London.", "2025-04-22", "23 April"), "2025-04-23");
    assert_eq!(value_of("Washington DC (UPI) Apr 22, 2025", "2025-06-01", "Apr 22, 2025"), "2025-04-22");
    assert_eq!(value_of("since February 2022 when", "2025-04-22", "February 2022"), "2022-02");
    assert_eq!(value_of("filed 2025-04-22 at noon", "2030-01-01", "2025-04-22"), "2025-04-22");
    assert_eq!(value_of("due on the 5th of May.", "2025-04-22", "the 5th of May"), "2025-05-05");
    assert_eq!(value_of("Elected in 2019, he", "2025-04-22", "2019"), "2019");
    assert_eq!(value_of("in the 1990s", "2025-04-22", "the 1990s"), "199");
    assert_eq!(value_of("profit in the third quarter rose", "2025-11-02", "the third quarter"), "2025-Q3");
    // A month-day date takes the year closest to publication: December news about January.
    assert_eq!(value_of("The law takes effect on January 5.", "2024-12-20", "January 5"), "2025-01-05");
    // Bare months follow the news convention.
    assert_eq!(value_of("He gained less territory in March.", "2025-04-22", "March"), "2025-03");
    assert_eq!(value_of("Trade fell in December.", "2025-04-22", "December"), "2024-12");
    assert_eq!(value_of("Elections will be held in December.", "2025-04-22", "December"), "2025-12");
}

#[test]
fn weekday_and_date_that_disagree() {
    let e = find_dates("countries meet in London on Thursday 23 April to discuss", Some(d("2025-04-22")));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].value.as_deref(), Some("2025-04-23"));
    assert_eq!(e[0].error.as_deref(), Some("23 April 2025 was a Wednesday: weekday and date disagree"));
    let ok = find_dates("on Wednesday, April 23, 2025, talks", Some(d("2025-04-22")));
    assert!(ok[0].error.is_none(), "{ok:?}");
    // Far from the publication date a year-less mismatch is not reported (the year is unsure).
    let far = find_dates("indicted Tuesday, Aug. 31", Some(d("2025-04-22")));
    assert!(far[0].error.is_none(), "{far:?}");
}

#[test]
fn relative_forms() {
    let dct = "2025-04-22"; // a Tuesday, ISO week 17
    assert_eq!(value_of("Trade fell last week.", dct, "last week"), "2025-W16");
    assert_eq!(value_of("Talks are scheduled this week in London.", dct, "this week"), "2025-W17");
    assert_eq!(value_of("Sales rose this year.", dct, "this year"), "2025");
    assert_eq!(value_of("Sales rose last year.", dct, "last year"), "2024");
    assert_eq!(value_of("It opens next month.", "2024-12-15", "next month"), "2025-01");
    assert_eq!(value_of("He left two days ago.", dct, "two days ago"), "2025-04-20");
    assert_eq!(value_of("He left three years ago.", dct, "three years ago"), "2022");
    assert_eq!(value_of("a truce declared at the weekend.", "2025-04-21", "the weekend"), "2025-W16-WE");
    assert_eq!(value_of("Fighting continued overnight.", "2025-04-21", "overnight"), "2025-04-21");
    assert_eq!(value_of("He said so today.", dct, "today"), "2025-04-22");
    assert_eq!(value_of("Prices are high now.", dct, "now"), "PRESENT_REF");
    assert_eq!(value_of("He had earlier on Monday said no.", dct, "Monday"), "2025-04-21");
}

#[test]
fn anchored_forms() {
    let text = "Putin spoke on Tuesday. It came four days after both leaders warned of a walk-out.";
    assert_eq!(value_of(text, "2025-04-22", "four days after"), "2025-04-18");
    let text = "The fire started on Friday. The next day, crews arrived.";
    assert_eq!(value_of(text, "2025-04-22", "The next day"), "2025-04-19");
}

#[test]
fn numbers_are_not_years() {
    let found = vals("Some 2000 troops and 1,999 tanks; 2019 was calm. It cost $2020.", "2025-04-22");
    assert_eq!(found, vec![("2019".to_string(), "2019".to_string())]);
}

#[test]
fn names_and_headings_are_not_dates() {
    let found = vals(
        "He told the USA Today paper. Today he spoke. USA TODAY reported. It is now-defunct. This Week with Ann aired.",
        "2025-04-22",
    );
    assert_eq!(found, vec![("Today".to_string(), "2025-04-22".to_string())]);
    assert!(vals("the future identification of markers", "2025-04-22").is_empty());
    assert!(vals("queues on Black Friday and Super Tuesday", "2025-04-22").is_empty());
    // A holiday is a date: Easter 2025 fell on 20 April.
    assert_eq!(value_of("queues on Easter Sunday", "2025-04-22", "Easter Sunday"), "2025-04-20");
    assert_eq!(vals("On Friday it rained. Since Monday prices fell.", "2025-04-22").len(), 2);
    assert_eq!(vals("plans for the future of the city", "2025-04-22").len(), 1);
}

#[test]
fn no_publication_date() {
    let e = find_dates("He spoke on Monday, April 21, 2025 and again on Friday.", None);
    assert_eq!(e[0].value.as_deref(), Some("2025-04-21"));
    assert_eq!(e[1].value, None);
    assert_eq!(e[1].grain, Grain::Day);
}

#[test]
fn character_offsets() {
    let text = "Ça a duré — jusqu'à Monday. Then “Tuesday”.";
    let e = find_dates(text, Some(d("2025-04-23")));
    let offs = char_offsets(text, &e);
    let chars: Vec<char> = text.chars().collect();
    for (x, (s, en)) in e.iter().zip(offs) {
        assert_eq!(chars[s..en].iter().collect::<String>(), x.text);
    }
    assert_eq!(e.len(), 2);
}

#[test]
fn linear_on_a_huge_paragraph() {
    let para = "On Monday the minister said 2019 was hard and next week looks better. ".repeat(15_000);
    let t = std::time::Instant::now();
    let e = find_dates(&para, Some(d("2025-04-22")));
    assert_eq!(e.len(), 45_000);
    // Generous bound (debug build, shared machine): quadratic behaviour would take minutes.
    assert!(t.elapsed().as_secs() < 60);
    // No sentence end at all: tense cues are looked for in a bounded window.
    let para = "Monday and 2019 and next week and ".repeat(30_000);
    let t = std::time::Instant::now();
    assert_eq!(find_dates(&para, Some(d("2025-04-22"))).len(), 90_000);
    assert!(t.elapsed().as_secs() < 60);
}

fn article(source: &str, published: Option<&str>, body: &str) -> Article {
    Article { source: source.into(), published: published.map(str::to_string), body: body.into(), ..Default::default() }
}

#[test]
fn story_dates_inferred_from_dated_reports() {
    let mut arts = vec![
        article("a", Some("2025-04-22"), "The leader on Tuesday proposed talks."),
        article("b", None, "The talks open in Rome tomorrow, on April 23. Officials met on Monday."),
        article("c", None, "Speaking on Monday, the leader proposed talks. A truce began on Saturday."),
        article("d", None, "Talks will be held on Friday."),
        article("e", None, "No date here at all."),
    ];
    assert_eq!(infer_story_dates(&mut arts), 2);
    assert_eq!(arts[1].published.as_deref(), Some("2025-04-22"));
    assert!(arts[1].published_evidence.as_deref().unwrap().contains("tomorrow, on April 23"));
    assert_eq!(arts[2].published.as_deref(), Some("2025-04-21"));
    // Only future references: no inference.
    assert_eq!(arts[3].published, None);
    assert_eq!(arts[4].published, None);
    // A story with no dated report is left alone.
    let mut undated = vec![article("x", None, "On Monday he spoke.")];
    assert_eq!(infer_story_dates(&mut undated), 0);
}

proptest! {
    #[test]
    fn weekday_resolution_invariants(days in 0i64..40_000, wd in 0usize..7, future in proptest::bool::ANY) {
        let dct = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        let text = if future { format!("They will meet on {}.", names[wd]) } else { format!("They met on {}.", names[wd]) };
        let e = find_dates(&text, Some(dct));
        prop_assert_eq!(e.len(), 1);
        prop_assert_eq!(e[0].kind, Kind::Weekday);
        let r = e[0].day().unwrap();
        prop_assert_eq!(r.weekday().num_days_from_monday() as usize, wd);
        let diff = (r - dct).num_days();
        if future { prop_assert!((0..7).contains(&diff)); } else { prop_assert!((-6..=0).contains(&diff)); }
    }

    #[test]
    fn never_panics_and_spans_are_exact(s in "\\PC{0,200}") {
        let e = find_dates(&s, Some(NaiveDate::from_ymd_opt(2025, 4, 22).unwrap()));
        for x in &e {
            prop_assert_eq!(&s[x.start..x.end], x.text.as_str());
        }
    }
}

#[test]
fn report_stamps_are_told_from_narrated_dates() {
    use parallax_temporal::is_report_stamp;
    let stamps = |text: &str, dct: &str| -> Vec<(String, bool)> {
        find_dates(text, Some(d(dct))).into_iter().map(|e| (e.text.clone(), is_report_stamp(text, &e))).collect()
    };
    // Dateline: place in capitals, comma, date, optional agency, dash.
    let s = stamps("PORTMOUTH, March 3 (Coastwire) - The pier collapsed on Sunday.", "2025-03-03");
    assert_eq!(s, vec![("March 3".into(), true), ("Sunday".into(), false)]);
    // Embedded post signature.
    let s =
        stamps("The waterfront is flooded — Jane Roe (@jroe) March 1, 2025\nThe pier fell on Sunday.", "2025-03-03");
    assert_eq!(s, vec![("March 1, 2025".into(), true), ("Sunday".into(), false)]);
    // Live-blog timestamp: a line holding only the time stamp.
    let s = stamps("Updated 14:05 GMT, March 3\nRescuers arrived on March 2.", "2025-03-03");
    assert_eq!(s, vec![("March 3".into(), true), ("March 2".into(), false)]);
    // A date inside a sentence is narrated.
    assert!(stamps("The vote on March 3 was close.", "2025-03-05").iter().all(|(_, st)| !st));
}

#[test]
fn holiday_names_used_as_modifiers_are_not_dates() {
    let found = |t: &str| find_dates(t, Some(d("2025-04-22"))).into_iter().map(|e| e.text).collect::<Vec<_>>();
    assert_eq!(found("the Easter truce he announced on Saturday"), ["Saturday"]);
    assert_eq!(found("a Christmas ceasefire"), Vec::<String>::new());
    assert_eq!(found("They met on Easter Sunday."), ["Easter Sunday"]);
}

#[test]
fn a_future_cue_does_not_send_a_recent_date_a_year_ahead() {
    // The future cue ("would") belongs to another clause; March 7 fell eleven days earlier.
    let text = "The envoy said she would bring aid to the towns where the March 7 floods destroyed 300 homes.";
    assert_eq!(value_of(text, "2024-03-18", "March 7"), "2024-03-07");
    // A date a few months ahead in a future clause stays ahead.
    let text = "The envoy said she would visit the towns on June 7 to open the new bridge.";
    assert_eq!(value_of(text, "2024-03-18", "June 7"), "2024-06-07");
}
