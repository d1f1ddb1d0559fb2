//! Quantities in a sentence: the number ("7,000", "2.5 million", "2.5m", "six thousand", "a
//! dozen", written-out and vague numbers, ranges "from 300 to 7,000", "4-6 million"), its unit
//! noun within four modifier words (as the ledger names units, with the calibre of shells:
//! `artillery_shells_152mm`), a rate ("a month") and the qualifier of that one quantity: the hedge
//! right before the number ("more than", "some", "as many as"), a trailing "or more", or
//! `capacity_equivalent` when the quantity is what containers *could hold* rather than a count.

use std::sync::LazyLock;

use regex::Regex;

const WORD_NUMBERS: [(&str, f64); 28] = [
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
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("dozen", 12.0),
];

/// A number word, whole: "seventy" is never "seven" followed by letters.
const WORD_RE: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b";
const SCALE_RE: &str = r"(?:hundred|thousand|million|billion|mln|mn|bn)";

/// Vague multiples, read as a range (a named assumption): "hundreds of thousands" is 200,000 to
/// 999,999; "several" is 3 to 9 of the scale (or alone: "several missiles"), "a few" 2 to 5.
const VAGUE: [(&str, f64, f64); 6] = [
    ("hundreds of thousands", 2e5, 999_999.0),
    ("tens of thousands", 2e4, 99_999.0),
    ("dozens", 24.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2000.0, 9999.0),
    ("millions", 2e6, 9_999_999.0),
];

static NUMBER: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[ \u{{202f}}]\d{{3}}\b)+|\d+)(?:\.\d+)?(?:(?:\s+|-)?{SCALE_RE}\b|(?:m|k)\b)?|(?:{WORD_RE}|a)\s+and\s+a\s+half\s+(?:thousand|million|billion)\b|{WORD_RE}(?:(?:\s+|-)(?:{SCALE_RE}|dozen)\b(?:\s+and)?(?:\s+{WORD_RE})?)*|half\s+a\s+(?:million|billion)|a\s+(?:dozen|hundred|thousand|million|billion)\b|(?:several|a\s+few)(?:\s+(?:dozen|hundred|thousand|million)(?:\s+(?:thousand|million)\b)?)?\b|(?:hundreds\s+of\s+thousands|tens\s+of\s+thousands|dozens|hundreds|thousands|millions)(?:\s+of)?\b)"
    )
});

static DIGIT_GROUPS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d)[ \u{202f}](\d{3})\b").expect("digit groups"));

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let n = &*NUMBER;
    Regex::new(&format!(
        r"(?i)\b(?:(?P<pre>between|from)\s+)?(?P<a>{n})(?:\s*(?P<sep>-|to|and|or)\s*(?P<b>{n}))?"
    ))
    .expect("range")
});

/// Unit nouns, as the text writes them.
const UNIT_RE: &str = r"(?:(?:shipping|cargo|sea|freight)\s+)?containers?\b|TEUs?\b|round[-\s]trips?\b|(?:voyages?|trips?|journeys?|sailings?)\b|(?:shipments?|consignments?|deliveries|occasions)\b|(?:arms\s+|weapons\s+)?transfers?\b|port\s+(?:calls?|visits?)\b|calls?\s+(?:(?:that|which)\s+(?:[\w-]+\s+){1,4}?made\s+)?at\b|(?:visits?|dockings?)\b|(?:(?:rail(?:way)?|freight|box|ore|tank|flat|passenger)\s*cars?|railcars?|wagons?|carriages?)\b|(?:trains?|trainloads?|locomotives?)\b|(?:metric\s+)?(?:tonnes?|tons?)\b|(?:(?:artillery|ammunition|mortar|tank|howitzer)\s+)?(?:shells?|rounds?|projectiles?)\b|munitions\b|(?:short-range\s+)?(?:ballistic\s+)?missiles?\b|(?:multiple\s+)?rocket\s+launchers?\b|rockets?\b|(?:heavy\s+)?artillery\s+(?:pieces|guns|systems)\b|howitzers?\b|pieces\s+of\s+(?:heavy\s+)?artillery\b|self-propelled\s+guns\b|(?:cargo\s+)?(?:vessels?|ships?)\b|freighters?\b|(?:cargo\s+)?flights?\b|sorties\b|(?:troops|soldiers|infantrymen|servicemen|service\s?members|military\s+personnel|(?:special(?:\s+operations)?\s+)forces)\b|barrels\b|drones\b|(?:percent|per\s+cent)\b|%|times\b";

static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{UNIT_RE})")).expect("unit"));
/// A unit named before its number: "freight railcars totaling roughly 73", "the troops in the
/// Kursk region now number 11,000".
static UNIT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:(?P<unit>{UNIT_RE})(?:\s+(?:in|at|inside)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,2}}?[\w'-]+)?\s*,?\s*(?:totall?ing|numbering|(?:now\s+)?(?:number|total)|amounting\s+to|put\s+at|estimated\s+at|counted\s+at|reaching|(?:that|which)\s+(?:numbered|totall?ed)|\s*,\s*(?:it|that|this|the\s+(?:total|figure))\s+(?:comes?|came|amounts?|amounted|adds?\s+up|added\s+up|works?\s+out|worked\s+out)\s+to)|(?:number|volume|total)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?P<unit2>{UNIT_RE})[^.;]{{0,100}}?\b(?:is|was|were|be|been|stood\s+at|stands\s+at|reached|totals?|totall?ed|at|exceeds?|exceeded|surpass(?:es|ed)?|tops?|topped)|^\s*of\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?P<unit3>{UNIT_RE})\s*,[^.;]{{0,100}}?)(?:\s+(?:{HEDGE_WORDS}))?\s*$"
    )
    // ASCII word boundaries (the units are English words): a Unicode one makes the regex
    // engine give up its fast automaton on any text with a non-ASCII letter.
    .replace(r"\b", r"(?-u:\b)"))
    .expect("unit before")
});

/// Hedges that may stand between an elided or fronted unit and its number ("against no more than
/// 20", "put the number ... at no fewer than 3,000").
const HEDGE_WORDS: &str = r"about|around|roughly|some|nearly|almost|approximately|close\s+to|an\s+estimated|more\s+than|over|just\s+over|well\s+over|upwards\s+of|north\s+of|just\s+(?:under|below|short\s+of)|in\s+excess\s+of|at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|up\s+to|as\s+(?:high|many|much)\s+as|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than";

/// Before a number whose unit is the one before: "and 59", "up from 1,000", "adding to the
/// estimated 11,000".
static ELLIPSIS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:\band|\bor|\bbut|\bthen|\bversus|\bagainst|\bcompared\s+(?:with|to)|\bup\s+from|\bdown\s+from|\bincluding|\bamong\s+(?:them|those|these)|\bof\s+(?:which|those|these|them),?|\b(?:adding\s+to|on\s+top\s+of|in\s+addition\s+to)(?:\s+the)?|,)\s+(?:(?:{HEDGE_WORDS}|another|a\s+further|estimated)\s+){{0,2}}$"))
        .expect("ellipsis before")
});
/// "between Oct. 8 and 13": the second day of a pair of days, not a count.
static DAY_PAIR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}\s+\d{{1,2}}(?:st|nd|rd|th)?\s+(?:and|to|-|through|until)\s+$",
        crate::time_phrases::MONTH_RE
    ))
    .expect("day pair before")
});
/// A month name right before a number ("Oct. 16", "October 16").
static MONTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b{}\s+$", crate::time_phrases::MONTH_RE)).expect("month before")
});
/// A preposition of time right before a number: "since 2023", "until 2025", "in early 2024".
static YEAR_PREPOSITION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:since|until|till|in|from|through|by|before|after|during)\s+(?:(?:early|late|mid|mid-)\s*)?$")
        .expect("year preposition before")
});
/// A season or part of a year before a year: "the autumn of 2023", "late summer 2024", "the end
/// of 2023", "the first half of 2024", "October of 2023".
static YEAR_PART_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:spring|summer|autumn|fall|winter|half|quarter|end|start|beginning|middle|course|rest|remainder|{})\s+of|spring|summer|autumn|winter)\s+$",
        crate::time_phrases::MONTH_RE
    ))
    .expect("year part before")
});
/// A month name right after a number ("16 October", "16th of October").
static MONTH_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:st|nd|rd|th)?\s+(?:of\s+)?{}(?:\W|$)",
        crate::time_phrases::MONTH_RE
    ))
    .expect("month after")
});
/// "with 152-millimetre ones": the calibre of an elided unit, after its number.
static ONES_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*with\s+\d[^,.;]{0,20}?\bones\b").expect("ones after"));
static ELLIPSIS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[,.;)]|$|(?:the|in|on|at|by|during|last|this|for|from|to|and|or|before|after|since|a|an|across|near|inside|outside|along|it|they|that|which)\b|more\s+(?:[,.;)]|$|(?:the|in|on|at|by|across|near|inside|outside|along)\b))")
        .expect("ellipsis after")
});

static UNIT_SHIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:cargo\s+)?(?:ships?|vessels?|freighters?)$").expect("ship unit")
});
/// A name in apposition: ", the Maia-1", ", named Angara".
static NAMED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:,\s*(?:the\s+)?|\s+(?:named|called)\s+)[A-Z]").expect("named after")
});

/// A word between the number and its unit: a modifier, a calibre, a nationality ("DPRK"), a
/// designator.
static GAP_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d+(?:\.\d+)?\s?-?\s?(?:mm|millimet(?:er|re)s?|inch|in\.)(?:\s+calibre|\s+caliber)?|[A-Z][A-Za-z]*-(?:made|produced|built|supplied|flagged|owned|operated)|(?:North|South)\s+Korean?(?:-(?:made|supplied|produced|built|manufactured|provided|origin))?|Korean|Russian|Soviet-era|[A-Z][A-Za-z]*-\d+[A-Za-z]*|[A-Z]{1,3}\d{2,4}[A-Za-z]*\b|[A-Z][a-z]+\b|[A-Z]{2,5}\b|\(?[a-z][a-z'-]*\)?)")
        .expect("gap word")
});

