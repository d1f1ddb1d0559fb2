//! Quantitative claims from news text, as rows in the `claims.csv` columns: the number
//! (digits, "7,000", "2.5 million", "a million", written-out numbers, ranges "from 300 to
//! 7,000", percentages), its unit and qualifier, who said it (before or after the quote) and for
//! which organization, the period ("since July", "last October", "in 2024") and the article's
//! date when the text gives one. Rule-based and transparent: every row carries the sentence it
//! came from in `statement_summary`, for an analyst to check.

use std::sync::LazyLock;

use regex::Regex;

use lookout_project::ClaimRow;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() >= 3))
        .map(|i| i as u32 + 1)
}

const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

const WORD_NUMBERS: [(&str, f64); 28] = [
    ("a", 1.0),
    ("an", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("a dozen", 12.0),
    ("dozens of", 24.0),
    ("a hundred", 100.0),
    ("hundreds of", 200.0),
    ("thousands of", 2000.0),
];

const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|a dozen|dozens of|a hundred|hundreds of|thousands of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:million|billion|thousand))?";

const QUAL: &str = r"about|around|approximately|roughly|some|nearly|almost|close to|more than|over|upwards of|in excess of|at least|no fewer than|no less than|up to|as many as|exactly|precisely";

const UNIT: &str = r"(?:containers?|transfers|(?:(?:122|152)\s?mm\s+)?(?:artillery\s+)?(?:shells|rounds)|ballistic missiles|missiles|round trips|voyages|trips|shipments|port calls|visits|rail\s?cars|freight cars|wagons|railcars|metric tons|tonnes|tons|vessels|ships|percent|per cent)\b|%";

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<qual>{QUAL})\s+)?(?:(?:from|between)\s+)?(?P<a>{NUM})(?:\s*(?:-|–|to|and)\s*(?P<b>{NUM}))?\s*(?P<gap>(?:[A-Za-z][\w-]*\s+){{0,3}}?)(?P<unit>{UNIT})"
    ))
    .expect("quantity regex")
});

static DATE_ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(20\d\d)-(\d\d)-(\d\d)\b").expect("iso date"));
static DATE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>20\d\d)\b"
    ))
    .expect("mdy")
});
static DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_RE})\s+(?P<y>20\d\d)\b"
    ))
    .expect("dmy")
});
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s)>\]]+").expect("url"));

/// A capitalised name of 2-4 words (hyphens allowed: "Shin Won-sik").
const NAME: &str = r"[A-Z][a-z]+(?:-[a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,3}";
const TITLE: &str = r"(?:(?:South Korean |North Korean |Ukrainian |U\.S\. |US |Russian )?(?:Defen[cs]e Minister|Foreign Minister|Minister|Secretary of State|Secretary|spokesman|spokeswoman|spokesperson|Spokesman|President|Rep\.|Sen\.|Ambassador|Director|Deputy Spokesperson|lawmaker|analyst|General|Gen\.)\s+)";

static SAID_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:said|says|told reporters|wrote|added|estimated)\s+{TITLE}?(?P<name>{NAME})"
    ))
    .expect("said after")
});
static SAID_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{TITLE}?(?P<name>{NAME})(?:,\s*(?P<appos>[^,]{{3,90}}),)?\s+(?:said|says|told|estimated|stated|wrote|added|claimed|found|reported|counted)\b"
    ))
    .expect("said before")
});
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:according to)\s+(?:{TITLE})?(?P<who>(?:the\s+)?(?:[A-Z][\w.'’-]*\s*(?:of\s+(?:the\s+)?|for\s+)?)+)"
    ))
    .expect("according")
});
static ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<org>(?:[A-Z][\w.'’-]*\s+(?:of\s+(?:the\s+)?|for\s+)?)*(?:Ministry|Department|Service|Agency|Council|House|Institute|Centre|Center|Office|Command|Intelligence|Staff|Pentagon|Government|Panel|Team|Reuters|RUSI|CSIS|NIS|C4ADS|State)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'-]*)*)")
        .expect("org")
});
static ATTRIBUTING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:said|says|told|estimated|stated|wrote|added|claimed|found|reported|counted)\b",
    )
    .expect("verb")
});
static SURNAME_SAID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<name>[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:said|says|added|told|wrote)\b")
        .expect("surname")
});
/// Places that look like names in "says North Korea".
const PLACES: [&str; 10] = [
    "Korea",
    "Russia",
    "China",
    "Japan",
    "Ukraine",
    "States",
    "Seoul",
    "Moscow",
    "Washington",
    "Pyongyang",
];

static SINCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?P<m>{MONTH_RE})(?:\s+(?P<y>20\d\d))?|(?P<yo>20\d\d)|(?P<last>last year))"
    ))
    .expect("since")
});
static LAST_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\blast\s+(?P<m>{MONTH_RE})\b")).expect("last month")
});
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:between|from)\s+(?P<m1>{MONTH_RE})(?:\s+(?P<y1>20\d\d))?\s+(?:and|to|through)\s+(?P<m2>{MONTH_RE})(?:\s+(?P<y2>20\d\d))?"
    ))
    .expect("between")
});
static IN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:in|during)\s+(?:(?P<m>{MONTH_RE})\s+)?(?P<y>20\d\d)\b|\b(?P<this>this year)\b"
    ))
    .expect("in period")
});

/// Article date (`YYYY-MM-DD`) from the first lines of the text.
pub fn article_date(text: &str) -> Option<String> {
    let head: String = text.chars().take(600).collect();
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, s: String| {
        if best.as_ref().is_none_or(|b| pos < b.0) {
            best = Some((pos, s));
        }
    };
    if let Some(c) = DATE_ISO.captures(&head) {
        consider(
            c.get(0).map_or(0, |m| m.start()),
            format!("{}-{}-{}", &c[1], &c[2], &c[3]),
        );
    }
    for re in [&*DATE_MDY, &*DATE_DMY] {
        if let Some(c) = re.captures(&head) {
            if let (Some(m), Ok(d)) = (month_number(&c["m"]), c["d"].parse::<u32>()) {
                consider(
                    c.get(0).map_or(0, |m| m.start()),
                    format!("{}-{m:02}-{d:02}", &c["y"]),
                );
            }
        }
    }
    best.map(|b| b.1)
}

fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().to_lowercase();
    let (base, scale) = match t.rsplit_once(char::is_whitespace) {
        Some((b, "million")) => (b.trim().to_owned(), 1e6),
        Some((b, "billion")) => (b.trim().to_owned(), 1e9),
        Some((b, "thousand")) => (b.trim().to_owned(), 1e3),
        _ => (t.clone(), 1.0),
    };
    let v = base.replace(',', "").parse::<f64>().ok().or_else(|| {
        WORD_NUMBERS
            .iter()
            .find(|(w, _)| *w == base)
            .map(|(_, v)| *v)
    })?;
    Some(v * scale)
}

fn unit_of(unit: &str) -> String {
    let u = unit.to_lowercase();
    let calibre = if u.contains("152") {
        "_152mm"
    } else if u.contains("122") {
        "_122mm"
    } else {
        ""
    };
    let base = if u.starts_with("container") {
        "containers"
    } else if u.contains("shell") || u.contains("round") && !u.contains("round trip") {
        "artillery_shells"
    } else if u == "ballistic missiles" {
        "ballistic_missiles"
    } else if u == "missiles" {
        "missiles"
    } else if u.contains("trip") || u == "voyages" {
        "voyages"
    } else if u == "shipments" {
        "shipments"
    } else if u == "transfers" {
        "transfers"
    } else if u == "port calls" || u == "visits" {
        "port_calls"
    } else if u.contains("car") || u == "wagons" {
        "railcars"
    } else if u.contains("ton") {
        "metric_tons"
    } else if u == "vessels" || u == "ships" {
        "vessels"
    } else {
        "percent"
    };
    format!("{base}{calibre}")
}

