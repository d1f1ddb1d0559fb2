//! The layout of a news text: the header (headline, byline, date lines, source URL), the
//! article's date (dateline "MOSCOW, March 3, 2024 --", "TOKYO (Feb. 9, 2024) -", a date alone on
//! a line, "Published 2 May 2024", a byline with a date, "Updated ...", a dated URL), the
//! dateline's city, the body's paragraphs and sentences, and the page furniture kept out of the
//! body ("Read also" lines, captions, subscription prompts, subheadings).

use std::sync::LazyLock;

use regex::Regex;
use time::Date;

use crate::time_phrases::{self, FULL_DATE, MONTH_DAY, MONTH_RE};

/// A news text laid out.
#[derive(Debug, Default)]
pub struct Article {
    /// The article's date, when the text gives one (for a month alone, its last day, to
    /// resolve "on June 17" against).
    pub date: Option<Date>,
    /// The article's date as the text gives it: `2024-03-18`, or `2024-07` for "July 2024".
    pub date_text: String,
    /// City of the dateline ("SEOUL").
    pub dateline_city: Option<String>,
    /// First URL in the text.
    pub url: String,
    /// Header lines (headline, byline, labels).
    pub header: Vec<String>,
    /// Body paragraphs, each a list of sentences.
    pub paragraphs: Vec<Vec<String>>,
    /// The date each paragraph's own layout gives, when it differs from the article's (one per
    /// paragraph): a label opening it ("- 16 Feb:", "Tuesday:", "Claim (made 26 February
    /// 2024):"), a time stamp on a line of its own above it ("18 Oct 2024, 16:20 KST" over a
    /// live blog's entry, "Monday 2 September 2024" over a newsletter's section, carried to the
    /// next stamp), a table row's date cell ("Date given", "As of"). What the paragraph says
    /// without a date of its own was said that day.
    pub paragraph_dates: Vec<Option<(Date, String)>>,
    /// Table rows read as sentences (`SOURCE said that ESTIMATE PERIOD.`).
    pub table_rows: usize,
    /// Paragraphs dropped as page furniture.
    pub furniture: usize,
    /// Sentences longer than [`MAX_SENTENCE_CHARS`] cut into pieces (no prose: a changelog or a
    /// table run together).
    pub long_sentences: usize,
}

/// The longest sentence read as one (characters); a longer run without a sentence end (a
/// changelog, a list joined by hard wraps) is cut at the last space before the limit, so the
/// rules, which look back from each number over its sentence, stay linear in the text's length.
/// News sentences are far shorter (the corpus's longest is under 700).
pub const MAX_SENTENCE_CHARS: usize = 1_500;

/// Cuts a sentence longer than [`MAX_SENTENCE_CHARS`] at spaces.
fn bounded(sentences: Vec<String>, count: &mut usize) -> Vec<String> {
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        if s.chars().count() <= MAX_SENTENCE_CHARS {
            out.push(s);
            continue;
        }
        *count += 1;
        let mut rest = s.as_str();
        while rest.chars().count() > MAX_SENTENCE_CHARS {
            let limit = rest
                .char_indices()
                .nth(MAX_SENTENCE_CHARS)
                .map_or(rest.len(), |(i, _)| i);
            let cut = rest[..limit].rfind(' ').filter(|&k| k > 0).unwrap_or(limit);
            out.push(rest[..cut].trim().to_owned());
            rest = rest[cut..].trim_start();
        }
        if !rest.is_empty() {
            out.push(rest.to_owned());
        }
    }
    out
}

static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s)>\]]+").expect("url"));
static URL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(20\d\d)/(\d\d)/(\d\d)/").expect("url date"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<pub>published|posted|date|first\s+published|issued|released|filed|broadcast|aired|recorded)|(?P<upd>updated|last\s+updated|modified|(?:last\s+)?reviewed|last\s+checked))(?:\s+(?:on|at))?\s*:?\s*")
        .expect("label")
});
/// "first published on", "originally posted": the date of the first publication follows.
static FIRST_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:first|originally)\s+(?:published|posted|appeared|issued|aired|broadcast)\b(?:\s+(?:on|at|in))?\s*:?\s*")
        .expect("first published")
});
/// An editor's note about the text itself ("Editor's note: this article was first published on
/// 1 November 2023 and updated on 3 November ..."), not about a report it cites.
static EDITOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:editor'?s'?\s+note|note\s+from\s+the\s+editors?|note)\s*:|\bthis\s+(?:article|story|report|interview|piece|post|page|transcript)\s+(?:was|is)\s+(?:first|originally)\b")
        .expect("editor note")
});

/// The date right after "first published" in a line.
fn first_published(line: &str) -> Option<Date> {
    let m = FIRST_PUBLISHED.find(line)?;
    let c = FULL_DATE.captures(&line[m.end()..])?;
    (c.get(0)?.start() == 0)
        .then(|| time_phrases::full_date(&c))
        .flatten()
}

/// "SEOUL, Oct. 16 (Yonhap) --", "MOSCOW, March 19, 2024. " and "MOSCOW, March 19. /TASS/."
/// (closed by a full stop, as Russian agencies write it).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<city>[A-Z][A-Za-z.'/-]+(?:\s+[A-Z][A-Za-z.'/-]+){{0,2}})(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?\s*(?:,\s*|\(\s*)(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<date>(?:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE})(?:,?\s+(?:19|20)\d\d)?)(?:,?\s+\d{{1,2}}[:.]\d\d(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{{2,4}}(?:[+-]\d{{1,2}})?)?)?\s*\)?\s*(?:\([A-Za-z .-]+\)\s*)?(?:-+|:|\.(?:\s*/[A-Z]+/\.?)?\s)\s*"
    ))
    .expect("dateline")
});
static HEADER_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<city>[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)(?:/[A-Z][A-Za-z]+)?\s*(?:,|\|)\s*(?:[A-Z][a-z]+day,?\s+)?(?:{MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE}|\d{{4}}-\d\d-\d\d)"
    ))
    .expect("header dateline")
});
static DATELINE_CITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<city>[A-Z][A-Z.'/-]{2,}(?:\s+[A-Z][A-Z.'/-]+){0,2})(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\([A-Za-z .-]+\)\s*)?-+\s+")
        .expect("dateline city")
});
/// A line opening with a city dateline ("WASHINGTON - North Korea has ..."), not an agency's
/// header line that gives its date after the dash ("KYODO NEWS - Oct 29, 2024 - 07:21").
fn body_dateline_city(line: &str) -> bool {
    DATELINE_CITY.find(line).is_some_and(|m| {
        FULL_DATE
            .find(&line[m.end()..])
            .is_none_or(|d| d.start() != 0)
    })
}
/// "Copyright 2025 ERR News", "(c) 2024": the year of a dateline without one, at worst.
static COPYRIGHT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(?P<y>(?:19|20)\d\d)\b").expect("copyright year")
});
static FOOTER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:updated|published|posted|first\s+published)\b").expect("footer date")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?P<m>{MONTH_RE})\s+(?P<y>(?:19|20)\d\d)$")).expect("month year")
});
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:read\s+(?:also|more)|also\s+read|see\s+also|related\b|recommended\b|most\s+read|more\s*:|advertisement|sponsored|subscribe|sign\s+up|newsletter|share\s+(?:this|on)|follow\s+us|click\s+here|©|\(c\)|copyright|all\s+rights\s+reserved|photo\s*:|image\s*:|picture\s*:|video\s*:|watch\s*:|listen\s*:|tags?\s*:|topics?\s*:|comments?\b|leave\s+a\s+reply|editor's\s+note|reporting\s+by|writing\s+by|editing\s+by|additional\s+reporting|source\s*:|authors?\s*:|corrections?\s*:|clarification\s*:|an\s+earlier\s+version\s+of\s+this\s+(?:story|article|report)\b)")
        .expect("furniture")
});
/// "By Ben Ashford and Elise Marchand": a byline ("by ..." too, as web pages often set it).
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[Bb]y\s+[A-Z][\w'-]+\s+[A-Z]").expect("byline"));
/// Most words of a byline line.
const BYLINE_WORDS: usize = 12;
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:getty\s+images|/afp|/ap\b|/reuters|\bphoto\s+by\b|\(photo\b|\(yonhap\)\s*$|\bpool\s+photo\b|via\s+wikipedia)")
        .expect("caption")
});