/// Words that end a noun phrase: a unit cannot lie beyond them.
const STOP_WORDS: [&str; 33] = [
    "of", "the", "a", "an", "to", "from", "in", "on", "at", "by", "for", "with", "and", "or",
    "that", "which", "were", "was", "is", "are", "has", "have", "had", "been", "be", "per", "than",
    "its", "their", "his", "her", "into", "as",
];

static CALIBRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<n>\d+(?:\.\d+)?|three|four|five|six|eight)\s?-?\s?(?P<u>mm|millimet|inch|in\.)",
    )
    .expect("calibre")
});
static CALIBRE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*of\s+(?:[a-z-]+\s+){0,2}?(?P<c>\d+(?:\.\d+)?\s?-?\s?(?:mm|millimet\w*|inch))",
    )
    .expect("calibre after")
});
/// ", if they carried 122 mm shells", "if the containers held 152-millimetre rounds".
static IF_CALIBRE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*if\s+(?:they|these|the\s+containers|it)\s+(?:were\s+(?:filled|loaded|packed)\s+with|carried|carry|held|hold|contained|contain)\s+(?:only\s+)?(?:the\s+)?(?:smaller\s+|larger\s+)?(?P<c>\d+(?:\.\d+)?\s?-?\s?(?:mm|millimet\w*|inch))")
        .expect("if calibre after")
});
static RATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s+of\s+[\w\s-]{1,40}?|(?:\s+[a-z-]+){0,5}?)\s+(?:(?:a|per|each|every)\s+(?P<u>day|week|month|year)|(?P<adv>daily|weekly|monthly|annually|yearly))\b(?P<ago>\s+(?:ago|earlier|later|before))?")
        .expect("rate")
});
static DURATION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:for|in|than|over|within|after)\s+(?:(?:more\s+than|over|nearly|almost|about|around|less\s+than)\s+)?(?:a|one|each|every)\s+(?:day|week|month|year)$")
        .expect("duration before")
});
static OR_MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:or\s+more|and\s+more|-plus|\+)").expect("or more"));
/// "another 300", "a further 2,000", "an additional 40": more of what was just counted; "it was
/// 59 the following month", "its own figure, given on Friday, was", "the total since September
/// had passed": the same count again.
static ANOTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:\b(?:another|a\s+further|an\s+additional|a\s+total\s+of)|\bbring(?:ing|s)?\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+)?(?:total|tally|count|number)\b[^,.;:]{{0,40}}?\bto|\b(?:the|its|their)\s+(?:[\w-]+\s+)?(?:total|tally|count)\s+(?:now\s+)?(?:to|at|of)|\bput(?:s|ting)?\s+(?:the|its|their)\s+(?:[\w-]+\s+)?(?:number|figure|estimate|total|count)\s+at|\b(?:it|that|this|(?:the|its|their)\s+(?:own\s+|latest\s+|new\s+)?(?:figure|number|total|count|tally))(?:\s*,[^,.;]{{1,40}},|\s+since\s+[^,.;]{{1,30}}?)?\s+(?:was|is|had\s+been|has\s+been|rose\s+to|reached|stood\s+at|(?:had\s+|has\s+)?passed))\s+(?:(?:{HEDGE_WORDS})\s+)?$"))
        .expect("another")
});
/// A hedged number with no noun that ends its clause in a sentence about what containers would
/// hold ("If they held 122-millimetre shells, about 500,000.", "Filled with 122 mm rounds
/// instead, they would take more than 400,000"): the contents named before it, with their
/// calibre.
fn elided_content(s: &str, start: usize, num_start: usize, end: usize) -> Option<String> {
    let before = &s[..start];
    if !HEDGE.is_match(&s[..num_start]) || !SENTENCE_END_AFTER.is_match(&s[end..]) {
        return None;
    }
    if !(CAPACITY_BEFORE.is_match(before) || IF_HELD.is_match(before)) {
        return None;
    }
    // "With 122-millimetre ammunition the number would be above 400,000": ammunition of a
    // calibre is shells.
    let unit = antecedent_unit(before, false).or_else(|| {
        (CALIBRE.is_match(before) && AMMUNITION_WORD.is_match(before))
            .then(|| "artillery_shells".to_owned())
    })?;
    if !unit.starts_with("artillery_shells") {
        return None;
    }
    let mm = CALIBRE
        .find_iter(before)
        .filter_map(|m| calibre_mm(m.as_str()))
        .last();
    Some(mm.map_or(unit, |mm| format!("artillery_shells_{mm}mm")))
}

/// Shells or rounds named as contents.
static SHELL_NOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:shells|rounds)\b").expect("shell noun"));

/// Ammunition named without a countable noun.
static AMMUNITION_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:ammunition|ammo)\b").expect("ammunition word"));

/// "If they held 122 mm shells", "If they hold 122 mm shells", "If they were 122 mm shells",
/// "Filled with 122 mm rounds instead, they would take", "With 122-millimetre ammunition the
/// number would be": a supposition about the contents.
static IF_HELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bif\s+(?:they|the\s+containers|all|each|it|these|those)\s+(?:all\s+)?(?:held|holds?|carried|carry|carries|contained|contains?|(?:were|are)\s+(?:all\s+)?(?:filled|loaded|packed))\b|\bif\s+(?:they|the\s+containers|all|each|it|these|those)\s+(?:were|are|was|is)\s+(?:all\s+)?(?:[\w-]+\s+){0,3}?(?:shells|rounds|ammunition|ammo)\b|\b(?:filled|loaded|packed)\s+(?:instead\s+)?with\b[^.;]{0,60}?\b(?:would|could|might)\s+(?:take|hold|carry|fit|contain|be)\b|\b(?:with|in)\s+(?:[\w-]+\s+){0,3}?(?:ammunition|ammo|shells|rounds)\b[^.;]{0,40}?\b(?:would|could|might)\s+(?:be|come\s+to|reach)\b")
        .expect("if held")
});

/// "Several more followed", "26 more were fired": a count of the series named before, no noun.
static MORE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+more(?:\s+(?:have|had|has|were|was|are|is|followed|came|arrived|went|left|crossed|sailed|reached|joined)\b|\s+[,.;])")
        .expect("more after")
});
/// "some 3,000 more.", "about 112 more the same day.": "more" closing the clause, or only a
/// time relative to the count before after it.
static MORE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+more(?:\s+(?:(?:that|the\s+same)\s+(?:day|week|month|year)|(?:the|in\s+the)\s+(?:following|next|subsequent)\s+(?:day|week|month|year)|(?:a|one)\s+(?:day|week|month|year)\s+later))?\s*(?:[,.;]|$)")
        .expect("more end")
});
/// "the yard never held more than about 20.": a verb of holding or counting, then only a hedge
/// before a number that ends its sentence or clause.
static HELD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:held|holds|numbered|totall?ed|reached|stood\s+at|saw|seen|counted|observed|spotted|recorded)\s+(?:(?:never|only|just)\s+)?(?:(?:more\s+than|fewer\s+than|less\s+than|about|around|roughly|some|nearly|almost|at\s+least|at\s+most|no\s+more\s+than|up\s+to|over|under)\s+){0,2}$")
        .expect("held before")
});
/// "the number of railcars never rose above roughly 20", "The number already dispatched is now
/// around 3,000", "put the number since September at about 6,700": a count of what "the number"
/// (of a unit named, or of the count before) is, ending its clause.
static THE_NUMBER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"(?i)\bthe\s+(?:number|total|figure|count|tally)(?:\s+of\s+(?P<noun>[a-z-]+(?:\s+[a-z-]+)?))?(?:\s+[^.;:",]{{0,50}}?)?\s+(?:is|was|are|were|would\s+be|will\s+be|stood\s+at|stands\s+at|(?:rose|climbed|grew|went)(?:\s+(?:to|past|beyond))?|reached|came\s+to|at)\s+(?:(?:now|already|still|only)\s+)?(?:(?:{HEDGE_WORDS}|above)\s+){{0,2}}$"#))
        .expect("the number before")
});
/// "North Korea had delivered more than 1,000.": the sender's delivery of a bare number ending
/// its sentence.
static NORTH_SENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK)\s+(?:(?:has|had|have|already|also)\s+)*(?:delivered|sent|shipped|supplied|transferred)\s+(?:(?:{HEDGE_WORDS})\s+){{0,2}}$"))
        .expect("north sent before")
});
/// "up from the 11,000", "well above the 10,000", "raised the U.S. count to more than 16,500":
/// a figure compared with an earlier one, or a count raised to it.
static EARLIER_FIGURE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"(?i)(?:\b(?:up|down)\s+from(?:\s+the)?|\b(?:above|below|beyond|than)\s+the|\b(?:raised|lifted|increased|revised|updated|lowered|cut|brought|pushed)\s+(?:the|its|their|his|her|this|that)\s+(?:[\w.'-]+\s+){{0,2}}?(?:count|figure|estimate|tally|total|number)\s+(?:up\s+|down\s+)?to)\s*"?\s*(?:(?:{HEDGE_WORDS})\s+){{0,2}}$"#))
        .expect("earlier figure before")
});
/// "... the department cited in February", "\" the ministry gave": who gave the figure, right
/// after it.
static GIVEN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^"?\s+(?:(?:that|which)\s+)?(?:[\w.'-]+\s+){1,4}?(?:had\s+)?(?:gave|given|cited|reported|announced|published|released|estimated|counted|quoted|said)\b"#)
        .expect("given after")
});
/// "more than 10,000 have gone", "about 40 were fired": a hedged count whose verb says it was
/// delivered, of the series named before.
static SENT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:have|had|has|were|was)\s+(?:(?:now|already|since|reportedly|been)\s+){0,2}(?:gone|sent|shipped|delivered|moved|transported|carried|ferried|flown|taken|brought|deployed|dispatched|fired|launched|loaded|transferred|handed\s+over|seen|counted|observed|spotted|recorded)\b")
        .expect("sent after")
});
/// The end of the number's sentence or clause, after a place adverb and an occasion ("no more
/// than 20 there.", "more than 20 there on any single image.").
static SENTENCE_END_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?:there|here|in\s+all|in\s+total)\s*)?(?:(?:at|on|in)\s+(?:any\s+)?(?:single\s+|one\s+|a\s+)?(?:time|image|picture|photo|day|date|occasion)\s*)?(?:(?:since|in|over|during|from|through)\s+(?:the\s+)?[a-z\s]{0,24}(?:[A-Z][a-z]+\s+)?(?:(?:19|20)\d\d)?\s*)?(?:[.;]|,|$)")
        .expect("sentence end after")
});
/// "Of those, roughly 112 were freight cars", "Of the 10,000 or so soldiers sent, about 8,000
/// are ...", "\"Of the 10,000 soldiers there,\" he said, \"some 8,000 are ...\"": a part of the
/// things counted before, opening the sentence ("Of the troops sent, about 4,000 were wounded"
/// counts no part of a figure).
static OF_THOSE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\s*"?\s*Of\s+(?:those|these|them|this\s+total|that\s+total|the\s+[^,;"\d]{0,30}\d(?:[^,;"]|\d,\d){1,80},(?:"\s+[^"]{1,160}?,\s+")?)\s*,?\s*(?:(?:about|around|roughly|some|nearly|almost|approximately|more\s+than|over|at\s+least|up\s+to|only|just)\s+)?$"#)
        .expect("of those before")
});
/// "gave a figure of some", "an estimate of about": a figure with no noun of its own.
static FIGURE_OF_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:a|an|the|its|his|her|their|new|fresh|updated|revised|higher|lower)\s+(?:figure|estimate|total|count|tally)\s+of\s+(?:(?:{HEDGE_WORDS})\s+){{0,2}}$"))
        .expect("figure of before")
});
/// A sentence that is only a hedged number, after an optional speaker label ("A: About
/// 11,000.", "KIRBY: Roughly 3,000."): the start up to the number.
static BARE_ANSWER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?:(?:A|ANSWER|Answer|[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){{0,2}})\s*:\s*)?(?i:(?:{HEDGE_WORDS}|just|only|perhaps|maybe|probably)\s+){{1,2}}$"))
        .expect("bare answer before")
});
/// The end of a bare answer right after its number: "About 11,000." (a hedge after it too), or
/// its time set off by commas: "At least nine, between May 2023 and June 2024, and ...".
static BARE_ANSWER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:,?\s*(?:or\s+so|at\s+most|at\s+least|in\s+all|in\s+total|now|so\s+far|by\s+now))?\s*[.!]?\s*$|,\s+(?:between|from|since|over|during)\s[^,;.]{3,60}(?:,|[.!]?\s*$))")
        .expect("bare answer after")
});

