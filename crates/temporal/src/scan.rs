//! Where the date patterns can match, found in one pass, so that each pattern runs only on the
//! stretches of text that hold one of its words instead of on the whole text.
//!
//! No pattern can match across a character outside letters, digits, white space and `.,-/'`
//! (quotation marks, brackets, colons, dashes...), and only the day-month patterns (their
//! abbreviations and `March 5, 2019`) across a full stop or a comma. The text is cut at those
//! characters into *segments*; every match lies inside one, and searching a segment (the text
//! up to its end, from its start) finds exactly the matches a search of the whole text finds
//! there, because the characters at the cuts are non-word characters for `(?-u:\b)`, as the
//! ends of a text are. Each segment records which trigger words it holds (as ASCII-letter
//! runs, case-folded), and a pattern is searched only in segments that hold all the word
//! classes every one of its matches contains. The two characters that case-fold to ASCII
//! letters (the Kelvin sign, the long s) mark a segment as holding every word.

use regex::Captures;

use crate::Pat;

/// Word classes (bits of [`Segment::words`]).
pub(crate) mod w {
    /// A digit (any numeric character: `\d` is Unicode).
    pub const DIGIT: u64 = 1;
    /// A full month name.
    pub const MONTH: u64 = 1 << 1;
    /// A month abbreviation (`Jan`, `Sept`).
    pub const MON_ABBR: u64 = 1 << 2;
    /// A full weekday name.
    pub const WEEKDAY: u64 = 1 << 3;
    /// `today`, `tonight`, `yesterday`, `tomorrow`, `overnight`.
    pub const DEICTIC: u64 = 1 << 4;
    /// `week`, `weekend`, `month`, `year`, `quarter`.
    pub const PERIOD_UNIT: u64 = 1 << 5;
    /// `day(s)`, `week(s)`, `month(s)`, `year(s)`, `decade(s)`.
    pub const AGO_UNIT: u64 = 1 << 6;
    /// `ago`, `earlier`, `later`, `before`, `after`, `from`, `previously`.
    pub const AGO_DIR: u64 = 1 << 7;
    /// `weekend`.
    pub const WEEKEND: u64 = 1 << 8;
    /// `day`, `morning`, `afternoon`, `evening`.
    pub const DAY: u64 = 1 << 9;
    /// `quarter`, `half`.
    pub const QUARTER_HALF: u64 = 1 << 10;
    /// `quarter`, `period`.
    pub const QUARTER_PERIOD: u64 = 1 << 11;
    /// `nine`, `date` (with [`DIGIT`]: the year to date).
    pub const YTD: u64 = 1 << 12;
    /// `year`.
    pub const YEAR: u64 = 1 << 13;
    /// `nineteen`, `thousand`.
    pub const SPELLED_YEAR: u64 = 1 << 14;
    /// A word of a holiday's name.
    pub const HOLIDAY: u64 = 1 << 15;
    /// A season.
    pub const SEASON: u64 = 1 << 16;
    /// `year`, `month`, `day`.
    pub const THAT_UNIT: u64 = 1 << 17;
    /// `twenties` ... `nineties`.
    pub const SPELLED_DECADE: u64 = 1 << 18;
    /// `century`.
    pub const CENTURY: u64 = 1 << 19;
    /// A word of a temporal reference (`now`, `recently`, `the past`...).
    pub const REF: u64 = 1 << 20;
    /// A word that starts like a month (`Jan`, `Mayor`): a day-month date needs no boundary
    /// after its month.
    pub const MONTH_START: u64 = 1 << 21;
    /// A non-ASCII character a Unicode class of the patterns may match (white space, a digit):
    /// the segment is searched with the Unicode automata (see [`crate::Pat`]).
    pub const UNICODE: u64 = 1 << 22;
    /// Every class.
    pub const ALL: u64 = u64::MAX;
}

/// The classes of one case-folded ASCII word of `len` letters, of which `word` holds the
/// first [`LONGEST`] at most.
fn classes(word: &[u8], len: usize) -> u64 {
    let start = match word.get(..3) {
        Some(
            b"jan" | b"feb" | b"mar" | b"apr" | b"may" | b"jun" | b"jul" | b"aug" | b"sep" | b"oct" | b"nov" | b"dec",
        ) => w::MONTH_START,
        _ => 0,
    };
    if len > LONGEST {
        return start;
    }
    let key = pack(word);
    start | TABLE.binary_search_by_key(&key, |&(k, _)| k).map_or(0, |i| TABLE[i].1)
}

/// A word of up to 16 letters as one number (its bytes, big-endian).
fn pack(word: &[u8]) -> u128 {
    word.iter().fold(0, |k, &b| (k << 8) | u128::from(b))
}

