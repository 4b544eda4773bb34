//! Entity mentions (capitalised sequences with titles, roles and gazetteer types) and their
//! merging across a story's reports.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::gazetteer::{Gazetteer, Known};
use super::text;

/// Entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A person.
    Person,
    /// An organisation.
    Organisation,
    /// A place.
    Place,
    /// Not known from the mention alone.
    Unknown,
}

impl Kind {
    /// Report name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Place => "place",
            Kind::Unknown => "unknown",
        }
    }
}

/// One mention of a name in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the whole capitalised sequence (titles included, possessive excluded).
    pub range: Range<usize>,
    /// Byte range of the bare name (no titles or qualifiers).
    pub name_range: Range<usize>,
    /// The surface form (whole sequence).
    pub surface: String,
    /// The bare name.
    pub name: String,
    /// Title before the name ("Mr", "President").
    pub title: Option<String>,
    /// Role phrase before the name ("Kremlin spokesman", "UK defence secretary").
    pub role: Option<String>,
    /// Type guessed from the mention and its context.
    pub kind: Kind,
    /// Whether the type comes from strong evidence (title, role, gazetteer, age...).
    pub strong: bool,
    /// Gazetteer knowledge.
    pub known: Option<Known>,
    /// Followed by a possessive `'s`.
    pub possessive: bool,
    /// Lower-case word just before the mention (a preposition, an article...).
    pub prev_word: Option<String>,
    /// Lower-case word just after the mention.
    pub next_word: Option<String>,
}

const CONNECTORS: &[&str] =
    &["of", "on", "for", "de", "del", "da", "di", "du", "van", "von", "der", "den", "al", "bin", "ibn", "la", "le"];
const ORG_WORDS: &[&str] = &[
    "Panel",
    "Initiative",
    "Program",
    "Programme",
    "Project",
    "Society",
    "Trust",
    "Laboratory",
    "Academy",
    "Ministry",
    "Council",
    "Agency",
    "Party",
    "Bank",
    "University",
    "Institute",
    "Institution",
    "Commission",
    "Committee",
    "Court",
    "Parliament",
    "Army",
    "Navy",
    "Forces",
    "Force",
    "Inc",
    "Corp",
    "Corporation",
    "Ltd",
    "Group",
    "Company",
    "Association",
    "Foundation",
    "Union",
    "Service",
    "Services",
    "Department",
    "Office",
    "Organisation",
    "Organization",
    "Network",
    "Times",
    "Post",
    "News",
    "Press",
    "Media",
    "Club",
    "League",
    "Authority",
    "Board",
    "Guard",
    "Police",
    "Assembly",
    "Cabinet",
    "Government",
    "Administration",
    "Federation",
    "Fund",
    "Bureau",
    "Centre",
    "Center",
    "School",
    "College",
    "Hospital",
    "Church",
    "Journal",
    "Telegraph",
    "Herald",
    "Tribune",
    "Guardian",
    "Independent",
    "Review",
    "Magazine",
    "Channel",
    "Television",
    "Radio",
    "Airlines",
    "Airways",
    "Motors",
    "Systems",
    "Technologies",
    "Holdings",
    "Partners",
    "Brigade",
    "Regiment",
    "Battalion",
    "Navy",
    "Senate",
    "Congress",
    "Chamber",
    "Secretariat",
    "Alliance",
    "Coalition",
    "Movement",
    "Front",
    "Institution",
];
/// Organisation words that are a name alone: newspapers ("the Guardian") and national
/// institutions ("Parliament", "the Navy").
const NAMES_ALONE: &[&str] = &[
    "Guardian",
    "Herald",
    "Independent",
    "Journal",
    "Post",
    "Telegraph",
    "Times",
    "Tribune",
    "Parliament",
    "Congress",
    "Senate",
    "Navy",
    "Army",
    "Cabinet",
];

const PLACE_WORDS: &[&str] = &[
    "Theatre",
    "Theater",
    "Hall",
    "Stadium",
    "Arena",
    "Museum",
    "Cathedral",
    "Hotel",
    "Prison",
    "Mall",
    "Sea",
    "Ocean",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Island",
    "Islands",
    "Bay",
    "Gulf",
    "Valley",
    "Street",
    "Square",
    "Avenue",
    "Road",
    "Region",
    "Province",
    "Oblast",
    "Krai",
    "District",
    "County",
    "State",
    "Peninsula",
    "Strait",
    "Desert",
    "Coast",
    "Airport",
    "Port",
    "Bridge",
    "Plant",
    "Station",
    "Park",
    "Canal",
    "Heights",
];
/// Party affiliations that follow a place in descriptions of a person ("the Ohio Republican").
pub(super) const AFFILIATIONS: &[&str] = &[
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "Democratic",
    "Conservative",
    "Conservatives",
    "Liberal",
    "Liberals",
    "Independent",
    "Socialist",
    "Tory",
    "Tories",
];
/// Abbreviations that open a place's name ("St. Helens", "Mt. Hood", "Ft. Worth"): the name runs
/// on past their full stop, and without an organisation's word it is a place.
const PLACE_ABBREVIATIONS: &[&str] = &["St", "Ste", "Mt", "Ft"];

/// Nouns after a one-word name that make it a place ("the Lewiston area", "the Donetsk region").
const AREA_NOUNS: &[&str] = &["area", "region", "suburbs", "neighborhood", "neighbourhood", "countryside"];

const PLACE_PREPS: &[&str] = &["in", "near", "at", "outside", "into", "across", "around", "toward", "towards", "from"];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn strip_possessive(w: &str) -> (&str, bool) {
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(s) = w.strip_suffix(suf)
            && !s.is_empty()
        {
            return (s, true);
        }
    }
    (w, false)
}

/// Finds the mentions of a text. `lower_vocab` holds the words the text uses in lower case,
/// to tell a sentence-initial common word from a name.
pub fn mentions_doc(doc: &parallax_annotate::Doc) -> Vec<Mention> {
    let all: Vec<std::ops::Range<usize>> = doc.tokens.iter().map(|t| t.range()).collect();
    mentions_in(&doc.text, &all)
}

