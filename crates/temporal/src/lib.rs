//! Temporal expressions in English news text: finding them, resolving them to calendar dates
//! against the report's publication date (the *document creation time*, DCT), and inferring the
//! publication date of undated reports from the rest of their story.
//!
//! Everything here is pure (no I/O), deterministic and linear in the text length (the `regex`
//! crate guarantees linear matching; resolution is one pass over the matches).
//!
//! # What is found
//! * absolute dates: `April 23`, `23 April`, `Thursday 23 April`, `Apr 22, 2025`, `the 5th of May`,
//!   `2024-03-05`, months with a year (`February 2022`), bare months (`in March`, `last April`),
//!   years (`2019`), decades (`the 1990s`, `the nineties`), centuries (`the 20th century` → `19`),
//!   quarters and halves (`the third quarter`), seasons, and the DCT's year named as a period
//!   (`by year-end`, `the end of the year`, `the current fiscal year`, `the full year`);
//! * weekdays: `on Monday`, `last Friday`, `next Wednesday`, `Sunday's vote`;
//! * deictic words: `today`, `yesterday`, `tomorrow`, `the day before yesterday`, `overnight`;
//! * relative periods: `this week`, `last month`, `next year`, `at the weekend`, `earlier this year`,
//!   `two days ago`, `a year ago`;
//! * anchored forms: `four days after`, `two weeks later`, `the next day`, `the previous day`,
//!   resolved against the last day-precise date found earlier in the same text (else the DCT).
//!   `A came four days after B` gives the date of B (the clause that follows): four days before
//!   the anchor; `two weeks later` and `the next day` date their own clause, after the anchor;
//! * anaphoric periods: `that year`, `that month`, `later that day`, `the following year`, resolved
//!   against the last calendar date, month or year narrated before them (dropped when none was);
//!   `for the year`, `of the year` name the DCT's year; `a decade ago`, `last Thanksgiving`;
//! * vague references: `now`, `currently`, `current`, `recently`, `formerly`, `the past`,
//!   `the future`, `recent years`, `coming months` (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`);
//! * months of a relative year (`June last year`), holidays (`Thanksgiving`, `Easter Sunday`),
//!   spelled-out years (`nineteen ninety-six`, `the year two thousand`), parts of a day kept in the
//!   span (`Wednesday night`), modifiers kept in the span (`late yesterday`, `nearly four years ago`);
//! * financial periods, which name the quarter being narrated: `third-quarter`, `the quarter`,
//!   `the latest period`, `the year-ago quarter`, `the 1988 period`, `this year's third quarter`,
//!   and `a year earlier` / `a year ago` once a quarter is narrated (the same quarter a year back:
//!   `third-quarter profit ... from $4 million a year earlier` → `1988-Q3`). The narration only
//!   moves forward (`after a flat second quarter` is a comparison), except to a fiscal quarter,
//!   and `the nine months` moves it to the year to date (`a year earlier` → `1988`);
//! * `the previous Friday`, `the following Monday` (from the day narrated before), `the week of
//!   March 6` (a week), `the day before last Tuesday` (one expression); `the day before` a clause
//!   or an event (`the day after his death`) dates no time and is dropped, and `today's world`,
//!   `the leaders of tomorrow` name an age, not a day;
//! * `until` after a deadline (`extended its deadline until Tuesday`) points ahead.
//!
//! [`find_timexes`] adds what TimeML types as DURATION (`for 18 days`, `the past 10 months`),
//! SET (`every Monday`, `daily`, `$5 million a year`) and TIME (`9 a.m. Tuesday`, `noon`); every
//! expression carries its [`TimexType`]. [`find_dates`] never returns a duration, so a duration is
//! never turned into a date. [`is_report_stamp`] tells the expressions that date the report
//! (datelines, live-blog timestamps, embedded-post signatures) from narrated ones.
//!
//! Values follow TIMEX3 (TimeML): `2024-03-04`, `2024-W10`, `2024-W09-WE`, `2024-03`, `2024-Q1`,
//! `2025-H1`, `2025-SU`, `2025`, `199` (a decade), `PRESENT_REF`.
//!
//! # The news convention (how a weekday or a bare month is placed)
//! A bare weekday ("on Monday") names **the most recent such day on or before the publication
//! date**, because news reports what has happened. It names **the next such day on or after the
//! publication date** when the clause points to the future: a future word before it in the same
//! clause or just after it (`will`, `'ll`, `shall`, `would`, `next`, `set to`, `due to`,
//! `scheduled`, `planned`, `expected`, `going to`, `upcoming`, `is to`...). A past-tense verb
//! right before the weekday (`said on Wednesday`, `announced on Saturday`) keeps the past reading
//! even in a future sentence. `last Monday` is the most recent Monday strictly before the DCT,
//! `next Monday` the first one strictly after it. A bare month follows the same rule at month
//! grain (`in March` in a report from April 2025 is 2025-03; `in December` is 2024-12 unless the
//! clause is future); a month one or two ahead is the coming one unless a past-tense verb governs
//! it, and up to three ahead after `through`, `until` or `by`. `as early as` and `as soon as` are
//! future cues. A clause ends at a sentence's full stop, not at a decimal point (`9.5`), an
//! initialism (`U.S.`) or an abbreviation (`Mr.`, `Oct.`). A month-day date without a year is the next such day in a future clause, the
//! last one on or before the DCT after a past-tense verb (`went missing on March 8` in a December
//! report is the March just gone) and otherwise the last one too, unless the next one is less
//! than 150 days ahead (an announced event: `the Dec. 5 summit`). When a weekday is printed with a calendar date (`Thursday 23 April`) the calendar date
//! wins and a disagreeing weekday is reported in [`TimeExpr::error`] — for a date without a
//! year only within 45 days of the DCT, where the inferred year is safe.
//!
//! # Story-level publication dates
//! [`infer_story_dates`] fills `published` for the undated reports of a story from their own
//! relative references, resolved against the story's dated reports; see its documentation.

use std::sync::LazyLock;

use scan::{Segments, w};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use parallax_core::Article;
use regex::Regex;
use serde::Serialize;

mod other;
mod scan;
mod stamp;

pub use stamp::is_report_stamp;

/// Precision of a resolved expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    /// One calendar day.
    Day,
    /// A Saturday–Sunday weekend.
    Weekend,
    /// An ISO week.
    Week,
    /// A calendar month.
    Month,
    /// A quarter of a year.
    Quarter,
    /// A half year.
    Half,
    /// A season.
    Season,
    /// A calendar year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
    /// A vague reference to the present, past or future.
    Reference,
    /// A length of time, not a date (only from [`find_timexes`]).
    Duration,
    /// A recurring time (only from [`find_timexes`]).
    Set,
}

impl Grain {
    /// Lower-case name (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Weekend => "weekend",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Half => "half",
            Grain::Season => "season",
            Grain::Year => "year",
            Grain::Decade => "decade",
            Grain::Century => "century",
            Grain::Reference => "reference",
            Grain::Duration => "duration",
            Grain::Set => "set",
        }
    }
}

/// How an expression names its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A calendar date, month, year... (`23 April`, `February 2022`).
    Absolute,
    /// A weekday (`on Monday`).
    Weekday,
    /// Today, yesterday, tomorrow, overnight.
    Deictic,
    /// A period relative to the DCT (`last week`, `two days ago`).
    Relative,
    /// A period relative to another event in the text (`four days after`).
    Anchored,
    /// A vague reference (`now`, `recently`).
    Reference,
}

/// TimeML type of a temporal expression (the TIMEX3 `type` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    /// A calendar date or period (`Monday`, `last week`, `1998-Q3`, `PRESENT_REF`).
    #[default]
    Date,
    /// A time of day (`Wednesday night`, `9 a.m. Tuesday`).
    Time,
    /// A length of time (`for 18 days`, `the past 10 months`).
    Duration,
    /// A recurring time (`every Monday`, `daily`).
    Set,
}

impl TimexType {
    /// TimeML name: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeExpr {
    /// The expression as written.
    pub text: String,
    /// Byte offset of the start in the text.
    pub start: usize,
    /// Byte offset of the end in the text.
    pub end: usize,
    /// How the expression names its date.
    pub kind: Kind,
    /// Precision.
    pub grain: Grain,
    /// TIMEX3 value (`2024-03-04`, `2024-W10`, `PRESENT_REF`); `None` when it cannot be resolved
    /// (a relative expression without a publication date).
    pub value: Option<String>,
    /// First day of the resolved range.
    pub first: Option<NaiveDate>,
    /// Last day of the resolved range.
    pub last: Option<NaiveDate>,
    /// Whether the future reading was chosen (see the crate documentation).
    pub future: bool,
    /// How the value was obtained.
    pub evidence: String,
    /// An inconsistency inside the expression (a weekday that does not fit its date).
    pub error: Option<String>,
    /// TimeML type (`DATE`, `TIME`; `DURATION` and `SET` only from [`find_timexes`]).
    pub timex_type: TimexType,
}

impl TimeExpr {
    /// The resolved day, when the expression is day-precise.
    pub fn day(&self) -> Option<NaiveDate> {
        if self.grain == Grain::Day { self.first } else { None }
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns

const MONTH: &str = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";
const MONTH_FULL: &str =
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.?|Tues?\.?|Wed\.?|Thu(?:rs?)?\.?|Fri\.?|Sat\.?|Sun\.?)";

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid pattern")
}

/// A date pattern compiled twice (each lazily): with Unicode classes, for any text, and with
/// ASCII ones, for segments (see [`scan`]) whose non-ASCII characters none of the patterns'
/// classes matches: there both find the same matches, and the ASCII automaton is smaller,
/// quicker to build and to run.
pub(crate) struct Pat {
    pub(crate) unicode: LazyLock<Regex>,
    pub(crate) ascii: LazyLock<Regex>,
}

/// A [`Pat`] of a pattern (an expression giving a `&str` or a `String`).
macro_rules! pat {
    ($pattern:expr) => {
        Pat { unicode: LazyLock::new(|| re(&$pattern)), ascii: LazyLock::new(|| ascii_re(&$pattern)) }
    };
}

/// Compiles a pattern with ASCII classes (`\s`, `\d`, case folding).
fn ascii_re(s: &str) -> Regex {
    regex::RegexBuilder::new(s).unicode(false).build().expect("valid ASCII pattern")
}

static RE_ISO: Pat = pat!(r"(?-u:\b)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?-u:\b)");
/// `3/15/2013` (month first, as in US news, unless the first number cannot be a month).
static RE_NUMERIC: Pat = pat!(r"(?-u:\b)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?-u:\b)");
/// `Q3 2012`, `Q3 of 2012`, `2012 Q3`: a quarter written as in financial reports.
static RE_Q_YEAR: Pat =
    pat!(r"(?-u:\b)(?:Q(?P<q>[1-4])\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)\s+Q(?P<q2>[1-4]))(?-u:\b)");
static RE_MDY: Pat = pat!(format!(
    r"(?-u:\b)(?:{WEEKDAY},?\s+(?:the\s+)?)?{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
));
static RE_DMY: Pat = pat!(format!(
    r"(?-u:\b)(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
));
static RE_MY: Pat = pat!(format!(
    r"(?-u:\b)(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?{MONTH_FULL},?\s+(?:of\s+)?(?P<y>\d{{4}})(?-u:\b)"
));
static RE_MONTH: Pat = pat!(format!(
    r"(?-u:\b)(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Mm]id|[Ll]ate)[- ])?{MONTH_FULL}(?:,?\s+(?P<yrel>this|last|next)\s+year)?(?-u:\b)"
));
static RE_YEAR: Pat =
    pat!(r"(?-u:\b)(?:(?P<fy>fiscal)\s+)?(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ])?(?P<y>(?:18|19|20)\d\d)(?-u:\b)");
static RE_DECADE: Pat =
    pat!(r"(?-u:\b)(?:(?P<the>the)\s+)?(?:(?:early|mid|late)[- ])?(?P<dec>(?:18|19|20)\d)0s(?-u:\b)");
