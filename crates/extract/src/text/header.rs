//! Metadata found in the header zone, the dateline and credit lines.

use std::sync::LazyLock;

use regex::Regex;

use super::data::{AGENCIES, Named, OUTLETS, agency_by_alias, outlet_by_alias};

/// A dateline at the start of a line: `PLACE (Agency) [date] -` or `PLACE -`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as printed.
    pub place: String,
    /// The parenthesised credit, when there is one.
    pub credit: Option<String>,
    /// Text between the credit and the dash (often a date).
    pub rest: String,
    /// Byte length of the dateline prefix in the line (text after it is the article).
    pub len: usize,
}

/// The dateline with a credit: `PLACE[, Month Day[, Year]] (Credit) [rest] -`.
const DATELINE_CREDIT: &str = r"^(?P<place>{LU}[{L}.'’ -]{0,40}?(?:/{LU}[{L}.'’ -]{0,30}?)*(?:,{S}*{LU}[{L}.' ]{0,30}?)?)(?:,{S}*(?P<pdate>{LU}{L}{2,8}\.?{S}+{D}{1,2}(?:,{S}*{D}{4})?))?{S}*\((?P<credit>[{L}][{L} .&/-]{0,40})\){S}*(?P<rest>{NOT_DASH}{0,40}?){S}*(?P<dash>[—–:-]+{S}*|$)";

/// The dateline without a credit: `PLACE IN CAPITALS -`.
const DATELINE_CAPS: &str = r"^(?P<place>{LU}[{LU}.'’ /-]{2,40}?(?:,{S}*{LU}[{L}. ]{1,30}?)?){S}+[—–]+{S}*";

/// The byline: `By Name[, Name][, tail]`.
const BYLINE: &str = r"^(?i:(?:written |words |reporting |posted |updated )?(?:by|von|par|por|door|av|af))[:{S}]+(?P<name>{LU}[{L}.'’-]*(?:{S}+(?:and |& )?{LU}?[{L}.'’-]+){0,6}(?:{S}*,{S}*{LU}[{L}.'’-]*(?:{S}+{LU}[{L}.'’-]*){0,3})*){S}*(?:,{S}*(?P<tail>{NOT_NL}{0,80}?))?{S}*$";

/// Characters most header lines are written in: Latin (with Latin-1 and Extended-A/B), Greek
/// and Cyrillic letters, general punctuation (curly quotes, dashes, special spaces), symbols
/// and arrows, variation selectors, the byte-order mark, the replacement character and emoji.
const COMMON: &str = r"\x00-\x{52F}\x{2000}-\x{2BFF}\x{FE00}-\x{FE0F}\x{FEFF}\x{FFFD}\x{1F000}-\x{1FAFF}";

/// A header pattern compiled twice: over all of Unicode, and with every class cut down to
/// [`COMMON`] characters. The cut-down automaton is tens of times cheaper to build (counted
/// repetitions of `\p{L}` are what makes the full one costly) and, on a line whose characters
/// are all common, matches exactly like the full one: each class matches the same characters
/// of that line. The full one is built only when a line needs it.
struct HeaderRegex {
    common: LazyLock<Regex>,
    full: LazyLock<Regex>,
}

macro_rules! header_regex {
    ($template:expr) => {
        HeaderRegex {
            common: LazyLock::new(|| instantiate($template, true)),
            full: LazyLock::new(|| instantiate($template, false)),
        }
    };
}

impl HeaderRegex {
    /// The automaton for `line`.
    fn for_line(&self, line: &str) -> &Regex {
        if line.chars().all(is_common) { &self.common } else { &self.full }
    }
}

fn is_common(c: char) -> bool {
    matches!(c as u32, 0..=0x52F | 0x2000..=0x2BFF | 0xFE00..=0xFE0F | 0xFEFF | 0xFFFD | 0x1F000..=0x1FAFF)
}

