//! Contradictions of polarity: one outlet states a claim, another states it negated ("the
//! ministry confirmed the transfer" / "the ministry could not confirm the transfer"; "he has a
//! criminal record" / "he has no criminal record"; "confirmed" / "denied").
//!
//! Precision first: the two sentences must be reports of the same day (a later "police have
//! now identified" updates an earlier "have not identified"), name the same people and places
//! (two speakers may disagree without either outlet contradicting the other), and say the same
//! thing word for word but for the negation: at most one content word apart on each side, and
//! that word, if any, a denial against an affirmation.

use std::collections::BTreeSet;

use parallax_core::report::Contradiction;

use super::claims::Sims;
use super::text::{Story, Tok};
use crate::rx::{WordRegex, word_regex};
use crate::who::gazetteer::Gazetteer;

/// Least similarity of two sentences for one to be the other negated.
const POLARITY_ALIGNED: f64 = 0.6;
/// Least content words the two sentences share.
const LEAST_SHARED: usize = 4;

/// Words that negate the clause they stand in.
const NEGATIONS: &[&str] = &["not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "cannot", "without"];
/// Verbs that deny what follows them, and verbs that affirm it.
const DENY: &[&str] = &["deny", "denied", "denies", "denying", "refuted", "refutes", "rejected"];
const AFFIRM: &[&str] = &["confirm", "confirmed", "confirms", "confirming", "admitted", "admits", "acknowledged"];

/// Lower-case words of a sentence (its tokens in the annotated text).
fn words(story: &Story<'_>, i: usize) -> Vec<String> {
    let s = &story.sents[i];
    let d = &story.annotated[s.art];
    d.tokens[d.tokens_in(s.start..s.end)].iter().map(|t| d.token_text(t).to_lowercase()).collect()
}

/// How many negations a sentence (its words and text) carries: negation words and "n't" forms,
/// leaving out those that do not negate ("not only", "not just", "no longer" stays: it negates
/// a state; "No. 1").
fn negations(ws: &[String], text: &str) -> usize {
    let mut n = 0;
    for (i, w) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(String::as_str);
        let negating = (NEGATIONS.contains(&w.as_str()) && !matches!(next, Some("only" | "just" | "least")))
            || w.ends_with("n't")
            || w.ends_with("n’t")
            || DENY.contains(&w.as_str());
        n += usize::from(negating);
    }
    // "No. 1", "no 5": a number sign, not a negation.
    n - text.match_indices("No.").count().min(n)
}

/// Stems of verbs that deny and of verbs that affirm (content words are stemmed).
const DENY_STEMS: &[&str] = &["deni", "deny", "refut", "reject"];
const AFFIRM_STEMS: &[&str] = &["confirm", "admit", "acknowledg"];

/// Whether one side's extra word and the other's are a denial and an affirmation.
fn deny_affirm(only_a: &[String], only_b: &[String]) -> bool {
    let is = |ws: &[String], set: &[&str]| ws.len() == 1 && set.iter().any(|s| ws[0].starts_with(s));
    (is(only_a, DENY_STEMS) && is(only_b, AFFIRM_STEMS)) || (is(only_a, AFFIRM_STEMS) && is(only_b, DENY_STEMS))
}

/// Content words of a sentence, as written forms (for the one-word difference).
fn content(story: &Story<'_>, toks: &BTreeSet<Tok>) -> BTreeSet<String> {
    toks.iter().map(|t| story.form(*t)).collect()
}

/// Whether a sentence (its words and text) is a question or a conditional, which asserts nothing.
fn asserts_nothing(ws: &[String], text: &str) -> bool {
    text.trim_end().ends_with('?') || ws.first().is_some_and(|w| matches!(w.as_str(), "if" | "whether" | "unless"))
}

/// A clean record: "no criminal record", "no prior convictions", "had never been arrested" (not
/// "no arrests have been made" in the case at hand).
static NO_RECORD: WordRegex = word_regex!(
    r"(?i)\b(?:no (?:(?:prior|previous|known|past) )?(?:criminal|police|arrest) record|no (?:prior|previous|past) (?:convictions|arrests|criminal history)|never (?:been |had been |was )?(?:arrested|convicted)|clean (?:criminal )?record)\b"
);
/// A record before the story's events: "a lengthy criminal record", "prior convictions for
/// theft", "had previously been convicted", "served time in prison".
static HAS_RECORD: WordRegex = word_regex!(
    r"(?i)\b(?:(?:has|had|with) an? (?:long |lengthy |extensive |violent )?(?:criminal|police|arrest) record|(?:prior|previous|past) (?:convictions?|arrests) (?:for|in|on|including)|(?:previously|had) (?:been )?convicted|served (?:time|\w+ (?:years|months)) in (?:prison|jail))\b"
);

/// Which way a sentence tells a record: `Some(false)` clean, `Some(true)` a record, `None`
/// neither or both.
fn record(text: &str) -> Option<bool> {
    let no = NO_RECORD.for_text(text).is_match(text);
    let has = HAS_RECORD.for_text(text).is_match(text);
    (no != has).then_some(has)
}

