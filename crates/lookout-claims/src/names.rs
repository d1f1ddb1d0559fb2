//! Names the attribution rules recognise, as configuration: countries (with their capitals and
//! adjectives, so "Seoul accused" is South Korea), government institutions by kind ("defense
//! ministry", "spy agency") spelled per country ("ROK Ministry of National Defense", "US
//! Department of Defense"), and the research groups, monitors and news media that publish
//! claims on the corridor. A name not listed is still an organization when it carries an
//! organization word ("the Kiel Institute") or is an acronym ("RUSI"). A small gazetteer of
//! parties, legislature committees and media places an article in a country it never names.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// A country as a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// Canonical name ("South Korea").
    pub name: &'static str,
    /// Prefix of its institutions ("ROK").
    pub code: &'static str,
    /// Its government as an organization.
    pub government: &'static str,
    /// Names, adjectives and capitals, case-sensitive.
    pattern: &'static str,
    /// On the corridor: `Some(true)` for the supplier, `Some(false)` for the receiver.
    pub corridor_side: Option<bool>,
}

/// Countries, their adjectives and capitals.
pub const COUNTRIES: [Country; 24] = [
    Country {
        name: "South Korea",
        code: "ROK",
        government: "ROK government",
        pattern: r"South\s+Korea(?:n|'s)?|S\.\s?Korea(?:n|'s)?|Republic\s+of\s+Korea|ROK|Seoul(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "North Korea",
        code: "DPRK",
        government: "DPRK government",
        pattern: r"Democratic\s+People's\s+Republic\s+of\s+Korea(?:'s)?|North\s+Korea(?:n|'s)?|N\.\s?Korea(?:n|'s)?|DPRK(?:'s)?|Pyongyang(?:'s)?|the\s+North(?:'s)?",
        corridor_side: Some(true),
    },
    Country {
        name: "Russia",
        code: "Russian",
        government: "Russian government",
        pattern: r"Russia(?:n|'s)?|Moscow(?:'s)?|Kremlin(?:'s)?",
        corridor_side: Some(false),
    },
    Country {
        name: "United States",
        code: "US",
        government: "US government",
        pattern: r"United\s+States|U\.S\.A\b|USA|U\.S\b|US|American|America(?:'s)?|Washington(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Ukraine",
        code: "Ukraine",
        government: "Ukrainian government",
        pattern: r"Ukrain(?:e|ian|e's)|Kyiv(?:'s)?|Kiev(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Japan",
        code: "Japan",
        government: "Japanese government",
        pattern: r"Japan(?:ese|'s)?|Tokyo(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "United Kingdom",
        code: "UK",
        government: "UK government",
        pattern: r"United\s+Kingdom|U\.K\b|UK|Britain(?:'s)?|British|London(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "China",
        code: "China",
        government: "Chinese government",
        pattern: r"China(?:'s)?|Chinese|Beijing(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Iran",
        code: "Iran",
        government: "Iranian government",
        pattern: r"Iran(?:ian|'s)?|Tehran(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Belarus",
        code: "Belarus",
        government: "Belarusian government",
        pattern: r"Belarus(?:ian|'s)?|Minsk(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Syria",
        code: "Syria",
        government: "Syrian government",
        pattern: r"Syria(?:n|'s)?|Damascus",
        corridor_side: None,
    },
    Country {
        name: "Germany",
        code: "Germany",
        government: "German government",
        pattern: r"Germany(?:'s)?|German|Berlin(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "France",
        code: "France",
        government: "French government",
        pattern: r"France(?:'s)?|French|Paris(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Poland",
        code: "Poland",
        government: "Polish government",
        pattern: r"Poland(?:'s)?|Polish|Warsaw(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Canada",
        code: "Canada",
        government: "Canadian government",
        pattern: r"Canada(?:'s)?|Canadian|Ottawa(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Australia",
        code: "Australia",
        government: "Australian government",
        pattern: r"Australia(?:n|'s)?|Canberra(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Netherlands",
        code: "Netherlands",
        government: "Dutch government",
        pattern: r"(?:the\s+)?Netherlands(?:'s)?|Dutch|The\s+Hague(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Estonia",
        code: "Estonia",
        government: "Estonian government",
        pattern: r"Estonia(?:n|'s)?|Tallinn(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Lithuania",
        code: "Lithuania",
        government: "Lithuanian government",
        pattern: r"Lithuania(?:n|'s)?|Vilnius(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Latvia",
        code: "Latvia",
        government: "Latvian government",
        pattern: r"Latvia(?:n|'s)?|Riga(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Finland",
        code: "Finland",
        government: "Finnish government",
        pattern: r"Finland(?:'s)?|Finnish|Helsinki(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Sweden",
        code: "Sweden",
        government: "Swedish government",
        pattern: r"Sweden(?:'s)?|Swedish|Stockholm(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Norway",
        code: "Norway",
        government: "Norwegian government",
        pattern: r"Norway(?:'s)?|Norwegian|Oslo(?:'s)?",
        corridor_side: None,
    },
    Country {
        name: "Italy",
        code: "Italy",
        government: "Italian government",
        pattern: r"Italy(?:'s)?|Italian|Rome(?:'s)?",
        corridor_side: None,
    },
];