/// A hedge after the number: "twenty at most", "300 or so".
static HEDGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?P<most>at\s+(?:the\s+)?most|or\s+fewer|or\s+less)|(?P<about>or\s+so))\b",
    )
    .expect("hedge after")
});
static HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<q>about|around|approximately|approx\.|roughly|some|nearly|almost|close\s+to|an\s+estimated|estimated|circa|~|just\s+(?:under|below|short\s+of)|slightly\s+(?:under|below|fewer\s+than|less\s+than)|more\s+than|over|upwards\s+of|north\s+of|in\s+excess\s+of|above|exceeding|exceeded|exceed|exceeds|passed|surpassed|topped|just\s+over|well\s+over|at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+(?:less|fewer)\s+than|a\s+minimum\s+of|up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of|fewer\s+than|less\s+than|under|below|exactly|precisely)\s*(?:\(\s*)?$")
        .expect("hedge")
});
/// Words saying a number is what containers could hold, not what was counted ("Packed with
/// 152 mm ammunition, that was over 3 million shells").
static CAPACITY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:could|can|may|might|would)\s+(?:have\s+)?(?:hold|held|carry|carried|contain|contained|accommodate|accommodated|fit|store|stored|include|included)\b|\bcapable\s+of\s+(?:holding|carrying)\b|^\s*(?:packed|filled|loaded|crammed|stuffed)\s+with\b[^.;]{0,80}?\b(?:that|this|it|they)\s+(?:was|is|would\s+be|comes?\s+to|came\s+to)\b|\bcapacity\b|\benough(?:\s*,[^,.;]{1,60},|\s+by\s+[^,.;]{1,40}?)?\s+(?:for|to\s+(?:hold|carry|fill))\b|\bthere\s+(?:could|may|might)\s+be\b|\bif\s+(?:they|the\s+containers|all|each|it)\b[^.]{0,40}?\b(?:filled|full|loaded|packed)\b|\bif\s+(?:every|each|all\s+the|the)\s+(?:[\w-]+\s+){0,2}?(?:held|contained|carried|were\s+(?:filled|full|loaded|packed))\b[^.]{0,80}?\b(?:could|would|might)\b|\bequivalent\s+(?:to|of)\b|\bequal\s+to\b|\b(?:equals|equalled|equaled)\b|\b(?:could|would|might|may)\s+(?:\w+\s+)?(?:amount|correspond)\s+to\b|\bcorrespond(?:s|ed|ing)?\s+to\b|\bif\s+(?:they|all|each|it|these|those|the\s+\w+)\b[^.]{0,40}?\b(?:assumed|taken|presumed|supposed|counted)\s+(?:to\s+be|as)\b|\btranslat\w*\s+(?:in)?to\b|\bconvert\w*\b|\b(?:counted|expressed|calculated|reckoned|measured)\s+(?:as|in)\b[^.]{0,40}?\binstead\b|\byou\s+(?:would|could|might)\s+(?:have|get)\b|\bworth\s+of\b|\b(?:could|would|might|may)\s+(?:\w+\s+)?(?:equal|equate\s+to|mean)\b|\bif\s+(?:they|them|these|those|the\s+\w+|all|each|it)\b[^.]{0,60}?\b(?:were|was)\b[^.]{0,60}?\b(?:would|could|might)\s+(?:be|mean|make|give)\b")
        .expect("capacity")
});
static CAPACITY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^,;.]{0,40}?\b(?:(?:could|can|may|might|would)\s+(?:have\s+)?(?:be|been|fit)\s+(?:in|inside|loaded|carried|held|into)|if\s+(?:they|the\s+containers|all|each)\b[^,;.]{0,30}?\b(?:filled|full|loaded|packed))\b")
        .expect("capacity after")
});
static LAUNCHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:launch(?:ed|es|ing)?|fired|fire|firing|used|applied|deployed|employed|struck|strike|strikes|attack\w*)\b")
        .expect("launched")
});
static TIMES_PORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:call\w*|visit\w*|dock\w*|berth\w*|anchor\w*)\b").expect("times port")
});
static TIMES_SHIPMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ship(?:ped|s)?|deliver\w*|transfer\w*|sen[dt]\w*|suppl\w*)\b")
        .expect("times shipment")
});
static MULTIPLIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:more|less|fewer|as|larger|higher|greater|bigger|smaller|over|the|that|what)\b",
    )
    .expect("multiplier")
});
/// "rounds of sanctions", "rounds of talks": rounds of measures or meetings, not of ammunition.
static ROUNDS_OF_MEASURES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+of\s+(?:[\w-]+\s+){0,2}?(?:sanctions|talks|negotiations|consultations|discussions|meetings|voting|votes|elections|inspections|tariffs|cuts|hikes|interviews|strikes|protests|applause)\b")
        .expect("rounds of measures")
});
/// A weapon's designator ("KN-23", "Hwasong-11") ending or opening a run of words.
static DESIGNATOR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]*\s*$").expect("designator end"));
static DESIGNATOR_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[A-Z][A-Za-z]*-\d+[A-Za-z]*\b").expect("designator start"));
static BALLISTIC_DESIGNATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:KN-2[345]|Hwasong-1[1-9])\b").expect("designator"));

/// A unit of measure or money right after a number ("590 metres long", "40 km", "500 rubles"):
/// a length, weight or price, never a count of the things the text is about.
/// (A ship's size, "8,400 gross tons", "a 5,000-dwt freighter", is a measure too, not cargo.)
static MEASURE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]*(?:(?:kilo|centi)?met(?:re|er)s?|km|kms|miles?|nautical\s+miles?|feet|foot|ft|yards?|inches|kilo(?:gram)?s?|kg|grams?|pounds|lbs?|hectares?|acres?|square\s+\w+|cubic\s+\w+|litres?|liters?|gallons?|dollars?|euros?|rubles?|roubles?|yuan|hryvnias?|knots|degrees|(?:gross|deadweight|displacement)\s+(?:register\s+)?(?:tons?|tonnes?)|dwt|GRT)\b")
        .expect("measure after")
});
/// "every one of those containers", "each one of them": all of a group, not a count of one.
static EVERY_ONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:every|each)\s*$").expect("every one"));
/// "The first one shows", "this one carried": "one" after a determiner stands for a thing named
/// before, no count.
static ONE_PRONOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|this|that|which|another|any)\s+(?:(?:first|second|third|last|next|other|same|only|latest|earlier|later)\s+)?$")
        .expect("one pronoun before")
});
/// "a rise of a few hundred containers", "an increase of 300": the difference between two
/// counts, not a count of its own.
static DIFFERENCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:an?\s+)?(?:rise|increase|jump|fall|drop|decline|decrease|difference|gap)\s+of\s+(?:(?:{HEDGE_WORDS})\s+)?$"))
        .expect("difference before")
});
/// "a thousand-odd more than its February count", "300 fewer than planned": the difference
/// between two counts.
static DIFFERENCE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:-odd|-plus)?\s+(?:more|fewer|less)\s+than\b").expect("difference after")
});
/// "the largest can carry a few hundred containers": what a ship or train can take, its size,
/// not a count of containers shipped.
static CARRIER_SIZE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:can|could)\s+(?:carry|hold|take|load|accommodate|fit)\s+(?:(?:{HEDGE_WORDS})\s+)?$"))
        .expect("carrier size before")
});
/// "a freight wagon on the broad-gauge network holds about 60 tonnes", "roughly the load of
/// 1,200 wagons": what one carrier takes, or a tonnage restated in carriers (arithmetic, not a
/// count).
static ONE_CARRIER_LOAD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:(?:a|an|each|one|every|the\s+average|a\s+typical)\s+(?:[\w'-]+\s+){{0,2}}?(?:wagon|\w*car|container|ship|vessel|train|truck)\s+(?:[\w'’-]+\s+){{0,5}}?(?:holds|carries|takes)|the\s+(?:full\s+)?loads?\s+of)\s+(?:(?:{HEDGE_WORDS})\s+)?$"))
        .expect("one carrier load before")
});