/// One person's record given as clean by one outlet and as past convictions by another: the two
/// sentences name the same person, and neither report tells the other way anywhere.
fn record_contradictions(story: &Story<'_>) -> Vec<Contradiction> {
    let told: Vec<Vec<(usize, bool)>> = (0..story.articles.len())
        .map(|a| {
            let sents = story.docs[a].sents.clone().filter(|&i| !story.sents[i].furniture);
            sents.filter_map(|i| record(story.text(&story.sents[i])).map(|r| (i, r))).collect()
        })
        .collect();
    let one_way = |a: usize| told[a].iter().all(|&(_, r)| r == told[a][0].1);
    let mut out = Vec::new();
    for (a, b) in super::facts::comparable_pairs(story) {
        let (Some(&(i, ra)), Some(&(j, rb))) = (told[a].first(), told[b].first()) else { continue };
        let (na, nb) = (&story.sents[i].names, &story.sents[j].names);
        if ra == rb || !one_way(a) || !one_way(b) || na.is_disjoint(nb) || two_sources(story, i, j) {
            continue;
        }
        out.push(Contradiction {
            id: String::new(),
            kind: "polarity".into(),
            about: "whether there was a criminal record".into(),
            claims: [(a, i, ra), (b, j, rb)]
                .into_iter()
                .map(|(art, k, r)| {
                    let value = if r { "a record" } else { "no record" };
                    super::facts::claim(story, art, story.text(&story.sents[k]).trim().to_string(), value.to_string())
                })
                .collect(),
        });
    }
    out
}

/// Whether two sentences both report someone's words and their sources differ ("police said" /
/// "her lawyer said"): each outlet then reports its source faithfully.
fn two_sources(story: &Story<'_>, i: usize, j: usize) -> bool {
    let g = Gazetteer::get();
    let attributed = |k: usize| words(story, k).iter().any(|w| g.verb(w).is_some());
    let (na, nb) = (&story.sents[i].names, &story.sents[j].names);
    attributed(i) && attributed(j) && na != nb
}

/// Pairs of closely aligned sentences of two outlets' same-day reports, one the other negated,
/// and records given as clean and as past convictions.
pub fn contradictions(story: &Story<'_>, sims: &Sims) -> Vec<Contradiction> {
    let mut out: Vec<Contradiction> = Vec::new();
    for &(v, a, b) in &sims.pairs {
        let (sa, sb) = (&story.sents[a], &story.sents[b]);
        let same_day = story.docs[sa.art].dct == story.docs[sb.art].dct;
        if v < POLARITY_ALIGNED
            || !same_day
            || sa.furniture
            || sb.furniture
            || !super::facts::comparable(story, sa.art, sb.art)
        {
            continue;
        }
        let (ta, tb) = (story.text(sa), story.text(sb));
        let (wa, wb) = (words(story, a), words(story, b));
        let (na, nb) = (negations(&wa, ta), negations(&wb, tb));
        if asserts_nothing(&wa, ta) || asserts_nothing(&wb, tb) || (na == 0) == (nb == 0) || sa.names != sb.names {
            continue;
        }
        let (ca, cb) = (content(story, &sa.tokens), content(story, &sb.tokens));
        let only_a: Vec<String> = ca.difference(&cb).cloned().collect();
        let only_b: Vec<String> = cb.difference(&ca).cloned().collect();
        // The same words but for the negation, or but for one word, or a denial for an affirmation.
        let close = only_a.len() + only_b.len() <= 1 || deny_affirm(&only_a, &only_b);
        if !close || ca.intersection(&cb).count() < LEAST_SHARED || !speech_agrees(&wa, &wb) {
            continue;
        }
        out.push(Contradiction {
            id: String::new(),
            kind: "polarity".into(),
            about: format!("whether: {}", ta.trim()),
            claims: [(sa.art, ta, na), (sb.art, tb, nb)]
                .into_iter()
                .map(|(art, t, n)| {
                    let value = if n == 0 { "affirmed" } else { "negated" };
                    super::facts::claim(story, art, t.trim().to_string(), value.to_string())
                })
                .collect(),
        });
    }
    let flagged: Vec<Vec<String>> = out.iter().map(|c| c.claims.iter().map(|x| x.source.clone()).collect()).collect();
    for c in record_contradictions(story) {
        if !flagged.iter().any(|f| c.claims.iter().all(|x| f.contains(&x.source))) {
            out.push(c);
        }
    }
    out
}

/// Whether the two sentences report the same speech act, if any (one saying, the other not
/// reporting anyone, is fine; "said" against "denied" is the contradiction itself).
fn speech_agrees(wa: &[String], wb: &[String]) -> bool {
    let g = Gazetteer::get();
    let verbs = |ws: &[String]| -> BTreeSet<String> { ws.iter().filter(|w| g.verb(w).is_some()).cloned().collect() };
    let (va, vb) = (verbs(wa), verbs(wb));
    va.is_empty()
        || vb.is_empty()
        || !va.is_disjoint(&vb)
        || va.iter().chain(&vb).any(|w| DENY.contains(&w.as_str()) || AFFIRM.contains(&w.as_str()))
}