/// [`mentions_doc`] given the text's word ranges.
fn mentions_in(text: &str, all: &[std::ops::Range<usize>]) -> Vec<Mention> {
    let g = Gazetteer::get();
    let lower_vocab: rustc_hash::FxHashSet<&str> =
        all.iter().map(|r| &text[r.clone()]).filter(|w| w.chars().next().is_some_and(char::is_lowercase)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let w = &text[all[i].clone()];
        if !is_cap(w) {
            i += 1;
            continue;
        }
        // Grow the sequence: capitalised words separated by one space (or ". " after an
        // abbreviated title), with lower-case connectors between capitalised words.
        let mut toks: Vec<Range<usize>> = vec![all[i].clone()];
        let mut j = i + 1;
        let mut possessive = strip_possessive(w).1;
        while !possessive && j < all.len() {
            let prev = toks.last().cloned().unwrap_or(0..0);
            let gap = &text[prev.end..all[j].start];
            let pw = &text[prev.clone()];
            let ok_gap = gap == " "
                || (gap == ". "
                    && (g.honorifics.contains(&format!("{pw}."))
                        || PLACE_ABBREVIATIONS.contains(&pw)
                        || middle_initial(text, &toks, g)));
            if !ok_gap {
                break;
            }
            let wj = &text[all[j].clone()];
            if is_cap(wj) {
                // "Theresa May": a surname that is also a month after a given name.
                let surname = NAME_STOPWORDS.contains(&wj) && g.first_names.contains_key(pw);
                if g.stopwords.contains(wj) && !g.honorifics.contains(wj) && !surname {
                    break;
                }
                toks.push(all[j].clone());
                possessive = strip_possessive(wj).1;
                j += 1;
            } else if CONNECTORS.contains(&wj)
                && j + 1 < all.len()
                && &text[all[j].end..all[j + 1].start] == " "
                && is_cap(&text[all[j + 1].clone()])
                && {
                    // "of/on/for" join institution names ("Bank of England", "Panel on Climate
                    // Change"); particles join personal names ("Charles de Gaulle").
                    let lastw = &text[toks[toks.len() - 1].clone()];
                    if ["of", "on", "for"].contains(&wj) {
                        ORG_WORDS.contains(&lastw) || PLACE_WORDS.contains(&lastw) || g.honorifics.contains(lastw)
                    } else {
                        toks.len() <= 2
                    }
                }
                && !g.stopwords.contains(&text[all[j + 1].clone()])
            {
                toks.push(all[j].clone());
                toks.push(all[j + 1].clone());
                possessive = strip_possessive(&text[all[j + 1].clone()]).1;
                j += 2;
            } else {
                break;
            }
        }
        let first_word_idx = i;
        i = j;
        // Sentence start: a common word capitalised only because it starts the sentence.
        let at_sentence_start = sentence_start(text, toks[0].start);
        // Drop leading stop words and sentence-initial common words.
        while let Some(t) = toks.first() {
            let tw = strip_possessive(&text[t.clone()]).0;
            let lw = tw.to_lowercase();
            let common_initial = t.start == all[first_word_idx].start
                && at_sentence_start
                && lower_vocab.contains(lw.as_str())
                && !g.names.contains_key(tw)
                && !g.honorifics.contains(tw);
            let given = t.start == all[first_word_idx].start
                && !at_sentence_start
                && given_name_stopword(text, &toks, &lower_vocab, g);
            // A role capitalised because it starts the sentence ("Cleric Ann Lee said …").
            let initial_role = t.start == all[first_word_idx].start
                && at_sentence_start
                && toks.len() >= 3
                && g.roles.contains(&lw)
                && title_len(&toks.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), g) == 0;
            if (g.stopwords.contains(tw) && !g.honorifics.contains(tw) && !given)
                || common_initial
                || initial_role
                || CONNECTORS.contains(&tw)
            {
                toks.remove(0);
            } else {
                break;
            }
        }
        while toks.last().is_some_and(|t| CONNECTORS.contains(&&text[t.clone()]))
            || (toks.len() > 2 && toks.last().is_some_and(|t| POSTNOMINALS.contains(&&text[t.clone()])))
        {
            toks.pop();
        }
        if toks.is_empty() {
            continue;
        }
        if let Some(m) = build(text, &toks, possessive, g) {
            out.push(m);
        }
    }
    out
}

/// Whether the last word of a growing name is a middle initial whose full stop does not end the
/// name ("Martin J. Walsh"): one capital letter right after a common given name ("Plan B. Nobody"
/// ends a sentence).
fn middle_initial(text: &str, toks: &[Range<usize>], g: &Gazetteer) -> bool {
    let [.., given, initial] = toks else { return false };
    let w = &text[initial.clone()];
    w.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) && g.given_names.contains(&text[given.clone()])
}

/// Letters after a name that are not part of it ("Ann Lee MP").
const POSTNOMINALS: &[&str] = &["MP", "MEP", "MSP", "QC", "KC", "PhD", "MD"];

/// Given names that are also common capitalised words ("Will", "May", "June").
const NAME_STOPWORDS: &[&str] = &["Will", "May", "June"];

/// Whether a sequence opening with one of [`NAME_STOPWORDS`] mid-sentence is a personal name:
/// exactly one more word, a surname the text never writes in lower case ("said Will Marrow",
/// not "Trump Will Win").
fn given_name_stopword(
    text: &str,
    toks: &[Range<usize>],
    lower_vocab: &rustc_hash::FxHashSet<&str>,
    g: &Gazetteer,
) -> bool {
    let [first, second] = toks else { return false };
    let (w0, w1) = (&text[first.clone()], strip_possessive(&text[second.clone()]).0);
    let lw1 = w1.to_lowercase();
    NAME_STOPWORDS.contains(&w0)
        && !g.stopwords.contains(w1)
        && !g.names.contains_key(w1)
        && !lower_vocab.contains(lw1.as_str())
        && !g.verbs.contains_key(&lw1)
        && w1.chars().all(char::is_alphabetic)
}

fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c == ' ' || "\"“‘'([«".contains(c));
    match before.chars().next_back() {
        None => true,
        Some(c) => {
            c == '\n'
                || (matches!(c, '.' | '!' | '?' | ':' | '…' | '”' | '"')
                    && !text::is_abbreviation(&before[..before.len() - c.len_utf8()]))
        }
    }
}

/// Whether the words around a platform's name show it used as a medium: after a preposition of
/// the medium ("on", "via", "to"), or before the noun of a post ("video", "account", "page").
fn platform_used(prev: Option<&str>, next: Option<&str>) -> bool {
    const MEDIUM: &[&str] = &["on", "via", "to", "onto", "through", "across", "from", "On", "Via"];
    const POST: &[&str] = &[
        "post",
        "posts",
        "page",
        "pages",
        "account",
        "accounts",
        "video",
        "videos",
        "channel",
        "profile",
        "feed",
        "live",
        "message",
        "messages",
        "story",
        "stories",
        "photo",
        "photos",
        "clip",
        "clips",
        "ad",
        "ads",
        "stream",
        "user",
        "users",
        "followers",
        "link",
        "statement",
        "update",
        "thread",
        "comment",
        "comments",
    ];
    prev.is_some_and(|w| MEDIUM.contains(&w)) || next.is_some_and(|w| POST.contains(&w.to_lowercase().as_str()))
}

fn word_before(text: &str, at: usize) -> Option<String> {
    let before = &text[..at];
    let t = before.trim_end_matches(' ');
    if t.len() == before.len() && !before.is_empty() && !before.ends_with(['(', '"', '“']) {
        // no space: a hyphen compound or punctuation
    }
    let w: String = t
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if w.is_empty() { None } else { Some(w.to_lowercase()) }
}

/// First words of a phrase after a name's comma that make it something other than the name's
/// role ("formerly the director", "his brother", "another spokesman", "like this writer").
const NOT_APPOSITIVE: &[&str] = &[
    "formerly", "now", "also", "another", "like", "his", "her", "their", "its", "my", "our", "your", "this", "that",
    "then", "once", "not",
];

/// Words that end an appositive phrase before its role noun could ("a friend of", "who").
const APPOSITIVE_STOPS: &[&str] = &["of", "who", "at", "for", "and", "in", "with", "from", "to", "on", "said", "says"];