/// `template` with its class placeholders (`{L}` letter, `{LU}` upper-case letter, `{S}`
/// space, `{D}` digit, `{NOT_DASH}` anything but a line break or dash, `{NOT_NL}` anything
/// but a line break) filled in, over all of
/// Unicode or cut down to [`COMMON`] characters.
fn instantiate(template: &str, common: bool) -> Regex {
    let cut = |class: &str| if common { format!("[{class}&&[{COMMON}]]") } else { class.to_string() };
    let p = template
        .replace("{LU}", &cut(r"\p{Lu}"))
        .replace("{L}", &cut(r"\p{L}"))
        .replace("{S}", &cut(r"\s"))
        .replace("{D}", &cut(r"\d"))
        .replace("{NOT_DASH}", &cut(r"[^\n—–-]"))
        .replace("{NOT_NL}", &cut(r"[^\n]"));
    Regex::new(&p).expect("valid regex")
}

/// Builds the header patterns a text's first lines are read with (the automata for common
/// characters), ahead of the first text.
pub(crate) fn warm_up() {
    for re in [&DATELINE_CREDIT_RE, &DATELINE_CAPS_RE, &BYLINE_RE] {
        LazyLock::force(&re.common);
    }
    LazyLock::force(&CREDIT);
    LazyLock::force(&SELF_REF);
    LazyLock::force(&COPYRIGHT);
}

static DATELINE_CREDIT_RE: HeaderRegex = header_regex!(DATELINE_CREDIT);
static DATELINE_CAPS_RE: HeaderRegex = header_regex!(DATELINE_CAPS);
static BYLINE_RE: HeaderRegex = header_regex!(BYLINE);

/// Parses a dateline at the start of `line`.
pub fn dateline(line: &str) -> Option<Dateline> {
    if let Some(c) = DATELINE_CREDIT_RE.for_line(line).captures(line) {
        let place = c["place"].trim().to_string();
        let credit = c["credit"].trim().to_string();
        let dash = c.name("dash").map_or("", |m| m.as_str());
        let rest = match c.name("pdate") {
            Some(p) => format!("{} {}", p.as_str(), c["rest"].trim()).trim().to_string(),
            None => c["rest"].trim().to_string(),
        };
        // A bare line must end at the match; an inline dateline needs its dash.
        let whole = c.get(0).expect("group 0");
        let ok_end = !dash.is_empty() || whole.end() == line.len();
        let known = agency_by_alias(&credit).is_some() || outlet_by_alias(&credit).is_some();
        if ok_end && (known || credit.split_whitespace().count() <= 3) && place.split_whitespace().count() <= 5 {
            return Some(Dateline { place, credit: Some(credit), rest, len: whole.end() });
        }
    }
    if let Some(c) = DATELINE_CAPS_RE.for_line(line).captures(line) {
        let place = c["place"].trim().to_string();
        let whole = c.get(0).expect("group 0");
        if whole.end() < line.len() && place.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            return Some(Dateline { place, credit: None, rest: String::new(), len: whole.end() });
        }
    }
    None
}

/// The author names of a byline line (`by Paul Godfrey` → `Paul Godfrey`), with a trailing
/// agency or outlet split off and a trailing job title dropped (`Jane Doe, Staff Writer`).
pub fn byline(line: &str) -> Option<(String, Option<&'static Named>)> {
    let line = line.trim();
    let c = BYLINE_RE.for_line(line).captures(line)?;
    let mut name = c["name"].trim().trim_end_matches(',').trim().to_string();
    let mut tail = c.name("tail").map(|t| t.as_str().trim().to_string());
    if name.split_whitespace().count() > 10 {
        return None;
    }
    // "A, B" where B is an organisation or a role: split it off.
    if tail.is_none()
        && let Some((who, last)) = name.rsplit_once(',')
        && (agency_by_alias(last.trim()).is_some()
            || outlet_by_alias(last.trim()).is_some()
            || ROLES.iter().any(|r| last.to_lowercase().contains(r)))
    {
        tail = Some(last.trim().to_string());
        name = who.trim().to_string();
    }
    let org = tail.as_deref().and_then(|t| agency_by_alias(t).or_else(|| outlet_by_alias(t)));
    Some((name, org))
}