fn country_pattern(c: &Country) -> String {
    format!(r"\b(?:{})(?:\b|$)", c.pattern)
}

static COUNTRY_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    COUNTRIES
        .iter()
        .map(|c| Regex::new(&country_pattern(c)).expect("country"))
        .collect()
});

/// All country patterns in one pass: which of them a text names at all (most texts and
/// phrases name none or one, so the patterns that match are run alone for their spans).
static COUNTRY_SET: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(COUNTRIES.iter().map(country_pattern)).expect("country set"));

/// Countries named in a text, with their spans, in order.
pub fn countries(text: &str) -> Vec<(usize, usize, &'static Country)> {
    let mut out: Vec<_> = COUNTRY_SET
        .matches(text)
        .into_iter()
        .flat_map(|i| {
            let c = &COUNTRIES[i];
            COUNTRY_RES[i]
                .find_iter(text)
                .map(move |m| (m.start(), m.end(), c))
        })
        .collect();
    out.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    // "Republic of Korea" inside "Democratic People's Republic of Korea": only the longer name.
    let spans: Vec<(usize, usize)> = out.iter().map(|x| (x.0, x.1)).collect();
    out.retain(|x| {
        !spans
            .iter()
            .any(|&(s, e)| s <= x.0 && x.1 <= e && (s, e) != (x.0, x.1))
    });
    // "Interfax-Ukraine": a country glued by a hyphen to a capitalised word that names no
    // country is part of a name, not the country ("Russia-Ukraine" keeps both).
    out.retain(|x| {
        let Some(before) = text[..x.0].strip_suffix('-') else {
            return true;
        };
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("");
        !word.starts_with(char::is_uppercase) || COUNTRY_SET.is_match(word)
    });
    out
}

/// The country of a dateline city ("SEOUL", "Washington").
pub fn country_of_city(city: &str) -> Option<&'static Country> {
    let c = city.trim().to_lowercase();
    // "LONDON/SEOUL": the first.
    let c = c.split([',', '/']).next().unwrap_or("").trim();
    let cap = |s: &str| {
        let mut ch = s.chars();
        ch.next()
            .map(|f| f.to_uppercase().chain(ch).collect::<String>())
            .unwrap_or_default()
    };
    let name = c.split_whitespace().map(cap).collect::<Vec<_>>().join(" ");
    countries(&name)
        .into_iter()
        .find(|x| x.0 == 0 && x.1 == name.len())
        .map(|x| x.2)
}

