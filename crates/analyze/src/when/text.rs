//! Sentences, clauses and normalised content words of a story's reports.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use parallax_core::Article;
use parallax_core::report::Entity;
use parallax_temporal::{Kind, TimeExpr};
use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};

/// One sentence of one report.
#[derive(Debug, Clone)]
pub struct Sent {
    /// Index of the article in the story.
    pub art: usize,
    /// Sentence number within the article (0-based).
    pub idx: usize,
    /// Byte range in the article body.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Content words (normalised, stemmed).
    pub tokens: BTreeSet<String>,
    /// Name keys (capitalised words, normalised).
    pub names: BTreeSet<String>,
    /// Numbers with the word that follows them.
    pub numbers: Vec<Number>,
    /// Indices into the article's expression list of the expressions inside this sentence.
    pub exprs: Vec<usize>,
    /// Whether the sentence carries quoted words.
    pub quoted: bool,
}

/// A number stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Value.
    pub value: f64,
    /// Normalised noun it counts (next content word).
    pub unit: String,
    /// Whether a hedge ("nearly", "at least", "about") qualifies it.
    pub hedged: bool,
    /// Byte range in the body.
    pub start: usize,
    /// End of the range.
    pub end: usize,
}

/// Per-article data.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Publication date.
    pub dct: Option<NaiveDate>,
    /// Temporal expressions of the body.
    pub exprs: Vec<TimeExpr>,
    /// Range of sentences in [`Story::sents`].
    pub sents: std::ops::Range<usize>,
}

/// The prepared story.
#[derive(Debug, Clone)]
pub struct Story<'a> {
    /// Articles.
    pub articles: &'a [Article],
    /// Per-article data.
    pub docs: Vec<Doc>,
    /// All sentences, article by article.
    pub sents: Vec<Sent>,
    /// Token weights (inverse document frequency over sentences).
    pub weight: BTreeMap<String, f64>,
    /// Whether each article is independent (not a copy).
    pub independent: Vec<bool>,
    /// Name forms → canonical name key (from the story's entities).
    pub aliases: BTreeMap<String, String>,
}

static STEM: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "into",
    "about",
    "over",
    "after",
    "before",
    "since",
    "than",
    "then",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "he",
    "she",
    "they",
    "them",
    "his",
    "her",
    "their",
    "we",
    "our",
    "us",
    "you",
    "your",
    "i",
    "me",
    "my",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "not",
    "no",
    "so",
    "such",
    "also",
    "only",
    "just",
    "more",
    "most",
    "some",
    "any",
    "all",
    "both",
    "each",
    "other",
    "own",
    "same",
    "very",
    "said",
    "says",
    "say",
    "told",
    "tell",
    "according",
    "mr",
    "mrs",
    "ms",
    "dr",
    "while",
    "during",
    "up",
    "out",
    "off",
    "through",
    "until",
    "because",
    "however",
    "although",
    "yet",
    "still",
    "even",
    "now",
    "later",
    "earlier",
    "again",
    "further",
    "already",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "week",
    "weekend",
    "month",
    "year",
    "day",
    "days",
    "time",
    "one",
    "new",
    "way",
    "well",
    "much",
    "many",
    "last",
    "next",
    "first",
    "previously",
    "adding",
    "added",
    "saying",
    "stated",
    "statement",
    "comments",
    "remarks",
    "report",
    "reported",
    "news",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "it's",
    "he's",
    "she's",
    "that's",
    "we're",
    "they're",
    "don't",
    "won't",
    "can't",
    "per",
    "cent",
];

