//! Annotate once: every article's text is analysed here, once, into one [`Doc`] that every
//! later stage reads (dedup, cluster, who, when) — the model of spaCy's `Doc` or CoreNLP's
//! `Annotation`. This crate is the one place where text is split into paragraphs, sentences
//! and tokens; no other stage tokenises.
//!
//! Layers of a [`Doc`]:
//! * paragraphs (byte ranges; a line with text is a paragraph);
//! * quotation spans (straight or curly double marks, multi-paragraph quotations);
//! * sentences (quote-aware: punctuation inside a quotation does not end the sentence);
//! * tokens with byte and character offsets, and their forms interned to integer ids
//!   ([`FormId`]): the case-folded key, its stem, and its news-normalised form (synonym class);
//! * capitalised-name tokens, numbers with the noun they count, temporal expressions found and
//!   resolved against the article's date (`parallax-temporal`).
//!
//! Forms are interned by hash-consing: a form's id is a seeded 64-bit hash of its text, the same
//! in every document, run and process, so documents can be annotated in parallel with no
//! shared table, and ids stay valid in the store and across workers. The text behind an id is
//! kept in a process-wide, append-only lexicon ([`form_text`]) that only serves look-ups, so it
//! never changes a result. Pure and deterministic: the same text and date give the same `Doc`.

pub mod lexicon;
pub mod light;
pub mod split;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use parallax_temporal::TimeExpr;

pub use light::Word;
pub use split::QuoteSpan;

/// Interned id of a form (key, stem or normal form): a seeded 64-bit hash of its text.
pub type FormId = u64;

/// Seed of the form hash (fixed: ids must not depend on the run).
const FORM_SEED: u64 = 0x616e_6e6f_7461_7465;

/// The id of a form's text.
pub fn form_id(form: &str) -> FormId {
    xxhash_rust::xxh3::xxh3_64_with_seed(form.as_bytes(), FORM_SEED)
}

/// Token flags (bit set).
pub mod flag {
    /// Starts with an upper-case letter.
    pub const CAP: u16 = 1;
    /// All capitals and longer than four bytes (a heading or shouted word, not a name).
    pub const CAPS_WORD: u16 = 1 << 1;
    /// Contains a digit.
    pub const DIGIT: u16 = 1 << 2;
    /// Only digits with separators.
    pub const NUMERAL: u16 = 1 << 3;
    /// Sentence-like break right before it (`.`, `!`, `?`, `:`, a line break or a quotation
    /// mark since the previous token), or first token of the text.
    pub const BREAK: u16 = 1 << 4;
    /// Inside a quotation's marks.
    pub const QUOTED: u16 = 1 << 5;
    /// Function or reporting word (see [`crate::lexicon::STOP`]).
    pub const STOP: u16 = 1 << 6;
    /// Looks like a name: capitalised, three bytes or more, not a heading, a function word or
    /// a title.
    pub const NAME: u16 = 1 << 7;
}

/// One token (a word: letters and digits with inner apostrophes, hyphens and dots, dotted
/// initials such as "U.S.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the start in [`Doc::text`].
    pub start: u32,
    /// Byte offset of the end.
    pub end: u32,
    /// Character (code point) offset of the start.
    pub char_start: u32,
    /// Sentence index in [`Doc::sentences`].
    pub sent: u32,
    /// Case-folded key ([`lexicon::name_key`]).
    pub key: FormId,
    /// Stem of the key ([`lexicon::stem`]).
    pub stem: FormId,
    /// News-normalised form ([`lexicon::norm`]); `None` for function words.
    pub norm: Option<FormId>,
    /// [`flag`] bits.
    pub flags: u16,
}

impl Token {
    /// Whether a flag is set.
    pub fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// Byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in [`Doc::text`].
    pub range: Range<usize>,
    /// Paragraph index.
    pub para: usize,
    /// Its tokens (indices into [`Doc::tokens`]).
    pub tokens: Range<usize>,
}