static RE_WEEKDAY: Pat = pat!(
    r"(?-u:\b)(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast|[Tt]he\s+(?:previous|preceding|following))\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)"
);
static RE_DEICTIC: Pat = pat!(
    r"(?i)(?-u:\b)(?P<w>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow|overnight)(?-u:\b)"
);
static RE_REL: Pat = pat!(
    r"(?i)(?-u:\b)(?P<pre>(?:earlier|later)\s+)?(?P<rel>this|last|next|coming|previous|the same|the current|the coming|the next|the previous)\s+(?:past\s+)?(?P<unit>week|weekend|month|year|quarter)(?-u:\b)|(?i)(?-u:\b)(?P<rel2>the\s+(?:past|last))\s+(?P<unit2>year)(?-u:\b)"
);
static RE_WEEKEND: Pat = pat!(r"(?i)(?-u:\b)(?P<w>the weekend)(?-u:\b)");
static RE_AGO: Pat = pat!(
    r"(?i)(?-u:\b)(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a\s+few)\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+(?P<dir>ago|earlier|later|before|after|from now|previously)(?-u:\b)"
);
static RE_ADJ_DAY: Pat = pat!(
    r"(?i)(?-u:\b)the\s+(?P<w>next|following|previous|preceding)\s+(?:day|morning|afternoon|evening)(?-u:\b)|(?-u:\b)the\s+day\s+(?P<w2>before|after)(?-u:\b)"
);
static RE_QUARTER: Pat = pat!(
    r"(?i)(?-u:\b)(?:(?P<yr>this|last|next)\s+year's\s+|(?P<the>the)\s+)?(?:(?P<y2>(?:19|20)\d\d)\s+)?(?:(?P<ago>year-ago|year-earlier|prior-year)\s+)?(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)(?P<sep>[- ])(?:fiscal\s+)?(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?P<y>\d{4})|\s+of\s+(?P<yrel>this|last|next)\s+year)?(?-u:\b)"
);
static RE_FIN: Pat = pat!(
    r"(?i)(?-u:\b)(?:(?P<the>the|this|that|its|last\s+year's|this\s+year's)\s+)?(?P<mods>(?:(?:(?:19|20)\d\d|year-ago|year-earlier|prior-year|year-before|comparable|corresponding|latest|current|same|recent|just-ended|fiscal|previous|prior)\s+)*)(?P<u>quarter|period)(?P<tail>\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?(?-u:\b)"
);
/// The year to date of a financial report: `the nine months`, `the first nine months`, `nine-month`.
static RE_YTD: Pat = pat!(
    r"(?i)(?-u:\b)(?:(?:the|first|latest)\s+(?:first\s+)?(?:nine|9)\s+months|nine-month|year-to-date|year\s+to\s+date)(?-u:\b)"
);
static RE_YEAR_AGO_ADJ: Pat = pat!(r"(?i)(?-u:\b)(?:year-ago|year-earlier)(?-u:\b)");
const UNITS_WORDS: &str = "one|two|three|four|five|six|seven|eight|nine";
static RE_SPELLED_YEAR: Pat = pat!(format!(
    r"(?i)(?-u:\b)(?:(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s+|(?P<the>the\s+year)\s+)?(?:nineteen\s+(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?P<u>{UNITS_WORDS}))?|two\s+thousand(?:\s+(?:and\s+)?(?P<u2>{UNITS_WORDS}|ten))?)(?-u:\b)"
));
static RE_HOLIDAY: Pat = pat!(
    r"(?-u:\b)(?:(?P<rel>last|next|this)\s+)?(?P<h>Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|Independence Day|Fourth of July|Halloween|Valentine's Day|Labor Day|Memorial Day|Easter(?: Sunday)?|Veterans Day|Boxing Day|Election Day)(?-u:\b)"
);
static RE_SEASON: Pat = pat!(
    r"(?i)(?-u:\b)(?P<rel>this past|this|last|next|the|early|late)\s+(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?(?-u:\b)"
);
static RE_YEAR_END: Pat = pat!(
    r"(?i)(?-u:\b)(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+year|(?:the\s+)?year[- ]end|(?:the\s+)?year's\s+end|(?:the|this|its)\s+(?:(?:current|latest)\s+)?(?:fiscal|full)\s+year)(?-u:\b)"
);
static RE_THE_YEAR: Pat = pat!(r"(?-u:\b)(?:[Ff]or|of|in|through|during)\s+(?P<y>the\s+year)(?-u:\b)");
static RE_THAT: Pat = pat!(
    r"(?i)(?-u:\b)(?:(?:later|earlier)\s+)?(?:that\s+(?:same\s+)?(?P<u1>year|month|day)|the\s+following\s+(?P<u2>year|month|day))(?-u:\b)"
);
/// `today is the eighth day of the strike`, `it's the second day of the offensive`: an ordinal
/// day of an ongoing event, said in the present, is the day of the report.
/// `in the last decade` (a time, not `over the past decade`, a length) and `since year-end`
/// (the last end of a year before the report).
static RE_LAST_DECADE: Pat = pat!(r"(?-u:\b)[Ii]n\s+(?P<w>the\s+(?:last|previous)\s+decade)(?-u:\b)");
static RE_SINCE_YEAR_END: Pat = pat!(r"(?-u:\b)[Ss]ince\s+(?P<w>year[- ]end)(?-u:\b)");
static RE_NTH_DAY: Pat = pat!(
    r"(?i)(?-u:\b)(?:today\s+is|it\s+is|it's|it’s|this\s+is)\s+(?P<w>the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+|full\s+)?day)(?-u:\b)"
);
static RE_SPELLED_DECADE: Pat = pat!(
    r"(?-u:\b)[Tt]he\s+(?:(?:early|mid|late)[- ])?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?-u:\b)"
);
static RE_CENTURY: Pat = pat!(
    r"(?i)(?-u:\b)(?:the\s+)?(?:(?P<n>1[0-9]|2[01])(?:st|nd|rd|th)|(?P<w>nineteenth|twentieth|twenty-first))\s+century(?-u:\b)"
);
static RE_REF: Pat = pat!(
    r"(?i)(?-u:\b)(?P<w>now|currently|current|nowadays|these days|at present|recently|formerly|the past|the future|the near future|the distant future|the near term|a later date)(?-u:\b)"
);
/// `one day` after a modal is a vague future (`will one day be`), not a length of time.
static RE_SOMEDAY: Pat = pat!(
    r"(?i)(?-u:\b)(?:will|would|could|may|might|can|shall)\s+(?:[a-z]+ly\s+)?(?P<w>one\s+day|someday|some\s+day)(?-u:\b)"
);

