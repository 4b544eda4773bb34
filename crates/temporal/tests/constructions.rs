//! Snapshot per construction (issue 18): small sentences written for the test, each rendered as
//! `text => value TYPE` for every TIMEX3 expression `find_timexes` finds. The DCT of every case is
//! given in its line; review changes with `cargo insta review`.

use chrono::NaiveDate;
use parallax_temporal::find_timexes;

/// Renders each (DCT, sentence) case.
fn render(cases: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (dct, text) in cases {
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").expect("dct");
        out.push_str(&format!("[{dct}] {text}\n"));
        for e in find_timexes(text, Some(dct)) {
            out.push_str(&format!("    {:?} => {} {}\n", e.text, e.value.unwrap_or_default(), e.timex_type.as_str()));
        }
    }
    out
}

#[test]
fn calendar_dates() {
    insta::assert_snapshot!(render(&[
        ("2025-04-22", "Talks open on April 23 in Lisbon and close on 25 April."),
        ("2025-06-01", "The ferry sank on Tuesday, April 22, 2025, off the coast."),
        ("2025-06-01", "The contract was signed Feb. 3, 2024 and renewed in March 2025."),
        ("2025-04-22", "The ceremony is on the 5th of May."),
        ("2025-12-10", "The hiker went missing on March 8 near the ridge."),
        ("2025-12-10", "The museum will reopen on March 8 after the works."),
        ("2025-11-20", "Results for the year ended March 31 were weak."),
    ]));
}

#[test]
fn weekdays_by_tense() {
    // 2025-03-05 is a Wednesday.
    insta::assert_snapshot!(render(&[
        ("2025-03-05", "The minister resigned on Monday."),
        ("2025-03-05", "The minister will resign on Friday."),
        ("2025-03-05", "Governor Diaz Friday signed the budget."),
        ("2025-03-05", "Shops were closed on Good Friday."),
        ("2025-03-05", "It rained last Monday and will rain next Monday."),
        ("2025-03-05", "Protesters gathered Tuesday night outside the court."),
    ]));
}

#[test]
fn relative_periods() {
    insta::assert_snapshot!(render(&[
        ("1998-02-13", "Sales fell last week and rose this month."),
        ("1998-02-13", "The plant opened last year and will expand next year."),
        ("1998-02-13", "Prices jumped in June last year and again in January this year."),
        ("1998-02-13", "The deal closes next spring, after a quiet winter."),
        ("1998-02-13", "Inflation was high in the 1990s and the late 1970s."),
        ("1998-02-13", "Shares fell in January and the board met in the second half of 1997."),
    ]));
}

#[test]
fn financial_quarters() {
    insta::assert_snapshot!(render(&[
        ("1989-10-26", "Third-quarter profit rose 10% to $5 million from $4 million a year earlier."),
        ("1989-10-26", "Net income in the third quarter fell. In the year-ago quarter it was higher."),
        ("1989-10-26", "The latest quarter was weak, and the company expects next year's first quarter to be better."),
        ("1989-10-26", "Revenue in the 1988 period was $2 million; this year's third quarter brought $3 million."),
        ("1989-10-26", "In fiscal 1988 the company earned $17 million."),
    ]));
}

#[test]
fn anchored_and_vague() {
    insta::assert_snapshot!(render(&[
        ("2025-05-20", "The dam broke on May 2. Two days later the valley was flooded."),
        ("2025-05-20", "The strike ended a week ago and work is now back to normal."),
        ("2025-05-20", "Costs have risen recently and may fall in the future."),
        ("2025-05-20", "Attacks increased in recent years and may continue in coming months."),
        ("2025-05-20", "Talks came four days after the ceasefire of May 10."),
    ]));
}

#[test]
fn durations_sets_and_times() {
    insta::assert_snapshot!(render(&[
        ("2025-05-20", "The rescuers searched for around 18 days."),
        ("2025-05-20", "Prices rose in the past 10 months, and the 6-year-old boy was found."),
        ("2025-05-20", "Trains run daily and the market opens every Monday."),
        ("2025-05-20", "The plan saves $5 million a year."),
        ("2025-05-20", "The deadline is 9 a.m. Tuesday; talks resumed at noon."),
    ]));
}