/// A number stated in the text, with the noun it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Value ("1,500" → 1500, "three" → 3, "69-year-old" → 69).
    pub value: f64,
    /// Token index of the number.
    pub token: usize,
    /// Token index of its last digit group ("2,950": the token "950"; else `token`).
    pub last: usize,
    /// Token index of the counted noun (the next content word within four words).
    pub unit: usize,
    /// Whether a hedge ("nearly", "at least", "about") qualifies it.
    pub hedged: bool,
}

/// The annotated text of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The annotated text: the article body, then any text appended after `body_len`
    /// (live-blog posts on other subjects).
    pub text: String,
    /// Bytes of `text` that are the article body.
    pub body_len: usize,
    /// Publication date the dates were resolved against.
    pub dct: Option<NaiveDate>,
    /// Paragraph byte ranges (trimmed).
    pub paragraphs: Vec<Range<usize>>,
    /// Quotation spans, in text order.
    pub quotes: Vec<QuoteSpan>,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Numbers with their counted noun, in text order.
    pub numbers: Vec<Number>,
    /// Temporal expressions of the body, resolved against `dct`.
    pub dates: Vec<TimeExpr>,
    /// Whether `dates` were looked for.
    dated: bool,
}

impl Doc {
    /// Annotates `text`, of which the first `body_len` bytes are the article body (dates are
    /// found in the body only), resolving dates against `dct`.
    pub fn new(text: String, body_len: usize, dct: Option<NaiveDate>) -> Doc {
        let mut doc = Doc::undated(text, body_len);
        doc.set_dct(dct);
        doc
    }

    /// Annotates `text` like [`Doc::new`] but without the temporal layer (no dates found):
    /// what grouping reports into stories needs.
    pub fn undated(text: String, body_len: usize) -> Doc {
        let body_len = floor_boundary(&text, body_len.min(text.len()));
        let paragraphs = split::paragraphs(&text);
        let quotes = split::quote_spans(&text, &paragraphs);
        let mut sentences = Vec::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            for r in split::sentences(&text, p.clone(), &quotes) {
                sentences.push(Sentence { range: r, para: pi, tokens: 0..0 });
            }
        }
        let tokens = tokenize(&text, &mut sentences, &quotes);
        let numbers = numbers(&text, &sentences, &tokens);
        Doc {
            text,
            body_len,
            dct: None,
            paragraphs,
            quotes,
            sentences,
            tokens,
            numbers,
            dates: Vec::new(),
            dated: false,
        }
    }

    /// Annotates a short text on its own (a headline): no dates.
    pub fn of_text(text: &str) -> Doc {
        Doc::undated(text.to_string(), text.len())
    }

    /// Finds the temporal expressions (once), or resolves them again against another
    /// publication date (a date inferred at story level after clustering).
    pub fn set_dct(&mut self, dct: Option<NaiveDate>) {
        if !self.dated || dct != self.dct {
            self.dct = dct;
            self.dates = parallax_temporal::find_dates(&self.text[..self.body_len], dct);
            self.dated = true;
        }
    }

    /// Whether the temporal layer is present (see [`Doc::undated`], [`Doc::set_dct`]).
    pub fn is_dated(&self) -> bool {
        self.dated
    }

    /// The article body.
    pub fn body(&self) -> &str {
        &self.text[..self.body_len]
    }

    /// Text of a token.
    pub fn token_text(&self, t: &Token) -> &str {
        &self.text[t.range()]
    }

    /// Text of a form (see [`form_text`]).
    pub fn form(&self, id: FormId) -> Option<String> {
        form_text(id)
    }

    /// Tokens of the body (not of appended text).
    pub fn body_tokens(&self) -> &[Token] {
        &self.tokens[..self.tokens.partition_point(|t| (t.start as usize) < self.body_len)]
    }

    /// Indices of the tokens inside a byte range.
    pub fn tokens_in(&self, r: Range<usize>) -> Range<usize> {
        let a = self.tokens.partition_point(|t| (t.start as usize) < r.start);
        let b = self.tokens.partition_point(|t| (t.end as usize) <= r.end);
        a..b.max(a)
    }

    /// Indices of the sentences of the body (not of appended text).
    pub fn body_sentences(&self) -> Range<usize> {
        0..self.sentences.partition_point(|s| s.range.start < self.body_len)
    }
}