fn month_num(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    let m = match s.get(..3)? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_of(s: &str) -> Option<Weekday> {
    let s = s.trim_end_matches('.');
    Some(match s.get(..3)? {
        "Mon" => Weekday::Mon,
        "Tue" => Weekday::Tue,
        "Wed" => Weekday::Wed,
        "Thu" => Weekday::Thu,
        "Fri" => Weekday::Fri,
        "Sat" => Weekday::Sat,
        "Sun" => Weekday::Sun,
        _ => return None,
    })
}

/// English name of a weekday.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn number_word(s: &str) -> Option<i64> {
    let l = s.to_ascii_lowercase();
    Some(match l.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        _ => return l.parse().ok(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
}

fn unit_of(s: &str) -> Unit {
    let l = s.to_ascii_lowercase();
    if l.starts_with("weekend") {
        Unit::Weekend
    } else if l.starts_with("day") {
        Unit::Day
    } else if l.starts_with("week") {
        Unit::Week
    } else if l.starts_with("month") {
        Unit::Month
    } else if l.starts_with("quarter") {
        Unit::Quarter
    } else {
        Unit::Year
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    None,
    Last,
    Next,
    This,
}

#[derive(Debug, Clone)]
enum Spec {
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    MonthYear {
        year: i32,
        month: u32,
    },
    MonthOfYear {
        month: u32,
        dy: i32,
    },
    Month {
        month: u32,
        rel: Rel,
    },
    Year(i32),
    Decade(i32),
    /// A decade named without its century (`the nineties`): the last such one by the DCT.
    SpelledDecade(i32),
    Century(i32),
    /// `in the last decade`: the decade before the DCT's.
    LastDecade,
    /// `since year-end`: the last day of the year before the DCT's.
    LastYearEnd,
    /// The DCT's year named as a period: `year-end`, `the fiscal year`, `the full year`.
    ThisYear,
    /// `that year`, `the following month`: the period of the last date narrated, `n` units on.
    That {
        unit: Unit,
        n: i64,
    },
    Weekday {
        wd: Weekday,
        rel: Rel,
    },
    /// `the previous Friday`, `the following Monday`: relative to the day narrated before.
    WeekdayAnchored {
        wd: Weekday,
        after: bool,
    },
    Deictic(i64),
    Overnight,
    Period {
        unit: Unit,
        n: i64,
    },
    Ago {
        unit: Unit,
        n: i64,
    },
    Anchored {
        unit: Unit,
        n: i64,
    },
    Quarter {
        q: u32,
        year: Option<i32>,
        /// Named on a fiscal calendar (`the fiscal first quarter`).
        fiscal: bool,
    },
    FinQuarter {
        q: Option<u32>,
        year: Option<i32>,
        dy: i32,
        current: bool,
    },
    Holiday(Holiday, Rel),
    Half {
        h: u32,
        year: Option<i32>,
        /// Years from the DCT's (`the first half of next year`).
        dy: Option<i32>,
    },
    Season {
        s: &'static str,
        year: Option<i32>,
        rel: Rel,
    },
    Ref(&'static str),
}

#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    spec: Spec,
}

fn rel_of(s: Option<&str>) -> Rel {
    match s.map(|s| s.to_ascii_lowercase()) {
        Some(s) if matches!(s.as_str(), "last" | "past" | "previous" | "the previous" | "the past" | "the last") => {
            Rel::Last
        }
        Some(s) if s == "next" || s == "coming" || s == "the coming" || s == "the next" => Rel::Next,
        Some(s) if s == "this" || s == "the current" || s == "the same" => Rel::This,
        _ => Rel::None,
    }
}

/// `last` → -1, `next` → +1, `this` → 0 (years or months away from the DCT).
fn rel_offset(s: &str) -> i32 {
    match rel_of(Some(s)) {
        Rel::Last => -1,
        Rel::Next => 1,
        _ => 0,
    }
}

/// Words after a 4-digit number that show it is a quantity, not a year.
const QUANTITY_NOUNS: &[&str] = &[
    "percent",
    "per",
    "people",
    "troops",
    "soldiers",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "ft",
    "m",
    "tonnes",
    "tons",
    "barrels",
    "points",
    "times",
    "pounds",
    "dollars",
    "euros",
    "votes",
    "homes",
    "acres",
    "square",
    "units",
    "jobs",
    "workers",
    "cases",
    "deaths",
    "civilians",
    "residents",
    "members",
    "children",
    "students",
    "employees",
    "shares",
    "rounds",
    "drones",
    "missiles",
    "strikes",
    "attacks",
    "hours",
    "days",
    "calories",
    "words",
    "pages",
    "cars",
    "vehicles",
    "houses",
    "buildings",
    "new",
    "more",
    "of",
    "and",
];

/// A capitalised word right after another capitalised word is part of a name ("USA Today").
fn in_name(text: &str, start: usize, word: &str) -> bool {
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    let before = text[..start].trim_end_matches(' ');
    if before.len() == text[..start].len() {
        return false; // not separated by a space: sentence start, quote, bracket
    }
    let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    const FUNCTION: &[&str] = &[
        "on", "in", "at", "by", "since", "until", "till", "from", "last", "next", "this", "the", "early", "late",
        "before", "after", "through", "of", "for", "and", "but", "or", "then", "also", "since", "by", "as", "until",
        "earlier", "later", "so", "yet", "still", "only", "even", "every", "each", "that", "said", "says",
    ];
    prev.starts_with(char::is_uppercase)
        && prev.chars().all(char::is_alphabetic)
        && !FUNCTION.contains(&prev.to_lowercase().as_str())
}

/// Words that make a weekday part of a name ("Black Friday", "Easter Sunday", "Super Tuesday").
const DAY_NAME_WORDS: &[&str] = &[
    "black",
    "good",
    "easter",
    "palm",
    "ash",
    "holy",
    "maundy",
    "bloody",
    "super",
    "cyber",
    "giving",
    "shrove",
    "fat",
    "whit",
    "low",
    "mothering",
    "orthodox",
    "great",
    "small",
    "business",
    "travel",
    "blue",
    "mad",
    "manic",
];

/// Whether the weekday at `start` is part of a name: preceded by one of [`DAY_NAME_WORDS`] (a
/// weekday after an ordinary name, "Clinton Saturday vowed", is a date).
fn named_day(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    if before.len() == start {
        return false;
    }
    let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    prev.starts_with(char::is_uppercase) && DAY_NAME_WORDS.contains(&prev.to_lowercase().as_str())
}

/// Words before a bare month name that make it a date ("in March", "the October vote").
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "of",
    "through",
    "before",
    "after",
    "on",
    "the",
    "for",
    "to",
    "between",
    "and",
    "or",
    "early",
    "mid",
    "late",
    "since",
    "as",
    "throughout",
    "last",
    "next",
    "this",
    "each",
    "every",
    "until",
    "around",
    "about",
];

/// Whether a month name standing alone is a date: after a cue word (always needed for the
/// ambiguous `May`, `March`, `August`), else unless it looks like part of a name (a capitalised
/// word right before or after: "Ms. April Ryan", "June Carter").
fn bare_month_is_date(text: &str, start: usize, end: usize) -> bool {
    let prev = text[..start].rsplit(|c: char| c.is_whitespace()).find(|w| !w.is_empty()).unwrap_or("");
    let cue = MONTH_CUES.contains(&prev.to_lowercase().as_str());
    if cue {
        return true;
    }
    if matches!(&text[start..end], "May" | "March" | "August") {
        return text[end..].starts_with("'s") || text[end..].starts_with("’s");
    }
    let next = text[end..].trim_start_matches(' ');
    let next_cap = next.len() < text.len() - end && next.starts_with(char::is_uppercase);
    !next_cap && !in_name(text, start, &text[start..end])
}

/// Whether a bare month `ahead` months after the DCT's (0-11) is the coming one without a future
/// word: one or two months ahead unless a past-tense verb governs it (`cuts in September` in an
/// August report, `announced a deal to buy the firm in January` in a November one: the months
/// just gone are rarely named bare), up to three months ahead after a deadline (`through January`).
fn month_coming(text: &str, start: usize, ahead: i64) -> bool {
    let prep = words_rev(clause_before(text, start)).next().map(|w| w.to_ascii_lowercase());
    let deadline = matches!(prep.as_deref(), Some("through" | "until" | "till" | "by"));
    let gov = governing_verb(text, start);
    let near = (1..=2).contains(&ahead) && !past_context(text, start) && gov != Governor::Past;
    near || ((deadline || gov == Governor::Infinitive) && (1..=4).contains(&ahead))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governor {
    Past,
    Infinitive,
    None,
}

const DETERMINERS: &[&str] = &["a", "an", "the", "its", "their", "his", "her", "our", "this", "that"];

/// The verb that governs the expression at `start`, within fifteen words before it in its clause:
/// a past-tense verb (not after `be`, `will`, `to`), or a `to` + verb in between, which hands the
/// expression to the infinitive (`decided to admit them in March`, `a deal to buy the bank in
/// January`, `plans to pay the loan by February`).
fn governing_verb(text: &str, start: usize) -> Governor {
    let before: Vec<String> = words_rev(clause_before(text, start)).take(16).map(|w| w.to_ascii_lowercase()).collect();
    let aux = |w: &str| matches!(w, "be" | "been" | "being" | "will" | "would" | "to" | "shall" | "'ll");
    for i in 0..before.len() {
        let w = before[i].as_str();
        let next = if i > 0 { before[i - 1].as_str() } else { "" };
        if w == "to"
            && next.chars().all(|ch| ch.is_ascii_lowercase())
            && !next.is_empty()
            && !DETERMINERS.contains(&next)
        {
            return Governor::Infinitive; // not "to 5 million", "to a calendar year"
        }
        let prev = before.get(i + 1).map_or("", String::as_str);
        if ((w.ends_with("ed") && w.len() > 4) || PAST_IRREGULAR.contains(&w)) && !aux(prev) {
            return Governor::Past;
        }
    }
    Governor::None
}

/// Nouns that make `today's` generic: the present age, not the day (`today's youth`).
const GENERIC_NOUNS: &[&str] = &[
    "world",
    "youth",
    "society",
    "generation",
    "young",
    "children",
    "kids",
    "teenagers",
    "standards",
    "era",
    "age",
    "economy",
    "consumers",
    "technology",
    "computers",
    "personal",
    "families",
    "workers",
    "women",
    "men",
];

/// Whether `today` or `tomorrow` at `start..end` names an age rather than a day: `today's world`,
/// `many of today's computers`, `the people of tomorrow`.
fn generic_day(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end().to_ascii_lowercase();
    if before.ends_with(" of") && text[start..end].eq_ignore_ascii_case("tomorrow") {
        return true; // "the leaders of tomorrow"
    }
    let Some(rest) = text[end..].strip_prefix("'s ").or_else(|| text[end..].strip_prefix("’s ")) else {
        return false;
    };
    let noun: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    GENERIC_NOUNS.contains(&noun.to_ascii_lowercase().as_str()) || before.ends_with("many of")
}

/// A word in capitals ("TODAY", "NOW"): a name or a heading, not a date.
fn shouting(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !s.chars().any(char::is_lowercase)
}

fn collect(text: &str, segs: &Segments) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let mut push = |start: usize, end: usize, spec: Spec| out.push(Cand { start, end, spec });
    for c in scan::captures(&RE_ISO, text, &segs.narrow, &[w::DIGIT]) {
        let m = c.get(0).expect("match");
        let (y, mo, d) = (c["y"].parse().ok(), c["m"].parse().ok(), c["d"].parse().ok());
        if let (Some(y), Some(mo), Some(d)) = (y, mo, d)
            && NaiveDate::from_ymd_opt(y, mo, d).is_some()
        {
            push(m.start(), m.end(), Spec::Date { year: Some(y), month: mo, day: d, weekday: None });
        }
    }
    numeric_dates(text, segs, &mut push);
    // A day-month date needs no boundary after its month ("5 Mayor" holds "5 May").
    let month_day: [(&Pat, &'static [u64]); 2] =
        [(&RE_MDY, &[w::MONTH | w::MON_ABBR, w::DIGIT]), (&RE_DMY, &[w::MONTH_START, w::DIGIT])];
    for (re, need) in month_day {
        for c in scan::captures(re, text, &segs.wide, need) {
            let m = c.get(0).expect("match");
            let Some(month) = month_num(&c["mon"]) else { continue };
            let day: u32 = c["d"].parse().unwrap_or(0);
            if !(1..=31).contains(&day) {
                continue;
            }
            let year = c.name("y").and_then(|y| y.as_str().parse().ok());
            let weekday = c.name("wd").and_then(|w| weekday_of(w.as_str()));
            // A weekday abbreviation alone ("Sun 5 May") only counts when followed by a date: it is.
            push(m.start(), m.end(), Spec::Date { year, month, day, weekday });
        }
    }
    for c in scan::captures(&RE_MY, text, &segs.wide, &[w::MONTH, w::DIGIT]) {
        let m = c.get(0).expect("match");
        let (Some(month), Ok(year)) = (month_num(&c["mon"]), c["y"].parse::<i32>()) else { continue };
        push(m.start(), m.end(), Spec::MonthYear { year, month });
    }
    for c in scan::captures(&RE_MONTH, text, &segs.wide, &[w::MONTH]) {
        let mon = c.name("mon").expect("month");
        let Some(month) = month_num(mon.as_str()) else { continue };
        let rel_m = c.name("rel");
        let rel = rel_of(rel_m.map(|r| r.as_str()));
        let start = match rel_m {
            Some(r) => r.start(),
            None => mon.start(),
        };
        if let Some(y) = c.name("yrel") {
            // "June last year", "April next year": the month of a year relative to the DCT.
            let dy = rel_offset(y.as_str());
            push(start, y.end() + " year".len(), Spec::MonthOfYear { month, dy });
        } else if rel_m.is_some() || bare_month_is_date(text, mon.start(), mon.end()) {
            push(start, mon.end(), Spec::Month { month, rel });
        }
    }
    for c in scan::captures(&RE_YEAR, text, &segs.narrow, &[w::DIGIT]) {
        let m = c.get(0).expect("match");
        let y = c.name("y").expect("year");
        let Ok(year) = y.as_str().parse::<i32>() else { continue };
        let before = &text[..m.start()];
        let prev = before.chars().next_back();
        if matches!(prev, Some('$' | '£' | '€' | '#' | '.' | ',' | '/' | ':' | '+')) {
            continue;
        }
        let after = &text[y.end()..];
        if after.starts_with(|ch: char| {
            matches!(ch, '%' | '/' | '.' | ',') && after[1..].starts_with(|d: char| d.is_ascii_digit())
        }) || after.starts_with('%')
            || after.starts_with(":")
        {
            continue;
        }
        let next_word: String =
            after.trim_start().chars().take_while(|ch| ch.is_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if QUANTITY_NOUNS.contains(&next_word.as_str()) && !after.starts_with(',') && after.starts_with(' ') {
            // "2019 and 2020" is two years; "2000 troops" is a number.
            if next_word != "and" && next_word != "of" && next_word != "new" && next_word != "more" {
                continue;
            }
        }
        push(m.start(), m.end(), Spec::Year(year));
    }
    for c in scan::captures(&RE_DECADE, text, &segs.narrow, &[w::DIGIT]) {
        let m = c.get(0).expect("match");
        let Ok(dec) = c["dec"].parse::<i32>() else { continue };
        push(m.start(), m.end(), Spec::Decade(dec));
    }
    year_periods(text, segs, &mut push);
    for c in scan::captures(&RE_WEEKDAY, text, &segs.narrow, &[w::WEEKDAY]) {
        let m = c.get(0).expect("match");
        let Some(wd) = weekday_of(&c["wd"]) else { continue };
        let after = &text[m.end()..];
        if after.starts_with('s') {
            continue;
        }
        if c.name("rel").is_none() && named_day(text, m.start()) {
            continue; // "Black Friday", "Easter Sunday"
        }
        let rel = c.name("rel").map(|r| r.as_str().to_ascii_lowercase());
        if let Some(r) = rel.as_deref().filter(|r| r.starts_with("the")) {
            // "the previous Friday": the Friday before the day narrated.
            push(m.start(), m.end(), Spec::WeekdayAnchored { wd, after: r.ends_with("following") });
            continue;
        }
        push(m.start(), m.end(), Spec::Weekday { wd, rel: rel_of(rel.as_deref()) });
    }
    for c in scan::captures(&RE_DEICTIC, text, &segs.narrow, &[w::DEICTIC]) {
        let m = c.get(0).expect("match");
        if shouting(m.as_str()) || in_name(text, m.start(), m.as_str()) {
            continue; // "USA TODAY", "the USA Today", headings
        }
        let w = c["w"].to_ascii_lowercase();
        if generic_day(text, m.start(), m.end()) {
            continue;
        }
        let spec = match w.as_str() {
            "today" | "tonight" => Spec::Deictic(0),
            "yesterday" => Spec::Deictic(-1),
            "tomorrow" => Spec::Deictic(1),
            "the day before yesterday" => Spec::Deictic(-2),
            "the day after tomorrow" => Spec::Deictic(2),
            _ => Spec::Overnight,
        };
        push(m.start(), m.end(), spec);
    }
    for c in scan::captures(&RE_REL, text, &segs.narrow, &[w::PERIOD_UNIT]) {
        let m = c.get(0).expect("match");
        let (Some(rel_m), Some(unit_m)) = (c.name("rel").or(c.name("rel2")), c.name("unit").or(c.name("unit2"))) else {
            continue;
        };
        if unit_m.as_str().starts_with(char::is_uppercase) {
            continue; // "This Week" (a programme), "Last Year's Man" (a title)
        }
        let after = text[m.end()..].trim_start();
        if c.name("rel2").is_some() && ["of", "or", "and", "-"].iter().any(|w| after.starts_with(w)) {
            continue; // "the last year of the war", "the past year or two"
        }
        let rel = rel_of(Some(&rel_m.as_str().split_whitespace().collect::<Vec<_>>().join(" ")));
        let n = match rel {
            Rel::Last => -1,
            Rel::Next => 1,
            _ => 0,
        };
        push(m.start(), m.end(), Spec::Period { unit: unit_of(unit_m.as_str()), n });
    }
    for c in scan::captures(&RE_WEEKEND, text, &segs.narrow, &[w::WEEKEND]) {
        let m = c.get(0).expect("match");
        push(m.start(), m.end(), Spec::Period { unit: Unit::Weekend, n: 0 });
    }
    for c in scan::captures(&RE_AGO, text, &segs.narrow, &[w::AGO_UNIT, w::AGO_DIR]) {
        let m = c.get(0).expect("match");
        let dir = c["dir"].to_ascii_lowercase();
        let Some(n) = number_word(&c["n"]) else {
            // "several years ago", "a few months ago": an unspecified past.
            match dir.as_str() {
                "ago" => push(m.start(), m.end(), Spec::Ref("PAST_REF")),
                "from now" => push(m.start(), m.end(), Spec::Ref("FUTURE_REF")),
                _ => {}
            }
            continue;
        };
        let unit = unit_of(&c["unit"]);
        // "a decade ago": ten years.
        let n = if c["unit"].to_ascii_lowercase().starts_with("decade") { n * 10 } else { n };
        let spec = match dir.as_str() {
            "ago" => Spec::Ago { unit, n: -n },
            "from now" => Spec::Ago { unit, n },
            // "A came four days after B": the expression dates B, four days before A (the
            // anchor); "four days before B" dates B four days after A.
            "after" => Spec::Anchored { unit, n: -n },
            "before" => Spec::Anchored { unit, n },
            "earlier" | "previously" => Spec::Anchored { unit, n: -n },
            _ => Spec::Anchored { unit, n },
        };
        push(m.start(), m.end(), spec);
    }
    for c in scan::captures(&RE_ADJ_DAY, text, &segs.narrow, &[w::DAY]) {
        let m = c.get(0).expect("match");
        let w = c.name("w").or(c.name("w2")).map(|w| w.as_str().to_ascii_lowercase()).unwrap_or_default();
        let n = if matches!(w.as_str(), "next" | "following" | "after") { 1 } else { -1 };
        push(m.start(), m.end(), Spec::Anchored { unit: Unit::Day, n });
    }
    for c in scan::captures(&RE_QUARTER, text, &segs.narrow, &[w::QUARTER_HALF]) {
        let m = c.get(0).expect("match");
        let o = c["ord"].to_ascii_lowercase();
        let k = match o.as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            // "the last half of 1989" is the second half; "the last quarter" is relative (RE_REL).
            "last" | "latter" if c["unit"].eq_ignore_ascii_case("half") => 2,
            "last" | "latter" => continue,
            _ => 4,
        };
        let year = c.name("y").or(c.name("y2")).and_then(|y| y.as_str().parse().ok());
        // "the third-quarter loss": TimeML leaves the article out of an adjective's span.
        let start = match c.name("the") {
            Some(t) if &c["sep"] == "-" && c.name("y2").is_none() => c.name("ord").map_or(t.start(), |o| o.start()),
            _ => m.start(),
        };
        if let Some(ago) = c.name("ago") {
            // "the year-ago third quarter": the named quarter a year before the one narrated.
            let start = if &c["sep"] == "-" { ago.start() } else { m.start() };
            if c["unit"].eq_ignore_ascii_case("quarter") {
                push(start, m.end(), Spec::FinQuarter { q: Some(k), year: None, dy: -1, current: false });
            }
        } else if let Some(yr) = c.name("yr").or(c.name("yrel")) {
            // "this year's third quarter", "the second quarter of last year".
            let dy = rel_offset(yr.as_str());
            if c["unit"].eq_ignore_ascii_case("half") && k <= 2 {
                push(m.start(), m.end(), Spec::Half { h: k, year: None, dy: Some(dy) });
            }
            if c["unit"].eq_ignore_ascii_case("quarter") {
                push(start, m.end(), Spec::FinQuarter { q: Some(k), year: None, dy, current: true });
            }
        } else if c["unit"].eq_ignore_ascii_case("quarter") {
            let fiscal = m.as_str().to_ascii_lowercase().contains("fiscal");
            push(start, m.end(), Spec::Quarter { q: k, year, fiscal });
        } else if k <= 2 {
            push(m.start(), m.end(), Spec::Half { h: k, year, dy: None });
        }
    }
    fin_quarters(text, segs, &mut push);
    for c in scan::captures(&RE_SPELLED_YEAR, text, &segs.narrow, &[w::SPELLED_YEAR]) {
        let m = c.get(0).expect("match");
        let digit = |w: Option<regex::Match<'_>>| w.and_then(|w| number_word(w.as_str())).unwrap_or(0) as i32;
        let year = match c.name("tens") {
            Some(t) => {
                let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
                    .iter()
                    .position(|x| t.as_str().eq_ignore_ascii_case(x))
                    .unwrap_or(0) as i32;
                1900 + (tens + 2) * 10 + digit(c.name("u"))
            }
            None => 2000 + digit(c.name("u2")),
        };
        match c.name("mon").and_then(|mo| month_num(mo.as_str())) {
            Some(month) => push(m.start(), m.end(), Spec::MonthYear { year, month }),
            None => push(m.start(), m.end(), Spec::Year(year)),
        }
    }
    for c in scan::captures(&RE_HOLIDAY, text, &segs.narrow, &[w::HOLIDAY]) {
        let m = c.get(0).expect("match");
        let full_name = [" Day", " Eve", " Sunday"].iter().any(|w| m.as_str().ends_with(w));
        if !full_name && holiday_as_modifier(&text[m.end()..]) {
            continue;
        }
        let rel = rel_of(c.name("rel").map(|r| r.as_str()));
        push(m.start(), m.end(), Spec::Holiday(holiday_of(&c["h"]), rel));
    }
    for c in scan::captures(&RE_SEASON, text, &segs.narrow, &[w::SEASON]) {
        let m = c.get(0).expect("match");
        if c["s"].starts_with(char::is_uppercase) {
            continue; // "the Summer" in a title
        }
        let rel_l = c["rel"].to_ascii_lowercase();
        let fall = c["s"].eq_ignore_ascii_case("fall");
        if fall && (rel_l == "the" || text[m.end()..].trim_start().starts_with("of")) {
            continue; // "the fall of the regime": a noun
        }
        let s = match c["s"].to_ascii_lowercase().as_str() {
            "spring" => "SP",
            "summer" => "SU",
            "autumn" | "fall" => "FA",
            _ => "WI",
        };
        let year = c.name("y").and_then(|y| y.as_str().parse().ok());
        // "this past spring" is the one of the DCT's year; "last spring" the one a year before.
        let rel = if rel_l == "this past" { Rel::This } else { rel_of(Some(&c["rel"])) };
        push(m.start(), m.end(), Spec::Season { s, year, rel });
    }
    for c in scan::captures(&RE_SOMEDAY, text, &segs.narrow, &[w::DAY | w::REF]) {
        let m = c.name("w").expect("someday");
        push(m.start(), m.end(), Spec::Ref("FUTURE_REF"));
    }
    for c in scan::captures(&RE_REF, text, &segs.narrow, &[w::REF]) {
        let m = c.get(0).expect("match");
        if shouting(m.as_str()) || text[m.end()..].starts_with('-') {
            continue; // "NOW", "now-defunct"
        }
        let w = c["w"].to_ascii_lowercase();
        let before = &text[..m.start()];
        if w == "current" && (before.ends_with("then ") || before.ends_with("then-")) {
            push(m.start() - "then ".len(), m.end(), Spec::Ref("PAST_REF")); // "the then-current price"
            continue;
        }
        let after = text[m.end()..].trim_start();
        if w == "the past" || w.ends_with("future") {
            // "the past three years" is a duration, "the past week" a period.
            let nw: String = after.chars().take_while(|ch| ch.is_alphanumeric()).collect();
            if !nw.is_empty() && (nw.chars().all(|ch| ch.is_ascii_digit()) || number_word(&nw).is_some()) {
                continue;
            }
            // "the future identification": an adjective, not a reference.
            if w.ends_with("future")
                && nw.chars().next().is_some_and(char::is_lowercase)
                && !FUTURE_FOLLOWERS.contains(&nw.as_str())
            {
                continue;
            }
            if matches!(
                nw.to_ascii_lowercase().as_str(),
                "week"
                    | "month"
                    | "year"
                    | "few"
                    | "several"
                    | "decade"
                    | "weeks"
                    | "months"
                    | "years"
                    | "decades"
                    | "days"
                    | "day"
            ) {
                continue;
            }
        }
        let v = match w.as_str() {
            "recently" | "the past" | "formerly" => "PAST_REF",
            "the future" | "the near future" | "the distant future" | "the near term" | "a later date" => "FUTURE_REF",
            _ => "PRESENT_REF",
        };
        push(m.start(), m.end(), Spec::Ref(v));
    }
    out
}

/// Dates written with digits only (`3/15/2013`) and quarters as `Q3 2012`.
fn numeric_dates(text: &str, segs: &Segments, push: &mut impl FnMut(usize, usize, Spec)) {
    for c in scan::captures(&RE_NUMERIC, text, &segs.narrow, &[w::DIGIT]) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with(['/', '.', '-']) || text[m.end()..].starts_with(['/', '-']) {
            continue; // "1/2/2013/4", a fraction or a path
        }
        let (a, b): (u32, u32) = (c["a"].parse().unwrap_or(0), c["b"].parse().unwrap_or(0));
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        let Ok(year) = c["y"].parse::<i32>() else { continue };
        if NaiveDate::from_ymd_opt(year, month, day).is_some() {
            push(m.start(), m.end(), Spec::Date { year: Some(year), month, day, weekday: None });
        }
    }
    for c in scan::captures(&RE_Q_YEAR, text, &segs.narrow, &[w::DIGIT]) {
        let m = c.get(0).expect("match");
        let q = c.name("q").or(c.name("q2")).and_then(|q| q.as_str().parse().ok());
        let year = c.name("y").or(c.name("y2")).and_then(|y| y.as_str().parse().ok());
        if let (Some(q), Some(year)) = (q, year) {
            push(m.start(), m.end(), Spec::Quarter { q, year: Some(year), fiscal: false });
        }
    }
}

/// Whether a date expression starts right after `end` (`two days after Christmas`, `a week
/// before the May 5 vote`), so that `N units before/after` names a date rather than a length of
/// time before an event.
pub(crate) fn date_follows(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let pos = text.len() - rest.len();
    [&RE_ISO, &RE_MDY, &RE_DMY, &RE_MONTH, &RE_YEAR, &RE_WEEKDAY, &RE_HOLIDAY, &RE_DEICTIC]
        .iter()
        .map(|p| &*p.unicode)
        .any(|re| re.find_at(text, pos).is_some_and(|m| m.start() == pos))
}

/// Years named as periods: the DCT's year (`by year-end`, `the fiscal year`), decades without
/// their century (`the nineties`), centuries (`the 20th century` → `19`).
fn year_periods(text: &str, segs: &Segments, push: &mut impl FnMut(usize, usize, Spec)) {
    for c in scan::captures(&RE_YEAR_END, text, &segs.narrow, &[w::YEAR]) {
        let m = c.get(0).expect("match");
        if text[..m.start()].ends_with("ince ") {
            continue; // "since year-end": the end of last year (RE_SINCE_YEAR_END)
        }
        push(m.start(), m.end(), Spec::ThisYear);
    }
    for c in scan::captures(&RE_THE_YEAR, text, &segs.narrow, &[w::YEAR]) {
        let y = c.name("y").expect("the year");
        let after = &text[y.end()..];
        let next: String = after.trim_start().chars().take_while(|ch| ch.is_alphabetic()).collect();
        // "the year before" is anchored, "the year-ago quarter" financial, "the year two thousand" spelled.
        if after.starts_with('-') || matches!(next.as_str(), "before" | "after" | "earlier" | "later" | "ago" | "two") {
            continue;
        }
        push(y.start(), y.end(), Spec::ThisYear);
    }
    for c in scan::captures(&RE_THAT, text, &segs.narrow, &[w::THAT_UNIT]) {
        let m = c.get(0).expect("match");
        let following = c.name("u2").is_some();
        let unit = unit_of(c.name("u1").or(c.name("u2")).map_or("year", |u| u.as_str()));
        push(m.start(), m.end(), Spec::That { unit, n: i64::from(following) });
    }
    for c in scan::captures(&RE_LAST_DECADE, text, &segs.narrow, &[w::AGO_UNIT]) {
        let d = c.name("w").expect("the last decade");
        if !text[d.end()..].trim_start().starts_with("or") {
            push(d.start(), d.end(), Spec::LastDecade); // not "the last decade or so"
        }
    }
    for c in scan::captures(&RE_SINCE_YEAR_END, text, &segs.narrow, &[w::YEAR]) {
        let d = c.name("w").expect("year-end");
        push(d.start(), d.end(), Spec::LastYearEnd);
    }
    for c in scan::captures(&RE_NTH_DAY, text, &segs.narrow, &[w::DAY]) {
        let d = c.name("w").expect("the nth day");
        push(d.start(), d.end(), Spec::Deictic(0));
    }
    const TENS: [&str; 8] =
        ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
    for c in scan::captures(&RE_SPELLED_DECADE, text, &segs.narrow, &[w::SPELLED_DECADE]) {
        let m = c.get(0).expect("match");
        let Some(i) = TENS.iter().position(|t| *t == &c["d"]) else { continue };
        push(m.start(), m.end(), Spec::SpelledDecade(i as i32 + 2));
    }
    for c in scan::captures(&RE_CENTURY, text, &segs.narrow, &[w::CENTURY]) {
        let m = c.get(0).expect("match");
        let n = match c.name("n") {
            Some(n) => n.as_str().parse().unwrap_or(20),
            None => match c["w"].to_ascii_lowercase().as_str() {
                "nineteenth" => 19,
                "twentieth" => 20,
                _ => 21,
            },
        };
        push(m.start(), m.end(), Spec::Century(n - 1));
    }
}

/// Whether a holiday name is used as a modifier ("Easter truce", "Christmas shopping"): it
/// names a thing, not the day being narrated. `after` is the text after the name.
/// Words after `the future` that show it is a noun (`well into the future if...`, `the future
/// that awaits him`), not an adjective (`the future identification`).
const FUTURE_FOLLOWERS: &[&str] = &[
    "of", "and", "or", "is", "was", "will", "would", "as", "in", "for", "if", "that", "which", "when", "but", "than",
    "to", "with", "by", "at", "on", "because", "unless", "while",
];

fn holiday_as_modifier(after: &str) -> bool {
    let rest = after.strip_prefix(' ').unwrap_or("");
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    word.chars().next().is_some_and(char::is_lowercase)
        && !matches!(
            word.as_str(),
            "morning" | "afternoon" | "evening" | "night" | "weekend" | "week" | "holiday" | "and" | "or"
        )
        && !HOLIDAY_FOLLOWERS.contains(&word.as_str())
}

/// Words after a holiday's name that show it is not a modifier (`Christmas shopping`) but the day
/// itself: a preposition, conjunction or verb opens what follows (`rescued last Thanksgiving
/// following a wreck`, `at Christmas when`, `Thanksgiving is`).
const HOLIDAY_FOLLOWERS: &[&str] = &[
    "after",
    "before",
    "following",
    "when",
    "while",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "from",
    "to",
    "with",
    "by",
    "during",
    "until",
    "since",
    "is",
    "was",
    "will",
    "would",
    "has",
    "had",
    "falls",
    "fell",
    "comes",
    "came",
    "but",
    "that",
    "this",
    "last",
    "next",
    "they",
    "he",
    "she",
    "we",
    "it",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holiday {
    Fixed(u32, u32),
    /// The n-th (n > 0) or last (n = -1) weekday of a month.
    Nth(u32, Weekday, i32),
    Easter,
    /// The United States' general election: the Tuesday after the first Monday of November.
    Election,
}

fn holiday_of(name: &str) -> Holiday {
    match name.split_whitespace().next().unwrap_or("") {
        "Thanksgiving" => Holiday::Nth(11, Weekday::Thu, 4),
        "Christmas" if name.ends_with("Eve") => Holiday::Fixed(12, 24),
        "Christmas" => Holiday::Fixed(12, 25),
        "New" if name.ends_with("Eve") => Holiday::Fixed(12, 31),
        "New" => Holiday::Fixed(1, 1),
        "Independence" | "Fourth" => Holiday::Fixed(7, 4),
        "Halloween" => Holiday::Fixed(10, 31),
        "Valentine's" => Holiday::Fixed(2, 14),
        "Labor" => Holiday::Nth(9, Weekday::Mon, 1),
        "Memorial" => Holiday::Nth(5, Weekday::Mon, -1),
        "Veterans" => Holiday::Fixed(11, 11),
        "Boxing" => Holiday::Fixed(12, 26),
        "Election" => Holiday::Election,
        _ => Holiday::Easter,
    }
}

/// The date of a holiday in year `y`.
fn holiday_date(h: Holiday, y: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Holiday::Nth(m, wd, n) if n > 0 => NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8),
        Holiday::Nth(m, wd, _) => {
            let last = add_days(add_months(NaiveDate::from_ymd_opt(y, m, 1)?, 1), -1);
            Some(weekday_near(last, wd, false))
        }
        Holiday::Election => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Mon, 1).map(|d| add_days(d, 1)),
        Holiday::Easter => {
            // Anonymous Gregorian computus.
            let (a, b, c) = (y % 19, y / 100, y % 100);
            let (d, e) = (b / 4, b % 4);
            let g = (8 * b + 13) / 25;
            let h = (19 * a + b - d - g + 15) % 30;
            let (i, k) = (c / 4, c % 4);
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 19 * l) / 433;
            let month = (h + l - 7 * m + 90) / 25;
            let day = (h + l - 7 * m + 33 * month + 19) % 32;
            NaiveDate::from_ymd_opt(y, month as u32, day as u32)
        }
    }
}