/// The role an appositive right after a name gives it ("Ann Lee, a tree historian," → "tree
/// historian"; "Ann Lee, deputy police chief." → "deputy police chief"): up to four words after
/// ", ", a determiner first, the last one a role noun, ending at punctuation or a function word.
/// With whether it is indefinite ("a forklift driver" says what she does, not an office).
fn role_after(text: &str, end: usize, g: &Gazetteer) -> Option<(String, bool)> {
    let rest = text[end..].strip_prefix(", ")?;
    let mut words: Vec<&str> = Vec::new();
    for w in rest.split(' ').take(6) {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        if APPOSITIVE_STOPS.contains(&bare) || bare.is_empty() || !bare.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        }
        words.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    let article = words.first().map(|w| w.to_lowercase()).filter(|w| ["a", "an", "the"].contains(&w.as_str()));
    let indefinite = article.as_deref().is_some_and(|a| a != "the");
    if article.is_some() {
        words.remove(0);
    }
    let last = words.last()?;
    let plain = words.first().is_some_and(|w| !NOT_APPOSITIVE.contains(&w.to_lowercase().as_str()));
    (plain && words.len() <= 4 && last.starts_with(char::is_lowercase) && g.roles.contains(*last))
        .then(|| (words.join(" "), indefinite))
}

fn word_after(text: &str, at: usize) -> Option<String> {
    let t = text[at..].trim_start_matches(' ');
    let w: String = t.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
    if w.is_empty() { None } else { Some(w.to_lowercase()) }
}

/// A role phrase without the punctuation that closed its clause ("father," → "father",
/// "officer,\"" → "officer", "head." → "head"), keeping the point of an abbreviated title
/// ("Rep.", "Sgt.").
fn clean_role(role: &str, g: &Gazetteer) -> String {
    let r = role.trim_end_matches([',', ';', ':', '"', '”', '’', '\'', ')', ' ']);
    let last = r.rsplit(' ').next().unwrap_or(r);
    let abbreviation = g.honorifics.contains(last);
    let r = if abbreviation { r } else { r.trim_end_matches('.') };
    r.trim_start_matches(['(', '"', '“', ' ']).to_string()
}

/// The lower-case role phrase just before `at` ("spokesman", "defence secretary"), with a
/// capitalised qualifier before it ("Kremlin spokesman", "UK defence secretary").
fn role_before(text: &str, at: usize, g: &Gazetteer) -> Option<String> {
    let mut from = at.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    if !before.ends_with(' ') {
        return None;
    }
    let ws: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
    let n = ws.len();
    // Longest role phrase of 1-3 lower-case words ending right before the name.
    let mut best = None;
    for k in 1..=3.min(n) {
        let phrase = ws[n - k..].join(" ").to_lowercase();
        let phrase = phrase.trim_matches(|c: char| !c.is_alphanumeric() && c != ' ' && c != '-').to_string();
        if ws[n - k..].iter().all(|w| !is_cap(w)) && g.roles.contains(&phrase) {
            best = Some(k);
        }
        // "defence secretary": modifier + role
        if k >= 2
            && ws[n - k..].iter().all(|w| !is_cap(w))
            && g.roles.contains(&ws[n - 1].to_lowercase())
            && ws[n - k..n - 1].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
        {
            best = best.or(Some(k));
        }
    }
    let k = best?;
    // Extend with capitalised qualifiers ("Kremlin", "UK", "Russian state TV").
    let mut start = n - k;
    while start > 0
        && is_cap(ws[start - 1])
        && (ws[start - 1].chars().all(char::is_alphabetic)
            || (ws[start - 1].ends_with('.') && ws[start - 1].matches('.').count() > 1 && ws[start - 1].len() <= 6))
        && !g.stopwords.contains(ws[start - 1])
    {
        start -= 1;
    }
    Some(clean_role(&ws[start..].join(" "), g)).filter(|r| !r.is_empty())
}

