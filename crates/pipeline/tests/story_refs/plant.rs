//! Planted contradictions: in a real story, find a fact that two or more outlets state the same
//! way (a count with its unit, an age, a weekday / date / year, a place after "in"), change it
//! in one outlet's text (in memory only) and see whether the analysis flags the disagreement.
//! Deterministic: every choice comes from a seeded generator.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use parallax_core::report::StoryReport;
use regex::Regex;

/// Seed of every choice the planter makes.
pub const PLANT_SEED: u64 = 0x5eed_0019;

/// The classes of planted facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Count,
    Age,
    Date,
    Place,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Count, Class::Age, Class::Date, Class::Place];
    pub fn name(self) -> &'static str {
        match self {
            Class::Count => "count",
            Class::Age => "age",
            Class::Date => "date",
            Class::Place => "place",
        }
    }
}

/// One fact as one article states it: the key two outlets share, the spans to rewrite and the
/// value that replaces it.
#[derive(Debug, Clone)]
struct Fact {
    class: Class,
    key: String,
    span: Range<usize>,
    value: String,
    /// What a flag must quote to show the new value ("March 6" for a changed day).
    shows: String,
}

/// A planned change: in article `target`, the `spans` are rewritten to `new_value`; the
/// articles `others` keep the original `old_value`.
#[derive(Debug, Clone)]
pub struct Plant {
    pub class: Class,
    pub key: String,
    pub target: usize,
    pub others: Vec<usize>,
    pub old_value: String,
    pub new_value: String,
    pub shows: String,
    spans: Vec<Range<usize>>,
}

/// splitmix64.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, salt: &str) -> Self {
        Rng(salt.bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/// Hedges before a number: changing a hedged figure need not make a contradiction.
const HEDGES: [&str; 14] = [
    "at least",
    "more than",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "over",
    "up to",
    "roughly",
    "approximately",
    "less than",
    "fewer than",
    "under",
];
/// Units of a count that are plural without a final "s".
const IRREGULAR_UNITS: [&str; 9] = ["people", "men", "women", "children", "feet", "percent", "police", "crew", "staff"];
/// Words that may follow a place name ("in Boston on Monday"); any other lower-case word makes
/// the capitalised word an adjective or a name part ("in Chinese goods").
const AFTER_PLACE: [&str; 30] = [
    "on", "in", "at", "last", "this", "and", "or", "to", "for", "since", "after", "before", "when", "where", "during",
    "the", "was", "is", "has", "have", "had", "said", "were", "with", "by", "from", "as", "but", "which", "who",
];
/// Capitalised words after "in" that are not places.
const NOT_PLACES: [&str; 16] = [
    "The",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "It",
    "Congress",
    "Parliament",
    "English",
    "God",
    "Christ",
];
/// Places substituted for a planted place, the first one no article of the story names.
const CITIES: [&str; 8] = ["Denver", "Leeds", "Osaka", "Lyon", "Tucson", "Bergen", "Dresden", "Adelaide"];

static AGE_OLD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{1,3})-year-old\b").unwrap());
static AGE_COMMA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([A-Z][a-z]+), (\d{1,2}),").unwrap());
static AGE_AGED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[Aa]ged? (\d{1,3})\b").unwrap());
static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\$?)\b(\d{1,3}(?:,\d{3})+|\d+)( million| billion|%)?(?: ([a-z]+)\b)?").unwrap());
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"\b({})\b", WEEKDAYS.join("|"))).unwrap());
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b({}) (\d{{1,2}})\b", MONTHS.join("|"))).unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20[0-3]\d)\b").unwrap());
static PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:in|near) ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2})\b").unwrap());

fn group(class: Class, key: String, m: regex::Match<'_>, value: String) -> Fact {
    Fact { class, key, span: m.range(), shows: value.clone(), value }
}

fn ages(text: &str) -> Vec<Fact> {
    let mut out = Vec::new();
    let add = |out: &mut Vec<Fact>, m: regex::Match<'_>| {
        let n: u32 = m.as_str().parse().unwrap_or(0);
        if (1..=110).contains(&n) {
            out.push(group(Class::Age, format!("age {n}"), m, (n + 3 + n % 5).to_string()));
        }
    };
    for c in AGE_OLD.captures_iter(text) {
        add(&mut out, c.get(1).unwrap());
    }
    for c in AGE_COMMA.captures_iter(text) {
        if !MONTHS.contains(&&c[1]) && !WEEKDAYS.contains(&&c[1]) {
            add(&mut out, c.get(2).unwrap());
        }
    }
    for c in AGE_AGED.captures_iter(text) {
        add(&mut out, c.get(1).unwrap());
    }
    out
}

fn hedged(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end().to_lowercase();
    HEDGES.iter().any(|h| before.ends_with(h))
}

