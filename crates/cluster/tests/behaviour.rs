//! Clustering behaviour on small hand-made streams: the name rule, time, and invariants.

use parallax_cluster::{Params, cluster, cluster_with};
use parallax_core::Article;
use proptest::prelude::*;

fn art(source: &str, published: Option<&str>, body: &str) -> Article {
    Article { source: source.into(), published: published.map(str::to_string), body: body.into(), ..Default::default() }
}

const NOTICE: &str = "We have sent you a verification email. Please check your inbox and click the \
    verification link in the email to activate your new account with";

#[test]
fn shared_words_without_a_shared_name_do_not_make_a_story() {
    let arts = [
        art("a.txt", None, &format!("{NOTICE} Acme today. If the email does not arrive, check the junk folder.")),
        art("b.txt", None, &format!("{NOTICE} Globex today. If the email does not arrive, check the junk folder.")),
    ];
    assert_eq!(cluster(&arts), vec![vec![0], vec![1]]);
    // The same pair with the rule off joins on words alone.
    let off = Params { name_gate: false, ..Params::default() };
    assert_eq!(cluster_with(&arts, &[None, None], &off), vec![vec![0, 1]]);
}

#[test]
fn a_shared_name_lets_similar_reports_join() {
    let arts = [
        art("a.txt", None, &format!("{NOTICE} Acme today. If the email does not arrive, check the junk folder.")),
        art("b.txt", None, &format!("{NOTICE} Acme today. When the email does not arrive, look in the junk folder.")),
    ];
    assert_eq!(cluster(&arts), vec![vec![0, 1]]);
}

#[test]
fn text_without_capitalised_names_is_not_gated() {
    let a = format!("{NOTICE} acme today. if the email does not arrive, check the junk folder.").to_lowercase();
    let b = format!("{NOTICE} globex today. if the email does not arrive, check the junk folder.").to_lowercase();
    assert_eq!(cluster(&[art("a.txt", None, &a), art("b.txt", None, &b)]), vec![vec![0, 1]]);
}

const FLOOD: &str = "Floods in the Ardenne valley forced hundreds of families from their homes after \
    the river Semois burst its banks near Bouillon, where rescue teams worked through the night";

#[test]
fn the_same_event_weeks_apart_is_a_new_story() {
    let arts = [
        art("a.txt", Some("2024-03-01"), &format!("{FLOOD}. Officials counted 412 evacuated homes.")),
        art("b.txt", Some("2024-03-02"), &format!("{FLOOD}, and the mayor of Bouillon asked for army help.")),
        art("c.txt", Some("2024-06-20"), &format!("{FLOOD}; the Semois rose again after storms.")),
    ];
    assert_eq!(cluster(&arts), vec![vec![0, 1], vec![2]]);
}

#[test]
fn reports_are_taken_in_publication_order() {
    // The later report comes first in the input; the story lists its members by date.
    let arts = [
        art("late.txt", Some("2024-03-02"), &format!("{FLOOD}, and the mayor of Bouillon asked for army help.")),
        art("early.txt", Some("2024-03-01"), &format!("{FLOOD}. Officials counted 412 evacuated homes.")),
    ];
    assert_eq!(cluster(&arts), vec![vec![1, 0]]);
}