/// A span of time right after a number ("two months of what the army fires", "in six weeks",
/// "for 10 years"): a duration, never a count of the things the text is about.
static DURATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]*(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)(?:'s?)?\b")
        .expect("duration after")
});
/// A counted noun that is no unit of the corridor, first after the number ("15 officials
/// discussed direct flights", "3,000 visitors", "One photo showed containers"): the number
/// counts it, not a unit further on.
static OTHER_COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:officials|people|persons|visitors|delegates|members|participants|companies|firms|businesses|exhibitors|countries|nations|states|experts|diplomats|analysts|lawmakers|legislators|journalists|reporters|students|tourists|passengers|workers|employees|staff|sailors|crew|crewmen|seafarers|drivers|residents|citizens|children|families|votes|seats|candidates|pages?|documents?|photos?|photographs?|images?|pictures?|videos?|entities|individuals|banks|rooms|beds)$")
        .expect("other counted")
});
/// A noun right after a unit noun that makes it a modifier ("two vessel owners", "three
/// container terminals", "shell factories"): the compound counts that head, not the unit.
static COMPOUND_HEAD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]+(?:owners?|operators?|managers?|companies|company|firms?|agents?|insurers?|registr\w*|crews?|captains?|masters?|makers?|manufacturers?|producers?|factor(?:y|ies)|plants?|lines?|terminals?|yards?|depots?|stations?|sites?|routes?|schedules?|trackers?|databases?)\b")
        .expect("compound head after")
});
/// A ship's size: "a ship of 5,000 tonnes", "handles ships of up to 5,000 tonnes", "vessels
/// displacing 3,000 tons": the tonnage a ship has, not cargo carried.
static SHIP_SIZE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:ships?|vessels?|freighters?|tankers?|carriers?|boats?)\s+(?:of|with\s+a\s+(?:capacity|displacement|tonnage)\s+of|displacing)\s+(?:(?:{HEDGE_WORDS})\s+)?$"))
        .expect("ship size before")
});
/// "5,000 tonnes deadweight", "a 3,000-ton ship": a ship's size named after the tonnage.
static SHIP_SIZE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]*(?:deadweight|dwt|gross(?:\s+tonnage)?|displacement|(?:cargo\s+|container\s+)?(?:ships?|vessels?|freighters?|tankers?|boats?)\b)")
        .expect("ship size after")
});
/// "watched 250,000 times", "shared 9,000 times": an audience, kept for the topic rule to mark
/// off topic with its reason.
static TIMES_AUDIENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:viewed|watched|read|shared|liked|retweeted|reposted|downloaded|clicked|streamed|played|opened|cited|quoted)\b")
        .expect("times audience")
});
/// A verb of moving or of a voyage before "times" ("sailed there 12 times", "made the run 9
/// times"): without one, "revised its picture several times" counts no voyage.
static TIMES_VOYAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sail\w*|travel\w*|voyage\w*|trips?|runs?|ran|journey\w*|cross\w*|return\w*|went|go|goes|going|gone|left|leav\w*|depart\w*|arriv\w*|shuttl\w*|pl(?:y|ied|ies|ying)|mov(?:e|ed|es|ing)|load\w*|unload\w*|came|come|comes|steam\w*|head\w*|transit\w*|spotted|seen|observed|recorded|tracked|photographed|made)\b")
        .expect("times voyage")
});

/// The note of a quantity whose unit is the noun a pronoun refers to ("2 million of them").
pub const OF_THEM_NOTE: &str = "unit of the noun \"them\" refers to";
/// The note of a count without a noun, of the series the claim before counted ("Several more").
pub const CLAIM_BEFORE_NOTE: &str = "unit of the claim before";

/// A quantity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte span of number to unit.
    pub span: (usize, usize),
    /// The number, or `None` for a range.
    pub quantity: Option<f64>,
    /// Low end of a range.
    pub low: Option<f64>,
    /// High end of a range.
    pub high: Option<f64>,
    /// `about`, `more_than`, `capacity_equivalent`, ...
    pub qualifier: &'static str,
    /// Ledger unit, e.g. `artillery_shells_152mm`, `containers_per_month`.
    pub unit: String,
    /// How the number was read, when that needs saying.
    pub note: Vec<String>,
}

/// A small number in digits or words ("two", "12").
pub fn small_number(word: &str) -> Option<i64> {
    let w = word.to_lowercase();
    w.parse().ok().or_else(|| {
        WORD_NUMBERS
            .iter()
            .find(|(n, _)| *n == w)
            .map(|(_, v)| *v as i64)
    })
}

fn scale_of(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "mln" | "mn" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        _ => return None,
    })
}

fn word_value(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    if let Some((tens, ones)) = w.split_once('-') {
        return Some(word_value(tens)? + word_value(ones)?);
    }
    WORD_NUMBERS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v)
}

/// A number written in words: "six thousand seven hundred", "one hundred and twenty", "two
/// dozen", "one-thousand", "seventy-three". Each scale word multiplies what came since the last
/// larger one (hundred, dozen) or closes a group (thousand, million, billion).
fn words_value(t: &str) -> Option<f64> {
    let (mut total, mut group, mut any) = (0.0, 0.0, false);
    let mut tokens = Vec::new();
    for w in t.split_whitespace().filter(|w| *w != "and") {
        // "one-thousand": the hyphen joins a scale word, not tens and ones.
        match w.split_once('-') {
            Some((a, b)) if scale_of(b).is_some() || b == "dozen" => tokens.extend([a, b]),
            _ => tokens.push(w),
        }
    }
    for w in tokens {
        if w == "dozen" {
            group = if any { group } else { 1.0 } * 12.0;
        } else if w == "hundred" {
            group = if any { group } else { 1.0 } * 100.0;
        } else if let Some(scale) = scale_of(w) {
            total += if any { group } else { 1.0 } * scale;
            group = 0.0;
        } else {
            group += word_value(w)?;
        }
        any = true;
    }
    any.then_some(total + group)
}

/// A number's value, or its range when vague ("hundreds of", "several million").
fn parse_number(text: &str) -> Option<(f64, Option<f64>, bool)> {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(" of").trim();
    for (w, lo, hi) in VAGUE {
        if t == w {
            return Some((lo, Some(hi), true));
        }
    }
    if let Some(rest) = ["several", "a few"]
        .contains(&t)
        .then_some("")
        .or(t.strip_prefix("several "))
        .or(t.strip_prefix("a few "))
    {
        let s = if rest.is_empty() {
            1.0
        } else if rest == "dozen" {
            12.0
        } else {
            // "several hundred thousand": each scale word multiplies.
            rest.split_whitespace()
                .map(scale_of)
                .product::<Option<f64>>()?
        };
        let (lo, hi) = if t.starts_with("several") {
            (3.0, 9.0)
        } else {
            (2.0, 5.0)
        };
        return Some((lo * s, Some(hi * s), true));
    }
    // "one and a half million".
    if let Some((n, scale)) = t.split_once(" and a half ") {
        let n = if n == "a" { 1.0 } else { word_value(n)? };
        return Some(((n + 0.5) * scale_of(scale)?, None, false));
    }
    if let Some(rest) = t.strip_prefix("half a ") {
        return Some((0.5 * scale_of(rest)?, None, false));
    }
    if let Some(rest) = t.strip_prefix("a ") {
        let v = if rest == "dozen" {
            12.0
        } else {
            scale_of(rest)?
        };
        return Some((v, None, false));
    }
    // Digits or words, then scale words: "2.5 million", "2.5m", "six thousand", "20-thousand";
    // thousands grouped by commas or spaces ("10 000").
    let grouped = DIGIT_GROUPS.replace_all(t, "$1$2");
    let t = grouped.as_ref();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(t.len());
    let (head, tail) = if split > 0 {
        (
            t[..split].replace(',', "").parse::<f64>().ok()?,
            &t[split..],
        )
    } else {
        return words_value(t).map(|v| (v, None, false));
    };
    let mut v = head;
    for s in tail.split([' ', '-']).filter(|s| !s.is_empty()) {
        v *= scale_of(s)?;
    }
    Some((v, None, false))
}

fn hedge_after(after: &str) -> &'static str {
    match HEDGE_AFTER.captures(after) {
        Some(c) if c.name("most").is_some() => "up_to",
        Some(_) => "about",
        None => "unspecified",
    }
}

/// The qualifier of the hedge a text ends with. Two hedges in a row ("at most about 20",
/// "more than about 20") take the outer bound's; a negated "more than" ("never held more than
/// about 20", "not more than") is an upper bound.
fn hedge_before(text: &str) -> Option<&'static str> {
    let h = HEDGE.captures(text)?;
    let inner = h.name("q")?;
    let mut q = qualifier_of(inner.as_str());
    let outer_text = &text[..inner.start()];
    if let Some(o) = HEDGE
        .captures(outer_text)
        .and_then(|o| o.name("q"))
        .filter(|_| q == "about")
    {
        let outer = qualifier_of(o.as_str());
        if outer != "about" {
            q = outer;
            return Some(negated_bound(q, &outer_text[..o.start()]));
        }
    }
    Some(negated_bound(q, outer_text))
}

