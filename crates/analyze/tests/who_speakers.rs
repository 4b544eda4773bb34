//! Speaker forms and same-statement grouping, one small fixture per class (written for these
//! tests; no corpus text).

use parallax_analyze::StoryInput;
use parallax_analyze::who::{self, Quote};
use parallax_core::Article;

fn quotes(text: &str) -> Vec<Quote> {
    who::quotes_in_text(text)
}

/// Entities and quote groups of independent reports (no copies) analysed as one story.
fn story(arts: &[Article]) -> who::WhoReport {
    who::analyze(StoryInput {
        articles: arts,
        docs: &parallax_analyze::annotate_all(arts),
        copy_of: &vec![None; arts.len()],
    })
}

/// The quote whose verbatim words start with `start`.
fn quote<'a>(qs: &'a [Quote], text: &str, start: &str) -> &'a Quote {
    qs.iter().find(|q| text[q.range.clone()].starts_with(start)).unwrap_or_else(|| panic!("no quote {start:?}"))
}

#[test]
fn cue_between_pieces_makes_one_attribution() {
    let t = "The coach spoke after the match.\n\n\"We lost our shape,\" coach Ben Ortiz said. \"We will be back next week.\"";
    let qs = quotes(t);
    let runs = who::quotes::attributions(&qs);
    assert_eq!(runs.len(), 1, "{qs:?}");
    let q = &qs[runs[0][0]];
    assert_eq!(&t[q.content.clone()], "\"We lost our shape,\" coach Ben Ortiz said. \"We will be back next week.\"");
    assert!(runs[0].iter().all(|&i| qs[i].speaker.as_deref() == Some("Ben Ortiz")));
}

#[test]
fn different_speakers_stay_apart() {
    let t = "\"The plan is sound,\" said Mayor Jane Porter. Later, Tom Hale replied: \"The plan is a disaster.\"";
    let qs = quotes(t);
    assert_eq!(who::quotes::attributions(&qs).len(), 2, "{qs:?}");
    assert_eq!(quote(&qs, t, "The plan is a").speaker.as_deref(), Some("Tom Hale"));
}

#[test]
fn partial_quote_content_is_the_reported_clause() {
    let t = "Senator Ada Kim said on Monday the bill was \"dead on arrival\" and would not pass this year.";
    let qs = quotes(t);
    let q = quote(&qs, t, "dead on arrival");
    assert_eq!(q.speaker.as_deref(), Some("Ada Kim"));
    let c = &t[q.content.clone()];
    assert!(c.contains("the bill was") && c.ends_with("this year"), "{c:?}");
    assert!(!c.contains("said"), "{c:?}");
}

#[test]
fn title_and_qualifiers_kept_apart_from_the_name() {
    let t = "Republican South Carolina Sen. Lindsey Marsh said on Sunday: \"We need a new plan before the vote.\"";
    let q = &quotes(t)[0];
    assert_eq!(q.speaker.as_deref(), Some("Lindsey Marsh"));
    assert!(q.role.as_deref().is_some_and(|r| r.contains("Sen")), "{:?}", q.role);
    let t = "MP Matt Jones told reporters: \"The vote will be close tonight.\"";
    let q = &quotes(t)[0];
    assert_eq!(q.speaker.as_deref(), Some("Matt Jones"));
    assert_eq!(q.role.as_deref(), Some("MP"));
}

#[test]
fn pronoun_agrees_in_gender() {
    let t = "Ms Anna Berg met Mr Tom Hale in Oslo on Friday.\n\n\"We agreed on nothing at all,\" she said.";
    assert_eq!(quotes(t)[0].speaker.as_deref(), Some("Anna Berg"));
    let t = "Ms Anna Berg met Mr Tom Hale in Oslo on Friday.\n\n\"We agreed on nothing at all,\" he said.";
    assert_eq!(quotes(t)[0].speaker.as_deref(), Some("Tom Hale"));
}

#[test]
fn descriptor_resolves_to_the_named_role_holder() {
    let t = "Governor Tom Hale visited the plant with Ms Anna Berg, an engineer.\n\n\"It will reopen within a month,\" the governor said.";
    assert_eq!(quotes(t)[0].speaker.as_deref(), Some("Tom Hale"));
}

fn article(source: &str, body: &str) -> Article {
    Article { source: source.into(), body: body.into(), ..Default::default() }
}

