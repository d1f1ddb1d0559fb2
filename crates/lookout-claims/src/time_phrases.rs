//! Time in news language: dates ("March 18, 2024", "18 March 2024", "2024-03-18"), relative days
//! ("on Monday", "yesterday") and the periods a claim covers ("since July", "in recent weeks",
//! "between 5 and 20 March", "last October", "from August to January", "the following month"),
//! resolved against a reference date into the partial dates of `claims.csv` (`2024`, `2024-03`,
//! `2024-03-18`).

use std::sync::LazyLock;

use regex::{Captures, Regex};
use time::{Date, Duration, Month, Weekday};

/// A month name or its abbreviation ("Sept.", "Oct").
pub const MONTH_RE: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const DAY_RE: &str = r"\d{1,2}(?:st|nd|rd|th)?";
const YEAR_RE: &str = r"(?:19|20)\d\d";
const WEEKDAY_RE: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
/// Days "recent weeks", "recent months", "recent days" stand for (a named assumption).
pub const RECENT_WEEKS_DAYS: i64 = 42;
/// See [`RECENT_WEEKS_DAYS`].
pub const RECENT_MONTHS: i32 = 3;
/// See [`RECENT_WEEKS_DAYS`].
pub const RECENT_DAYS: i64 = 7;

/// Events periods are counted from ("since the summit"), with their dates.
const EVENTS: [(&str, (i32, u8, u8)); 3] = [
    // Russia's full-scale invasion of Ukraine.
    (
        r"(?:the\s+)?(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?(?:russia's\s+)?(?:full-scale\s+)?(?:invasion|war)(?:\s+(?:of|in)\s+ukraine)?",
        (2022, 2, 24),
    ),
    // Kim Jong Un and Vladimir Putin at the Vostochny cosmodrome.
    (
        r"(?:the\s+)?(?:kim-putin\s+|putin-kim\s+|september\s+|vostochny\s+)?summit(?:\s+(?:between|of)\s+[\w\s-]{3,60}?(?:last\s+september|in\s+september\s+2023))?",
        (2023, 9, 13),
    ),
    // Putin's visit to Pyongyang and the partnership treaty.
    (
        r"(?:putin's\s+(?:visit|trip)\s+to\s+(?:pyongyang|north\s+korea)|the\s+(?:partnership|mutual\s+defen[cs]e)\s+(?:treaty|pact|agreement))",
        (2024, 6, 19),
    ),
];

/// Month number (1-12) of a month word.
pub fn month_number(word: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    NAMES
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u8 + 1)
}

/// A month in Russian or Ukrainian, in the nominative or the genitive of a date ("14 июня
/// 2024", "4 листопада 2024").
const CYRILLIC_MONTH_RE: &str = "(?:январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|січ(?:ень|ня)|лют(?:ий|ого)|берез(?:ень|ня)|квіт(?:ень|ня)|трав(?:ень|ня)|черв(?:ень|ня)|лип(?:ень|ня)|серп(?:ень|ня)|верес(?:ень|ня)|жовт(?:ень|ня)|листопада?|груд(?:ень|ня))";

/// Month number (1-12) of a `CYRILLIC_MONTH_RE` word.
fn cyrillic_month_number(word: &str) -> Option<u8> {
    const STEMS: [(&str, u8); 24] = [
        ("янв", 1),
        ("фев", 2),
        ("мар", 3),
        ("апр", 4),
        ("ма", 5),
        ("июн", 6),
        ("июл", 7),
        ("авг", 8),
        ("сен", 9),
        ("окт", 10),
        ("ноя", 11),
        ("дек", 12),
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
    ];
    let w = word.to_lowercase();
    STEMS
        .iter()
        .find(|(stem, _)| w.starts_with(stem))
        .map(|&(_, m)| m)
}

fn month(m: u8) -> Option<Month> {
    Month::try_from(m).ok()
}

/// A calendar day.
pub fn day(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::from_calendar_date(y, month(m)?, d).ok()
}

/// `YYYY-MM-DD`.
pub fn fmt_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn fmt_month(y: i32, m: u8) -> String {
    format!("{y:04}-{m:02}")
}

/// `(year, month)` moved by `k` months.
fn add_months(y: i32, m: u8, k: i32) -> (i32, u8) {
    let i = y * 12 + i32::from(m) - 1 + k;
    (i.div_euclid(12), (i.rem_euclid(12) + 1) as u8)
}

/// The year of month `m` as the latest such month not after `reference` (strictly before it when
/// `strict`): "since July" in a March article is last July.
fn year_of_month(m: u8, reference: Date, strict: bool) -> i32 {
    let rm = reference.month() as u8;
    if m < rm || (m == rm && !strict) {
        reference.year()
    } else {
        reference.year() - 1
    }
}

fn year_of_day(m: u8, d: u8, reference: Date) -> i32 {
    let y = reference.year();
    match day(y, m, d) {
        Some(x) if x > reference => y - 1,
        _ => y,
    }
}

pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word.to_lowercase().get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// The latest `wd` on or before `reference` (strictly before when `strict`).
fn weekday_before(reference: Date, wd: Weekday, strict: bool) -> Date {
    let mut d = if strict {
        reference - Duration::days(1)
    } else {
        reference
    };
    while d.weekday() != wd {
        d -= Duration::days(1);
    }
    d
}

/// A full date in a text ("March 3, 2024", "3 March 2024", "Feb. 9, 2024", "2024-03-03",
/// "03.03.2024": dotted digits are day first, as European and Ukrainian media write them;
/// "27/02/2024" when one side cannot be a month; "2024년 2월 27일", "2024年2月27日").
pub static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>{YEAR_RE})|(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>{YEAR_RE})|(?P<y3>{YEAR_RE})[-/.](?P<m3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}})|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>{YEAR_RE})|(?P<a5>\d{{1,2}})/(?P<b5>\d{{1,2}})/(?P<y5>{YEAR_RE})|(?P<y6>{YEAR_RE})\s*[년年]\s*(?P<m6>\d{{1,2}})\s*[월月]\s*(?P<d6>\d{{1,2}})\s*[일日]|(?P<d7>\d{{1,2}})\s+(?P<m7>{CYRILLIC_MONTH_RE})\s+(?P<y7>{YEAR_RE}))\b"
    ))
    .expect("full date")
});

/// A month and day without a year ("Oct. 13", "13 October"), as in wire datelines.
pub static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})|(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}))\b"
    ))
    .expect("month day")
});