#[test]
fn tense_cues_in_the_clause() {
    insta::assert_snapshot!(render(&[
        // A decimal point or an abbreviation does not end the clause that carries the cue.
        ("2024-10-27", "Norland Mills said it will buy back 2.5 million preferred shares on Oct. 31."),
        ("2024-10-27", "Mr. Vale said the U.S. unit will close on Nov. 4."),
        // A month one or two ahead is the coming one, unless a past verb governs it.
        ("2025-02-10", "The council has decided to admit two new towns in early March."),
        ("2025-11-02", "Brookfield announced a deal to acquire the Tarn Valley bank in January."),
        ("2025-10-27", "The firm changed from a fiscal year to a calendar year in December."),
        // Up to four months ahead when an infinitive or a deadline governs the month.
        ("2025-10-30", "Halden Corp. agreed to purchase the pump line in February."),
        ("2025-10-30", "The group plans to repay the bridge loan by February."),
        ("2025-10-30", "Sales rose to 5 million in February."),
        ("2025-10-30", "Lenders extended the credit line through January."),
        ("2025-04-03", "The ferry could sail as early as Tuesday, or as soon as Monday."),
        ("2025-10-30", "Orchard Co. sold its dairy unit this past spring; a strike began last spring."),
        ("2025-12-01", "Rescuers found the raft Thanksgiving Day drifting off the cape."),
        ("2025-05-20", "The bridge will soon reopen."),
        // "the plan" is a noun; "plans to" a cue, also further on when the date opens the clause.
        ("2025-10-27", "The co-op announced the plan Aug. 21 after a long review."),
        ("2025-10-27", "On Tuesday, the Harbour Guild plans to hold a vote on the fees."),
        // A present-tense scheduling verb right before the day.
        ("2025-05-02", "The two envoys meet separately Monday with the mediator."),
    ]));
}

#[test]
fn quarters_narrated_and_year_ago() {
    insta::assert_snapshot!(render(&[
        // A quarter not over by the DCT is not the one being narrated.
        (
            "2025-11-03",
            "Flooding will bring a fourth-quarter charge. Sales fell in the latest quarter from a year ago.",
        ),
        ("2025-10-27", "In the year-ago third quarter, Brindle Mills earned $2 million."),
    ]));
}

#[test]
fn years_decades_and_centuries_as_periods() {
    insta::assert_snapshot!(render(&[
        ("1998-10-26", "Debt should fall by year-end, and sales rise for the full year."),
        ("1998-10-26", "Margins in the current fiscal year will improve by the end of the year."),
        ("1998-10-26", "Rents soared in the nineties and in the late eighties."),
        ("1998-10-26", "The 19th century mill was rebuilt in the twentieth century."),
        ("1998-10-26", "Exports rose for the year, after a slump the year before."),
        ("1998-10-26", "Margins will shrink in the last half of 1999."),
    ]));
}

#[test]
fn anaphoric_periods() {
    insta::assert_snapshot!(render(&[
        ("2025-05-20", "Mira Okafor joined the navy in 2011 and the following year she was promoted."),
        ("2025-05-20", "The mill closed in March 2019; that year, exports halved. The following month it reopened."),
        ("2025-05-20", "The bridge fell on May 2. Earlier that day, the river had risen."),
        ("2025-05-20", "That year was hard."),
        ("2025-05-20", "The walls were built a decade ago."),
        ("2025-12-10", "The raft was found last Thanksgiving, and the fair opens next Thanksgiving."),
    ]));
}

#[test]
fn year_to_date_and_quarter_narration() {
    insta::assert_snapshot!(render(&[
        // After "the nine months" the report compares years to date, not quarters.
        (
            "2011-10-27",
            "Brindle Corp. said third-quarter profit rose to $4 million from $3 million a year earlier. \
             For the nine months, profit was $11 million, up from $9 million a year earlier. \
             The year-earlier results included a gain.",
        ),
        // An earlier quarter named in passing does not move the narration back.
        (
            "2011-10-27",
            "Fenwick Inc. posted a gain in third-quarter net. After a weak second quarter, sales recovered. \
             In the 2011 period, costs were lower than a year ago.",
        ),
        // A fiscal quarter does: it is named on another calendar.
        ("2011-10-27", "Orlan Airways earned a record in the fiscal first quarter. Traffic rose 9% in the quarter.",),
        ("2011-10-27", "Its stock hit a quarter-century low; the quarter-to-quarter comparison was poor."),
    ]));
}