/// Annotates an article: its body, then its off-story posts (who said what reads them too;
/// claims and dates stay on the body), dates resolved against its publication date.
pub fn article(a: &parallax_core::Article) -> Doc {
    Doc::new(article_text(a), a.body.len(), a.published_date())
}

/// [`article`] without the temporal layer (see [`Doc::undated`]).
pub fn article_undated(a: &parallax_core::Article) -> Doc {
    Doc::undated(article_text(a), a.body.len())
}

/// The body, then each off-story post after a blank line (paragraphs stay verbatim).
pub fn article_text(a: &parallax_core::Article) -> String {
    let mut text = a.body.clone();
    for p in &a.off_story_posts {
        text.push_str("\n\n");
        text.push_str(p.text.trim());
    }
    text
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The derived forms of one surface word: key, stem, normal form, stop word, name stop word.
type Derived = (FormId, FormId, Option<FormId>, bool, bool);

thread_local! {
    /// Surface word → derived forms, already computed on this thread (a cache: results never
    /// depend on it).
    static DERIVED: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Derived>> = std::cell::RefCell::new(Default::default());
}

/// Most surface words kept in a thread's cache before it is emptied.
const DERIVED_CACHE_MAX: usize = 1 << 18;

/// The text of every form interned so far, by id (append-only; lookups only).
static LEXICON: std::sync::LazyLock<std::sync::RwLock<HashMap<FormId, Box<str>>>> =
    std::sync::LazyLock::new(Default::default);

/// Interns a form: its id, with its text recorded for [`form_text`].
pub fn intern(s: &str) -> FormId {
    let id = form_id(s);
    let known = LEXICON.read().map(|l| l.contains_key(&id)).unwrap_or(true);
    if !known && let Ok(mut l) = LEXICON.write() {
        l.entry(id).or_insert_with(|| s.into());
    }
    id
}

/// Text of an interned form.
pub fn form_text(id: FormId) -> Option<String> {
    LEXICON.read().ok()?.get(&id).map(|s| s.to_string())
}

fn derive(word: &str) -> Derived {
    if let Some(d) = DERIVED.with(|c| c.borrow().get(word).copied()) {
        return d;
    }
    let key = lexicon::name_key(word);
    let stem = lexicon::stem(&key);
    let norm = lexicon::norm(&key);
    let d =
        (intern(&key), intern(&stem), norm.map(|n| intern(&n)), lexicon::is_stop(&key), lexicon::is_name_stop(&key));
    DERIVED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= DERIVED_CACHE_MAX {
            c.clear();
        }
        c.insert(word.into(), d);
    });
    d
}

/// Tokens of the text, sentence by sentence (sets each sentence's token range).
fn tokenize(text: &str, sentences: &mut [Sentence], quotes: &[QuoteSpan]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut prev_end = 0usize;
    let mut chars = 0usize;
    let mut qi = 0usize;
    for (si, s) in sentences.iter_mut().enumerate() {
        let first = out.len();
        for r in split::words(text, s.range.clone()) {
            let w = &text[r.clone()];
            let gap = &text[prev_end..r.start];
            chars += gap.chars().count();
            while qi < quotes.len() && quotes[qi].content.end <= r.start {
                qi += 1;
            }
            let quoted = quotes.get(qi).is_some_and(|q| q.content.start <= r.start);
            let (key, stem, norm, stop, name_stop) = derive(w);
            let flags = word_flags(w, gap, out.is_empty(), quoted, stop, name_stop);
            out.push(Token {
                start: r.start as u32,
                end: r.end as u32,
                char_start: chars as u32,
                sent: si as u32,
                key,
                stem,
                norm,
                flags,
            });
            chars += w.chars().count();
            prev_end = r.end;
        }
        s.tokens = first..out.len();
    }
    out
}