/// Financial-report periods: `the quarter`, `the latest period`, `the year-ago quarter`, `the
/// 1988 period`, `last year's quarter`, `the corresponding period last year`, and the adjective
/// `year-earlier`. They name the quarter being narrated (see [`find_dates`]), shifted a year back
/// when the words say so.
fn fin_quarters(text: &str, segs: &Segments, push: &mut impl FnMut(usize, usize, Spec)) {
    for c in scan::captures(&RE_FIN, text, &segs.narrow, &[w::QUARTER_PERIOD]) {
        let m = c.get(0).expect("match");
        let mods = c["mods"].to_ascii_lowercase();
        let the = c.name("the").map(|t| t.as_str().to_ascii_lowercase());
        let year: Option<i32> = mods.split_whitespace().find_map(|w| w.parse().ok());
        let ago = ["year-ago", "year-earlier", "prior-year", "year-before", "comparable", "corresponding"]
            .iter()
            .any(|w| mods.contains(w))
            || c.name("tail").is_some()
            || the.as_deref().is_some_and(|t| t.starts_with("last"));
        let period = c["u"].eq_ignore_ascii_case("period");
        if (period && mods.is_empty()) || (the.is_none() && mods.is_empty()) {
            continue; // "the period", "a quarter": not a dated period
        }
        let after = text[m.end()..].trim_start();
        // "a quarter-century", "the quarter-to-quarter comparison": not a quarter of a year.
        if c["u"].starts_with(char::is_uppercase) || after.starts_with("of a") || text[m.end()..].starts_with('-') {
            continue;
        }
        let current = mods.contains("current");
        let dy = if ago && year.is_none() { -1 } else { 0 };
        push(m.start(), m.end(), Spec::FinQuarter { q: None, year, dy, current });
    }
    for c in scan::captures(&RE_YEAR_AGO_ADJ, text, &segs.narrow, &[w::YEAR]) {
        let m = c.get(0).expect("match");
        push(m.start(), m.end(), Spec::FinQuarter { q: None, year: None, dy: -1, current: false });
    }
}

