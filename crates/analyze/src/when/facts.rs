//! Contradictions of facts across independent outlets: the same attribute of the same entity at
//! the same time given two incompatible values. Precision first: each class needs strong
//! evidence that both outlets speak of the same thing, and every reading under which both
//! could hold (a range, a hedge, a birthday, a later update, a different time) rules a flag out.
//!
//! * `number`, ages: a person's age attached to the name ("the 34-year-old driver Ann Lee",
//!   "Ann Lee, 34,", "Ann Lee (34)", "Ann Lee, aged 34"), one age per outlet, compared across
//!   outlets allowing for the birthdays that can fall between their publication dates. Ages told
//!   for another time ("was 32 when", "at the time", a year other than the report's) are skipped.
//!   An age told by a descriptor in a subject's place ("The 21-year-old hanged …") stands for the
//!   one person the sentences before name (gender and role agreeing), or in the lede the one
//!   person without a role the next sentences name; it is compared only with ages close enough
//!   to be one person's (a teenager and a parent are two people).
//! * `number`, counts: two closely aligned sentences of reports of the same day that count the
//!   same noun. Each number is read as an interval (`at least 40` → [40, ∞), `nearly 200` →
//!   [160, 200], `about 50` → [37.5, 62.5], an exact number ±10 % for rounding); only disjoint
//!   intervals conflict.
//! * `place`: two closely aligned sentences that put the same event in two different places of
//!   the same rank (city and city, country and country) when neither report names the other's
//!   place anywhere.
//!
//! Two versions of one outlet's story never contradict each other (the later one updates).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use parallax_core::report::{Contradiction, ContradictionClaim, Entity};
use regex::Regex;

use super::claims::Sims;
use super::text::{Number, Story, Tok, name_id, token};
use crate::rx::{WordRegex, word_regex};
use crate::who::gazetteer::{Gazetteer, Known};
use parallax_annotate::{flag, lexicon};

/// Least similarity of two sentences for their counts to be of the same thing. (Tuned on the
/// planted stories: at 0.4, counts of different things in looser paraphrases are flagged.)
const COUNT_ALIGNED: f64 = 0.5;
/// Least similarity of two sentences for their places or days to be of the same event (the
/// value must also be absent from the other report, which keeps this lower bar precise).
const SLOT_ALIGNED: f64 = 0.3;
/// Least similarity of two sentences that mention a person's age for them to tell one event
/// (near-identical: sentences on one subject often tell two moments, an arrest and a trial).
const SAME_EVENT: f64 = 0.6;

/// Whether two reports may contradict each other: both independent, from different outlets.
pub(super) fn comparable(story: &Story<'_>, a: usize, b: usize) -> bool {
    a != b && story.independent[a] && story.independent[b] && story.outlet(a) != story.outlet(b)
}

/// Pairs of reports (a < b) whose statements can contradict each other: see [`comparable`].
pub(super) fn comparable_pairs<'a>(story: &'a Story<'_>) -> impl Iterator<Item = (usize, usize)> + 'a {
    let n = story.articles.len();
    (0..n).flat_map(move |a| (a + 1..n).map(move |b| (a, b))).filter(move |&(a, b)| comparable(story, a, b))
}

pub(super) fn claim(story: &Story<'_>, art: usize, says: String, value: String) -> ContradictionClaim {
    ContradictionClaim { source: story.source(art).to_string(), says, resolves_to: Some(value), error: None }
}

// ---------------------------------------------------------------------------------------------
// Ages

const NAME: &str = r"\p{Lu}[\p{L}'’.-]*[\p{L}](?:\s+\p{Lu}[\p{L}'’.-]*[\p{L}])*";

static AGE_BEFORE: WordRegex = word_regex!(format!(r"\b(\d{{1,3}})[- ]year[- ]old\s+((?:[a-z]+\s+){{0,2}})({NAME})"));
static AGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"({NAME})(?:,\s+(?:aged\s+)?(\d{{1,3}}),|\s+\((\d{{1,3}})\))")).expect("age regex")
});
/// Words that may stand between an age and a name ("the 34-year-old driver Ann Lee") only when
/// they are not function words, which would attach the age to someone else.
const NOT_ROLE: &[&str] =
    &["and", "or", "of", "with", "his", "her", "their", "who", "was", "is", "had", "has", "to", "in", "on", "by"];
/// Cues, right after an age, that it was true at another time ("was 32 when", "at the time",
/// "32, then a student"; not the "and then" of a sequence of events).
static OTHER_TIME: WordRegex = word_regex!(
    r"(?i)^[^.;:]{0,60}?(?:\b(?:when|(?:back|by|even|only) then|at the time|ago|would have|turned|turns|birthday|since|until)\b|,\s*then\b)"
);
static YEAR: WordRegex = word_regex!(r"\b(1[89]\d\d|20\d\d)\b");

/// One outlet's statement of a person's age.
#[derive(Debug, Clone)]
struct Age {
    art: usize,
    /// Sentence (index in `Story::sents`).
    sent: usize,
    value: u32,
    says: String,
    /// The name as written, title stripped, as name keys ("tamir", "rice").
    name: Vec<String>,
    /// The two words before the age ("shot and killed 12-year-old" → "and killed"), lower case.
    context: String,
    /// Whether a descriptor told it ("the 21-year-old"), resolved to the person it stands for.
    descriptor: bool,
}

/// Name keys of a written name, without titles and initials ("Mayor Ann B. Lee" → ann, lee).
fn name_words(name: &str) -> Vec<String> {
    let g = Gazetteer::get();
    name.split_whitespace()
        .skip_while(|w| g.honorifics.contains(w.trim_end_matches('.')))
        .map(lexicon::name_key)
        .filter(|k| k.chars().count() > 1)
        .collect()
}

/// Whether a sentence tells of another time than its report's year.
fn other_year(story: &Story<'_>, art: usize, text: &str) -> bool {
    let year = story.docs[art].dct.map(|d| chrono::Datelike::year(&d).to_string());
    YEAR.for_text(text).find_iter(text).any(|y| Some(y.as_str()) != year.as_deref())
}