#[test]
fn fragment_in_sentence_joins_the_full_quote_and_shared_groups_rank_first() {
    let arts = [
        article(
            "a.example",
            "Judge Ann Ruiz sentenced the driver on Monday.\n\n\"The defendant showed no remorse for the harm he caused to the family,\" Judge Ruiz said.\n\n\"I have nothing to add,\" said the driver's lawyer Paul Green.",
        ),
        article(
            "b.example",
            "A driver was sentenced on Monday. The judge said the man showed \"no remorse for the harm he caused\" and jailed him for six years.",
        ),
    ];
    let rep = story(&arts);
    let g = &rep.quote_groups[0];
    assert_eq!(g.same_statement_in.len(), 2, "{:?}", rep.quote_groups);
    assert_eq!(g.speaker.as_deref(), Some("Ann Ruiz"));
    assert!(rep.quote_groups.iter().skip(1).all(|g| g.same_statement_in.len() == 1));
    assert!(rep.quote_groups.iter().any(|g| g.speaker.as_deref() == Some("Paul Green")), "single-outlet quotes stay");
}

#[test]
fn name_after_a_role_speaks_not_the_employer() {
    let t = "Sen. Kelly Ayotte returned the money. \"The campaign has refunded the contributions,\" said Ayotte campaign manager Jon Kohan.";
    assert_eq!(quote(&quotes(t), t, "The campaign").speaker.as_deref(), Some("Jon Kohan"));
}

#[test]
fn own_cue_blocks_inheriting_the_previous_speaker() {
    // A quotation with its own cue whose subject is not a known person does not go to the
    // person quoted before; an organisation speaks only as the cue's subject.
    let t = "\"We will win this state easily,\" said Brian Fallon, a spokesman.\n\n\"The party is united now,\" Pence said.\n\n\"Turnout was high in every county,\" the Elections Board said.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "The party").speaker.as_deref(), Some("Pence"));
    assert_eq!(quote(&qs, t, "Turnout").speaker.as_deref(), Some("Elections Board"));
}

#[test]
fn cue_after_words_that_continue_the_quotation() {
    let t = "Mr Tom Hale spoke first.\n\n\"She voted with the lobby many times\" and against the safety bill, Ms Anna Berg said.";
    assert_eq!(quote(&quotes(t), t, "She voted").speaker.as_deref(), Some("Anna Berg"));
}

#[test]
fn titles_and_signs_are_not_speech() {
    let t = "Protesters outside City Hall carried placards reading \"No more cuts to our schools\" on Friday. \
             Mayor Jane Porter released a memo titled \"The Facts on Where the Budget Stands\" later.";
    assert!(quotes(t).iter().all(|q| q.kind == who::QuoteKind::Indirect), "{:?}", quotes(t));
}

#[test]
fn a_first_name_alone_and_a_shorter_full_name_are_the_same_person() {
    // One outlet names the speaker in full, another by first name only; a third drops the
    // first of three names. The story has one person with each of those first names.
    let arts = [
        article(
            "a.example",
            "Nora Vance and her husband Ivo Vance found the device.\n\n\"It was hidden behind the mirror in our cabin,\" Nora Vance said.",
        ),
        article(
            "b.example",
            "A couple found a device.\n\n\"It was hidden behind the mirror in our cabin,\" Nora said. Her husband agreed.",
        ),
        article(
            "c.example",
            "Officials met Chief Inspector Adi Rama Wibowo on Tuesday. \"The search will go on all night,\" said Rama Wibowo, the chief inspector.",
        ),
        article("d.example", "\"The search will go on all night,\" Adi Rama Wibowo told reporters at the harbour."),
    ];
    let rep = story(&arts);
    let group = |start: &str| {
        rep.quote_groups
            .iter()
            .find(|g| g.same_statement_in.values().any(|t| t.starts_with(start)))
            .unwrap_or_else(|| panic!("no group {start:?}: {:?}", rep.quote_groups))
    };
    let cabin = group("It was hidden");
    assert_eq!(cabin.same_statement_in.len(), 2, "{:?}", rep.quote_groups);
    assert_eq!(cabin.speaker.as_deref(), Some("Nora Vance"));
    let search = group("The search");
    assert_eq!(search.same_statement_in.len(), 2, "{:?}", rep.quote_groups);
    assert_eq!(search.speaker.as_deref(), Some("Adi Rama Wibowo"));
}