fn build(text: &str, toks: &[Range<usize>], possessive: bool, g: &Gazetteer) -> Option<Mention> {
    let start = toks[0].start;
    let last = toks.last()?.clone();
    let (last_word, _) = strip_possessive(&text[last.clone()]);
    let end = last.start + last_word.len();
    // Hyphen compounds ("Kyiv-proposed", "U-turns"): keep the part before a lower-case tail.
    let (end, single_hyphen) = {
        let lw = &text[last.start..end];
        match lw.find('-') {
            Some(h) if lw[h + 1..].chars().next().is_some_and(char::is_lowercase) => (last.start + h, true),
            _ => (end, false),
        }
    };
    let _ = single_hyphen;
    let words: Vec<&str> = {
        let mut v: Vec<&str> = toks.iter().map(|t| &text[t.clone()]).collect();
        if let Some(l) = v.last_mut() {
            *l = &text[last.start..end];
        }
        v
    };
    // "Gregory Lee Jr.": a generational suffix keeps its point.
    let end =
        if ["Jr", "Sr"].contains(words.last().unwrap_or(&"")) && text[end..].starts_with('.') { end + 1 } else { end };
    let surface = text[start..end].to_string();
    if surface.chars().count() < 2 {
        return None;
    }
    let mut kind = Kind::Unknown;
    let mut strong = false;
    let mut known = g.names.get(surface.as_str()).cloned();
    // Qualifiers: a leading demonym or country, then titles.
    let mut k = 0;
    let mut title: Option<String> = None;
    if known.is_none() && words.len() > 1 && hyphenated_modifier(words[0]) {
        // "Moscow-backed President …", "Now-retired Gen. …", "Oscar-nominee Lee".
        k = 1;
    }
    if known.is_none()
        && words.len() > k + 1
        && (g.demonyms.contains_key(words[k]) || matches!(g.names.get(words[k]), Some(Known::Country(_))))
    {
        // Only a qualifier when a title follows ("Russian President ...").
        if title_len(&words[k + 1..], g) > 0 {
            k += 1;
        }
    }
    let tl = if known.is_none() { title_len(&words[k..], g) } else { 0 };
    if tl > 0 {
        title = Some(words[k..k + tl].join(" "));
        k += tl;
    }
    if k >= words.len() {
        return None;
    }
    let name_start = toks[k].start;
    let name = text[name_start..end].to_string();
    let name_words = &words[k..];
    if title.is_some() {
        kind = Kind::Person;
        strong = true;
        known = None;
    } else if known.is_none() {
        known = g.names.get(name.as_str()).cloned();
    }
    // A one-word town name as the subject of a reporting verb is a person ("Madison said").
    let speaks = || {
        let before = word_before(text, start);
        if before.as_deref().is_some_and(|p| PLACE_PREPS.contains(&p) || p == "of") {
            return false;
        }
        next_word_is_verb(text, end, g)
            || (before.is_some_and(|w| g.verbs.contains_key(&w)) && {
                let after = text[end..].trim_start();
                after.starts_with(['.', ',']) || after.is_empty()
            })
    };
    if kind == Kind::Unknown && name_words.len() == 1 && matches!(known, Some(Known::City(_))) && speaks() {
        known = None;
        kind = Kind::Person;
    }
    if kind == Kind::Unknown {
        match &known {
            Some(Known::Country(_) | Known::Capital(..) | Known::City(_)) => {
                kind = Kind::Place;
                strong = true;
            }
            Some(Known::Organisation(_) | Known::Agency(_)) => {
                kind = Kind::Organisation;
                strong = true;
            }
            None => {}
        }
    }
    // Demonyms alone are adjectives, not entities.
    if kind == Kind::Unknown && name_words.len() == 1 && g.demonyms.contains_key(name_words[0]) {
        return None;
    }
    // A party affiliation, alone or after a place, describes someone ("the Ohio Republican");
    // it is not a name.
    if kind == Kind::Unknown && name_words.last().is_some_and(|w| AFFILIATIONS.contains(w)) {
        return None;
    }
    if kind == Kind::Unknown && name_words.iter().all(|w| g.stopwords.contains(*w)) {
        return None;
    }
    let prev_word = word_before(text, start);
    let next_word = word_after(text, end + if possessive { text[end..].find(' ').unwrap_or(0) } else { 0 });
    if g.platforms.contains_key(name.as_str()) && known.is_none() {
        // A platform used ("on LinkedIn", "a YouTube video") is no entity; a platform that acts
        // or is acted on ("LinkedIn said", "the LinkedIn breach", "LinkedIn's users") is the
        // company.
        if !possessive && platform_used(prev_word.as_deref(), next_word.as_deref()) {
            return None;
        }
        kind = Kind::Organisation;
        strong = true;
    }
    // The role before the name, else an appositive office after it; an appositive of either
    // kind is evidence of a person's name (of two words or more).
    let (before, appositive) = if kind != Kind::Place && kind != Kind::Organisation {
        (role_before(text, start, g), role_after(text, end, g))
    } else {
        (None, None)
    };
    let role_precedes = before.is_some();
    let described = appositive.is_some() && name_words.len() >= 2;
    let mut role = before.or_else(|| appositive.filter(|(_, indefinite)| !indefinite).map(|(r, _)| r));
    // A title that is a function ("Russian President", "Finance Minister") is a role too;
    // courtesy titles are not.
    if role.is_none()
        && let Some(t) = &title
        && !["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady"]
            .contains(&t.as_str())
    {
        role = Some(text[start..name_start].trim_end().to_string());
    }
    if kind == Kind::Unknown {
        if name_words.len() == 1 && ORG_WORDS.contains(&name_words[0]) && !NAMES_ALONE.contains(&name_words[0]) {
            // An organisation's word alone names none ("Police searched …", "the Ministry").
            return None;
        }
        if name_words.iter().any(|w| ORG_WORDS.contains(w)) || (name_words.len() == 1 && is_acronym(name_words[0])) {
            kind = Kind::Organisation;
            strong = name_words.len() > 1;
        } else if name_words.len() > 1
            && (name_words.iter().any(|w| PLACE_WORDS.contains(w)) || PLACE_ABBREVIATIONS.contains(&name_words[0]))
        {
            kind = Kind::Place;
            strong = true;
        } else if name_words.len() > 1
            && (g.demonyms.contains_key(name_words[0]) || g.demonyms.contains_key(name_words[name_words.len() - 1]))
        {
            return None;
        } else if described
            || (role.is_some() && (name_words.len() >= 2 || role_precedes))
            || age_follows(text, end)
            || (age_before(text, start) && !noun_follows(next_word.as_deref(), g))
            || who_follows(text, end)
            || (name_words.len() >= 2
                && (prev_word.as_deref().is_some_and(|w| g.verbs.contains_key(w))
                    || next_word.as_deref().is_some_and(|w| g.verbs.contains_key(w))))
        {
            kind = Kind::Person;
            strong = true;
        } else if name_words.len() >= 2 && name_words.len() <= 4 && name_words.iter().all(|w| looks_like_name_word(w)) {
            // A name with an article before it names a thing, not a person ("the Lakeside
            // Herald", "according to the Orchard Gazette", "told A Morning Show").
            let after_article = prev_word.as_deref().is_some_and(|w| ["the", "a", "an"].contains(&w));
            // A common given name first ("Kevin Marsh") is strong evidence of a person; not when
            // the given name is also a place ("Virginia Tech") or the last word a verb (a
            // headline: "Ann Lee Proposes").
            let given_name = g.given_names.contains(name_words[0])
                && !g.names.contains_key(name_words[0])
                && !name_words.last().is_some_and(|w| g.verbs.contains_key(&w.to_lowercase()));
            // Before a noun, a person's name is a modifier ("the Ann Lee comic book series",
            // "the Ann Lee campaign"): still a person's when it starts with a given name.
            let modifier = after_article && given_name && noun_follows(next_word.as_deref(), g);
            kind = if after_article && !modifier { Kind::Organisation } else { Kind::Person };
            strong = given_name && !after_article;
        } else if name_words.len() == 1
            && ((prev_word.as_deref().is_some_and(|p| PLACE_PREPS.contains(&p) || p == "of")
                && preceded_by_place_noun_or_prep(text, start))
                || (!possessive
                    && prev_word.as_deref() == Some("the")
                    && next_word.as_deref().is_some_and(|w| AREA_NOUNS.contains(&w))))
        {
            kind = Kind::Place;
        } else if name_words.len() == 1
            && !possessive
            && next_word.as_deref().is_some_and(|w| COMPANY_NOUNS.contains(&w))
            && !prev_word.as_deref().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        {
            kind = Kind::Organisation;
        }
    }
    Some(Mention {
        range: start..end,
        name_range: name_start..end,
        surface,
        name,
        title,
        role,
        kind,
        strong,
        known,
        possessive,
        prev_word,
        next_word,
    })
}

/// Whether the word right after `end` (one space away) is a reporting verb.
fn next_word_is_verb(text: &str, end: usize, g: &Gazetteer) -> bool {
    text[end..].starts_with(' ') && word_after(text, end).is_some_and(|w| g.verbs.contains_key(&w))
}

fn preceded_by_place_noun_or_prep(text: &str, at: usize) -> bool {
    // Only the last few words matter: lower-case a short tail, not the whole text before.
    let before = text[..at].trim_end();
    let from = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    let before = before[from..].to_lowercase();
    ["city of", "town of", "village of", "region of", "province of", "port of"].iter().any(|p| before.ends_with(p))
        || before.ends_with(" in")
        || before.ends_with(" near")
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase())
}

fn looks_like_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && cs.any(char::is_lowercase)
        && !w.chars().any(|c| c.is_ascii_digit())
}

fn age_follows(text: &str, end: usize) -> bool {
    let t = &text[end..];
    let Some(r) = t.strip_prefix(", ") else { return false };
    let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
    !digits.is_empty() && digits.len() <= 3 && r[digits.len()..].starts_with(',')
}

/// Words after a capitalised word that leave it a name rather than a noun's modifier ("the
/// 18-year-old Hanford woman"): function words and reporting verbs.
const AFTER_NAME: &[&str] = &[
    "was", "is", "had", "has", "who", "whose", "and", "or", "but", "on", "in", "at", "of", "with", "while", "when",
    "after", "before", "from", "for", "to", "as", "died", "would", "will",
];