#[test]
fn the_day_before_and_after() {
    insta::assert_snapshot!(render(&[
        ("2012-03-15", "The day before last Tuesday's hearing, the mayor met the council."),
        ("2012-03-15", "Trading slowed after March 2, the day before the storm hit the coast."),
        ("2012-03-15", "He was last seen March 4, the day before the police searched the farm."),
        ("2012-03-15", "Two men came to the house the day after his death."),
        ("2012-03-15", "The council met on March 4 and the mayor resigned the day after."),
        ("2012-03-15", "The hearing is set for the week of April 9."),
    ]));
}

#[test]
fn generic_today_and_set() {
    insta::assert_snapshot!(render(&[
        ("2012-03-15", "This is a lesson for today's youth and for the leaders of tomorrow."),
        ("2012-03-15", "Many of today's phones use the chip; today's vote was close."),
        ("2012-03-15", "The index closed near the record set on Aug. 8."),
        ("2012-03-17", "The court set Friday as the deadline for an appeal."),
        ("2012-11-02", "The firm has set Nov. 10 as the deadline for rival bids."),
    ]));
}

#[test]
fn deadlines_and_anchored_weekdays() {
    // 2012-03-12 is a Monday.
    insta::assert_snapshot!(render(&[
        ("2012-03-12", "The agency extended its deadline until 9 a.m. Thursday."),
        ("2012-03-12", "Officials postponed until Wednesday morning any ruling on the permit."),
        ("2012-03-12", "The tenants have until Friday to leave the building."),
        ("2012-03-12", "Up until Thursday, the police had described him only as a witness."),
        ("2012-03-12", "The index fell on Friday. Tokyo fell overnight, 3% down from the previous Friday."),
    ]));
}

#[test]
fn vague_past_and_reported_quarter() {
    insta::assert_snapshot!(render(&[
        ("2012-03-12", "Support for the plan rose from 30 percent several years ago."),
        ("2012-03-12", "The laundry room was removed a few years ago."),
        ("2012-03-12", "Holders may buy shares at half the then-current price."),
        ("2012-03-12", "The film High Noon was shown; for the team, high noon comes today."),
        // An earnings report early in a quarter calls the quarter just reported "this quarter".
        ("2011-11-02", "Sales for this year's third quarter fell. This quarter's loss includes charges."),
        ("2011-12-20", "The company expects a profit this quarter."),
        ("2011-11-02", "Third-quarter sales fell; the current quarter has begun well."),
    ]));
}

#[test]
fn periods_of_relative_years_and_numeric_forms() {
    insta::assert_snapshot!(render(&[
        // A quarter or half of a year named relative to the DCT is one expression.
        ("2013-03-22", "The second quarter of this year was weak; the third quarter of last year was worse."),
        ("2013-03-22", "The first half of next year looks better than the second half of 2012."),
        // Quarters as financial reports write them; "Q5" is a model name, not a quarter.
        ("2013-03-22", "Orders rose in Q3 2012 and fell in 2012 Q4. The Q5 sold well."),
        // Digits only: month first, unless the first number cannot be a month.
        ("2013-03-22", "The permit was issued on 3/15/2013 and renewed on 25/2/2013; see page 1/2/2013/4."),
        // "the past year" is the year before the DCT's; not "the last year of the war".
        ("1998-03-03", "Complaints rose over the past year, as in the last year of the war."),
        // Vague future references.
        ("1989-10-30", "We do not minimize the challenges of the near term; more funds may come at a later date."),
    ]));
}

#[test]
fn lengths_before_events_are_durations() {
    insta::assert_snapshot!(render(&[
        // Before or after an event, "ten days" is a length of time, not a date.
        ("1999-05-05", "A jogger saw the car ten days before the shooting."),
        ("1998-03-04", "It took twenty years after the first flight for the rules to change."),
        // Before or after a date it names a date.
        ("1998-03-04", "The shops reopened two days after Christmas and a week before March 10."),
    ]));
}