#[test]
fn no_break_spaces_inside_names() {
    let raw = "Tina Vogel spoke in Linz.\n\n\"We will not give up on this town,\" Sen.\u{a0}Vogel said on Friday.";
    let t = parallax_core::text::unify_spaces(raw);
    let qs = quotes(&t);
    let q = &qs[0];
    assert_eq!(q.speaker.as_deref(), Some("Tina Vogel"));
}

#[test]
fn present_tense_cue_after_the_name() {
    let t = "Omar Reyes toured the plant.\n\nReyes tells reporters that \"the new line will open in the spring and hire many people.\"";
    let qs = quotes(t);
    let q = quote(&qs, t, "the new line");
    assert_eq!(q.speaker.as_deref(), Some("Omar Reyes"));
    // The same word as a noun is no cue.
    let t = "The phone calls \"came in all night from people who were worried,\" a clerk remembered.";
    assert!(quotes(t).iter().all(|q| q.speaker.is_none()), "{:?}", quotes(t));
}

#[test]
fn scare_quote_does_not_hide_the_cue_before_it() {
    let t = "Lena Fischer said the plan was a \"grave mistake\" and that the council had a choice: \"They can still change course before the vote.\"";
    let qs = quotes(t);
    let q = quote(&qs, t, "They can still");
    assert_eq!(q.speaker.as_deref(), Some("Lena Fischer"));
}

#[test]
fn cue_after_a_quotation_ending_in_an_exclamation() {
    let t = "The rally ended late.\n\n\"We need new leadership and we need it now!\" Ruiz said on the radio.";
    assert_eq!(quote(&quotes(t), t, "We need new").speaker.clone().as_deref(), Some("Ruiz"));
}

#[test]
fn a_town_name_that_speaks_is_a_person() {
    // "Preston" is only a town to the gazetteer; as the subject of "said" it is a person.
    let t = "Polls closed at eight.\n\n\"I could have answered the question better,\" Preston said. \"I was focused on the list.\"";
    let qs = quotes(t);
    let q = quote(&qs, t, "I could have");
    assert_eq!(q.speaker.as_deref(), Some("Preston"));
    // After "in", the town stays a place and speaks for nobody.
    let t = "Officials in Preston said \"the roads will stay closed until further notice from the county.\"";
    assert!(quotes(t).iter().all(|q| q.speaker.as_deref() != Some("Preston")), "{:?}", quotes(t));
}

#[test]
fn inverted_cue_with_qualifiers_before_the_role() {
    let t = "\"It was a sizable purchase of data,\" said R7 president Ivo Marsh, who gave no price.";
    assert_eq!(quotes(t)[0].speaker.clone().as_deref(), Some("Ivo Marsh"));
    let t = "\"It is hard to dispute the rising negatives,\" said Democratic pollster Stan Weller.";
    assert_eq!(quotes(t)[0].speaker.clone().as_deref(), Some("Stan Weller"));
}

#[test]
fn colon_after_the_subject_introduces_its_words() {
    let t = "Ann Lee and Bob Ray disagree on the plan. Lee: \"Our goal is to defeat the group.\" Ray: \"The mission is to contain it first.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "Our goal").speaker.as_deref(), Some("Ann Lee"));
    assert_eq!(quote(&qs, t, "The mission").speaker.as_deref(), Some("Bob Ray"));
    let t = "Mara Quist has since apologized for the delay: \"I should have answered the letters sooner.\"";
    assert_eq!(quotes(t)[0].speaker.clone().as_deref(), Some("Mara Quist"));
}

#[test]
fn name_after_the_cue_is_not_the_speaker_when_the_subject_came_first() {
    let t =
        "Council spokesman Ed Varga said Mayor Rita Holm has \"kept in close touch with the neighbourhoods all year.\"";
    let qs = quotes(t);
    assert_eq!(qs[0].speaker.as_deref(), Some("Ed Varga"), "{qs:?}");
    // The person told or called is not the speaker either.
    let t = "Rita Holm spoke on Monday. Later, Ed Varga called Holm \"the most stubborn mayor this city has had.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "the most stubborn").speaker.as_deref(), Some("Ed Varga"), "{qs:?}");
}

#[test]
fn participle_cue_takes_the_clause_subject() {
    let t = "Press secretary Ida Lund called the idea that Omar Berg had anything to prove a \"silly notion,\" adding that the person who \"needs to change the story is the other candidate.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "needs to change").speaker.as_deref(), Some("Ida Lund"), "{qs:?}");
}