fn qualifier_of(q: Option<&str>, sentence: &str) -> &'static str {
    let s = sentence.to_lowercase();
    if [
        "could hold",
        "could contain",
        "could carry",
        "could be in",
        "equivalent",
        "enough to",
        "capacity",
        "could have held",
    ]
    .iter()
    .any(|p| s.contains(p))
    {
        return "capacity_equivalent";
    }
    match q.map(str::to_lowercase).as_deref() {
        Some(
            "about" | "around" | "approximately" | "roughly" | "some" | "nearly" | "almost"
            | "close to",
        ) => "about",
        Some("more than" | "over" | "upwards of" | "in excess of") => "more_than",
        Some("at least" | "no fewer than" | "no less than") => "at_least",
        Some("up to" | "as many as") => "up_to",
        Some("exactly" | "precisely") => "exactly",
        _ => "unspecified",
    }
}

/// Splits text into paragraphs of sentences.
fn sentences(text: &str) -> Vec<Vec<String>> {
    const ABBREV: [&str; 20] = [
        "Mr", "Mrs", "Ms", "Dr", "U.S", "U.N", "U.K", "Gen", "Lt", "Col", "Jan", "Feb", "Aug",
        "Sept", "Sep", "Oct", "Nov", "Dec", "No", "St",
    ];
    let mut paragraphs = Vec::new();
    for para in text.split("\n\n") {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if para.is_empty() {
            continue;
        }
        let chars: Vec<char> = para.chars().collect();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if matches!(c, '.' | '!' | '?') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j], '"' | '”' | '\'' | '’') {
                    j += 1;
                }
                let next_upper = j + 1 < chars.len()
                    && chars[j] == ' '
                    && (chars[j + 1].is_uppercase() || matches!(chars[j + 1], '"' | '“'));
                let word: String = chars[start..i]
                    .iter()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let abbrev = c == '.'
                    && ABBREV
                        .iter()
                        .any(|a| word.trim_start_matches(['"', '(']) == *a);
                if (next_upper || j >= chars.len()) && !abbrev {
                    out.push(chars[start..j].iter().collect::<String>().trim().to_owned());
                    start = j;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        if start < chars.len() {
            let rest: String = chars[start..].iter().collect();
            if !rest.trim().is_empty() {
                out.push(rest.trim().to_owned());
            }
        }
        paragraphs.push(out);
    }
    paragraphs
}

/// Speaker and organization of a sentence.
fn attribution(sentence: &str) -> Option<(String, String)> {
    let org_in = |s: &str| {
        ORG.captures(s)
            .map(|c| c["org"].trim().trim_start_matches("the ").to_owned())
            .unwrap_or_default()
    };
    let person = |n: &str| !PLACES.iter().any(|p| n.contains(p));
    if let Some(c) = SAID_AFTER.captures(sentence).filter(|c| person(&c["name"])) {
        let rest = &sentence[c.get(0).map_or(0, |m| m.end())..];
        return Some((c["name"].to_owned(), org_in(rest)));
    }
    if let Some(c) = SAID_BEFORE
        .captures(sentence)
        .filter(|c| person(&c["name"]))
    {
        let name = c["name"].to_owned();
        let appos = c.name("appos").map_or("", |m| m.as_str());
        let org = if appos.is_empty() {
            String::new()
        } else {
            org_in(appos)
        };
        // "The Ministry of Defense said": an organization, not a person.
        if ORG.is_match(&name) && org.is_empty() {
            return Some((String::new(), name));
        }
        return Some((name, org));
    }
    if let Some(c) = ACCORDING.captures(sentence) {
        let who = c["who"].trim().trim_start_matches("the ").trim().to_owned();
        if ORG.is_match(&who) {
            return Some((String::new(), org_in(&who)));
        }
        return Some((who, String::new()));
    }
    // "Analysts at the Open Source Centre counted ...", "The group C4ADS found ...".
    if ATTRIBUTING_VERB.is_match(sentence) {
        let org = org_in(sentence);
        if !org.is_empty() {
            return Some((String::new(), org));
        }
    }
    None
}