/// Names that place an article in a country when it never names the country as such:
/// political parties, legislatures and news media of one country (a small gazetteer, as
/// configuration; US institutions are left out: they are named as actors in any country's
/// news). "The Defense Intelligence Agency's report", read on a radio show with a
/// People Power Party lawmaker, is South Korea's. A translation note ("Translated from
/// Korean") and a bracketed dateline opening a line ("[Seoul] Reporter ... =", the Korean
/// and Japanese press's form) place a text too: an untitled "Joint Chiefs of Staff" in a
/// Korean report is Seoul's, unless the text says North Korea's. A line in the script of the
/// country's own press (a Hangul date line "2024년 2월 26일" over a translated Korean story, kana
/// for Japanese, the Ukrainian letters і, ї, є, ґ) places it too.
const COUNTRY_HINTS: [(&str, &str); 3] = [
    (
        r"\bPeople\s+Power\s+Party\b|\bDemocratic\s+Party\s+of\s+Korea\b|\bNational\s+Assembly\s+(?:Intelligence|Defen[cs]e|National\s+Defen[cs]e)\s+Committee\b|\bYonhap\b|\bKBS\b|\bChosun\b|\bJoongAng\b|\bHankyoreh\b|\bDong-A\b|\bKorea\s+(?:Herald|Times)\b|\bArirang\b|\b[Tt]ranslated\s+from\s+(?:the\s+)?Korean\b|^\[Seoul\]|[\x{AC00}-\x{D7A3}]",
        "ROK",
    ),
    (
        r"\bInterfax-Ukraine\b|\bUkrinform\b|\bKyiv\s+(?:Independent|Post)\b|\bVerkhovna\s+Rada\b|\b[Tt]ranslated\s+from\s+(?:the\s+)?Ukrainian\b|^\[Kyiv\]|[іїєґІЇЄҐ]",
        "Ukraine",
    ),
    (
        r"\bKyodo\b|\bNHK\b|\bYomiuri\b|\bAsahi\b|\bNikkei\b|\b[Tt]ranslated\s+from\s+(?:the\s+)?Japanese\b|^\[Tokyo\]|[\x{3040}-\x{30FF}]",
        "Japan",
    ),
];

static COUNTRY_HINT_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    COUNTRY_HINTS
        .iter()
        .map(|h| Regex::new(h.0).expect("country hint"))
        .collect()
});

/// A speaker's occasion in a capital ("Speaking to foreign correspondents in Seoul", "told
/// reporters in Tokyo"): the country of a text that names no other, not a corridor side.
static OCCASION_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Ss]peaking|[Ss]poke|said|told|[Tt]alking|explained|briefed|[Aa]ddressing|[Ww]riting)\b[^.;]{0,60}?\bin\s+(?P<city>[A-Z][a-z]+)\b")
        .expect("occasion place")
});

/// The country of a capital a speaker spoke in, when the text names no country hint.
pub fn occasion_country(text: &str) -> Option<&'static Country> {
    OCCASION_PLACE
        .captures_iter(text)
        .filter_map(|c| country_of_city(&c["city"]))
        .find(|c| c.corridor_side.is_none())
}

/// The country the first party, legislature committee or medium of the gazetteer named in a
/// text places it in.
pub fn country_hint(text: &str) -> Option<&'static Country> {
    COUNTRY_HINT_RES
        .iter()
        .zip(COUNTRY_HINTS.iter())
        .filter_map(|(re, h)| re.find(text).map(|m| (m.start(), h.1)))
        .min_by_key(|x| x.0)
        .and_then(|x| by_code(x.1))
}

/// A kind of government institution, spelled per country.
struct Institution {
    pattern: &'static str,
    /// The country it implies when none is named ("Pentagon": US).
    implies: Option<&'static str>,
    /// Names by country code; `*` for any other country.
    names: &'static [(&'static str, &'static str)],
}