fn digits(s: &str) -> Option<u8> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// The date of a [`FULL_DATE`] match.
pub fn full_date(c: &Captures) -> Option<Date> {
    if let Some(y) = c.name("y3") {
        return day(
            y.as_str().parse().ok()?,
            digits(&c["m3"])?,
            digits(&c["d3"])?,
        );
    }
    // "27/02/2024" is day first, "02/27/2024" month first; "03/04/2024" could be either and
    // is not read.
    if let Some(y) = c.name("y5") {
        let (a, b) = (digits(&c["a5"])?, digits(&c["b5"])?);
        let (m, d) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ => return None,
        };
        return day(y.as_str().parse().ok()?, m, d);
    }
    // "2024년 2월 27일", "2024年2月27日".
    if let Some(y) = c.name("y6") {
        return day(
            y.as_str().parse().ok()?,
            digits(&c["m6"])?,
            digits(&c["d6"])?,
        );
    }
    // "14 июня 2024", "4 листопада 2024".
    if let Some(y) = c.name("y7") {
        return day(
            y.as_str().parse().ok()?,
            cyrillic_month_number(&c["m7"])?,
            digits(&c["d7"])?,
        );
    }
    if let Some(y) = c.name("y4") {
        return day(
            y.as_str().parse().ok()?,
            digits(&c["m4"])?,
            digits(&c["d4"])?,
        );
    }
    let (m, d, y) = if c.name("m1").is_some() {
        (&c["m1"], &c["d1"], &c["y1"])
    } else {
        (&c["m2"], &c["d2"], &c["y2"])
    };
    day(y.parse().ok()?, month_number(m)?, digits(d)?)
}

/// Month and day of a [`MONTH_DAY`] match.
pub fn month_day(c: &Captures) -> Option<(u8, u8)> {
    let (m, d) = if c.name("m1").is_some() {
        (&c["m1"], &c["d1"])
    } else {
        (&c["m2"], &c["d2"])
    };
    Some((month_number(m)?, digits(d)?))
}

/// What a time phrase means.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// A period `(start, end)` in partial dates; an empty end means "until the statement".
    Period(String, String),
    /// Relative to the period of the previous claim: months (or years) to move by, and whether
    /// the unit is a year.
    Relative(i32, bool),
    /// "in the previous five years": that many months up to the start of the previous claim's
    /// period.
    Preceding(i32),
    /// "in the second half", "the third quarter" with no year: those months (first, last) of
    /// the year of the previous claim's period.
    PartOfYear(u8, u8),
}

/// "in the second half", "during the third quarter" with no year after them.
static PART_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|during|over|for)\s+the\s+(?P<which>first|second|third|fourth)\s+(?P<unit>half|quarter)\b(?P<of>\s+of\b)?")
        .expect("part of year")
});

/// The months of a year part ([`Meaning::PartOfYear`]) in the year the previous claim's period
/// starts.
pub fn part_of_year(first: u8, last: u8, previous: &(String, String)) -> Option<(String, String)> {
    let y: i32 = previous.0.get(..4)?.parse().ok()?;
    Some((fmt_month(y, first), fmt_month(y, last)))
}

/// A time phrase found in a sentence.
#[derive(Debug, Clone)]
pub struct TimePhrase {
    /// Byte span in the sentence.
    pub span: (usize, usize),
    /// Its meaning.
    pub meaning: Meaning,
    /// A single day or a weekday ("on Monday", "Feb. 26"): may date the statement itself.
    pub day_like: bool,
    /// Starts with "since" (open until the statement).
    pub open: bool,
}

struct Pattern {
    re: Regex,
    parse: fn(&Captures, Date) -> Option<(String, String)>,
    day_like: bool,
}

fn point_re() -> String {
    format!(
        r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[-\s]?\s*)?(?:(?:last|this)\s+)?(?:the\s+{DAY_RE}\s+of\s+{MONTH_RE}|{MONTH_RE}\s+{DAY_RE}|{DAY_RE}(?:\s+{MONTH_RE})?|{MONTH_RE})(?:,?\s+{YEAR_RE}|\s+(?:of\s+)?(?:last|this)\s+year)?|(?:(?:early|mid|late)[-\s]?|the\s+(?:middle|end|start|beginning)\s+of\s+)?{YEAR_RE}|the\s+(?:end|start|beginning)\s+of\s+(?:last|this)\s+year"
    )
}

/// One end of a range: `(year, month, day)`, each possibly missing.
#[derive(Debug, Clone, Copy, Default)]
struct Point {
    y: Option<i32>,
    m: Option<u8>,
    d: Option<u8>,
    /// "last August": strictly before the reference month.
    last: bool,
    /// "early/mid/late 2022": a month within the year.
    part: Option<u8>,
    /// "September last year" (`Some(-1)`), "February this year" (`Some(0)`).
    year_offset: Option<i32>,
}

static POINT_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<part>early|mid|late|the\s+middle\s+of|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)?[-\s]*(?P<last>last\s+)?(?:(?P<m>{MONTH_RE})|(?P<d>\b\d{{1,2}})(?:st|nd|rd|th)?\b|(?P<y>{YEAR_RE}))"
    ))
    .expect("point parts")
});

fn parse_point(text: &str) -> Point {
    let mut p = Point::default();
    let lower = text.to_lowercase();
    if lower.ends_with("last year") {
        p.year_offset = Some(-1);
    } else if lower.ends_with("this year") {
        p.year_offset = Some(0);
    }
    for c in POINT_PARTS.captures_iter(text) {
        if c.name("last").is_some() {
            p.last = true;
        }
        if let Some(m) = c.name("m") {
            p.m = month_number(m.as_str());
        } else if let Some(d) = c.name("d") {
            p.d = d.as_str().parse().ok();
        } else if let Some(y) = c.name("y") {
            p.y = y.as_str().parse().ok();
            p.part = c.name("part").map(|x| {
                let x = x.as_str().to_lowercase();
                if x.starts_with("early") || x.contains("start") || x.contains("beginning") {
                    1
                } else if x.starts_with("mid") || x.contains("middle") {
                    7
                } else {
                    10
                }
            });
        }
    }
    p
}

/// Partial date of a point whose year is known.
fn fmt_point(p: Point, y: i32) -> String {
    match (p.m.or(p.part), p.d) {
        (Some(m), Some(d)) if p.m.is_some() => {
            day(y, m, d).map_or_else(|| fmt_month(y, m), fmt_day)
        }
        (Some(m), _) => fmt_month(y, m),
        (None, _) => y.to_string(),
    }
}

/// The latest year at which the point is not after the reference.
fn resolve_point(p: Point, reference: Date) -> Option<String> {
    let y = match (p.y, p.m, p.d) {
        (Some(y), _, _) => y,
        (None, Some(_), _) if p.year_offset.is_some() => {
            reference.year() + p.year_offset.unwrap_or(0)
        }
        (None, Some(m), Some(d)) => year_of_day(m, d, reference),
        (None, Some(m), None) => year_of_month(m, reference, p.last),
        _ => return None,
    };
    Some(fmt_point(p, y))
}