const WORDS: &[&str] = &[
    "Ardenne",
    "flood",
    "river",
    "Bouillon",
    "mayor",
    "rescue",
    "Geneva",
    "talks",
    "ceasefire",
    "envoy",
    "budget",
    "vote",
    "Senate",
    "court",
    "ruling",
    "appeal",
    "storm",
    "coast",
    "harbour",
    "1200",
];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every report lands in exactly one story; stories are non-empty, in publication order,
    /// and the result does not depend on the run.
    #[test]
    fn stories_partition_the_reports(bodies in prop::collection::vec(body(), 0..24), days in prop::collection::vec(0u32..90, 24)) {
        let arts: Vec<Article> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let date = (days[i] % 3 != 0).then(|| format!("2024-{:02}-{:02}", 1 + days[i] / 28, 1 + days[i] % 28));
                art(&format!("r{i}.txt"), date.as_deref(), b)
            })
            .collect();
        let stories = cluster(&arts);
        let mut seen = vec![0usize; arts.len()];
        for s in &stories {
            prop_assert!(!s.is_empty());
            for &i in s {
                seen[i] += 1;
            }
        }
        prop_assert!(seen.iter().all(|&c| c == 1), "{seen:?}");
        let order = parallax_cluster::publication_order(&arts);
        let pos = |i: usize| order.iter().position(|&j| j == i).unwrap();
        for s in &stories {
            prop_assert!(s.windows(2).all(|w| pos(w[0]) < pos(w[1])));
        }
        prop_assert!(stories.windows(2).all(|w| pos(w[0][0]) < pos(w[1][0])));
        prop_assert_eq!(&stories, &cluster(&arts));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The index leaves out terms that one report alone holds: the stories are those of
    /// clustering the same vectors with every term indexed.
    #[test]
    fn terms_of_one_report_change_no_story(bodies in prop::collection::vec(body(), 0..24), own in prop::collection::vec(0usize..4, 24)) {
        let arts: Vec<Article> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                // Invented words only this report uses, capitalised (names) or not.
                let extra: Vec<String> = (0..own[i]).map(|k| if k % 2 == 0 { format!("Zorvak{i}q{k}") } else { format!("plinth{i}q{k}") }).collect();
                art(&format!("r{i}.txt"), Some("2024-03-01"), &format!("{b} {}", extra.join(" ")))
            })
            .collect();
        let p = Params::default();
        let none = vec![None; arts.len()];
        let (vecs, names) = parallax_cluster::report_features(&arts, &p);
        prop_assert_eq!(cluster_with(&arts, &none, &p), parallax_cluster::cluster_vectors(&arts, &vecs, &names, &none, &p));
    }
}

const QUAKE: &str = "An earthquake shook the mountain town of Karvelo before dawn, cracking the old \
    cathedral and cutting power to the valley, while Karvelo volunteers searched collapsed barns";
const STRIKE: &str = "Dock workers in the port of Velmira walked out over pensions, leaving container \
    ships idle in the harbour as the Velmira union vowed to keep the cranes silent";

#[test]
fn a_report_as_close_to_two_different_stories_joins_neither() {
    let arts = [
        art("q1.txt", None, &format!("{QUAKE}. Engineers inspected the cathedral tower.")),
        art("q2.txt", None, &format!("{QUAKE}; aftershocks rattled Karvelo at noon.")),
        art("s1.txt", None, &format!("{STRIKE}. Shipping firms diverted cargo to other ports.")),
        art("s2.txt", None, &format!("{STRIKE}, and talks with the port authority broke down.")),
        // A round-up of the week's news: as much of one story as of the other.
        art("r.txt", None, &format!("This week in brief. {QUAKE}. Elsewhere, {STRIKE}.")),
    ];
    assert_eq!(cluster(&arts), vec![vec![0, 1], vec![2, 3], vec![4]]);
    // Without the rule the round-up joins one of them.
    let off = Params { ambiguity_ratio: 2.0, ..Params::default() };
    let joined = cluster_with(&arts, &[None; 5], &off);
    assert_eq!(joined.len(), 2, "{joined:?}");
}

#[test]
fn a_weak_report_with_no_rival_story_stays_alone() {
    // A later piece: the school year in Karvelo, one line on the quake. Its one candidate story
    // scores below the second pass's bar, and no other story is there for the quake story to
    // be clearly nearer than (a small batch, one report ingested into a store): it stays alone
    // rather than join on weak evidence (the harbour's bridge story must not draw its ferry one).
    let arts = [
        art("q1.txt", None, &format!("{QUAKE}. Engineers inspected the cathedral tower.")),
        art("q2.txt", None, &format!("{QUAKE}; aftershocks rattled Karvelo at noon.")),
        art("s1.txt", None, &format!("{STRIKE}. Shipping firms diverted cargo to other ports.")),
        art(
            "k.txt",
            None,
            "Pupils in Karvelo returned to lessons in tents on Monday, their teachers said, \
             singing in the morning frost since the earthquake. Parents brought blankets, \
             books and hot soup, and the mayor promised new classrooms by spring; the \
             headmistress thanked the families, and the choir rehearsed for the winter concert. \
             The football team trained on the meadow, the library lent out puzzles, and \
             older pupils painted murals of foxes, owls and herons on the canvas walls.",
        ),
    ];
    assert_eq!(cluster(&arts), vec![vec![0, 1], vec![2], vec![3]]);
}