/// Most words a time stamp on a line of its own has ("Thursday 17 October 2024, 20:15 KST").
const STAMP_WORDS: usize = 8;

/// Reporting verbs that make a would-be label the start of a sentence.
const REPORTING_WORDS: [&str; 10] = [
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "announced",
    "reported",
    "wrote",
    "noted",
];

/// Most words of an editor's note opening the body that may date an undated text.
const EDITOR_NOTE_WORDS: usize = 16;

/// Most words after a publication label ("Posted", "Filed:") on a line that only dates the text.
const DATE_LINE_WORDS: usize = 6;

/// A label opening a paragraph, up to its colon or dash ("- 16 Feb:", "Claim (made 26 February
/// 2024):", "Feb. 23, 2024 - ").
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*\u{2022}]\s*)?(?P<label>[^:!?\x22]{2,45}?)(?:\s*:|\s+-+)\s+")
        .expect("date label")
});

/// What a table column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Date,
    Source,
    Estimate,
    Period,
    /// "Since": a period's start.
    Since,
    Other,
}

fn column(header: &str) -> Column {
    let h = header.to_lowercase();
    let has = |ws: &[&str]| {
        ws.iter()
            .any(|w| h.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    };
    if h.trim() == "since" || h.starts_with("since ") || h.starts_with("counted from") {
        Column::Since
    } else if has(&[
        "period",
        "covering",
        "covered",
        "covers",
        "span",
        "timeframe",
        "months",
        "timespan",
    ]) || h.contains("time frame")
    {
        Column::Period
    } else if has(&[
        "date",
        "when",
        "given",
        "published",
        "announced",
        "day",
        "issued",
        "released",
    ]) || h.contains("as of")
    {
        Column::Date
    } else if has(&[
        "source",
        "sources",
        "body",
        "who",
        "agency",
        "speaker",
        "by",
        "organisation",
        "organization",
        "institution",
        "government",
        "claimant",
        "author",
    ]) {
        Column::Source
    } else if has(&[
        "estimate",
        "estimates",
        "figure",
        "figures",
        "claim",
        "claims",
        "count",
        "number",
        "what",
        "quantity",
        "amount",
        "total",
        "assessment",
    ]) {
        Column::Estimate
    } else {
        Column::Other
    }
}

/// The cells of a table row flattened into a line ("a | b | c", with or without outer pipes, or
/// cells parted by tabs).
/// Most words in a cell of a table flattened with bare semicolons (`a; b; c`): longer parts
/// are clauses of a sentence.
const TABLE_CELL_WORDS: usize = 12;

fn table_cells(line: &str) -> Option<Vec<String>> {
    // Pipes, else semicolons with a space either side ("13 Oct 2023 ; John Kirby ; ...", which
    // prose does not write), else tabs (a spreadsheet pasted as text).
    let sep = if line.matches('|').count() >= 2 {
        "|"
    } else if line.matches(" ; ").count() >= 2 {
        " ; "
    } else if line.matches(';').count() >= 2
        && !ends_sentence(line)
        && line
            .split(';')
            .all(|c| (1..=TABLE_CELL_WORDS).contains(&word_count(c)))
    {
        // "MSMT first report; 29 May 2025; about 9 million artillery rounds; 2024": short
        // cells and no full stop, which a sentence with semicolons does not have.
        ";"
    } else {
        "\t"
    };
    let t = line.trim();
    let t = t.strip_prefix(sep.trim()).unwrap_or(t);
    let t = t.strip_suffix(sep.trim()).unwrap_or(t);
    let cells: Vec<String> = t
        .split(sep)
        .map(|c| c.trim().to_owned())
        // "not stated", "n/a": an empty cell.
        .map(|c| {
            if EMPTY_CELL.is_match(&c) {
                String::new()
            } else {
                c
            }
        })
        .collect();
    (cells.len() >= 3 && cells.iter().filter(|c| !c.is_empty()).count() >= 2).then_some(cells)
}

/// A sentence naming a table's columns: "Columns: Source; Date given; Figure; Period.", "The
/// columns are source, date, estimate and period."
static COLUMNS_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:columns?|fields|column\s+headings?)\s*(?::|\bare\b|\bread\b)\s*(?P<cols>[^.:]+?)\.?\s*$")
        .expect("columns named")
});

/// The columns a sentence names, when at least two of them are known (a source, a date, an
/// estimate, a period) among three or more.
fn announced_columns(line: &str) -> Option<Vec<Column>> {
    let cols = COLUMNS_NAMED.captures(line)?.name("cols")?.as_str();
    let sep = [";", "|", "\t", ","]
        .into_iter()
        .find(|sep| cols.matches(sep).count() >= 2)?;
    let names: Vec<&str> = cols
        .split(sep)
        .flat_map(|c| {
            // "..., estimate and period": the last two.
            let c = c.trim();
            match c.strip_prefix("and ") {
                Some(x) => vec![x],
                None => c.splitn(2, " and ").collect(),
            }
        })
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let columns: Vec<Column> = names.iter().map(|c| column(c)).collect();
    let known = columns.iter().filter(|c| **c != Column::Other).count();
    (columns.len() >= 3 && known >= 2 && names.iter().all(|c| word_count(c) <= 4))
        .then_some(columns)
}

static EMPTY_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:not\s+(?:stated|given|known|specified|available)|n/?a|unknown|none|-+|\?)$",
    )
    .expect("empty cell")
});