/// Formats `n` with thousands separators when the original had them.
fn with_commas(n: u64, commas: bool) -> String {
    let s = n.to_string();
    if !commas {
        return s;
    }
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn counts(text: &str) -> Vec<Fact> {
    let mut out = Vec::new();
    for c in COUNT.captures_iter(text) {
        let num = c.get(2).unwrap();
        let prev = text[..num.start()].chars().last();
        let next = text[num.end()..].chars().next();
        if matches!(prev, Some(':' | '.' | '-' | '/' | '#')) || matches!(next, Some(':' | '/' | '-')) {
            continue;
        }
        let money = !c[1].is_empty();
        let mult = c.get(3).map(|m| m.as_str()).unwrap_or("");
        let unit = if mult == "%" { "percent" } else { c.get(4).map(|u| u.as_str()).unwrap_or("") };
        let plural =
            (unit.len() > 3 && unit.ends_with('s') && !unit.ends_with("ss")) || IRREGULAR_UNITS.contains(&unit);
        if (!money && !plural) || hedged(text, c.get(0).unwrap().start()) {
            continue;
        }
        let digits = num.as_str().replace(',', "");
        let Ok(n) = digits.parse::<u64>() else { continue };
        if n < 2 || (!money && (1900..=2100).contains(&n) && !num.as_str().contains(',')) {
            continue;
        }
        let unit_key = if money { format!("${mult}") } else { format!(" {}", unit.trim_end_matches('s')) };
        let value = with_commas(n + (n / 2).max(2), num.as_str().contains(','));
        out.push(group(Class::Count, format!("{n}{unit_key}"), num, value));
    }
    out
}

fn dates(text: &str) -> Vec<Fact> {
    let mut out = Vec::new();
    for m in WEEKDAY.find_iter(text) {
        let i = WEEKDAYS.iter().position(|w| *w == m.as_str()).unwrap_or(0);
        out.push(group(Class::Date, m.as_str().to_string(), m, WEEKDAYS[(i + 2) % 7].to_string()));
    }
    for c in MONTH_DAY.captures_iter(text) {
        let day = c.get(2).unwrap();
        let d: u32 = day.as_str().parse().unwrap_or(0);
        if (1..=31).contains(&d) {
            let nd = if d <= 25 { d + 3 } else { d - 3 };
            let mut f = group(Class::Date, format!("{} {d}", &c[1]), day, nd.to_string());
            f.shows = format!("{} {nd}", &c[1]);
            out.push(f);
        }
    }
    for m in YEAR.find_iter(text) {
        let around = (text[..m.start()].chars().last(), text[m.end()..].chars().next());
        if matches!(around, (Some('/' | '-' | '.' | '$'), _) | (_, Some('/' | '-'))) {
            continue;
        }
        let y: u32 = m.as_str().parse().unwrap_or(0);
        out.push(group(Class::Date, m.as_str().to_string(), m, (y - 2).to_string()));
    }
    out
}

fn places(text: &str) -> Vec<Fact> {
    let mut out = Vec::new();
    for c in PLACE.captures_iter(text) {
        let name = c.get(1).unwrap();
        let first = name.as_str().split(' ').next().unwrap_or("");
        let rest = &text[name.end()..];
        let next_word: String =
            rest.strip_prefix(' ').unwrap_or("").chars().take_while(|c| c.is_alphabetic()).collect();
        let bad_next = rest.starts_with(['\'', '\u{2019}', '-'])
            || next_word.starts_with(char::is_uppercase)
            || (!next_word.is_empty() && rest.starts_with(' ') && !AFTER_PLACE.contains(&next_word.as_str()));
        if bad_next || NOT_PLACES.contains(&first) || MONTHS.contains(&first) || WEEKDAYS.contains(&first) {
            continue;
        }
        out.push(group(Class::Place, name.as_str().to_string(), name, String::new()));
    }
    out
}

fn facts(text: &str) -> Vec<Fact> {
    let mut all = ages(text);
    all.extend(counts(text));
    all.extend(dates(text));
    all.extend(places(text));
    all
}

/// Every whole-word occurrence of `name` in `text`.
fn occurrences(text: &str, name: &str) -> Vec<Range<usize>> {
    let re = Regex::new(&format!(r"\b{}\b", regex::escape(name))).unwrap();
    re.find_iter(text).map(|m| m.range()).collect()
}

/// At most one plant per class for a story (its article texts in order). `salt` (the story id)
/// varies the seeded choices between stories.
pub fn find_plants(texts: &[&str], salt: &str) -> Vec<Plant> {
    let per_article: Vec<Vec<Fact>> = texts.iter().map(|t| facts(t)).collect();
    let mut plants = Vec::new();
    for class in Class::ALL {
        // (key) → articles stating it.
        let mut holders: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (i, fs) in per_article.iter().enumerate() {
            for f in fs.iter().filter(|f| f.class == class) {
                holders.entry(f.key.as_str()).or_default().insert(i);
            }
        }
        let shared: Vec<(&str, Vec<usize>)> =
            holders.into_iter().filter(|(_, a)| a.len() >= 2).map(|(k, a)| (k, a.into_iter().collect())).collect();
        if shared.is_empty() {
            continue;
        }
        let mut rng = Rng::new(PLANT_SEED, &format!("{salt}/{}", class.name()));
        let (key, arts) = &shared[rng.below(shared.len())];
        let target = arts[rng.below(arts.len())];
        let mine: Vec<&Fact> = per_article[target].iter().filter(|f| f.class == class && f.key == *key).collect();
        let (spans, new_value, old_value, shows) = if class == Class::Place {
            let Some(city) = CITIES.iter().find(|c| texts.iter().all(|t| !t.contains(**c))) else { continue };
            (occurrences(texts[target], key), city.to_string(), key.to_string(), city.to_string())
        } else {
            let spans: Vec<Range<usize>> = mine.iter().map(|f| f.span.clone()).collect();
            let old = texts[target][mine[0].span.clone()].to_string();
            (spans, mine[0].value.clone(), old, mine[0].shows.clone())
        };
        let others = arts.iter().copied().filter(|a| *a != target).collect();
        plants.push(Plant { class, key: key.to_string(), target, others, old_value, new_value, shows, spans });
    }
    plants
}

/// The target article's text with the plant applied.
pub fn apply(text: &str, p: &Plant) -> String {
    let mut spans = p.spans.clone();
    spans.sort_by_key(|s| s.start);
    spans.dedup_by(|b, a| b.start < a.end);
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for s in spans {
        out.push_str(&text[at..s.start]);
        out.push_str(&p.new_value);
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether the report flags the plant: a contradiction with a claim of the changed article
/// quoting the new value and a claim of an article that kept the old one.
pub fn detected(report: &StoryReport, names: &[String], p: &Plant) -> bool {
    let target = &names[p.target];
    let others: BTreeSet<&String> = p.others.iter().map(|i| &names[*i]).collect();
    let new = p.shows.to_lowercase();
    report.contradictions.iter().any(|c| {
        c.claims.iter().any(|cl| &cl.source == target && cl.says.to_lowercase().contains(&new))
            && c.claims.iter().any(|cl| others.contains(&cl.source))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The 34-year-old driver was arrested on Friday in Millbrook after 12 passengers were hurt. \
                     The crash happened on March 3, 2019. Police said at least 40 cars were stuck.";
    const B: &str = "Police in Millbrook said the 34-year-old driver was held on Friday. Twelve people, \
                     12 passengers in all, were hurt on March 3. Some 40 cars were stuck.";

    #[test]
    fn plants_one_fact_per_class_that_both_outlets_share() {
        let plants = find_plants(&[A, B], "fixture");
        let by: BTreeMap<Class, &Plant> = plants.iter().map(|p| (p.class, p)).collect();
        assert_eq!(by[&Class::Age].old_value, "34");
        assert_eq!(by[&Class::Count].key, "12 passenger", "hedged 'at least 40' / 'Some 40' are never planted");
        assert_eq!(by[&Class::Place].old_value, "Millbrook");
        assert!(["Friday", "March 3"].contains(&by[&Class::Date].key.as_str()), "{:?}", by[&Class::Date]);
        for p in &plants {
            let text = [A, B][p.target];
            let changed = apply(text, p);
            assert_ne!(changed, text);
            assert!(changed.contains(&p.new_value), "{p:?}");
            assert_eq!(p.others, vec![1 - p.target]);
        }
    }

    #[test]
    fn plants_are_deterministic_and_need_two_outlets() {
        let a: Vec<String> = find_plants(&[A, B], "x").iter().map(|p| format!("{p:?}")).collect();
        let b: Vec<String> = find_plants(&[A, B], "x").iter().map(|p| format!("{p:?}")).collect();
        assert_eq!(a, b);
        assert!(find_plants(&[A], "x").is_empty());
        assert!(find_plants(&[A, "Nothing shared here."], "x").is_empty());
    }

    #[test]
    fn apply_rewrites_every_span_of_the_target() {
        let p = Plant {
            class: Class::Age,
            key: "age 34".into(),
            target: 0,
            others: vec![1],
            old_value: "34".into(),
            new_value: "41".into(),
            shows: "41".into(),
            spans: vec![4..6, 26..28],
        };
        let text = "The 34-year-old man, aged 34, 34 said";
        assert_eq!(apply(text, &p), "The 41-year-old man, aged 41, 34 said");
    }
}