/// "between 5 and 20 March", "from August to January", "between Sept. 7 and Oct. 1".
fn range(c: &Captures, reference: Date) -> Option<(String, String)> {
    let mut a = parse_point(&c["a"]);
    let mut b = parse_point(&c["b"]);
    // "from September 2023 to the end of last year": a year named relative to the reference.
    for (p, text) in [(&mut a, &c["a"]), (&mut b, &c["b"])] {
        if let (None, None, Some(off)) = (p.m, p.y, p.year_offset) {
            let lower = text.to_lowercase();
            p.y = Some(reference.year() + off);
            p.m = if lower.contains("end of") {
                Some(12)
            } else if lower.contains("start of") || lower.contains("beginning of") {
                Some(1)
            } else {
                None
            };
        }
    }
    if a.m.is_none() && a.d.is_some() {
        a.m = b.m;
    }
    // "between September 7th and 12th": the end day is in the start's month (and year).
    if b.m.is_none() && b.y.is_none() && b.d.is_some() && a.m.is_some() && a.d.is_some() {
        b.m = a.m;
        b.y = a.y;
    }
    if a.m.is_none() && a.y.is_none() || b.m.is_none() && b.y.is_none() {
        return None;
    }
    if a.d.is_some() && a.m.is_none() || b.d.is_some() && b.m.is_none() {
        return None;
    }
    let end_year = match (b.y, b.m, b.d) {
        (Some(y), _, _) => y,
        (None, Some(m), Some(d)) => year_of_day(m, d, reference),
        (None, Some(m), None) => year_of_month(m, reference, b.last),
        _ => return None,
    };
    b.y = Some(end_year);
    let start_year = match (a.y, a.m) {
        (Some(y), _) => y,
        (None, Some(am)) => {
            let bm = b.m.unwrap_or(12);
            if (am, a.d.unwrap_or(1)) > (bm, b.d.unwrap_or(31)) {
                end_year - 1
            } else {
                end_year
            }
        }
        _ => return None,
    };
    Some((fmt_point(a, start_year), fmt_point(b, end_year)))
}

fn since(c: &Captures, reference: Date) -> Option<(String, String)> {
    let what = c["what"].to_lowercase();
    // "since last year", "since the start of last year": that year.
    if what.starts_with("last year") || what.starts_with("the") && what.ends_with("last year") {
        return Some(((reference.year() - 1).to_string(), String::new()));
    }
    if what.starts_with("last month") {
        let (y, m) = add_months(reference.year(), reference.month() as u8, -1);
        return Some((fmt_month(y, m), String::new()));
    }
    if what.starts_with("the") && what.ends_with("year") {
        return Some((reference.year().to_string(), String::new()));
    }
    // "since the beginning of 2023": the year itself.
    let p = parse_point(&what);
    if let (Some(y), None, true) = (
        p.y,
        p.m,
        what.starts_with("the start") || what.starts_with("the beginning"),
    ) {
        return Some((y.to_string(), String::new()));
    }
    for (re, (y, m, d)) in EVENTS_RE.iter() {
        if re.is_match(&what) {
            return Some((fmt_day(day(*y, *m, *d)?), String::new()));
        }
    }
    Some((resolve_point(parse_point(&what), reference)?, String::new()))
}

/// An event's pattern and date.
type Event = (Regex, (i32, u8, u8));

static EVENTS_RE: LazyLock<Vec<Event>> = LazyLock::new(|| {
    EVENTS
        .iter()
        .map(|(re, d)| (Regex::new(&format!("^{re}$")).expect("event"), *d))
        .collect()
});

fn recent(c: &Captures, reference: Date) -> Option<(String, String)> {
    let unit = c["unit"].to_lowercase();
    // "in recent weeks": the named default; "in the past year": one.
    let n: i64 = match c.name("n") {
        // "the past several weeks", "the last few months": as "recent" ones.
        Some(n) if ["several", "few", "many"].contains(&n.as_str().to_lowercase().as_str()) => 0,
        Some(n) => crate::quantity::small_number(n.as_str())?,
        None if unit.ends_with('s') => 0,
        None => 1,
    };
    let end = fmt_day(reference);
    let start = if unit.starts_with("day") {
        reference - Duration::days(if n == 0 { RECENT_DAYS } else { n })
    } else if unit.starts_with("week") {
        reference - Duration::days(if n == 0 { RECENT_WEEKS_DAYS } else { 7 * n })
    } else {
        let k = if unit.starts_with("year") { 12 } else { 1 } * i32::try_from(n).ok()?;
        let k = if k == 0 { RECENT_MONTHS } else { k };
        let (y, m) = add_months(reference.year(), reference.month() as u8, -k);
        let d = reference.day().min(28);
        day(y, m, d)?
    };
    Some((fmt_day(start), end))
}

/// "5 October last year": that day of the year before the reference.
fn point_of_year(c: &Captures, reference: Date) -> Option<(String, String)> {
    let s = resolve_point(parse_point(&c["what"]), reference)?;
    Some((s.clone(), s))
}

fn last_unit(c: &Captures, reference: Date) -> Option<(String, String)> {
    let unit = c["unit"].to_lowercase();
    let this = c["which"].to_lowercase() != "last";
    let (y, m) = (reference.year(), reference.month() as u8);
    Some(match (unit.as_str(), this) {
        ("year", false) => ((y - 1).to_string(), (y - 1).to_string()),
        ("year", true) => (y.to_string(), fmt_day(reference)),
        ("month", false) => {
            let p = fmt_month(add_months(y, m, -1).0, add_months(y, m, -1).1);
            (p.clone(), p)
        }
        ("month", true) => (fmt_month(y, m), fmt_day(reference)),
        (_, false) => {
            let monday = weekday_before(reference, Weekday::Monday, false) - Duration::days(7);
            (fmt_day(monday), fmt_day(monday + Duration::days(6)))
        }
        (_, true) => (
            fmt_day(weekday_before(reference, Weekday::Monday, false)),
            fmt_day(reference),
        ),
    })
}

fn in_point(c: &Captures, reference: Date) -> Option<(String, String)> {
    let prep = c["prep"].to_lowercase();
    let body = &c["what"];
    let p = parse_point(body);
    let (start, end) = if let (Some(y), Some(part), None) = (p.y, p.part, p.m) {
        let (a, b) = match part {
            1 => (1, 3),
            7 => (6, 8),
            _ => (10, 12),
        };
        (fmt_month(y, a), fmt_month(y, b))
    } else {
        let s = resolve_point(p, reference)?;
        (s.clone(), s)
    };
    if ["by", "as of", "until", "through", "till"].contains(&prep.as_str()) {
        return Some((String::new(), end));
    }
    Some((start, end))
}

fn half(c: &Captures, reference: Date) -> Option<(String, String)> {
    let y = year_of(c, reference)?;
    let n = match c["which"].to_lowercase().as_str() {
        "first" => 0,
        "second" => 1,
        "third" => 2,
        _ => 3,
    };
    let len = if c["unit"].eq_ignore_ascii_case("half") {
        6
    } else {
        3
    };
    let first = n * len + 1;
    Some((fmt_month(y, first), fmt_month(y, first + len - 1)))
}