/// A table's data row as a sentence the rules read ("SOURCE said that ESTIMATE since PERIOD."),
/// with the date of its date cell; a row of a table whose columns are not known is its cells
/// joined, when it holds a number.
fn table_row(
    cells: &[String],
    columns: Option<&[Column]>,
    reference: Option<Date>,
) -> (String, Option<(Date, String)>) {
    let cell = |want: Column| {
        columns?
            .iter()
            .zip(cells)
            .find(|(c, v)| **c == want && !v.is_empty())
            .map(|(_, v)| v.trim_end_matches(['.', ';']).to_owned())
    };
    let date = cell(Column::Date).and_then(|d| time_phrases::label_date(&d, reference, false));
    match (cell(Column::Source), cell(Column::Estimate)) {
        (Some(source), Some(estimate)) => {
            let period = match (cell(Column::Since), cell(Column::Period)) {
                (Some(v), _) if !v.to_lowercase().starts_with("since") => format!(" since {v}"),
                (Some(v), _) => format!(" {v}"),
                (None, Some(v)) => {
                    let l = v.to_lowercase();
                    const OPENING: [&str; 12] = [
                        "since ",
                        "from ",
                        "between ",
                        "in ",
                        "over ",
                        "during ",
                        "until ",
                        "by ",
                        "as of ",
                        "throughout ",
                        "the ",
                        "for ",
                    ];
                    if OPENING.iter().any(|o| l.starts_with(o)) {
                        format!(" {v}")
                    } else if l.contains(" to ") || l.contains(" until ") {
                        format!(" from {v}")
                    } else {
                        format!(" in {v}")
                    }
                }
                (None, None) => String::new(),
            };
            // "Reuters / Open Source Centre": a joint source, as prose names it.
            let source = match source.split_once(" / ") {
                Some((a, b)) => format!("{a} and {b}"),
                None => source,
            };
            // "John Kirby, White House National Security Council": the person, of the body.
            let source = match source.split_once(", ") {
                Some((who, body)) if !who.contains(' ') || body.contains(' ') => {
                    let body = body.strip_prefix("the ").unwrap_or(body);
                    format!("{who} of the {body}")
                }
                _ => source,
            };
            (format!("{source} said that {estimate}{period}."), date)
        }
        _ => {
            // A label and its value ("Containers shipped | about 6,700 | since 2023"): the value
            // before the label that names what it counts, then the other cells.
            let digit = |c: &String| c.contains(|ch: char| ch.is_ascii_digit());
            let Some(v) = cells.iter().position(digit) else {
                return (String::new(), None);
            };
            let mut text = cells[v].trim_end_matches('.').to_owned();
            if v > 0 {
                text = format!("{text} {}", cells[0].trim_end_matches('.'));
            }
            for (i, c) in cells.iter().enumerate() {
                if i != v && (i != 0 || v == 0) && !c.is_empty() {
                    text.push_str(", ");
                    text.push_str(c.trim_end_matches('.'));
                }
            }
            (format!("{text}."), date)
        }
    }
}

/// Straight quotes and plain dashes, so the rules see one spelling.
/// A line that links to another text ("Read also: ...", "See also", "Related:"): page
/// furniture whose places and countries are not the article's.
static LINK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:read\s+(?:also|more)|also\s+read|see\s+also|related(?:\s+(?:stories|articles|coverage|reading))?\s*:|recommended\s*:|more\s+on\s+this\s+story|most\s+read)\b")
        .expect("link line")
});

/// The text without its lines linking to other texts ("Read also: ..."), normalised: what the
/// article itself names.
pub fn without_link_lines(text: &str) -> String {
    normalize(text)
        .lines()
        .filter(|l| !LINK_LINE.is_match(l))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}

fn ends_sentence(line: &str) -> bool {
    // A closing quote ends a sentence only after its punctuation: `... week."`, not the quoted
    // headline `INTERVIEW | "We see the trains every week"`.
    // "... since September 2023.[12]": a footnote marker after the full stop.
    let l = FOOTNOTE_END.replace(line.trim_end(), "");
    let l = l.trim_end_matches(['"', '\'']);
    l.ends_with(['.', '!', '?'])
}

/// "week of 14 April", "week beginning 3 March", "week ending ...".
static WEEK_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bweek\s+(?:of|beginning|starting|commencing|ending|to)\s+(?:\w+day,?\s+)?(?:[A-Za-z]+\.?\s+)?\d")
        .expect("week of")
});

/// Footnote markers at the end of a line: "[12]", "[12][13]", "[a]".
static FOOTNOTE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\[(?:\d{1,3}|[a-z])\])+$").expect("footnote end"));

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A body line: a sentence of some length, not a label.
/// A sentence ending inside a line: "... of times. It came ...".
static INNER_SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[a-z\d)]{2}[.!?]["']?\s+["']?[A-Z]"#).expect("inner sentence end")
});

fn is_body(line: &str) -> bool {
    // A paragraph of sentences ending in a colon introduces what follows ("The posts, as
    // published:" over a quoted thread): body, though its last sentence opens a list.
    let opens_list = line.trim_end().ends_with(':') && INNER_SENTENCE_END.is_match(line);
    word_count(line) >= 8
        && (ends_sentence(line) || opens_list)
        && !shouted(line)
        && !LABEL.is_match(line)
        && !FURNITURE.is_match(line)
}

/// Date candidates of a header line: (priority, date); lower is better.
fn header_date(line: &str) -> Option<(u8, Date)> {
    let first = || {
        FULL_DATE
            .captures(line)
            .and_then(|c| time_phrases::full_date(&c))
    };
    // "Updated 3 June 2025 (first published 30 May 2025)": the first publication, wherever
    // the line gives it, over the update.
    if let Some(d) = first_published(line) {
        return Some((1, d));
    }
    if let Some(l) = LABEL.captures(line) {
        let d = FULL_DATE
            .captures(&line[l.get(0)?.end()..])
            .and_then(|c| time_phrases::full_date(&c))?;
        return Some((if l.name("pub").is_some() { 1 } else { 3 }, d));
    }
    let bylined = line.to_lowercase().starts_with("by ");
    if word_count(line) <= 16 || bylined && word_count(line) <= 25 {
        // "The Corridor Brief - week of 14 April 2025": the start of the week a digest covers,
        // weaker than the day it was sent.
        if WEEK_OF.is_match(line) {
            return first().map(|d| (3, d));
        }
        return first().map(|d| (2, d));
    }
    None
}

/// The first year a wire dateline without one can be of: the corridor supplies the war from
/// 2022 on.
const FIRST_YEAR: i32 = 2022;
/// How many years on from [`FIRST_YEAR`] a year-less dateline is looked for.
const YEARS_SEARCHED: i32 = 28;
/// A year written in the body ("the defence budget for 2024").
static BODY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b20\d\d\b").expect("body year"));
static WEEKDAY_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b").expect("weekday named")
});

/// "WASHINGTON, Sept. 4 (Yonhap) -- ..., a senior official said Wednesday": a wire story names
/// the weekday of its dateline's day, so the dateline's year is the first from [`FIRST_YEAR`]
/// in which that day is that weekday. But "SEOUL, Feb 27 (Reuters) - ... said on Monday" over a
/// body naming 2024 as its latest year is of 2024, when the weekday is the day before (a
/// statement of the day before, or of another time zone).
fn year_of_weekday(m: u8, d: u8, lead: &str, latest: Option<i32>) -> Option<Date> {
    let wd = time_phrases::weekday(WEEKDAY_NAMED.find(lead)?.as_str())?;
    if let Some(day) = latest
        .and_then(|y| time_phrases::day(y, m, d))
        .filter(|day| day.weekday() == wd || day.weekday().previous() == wd)
    {
        return Some(day);
    }
    (FIRST_YEAR..FIRST_YEAR + YEARS_SEARCHED)
        .filter_map(|y| time_phrases::day(y, m, d))
        .find(|day| day.weekday() == wd)
}

/// The dateline at the start of the first body paragraph: its city, its date (the year may
/// come from another header date, else from the weekday the story names and the latest year
/// its body names) and its length.
fn dateline(
    line: &str,
    year_hint: Option<i32>,
    latest: Option<i32>,
) -> Option<(String, Option<Date>, usize)> {
    if let Some(c) = DATELINE.captures(line) {
        let text = &c["date"];
        let date = FULL_DATE
            .captures(text)
            .and_then(|f| time_phrases::full_date(&f))
            .or_else(|| {
                let (m, d) = time_phrases::month_day(&MONTH_DAY.captures(text)?)?;
                match year_hint {
                    Some(y) => time_phrases::day(y, m, d),
                    None => year_of_weekday(m, d, &line[c.get(0)?.end()..], latest),
                }
            });
        return Some((c["city"].to_owned(), date, c.get(0)?.end()));
    }
    let c = DATELINE_CITY.captures(line)?;
    Some((c["city"].to_owned(), None, c.get(0)?.end()))
}