/// Keeps the longest candidate at each position, dropping overlapping shorter ones.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    // Longest first, then keep non-overlapping.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| {
        let la = cands[a].end - cands[a].start;
        let lb = cands[b].end - cands[b].start;
        lb.cmp(&la).then(cands[a].start.cmp(&cands[b].start))
    });
    // Kept spans are disjoint: the one starting last before `e` is the only one that can overlap.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut keep = vec![false; cands.len()];
    for i in order {
        let (s, e) = (cands[i].start, cands[i].end);
        let overlaps = taken.range(..e).next_back().is_some_and(|(_, &te)| te > s);
        if !overlaps {
            taken.insert(s, e);
            keep[i] = true;
        }
    }
    cands.into_iter().zip(keep).filter_map(|(c, k)| k.then_some(c)).collect()
}

// ---------------------------------------------------------------------------------------------
// Tense

const FUTURE_WORDS: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "would",
    "next",
    "scheduled",
    "planned",
    "plans",
    "plan",
    "planning",
    "expected",
    "expects",
    "due",
    "upcoming",
    "going",
    "slated",
    "intends",
    "intend",
    "set",
    "won't",
    "won’t",
];
/// An adverb in -ly ("separately"), skipped when looking for the verb before a date.
fn adverb(w: &str) -> bool {
    w.ends_with("ly") && w.len() > 4
}

/// Present-tense verbs that, right before a date, announce a scheduled event.
const SCHEDULE_VERBS: &[&str] = &[
    "meet",
    "meets",
    "begin",
    "begins",
    "open",
    "opens",
    "start",
    "starts",
    "resume",
    "resumes",
    "arrive",
    "arrives",
    "leave",
    "leaves",
    "vote",
    "votes",
    "return",
    "returns",
    "travel",
    "travels",
    "visit",
    "visits",
    "host",
    "hosts",
    "testify",
    "testifies",
    "convene",
    "convenes",
    "reopen",
    "reopens",
    "close",
    "closes",
    "expire",
    "expires",
    "launch",
    "launches",
];
/// Future words that are also nouns: a cue only before `to`.
const PLAN_NOUNS: &[&str] = &["plan", "plans", "planning"];
const PAST_IRREGULAR: &[&str] = &[
    "said", "told", "met", "spoke", "wrote", "made", "took", "gave", "came", "went", "held", "began", "began", "began",
    "saw", "left", "sent", "struck", "hit", "won", "lost", "fell", "rose", "broke", "led", "paid", "sold", "bought",
    "brought", "thought", "found", "got", "put", "ran", "set", "shot", "was", "were", "had", "did", "killed",
];
const SKIP_BEFORE: &[&str] =
    &["on", "early", "late", "earlier", "later", "by", "until", "from", "since", "last", "this", "again", "also", "in"];

fn words_rev(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '"' | '“' | '”' | ';' | ':'))
        .filter(|w| !w.is_empty())
        .rev()
}

/// The clause before `start`: back to the last sentence end.
/// How far the tense cues are looked for around an expression (bytes): bounded, so that a huge
/// paragraph without sentence ends stays linear.
const CLAUSE_WINDOW: usize = 300;

fn clause_before(text: &str, start: usize) -> &str {
    let mut lo = start.saturating_sub(CLAUSE_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = &text[lo..start];
    &before[sentence_start(before)..]
}

/// Titles and month abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "prof", "rev",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "mt", "ft",
];

/// Where the last sentence of `before` starts: after the last `!`, `?`, line break or full stop
/// that ends a sentence. A full stop inside a number (`9.5`), an initialism (`U.S.`) or after an
/// abbreviation (`Mr.`, `Oct.`) does not.
fn sentence_start(before: &str) -> usize {
    let b = before.as_bytes();
    let mut i = before.len();
    while let Some(k) = before[..i].rfind(['.', '!', '?', '\n']) {
        if b[k] != b'.' || full_stop_ends_sentence(before, k) {
            return k + 1;
        }
        i = k;
    }
    0
}

fn full_stop_ends_sentence(s: &str, k: usize) -> bool {
    if s.as_bytes().get(k + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
        return false; // "9.5", "U.S", "a.m"
    }
    let word = s[..k].rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    if word.contains('.') || (word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase())) {
        return false; // "U.S.", "J. Smith"
    }
    !ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

fn clause_after(text: &str, end: usize) -> &str {
    let mut hi = (end + CLAUSE_WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let after = &text[end..hi];
    let mut to = after.len();
    let mut i = 0;
    while let Some(k) = after[i..].find(['.', '!', '?', '\n', ';']).map(|k| k + i) {
        if after.as_bytes()[k] != b'.' || full_stop_ends_sentence(after, k) {
            to = k;
            break;
        }
        i = k + 1;
    }
    &after[..to]
}

/// Whether a past-tense verb governs the expression: one of the two words before it in its
/// clause (`went missing on March 8`, `the year ended March 31`), not after `be`/`will`/`to`,
/// and not a deadline (`extended to`, `by`, `until`).
fn past_context(text: &str, start: usize) -> bool {
    let before = clause_before(text, start);
    let prep = words_rev(before).next().map(|w| w.to_ascii_lowercase());
    if matches!(prep.as_deref(), Some("to" | "until" | "till" | "by" | "through" | "before")) {
        return false; // "extended to Nov. 16", "respond by Oct. 31": a deadline, not the past event
    }
    let words: Vec<String> = words_rev(before)
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !SKIP_BEFORE.contains(&w.as_str()))
        .take(3)
        .collect();
    for (i, w) in words.iter().take(2).enumerate() {
        let aux = words.get(i + 1).map_or("", String::as_str);
        // "the record set on Aug. 6" is past; "the vote is set on Aug. 6" is not, and in "has
        // set Nov. 10 as the deadline" the date is the object, of no tense.
        let set_past = w == "set"
            && i == 0
            && prep.as_deref() == Some("on")
            && !matches!(aux, "is" | "are" | "be" | "been" | "will" | "to");
        if FUTURE_WORDS.contains(&w.as_str()) && !set_past {
            return false;
        }
        let after_aux = matches!(aux, "be" | "been" | "being" | "will" | "would" | "to" | "shall" | "'ll");
        if ((w.ends_with("ed") && w.len() > 4) || PAST_IRREGULAR.contains(&w.as_str())) && !after_aux {
            return true;
        }
    }
    false
}

/// Words that make `until` a deadline still ahead: `extended its deadline until Tuesday`,
/// `postponed until Friday morning`, `has until 9 a.m. Monday to sign` (not `up until Thursday
/// they had said`, `not until Tuesday did he...`).
const DEADLINE_WORDS: &[&str] =
    &["deadline", "postponed", "extended", "delayed", "deferred", "adjourned", "recessed", "given", "gave"];

/// Whether `before` ends with a deadline's `until` (clock times skipped): see [`DEADLINE_WORDS`].
fn deadline_until(before: &str) -> bool {
    let clock = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit() || c == ':')
            || matches!(w, "a.m." | "p.m." | "am" | "pm" | "noon" | "midnight" | "est" | "edt" | "gmt" | "et" | "local")
    };
    let mut words = words_rev(before).map(str::to_ascii_lowercase).skip_while(|w| clock(w));
    if !matches!(words.next().as_deref(), Some("until" | "till")) {
        return false;
    }
    let mut prev = words.take(8).peekable();
    if prev.peek().is_some_and(|w| w == "has" || w == "have") {
        return true;
    }
    prev.any(|w| DEADLINE_WORDS.contains(&w.as_str()))
}

/// Whether the clause around `text[start..end]` points to the future (see the crate doc).
pub fn future_context(text: &str, start: usize, end: usize) -> bool {
    let before = clause_before(text, start);
    if deadline_until(before) {
        return true;
    }
    let tail = before.trim_end().to_ascii_lowercase();
    if tail.ends_with("as early as") || tail.ends_with("as soon as") {
        return true; // "could arrive as early as Tuesday"
    }
    let mut prev =
        words_rev(before).map(|w| w.to_ascii_lowercase()).filter(|w| !(SKIP_BEFORE.contains(&w.as_str()) || adverb(w)));
    if let Some(w) = prev.next() {
        // "set" is a cue as "set to", "set for": right before a date it is a verb ("the record
        // set on Aug. 6", "set Friday as the deadline").
        if FUTURE_WORDS.contains(&w.as_str()) && !PLAN_NOUNS.contains(&w.as_str()) && w != "set" {
            return true;
        }
        let aux = prev.next().unwrap_or_default();
        if w == "effective" && !matches!(aux.as_str(), "became" | "become" | "was" | "were" | "been" | "went") {
            return true; // "a new pact effective June 1": a change announced ahead of its date
        }
        if SCHEDULE_VERBS.contains(&w.as_str()) && !matches!(aux.as_str(), "to" | "did" | "didn't") {
            return true; // news present for a scheduled event: "the leaders meet Monday"
        }
        let after_aux = matches!(aux.as_str(), "be" | "been" | "being" | "will" | "would" | "to" | "shall" | "'ll");
        if ((w.ends_with("ed") && w.len() > 4) || PAST_IRREGULAR.contains(&w.as_str())) && !after_aux {
            return false;
        }
    }
    let window: Vec<String> = words_rev(before).take(14).map(|w| w.to_ascii_lowercase()).collect();
    for (i, w) in window.iter().enumerate() {
        if FUTURE_WORDS.contains(&w.as_str()) {
            // "set" and "due" only as "set to"/"due to"/"set for".
            if (w == "set" || w == "due" || w == "going") && i == 0 {
                continue;
            }
            if w == "next" {
                continue;
            }
            // "plans to", not "the plan": the noun names no time.
            if PLAN_NOUNS.contains(&w.as_str()) && !(i > 0 && window[i - 1] == "to") {
                continue;
            }
            return true;
        }
        if w.ends_with("'ll") || w.ends_with("’ll") {
            return true;
        }
        if (w == "is" || w == "are") && i > 0 && window[i - 1] == "to" {
            return true;
        }
        if (w == "to" && i > 0 && (window[i - 1] == "be")) && i + 1 < window.len() && window[i + 1] != "used" {
            return true;
        }
    }
    // A date that opens its clause ("On Tuesday, the league plans to...") takes the tense of the
    // main verb, further on.
    let opens = words_rev(before).all(|w| matches!(w.to_ascii_lowercase().as_str(), "on" | "and" | "but" | "then"));
    let after: Vec<String> = clause_after(text, end)
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(if opens { 12 } else { 5 })
        .map(|w| w.to_ascii_lowercase())
        .collect();
    for (i, w) in after.iter().enumerate() {
        if matches!(w.as_str(), "will" | "shall" | "won't" | "won’t") || w.ends_with("'ll") || w.ends_with("’ll") {
            return true;
        }
        if (w == "is" || w == "are") && after.get(i + 1).is_some_and(|n| n == "to" || n == "due" || n == "set") {
            return true;
        }
        if opens && PLAN_NOUNS.contains(&w.as_str()) && after.get(i + 1).is_some_and(|n| n == "to") {
            return true;
        }
    }
    false
}

/// Whether a bare weekday is in the possessive (`Wednesday's ruling`): it names the day of an
/// event the report refers to, and the tense of the clause around it is the reporter's about
/// that event (`ways to get around Wednesday's ruling`), not the day's.
fn possessive_event(text: &str, end: usize) -> bool {
    let after = &text[end..];
    after.starts_with("'s") || after.starts_with("’s")
}

/// Whether an event named by a possessive day is still ahead: `ahead of Sunday's vote`, `the
/// upcoming Sunday's vote`.
fn event_ahead(text: &str, start: usize) -> bool {
    let before = clause_before(text, start).trim_end().to_ascii_lowercase();
    ["ahead of", "upcoming", "coming", "until", "awaiting", "await"].iter().any(|w| before.ends_with(w))
}

// ---------------------------------------------------------------------------------------------
// Resolution

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 { d.checked_add_days(Days::new(n as u64)) } else { d.checked_sub_days(Days::new((-n) as u64)) }
        .unwrap_or(d)
}

fn add_months(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 { d.checked_add_months(Months::new(n as u32)) } else { d.checked_sub_months(Months::new((-n) as u32)) }
        .unwrap_or(d)
}

fn month_range(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = add_days(add_months(first, 1), -1);
    Some((first, last))
}

fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    add_days(d, -(d.weekday().num_days_from_monday() as i64))
}

/// The `wd` on or before `d` (past) or on or after it (future).
pub fn weekday_near(d: NaiveDate, wd: Weekday, future: bool) -> NaiveDate {
    let cur = d.weekday().num_days_from_monday() as i64;
    let want = wd.num_days_from_monday() as i64;
    if future { add_days(d, (want - cur).rem_euclid(7)) } else { add_days(d, -(cur - want).rem_euclid(7)) }
}

struct Resolved {
    grain: Grain,
    value: String,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    evidence: String,
    error: Option<String>,
    future: bool,
}

