//! Sentences, clauses and normalised content words of a story's reports, read from each
//! report's annotated [`Doc`](parallax_annotate::Doc) (no tokenising here).

use std::collections::BTreeSet;

// Only looked up, never iterated into output: Fx hashing (no per-process seed, much cheaper
// than SipHash for the integer keys here).
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use chrono::NaiveDate;
use parallax_annotate::{Doc as Annotated, FormId, Token, flag, form_id, lexicon};
use parallax_core::Article;
use parallax_core::report::Entity;
use parallax_temporal::{Kind, TimeExpr};

/// A normalised content word or name of the story (an interned form id).
pub type Tok = FormId;

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
    pub tokens: BTreeSet<Tok>,
    /// Name keys (capitalised words, normalised).
    pub names: BTreeSet<Tok>,
    /// Numbers with the word that follows them.
    pub numbers: Vec<Number>,
    /// Indices into the article's expression list of the expressions inside this sentence.
    pub exprs: Vec<usize>,
    /// Whether the sentence carries quoted words.
    pub quoted: bool,
    /// Content words of the sentence that name substantive actions (see `claims`).
    pub substance_words: usize,
    /// Whether the sentence is page furniture (a credit line, a time stamp): never a claim.
    pub furniture: bool,
}

/// Credit lines, photo credits and short time-stamped lines: page furniture, never claims.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries: the lazy DFA runs them on any text (Unicode ones fall back to a
    // slow engine on non-ASCII text), and every word here is ASCII.
    Regex::new(r"(?i)(?-u:\b)(?:additional reporting|reporting|writing|editing|compiled|produced) by(?-u:\b)|(?-u:\b)(?:photo|image|video|picture) (?:credit|copyright|courtesy)(?-u:\b)|(?:getty images|ap photo|reuters/)|^[^a-zA-Z0-9_]*(?:updated|posted|published|last modified)(?-u:\b)")
        .expect("furniture regex")
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[0-9]{1,2}[:.][0-9]{2}\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc|ist|et|edt|est|bst)(?-u:\b)")
        .expect("clock regex")
});

/// Whether a sentence is page furniture: a credit line, a photo credit, a dateline or a
/// time stamp with few words around it.
pub fn furniture(text: &str) -> bool {
    let words = text.split_whitespace().count();
    FURNITURE.is_match(text) || (words <= 14 && CLOCK.is_match(text))
}

/// A number stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Value.
    pub value: f64,
    /// Normalised noun it counts (next content word).
    pub unit: Tok,
    /// Whether a hedge ("nearly", "at least", "about") qualifies it.
    pub hedged: bool,
    /// Byte range in the body.
    pub start: usize,
    /// End of the range.
    pub end: usize,
}

/// Per-article data.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// Publication date.
    pub dct: Option<NaiveDate>,
    /// Temporal expressions of the body.
    pub exprs: &'a [TimeExpr],
    /// Range of sentences in [`Story::sents`].
    pub sents: std::ops::Range<usize>,
}

/// The prepared story.
#[derive(Debug, Clone)]
pub struct Story<'a> {
    /// Articles.
    pub articles: &'a [Article],
    /// Their annotated texts.
    pub annotated: &'a [Annotated],
    /// Per-article data.
    pub docs: Vec<Doc<'a>>,
    /// All sentences, article by article.
    pub sents: Vec<Sent>,
    /// Token weights (inverse document frequency over sentences; numbers weigh 1.5 times more).
    pub weight: HashMap<Tok, f64>,
    /// Whether each article is independent (not a copy).
    pub independent: Vec<bool>,
    /// Name key → canonical name key (from the story's entities).
    pub aliases: HashMap<Tok, Tok>,
    /// Who each report speaks for (see [`Story::outlet`]), worked out once.
    outlets: Vec<String>,
}

/// The id of a name form ("Zelenskiy's" and "Zelensky" share one).
pub fn name_id(w: &str) -> Tok {
    form_id(&lexicon::name_key(w))
}

/// Alias map from the story's entities: key of any word form → canonical key.
pub fn alias_map(entities: &[Entity]) -> HashMap<Tok, Tok> {
    let mut m = HashMap::default();
    for e in entities {
        let canon = e.name.split_whitespace().last().map(lexicon::name_key).unwrap_or_default();
        if canon.is_empty() {
            continue;
        }
        for a in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(last) = a.split_whitespace().last() {
                let k = lexicon::name_key(last);
                if k != canon && k.len() > 2 {
                    m.entry(form_id(&k)).or_insert_with(|| form_id(&canon));
                }
            }
        }
    }
    m
}

/// Normalised content word of a token, or `None` for function words: numbers as written,
/// aliases of an entity as its canonical name, other words by synonym class and stem.
pub fn token(t: &Token, aliases: &HashMap<Tok, Tok>) -> Option<Tok> {
    if t.is(flag::STOP) {
        return None;
    }
    if t.is(flag::NUMERAL) {
        return t.norm;
    }
    aliases.get(&t.key).copied().or(t.norm)
}

/// Name key of a name-like token, alias-resolved.
fn name_of(t: &Token, aliases: &HashMap<Tok, Tok>) -> Option<Tok> {
    t.is(flag::NAME).then(|| aliases.get(&t.key).copied().unwrap_or(t.key))
}

/// Most forms kept in a thread's [`is_substance_form`] cache before it is emptied.
const SUBSTANCE_CACHE_MAX: usize = 1 << 16;