/// General news synonyms: a word → its class representative (before stemming).
const SYNONYMS: &[(&str, &str)] = &[
    ("truce", "ceasefire"),
    ("cease-fire", "ceasefire"),
    ("armistice", "ceasefire"),
    ("negotiations", "talks"),
    ("negotiation", "talks"),
    ("negotiate", "talks"),
    ("negotiating", "talks"),
    ("discussions", "talks"),
    ("discussion", "talks"),
    ("dialogue", "talks"),
    ("conversation", "talks"),
    ("talk", "talks"),
    ("bilateral", "direct"),
    ("face-to-face", "direct"),
    ("bilaterally", "direct"),
    ("proposed", "propose"),
    ("proposal", "propose"),
    ("suggested", "propose"),
    ("floated", "propose"),
    ("floating", "propose"),
    ("offered", "propose"),
    ("offer", "propose"),
    ("signalled", "propose"),
    ("signaled", "propose"),
    ("killed", "kill"),
    ("dead", "kill"),
    ("died", "kill"),
    ("deaths", "kill"),
    ("death", "kill"),
    ("fatalities", "kill"),
    ("injured", "injure"),
    ("wounded", "injure"),
    ("hurt", "injure"),
    ("injuries", "injure"),
    ("strike", "attack"),
    ("strikes", "attack"),
    ("struck", "attack"),
    ("striking", "attack"),
    ("raid", "attack"),
    ("raids", "attack"),
    ("assault", "attack"),
    ("attacks", "attack"),
    ("hitting", "attack"),
    ("bombardment", "attack"),
    ("conflict", "war"),
    ("invasion", "war"),
    ("warned", "threaten"),
    ("threatened", "threaten"),
    ("threat", "threaten"),
    ("declared", "announce"),
    ("announced", "announce"),
    ("breaching", "violate"),
    ("breached", "violate"),
    ("violated", "violate"),
    ("violating", "violate"),
    ("violations", "violate"),
    ("broke", "violate"),
    ("accusing", "accuse"),
    ("accused", "accuse"),
    ("scheduled", "schedule"),
    ("meeting", "meet"),
    ("meetings", "meet"),
    ("ready", "willing"),
    ("prepared", "willing"),
    ("open", "willing"),
    ("willingness", "willing"),
    ("kyiv", "ukraine"),
    ("kiev", "ukraine"),
    ("ukrainian", "ukraine"),
    ("russian", "russia"),
    ("moscow", "russia"),
    ("kremlin", "russia"),
    ("american", "usa"),
    ("u.s.", "usa"),
    ("washington", "usa"),
    ("british", "uk"),
    ("britain", "uk"),
    ("french", "france"),
    ("german", "germany"),
    ("chinese", "china"),
    ("israeli", "israel"),
    ("palestinian", "palestine"),
    ("european", "europe"),
    ("president", "leader"),
    ("counterpart", "leader"),
    ("spokesperson", "spokesman"),
    ("spokeswoman", "spokesman"),
    ("aide", "adviser"),
    ("advisor", "adviser"),
    ("civilians", "civilian"),
    ("targets", "target"),
];

fn synonym(w: &str) -> &str {
    SYNONYMS.iter().find(|(a, _)| *a == w).map_or(w, |(_, b)| b)
}

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]").expect("word regex"));

/// Normalises a name form: lower case, transliteration variants folded (`-iy` → `-y`).
pub fn name_key(w: &str) -> String {
    let mut l = w.to_lowercase().replace('’', "'");
    if let Some(s) = l.strip_suffix("'s") {
        l = s.to_string();
    }
    if l.ends_with("iy") && l.len() > 4 {
        l.truncate(l.len() - 2);
        l.push('y');
    }
    l
}

/// Alias map from the story's entities: name key of any word form → canonical key.
pub fn alias_map(entities: &[Entity]) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for e in entities {
        let canon = e.name.split_whitespace().last().map(name_key).unwrap_or_default();
        if canon.is_empty() {
            continue;
        }
        for a in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(last) = a.split_whitespace().last() {
                let k = name_key(last);
                if k != canon && k.len() > 2 {
                    m.entry(k).or_insert_with(|| canon.clone());
                }
            }
        }
    }
    m
}

/// Normalised content token of a word, or `None` for stop words.
pub fn token(w: &str, aliases: &BTreeMap<String, String>) -> Option<String> {
    if matches!(w, "US" | "U.S." | "U.S" | "USA") {
        return Some("usa".into());
    }
    let k = name_key(w.trim_end_matches('.'));
    if k.is_empty() || STOP.contains(&k.as_str()) {
        return None;
    }
    if k.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return Some(k.replace(',', ""));
    }
    if let Some(a) = aliases.get(&k) {
        return Some(a.clone());
    }
    let s = synonym(&k);
    if STOP.contains(&s) {
        return None;
    }
    Some(STEM.stem(s).into_owned())
}