/// "the first half of October" (days 1 to 15; the second half 16 to the end), "the second week
/// of March" (days 8 to 14; the last week the month's last seven days), "the first ten days of
/// May" (1 to 10): of the year named, else the latest such month begun by the reference.
fn part_of_month(c: &Captures, reference: Date) -> Option<(String, String)> {
    let m = month_number(c["m"].trim_end_matches('.'))?;
    let y = match c.name("y") {
        Some(y) => y.as_str().parse().ok()?,
        None => year_of_month(m, reference, false),
    };
    let (ny, nm) = add_months(y, m, 1);
    let last = (day(ny, nm, 1)? - Duration::days(1)).day();
    let which = c["which"].to_lowercase();
    let unit = c["unit"].to_lowercase();
    let (first, end) = if unit == "half" {
        match which.as_str() {
            "first" => (1, 15),
            "second" | "last" | "final" => (16, last),
            _ => return None,
        }
    } else {
        let len: u8 = if unit == "week" { 7 } else { 10 };
        match which.as_str() {
            "last" | "final" => (last + 1 - len, last),
            w => {
                let n = ["first", "second", "third", "fourth"]
                    .iter()
                    .position(|x| *x == w)? as u8;
                let first = n * len + 1;
                (first, (first + len - 1).min(last))
            }
        }
    };
    Some((fmt_day(day(y, m, first)?), fmt_day(day(y, m, end)?)))
}

/// "of that year", "of the same year" after a month: the year the sentence named before it.
static THAT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bof\s+(?:that|the\s+same)\s+year\b").expect("that year"));
static A_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d\d\b").expect("a year"));

/// The sentence with "of that year" written as the year named before it, padded to the same
/// length so that spans stay those of the sentence ("In November 2023 ... since August of that
/// year" reads "since August 2023").
fn that_year(sentence: &str) -> Option<String> {
    let m = THAT_YEAR.find(sentence)?;
    let year = A_YEAR.find_iter(&sentence[..m.start()]).last()?;
    let width = m.len();
    Some(format!(
        "{}{:<width$}{}",
        &sentence[..m.start()],
        year.as_str(),
        &sentence[m.end()..]
    ))
}

/// The year a phrase gives: its digits, or "last year", "this year", "the year" from the
/// reference.
fn year_of(c: &Captures, reference: Date) -> Option<i32> {
    match (c.name("y"), c.name("rel")) {
        (Some(y), _) => y.as_str().parse().ok(),
        (None, Some(r)) if r.as_str().to_lowercase().starts_with("last") => {
            Some(reference.year() - 1)
        }
        (None, Some(_)) => Some(reference.year()),
        _ => None,
    }
}

/// "in the three months to February": that many months ending with the month named.
fn months_to(c: &Captures, reference: Date) -> Option<(String, String)> {
    let n = i32::try_from(crate::quantity::small_number(&c["n"])?).ok()?;
    if !(1..=24).contains(&n) {
        return None;
    }
    let b = parse_point(&c["b"]);
    let m = b.m?;
    let y = b.y.unwrap_or_else(|| year_of_month(m, reference, b.last));
    let (ys, ms) = add_months(y, m, 1 - n);
    Some((fmt_month(ys, ms), fmt_month(y, m)))
}

/// "the first two months of 2025", "the last three months of 2024".
fn months_of_year(c: &Captures, reference: Date) -> Option<(String, String)> {
    let y = year_of(c, reference)?;
    let n = u8::try_from(crate::quantity::small_number(&c["n"])?).ok()?;
    if !(1..=12).contains(&n) {
        return None;
    }
    Some(if c["which"].eq_ignore_ascii_case("first") {
        (fmt_month(y, 1), fmt_month(y, n))
    } else {
        (fmt_month(y, 13 - n), fmt_month(y, 12))
    })
}

/// Seasons as meteorological quarters (a named assumption): spring March to May, summer June
/// to August, autumn September to November, winter December to February. Without a year, the
/// latest such season begun by the reference ("last": strictly before its own start month).
fn season(c: &Captures, reference: Date) -> Option<(String, String)> {
    let first = match c["season"].to_lowercase().as_str() {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        _ => 12,
    };
    let y = match c.name("y") {
        Some(y) => y.as_str().parse().ok()?,
        None => {
            let last = c
                .name("which")
                .or(c.name("bare"))
                .is_some_and(|w| w.as_str().trim().eq_ignore_ascii_case("last"));
            year_of_month(first, reference, last)
        }
    };
    let (ey, em) = add_months(y, first, 2);
    let (start, end) = (fmt_month(y, first), fmt_month(ey, em));
    // "last autumn" with no preposition: the season itself.
    Some(
        match c.name("prep").map(|p| p.as_str().to_lowercase()).as_deref() {
            Some("since") => (start, String::new()),
            Some("by") => (String::new(), end),
            _ => (start, end),
        },
    )
}

fn year_range(c: &Captures, _: Date) -> Option<(String, String)> {
    let a: i32 = c["a"].parse().ok()?;
    let b_text = &c["b"];
    let b: i32 = if b_text.len() == 2 {
        a / 100 * 100 + b_text.parse::<i32>().ok()?
    } else {
        b_text.parse().ok()?
    };
    (b > a && b - a < 10).then(|| (a.to_string(), b.to_string()))
}

fn compact_days(c: &Captures, reference: Date) -> Option<(String, String)> {
    let m = month_number(&c["m"])?;
    let (d1, d2): (u8, u8) = (c["d1"].parse().ok()?, c["d2"].parse().ok()?);
    let y = match c.name("y") {
        Some(y) => y.as_str().parse().ok()?,
        None => year_of_day(m, d2, reference),
    };
    Some((fmt_day(day(y, m, d1)?), fmt_day(day(y, m, d2)?)))
}

fn on_day(c: &Captures, reference: Date) -> Option<(String, String)> {
    let text = c.get(0)?.as_str();
    if let Some(fc) = FULL_DATE.captures(text) {
        let d = fmt_day(full_date(&fc)?);
        return Some((d.clone(), d));
    }
    let (m, d) = month_day(&MONTH_DAY.captures(text)?)?;
    let x = fmt_day(day(year_of_day(m, d, reference), m, d)?);
    Some((x.clone(), x))
}

/// "as of July 15": the end of an open period, to the day.
fn end_day(c: &Captures, reference: Date) -> Option<(String, String)> {
    on_day(c, reference).map(|(_, end)| (String::new(), end))
}

/// "Q3 2023": July to September 2023.
fn quarter(c: &Captures, _reference: Date) -> Option<(String, String)> {
    let q: u8 = match (c.name("q"), c.name("ord")) {
        (Some(q), _) => q.as_str().parse().ok()?,
        (_, Some(o)) => match o.as_str().to_lowercase().as_str() {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            _ => 4,
        },
        _ => return None,
    };
    let y: i32 = c["y"].parse().ok()?;
    Some((fmt_month(y, q * 3 - 2), fmt_month(y, q * 3)))
}