fn day_res(d: NaiveDate, evidence: String) -> Resolved {
    Resolved {
        grain: Grain::Day,
        value: d.to_string(),
        first: Some(d),
        last: Some(d),
        evidence,
        error: None,
        future: false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Neutral,
    Future,
}

/// The year of a month and day printed without one (the news rule): the next such day in a
/// future clause, the last one on or before the DCT after a past-tense verb; otherwise the last
/// one too, unless the next one is within [`NEAR_AHEAD_DAYS`] (an announced event).
fn year_by_tense(month: u32, day: u32, dct: NaiveDate, tense: Tense) -> Option<i32> {
    let this = NaiveDate::from_ymd_opt(dct.year(), month, day);
    let Some(this) = this else { return closest_year(month, day, dct) };
    let (past, next) = if this <= dct {
        (this.year(), if this == dct { this.year() } else { this.year() + 1 })
    } else {
        (this.year() - 1, this.year())
    };
    // February 29 exists in one of the two years only.
    let Some(next_date) = NaiveDate::from_ymd_opt(next, month, day) else { return Some(past) };
    if NaiveDate::from_ymd_opt(past, month, day).is_none() {
        return Some(next);
    }
    let ahead = (next_date - dct).num_days();
    let behind = NaiveDate::from_ymd_opt(past, month, day).map_or(i64::MAX, |d| (dct - d).num_days());
    match tense {
        // A date printed without its year is near: a future cue that would put it most of a
        // year ahead, when the same day fell within the last weeks, belongs to another clause
        // ("hoped she would bring aid to the countries where the Aug. 7 blasts killed 257").
        Tense::Future if ahead > FAR_AHEAD_DAYS && behind <= RECENT_DAYS => Some(past),
        Tense::Future => Some(next),
        Tense::Past => Some(past),
        Tense::Neutral if ahead <= NEAR_AHEAD_DAYS => Some(next),
        Tense::Neutral => Some(past),
    }
}

/// How far ahead of the DCT a month-day date without a year is still read as coming.
const NEAR_AHEAD_DAYS: i64 = 150;
/// Beyond this many days ahead, a future cue does not outweigh a recent past reading.
const FAR_AHEAD_DAYS: i64 = 300;
/// A month-day date within this many days before the DCT is a recent past reading.
const RECENT_DAYS: i64 = 31;

fn closest_year(month: u32, day: u32, dct: NaiveDate) -> Option<i32> {
    let mut best: Option<(i64, i32)> = None;
    for y in [dct.year() - 1, dct.year(), dct.year() + 1] {
        if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
            let dist = (d - dct).num_days().abs();
            if best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, y));
            }
        }
    }
    best.map(|(_, y)| y)
}

fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// The financial period a report narrates, which `the quarter`, `the year-earlier period` and
/// `a year earlier` refer to: a quarter, or the year to date once `the nine months` are narrated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fin {
    None,
    Quarter(i32, u32),
    YearToDate,
}

impl Fin {
    fn quarter(self) -> Option<(i32, u32)> {
        match self {
            Fin::Quarter(y, q) => Some((y, q)),
            _ => None,
        }
    }

    /// The period narrated after an expression resolved to `r`. Only a quarter over by the DCT
    /// is narrated ("will take a fourth-quarter charge" is not), and the narration only moves
    /// forward: an earlier quarter (`after a flat second quarter`, `the 1988 period`) is a
    /// comparison, unless it is named on a fiscal calendar (`the fiscal first quarter`).
    fn after(self, spec: &Spec, r: &Resolved, dct: Option<NaiveDate>) -> Fin {
        let fiscal = match spec {
            Spec::Quarter { fiscal, .. } => *fiscal,
            Spec::FinQuarter { dy: 0, .. } => false,
            _ => return self,
        };
        let (Some(f), true) = (r.first, r.last.zip(dct).is_none_or(|(l, d)| l < d)) else { return self };
        if r.grain != Grain::Quarter {
            return self;
        }
        let new = (f.year(), quarter_of(f.month()));
        match self.quarter() {
            Some(old) if new < old && !fiscal => self,
            _ => Fin::Quarter(new.0, new.1),
        }
    }
}

fn resolve(
    spec: &Spec,
    text: &str,
    c: &Cand,
    dct: Option<NaiveDate>,
    anchor: Option<(NaiveDate, &str)>,
    fin: Fin,
) -> Option<Resolved> {
    let fut = || future_context(text, c.start, c.end);
    match *spec {
        Spec::Date { year, month, day, weekday } => {
            let (y, ev) = match (year, dct) {
                (Some(y), _) => (y, "explicit date".to_string()),
                (None, Some(dct)) => {
                    let tense = if fut() {
                        Tense::Future
                    } else if past_context(text, c.start) {
                        Tense::Past
                    } else {
                        Tense::Neutral
                    };
                    let y = year_by_tense(month, day, dct, tense)?;
                    let how = match tense {
                        Tense::Future => "future clause: the next such date after",
                        Tense::Past => "past tense: the last such date before",
                        Tense::Neutral if NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d > dct) => {
                            "the next such date, soon after"
                        }
                        Tense::Neutral => "the last such date before",
                    };
                    (y, format!("{how} {dct}"))
                }
                (None, None) => return None,
            };
            let d = NaiveDate::from_ymd_opt(y, month, day)?;
            let mut r = day_res(d, ev);
            // Without a printed year the year is inferred; a mismatch far from the DCT more
            // likely means another year than an error, so it is only reported near the DCT.
            let year_sure = year.is_some() || dct.is_some_and(|p| (d - p).num_days().abs() <= 45);
            if let Some(wd) = weekday
                && d.weekday() != wd
                && year_sure
            {
                r.error = Some(format!(
                    "{} {} {} was a {}: weekday and date disagree",
                    day,
                    MONTH_NAMES[(month - 1) as usize],
                    y,
                    weekday_name(d.weekday())
                ));
            }
            Some(r)
        }
        Spec::MonthYear { year, month } => {
            let (f, l) = month_range(year, month)?;
            Some(Resolved {
                grain: Grain::Month,
                value: format!("{year:04}-{month:02}"),
                first: Some(f),
                last: Some(l),
                evidence: "explicit month".into(),
                error: None,
                future: false,
            })
        }
        Spec::Month { month, rel } => {
            let dct = dct?;
            // A month up to two months ahead in a clause without a past-tense verb is coming
            // ("cuts in September" in an August report).
            let ahead = (month as i64 - dct.month() as i64).rem_euclid(12);
            let future = match rel {
                Rel::Next => true,
                Rel::Last => false,
                _ => fut() || month_coming(text, c.start, ahead),
            };
            let y = match rel {
                Rel::This => dct.year(),
                Rel::Last => {
                    if month < dct.month() {
                        dct.year()
                    } else {
                        dct.year() - 1
                    }
                }
                Rel::Next => {
                    if month > dct.month() {
                        dct.year()
                    } else {
                        dct.year() + 1
                    }
                }
                Rel::None => {
                    if future {
                        if month >= dct.month() { dct.year() } else { dct.year() + 1 }
                    } else if month <= dct.month() {
                        dct.year()
                    } else {
                        dct.year() - 1
                    }
                }
            };
            let (f, l) = month_range(y, month)?;
            Some(Resolved {
                grain: Grain::Month,
                value: format!("{y:04}-{month:02}"),
                first: Some(f),
                last: Some(l),
                evidence: format!("{} month relative to {dct}", if future { "future" } else { "past" }),
                error: None,
                future,
            })
        }
        Spec::MonthOfYear { month, dy } => {
            let year = dct?.year() + dy;
            let (f, l) = month_range(year, month)?;
            Some(Resolved {
                grain: Grain::Month,
                value: format!("{year:04}-{month:02}"),
                first: Some(f),
                last: Some(l),
                evidence: format!("month of the year {dy:+} from publication"),
                error: None,
                future: dy > 0,
            })
        }
        Spec::Year(y) => Some(Resolved {
            grain: Grain::Year,
            value: format!("{y:04}"),
            first: NaiveDate::from_ymd_opt(y, 1, 1),
            last: NaiveDate::from_ymd_opt(y, 12, 31),
            evidence: "explicit year".into(),
            error: None,
            future: false,
        }),
        Spec::SpelledDecade(tens) => {
            let dct = dct?;
            let century = dct.year() / 100;
            let d =
                if century * 10 + tens <= dct.year() / 10 { century * 10 + tens } else { (century - 1) * 10 + tens };
            resolve(&Spec::Decade(d), text, c, Some(dct), anchor, fin)
        }
        Spec::LastDecade => {
            let d = dct?.year() / 10 - 1;
            let mut r = resolve(&Spec::Decade(d), text, c, None, anchor, fin)?;
            r.evidence = "the decade before the publication's".into();
            Some(r)
        }
        Spec::LastYearEnd => {
            let d = NaiveDate::from_ymd_opt(dct?.year() - 1, 12, 31)?;
            Some(day_res(d, "the end of the year before publication".into()))
        }
        Spec::Century(n) => Some(Resolved {
            grain: Grain::Century,
            value: format!("{n:02}"),
            first: NaiveDate::from_ymd_opt(n * 100, 1, 1),
            last: NaiveDate::from_ymd_opt(n * 100 + 99, 12, 31),
            evidence: "explicit century".into(),
            error: None,
            future: false,
        }),
        Spec::ThisYear => {
            let y = dct?.year();
            let mut r = resolve(&Spec::Year(y), text, c, None, anchor, fin)?;
            r.evidence = "the year of publication".into();
            Some(r)
        }
        Spec::Decade(d) => Some(Resolved {
            grain: Grain::Decade,
            value: format!("{d:03}"),
            first: NaiveDate::from_ymd_opt(d * 10, 1, 1),
            last: NaiveDate::from_ymd_opt(d * 10 + 9, 12, 31),
            evidence: "explicit decade".into(),
            error: None,
            future: false,
        }),
        Spec::Weekday { wd, rel } => {
            let dct = dct?;
            let (d, future, how) = match rel {
                Rel::Last => {
                    let d = weekday_near(add_days(dct, -1), wd, false);
                    (d, false, "last")
                }
                Rel::Next => {
                    let d = weekday_near(add_days(dct, 1), wd, true);
                    (d, true, "next")
                }
                _ => {
                    let f = if possessive_event(text, c.end) { event_ahead(text, c.start) } else { fut() };
                    (weekday_near(dct, wd, f), f, if f { "future: next" } else { "most recent" })
                }
            };
            let mut r = day_res(d, format!("{how} {} relative to publication {dct}", weekday_name(wd)));
            r.future = future;
            Some(r)
        }
        Spec::WeekdayAnchored { wd, after } => {
            let (base, why) = match anchor {
                Some((d, w)) => (d, format!("the date of '{w}' ({d})")),
                None => (dct?, "publication".to_string()),
            };
            let d = if after {
                weekday_near(add_days(base, 1), wd, true)
            } else {
                weekday_near(add_days(base, -1), wd, false)
            };
            let how = if after { "after" } else { "before" };
            let mut r = day_res(d, format!("the {} {how} {why}", weekday_name(wd)));
            r.future = d > dct.unwrap_or(d);
            Some(r)
        }
        Spec::Deictic(n) => {
            let dct = dct?;
            let d = add_days(dct, n);
            Some(day_res(d, format!("{n:+} day(s) from publication {dct}")))
        }
        Spec::Overnight => {
            let dct = dct?;
            Some(day_res(dct, format!("the night before publication {dct}")))
        }
        Spec::Period { unit: Unit::Quarter, n: 0 }
            if text[c.start..].starts_with(['t', 'T'])
                && text[c.start + 1..].starts_with("his")
                && just_reported(fin, dct).is_some() =>
        {
            let (y, q) = just_reported(fin, dct)?;
            quarter_res(y, q, format!("'this quarter' in a report on {y}-Q{q}, published early in the next"))
        }
        Spec::Period { unit, n } => {
            let dct = dct?;
            match unit {
                Unit::Weekend => {
                    let future = n > 0 || (n == 0 && fut());
                    let sat = if n < 0 {
                        weekday_near(add_days(dct, -1), Weekday::Sat, false)
                    } else if future {
                        weekday_near(dct, Weekday::Sat, true)
                    } else if dct.weekday() == Weekday::Sun {
                        add_days(dct, -1)
                    } else {
                        weekday_near(dct, Weekday::Sat, false)
                    };
                    let sat = if n < 0 && (dct - sat).num_days() < 2 { add_days(sat, -7) } else { sat };
                    Some(Resolved {
                        grain: Grain::Weekend,
                        value: format!("{}-WE", week_value(sat)),
                        first: Some(sat),
                        last: Some(add_days(sat, 1)),
                        evidence: format!(
                            "{} weekend relative to publication {dct}",
                            if future { "next" } else { "last" }
                        ),
                        error: None,
                        future,
                    })
                }
                Unit::Day => Some(day_res(add_days(dct, n), format!("{n:+} day(s) from {dct}"))),
                Unit::Week => {
                    let d = add_days(dct, 7 * n);
                    let m = monday_of(d);
                    Some(Resolved {
                        grain: Grain::Week,
                        value: week_value(d),
                        first: Some(m),
                        last: Some(add_days(m, 6)),
                        evidence: format!("week {n:+} from publication {dct}"),
                        error: None,
                        future: n > 0,
                    })
                }
                Unit::Month => {
                    let d = add_months(dct, n);
                    let (f, l) = month_range(d.year(), d.month())?;
                    Some(Resolved {
                        grain: Grain::Month,
                        value: format!("{:04}-{:02}", d.year(), d.month()),
                        first: Some(f),
                        last: Some(l),
                        evidence: format!("month {n:+} from publication {dct}"),
                        error: None,
                        future: n > 0,
                    })
                }
                Unit::Quarter => {
                    let d = add_months(dct, 3 * n);
                    let q = quarter_of(d.month());
                    let f = NaiveDate::from_ymd_opt(d.year(), (q - 1) * 3 + 1, 1)?;
                    Some(Resolved {
                        grain: Grain::Quarter,
                        value: format!("{:04}-Q{q}", d.year()),
                        first: Some(f),
                        last: Some(add_days(add_months(f, 3), -1)),
                        evidence: format!("quarter {n:+} from publication {dct}"),
                        error: None,
                        future: n > 0,
                    })
                }
                Unit::Year => {
                    let y = dct.year() + n as i32;
                    Some(Resolved {
                        grain: Grain::Year,
                        value: format!("{y:04}"),
                        first: NaiveDate::from_ymd_opt(y, 1, 1),
                        last: NaiveDate::from_ymd_opt(y, 12, 31),
                        evidence: format!("year {n:+} from publication {dct}"),
                        error: None,
                        future: n > 0,
                    })
                }
            }
        }
        Spec::FinQuarter { q, year, dy, current } => {
            let dct = dct?;
            if let (Fin::YearToDate, None, false) = (fin, q, current) {
                // "the year-earlier period" after "the nine months": the year before.
                let y = year.unwrap_or(dct.year() + dy);
                let mut r = resolve(&Spec::Year(y), text, c, None, anchor, fin)?;
                r.evidence = "the year to date narrated (the nine months...)".into();
                return Some(r);
            }
            let now = (dct.year(), quarter_of(dct.month()));
            let last_done = if now.1 == 1 { (now.0 - 1, 4) } else { (now.0, now.1 - 1) };
            // "the current quarter", "this year's third quarter" count from the DCT.
            let (by, bq) = if current { now } else { fin.quarter().unwrap_or(last_done) };
            let (y, q) = (year.unwrap_or(by + dy), q.unwrap_or(bq));
            quarter_res(y, q, format!("the quarter narrated ({by}-Q{bq}), {dy:+} year"))
        }
        Spec::Holiday(h, rel) => {
            let dct = dct?;
            let dates = [dct.year() - 1, dct.year(), dct.year() + 1].map(|y| holiday_date(h, y));
            let next = dates.into_iter().flatten().find(|d| *d >= dct);
            let last = dates.into_iter().flatten().rfind(|d| *d <= dct);
            // Without a tense cue, the nearer of the two: "the campaign runs to Election Day" in
            // October, "the wreck at Thanksgiving" in February.
            let nearer_next = || match (next, last) {
                (Some(n), Some(l)) => (n - dct) < (dct - l) && !past_context(text, c.start),
                (n, _) => n.is_some(),
            };
            let future = rel == Rel::Next || (rel == Rel::None && (fut() || nearer_next()));
            let d = match rel {
                Rel::Next => dates.into_iter().flatten().find(|d| *d > dct),
                Rel::Last => dates.into_iter().flatten().rfind(|d| *d < dct),
                _ if future => next,
                _ => last,
            }?;
            let mut r =
                day_res(d, format!("holiday, the {} one relative to {dct}", if future { "next" } else { "last" }));
            r.future = future;
            Some(r)
        }
        Spec::Ago { unit: Unit::Year, n: -1 } | Spec::Anchored { unit: Unit::Year, n: -1 }
            if fin.quarter().is_some() =>
        {
            let (y, q) = fin.quarter()?;
            quarter_res(y - 1, q, format!("a year before the quarter narrated ({y}-Q{q})"))
        }
        Spec::Ago { unit, n } => {
            let dct = dct?;
            shifted(dct, unit, n, format!("{} from publication {dct}", if n < 0 { "before" } else { "after" }))
        }
        Spec::Anchored { unit, n } => {
            let (base, why) = match anchor {
                Some((d, w)) if matches!(unit, Unit::Day | Unit::Week) => (d, format!("the date of '{w}' ({d})")),
                _ => (dct?, format!("publication {}", dct?)),
            };
            shifted(
                base,
                unit,
                n,
                format!(
                    "'{}': {} {} {why}",
                    &text[c.start..c.end],
                    n.abs(),
                    if n < 0 { "unit(s) before" } else { "unit(s) after" }
                ),
            )
        }
        Spec::Quarter { q, year, .. } => {
            let dct_y = dct.map(|d| d.year());
            let y = match (year, dct) {
                (Some(y), _) => y,
                (None, Some(d)) => {
                    if q <= quarter_of(d.month()) || fut() {
                        d.year()
                    } else {
                        d.year() - 1
                    }
                }
                _ => return None,
            };
            let _ = dct_y;
            let f = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
            Some(Resolved {
                grain: Grain::Quarter,
                value: format!("{y:04}-Q{q}"),
                first: Some(f),
                last: Some(add_days(add_months(f, 3), -1)),
                evidence: "quarter".into(),
                error: None,
                future: false,
            })
        }
        Spec::Half { h, year, dy } => {
            let y = match (year, dct) {
                (Some(y), _) => y,
                (None, Some(d)) if dy.is_some() => d.year() + dy.unwrap_or(0),
                (None, Some(d)) => {
                    if h == 1 || d.month() > 6 || fut() {
                        d.year()
                    } else {
                        d.year() - 1
                    }
                }
                _ => return None,
            };
            let f = NaiveDate::from_ymd_opt(y, (h - 1) * 6 + 1, 1)?;
            Some(Resolved {
                grain: Grain::Half,
                value: format!("{y:04}-H{h}"),
                first: Some(f),
                last: Some(add_days(add_months(f, 6), -1)),
                evidence: "half year".into(),
                error: None,
                future: false,
            })
        }
        Spec::Season { s, year, rel } => {
            let y = match (year, dct) {
                (Some(y), _) => y,
                (None, Some(d)) => match rel {
                    Rel::Last => d.year() - 1,
                    Rel::Next => d.year() + 1,
                    _ => d.year(),
                },
                _ => return None,
            };
            Some(Resolved {
                grain: Grain::Season,
                value: format!("{y:04}-{s}"),
                first: None,
                last: None,
                evidence: "season".into(),
                error: None,
                future: false,
            })
        }
        // Resolved in `find_dates`, which knows the date narrated before.
        Spec::That { .. } => None,
        Spec::Ref(v) => Some(Resolved {
            grain: Grain::Reference,
            value: v.to_string(),
            first: None,
            last: None,
            evidence: "vague reference".into(),
            error: None,
            future: v == "FUTURE_REF",
        }),
    }
}