fn word_flags(w: &str, gap: &str, first: bool, quoted: bool, stop: bool, name_stop: bool) -> u16 {
    let mut f = 0;
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let caps_word = w.len() > 4 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
    if cap {
        f |= flag::CAP;
    }
    if caps_word {
        f |= flag::CAPS_WORD;
    }
    if w.bytes().any(|b| b.is_ascii_digit()) {
        f |= flag::DIGIT;
        if lexicon::is_numeral(w.trim_end_matches('.')) {
            f |= flag::NUMERAL;
        }
    }
    if first || gap.contains(['.', '!', '?', '\n', ':', '"', '“', '”']) {
        f |= flag::BREAK;
    }
    if quoted {
        f |= flag::QUOTED;
    }
    if stop {
        f |= flag::STOP;
    }
    if cap && w.len() >= 3 && !caps_word && !name_stop {
        f |= flag::NAME;
    }
    f
}

/// Numbers with the noun they count, sentence by sentence. Years (four digits, 1800–2099) and
/// numbers glued to other text (footnote marks) are not counts.
fn numbers(text: &str, sentences: &[Sentence], tokens: &[Token]) -> Vec<Number> {
    let mut out = Vec::new();
    for s in sentences {
        let toks = &tokens[s.tokens.clone()];
        for (i, t) in toks.iter().enumerate() {
            let w = &text[t.range()];
            let Some(value) = lexicon::number_value(w) else { continue };
            let prev_ch = text[..t.start as usize].chars().next_back();
            let glued = t.start as usize > s.range.start
                && prev_ch.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '$' | '£' | '€'));
            if glued || (w.len() == 4 && (1800.0..2100.0).contains(&value)) {
                continue;
            }
            let (value, last) = digit_groups(text, toks, i, value);
            let Some(unit) = unit_of(text, &toks[last + 1..]) else { continue };
            let hedged = toks[i.saturating_sub(2)..i]
                .iter()
                .any(|p| lexicon::HEDGES.contains(&text[p.range()].to_lowercase().as_str()));
            out.push(Number {
                value,
                token: s.tokens.start + i,
                last: s.tokens.start + last,
                unit: s.tokens.start + last + 1 + unit,
                hedged,
            });
        }
    }
    out
}

/// A numeral written with thousands separators, which the tokeniser splits ("2,950" → "2",
/// "950"): its whole value and the index (in `toks`) of its last group.
fn digit_groups(text: &str, toks: &[Token], i: usize, value: f64) -> (f64, usize) {
    let (mut value, mut last) = (value, i);
    if !text[toks[i].range()].bytes().all(|b| b.is_ascii_digit()) {
        return (value, last);
    }
    while let Some(n) = toks.get(last + 1) {
        let group = &text[n.range()];
        let comma = toks[last].end as usize + 1 == n.start as usize && text.as_bytes()[toks[last].end as usize] == b',';
        if !comma || group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        value = value * 1000.0 + f64::from(group.parse::<u16>().unwrap_or(0));
        last += 1;
    }
    (value, last)
}