#[test]
fn a_word_or_two_quoted_with_a_cue_is_speech_else_a_scare_quote() {
    let t = "Campaign chair Lea Storm called the whole affair \"absurd\" on Monday.";
    let qs = quotes(t);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].speaker.as_deref(), Some("Lea Storm"));
    let t = "The so-called \"miracle cure\" was sold in shops across the region for years.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn an_organisation_speaks_through_its_own_verb() {
    let t = "The strike ended on Friday. Norvale Telecom said in a statement: \"We look forward to having all of our staff back at work.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "We look forward").speaker.as_deref(), Some("Norvale Telecom"), "{qs:?}");
}

#[test]
fn pronoun_gender_learnt_from_the_text() {
    // Nothing in the names says who is a woman; the pronouns the report uses for each do.
    let t = "Detective Omar Velde led the inquiry. Velde said he had never seen such a case. \
             Rina Osterby, 19, was sentenced on Monday after she admitted the charges.\n\n\
             The ring was surprising for the town, Velde said, considering that Osterby was so young.\n\n\
             \"It was a huge shock for all of us,\" he said.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "It was a huge").speaker.as_deref(), Some("Omar Velde"), "{qs:?}");
    // Without pronoun evidence either way, nothing changes: the nearest person.
    let t = "Omar Velde met Dana Roe. Roe spoke first.\n\n\"We will meet again next month,\" Roe said.";
    assert_eq!(quote(&quotes(t), t, "We will").speaker.as_deref(), Some("Dana Roe"));
}

#[test]
fn a_sentence_opening_pronoun_gives_the_gender_of_the_one_person_named_before() {
    // "She" opens the sentence after the one that names Osterby alone: Osterby is a woman,
    // so the "he" after the last quote is the detective, not the person in his sentence.
    let t = "Police arrested Rina Osterby in May. She was tried as an adult.\n\n\
             The ring was surprising for the town, Omar Velde said, considering that Osterby was so young.\n\n\
             \"It was a huge shock for all of us,\" he said.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "It was a huge").speaker.as_deref(), Some("Omar Velde"), "{qs:?}");
    // With two people in the sentence before, the opening pronoun gives no vote.
    let gender = |body: &str, name: &str| {
        let r = story(&[article("a", body)]);
        r.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name}")).gender
    };
    assert_eq!(
        gender("Police arrested Rina Osterby in May. She was tried as an adult. Osterby is 19.", "Rina Osterby"),
        Some('f')
    );
    assert_eq!(
        gender("Rina Osterby met Omar Velde in May. She was tried as an adult. Osterby is 19.", "Rina Osterby"),
        None
    );
}

#[test]
fn a_publication_after_the_is_not_a_person() {
    let t = "Detective Omar Velde spoke to reporters on Friday.\n\n\
             \"These people prey on lonely children,\" he said, according to the Lakeside Herald.\n\n\
             \"We were able to get the girls back home,\" he added.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "We were able").speaker.as_deref(), Some("Omar Velde"), "{qs:?}");
}

#[test]
fn a_town_named_like_a_person_is_that_person_when_not_a_place() {
    // "Madison" is a town in the gazetteer; here it is Lena Madison, except after "in".
    let t = "Senator Lena Madison spoke on Monday. On Thursday, after weeks of silence, Madison \
             endorsed the plan, saying, \"It is exactly what this country needs right now.\" \
             Voters in Madison were less sure.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "It is exactly").speaker.as_deref(), Some("Lena Madison"), "{qs:?}");
}

#[test]
fn participle_takes_the_main_clause_subject_after_an_introduction() {
    let t = "In June, after Ivo Brandt suffered a fall, Tessa Quill emailed him, telling him, \
             \"you are an all-star and we need you back soon.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "you are an all-star").speaker.as_deref(), Some("Tessa Quill"), "{qs:?}");
}

#[test]
fn apposition_before_the_verb_is_skipped() {
    let t = "Governor Ivo Brandt toured the state. Brandt, the only candidate to campaign in \
             Norland against Tessa Quill, told delegates their votes could help him win \"a battle in the north,\" \
             where the party meets next.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "a battle in the north").speaker.as_deref(), Some("Ivo Brandt"), "{qs:?}");
    // A present-tense cue after an apposition ("writes", "notes").
    let t = "The debate went on. Nora Quill, a professor at Lakeside College who studied Ivo Brandt, writes              that he shows \"sky-high confidence combined with very little patience.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "sky-high").speaker.as_deref(), Some("Nora Quill"), "{qs:?}");
}

