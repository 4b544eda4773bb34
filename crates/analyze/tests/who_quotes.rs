//! Fixture → snapshot tests for quote constructions and entity merging.

use parallax_analyze::who;

/// One line per quote: kind, text, speaker, verb, medium, relay.
fn render(text: &str) -> String {
    let mut out = String::new();
    for q in who::quotes_in_text(text) {
        let t = &text[q.range.clone()];
        out.push_str(&format!(
            "[{}] {:?} <- {} (verb: {}){}{}\n",
            q.kind.as_str(),
            t,
            q.speaker.as_deref().unwrap_or("?"),
            q.verb.as_deref().unwrap_or("-"),
            q.medium.as_deref().map(|m| format!(" medium: {m}")).unwrap_or_default(),
            q.via.as_deref().map(|m| format!(" via: {m}")).unwrap_or_default(),
        ));
    }
    out
}

macro_rules! fixture {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            let text: &str = $text;
            insta::assert_snapshot!(stringify!($name), render(text), text);
        }
    };
}

fixture!(
    direct_attribution_after,
    "Mayor Jane Porter spoke on Monday.\n\n\"We will rebuild the bridge by spring,\" Ms Porter said."
);
fixture!(
    direct_attribution_before_colon,
    "Finance Minister Ravi Menon told parliament: “The budget will be balanced within two years.”"
);
fixture!(
    direct_inverted_verb_name,
    "“We are expecting them next week,” said Olaf Brandt, an aide to the chancellor, told reporters."
);
fixture!(
    curly_and_straight_marks,
    "“Prices will fall,” economist Maria Lopez said. \"Not before winter, though,\" she added."
);
fixture!(
    pronoun_nearest_person_not_possessive,
    "Governor Tom Hale met Ms Reyes's team in Denver.\n\nWhile Mr Hale did not answer Ms Reyes's letter, he said the state \"was open to any proposal\" on water."
);
fixture!(
    partial_quote_in_sentence,
    "Senator Ada Kim said the bill was \"dead on arrival\" and would not pass this year."
);
fixture!(scare_quotes_are_not_quotes, "The so-called \"peace plan\" was criticised by several officials on Monday.");
fixture!(
    multi_paragraph_quote,
    "Coach Ben Ortiz was blunt.\n\n“We lost our shape in the second half. That cannot happen.\n\n“We will work on it this week and come back stronger,” he said."
);
fixture!(
    nested_single_quotes,
    "“She told me, ‘You are fired,’ and walked out of the room,” said former manager Paul Green."
);
fixture!(
    unbalanced_opening_mark,
    "Officials said \"the road will reopen soon and nobody was hurt\n\nThe road remained closed on Friday, police chief Dana White said."
);
fixture!(stray_closing_mark, "The storm hit the coast” on Tuesday. “We are safe,” Mayor Lee Chan said.");
fixture!(
    quote_standing_alone_after_sentence,
    "Prime Minister Erik Lund addressed the nation on Sunday evening.\n\n“We will get through this together, as we always have.”"
);
fixture!(
    follow_on_quote_in_same_paragraph,
    "“We have done our part,” Ms Ana Ruiz said. “Now the others must do theirs.”"
);
fixture!(medium_on_x, "“The vote was rigged,” opposition leader Karl Berg wrote on X.");
fixture!(
    medium_truth_social,
    "President John Carter met envoys on Sunday.\n\n“Hopefully both sides will make a deal this week,” the president wrote on Truth Social."
);
fixture!(
    medium_video_address,
    "In her nightly video address, President Lena Moroz said the country needs “a clear answer from its allies” on air defence."
);
fixture!(
    relay_quoted_by_agency,
    "Foreign ministry spokesman Igor Volkov, quoted by Interfax news agency, told reporters: “The talks will continue in Geneva.”"
);
fixture!(relay_told_agency, "“We see no reason to change course,” Deputy Minister Sergei Orlov told Interfax.");
fixture!(according_to, "The plan is “a recipe for disaster for small farmers”, according to analyst Mark Jones.");
fixture!(indirect_said_that, "Health Secretary Nina Shah said that hospitals would receive extra funding next month.");
fixture!(
    indirect_trailing_attribution,
    "There are no obstacles to a deal on the northern border, foreign minister Ali Karimi said on Wednesday."
);
fixture!(
    indirect_told_object_that,
    "Chancellor Otto Weber told reporters in Berlin that the coalition would survive the vote."
);
fixture!(
    no_sentence_ends,
    "a long line without any sentence end and with a stray quote mark \" somewhere in the middle and Mr Smith said nothing"
);