/// Ages attached to names in one sentence of one report.
fn ages_in(story: &Story<'_>, sent: usize) -> Vec<Age> {
    let (art, text) = (story.sents[sent].art, story.text(&story.sents[sent]));
    // Every pattern below (the years of `other_year`, both age patterns) needs a digit (`\d`
    // is Unicode: a numeric character); most sentences have none.
    if !text.chars().any(char::is_numeric) || other_year(story, art, text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut push = |value: &str, name: &str, span: Range<usize>, after: usize| {
        let (Ok(value), name) = (value.parse::<u32>(), name_words(name)) else { return };
        if (1..=120).contains(&value)
            && !name.is_empty()
            && !OTHER_TIME.for_text(&text[after..]).is_match(&text[after..])
        {
            let before: Vec<&str> = text[..span.start].split_whitespace().rev().take(2).collect();
            let context = before.into_iter().rev().collect::<Vec<_>>().join(" ").to_lowercase();
            out.push(Age { art, sent, value, says: text[span].to_string(), name, context, descriptor: false });
        }
    };
    for c in AGE_BEFORE.for_text(text).captures_iter(text) {
        if !c[2].split_whitespace().any(|w| NOT_ROLE.contains(&w)) {
            let m = c.get(0).expect("match");
            push(&c[1], &c[3], m.range(), m.end());
        }
    }
    for c in AGE_AFTER.captures_iter(text) {
        let num = c.get(2).or(c.get(3)).expect("age group");
        push(num.as_str(), &c[1], c.get(0).expect("match").start()..num.end(), num.end());
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Ages told by a descriptor ("The 21-year-old hanged his daughter")

/// An age as the head of a noun phrase ("the 17-year-old", "an 18-year-old Hanford woman"):
/// the determiner, the age and up to three words after it.
static AGE_DESCRIPTOR: WordRegex =
    word_regex!(r"\b([Tt]he|[Aa]n?)\s+(\d{1,3})[- ]year[- ]old\b((?:\s+[\p{L}'’-]+){0,3})");
/// Words before a descriptor that put it where a clause's subject stands (or at a sentence's
/// start): "when the 17-year-old disappeared", "said the 40-year-old". After a preposition ("the
/// father of the 16-year-old") the phrase is someone else's relative or object.
const SUBJECT_BEFORE: &[&str] =
    &["when", "after", "before", "as", "while", "that", "because", "and", "but", "where", "said", "says", "then"];
/// How far a descriptor looks for the person it stands for (sentences back, then ahead).
const DESCRIPTOR_REACH: usize = 2;
/// Most an age told by a descriptor may differ from another, as a ratio, for both to be one
/// person's: ages far apart (a teenager and a parent) are two people, not one person disputed.
const DESCRIPTOR_RATIO: f64 = 1.4;
/// The same for the unnamed subject two ledes bring in with one noun ("a 12-year-old girl").
const UNNAMED_RATIO: f64 = 2.0;

/// Grammatical gender the words of a descriptor and its sentence give it, if any.
fn descriptor_gender(words: &str, rest: &str) -> Option<char> {
    use crate::who::gender::noun_gender;
    let lower = |w: &str| w.to_lowercase();
    let pronoun = || {
        rest.split(|c: char| !c.is_alphabetic()).map(lower).find(|w| matches!(w.as_str(), "he" | "his" | "she" | "her"))
    };
    words.split_whitespace().find_map(|w| noun_gender(&lower(w))).or_else(|| pronoun().and_then(|p| noun_gender(&p)))
}

/// A person the sentences may name.
#[derive(Debug, Clone, PartialEq)]
struct Named {
    /// Name keys of the full name.
    name: Vec<String>,
    /// Gender from the reports' pronouns, else from a common given name.
    gender: Option<char>,
    /// Role or title a report gives the person ("officer").
    role: Option<String>,
}

/// One person, or `None` for a name key two people share.
type Person = Option<Named>;

/// A story's people as the sentences name them: the canonical name key (see
/// [`alias_map`](super::text::alias_map)) → the person.
fn people_by_key(entities: &[Entity]) -> BTreeMap<Tok, Person> {
    let mut out: BTreeMap<Tok, Person> = BTreeMap::new();
    for e in entities.iter().filter(|e| e.kind == "person") {
        let name = name_words(&e.name);
        let Some(last) = e.name.split_whitespace().last() else { continue };
        if name.len() < 2 || not_a_person(entities, &name) {
            continue;
        }
        let gender = e.gender.or_else(|| Gazetteer::get().first_names.get(&title_case(&name[..1])).copied());
        let person = Named { name: name.clone(), gender, role: e.role.as_ref().map(|r| r.to_lowercase()) };
        let slot = out.entry(name_id(last)).or_insert_with(|| Some(person));
        if slot.as_ref().is_some_and(|p| p.name != name) {
            *slot = None;
        }
    }
    out
}

/// What a descriptor says of the person it stands for.
#[derive(Debug, Clone, Copy)]
struct Described<'t> {
    gender: Option<char>,
    /// A role noun of the descriptor ("officer" in "the 33-year-old officer").
    role: Option<&'t str>,
    /// Whether people named after it may be the one (a descriptor in the lede introduces the
    /// person the next sentences name) and only those without a role of their own.
    ahead: bool,
    /// Whether only people without a role count (looking ahead: a named official is not the
    /// one a lede introduces).
    roleless: bool,
}

impl Described<'_> {
    /// Whether a named person fits the descriptor: gender and role do not disagree.
    fn fits(&self, p: &Named) -> bool {
        let gender = self.gender.is_none() || p.gender.is_none() || p.gender == self.gender;
        let role = match (self.role, p.role.as_deref()) {
            (Some(d), Some(r)) => r.split_whitespace().any(|w| w == d),
            _ => true,
        };
        gender && role
    }
}

/// The one person a sentence names that fits the descriptor (its names before byte `before`
/// only, when given); `Err` when it names two or more, or a name two people share.
fn one_person(
    story: &Story<'_>,
    people: &BTreeMap<Tok, Person>,
    sent: usize,
    before: Option<usize>,
    d: &Described<'_>,
) -> Result<Option<Vec<String>>, ()> {
    let s = &story.sents[sent];
    let keys = match before {
        None => s.names.clone(),
        Some(end) => story.names_in(s.art, s.start..s.start + end),
    };
    let found: Vec<&Person> = keys
        .iter()
        .filter_map(|k| people.get(k))
        .filter(|p| !d.roleless || p.as_ref().is_none_or(|p| p.role.is_none()))
        .collect();
    if found.iter().any(|p| p.is_none()) {
        return Err(());
    }
    let fit: Vec<&Named> = found.iter().filter_map(|p| p.as_ref()).filter(|p| d.fits(p)).collect();
    match (found.len(), fit.as_slice()) {
        (0, _) => Ok(None),
        (_, [one]) => Ok(Some(one.name.clone())),
        _ => Err(()),
    }
}

/// The person a descriptor in sentence `sent` (at byte `at` of it) stands for: the one person
/// named in the nearest sentence that names anyone: the sentence itself up to the descriptor,
/// then up to [`DESCRIPTOR_REACH`] sentences back, then (when `d.ahead`) the rest of the
/// sentence and as many ahead.
fn descriptor_person(
    story: &Story<'_>,
    people: &BTreeMap<Tok, Person>,
    sent: usize,
    at: usize,
    d: &Described<'_>,
) -> Option<Vec<String>> {
    let range = story.docs[story.sents[sent].art].sents.clone();
    // In its own sentence, a descriptor stands for a person named before it only in apposition
    // or as the predicate ("Carl Ode, the 17-year-old who", "Ode was a 17-year-old"): one named
    // before it otherwise is someone else ("Ode walked to where the 12-year-old stood").
    let before = story.text(&story.sents[sent])[..at].trim_end();
    let own = one_person(story, people, sent, Some(at), d);
    if !matches!(own, Ok(None)) {
        return own.ok().flatten().filter(|_| attached_to_name(before));
    }
    let back = (range.start.max(sent.saturating_sub(DESCRIPTOR_REACH))..sent).rev();
    match first_named(story, people, back, d) {
        Ok(found) => return found,
        Err(()) if !d.ahead => return None,
        Err(()) => {}
    }
    let roleless = Described { role: None, roleless: true, ..*d };
    first_named(story, people, sent..range.end.min(sent + 1 + DESCRIPTOR_REACH), &roleless).ok().flatten()
}

/// The one person the first sentence (of `sents`) that names anyone names: `Ok(Some)`, or
/// `Ok(None)` when it names two or more; `Err` when no sentence names anyone.
fn first_named(
    story: &Story<'_>,
    people: &BTreeMap<Tok, Person>,
    sents: impl Iterator<Item = usize>,
    d: &Described<'_>,
) -> Result<Option<Vec<String>>, ()> {
    for s in sents {
        match one_person(story, people, s, None, d) {
            Ok(None) => continue,
            Ok(Some(p)) => return Ok(Some(p)),
            Err(()) => return Ok(None),
        }
    }
    Err(())
}

/// Whether a phrase right after `before` stands where a clause's subject does: at the start, after
/// a clause's punctuation or after a word of [`SUBJECT_BEFORE`].
fn subject_place(before: &str) -> bool {
    let Some(prev) = before.split_whitespace().last() else { return true };
    let word = prev.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    word.is_empty() || prev.ends_with([',', ';', ':', '—', '–']) || SUBJECT_BEFORE.contains(&word.as_str())
}

/// Whether a phrase right after `before` is said of the name just before it: in apposition
/// ("Carl Ode, a 17-year-old") or as the predicate ("Carl Ode was a 17-year-old").
fn attached_to_name(before: &str) -> bool {
    let before = before.trim_end();
    let capitalised = |s: &str| s.split_whitespace().next_back().is_some_and(|w| w.starts_with(char::is_uppercase));
    if let Some(b) = before.strip_suffix(',') {
        return b.trim_end().ends_with(|c: char| c.is_alphabetic()) && capitalised(b);
    }
    let mut ws = before.rsplitn(2, char::is_whitespace);
    match (ws.next(), ws.next()) {
        (Some("was" | "is"), Some(rest)) => capitalised(rest),
        _ => false,
    }
}

/// What a descriptor match says of its person, or `None` when it does not stand for one named
/// person: not in a subject's place, followed by a name ("the 20-year-old Ann Lee": an age
/// attached to a name), by "of" (someone's relative), or an indefinite one ("a 23-year-old
/// ranger") past the lede and not said of a name, which brings in someone new.
fn described<'t>(text: &'t str, c: &regex::Captures<'t>, lede: bool) -> Option<Described<'t>> {
    let (m, words) = (c.get(0).expect("match"), c.get(3).map_or("", |w| w.as_str()));
    let mut ws = words.split_whitespace();
    let named = match (ws.next(), ws.next()) {
        (Some(a), b) if a.starts_with(char::is_uppercase) => b.is_none_or(|b| !b.starts_with(char::is_lowercase)),
        _ => false,
    };
    let definite = c[1].eq_ignore_ascii_case("the");
    let attached = attached_to_name(&text[..m.start()]);
    if !(subject_place(&text[..m.start()]) || attached)
        || named
        || words.split_whitespace().any(|w| w == "of")
        || !(definite || lede || attached)
    {
        return None;
    }
    let roles = &Gazetteer::get().roles;
    let role =
        words.split_whitespace().map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic())).find(|w| roles.contains(*w));
    Some(Described { gender: descriptor_gender(words, &text[m.end()..]), role, ahead: lede, roleless: false })
}