#[test]
fn party_descriptions_are_not_names() {
    // "the Norland Republican" is someone already named; "a Westmark Democrat" is unnamed.
    let t = "Senator Ivo Brandt spoke in the capital on Monday. \"We will win this seat,\" said the \
             Norland Republican.\n\n\"He will lose badly,\" said a Westmark Democrat.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "We will win").speaker.as_deref(), Some("Ivo Brandt"), "{qs:?}");
    assert_eq!(quote(&qs, t, "He will lose").speaker.as_deref(), Some("a Westmark Democrat"), "{qs:?}");
    let a = who::analyze_texts(&[t]);
    assert!(a.resolution.entities.iter().all(|e| !e.name.contains("Republican")), "{:?}", a.resolution.entities);
}

#[test]
fn dash_signature_names_the_speaker_of_a_standalone_quote() {
    let t = "Readers wrote in after the debate.\n\n\
             \"The most unqualified candidate I have ever seen.\" ― Marta Ellery \
             \"Maybe we can build a wall around him.\" ― Joel Quist.\n\n\
             Voters will decide, Brandt said that he will \"try to form a stable government\" soon.\"--Kim Aldous.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "The most unqualified").speaker.as_deref(), Some("Marta Ellery"), "{qs:?}");
    assert_eq!(quote(&qs, t, "Maybe we can").speaker.as_deref(), Some("Joel Quist"), "{qs:?}");
    // A byline after a quote that has its own attribution is not its speaker.
    assert_ne!(quote(&qs, t, "try to form").speaker.as_deref(), Some("Kim Aldous"), "{qs:?}");
}

#[test]
fn same_words_in_two_outlets_are_one_statement_even_with_a_wrong_speaker() {
    // Outlet c credits the words to the wrong person; three outlets quote them word for word.
    let words = "We were able to get these children back home and get them the help they needed";
    let arts = [
        article("a.example", &format!("Detective Omar Velde spoke on Friday.\n\n\"{words},\" Velde said.")),
        article("b.example", &format!("\"{words},\" said Detective Omar Velde.")),
        article(
            "c.example",
            &format!("Rina Osterby was sentenced. Osterby's lawyer Tom Baird spoke.\n\n\"{words},\" said Tom Baird."),
        ),
    ];
    let rep = story(&arts);
    let g = &rep.quote_groups[0];
    assert_eq!(g.same_statement_in.len(), 3, "{:?}", rep.quote_groups);
    assert_eq!(g.speaker.as_deref(), Some("Omar Velde"), "the speaker most outlets give");
    // Different words of different speakers stay apart.
    let arts = [
        article("a.example", "\"The bridge will reopen in the spring after repairs,\" said mayor Ann Ruiz."),
        article("b.example", "\"The bridge will stay closed until the inquiry reports,\" said engineer Paul Green."),
    ];
    let rep = story(&arts);
    assert!(rep.quote_groups.iter().all(|g| g.same_statement_in.len() == 1), "{:?}", rep.quote_groups);
}

#[test]
fn everyday_roles_before_a_name_and_programmes_are_not_speakers() {
    let t = "\"It was like a huge party every night on board,\" passenger Mira Tolland told the \
             network's A Morning Show.\n\n\"Their doors would be open all night long,\" she said.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "It was like").speaker.as_deref(), Some("Mira Tolland"), "{qs:?}");
    assert_eq!(quote(&qs, t, "Their doors").speaker.as_deref(), Some("Mira Tolland"), "{qs:?}");
}

#[test]
fn a_common_given_name_makes_a_person_once_named() {
    let t = "The cast includes Oscar Lindqvist, Daisy Marlowe and Kevin Tranter. Students at \
             Virginia Tech and visitors from Florence Street watched the premiere.";
    let a = who::analyze_texts(&[t]);
    let persons: Vec<&str> = a
        .resolution
        .entities
        .iter()
        .filter(|e| e.kind == who::entities::Kind::Person)
        .map(|e| e.name.as_str())
        .collect();
    for name in ["Oscar Lindqvist", "Daisy Marlowe", "Kevin Tranter"] {
        assert!(persons.contains(&name), "{name} missing from {persons:?}");
    }
    assert!(!persons.iter().any(|p| p.contains("Virginia") || p.contains("Florence")), "{persons:?}");
}

