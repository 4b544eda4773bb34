//! Lenient date parsing for the dates feeds really carry: RFC 3339 / ISO 8601, RFC 822 and
//! its misspellings (full month and day names, missing seconds, two-digit years, `UT`),
//! month-first forms ("Sat, Dec 16 2023 02:02:33 PM"), 12-hour clocks, time zones by name,
//! and month names in a few common languages.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Month name prefixes (lower case) in English, German, French, Spanish, Portuguese,
/// Italian, Dutch and Russian. The longest matching prefix wins.
const MONTHS: [(&str, u32); 43] = [
    ("jan", 1),
    ("ene", 1),
    ("gen", 1),
    ("janv", 1),
    ("янв", 1),
    ("feb", 2),
    ("fév", 2),
    ("fev", 2),
    ("févr", 2),
    ("фев", 2),
    ("mar", 3),
    ("mär", 3),
    ("mrz", 3),
    ("мар", 3),
    ("apr", 4),
    ("avr", 4),
    ("abr", 4),
    ("апр", 4),
    ("may", 5),
    ("mai", 5),
    ("mag", 5),
    ("mei", 5),
    ("мая", 5),
    ("май", 5),
    ("jun", 6),
    ("juin", 6),
    ("giu", 6),
    ("июн", 6),
    ("jul", 7),
    ("juil", 7),
    ("lug", 7),
    ("июл", 7),
    ("aug", 8),
    ("aoû", 8),
    ("ago", 8),
    ("авг", 8),
    ("sep", 9),
    ("set", 9),
    ("сен", 9),
    ("oct", 10),
    ("okt", 10),
    ("out", 10),
    ("ott", 10),
];
const MONTHS_LATE: [(&str, u32); 8] =
    [("окт", 10), ("nov", 11), ("ноя", 11), ("dec", 12), ("dez", 12), ("déc", 12), ("dic", 12), ("дек", 12)];
/// Ukrainian, Polish and Turkish month name prefixes (the Turkish weekday "pazar..." is
/// no October: Polish "paź" is only matched with its accent).
const MONTHS_MORE: [(&str, u32); 30] = [
    ("січ", 1),
    ("лют", 2),
    ("бер", 3),
    ("кві", 4),
    ("тра", 5),
    ("чер", 6),
    ("лип", 7),
    ("сер", 8),
    ("вер", 9),
    ("жов", 10),
    ("лис", 11),
    ("гру", 12),
    ("sty", 1),
    ("lut", 2),
    ("kwi", 4),
    ("maj", 5),
    ("cze", 6),
    ("lip", 7),
    ("sie", 8),
    ("wrz", 9),
    ("paź", 10),
    ("lis", 11),
    ("gru", 12),
    ("oca", 1),
    ("şub", 2),
    ("nis", 4),
    ("haz", 6),
    ("tem", 7),
    ("ağu", 8),
    ("eyl", 9),
];
const MONTHS_TR_LATE: [(&str, u32); 3] = [("eki", 10), ("kas", 11), ("ara", 12)];

/// Time zone abbreviations and their offsets in minutes.
const ZONES: [(&str, i32); 47] = [
    ("z", 0),
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("ist", 330),
    ("cet", 60),
    ("met", 60),
    ("mez", 60),
    ("cest", 120),
    ("mest", 120),
    ("mesz", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("trt", 180),
    ("eat", 180),
    ("sast", 120),
    ("cat", 120),
    ("wat", 60),
    ("pkt", 300),
    ("ict", 420),
    ("wib", 420),
    ("hkt", 480),
    ("sgt", 480),
    ("pht", 480),
    ("awst", 480),
    ("jst", 540),
    ("kst", 540),
    ("acst", 570),
    ("aest", 600),
    ("aedt", 660),
    ("nzst", 720),
    ("nzdt", 780),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("akst", -540),
    ("akdt", -480),
    ("hst", -600),
];

/// Parses a feed date; `None` when no day, month and year can be found.
pub fn parse_feed_date(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    parse_tokens(s)
}

#[derive(Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<NaiveTime>,
    pm: Option<bool>,
    offset: Option<i32>,
    /// `24:00`: midnight at the end of the day.
    end_of_day: bool,
}

fn parse_tokens(s: &str) -> Option<DateTime<Utc>> {
    let lower = s.to_lowercase();
    // ISO-like "2023-12-16T14:02" → date and time tokens.
    let spaced = lower.replace([',', '|'], " ").replacen('t', " ", usize::from(iso_t(&lower)));
    let mut p = Parts::default();
    let mut numbers = Vec::new();
    for tok in spaced.split_whitespace() {
        take_token(tok, &mut p, &mut numbers);
    }
    assign_numbers(&numbers, &mut p);
    let date = NaiveDate::from_ymd_opt(p.year?, p.month?, p.day?)?;
    let mut time = p.time.unwrap_or(NaiveTime::MIN);
    if let Some(pm) = p.pm {
        time = twelve_hour(time, pm)?;
    }
    let offset = FixedOffset::east_opt(p.offset.unwrap_or(0) * 60)?;
    let date = if p.end_of_day { date.succ_opt()? } else { date };
    let local = NaiveDateTime::new(date, time);
    offset.from_local_datetime(&local).single().map(|d| d.with_timezone(&Utc))
}