const NAME_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "but",
    "and",
    "as",
    "if",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "prime",
    "minister",
    "secretary",
    "his",
    "her",
    "their",
    "this",
    "that",
    "there",
    "while",
    "after",
    "when",
    "meanwhile",
    "local",
    "both",
    "other",
    "state",
    "russian",
    "ukrainian",
    "american",
    "british",
    "french",
    "european",
    "kremlin",
    "spokesman",
    "spokesperson",
    "speaking",
    "previously",
    "authorities",
];

/// Capitalised words that look like names (not months, weekdays or function words).
pub fn names_in(s: &str, aliases: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in WORD.find_iter(s) {
        let w = m.as_str();
        if !w.chars().next().is_some_and(char::is_uppercase) || w.len() < 3 {
            continue;
        }
        if w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && w.len() > 4 {
            continue; // headings in capitals
        }
        let k = name_key(w);
        if NAME_STOP.contains(&k.as_str()) || STOP.contains(&k.as_str()) {
            continue;
        }
        out.insert(aliases.get(&k).cloned().unwrap_or(k));
    }
    out
}

const HEDGES: &[&str] = &[
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "more",
    "least",
    "than",
    "up",
    "under",
    "fewer",
    "less",
    "estimated",
    "reportedly",
    "possibly",
    "several",
    "dozens",
    "hundreds",
    "thousands",
    "at",
];

fn number_value(w: &str) -> Option<f64> {
    let l = w.to_lowercase();
    let v = match l.as_str() {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "twenty" => 20.0,
        "hundred" => 100.0,
        _ => {
            let d = l.replace(',', "");
            if !d.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            // "69-year-old": the age.
            let d = match d.split_once('-') {
                Some((n, rest)) if rest.contains("old") => n.to_string(),
                _ => d,
            };
            d.trim_end_matches('.').parse().ok()?
        }
    };
    Some(v)
}

/// Numbers with their counted noun.
pub fn numbers_in(body: &str, start: usize, end: usize, aliases: &BTreeMap<String, String>) -> Vec<Number> {
    let s = &body[start..end];
    let words: Vec<regex::Match<'_>> = WORD.find_iter(s).collect();
    let mut out = Vec::new();
    for (i, m) in words.iter().enumerate() {
        let Some(v) = number_value(m.as_str()) else { continue };
        // A number glued to other text ("”6 Ancient", footnotes) is not a count.
        let prev_ch = s[..m.start()].chars().next_back();
        if prev_ch.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '$' | '£' | '€')) {
            continue;
        }
        // Years and dates are not counts.
        if m.as_str().len() == 4 && (1800.0..2100.0).contains(&v) {
            continue;
        }
        let mut unit = String::new();
        for n in words.iter().skip(i + 1).take(4) {
            let nw = n.as_str().to_lowercase();
            if matches!(nw.as_str(), "other" | "more" | "people" | "of") && nw != "people" {
                continue;
            }
            if number_value(&nw).is_some() || nw == "million" || nw == "billion" {
                continue;
            }
            if let Some(t) = token(&nw, aliases) {
                unit = t;
                break;
            }
        }
        if unit.is_empty() {
            continue;
        }
        let prev: Vec<String> = words[i.saturating_sub(2)..i].iter().map(|w| w.as_str().to_lowercase()).collect();
        let hedged = prev.iter().any(|p| HEDGES.contains(&p.as_str()));
        out.push(Number { value: v, unit, hedged, start: start + m.start(), end: start + m.end() });
    }
    out
}

/// Splits a body into sentences: byte ranges.
pub fn sentences(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut off = 0usize;
    for para in body.split("\n\n") {
        let p_start = off;
        off += para.len() + 2;
        for line in para.split('\n') {
            let line_start = p_start + (line.as_ptr() as usize - para.as_ptr() as usize);
            let mut rest = line;
            let mut pos = line_start;
            loop {
                let lead = rest.len() - rest.trim_start().len();
                rest = rest.trim_start();
                pos += lead;
                if rest.is_empty() {
                    break;
                }
                let s = parallax_core::report::first_sentence(rest);
                let len = s.len().max(1).min(rest.len());
                let st = s.trim_end();
                if !st.is_empty() {
                    out.push((pos, pos + st.len()));
                }
                rest = &rest[len..];
                pos += len;
            }
        }
    }
    out
}