#[test]
fn a_cue_introducing_the_next_quote_does_not_swallow_it() {
    // The first quotation has no speaker of its own; the cue after it belongs to the second.
    let t = "Senator Ivo Brandt spoke in Lakeside. Officials said towns can pass such rules because \
             \"nobody should be left out of the vote.\" Brandt says, \"That is a perfectly reasonable \
             decision for the people to make.\"";
    let qs = quotes(t);
    let q = quote(&qs, t, "That is a perfectly");
    assert_eq!(q.speaker.as_deref(), Some("Ivo Brandt"), "{qs:?}");
    assert!(t[q.content.clone()].starts_with("\"That is"), "{:?}", &t[q.content.clone()]);
}

#[test]
fn a_person_named_right_before_the_colon_speaks_unless_spoken_to() {
    let t = "The timing of the surge does not surprise pollster Ada Kwan: \"Lesser-known candidates often \
             gain the most after early contests.\"";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "Lesser-known").speaker.as_deref(), Some("Ada Kwan"), "{qs:?}");
    // The person spoken to is not the speaker.
    let t = "Senator Ivo Brandt spoke first. He told Ada Kwan: \"Your numbers are wrong this time, and everyone knows it.\"";
    let qs = quotes(t);
    assert_ne!(quote(&qs, t, "Your numbers").speaker.as_deref(), Some("Ada Kwan"), "{qs:?}");
}

#[test]
fn given_names_that_are_also_common_words_still_name_people() {
    let t = "The council met on Monday.\n\n\"The bridge will not reopen before the winter,\" said Will Marrow, the town engineer.\n\n\"We have asked for more money from the county,\" said Sharon May, the mayor.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "The bridge").speaker.as_deref(), Some("Will Marrow"));
    assert_eq!(quote(&qs, t, "We have").speaker.as_deref(), Some("Sharon May"));
}

#[test]
fn a_long_capitalised_title_before_a_given_name_is_kept_apart() {
    let t = "The count took three days.\n\n\"We made mistakes and we apologise for them,\" Dunmore County Registrar Helen Quarry said at a hearing.";
    let qs = quotes(t);
    let q = quote(&qs, t, "We made");
    assert_eq!(q.speaker.as_deref(), Some("Helen Quarry"));
    assert_eq!(q.role.as_deref(), Some("Dunmore County Registrar"));
    // A name that merely starts with a given name is not split ("Mary Ann Vell").
    let t2 = "\"We will appeal the ruling next week,\" said Mary Ann Vell.";
    assert_eq!(quote(&quotes(t2), t2, "We will").speaker.as_deref(), Some("Mary Ann Vell"));
}

#[test]
fn a_long_or_possessive_description_before_the_name_after_the_cue() {
    let t = "Reporters were briefed on Friday.\n\n\"The president did not pick a nominee to please anyone,\" wrote Ledger Capitol Hill bureau chief Ann Sorrel, citing people in the room.\n\n\"It will annoy his critics that the plan worked,\" Harbinger’s Noel Ratchet wrote on Friday.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "The president").speaker.as_deref(), Some("Ann Sorrel"));
    assert_eq!(quote(&qs, t, "It will").speaker.as_deref(), Some("Noel Ratchet"));
}

#[test]
fn an_age_description_speaks_for_the_person_named_before() {
    let t = "Police arrested Daniel Okafor on Tuesday after the fire at the grain warehouse.\n\n\
             \"I did not start the fire and I never will,\" the 34-year-old said on Wednesday.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "I did not").speaker.as_deref(), Some("Daniel Okafor"), "{qs:?}");
    // A description whose gender does not agree with the one person named is nobody's.
    let t = "Police arrested Daniel Okafor on Tuesday after the fire at the grain warehouse.\n\n\
             \"He never came home that night,\" the 30-year-old woman said on Wednesday.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "He never").speaker, None, "{qs:?}");
}

#[test]
fn a_title_in_quotation_marks_belongs_to_the_attribution_after_the_quote() {
    // Not the singer named in the sentence before: the account is the speaker, and an
    // account is no person, so no speaker rather than a wrong one.
    let t = "While singer Ann Delmonte was singing, the sky was cloudy. \"We showed the best fireworks of this year and earlier years. It was the right thing to do,\" the \"Summer Night\" account tweeted.";
    let qs = quotes(t);
    let q = quote(&qs, t, "We showed");
    assert_eq!(q.speaker, None, "{q:?}");
    // The cue is still read past the title when a name follows it.
    let t =
        "Critics were unhappy. \"It was a letdown for everyone who came,\" the \"Night Watch\" director Carl Ode said.";
    let qs = quotes(t);
    let q = quote(&qs, t, "It was a letdown");
    assert_eq!(q.speaker.as_deref(), Some("Carl Ode"), "{q:?}");
}