/// Whether the string is `YYYY-MM-DDT...` (the `T` separates date and time).
fn iso_t(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.len() > 11 && b[4] == b'-' && b[7] == b'-' && b[10] == b't'
}

fn twelve_hour(t: NaiveTime, pm: bool) -> Option<NaiveTime> {
    use chrono::Timelike;
    let h = t.hour();
    if h == 0 || h > 12 {
        return Some(t);
    }
    let h24 = match (pm, h) {
        (true, 12) => 12,
        (true, h) => h + 12,
        (false, 12) => 0,
        (false, h) => h,
    };
    t.with_hour(h24)
}

fn take_token(tok: &str, p: &mut Parts, numbers: &mut Vec<(u32, usize)>) {
    let tok = tok.trim_matches(['.', '(', ')', '[', ']']);
    if tok.is_empty() {
        return;
    }
    match tok {
        "am" | "a.m" => return p.pm = Some(false),
        "pm" | "p.m" => return p.pm = Some(true),
        _ => {}
    }
    // "14.02" / "14.02.33" after the date: a clock written with dots.
    if p.month.is_some() && p.time.is_none() && dotted_clock(tok) {
        return take_time(&tok.replace('.', ":"), p);
    }
    if let Some((date, zone)) = split_date_token(tok) {
        p.year = Some(date.0);
        p.month = Some(date.1);
        p.day = Some(date.2);
        if let Some(z) = zone {
            take_token(z, p, numbers);
        }
        return;
    }
    if tok.contains(':') && tok.starts_with(|c: char| c.is_ascii_digit()) {
        return take_time(tok, p);
    }
    if let Some(off) = parse_offset(tok) {
        p.offset = Some(off);
        return;
    }
    let digits = tok.trim_end_matches(|c: char| c.is_alphabetic()).trim_end_matches('.');
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(n) = digits.parse() {
            numbers.push((n, digits.len()));
        }
        return;
    }
    // Weekday names that begin like a month name ("mardi", "martes", "martedì").
    if p.month.is_none() && !tok.starts_with("marte") && !tok.starts_with("mardi") {
        p.month = month_of(tok);
    }
}

/// Year, month, day.
type Ymd = (i32, u32, u32);

/// `2023-12-16`, `16/12/2023`, `12/16/2023`, `16.12.2023` (+ an attached zone after a
/// date-time `T` split is handled by the caller).
fn split_date_token(tok: &str) -> Option<(Ymd, Option<&str>)> {
    let sep = ['-', '/', '.'].into_iter().find(|c| tok.matches(*c).count() == 2)?;
    let mut it = tok.splitn(3, sep);
    let (a, b, c) = (it.next()?, it.next()?, it.next()?);
    let (c_num, zone) = match c.find(|ch: char| !ch.is_ascii_digit()) {
        Some(i) => (&c[..i], Some(&c[i..])),
        None => (c, None),
    };
    let (a, b, c): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, c_num.parse().ok()?);
    let date = if a > 31 {
        (a as i32, b, c)
    } else if b > 12 {
        (full_year(c), a, b)
    } else {
        (full_year(c), b, a)
    };
    Some((date, zone.filter(|z| !z.is_empty())))
}

fn take_time(tok: &str, p: &mut Parts) {
    use chrono::Timelike;
    // "02:02:33pm", "14:02:33+01:00", "14:02:33.000z"
    let end = tok.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(tok.len());
    let (clock, rest) = tok.split_at(end);
    let mut parts = clock.split(':');
    let h: u32 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    let m: u32 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    let sec: u32 = parts.next().and_then(|x| x.split('.').next()?.parse().ok()).unwrap_or(0);
    p.end_of_day = h == 24 && m == 0 && sec == 0;
    let h = if p.end_of_day { 0 } else { h };
    p.time = NaiveTime::from_hms_opt(h, m, sec.min(59)).or(p.time);
    match rest {
        "" => {}
        "am" | "a.m." => p.pm = Some(false),
        "pm" | "p.m." => p.pm = Some(true),
        z => p.offset = parse_offset(z).or(p.offset),
    }
    let _ = p.time.map(|t| t.hour());
}