/// The trigger words with their classes, by [`pack`]ed word.
static TABLE: std::sync::LazyLock<Vec<(u128, u64)>> = std::sync::LazyLock::new(|| {
    let mut t: Vec<(u128, u64)> = WORDS.iter().map(|&(word, k)| (pack(word), k)).collect();
    t.sort_unstable();
    t
});

/// The trigger words (lower case) and their classes.
const WORDS: &[(&[u8], u64)] = {
    use w::*;
    &[
        (b"january", MONTH),
        (b"february", MONTH),
        (b"march", MONTH),
        (b"april", MONTH),
        (b"june", MONTH),
        (b"july", MONTH),
        (b"august", MONTH),
        (b"september", MONTH),
        (b"october", MONTH),
        (b"november", MONTH),
        (b"december", MONTH),
        (b"may", MONTH),
        (b"jan", MON_ABBR),
        (b"feb", MON_ABBR),
        (b"mar", MON_ABBR),
        (b"apr", MON_ABBR),
        (b"jun", MON_ABBR),
        (b"jul", MON_ABBR),
        (b"aug", MON_ABBR),
        (b"sept", MON_ABBR),
        (b"sep", MON_ABBR),
        (b"oct", MON_ABBR),
        (b"nov", MON_ABBR),
        (b"dec", MON_ABBR),
        (b"monday", WEEKDAY),
        (b"tuesday", WEEKDAY),
        (b"wednesday", WEEKDAY),
        (b"thursday", WEEKDAY),
        (b"friday", WEEKDAY),
        (b"saturday", WEEKDAY),
        (b"sunday", WEEKDAY),
        (b"today", DEICTIC),
        (b"tonight", DEICTIC),
        (b"yesterday", DEICTIC),
        (b"tomorrow", DEICTIC),
        (b"overnight", DEICTIC),
        (b"week", PERIOD_UNIT | AGO_UNIT),
        (b"weekend", PERIOD_UNIT | WEEKEND),
        (b"month", PERIOD_UNIT | AGO_UNIT | THAT_UNIT),
        (b"year", PERIOD_UNIT | AGO_UNIT | YEAR | THAT_UNIT | HOLIDAY),
        (b"quarter", PERIOD_UNIT | QUARTER_HALF | QUARTER_PERIOD),
        (b"day", AGO_UNIT | DAY | THAT_UNIT | HOLIDAY),
        (b"days", AGO_UNIT | REF),
        (b"morning", DAY),
        (b"afternoon", DAY),
        (b"evening", DAY),
        (b"weeks", AGO_UNIT),
        (b"months", AGO_UNIT),
        (b"years", AGO_UNIT),
        (b"decade", AGO_UNIT),
        (b"decades", AGO_UNIT),
        (b"ago", AGO_DIR),
        (b"earlier", AGO_DIR),
        (b"later", AGO_DIR),
        (b"before", AGO_DIR),
        (b"after", AGO_DIR),
        (b"from", AGO_DIR),
        (b"previously", AGO_DIR),
        (b"half", QUARTER_HALF),
        (b"period", QUARTER_PERIOD),
        (b"nine", YTD),
        (b"date", YTD | REF),
        (b"nineteen", SPELLED_YEAR),
        (b"thousand", SPELLED_YEAR),
        (b"thanksgiving", HOLIDAY),
        (b"christmas", HOLIDAY),
        (b"independence", HOLIDAY),
        (b"fourth", HOLIDAY),
        (b"halloween", HOLIDAY),
        (b"valentine", HOLIDAY),
        (b"labor", HOLIDAY),
        (b"memorial", HOLIDAY),
        (b"easter", HOLIDAY),
        (b"veterans", HOLIDAY),
        (b"boxing", HOLIDAY),
        (b"spring", SEASON),
        (b"summer", SEASON),
        (b"autumn", SEASON),
        (b"fall", SEASON),
        (b"winter", SEASON),
        (b"twenties", SPELLED_DECADE),
        (b"thirties", SPELLED_DECADE),
        (b"forties", SPELLED_DECADE),
        (b"fifties", SPELLED_DECADE),
        (b"sixties", SPELLED_DECADE),
        (b"seventies", SPELLED_DECADE),
        (b"eighties", SPELLED_DECADE),
        (b"nineties", SPELLED_DECADE),
        (b"century", CENTURY),
        (b"now", REF),
        (b"currently", REF),
        (b"current", REF),
        (b"nowadays", REF),
        (b"these", REF),
        (b"present", REF),
        (b"recently", REF),
        (b"formerly", REF),
        (b"past", REF),
        (b"future", REF),
        (b"someday", REF),
        (b"term", REF),
    ]
};

