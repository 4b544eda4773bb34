//! Metadata helpers shared by the text and HTML extractors.

/// Detects the language of a text (ISO 639-1), when reliable.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(2000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.len() > 200 {
        return None;
    }
    Some(lang_code(info.lang()).to_string())
}

fn lang_code(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        Heb => "he",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Fin => "fi",
        Nob => "no",
        Ell => "el",
        Hun => "hu",
        Ron => "ro",
        Hin => "hi",
        Pes => "fa",
        other => other.code(),
    }
}

/// An explicit calendar date found in a string, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub date: chrono::NaiveDate,
    /// Byte range of the matched text.
    pub span: std::ops::Range<usize>,
}

static EXPLICIT_DATE_RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let month = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    regex::Regex::new(&format!(
        r"\b(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?\b|(?P<am>{month})\.?\s+(?P<ad>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ay>\d{{4}})\b|(?P<bd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<bm>{month})\.?,?\s+(?P<by>\d{{4}})\b)"
    ))
    .expect("valid date regex")
});

/// Finds every explicit calendar date with a year in `s`: ISO (`2025-04-22`, with an
/// optional time), `Apr 22, 2025`, `April 18, 2025`, `22 April 2025`, `22nd of April, 2025`.
/// Dates without a year ("on April 23") or impossible dates are not returned.
pub fn find_explicit_dates(s: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    for c in EXPLICIT_DATE_RE.captures_iter(s) {
        let whole = c.get(0).expect("group 0");
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = if c.name("iy").is_some() {
            (num("iy"), num("im"), num("id"))
        } else if c.name("am").is_some() {
            (num("ay"), c.name("am").and_then(|m| month_number(m.as_str())), num("ad"))
        } else {
            (num("by"), c.name("bm").and_then(|m| month_number(m.as_str())), num("bd"))
        };
        let (Some(y), Some(m), Some(d)) = (y, m, d) else { continue };
        if !(1900..=2200).contains(&y) {
            continue;
        }
        if let Some(date) = chrono::NaiveDate::from_ymd_opt(y as i32, m, d) {
            out.push(FoundDate { date, span: whole.start()..whole.end() });
        }
    }
    out
}

/// The first explicit calendar date in `s` as ISO `YYYY-MM-DD` (see [`find_explicit_dates`]).
pub fn parse_explicit_date(s: &str) -> Option<String> {
    find_explicit_dates(s).first().map(|f| f.date.format("%Y-%m-%d").to_string())
}

// ---- Date strings (HTML/feeds metadata; added by the HTML extractor) ----

/// Month names (lower case, several languages) → month number.
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w.as_str();
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "januar", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "jänner", "jänner"],
        &["february", "feb", "februar", "février", "fevrier", "févr", "febrero", "fevereiro", "fev", "febbraio"],
        &["march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "mär"],
        &["april", "apr", "avril", "abril", "abr", "aprile", "avr"],
        &["may", "mai", "mayo", "maio", "maggio"],
        &["june", "jun", "juni", "juin", "junio", "junho", "giugno"],
        &["july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio"],
        &["august", "aug", "août", "aout", "agosto", "ago"],
        &["september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre"],
        &["october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott"],
        &["november", "nov", "novembre", "noviembre", "novembro"],
        &[
            "december",
            "dec",
            "dezember",
            "dez",
            "décembre",
            "decembre",
            "déc",
            "diciembre",
            "dic",
            "dezembro",
            "dicembre",
        ],
    ];
    MONTHS.iter().position(|names| names.contains(&w)).map(|p| p as u32 + 1)
}