/// Ages told by descriptors, resolved to the person they stand for.
fn descriptor_ages(story: &Story<'_>, entities: &[Entity]) -> Vec<Age> {
    let people = people_by_key(entities);
    let mut out = Vec::new();
    for (sent, s) in story.sents.iter().enumerate().filter(|(_, s)| story.independent[s.art] && !s.furniture) {
        let text = story.text(s);
        // A descriptor's age is a digit (`\d` is Unicode: a numeric character).
        if !text.chars().any(char::is_numeric) || other_year(story, s.art, text) {
            continue;
        }
        let lede = sent < story.docs[s.art].sents.start + DESCRIPTOR_REACH;
        for c in AGE_DESCRIPTOR.for_text(text).captures_iter(text) {
            let m = c.get(0).expect("match");
            let Ok(value) = c[2].parse::<u32>() else { continue };
            let Some(d) = described(text, &c, lede) else { continue };
            if !(1..=120).contains(&value) || OTHER_TIME.for_text(&text[m.end()..]).is_match(&text[m.end()..]) {
                continue;
            }
            let person = descriptor_person(story, &people, sent, m.start(), &d)
                .or_else(|| named_later(story, &people, sent, m.start()));
            if let Some(name) = person {
                let says = text[c.get(1).expect("determiner").start()..m.end()].trim_end().to_string();
                out.push(Age { art: s.art, sent, value, says, name, context: String::new(), descriptor: true });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The age of the story's unnamed subject ("a 12-year-old girl" / "a 17-year-old girl")

/// Sentences from a report's start in which a descriptor introduces the story's subject.
const LEDE_SENTENCES: usize = 3;

/// A report's lede: its first [`LEDE_SENTENCES`] sentences, page furniture left out.
fn lede_sentences<'s>(story: &'s Story<'_>, art: usize) -> impl Iterator<Item = usize> + 's {
    story.docs[art].sents.clone().filter(|&i| !story.sents[i].furniture).take(LEDE_SENTENCES)
}

/// An age and the two words after it ("12-year-old Texas girl").
static AGE_WORDS: WordRegex = word_regex!(r"\b(\d{1,3})[- ]year[- ]old((?:\s+[\p{L}'’-]+){0,2})");

/// The person noun of the words after an age ("girl" in "12-year-old Texas girl") and where it
/// ends in them: the first lower-case word, when it names a person (a gendered noun or a role).
fn person_noun(words: &str) -> Option<(String, usize)> {
    let (at, w) = words
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()))
        .find(|w| w.starts_with(char::is_lowercase))
        .map(|w| (words.find(w).unwrap_or(0) + w.len(), w))?;
    let person = crate::who::gender::noun_gender(w).is_some() || Gazetteer::get().roles.contains(w);
    person.then(|| (w.to_string(), at))
}

/// Each independent report's unnamed subject ages by person noun: ages a descriptor gives in
/// the report's first sentences ("A 17-year-old girl narrowly escaped"), kept only when the
/// report gives that noun one age throughout (two girls of different ages are two people).
fn unnamed_ages(story: &Story<'_>, art: usize) -> BTreeMap<String, Age> {
    let mut lede: BTreeMap<String, Age> = BTreeMap::new();
    let mut values: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let first = story.docs[art].sents.start;
    for sent in story.docs[art].sents.clone() {
        let s = &story.sents[sent];
        let text = story.text(s);
        for c in AGE_WORDS.for_text(text).captures_iter(text) {
            let words = c.get(2).expect("words");
            let (Ok(value), Some((noun, end))) = (c[1].parse::<u32>(), person_noun(words.as_str())) else { continue };
            values.entry(noun.clone()).or_default().insert(value);
            let m = c.get(0).expect("match");
            let before = text[..m.start()].trim_end();
            let det = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let start = before.len() - det.len();
            let usable = ["a", "an"].contains(&det.to_lowercase().as_str())
                && !s.furniture
                && sent < first + LEDE_SENTENCES
                && !other_year(story, art, text)
                && !OTHER_TIME.for_text(&text[m.end()..]).is_match(&text[m.end()..]);
            if usable && !lede.contains_key(&noun) {
                let says = text[start..words.start() + end].to_string();
                let age =
                    Age { art, sent, value, says, name: vec![noun.clone()], context: String::new(), descriptor: true };
                lede.insert(noun, age);
            }
        }
    }
    lede.retain(|noun, _| values[noun].len() == 1);
    lede
}

/// The age of the unnamed person two outlets' ledes introduce with the same noun, given as two
/// numbers that cannot both hold.
fn unnamed_age_contradictions(story: &Story<'_>, sims: &Sims) -> Vec<Contradiction> {
    let per_art: Vec<BTreeMap<String, Age>> = (0..story.articles.len())
        .map(|a| if story.independent[a] { unnamed_ages(story, a) } else { BTreeMap::new() })
        .collect();
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for (a, b) in comparable_pairs(story) {
        for (noun, x) in &per_art[a] {
            let Some(y) = per_art[b].get(noun) else { continue };
            let (lo, hi) = (x.value.min(y.value), x.value.max(y.value));
            let conflict = hi - lo > age_slack(story, sims, x, y) && f64::from(hi) <= f64::from(lo) * UNNAMED_RATIO;
            if conflict && done.insert(noun.clone()) {
                out.push(Contradiction {
                    id: String::new(),
                    kind: "number".into(),
                    about: format!("age of the {noun}"),
                    claims: [x, y].iter().map(|g| claim(story, g.art, g.says.clone(), g.value.to_string())).collect(),
                });
            }
        }
    }
    out
}

/// An indefinite person noun phrase with at most one word before the noun ("a Thai man").
static INDEFINITE: WordRegex = word_regex!(r"\b[Aa]n? ((?:[\p{L}-]+ )?([a-z]+))\b");

/// The person a report's first sentences bring in unnamed ("A Thai man filmed himself …"), when
/// a descriptor in the next sentences has nobody named before it ("The 21-year-old hanged …")
/// and the report names that person later in apposition to the same phrase ("relatives of the
/// Thai man, Wuttisan Wongtalay, saw …"): the descriptor stands for that name.
fn named_later(story: &Story<'_>, people: &BTreeMap<Tok, Person>, sent: usize, at: usize) -> Option<Vec<String>> {
    let range = story.docs[story.sents[sent].art].sents.clone();
    let text = |i: usize| story.text(&story.sents[i]);
    if !story.names_in(story.sents[sent].art, story.sents[sent].start..story.sents[sent].start + at).is_empty() {
        return None;
    }
    let first = range.start.max(sent.saturating_sub(DESCRIPTOR_REACH));
    let phrase = (first..=sent).filter(|&i| i < range.start + LEDE_SENTENCES).find_map(|i| {
        let t = if i == sent { &text(i)[..at] } else { text(i) };
        INDEFINITE.for_text(t).captures_iter(t).find(|c| person_noun(&c[2]).is_some()).map(|c| c[1].to_string())
    })?;
    let cue = format!("the {phrase}, ").to_ascii_lowercase();
    range.clone().find_map(|i| {
        let t = text(i);
        let after = &t[t.to_ascii_lowercase().find(&cue)? + cue.len()..];
        let name: Vec<&str> =
            after.split_whitespace().take_while(|w| w.starts_with(char::is_uppercase)).take(4).collect();
        let last = name.last()?.trim_end_matches([',', '.', ';']);
        people.get(&name_id(last))?.as_ref().map(|p| p.name.clone())
    })
}

/// Full names (2+ name words) → the person they name: each form of a person entity (its name
/// and aliases: "Ann Lee" for "Ann Marie Lee") → the entity's name, and a name given
/// with an age that no entity has → itself.
fn full_names(entities: &[Entity], ages: &[Age]) -> BTreeMap<Vec<String>, Vec<String>> {
    let mut out = BTreeMap::new();
    for e in entities.iter().filter(|e| e.kind == "person") {
        let canon = name_words(&e.name);
        for form in std::iter::once(&e.name).chain(&e.aliases).map(|n| name_words(n)).filter(|n| n.len() >= 2) {
            out.entry(form).or_insert_with(|| canon.clone());
        }
    }
    for a in ages.iter().filter(|a| a.name.len() >= 2) {
        out.entry(a.name.clone()).or_insert_with(|| a.name.clone());
    }
    out
}

/// Whether a written name is something other than a person: a place or organisation the
/// gazetteer or the entity stage knows.
fn not_a_person(entities: &[Entity], name: &[String]) -> bool {
    let joined = name.join(" ");
    entities
        .iter()
        .filter(|e| e.kind != "person")
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .any(|n| name_words(n).join(" ") == joined)
        || Gazetteer::get().names.contains_key(&title_case(name))
}

/// The person an age mention names: the person its full name names, or the one person whose
/// full names contain a one-word name ("Tamir" → tamir rice); `None` when a one-word name fits
/// two people.
fn resolve(full: &BTreeMap<Vec<String>, Vec<String>>, name: &[String]) -> Option<Vec<String>> {
    if name.len() >= 2 {
        return Some(full.get(name).cloned().unwrap_or_else(|| name.to_vec()));
    }
    // A surname first ("Lee" → the one person a full name ending in it names), else a given name.
    let people = |fits: &dyn Fn(&Vec<String>) -> bool| -> BTreeSet<&Vec<String>> {
        full.iter().filter(|(f, _)| fits(f)).map(|(_, p)| p).collect()
    };
    let surnames = people(&|f| f.last() == Some(&name[0]));
    let fits = if surnames.is_empty() { people(&|f| f.contains(&name[0])) } else { surnames };
    let mut fits = fits.into_iter();
    match (fits.next(), fits.next()) {
        (None, _) => Some(name.to_vec()),
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// Each person's age in each independent report that gives exactly one.
fn ages_by_person(story: &Story<'_>, entities: &[Entity]) -> BTreeMap<Vec<String>, Vec<Age>> {
    let mentions: Vec<Age> = story
        .sents
        .iter()
        .enumerate()
        .filter(|(_, s)| story.independent[s.art])
        .flat_map(|(i, _)| ages_in(story, i))
        .chain(descriptor_ages(story, entities))
        .collect();
    let full = full_names(entities, &mentions);
    let mut seen: BTreeMap<(Vec<String>, usize), Vec<Age>> = BTreeMap::new();
    for m in mentions {
        if let Some(person) = resolve(&full, &m.name).filter(|p| !not_a_person(entities, p)) {
            seen.entry((person, m.art)).or_default().push(m);
        }
    }
    let mut out: BTreeMap<Vec<String>, Vec<Age>> = BTreeMap::new();
    for ((person, _), ages) in seen {
        // A report that gives one person two ages tells of two times: none of them is comparable.
        if ages.iter().all(|a| a.value == ages[0].value) {
            out.entry(person).or_default().push(ages[0].clone());
        }
    }
    out
}

/// The most a person's age can change between two mentions: none when both tell the same event
/// (aligned sentences, or the same two words before the age: "killed 12-year-old …" and "killed
/// 13-year-old …"), else the birthdays that can fall between the reports' dates. Undated reports
/// of one story are taken to be of one time when both put the age before the name or noun ("the
/// 20-year-old father" / "the 21-year-old"), the form a report uses for the person as the news
/// finds them; an apposition ("Lena Marsh, 16, has become …") may be a later present.
fn age_slack(story: &Story<'_>, sims: &Sims, x: &Age, y: &Age) -> u32 {
    let same_words = x.context.split_whitespace().count() == 2 && x.context == y.context;
    if same_words || sims.get(x.sent, y.sent) >= SAME_EVENT {
        return 0;
    }
    match (story.docs[x.art].dct, story.docs[y.art].dct) {
        (Some(a), Some(b)) => {
            let days = (a - b).num_days().unsigned_abs();
            if days == 0 { 0 } else { u32::try_from(days / 365 + 1).unwrap_or(u32::MAX) }
        }
        _ => u32::from(!(premodifier(x) && premodifier(y))),
    }
}

/// Whether an age stands before its name or noun ("20-year-old Ann Lee", "the 21-year-old").
fn premodifier(a: &Age) -> bool {
    AGE_WORDS.for_text(&a.says).is_match(&a.says)
}

/// Whether two ages can be one person's: always for ages attached to a name; within
/// [`DESCRIPTOR_RATIO`] when a descriptor told either.
fn one_person_ages(a: &Age, b: &Age) -> bool {
    let (lo, hi) = (a.value.min(b.value), a.value.max(b.value));
    !(a.descriptor || b.descriptor) || f64::from(hi) <= f64::from(lo) * DESCRIPTOR_RATIO
}

/// Name keys back to a name ("tamir rice" → "Tamir Rice").
fn title_case(name: &[String]) -> String {
    let word = |w: &String| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
    };
    name.iter().map(word).collect::<Vec<_>>().join(" ")
}

/// The name to show for a person: the entity's when one matches, else the name keys.
fn display(entities: &[Entity], person: &[String]) -> String {
    let joined = person.join(" ");
    entities
        .iter()
        .find(|e| e.kind == "person" && name_words(&e.name).join(" ") == joined)
        .map_or_else(|| title_case(person), |e| e.name.clone())
}

/// A person's age given incompatibly by two outlets.
fn age_contradictions(story: &Story<'_>, sims: &Sims, entities: &[Entity]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (person, ages) in ages_by_person(story, entities) {
        let conflict = ages.iter().enumerate().any(|(i, a)| {
            ages[i + 1..].iter().any(|b| {
                comparable(story, a.art, b.art)
                    && a.value.abs_diff(b.value) > age_slack(story, sims, a, b)
                    && one_person_ages(a, b)
            })
        });
        if !conflict {
            continue;
        }
        out.push(Contradiction {
            id: String::new(),
            kind: "number".into(),
            about: format!("age of {}", display(entities, &person)),
            claims: ages.iter().map(|a| claim(story, a.art, a.says.clone(), a.value.to_string())).collect(),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Counts

/// Hedges that widen a number, with the values they allow (as factors of the number).
const HEDGES: &[(&str, f64, f64)] = &[
    ("at least", 1.0, f64::INFINITY),
    ("more than", 1.0, f64::INFINITY),
    ("upwards of", 1.0, f64::INFINITY),
    ("over", 1.0, f64::INFINITY),
    ("above", 1.0, f64::INFINITY),
    ("up to", 0.0, 1.0),
    ("as many as", 0.0, 1.0),
    ("fewer than", 0.0, 1.0),
    ("less than", 0.0, 1.0),
    ("under", 0.0, 1.0),
    ("below", 0.0, 1.0),
    ("just under", 0.8, 1.0),
    ("nearly", 0.8, 1.0),
    ("almost", 0.8, 1.0),
    ("close to", 0.8, 1.0),
    ("about", 0.75, 1.25),
    ("around", 0.75, 1.25),
    ("roughly", 0.75, 1.25),
    ("approximately", 0.75, 1.25),
    ("some", 0.75, 1.25),
    ("an estimated", 0.75, 1.25),
];

/// The hedge right before byte `at` (the longest that matches) and where it starts.
fn hedge_before(body: &str, at: usize) -> Option<(&'static (&'static str, f64, f64), usize)> {
    let before = body[..at].trim_end();
    // The hedges are ASCII: an ASCII lower-casing of a short tail keeps byte offsets.
    let from = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    let lower = before[from..].to_ascii_lowercase();
    HEDGES
        .iter()
        .filter(|(h, ..)| {
            lower.ends_with(h)
                && lower[..lower.len() - h.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(h, ..)| h.len())
        .map(|h| (h, before.len() - h.0.len()))
}

/// Values a number can stand for: a hedge widens it one way or both; an exact number allows
/// rounding (±10 %).
fn interval(body: &str, n: &Number) -> (f64, f64) {
    let v = n.value;
    match hedge_before(body, n.start) {
        Some(((_, lo, hi), _)) => (v * lo, if hi.is_infinite() { f64::INFINITY } else { v * hi }),
        None if n.hedged => (v * 0.75, v * 1.25),
        None => (v * 0.9, v * 1.1),
    }
}

/// The number with its hedge and the word after it ("at least 12 passengers").
fn number_phrase(body: &str, n: &Number) -> String {
    let end =
        body[n.end..].char_indices().filter(|(_, c)| c.is_whitespace()).nth(1).map_or(body.len(), |(i, _)| n.end + i);
    let start = hedge_before(body, n.start).map_or(n.start, |(_, s)| s);
    body[start..end].trim_end_matches([',', '.', ';']).to_string()
}

/// Different counts of the same thing in closely aligned sentences of two outlets' reports of
/// the same day, or of two undated reports when the count is not one that grows as news develops
/// (a toll, injuries, cases, arrests: a later report may update it).
fn number_contradictions(story: &Story<'_>, sims: &Sims) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for &(v, a, b) in &sims.pairs {
        let (sa, sb) = (&story.sents[a], &story.sents[b]);
        if v < COUNT_ALIGNED || sa.numbers.is_empty() || sb.numbers.is_empty() || !comparable(story, sa.art, sb.art) {
            continue;
        }
        // Reports of different or unknown days: only counts that do not grow as news develops.
        let stable_only = !matches!((story.docs[sa.art].dct, story.docs[sb.art].dct), (Some(x), Some(y)) if x == y);
        out.extend(count_conflicts(story, a, b, stable_only));
    }
    out
}

/// Word stems of counts that grow as a story develops.
const DEVELOPING: &[&str] = &[
    "kill", "dead", "death", "die", "injur", "wound", "hurt", "missing", "case", "infect", "arrest", "evacu", "victim",
    "toll", "casualt", "rescu",
];

/// Whether a number counts something that grows as news develops: a word of a toll, injuries,
/// cases or arrests among the three words before it and the five after ("5 people were
/// killed"; not "132 passengers and five crew, none injured").
fn developing(body: &str, n: &Number) -> bool {
    developing_at(body, n.start..n.end)
}

/// Whether the words around a count at `span` say it counts something that grows as news
/// develops (see [`DEVELOPING`]).
fn developing_at(body: &str, span: Range<usize>) -> bool {
    let before = body[..span.start].split_whitespace().rev().take(3);
    let after = body[span.end..].split_whitespace().take(5);
    before.chain(after).any(|w| {
        let w = w.to_lowercase();
        DEVELOPING.iter().any(|d| w.starts_with(d))
    })
}

/// The words right after a number's unit that say what it counts ("25 percent of his
/// personal effects" → "personal effects"), lower case, function words left out.
fn counted(body: &str, n: &Number) -> Vec<String> {
    const SKIP: &[&str] = &["of", "the", "a", "an", "his", "her", "their", "its", "in", "on", "at", "for"];
    body[n.end..]
        .split_whitespace()
        .skip(1)
        .take(5)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .take_while(|w| !w.is_empty())
        .filter(|w| !SKIP.contains(&w.as_str()))
        .take(2)
        .collect()
}

/// The numbers of `na` and of `nb` that count the same thing: the only ones of their unit, or
/// pairs with the same words after the unit that no other number of either side has.
fn same_counted<'n>(body_a: &str, body_b: &str, na: &[&'n Number], nb: &[&'n Number]) -> Vec<(&'n Number, &'n Number)> {
    if let ([x], [y]) = (na, nb) {
        return vec![(x, y)];
    }
    let keys_a: Vec<Vec<String>> = na.iter().map(|x| counted(body_a, x)).collect();
    let keys_b: Vec<Vec<String>> = nb.iter().map(|y| counted(body_b, y)).collect();
    let once = |keys: &[Vec<String>], k: &Vec<String>| keys.iter().filter(|o| *o == k).count() == 1;
    let mut out = Vec::new();
    for (x, ka) in na.iter().zip(&keys_a) {
        if let Some(j) = keys_b.iter().position(|kb| kb == ka)
            && ka.len() == 2
            && once(&keys_a, ka)
            && once(&keys_b, ka)
        {
            out.push((*x, nb[j]));
        }
    }
    out
}

/// Whether a number counts part of a whole or an addition ("two other defendants", "30 more
/// homes", "three of the victims"): not the total another report gives.
fn partial(body: &str, n: &Number) -> bool {
    let next = body[n.end..].split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(next.as_str(), "other" | "more" | "additional" | "further" | "new" | "extra" | "of" | "fewer")
}

/// Conflicting counts of one noun between two aligned sentences (one count of it in each), when
/// neither report gives elsewhere a count of it that can stand with the other's.
fn count_conflicts(story: &Story<'_>, a: usize, b: usize, stable_only: bool) -> Vec<Contradiction> {
    let (sa, sb) = (&story.sents[a], &story.sents[b]);
    let units: BTreeSet<Tok> = sa.numbers.iter().map(|n| n.unit).collect();
    let mut out = Vec::new();
    for u in units {
        let na: Vec<_> = sa.numbers.iter().filter(|n| n.unit == u).collect();
        let nb: Vec<_> = sb.numbers.iter().filter(|n| n.unit == u).collect();
        let (ba, bb) = (&story.articles[sa.art].body, &story.articles[sb.art].body);
        for (x, y) in same_counted(ba, bb, &na, &nb) {
            if partial(ba, x)
                || partial(bb, y)
                || (stable_only && (developing(ba, x) || developing(bb, y)))
                || counts_meet(story, sb.art, u, interval(ba, x))
                || counts_meet(story, sa.art, u, interval(bb, y))
            {
                continue;
            }
            out.extend(count_conflict(story, (sa.art, x), (sb.art, y)));
        }
    }
    out
}

/// Two counts of one thing whose ranges do not meet.
fn count_conflict(
    story: &Story<'_>,
    (art_a, x): (usize, &Number),
    (art_b, y): (usize, &Number),
) -> Option<Contradiction> {
    let (ba, bb) = (&story.articles[art_a].body, &story.articles[art_b].body);
    let ((lo_a, hi_a), (lo_b, hi_b)) = (interval(ba, x), interval(bb, y));
    if lo_a <= hi_b && lo_b <= hi_a {
        return None;
    }
    Some(Contradiction {
        id: String::new(),
        kind: "number".into(),
        about: format!("how many ({})", story.form(x.unit)),
        claims: vec![
            claim(story, art_a, number_phrase(ba, x), format!("{}", x.value)),
            claim(story, art_b, number_phrase(bb, y), format!("{}", y.value)),
        ],
    })
}

/// A report's lede counts: counted noun → (sentence, number).
type LedeCounts<'s> = BTreeMap<Tok, (usize, &'s Number)>;

/// The counts a report's lede gives, one per counted noun (nouns it counts twice, and general
/// units like years or percent, left out), with their sentence: the counts of the event the
/// report is about.
fn lede_counts<'s>(story: &'s Story<'_>, art: usize) -> LedeCounts<'s> {
    let body = &story.articles[art].body;
    let lede = lede_sentences(story, art);
    let mut by_unit: BTreeMap<Tok, Vec<(usize, &Number)>> = BTreeMap::new();
    for i in lede {
        // An age ("13-year-old girl") is no count.
        let specific = |n: &&Number| {
            let age = body[n.start..n.end].contains("year")
                || body[n.end..].trim_start_matches('-').trim_start().starts_with("year");
            !age && specific_unit(story, n.unit)
        };
        for n in story.sents[i].numbers.iter().filter(|n| !partial(body, n)).filter(specific) {
            by_unit.entry(n.unit).or_default().push((i, n));
        }
    }
    by_unit.into_iter().filter(|(_, ns)| ns.len() == 1).map(|(u, ns)| (u, ns[0])).collect()
}

/// Whether a counted noun is specific enough for two ledes' counts of it to be of one thing:
/// not a general unit (years, percent, people; unit forms are stems, "peopl").
fn specific_unit(story: &Story<'_>, unit: Tok) -> bool {
    let form = story.form(unit);
    form.len() > 2 && !GENERIC_UNITS.iter().any(|g| g.starts_with(form.as_str()))
}

/// Whether a report gives anywhere a count of `unit` that can stand with the range `(lo, hi)`.
fn counts_meet(story: &Story<'_>, art: usize, unit: Tok, (lo, hi): (f64, f64)) -> bool {
    let body = &story.articles[art].body;
    story.docs[art].sents.clone().flat_map(|i| &story.sents[i].numbers).filter(|n| n.unit == unit).any(|n| {
        let (l, h) = interval(body, n);
        l <= hi && lo <= h
    })
}

/// Two outlets' ledes that count one thing for one event (two or more event words shared) with
/// ranges that do not meet, when neither report gives anywhere a count the other's can stand
/// with; undated or differently dated reports compare only counts that do not grow.
fn lede_count_contradictions(story: &Story<'_>, ledes: &[LedeCounts<'_>]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (a, b) in comparable_pairs(story) {
        let same_day = matches!((story.docs[a].dct, story.docs[b].dct), (Some(x), Some(y)) if x == y);
        let (ba, bb) = (&story.articles[a].body, &story.articles[b].body);
        for (unit, &(i, x)) in &ledes[a] {
            let Some(&(j, y)) = ledes[b].get(unit) else { continue };
            if (!same_day && (developing(ba, x) || developing(bb, y)))
                || shared_content(story, i, j) < 2
                || counts_meet(story, b, *unit, interval(ba, x))
                || counts_meet(story, a, *unit, interval(bb, y))
            {
                continue;
            }
            out.extend(count_conflict(story, (a, x), (b, y)));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Counts told by their order of size: "thousands of protesters" against "up to 800 protesters"

/// Words that give a count by its order of size, with the values they can stand for (wide:
/// "hundreds" may be said of 150 or of 1,500).
const VAGUE: &[(&str, f64, f64)] = &[
    ("dozens", 20.0, 150.0),
    ("scores", 40.0, 150.0),
    ("hundreds", 150.0, 1_500.0),
    ("thousands", 1_500.0, 15_000.0),
    ("millions", 1_500_000.0, f64::INFINITY),
];
/// Multipliers before a vague count ("tens of thousands", "hundreds of thousands").
const VAGUE_TIMES: &[(&str, f64)] = &[("tens", 10.0), ("hundreds", 100.0)];

/// A count given by its order of size, in one sentence.
#[derive(Debug, Clone)]
struct Vague {
    sent: usize,
    /// Content words of the counted noun phrase ("anti-American", "protesters").
    units: Vec<Tok>,
    range: (f64, f64),
    /// Byte range in the body, from the first word of the phrase to its noun.
    span: Range<usize>,
}

/// The vague counts of one sentence ("tens of thousands of flood victims").
fn vague_in(story: &Story<'_>, sent: usize) -> Vec<Vague> {
    let s = &story.sents[sent];
    let d = &story.annotated[s.art];
    let toks = &d.tokens[d.tokens_in(s.start..s.end)];
    let word = |k: usize| toks.get(k).map(|t| d.text[t.range()].to_ascii_lowercase()).unwrap_or_default();
    let mut out = Vec::new();
    for k in 0..toks.len() {
        let Some(&(_, lo, hi)) = VAGUE.iter().find(|v| v.0 == word(k)) else { continue };
        if word(k + 1) != "of" || (k >= 1 && VAGUE.iter().any(|v| v.0 == word(k - 1))) {
            continue;
        }
        let times = (k >= 2 && word(k - 1) == "of").then(|| VAGUE_TIMES.iter().find(|t| t.0 == word(k - 2))).flatten();
        let first = if times.is_some() { k - 2 } else { k };
        // "hundreds of thousands of …": the phrase is read from its last order of size.
        if VAGUE.iter().any(|v| v.0 == word(k + 2)) {
            continue;
        }
        let noun = toks[k + 2..].iter().take(4).skip_while(|t| t.is(flag::STOP)).take_while(|t| !t.is(flag::STOP));
        let noun: Vec<_> = noun.collect();
        let units: Vec<Tok> = noun.iter().filter_map(|t| token(t, &story.aliases)).collect();
        let (Some(last), false) = (noun.last(), units.is_empty()) else { continue };
        let f = times.map_or(1.0, |t| t.1);
        out.push(Vague { sent, units, range: (lo * f, hi * f), span: toks[first].start as usize..last.end as usize });
    }
    out
}

/// The vague counts of a report's lede, one per counted noun.
fn lede_vague(story: &Story<'_>, art: usize) -> Vec<Vague> {
    let lede = lede_sentences(story, art);
    let all: Vec<Vague> = lede.flat_map(|i| vague_in(story, i)).collect();
    all.iter()
        .filter(|v| v.units.iter().any(|u| specific_unit(story, *u)))
        .filter(|v| all.iter().filter(|w| w.units.iter().any(|u| v.units.contains(u))).count() == 1)
        .cloned()
        .collect()
}

/// Whether a report gives anywhere a count, exact or vague, of one of `units` that can stand
/// with the range `(lo, hi)`.
fn any_count_meets(story: &Story<'_>, art: usize, units: &[Tok], (lo, hi): (f64, f64)) -> bool {
    units.iter().any(|u| counts_meet(story, art, *u, (lo, hi)))
        || story.docs[art]
            .sents
            .clone()
            .flat_map(|i| vague_in(story, i))
            .any(|v| v.units.iter().any(|u| units.contains(u)) && v.range.0 <= hi && lo <= v.range.1)
}

/// Two outlets' ledes that count one thing for one event (two or more event words shared), one
/// by its order of size ("thousands of protesters"), the other by a number or another order of
/// size that cannot stand with it ("up to 800 protesters"), when neither report gives anywhere
/// a count the other's can stand with.
fn vague_count_contradictions(story: &Story<'_>, exact: &[LedeCounts<'_>]) -> Vec<Contradiction> {
    let vague: Vec<Vec<Vague>> = (0..story.articles.len()).map(|a| lede_vague(story, a)).collect();
    let mut out = Vec::new();
    for (a, b) in comparable_pairs(story).flat_map(|(a, b)| [(a, b), (b, a)]) {
        let same_day = matches!((story.docs[a].dct, story.docs[b].dct), (Some(x), Some(y)) if x == y);
        let (ba, bb) = (&story.articles[a].body, &story.articles[b].body);
        for v in &vague[a] {
            if !same_day && developing_at(ba, v.span.clone()) {
                continue;
            }
            // The other side: an exact lede count of the noun, else (once per pair) a vague one.
            let other = v.units.iter().find_map(|u| exact.get(b)?.get(u)).map(|&(j, y)| {
                (j, y.unit, interval(bb, y), number_phrase(bb, y), y.start..y.end, format!("{}", y.value))
            });
            let other = other.or_else(|| {
                let w = vague[b].iter().find(|w| a < b && w.units.iter().any(|u| v.units.contains(u)))?;
                let value = format!("{}-{}", w.range.0, w.range.1);
                Some((w.sent, v.units[0], w.range, bb[w.span.clone()].to_string(), w.span.clone(), value))
            });
            let Some((j, unit, range, says, span, value)) = other else { continue };
            let apart = range.1 < v.range.0 || v.range.1 < range.0;
            if !apart
                || (!same_day && developing_at(bb, span))
                || shared_content(story, v.sent, j) < 2
                || any_count_meets(story, b, &v.units, v.range)
                || any_count_meets(story, a, &[unit], range)
            {
                continue;
            }
            out.push(Contradiction {
                id: String::new(),
                kind: "number".into(),
                about: format!("how many ({})", story.form(unit)),
                claims: vec![
                    claim(story, a, ba[v.span.clone()].to_string(), format!("{}-{}", v.range.0, v.range.1)),
                    claim(story, b, says, value),
                ],
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// One count per outlet: "flush 38 million gallons" against "dump 57 million gallons"

/// Units too general for two counts of them to be of one thing when their sentences differ.
const GENERIC_UNITS: &[&str] = &[
    "people", "person", "time", "year", "day", "week", "month", "hour", "minute", "second", "percent", "per", "other",
    "member", "men", "women", "children", "student", "resident", "officer", "times", "part", "point", "place",
];
/// Least similarity of two sentences, one from each report, carrying counts of one key for the
/// counts to be of one thing (the key must also be the only one of its kind in both reports).
const OUTLET_COUNT_ALIGNED: f64 = 0.25;

/// The key counts are compared under: the counted noun right after the number, with its scale
/// and currency ("$ billion", "million gallon"); `None` for a general unit, or a number not
/// followed by its noun ("26, 1830", "1 The").
fn count_key(story: &Story<'_>, art: usize, n: &Number) -> Option<String> {
    let body = &story.articles[art].body;
    let currency = body[..n.start].chars().next_back().filter(|c| matches!(c, '$' | '£' | '€'));
    let mut words = body[n.end..].split_whitespace();
    let mut next = words.next().unwrap_or("");
    let scale = ["thousand", "million", "billion", "trillion"]
        .into_iter()
        .find(|s| next.trim_end_matches(|c: char| !c.is_alphabetic()) == *s);
    if let Some(c) = currency {
        return Some(format!("{c} {}", scale.unwrap_or("")));
    }
    if scale.is_some() {
        next = words.next().unwrap_or("");
    }
    let stem = next.trim_end_matches(|c: char| c == 's' || !c.is_alphabetic());
    let noun = !body[n.end..].starts_with(|c: char| !c.is_whitespace())
        && next.chars().all(|c| c.is_lowercase() || !c.is_alphabetic())
        && stem.len() > 2
        && !GENERIC_UNITS.contains(&stem)
        && !GENERIC_UNITS.contains(&next);
    noun.then(|| format!("{} {stem}", scale.unwrap_or("")))
}

/// Each report's counts by key, for keys it gives one value only: key → (sentence, number).
fn counts_by_key<'s>(story: &'s Story<'_>, art: usize) -> BTreeMap<String, Vec<(usize, &'s Number)>> {
    let body = &story.articles[art].body;
    let mut keyed: BTreeMap<String, Vec<(usize, &Number)>> = BTreeMap::new();
    for i in story.docs[art].sents.clone() {
        let s = &story.sents[i];
        if s.furniture {
            continue;
        }
        for n in &s.numbers {
            if partial(body, n) || developing(body, n) {
                continue;
            }
            if let Some(k) = count_key(story, art, n) {
                keyed.entry(k).or_default().push((i, n));
            }
        }
    }
    keyed.retain(|_, ns| ns.iter().all(|(_, n)| n.value == ns[0].1.value));
    keyed
}

/// Two outlets that each give one value for a count of one key, values that cannot both hold,
/// neither naming the other's, in sentences on the same matter.
fn outlet_count_contradictions(story: &Story<'_>, sims: &Sims) -> Vec<Contradiction> {
    let keyed: Vec<_> = (0..story.articles.len()).map(|a| counts_by_key(story, a)).collect();
    let mut out = Vec::new();
    for (a, b) in comparable_pairs(story) {
        for (key, xs) in &keyed[a] {
            let Some(ys) = keyed[b].get(key) else { continue };
            let (x, y) = (xs[0].1, ys[0].1);
            let aligned = xs.iter().any(|(i, _)| ys.iter().any(|(j, _)| sims.get(*i, *j) >= OUTLET_COUNT_ALIGNED));
            if x.value == y.value || !aligned {
                continue;
            }
            out.extend(count_conflict(story, (a, x), (b, y)));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// When something began: "founded in 1998" / "founded in the 1980s"

/// A beginning and its year or decade: "founded in 1998", "was built in the 1960s", "founded the
/// school in 2004" (up to four words between the verb and "in").
static ORIGIN: WordRegex = word_regex!(
    r"\b(founded|established|built|born)\b(?:\s+[\w'’-]+){0,4}?\s+in\s+(?:the\s+)?((?:1[5-9]|20)\d\d)(s?)\b"
);

/// The kind of beginning a verb tells (founding words are one kind).
fn origin_kind(verb: &str) -> &'static str {
    match verb {
        "built" => "built",
        "born" => "born",
        _ => "founded",
    }
}

/// One report's statement of when something began: the years it allows (a decade allows ten).
#[derive(Debug, Clone)]
struct Origin {
    art: usize,
    says: String,
    years: (u32, u32),
}

/// Each report's beginnings by (kind, name of the sentence), kept only when the report gives
/// that key one period throughout.
fn origins(story: &Story<'_>, art: usize) -> BTreeMap<(&'static str, Tok), Origin> {
    let mut found: BTreeMap<(&'static str, Tok), Vec<Origin>> = BTreeMap::new();
    for i in story.docs[art].sents.clone() {
        let s = &story.sents[i];
        let text = story.text(s);
        if s.furniture || s.names.is_empty() {
            continue;
        }
        for c in ORIGIN.for_text(text).captures_iter(text) {
            let Ok(year) = c[2].parse::<u32>() else { continue };
            let years = if c[3].is_empty() { (year, year) } else { (year, year + 9) };
            let says = words_before(text, c.get(0).expect("match").range(), 3);
            for &name in &s.names {
                let o = Origin { art, says: says.clone(), years };
                found.entry((origin_kind(&c[1]), name)).or_default().push(o);
            }
        }
    }
    found
        .into_iter()
        .filter(|(_, os)| os.iter().all(|o| o.years == os[0].years))
        .map(|(k, mut os)| (k, os.swap_remove(0)))
        .collect()
}

/// When one named thing began, given by two outlets as periods that do not meet.
fn origin_contradictions(story: &Story<'_>) -> Vec<Contradiction> {
    let per_art: Vec<_> = (0..story.articles.len())
        .map(|a| if story.independent[a] { origins(story, a) } else { BTreeMap::new() })
        .collect();
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for (a, b) in comparable_pairs(story) {
        for (key, x) in &per_art[a] {
            let Some(y) = per_art[b].get(key) else { continue };
            let apart = x.years.1 < y.years.0 || y.years.1 < x.years.0;
            if apart && done.insert((key.0, x.says.clone(), y.says.clone())) {
                let claims = [x, y].map(|o| claim(story, o.art, o.says.clone(), o.years.0.to_string()));
                out.push(Contradiction {
                    id: String::new(),
                    kind: "date".into(),
                    about: format!("when {} was {}", story.form(key.1), key.0),
                    claims: claims.to_vec(),
                });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Places and dates

static IN_PLACE: WordRegex = word_regex!(
    r"\b(?:(?:in|near|at|from|to|into|outside|across|throughout) (\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2})|(?:[Aa]n?|[Tt]he) (\p{Lu}[\p{L}-]+)(?:['’]s)? [a-z]{3,}|(\p{Lu}[\p{L}-]+)['’]s [a-z]{3,})"
);
/// A place as the whole of which a named part lies ("the Westbrook section of Jonesboro"), read
/// apart from [`IN_PLACE`], whose "the Westbrook section" match would hide it.
static OF_PLACE: WordRegex = word_regex!(
    r"\b(?:city|town|village|suburbs?|outskirts|section|part|province|state|county|district|region) of (\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2})"
);
static WEEKDAY: WordRegex = word_regex!(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b");
static MONTH_DAY: WordRegex = word_regex!(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})\b");
static A_YEAR: WordRegex = word_regex!(r"\b(19[5-9]\d|20[0-4]\d)\b");

/// A fact that aligned sentences can state differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Place,
    Weekday,
    MonthDay,
    Year,
}

/// Towns of 15,000 people or more and US states (`data/places.tsv`): name → (rank, coordinates).
/// A listed place: its rank and, for a town, its latitude and longitude.
type Place = (u8, Option<(f64, f64)>);
static PLACES: LazyLock<rustc_hash::FxHashMap<&'static str, Place>> = LazyLock::new(|| {
    include_str!("../../data/places.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let coords = f.get(3).zip(f.get(4)).and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
            Some((*f.first()?, (if f.get(1) == Some(&"state") { 2 } else { 0 }, coords)))
        })
        .collect()
});

/// Rank of a place name: 0 city or town, 1 country, 2 US state; `None` when neither the
/// gazetteer nor the list of towns knows it.
fn place_rank(name: &str) -> Option<u8> {
    if let Some((2, _)) = PLACES.get(name) {
        return Some(2);
    }
    match Gazetteer::get().names.get(name) {
        Some(Known::City(_)) => Some(0),
        Some(Known::Capital(c, _)) if c == name => Some(0),
        Some(Known::Country(_) | Known::Capital(..)) => Some(1),
        Some(_) => None,
        None => PLACES.get(name).map(|p| p.0),
    }
}

/// How close two towns must be to count as one area ("in Newtown" / "near Danbury"), in km.
const SAME_AREA_KM: f64 = 60.0;

/// Whether two towns the list knows lie within [`SAME_AREA_KM`] of each other (great-circle
/// distance); `false` when either has no coordinates.
fn same_area(x: &str, y: &str) -> bool {
    let (Some((_, Some((la, lo)))), Some((_, Some((lb, lob))))) = (PLACES.get(x), PLACES.get(y)) else {
        return false;
    };
    let (p1, p2) = (la.to_radians(), lb.to_radians());
    let (dp, dl) = ((lb - la).to_radians(), (lob - lo).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin() < SAME_AREA_KM
}

/// The values of one slot a text states, each with its rank (places: city 0, country 1) and
/// the bytes of its first mention.
fn slots_in(text: &str, slot: Slot) -> Slots {
    let mut out = BTreeMap::new();
    let (res, group): (&[&WordRegex], usize) = match slot {
        Slot::Place => (&[&IN_PLACE, &OF_PLACE], 1),
        Slot::Weekday => (&[&WEEKDAY], 1),
        Slot::MonthDay => (&[&MONTH_DAY], 0),
        Slot::Year => (&[&A_YEAR], 1),
    };
    for c in res.iter().flat_map(|re| re.for_text(text).captures_iter(text)) {
        // A place after a preposition, before a noun ("a Springfield school") or as a possessive.
        let Some(m) = c.get(group).or_else(|| c.get(2)).or_else(|| c.get(3)) else { continue };
        let value = match slot {
            Slot::MonthDay => format!("{} {}", &c[1], c[2].parse::<u32>().unwrap_or(0)),
            _ => m.as_str().trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']).to_string(),
        };
        let rank = match slot {
            // A town of the long list only after a preposition ("in Ramsey", not "the Ramsey family").
            Slot::Place if c.get(1).is_none() => {
                place_rank(&value).filter(|_| Gazetteer::get().names.contains_key(value.as_str()))
            }
            Slot::Place => place_rank(&value),
            Slot::Year if text[..m.start()].ends_with(['$', '/', '-']) || text[m.end()..].starts_with(['/', '-']) => {
                None
            }
            _ => Some(0),
        };
        let day = matches!(slot, Slot::Weekday | Slot::MonthDay);
        if day && (speech_near(text, &m.range()) || status_time(&text[..m.start()])) {
            continue;
        }
        if let Some(r) = rank {
            out.entry(value).or_insert((r, m.range()));
        }
    }
    out
}

type Slots = BTreeMap<String, (u8, Range<usize>)>;
/// A value a sentence states and where.
type Mention<'s> = (&'s String, &'s Range<usize>);

/// The one value each of two sentences states that the other does not, when there is exactly
/// one on each side and both have the same rank.
fn one_difference<'s>(pa: &'s Slots, pb: &'s Slots) -> Option<(Mention<'s>, Mention<'s>)> {
    let only_a: Vec<_> = pa.iter().filter(|(n, _)| !pb.contains_key(*n)).collect();
    let only_b: Vec<_> = pb.iter().filter(|(n, _)| !pa.contains_key(*n)).collect();
    let ([(x, (rx, at_x))], [(y, (ry, at_y))]) = (only_a.as_slice(), only_b.as_slice()) else { return None };
    (rx == ry && !x.contains(y.as_str()) && !y.contains(x.as_str())).then_some(((*x, at_x), (*y, at_y)))
}

/// Content words (not names, not numbers) two sentences share: the event words that make two
/// sentences tell one event rather than one person's two doings.
fn shared_content(story: &Story<'_>, a: usize, b: usize) -> usize {
    shared_tokens(story, a, b, |t| !t.is(flag::NAME) && !t.is(flag::NUMERAL))
}

/// Names two sentences share ("the Tree of Life synagogue", "Squirrel Hill"): the other
/// particulars that tie two mentions of a place to one event.
fn shared_names(story: &Story<'_>, a: usize, b: usize) -> usize {
    shared_tokens(story, a, b, |t| t.is(flag::NAME))
}

fn shared_tokens(story: &Story<'_>, a: usize, b: usize, keep: impl Fn(&parallax_annotate::Token) -> bool) -> usize {
    let words = |i: usize| -> BTreeSet<Tok> {
        let s = &story.sents[i];
        let d = &story.annotated[s.art];
        d.tokens[d.tokens_in(s.start..s.end)]
            .iter()
            .filter(|t| keep(t))
            .filter_map(|t| token(t, &story.aliases))
            .collect()
    };
    words(a).intersection(&words(b)).count()
}

/// The month (`"05"`) of the resolved date a mention (byte range in sentence `i`) belongs to,
/// when that date names a month ("May 2016" → 2016-05).
fn month_of(story: &Story<'_>, i: usize, at: &Range<usize>) -> Option<String> {
    let s = &story.sents[i];
    let pos = s.start + at.start;
    let e = story.docs[s.art].exprs.iter().find(|e| e.start <= pos && pos < e.end)?;
    let v = e.value.as_deref()?;
    (v.len() >= 7 && v.as_bytes()[4] == b'-').then(|| v[5..7].to_string())
}

/// Event words two aligned sentences must share for their values to be of one event: three,
/// or one for two years of dates in the same month ("arrested in May 2016" / "in May 2014"),
/// which dates one event already.
fn least_shared(
    story: &Story<'_>,
    slot: Slot,
    (a, at_a): (usize, &Range<usize>),
    (b, at_b): (usize, &Range<usize>),
) -> usize {
    match (slot, month_of(story, a, at_a), month_of(story, b, at_b)) {
        (Slot::Year, Some(x), Some(y)) if x == y => 1,
        _ => 3,
    }
}

/// For two dated reports, whether two day mentions (byte ranges in sentences `a` and `b`) resolve
/// to different days within a week (further apart, they are two events); undated reports can
/// only be compared by the words.
fn days_differ(story: &Story<'_>, a: usize, at_a: &Range<usize>, b: usize, at_b: &Range<usize>) -> bool {
    let day = |i: usize, at: &Range<usize>| {
        let s = &story.sents[i];
        let pos = s.start + at.start;
        story.docs[s.art].exprs.iter().find(|e| e.start <= pos && pos < e.end).and_then(|e| e.day())
    };
    let (sa, sb) = (&story.sents[a], &story.sents[b]);
    match (story.docs[sa.art].dct, story.docs[sb.art].dct) {
        (Some(_), Some(_)) => {
            matches!((day(a, at_a), day(b, at_b)), (Some(x), Some(y)) if x != y && (x - y).num_days().abs() <= 7)
        }
        _ => true,
    }
}

/// Whether the words before a day make it the time of a status report ("still missing as of
/// Monday", "at press time (Monday"), not the day of an event.
fn status_time(before: &str) -> bool {
    let last: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    matches!(last.first().map(String::as_str), Some("of") if last.get(1).is_some_and(|w| w == "as"))
        || last.iter().any(|w| w == "time")
}

/// Words that open a new clause after a day: a verb after them is not the day's ("met on Tuesday
/// and said", "was berated Tuesday after tweeting").
const CLAUSE_OPENERS: &[&str] = &["and", "but", "after", "before", "when", "while", "then", "as"];

/// Whether a reporting verb stands among the four words before a day or the two after it in its
/// clause ("said on Monday", "Kowal on Monday told"): the day of a statement, not of the event.
fn speech_near(text: &str, at: &Range<usize>) -> bool {
    let g = Gazetteer::get();
    let before = text[..at.start].split_whitespace().rev().take(4);
    let after = text[at.end..].split_whitespace().take(2).take_while(|w| !CLAUSE_OPENERS.contains(w));
    before.chain(after).any(|w| g.verb(w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic())).is_some())
}

/// The same event given two different places or days by two outlets, in closely aligned
/// sentences that share their event words and differ in that one value, when neither report
/// states the other's value anywhere (so it is not two legs of one trip or two days of one
/// story).
fn slot_contradictions(story: &Story<'_>, sims: &Sims, slot: Slot) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let mut done: BTreeSet<(String, String)> = BTreeSet::new();
    let mut whole: BTreeMap<usize, Slots> = BTreeMap::new();
    // Each sentence's values, read once (a sentence is in many pairs).
    let mut per_sent: rustc_hash::FxHashMap<usize, Slots> = Default::default();
    for &(v, a, b) in &sims.pairs {
        let (sa, sb) = (&story.sents[a], &story.sents[b]);
        if v < SLOT_ALIGNED || !comparable(story, sa.art, sb.art) {
            continue;
        }
        for i in [a, b] {
            per_sent.entry(i).or_insert_with(|| slots_in(story.text(&story.sents[i]), slot));
        }
        let Some(((x, at_x), (y, at_y))) = one_difference(&per_sent[&a], &per_sent[&b]) else { continue };
        // Days of a statement or a status ("said on Monday", "as of Monday") are not in the slots.
        let day = matches!(slot, Slot::Weekday | Slot::MonthDay);
        if (day && !days_differ(story, a, at_x, b, at_y)) || (slot == Slot::Place && same_area(x, y)) {
            continue;
        }
        let mut states = |art: usize, value: &str| {
            whole.entry(art).or_insert_with(|| slots_in(&story.articles[art].body, slot)).contains_key(value)
        };
        if states(sb.art, x)
            || states(sa.art, y)
            || shared_content(story, a, b) + usize::from(slot == Slot::Place) * shared_names(story, a, b)
                < least_shared(story, slot, (a, at_x), (b, at_y))
            || !done.insert((x.clone(), y.clone()))
        {
            continue;
        }
        out.push(slot_contradiction(story, slot, (a, at_x, x), (b, at_y, y)));
    }
    out
}

/// The contradiction of two sentences (`a`, `b`) that give one slot the values `x` and `y` at
/// the given bytes: each outlet's words around its value, then the other outlets' words.
fn slot_contradiction(
    story: &Story<'_>,
    slot: Slot,
    (a, at_x, x): (usize, &Range<usize>, &str),
    (b, at_y, y): (usize, &Range<usize>, &str),
) -> Contradiction {
    let (sa, sb) = (&story.sents[a], &story.sents[b]);
    let (kind, about) = match slot {
        Slot::Place => ("place", format!("where: {x} or {y}")),
        _ => ("date", format!("when: {x} or {y}")),
    };
    let mut claims = vec![
        claim(story, sa.art, words_around(story.text(sa), at_x.clone()), x.to_string()),
        claim(story, sb.art, words_around(story.text(sb), at_y.clone()), y.to_string()),
    ];
    claims.extend(other_outlets(story, slot, (a, b), (x, y)));
    Contradiction { id: String::new(), kind: kind.into(), about, claims }
}

/// The other outlets' words for the fact two aligned sentences (`a`, `b`) give as `x` and `y`:
/// from each further independent report that states one of the two values and never the other,
/// its sentence stating it that shares the most event words with either.
fn other_outlets(
    story: &Story<'_>,
    slot: Slot,
    (a, b): (usize, usize),
    (x, y): (&str, &str),
) -> Vec<ContradictionClaim> {
    let (art_a, art_b) = (story.sents[a].art, story.sents[b].art);
    let mut out = Vec::new();
    for art in (0..story.articles.len()).filter(|&o| o != art_a && o != art_b) {
        if !comparable(story, art, art_a) || !comparable(story, art, art_b) {
            continue;
        }
        let whole = slots_in(&story.articles[art].body, slot);
        if whole.contains_key(x) == whole.contains_key(y) {
            continue;
        }
        let value = if whole.contains_key(x) { x } else { y };
        let best = story.docs[art]
            .sents
            .clone()
            .filter_map(|j| {
                let here = slots_in(story.text(&story.sents[j]), slot);
                let at = here.get(value)?.1.clone();
                let shared = shared_content(story, j, a).max(shared_content(story, j, b));
                (shared >= 1).then_some((shared, std::cmp::Reverse(j), (at.start, at.end)))
            })
            .max();
        if let Some((_, std::cmp::Reverse(j), (start, end))) = best {
            let at = start..end;
            out.push(claim(story, art, words_around(story.text(&story.sents[j]), at), value.to_string()));
        }
    }
    out
}

/// The words of `text` around a value at `span`: up to six words before it and four after, the
/// outlet's own words for the fact.
fn words_around(text: &str, span: Range<usize>) -> String {
    let before = words_before(text, span.clone(), 6);
    let rest = &text[span.end..];
    let mut words = 0;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        let boundary = c.is_whitespace() && i > 0 && !rest[..i].ends_with(char::is_whitespace);
        words += usize::from(boundary);
        if words == 4 {
            end = i;
            break;
        }
    }
    format!("{before}{}", &rest[..end]).trim_end_matches([',', ';', ':', '.', ' ']).to_string()
}

/// The words of `text` from up to `n` words before byte `span.start` to `span.end`.
fn words_before(text: &str, span: Range<usize>, n: usize) -> String {
    let start = text[..span.start]
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .rev()
        .nth(n)
        .map_or(0, |i| i + 1);
    text[start..span.end].trim().to_string()
}

/// Fact contradictions of the story: ages, counts, places and days.
pub fn contradictions(story: &Story<'_>, sims: &Sims, entities: &[Entity]) -> Vec<Contradiction> {
    let mut out = age_contradictions(story, sims, entities);
    out.extend(unnamed_age_contradictions(story, sims));
    out.extend(origin_contradictions(story));
    out.extend(number_contradictions(story, sims));
    out.extend(outlet_count_contradictions(story, sims));
    let ledes: Vec<LedeCounts<'_>> = (0..story.articles.len()).map(|a| lede_counts(story, a)).collect();
    for c in lede_count_contradictions(story, &ledes).into_iter().chain(vague_count_contradictions(story, &ledes)) {
        if !out.iter().any(|o| o.kind == c.kind && o.about == c.about) {
            out.push(c);
        }
    }
    for slot in [Slot::Place, Slot::Weekday, Slot::MonthDay, Slot::Year] {
        out.extend(slot_contradictions(story, sims, slot));
    }
    for c in [Slot::Weekday, Slot::Place].into_iter().flat_map(|slot| lede_contradictions(story, slot)) {
        let same =
            |o: &Contradiction| o.kind == c.kind && o.claims.iter().zip(&c.claims).all(|(p, q)| p.source == q.source);
        if !out.iter().any(same) {
            out.push(c);
        }
    }
    out
}

/// The one value of a slot a report's lede gives its event ("went missing Friday night", "struck
/// by a train in Taree"): the value its first [`LEDE_SENTENCES`] sentences name when they name
/// one only (days of statements and of status reports left out; for places, towns only, beside
/// any state or country), with its sentence and place in it.
fn lede_value(story: &Story<'_>, art: usize, slot: Slot) -> Option<(String, usize, Range<usize>)> {
    let lede = lede_sentences(story, art);
    let mut values = lede.flat_map(|i| {
        let here = slots_in(story.text(&story.sents[i]), slot);
        here.into_iter().filter(|(_, (rank, _))| *rank == 0).map(move |(v, (_, at))| (v, i, at))
    });
    let first = values.next()?;
    values.all(|v| v.0 == first.0).then_some(first)
}

/// Two outlets whose ledes tell one event (two or more event words shared) on two different days
/// or in two towns apart, when neither report names the other's value anywhere: the lede's day
/// and town are the event's.
fn lede_contradictions(story: &Story<'_>, slot: Slot) -> Vec<Contradiction> {
    let n = story.articles.len();
    let ledes: Vec<_> = (0..n).map(|a| lede_value(story, a, slot)).collect();
    // A whole report's values, read only for reports whose lede names one (most name none).
    let whole: Vec<std::cell::OnceCell<Slots>> = (0..n).map(|_| std::cell::OnceCell::new()).collect();
    let states = |art: usize, value: &str| {
        whole[art].get_or_init(|| slots_in(&story.articles[art].body, slot)).contains_key(value)
    };
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for (a, b) in comparable_pairs(story) {
        let (Some((x, i, at_x)), Some((y, j, at_y))) = (&ledes[a], &ledes[b]) else { continue };
        if x == y || states(b, x) || states(a, y) {
            continue;
        }
        let apart = match slot {
            Slot::Place => !same_area(x, y),
            _ => days_differ(story, *i, at_x, *j, at_y),
        };
        if !apart || shared_content(story, *i, *j) < 2 || !done.insert((x.clone(), y.clone())) {
            continue;
        }
        out.push(slot_contradiction(story, slot, (*i, at_x, x), (*j, at_y, y)));
    }
    out
}