const INSTITUTIONS: [Institution; 17] = [
    Institution {
        // Ukraine's Main Directorate of Intelligence, by its acronyms.
        pattern: r"(?i)\bmain\s+(?:directorate\s+of\s+)?intelligence\b|\b(?:HUR|GUR)\b",
        implies: Some("Ukraine"),
        names: &[("*", "Defence Intelligence (HUR)")],
    },
    Institution {
        pattern: r"(?i)\b(?:defen[cs]e\s+intelligence(?:\s+(?:agency|command))?|\bDIA\b|military\s+intelligence(?:\s+agency)?)\b",
        implies: None,
        names: &[
            ("ROK", "Defense Intelligence Agency"),
            ("US", "Defense Intelligence Agency"),
            ("Ukraine", "Defence Intelligence (HUR)"),
            ("UK", "Defence Intelligence"),
            ("*", "military intelligence"),
        ],
    },
    Institution {
        pattern: r"(?i)\bnational\s+intelligence\s+service\b|\bNIS\b",
        implies: Some("ROK"),
        names: &[("*", "National Intelligence Service")],
    },
    Institution {
        pattern: r"(?i)\bspy\s+(?:agency|chief)\b|\bintelligence\s+(?:service|agency)\b",
        implies: None,
        names: &[
            ("ROK", "National Intelligence Service"),
            ("Ukraine", "Defence Intelligence (HUR)"),
            ("*", "intelligence service"),
        ],
    },
    Institution {
        pattern: r"(?i)\bjoint\s+chiefs\s+of\s+staff\b|\bJCS\b",
        implies: None,
        names: &[("*", "Joint Chiefs of Staff")],
    },
    Institution {
        pattern: r"(?i)\bnational\s+security\s+(?:communications\s+)?(?:council|adviser|advisor|spokes(?:man|woman|person))\b|\bNSC\b",
        implies: Some("US"),
        names: &[
            ("US", "White House National Security Council"),
            ("*", "National Security Council"),
        ],
    },
    Institution {
        pattern: r"\bWhite\s+House\b",
        implies: Some("US"),
        names: &[("US", "White House")],
    },
    Institution {
        // The ROK ministry's own English name.
        // Its minister too: "Minister of National Defense Shin Won-sik".
        pattern: r"(?i)\bminist(?:ry|er)\s+of\s+national\s+defen[cs]e\b|\bMND\b",
        implies: Some("ROK"),
        names: &[("*", "Ministry of National Defense")],
    },
    Institution {
        pattern: r"\bPentagon\b",
        implies: Some("US"),
        names: &[("*", "Department of Defense")],
    },
    Institution {
        pattern: r"(?i)\b(?:defen[cs]e\s+(?:minist(?:ry|er)|chief|officials?)|minist(?:ry|er)\s+of\s+(?:national\s+)?defen[cs]e|defen[cs]e\s+(?:department|secretary)|department\s+of\s+defen[cs]e|secretary\s+of\s+defen[cs]e)\b|\b(?:MND|MoD)\b",
        implies: None,
        names: &[
            ("ROK", "Ministry of National Defense"),
            ("US", "Department of Defense"),
            ("Japan", "Ministry of Defense"),
            ("*", "Ministry of Defence"),
        ],
    },
    Institution {
        // "Department Spokesperson", "Office of the Spokesperson": how the State Department
        // signs its press statements and media notes.
        pattern: r"(?i)\b(?:state\s+department|department\s+of\s+state|secretary\s+of\s+state|department\s+spokes(?:person|man|woman)|office\s+of\s+the\s+spokesperson)\b",
        implies: Some("US"),
        names: &[("*", "Department of State")],
    },
    Institution {
        pattern: r"(?i)\b(?:foreign\s+minist(?:ry|er)|minist(?:ry|er)\s+of\s+foreign\s+affairs|foreign\s+(?:office|secretary))\b|\b(?:MOFA|FCDO)\b",
        implies: None,
        names: &[
            ("UK", "Foreign Office"),
            ("*", "Ministry of Foreign Affairs"),
        ],
    },
    Institution {
        pattern: r"(?i)\b(?:unification\s+minist(?:ry|er)|minist(?:ry|er)\s+of\s+unification)\b",
        implies: Some("ROK"),
        names: &[("*", "Ministry of Unification")],
    },
    Institution {
        pattern: r"(?i)\bprosecutor[-\s]general\b|\bprosecutors?\b",
        implies: None,
        names: &[
            ("Ukraine", "Office of the Prosecutor General"),
            ("*", "prosecutors"),
        ],
    },
    Institution {
        pattern: r"(?i)\b(?:military|armed\s+forces|army)\b",
        implies: None,
        names: &[("*", "military")],
    },
    Institution {
        pattern: r"(?i)\b(?:national\s+assembly|parliament|congress|lawmakers?)\b",
        implies: None,
        names: &[
            ("ROK", "National Assembly"),
            ("US", "Congress"),
            ("*", "parliament"),
        ],
    },
    Institution {
        pattern: r"(?i)\b(?:government|administration|authorities|officials?|president|prime\s+minister|cabinet)\b",
        implies: None,
        names: &[],
    },
];