/// "never more than", "not more than": an upper bound.
fn negated_bound(q: &'static str, before: &str) -> &'static str {
    if q == "more_than" && NEGATION_BEFORE.is_match(before) {
        "up_to"
    } else {
        q
    }
}

/// "not", "never", "never held": a negation right before a hedge.
static NEGATION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:not|never)(?:\s+(?:held|had|saw|seen|counted|reached|exceeded|been|showed|shown|recorded|observed|spotted|numbered|contained|carried|rose|climbed|grew|went))?\s*$",
    )
    .expect("negation before")
});

fn qualifier_of(hedge: &str) -> &'static str {
    match hedge
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .as_str()
    {
        "about"
        | "around"
        | "approximately"
        | "approx."
        | "roughly"
        | "some"
        | "nearly"
        | "almost"
        | "close to"
        | "an estimated"
        | "estimated"
        | "circa"
        | "~"
        | "just under"
        | "just below"
        | "just short of"
        | "slightly under"
        | "slightly below"
        | "slightly fewer than"
        | "slightly less than" => "about",
        "more than" | "over" | "upwards of" | "north of" | "in excess of" | "above"
        | "exceeding" | "exceeded" | "exceed" | "exceeds" | "passed" | "surpassed" | "topped"
        | "just over" | "well over" => "more_than",
        "at least" | "no fewer than" | "no less than" | "not less than" | "not fewer than"
        | "a minimum of" => "at_least",
        "up to" | "as many as" | "as much as" | "as high as" | "at most" | "no more than"
        | "a maximum of" | "fewer than" | "less than" | "under" | "below" => "up_to",
        "exactly" | "precisely" => "exactly",
        _ => "unspecified",
    }
}

/// Ledger unit of a unit noun (and the words before it).
fn unit_name(unit: &str, gap: &str) -> &'static str {
    let u = unit.to_lowercase();
    let has = |w: &str| u.contains(w);
    // A TEU (twenty-foot equivalent unit) is counted as one container.
    if has("container") || u == "teu" || u == "teus" {
        "containers"
    } else if has("round trip")
        || has("round-trip")
        || has("voyage")
        || has("trip")
        || has("journey")
        || has("sailing")
    {
        "voyages"
    } else if has("shipment") || has("consignment") || has("deliver") || has("occasion") {
        "shipments"
    } else if has("transfer") {
        "transfers"
    } else if has("visit") || has("call") || has("docking") {
        "port_calls"
    } else if has("rocket launcher") {
        "rocket_launchers"
    } else if has("vessel") || has("ship") || has("freighter") {
        "vessels"
    } else if has("flight") || has("sortie") {
        "flights"
    } else if has("car") || has("wagon") || has("carriage") {
        "railcars"
    } else if has("locomotive") {
        "locomotives"
    } else if has("train") {
        "trains"
    } else if has("ton") {
        "metric_tons"
    } else if has("shell") || has("round") || has("projectile") {
        "artillery_shells"
    } else if has("munitions") {
        "munitions"
    } else if has("missile") {
        if has("ballistic")
            || BALLISTIC_DESIGNATOR.is_match(gap)
            || gap.to_lowercase().contains("ballistic")
        {
            "ballistic_missiles"
        } else {
            "missiles"
        }
    } else if has("rocket") {
        "rockets"
    } else if has("artillery") || has("howitzer") || has("gun") {
        "heavy_artillery_pieces"
    } else if has("troops")
        || has("soldiers")
        || has("infantrymen")
        || has("servicemen")
        || has("service")
        || has("personnel")
        || has("forces")
    {
        "troops"
    } else if has("barrel") {
        "barrels"
    } else if has("drone") {
        "drones"
    } else {
        "percent"
    }
}

/// Units whose numbers can be what a container holds (contents, not carriers or trips).
pub fn is_content(unit: &str) -> bool {
    [
        "artillery_shells",
        "munitions",
        "missiles",
        "ballistic_missiles",
        "rockets",
        "metric_tons",
    ]
    .iter()
    .any(|u| unit.starts_with(u))
}

fn calibre_mm(text: &str) -> Option<u32> {
    let c = CALIBRE.captures(text)?;
    // "six-inch": the word's number.
    let n: f64 = c["n"]
        .parse()
        .ok()
        .or_else(|| small_number(&c["n"]).map(|k| k as f64))?;
    let mm = if c["u"].to_lowercase().starts_with("in") {
        n * 25.4
    } else {
        n
    };
    Some(mm.round() as u32)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// "of the", "of these", "of the North's", "of Pyongyang's" between a number and its unit.
static PARTITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+of\s+(?:(?:the|these|those|its|their|his|her|our)\b(?:\s+[A-Z][\w.-]*'s\b)?|[A-Z][\w.-]*'s\b)")
        .expect("partitive")
});

/// "units of" between a number and its unit (a translation's "100 units of artillery systems").
static UNITS_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s+units?\s+of\b").expect("units of"));

/// "more than 5 million of them": a part of something the pronoun refers to.
static OF_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+of\s+(?:them|these|those)\b(?:\s+(?:all|each))?").expect("of them")
});
/// "signed", "put their names to", "voted": what people or governments do, after "eleven of
/// them".
static PEOPLE_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:have|has|had|finally|also|then|later|eventually|now|all|jointly)\s+){0,2}(?:put\s+their\s+names?|signed|co-signed|voted|endorsed|agreed|approved|ratified|joined)\b")
        .expect("people act")
});
/// "fragments of", "the debris of the": pieces of what the number counts.
static PIECES_OF_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fragments|debris|wreckage|remnants|remains|pieces)\s+of\s+(?:the\s+)?$")
        .expect("pieces of before")
});
/// "the" right before the number.
static THE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bthe\s+$").expect("the before"));
static EVERY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:every|each|any|none|not)\s*$").expect("every"));
/// Words that make the noun before them the subject of a clause ("the containers would carry
/// ... of them"): a clause's subject is not what its own partitive pronoun refers to.
static SUBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:would|could|can|may|might|will|shall|should|must|have|has|had|were|was|are|is|carry|carried|hold|held|contain|contained|include|included)\b")
        .expect("subject verb")
});
static UNIT_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{UNIT_RE})")).expect("unit anywhere"));

/// Units a pronoun can refer to: counted things, not "times" or a percentage.
fn countable(unit_text: &str) -> bool {
    let u = unit_text.to_lowercase();
    !(u == "times" || u == "%" || u.starts_with("percent") || u.starts_with("per cent"))
}

/// Whether the last missiles `text` names anew (not "the missiles", "these missiles") are
/// ballistic; `None` when it names none anew.
pub fn missiles_named(text: &str) -> Option<bool> {
    MISSILES_NAMED
        .captures_iter(text)
        .map(|c| c.name("pre").map_or("", |p| p.as_str()).to_lowercase())
        .filter(|pre| {
            !pre.split_whitespace()
                .last()
                .is_some_and(|w| ["the", "these", "those", "such"].contains(&w))
        })
        .last()
        .map(|pre| pre.contains("ballistic") || BALLISTIC_DESIGNATOR.is_match(&pre))
}

/// Missiles named, with up to three words before: "North Korean ballistic missiles", "KN-23
/// missiles", "of the missiles".
static MISSILES_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<pre>(?:[\w'-]+\s+){0,3})missiles?\b").expect("missiles named")
});

/// The ledger unit of the last countable noun in `text` that is not the subject of the clause
/// running on to its end: what "them" at the end refers to ("Artillery shells have been reaching
/// Russia ... more than 5 million of them"; "Filled with 152mm shells, the containers would carry
/// more than 2 million of them" refers to the shells, not the containers).
pub fn antecedent_unit(text: &str, skip_subject: bool) -> Option<String> {
    let mut found = None;
    for m in UNIT_ANYWHERE.find_iter(text) {
        // The subject: a verb follows in the same clause ("the wagons seen at Khasan could
        // carry up to 90,000 of them").
        let clause_after = &text[m.end()..];
        let subject = !clause_after.contains([',', ';'])
            && clause_after
                .split_whitespace()
                .any(|w| SUBJECT_VERB.is_match(w));
        if !countable(m.as_str()) || skip_subject && subject {
            continue;
        }
        let before = &text[..m.start()];
        let gap_from = before.rfind([',', '.', ';']).map_or(0, |i| i + 1);
        found = Some(unit_name(m.as_str(), &text[gap_from..m.start()]).to_owned());
    }
    found
}

/// The unit of a definite subject opening a sentence, which refers back to things counted
/// before: "The soldiers were carried ...", "These containers left ..." (`troops`,
/// `containers`).
pub fn definite_subject_unit(text: &str) -> Option<String> {
    let m = UNIT_ANYWHERE.find(text)?;
    let before = &text[..m.start()];
    if !DEFINITE_OPENING.is_match(before) || !countable(m.as_str()) {
        return None;
    }
    Some(unit_name(m.as_str(), before).to_owned())
}

/// "The", "These", "Those" (lower case after "X said"), with up to two modifier words, and
/// nothing else before the noun.
static DEFINITE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[Tt]he|[Tt]hese|[Tt]hose)\s+(?:[a-z][\w-]*\s+){0,2}$")
        .expect("definite opening")
});