/// Tokens of a text span.
pub fn tokens_of(s: &str, aliases: &BTreeMap<String, String>) -> BTreeSet<String> {
    WORD.find_iter(s).filter_map(|m| token(m.as_str(), aliases)).collect()
}

/// Builds the story context.
pub fn prepare<'a>(articles: &'a [Article], independent: Vec<bool>, entities: &[Entity]) -> Story<'a> {
    let aliases = alias_map(entities);
    let mut docs = Vec::with_capacity(articles.len());
    let mut sents = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let dct = a.published_date();
        let body = a.body.as_str();
        let exprs = parallax_temporal::find_dates(body, dct);
        let first = sents.len();
        for (idx, (s, e)) in sentences(body).into_iter().enumerate() {
            let text = &body[s..e];
            let ex: Vec<usize> =
                exprs.iter().enumerate().filter(|(_, x)| x.start >= s && x.end <= e).map(|(i, _)| i).collect();
            sents.push(Sent {
                art: ai,
                idx,
                start: s,
                end: e,
                tokens: tokens_of(text, &aliases),
                names: names_in(text, &aliases),
                numbers: numbers_in(body, s, e, &aliases),
                exprs: ex,
                quoted: text.contains(['“', '”', '"']),
            });
        }
        docs.push(Doc { dct, exprs, sents: first..sents.len() });
    }
    let n = sents.len().max(1) as f64;
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &sents {
        for t in &s.tokens {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let weight = df.into_iter().map(|(t, c)| (t.to_string(), (1.0 + n / c as f64).ln())).collect();
    Story { articles, docs, sents, weight, independent, aliases }
}

impl Story<'_> {
    /// Text of a sentence.
    pub fn text(&self, s: &Sent) -> &str {
        &self.articles[s.art].body[s.start..s.end]
    }

    /// Source name of an article.
    pub fn source(&self, art: usize) -> &str {
        &self.articles[art].source
    }

    /// Weight of a token.
    pub fn w(&self, t: &str) -> f64 {
        let base = self.weight.get(t).copied().unwrap_or(1.0);
        if t.chars().all(|c| c.is_ascii_digit() || c == '.') { base * 1.5 } else { base }
    }

    /// Weighted Dice similarity of two token sets.
    pub fn sim(&self, a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
        let wa: f64 = a.iter().map(|t| self.w(t)).sum();
        let wb: f64 = b.iter().map(|t| self.w(t)).sum();
        if wa == 0.0 || wb == 0.0 {
            return 0.0;
        }
        let common: f64 = a.intersection(b).map(|t| self.w(t)).sum();
        2.0 * common / (wa + wb)
    }

    /// Overlap similarity: common weight over the smaller set's weight.
    pub fn overlap(&self, a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
        let wa: f64 = a.iter().map(|t| self.w(t)).sum();
        let wb: f64 = b.iter().map(|t| self.w(t)).sum();
        let m = wa.min(wb);
        if m == 0.0 {
            return 0.0;
        }
        a.intersection(b).map(|t| self.w(t)).sum::<f64>() / m
    }

    /// [`Story::event_days`] without the expressions that date the report itself (datelines,
    /// live-blog timestamps, embedded-post signatures): only narrated events make the timeline.
    pub fn narrated_days(&self, s: &Sent) -> Vec<&TimeExpr> {
        let body = &self.articles[s.art].body;
        self.event_days(s).into_iter().filter(|e| !parallax_temporal::is_report_stamp(body, e)).collect()
    }

    /// Day-precise expressions of a sentence that can date an event: not bounds (`until`,
    /// `through`, `since`, `midnight`).
    pub fn event_days(&self, s: &Sent) -> Vec<&TimeExpr> {
        let body = &self.articles[s.art].body;
        let doc = &self.docs[s.art];
        s.exprs
            .iter()
            .map(|&i| &doc.exprs[i])
            .filter(|e| e.day().is_some() && e.kind != Kind::Reference)
            .filter(|e| {
                let before = body[s.start..e.start].trim_end().to_lowercase();
                let last = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
                !matches!(last, "through" | "until" | "till" | "since" | "from" | "to" | "by" | "midnight")
            })
            .collect()
    }
}
