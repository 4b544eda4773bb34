//! Word lists and normal forms: the lexical knowledge every stage shares.
//!
//! * [`name_key`]: the case-folded key of a word (`’` → `'`, possessive `'s` dropped, the
//!   `-iy`/`-y` transliteration variants folded);
//! * [`stem`]: the Snowball English stem of a key;
//! * [`norm`]: the news-normalised form used to align claims: general news synonyms folded to
//!   one class, then stemmed; `None` for function words ([`is_stop`]).

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static STEM: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Function words and reporting words that carry no claim content (on [`name_key`] forms).
pub const STOP: &[&str] = &[
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
pub const SYNONYMS: &[(&str, &str)] = &[
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

/// The class representative of a word (itself when it has no synonym class).
pub fn synonym(w: &str) -> &str {
    static MAP: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| SYNONYMS.iter().copied().collect());
    MAP.get(w).copied().unwrap_or(w)
}

/// Capitalised words that are not names on their own (function words, titles, demonyms).
pub const NAME_STOP: &[&str] = &[
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

/// Words that hedge a number ("nearly", "at least", "about").
pub const HEDGES: &[&str] = &[
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

/// The value of a number word or numeral ("three", "1,500", "69-year-old" → 69).
pub fn number_value(w: &str) -> Option<f64> {
    // Every number word starts with one of these letters and every numeral with a digit (or
    // a separator): no other word needs lower-casing.
    match w.bytes().next() {
        Some(b)
            if b.is_ascii_digit()
                || b == b','
                || matches!(b.to_ascii_lowercase(), b't' | b'f' | b's' | b'e' | b'n' | b'h') => {}
        _ => return None,
    }
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

/// Case-folded key of a word: lower case, `’` as `'`, possessive `'s` dropped, a trailing
/// dot dropped, `-iy` folded to `-y` (transliteration variants: "Zelenskiy" / "Zelensky").
/// "US", "U.S." and "USA" share the key `usa`.
pub fn name_key(w: &str) -> String {
    let w = w.trim_end_matches('.');
    if matches!(w, "US" | "U.S" | "USA") {
        return "usa".into();
    }
    // ASCII needs no Unicode case table and holds no curly apostrophe.
    let mut l = if w.is_ascii() { w.to_ascii_lowercase() } else { w.to_lowercase().replace('’', "'") };
    if let Some(s) = l.strip_suffix("'s") {
        l.truncate(s.len());
    }
    if l.ends_with("iy") && l.len() > 4 {
        l.truncate(l.len() - 2);
        l.push('y');
    }
    l
}

/// Whether a key is a function or reporting word.
pub fn is_stop(key: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());
    SET.contains(key)
}

/// Whether a capitalised word with this key is not a name on its own (see [`NAME_STOP`]).
pub fn is_name_stop(key: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| NAME_STOP.iter().copied().collect());
    SET.contains(key) || is_stop(key)
}

/// Whether a key is all digits (with thousands separators or a decimal point).
pub fn is_numeral(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

thread_local! {
    /// Stems already computed on this thread (a cache: results never depend on it).
    static STEMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::default());
}

/// Most stems kept in a thread's cache before it is emptied.
const STEM_CACHE_MAX: usize = 1 << 17;

/// Snowball English stem of a key; numerals are kept as written without separators.
pub fn stem(key: &str) -> String {
    if is_numeral(key) {
        return key.replace(',', "");
    }
    STEMS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(s) = c.get(key) {
            return s.clone();
        }
        if c.len() >= STEM_CACHE_MAX {
            c.clear();
        }
        let s = STEM.stem(key).into_owned();
        c.insert(key.to_string(), s.clone());
        s
    })
}

/// [`stem`] without the thread's stem cache (for callers that cache whole words themselves).
pub fn stem_uncached(key: &str) -> std::borrow::Cow<'_, str> {
    if is_numeral(key) {
        return key.replace(',', "").into();
    }
    STEM.stem(key)
}

/// News-normalised form of a key for claim alignment: `None` for function words; numerals
/// as in [`stem`]; otherwise the synonym class, stemmed.
pub fn norm(key: &str) -> Option<String> {
    if key.is_empty() || is_stop(key) {
        return None;
    }
    if is_numeral(key) {
        return Some(key.replace(',', ""));
    }
    let s = synonym(key);
    if is_stop(s) {
        return None;
    }
    Some(stem(s))
}