/// "between early and mid-October": that month (of its year, else the latest one begun).
fn within_month(c: &Captures, reference: Date) -> Option<(String, String)> {
    let m = month_number(c["m"].trim_end_matches('.'))?;
    let y = match c.name("y") {
        Some(y) => y.as_str().parse().ok()?,
        None => year_of_month(m, reference, false),
    };
    let s = fmt_month(y, m);
    Some((s.clone(), s))
}

/// "announced on the 9th" (Japanese and Korean wire style): that day of the reference's month,
/// or of the month before when it lies after the reference.
/// Days of a month given by ordinals only: the month named, else the reference's month (the one
/// before when the last day lies after the reference, or with "of last month").
fn ordinal_days(c: &Captures, reference: Date) -> Option<(String, String)> {
    let (d1, d2): (u8, u8) = (c["d1"].parse().ok()?, c["d2"].parse().ok()?);
    let (y, m) = match (c.name("m"), c.name("this")) {
        (Some(m), _) => {
            let m = month_number(m.as_str())?;
            let y = match c.name("y") {
                Some(y) => y.as_str().parse().ok()?,
                None => year_of_day(m, d2, reference),
            };
            (y, m)
        }
        (None, Some(w)) if w.as_str().eq_ignore_ascii_case("last") => {
            add_months(reference.year(), reference.month() as u8, -1)
        }
        _ if d2 <= reference.day() => (reference.year(), reference.month() as u8),
        _ => add_months(reference.year(), reference.month() as u8, -1),
    };
    Some((fmt_day(day(y, m, d1)?), fmt_day(day(y, m, d2)?)))
}

fn ordinal_day(c: &Captures, reference: Date) -> Option<(String, String)> {
    let d: u8 = c["d"].parse().ok()?;
    let (y, m) = (reference.year(), reference.month() as u8);
    let (y, m) = if d <= reference.day() {
        (y, m)
    } else {
        add_months(y, m, -1)
    };
    let s = fmt_day(day(y, m, d)?);
    Some((s.clone(), s))
}

fn weekday_phrase(c: &Captures, reference: Date) -> Option<(String, String)> {
    let text = c.get(0)?.as_str().to_lowercase();
    let d = if text.contains("yesterday") {
        reference - Duration::days(1)
    } else if [
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
    ]
    .iter()
    .any(|w| text.contains(w))
    {
        reference
    } else {
        let wd = weekday(c.name("wd")?.as_str())?;
        weekday_before(reference, wd, text.starts_with("last"))
    };
    Some((fmt_day(d), fmt_day(d)))
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let point = point_re();
    let events = EVENTS.iter().map(|e| e.0).collect::<Vec<_>>().join("|");
    let p =
        |re: String, parse: fn(&Captures, Date) -> Option<(String, String)>, day_like| Pattern {
            re: Regex::new(&format!("(?i){re}")).expect("time pattern"),
            parse,
            day_like,
        };
    vec![
        // "from the 8th to the 13th of this month", "between the 8th and 13th" (translated
        // Korean and Japanese news): days of the article's month, or of the month named.
        p(
            format!(r"\b(?:from|between)\s+the\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)\s+(?:to|and|until|through|-)\s+(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)\b(?:\s+of\s+(?:(?P<this>this|last)\s+month|(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?))?"),
            ordinal_days,
            false,
        ),
        // "between Dec. 30, 2023, and Feb. 7, 2024": a comma may close the first date's year.
        p(
            format!(r"\b(?:between|from)\s+(?P<a>{point}),?\s+(?:and|to|through|until|till|-)\s+(?P<b>{point})\b"),
            range,
            false,
        ),
        // "Since 30 December of last year and until 7 February" (a translation's range).
        p(
            format!(r"\bsince\s+(?P<a>{point})\s*,?\s+(?:and\s+)?(?:until|till|to|through|up\s+to)\s+(?P<b>{point})\b"),
            range,
            false,
        ),
        // "since the two leaders met in September", "since Kim and Putin met at the cosmodrome
        // in September": since that month.
        p(
            format!(r"\bsince\s+(?:the\s+|they\s+|it\s+|their\s+|his\s+)?(?:[\w'-]+\s+){{0,6}}?(?:met|meeting|summit|talks|visit|visited|signed|began|started)\s+(?:(?:at|in|on|to)\s+)?(?:the\s+)?(?:[a-z][\w'-]*\s+){{0,3}}?in\s+(?P<what>{point})\b"),
            since,
            false,
        ),
        // "in January and February", "during September and October 2023".
        p(
            format!(r"\b(?:in|during|throughout|over|for)\s+(?P<a>{MONTH_RE}(?:\s+{YEAR_RE})?)\s+and\s+(?P<b>{MONTH_RE}(?:\s+{YEAR_RE})?)\b"),
            range,
            false,
        ),
        // "in the three months to February".
        p(
            format!(r"\b(?:in|over|during)\s+the\s+(?P<n>\w+)\s+months\s+(?:to|through|ending(?:\s+in)?|up\s+to)\s+(?P<b>{point})\b"),
            months_to,
            false,
        ),
        p(
            format!(r"\b(?P<d1>\d{{1,2}})\s*(?:-|and|to)\s*(?P<d2>\d{{1,2}})\s+(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\b"),
            compact_days,
            false,
        ),
        p(
            format!(r"\b(?P<m>{MONTH_RE})\s+(?P<d1>\d{{1,2}})\s*-\s*(?P<d2>\d{{1,2}})\b(?:,?\s+(?P<y>{YEAR_RE})\b)?"),
            compact_days,
            false,
        ),
        p(
            format!(r"\b(?P<a>{MONTH_RE}\s+{YEAR_RE})\s*-\s*(?P<b>{MONTH_RE}\s+{YEAR_RE})\b"),
            range,
            false,
        ),
        p(
            format!(r"\b(?:since|starting\s+(?:in|from)|beginning\s+in|from)\s+(?P<what>(?:the\s+(?:start|beginning)\s+of\s+)?last\s+year|last\s+month|the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|{events}|{point})\b"),
            since,
            false,
        ),
        // "in the first half of October", "the last week of March 2024": those days of the month
        // (before "in the last week" alone is read).
        p(
            format!(r"\b(?:in\s+|during\s+|over\s+)?(?:the\s+)?(?P<which>first|second|third|fourth|last|final)\s+(?P<unit>half|week|ten\s+days)\s+of\s+(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\b"),
            part_of_month,
            false,
        ),
        p(
            r"\b(?:in|over|during|within|from|for)\s+(?:the\s+)?(?:(?P<plural>recent|past\s+few|last\s+few|past|last)\s+)(?:(?P<n>\w+)\s+)?(?P<unit>days|weeks|months|years|day|week|month|year)\b".to_owned(),
            recent,
            false,
        ),
        p(
            format!(r"\b(?:in\s+)?(?:the\s+)?(?P<which>first|second|third|fourth)\s+(?P<unit>half|quarter)\s+of\s+(?:(?P<y>{YEAR_RE})|(?P<rel>the\s+year|this\s+year|last\s+year))\b"),
            half,
            false,
        ),
        p(
            format!(r"\b(?:in\s+|during\s+|over\s+)?(?:the\s+)?(?P<which>first|last|final)\s+(?P<n>\w+)\s+months\s+of\s+(?:(?P<y>{YEAR_RE})|(?P<rel>the\s+year|this\s+year|last\s+year))\b"),
            months_of_year,
            false,
        ),
        p(
            format!(r"\b(?:(?P<prep>since|in|during|over|through|throughout|by)\s+(?:the\s+)?(?P<which>last\s+|this\s+|past\s+)?|(?P<bare>last|this|past)\s+)(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR_RE}))?\b"),
            season,
            false,
        ),
        // "on 5 October last year", "in October of this year": a day or month of that year,
        // before "last year" alone is read.
        p(
            format!(r"\b(?:on\s+)?(?P<what>(?:{MONTH_RE}\s+{DAY_RE}|{DAY_RE}\s+{MONTH_RE})\s+(?:of\s+)?(?:last|this)\s+year)\b"),
            point_of_year,
            true,
        ),
        p(
            format!(r"\b(?:in|during|throughout)\s+(?P<what>{MONTH_RE}\s+(?:of\s+)?(?:last|this)\s+year)\b"),
            point_of_year,
            false,
        ),
        p(
            r"\b(?P<which>last|this|earlier\s+this|so\s+far\s+this)\s+(?P<unit>year|month|week)\b".to_owned(),
            last_unit,
            false,
        ),
        p(
            format!(r"\b(?:in|for|during|throughout|between)\s+(?P<a>{YEAR_RE})\s*(?:-|and|to)\s*(?P<b>(?:19|20)?\d\d)\b"),
            year_range,
            false,
        ),
        p(
            format!(r"\b(?P<a>{YEAR_RE})\s*-\s*(?P<b>(?:19|20)?\d\d)\b"),
            year_range,
            false,
        ),
        // "as of July 15", "by 12 March 2024": the end only, to the day.
        p(
            format!(r"\b(?:by|as\s+of|until|through|till)\s+(?:{MONTH_RE}\s+{DAY_RE}|{DAY_RE}\s+{MONTH_RE})(?:,?\s+{YEAR_RE})?\b"),
            end_day,
            false,
        ),
        // "Q3 2023", "the third quarter of 2023": three calendar months.
        p(
            format!(r"\b(?:(?:in|during|over)\s+)?(?:Q(?P<q>[1-4])|(?:the\s+)?(?P<ord>first|second|third|fourth)\s+quarter(?:\s+of)?)\s*(?P<y>{YEAR_RE})\b"),
            quarter,
            false,
        ),
        // "between early and mid-October": within that month.
        p(
            format!(r"\bbetween\s+(?:early|mid|late)\s+(?:and|to)\s+(?:early|mid|late)[-\s]?(?P<m>{MONTH_RE})(?:\s+(?P<y>{YEAR_RE}))?\b"),
            within_month,
            false,
        ),
        p(
            format!(r"\b(?P<prep>in|during|throughout|for|by|as\s+of|until|through|till|last|this)\s+(?:the\s+end\s+of\s+)?(?P<what>(?:(?:early|mid|late)[-\s]?)?(?:{MONTH_RE}(?:\s+{YEAR_RE})?|{YEAR_RE}))\b"),
            in_point_or_last,
            false,
        ),
        p(
            format!(r"\b(?:on\s+)?(?:{MONTH_RE}\s+{DAY_RE}|{DAY_RE}\s+{MONTH_RE})(?:,?\s+{YEAR_RE})?\b"),
            on_day,
            true,
        ),
        p(
            r"\bon\s+the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b".to_owned(),
            ordinal_day,
            true,
        ),
        p(
            format!(r"\b(?:on\s+|last\s+|this\s+(?:past\s+)?)?(?P<wd>{WEEKDAY_RE})\b|\b(?:yesterday|today|tonight|this\s+(?:morning|afternoon|evening))\b"),
            weekday_phrase,
            true,
        ),
    ]
});