/// Lays out a text.
pub fn read(text: &str) -> Article {
    let text = normalize(text);
    let mut a = Article {
        url: URL
            .find(&text)
            .map(|m| m.as_str().trim_end_matches(['.', ',']).to_owned())
            .unwrap_or_default(),
        ..Article::default()
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // The body starts at the first sentence, or at a dateline (even on a hard-wrapped line).
    // A table of two rows or more (a header and a row) starts the body too: a tracker page may
    // have no sentence at all.
    let body_from = |from: usize| {
        (from..lines.len())
            .find(|&i| {
                let l = lines[i];
                is_body(l)
                    || key_figure(l).is_some()
                    || card_starts(&lines[i..])
                    || word_count(l) >= 8
                        && !shouted(l)
                        && (DATELINE.is_match(l) || body_dateline_city(l))
                    || table_cells(l).is_some()
                        && lines.get(i + 1).is_some_and(|n| table_cells(n).is_some())
            })
            .unwrap_or(lines.len())
    };
    let mut body_start = body_from(0);
    // A standfirst over the byline or the date line ("Seoul's numbers show how much of the war
    // runs on its shells." over "By A and B" and "February 27, 2024 4:01 am CET"): one sentence
    // without a figure, and the header goes on below it.
    if let Some(next) = (body_start + 1..lines.len()).find(|&j| !lines[j].is_empty()) {
        let standfirst = !lines[body_start].contains(|c: char| c.is_ascii_digit())
            && sentences(lines[body_start]).len() == 1;
        let header_line = BYLINE.is_match(lines[next]) && word_count(lines[next]) <= BYLINE_WORDS
            || word_count(lines[next]) <= STAMP_WORDS
                && FULL_DATE.is_match(lines[next])
                && time_phrases::label_date(lines[next], None, true).is_some();
        if standfirst && header_line {
            body_start = body_from(next + 1);
        }
    }
    // A period heading with a year right over the first sentence ("Phase one: August 2023 to
    // January 2024") heads the body's first section, not the page.
    let rough = lines[..body_start].iter().find_map(|l| {
        FULL_DATE
            .captures(l)
            .and_then(|c| time_phrases::full_date(&c))
    });
    while let Some(j) = (1..body_start).rev().find(|&j| !lines[j].is_empty()) {
        // With a year: "This week:" over a digest's list is the header's.
        // "Broadcast 27 August 2024", "Published 28 February 2024": a labelled date is the
        // header's own, never a heading.
        if word_count(lines[j]) <= PERIOD_HEADING_WORDS
            && !LABEL.is_match(lines[j])
            && !ends_sentence(lines[j])
            && lines[j].contains(|c: char| c.is_ascii_digit())
            && period_heading(lines[j], rough).is_some()
        {
            body_start = j;
        } else {
            break;
        }
    }
    let mut dates: Vec<(u8, usize, Date)> = Vec::new();
    for (i, l) in lines[..body_start].iter().enumerate() {
        if !l.is_empty() {
            a.header.push((*l).to_owned());
        }
        if let Some((p, d)) = header_date(l) {
            dates.push((p, i, d));
        }
    }
    if let Some(c) = URL_DATE.captures(&a.url) {
        if let Some(d) = time_phrases::day(
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        ) {
            dates.push((4, usize::MAX, d));
        }
    }
    // A month alone ("Imagery Brief | July 2024", "The Corridor Brief - July 2024"): the
    // weakest evidence of a date.
    let mut month_only = None;
    if dates.is_empty() {
        // "The Corridor Brief - July 2024": a month after a title and a dash.
        month_only = lines[..body_start].iter().find_map(|l| {
            l.split('|')
                .flat_map(|p| p.split(" - "))
                .flat_map(|p| p.split(" \u{2013} "))
                .flat_map(|p| p.split(" \u{2014} "))
                .find_map(|part| {
                    let c = MONTH_YEAR.captures(part.trim())?;
                    Some((
                        c["y"].parse::<i32>().ok()?,
                        time_phrases::month_number(&c["m"])?,
                    ))
                })
        });
    }
    dates.sort_by_key(|d| (d.0, d.1));
    let mut body: Vec<String> = lines[body_start.min(lines.len())..]
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    let latest = body
        .iter()
        .flat_map(|l| BODY_YEAR.find_iter(l))
        .filter_map(|y| y.as_str().parse::<i32>().ok())
        .filter(|y| (FIRST_YEAR..FIRST_YEAR + YEARS_SEARCHED).contains(y))
        .max();
    if let Some(first) = body.first_mut() {
        // Else the year of a copyright or "Updated DATE" line anywhere (a footer).
        let hint = dates.first().map(|d| d.2.year()).or_else(|| {
            lines.iter().find_map(|l| {
                COPYRIGHT_YEAR
                    .captures(l)
                    .and_then(|c| c["y"].parse().ok())
                    .or_else(|| {
                        FOOTER_DATE.is_match(l).then(|| {
                            FULL_DATE
                                .captures(l)
                                .and_then(|f| time_phrases::full_date(&f))
                                .map(|d| d.year())
                        })?
                    })
            })
        });
        if let Some((city, date, len)) = dateline(first, hint, latest) {
            a.dateline_city = Some(city);
            if let Some(d) = date {
                dates.insert(0, (0, 0, d));
            }
            *first = first[len..].to_owned();
        }
    }
    // A dateline on a header line of its own: "SEOUL, 18 October 2024 -", "Seoul | 1 Nov 2023 |
    // 17:30 KST" (a known city, then a date).
    if a.dateline_city.is_none() {
        a.dateline_city = a.header.iter().find_map(|l| {
            let c = HEADER_DATELINE.captures(l)?;
            crate::names::country_of_city(&c["city"])?;
            Some(c["city"].to_owned())
        });
    }
    a.date = dates.first().map(|d| d.2);
    a.date_text = a.date.map(time_phrases::fmt_day).unwrap_or_default();
    if let (None, Some((y, m))) = (a.date, month_only) {
        let next = if m == 12 {
            time_phrases::day(y + 1, 1, 1)
        } else {
            time_phrases::day(y, m + 1, 1)
        };
        a.date = next.map(|d| d - time::Duration::days(1));
        a.date_text = format!("{y:04}-{m:02}");
    }
    // No date in the header: an editor's note opening the body that gives the first
    // publication ("Editor's note: this article was first published on 1 November 2023 and
    // updated on 3 November"), the first publication, not the update.
    if a.date.is_none() {
        if let Some(d) = body
            .iter()
            .find(|l| !l.is_empty())
            .filter(|l| EDITOR_NOTE.is_match(l))
            .and_then(|l| first_published(l))
        {
            a.date = Some(d);
            a.date_text = time_phrases::fmt_day(d);
        }
    }
    // No date in the header: an editor's note opening the body ("Interview conducted on 14
    // June 2024 in Seoul; edited for length."), a short line with a full date and no other
    // number, dates the text.
    if a.date.is_none() {
        if let Some((d, _)) = body
            .iter()
            .find(|l| !l.is_empty())
            .filter(|l| word_count(l) <= EDITOR_NOTE_WORDS)
            .and_then(|l| {
                let c = FULL_DATE.captures(l)?;
                let m = c.get(0)?;
                let rest = format!("{} {}", &l[..m.start()], &l[m.end()..]);
                (!rest.contains(|ch: char| ch.is_ascii_digit()))
                    .then(|| time_phrases::full_date(&c).map(|d| (d, ())))?
            })
        {
            a.date = Some(d);
            a.date_text = time_phrases::fmt_day(d);
        }
    }
    // Still no date: a publication label on a line of its own anywhere, the first such line
    // ("Filed: April 30, 2024" under a court caption that ends with a full stop, "Posted 3
    // November 2023" closing a correction notice).
    // Else an update label's ("Last reviewed: 10 December 2024" over an FAQ).
    for group in ["pub", "upd"] {
        if a.date.is_some() {
            break;
        }
        if let Some(d) = lines.iter().find_map(|l| {
            let c = LABEL.captures(l)?;
            c.name(group)?;
            let rest = &l[c.get(0)?.end()..];
            if word_count(rest) > DATE_LINE_WORDS {
                return None;
            }
            FULL_DATE
                .captures(rest)
                .and_then(|f| time_phrases::full_date(&f))
        }) {
            a.date = Some(d);
            a.date_text = time_phrases::fmt_day(d);
        }
    }
    // A time stamp ending the header dates the first entries ("18 Oct 2024, 16:20 KST").
    let mut stamp = a
        .header
        .last()
        .filter(|l| !LABEL.is_match(l) && word_count(l) <= STAMP_WORDS)
        .and_then(|l| time_phrases::label_date(l, a.date, true));
    let mut table: Option<Vec<Column>> = None;
    // Columns a sentence names before the rows ("Columns: Source; Date given; Figure; Period."),
    // for a table whose own header row is left out.
    let mut announced: Option<Vec<Column>> = None;
    let mut heading_period: Option<String> = None;
    let mut paragraphs: Vec<(String, Option<(Date, String)>)> = Vec::new();
    let mut joinable = false;
    let mut caption_day: Option<String> = None;
    for (line, card_date) in record_cards(body) {
        if line.is_empty() {
            joinable = false;
            continue;
        }
        if let Some(cells) = table_cells(&line) {
            joinable = false;
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            match &table {
                // A header row: no digits, at least one column it knows.
                None if !cells
                    .iter()
                    .any(|c| c.contains(|ch: char| ch.is_ascii_digit())) =>
                {
                    table = Some(cells.iter().map(|c| column(c)).collect());
                }
                // A data row first: the columns the text announced, when they are as many.
                None if announced.as_ref().is_some_and(|c| c.len() == cells.len()) => {
                    table = announced.clone();
                    let (text, date) = table_row(&cells, table.as_deref(), a.date);
                    if !text.is_empty() {
                        a.table_rows += 1;
                        paragraphs.push((text, date));
                    }
                }
                _ => {
                    let (text, date) = table_row(&cells, table.as_deref(), a.date);
                    if !text.is_empty() {
                        a.table_rows += 1;
                        paragraphs.push((text, date));
                    }
                }
            }
            continue;
        }
        table = None;
        if let Some(c) = announced_columns(&line) {
            announced = Some(c);
        }
        // A heading that is only a span of time ("September 2023 to February 2024", "Q1
        // 2024:") is the period of the list items under it, up to the next heading.
        if word_count(&line) <= PERIOD_HEADING_WORDS && !ends_sentence(&line) {
            heading_period = period_heading(&line, a.date);
            if heading_period.is_some() {
                joinable = false;
                continue;
            }
        }
        // A time stamp on a line of its own dates what follows, up to the next stamp.
        if word_count(&line) <= STAMP_WORDS && !ends_sentence(&line) {
            if let Some(d) = time_phrases::label_date(&line, a.date, true) {
                stamp = Some(d);
                joinable = false;
                continue;
            }
        }
        // A hard-wrapped line goes on the previous one; a short line without a full stop is
        // a subheading, a caption or a list item.
        // A key-figure line is a line of its own ("Troops in Kursk: about 11,000 (X, 4 Nov
        // 2024)" under another), never the wrapped end of the one before.
        if joinable && key_figure(&line).is_none() {
            if let Some((p, _)) = paragraphs.last_mut() {
                p.push(' ');
                p.push_str(&line);
                joinable = !ends_sentence(p);
                continue;
            }
        }
        joinable = !ends_sentence(&line) && line.len() > 60;
        // "- 16 Feb: ...", "Tuesday: ...": the label dates the paragraph and is no part of it.
        let labelled = DATE_LABEL.captures(&line).and_then(|c| {
            let label = c.name("label")?;
            let d = time_phrases::label_date(label.as_str(), a.date, false)?;
            let end = c.get(0)?.end();
            // Not a sentence's own start ("Mr. Kirby said on Feb. 23: ..."), nor a sentence
            // ended within it.
            let clause = label.as_str().to_lowercase();
            let sentence_like = clause.contains(". ")
                && !time_phrases::FULL_DATE.is_match(label.as_str())
                && !time_phrases::MONTH_DAY.is_match(label.as_str())
                || clause
                    .split_whitespace()
                    .any(|w| REPORTING_WORDS.contains(&w));
            (word_count(label.as_str()) <= 6 && !sentence_like).then_some((end, d))
        });
        // "Containers shipped since September 2023: more than 16,500 (U.S. State Department,
        // 4 September 2024)": a key figure with its source and date, read as the statement.
        // "Image 2 of 4. Tumangang, 17 June 2024. About 175 ore cars are visible.": the
        // caption's place and day are where and when its counts were seen.
        let line = match image_caption(&line, caption_day.as_deref()) {
            Some((text, day)) => {
                caption_day = Some(day);
                text
            }
            None => line,
        };
        // Its date in brackets is the day the figure was given: what the label says relative
        // to a day ("since last year", "from 30 December to 7 February") counts from it.
        let figure = key_figure(&line);
        let figure_date = figure.as_ref().and_then(|_| bracket_date(&line));
        let line = figure.unwrap_or(line);
        let line = match &heading_period {
            Some(h) if LIST_ITEM.is_match(&line) => with_heading_period(&line, h, a.date),
            // "in this phase", "over these twelve months" under "Phase two: 2024": the
            // heading's period.
            Some(h) => heading_anaphor(&line, h),
            _ => line,
        };
        match labelled {
            Some((end, d)) => paragraphs.push((line[end..].to_owned(), Some(d))),
            None => paragraphs.push((line, card_date.or(figure_date).or_else(|| stamp.clone()))),
        }
    }
    for (p, date) in paragraphs {
        let furniture = FURNITURE.is_match(&p)
            || shouted(&p)
            || CAPTION.is_match(&p) && word_count(&p) < 40
            || !ends_sentence(&p) && word_count(&p) < 15
            || URL.find(&p).is_some_and(|m| m.len() + 20 > p.len())
            || standfirst(&p);
        if furniture {
            a.furniture += 1;
        } else {
            a.paragraphs
                .push(bounded(sentences(&p), &mut a.long_sentences));
            let date = date.filter(|d| d.1 != a.date_text);
            a.paragraph_dates.push(date);
        }
    }
    a
}

/// A key figure: a label, a colon, the figure, then its source and date in brackets.
static KEY_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*\u{2022}]\s+)?(?P<label>[A-Z][^:()]{3,100}?)\s*:\s+(?P<value>(?:[A-Za-z]+\s+){0,3}?\d[\d,.]*(?:\s+(?:thousand|million|billion))?)\s*\((?P<src>[^,()]{2,60}),\s*(?P<date>[^()]{4,30})\)\s*\.?$")
        .expect("key figure")
});