/// `YYYY-MM` of a month word relative to the article date: the year given, else the latest such
/// month not after the article (strictly before it for "last").
fn month_year(
    m: &str,
    y: Option<&str>,
    article: Option<(i32, u32)>,
    strictly_before: bool,
) -> Option<String> {
    let mn = month_number(m)?;
    let year = match (y, article) {
        (Some(y), _) => y.parse().ok()?,
        (None, Some((ay, am))) => {
            if mn < am || (mn == am && !strictly_before) {
                ay
            } else {
                ay - 1
            }
        }
        (None, None) => return None,
    };
    Some(format!("{year}-{mn:02}"))
}

/// Period of a sentence: (start, end), partial dates.
fn period(sentence: &str, article: Option<&str>) -> (String, String) {
    let ad =
        article.and_then(|a| Some((a[..4].parse::<i32>().ok()?, a[5..7].parse::<u32>().ok()?)));
    let end = article.unwrap_or("").to_owned();
    if let Some(c) = BETWEEN.captures(sentence) {
        let y2 = c.name("y2").map(|m| m.as_str());
        let y1 = c.name("y1").map(|m| m.as_str()).or(y2);
        let s = month_year(&c["m1"], y1, ad, false).unwrap_or_default();
        let e = month_year(&c["m2"], y2, ad, false).unwrap_or_default();
        return (s, e);
    }
    if let Some(c) = SINCE.captures(sentence) {
        let s = if let Some(m) = c.name("m") {
            month_year(m.as_str(), c.name("y").map(|m| m.as_str()), ad, false).unwrap_or_default()
        } else if let Some(y) = c.name("yo") {
            y.as_str().to_owned()
        } else {
            ad.map(|(y, _)| (y - 1).to_string()).unwrap_or_default()
        };
        return (s, end);
    }
    if let Some(c) = LAST_MONTH.captures(sentence) {
        let m = month_year(&c["m"], None, ad, true).unwrap_or_default();
        return (m.clone(), m);
    }
    if let Some(c) = IN_PERIOD.captures(sentence) {
        if c.name("this").is_some() {
            let y = ad.map(|(y, _)| y.to_string()).unwrap_or_default();
            return (y, end);
        }
        let y = &c["y"];
        let s = match c.name("m") {
            Some(m) => month_year(m.as_str(), Some(y), ad, false).unwrap_or_default(),
            None => y.to_owned(),
        };
        return (s.clone(), s);
    }
    (String::new(), String::new())
}

/// Writes rows as `claims.csv` (header always written).
pub fn write_csv(rows: &[ClaimRow], out: impl std::io::Write) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    w.write_record(lookout_project::CLAIM_COLUMNS)?;
    for r in rows {
        w.serialize(r)?;
    }
    w.flush()?;
    Ok(())
}