/// `H.MM` or `HH.MM.SS` with a valid hour and minute.
fn dotted_clock(tok: &str) -> bool {
    let parts: Vec<&str> = tok.split('.').collect();
    let two_digits = |x: &str| x.len() == 2 && x.chars().all(|c| c.is_ascii_digit());
    let hour_ok = parts[0].len() <= 2 && parts[0].parse::<u32>().is_ok_and(|h| h < 24);
    (2..=3).contains(&parts.len())
        && hour_ok
        && parts[1..].iter().all(|x| two_digits(x))
        && parts[1].parse::<u32>().is_ok_and(|m| m < 60)
}

/// `+0200`, `-05:00`, `+02`, `gmt+2`, `utc`, `pst`.
fn parse_offset(tok: &str) -> Option<i32> {
    if let Some((_, m)) = ZONES.iter().find(|(z, _)| *z == tok) {
        return Some(*m);
    }
    let t = tok.strip_prefix("gmt").or_else(|| tok.strip_prefix("utc")).unwrap_or(tok);
    let sign = match t.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits: String = t[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => (digits[..digits.len() - 2].parse().ok()?, digits[digits.len() - 2..].parse().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn month_of(tok: &str) -> Option<u32> {
    MONTHS
        .iter()
        .chain(MONTHS_LATE.iter())
        .chain(MONTHS_MORE.iter())
        .chain(MONTHS_TR_LATE.iter())
        .filter(|(pre, _)| tok.starts_with(pre))
        .max_by_key(|(pre, _)| pre.len())
        .map(|(_, m)| *m)
}

fn full_year(y: u32) -> i32 {
    match y {
        0..=69 => 2000 + y as i32,
        70..=99 => 1900 + y as i32,
        _ => y as i32,
    }
}

/// Day and year among the bare numbers (a 4-digit number, or a number > 31, is the year).
fn assign_numbers(numbers: &[(u32, usize)], p: &mut Parts) {
    for &(n, len) in numbers {
        if p.year.is_none() && (len == 4 || n > 31) {
            p.year = Some(full_year(n));
        } else if p.day.is_none() && (1..=31).contains(&n) {
            p.day = Some(n);
        } else if p.year.is_none() {
            p.year = Some(full_year(n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> String {
        parse_feed_date(s).map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn formats_feeds_use() {
        assert_eq!(iso("Sat, Dec 16 2023 02:02:33 PM"), "2023-12-16T14:02:33");
        assert_eq!(iso("Mon, 06 May 2024 10:00:00 GMT"), "2024-05-06T10:00:00");
        assert_eq!(iso("Monday, 06 May 2024 10:00 EST"), "2024-05-06T15:00:00");
        assert_eq!(iso("Tue, 7 May 24 08:15:00 +0200"), "2024-05-07T06:15:00");
        assert_eq!(iso("Wed, 08 Mai 2024 12:00:00 CEST"), "2024-05-08T10:00:00");
        assert_eq!(iso("Thu, 9 September 2024 9:05 am UT"), "2024-09-09T09:05:00");
        assert_eq!(iso("2024-05-06T10:00:00+02:00"), "2024-05-06T08:00:00");
        assert_eq!(iso("2024-05-06 10:00:00"), "2024-05-06T10:00:00");
        assert_eq!(iso("2024-05-06T10:00Z"), "2024-05-06T10:00:00");
        assert_eq!(iso("12 Dec 2023 11:59 PM PST"), "2023-12-13T07:59:00");
        assert_eq!(iso("16/12/2023 14:00"), "2023-12-16T14:00:00");
        assert_eq!(iso("1 дек 2023 10:00 MSK"), "2023-12-01T07:00:00");
        assert_eq!(iso("December 3rd, 2023"), "2023-12-03T00:00:00");
        assert_eq!(iso("mardi 12 décembre 2023 10:00"), "2023-12-12T10:00:00");
        assert_eq!(iso("Sat, 16 Dec 2023 14.02 CET"), "2023-12-16T13:02:00");
        assert_eq!(iso("16.12.2023 9.05.30"), "2023-12-16T09:05:30");
        assert_eq!(iso("Sat, 16 Dec 2023 24:00:00 GMT"), "2023-12-17T00:00:00");
        assert_eq!(iso("16 грудня 2023 14:02"), "2023-12-16T14:02:00");
        assert_eq!(iso("16 października 2023"), "2023-10-16T00:00:00");
        assert_eq!(iso("16 Aralık 2023 Cumartesi 14:02"), "2023-12-16T14:02:00");
        assert_eq!(iso("Pazartesi, 18 Mart 2024"), "2024-03-18T00:00:00");
        // Without a month first, a dotted group is a date, not a clock.
        assert_eq!(iso("14.02.24"), "2024-02-14T00:00:00");
        assert_eq!(iso("not a date"), "none");
        assert_eq!(iso(""), "none");
    }
}