/// A span after a comma at the end of a key figure's label: "..., 30 December 2023 to 7 February
/// 2024", "..., August 2023 to January 2024".
static LABEL_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+(?P<span>(?:\d{1,2}\s+)?[a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4}\s+(?:to|until|-)\s+\S.*)$")
        .expect("label span")
});

/// A key figure given as a phrase, then its source and date in brackets: "More than 16,500
/// containers ... sent since September 2023 (US State Department, 4 September 2024)".
static BARE_KEY_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*\u{2022}]\s+)?(?P<figure>(?:[A-Za-z]+\s+){0,3}?\d[^()]{3,200}?)\s*\((?P<src>[^,()]{2,60}),\s*(?P<date>[^()]{4,30})\)\s*\.?$")
        .expect("bare key figure")
});

/// "More than 16,500 containers ... (US State Department, 4 September 2024)" is "US State
/// Department said on 4 September 2024 that more than 16,500 containers ...": only when the
/// bracket ends with a date and the phrase is no sentence of its own.
fn bare_key_figure(line: &str) -> Option<String> {
    let c = BARE_KEY_FIGURE.captures(line.trim())?;
    let date = c["date"].trim();
    let prep = date_preposition(date)?;
    let figure = c["figure"].trim();
    if figure.contains(". ") {
        return None;
    }
    Some(format!(
        "{} said {prep} {date} that {}.",
        c["src"].trim(),
        hedge_inside(figure)
    ))
}