#[test]
fn an_embedded_post_is_a_statement_of_its_signer_across_outlets() {
    let arts = [
        article(
            "a.example",
            "Viewers complained about the broadcast.\n\nThose shots are clearly not from tonight, it is cloudy here. — Ann Delmonte (@anndel) July 5, 2016\n\nThe network did not reply.",
        ),
        article(
            "b.example",
            "Reaction online was swift.\n\nThose shots are clearly not from tonight, it is cloudy here. — Ann Delmonte (@anndel) July 5, 2016",
        ),
    ];
    let rep = story(&arts);
    let g = &rep.quote_groups[0];
    assert_eq!(g.same_statement_in.len(), 2, "{:?}", rep.quote_groups);
    assert_eq!(g.speaker.as_deref(), Some("Ann Delmonte"));
    // A handle in running text is no post.
    let t = "Write to Ann Delmonte (@anndel) with your questions about the broadcast on July 5, 2016.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_short_given_name_or_a_second_romanisation_is_the_same_person_across_outlets() {
    let arts = [
        article(
            "a.example",
            "Jim Tumlow, a collector, bought the coat in 1961.\n\n\"I asked if he would sell it to me,\" Tumlow said. Premier Arseniy Dorenyuk spoke too.",
        ),
        article(
            "b.example",
            "James Tumlow found the coat in a costume store.\n\n\"I asked if he would sell it to me,\" he said. Premier Arseny Doreniuk was there. Jim was happy.",
        ),
    ];
    let rep = story(&arts);
    let persons: Vec<&str> = rep.entities.iter().filter(|e| e.kind == "person").map(|e| e.name.as_str()).collect();
    assert_eq!(persons.iter().filter(|n| n.ends_with("Tumlow")).count(), 1, "{persons:?}");
    assert_eq!(persons.iter().filter(|n| n.contains("Doren")).count(), 1, "{persons:?}");
    let g = &rep.quote_groups[0];
    assert_eq!(g.same_statement_in.len(), 2, "{:?}", rep.quote_groups);
    // Another given name with the same surname stays another person.
    let rep = story(&[article("a.example", "John Tumlow met James Tumlow. Later John Tumlow left.")]);
    assert_eq!(rep.entities.iter().filter(|e| e.name.ends_with("Tumlow")).count(), 2, "{:?}", rep.entities);
}

#[test]
fn verbs_that_characterise_speech_attribute_a_short_quote() {
    let t = "Campaign chair Brent Oakes dismissed the whole dispute as \"absurd.\" \
             Dora Velling slammed the ruling as \"lazy\" on Tuesday.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "absurd").speaker.as_deref(), Some("Brent Oakes"), "{qs:?}");
    assert_eq!(quote(&qs, t, "lazy").speaker.as_deref(), Some("Dora Velling"), "{qs:?}");
    // A word in quotation marks with no speech act stays a scare quote.
    let t = "The so-called \"reform\" package passed on Tuesday.";
    assert!(quotes(t).is_empty(), "{:?}", quotes(t));
}

#[test]
fn a_front_runner_descriptor_resolves_to_the_one_person_nearby() {
    let t = "Dora Velling won the county vote on Tuesday. \
             The party front-runner complained that the contest had been \"rigged\" against her.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "rigged").speaker.as_deref(), Some("Dora Velling"), "{qs:?}");
}

#[test]
fn a_new_sentence_with_its_own_cue_starts_a_new_attribution() {
    let t = "\"We will rebuild the bridge,\" Mayor Dora Velling said. She added, \"The work starts in May.\"";
    let qs = quotes(t);
    assert_eq!(who::quotes::attributions(&qs).len(), 2, "{qs:?}");
    assert!(qs.iter().all(|q| q.speaker.as_deref() == Some("Dora Velling")), "{qs:?}");
    // A piece without a cue of its own continues the attribution.
    let t = "\"We will rebuild the bridge,\" Mayor Dora Velling said. \"The work starts in May.\"";
    assert_eq!(who::quotes::attributions(&quotes(t)).len(), 1);
}