/// Nouns only a company or an organisation has, modified by a one-word name ("Zentra users",
/// "Zentra shareholders", "the Zentra website"): the name is the organisation's. Not after a
/// possessive ("Ann's website" is hers) nor nouns a person has too ("rep", "staff").
const COMPANY_NOUNS: &[&str] = &[
    "users",
    "customers",
    "subscribers",
    "shareholders",
    "stockholders",
    "employees",
    "staffers",
    "shares",
    "stock",
    "headquarters",
    "subsidiary",
    "executives",
    "ceo",
    "app",
    "website",
    "servers",
];

/// Whether the word after a name (lower case) is a noun the name modifies.
fn noun_follows(next: Option<&str>, g: &Gazetteer) -> bool {
    next.is_some_and(|w| w.starts_with(char::is_lowercase) && !AFTER_NAME.contains(&w) && !g.verbs.contains_key(w))
}

/// Whether a mention is a modifier of the noun after it ("the Ann Lee comic book series", "a
/// Springfield school"): an article before it and a noun after it.
pub(crate) fn is_modifier(m: &Mention, g: &Gazetteer) -> bool {
    m.prev_word.as_deref().is_some_and(|w| ["the", "a", "an"].contains(&w)) && noun_follows(m.next_word.as_deref(), g)
}

/// Whether an age stands right before a name ("12-year-old Ann Lee").
fn age_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    before.ends_with("year-old") && before[..before.len() - 8].ends_with(|c: char| c.is_ascii_digit() || c == '-')
}

fn who_follows(text: &str, end: usize) -> bool {
    text[end..].starts_with(", who ")
}

/// Number of leading words that form a title ("Prime Minister", "Mr", "President"), with
/// capitalised modifiers before the title word ("Finance Minister", "Deputy Foreign Minister").
fn title_len(words: &[&str], g: &Gazetteer) -> usize {
    let mut best = 0;
    for k in 1..=5.min(words.len()) {
        let phrase = words[..k].join(" ");
        let last = words[k - 1].trim_end_matches('.');
        // Qualifiers before the title word: "Finance", "Republican South Carolina", "U.S.".
        let qualifiers_ok = words[..k - 1]
            .iter()
            .all(|w| (w.chars().all(char::is_alphabetic) || is_dotted_abbreviation(w)) && !g.stopwords.contains(*w));
        let is_title = g.honorifics.contains(&phrase)
            || g.honorifics.contains(phrase.trim_end_matches('.'))
            || g.honorifics.contains(&format!("{phrase}."))
            || ((2..=5).contains(&k)
                && ((g.honorifics.contains(last) || g.roles.contains(&last.to_lowercase())) && last.len() > 3
                    || g.honorifics.contains(&format!("{last}.")))
                && qualifiers_ok);
        if is_title {
            best = k;
        }
    }
    if best == 0 {
        best = title_before_given_name(words, g);
    }
    // A title must be followed by a name.
    if best >= words.len() { 0 } else { best }
}

/// A capitalised title of any wording before a given name and a surname: "Dunmore County
/// Registrar Helen Quarry" (title "Dunmore County Registrar"). Not inside a name that opens
/// with a given name ("Mary Ann Vell"), nor before a place ("Virginia").
fn title_before_given_name(words: &[&str], g: &Gazetteer) -> usize {
    let n = words.len();
    let given = |w: &str| g.first_names.contains_key(w) && !g.names.contains_key(w);
    let Some(p) = (n.saturating_sub(3)..n.saturating_sub(1)).find(|&p| p >= 2 && given(words[p])) else {
        return 0;
    };
    let rest_ok = match &words[p + 1..] {
        [surname] => surname.chars().all(char::is_alphabetic),
        [initial, surname] => is_initial(initial) && surname.chars().all(char::is_alphabetic),
        _ => false,
    };
    let title_ok =
        words[..p].iter().all(|w| w.chars().all(char::is_alphabetic) && !given(w) && !g.stopwords.contains(*w));
    if rest_ok && title_ok { p } else { 0 }
}

/// A capitalised compound that describes whoever follows ("Moscow-backed", "Now-retired",
/// "Oscar-nominee", "Pres-elect"): its part after the hyphen is a word of description, not of a
/// name ("Ben-ami", "Latter-day" are names).
fn hyphenated_modifier(w: &str) -> bool {
    const TAILS: &[&str] = &[
        "backed",
        "born",
        "based",
        "retired",
        "elect",
        "nominee",
        "nominated",
        "winning",
        "winner",
        "led",
        "owned",
        "funded",
        "appointed",
        "turned",
        "designate",
        "bound",
        "trained",
        "educated",
    ];
    w.split_once('-').is_some_and(|(head, tail)| head.starts_with(char::is_uppercase) && TAILS.contains(&tail))
}

/// "F." in "John F. Kennedy".
fn is_initial(w: &str) -> bool {
    w.len() == 2 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.ends_with('.')
}

/// "U.S.", "N.Y." (dotted capitals).
fn is_dotted_abbreviation(w: &str) -> bool {
    w.len() <= 6 && w.ends_with('.') && w.chars().all(|c| c == '.' || c.is_ascii_uppercase())
}

// ---------------------------------------------------------------------------
// Story-level merging.

/// Article index and mention index.
pub type MentionRef = (usize, usize);

/// An entity merged across a story's articles.
#[derive(Debug, Clone)]
pub struct StoryEntity {
    /// Canonical name.
    pub name: String,
    /// Type.
    pub kind: Kind,
    /// Surface forms with counts.
    pub forms: BTreeMap<String, usize>,
    /// Role phrases with counts.
    pub roles: BTreeMap<String, usize>,
    /// Mentions per article index.
    pub mentions: BTreeMap<usize, usize>,
    /// For persons: the surname key.
    pub surname_key: Option<String>,
}

/// The merged entities of a story and which entity each mention belongs to.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Entities.
    pub entities: Vec<StoryEntity>,
    /// `of[article][mention] = Some(entity index)`.
    pub of: Vec<Vec<Option<usize>>>,
}