/// A line holding only a byline prefix (`By`, `Von`, `Par`, `Por`).
pub fn is_byline_prefix(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    matches!(l.as_str(), "by" | "von" | "par" | "por" | "door" | "av" | "af" | "written by" | "text:" | "text")
}

/// Two to five capitalised words (a person's name).
pub fn is_name_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "and" | "&" | "de" | "van" | "von")
        })
}

/// Job titles that may follow a name in a byline (`Jane Doe, Staff Writer`).
const ROLES: &[&str] =
    &["writer", "correspondent", "reporter", "editor", "columnist", "contributor", "staff", "bureau", "chief"];

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?\s*(?P<c>(?i:(?:additional )?reporting|writing|editing|edited|compiled|research|reported)\s+by\b[^()]*)\)?\.?$")
        .expect("valid regex")
});

/// A reporting credit line such as `(Reporting by X; Editing by Y)`, returned without brackets.
pub fn credit_line(line: &str) -> Option<String> {
    let t = line.trim();
    if super::units::word_count(t) > 40 {
        return None;
    }
    let c = CREDIT.captures(t)?;
    // Without brackets it must look like a credit list, not a sentence.
    if !(t.starts_with('(') || t.contains(';') || t.to_lowercase().contains("editing by")) {
        return None;
    }
    Some(c["c"].trim().to_string())
}

/// Splits a site name off a title (`Headline – The Independent`). Returns (title, outlet).
pub fn split_title_suffix(title: &str) -> (String, Option<String>) {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim();
            if let Some(o) = outlet_by_alias(tail) {
                return (head.trim().to_string(), Some(o.name.clone()));
            }
            let name_like =
                tail.split_whitespace().all(|w| {
                    w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        || matches!(w, "of" | "the" | "and" | "&" | "de" | "du" | "la" | "le" | "des" | "di" | "der")
                }) && !["photo", "image", "video", "credit", "close"].iter().any(|x| tail.to_lowercase().contains(x));
            let short = name_like && super::units::word_count(tail) <= 4 && super::units::word_count(head) >= 4;
            if sep == " | " && short {
                return (head.trim().to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.trim().to_string(), None)
}

static SELF_REF: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<String> = OUTLETS
        .iter()
        .flat_map(|o| o.aliases.iter())
        .chain(AGENCIES.iter().flat_map(|a| a.aliases.iter()))
        .filter(|a| a.len() >= 2)
        .map(|a| regex::escape(a.trim_start_matches("the ").trim_start_matches("The ")))
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    Regex::new(&format!(
        r"\b(?P<o>{})\s+(?:has|have|had|could|was|were|is|did|cannot|can)\s*(?:not|n't|no|been unable to|unable to)\b[^.]{{0,30}}?\b(?:independently\s+)?(?:verif|confirm)",
        names.join("|")
    ))
    .expect("valid regex")
});

/// An outlet naming itself in a sentence ("The BBC has not independently verified ...").
pub fn self_reference(paragraph: &str) -> Option<(String, String)> {
    let m = SELF_REF.captures(paragraph)?;
    let name = m.name("o")?.as_str();
    let outlet = outlet_by_alias(name)
        .map(|o| o.name.clone())
        .or_else(|| agency_by_alias(name).map(|a| a.name.clone()))
        .unwrap_or_else(|| name.to_string());
    let start = m.get(0)?.start();
    let sentence = super::units::sentences(paragraph)
        .into_iter()
        .find(|s| {
            let off = s.as_ptr() as usize - paragraph.as_ptr() as usize;
            off <= start && start < off + s.len()
        })
        .unwrap_or(paragraph);
    Some((outlet, sentence.to_string()))
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\bCopyright|©)\s*(?:©\s*)?(?:\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)\s*[-–,]?\s*(?:by\s+)?(?P<name>\p{Lu}[\p{L}&.'’]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}&.'’]*){0,4})",
    )
    .expect("valid regex")
});