/// The institution patterns in one pass (the first that matches, in the list's order).
static INSTITUTION_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(INSTITUTIONS.iter().map(|i| i.pattern)).expect("institution set")
});
static INSTITUTION_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    INSTITUTIONS
        .iter()
        .map(|i| Regex::new(i.pattern).expect("institution"))
        .collect()
});

/// Where a phrase names institutions ("the National Security Council of the White House John
/// Kirby": the two bodies, not the name after them).
pub fn institution_spans(phrase: &str) -> Vec<(usize, usize)> {
    INSTITUTION_SET
        .matches(phrase)
        .into_iter()
        .flat_map(|i| {
            INSTITUTION_RES[i]
                .find_iter(phrase)
                .map(|m| (m.start(), m.end()))
        })
        .collect()
}

/// Heads of state and government of the countries the corridor's news names, 2022-2025, by
/// surnames no other public figure of those stories shares (common surnames such as Kim, Lee
/// or Yoon are left out): "President Zelensky told the European Council" is Volodymyr
/// Zelensky of Ukraine's government, whatever country the article is placed in.
const LEADERS: [(&str, &str, &str); 11] = [
    ("zelensky", "Volodymyr Zelensky", "Ukraine"),
    ("zelenskyy", "Volodymyr Zelensky", "Ukraine"),
    ("zelenskiy", "Volodymyr Zelensky", "Ukraine"),
    ("putin", "Vladimir Putin", "Russian"),
    ("biden", "Joe Biden", "US"),
    ("kishida", "Fumio Kishida", "Japan"),
    ("ishiba", "Shigeru Ishiba", "Japan"),
    ("sunak", "Rishi Sunak", "UK"),
    ("starmer", "Keir Starmer", "UK"),
    ("macron", "Emmanuel Macron", "France"),
    ("scholz", "Olaf Scholz", "Germany"),
];

/// The head of state or government a name is ("Zelensky", "Volodymyr Zelenskyy"): the full
/// name and the country. Only the surname alone or with that first name.
pub fn leader(name: &str) -> Option<(&'static str, &'static Country)> {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let (last, first) = words.split_last()?;
    let (_, full, code) = LEADERS.iter().find(|(s, _, _)| s == last)?;
    let full_first = full.split_whitespace().next()?.to_lowercase();
    if first.len() > 1 || first.first().is_some_and(|f| *f != full_first) {
        return None;
    }
    Some((full, by_code(code)?))
}

/// Officials who speak for the corridor's governments and whose surnames no other public
/// figure of those stories shares, by surname, with the body they spoke for in 2023-2025:
/// "Coordinator Kirby" is John Kirby when the text never gives his first name, and "White House
/// spokesman John Kirby" is of the White House National Security Council.
const OFFICIALS: [(&str, &str, &str); 6] = [
    (
        "kirby",
        "John Kirby",
        "White House National Security Council",
    ),
    ("koepcke", "Robert Koepcke", "US Department of State"),
    (
        "budanov",
        "Kyrylo Budanov",
        "Ukraine Defence Intelligence (HUR)",
    ),
    (
        "kostin",
        "Andriy Kostin",
        "Ukraine Office of the Prosecutor General",
    ),
    ("blinken", "Antony Blinken", "US Department of State"),
    ("shin", "Shin Won-sik", "ROK Ministry of National Defense"),
];

/// The full name of an official the text names by surname alone (`OFFICIALS`).
pub fn known_official(surname: &str) -> Option<&'static str> {
    let l = surname.trim().to_lowercase();
    OFFICIALS
        .iter()
        .find(|(s, _, _)| *s == l)
        .map(|(_, f, _)| *f)
}

/// The body a known official (`OFFICIALS`, by full name) spoke for.
pub fn official_of(full_name: &str) -> Option<&'static str> {
    OFFICIALS
        .iter()
        .find(|(_, f, _)| *f == full_name)
        .map(|(_, _, body)| *body)
}

/// The body a known official spoke for, when the text gives only a broader one it begins with
/// ("White House" for the White House National Security Council; a person named bare keeps no
/// organization until the whole text is read, for a title given after the name).
pub fn official_body(full_name: &str, text_org: &str) -> Option<&'static str> {
    official_of(full_name).filter(|body| {
        !text_org.is_empty() && body.len() > text_org.len() && body.starts_with(text_org)
    })
}