/// A key for transliteration variants: lower-case ASCII, doubled letters collapsed,
/// `-iy`/`-yy`/`-yi`/`-ii`/`-ij` endings as `-y`.
pub fn name_key(w: &str) -> String {
    let mut s: String = w
        .chars()
        .filter_map(|c| {
            let c = fold_diacritic(c).to_ascii_lowercase();
            c.is_ascii_alphanumeric().then_some(c)
        })
        .collect();
    // Cyrillic ю and я romanised two ways ("Yatsenyuk"/"Yatseniuk", "Ilya"/"Ilia").
    if s.contains("iu") || s.contains("ia") {
        s = s.replace("iu", "yu").replace("ia", "ya");
    }
    for (from, to) in [("iy", "y"), ("yy", "y"), ("yi", "y"), ("ii", "y"), ("ij", "y")] {
        if s.ends_with(from) && s.len() > 4 {
            s.truncate(s.len() - from.len());
            s.push_str(to);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

fn fold_diacritic(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ç' | 'č' | 'ć' => 'c',
        'ñ' | 'ń' => 'n',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ý' | 'ÿ' => 'y',
        'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'É' | 'È' => 'e',
        'Ó' | 'Ö' => 'o',
        'Š' => 's',
        'Ž' => 'z',
        'Č' => 'c',
        c => c,
    }
}

/// Whether a name word's key is a generational suffix ("Jr.", "III"), which is not a surname.
fn generational(key: &str) -> bool {
    ["jr", "sr", "ii", "iii", "iv"].contains(&key)
}

/// The surname of a full name: its last word before any generational suffix ("Lee" of "Ann
/// Lee Jr.").
pub(crate) fn surname(name: &str) -> Option<&str> {
    name.split(' ').rev().find(|w| !generational(&name_key(w)))
}

/// Key of a full name: each word's [`name_key`], a short given name as its formal name
/// ("Jim Lee" and "James Lee" share a key).
fn person_key(name: &str) -> Vec<String> {
    let initial = |w: &&str| w.trim_end_matches('.').chars().count() == 1;
    let mut key: Vec<String> =
        name.split(' ').filter(|w| !CONNECTORS.contains(w) && !initial(w)).map(name_key).collect();
    if key.len() >= 2
        && let Some(formal) = Gazetteer::get().nicknames.get(&key[0])
    {
        key[0] = name_key(formal);
    }
    key
}

/// The one longer full name that ends with `key` ("Fransiskus Bambang Soelistyo" for "Bambang
/// Soelistyo") or adds middle names to it ("Ann Marie Lee" for "Ann Lee"): a
/// shorter form of the same person. `None` when no or several names fit.
fn fuller_name(evidence: &BTreeMap<Vec<String>, (bool, usize)>, key: &[String]) -> Option<Vec<String>> {
    let middle = |k: &Vec<String>| key.len() >= 2 && k.first() == key.first() && k.ends_with(&key[1..]);
    let mut fits = evidence.keys().filter(|k| k.len() > key.len() && (k.ends_with(key) || middle(k)));
    let one = fits.next()?;
    fits.next().is_none().then(|| one.clone())
}

/// First name → the person entity, for first names that exactly one person of the story has
/// (persons named with strong evidence: a title, a role, an age, a reporting verb).
fn first_names(
    person_by_key: &BTreeMap<Vec<String>, usize>,
    evidence: &BTreeMap<Vec<String>, (bool, usize)>,
) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (key, &idx) in person_by_key {
        let strong = evidence.get(key).is_some_and(|e| e.0);
        if let Some(first) = key.first().filter(|_| key.len() >= 2 && strong) {
            seen.entry(first.clone()).or_default().insert(idx);
        }
    }
    seen.into_iter().filter(|(_, e)| e.len() == 1).map(|(f, e)| (f, *e.iter().next().expect("one"))).collect()
}

/// Merges the mentions of a story's articles into entities.
pub fn resolve(texts: &[&str], mentions: &[Vec<Mention>]) -> Resolution {
    let g = Gazetteer::get();
    let mut res = Resolution { entities: Vec::new(), of: mentions.iter().map(|m| vec![None; m.len()]).collect() };
    // 1. Persons with full names (2+ name words).
    let mut person_by_key: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut evidence: BTreeMap<Vec<String>, (bool, usize)> = BTreeMap::new();
    for ms in mentions {
        for m in ms {
            if m.kind == Kind::Person && m.name.contains(' ') {
                let e = evidence.entry(person_key(&m.name)).or_default();
                e.0 |= m.strong;
                e.1 += 1;
            }
        }
    }
    // Surnames of strongly evidenced single-name persons ("Mr Healey").
    let single_titled: BTreeSet<String> = mentions
        .iter()
        .flatten()
        .filter(|m| m.kind == Kind::Person && m.title.is_some() && !m.name.contains(' '))
        .map(|m| name_key(&m.name))
        .collect();
    let single_names: BTreeSet<String> = mentions
        .iter()
        .flatten()
        .filter(|o| !o.name.contains(' ') && o.kind != Kind::Place)
        .map(|o| name_key(&o.name))
        .collect();
    // Given names used alone with evidence of a person ("13-year-old Tamir").
    let single_people: BTreeSet<String> = mentions
        .iter()
        .flatten()
        .filter(|o| !o.name.contains(' ') && o.kind == Kind::Person && o.strong)
        .map(|o| name_key(&o.name))
        .collect();
    for (a, ms) in mentions.iter().enumerate() {
        for (k, m) in ms.iter().enumerate() {
            if m.kind != Kind::Person || !m.name.contains(' ') {
                continue;
            }
            let key = person_key(&m.name);
            let (strong, _) = evidence[&key];
            // A weak two-word guess is kept when its surname or given name is used alone too
            // ("Tamir Rice" … "Tamir").
            let surname_used = key.last().is_some_and(|s| single_titled.contains(s) || single_names.contains(s));
            let given_used = key.len() == 2
                && single_people.contains(&key[0])
                && !evidence.keys().any(|k| k.len() >= 2 && k.last() == Some(&key[0]));
            if !strong && !surname_used && !given_used {
                continue;
            }
            let key = fuller_name(&evidence, &key).unwrap_or(key);
            let idx = *person_by_key.entry(key.clone()).or_insert_with(|| {
                res.entities.push(StoryEntity {
                    name: m.name.clone(),
                    kind: Kind::Person,
                    forms: BTreeMap::new(),
                    roles: BTreeMap::new(),
                    mentions: BTreeMap::new(),
                    surname_key: key.iter().rev().find(|k| !generational(k)).cloned(),
                });
                res.entities.len() - 1
            });
            res.of[a][k] = Some(idx);
        }
    }
    let by_first = first_names(&person_by_key, &evidence);
    // Surname → persons.
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in res.entities.iter().enumerate() {
        if let Some(s) = &e.surname_key {
            by_surname.entry(s.clone()).or_default().push(i);
        }
    }
    // 2. Single-word person references: to the person with that surname, preferring one named
    //    in full earlier in the same article.
    for (a, ms) in mentions.iter().enumerate() {
        for (k, m) in ms.iter().enumerate() {
            if res.of[a][k].is_some() || m.name.contains(' ') {
                continue;
            }
            // A town's name that is the surname of someone named in full is that person, unless
            // it is used as a place ("Warren said" after "Ann Warren"; not "in Warren").
            let town_surname = matches!(m.known, Some(Known::City(_)))
                && by_surname.contains_key(&name_key(&m.name))
                && !is_locative(texts[a], m)
                && !m.prev_word.as_deref().is_some_and(|p| PLACE_PREPS.contains(&p));
            if matches!(m.kind, Kind::Place | Kind::Organisation) && m.strong && !town_surname {
                continue;
            }
            let key = name_key(&m.name);
            // A first name alone ("Chris") for the one person of the story who has it, when it
            // is nobody's surname.
            let may_be_person = m.kind == Kind::Person || (m.kind == Kind::Unknown && m.known.is_none());
            let formal = g.nicknames.get(&key).map(|f| name_key(f));
            let first = by_first.get(formal.as_ref().unwrap_or(&key));
            if let (true, None, Some(&idx)) = (may_be_person, by_surname.get(&key), first) {
                res.of[a][k] = Some(idx);
                continue;
            }
            let Some(cands) = by_surname.get(&key) else {
                if m.kind == Kind::Person && m.strong {
                    let idx = res.entities.len();
                    res.entities.push(StoryEntity {
                        name: m.name.clone(),
                        kind: Kind::Person,
                        forms: BTreeMap::new(),
                        roles: BTreeMap::new(),
                        mentions: BTreeMap::new(),
                        surname_key: Some(key.clone()),
                    });
                    by_surname.insert(key, vec![idx]);
                    res.of[a][k] = Some(idx);
                }
                continue;
            };
            let pick = if cands.len() == 1 {
                Some(cands[0])
            } else {
                // The last full mention before it in the same article.
                (k.saturating_sub(200)..k).rev().find_map(|j| res.of[a][j].filter(|e| cands.contains(e)))
            };
            res.of[a][k] = pick;
        }
    }
    // 3. Places and organisations by gazetteer canonical name or surface.
    let mut by_canon: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    let mut capitals: BTreeMap<String, (String, Vec<MentionRef>)> = BTreeMap::new();
    for (a, ms) in mentions.iter().enumerate() {
        for (k, m) in ms.iter().enumerate() {
            if res.of[a][k].is_some() || !matches!(m.kind, Kind::Place | Kind::Organisation) {
                continue;
            }
            let canon = match &m.known {
                Some(Known::Country(c) | Known::Organisation(c) | Known::Agency(c)) => c.clone(),
                Some(Known::Capital(cap, country)) => {
                    capitals.entry(cap.clone()).or_insert_with(|| (country.clone(), Vec::new())).1.push((a, k));
                    cap.clone()
                }
                Some(Known::City(c)) => c.clone(),
                None => {
                    if !m.strong && m.kind == Kind::Organisation && m.name.chars().count() < 2 {
                        continue;
                    }
                    m.name.clone()
                }
            };
            let idx = *by_canon.entry((m.kind, canon.clone())).or_insert_with(|| {
                res.entities.push(StoryEntity {
                    name: canon.clone(),
                    kind: m.kind,
                    forms: BTreeMap::new(),
                    roles: BTreeMap::new(),
                    mentions: BTreeMap::new(),
                    surname_key: None,
                });
                res.entities.len() - 1
            });
            res.of[a][k] = Some(idx);
        }
    }
    // 4. Capitals standing for their country, when the country is in the story too.
    for (cap, (country, refs)) in &capitals {
        let Some(&country_idx) = by_canon.get(&(Kind::Place, country.clone())) else { continue };
        // Used for the government ("Moscow said", "pressure on Moscow") rather than as a
        // location ("talks in London", "the Paris meeting") in most mentions.
        let locative = refs.iter().filter(|&&(a, k)| is_locative(texts[a], &mentions[a][k])).count();
        if (refs.len() - locative) * 2 > refs.len() {
            let cap_idx = by_canon[&(Kind::Place, cap.clone())];
            for &(a, k) in refs {
                res.of[a][k] = Some(country_idx);
            }
            res.entities[cap_idx].kind = Kind::Unknown; // emptied below
        }
    }
    // 5. Forms, roles, mention counts; canonical names.
    for (a, ms) in mentions.iter().enumerate() {
        for (k, m) in ms.iter().enumerate() {
            if let Some(e) = res.of[a][k] {
                let e = &mut res.entities[e];
                *e.forms.entry(m.surface.clone()).or_default() += 1;
                if m.name != m.surface {
                    *e.forms.entry(m.name.clone()).or_default() += 1;
                }
                if let Some(r) = &m.role {
                    *e.roles.entry(r.clone()).or_default() += 1;
                }
                *e.mentions.entry(a).or_default() += 1;
            }
        }
    }
    for e in &mut res.entities {
        if e.kind == Kind::Person {
            // The most frequent full (2+ word, untitled) form; ties: longer, then alphabetical.
            let best = e
                .forms
                .iter()
                .filter(|(f, _)| f.contains(' ') && !starts_with_title(f, g))
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.len().cmp(&x.0.len()).reverse()).then(y.0.cmp(x.0)));
            if let Some((f, _)) = best {
                e.name = f.clone();
            }
        } else if e.kind == Kind::Place && !matches!(g.names.get(e.name.as_str()), Some(Known::Country(_))) {
            // Cities: the form the story uses most.
            if let Some((f, _)) = e.forms.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))) {
                e.name = f.clone();
            }
        }
    }
    res
}