#[test]
fn a_role_descriptor_resolves_to_the_abbreviated_title_holder() {
    let t = "Indiana Gov. Dora Velling met Tom Marsh, a local businessman, on Monday. Marsh praised the plan.\n\n\
             \"We will not raise taxes this year,\" the governor said.\n\n\
             Sen. Brent Oakes spoke later. \"The budget is a mess,\" the senator told reporters.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "We will not").speaker.as_deref(), Some("Dora Velling"), "{qs:?}");
    assert_eq!(quote(&qs, t, "The budget").speaker.as_deref(), Some("Brent Oakes"), "{qs:?}");
    // No one holds the role and two people are near: no speaker rather than a guess.
    let t = "Dora Velling met Tom Marsh on Monday.\n\n\"We will not raise taxes,\" the governor said.";
    assert_eq!(quote(&quotes(t), t, "We will not").speaker, None);
}

#[test]
fn a_statement_one_report_publishes_joins_the_quote_of_it_in_another() {
    let arts = [
        article(
            "board.example",
            "Statement from the Harbour Board.\n\nThe board regrets the delay to the ferry service and will publish a full timetable for the new vessels by the end of the month.",
        ),
        article(
            "news.example",
            "Ferry users were angry on Monday. \"The board regrets the delay to the ferry service and will publish a full timetable for the new vessels,\" said Dora Velling, the chairman of the board.",
        ),
    ];
    let rep = story(&arts);
    let g = &rep.quote_groups[0];
    assert_eq!(g.same_statement_in.len(), 2, "{:?}", rep.quote_groups);
    assert_eq!(g.speaker.as_deref(), Some("Dora Velling"), "{:?}", rep.quote_groups);
    // A few shared words are not a published statement.
    let arts = [
        article("a.example", "The board regrets the delay to the ferry service, passengers said."),
        article(
            "b.example",
            "\"We are sorry for the delay to the ferry service on the northern route this week,\" Dora Velling said.",
        ),
    ];
    assert!(story(&arts).quote_groups.iter().all(|g| g.same_statement_in.len() == 1));
}

#[test]
fn a_name_used_as_a_modifier_does_not_speak() {
    let t = "Bram Oakes said he found the Carla Vane dress in 1961.\n\n\
             \"I asked if he would sell it to me,\" he said.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "I asked").speaker.as_deref(), Some("Bram Oakes"), "{qs:?}");
}

#[test]
fn the_name_after_a_role_of_several_words_speaks() {
    let t = "Ann Ortiz found the leak.\n\n\"We are resetting every password,\" the company's chief information security officer Dora Velling wrote in a blog post.";
    let qs = quotes(t);
    assert_eq!(quote(&qs, t, "We are resetting").speaker.as_deref(), Some("Dora Velling"), "{qs:?}");
}

#[test]
fn a_name_without_its_middle_name_and_a_one_word_title_are_one_person() {
    // One outlet gives the middle name, another leaves it out; a one-word title ("Deputy",
    // "Trooper") stays out of the name.
    let arts = [
        article(
            "a.example",
            "Investigators arrested Orla Maeve Tandy on Monday. \"We will fight this,\" Orla Maeve Tandy said. \
             Deputy Brant Ocheltree was hurt.",
        ),
        article(
            "b.example",
            "\"We will fight this,\" Orla Tandy told reporters. Deputy Ocheltree is recovering, said Trooper Lise Varga.",
        ),
    ];
    let rep = story(&arts);
    let people: Vec<&str> = rep.entities.iter().filter(|e| e.kind == "person").map(|e| e.name.as_str()).collect();
    let tandy: Vec<_> = rep.entities.iter().filter(|e| e.name.contains("Tandy")).collect();
    assert_eq!(tandy.len(), 1, "{people:?}");
    assert_eq!(tandy[0].mentions.len(), 2, "{:?}", tandy[0]);
    assert!(people.contains(&"Brant Ocheltree") && people.contains(&"Lise Varga"), "{people:?}");
    assert_eq!(people.iter().filter(|p| p.contains("Ocheltree")).count(), 1, "{people:?}");
}

#[test]
fn a_hyphenated_description_before_a_name_is_not_part_of_it() {
    let arts = [
        article(
            "a.example",
            "Moscow-backed President Ivo Danek met the envoy on Monday. Now-retired Gen. Tomas Brell attended.",
        ),
        article("b.example", "Ivo Danek said the talks went well. The Oscar-nominee Brell did not speak."),
    ];
    let rep = story(&arts);
    let people: Vec<&str> = rep.entities.iter().filter(|e| e.kind == "person").map(|e| e.name.as_str()).collect();
    assert!(people.contains(&"Ivo Danek") && people.contains(&"Tomas Brell"), "{people:?}");
    assert!(people.iter().all(|p| !p.contains('-')), "{people:?}");
}