/// A stretch of text no match crosses, with the word classes it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub start: usize,
    pub end: usize,
    pub words: u64,
}

/// The segments of a text: `wide` ones (cut only where no pattern matches across) and `narrow`
/// ones (also cut at full stops and commas, which only the day-month patterns cross).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Segments {
    pub wide: Vec<Segment>,
    pub narrow: Vec<Segment>,
}

/// Longest trigger word (`thanksgiving`, `independence`).
const LONGEST: usize = 12;

/// How a character bounds segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// Inside a segment.
    No,
    /// Ends a narrow segment only (`.` and `,`).
    Narrow,
    /// Ends both kinds.
    Both,
}

fn cut(c: char) -> Cut {
    match c {
        '.' | ',' => Cut::Narrow,
        '-' | '/' | '\'' | '_' => Cut::No,
        c if c.is_alphanumeric() || c.is_whitespace() => Cut::No,
        _ => Cut::Both,
    }
}

/// Cuts `text` into segments (see the module documentation).
pub(crate) fn segments(text: &str) -> Segments {
    let bytes = text.as_bytes();
    let mut out = Segments::default();
    let mut wide = Segment { start: 0, end: 0, words: 0 };
    let mut narrow = wide;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            let from = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let k = word_classes(&bytes[from..i]);
            wide.words |= k;
            narrow.words |= k;
            continue;
        }
        // The commonest characters between words: inside segments.
        if b == b' ' {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            wide.words |= w::DIGIT;
            narrow.words |= w::DIGIT;
            i += 1;
            continue;
        }
        let (c, width) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            let c = text[i..].chars().next().expect("char");
            (c, c.len_utf8())
        };
        let k = match c {
            '\u{212a}' | '\u{17f}' => w::ALL,
            c if c.is_ascii_digit() => w::DIGIT,
            c if c.is_ascii() => 0,
            c if c.is_numeric() => w::DIGIT | w::UNICODE,
            c if c.is_whitespace() => w::UNICODE,
            _ => 0,
        };
        wide.words |= k;
        narrow.words |= k;
        let how = cut(c);
        if how != Cut::No {
            narrow.end = i;
            push(&mut out.narrow, narrow);
            narrow = Segment { start: i + width, end: 0, words: 0 };
        }
        if how == Cut::Both {
            wide.end = i;
            push(&mut out.wide, wide);
            wide = Segment { start: i + width, end: 0, words: 0 };
        }
        i += width;
    }
    wide.end = text.len();
    narrow.end = text.len();
    push(&mut out.wide, wide);
    push(&mut out.narrow, narrow);
    out
}

/// The classes of a run of ASCII letters.
fn word_classes(run: &[u8]) -> u64 {
    if run.len() < 3 {
        return 0;
    }
    let mut word = [0u8; LONGEST];
    let n = run.len().min(LONGEST);
    for (d, s) in word.iter_mut().zip(&run[..n]) {
        *d = s.to_ascii_lowercase();
    }
    classes(&word[..n], run.len())
}

/// Keeps a segment that holds a trigger word.
fn push(v: &mut Vec<Segment>, s: Segment) {
    if s.words != 0 && s.start < s.end {
        v.push(s);
    }
}