/// Country code of a country name ("South Korea" -> "ROK").
fn by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

/// The countries a title names as its holder's, not as its portfolio: in "Deputy Assistant
/// Secretary of State for Japan and Korea" or "Special Representative for North Korea" the
/// countries after "for" are what the office deals with ("Minister for Foreign Affairs of
/// Finland" still names its own).
fn holder_countries(phrase: &str) -> Vec<(usize, usize, &'static Country)> {
    let found = countries(phrase);
    let mut portfolio = vec![false; found.len()];
    for i in 0..found.len() {
        let before = phrase[..found[i].0].trim_end().to_lowercase();
        let joined = i > 0 && portfolio[i - 1] && {
            let gap = phrase[found[i - 1].1..found[i].0].trim().to_lowercase();
            ["and", ",", "or", "&"].contains(&gap.as_str())
        };
        let before = before.strip_suffix(" the").unwrap_or(&before);
        portfolio[i] = before.ends_with(" for") || joined;
    }
    found
        .into_iter()
        .zip(portfolio)
        .filter(|(_, p)| !p)
        .map(|(c, _)| c)
        .collect()
}

/// The government institution a phrase names, spelled for its country ("South Korea's defense
/// ministry" -> "ROK Ministry of National Defense"), with the country; `country` is the one the
/// context gives when the phrase names none. Generic words ("officials", "government") give the
/// country's government.
pub fn institution(
    phrase: &str,
    country: Option<&'static Country>,
) -> Option<(String, Option<&'static Country>)> {
    // The first institution of the list the phrase names (every path below returns).
    if let Some(i) = INSTITUTION_SET.matches(phrase).into_iter().next() {
        let inst = &INSTITUTIONS[i];
        let named = holder_countries(phrase).first().map(|c| c.2);
        let c = named.or_else(|| inst.implies.and_then(by_code)).or(country);
        if inst.names.is_empty() {
            return c.map(|c| (c.government.to_owned(), Some(c)));
        }
        let code = c.map_or("*", |c| c.code);
        let spelled = inst.names.iter().find(|(k, _)| *k == code);
        // A country without its own spelling: the institution's own capitalised name when the
        // text gives one ("Estonia's Foreign Intelligence Service"), else the generic one.
        let generic = inst
            .names
            .iter()
            .find(|(k, _)| *k == "*")
            .is_some_and(|(_, n)| n.starts_with(char::is_lowercase));
        if let (None, Some(c), true) = (spelled, c, generic) {
            let own = generic_org(phrase).map(|n| {
                let first = n.split(' ').next().unwrap_or("");
                match countries(first).first() {
                    Some(_) => n[first.len()..].trim().to_owned(),
                    None => n,
                }
            });
            if let Some(own) = own.filter(|n| n.split(' ').count() >= 2) {
                return Some((format!("{} {own}", c.code), Some(c)));
            }
        }
        let name = spelled
            .or_else(|| inst.names.iter().find(|(k, _)| *k == "*"))?
            .1;
        return Some(match c {
            Some(c) if !name.starts_with("White House") => (format!("{} {name}", c.code), Some(c)),
            _ => (name.to_owned(), c),
        });
    }
    None
}

/// An institution's name without its country's code ("ROK Joint Chiefs of Staff" -> "Joint
/// Chiefs of Staff"); `None` when it has none.
pub fn without_country_code(org: &str) -> Option<&str> {
    COUNTRIES
        .iter()
        .find_map(|c| org.strip_prefix(c.code)?.strip_prefix(' '))
}

/// Whether an organization is a government's: a country's government, a country-coded
/// institution ("ROK Ministry of National Defense"), the White House.
pub fn is_government(org: &str) -> bool {
    org.ends_with("government")
        || org.starts_with("White House")
        || without_country_code(org).is_some()
}