/// The unit after a number: up to four modifier words, then the unit noun.
fn unit_after(s: &str, from: usize) -> Option<(usize, usize, String)> {
    // "24 of the North's ballistic missiles", "one of these missiles": a part of them.
    let mut pos = from + PARTITIVE.find(&s[from..]).map_or(0, |m| m.end());
    // "over 100 units of artillery systems": the units are the systems.
    pos += UNITS_OF.find(&s[pos..]).map_or(0, |m| m.end());
    // "the 10,000 or so soldiers": a hedge between the number and its noun.
    pos += HEDGE_AFTER.find(&s[pos..]).map_or(0, |m| m.end());
    // "\"in excess of a million\" shells": a quote closing after the number.
    if s[pos..].starts_with('"') {
        pos += 1;
    }
    let mut gap_start = None;
    for _ in 0..=4 {
        let rest = &s[pos..];
        let trimmed = rest.trim_start();
        let at = pos + rest.len() - trimmed.len();
        if let Some(m) = UNIT.find(trimmed) {
            let gap = gap_start.map_or(String::new(), |g| s[g..at].to_owned());
            // A compound names its head last: "ship voyages", "container ships".
            let (mut start, mut end) = (at, at + m.end());
            while let Some(next) = s[end..]
                .strip_prefix(' ')
                .and_then(|rest| UNIT.find(rest).map(|n| end + 1 + n.end()))
            {
                start = end + 1;
                end = next;
            }
            return Some((start, end, gap));
        }
        let w = GAP_WORD.find(trimmed)?;
        let word = w.as_str().trim_matches(['(', ')']).to_lowercase();
        // A system's name ("120 Koksan 170 mm guns"), not a month or a place.
        let capitalised = w.as_str().starts_with(|c: char| c.is_ascii_uppercase())
            && w.as_str().chars().skip(1).all(|c| c.is_ascii_lowercase());
        if capitalised
            && (crate::time_phrases::month_number(&word).is_some()
                || !word.ends_with('n') && !crate::names::countries(w.as_str()).is_empty()
                || [
                    "The", "In", "On", "At", "By", "From", "To", "Of", "And", "Or",
                ]
                .contains(&w.as_str()))
        {
            return None;
        }
        // "60 KN-23 and KN-24 ballistic missiles": two designators of the one unit.
        let after = &trimmed[w.end()..];
        let joins_designators = (word == "and" || word == "or")
            && gap_start.is_some_and(|g| DESIGNATOR_END.is_match(&s[g..at]))
            && DESIGNATOR_START.is_match(after);
        // Another number or a hedge starts another quantity: "October 5 shows approximately
        // seventy-three wagons" gives the wagons to seventy-three, not to the day.
        if !joins_designators && STOP_WORDS.contains(&word.as_str())
            || OTHER_COUNTED.is_match(&word)
            || words_value(&word).is_some()
            || qualifier_of(&word) != "unspecified"
        {
            return None;
        }
        gap_start.get_or_insert(at);
        pos = at + w.end();
    }
    None
}

/// Bytes before a number that a unit named before it ([`UNIT_BEFORE`]: "the number of
/// artillery shells ... could be as high as") is looked for in: the pattern's own reach (a
/// unit, three words, 100 characters and a verb) with room to spare. Searching only this window,
/// not the whole sentence before each number, keeps a sentence with many numbers linear.
const UNIT_BEFORE_REACH: usize = 400;