thread_local! {
    /// Form → whether it names a substantive action.
    static SUBSTANCE: crate::memo::Table<Tok, bool> = Default::default();
}

/// Whether a form names a substantive action (see `claims`), worked out once per form and
/// thread rather than once per story (reading a form's text takes the lexicon's lock).
fn is_substance_form(id: Tok) -> bool {
    crate::memo::memo(&SUBSTANCE, &id, SUBSTANCE_CACHE_MAX, || {
        super::claims::is_substance(&parallax_annotate::form_text(id).unwrap_or_default())
    })
}

/// Builds the story context.
pub fn prepare<'a>(
    articles: &'a [Article],
    annotated: &'a [Annotated],
    independent: Vec<bool>,
    entities: &[Entity],
) -> Story<'a> {
    let aliases = alias_map(entities);
    let mut docs = Vec::with_capacity(articles.len());
    let mut sents = Vec::new();
    let mut numeric: BTreeSet<Tok> = BTreeSet::new();
    for (ai, d) in annotated.iter().enumerate() {
        let exprs = &d.dates[..];
        let first = sents.len();
        let mut nums = d.numbers.iter().peekable();
        for (idx, s) in d.sentences[d.body_sentences()].iter().enumerate() {
            let (start, end) = (s.range.start, s.range.end.min(d.body_len));
            let toks = &d.tokens[s.tokens.clone()];
            let mut numbers = Vec::new();
            while let Some(n) = nums.next_if(|n| n.token < s.tokens.end) {
                let (tk, unit) = (&d.tokens[n.token], &d.tokens[n.unit]);
                let Some(unit) = token(unit, &aliases) else { continue };
                numbers.push(Number {
                    value: n.value,
                    unit,
                    hedged: n.hedged,
                    start: tk.start as usize,
                    end: d.tokens[n.last].end as usize,
                });
            }
            numeric.extend(toks.iter().filter(|t| t.is(flag::NUMERAL)).filter_map(|t| t.norm));
            let tokens: BTreeSet<Tok> = toks.iter().filter_map(|t| token(t, &aliases)).collect();
            sents.push(Sent {
                art: ai,
                idx,
                start,
                end,
                substance_words: tokens.iter().filter(|&&id| is_substance_form(id)).count(),
                tokens,
                names: toks.iter().filter_map(|t| name_of(t, &aliases)).collect(),
                numbers,
                exprs: exprs
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.start >= start && x.end <= end)
                    .map(|(i, _)| i)
                    .collect(),
                quoted: d.text[start..end].contains(['“', '”', '"']),
                furniture: furniture(&d.text[start..end]),
            });
        }
        docs.push(Doc { dct: d.dct, exprs, sents: first..sents.len() });
    }
    let n = sents.len().max(1) as f64;
    let mut df: HashMap<Tok, usize> = HashMap::default();
    for s in &sents {
        for t in &s.tokens {
            *df.entry(*t).or_default() += 1;
        }
    }
    let weight = df
        .into_iter()
        .map(|(t, c)| {
            let w = (1.0 + n / c as f64).ln();
            (t, if numeric.contains(&t) { w * 1.5 } else { w })
        })
        .collect();
    let outlets = articles
        .iter()
        .map(|a| a.wire_agency.as_deref().or(a.outlet.as_deref()).map_or_else(|| a.source.clone(), str::to_lowercase))
        .collect();
    Story { articles, annotated, docs, sents, weight, independent, aliases, outlets }
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

    /// Who a report speaks for: the wire agency whose story it runs, else its outlet, else its
    /// source. Versions and syndicated copies of one outlet's or one wire's story share it.
    pub fn outlet(&self, art: usize) -> &str {
        &self.outlets[art]
    }

    /// Content words of a byte range of an article.
    pub fn tokens_in(&self, art: usize, r: Range<usize>) -> BTreeSet<Tok> {
        let d = &self.annotated[art];
        d.tokens[d.tokens_in(r)].iter().filter_map(|t| token(t, &self.aliases)).collect()
    }

    /// Names in a byte range of an article.
    pub fn names_in(&self, art: usize, r: Range<usize>) -> BTreeSet<Tok> {
        let d = &self.annotated[art];
        d.tokens[d.tokens_in(r)].iter().filter_map(|t| name_of(t, &self.aliases)).collect()
    }

    /// Text of a form used in the story ("" when unknown).
    pub fn form(&self, id: Tok) -> String {
        parallax_annotate::form_text(id).unwrap_or_default()
    }

    /// A name key resolved through the story's aliases.
    pub fn canonical(&self, key: Tok) -> Tok {
        self.aliases.get(&key).copied().unwrap_or(key)
    }

    /// Weight of a token.
    pub fn w(&self, t: &Tok) -> f64 {
        self.weight.get(t).copied().unwrap_or(1.0)
    }

    /// Weighted Dice similarity of two token sets.
    pub fn sim(&self, a: &BTreeSet<Tok>, b: &BTreeSet<Tok>) -> f64 {
        let wa: f64 = a.iter().map(|t| self.w(t)).sum();
        let wb: f64 = b.iter().map(|t| self.w(t)).sum();
        if wa == 0.0 || wb == 0.0 {
            return 0.0;
        }
        let common: f64 = a.intersection(b).map(|t| self.w(t)).sum();
        2.0 * common / (wa + wb)
    }

    /// Overlap similarity: common weight over the smaller set's weight.
    pub fn overlap(&self, a: &BTreeSet<Tok>, b: &BTreeSet<Tok>) -> f64 {
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
