//! Fixture tests for fact contradictions across outlets (ages, counts read as intervals, places),
//! run through the whole story analysis so that people come from the entity stage. Each class is
//! found, and each reading under which both reports could hold is not flagged.

use parallax_analyze::{StoryInput, analyze_story, annotate_all};
use parallax_core::Article;
use parallax_core::report::{Contradiction, StoryReport};

fn art(source: &str, published: &str, body: &str) -> Article {
    Article { source: source.into(), published: Some(published.into()), body: body.into(), ..Default::default() }
}

fn run(arts: &[Article]) -> StoryReport {
    let copy_of = vec![None; arts.len()];
    analyze_story(StoryInput { articles: arts, docs: &annotate_all(arts), copy_of: &copy_of })
}

fn of_kind<'a>(r: &'a StoryReport, kind: &str) -> Vec<&'a Contradiction> {
    r.contradictions.iter().filter(|c| c.kind == kind).collect()
}

const FIRE_A: &str = "Police arrested 34-year-old Daniel Okafor on Tuesday after the fire at the grain warehouse. \
    Okafor was held overnight at the central station, officers said.";

#[test]
fn a_persons_age_given_two_ways() {
    let r = run(&[
        art("a.txt", "2024-03-06", FIRE_A),
        art(
            "b.txt",
            "2024-03-06",
            "Daniel Okafor, 37, was arrested on Tuesday after the grain warehouse fire, police said. \
             He was held overnight.",
        ),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("Okafor"), "{:#?}", c[0]);
    let says: Vec<(&str, &str)> = c[0].claims.iter().map(|x| (x.source.as_str(), x.says.as_str())).collect();
    assert!(says.contains(&("a.txt", "34-year-old Daniel Okafor")), "{says:?}");
    assert!(says.contains(&("b.txt", "Daniel Okafor, 37")), "{says:?}");
}

#[test]
fn ages_that_can_both_hold_are_not_contradictions() {
    let r = run(&[
        // A year apart: a birthday may fall between the reports.
        art("a.txt", "2024-03-06", FIRE_A),
        art(
            "b.txt",
            "2025-03-20",
            "Daniel Okafor, 35, went on trial on Monday over the grain warehouse fire, prosecutors said.",
        ),
        // An age told for another time.
        art(
            "c.txt",
            "2024-03-07",
            "Daniel Okafor, 29, was first cautioned by police when he worked at the docks. \
             He was arrested on Tuesday after the grain warehouse fire.",
        ),
        // A different person's age in the same words.
        art(
            "d.txt",
            "2024-03-06",
            "The 61-year-old owner Maria Tessel said the grain warehouse fire ruined her. Police held Daniel Okafor.",
        ),
    ]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn two_versions_of_one_outlets_story_do_not_contradict() {
    let mut a = art("a.txt", "2024-03-06", FIRE_A);
    let mut b = art(
        "b.txt",
        "2024-03-06",
        "Daniel Okafor, 35, was arrested on Tuesday after the grain warehouse fire, police said.",
    );
    a.outlet = Some("Harbour Post".into());
    b.outlet = Some("Harbour Post".into());
    let r = run(&[a, b]);
    assert!(r.contradictions.is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn counts_conflict_only_when_their_ranges_do_not_meet() {
    let r = run(&[
        art(
            "a.txt",
            "2024-05-02",
            "Nearly 200 families were moved out of the flooded river district on Wednesday, the council said.\n\n\
             At least 40 boats were sent to the flooded villages on Wednesday by the coast guard.",
        ),
        art(
            "b.txt",
            "2024-05-02",
            "Some 117 families were moved out of the flooded river district on Wednesday, the council said.\n\n\
             The coast guard sent 52 boats to the flooded villages on Wednesday.",
        ),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let says: Vec<&str> = c[0].claims.iter().map(|x| x.says.as_str()).collect();
    assert_eq!(says, vec!["Nearly 200 families", "Some 117 families"]);
}

#[test]
fn the_same_event_in_two_cities() {
    let r = run(&[
        art(
            "a.txt",
            "2024-07-15",
            "A coach carrying 30 tourists overturned in Lyon on Sunday, injuring nine people, police said.",
        ),
        art(
            "b.txt",
            "2024-07-15",
            "A coach carrying 30 tourists overturned in Marseille on Sunday, injuring nine people, police said.",
        ),
    ]);
    let c = of_kind(&r, "place");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let vals: Vec<_> = c[0].claims.iter().filter_map(|x| x.resolves_to.clone()).collect();
    assert_eq!(vals, vec!["Lyon".to_string(), "Marseille".to_string()]);
}

#[test]
fn a_town_named_by_its_section_and_shared_particulars() {
    let town = |t: &str| {
        format!(
            "Mourners gathered at Maple Street in the Westbrook section of {t} for a vigil after the fire \
             at the Grace Chapel on Saturday."
        )
    };
    let vigil = |t: &str| format!("A vigil was held on Maple Street in {t} after the Grace Chapel fire on Saturday.");
    let r = run(&[undated("a.txt", &town("Jonesboro")), undated("b.txt", &vigil("Conway"))]);
    let c = of_kind(&r, "place");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);

    // Two towns some 30 km apart: one area, named two ways ("near Paragould").
    let r = run(&[undated("a.txt", &town("Jonesboro")), undated("b.txt", &vigil("Paragould"))]);
    assert!(of_kind(&r, "place").is_empty(), "{:#?}", r.contradictions);

    // A surname that is also a town names no place before a noun ("the Ramsey family").
    let r = run(&[
        undated("a.txt", "Lawyers for the Ramsey family asked the court on Monday to reopen the file on the fire."),
        undated("b.txt", "Lawyers for the Conway family asked the court on Monday to reopen the file on the fire."),
    ]);
    assert!(of_kind(&r, "place").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn places_that_can_both_hold_are_not_contradictions() {
    let r = run(&[
        art(
            "a.txt",
            "2024-07-15",
            "A coach carrying 30 tourists overturned in Lyon on Sunday, injuring nine people, police said.\n\n\
             The tourists had flown in from Madrid on Saturday.",
        ),
        // A city against its country: both hold.
        art(
            "b.txt",
            "2024-07-15",
            "A coach carrying 30 tourists overturned in France on Sunday, injuring nine people, police said.",
        ),
        // The other report's city is named elsewhere: two legs of one trip, not two places.
        art(
            "c.txt",
            "2024-07-15",
            "A coach carrying 30 tourists set off in Madrid on Sunday, and nine people were hurt, police said. \
             It overturned near Lyon.",
        ),
    ]);
    assert!(of_kind(&r, "place").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn undated_reports_of_one_event_with_two_ages() {
    let undated = |source: &str, body: &str| Article { source: source.into(), body: body.into(), ..Default::default() };
    let r = run(&[
        undated("a.txt", "The campaign began soon after a guard shot and killed 15-year-old Lena Marsh at the fair."),
        undated("b.txt", "Parents marched in May after a guard shot and killed 16-year-old Lena while she played."),
        // Undated, other words: a birthday may lie between the two reports.
        undated("c.txt", "Lena Marsh, 16, has become the face of the campaign for safer fairs."),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let pairs: Vec<(&str, Option<&str>)> =
        c[0].claims.iter().map(|x| (x.source.as_str(), x.resolves_to.as_deref())).collect();
    assert!(pairs.contains(&("a.txt", Some("15"))) && pairs.contains(&("b.txt", Some("16"))), "{pairs:?}");

    let r = run(&[
        undated("a.txt", "The campaign began soon after a guard shot and killed 15-year-old Lena Marsh at the fair."),
        undated("c.txt", "Lena Marsh, 16, has become the face of the campaign for safer fairs."),
    ]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);

    // Both ages before the name, in other words: one time, one person, two ages.
    let r = run(&[
        undated("a.txt", "A 20-year-old Tom Reyes crashed his truck into the river on the way home, police said."),
        undated("b.txt", "Rescuers pulled 21-year-old Tom Reyes from the water after his truck left the bridge."),
    ]);
    assert_eq!(of_kind(&r, "number").len(), 1, "{:#?}", r.contradictions);
}

fn undated(source: &str, body: &str) -> Article {
    Article { source: source.into(), body: body.into(), ..Default::default() }
}

#[test]
fn the_same_event_on_two_days_or_in_two_years() {
    let r = run(&[
        undated(
            "a.txt",
            "The ferry sank off the northern cape on Saturday night with 40 people aboard, the coast guard said.\n\n\
             The harbour wall it hit was built in 1962 and has not been repaired since, engineers said.",
        ),
        undated(
            "b.txt",
            "The ferry sank off the northern cape on Monday night with 40 people aboard, the coast guard said.\n\n\
             The harbour wall it hit was built in 1968 and has not been repaired since, engineers said.",
        ),
    ]);
    let c = of_kind(&r, "date");
    let values: Vec<Vec<String>> =
        c.iter().map(|x| x.claims.iter().filter_map(|y| y.resolves_to.clone()).collect()).collect();
    assert!(values.contains(&vec!["Saturday".to_string(), "Monday".to_string()]), "{:#?}", r.contradictions);
    assert!(values.contains(&vec!["1962".to_string(), "1968".to_string()]), "{:#?}", r.contradictions);
    assert_eq!(c.len(), 2, "{:#?}", r.contradictions);
}

#[test]
fn a_status_day_is_not_the_event_day_and_every_outlet_is_quoted() {
    let r = run(&[
        undated(
            "a.txt",
            "The 15-year-old girl who went missing Friday night after the county fair is still missing as of Tuesday morning.",
        ),
        undated("b.txt", "The search began Sunday night when the 15-year-old girl vanished from the county fair."),
        undated("c.txt", "Deputies asked for help with the disappearance on Sunday of a girl from the county fair."),
    ]);
    let c = of_kind(&r, "date");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let values: Vec<(&str, Option<&str>)> =
        c[0].claims.iter().map(|x| (x.source.as_str(), x.resolves_to.as_deref())).collect();
    assert_eq!(values, [("a.txt", Some("Friday")), ("b.txt", Some("Sunday")), ("c.txt", Some("Sunday"))]);
    assert!(c[0].claims[0].says.contains("went missing Friday night"), "{:#?}", c[0]);

    // The day a status is given ("as of Tuesday") against the event's day is no conflict.
    let r = run(&[
        undated(
            "a.txt",
            "The 15-year-old girl who went missing after the county fair night is still missing as of Tuesday morning.",
        ),
        undated("b.txt", "The search began Sunday night when the 15-year-old girl vanished from the county fair."),
    ]);
    assert!(of_kind(&r, "date").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn the_day_two_ledes_give_one_event() {
    let lede = |day: &str, rest: &str| {
        format!(
            "A freight train derailed near the old river bridge on {day} night, spilling grain across the tracks. {rest}"
        )
    };
    let r = run(&[
        undated("a.txt", &lede("Tuesday", "Crews cleared the line within hours, the rail company said.")),
        undated(
            "b.txt",
            "Grain covered the tracks after a freight train derailed on Thursday by the river bridge. \
             Nobody was hurt and the line has reopened, officials said.",
        ),
    ]);
    let c = of_kind(&r, "date");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);

    // A report that names both days tells of two days of one story; ledes on other matters
    // (a hearing, not the derailment) share no event words.
    let r = run(&[
        undated("a.txt", &lede("Tuesday", "Crews cleared the line by Thursday, the rail company said.")),
        undated("b.txt", "Grain covered the tracks after a freight train derailed on Thursday by the river bridge."),
    ]);
    assert!(of_kind(&r, "date").is_empty(), "{:#?}", r.contradictions);
    let r = run(&[
        undated("a.txt", &lede("Tuesday", "Crews cleared the line within hours, the rail company said.")),
        undated("b.txt", "The county council will hold a hearing on rail safety on Thursday, its chair announced."),
    ]);
    assert!(of_kind(&r, "date").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn a_day_before_a_new_clause_with_a_reporting_verb_is_the_event_day() {
    // "met on Tuesday and said …", "was criticised Tuesday after posting …": the verb after
    // the conjunction opens a clause of its own, the day is the event's.
    let r = run(&[
        undated(
            "a.txt",
            "The mayor left a tense meeting on the harbour budget Tuesday and said talks would go on daily.",
        ),
        undated(
            "b.txt",
            "The mayor walked out of talks on the harbour budget on Thursday, leaving the council to settle it.",
        ),
    ]);
    assert_eq!(of_kind(&r, "date").len(), 1, "{:#?}", r.contradictions);
    let r = run(&[
        undated(
            "a.txt",
            "A city councillor came under fire online Tuesday after posting a crude joke about the mayor.",
        ),
        undated("b.txt", "A city councillor drew criticism online on Sunday by posting a crude joke about the mayor."),
    ]);
    assert_eq!(of_kind(&r, "date").len(), 1, "{:#?}", r.contradictions);

    // A reporting verb right after the day keeps it the day of a statement.
    let r = run(&[
        undated("a.txt", "The harbour budget talks collapsed, the mayor's office Tuesday said in a statement."),
        undated("b.txt", "The harbour budget talks collapsed on Thursday, ending a week of council meetings."),
    ]);
    assert!(of_kind(&r, "date").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn days_of_statements_and_days_both_reports_name_are_not_contradictions() {
    let r = run(&[
        undated(
            "a.txt",
            "The harbour master said on Saturday that the ferry had sunk off the northern cape with 40 people aboard.\n\n\
             Divers reached the wreck on Sunday and found the hull intact, the coast guard reported.",
        ),
        undated(
            "b.txt",
            "The harbour master said on Monday that the ferry had sunk off the northern cape with 40 people aboard.\n\n\
             Divers reached the wreck on Tuesday and found the hull intact, the coast guard reported. \
             The first dive had been planned for Sunday.",
        ),
    ]);
    assert!(of_kind(&r, "date").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn undated_counts_compare_what_they_count_not_the_whole_sentence() {
    // A stable count next to an injury word elsewhere in the sentence is still comparable; two
    // counts of one unit pair by the words that follow them.
    let r = run(&[
        undated(
            "a.txt",
            "The jet landed safely at Norwick, with none of the 132 passengers and five crew members on board \
             injured, airline spokesman Tom Ferris said.\n\n\
             Her will left Ann Pryce 25 percent of her personal effects and 40 percent of her remaining estate, \
             the lawyer said.",
        ),
        undated(
            "b.txt",
            "Five crew members and 198 passengers were on board the jet when it landed at Norwick, airline \
             spokesman Tom Ferris told reporters.\n\n\
             The will left Ann Pryce 60 percent of her personal effects and 40 percent of her remaining estate, \
             the lawyer told the court.",
        ),
    ]);
    let c = of_kind(&r, "number");
    let says: Vec<Vec<&str>> = c.iter().map(|c| c.claims.iter().map(|x| x.says.as_str()).collect()).collect();
    assert_eq!(c.len(), 2, "{says:?}");
    assert!(says.iter().any(|s| s[0].contains("132 passengers") && s[1].contains("198 passengers")), "{says:?}");
    assert!(says.iter().any(|s| s[0].contains("25 percent") && s[1].contains("60 percent")), "{says:?}");
}

#[test]
fn undated_tolls_are_not_compared() {
    // Undated reports may be hours apart: a toll grows.
    let r = run(&[
        undated("a.txt", "At least 12 people were killed when the Norwick ferry capsized on the river, police said."),
        undated("b.txt", "Some 30 people were killed when the Norwick ferry capsized on the river, police said."),
    ]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);
}

const OKAFOR_37: &str = "Daniel Okafor, 37, was arrested on Tuesday after the grain warehouse fire, police said.";

#[test]
fn an_age_told_by_a_descriptor_is_the_named_persons() {
    // The descriptor stands for the person the sentence before names.
    let r = run(&[
        art("a.txt", "2024-03-06", OKAFOR_37),
        art(
            "b.txt",
            "2024-03-06",
            "Police arrested Daniel Okafor on Tuesday after the grain warehouse fire. \
             The 34-year-old was held overnight at the central station.",
        ),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("Okafor"), "{:#?}", c[0]);
    let says: Vec<&str> = c[0].claims.iter().map(|x| x.says.as_str()).collect();
    assert!(says.iter().any(|s| s.starts_with("The 34-year-old")), "{says:?}");

    // A lede's descriptor introduces the person the next sentence names.
    let r = run(&[
        art("a.txt", "2024-03-06", OKAFOR_37),
        art(
            "b.txt",
            "2024-03-06",
            "A 34-year-old man was arrested on Tuesday after the grain warehouse fire. \
             Police named him as Daniel Okafor, a forklift driver.",
        ),
    ]);
    assert_eq!(of_kind(&r, "number").len(), 1, "{:#?}", r.contradictions);
}

#[test]
fn a_descriptor_that_may_be_someone_else_is_not_compared() {
    let cases = [
        // Someone the same sentence names first is not the descriptor's person.
        "Daniel Okafor walked to the gate where the 34-year-old driver stood after the grain warehouse fire.",
        // An indefinite descriptor past the lede brings in someone new.
        "Daniel Okafor was arrested on Tuesday after the grain warehouse fire. Officers were called at noon. \
         Later a 34-year-old neighbour said the smoke had been thick.",
        // An official named after a lede's descriptor is not the one it introduces.
        "A 34-year-old was pulled from the grain warehouse fire on Tuesday. \
         Officer Daniel Okafor carried him out.",
        // Ages far apart are two people.
        "Police arrested Daniel Okafor on Tuesday after the grain warehouse fire. The 61-year-old was held overnight.",
        // Someone's relative.
        "Police arrested Daniel Okafor on Tuesday after the grain warehouse fire. The 34-year-old brother of the owner was questioned.",
    ];
    for body in cases {
        let r = run(&[art("a.txt", "2024-03-06", OKAFOR_37), art("b.txt", "2024-03-06", body)]);
        assert!(of_kind(&r, "number").is_empty(), "{body}\n{:#?}", r.contradictions);
    }
}

#[test]
fn one_count_per_outlet_given_two_ways() {
    let a = "Officials decided on Friday to drain 38 million gallons from the hill reservoir after a leak. \
             The reservoir feeds the east side of the city.";
    let b = "Draining 52 million gallons from the hill reservoir will take a week, the water bureau said on Saturday. \
             The leak was found by a jogger.";
    let r = run(&[art("a.txt", "2024-03-08", a), art("b.txt", "2024-03-09", b)]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let values: Vec<Option<&str>> = c[0].claims.iter().map(|x| x.resolves_to.as_deref()).collect();
    assert_eq!(values, [Some("38"), Some("52")], "{:#?}", c[0]);

    // A report that gives two values of that unit (a capacity and what is drained) tells two things.
    let two = "The hill reservoir holds 50 million gallons. Draining 52 million gallons from it will take a week, \
               the water bureau said on Saturday after the leak.";
    // A hedge that lets both hold; a general unit counting different things.
    let hedged = "Draining about 45 million gallons from the hill reservoir will take a week, the water bureau said \
                  on Saturday. The leak was found by a jogger.";
    let people_a = "Officials decided on Friday to close the hill reservoir after a leak; 38 people came to watch.";
    let people_b = "Closing the hill reservoir will take a week, the water bureau said on Saturday, and 52 people \
                    signed a petition.";
    for (x, y) in [(a, two), (a, hedged), (people_a, people_b)] {
        let r = run(&[art("a.txt", "2024-03-08", x), art("b.txt", "2024-03-09", y)]);
        assert!(of_kind(&r, "number").is_empty(), "{y}\n{:#?}", r.contradictions);
    }
}

#[test]
fn the_year_of_one_dated_event() {
    let a =
        "Police arrested Ann Vorley, whose trial opens next week, in May 2016 after the audit of the town accounts.";
    let b = "Ann Vorley was arrested in the town of Marl in May 2014, the county paper reported on Tuesday.";
    let r = run(&[art("a.txt", "2024-03-06", a), art("b.txt", "2024-03-06", b)]);
    let c = of_kind(&r, "date");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    // Two different months: two events (an arrest and a charge), not one event's year.
    let b = "Ann Vorley was charged in the town of Marl in June 2014, the county paper reported on Tuesday.";
    let r = run(&[art("a.txt", "2024-03-06", a), art("b.txt", "2024-03-06", b)]);
    assert!(of_kind(&r, "date").is_empty(), "{:#?}", r.contradictions);
}

fn polarity(a: &str, b: &str, day_b: &str) -> Vec<Contradiction> {
    let r = run(&[art("a.txt", "2024-03-06", a), art("b.txt", day_b, b)]);
    r.contradictions.into_iter().filter(|c| c.kind == "polarity").collect()
}

#[test]
fn a_claim_and_its_negation_by_another_outlet() {
    let pairs = [
        (
            "The ministry confirmed that the two prisoners were moved to the northern camp on Tuesday.",
            "The ministry could not confirm that the two prisoners were moved to the northern camp on Tuesday.",
        ),
        (
            "Ann Vorley has a criminal record for fraud in the harbour town, court papers show.",
            "Ann Vorley has no criminal record for fraud in the harbour town, court papers show.",
        ),
        (
            "The ministry denied that troops crossed the northern border near the river on Monday.",
            "The ministry confirmed that troops crossed the northern border near the river on Monday.",
        ),
    ];
    for (a, b) in pairs {
        let c = polarity(a, b, "2024-03-06");
        assert_eq!(c.len(), 1, "{a}\n{b}");
        let values: Vec<Option<&str>> = c[0].claims.iter().map(|x| x.resolves_to.as_deref()).collect();
        assert!(values.contains(&Some("negated")) && values.contains(&Some("affirmed")), "{values:?}");
    }
}

#[test]
fn negations_that_are_updates_other_speakers_or_added_detail_are_not_flagged() {
    let confirmed = "The ministry confirmed that the two prisoners were moved to the northern camp on Tuesday.";
    let not_confirmed =
        "The ministry could not confirm that the two prisoners were moved to the northern camp on Tuesday.";
    // A later report may update an earlier one.
    assert!(polarity(confirmed, not_confirmed, "2024-03-08").is_empty());
    let cases = [
        // Two speakers disagreeing: each outlet reports one of them faithfully.
        (
            "Police said Ann Vorley has a criminal record for fraud in the harbour town.",
            "Her lawyer said Ann Vorley has no criminal record for fraud in the harbour town.",
        ),
        // A negated clause added to the same report of the event.
        (
            "The bus crashed on the coast road near the harbour on Monday, killing four passengers.",
            "The bus crashed on the coast road near the harbour on Monday, killing four passengers; no other vehicle was involved.",
        ),
        // "not only" does not negate.
        (
            "The storm flooded the harbour and closed the coast road near the town on Monday.",
            "The storm not only flooded the harbour but closed the coast road near the town on Monday.",
        ),
        // A question asserts nothing.
        (
            "The ministry confirmed that the two prisoners were moved to the northern camp on Tuesday.",
            "Why did the ministry not confirm that the two prisoners were moved to the northern camp on Tuesday?",
        ),
    ];
    for (a, b) in cases {
        assert!(polarity(a, b, "2024-03-06").is_empty(), "{a}\n{b}");
    }
}

#[test]
fn an_indefinite_age_said_of_a_name() {
    for b in [
        "Police arrested Daniel Okafor, a 34-year-old forklift driver, on Tuesday after the grain warehouse fire.",
        "Police said on Tuesday that Daniel Okafor was a 34-year-old forklift driver at the grain warehouse.",
    ] {
        // Past the lede, where an indefinite descriptor otherwise brings in someone new.
        let b = format!("The grain warehouse burned on Tuesday. Firefighters worked through the night. {b}");
        let r = run(&[art("a.txt", "2024-03-06", OKAFOR_37), art("b.txt", "2024-03-06", &b)]);
        assert_eq!(of_kind(&r, "number").len(), 1, "{b}\n{:#?}", r.contradictions);
    }
    // Said of someone who is not named: nobody's age.
    let b =
        "Police arrested Daniel Okafor on Tuesday after the grain warehouse fire. The victim was a 34-year-old guard.";
    let r = run(&[art("a.txt", "2024-03-06", OKAFOR_37), art("b.txt", "2024-03-06", b)]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn the_age_of_an_unnamed_subject_given_two_ways() {
    let r = run(&[
        art(
            "a.txt",
            "2024-05-02",
            "A 15-year-old girl was pulled from the flooded quarry by a passing cyclist on Wednesday. \
             The cyclist said he heard shouting from the water.",
        ),
        art(
            "b.txt",
            "2024-05-02",
            "A passing cyclist rescued a 19-year-old girl from a flooded quarry on Wednesday, police said. \
             She was taken to hospital as a precaution.",
        ),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("girl"), "{:#?}", c[0]);

    // Ages as far apart as a child's and a teenager's are still one subject's, told two ways.
    let r = run(&[
        art(
            "a.txt",
            "2024-05-02",
            "A 12-year-old girl was pulled from the flooded quarry by a passing cyclist on Wednesday.",
        ),
        art("b.txt", "2024-05-02", "A passing cyclist rescued a 17-year-old girl from a flooded quarry on Wednesday."),
    ]);
    assert_eq!(of_kind(&r, "number").len(), 1, "{:#?}", r.contradictions);
}

#[test]
fn unnamed_people_of_two_ages_are_not_one_subject() {
    let r = run(&[
        // Two girls in one report: the noun does not pick out one person.
        art(
            "a.txt",
            "2024-05-02",
            "A 15-year-old girl and a 12-year-old girl were pulled from the flooded quarry on Wednesday. \
             A cyclist heard shouting.",
        ),
        art("b.txt", "2024-05-02", "A passing cyclist rescued a 13-year-old girl from a flooded quarry on Wednesday."),
        // Far apart: a teenager and an adult are not one person disputed.
        art("c.txt", "2024-05-02", "A 45-year-old girl scout leader ran the rescue at the quarry on Wednesday."),
    ]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn when_something_was_founded_given_two_ways() {
    let r = run(&[
        art(
            "a.txt",
            "2024-05-02",
            "The Harbour Rowing Club, founded in 1962, lost its boathouse in the storm on Tuesday.",
        ),
        art(
            "b.txt",
            "2024-05-02",
            "The storm on Tuesday destroyed the boathouse of the Harbour Rowing Club, founded in 1975.",
        ),
    ]);
    let c = of_kind(&r, "date");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("founded"), "{:#?}", c[0]);
}

#[test]
fn founding_periods_that_meet_are_not_contradictions() {
    let r = run(&[
        // A decade holds the year.
        art("a.txt", "2024-05-02", "The Harbour Rowing Club, founded in the 1960s, lost its boathouse on Tuesday."),
        art("b.txt", "2024-05-02", "The storm destroyed the boathouse of the Harbour Rowing Club, founded in 1962."),
        // A report that gives two years for the club tells of two things: not compared.
        art(
            "c.txt",
            "2024-05-02",
            "The Harbour Rowing Club was founded in 1930 as a swimming society. \
             The Harbour Rowing Club was founded in 1975 in its present form.",
        ),
    ]);
    assert!(r.contradictions.iter().all(|c| !c.about.contains("founded")), "{:#?}", r.contradictions);
}

#[test]
fn a_place_before_its_noun_or_as_a_possessive() {
    let r = run(&[
        art(
            "a.txt",
            "2024-07-15",
            "Fire crews fought a blaze at a Lyon warehouse for six hours on Sunday, the fire service said.",
        ),
        art(
            "b.txt",
            "2024-07-15",
            "Fire crews fought a blaze at Marseille's warehouse district for six hours on Sunday, the fire service said.",
        ),
    ]);
    let c = of_kind(&r, "place");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    // A name before a noun that is not a place is no place ("a Monday meeting", "the Smith family").
    let r = run(&[
        art("a.txt", "2024-07-15", "Fire crews fought a blaze at the Harlow warehouse for six hours on Sunday."),
        art("b.txt", "2024-07-15", "Fire crews fought a blaze at the Denholm warehouse for six hours on Sunday."),
    ]);
    assert!(of_kind(&r, "place").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn a_descriptor_for_a_person_the_lede_brings_in_unnamed_and_names_later() {
    let r = run(&[
        art(
            "a.txt",
            "2024-04-25",
            "Police found the bodies of 20-year-old Quarrow Fenton and his baby in an abandoned hotel on Monday.",
        ),
        art(
            "b.txt",
            "2024-04-25",
            "A Thai man filmed himself killing his baby daughter, police say.\n\n\
             The 21-year-old hanged his daughter, and then himself, at a deserted hotel on Monday.\n\n\
             The company sent condolences to the family.\n\n\
             Relatives of the Thai man, Quarrow Fenton, saw the footage and alerted the police.",
        ),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("Fenton"), "{:#?}", c[0]);
}

#[test]
fn an_age_then_at_another_time_is_not_compared() {
    let r = run(&[
        art("a.txt", "2024-04-25", "Quarrow Fenton, 31, then a student, was arrested at the port on Monday."),
        art("b.txt", "2024-04-25", "Police arrested 24-year-old Quarrow Fenton at the port on Monday."),
    ]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn a_clean_record_against_past_convictions() {
    let r = run(&[
        undated(
            "a.txt",
            "Police said Mark Devlin, the driver arrested after the crash on the ring road, had no criminal record.",
        ),
        undated("b.txt", "Mark Devlin, who was held after the ring road crash, has a lengthy criminal record."),
    ]);
    let c = of_kind(&r, "polarity");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    let values: Vec<Option<&str>> = c[0].claims.iter().map(|x| x.resolves_to.as_deref()).collect();
    assert_eq!(values, [Some("no record"), Some("a record")]);

    // No arrests in the case at hand is no statement about a record; a report that tells both
    // ("no record in the state, but prior convictions abroad") and two different people are
    // not contradictions.
    for (a, b) in [
        (
            "No arrests have been made after the crash on the ring road, police said of Mark Devlin's case.",
            "Mark Devlin, who was held after the ring road crash, has a lengthy criminal record, court papers show.",
        ),
        (
            "Mark Devlin had no criminal record in the state but prior convictions for theft abroad.",
            "Mark Devlin, who was held after the ring road crash, has a lengthy criminal record, court papers show.",
        ),
        (
            "Police said Ann Ross, the passenger, had no criminal record.",
            "Mark Devlin, who was held after the ring road crash, has a lengthy criminal record, court papers show.",
        ),
    ] {
        let r = run(&[undated("a.txt", a), undated("b.txt", b)]);
        assert!(of_kind(&r, "polarity").is_empty(), "{a}\n{:#?}", r.contradictions);
    }
}

#[test]
fn the_count_two_ledes_give_one_event() {
    let a = "The county museum sold 137 paintings from its old collection at auction on Saturday. \
             The money will pay for a new roof.";
    let b = |count: &str| {
        format!(
            "Collectors bought {count} paintings from the county museum's old collection at the auction. \
             It had stored them for a decade, staff said."
        )
    };
    let r = run(&[undated("a.txt", a), undated("b.txt", &b("205"))]);
    assert_eq!(of_kind(&r, "number").len(), 1, "{:#?}", r.contradictions);

    // Rounding or a hedge: no conflict.
    for count in ["about 140", "more than 130"] {
        let r = run(&[undated("a.txt", a), undated("b.txt", &b(count))]);
        assert!(of_kind(&r, "number").is_empty(), "{count}\n{:#?}", r.contradictions);
    }
    // A report that gives the other's figure anywhere (here in an unaligned lede sentence).
    let both = "Collectors bought 205 paintings from the county museum's old collection at the auction. \
                Its catalogue had listed 137 paintings for the sale on Saturday.";
    let r = run(&[undated("a.txt", a), undated("b.txt", both)]);
    assert!(of_kind(&r, "number").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn the_town_two_ledes_give_one_event() {
    let r = run(&[
        undated(
            "a.txt",
            "A teenager lost both legs when a freight train hit him near Dubbo early on Sunday. \
             He was flown to hospital in a serious condition.",
        ),
        undated(
            "b.txt",
            "Detectives want to hear from anyone who saw a teenager celebrating his birthday on the tracks in \
             Bendigo before the train struck. His family have asked for privacy.",
        ),
    ]);
    let c = of_kind(&r, "place");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("Dubbo") && c[0].about.contains("Bendigo"), "{:#?}", c[0]);

    // A report that names both towns tells of two places of one story (he was taken from one to
    // the other); two towns of one area are one place told two ways.
    let r = run(&[
        undated(
            "a.txt",
            "A teenager was struck by a freight train at a level crossing near Dubbo early on Sunday, police said. \
             He was later taken to Bendigo.",
        ),
        undated(
            "b.txt",
            "Police are investigating after a freight train struck a teenager at a level crossing in Bendigo.",
        ),
    ]);
    assert!(of_kind(&r, "place").is_empty(), "{:#?}", r.contradictions);
    let r = run(&[
        undated("a.txt", "A teenager was struck by a freight train at a level crossing near Oakland on Sunday."),
        undated(
            "b.txt",
            "Police are investigating after a freight train struck a teenager at a level crossing in Berkeley.",
        ),
    ]);
    assert!(of_kind(&r, "place").is_empty(), "{:#?}", r.contradictions);
}

#[test]
fn an_age_given_to_a_name_with_and_without_its_middle_name() {
    let r = run(&[
        undated(
            "a.txt",
            "Prosecutors charged Darla Quinn Pettibone with arson on Friday. Pettibone, 33, appeared in court in a grey suit.",
        ),
        undated(
            "b.txt",
            "Darla Pettibone was charged with arson after the warehouse fire. Pettibone, 30, did not enter a plea.",
        ),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].about.contains("Pettibone"), "{:#?}", c[0]);
}

#[test]
fn a_crowd_counted_by_its_order_of_size_against_a_number() {
    let a = "Police fired tear gas to disperse thousands of protesters outside the parliament on Friday, witnesses said. \
             The crowd had marched from the university.";
    let r = run(&[
        undated("a.txt", a),
        undated("b.txt", "Up to 800 protesters rallied outside the parliament on Friday before police fired tear gas."),
    ]);
    let c = of_kind(&r, "number");
    assert_eq!(c.len(), 1, "{:#?}", r.contradictions);
    assert!(c[0].claims[0].says.contains("thousands of protesters"), "{:#?}", c[0]);

    // Orders of size next to each other ("hundreds" / "thousands") can both hold; a report that
    // gives elsewhere a count the other's can stand with is telling of two moments; and a count
    // of something else (arrests) is another count.
    for b in [
        "Hundreds of protesters rallied outside the parliament on Friday before police fired tear gas.",
        "Up to 800 protesters rallied outside the parliament on Friday before police fired tear gas. \
         Organisers said 5,000 protesters joined them by nightfall.",
        "Up to 80 arrests were made outside the parliament on Friday after police fired tear gas at protesters.",
    ] {
        let r = run(&[undated("a.txt", a), undated("b.txt", b)]);
        assert!(of_kind(&r, "number").is_empty(), "{b}: {:#?}", r.contradictions);
    }
}