#[test]
fn entities_merge_aliases_not_namesakes() {
    use parallax_core::Article;
    let a = Article {
        source: "a.txt".into(),
        body: "Russian President Ivan Drago met Ukrainian President Oleksandr Kovalensky in Geneva. \
               Kremlin spokesman Boris Orlov said Moscow was open to talks. Mr Drago said Kyiv must answer. \
               John Smith, 54, a farmer, and Mary Smith, 61, a teacher, watched. Smith said he was pleased.\n\nMr Kovalensky spoke in Geneva."
            .into(),
        ..Default::default()
    };
    let b = Article {
        source: "b.txt".into(),
        body: "President Drago and Oleksandr Kovalenskiy held talks. Drago's aide said Moscow wanted peace. \
               Russia and Ukraine have been at war. Kyiv said the pressure on Moscow was growing."
            .into(),
        ..Default::default()
    };
    let arts = [a, b];
    let rep = who::analyze(parallax_analyze::StoryInput {
        articles: &arts,
        docs: &parallax_analyze::annotate_all(&arts),
        copy_of: &[None, None],
    });
    let mut s = String::new();
    for e in &rep.entities {
        s.push_str(&format!(
            "{} [{}] aliases={:?} role={:?} mentions={:?}\n",
            e.name, e.kind, e.aliases, e.role, e.mentions
        ));
    }
    insta::assert_snapshot!("entities_merge", s);
}

#[test]
fn pathological_inputs_finish_without_panic() {
    // A 1 MB paragraph with no sentence end and unbalanced marks.
    let mut big = String::with_capacity(1 << 20);
    while big.len() < 1 << 20 {
        big.push_str("word “open Mr Smith said ");
    }
    let _ = who::quotes_in_text(&big);
    let mut big2 = String::with_capacity(1 << 20);
    while big2.len() < 1 << 20 {
        big2.push_str("Alpha Beta Gamma \" said Delta. ");
    }
    let _ = who::quotes_in_text(&big2);
    // Only marks, only capitals, empty.
    let _ = who::quotes_in_text(&"\"".repeat(10_000));
    let _ = who::quotes_in_text(&"A ".repeat(50_000));
    assert!(who::quotes_in_text("").is_empty());
}
fixture!(
    indirect_dateline_and_scare_quotes,
    "KIEV (Reuters) - Protests in the east are part of a plan, Prime Minister Ivan Sirko said on Monday.\n\nInterior Minister Petro Bondar said the building had been cleared of “separatists”."
);
fixture!(
    possessive_is_not_the_speaker,
    "Chief Tom Reed faces an inquiry.\n\nIn an email to staff, a spokesman from Reed’s office said: “The stories shared are important to hear.”"
);
fixture!(
    two_speakers_alternating,
    "“We will appeal,” lawyer Sara Kent said. “The ruling is wrong,” added her colleague Tim Ross.\n\n“It was a fair trial,” prosecutor Joan Bell told reporters."
);
fixture!(
    inverted_with_initial,
    "Police are still investigating.\n\n\"The autopsy is a crucial piece of evidence,\" said A. Dwight Pettit, an attorney for the family."
);
fixture!(
    standalone_after_sentence_in_paragraph,
    "The finding was praised by paleontologist Mike Novak of the museum. Novak called it unique. \"I don't know of any other.\""
);

proptest::proptest! {
    /// Quotes are non-empty, on character boundaries, inside the text, sorted; no panic on any input.
    #[test]
    fn quote_ranges_are_valid(s in "[A-Za-z .,:;!?\"“”‘’'\n-]{0,400}") {
        let qs = who::quotes_in_text(&s);
        let mut last = 0;
        for q in &qs {
            proptest::prop_assert!(q.range.start < q.range.end && q.range.end <= s.len());
            proptest::prop_assert!(s.is_char_boundary(q.range.start) && s.is_char_boundary(q.range.end));
            proptest::prop_assert!(q.range.start >= last || q.kind == who::QuoteKind::Indirect);
            last = q.range.start;
        }
    }
}
fixture!(
    indirect_according_to_and_told_object,
    "According to Mayor Ann Gray, the bridge will reopen in June.\n\nGovernor Tom Hale told reporters he would sign the bill on Friday."
);
fixture!(
    venue_is_not_a_speaker_and_abbreviated_title,
    "She spoke at the Hudson Theatre on Monday. \"This cancer is preventable,\" she said.\n\n\"We found him in the attic,\" Sgt. Joanne Reed said."
);
fixture!(
    pronoun_gender_from_titles,
    "Mr Hale met Ms Reyes on Monday. Mr Hale left early.\n\n\"We agreed on nothing,\" she said."
);