/// The quarter narrated when it is the one just before the DCT's and the DCT is in the first
/// weeks of its own quarter: an earnings report then calls the quarter reported `this quarter`.
fn just_reported(fin: Fin, dct: Option<NaiveDate>) -> Option<(i32, u32)> {
    let (y, q) = fin.quarter()?;
    let dct = dct?;
    let (dy, dq) = (dct.year(), quarter_of(dct.month()));
    let prev = if dq == 1 { (dy - 1, 4) } else { (dy, dq - 1) };
    let into = dct.ordinal0() as i64 - NaiveDate::from_ymd_opt(dy, (dq - 1) * 3 + 1, 1)?.ordinal0() as i64;
    ((y, q) == prev && into <= 45).then_some((y, q))
}

fn quarter_res(y: i32, q: u32, evidence: String) -> Option<Resolved> {
    let f = NaiveDate::from_ymd_opt(y, (q.clamp(1, 4) - 1) * 3 + 1, 1)?;
    Some(Resolved {
        grain: Grain::Quarter,
        value: format!("{y:04}-Q{q}"),
        first: Some(f),
        last: Some(add_days(add_months(f, 3), -1)),
        evidence,
        error: None,
        future: false,
    })
}

fn shifted(base: NaiveDate, unit: Unit, n: i64, evidence: String) -> Option<Resolved> {
    let (grain, first, last, value) = match unit {
        Unit::Day | Unit::Weekend => {
            let d = add_days(base, n);
            (Grain::Day, d, d, d.to_string())
        }
        Unit::Week => {
            let d = add_days(base, 7 * n);
            (Grain::Week, monday_of(d), add_days(monday_of(d), 6), week_value(d))
        }
        Unit::Month => {
            let d = add_months(base, n);
            let (f, l) = month_range(d.year(), d.month())?;
            (Grain::Month, f, l, format!("{:04}-{:02}", d.year(), d.month()))
        }
        Unit::Quarter => {
            let d = add_months(base, 3 * n);
            let q = quarter_of(d.month());
            let f = NaiveDate::from_ymd_opt(d.year(), (q - 1) * 3 + 1, 1)?;
            (Grain::Quarter, f, add_days(add_months(f, 3), -1), format!("{:04}-Q{q}", d.year()))
        }
        Unit::Year => {
            let y = base.year() + n as i32;
            (Grain::Year, NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?, format!("{y:04}"))
        }
    };
    Some(Resolved { grain, value, first: Some(first), last: Some(last), evidence, error: None, future: n > 0 })
}

fn kind_of(spec: &Spec) -> Kind {
    match spec {
        Spec::Date { .. }
        | Spec::MonthYear { .. }
        | Spec::MonthOfYear { .. }
        | Spec::Month { .. }
        | Spec::Year(_)
        | Spec::Decade(_)
        | Spec::SpelledDecade(_)
        | Spec::Century(_)
        | Spec::ThisYear
        | Spec::That { .. }
        | Spec::Quarter { .. }
        | Spec::FinQuarter { .. }
        | Spec::Holiday(..)
        | Spec::Half { .. }
        | Spec::Season { .. } => Kind::Absolute,
        Spec::Weekday { .. } => Kind::Weekday,
        Spec::Deictic(_) | Spec::Overnight => Kind::Deictic,
        Spec::Period { .. } | Spec::Ago { .. } | Spec::LastDecade | Spec::LastYearEnd => Kind::Relative,
        Spec::Anchored { .. } | Spec::WeekdayAnchored { .. } => Kind::Anchored,
        Spec::Ref(_) => Kind::Reference,
    }
}

/// Finds the temporal expressions of `text` and resolves them against `dct` (the publication
/// date). Without a DCT only self-contained expressions (dates with a year, years...) get a value.
/// Sorted by position, non-overlapping.
pub fn find_dates(text: &str, dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let segs = scan::segments(text);
    let cands = select(collect(text, &segs));
    let mut out = Vec::with_capacity(cands.len());
    let mut anchor: Option<(NaiveDate, usize)> = None;
    let mut fin = Fin::None;
    let mut narrated: Option<(NaiveDate, Grain)> = None;
    // Where the expression that set `narrated` ends.
    let mut narrated_end = 0;
    let mut ytd = scan::captures(&RE_YTD, text, &segs.narrow, &[w::YTD | w::DIGIT])
        .map(|c| c.get(0).expect("match").start())
        .peekable();
    for (k, c) in cands.iter().enumerate() {
        // "In the nine months, ...": the report moves from the quarter to the year to date.
        while ytd.next_if(|&p| p < c.start).is_some() {
            fin = Fin::YearToDate;
        }
        let anchor_ref = anchor.map(|(d, i): (NaiveDate, usize)| (d, out_text(&out, i)));
        let before_date = cands.get(k + 1).and_then(|next| day_right_after(text, c, next, dct, fin));
        let r = match (&c.spec, before_date) {
            (Spec::That { unit, n }, _) => match resolve_that(*unit, *n, narrated, anchor.map(|a| a.0)) {
                Some(r) => Some(r),
                None => continue, // nothing narrated yet to point back to
            },
            (Spec::Anchored { unit, n }, Some(day)) => {
                shifted(day, *unit, -n, format!("'{}' the date that follows ({day})", &text[c.start..c.end]))
            }
            // "opened in 1998 and closed two years later": later than the year narrated, not
            // than the report.
            (Spec::Anchored { unit: unit @ (Unit::Year | Unit::Month), n }, None)
                if later_or_earlier_than_narrated(text, c, narrated_end, fin) =>
            {
                resolve_that(*unit, *n, narrated, None).or_else(|| resolve(&c.spec, text, c, dct, anchor_ref, fin))
            }
            _ => resolve(&c.spec, text, c, dct, anchor_ref, fin),
        };
        if let Some(r) = &r
            && kind_of(&c.spec) == Kind::Absolute
            && !matches!(c.spec, Spec::That { .. })
            && matches!(r.grain, Grain::Day | Grain::Month | Grain::Year)
            && let Some(f) = r.first
        {
            narrated = Some((f, r.grain));
            narrated_end = c.end;
        }
        if let Some(r) = &r {
            fin = fin.after(&c.spec, r, dct);
        }
        let kind = kind_of(&c.spec);
        let e = match r {
            Some(r) => TimeExpr {
                text: text[c.start..c.end].to_string(),
                start: c.start,
                end: c.end,
                kind,
                grain: r.grain,
                value: Some(r.value),
                first: r.first,
                last: r.last,
                future: r.future,
                evidence: r.evidence,
                error: r.error,
                timex_type: TimexType::Date,
            },
            None => TimeExpr {
                text: text[c.start..c.end].to_string(),
                start: c.start,
                end: c.end,
                kind,
                grain: grain_of_unresolved(&c.spec),
                value: None,
                first: None,
                last: None,
                future: false,
                evidence: "no publication date to resolve against".into(),
                error: None,
                timex_type: TimexType::Date,
            },
        };
        let mut e = e;
        part_of_day(text, &mut e);
        modifier_prefix(text, &mut e, out.last().map_or(0, |p: &TimeExpr| p.end));
        week_of(text, &mut e);
        if matches!(c.spec, Spec::Holiday(..)) {
            holiday_week(text, &mut e);
        }
        // "overnight" names no narrated day of its own: it is not an anchor.
        let anchors = kind != Kind::Anchored && !matches!(c.spec, Spec::Overnight);
        if let (Grain::Day, Some(first), true) = (e.grain, e.first, anchors) {
            anchor = Some((first, out.len()));
        }
        out.push(e);
    }
    day_before_after(text, &mut out);
    out
}

/// Whether years or months `later` count from the time narrated (`opened in 1998 and closed two
/// years later`), and years or months `earlier` too when that time is in the same sentence
/// (`founded in 2005; a year earlier its owner...`). Otherwise `a year earlier` compares with
/// the report's own time (`profit rose from $3 million a year earlier`), or in a financial
/// report the quarter narrated (see [`Fin`]).
fn later_or_earlier_than_narrated(text: &str, c: &Cand, narrated_end: usize, fin: Fin) -> bool {
    let head = text[c.start..c.end].to_ascii_lowercase();
    if head.ends_with("later") {
        return true;
    }
    head.ends_with("earlier")
        && fin.quarter().is_none()
        && narrated_end > 0
        && narrated_end <= c.start
        && c.start - narrated_end <= clause_before(text, c.start).len()
}

/// The day of `next` when `c` ends in `before`/`after` and `next` follows it (`two days after
/// Christmas`, `a week before the March 10 vote`).
fn day_right_after(text: &str, c: &Cand, next: &Cand, dct: Option<NaiveDate>, fin: Fin) -> Option<NaiveDate> {
    let head = text[c.start..c.end].to_ascii_lowercase();
    let gap = text.get(c.end..next.start)?.trim();
    if !(head.ends_with("before") || head.ends_with("after")) || !(gap.is_empty() || gap.eq_ignore_ascii_case("the")) {
        return None;
    }
    let r = resolve(&next.spec, text, next, dct, None, fin)?;
    if r.grain == Grain::Day { r.first } else { None }
}