/// The matches of a pattern in `text` (as its Unicode automaton's `captures_iter(text)` finds
/// them), searched only in the segments that hold a word of every class in `need`, with the
/// ASCII automaton where the segment allows.
pub(crate) fn captures<'r, 't>(
    pat: &'r Pat,
    text: &'t str,
    segs: &'t [Segment],
    need: &'static [u64],
) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
    segs.iter().filter(move |s| need.iter().all(|&k| s.words & k != 0)).flat_map(move |s| {
        let hay = &text[..s.end];
        let re = if s.words & w::UNICODE != 0 { &*pat.unicode } else { &*pat.ascii };
        let mut at = s.start;
        std::iter::from_fn(move || {
            let c = re.captures_at(hay, at)?;
            at = c.get(0).expect("match").end();
            Some(c)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One segment over the whole text, holding every word: every pattern searches all of it.
    fn whole(text: &str) -> Segments {
        let all = vec![Segment { start: 0, end: text.len(), words: w::ALL }];
        Segments { wide: all.clone(), narrow: all }
    }

    fn found(text: &str, segs: &Segments) -> Vec<String> {
        crate::collect(text, segs).iter().map(|c| format!("{}..{} {:?}", c.start, c.end, c.spec)).collect()
    }

    const PIECES: &[&str] = &[
        " ",
        " ",
        " ",
        "\n\n",
        ". ",
        ", ",
        ".",
        ",",
        ";",
        ":",
        "(",
        ")",
        "\"",
        "“",
        "”",
        "’",
        "'",
        "-",
        "/",
        "_",
        "—",
        "March\u{a0}5",
        "5\u{2003}years ago",
        "２０１９",
        "last\u{a0}week",
        "the\u{85}weekend",
        "Tues.\u{a0}Sept.",
        "\u{2003}",
        "１",
        "²",
        "ǅ",
        "é",
        "\u{212a}",
        "\u{17f}",
        "\u{a0}",
        "٣",
        "5",
        "12",
        "2019",
        "1990s",
        "3/15/2013",
        "2012-04-01",
        "Q3",
        "9",
        "the",
        "The",
        "on",
        "of",
        "last",
        "next",
        "this",
        "early",
        "fiscal",
        "a",
        "two",
        "nine",
        "Monday",
        "Tues.",
        "Sept.",
        "Jan",
        "March",
        "May",
        "Mayor",
        "June",
        "Junction",
        "December",
        "year",
        "years",
        "year's",
        "Year's",
        "New",
        "week",
        "weekend",
        "day",
        "days",
        "month",
        "months",
        "ago",
        "earlier",
        "after",
        "before",
        "from",
        "now",
        "today",
        "yesterday",
        "Tomorrow",
        "quarter",
        "half",
        "period",
        "third",
        "first",
        "nineteen",
        "eighty",
        "thousand",
        "Christmas",
        "Eve",
        "Valentine's",
        "spring",
        "fall",
        "the past",
        "nineties",
        "21st",
        "century",
        "end",
        "full",
        "that",
        "following",
        "date",
        "to",
        "currently",
        "weeKend",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn segments_find_what_the_whole_text_search_finds(
            idx in proptest::collection::vec(0..PIECES.len(), 0..60),
            glue in proptest::collection::vec(proptest::bool::ANY, 60),
        ) {
            let mut text = String::new();
            for (k, &i) in idx.iter().enumerate() {
                if glue[k] {
                    text.push(' ');
                }
                text.push_str(PIECES[i]);
            }
            prop_assert_eq!(found(&text, &segments(&text)), found(&text, &whole(&text)), "{:?}", text);
        }
    }

    #[test]
    fn segments_cut_at_punctuation_and_know_their_words() {
        let t = "On March 5, 2019 (a Tuesday) the “quarter” ended.";
        let s = segments(t);
        let wide: Vec<&str> = s.wide.iter().map(|g| &t[g.start..g.end]).collect();
        // Stretches without a trigger word (" the ", " ended.") are left out.
        assert_eq!(wide, ["On March 5, 2019 ", "a Tuesday", "quarter"]);
        assert_eq!(s.wide[0].words, w::MONTH | w::MONTH_START | w::DIGIT);
        assert_eq!(s.wide[1].words, w::WEEKDAY);
        let narrow: Vec<&str> = s.narrow.iter().map(|g| &t[g.start..g.end]).collect();
        assert_eq!(narrow, ["On March 5", " 2019 ", "a Tuesday", "quarter"]);
    }

    #[test]
    fn non_ascii_characters_the_unicode_classes_match_are_flagged() {
        let re = regex::Regex::new(r"(?i)[a-z]|\s|\d").expect("pattern");
        let mut buf = [0u8; 4];
        for c in ('\u{80}'..=char::MAX).filter(|c| re.is_match(c.encode_utf8(&mut buf))) {
            let s = segments(&format!("2019 {c} year"));
            assert!(s.narrow.iter().all(|g| g.words & w::UNICODE != 0), "{c:?}");
        }
    }

    #[test]
    fn each_trigger_word_is_listed_once() {
        let mut words: Vec<&[u8]> = WORDS.iter().map(|&(word, _)| word).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), WORDS.len());
        assert!(words.iter().all(|word| word.len() <= LONGEST));
        assert_eq!(classes(b"year", 4), w::PERIOD_UNIT | w::AGO_UNIT | w::YEAR | w::THAT_UNIT | w::HOLIDAY);
        assert_eq!(classes(b"mayor", 5), w::MONTH_START);
        assert_eq!(classes(b"ye", 2), 0);
    }

    #[test]
    fn a_kelvin_sign_or_a_long_s_holds_every_word() {
        let s = segments("the wee\u{212a}end");
        assert_eq!(s.wide[0].words, w::ALL);
        assert_eq!(segments("the weekends").wide.len(), 0);
    }
}