/// Offset (in `next`) of the counted noun: the first content word among the next four,
/// passing over "other", "more", "of" and further number words.
fn unit_of(text: &str, next: &[Token]) -> Option<usize> {
    for (k, n) in next.iter().take(4).enumerate() {
        let nw = text[n.range()].to_lowercase();
        if matches!(nw.as_str(), "other" | "more" | "of") {
            continue;
        }
        if lexicon::number_value(&nw).is_some() || nw == "million" || nw == "billion" {
            continue;
        }
        if n.norm.is_some() {
            return Some(k);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn numerals_with_thousands_separators_are_one_number() {
        let text = "Rebels fired 2,950 rockets, 1,000,000 leaflets and 12,50 shells at 3, 950 homes.";
        let doc = Doc::new(text.to_string(), text.len(), None);
        let values: Vec<f64> = doc.numbers.iter().map(|n| n.value).collect();
        assert_eq!(values, [2950.0, 1_000_000.0, 12.0, 3.0, 950.0], "{:?}", doc.numbers);
        assert_eq!(doc.token_text(&doc.tokens[doc.numbers[0].unit]), "rockets");
    }

    #[test]
    fn layers_of_a_short_report() {
        let text = "Officials in Geneva said on Monday that 42 people were hurt.\n\n“We are ready,” Ms Kowal told reporters. She left.";
        let doc = Doc::new(text.to_string(), text.len(), Some(d("2024-03-13")));
        assert_eq!(doc.paragraphs.len(), 2);
        let sents: Vec<&str> = doc.sentences.iter().map(|s| &text[s.range.clone()]).collect();
        assert_eq!(
            sents,
            [
                "Officials in Geneva said on Monday that 42 people were hurt.",
                "“We are ready,” Ms Kowal told reporters.",
                "She left."
            ]
        );
        let geneva = doc.tokens.iter().find(|t| doc.token_text(t) == "Geneva").unwrap();
        assert!(geneva.is(flag::NAME) && !geneva.is(flag::BREAK));
        assert!(doc.tokens[0].is(flag::BREAK) && doc.tokens[0].is(flag::CAP));
        assert_eq!(doc.form(geneva.key).as_deref(), Some("geneva"));
        let ready = doc.tokens.iter().find(|t| doc.token_text(t) == "ready").unwrap();
        assert!(ready.is(flag::QUOTED));
        assert_eq!(doc.numbers.len(), 1);
        assert_eq!(doc.numbers[0].value, 42.0);
        assert_eq!(doc.token_text(&doc.tokens[doc.numbers[0].unit]), "people");
        assert_eq!(doc.dates.len(), 1);
        assert_eq!(doc.dates[0].value.as_deref(), Some("2024-03-11"));
        // Character offsets follow code points, not bytes.
        let kowal = doc.tokens.iter().find(|t| doc.token_text(t) == "Kowal").unwrap();
        assert_eq!(kowal.char_start as usize, text[..kowal.start as usize].chars().count());
    }

    #[test]
    fn forms_are_shared_across_documents() {
        let a = Doc::of_text("Talks resumed in Kyiv.");
        let b = Doc::of_text("The talks in Kyiv's centre");
        let ka = a.tokens.iter().find(|t| a.token_text(t) == "Kyiv").unwrap();
        let kb = b.tokens.iter().find(|t| b.token_text(t) == "Kyiv's").unwrap();
        assert_eq!(ka.key, kb.key);
        assert_eq!(a.tokens[0].stem, b.tokens[1].stem);
        // Synonym classes: "negotiations" is normalised like "talks".
        let c = Doc::of_text("negotiations");
        assert_eq!(c.tokens[0].norm, a.tokens[0].norm);
        assert!(a.tokens.iter().all(|t| t.norm.is_some() || t.is(flag::STOP)));
    }

    #[test]
    fn dates_only_in_the_body_and_re_resolved() {
        let body = "He spoke on Monday.";
        let text = format!("{body}\n\nAnother post on Friday.");
        let mut doc = Doc::new(text, body.len(), Some(d("2024-03-13")));
        assert_eq!(doc.dates.len(), 1);
        assert_eq!(doc.body_sentences(), 0..1);
        doc.set_dct(Some(d("2024-03-20")));
        assert_eq!(doc.dates[0].value.as_deref(), Some("2024-03-18"));
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_and_inside_their_sentences(s in "[A-Za-z0-9 .,“”\"'’\n-]{0,200}") {
            let doc = Doc::new(s.clone(), s.len(), None);
            let mut last = 0;
            for (i, sent) in doc.sentences.iter().enumerate() {
                for t in &doc.tokens[sent.tokens.clone()] {
                    proptest::prop_assert!(t.start as usize >= sent.range.start && t.end as usize <= sent.range.end);
                    proptest::prop_assert!(t.start as usize >= last);
                    proptest::prop_assert_eq!(t.sent as usize, i);
                    proptest::prop_assert_eq!(t.char_start as usize, s[..t.start as usize].chars().count());
                    last = t.end as usize;
                }
            }
        }
    }
}