#[test]
fn possessive_days_holidays_and_effective_dates() {
    insta::assert_snapshot!(render(&[
        // 2025-03-07 is a Friday. A possessive day names an event already reported, whatever
        // the tense of the clause; an event still awaited is ahead.
        ("2025-03-07", "Lawyers for the club will try to overturn Wednesday's verdict."),
        ("2025-03-07", "Crowds gathered in the square ahead of Sunday's vote."),
        // A holiday followed by a preposition is the day, not a modifier.
        ("2025-02-10", "The trawler sank last Thanksgiving following a storm."),
        ("2025-02-10", "Thanksgiving shopping fell across the valley."),
        // Without a tense cue, the nearer occurrence of a holiday.
        ("2024-10-20", "Volunteers knock on doors from now to Election Day."),
        ("2025-01-15", "Ms. Ortega was elected on Election Day."),
        // The morning after the day narrated.
        ("2025-03-10", "The judge heard the case on March 3 and ruled the next morning."),
        ("2025-03-10", "She trained every morning before work."),
        // A change "effective" on a date is announced ahead of it; once it "became effective",
        // the date is past.
        ("2025-10-20", "The union signed a new pact effective June 1."),
        ("2025-10-20", "The old pact became effective June 1."),
    ]));
}

#[test]
fn the_future_as_a_time() {
    insta::assert_snapshot!(render(&[
        // `the future` as a time: before a preposition, a conjunction or a relative clause.
        ("2025-03-12", "Storms will batter the coast well into the future if nothing changes."),
        ("2025-03-12", "Her parents worry about the future that awaits her."),
        ("2025-03-12", "The mill may be sold in the near future."),
        // Not a time: an adjective.
        ("2025-03-12", "The future mayor spoke first."),
        ("2025-03-12", "Its future earnings look weak."),
    ]));
}

#[test]
fn later_than_the_year_narrated() {
    insta::assert_snapshot!(render(&[
        // Years or months "later" count from the time narrated, not from the report.
        ("2025-03-12", "The bridge opened in 1998 and closed two years later."),
        ("2025-03-12", "The mine opened in May 2010 and flooded six months later."),
        // "earlier" counts from a time narrated in its sentence; without one, from the report.
        ("2025-03-12", "The inn was founded in 2005; a year earlier its owner had sold a farm."),
        ("2025-03-12", "Exports were 4 percent higher than a year earlier."),
    ]));
}

#[test]
fn scheduled_events_in_the_news_present() {
    insta::assert_snapshot!(render(&[
        // 2025-03-12 is a Wednesday. The news present announces a scheduled event, also past
        // "again" and "in"; the past tense dates the event before the report.
        ("2025-03-12", "Ministers meet again on Friday."),
        ("2025-03-12", "Ministers met again on Friday."),
        ("2025-03-12", "The merger closes in June."),
        ("2025-03-12", "The merger closed in June."),
    ]));
}

#[test]
fn one_day_after_a_modal_is_a_vague_future() {
    insta::assert_snapshot!(render(&[
        ("2025-03-12", "Residents hope the museum will one day reopen."),
        ("2025-03-12", "The valley could someday flood again."),
        // Without a modal it is a length of time.
        ("2025-03-12", "The strike lasted one day."),
    ]));
}

#[test]
fn days_of_ongoing_events() {
    // 2024-06-12 is a Wednesday; Easter 2024 was March 31.
    insta::assert_snapshot!(render(&[
        ("2024-06-12", "Today is the ninth day of the dock strike in the port."),
        ("2024-06-12", "It's the third straight day of rain on the coast."),
        ("2024-06-12", "The talks stalled on the third day of the summit."),
        ("2024-03-27", "Pilgrims crowded the old town as Easter week began."),
        ("2024-03-27", "The shop sold Easter eggs."),
    ]));
}

#[test]
fn year_ends_and_last_decades() {
    insta::assert_snapshot!(render(&[
        ("2024-06-12", "The index has gained 8% since year-end."),
        ("2024-06-12", "The firm plans to cut 500 jobs by year-end."),
        ("2024-06-12", "Wages lost ground to prices in the last decade."),
        ("2024-06-12", "Attacks had become routine over the past decade."),
    ]));
}