/// "last October" is strictly before the reference month; "in October" may be this month.
fn in_point_or_last(c: &Captures, reference: Date) -> Option<(String, String)> {
    let prep = c["prep"].to_lowercase();
    if prep == "last" || prep == "this" {
        let mut p = parse_point(&c["what"]);
        if p.y.is_some() && p.m.is_none() {
            return None;
        }
        p.last = prep == "last";
        if prep == "this" {
            p.y = Some(reference.year());
        }
        let s = resolve_point(p, reference)?;
        return Some((s.clone(), s));
    }
    in_point(c, reference)
}

/// "the following month", "a year later", "the same months": a time counted from the one
/// before.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:the|in\s+the)\s+(?P<next>following|next|subsequent|previous|preceding)\s+(?P<u1>month|year)|(?:a|one)\s+(?P<u2>month|year)\s+(?P<dir>later|earlier|before)|the\s+(?P<u4>month|year)\s+(?P<dir2>before|after)|(?:that|the\s+same)\s+(?P<u3>day|month|year|period|months|weeks))\b")
        .expect("relative")
});

/// "in the previous five years", "over the preceding six months", "in the five years before
/// (that)".
static PRECEDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|over|during|for|from)\s+the\s+(?:(?:previous|preceding|prior)\s+(?P<n>\w+)\s+(?P<unit>months|years)\b|(?P<n2>\w+)\s+(?P<unit2>months|years)\s+(?:before|prior|earlier)(?:\s+(?:that|then|this))?(?:\s*[,.;:]|\s*$))")
        .expect("preceding")
});

/// Pictures taken at a time: "imagery from 5 October", "photos from June", "new imagery of the
/// rail yard from June 17" (what they show between).
static TAKEN_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:imagery|images?|photos?|photographs?|pictures?|footage|snapshots?)(?:\s+(?:of|at|over|showing)\s+[^.;,:]{1,60}?)?\s+$")
        .expect("taken from")
});