/// "on" before a full date, "in" before a month and year; `None` for anything else.
fn date_preposition(date: &str) -> Option<&'static str> {
    if FULL_DATE.is_match(date) {
        Some("on")
    } else if MONTH_YEAR.is_match(date) {
        Some("in")
    } else {
        None
    }
}

/// "More than ...", "About ...": a figure's opening hedge, lower-cased to go inside a sentence.
fn hedge_inside(figure: &str) -> String {
    match figure.chars().next() {
        Some(f) if f.is_alphabetic() => format!("{}{}", f.to_lowercase(), &figure[f.len_utf8()..]),
        _ => figure.to_owned(),
    }
}

/// A key-figure line as the sentence it stands for: "Containers shipped since September 2023:
/// more than 16,500 (U.S. State Department, 4 September 2024)" is "U.S. State Department said on
/// 4 September 2024 that more than 16,500 containers shipped since September 2023."; a span
/// after a comma in the label is "from" it.
fn key_figure(line: &str) -> Option<String> {
    let Some(c) = KEY_FIGURE.captures(line.trim()) else {
        return bare_key_figure(line).or_else(|| dash_key_figure(line));
    };
    let date = c["date"].trim();
    let prep = date_preposition(date).unwrap_or("in");
    let label = c["label"].trim();
    let label = match LABEL_SPAN.captures(label) {
        Some(m) => format!("{} from {}", &label[..m.get(0)?.start()], &m["span"]),
        None => label.to_owned(),
    };
    // "Separate shipments since August 2023": a common noun capitalised only to open the label
    // goes inside the sentence in lower case ("North Korean troops" keeps its capital).
    let label = if crate::names::countries(&label)
        .first()
        .is_some_and(|c| c.0 == 0)
    {
        label
    } else {
        hedge_inside(&label)
    };
    Some(format!(
        "{} said {prep} {date} that {} {label}.",
        c["src"].trim(),
        c["value"].trim()
    ))
}

/// A key figure first, a dash, then what it counts, its source and the date in brackets:
/// "More than 10,000 - containers shipped since September 2023, according to the US State
/// Department (23 February 2024)", "About 7,000 - containers sent since last year, per the
/// defence minister (18 March 2024)"; or a colon after a figure with a plus or in thousands:
/// "16,500+: shipping containers sent since September 2023, per X".
static DASH_KEY_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*\u{2022}]\s+)?(?:(?P<value>(?:[A-Za-z]+\s+){0,3}?\d[\d,.]*(?:\s+(?:thousand|million|billion|bn|m))?)\s+-+|(?P<counted>\d[\d,.]*(?P<plus>\+)|\d{1,3}(?:,\d{3})+):)\s+(?P<label>[A-Za-z][^()]{3,400}?)\s*(?:\((?P<date>[^()]{4,30})\))?\s*\.?$")
        .expect("dash key figure")
});

/// The source closing a key figure's label: ", according to X", ", per X", ", by the count of X",
/// ", says X", ", source: X".
static LABEL_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+(?:according\s+to|per|by\s+the\s+(?:count|estimate|reckoning|tally)\s+of|in\s+the\s+(?:count|estimate|words)\s+of|says?|said|source\s*:|as\s+(?:estimated|counted|stated|reported)\s+by)\s+(?P<src>[^,]{3,120})$")
        .expect("label source")
});

/// "More than 10,000 - containers shipped since September 2023, according to the US State
/// Department (23 February 2024)" is "the US State Department said on 23 February 2024 that
/// more than 10,000 containers shipped since September 2023."; without a source, the figure and
/// its label as one phrase.
fn dash_key_figure(line: &str) -> Option<String> {
    let c = DASH_KEY_FIGURE.captures(line.trim())?;
    // "Issue 212 - June 14, 2024": an issue's number and date, no figure.
    if FULL_DATE.find(&c["label"]).is_some_and(|d| d.start() == 0) {
        return None;
    }
    let value = match c.name("counted") {
        // "16,500+": at least that many.
        Some(n) if c.name("plus").is_some() => {
            format!("at least {}", n.as_str().trim_end_matches('+'))
        }
        Some(n) => n.as_str().to_owned(),
        None => hedge_inside(c["value"].trim()),
    };
    let label = c["label"].trim();
    let (label, src) = match LABEL_SOURCE.captures(label) {
        Some(m) => (
            &label[..m.get(0)?.start()],
            Some(m["src"].trim().to_owned()),
        ),
        None => (label, None),
    };
    let when = c.name("date").and_then(|d| {
        let d = d.as_str().trim();
        date_preposition(d).map(|prep| format!("{prep} {d}"))
    });
    Some(match (src, when) {
        (Some(src), Some(when)) => format!("{src} said {when} that {value} {label}."),
        (Some(src), None) => format!("{src} said that {value} {label}."),
        (None, Some(when)) => format!("{value} {label} ({when})."),
        (None, None) => format!("{value} {label}."),
    })
}

/// What a field of a record card holds, from its label.
#[derive(Clone, Copy, PartialEq)]
enum CardField {
    Source,
    Stated,
    Claim,
    Route,
    Period,
}

/// A line of a record card: a label, a colon and its value ("Source: John Kirby, White House",
/// "Stated: 13 October 2023", "Claim: about 300 containers ...", "Route: by sea").
static CARD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*\u{2022}]\s*)?(?P<label>[A-Za-z][A-Za-z ]{1,24}?)\s*:\s+(?P<value>\S.*)$")
        .expect("card line")
});

fn card_field(label: &str) -> Option<CardField> {
    let l = label.trim().to_lowercase();
    Some(match l.as_str() {
        "source" | "speaker" | "claimant" | "attributed to" | "said by" | "made by" | "by"
        | "who" | "stated by" | "claimed by" => CardField::Source,
        "stated" | "date" | "said on" | "made" | "made on" | "dated" | "when" | "date stated"
        | "date given" | "given" | "claimed" | "claimed on" | "date of statement" => {
            CardField::Stated
        }
        "claim" | "statement" | "figure" | "estimate" | "quote" | "what" | "assertion" => {
            CardField::Claim
        }
        "route" | "via" | "transport" | "mode" | "means" | "by way of" => CardField::Route,
        "period" | "covering" | "timeframe" | "time frame" | "period covered" => CardField::Period,
        _ => return None,
    })
}

/// The field a line of a record card holds.
fn card_line(line: &str) -> Option<CardField> {
    card_field(&CARD_LINE.captures(line.trim())?["label"])
}

/// A record card starts here: a run of field lines, one of them a claim.
fn card_starts(lines: &[&str]) -> bool {
    let run: Vec<CardField> = lines.iter().map_while(|l| card_line(l)).collect();
    run.len() >= 2 && run.contains(&CardField::Claim)
}