/// The owner named by a copyright notice in `line`, if any.
pub fn copyright_owner(line: &str) -> Option<String> {
    let c = COPYRIGHT.captures(line)?;
    let name = c["name"].split(". ").next().unwrap_or("").trim().trim_end_matches('.').to_string();
    let first = name.split_whitespace().next().unwrap_or("");
    if matches!(first, "All" | "The" | "This" | "Copyright" | "Rights") && name.split_whitespace().count() == 1 {
        return None;
    }
    if first == "All" {
        return None;
    }
    Some(outlet_by_alias(&name).map_or(name, |o| o.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte spans of every group of a match.
    type Spans = Vec<Option<(usize, usize)>>;

    /// Every capture of every group, by both automata of a header pattern.
    fn both(re: &HeaderRegex, line: &str) -> (Spans, Spans) {
        let caps = |r: &Regex| {
            r.captures(line).map_or_else(Vec::new, |c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
        };
        (caps(&re.common), caps(&re.full))
    }

    #[test]
    fn cut_down_header_patterns_match_like_the_full_ones() {
        let lines = [
            "BRAMMOR, Veldor (Agence Nord) \u{2014} Officials said",
            "SÃO VELDA, March 3 (Wire Press) - The council met",
            "NORTHPORT/Ostvik, Kelmar (AP) 12:30 GMT: talks",
            "ÉLBRIDGE \u{2013} Rescue teams reached the village",
            "Ostvik (Local Desk)",
            "By Anna Kowal and Jón Brekke, Staff Writer",
            "written by Mira Sølvberg, Northport Daily",
            "by\u{a0}Lena Ortis",
            "ВЕЛДОР, Ostvik (Nord Press) ► Officials said ≈ 40",
            "Not a dateline at all, just a sentence.",
        ];
        for line in lines {
            assert!(line.chars().all(is_common), "{line}");
            for re in [&DATELINE_CREDIT_RE, &DATELINE_CAPS_RE, &BYLINE_RE] {
                let (common, full) = both(re, line);
                assert_eq!(common, full, "{line}");
            }
        }
        // A line with characters outside the common set is read by the full automaton.
        let line = "ŁÓDŹ\u{4e2d} (Agence Nord) - Officials said";
        assert!(!line.chars().all(is_common));
        assert!(std::ptr::eq(DATELINE_CREDIT_RE.for_line(line), &*DATELINE_CREDIT_RE.full));
    }

    #[test]
    fn datelines() {
        let d = dateline("KYIV, April 22 (Reuters) - Ukraine said on Tuesday...").expect("dateline");
        assert_eq!((d.place.as_str(), d.credit.as_deref(), d.rest.as_str()), ("KYIV", Some("Reuters"), "April 22"));
        let d = dateline("KIEV, Ukraine (AP) \u{2014} Pro-Russian separatists who seized").expect("dateline");
        assert_eq!((d.place.as_str(), d.credit.as_deref()), ("KIEV, Ukraine", Some("AP")));
        let d = dateline("Washington DC (UPI) Apr 22, 2025").expect("dateline");
        assert_eq!((d.place.as_str(), d.rest.as_str()), ("Washington DC", "Apr 22, 2025"));
        let d = dateline("LONDON \u{2014} Aviation officials admitted Monday").expect("dateline");
        assert_eq!((d.place.as_str(), d.credit), ("LONDON", None));
        assert!(dateline("Brazilian President Ana Souza proposed on Monday bilateral talks").is_none());
    }

    #[test]
    fn byline_lines() {
        assert_eq!(byline("by Paul Godfrey").map(|b| b.0), Some("Paul Godfrey".to_string()));
        assert_eq!(
            byline("By Jane Doe and John Roe, Reuters").map(|b| (b.0, b.1.map(|n| n.name.clone()))),
            Some(("Jane Doe and John Roe".to_string(), Some("Reuters".to_string())))
        );
        assert!(byline("By the way, this is a sentence that goes on.").is_none());
        assert_eq!(byline("By Lynn Hulsey , Staff Writer").map(|b| b.0), Some("Lynn Hulsey".to_string()));
        assert_eq!(
            byline("By Monika Bickert, Head of Global Policy Management").map(|b| b.0),
            Some("Monika Bickert".to_string())
        );
    }
}