/// Time phrases of a sentence, in order, without overlaps. `reference` resolves months without a
/// year (the statement or article date); without it, only phrases that carry their own year and
/// relative phrases are kept.
pub fn find(sentence: &str, reference: Option<Date>) -> Vec<TimePhrase> {
    let that_year = that_year(sentence);
    let sentence = that_year.as_deref().unwrap_or(sentence);
    let mut out: Vec<TimePhrase> = Vec::new();
    let taken =
        |out: &[TimePhrase], s: usize, e: usize| out.iter().any(|t| s < t.span.1 && t.span.0 < e);
    for c in PRECEDING.captures_iter(sentence) {
        let m = c.get(0).expect("match");
        // "in the five years before, ...": the span ends at the comma, not with it.
        let (n, unit) = match (c.name("n"), c.name("unit")) {
            (Some(n), Some(u)) => (n.as_str(), u.as_str()),
            _ => (&c["n2"], &c["unit2"]),
        };
        let Some(n) = crate::quantity::small_number(n) else {
            continue;
        };
        let k = if unit.to_lowercase().starts_with("year") {
            12
        } else {
            1
        };
        out.push(TimePhrase {
            span: (m.start(), m.end()),
            meaning: Meaning::Preceding(k * i32::try_from(n).unwrap_or(0)),
            day_like: false,
            open: false,
        });
    }
    for c in PART_OF_YEAR.captures_iter(sentence) {
        if c.name("of").is_some() {
            continue;
        }
        let m = c.get(0).expect("match");
        let k = ["first", "second", "third", "fourth"]
            .iter()
            .position(|w| c["which"].eq_ignore_ascii_case(w))
            .unwrap_or(0) as u8;
        let len = if c["unit"].eq_ignore_ascii_case("half") {
            6
        } else {
            3
        };
        if len == 6 && k > 1 {
            continue;
        }
        out.push(TimePhrase {
            span: (m.start(), m.end()),
            meaning: Meaning::PartOfYear(k * len + 1, k * len + len),
            day_like: false,
            open: false,
        });
    }
    for c in RELATIVE.captures_iter(sentence) {
        if taken(
            &out,
            c.get(0).expect("match").start(),
            c.get(0).expect("match").end(),
        ) {
            continue;
        }
        let m = c.get(0).expect("match");
        let year = c
            .name("u1")
            .or(c.name("u2"))
            .or(c.name("u3"))
            .or(c.name("u4"))
            .is_some_and(|u| u.as_str().eq_ignore_ascii_case("year"));
        let step = if let Some(n) = c.name("next") {
            if ["following", "next", "subsequent"].contains(&n.as_str().to_lowercase().as_str()) {
                1
            } else {
                -1
            }
        } else if let Some(d) = c.name("dir").or(c.name("dir2")) {
            if ["later", "after"].contains(&d.as_str().to_lowercase().as_str()) {
                1
            } else {
                -1
            }
        } else {
            0
        };
        out.push(TimePhrase {
            span: (m.start(), m.end()),
            meaning: Meaning::Relative(step, year),
            day_like: false,
            open: false,
        });
    }
    // A far-off reference lets year-carrying phrases resolve without an article date.
    let fallback = day(2100, 1, 1).expect("date");
    for pat in PATTERNS.iter() {
        for c in pat.re.captures_iter(sentence) {
            let m = c.get(0).expect("match");
            if taken(&out, m.start(), m.end()) {
                continue;
            }
            let Some((start, end)) = (pat.parse)(&c, reference.unwrap_or(fallback)) else {
                continue;
            };
            let unresolved = |s: &str| s.starts_with("2099") || s.starts_with("2100");
            if reference.is_none() && (unresolved(&start) || unresolved(&end)) {
                continue;
            }
            let lower = m.as_str().to_lowercase();
            let mut open = ["since", "starting", "beginning", "from"]
                .iter()
                .any(|w| lower.starts_with(w));
            // "imagery from 5 October": taken on that day, not a period starting then.
            let end = if open
                && end.is_empty()
                && lower.starts_with("from")
                && TAKEN_FROM.is_match(&sentence[..m.start()])
            {
                open = false;
                start.clone()
            } else {
                end
            };
            out.push(TimePhrase {
                span: (m.start(), m.end()),
                meaning: Meaning::Period(start, end),
                day_like: pat.day_like,
                open,
            });
        }
    }
    out.sort_by_key(|t| t.span.0);
    out
}

/// The period a relative phrase names, from the previous claim's period.
pub fn relative(step: i32, year: bool, previous: &(String, String)) -> Option<(String, String)> {
    if step == 0 {
        return Some(previous.clone());
    }
    let anchor = if step >= 0 { &previous.1 } else { &previous.0 };
    let anchor = if anchor.is_empty() {
        &previous.0
    } else {
        anchor
    };
    let y: i32 = anchor.get(..4)?.parse().ok()?;
    if year || anchor.len() == 4 {
        let s = (y + step).to_string();
        return Some((s.clone(), s));
    }
    let m: u8 = anchor.get(5..7)?.parse().ok()?;
    let (y, m) = add_months(y, m, step);
    let s = fmt_month(y, m);
    Some((s.clone(), s))
}

/// The `months` before the start of the previous claim's period ("in the previous five years").
pub fn preceding(months: i32, previous: &(String, String)) -> Option<(String, String)> {
    let end = previous.0.clone();
    let y: i32 = end.get(..4)?.parse().ok()?;
    let start = match end.get(5..7).and_then(|m| m.parse::<u8>().ok()) {
        Some(m) => {
            let (y, m) = add_months(y, m, -months);
            format!("{}{}", fmt_month(y, m), end.get(7..).unwrap_or(""))
        }
        None => (y - months / 12).to_string(),
    };
    Some((start, end))
}

/// A month and year alone ("Nov 2024", "November 2024").
static MONTH_YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?P<m>{MONTH_RE})\s+(?P<y>{YEAR_RE})$")).expect("month year only")
});

/// "yesterday", "today" in a label.
static TODAY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:yesterday|today)\b").expect("today word"));

/// A weekday named alone ("Tuesday:").
static WEEKDAY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{WEEKDAY_RE}\b")).expect("weekday word"));

/// What may stand beside a date in a time stamp or a label: clock times ("16:20", "4:05 p.m."),
/// time zones ("KST", "GMT+1"), weekdays, "at", "on", separators.
static STAMP_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b\d{{1,2}}[:.]\d\d(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{{1,2}}\s*[ap]\.?m\b\.?|\b\d{{1,2}}\s*[時시]\s*\d{{1,2}}\s*[分분]|\b(?:[A-Z]{{2,4}}T|KST|JST|UTC|GMT|BST|CET|CEST|EET|EEST|MSK|ET|PT)(?:\s*[+-]\s*\d{{1,2}})?\b|\b{WEEKDAY_RE}\b|\b(?:at|on|local\s+time|time|updated|last\s+updated|posted|published|filed)\b|[,|\x{{b7}}\x{{2022}}()/-]"
    ))
    .expect("stamp rest")
});