fn starts_with_title(f: &str, g: &Gazetteer) -> bool {
    let ws: Vec<&str> = f.split(' ').collect();
    hyphenated_modifier(ws[0])
        || title_len(&ws, g) > 0
        || g.demonyms.contains_key(ws[0])
        || matches!(g.names.get(ws[0]), Some(Known::Country(_)))
}

fn is_locative(text: &str, m: &Mention) -> bool {
    let prev = m.prev_word.as_deref().unwrap_or("");
    let next = m.next_word.as_deref().unwrap_or("");
    let attached = !text[..m.range.start].ends_with(' ');
    (["in", "at", "to", "near", "into", "outside", "around", "across", "of", "visit", "visited"].contains(&prev)
        && !attached)
        || ["talks", "meeting", "meetings", "summit", "conference", "talk", "visit", "office", "embassy"]
            .contains(&next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(t: &str) -> Vec<Mention> {
        mentions_doc(&parallax_annotate::Doc::of_text(t))
    }

    fn names(t: &str) -> Vec<(String, &'static str)> {
        mentions(t).into_iter().map(|m| (m.surface, m.kind.as_str())).collect()
    }

    #[test]
    fn titles_roles_and_places() {
        let t = "French President Jean Dupont met UK defence secretary John Healey in London. Mr Dupont's aide spoke.";
        let ms = mentions(t);
        let v: Vec<(&str, &str, Option<&str>)> =
            ms.iter().map(|m| (m.name.as_str(), m.kind.as_str(), m.role.as_deref())).collect();
        assert_eq!(
            v,
            [
                ("Jean Dupont", "person", Some("French President")),
                ("UK", "place", None),
                ("John Healey", "person", Some("UK defence secretary")),
                ("London", "place", None),
                ("Dupont", "person", None),
            ]
        );
        assert!(ms[4].possessive);
        assert_eq!(names("In Kharkiv, on Monday.")[0], ("Kharkiv".to_string(), "place"));
    }

    #[test]
    fn roles_lose_the_punctuation_of_their_clause_not_of_an_abbreviation() {
        for (raw, shown) in [
            ("father,", "father"),
            ("attorney:", "attorney"),
            ("head.", "head"),
            ("officer,\"", "officer"),
            ("California Rep.", "California Rep."),
            ("Sgt.", "Sgt."),
            ("deputy police chief", "deputy police chief"),
        ] {
            assert_eq!(clean_role(raw, Gazetteer::get()), shown, "{raw}");
        }
    }

    #[test]
    fn a_platform_that_acts_is_the_company_a_platform_used_is_no_entity() {
        let acts = names("LinkedIn said the stolen passwords were old. A hacker sold LinkedIn's data.");
        assert_eq!(acts, [("LinkedIn".to_string(), "organisation"), ("LinkedIn".to_string(), "organisation")]);
        for used in ["She wrote on LinkedIn that she had resigned.", "He shared a YouTube video of the storm."] {
            assert!(names(used).iter().all(|(n, _)| n != "LinkedIn" && n != "YouTube"), "{used}");
        }
    }

    #[test]
    fn a_one_word_name_before_a_company_noun_is_the_company() {
        let text = "Some Zentrix users saw an error page. Zentrix shares fell. The Zentrix website was down.";
        assert!(names(text).iter().all(|n| *n == ("Zentrix".to_string(), "organisation")), "{:?}", names(text));
        // A possessive is the owner's ("Ann's website"); a name after a number is cut short.
        for other in ["Mr Dorn said Dorn's website was down.", "The 38 Nordic website said so."] {
            assert!(names(other).iter().all(|(_, k)| *k != "organisation"), "{other}: {:?}", names(other));
        }
    }

    #[test]
    fn saints_states_and_areas_are_places_a_lone_organisation_word_is_none() {
        let text = "He prayed at St. Brendan Chapel Church. The St. Kilda ferry left. \
                    A report from Vermont came out. Deputies searched the Harlow area.";
        let found = names(text);
        for want in [("St. Brendan Chapel Church", "organisation"), ("St. Kilda", "place"), ("Vermont", "place")] {
            assert!(found.contains(&(want.0.to_string(), want.1)), "{want:?} in {found:?}");
        }
        assert!(found.contains(&("Harlow".to_string(), "place")), "{found:?}");
        let lone = names("Police searched the house. The Ministry said nothing. The Guardian reported it.");
        assert_eq!(lone, [("Guardian".to_string(), "organisation")]);
    }

    #[test]
    fn a_generational_suffix_keeps_its_point_and_is_no_surname_nor_a_sentence_role() {
        assert_eq!(names("Then Carl Voss Jr. told officers he was fine."), [("Carl Voss Jr.".to_string(), "person")]);
        assert_eq!(surname("Carl Voss Jr."), Some("Voss"));
        assert_eq!(surname("Carl Voss"), Some("Voss"));
        let ms = mentions("Cleric Omar Haddad said the march would go on.");
        assert_eq!(ms[0].name, "Omar Haddad");
    }

    #[test]
    fn transliteration_key() {
        assert_eq!(name_key("Navalniy"), name_key("Navalny"));
        assert_eq!(name_key("Navalnyy"), name_key("Navalny"));
        assert_ne!(name_key("Hill"), name_key("Hall"));
        assert_eq!(name_key("Yatseniuk"), name_key("Yatsenyuk"));
        assert_eq!(person_key("Jim Tumlow"), person_key("James Tumlow"));
        assert_ne!(person_key("Jim Tumlow"), person_key("John Tumlow"));
        assert_eq!(person_key("Dora K. Velling"), person_key("Dora Velling"));
    }

    fn people(texts: &[&str]) -> Vec<String> {
        let ms: Vec<Vec<Mention>> = texts.iter().map(|t| mentions(t)).collect();
        let res = resolve(texts, &ms);
        res.entities
            .iter()
            .filter(|e| e.kind == Kind::Person && !e.mentions.is_empty())
            .map(|e| e.name.clone())
            .collect()
    }

    #[test]
    fn middle_initials_stay_in_the_name() {
        let t = "Mayor Dora K. Velling said the park was safe. Velling spoke again.";
        assert_eq!(people(&[t]), ["Dora K. Velling"]);
        // A capital letter that ends a sentence is not an initial of the next name.
        assert!(names("They chose Plan B. Nobody objected.").iter().all(|(n, _)| !n.contains("B.")));
    }

    #[test]
    fn a_common_given_name_makes_a_name_mentioned_once_a_person() {
        // "Shelby" is a given name of the census lists (not in the gendered list): one mention
        // is enough. An unknown first word ("Quarrow Fenton") needs more evidence.
        assert_eq!(people(&["The film also stars Shelby Marrant and others."]), ["Shelby Marrant"]);
        assert!(people(&["The film also stars Quarrow Fenton and others."]).is_empty());
    }

    #[test]
    fn an_appositive_role_makes_a_person_and_gives_the_role() {
        let ms = mentions("Quarrow Fenton, the county fire chief, watched. Velta Brisk, formerly the director, left.");
        assert_eq!(
            (ms[0].name.as_str(), ms[0].kind, ms[0].role.as_deref()),
            ("Quarrow Fenton", Kind::Person, Some("county fire chief"))
        );
        // An indefinite one says what someone does: a person, but no office.
        let ms = mentions("Quarrow Fenton, a tree historian, watched.");
        assert_eq!((ms[0].kind, ms[0].role.as_deref()), (Kind::Person, None));
        // "formerly the director" is not her role now; no other evidence makes her a person.
        assert!(ms.iter().all(|m| m.role.as_deref() != Some("formerly the director")));
    }

    #[test]
    fn an_age_before_a_name_makes_a_person_unless_a_noun_follows() {
        assert_eq!(people(&["Police shot 12-year-old Quarrow Fenton on a playground."]), ["Quarrow Fenton"]);
        let ms = mentions("An 18-year-old Brantwick student was hurt.");
        assert!(ms.iter().all(|m| m.kind != Kind::Person));
    }

    #[test]
    fn a_weak_name_is_kept_when_its_given_name_alone_is_a_person() {
        let texts = ["The death of Tamsel Orrin shocked the town.", "Police shot 13-year-old Tamsel while he played."];
        assert!(people(&texts).contains(&"Tamsel Orrin".to_string()));
        // Not when the single word is someone's surname ("Velling" … "Velling Tower").
        let texts = ["Mayor Dora Velling spoke. Velling said no.", "They met at Velling Tower downtown."];
        assert_eq!(people(&texts), ["Dora Velling"]);
    }

    #[test]
    fn a_persons_name_as_a_modifier_stays_a_person() {
        let ms =
            mentions("The film is based on the Dora Velling comic book series. Critics praised the Lakeside Herald.");
        let kinds: Vec<(&str, Kind)> = ms.iter().map(|m| (m.name.as_str(), m.kind)).collect();
        assert!(kinds.contains(&("Dora Velling", Kind::Person)), "{kinds:?}");
        assert!(kinds.contains(&("Lakeside Herald", Kind::Organisation)), "{kinds:?}");
    }

    #[test]
    fn a_sentence_opening_participle_is_not_part_of_a_name() {
        let ns = names("Following Dora Velling's remarks, the board met. According to Tom Marsh, it ended.");
        assert!(ns.iter().all(|(n, _)| !n.starts_with("Following") && !n.starts_with("According")), "{ns:?}");
        assert!(ns.iter().any(|(n, _)| n.starts_with("Dora Velling")), "{ns:?}");
    }

    #[test]
    fn postnominal_letters_are_not_part_of_the_name() {
        assert!(names("The motion of Dora Velling MP failed.").iter().any(|(n, _)| n == "Dora Velling"));
    }
}
