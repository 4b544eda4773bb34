//! TIMEX3 expressions that are not dates: durations (`for 18 days`, `the past 10 months`), sets
//! (`every Monday`, `daily`, `$5 million a year`) and clock times (`9 a.m. Tuesday`, `noon`).
//! They are found by [`crate::find_timexes`]; [`crate::find_dates`] never returns them, so a
//! duration is never turned into a date.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::{Grain, Kind, TimeExpr, TimexType, number_word, re};

const NUM: &str = r"\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|a few|few|a couple of|couple of|many";

static RE_DURATION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:(?:the|its|their)\s+)?(?:(?P<q>past|last|next|first|coming|previous|following|final|recent)\s+)?(?:(?P<n>{NUM})[- ](?:more\s+|and\s+a\s+half\s+)?)?(?P<u>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)(?-u:\b)"
    ))
});
static RE_SET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(?:every|each)\s+(?P<u>day|week|month|year|morning|night|evening|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly))(?-u:\b)",
    )
});
static RE_PER: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)(?:a|per)\s+(?P<u>year|month|week|day|hour)(?-u:\b)"));
static RE_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b))(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET)(?-u:\b))?|(?P<w>noon|midnight))",
    )
});

fn other(text: &str, start: usize, end: usize, t: TimexType, value: String, evidence: &str) -> TimeExpr {
    TimeExpr {
        text: text[start..end].to_string(),
        start,
        end,
        kind: Kind::Relative,
        grain: if t == TimexType::Set { Grain::Set } else { Grain::Duration },
        value: Some(value),
        first: None,
        last: None,
        future: false,
        evidence: evidence.into(),
        error: None,
        timex_type: t,
    }
}

fn unit_code(u: &str) -> (&'static str, &'static str, i64) {
    let l = u.to_ascii_lowercase();
    match l.trim_end_matches('s') {
        "second" => ("T", "S", 1),
        "minute" => ("T", "M", 1),
        "hour" => ("T", "H", 1),
        "day" => ("", "D", 1),
        "week" => ("", "W", 1),
        "month" => ("", "M", 1),
        "decade" => ("", "Y", 10),
        "century" | "centurie" => ("", "Y", 100),
        _ => ("", "Y", 1),
    }
}

/// Durations: a number (or `several`, `few`) and a unit, or `the past/next ... weeks`.
pub(crate) fn durations(text: &str) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for c in RE_DURATION.captures_iter(text) {
        let m = c.get(0).expect("match");
        let u = &c["u"];
        let plural = u.ends_with('s') || u.eq_ignore_ascii_case("centuries");
        if c.name("n").is_none() && !(c.name("q").is_some() && plural) {
            continue;
        }
        let after = text[m.end()..].trim_start_matches([' ', '-']).to_ascii_lowercase();
        let dated = ["before", "after"].iter().any(|w| after.starts_with(w)) && {
            let rest = text[m.end()..].trim_start_matches([' ', '-']);
            let word = rest.find(|ch: char| !ch.is_alphabetic()).unwrap_or(rest.len());
            crate::date_follows(text, text.len() - rest.len() + word)
        };
        if dated
            || ["ago", "earlier", "later", "from now", "old"].iter().any(|w| after.starts_with(w))
            || u.starts_with(char::is_uppercase)
        {
            continue; // dates, ages ("6-year-old"), titles ("60 Minutes")
        }
        let hyphen = c.name("n").is_some_and(|n| text[n.end()..].starts_with('-'));
        if hyphen && text[m.end()..].strip_prefix(' ').is_some_and(|r| r.starts_with(|ch: char| ch.is_lowercase())) {
            continue; // "a 24-hour candle": an adjective
        }
        let n = c.name("n").map(|n| n.as_str().to_ascii_lowercase());
        if matches!(n.as_deref(), Some("a" | "an")) && !after_duration_cue(text, m.start()) {
            continue; // "four flights a week", "a second betrayal"
        }
        if let Some(v) = vague_reference(c.name("q").map(|q| q.as_str()), n.as_deref()) {
            // "in recent years", "the last few months", "coming months": vague references.
            let mut e = other(text, m.start(), m.end(), TimexType::Date, v.into(), "vague reference");
            e.grain = Grain::Reference;
            e.kind = Kind::Reference;
            out.push(e);
            continue;
        }
        let (t, code, mult) = unit_code(u);
        let qty = match n.as_deref().and_then(number_word) {
            Some(k) => (k * mult).to_string(),
            None if n.as_deref().is_some_and(|n| n.parse::<f64>().is_ok()) => n.unwrap_or_default(),
            None => "X".into(),
        };
        out.push(other(text, m.start(), m.end(), TimexType::Duration, format!("P{t}{qty}{code}"), "duration"));
    }
    out
}