/// "by sea, Najin to Dunay": the places of a route field as "from ... to ...".
static ROUTE_PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<mode>.*?),\s+(?P<places>[A-Z][^,]*?\s+to\s+[A-Z].*)$").expect("route places")
});

/// Record cards (a claims register: "Source: ...", "Stated: ...", "Claim: ...", "Route: ...", one
/// field a line, a card a run of such lines with a claim among them) read as the sentence each
/// card stands for ("SOURCE said on STATED that CLAIM, ROUTE (PERIOD)."), dated by its stated
/// day; every other line as it is.
fn record_cards(body: Vec<String>) -> Vec<(String, Option<(Date, String)>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let mut fields: Vec<(CardField, String)> = Vec::new();
        let mut j = i;
        while let Some(c) = body.get(j).and_then(|l| CARD_LINE.captures(l.trim())) {
            let Some(f) = card_field(&c["label"]) else {
                break;
            };
            fields.push((f, c["value"].trim().to_owned()));
            j += 1;
        }
        let get = |f: CardField| fields.iter().find(|x| x.0 == f).map(|x| x.1.as_str());
        let (Some(claim), true) = (get(CardField::Claim), fields.len() >= 2) else {
            out.push((body[i].clone(), None));
            i += 1;
            continue;
        };
        let claim = claim.trim_end_matches(['.', ';']);
        let mut line = String::new();
        let mut date = None;
        if let Some(src) = get(CardField::Source) {
            // "ROK National Intelligence Service, briefing to the National Assembly": the
            // occasion after the comma is no part of the name.
            // "John Kirby, White House National Security Council": a person and the body
            // they speak for.
            let src = match src.split_once(", ") {
                Some((name, rest)) if rest.starts_with(|c: char| c.is_lowercase()) => {
                    name.to_owned()
                }
                Some((name, rest)) => {
                    format!(
                        "{name} of the {}",
                        rest.trim_start_matches("the ").trim_start_matches("The ")
                    )
                }
                _ => src.to_owned(),
            };
            line.push_str(src.trim_end_matches('.'));
            line.push_str(" said");
            if let Some(stated) = get(CardField::Stated) {
                if let Some(d) = FULL_DATE
                    .captures(stated)
                    .and_then(|c| time_phrases::full_date(&c))
                {
                    line.push_str(&format!(" on {stated}"));
                    date = Some((d, time_phrases::fmt_day(d)));
                } else if MONTH_YEAR.is_match(stated) {
                    line.push_str(&format!(" in {stated}"));
                }
            }
            line.push_str(" that ");
        }
        line.push_str(claim);
        if let Some(route) = get(CardField::Route) {
            let route = route.trim_end_matches('.');
            match ROUTE_PLACES.captures(route) {
                Some(c) if !c["places"].to_lowercase().starts_with("from ") => {
                    line.push_str(&format!(", {} from {}", &c["mode"], &c["places"]));
                }
                _ => line.push_str(&format!(", {route}")),
            }
        }
        if let Some(period) = get(CardField::Period) {
            line.push_str(&format!(" ({})", period.trim_end_matches('.')));
        }
        line.push('.');
        out.push((line, date));
        i = j;
    }
    out
}

/// An image caption's opening: "Image 2 of 4. Tumangang, 17 June 2024.", "Photo 3: Khasan,
/// Russia, the same day.".
static IMAGE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Image|Photo|Picture|Figure|Fig\.|Graphic|Slide)\s+\d{1,2}(?:\s+of\s+\d{1,2})?\s*[.:]\s+(?P<head>[A-Z][^.;:]{4,120}?)\.\s+(?P<rest>\S.*)$")
        .expect("image caption")
});

/// "the same day", "that day": the day of the caption before.
static SAME_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:on\s+)?(?:the\s+same|that)\s+day$").expect("same day"));

/// A caption with its place and day as the scene of each counting sentence after them (those
/// with a number and no day of their own): "Tumangang, 17 June 2024. About 175 ore cars are
/// visible." is "About 175 ore cars are visible (at Tumangang on 17 June 2024).". The day
/// ("the same day": the caption before's) is returned for the next caption.
fn image_caption(line: &str, previous: Option<&str>) -> Option<(String, String)> {
    let c = IMAGE_CAPTION.captures(line.trim())?;
    // "PLACE, DAY" with the day after the last comma ("Tumangang rail yard, North Korea, 5
    // October 2023", "Khasan, Russia, the same day"), or after the one before ("Tumangang,
    // June 17, 2024"); the place is the first part, not its country.
    let parts: Vec<&str> = c["head"].split(',').map(str::trim).collect();
    let (place, day) = [1, 2]
        .into_iter()
        .filter(|&k| k < parts.len())
        .find_map(|k| {
            let day = parts[parts.len() - k..].join(", ");
            let day = if FULL_DATE.is_match(&day) {
                day
            } else if SAME_DAY.is_match(&day) {
                previous?.to_owned()
            } else {
                return None;
            };
            Some((parts[0], day))
        })?;
    let text = sentences(&c["rest"])
        .into_iter()
        .map(|s| {
            let counts = s.contains(|ch: char| ch.is_ascii_digit());
            let dated = FULL_DATE.is_match(&s) || MONTH_DAY.is_match(&s);
            if !counts || dated {
                return s;
            }
            let (body, stop) = match s.strip_suffix(['.', '!', '?']) {
                Some(b) => (b, &s[b.len()..]),
                None => (s.as_str(), ""),
            };
            format!("{body} (at {place} on {day}){stop}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some((text, day))
}

/// An explainer's standfirst: one short sentence opening with "How", "Why" or "What" and no
/// figure ("How North Korea's support for Russia's war grew from a few ships into an army."):
/// a headline's promise, not a claim ("a few ships" is no count).
fn standfirst(p: &str) -> bool {
    STANDFIRST.is_match(p)
        && word_count(p) <= STANDFIRST_WORDS
        && !p.contains(|c: char| c.is_ascii_digit())
        && sentences(p).len() == 1
}
static STANDFIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:How|Why|What|Inside)\s+[A-Z]").expect("standfirst"));
/// Most words of a standfirst.
const STANDFIRST_WORDS: usize = 25;

/// The full date in brackets closing a line ("... (23 February 2024)", "(MSMT, 29 May 2025)").
fn bracket_date(line: &str) -> Option<(Date, String)> {
    let inner = line
        .trim()
        .trim_end_matches('.')
        .trim_end()
        .strip_suffix(')')?;
    let inner = &inner[inner.rfind('(')? + 1..];
    let c = FULL_DATE.captures(inner)?;
    let d = time_phrases::full_date(&c)?;
    Some((d, time_phrases::fmt_day(d)))
}

/// A line set in capitals ("UNITED STATES OF AMERICA, Plaintiff, v. ONE CARGO VESSEL KNOWN AS
/// \"ANGARA\", Defendant."): a caption or heading, not a sentence, though it ends in a full stop.
fn shouted(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    letters >= SHOUTED_LETTERS && upper * 100 >= letters * SHOUTED_PERCENT
}

/// Fewest letters, and least share of them in capitals (percent), of a line set in capitals.
const SHOUTED_LETTERS: usize = 20;
const SHOUTED_PERCENT: usize = 70;

/// Most words of a heading that gives a span of time for the list under it.
const PERIOD_HEADING_WORDS: usize = 8;

/// A list item: a bullet or a number opening the line.
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*\u{2022}]|\d{1,2}[.)])\s+").expect("list item"));

/// The length of the bullet or number a list item opens with (0 for none): "- The following
/// month, ..." opens with its words after "- ".
pub fn list_marker_len(line: &str) -> usize {
    LIST_ITEM.find(line).map_or(0, |m| m.end())
}