/// The date a short label or time stamp gives, with its text (`2024-02-16`, or `2024-11` for
/// a month alone): "16 Feb", "18 Oct 2024, 16:20 KST", "Wednesday 4 September 2024",
/// "Nov 2024", "Tuesday" (the latest such day on or before `reference`). A day without a year
/// is the latest one not after `reference`. With `whole`, nothing but the date, clock times,
/// time zones and weekdays may be in the text (a time stamp on a line of its own); otherwise the
/// first date in it is taken (a label: "Claim (made 26 February 2024)").
pub fn label_date(text: &str, reference: Option<Date>, whole: bool) -> Option<(Date, String)> {
    let text = text.trim();
    let (found, span) = if let Some(c) = FULL_DATE.captures(text) {
        let d = full_date(&c)?;
        (Some((d, fmt_day(d))), c.get(0)?.range())
    } else if let Some(c) = MONTH_YEAR_ONLY.captures(text) {
        let (y, m): (i32, u8) = (c["y"].parse().ok()?, month_number(&c["m"])?);
        let (ny, nm) = add_months(y, m, 1);
        let last = day(ny, nm, 1)? - Duration::days(1);
        (Some((last, fmt_month(y, m))), c.get(0)?.range())
    } else if let Some(c) = MONTH_DAY.captures(text) {
        let (m, d) = month_day(&c)?;
        let r = reference?;
        let x = day(year_of_day(m, d, r), m, d)?;
        (Some((x, fmt_day(x))), c.get(0)?.range())
    } else if let Some(m) = TODAY_WORD.find(text) {
        // "In case you missed it yesterday:".
        let r = reference?;
        let d = if m.as_str().eq_ignore_ascii_case("yesterday") {
            r - Duration::days(1)
        } else {
            r
        };
        (Some((d, fmt_day(d))), m.range())
    } else {
        let r = reference?;
        let w = WEEKDAY_WORD
            .find(text)
            .map(|m| (m.as_str().to_owned(), m.range()))?;
        let d = weekday_before(r, weekday(&w.0)?, false);
        (Some((d, fmt_day(d))), w.1)
    };
    if whole {
        let rest = format!("{} {}", &text[..span.start], &text[span.end..]);
        if !STAMP_REST.replace_all(&rest, " ").trim().is_empty() {
            return None;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(s: &str, reference: &str) -> (String, String) {
        let r = Date::parse(
            reference,
            &time::format_description::well_known::Iso8601::DATE,
        )
        .ok();
        match find(s, r).first().map(|t| t.meaning.clone()) {
            Some(Meaning::Period(a, b)) => (a, b),
            other => panic!("{s}: {other:?}"),
        }
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.into(), b.into())
    }

    #[test]
    fn periods() {
        let cases = [
            ("since July", "2024-03-18", "2023-07", ""),
            (
                "between March 3rd and 9th",
                "2025-04-02",
                "2025-03-03",
                "2025-03-09",
            ),
            (
                "between Nov. 2 and 17",
                "2025-11-21",
                "2025-11-02",
                "2025-11-17",
            ),
            ("since July", "2024-07-18", "2024-07", ""),
            ("since September 2023", "2024-03-18", "2023-09", ""),
            ("since September last year", "2024-09-04", "2023-09", ""),
            (
                "on 4 May last year",
                "2025-02-03",
                "2024-05-04",
                "2024-05-04",
            ),
            ("in May of this year", "2025-09-30", "2025-05", "2025-05"),
            ("in March last year", "2025-02-03", "2024-03", "2024-03"),
            ("since February this year", "2024-08-27", "2024-02", ""),
            ("since late August", "2023-10-16", "2023-08", ""),
            ("since mid-2022", "2024-08-27", "2022-07", ""),
            ("since the middle of 2022", "2024-08-27", "2022-07", ""),
            ("from August 2023", "2024-04-25", "2023-08", ""),
            ("since last year", "2024-03-18", "2023", ""),
            ("since the start of last year", "2024-11-29", "2023", ""),
            (
                "since the two leaders met in September",
                "2024-03-03",
                "2023-09",
                "",
            ),
            (
                "announced on the 9th",
                "2024-02-09",
                "2024-02-09",
                "2024-02-09",
            ),
            (
                "announced on the 28th",
                "2024-03-03",
                "2024-02-28",
                "2024-02-28",
            ),
            (
                "in January and February",
                "2024-03-03",
                "2024-01",
                "2024-02",
            ),
            (
                "during September and October",
                "2024-03-03",
                "2023-09",
                "2023-10",
            ),
            (
                "in the three months to February",
                "2024-03-03",
                "2023-12",
                "2024-02",
            ),
            (
                "in the second half of last year",
                "2024-03-03",
                "2023-07",
                "2023-12",
            ),
            (
                "in the first two months of the year",
                "2024-03-03",
                "2024-01",
                "2024-02",
            ),
            ("last October", "2023-11-01", "2023-10", "2023-10"),
            ("last October", "2023-10-20", "2022-10", "2022-10"),
            (
                "between 5 and 20 March",
                "2024-04-02",
                "2024-03-05",
                "2024-03-20",
            ),
            (
                "between Sept. 7 and Oct. 1",
                "2023-10-13",
                "2023-09-07",
                "2023-10-01",
            ),
            ("from August to January", "2024-06-22", "2023-08", "2024-01"),
            (
                "from last August to this January",
                "2024-06-22",
                "2023-08",
                "2024-01",
            ),
            (
                "between October and December 2023",
                "2025-02-18",
                "2023-10",
                "2023-12",
            ),
            ("in recent weeks", "2023-10-13", "2023-09-01", "2023-10-13"),
            ("in 2024", "2025-05-29", "2024", "2024"),
            ("in 2023-2024", "2025-05-29", "2023", "2024"),
            (
                "7-12 September 2023",
                "2023-10-13",
                "2023-09-07",
                "2023-09-12",
            ),
            ("on Monday", "2024-03-20", "2024-03-18", "2024-03-18"),
            ("as of November 2024", "2024-11-29", "", "2024-11"),
            (
                "since the start of the full-scale invasion",
                "2024-03-01",
                "2022-02-24",
                "",
            ),
            ("since the beginning of 2023", "2024-11-30", "2023", ""),
            (
                "in the first two months of 2025",
                "2025-03-04",
                "2025-01",
                "2025-02",
            ),
            ("since the summer", "2025-01-10", "2024-06", ""),
            (
                "in the last week of October",
                "2024-11-04",
                "2024-10-25",
                "2024-10-31",
            ),
            (
                "during the winter of 2023",
                "2024-05-01",
                "2023-12",
                "2024-02",
            ),
            (
                "imagery from 5 October",
                "2023-10-12",
                "2023-10-05",
                "2023-10-05",
            ),
        ];
        for (text, reference, start, end) in cases {
            assert_eq!(period(text, reference), p(start, end), "{text}");
        }
    }

    #[test]
    fn following_month() {
        assert_eq!(
            relative(1, false, &p("2023-09", "2023-09")),
            Some(p("2023-10", "2023-10"))
        );
        assert_eq!(
            relative(1, false, &p("2023-12-20", "2024-01-03")),
            Some(p("2024-02", "2024-02"))
        );
    }
}