/// Whether the word before a duration with `a`/`an` introduces a length of time.
fn after_duration_cue(text: &str, start: usize) -> bool {
    let prev = text[..start].trim_end().rsplit(char::is_whitespace).next().unwrap_or("").to_ascii_lowercase();
    [
        "for",
        "within",
        "in",
        "over",
        "about",
        "nearly",
        "almost",
        "than",
        "under",
        "only",
        "just",
        "least",
        "of",
        "more",
        "after",
        "lasted",
        "lasting",
        "took",
        "spent",
        "throughout",
        "during",
        "half",
    ]
    .contains(&prev.as_str())
}

/// `recent years`, `the past few weeks`, `coming months`: a vague reference, not a duration.
fn vague_reference(q: Option<&str>, n: Option<&str>) -> Option<&'static str> {
    let q = q?.to_ascii_lowercase();
    let vague = matches!(n, None | Some("few" | "a few" | "several" | "many"));
    match q.as_str() {
        "recent" => Some("PAST_REF"),
        "past" | "last" | "previous" if vague && n.is_some() => Some("PAST_REF"),
        "past" if n.is_none() => Some("PAST_REF"),
        "coming" if vague => Some("FUTURE_REF"),
        "next" if vague && n.is_some() => Some("FUTURE_REF"),
        _ => None,
    }
}

/// Sets: `every Monday`, `daily`, `$5 million a year`.
pub(crate) fn sets(text: &str) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for c in RE_SET.captures_iter(text) {
        let m = c.get(0).expect("match");
        let v = match c.name("u").map(|u| u.as_str().to_ascii_lowercase()) {
            Some(u) => {
                match crate::weekday_of(&u[..1].to_uppercase().chars().chain(u[1..].chars()).collect::<String>()) {
                    Some(w) => format!("XXXX-WXX-{}", w.number_from_monday()),
                    None => match u.as_str() {
                        "morning" => "TMO".into(),
                        "night" => "TNI".into(),
                        "evening" => "TEV".into(),
                        _ => format!("P1{}", unit_code(&u).1),
                    },
                }
            }
            None => match c["adv"].to_ascii_lowercase().as_str() {
                "daily" => "P1D".into(),
                "weekly" => "P1W".into(),
                "monthly" => "P1M".into(),
                "hourly" => "PT1H".into(),
                "nightly" => "TNI".into(),
                _ => "P1Y".into(),
            },
        };
        out.push(other(text, m.start(), m.end(), TimexType::Set, v, "set"));
    }
    for c in RE_PER.captures_iter(text) {
        let m = c.get(0).expect("match");
        // Only after an amount: "$5 million a year", "two meetings a week".
        let before = text[..m.start()].trim_end();
        let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let amount = prev.chars().any(|ch| ch.is_ascii_digit())
            || ["million", "billion", "thousand", "times", "once", "twice", "hundred"].contains(&prev);
        if amount {
            let (t, code, _) = unit_code(&c["u"]);
            out.push(other(text, m.start(), m.end(), TimexType::Set, format!("P{t}1{code}"), "set"));
        }
    }
    out
}

/// Clock times; one right before or after a day-precise date takes that day (`9 a.m. Tuesday`),
/// else the publication date.
pub(crate) fn clock_times(text: &str, dates: &[TimeExpr], dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for c in RE_CLOCK.captures_iter(text) {
        let m = c.get(0).expect("match");
        let s0 = m.start();
        if c.name("w").is_some() && s0 >= 5 && text.as_bytes()[s0 - 5..s0].eq_ignore_ascii_case(b"high ") {
            continue; // "high noon", "High Noon": an idiom, a title
        }
        let (h, mi) = match c.name("w").map(|w| w.as_str().to_ascii_lowercase()) {
            Some(w) => (if w == "noon" { 12 } else { 24 }, 0),
            None => {
                let h: u32 = c["h"].parse().unwrap_or(99);
                let pm = c["ap"].to_ascii_lowercase().starts_with('p');
                let h = match (h, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
                (h, c.name("m").and_then(|m| m.as_str().parse().ok()).unwrap_or(0))
            }
        };
        if h > 24 || mi > 59 {
            continue;
        }
        let near = |e: &&TimeExpr| {
            let gap = if e.start >= m.end() { &text[m.end()..e.start] } else { &text[e.end.min(m.start())..m.start()] };
            e.day().is_some() && gap.len() <= 4 && gap.trim().trim_end_matches(',').trim().is_empty()
                || gap.trim().eq_ignore_ascii_case("on")
        };
        let day_expr = dates.iter().filter(|e| e.day().is_some()).find(near);
        let (start, end, day) = match day_expr {
            Some(e) => (e.start.min(m.start()), e.end.max(m.end()), e.day()),
            None => (m.start(), m.end(), dct),
        };
        let value = match day {
            Some(d) => format!("{d}T{h:02}:{mi:02}"),
            None => format!("XXXX-XX-XXT{h:02}:{mi:02}"),
        };
        let mut e = other(text, start, end, TimexType::Time, value, "clock time");
        e.kind = Kind::Absolute;
        e.grain = Grain::Day;
        e.first = day;
        e.last = day;
        out.push(e);
    }
    out
}