/// The period a heading line gives when that is all it says ("September 2023 to February
/// 2024", "Q1 2024:", "From August to January"), as the text writes it.
fn period_heading(line: &str, reference: Option<Date>) -> Option<String> {
    let text = line.trim().trim_end_matches(':').trim();
    // "Phase one: August 2023 to January 2024", "Part 2 - 2024": a section label first.
    // Not a publication label ("Filed: April 30, 2024"), nor a day alone: a date, not a span.
    if LABEL.is_match(text) {
        return None;
    }
    let text = match HEADING_LABEL.find(text) {
        Some(m) => &text[m.end()..],
        None => text,
    };
    if FULL_DATE
        .find(text)
        .is_some_and(|m| word_count(&format!("{} {}", &text[..m.start()], &text[m.end()..])) == 0)
    {
        return None;
    }
    let reference = reference?;
    // "September 2023 to February 2024" reads as the range "from ... to ..."; a year alone
    // ("2024") as "in 2024".
    let year_alone = text.starts_with(|c: char| c.is_ascii_digit());
    [
        text.to_owned(),
        if year_alone {
            format!("in {text}")
        } else {
            text.to_owned()
        },
        format!("from {text}"),
    ]
    .into_iter()
    .find_map(|t| {
        let phrases = time_phrases::find(&t, Some(reference));
        let p = phrases.iter().find(|p| !p.day_like)?;
        // The phrase is the heading: no more than a preposition left around it.
        let rest = format!("{} {}", &t[..p.span.0], &t[p.span.1..]);
        (word_count(&rest) <= 1).then(|| t[p.span.0..p.span.1].to_owned())
    })
}

/// A section label before a heading's period: "Phase one:", "Part 2 -", "Stage three:".
static HEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][a-z]+)(?:\s+(?:[a-z]+|\d{1,2}|[IVX]{1,4}))?\s*(?::|-+)\s+")
        .expect("heading label")
});

/// "in this phase", "during that period", "over these twelve months", "in these two months":
/// the period of the section the sentence stands in.
static PERIOD_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|during|over|throughout|for|within)\s+(?:this|that|these|those|the\s+same)\s+(?:phase|period|stage|span|time|(?:[\w-]+\s+)?(?:months|weeks|years))\b")
        .expect("period anaphor")
});

/// A sentence under a period heading whose "in this phase" is the heading's period.
fn heading_anaphor(line: &str, period: &str) -> String {
    let Some(m) = PERIOD_ANAPHOR.find(line) else {
        return line.to_owned();
    };
    let lower = period.to_lowercase();
    let prep = if ["from ", "between ", "since ", "in ", "during ", "over "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        ""
    } else if lower.contains(" to ") {
        "from "
    } else {
        "in "
    };
    format!("{}{prep}{period}{}", &line[..m.start()], &line[m.end()..])
}

/// A list item under a period heading, with that period appended when it gives none of its own
/// ("- 23 Feb: The United States says more than 10,000 containers have been shipped." under
/// "September 2023 to February 2024").
fn with_heading_period(line: &str, period: &str, reference: Option<Date>) -> String {
    if time_phrases::find(line, reference)
        .iter()
        .any(|p| !p.day_like)
    {
        return line.to_owned();
    }
    let body = line.trim_end();
    let (body, stop) = match body.strip_suffix(['.', '!', '?']) {
        Some(b) => (b, &line.trim_end()[b.len()..]),
        None => (body, ""),
    };
    let lower = period.to_lowercase();
    let prep = if ["from ", "between ", "since ", "in ", "during ", "over "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        ""
    } else if lower.contains(" to ") {
        "from "
    } else {
        "in "
    };
    format!("{body} ({prep}{period}){stop}")
}

/// Abbreviations that do not end a sentence.
const ABBREVIATIONS: [&str; 38] = [
    "mr", "mrs", "ms", "dr", "u.s", "u.n", "u.k", "gen", "lt", "col", "maj", "capt", "adm", "sgt",
    "rep", "sen", "gov", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "st", "inc", "co", "corp", "ltd", "vs", "approx",
];

/// Splits a paragraph into sentences: at `.`, `!` or `?` (and any closing quote) before a
/// capital, a quote or a digit, but not after an abbreviation or an initial ("Robert A. Koepcke").
pub fn sentences(para: &str) -> Vec<String> {
    let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = para.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !matches!(chars[i], '.' | '!' | '?') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j], '"' | '\'' | ')') {
            j += 1;
        }
        // "... onto cargo vessels.[13] Those deliveries": a footnote marker after the stop.
        while chars.get(j) == Some(&'[') {
            let close = (j + 1..chars.len().min(j + 6)).find(|&k| chars[k] == ']');
            match close {
                Some(k) if chars[j + 1..k].iter().all(|c| c.is_ascii_alphanumeric()) => j = k + 1,
                _ => break,
            }
        }
        let next_starts = j + 1 < chars.len()
            && chars[j] == ' '
            && (chars[j + 1].is_uppercase()
                || chars[j + 1].is_ascii_digit()
                || chars[j + 1] == '"');
        let word: String = chars[start..i]
            .iter()
            .rev()
            .take_while(|c| !c.is_whitespace())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let word = word.trim_start_matches(['"', '(']).to_lowercase();
        let abbreviation = chars[i] == '.'
            && (ABBREVIATIONS.contains(&word.as_str())
                || word.chars().count() == 1 && word.chars().all(char::is_alphabetic));
        if (next_starts || j >= chars.len()) && !abbreviation {
            let s: String = chars[start..j].iter().collect();
            out.push(s.trim().to_owned());
            start = j;
        }
        i = j;
    }
    let rest: String = chars[start.min(chars.len())..].iter().collect();
    if !rest.trim().is_empty() {
        out.push(rest.trim().to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        read(text).date.map(time_phrases::fmt_day)
    }

    #[test]
    fn article_dates() {
        let body = "North Korea has sent about 7,000 containers to Russia, the minister said.";
        assert_eq!(
            date(&format!("MOSCOW, March 3, 2024 -- {body}")).as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            date(&format!("TOKYO (Feb. 9, 2024) - {body}")).as_deref(),
            Some("2024-02-09")
        );
        assert_eq!(
            date(&format!("Headline here\nMarch 18, 2024\n\n{body}")).as_deref(),
            Some("2024-03-18")
        );
        assert_eq!(
            date(&format!("Headline\nPublished 2 May 2024\n{body}")).as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(
            date(&format!("Posted on : 2023-11-02 17:02 KST\n{body}")).as_deref(),
            Some("2023-11-02")
        );
        assert_eq!(
            date(&format!("Updated: 2024-06-01\nPublished: 2024-05-30\nWASHINGTON, Oct. 13 (Yonhap) -- {body}")).as_deref(),
            Some("2024-10-13")
        );
        assert_eq!(date(body), None);
        assert_eq!(
            date(&format!("On Feb. 26, 2024, {body}")),
            None,
            "a body date is not the article's"
        );
    }

    #[test]
    fn furniture_and_sentences() {
        let a = read("Title line\nSEOUL -- North Korea has sent about 7,000 containers to Russia, Shin said. Robert A. Koepcke of the U.S. State Department agreed.\nRead also: Ten things to know about North Korea.\nSubheading without stop\nThe ships made nine trips, they wrote.");
        assert_eq!(a.dateline_city.as_deref(), Some("SEOUL"));
        assert_eq!(a.furniture, 2);
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[0].len(), 2, "{:?}", a.paragraphs[0]);
    }
}