fn valid_ymd(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses an explicit date string as pages, feeds and archives give it: ISO 8601 / RFC 3339
/// (`2019-10-19T08:00:00+02:00`, `2019-10-19 08:00`, `20191019`), RFC 2822
/// (`Sat, 19 Oct 2019 08:00:00 GMT`), `2019/10/19`, `19.10.2019`, `October 19, 2019`,
/// `19 October 2019`, `19. Oktober 2019`, `19 de octubre de 2019`. The calendar date is
/// taken as written (no time-zone conversion). Implausible years (before 1990 or after 2100)
/// and impossible dates give `None`.
pub fn parse_date_str(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) { t.parse().ok() } else { None }
    };
    // ISO: YYYY-MM-DD / YYYY/MM/DD / YYYY.MM.DD at the start.
    if b.len() >= 10
        && matches!(b[4], b'-' | b'/' | b'.')
        && b[7] == b[4]
        && let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10))
    {
        return valid_ymd(y as i32, m, d);
    }
    // Compact YYYYMMDD (optionally followed by T...).
    if b.len() >= 8
        && (b.len() == 8 || b[8] == b'T')
        && let (Some(y), Some(m), Some(d)) = (num(0..4), num(4..6), num(6..8))
    {
        return valid_ymd(y as i32, m, d);
    }
    // Unix timestamps (seconds or milliseconds).
    if (10..=13).contains(&b.len()) && b.iter().all(|c| c.is_ascii_digit()) {
        let mut t: i64 = s.parse().ok()?;
        if b.len() == 13 {
            t /= 1000;
        }
        let d = chrono::DateTime::from_timestamp(t, 0)?.date_naive();
        return valid_ymd(chrono::Datelike::year(&d), chrono::Datelike::month(&d), chrono::Datelike::day(&d));
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        let d = d.date_naive();
        return valid_ymd(chrono::Datelike::year(&d), chrono::Datelike::month(&d), chrono::Datelike::day(&d));
    }
    // Token-based: numbers and month names.
    let toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '|' | '(' | ')'))
        .filter(|t| !t.is_empty() && !matches!(t.to_lowercase().as_str(), "de" | "del" | "the" | "of" | "le"))
        .take(12)
        .collect();
    // DD.MM.YYYY
    for t in &toks {
        let parts: Vec<&str> = t.split('.').collect();
        if parts.len() >= 3
            && parts[2].len() == 4
            && let (Ok(d), Ok(m), Ok(y)) = (parts[0].parse::<u32>(), parts[1].parse::<u32>(), parts[2].parse::<i32>())
            && let Some(x) = valid_ymd(y, m, d)
        {
            return Some(x);
        }
    }
    for (k, t) in toks.iter().enumerate() {
        let Some(m) = month_number(t) else { continue };
        let day_of = |x: &str| -> Option<u32> {
            let x = x.trim_end_matches(['.', ',']);
            let x = x.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
            let x = x.trim_end_matches('.');
            if (1..=2).contains(&x.len()) { x.parse().ok() } else { None }
        };
        let year_of = |x: &str| -> Option<i32> {
            let x = x.trim_end_matches(['.', ',']);
            if x.len() == 4 { x.parse().ok() } else { None }
        };
        // Month D, YYYY
        if let (Some(d), Some(y)) = (toks.get(k + 1).and_then(|x| day_of(x)), toks.get(k + 2).and_then(|x| year_of(x)))
            && let Some(x) = valid_ymd(y, m, d)
        {
            return Some(x);
        }
        // D Month YYYY
        if k > 0
            && let (Some(d), Some(y)) = (day_of(toks[k - 1]), toks.get(k + 1).and_then(|x| year_of(x)))
            && let Some(x) = valid_ymd(y, m, d)
        {
            return Some(x);
        }
    }
    None
}

#[cfg(test)]
mod date_str_tests {
    use super::parse_date_str;

    fn p(s: &str) -> Option<String> {
        parse_date_str(s).map(|d| d.to_string())
    }

    #[test]
    fn explicit_formats() {
        assert_eq!(p("2019-10-19T08:00:00+02:00").as_deref(), Some("2019-10-19"));
        assert_eq!(p("2017-11-03 03:01:00.000000").as_deref(), Some("2017-11-03"));
        assert_eq!(p("20191019").as_deref(), Some("2019-10-19"));
        assert_eq!(p("Sat, 19 Oct 2019 08:00:00 GMT").as_deref(), Some("2019-10-19"));
        assert_eq!(p("19.10.2019, 14:30 Uhr").as_deref(), Some("2019-10-19"));
        assert_eq!(p("October 19, 2019").as_deref(), Some("2019-10-19"));
        assert_eq!(p("19. Oktober 2019").as_deref(), Some("2019-10-19"));
        assert_eq!(p("19 de octubre de 2019").as_deref(), Some("2019-10-19"));
        assert_eq!(p("2019/10/19").as_deref(), Some("2019-10-19"));
    }

    #[test]
    fn garbage_and_impossible_dates() {
        assert_eq!(p(""), None);
        assert_eq!(p("yesterday"), None);
        assert_eq!(p("2019-13-45"), None);
        assert_eq!(p("0000-00-00T00:00:00Z"), None);
        assert_eq!(p("31.02.2019"), None);
        assert_eq!(p("1850-01-01"), None);
        assert_eq!(p(&"9".repeat(500)), None);
        assert_eq!(p("February 30, 2020"), None);
    }
}