/// Research groups, monitors and media, with their canonical names; `true` for news media,
/// which often relay another source's claim.
const KNOWN: [(&str, &str, bool); 30] = [
    (r"Beyond\s+Parallel", "CSIS Beyond Parallel", false),
    (
        r"Center\s+for\s+Strategic\s+and\s+International\s+Studies|\bCSIS\b",
        "CSIS",
        false,
    ),
    (
        r"Royal\s+United\s+Services\s+Institute|\bRUSI\b",
        "RUSI",
        false,
    ),
    (
        r"Open\s+Source\s+Cent(?:re|er)\b|\bOSC\b",
        "Open Source Centre",
        false,
    ),
    (r"\bC4ADS\b", "C4ADS", false),
    (r"\bNK\s+(?:Pro|News)\b", "NK Pro", false),
    (r"\b38\s+North\b", "38 North", false),
    (
        r"Multilateral\s+Sanctions\s+Monitoring\s+Team|\bMSMT\b",
        "MSMT",
        false,
    ),
    (r"Panel\s+of\s+Experts", "UN Panel of Experts", false),
    (
        r"Institute\s+for\s+the\s+Study\s+of\s+War|\bISW\b",
        "ISW",
        false,
    ),
    (
        r"Conflict\s+Armament\s+Research",
        "Conflict Armament Research",
        false,
    ),
    (r"Kiel\s+Institute", "Kiel Institute", false),
    (
        r"James\s+Martin\s+Center|\bCNS\b",
        "James Martin Center for Nonproliferation Studies",
        false,
    ),
    (r"Planet\s+Labs", "Planet Labs", false),
    (r"\bNATO\b", "NATO", false),
    (r"European\s+Union|\bEU\b", "European Union", false),
    (
        r"United\s+Nations|\bU\.?N\.?(?:\s+Security\s+Council)?\b",
        "United Nations",
        false,
    ),
    (r"\bReuters\b", "Reuters", true),
    (r"\bYonhap\b", "Yonhap", true),
    (r"Washington\s+Post", "The Washington Post", true),
    (r"\bBloomberg\b", "Bloomberg", true),
    (r"Associated\s+Press|\bAP\b", "Associated Press", true),
    (r"\bKCNA\b|Korean\s+Central\s+News\s+Agency", "KCNA", false),
    (r"\bTASS\b", "TASS", true),
    (r"\bNewsweek\b", "Newsweek", true),
    (r"\bNikkei\b", "Nikkei", true),
    (r"\bKyodo\b", "Kyodo", true),
    (r"New\s+York\s+Times", "The New York Times", true),
    (r"Financial\s+Times|\bFT\b", "Financial Times", true),
    (
        r"Wall\s+Street\s+Journal|\bWSJ\b|\bCNN\b|\bBBC\b|\bCBS\b",
        "",
        true,
    ),
];

static KNOWN_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    KNOWN
        .iter()
        .map(|k| Regex::new(k.0).expect("known org"))
        .collect()
});

/// The known organizations' patterns in one pass.
static KNOWN_SET: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(KNOWN.iter().map(|k| k.0)).expect("known org set"));

/// A known organization in a phrase (the most specific listed first): its span, canonical name
/// and whether it is news media.
pub fn known_org(phrase: &str) -> Option<(usize, usize, String, bool)> {
    KNOWN_SET.matches(phrase).into_iter().find_map(|i| {
        let k = &KNOWN[i];
        let m = KNOWN_RES[i].find(phrase)?;
        let name = if k.1.is_empty() { m.as_str() } else { k.1 };
        Some((m.start(), m.end(), name.to_owned(), k.2))
    })
}

/// The spans of every known organization a phrase names (not only the first kind found):
/// "Beyond Parallel, a project of the Center for Strategic and International Studies" covers
/// both names.
pub fn known_org_spans(phrase: &str) -> Vec<(usize, usize)> {
    KNOWN_SET
        .matches(phrase)
        .into_iter()
        .flat_map(|i| KNOWN_RES[i].find_iter(phrase).map(|m| (m.start(), m.end())))
        .collect()
}

/// A joint source as the ledger writes it: "A / B", the news medium first (`Reuters / Open
/// Source Centre`, however the text orders them), else in the text's order.
pub fn joint(first: &str, second: &str) -> String {
    if is_media(second) && !is_media(first) {
        format!("{second} / {first}")
    } else {
        format!("{first} / {second}")
    }
}