/// `the week of March 6`: the week of the day.
fn week_of(text: &str, e: &mut TimeExpr) {
    let before = &text[..e.start];
    let Some(head) = before.strip_suffix("week of ") else { return };
    let Some(head) = head.strip_suffix("the ").or_else(|| head.strip_suffix("The ")) else { return };
    let (Grain::Day, Some(d)) = (e.grain, e.first) else { return };
    e.start = head.len();
    e.text = text[e.start..e.end].to_string();
    e.grain = Grain::Week;
    e.value = Some(week_value(d));
    e.first = Some(monday_of(d));
    e.last = Some(add_days(monday_of(d), 6));
}

/// `Easter week`, `Thanksgiving week`: the (ISO) week of the holiday, one expression.
fn holiday_week(text: &str, e: &mut TimeExpr) {
    let (Grain::Day, Some(d)) = (e.grain, e.first) else { return };
    let after = &text[e.end..];
    if !after.starts_with(" week") || after[" week".len()..].starts_with(|c: char| c.is_alphanumeric()) {
        return;
    }
    e.end += " week".len();
    e.text = text[e.start..e.end].to_string();
    e.grain = Grain::Week;
    e.value = Some(week_value(d));
    e.first = Some(monday_of(d));
    e.last = Some(add_days(monday_of(d), 6));
}

/// `the day before` and `the day after` with what follows them. Before a day-precise date they
/// make one expression with it (`the day before last Tuesday's hearing`: the Monday); after a
/// date in apposition TimeML marks `the day`, valued by that date (`Oct. 12, the day before the
/// vote`); before any other word they date an event of the clause, not a time (`the day before
/// the police searched it`, `the day after his death`), and are dropped.
fn day_before_after(text: &str, out: &mut Vec<TimeExpr>) {
    let mut i = 0;
    while i < out.len() {
        let l = out[i].text.to_ascii_lowercase();
        let n = match () {
            _ if out[i].kind != Kind::Anchored => 0,
            _ if l.ends_with("day before") => -1,
            _ if l.ends_with("day after") => 1,
            _ => 0,
        };
        let after = &text[out[i].end..];
        if n == 0 || !after.starts_with(' ') || !after[1..].starts_with(char::is_alphanumeric) {
            i += 1;
            continue;
        }
        let end = out[i].end;
        let next = out.get(i + 1).filter(|x| x.start == end + 1).and_then(|x| x.day().map(|d| (d, x.end)));
        let prev = i.checked_sub(1).map(|k| &out[k]).filter(|p| text[p.end..out[i].start].trim() == ",");
        let prev = prev.and_then(|p| p.day());
        let (day, span_end) = match (next, prev) {
            (Some((d, x_end)), _) => {
                out.remove(i + 1);
                (add_days(d, n), x_end)
            }
            (None, Some(d)) => (d, out[i].start + l.find("day").map_or(0, |k| k + 3)),
            (None, None) => {
                out.remove(i);
                continue;
            }
        };
        let e = &mut out[i];
        e.end = span_end;
        e.text = text[e.start..e.end].to_string();
        e.value = Some(day.to_string());
        e.first = Some(day);
        e.last = Some(day);
        e.grain = Grain::Day;
        i += 1;
    }
}

/// Every TIMEX3 expression of `text`: the dates of [`find_dates`] plus durations, sets and clock
/// times (typed in [`TimeExpr::timex_type`]). Sorted by position, non-overlapping; a date wins
/// over a duration or set it overlaps, a clock time absorbs the day it is printed with.
pub fn find_timexes(text: &str, dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut dates = find_dates(text, dct);
    // "ten days before the shooting": in TimeML a length of time (a DURATION) before an event;
    // find_dates dates it from the day narrated before, for the timeline.
    dates.retain(|d| !length_before_event(text, d));
    let mut times = other::clock_times(text, &dates, dct);
    // "every Monday" is a set, not the Monday it contains.
    let (every, sets): (Vec<TimeExpr>, Vec<TimeExpr>) = other::sets(text).into_iter().partition(|s| {
        let l = s.text.to_ascii_lowercase();
        l.starts_with("every") || l.starts_with("each")
    });
    times.extend(every);
    let mut out: Vec<TimeExpr> =
        dates.into_iter().filter(|d| !times.iter().any(|t| t.start < d.end && d.start < t.end)).collect();
    out.extend(times);
    out.sort_by_key(|e| e.start);
    for e in sets.into_iter().chain(other::durations(text)) {
        if !out.iter().any(|o| o.start < e.end && e.start < o.end) {
            out.push(e);
        }
    }
    out.sort_by_key(|e| (e.start, e.end));
    let mut kept: Vec<TimeExpr> = Vec::with_capacity(out.len());
    for e in out {
        if kept.last().is_none_or(|k| k.end <= e.start) {
            kept.push(e);
        }
    }
    kept
}

/// `N units before/after` followed by something other than a date.
fn length_before_event(text: &str, e: &TimeExpr) -> bool {
    let l = e.text.to_ascii_lowercase();
    e.kind == Kind::Anchored
        && (l.ends_with("before") || l.ends_with("after"))
        && !l.starts_with("the ")
        && !date_follows(text, e.end)
}

/// A day followed by a part of the day (`Wednesday night`, `yesterday morning`) takes it into
/// its span; as in the TimeBank and AQUAINT annotation, it stays a DATE valued by its day.
fn part_of_day(text: &str, e: &mut TimeExpr) {
    if e.grain != Grain::Day || !matches!(e.kind, Kind::Weekday | Kind::Deictic | Kind::Absolute) {
        return;
    }
    let after = &text[e.end..];
    let rest = after.trim_start_matches(' ');
    let gap = after.len() - rest.len();
    let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if gap != 1 || !matches!(word.to_ascii_lowercase().as_str(), "morning" | "afternoon" | "evening" | "night") {
        return;
    }
    e.end += gap + word.len();
    e.text = text[e.start..e.end].to_string();
}

/// TimeML puts a modifier in the span: `late yesterday`, `nearly four years ago`, `right now`,
/// `more recently`. The modifier must follow `floor` (the end of the previous expression).
fn modifier_prefix(text: &str, e: &mut TimeExpr, floor: usize) {
    let allowed: &[&str] = match e.kind {
        Kind::Deictic | Kind::Weekday => &["early", "late", "earlier", "later"],
        Kind::Relative if e.text.to_ascii_lowercase().ends_with("ago") => {
            &["nearly", "almost", "about", "some", "roughly", "around", "just"]
        }
        Kind::Reference => &["right", "more", "most", "just"],
        _ => return,
    };
    let before = &text[floor.min(e.start)..e.start];
    let Some(head) = before.strip_suffix(' ') else { return };
    let word = head.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    let lower = word.to_ascii_lowercase();
    if word.is_empty() || !allowed.contains(&lower.as_str()) {
        return;
    }
    e.start -= word.len() + 1;
    e.text = text[e.start..e.end].to_string();
}

/// `that year`, `that month`, `that day`, `the following year`: the period of the last date
/// narrated (`narrated`, or for a day the last day-precise date `day`), `n` units on.
fn resolve_that(unit: Unit, n: i64, narrated: Option<(NaiveDate, Grain)>, day: Option<NaiveDate>) -> Option<Resolved> {
    let evidence = format!("{n:+} {unit:?} from the date narrated before");
    match unit {
        Unit::Year => shifted(narrated?.0, Unit::Year, n, evidence),
        Unit::Month => match narrated? {
            (d, Grain::Day | Grain::Month) => shifted(d, Unit::Month, n, evidence),
            _ => None,
        },
        _ => shifted(day?, Unit::Day, n, evidence),
    }
}

fn out_text(out: &[TimeExpr], i: usize) -> &str {
    out.get(i).map_or("", |e| e.text.as_str())
}

fn grain_of_unresolved(spec: &Spec) -> Grain {
    match spec {
        Spec::Date { .. }
        | Spec::Weekday { .. }
        | Spec::WeekdayAnchored { .. }
        | Spec::Deictic(_)
        | Spec::Overnight
        | Spec::Holiday(..)
        | Spec::LastYearEnd => Grain::Day,
        Spec::MonthYear { .. } | Spec::MonthOfYear { .. } | Spec::Month { .. } => Grain::Month,
        Spec::Period { unit: Unit::Week, .. } => Grain::Week,
        Spec::Period { unit: Unit::Weekend, .. } => Grain::Weekend,
        Spec::Period { unit: Unit::Month, .. } => Grain::Month,
        Spec::Quarter { .. } | Spec::FinQuarter { .. } => Grain::Quarter,
        Spec::Half { .. } => Grain::Half,
        Spec::Season { .. } => Grain::Season,
        Spec::Decade(_) | Spec::SpelledDecade(_) | Spec::LastDecade => Grain::Decade,
        Spec::Century(_) => Grain::Century,
        Spec::Ref(_) => Grain::Reference,
        _ => Grain::Year,
    }
}

/// Converts the byte offsets of sorted expressions into character offsets: `(start, end)` pairs.
pub fn char_offsets(text: &str, exprs: &[TimeExpr]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(exprs.len());
    let mut byte = 0usize;
    let mut chars = 0usize;
    let mut advance = |to: usize| {
        if to >= byte {
            chars += text[byte..to].chars().count();
        } else {
            chars -= text[to..byte].chars().count();
        }
        byte = to;
        chars
    };
    for e in exprs {
        let s = advance(e.start);
        let en = advance(e.end);
        out.push((s, en));
    }
    out
}

/// Parses a publication date as containers give it: ISO `2024-03-05`, an ISO timestamp, or any
/// text holding one date with a year (`Tue, 22 Apr 2025 10:00:00 GMT`, `April 22, 2025`).
pub fn parse_dct(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s.get(..10).and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    find_dates(s, None).into_iter().find_map(|e| e.day())
}

// ---------------------------------------------------------------------------------------------
// Story-level inference of publication dates

/// Fills `published` and `published_evidence` of the story's undated articles. Returns how many
/// were filled. The rule (general, no source-specific knowledge):
///
/// 1. The reference date is the latest publication date among the story's dated articles. A story
///    with no dated article is left alone.
/// 2. A deictic word printed next to a calendar date (`tomorrow, on April 23`, `today (May 5)`)
///    states the publication date outright: the calendar date minus the word's offset.
/// 3. Otherwise, the report's day-precise references that read as past (weekdays, yesterday,
///    calendar dates; in the body and in a live blog's posts on other subjects, since the page
///    dates all of them), resolved against the reference date, are collected within the 14 days
///    before it; a report is published on or after the last day it narrates, and news is published
///    promptly, so the latest such day is taken.
/// 4. A report with no such reference keeps no date.
pub fn infer_story_dates(articles: &mut [Article]) -> usize {
    let reference = articles.iter().filter(|a| a.published_evidence.is_none()).filter_map(|a| a.published_date()).max();
    let Some(reference) = reference else { return 0 };
    let mut filled = 0;
    for a in articles.iter_mut() {
        if a.published_date().is_some() {
            continue;
        }
        // The whole page dates itself: posts on other subjects (live blogs) count too.
        let mut text = match &a.title {
            Some(t) => format!("{t}\n\n{}", a.body),
            None => a.body.clone(),
        };
        for p in &a.off_story_posts {
            text.push_str("\n\n");
            text.push_str(&p.text);
        }
        if let Some((d, ev)) = infer_one(&text, reference) {
            a.published = Some(d.to_string());
            a.published_evidence = Some(ev);
            filled += 1;
        }
    }
    filled
}

/// Infers the publication date of one text from the story's reference date (see
/// [`infer_story_dates`]).
pub fn infer_one(text: &str, reference: NaiveDate) -> Option<(NaiveDate, String)> {
    let exprs = find_dates(text, Some(reference));
    // Rule 2: deictic next to a calendar date.
    for w in exprs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let gap = &text[a.end..b.start];
        let tight = gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '-' | '–' | '—'));
        if !(tight.is_empty() || tight.eq_ignore_ascii_case("on")) {
            continue;
        }
        let (deictic, date) = if a.kind == Kind::Deictic && b.kind == Kind::Absolute {
            (a, b)
        } else if b.kind == Kind::Deictic && a.kind == Kind::Absolute {
            (b, a)
        } else {
            continue;
        };
        let (Some(dd), Some(cal)) = (deictic.day(), date.day()) else { continue };
        if deictic.text.eq_ignore_ascii_case("overnight") {
            continue;
        }
        let offset = (dd - reference).num_days();
        let d = add_days(cal, -offset);
        let phrase = &text[a.start.min(b.start)..a.end.max(b.end)];
        return Some((d, format!("'{phrase}' in the text: the date is inferred, not stated")));
    }
    // Rule 3: latest past day-precise reference within 14 days before the reference date.
    let mut best: Option<(&TimeExpr, NaiveDate)> = None;
    for e in &exprs {
        if e.future || !matches!(e.kind, Kind::Weekday | Kind::Absolute | Kind::Deictic) {
            continue;
        }
        if e.kind == Kind::Deictic && e.text.eq_ignore_ascii_case("overnight") {
            continue;
        }
        let Some(d) = e.day() else { continue };
        let age = (reference - d).num_days();
        if !(0..=14).contains(&age) {
            continue;
        }
        let d = if e.kind == Kind::Deictic { add_days(d, -(d - reference).num_days()) } else { d };
        if best.is_none_or(|(_, b)| d > b) {
            best = Some((e, d));
        }
    }
    let (e, d) = best?;
    Some((
        d,
        format!(
            "not stated; '{}' ({d}) is the latest day the report narrates, resolved against the story's dated reports (latest {reference})",
            e.text
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn vals(text: &str, dct: &str) -> Vec<(String, String)> {
        find_dates(text, Some(d(dct))).into_iter().map(|e| (e.text, e.value.unwrap_or_default())).collect()
    }

    #[test]
    fn weekday_past_and_future() {
        let v = vals("The minister spoke on Monday. Talks will be held on Wednesday.", "2024-03-05");
        assert_eq!(v, vec![("Monday".into(), "2024-03-04".into()), ("Wednesday".into(), "2024-03-06".into())]);
    }

    #[test]
    fn weekday_and_date_disagree() {
        let e = find_dates("countries meet in Rome on Friday 12 March to discuss", Some(d("2025-03-10")));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].value.as_deref(), Some("2025-03-12"));
        assert!(e[0].error.as_deref().unwrap().contains("was a Wednesday"));
    }
}