thread_local! {
    /// The last sentence read and its quantities: the rules ask for the same sentence's
    /// quantities several times (each attribution, each time phrase), which on a long run of
    /// numbers (a table or changelog run together) cost the square of its length each time.
    static LAST_FOUND: std::cell::RefCell<(String, Vec<Quantity>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// The quantities of a sentence, in order.
pub fn find(s: &str) -> Vec<Quantity> {
    if let Some(found) = LAST_FOUND.with(|l| {
        let l = l.borrow();
        (!s.is_empty() && l.0 == s).then(|| l.1.clone())
    }) {
        return found;
    }
    let out = find_uncached(s);
    LAST_FOUND.with(|l| *l.borrow_mut() = (s.to_owned(), out.clone()));
    out
}

fn find_uncached(s: &str) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut start = 0;
    while let Some(c) = RANGE.captures_at(s, start) {
        let whole = c.get(0).expect("match");
        let a = c.name("a").expect("a");
        start = whole.end().max(start + 1);
        // Part of a word or designator ("KN-23", "Maia-1", "C4ADS"), or money.
        let before = s[..whole.start()].chars().next_back();
        let before2 = s[..whole.start()].chars().rev().nth(1);
        if before.is_some_and(|c| is_word_char(c) || c == '$')
            || before == Some('-') && before2.is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        // "between 4 and 6 million"; "and" alone joins two claims, not a range.
        let sep = c.name("sep").map(|m| m.as_str().to_lowercase());
        let pre = c.name("pre").map(|m| m.as_str().to_lowercase());
        let mut b = c.name("b");
        let mut end = whole.end();
        if sep.as_deref() == Some("and") && pre.as_deref() != Some("between") {
            b = None;
            end = a.end();
            start = end;
        }
        let Some((av, avague_hi, vague)) = parse_number(a.as_str()).filter(|n| n.0 > 0.0) else {
            continue;
        };
        // "Imagery from Oct. 16 showed containers", "on 16 October 300 containers": a day of a
        // month, not a count.
        if b.is_none()
            && av <= 31.0
            && av.fract() == 0.0
            && (MONTH_BEFORE.is_match(&s[..whole.start()]) || MONTH_AFTER.is_match(&s[end..]))
        {
            continue;
        }
        // "since August 2023 Russian-flagged cargo ships called", "since 2023 vessels have": a
        // year after a month or a preposition of time, not a count.
        if b.is_none()
            && a.as_str().len() == 4
            && (1900.0..=2099.0).contains(&av)
            && (MONTH_BEFORE.is_match(&s[..whole.start()])
                || YEAR_PREPOSITION_BEFORE.is_match(&s[..whole.start()])
                || YEAR_PART_BEFORE.is_match(&s[..whole.start()]))
        {
            continue;
        }
        // "590 metres long", "500 rubles": a measure or a price; "every one of those
        // containers": all of them; "a rise of 300 containers", "300 more than": a difference; "a
        // wagon holds 60 tonnes": one carrier's load.
        if MEASURE_AFTER.is_match(&s[end..])
            || DURATION_AFTER.is_match(&s[end..])
            || av == 1.0 && b.is_none() && EVERY_ONE.is_match(&s[..whole.start()])
            || a.as_str().eq_ignore_ascii_case("one")
                && b.is_none()
                && ONE_PRONOUN_BEFORE.is_match(&s[..whole.start()])
            || DIFFERENCE_BEFORE.is_match(&s[..whole.start()])
            || DIFFERENCE_AFTER.is_match(&s[end..])
            || ONE_CARRIER_LOAD_BEFORE.is_match(&s[..whole.start()])
        {
            continue;
        }
        // "7,000 or more containers", "1,000-plus".
        let mut or_more = false;
        if let Some(m) = OR_MORE.find(&s[end..]) {
            or_more = true;
            end += m.end();
        }
        let elided = out.last().filter(|_| {
            ELLIPSIS_BEFORE.is_match(&s[..whole.start()])
                && (ELLIPSIS_AFTER.is_match(&s[end..]) || ONES_AFTER.is_match(&s[end..]))
                && !(a.as_str().len() == 4 && a.as_str().starts_with(['1', '2']))
                && !DAY_PAIR_BEFORE.is_match(&s[..whole.start()])
        });
        let Some((unit_start, unit_end, gap)) = unit_after(s, end)
            .or_else(|| {
                let mut from = whole.start().saturating_sub(UNIT_BEFORE_REACH);
                while !s.is_char_boundary(from) {
                    from += 1;
                }
                let c = UNIT_BEFORE.captures(&s[from..whole.start()])?;
                // The third form is anchored at the sentence's start, not the window's.
                let u = c
                    .name("unit")
                    .or(c.name("unit2"))
                    .or(c.name("unit3").filter(|_| from == 0))?;
                Some((from + u.start(), from + u.end(), String::new()))
            })
            .or_else(|| {
                // "more than 5 million of them": no noun here (an empty unit span).
                // Not "every one of them", nor a bare "one of them" (a member, not a count).
                // Nor "several of them" (debris of some of them examined): an unnamed part.
                let unnamed_part = vague && avague_hi.unwrap_or(0.0) < 10.0;
                // "eleven of them signed": people or governments, not goods.
                let m = OF_THEM.find(&s[end..]).filter(|m| {
                    !(b.is_some()
                        || unnamed_part
                        || PEOPLE_ACT.is_match(&s[end + m.end()..])
                        || EVERY_BEFORE.is_match(&s[..whole.start()])
                        || av == 1.0 && HEDGE.captures(&s[..whole.start()]).is_none())
                })?;
                Some((end + m.end(), end + m.end(), String::new()))
            })
        else {
            // "42 railcars last October and 59 the following month": the same unit.
            if let Some(prev) = elided.cloned() {
                let mut qualifier =
                    hedge_before(&s[..a.start()]).unwrap_or_else(|| hedge_after(&s[end..]));
                // "152mm shells ... more than 2 million of them; with the smaller 122mm type,
                // more than 400,000": the calibre named since the number before, and a capacity
                // goes on as one.
                let mut unit = prev.unit.clone();
                // "that is 3 million; if they hold 122 mm shells, about 500,000": a supposition
                // about the contents since the number before names them, not more containers.
                let window = &s[prev.span.1.min(whole.start())..whole.start()];
                if IF_HELD.is_match(window) && SHELL_NOUN.is_match(window) {
                    if !is_content(&unit) {
                        unit = "artillery_shells".to_owned();
                    }
                    qualifier = "capacity_equivalent";
                }
                // "and more than 2 million with 152-millimetre ones": the calibre after it.
                let ones = ONES_AFTER.find(&s[end..]).map_or("", |m| m.as_str());
                if unit.starts_with("artillery_shells") {
                    if let Some(mm) = CALIBRE
                        .find_iter(window)
                        .chain(CALIBRE.find_iter(ones))
                        .filter_map(|m| calibre_mm(m.as_str()))
                        .last()
                    {
                        unit = format!("artillery_shells_{mm}mm");
                    }
                }
                if prev.qualifier == "capacity_equivalent" {
                    qualifier = "capacity_equivalent";
                }
                // "and between 90 and 110 the following month": a range of the same unit.
                let bv = b.and_then(|b| parse_number(b.as_str())).map(|n| n.0);
                let (quantity, low, high) = match bv {
                    Some(bv) => (None, Some(av.min(bv)), Some(av.max(bv))),
                    None if vague => (None, Some(av), avague_hi),
                    None => (Some(av), None, None),
                };
                out.push(Quantity {
                    span: (whole.start(), end),
                    quantity,
                    low,
                    high,
                    qualifier,
                    unit,
                    note: vec!["unit of the number before".into()],
                });
                start = end;
            } else if let Some(unit) = (b.is_none() && !vague)
                .then(|| elided_content(s, whole.start(), a.start(), end))
                .flatten()
            {
                // "If they held 122-millimetre shells, about 500,000.", "Filled with 122 mm
                // rounds instead, they would take more than 400,000": the contents this
                // sentence names, as a capacity.
                out.push(Quantity {
                    span: (whole.start(), end),
                    quantity: Some(av),
                    low: None,
                    high: None,
                    qualifier: "capacity_equivalent",
                    unit,
                    note: vec!["capacity, not a count; the contents named before".into()],
                });
                start = end;
            } else if b.is_none() && !vague && ANOTHER.is_match(&s[..a.start()])
                || b.is_none() && MORE_AFTER.is_match(&s[end..])
                // "it sent some 3,000 more.": a hedged count ending its clause ("Okay, one
                // more." is no count).
                || b.is_none()
                    && MORE_END.is_match(&s[end..])
                    && HEDGE.is_match(&s[..a.start()])
                || b.is_none() && !vague && OF_THOSE_BEFORE.is_match(&s[..a.start()])
                // "A: About 11,000.": an answer that is only a hedged number, of the noun the
                // question asked about.
                || !vague
                    && BARE_ANSWER_BEFORE.is_match(&s[..c.name("pre").map_or(a.start(), |p| p.start())])
                    && BARE_ANSWER_AFTER.is_match(&s[end..])
                // "he gave a figure of some 7,000.": a figure of the things counted before.
                || b.is_none()
                    && !vague
                    && FIGURE_OF_BEFORE.is_match(&s[..a.start()])
                    && SENTENCE_END_AFTER.is_match(&s[end..])
                || b.is_none()
                    && !vague
                    && (EARLIER_FIGURE_BEFORE.is_match(&s[..a.start()])
                        || NORTH_SENT_BEFORE.is_match(&s[..a.start()]))
                    && (SENTENCE_END_AFTER.is_match(s[end..].trim_start_matches('"'))
                        || GIVEN_AFTER.is_match(&s[end..]))
                || b.is_none()
                    && !vague
                    && HELD_BEFORE.is_match(&s[..a.start()])
                    && SENTENCE_END_AFTER.is_match(&s[end..])
                || b.is_none()
                    && !vague
                    && SENTENCE_END_AFTER.is_match(&s[end..])
                    && THE_NUMBER_BEFORE.captures(&s[..a.start()]).is_some_and(|c| {
                        c.name("noun").is_none_or(|n| UNIT_ANYWHERE.is_match(n.as_str()))
                    })
                || b.is_none()
                    && !(a.as_str().len() == 4 && a.as_str().starts_with(['1', '2']))
                    && HEDGE.is_match(&s[..a.start()])
                    && SENT_AFTER.is_match(&s[end..])
            {
                // "Another 300 followed the next month", "Several more followed on 2 January",
                // "bringing the total to about 50", "the yard never held more than about 20.":
                // the unit of the claim before, which the caller fills in (empty here).
                let before = &s[..a.start()];
                let mut qualifier = hedge_before(before).unwrap_or("unspecified");
                // "the number of railcars never rose above roughly 20": the unit "the number"
                // is of.
                let mut unit = THE_NUMBER_BEFORE
                    .captures(before)
                    .and_then(|c| UNIT_ANYWHERE.find(c.name("noun")?.as_str()))
                    .map_or(String::new(), |m| unit_name(m.as_str(), "").to_owned());
                // "the container figure, which is well above the 10,000": the noun the
                // sentence gave the figure compared.
                if unit.is_empty() && EARLIER_FIGURE_BEFORE.is_match(before) {
                    if let Some(m) = UNIT_ANYWHERE
                        .find_iter(before)
                        .filter(|m| countable(m.as_str()))
                        .last()
                    {
                        unit = unit_name(m.as_str(), "").to_owned();
                    }
                }
                // "If they carried the smaller 122-millimeter type, ..., the total would be
                // about 500,000": a capacity in shells of that calibre.
                if let Some(mm) = IF_HELD
                    .is_match(before)
                    .then(|| {
                        CALIBRE
                            .find_iter(before)
                            .filter_map(|m| calibre_mm(m.as_str()))
                            .last()
                    })
                    .flatten()
                {
                    unit = format!("artillery_shells_{mm}mm");
                    qualifier = "capacity_equivalent";
                }
                let note = if unit.is_empty() {
                    CLAIM_BEFORE_NOTE
                } else {
                    "unit of the number named before"
                };
                out.push(Quantity {
                    span: (whole.start(), end),
                    quantity: Some(av).filter(|_| !vague),
                    low: vague.then_some(av),
                    high: avague_hi,
                    qualifier,
                    unit,
                    note: vec![note.into()],
                });
                start = end;
            }
            continue;
        };
        // "One of the ships came back": a member of a group, not a count (as a bare "one of
        // them"); "at least one of those missiles" is a count, and "one Russian freighter"
        // stays one vessel.
        if av == 1.0
            && b.is_none()
            && PARTITIVE.is_match(&s[end..])
            && HEDGE.captures(&s[..whole.start()]).is_none()
            && !EVERY_BEFORE.is_match(&s[..whole.start()])
        {
            continue;
        }
        let before_number = &s[..c.name("pre").map_or(a.start(), |p| p.start())];
        // "Several of the ships switched off their transponders": an unnamed part of things
        // named before (as "several of them"), not a count.
        if vague && avague_hi.unwrap_or(0.0) < 10.0 && PARTITIVE.is_match(&s[end..]) {
            continue;
        }
        // "examined fragments of one missile": pieces looked at, not a count of the missiles.
        if PIECES_OF_BEFORE.is_match(before_number) {
            continue;
        }
        // "five round trips by the two vessels": ships the text has already introduced, named
        // again with the definite article and no words of their own.
        if gap.trim().is_empty()
            && unit_name(&s[unit_start..unit_end], &gap) == "vessels"
            && THE_BEFORE.is_match(before_number)
        {
            continue;
        }
        let unit_end_in_text = unit_end.max(end);
        // A calibre ("152 mm shells") is not a quantity.
        if gap.trim_start().to_lowercase().starts_with("mm")
            || gap.trim_start().to_lowercase().starts_with("-mm")
            || s[end..].trim_start().to_lowercase().starts_with("mm")
            || s[end..].to_lowercase().starts_with("-inch")
            || s[end..].to_lowercase().starts_with("-millimet")
            || s[end..].trim_start().to_lowercase().starts_with("millimet")
        {
            continue;
        }
        let unit_text = &s[unit_start..unit_end];
        if unit_name(unit_text, &gap) == "containers"
            && CARRIER_SIZE_BEFORE.is_match(&s[..c.name("pre").map_or(a.start(), |p| p.start())])
        {
            continue;
        }
        // "two vessel owners": the unit noun modifies another head, which is counted.
        if COMPOUND_HEAD_AFTER.is_match(&s[unit_end..]) {
            continue;
        }
        // "14 rounds of sanctions": a series of measures, not ammunition.
        if unit_text.to_lowercase().starts_with("round")
            && ROUNDS_OF_MEASURES.is_match(&s[unit_end..])
        {
            continue;
        }
        // "a container ship of 5,000 tonnes deadweight", "ships of up to 5,000 tonnes": a
        // ship's size, not cargo.
        if unit_name(unit_text, &gap) == "metric_tons"
            && (SHIP_SIZE_AFTER.is_match(&s[unit_end..])
                || SHIP_SIZE_BEFORE.is_match(&s[..c.name("pre").map_or(a.start(), |p| p.start())]))
        {
            continue;
        }
        // "one ship, the Maia-1", "a single vessel, the Angara": a ship named, not counted.
        if av == 1.0
            && b.is_none()
            && UNIT_SHIP.is_match(unit_text)
            && NAMED_AFTER.is_match(&s[unit_end..])
        {
            continue;
        }
        // "called at Rajin 25 times": events the verb names; "three times more" is a ratio.
        let times = unit_text.eq_ignore_ascii_case("times");
        if times && MULTIPLIER.is_match(&s[unit_end..]) {
            continue;
        }
        // "revised its picture several times": "times" of no movement, port call or shipment
        // counts no event of the trade.
        if times {
            let clause =
                &s[s[..whole.start()].rfind([',', ';']).map_or(0, |i| i + 1)..whole.start()];
            if !(TIMES_PORT.is_match(clause)
                || TIMES_SHIPMENT.is_match(clause)
                || TIMES_VOYAGE.is_match(clause)
                || TIMES_AUDIENCE.is_match(clause))
            {
                continue;
            }
        }
        let mut note = Vec::new();
        let (quantity, low, high) = match b.and_then(|b| Some((b, parse_number(b.as_str())?))) {
            Some((bm, (bv, _, _))) => {
                // "4 to 6 million": the scale of the high end applies to a bare low end.
                let b_head = bm.as_str().split([' ', '-']).next().unwrap_or("");
                let scale = parse_number(b_head).map_or(1.0, |(h, _, _)| bv / h);
                let lo = if a.as_str().split_whitespace().count() == 1
                    && scale > 1.0
                    && av < bv / scale * 10.0
                {
                    av * scale
                } else {
                    av
                };
                (None, Some(lo.min(bv)), Some(bv.max(lo)))
            }
            None if vague => {
                note.push(format!("\"{}\" read as a range", a.as_str().trim()));
                (None, Some(av), avague_hi)
            }
            None => (Some(av), None, None),
        };
        if b.is_none() {
            start = unit_end_in_text;
        } else {
            start = start.max(unit_end_in_text);
        }
        let of_them = unit_start == unit_end;
        let mut unit = if of_them {
            // The noun the pronoun refers to, in this sentence, else (filled in by the caller)
            // in the sentences before.
            note.push(OF_THEM_NOTE.into());
            antecedent_unit(&s[..whole.start()], true).unwrap_or_default()
        } else if times {
            let clause =
                &s[s[..whole.start()].rfind([',', ';']).map_or(0, |i| i + 1)..whole.start()];
            if TIMES_PORT.is_match(clause) {
                "port_calls"
            } else if TIMES_SHIPMENT.is_match(clause) {
                "shipments"
            } else {
                "voyages"
            }
            .to_owned()
        } else {
            unit_name(unit_text, &gap).to_owned()
        };
        let tail = &s[unit_end_in_text..];
        if unit == "artillery_shells" {
            // "around 500,000 rounds if they carried 122 mm shells instead": the calibre of a
            // supposition right after the number.
            let calibre = calibre_mm(&gap).or_else(|| {
                CALIBRE_AFTER
                    .captures(tail)
                    .or_else(|| IF_CALIBRE_AFTER.captures(tail))
                    .and_then(|c| calibre_mm(&c["c"]))
            });
            // "If they were filled with 152 mm shells, that would be 6 million rounds": the
            // nearest calibre before the number, since the quantity before it.
            let since_previous = out.last().map_or(0, |q| q.span.1);
            let calibre = calibre.or_else(|| {
                let window = &s[since_previous.min(whole.start())..whole.start()];
                CALIBRE
                    .find_iter(window)
                    .filter_map(|m| calibre_mm(m.as_str()))
                    .last()
            });
            // "more than 3 million rounds if the containers were filled with 152-millimeter
            // shells, or ...": the calibre the rest of the clause names, before another number.
            let calibre = calibre.or_else(|| {
                let rest = &tail[..tail.find([';', '.']).unwrap_or(tail.len())];
                // Up to the next number that is no calibre.
                let cut = RANGE
                    .find_iter(rest)
                    .find(|n| {
                        let after = rest[n.end()..].trim_start().to_lowercase();
                        !["mm", "-mm", "millimet", "-millimet", "-inch", "inch"]
                            .iter()
                            .any(|u| after.starts_with(u))
                    })
                    .map_or(rest.len(), |n| n.start());
                let rest = &rest[..cut];
                let c = CALIBRE.find(rest)?;
                // One calibre only: "mostly 122 mm and 152 mm shells" names a mix.
                let mut all: Vec<u32> = CALIBRE
                    .find_iter(rest)
                    .filter_map(|m| calibre_mm(m.as_str()))
                    .collect();
                all.dedup();
                (all.len() == 1).then(|| calibre_mm(c.as_str())).flatten()
            });
            if let Some(mm) = calibre {
                unit = format!("artillery_shells_{mm}mm");
            }
        }
        // "transferred more than 100 missiles ..., and that Russia used these missiles": a
        // count in a clause of sending is no launch another clause tells of.
        let clause_start = s[..whole.start()].rfind([',', ';']).map_or(0, |i| i + 1);
        let clause_end = tail
            .find([',', ';'])
            .map_or(s.len(), |i| unit_end_in_text + i);
        let clause = &s[clause_start..clause_end];
        if ["missiles", "ballistic_missiles", "rockets", "drones"].contains(&unit.as_str())
            && LAUNCHED.is_match(s)
            && (LAUNCHED.is_match(clause) || !TIMES_SHIPMENT.is_match(clause))
        {
            unit.push_str("_launched");
        }
        // "for more than a year", "in over a year": a duration, not a rate.
        if let Some(r) = RATE.captures(tail).filter(|r| {
            r.name("ago").is_none()
                && !DURATION_BEFORE.is_match(&tail[..r.get(0).map_or(0, |m| m.end())])
        }) {
            let per = match (r.name("u"), r.name("adv")) {
                (Some(u), _) => u.as_str().to_lowercase(),
                (_, Some(a)) => match a.as_str().to_lowercase().as_str() {
                    "daily" => "day".into(),
                    "weekly" => "week".into(),
                    "monthly" => "month".into(),
                    "annually" | "yearly" => "year".into(),
                    _ => "year".into(),
                },
                _ => String::new(),
            };
            unit = format!("{unit}_per_{per}");
        }
        let hedge_zone = &s[..c.name("pre").map_or(a.start(), |p| p.start())];
        let mut qualifier = hedge_before(hedge_zone).unwrap_or("unspecified");
        if qualifier == "unspecified" && (or_more || OR_MORE.is_match(tail)) {
            qualifier = "at_least";
        }
        if qualifier == "unspecified" {
            qualifier = hedge_after(&s[end..]);
        }
        if is_content(&unit)
            && (CAPACITY_BEFORE.is_match(&s[..whole.start()]) || CAPACITY_AFTER.is_match(tail))
        {
            if qualifier != "unspecified" {
                note.push(format!(
                    "capacity, not a count (the text says {})",
                    qualifier.replace('_', " ")
                ));
            }
            qualifier = "capacity_equivalent";
        }
        out.push(Quantity {
            span: (whole.start().min(unit_start), unit_end_in_text),
            quantity,
            low,
            high,
            qualifier,
            unit,
            note,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Quantity {
        let q = find(s);
        assert_eq!(q.len(), 1, "{s}: {q:#?}");
        q[0].clone()
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("7,000").map(|x| x.0), Some(7000.0));
        assert_eq!(parse_number("2.5 million").map(|x| x.0), Some(2.5e6));
        assert_eq!(parse_number("2.5m").map(|x| x.0), Some(2.5e6));
        assert_eq!(parse_number("a million").map(|x| x.0), Some(1e6));
        assert_eq!(parse_number("six thousand").map(|x| x.0), Some(6000.0));
        assert_eq!(parse_number("one-thousand").map(|x| x.0), Some(1000.0));
        assert_eq!(parse_number("20-thousand").map(|x| x.0), Some(20000.0));
        assert_eq!(parse_number("twenty-four").map(|x| x.0), Some(24.0));
        assert_eq!(
            parse_number("six thousand seven hundred").map(|x| x.0),
            Some(6700.0)
        );
        assert_eq!(
            parse_number("one hundred and twenty").map(|x| x.0),
            Some(120.0)
        );
        assert_eq!(parse_number("two dozen").map(|x| x.0), Some(24.0));
        // A number word is read whole, never as a shorter word's prefix.
        for (text, n, unit) in [
            ("on over seventy occasions", 70.0, "shipments"),
            ("some sixteen trainloads", 16.0, "trains"),
            (
                "roughly four thousand two hundred TEUs",
                4200.0,
                "containers",
            ),
            ("nearly two dozen sorties", 24.0, "flights"),
            ("seventy-three freight wagons", 73.0, "railcars"),
        ] {
            let q = one(text);
            assert_eq!((q.quantity, q.unit.as_str()), (Some(n), unit), "{text}");
        }
        assert_eq!(
            parse_number("hundreds of thousands of"),
            Some((2e5, Some(999_999.0), true))
        );
        assert_eq!(parse_number("many"), None);
    }

    #[test]
    fn named_ships_system_names_and_counts_that_exceed() {
        assert!(find("We tracked one vessel, the Sea Falcon, for a year").is_empty());
        assert_eq!(one("They saw one vessel at the pier").unit, "vessels");
        let q = one("at least 40 Tokar 240 mm howitzers");
        assert_eq!(
            (q.quantity, q.unit.as_str()),
            (Some(40.0), "heavy_artillery_pieces")
        );
        assert_eq!(
            one("some 30 M1985 rocket launchers").unit,
            "rocket_launchers"
        );
        assert!(find("in 2024 Moscow shells were scarce").is_empty());
        let q = one("the number of rounds sent is thought to exceed 2 million");
        assert_eq!(
            (q.unit.as_str(), q.qualifier),
            ("artillery_shells", "more_than")
        );
    }

    #[test]
    fn qualifier_per_quantity() {
        let q = find("at least 2,000 containers that could carry as many as 900,000 rounds");
        assert_eq!(q.len(), 2);
        assert_eq!(
            (q[0].qualifier, q[0].unit.as_str()),
            ("at_least", "containers")
        );
        assert_eq!(
            (q[1].qualifier, q[1].unit.as_str()),
            ("capacity_equivalent", "artillery_shells")
        );
        let q = find(
            "the containers could hold more than 3 million 152 mm shells or 500,000 122mm rounds",
        );
        assert_eq!(q[0].unit, "artillery_shells_152mm");
        assert_eq!(q[1].unit, "artillery_shells_122mm");
        assert!(q.iter().all(|x| x.qualifier == "capacity_equivalent"));
    }

    #[test]
    fn units_and_ranges() {
        let q = one("estimates range from 300 to 7,000 containers a month");
        assert_eq!(
            (q.low, q.high, q.unit.as_str()),
            (Some(300.0), Some(7000.0), "containers_per_month")
        );
        let q = one("between 4 and 6 million shells");
        assert_eq!((q.low, q.high), (Some(4e6), Some(6e6)));
        assert_eq!(one("25 separate visits to Najin").unit, "port_calls");
        assert_eq!(
            one("at least 24 KN-23 missiles launched at Ukraine").unit,
            "ballistic_missiles_launched"
        );
        assert_eq!(
            one("3 million rounds of 152 mm artillery ammunition").unit,
            "artillery_shells_152mm"
        );
        assert_eq!(
            one("6 million 6-inch artillery shells").unit,
            "artillery_shells_152mm"
        );
        assert_eq!(one("over 70 occasions").qualifier, "more_than");
        assert_eq!(one("the count passed 400 railcars").qualifier, "more_than");
        let q = one("freight railcars totaling roughly 73 in number");
        assert_eq!(
            (q.quantity, q.unit.as_str(), q.qualifier),
            (Some(73.0), "railcars", "about")
        );
        assert_eq!(one("about 40% of the shells").unit, "percent");
        assert!(find("the 152 mm shells and the KN-23 were seen in 2024").is_empty());
        let q = one("at least 24 of the North's ballistic missiles");
        assert_eq!(
            (q.quantity, q.unit.as_str()),
            (Some(24.0), "ballistic_missiles")
        );
        let q = one("launchers and several ballistic missiles");
        assert_eq!((q.low, q.high), (Some(3.0), Some(9.0)));
        assert!(find("one of the four, has been moored").is_empty());
    }
}