/// Whether a canonical organization name is news media.
pub fn is_media(org: &str) -> bool {
    KNOWN.iter().any(|k| {
        k.2 && (k.1 == org || k.1.is_empty() && ["WSJ", "CNN", "BBC", "CBS"].contains(&org))
    })
}

static ORG_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Ministry|Department|Agency|Service|Institute|Institution|Centre|Center|Council|Office|Command|Committee|Team|Group|Panel|Project|Foundation|University|Bureau|Directorate|Administration|Commission|Authority|Forces|Guard|Network|Initiative|Association|Organi[sz]ation|Programme|Program|Monitor|Observatory|Watch|Forum|Trust|Society|Fund|Alliance|Coalition|Consortium|Unit|Labs?|Company|Corporation|Times|Post|News|Journal|Herald|Daily|Press|Party)$")
        .expect("org word")
});

/// An organization named by its own capitalised words ("the Kiel Institute for the World
/// Economy"): the name, without the article or a possessive.
pub fn generic_org(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let clean = |w: &str| {
        w.trim_end_matches("'s")
            .trim_matches(['"', ',', '(', ')'])
            .to_owned()
    };
    // The last one: in "the People Power Party's vice chairperson on the National Assembly
    // Intelligence Committee" the office held is named after the title.
    let pos = words.iter().rposition(|w| ORG_WORD.is_match(&clean(w)))?;
    // Extend left over capitalised words, right over "of/for the" and capitalised words.
    let mut a = pos;
    while a > 0
        && words[a - 1].starts_with(char::is_uppercase)
        && words[a - 1] != "The"
        && !words[a - 1].ends_with(',')
    {
        a -= 1;
    }
    let mut b = pos + 1;
    while b < words.len() {
        let w = words[b];
        let joins = ["of", "for", "the", "and"].contains(&w)
            && words
                .get(b + 1)
                .is_some_and(|n| n.starts_with(char::is_uppercase) || *n == "the");
        if w.starts_with(char::is_uppercase) || joins {
            b += 1;
        } else {
            break;
        }
    }
    if a == pos && words[pos].chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let name = words[a..b]
        .iter()
        .map(|w| clean(w))
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// A word that ends an organization's name ("Post", "Institute"), never a person's.
pub fn is_org_word(word: &str) -> bool {
    ORG_WORD.is_match(word.trim_end_matches("'s"))
}

/// An acronym that names an organization ("RUSI", "C4ADS"), not a country.
pub fn acronym(word: &str) -> Option<String> {
    let w = word.trim_end_matches("'s");
    let letters = w.chars().filter(char::is_ascii_uppercase).count();
    let ok = (2..=6).contains(&w.len())
        && letters >= 2
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && countries(w).is_empty();
    ok.then(|| w.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn institutions() {
        let rok = COUNTRIES.iter().find(|c| c.code == "ROK");
        assert_eq!(
            institution("South Korea's defense ministry", None).map(|x| x.0),
            Some("ROK Ministry of National Defense".into())
        );
        assert_eq!(
            institution("Seoul's spy agency", None).map(|x| x.0),
            Some("ROK National Intelligence Service".into())
        );
        assert_eq!(
            institution("The State Department's spokesman", None).map(|x| x.0),
            Some("US Department of State".into())
        );
        assert_eq!(
            institution("Pentagon spokesman", None).map(|x| x.0),
            Some("US Department of Defense".into())
        );
        assert_eq!(
            institution("a senior official", rok).map(|x| x.0),
            Some("ROK government".into())
        );
        assert_eq!(
            country_of_city("SEOUL").map(|c| c.name),
            Some("South Korea")
        );
        assert_eq!(
            generic_org("the Kiel Institute for the World Economy").as_deref(),
            Some("Kiel Institute for the World Economy")
        );
        assert_eq!(
            institution("Matthew Miller, Department Spokesperson", None).map(|x| x.0),
            Some("US Department of State".into())
        );
        assert_eq!(
            country_hint("Kang Dae-sik of the People Power Party").map(|c| c.name),
            Some("South Korea")
        );
        assert_eq!(acronym("RUSI"), Some("RUSI".into()));
        assert_eq!(acronym("US"), None);
    }
}