/// Extracts the quantitative claims of a news text.
pub fn extract(text: &str) -> Vec<ClaimRow> {
    let date = article_date(text);
    let url = URL
        .find(text)
        .map(|m| m.as_str().trim_end_matches(['.', ',']).to_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut last: Option<(String, String)> = None;
    for (i, para) in sentences(text).into_iter().enumerate() {
        // A first paragraph without a full stop is the headline: it repeats the story.
        if i == 0 && para.len() == 1 && !para[0].ends_with(['.', '"', '”']) {
            continue;
        }
        let para_attr = para.iter().find_map(|s| attribution(s));
        for s in &para {
            // "Shin said": the surname of the last person quoted.
            let surname = SURNAME_SAID.captures(s).and_then(|c| {
                let (name, org) = last.clone()?;
                name.split_whitespace()
                    .any(|w| w == &c["name"])
                    .then_some((name, org))
            });
            let attr = attribution(s).or(surname).or_else(|| para_attr.clone());
            if let Some(a) = attr.as_ref().filter(|a| !a.0.is_empty()) {
                last = Some(a.clone());
            }
            for c in QUANTITY.captures_iter(s) {
                let a = &c["a"];
                let unit_text = &c["unit"];
                // Calibres ("152 mm shells") and words that merely look like numbers ("a").
                let gap = c.name("gap").map_or("", |m| m.as_str());
                // "a" alone is an article, not a number ("a million" is kept); a calibre
                // ("152 mm shells") is not a quantity.
                if a.eq_ignore_ascii_case("a")
                    || a.eq_ignore_ascii_case("an")
                    || gap.to_lowercase().starts_with("mm")
                {
                    continue;
                }
                let Some(x) = parse_number(a) else { continue };
                let b_text = c.name("b").map(|m| m.as_str());
                let b = b_text.and_then(parse_number);
                let (quantity, low, high) = match (b, b_text) {
                    (Some(b), Some(bt)) => {
                        // "between 4 and 6 million": the scale word of the high end applies to
                        // a bare low end.
                        let scale = b / parse_number(bt.split_whitespace().next().unwrap_or(""))
                            .unwrap_or(b);
                        let lo = if a.split_whitespace().count() == 1 && scale > 1.0 {
                            x * scale
                        } else {
                            x
                        };
                        (None, Some(lo.min(b)), Some(b.max(lo)))
                    }
                    _ => (Some(x), None, None),
                };
                let (speaker, organization) = attr.clone().unwrap_or_default();
                let (period_start, period_end) = period(s, date.as_deref());
                out.push(ClaimRow {
                    date: date.clone().unwrap_or_default(),
                    speaker,
                    organization,
                    quantity,
                    quantity_low: low,
                    quantity_high: high,
                    qualifier: qualifier_of(c.name("qual").map(|m| m.as_str()), s).to_owned(),
                    unit: unit_of(unit_text),
                    period_start,
                    period_end,
                    route: String::new(),
                    statement_summary: s.chars().take(300).collect(),
                    source_url: url.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("7,000"), Some(7000.0));
        assert_eq!(parse_number("2.5 million"), Some(2.5e6));
        assert_eq!(parse_number("a million"), Some(1e6));
        assert_eq!(parse_number("nine"), Some(9.0));
        assert_eq!(parse_number("hundreds of"), Some(200.0));
        assert_eq!(parse_number("many"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            article_date("SEOUL, Feb. 26, 2024 (Yonhap) --"),
            Some("2024-02-26".into())
        );
        assert_eq!(
            article_date("Published 14 June 2024\nText"),
            Some("2024-06-14".into())
        );
        assert_eq!(
            article_date("2023-10-13 Washington"),
            Some("2023-10-13".into())
        );
        assert_eq!(article_date("no date here"), None);
    }

    #[test]
    fn periods() {
        assert_eq!(
            period("since July", Some("2024-03-18")),
            ("2023-07".into(), "2024-03-18".into())
        );
        assert_eq!(
            period("since August 2023", Some("2024-03-18")),
            ("2023-08".into(), "2024-03-18".into())
        );
        assert_eq!(
            period("last October", Some("2023-11-01")),
            ("2023-10".into(), "2023-10".into())
        );
        assert_eq!(
            period("last October", Some("2024-02-01")),
            ("2023-10".into(), "2023-10".into())
        );
        assert_eq!(
            period("between September and December 2023", None),
            ("2023-09".into(), "2023-12".into())
        );
        assert_eq!(period("in 2024", None), ("2024".into(), "2024".into()));
        assert_eq!(
            period("since last year", Some("2024-03-18")),
            ("2023".into(), "2024-03-18".into())
        );
    }
}
