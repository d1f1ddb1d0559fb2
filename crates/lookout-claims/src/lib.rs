//! Quantitative claims from news text, as `claims.csv` rows an analyst can check: each quantity
//! with its own unit and qualifier, who said it and for which organization, the period it covers,
//! the statement's and the article's date, the route and direction, whether it is about the
//! corridor, the file and sentence it came from, and a note on how the rules decided.
//!
//! Rule-based and transparent (the rules are in docs/ledger.md, "Claims from text"):
//! [`layout`] finds the header, date and sentences; [`quantity`] the numbers, units and
//! qualifiers; [`speakers`] the attributions; [`time_phrases`] the dates and periods; [`route`]
//! the mode, places and direction; [`topic`] the corridor rule; [`names`] holds the names the
//! rules recognise. An article is read twice: the first reading builds the table of its
//! sources ([`speakers::ArticleSources`]: the persons it names, with their offices and
//! organizations), so that an office mentioned before its holder's name ("the defense minister
//! said ... Shin Won-sik told") is that person in the second; once the whole article is read,
//! one resolution step matches every row's source to the table.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use lookout_project::ClaimRow;

pub mod layout;
pub mod names;
pub mod quantity;
pub mod route;
pub mod speakers;
pub mod time_phrases;
pub mod topic;

use speakers::{ArticleSources, Attribution, Context, How, Kind, Source};
use time_phrases::{Meaning, TimePhrase};

/// `topic` of a row about the corridor.
pub const ON_TOPIC: &str = "corridor";
/// `topic` of a row kept out of the ledger by the corridor rule.
pub const OFF_TOPIC: &str = "off_topic";

static DOCUMENT_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:press\s+(?:release|statement|briefing)|fact\s+sheet|media\s+note|news\s+release|statement|readout|office\s+of\s+the\s+spokesperson|report|analysis|commentary|brief|investigation)\b")
        .expect("document kind")
});
/// A sentence opening that refers back to what was just counted ("The containers ...", "He
/// added"), after a short opener or a source ("According to the analysis by
/// X's project, the shipments ...").
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:[A-Z][^,"]{0,30},\s*|(?:According\s+to|Citing)\s+[^,"]{1,80},\s*)?"?\s*(?:(?:The|Those|These|Such|the|those|these|such)\s+(?:[\w-]+\s+)?(?:containers|shipments|shells|munitions|rounds|weapons|cargo|vessels|ships|trips|voyages|missiles|transfers|deliveries|arms|explosives|figures?|numbers?|totals?|amount|load|boxes)\b|Those|These|They|It|He|She|That|This|those|these|they|it|he|she|that|this|Each|Of\s+(?:these|those|them|which)|Of\s+[\w\s-]{1,40}?,\s*(?:the|a|an|[A-Z][\w-]*)|Together|In\s+total|In\s+return|In\s+exchange|Also|Besides)\b"#)
        .expect("anaphor")
});
static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:he|she|He|She|his|her)\b").expect("pronoun"));
/// "In addition, Pyongyang has supplied more than 100 howitzers": a further count in the perfect
/// adds to the span of the count before (a perfect runs up to the statement, as "since 2023"
/// does); "In addition, 100 howitzers were handed over", in the simple past, states no span.
static ADDED_PERFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:In\s+addition|Additionally|Moreover|Furthermore|On\s+top\s+of\s+that),.*\b(?:has|have)\s")
        .expect("added perfect")
});
/// "more than 2.5 million shells have probably been moved", "have reached Russia": a total moved,
/// in the perfect.
static MOVED_PERFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?(?:moved|sent|shipped|delivered|transferred|transported|carried|reached|gone)\b")
        .expect("moved perfect")
});
/// "Russia has in turn sent": the same exchange, the same period.
static IN_RETURN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bin\s+(?:turn|return|exchange)\b").expect("in return"));
static BRIEFING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:briefing|conference|interview|statement|speech|hearing|remarks|session|audit)\b[^,.]{0,64}$")
        .expect("briefing")
});
/// "Monday's briefing", "Friday's news conference": an occasion owned by the day before it.
static DAYS_OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^['’]s\s+(?:[\w-]+\s+){0,2}?(?:briefing|conference|interview|statement|speech|hearing|remarks|session|meeting|testimony)\b")
        .expect("day's occasion")
});
/// A transcript label in capitals that gives a title before a name ("MINISTER SHIN WON-SIK:",
/// "DEFENSE SECRETARY JANE DOE:"): that person, read as the title and name would be in prose.
///
/// A title that names no institution ("MINISTER") takes the institution that issued the
/// document, when its header names one ("Ministry of National Defense, Republic of Korea").
fn titled_label(
    label: &str,
    header: &[String],
    ctx: &speakers::Context,
) -> Option<speakers::Source> {
    // "JOHN KIRBY, NSC SPOKESMAN": the title before the name, as "NSC Spokesman John Kirby".
    let (reordered, title_words) = label.split_once(", ").map_or_else(
        || (label.to_owned(), 0),
        |(name, title)| (format!("{title} {name}"), title.split_whitespace().count()),
    );
    let label = reordered.as_str();
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
    // "Minister of National Defense Shin Won-sik" (a minutes' label): cased already.
    let mixed = label.chars().any(char::is_lowercase);
    if mixed && !label.contains(" of ") {
        return None;
    }
    let cased: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // An acronym in a title after the name stays one ("NSC SPOKESMAN").
            if i < title_words && w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()) {
                return (*w).to_owned();
            }
            let lower = w.to_lowercase();
            // "MINISTER OF NATIONAL DEFENSE": function words stay lower case.
            if i > 0 && ["of", "the", "and", "for", "on"].contains(&lower.as_str()) {
                return lower;
            }
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    let phrase = if mixed {
        label.to_owned()
    } else {
        cased.join(" ")
    };
    let found = speakers::find(&format!("{phrase} said."), ctx);
    let mut source = found.first()?.source.clone();
    if source.kind != Kind::Person
        || source.title.is_empty()
        || source.speaker.split_whitespace().count() < 2
        || !phrase.ends_with(&source.speaker)
    {
        return None;
    }
    // "DEPUTY PRESS SECRETARY SABRINA SINGH:" under "Deputy Pentagon Press Secretary Sabrina
    // Singh Holds a Press Briefing": a title naming no organization is not one; the person as
    // the text introduced them gives it.
    let title_only = source.org.is_empty()
        || (names::institution(&source.org, None).is_none()
            && names::known_org(&source.org).is_none());
    if title_only {
        if let Some(known) = speakers::label_source(&source.speaker, &header.join("\n"), ctx)
            .filter(|p| p.speaker == source.speaker && !p.org.is_empty() && p.org != source.org)
        {
            source.org.clone_from(&known.org);
            source.country = source.country.or(known.country);
        }
    }
    if source.org.is_empty() {
        if let Some(issuer) = header.iter().find_map(|line| {
            // "Ministry of National Defense, Republic of Korea": the country's ministry.
            let line = match line.split_once(", ") {
                Some((inst, country)) => format!("{country}'s {inst}"),
                None => line.clone(),
            };
            speakers::find(&format!("The {line} said."), ctx)
                .into_iter()
                .map(|a| a.source)
                .find(|s| s.kind == Kind::Org && !s.org.is_empty())
        }) {
            // "National Assembly, National Defense Committee" over a minister's answers: a
            // minister is not of the legislature that questions him but of the ministry of the
            // committee's field.
            let ministry = (LEGISLATURE.is_match(&issuer.org) && MINISTER.is_match(&source.title))
                .then(|| {
                    header.iter().find_map(|l| {
                        let c = COMMITTEE_FIELD.captures(l)?;
                        let field = c.name("field").or_else(|| c.name("field2"))?.as_str();
                        names::institution(&format!("Minister of {field}"), issuer.country)
                            .filter(|(o, _)| !LEGISLATURE.is_match(o))
                    })
                })
                .flatten();
            match ministry {
                Some((org, country)) => {
                    source.org = org;
                    source.country = source.country.or(country);
                }
                None => {
                    source.org = issuer.org;
                    source.country = source.country.or(issuer.country);
                }
            }
        }
    }
    Some(source)
}

/// A legislature, as an institution's name gives it.
static LEGISLATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:national\s+assembly|parliament|congress|senate|house\s+of\s+\w+|rada|diet)\b",
    )
    .expect("legislature")
});
/// A minister's or secretary's title.
static MINISTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:minister|secretary)\b").expect("minister"));
/// A committee's field: "National Defense Committee", "Committee on Foreign Affairs".
static COMMITTEE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?P<field>[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})\s+Committee\b|\bCommittee\s+on\s+(?P<field2>[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3}))")
        .expect("committee field")
});

/// "We" or "I" right before a verb: "We believe", "I would estimate".
/// A paragraph opening in the first person: "We believe", "I can tell you".
static FIRST_PERSON_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:I|We)(?:'[a-z]+|\x{2019}[a-z]+)?\s").expect("first person opening")
});
static FIRST_PERSON_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s,:;])(?:I|[Ww]e)(?:'d|\x{2019}d)?\s+(?:(?:would|do|still|now|also|can|could|have|had)\s+)?$",
    )
    .expect("first person before")
});
/// "SHIN: We have seen ..." in an interview; "Q:" is the interviewer.
static INTERVIEW_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // "JOHN KIRBY, NSC SPOKESMAN (on tape):": a name, a title after it in capitals, a stage note.
    // "MINISTER OF NATIONAL DEFENSE SHIN WON-SIK:": a longer label when all in capitals.
    Regex::new(r"^(?P<label>[A-Z][A-Z.'-]*(?:\s+[A-Z][A-Z.'-]+){4,7}|[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]+){0,3}(?:,\s+[A-Z][A-Z.'-]*(?:\s+[A-Z][A-Z.'-]+){0,4})?)(?:\s+\((?P<aff>[^)]{1,30})\))?:\s")
        .expect("interview label")
});
/// A hearing record's label (the congressional record's style): "Mr. KOEPCKE. Thank you,
/// Chairman." An honorific or title, the surname in capitals and a full stop.
static RECORD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>(?:Mr|Ms|Mrs|Dr|Chairman|Chairwoman|Senator|Representative|General|Admiral|Ambassador|Secretary)\.?\s+[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)?)\.(?:\s|$)")
        .expect("record label")
});

/// An interview's "Q." and "A." labels, closed by a full stop instead of a colon.
static QA_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<label>Q|A)\.\s").expect("q and a label"));

/// A minutes' turn behind a circle or bullet: "○ Minister of National Defense NAME: ...", the
/// title's "of", "for", "and", "the" in lower case.
static BULLET_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[○◯●•]\s*(?P<label>[A-Z][\w.'-]*(?:\s+(?:of|for|and|the|[A-Z][\w.'-]*)){0,9})(?:\s+\((?P<aff>[^)]{1,30})\))?:\s")
        .expect("bullet label")
});

/// The label a sentence opens with, in any of the styles above.
fn label_captures(s: &str) -> Option<regex::Captures<'_>> {
    INTERVIEW_LABEL
        .captures(s)
        .or_else(|| RECORD_LABEL.captures(s))
        .or_else(|| QA_LABEL.captures(s))
        .or_else(|| BULLET_LABEL.captures(s))
}

/// The length of the speaker label a sentence opens with, through its colon or full stop.
fn label_length(s: &str) -> Option<usize> {
    let c = label_captures(s)?;
    Some(c.get(0)?.end().min(s.len()))
}

/// The speaker label a paragraph opens with, and the affiliation in brackets after it.
fn speaker_label(s: &str) -> Option<(String, Option<String>)> {
    label_captures(s).map(|c| {
        (
            c["label"].to_owned(),
            c.name("aff").map(|a| a.as_str().to_owned()),
        )
    })
}
const INTERVIEWER_LABELS: [&str; 11] = [
    "Q",
    "Question",
    "Interviewer",
    "Host",
    "Moderator",
    "Reporter",
    "Anchor",
    "Presenter",
    "Note",
    "Editor's note",
    "Update",
];
/// Verbs that say goods moved (a count, not a capacity).
static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sent|send|sends|shipped|ships|delivered|delivers|supplied|supplies|transferred|provided|received|fired|launched|moved|carried|exported)\b")
        .expect("delivery")
});
/// ", when X said": the time before it dates the when-clause's statement.
static WHEN_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,\s*when\b").expect("when after"));
/// A question of how many ("how many North Korean soldiers have left?").
static HOW_MANY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bhow\s+many\b[^?]*\?\s*$").expect("how many"));
/// The noun a question of how many asks about: "How many trips did the ship make?".
static HOW_MANY_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bhow\s+many\s+(?P<noun>[^?]*?)\s+(?:did|do|does|have|has|had|were|was|are|is|will|would|could|can)\b")
        .expect("how many noun")
});
/// "of the missiles", "these missiles": missiles spoken of before.
/// "the missiles", and missiles named only by their maker ("North Korean missiles"): the kind
/// named before.
static THE_MISSILES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|these|those|such|North\s+Korean|North\s+Korea's|DPRK|Pyongyang's|the\s+North's)\s+missiles?\b")
        .expect("the missiles")
});
static SAME_KIND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:such|these|those|the\s+same)\b").expect("same kind"));
/// "said in its first report Thursday", "told a briefing on Monday", "estimated in a report
/// submitted to Rep. Kim on Tuesday".
static IN_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\w+\s+)?(?:in|at|during|to)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:report|study|paper|briefing|statement|interview|conference|speech|address|message|broadcast|hearing|session|meeting|post|remarks)(?:\s+(?:out|published|released|issued|made\s+public|posted|(?:submitted|handed|sent|presented|delivered)\s+to\s+(?:[\w.'-]+\s+){0,5}?[\w.'-]+))?\s*$")
        .expect("in report")
});
/// "speaking to foreign correspondents", "writing in a report", "when we met in London": the
/// occasion of a statement.
static OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:speaking|talking|writing|testifying|addressing|appearing|briefing|meeting|answering|responding|attending|visiting|when\s+(?:[\w'-]+\s+){1,4}?(?:met|spoke|talked|interviewed|visited|addressed|appeared|briefed))\b[^,;]*$",
    )
    .expect("occasion")
});
/// ", which first made the shipments public last October,": a relative clause about something
/// else; its time is not the claim's.
/// A participle of making set off by commas is such an aside too: "the cargo ship Angara, built
/// in 2016, made at least 11 round trips" (the ship's age, not the trips' period), and an
/// apposition describing a thing by what was done to it: "the Angara, a cargo ship designated
/// by the United States in 2022, made".
static RELATIVE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s+(?:which|who)\s+[^,;]*,|,\s+(?:(?:first|originally|only|newly)\s+)?(?:built|launched|founded|established|constructed|commissioned|completed|opened|created|formed|renamed|registered|reflagged|re-flagged|born|made|manufactured|produced|designed|developed|set\s+up)\s+(?:in|on|during|around|back\s+in)\s+[^,;]*,|,\s+(?:a|an)\s+[\w\s-]{1,40}?\s(?:designated|sanctioned|blacklisted|seized|detained|built|registered|reflagged|renamed|owned|operated|managed)\s+[^,;]*,")
        .expect("relative clause")
});
/// ", suggesting that the flow picked up after the visit in June": what the writer infers from
/// the figure, to the end of the sentence; its time is not the figure's. So is a change of pace
/// added after it: ", adding that the pace had picked up in the past two months".
static INFERENCE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),\s+(?:(?:suggesting|indicating|implying|signalling|signaling)\s+(?:that\s+)?|(?:adding|saying|noting)\s+that\s+the\s+(?:pace|rate|tempo|speed|flow)\b)[^;]*",
    )
    .expect("inference clause")
});
/// ", which carried them to Vladivostok between Oct. 8 and 13,": a relative clause moving the
/// counted things themselves gives their period (no aside).
static MOVED_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^,\s+which\s+(?:\w+\s+)?(?:carried|took|brought|flew|ferried|shipped|moved|transported|delivered|sent)\s+(?:them|it)\b")
        .expect("moved them")
});
/// An agentless finding opening a sentence: "It has been found that", "It was learned that".
static FOUND_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^It\s+(?:has\s+been|had\s+been|was)\s+(?:found|learned|confirmed|revealed|identified)\s+that\b")
        .expect("found that")
});
/// A sentence naming its own source ("according to customs data", "citing ...").
static OWN_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\baccording\s+to\b|\bciting\b").expect("own source"));
/// "after the closed-door briefing": the occasion a statement just before named.
/// An occasion a sentence names: a briefing, hearing, meeting, conference, session.
/// A lead that reports a statement or a publication: its relative day ("on Friday",
/// "yesterday", "this morning") is the day of what the text reports.
static LEAD_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:said|says|told|tells|claimed|claims|asserted|made\s+(?:it\s+)?(?:official|public)|accused|accuses|released|publish(?:ed|es)|issued|posted|put\s+out|laid\s+out|set\s+out|announced|disclosed|revealed|reported|wrote|estimated|briefed|warned|statement|briefing|report|posts?|thread|fact\s+sheet|news\s+conference|press\s+conference|hearing|interview)\b")
        .expect("lead statement")
});

/// A quoted title: in brackets (`("Seoul: a million shells went north")`) or after "headlined",
/// "titled", "entitled".
static QUOTED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\(\s*"[^"()]{3,160}"\s*\)|\b(?:headlined|titled|entitled)\s+"[^"]{3,160}""#)
        .expect("quoted title")
});

/// A document and its publication, right before a time: "a report the Royal United Services
/// Institute published in", "a study released on", "the assessment, issued on", "a report
/// carried by The Washington Post on" (a medium that ran it), "a fact sheet of" (dated by it).
static REPORT_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:report|study|assessment|analysis|investigation|paper|fact\s+sheet)\b(?:\s+(?:of|dated)\s+|[^.;]{0,80}?\b(?:(?:published|released|issued|made\s+public)\s+(?:by\s+(?:the\s+)?[A-Z][^;,]{1,60}?\s+)?|(?:carried|reported|run|printed)\s+by\s+(?:the\s+)?[A-Z][^;,]{1,60}?\s+)(?:on\s+|in\s+)?)$")
        .expect("report published")
});

/// "a report of October 2023", "its first report of May 2025", "an assessment dated March 2024":
/// a document dated by its month.
static REPORT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:report|study|assessment|analysis|investigation|paper|fact\s+sheet)\s+(?:of|dated|from)\s+(?P<m>{})\.?\s+(?P<y>(?:19|20)\d\d)\b", time_phrases::MONTH_RE))
        .expect("report of")
});

/// A vague multiple of a count: "thousands of", "hundreds of", "dozens of".
static VAGUE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:dozens|hundreds|thousands)\s+of\b").expect("vague word")
});

/// "North Korea has shipped thousands of containers", then "about 6,700 containers": a vague
/// multiple that a precise count of the same things by the same source (or by anyone, when the
/// vague words have no source) falls within restates that count in round words and is no claim
/// of its own.
fn restatements_left_out(rows: Vec<ClaimRow>, vague: &[usize]) -> Vec<ClaimRow> {
    let base = |u: &str| u.split('_').next().unwrap_or_default().to_owned();
    let restated: Vec<bool> = (0..rows.len())
        .map(|i| {
            let r = &rows[i];
            let (Some(low), Some(high)) = (r.quantity_low, r.quantity_high) else {
                return false;
            };
            vague.contains(&i)
                && rows.iter().any(|o| {
                    o.quantity
                        .is_some_and(|q| low <= q && q <= high && base(&o.unit) == base(&r.unit))
                        // The same source's count (or one the vague words give to nobody):
                        // another source's hundreds are a claim of their own.
                        && (r.speaker.is_empty() || o.speaker == r.speaker)
                })
        })
        .collect();
    rows.into_iter()
        .zip(restated)
        .filter_map(|(r, x)| (!x).then_some(r))
        .collect()
}

/// Appends a note to a row's notes.
fn add_note(notes: &mut String, note: &str) {
    if !notes.is_empty() {
        notes.push_str("; ");
    }
    notes.push_str(note);
}

/// Whether a claim's speaker (and organization) makes the statement the lead names: the same
/// speaker, or the spokesman of the institution the lead has speak ("The White House on
/// Thursday accused ..." then "..., national security spokesman John Kirby told reporters");
/// not another person of the lead speaker's organization.
fn same_statement(lead: &Source, speaker: &str, org: &str) -> bool {
    if lead.speaker == speaker {
        return true;
    }
    let institution = !matches!(lead.kind, Kind::Person) && !lead.org.is_empty();
    institution && !org.is_empty() && (org.contains(lead.org.as_str()) || lead.org.contains(org))
}

/// The relative day a lead names ("on Friday", "yesterday", "this morning", "on the 13th"; not a
/// date written out, which may be the claim's own day, unless it dates the findings' first
/// publication: "The findings were first reported by The Washington Post on 22 June"), when it
/// lies within a week before the article's date; and whether it is the findings' day, which
/// dates every finding the text gives.
fn lead_day(
    text: &str,
    phrases: &[TimePhrase],
    article: Option<time::Date>,
) -> Option<(String, bool)> {
    let article = article?;
    phrases.iter().find_map(|p| {
        let words = &text[p.span.0..p.span.1];
        let findings = FINDINGS_PUBLISHED.is_match(&text[..p.span.0]);
        if !p.day_like || !(findings || RELATIVE_DAY.is_match(words)) {
            return None;
        }
        let Meaning::Period(a, b) = &p.meaning else {
            return None;
        };
        let d = parse_day(a)?;
        (a == b && d <= article && article - d <= time::Duration::days(6))
            .then(|| (a.clone(), findings))
    })
}

/// A day named relative to the text's date: a weekday, "yesterday", "today", "this morning",
/// "the 13th" (a day of its month, as Japanese and Korean news write it).
static RELATIVE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|the\s+\d{1,2}(?:st|nd|rd|th))\b")
        .expect("relative day")
});
/// "The findings were first reported by The Washington Post on ": the day findings came out.
static FINDINGS_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:findings|figures|results|data|report|study)\s+(?:was|were|had\s+been)\s+(?:first\s+|initially\s+|originally\s+)?(?:reported|published|revealed|made\s+public)\s+(?:by\s+(?:[\w.'-]+\s+){1,6})?(?:on\s+)?$")
        .expect("findings published")
});
/// "The National Intelligence Service said", "Officials told reporters that", "Speaking at a
/// briefing in Kyiv, the prosecutor said": a reporting verb opening a sentence (after a
/// participle clause), before the clause it reports.
static SAID_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?:Speaking|Writing|Testifying|Appearing)\s[^,]{1,80},\s+)?(?:[\w.'-]+\s+){1,6}?(?:said|says|added|told\s+(?:reporters|lawmakers|journalists))\s+(?:that\s+)?")
        .expect("said opening")
});
/// "reported on Saturday that", "reported Friday that": a report of what someone else found.
static REPORTED_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:reported|revealed)\s+(?:on\s+)?(?:[\w,-]+\s+){1,3}?that\b")
        .expect("reported that")
});
/// "He revealed this at", "The minister gave the figures on", "The agency (NIS) disclosed the
/// estimate", "The findings were first reported by a newspaper on": a speaker making the
/// statement just told, or its findings coming out, referred back to.
static DISCLOSED_THIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[\w.'()-]+\s+){1,6}?(?:revealed|disclosed|announced|said|gave|made|presented|shared)\s+(?:this|these\s+(?:figures|numbers|estimates|remarks)|the\s+(?:figures?|numbers?|estimates?|remarks|comments|assessment))\b|^\s*(?:the|these|those|its|their)\s+(?:findings|figures|results|estimates?)\s+(?:was|were)\s+(?:first\s+|initially\s+)?(?:reported|published|made\s+public|released)\b")
        .expect("disclosed this")
});
/// "At a press conference the same day", "later that day": the day the lead named.
static SAME_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the\s+same\s+day|that\s+same\s+day|later\s+that\s+day)\b")
        .expect("same day")
});

static OCCASION_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:briefing|hearing|meeting|session|conference|summit|talks|interview)\b")
        .expect("occasion noun")
});
/// "told reporters afterwards", "after the briefing", "later that day": of the occasion before.
static AFTER_OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:afterwards?|after\s+(?:the|that|it)\b|later\s+that\s+day|on\s+leaving|as\s+(?:he|she|they)\s+(?:left|emerged))")
        .expect("after occasion")
});
/// The document or posts the lead named, referred back to: "According to the fact sheet", "the
/// posts say", "in the thread", "quoted in the same report", "the investigation found", "by the
/// investigators' count", "the newspaper reported" (the medium that relays them).
static THE_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:according\s+to|in|says?|said)\s+the\s+(?:same\s+)?(?:fact\s+sheet|statement|posts?|thread|report|release|images|briefing|filing)\b|\bthe\s+(?:fact\s+sheet|statement|posts?|thread|report|release|investigation|study|analysis|findings|newspaper|paper|daily|broadcaster)\s+(?:says|said|adds|added|states|stated|found|finds|shows?|showed|estimates|estimated|reports|reported)\b|\bthe\s+(?:investigators|researchers|authors)(?:['\x{2019}]\s+(?:count|estimate|tally|reckoning)|\s+(?:found|estimated|counted|wrote))\b")
        .expect("the document")
});
/// "the same investigation", "the same report": the document cited just before.
static SAME_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bthe\s+same\s+(?:investigation|report|study|analysis|assessment)\b")
        .expect("same document")
});
static SAME_OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:after|at|during|following|on\s+the\s+sidelines\s+of)\s+the\s+(?:[\w-]+\s+){0,2}?(?:briefing|meeting|session|hearing)\b")
        .expect("same occasion")
});
/// "including some 4,000", "of which about 500,000", "among them 24": a part of the count
/// before in the same sentence.
/// A participle clause after the reporting verb: ", releasing images of ...", ", adding that".
static TRAILING_PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+(?:releasing|showing|presenting|publishing|citing|describing|pointing\s+to|referring\s+to|holding\s+up|displaying)\b")
        .expect("trailing participle")
});
/// A sentence opening with a part of what was counted before: "Of those, ...".
static OF_THOSE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*"?\s*Of\s+(?:those|these|them)\b"#).expect("of those opening")
});
static PART_OF_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:including|among\s+(?:them|those|these)|of\s+(?:which|whom|those|these|them))\b",
    )
    .expect("part of before")
});
/// A question about things named before: "How were they sent?", "Where did those go?".
static QUESTION_BACK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:they|them|those|these)\b").expect("question back"));
/// "over those voyages", "on these trips", "over those months": the claim refers back to the
/// trips or the span before.
static BACK_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:said|says|added|noted|estimated|believes|believed)\s+(?:that\s+)?(?:the|these|those)\s+(?:shipments|deliveries|voyages|trips|transfers|containers|consignments)\b|\b(?:over|on|during|in|across|from|with|through|throughout)\s+(?:those|these|the\s+same|such)\s+(?:\w+\s+)?(?:voyages|trips|shipments|deliveries|transfers|visits|journeys|crossings|sailings|runs)\b|\b(?:in\s+all|in\s+total|all\s+told|altogether)\b|\b(?:taken\s+together|between\s+them)\b|\b(?:these|those)\s+(?:shipments|voyages|visits|port\s+calls|calls|deliveries|transfers|trips|crossings)\s+(?:have|had|has|moved|carried|delivered|brought|took)\b|\b(?:since\s+then|in\s+that\s+time|during\s+that\s+time|over\s+that\s+(?:time|period)|(?:over|in|during|across|throughout)\s+(?:those|these)\s+(?:\w+\s+)?(?:days|weeks|months|years)|(?:over|in|during|across)\s+(?:roughly\s+|about\s+|much\s+)?the\s+same\s+(?:period|months|weeks|years|time|stretch))\b")
        .expect("back reference")
});
/// A quoted claim the sentence calls unfounded: "Claims on social media that \"...\" have no
/// official source", "Posts saying \"...\" are false".
static UNFOUNDED_QUOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:claims?|rumou?rs?|posts?|assertions?|allegations?|reports?)\b[^."]{0,40}?\b(?:that|saying|claiming)\s+"(?P<q>[^"]{1,300})"\s*,?\s+(?:(?:have|has|had)\s+no\s+(?:official\s+|known\s+|credible\s+)?(?:source|basis|evidence|foundation)|(?:are|were|is|was)\s+(?:false|unfounded|baseless|untrue|unsupported|not\s+supported|fabricated|misleading))\b"#)
        .expect("unfounded quote")
});
/// Material a count is read from: imagery, records, data.
static SOURCE_MATERIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:imagery|images|photos|photographs|pictures|footage|records|data|logs|manifests)\b")
        .expect("source material")
});
/// A count read off material: "We observed", "they counted", "analysts identified".
static OBSERVED_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:observed|observe|counted|count|identified|spotted|saw|see|detected|tracked|recorded)\b")
        .expect("observed count")
});
/// Sentences back (besides an interview's questions) a capacity still converts the claim
/// before: "13,000 containers since July 2022. Nearly half went out this year. Q: ... The agency
/// makes a calculation. If they held 152 mm shells, more than 6 million rounds" (the count two
/// sentences nearer is the reach of any claim).
const CAPACITY_REACH: usize = 4;

/// "over the same period", "during that period": the period of the claim before.
static SAME_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the\s+same\s+(?:period|months|weeks|years|time|stretch)|(?:over|during|in)\s+that\s+(?:time|period))\b")
        .expect("same period")
});
/// "in the yard", "at the port", "of the same yard", "imagery of the facility", a sentence
/// opening "Also present were": a place of the corridor named before.
static THE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:in|at|into|inside|of)\s+the|the\s+same|that)\s+(?:rail\s+)?(?:yard|facility|terminal|station|depot)\b|^\s*Also\s+(?:present|visible|seen|parked)\s+(?:were|was)\b")
        .expect("the place")
});
/// "on that run", "along the same route": the route of the claim before.
static SAME_ROUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:on|along|over|via|by)\s+(?:that|the\s+same)\s+(?:run|route|path|corridor|crossing|passage|line)\b")
        .expect("same route")
});
/// "We also tracked 19 visits", "the team also counted": an observer's further count, of the
/// same watch as the count before.
static ALSO_COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we|they|it|the\s+(?:team|group|researchers|analysts|project|report|study|agency))\s+(?:have\s+|has\s+)?also\s+(?:tracked|counted|identified|observed|recorded|spotted|found|saw|seen|detected|logged)\b")
        .expect("also counted")
});
/// "sent to Russia in these movements", "on those voyages", "delivered this way": the movements
/// just counted.
static THESE_MOVEMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|by|on|through|during|with|over)\s+(?:these|those)\s+(?:movements|shipments|voyages|visits|calls|port\s+calls|trips|runs|deliveries|transfers|sailings|crossings)\b|\b(?:(?:in|by)\s+)?(?:this|that|the\s+same)\s+(?:way|route|means)\b")
        .expect("these movements")
});
/// "as announced by the United States last week": the time of another source.
static PASSIVE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:said|announced|reported|disclosed|revealed|confirmed|stated|released)\s+by\s+(?:[\w.'-]+\s+){1,6}$")
        .expect("passive source")
});
/// "put the figure at around 10,000 " right before a day.
static PUT_AT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bput(?:s|ting)?\s+(?:the|its|their)\s+(?:[\w-]+\s+)?(?:number|figure|estimate|total|count)(?:\s+of\s+[^,.;\d]{1,60}?)?\s+at\s+(?:[^,.;]|\d[,.]\d){1,40}?\s+(?:on\s+|in\s+)?$")
        .expect("put at before")
});
/// ", first reported by The Washington Post on" (", and first reported by"): an aside after the
/// source's verb saying which medium first published the finding; or opening the sentence, before the source and its verb
/// ("In findings first reported by The Washington Post on 22 June, C4ADS estimated").
static FIRST_REPORTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,(?:\s+and)?|^\s*in\s+(?:[\w-]+\s+){0,2}?(?:findings|report|study|analysis|data|records|investigation|research))\s+(?:first|initially|originally)\s+(?:reported|published|revealed|disclosed|made\s+public)\s+by\s+(?:[\w.'-]+\s+){1,6}(?:on\s+)?$")
        .expect("first reported by")
});
/// "what was first reported in October", "the figure published last spring": a participle of
/// reporting right before a time; that time dates the report, not a claim's period.
static REPORTED_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:was|were|been|being|figure|number|count|estimate|total)\s+(?:first\s+|initially\s+|originally\s+)?(?:reported|announced|disclosed|revealed|published|made\s+public)\s+(?:in|on|at\s+the\s+end\s+of)?\s*$")
        .expect("reported when")
});
/// An organization writing of itself: "our analysts", "we observed".
/// A header line of a government document: its issue line or a title naming the kind of
/// document.
static GOVERNMENT_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:issued|adopted|approved)\b|\b(?:white\s+paper|assessment|annual\s+report|defen[cs]e\s+review|excerpt|notice\s+of\s+(?:designation|determination|sanction)s?)\b")
        .expect("government document")
});
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:our\s+(?:analysts|researchers|team|imagery|images|analysis|count|tracking|data|research|review|findings|estimate)|(?:for|in)\s+this\s+(?:analysis|report|study)|we\s+(?:observed|counted|count|found|assess|estimate|identified|tracked))\b")
        .expect("first person")
});
/// A page saying what it is part of: "This analysis is part of the X project", "X is a project
/// of the Y Institute".
static SELF_DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:this\s+(?:analysis|brief|report|study|paper|page)\s+is\s+(?:part|a\s+product)\s+of|[\w\s]{1,60}?\s+is\s+a\s+(?:[a-z]+\s+)?project\s+of)\b")
        .expect("self described")
});
/// A research page's byline: "By NAME, NAME and NAME", "Imagery Analysis by NAME".
static AUTHORS_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:By|(?:Imagery\s+|Satellite\s+)?[Aa]nalysis\s+by)\s+[A-Z][a-z]+\s+[A-Z]")
        .expect("authors byline")
});
/// "when it last published a figure, in": the occasion of a source's statement.
static WHEN_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwhen\s+(?:it|he|she|they|the\s+\w+)\s+(?:last\s+|first\s+)?(?:published|released|gave|announced|issued|updated|put\s+out|made\s+public)\b[^.;]*$")
        .expect("when published")
});
/// ", in a report handed to a member of the National Assembly ": an aside naming an occasion.
static OCCASION_ASIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:report|briefing|statement|interview|letter|submission|testimony|speech|hearing|session|meeting|paper)\b[^,;]*$")
        .expect("occasion aside")
});
/// An occasion opening a sentence: "In his nightly video address", "At a news conference",
/// "During Tuesday's briefing".
static OPENING_OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:in|at|during)\s+(?:a|an|the|its|his|her|their|[A-Z]\w+'s)\s+(?:[\w-]+\s+){0,3}?(?:report|briefing|statement|interview|letter|speech|address|remarks|hearing|session|meeting|conference|post|broadcast|message|appearance)\b[^,;]*$")
        .expect("opening occasion")
});
/// "The team's first report, which came out on Thursday": a document and its day.
static PUBLISHED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<doc>(?:The|Its|Their|[A-Z][\w-]*['’]s)\s+(?:[\w'’-]+\s+){0,4}?(?:report|study|paper|assessment|analysis|review))\s*,\s*(?:which|that)\s+(?:came\s+out|was\s+(?:published|released|issued|made\s+public)|appeared)\b")
        .expect("published on")
});
/// "the first report of the Multilateral Sanctions Monitoring Team, which eleven governments
/// published on May 29", "the report came out on Wednesday from the Beyond Parallel project at
/// CSIS": the document's owner after "of", "by" or "from".
static REPORT_OF_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:report|study|paper|assessment|analysis|review)\s+(?:(?:of|by)\s+(?P<doc>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|at|of|for))*?\s+[A-Z][\w'’-]*|[A-Z][\w'’-]*)\s*,\s*(?:which|that)\s+(?:[\w-]+\s+){0,3}?(?:published|released|issued|made\s+public|put\s+out)|(?:came\s+out|(?:was\s+)?(?:published|released|issued|made\s+public))\s+(?:on\s+\w+(?:\s+\d{1,2})?\s+)?(?:from|by)\s+(?P<doc2>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|project|programme|program|team|group|at|of))*))|\b(?:investigation|report|study|analysis)\s+by\s+(?P<doc3>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|the|of))*)\s*,\s+(?:an?|the)\s+[^,]{1,60},\s+(?:published|released|issued|made\s+public)\s+(?:on|in)\b")
        .expect("report of owner")
});
/// "The Multilateral Sanctions Monitoring Team, set up by ..., made public its first report on
/// the 29th", "We are members of the X Team, which published its first report on Friday", "Britain
/// belongs to the X Team, which released its report on ...": the day of what that organization
/// says next.
static PUBLISHED_ITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<doc>(?:The\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|on))*(?:\s*\([A-Z]+\))?)(?:\s*,.{0,160}?,)?\s+(?:made\s+public|published|released|issued|presented|unveiled|submitted)\s+(?:its|their|a|an|the)\b|\b(?:of|by|to|in)\s+(?:the\s+)?(?P<doc2>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|on))*(?:\s*\([A-Z]+\))?),\s+which\s+(?:has\s+|had\s+)?(?:published|released|issued|presented)\s+(?:its|their)\b")
        .expect("published its")
});
/// A reporting verb with its "that" clause: "told reporters in Washington that".
static REPORTS_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:told|tells|said|says|stated|announced|reported|estimated|estimates|warned|informed)\b[^,;]{0,60}?\bthat\b")
        .expect("reports that")
});
/// A count of what is somewhere at the time of speaking: "now in Russia", "currently deployed"
/// (not "has now sent", a total that grew over a period), or "the number ... is now around":
/// the figure as it stands.
static STOCK_NOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:now|currently|at\s+present|presently)\s+(?:in|inside|at|on|deployed|stationed|based|fighting|serving|positioned|present|held|kept)\b|\bthe\s+(?:number|total|figure|count)\b[^,;]{0,40}?\b(?:is|are|stands)\s+(?:now|currently)\b")
        .expect("stock now")
});

static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|,\s+(?:and|but|while|whereas)\s+|\s+while\s+").expect("clause")
});

/// Extracts the claims of one news text.
pub fn extract(text: &str) -> Vec<ClaimRow> {
    extract_file(text, "")
}

/// Extracts the claims of one news text, naming the file in each row.
pub fn extract_file(text: &str, file: &str) -> Vec<ClaimRow> {
    // A first reading builds the table of the article's sources, so that a title given before
    // the name ("the defense minister said ... Defense Minister Shin Won-sik") is that person.
    let (_, persons) = Extractor::new(text, file, ArticleSources::default()).run();
    let sources = ArticleSources::read(text, persons);
    Extractor::new(text, file, sources).run().0
}

/// Whether a row is about the corridor (its `topic` is not `off_topic`).
pub fn is_on_topic(row: &ClaimRow) -> bool {
    row.topic != OFF_TOPIC
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

/// One sentence with its quotes blanked out and its own attribution.
struct Sentence {
    text: String,
    /// Where the text after a speaker label ("KIM: ", "A: ") begins.
    label_end: usize,
    starts_in_quote: bool,
    quoted: bool,
    attributions: Vec<Attribution>,
    main: Option<(Source, Vec<String>)>,
    /// A person the sentence introduces without a reporting verb.
    mentioned: Option<Source>,
    /// The source the sentence says published what follows ("HUR published the following
    /// post:").
    published: Option<Source>,
}

/// A yes-no question, after an optional interviewer's label ("Q:", "Q3.", "QUESTION:"): it
/// opens with an auxiliary verb and ends with a question mark.
static YES_NO_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?:Q\d*|QUESTION|Question)\s*[:.]\s*)?(?:Is|Are|Was|Were|Do|Does|Did|Has|Have|Had|Can|Could|Will|Would|Should|Shall|May|Might)\s[^?]*\?\s*$")
        .expect("yes-no question")
});

/// A document and its author: "the first report of the Multilateral Sanctions Monitoring Team".
static DOCUMENT_OF: LazyLock<Regex> = LazyLock::new(|| {
    // "the report came out on Wednesday from the Beyond Parallel project": the same, with
    // its publication between.
    Regex::new(r"\b(?:report|study|assessment|analysis|investigation)(?:\s+(?:came\s+out|was\s+(?:released|published|issued)|appeared)(?:\s+(?:on|last|this|early|late)\s+\w+)?)?\s+(?:of|by|from)\s+(?:the\s+)?(?P<who>[A-Z][\w.&-]*(?:\s+(?:[A-Z][\w.&-]*|of|for|and|on))*\s*(?:\([A-Z]+\))?)")
        .expect("document of")
});

/// A passive report opening a sentence, right before a day: "It was confirmed on the 26th".
static PASSIVE_REPORT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:it|this)\s+(?:was|has\s+been|had\s+been)\s+(?:confirmed|announced|reported|learned|learnt|revealed|disclosed|stated|made\s+public)\s+(?:on\s+)?$")
        .expect("passive report before")
});

/// A document's or an interview's publication, right before a day: "published on 29 May".
static PUBLISHED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:published|released|issued|aired|broadcast|posted|made\s+public)\s+(?:on\s+)?$",
    )
    .expect("published before")
});

/// A verb of giving a figure, right before a day: "... gave on 18 March".
static GAVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:gave|issued|released|published|presented|offered|provided|submitted|made\s+public)\s+$")
        .expect("gave before")
});

/// A subject of at most a name with its apposition, then a verb of giving a figure: "the
/// minister, Shin Won-sik, offered a smaller figure".
static GAVE_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+(?:[\w.'-]+,?\s+){1,8}?(?:offered|gave|put\s+forward|provided|presented)\s+(?:a|an|his|her|its|their|the)\s+(?:[\w-]+\s+){0,4}?(?:figure|number|estimate|count|total|tally)\b")
        .expect("gave figure")
});
/// A figure and the verb that gave it, right before a time: "The figure the minister gave in",
/// "the 10,000 containers that the minister cited in", "a White House statement last week
/// (that)".
static FIGURE_GIVEN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:figure|number|estimate|count|total|tally)\b[^.;]{0,80}?\b(?:gave|given|cited|quoted|put\s+out)\s+$|\bthat\s+(?:[\w.'-]+\s+){1,6}(?:gave|cited|quoted|announced|disclosed)\s+$|\b(?:statement|announcement)\s+$")
        .expect("figure given before")
});

/// Note of a quantity whose "of them" refers to a noun of a sentence before.
const NOUN_BEFORE: &str = "\"them\": the noun of a sentence before";

struct Extractor<'a> {
    article: layout::Article,
    file: &'a str,
    ctx: Context,
    statement_doc: bool,
    on_corridor: bool,
    /// Some sentence names North Korea or a corridor place with a number.
    corridor_counted: bool,
    /// The supplier the sentences read so far named last ("North Korea", "Iran", ...).
    supplier_before: Option<&'static str>,
    sentence_no: usize,
    last_period: Option<(String, String)>,
    /// The period of imagery, records or data a sentence without a claim names, with the number
    /// of the last sentence that named it or read counts off it, and whether one did.
    material_period: Option<(usize, (String, String), bool)>,
    /// The route of the sentence just before when it names a corridor place: what "in the yard"
    /// refers to.
    place_before: String,
    /// The period of the last claim (not of a sentence without one in between): what "over the
    /// same period" refers to.
    claim_period: Option<(String, String)>,
    /// (paragraph, sentence number) of the last sentence with a claim.
    last_claim_at: Option<(usize, usize)>,
    last_unit: String,
    /// Unit of the last countable noun read, claim or not ("Artillery shells have been
    /// reaching Russia ...": what a later "of them" refers to).
    last_noun_unit: String,
    /// Whether the missiles the sentences before named last were ballistic ("firing North
    /// Korean ballistic missiles at Ukraine. ... launched at least one of the missiles").
    ballistic_before: bool,
    /// The sentence before asked "how many" of something (an answer's bare number counts it).
    asked_how_many: bool,
    /// Sentences of an interviewer's paragraphs since the last claim.
    questions_since_claim: usize,
    /// Whether the last question asked about what was just counted ("How were they sent?"):
    /// its answer goes on with that count's period.
    question_back: bool,
    /// Date of the last claim's statement.
    last_date: Option<String>,
    /// The day of an occasion a sentence without a claim names ("came out of a closed-door
    /// briefing on Wednesday"), and its paragraph: what is said "afterwards" is of that day.
    occasion_date: Option<(String, usize)>,
    /// The day of the statement the lead names ("The White House on Friday accused ...",
    /// "published a fact sheet on Monday", "in posts on X on Monday"): the day of what the
    /// text reports, which dates the claims that give no date of their own.
    lead_day: Option<String>,
    /// Who makes the statement the lead dates, when the lead names them.
    lead_speaker: Option<Source>,
    /// The lead's day is the day findings first came out ("The findings were first reported by
    /// The Washington Post on 22 June"): it dates every claim without a day of its own.
    findings_day: bool,
    /// The rows of the last sentence with a claim (from this index of `rows`).
    last_claim_rows: usize,
    /// Rows read from a vague multiple ("thousands of containers"), by index in `rows`.
    vague_rows: Vec<usize>,
    /// Whether the lead has been read.
    lead_read: bool,
    /// The lead: the first body paragraph that is not a question alone (an explainer's
    /// question heading, "How do we know the shipments are happening?", is no lead).
    lead_paragraph: usize,
    /// Whether the paragraph being read ends inside a quote.
    quote_runs_on: bool,
    /// Speaker of the last claim when it was a capacity.
    last_capacity_by: Option<String>,
    speaker_dates: HashMap<String, String>,
    /// Institutions met as speaker labels, by label: the same label is the same speaker.
    label_orgs: HashMap<String, speakers::Source>,
    /// The source the text speaks for so far: the last sentence's own (or label's) source.
    discourse: Option<Source>,
    /// The person an interview's introduction names, for its "A:" answers.
    interviewee: Option<Source>,
    /// The labelled speaker whose turn the last labelled paragraph opened (none after an
    /// interviewer's label).
    turn: Option<Source>,
    rows: Vec<ClaimRow>,
}

impl<'a> Extractor<'a> {
    fn new(text: &str, file: &'a str, sources: ArticleSources) -> Self {
        let article = layout::read(text);
        let mut ctx = Context::default();
        ctx.sources = sources;
        ctx.country = article
            .dateline_city
            .as_deref()
            .and_then(names::country_of_city);
        // A press release, fact sheet or report names itself in a short header line; its
        // publisher is the first organization the header names.
        // ("First Report, 29 May 2025": the label before its date.)
        let label = |part: &str| {
            let head = part.split(',').next().unwrap_or(part);
            head.split_whitespace().count() <= 4 && DOCUMENT_KIND.is_match(head)
        };
        let statement_doc = article
            .header
            .iter()
            .any(|l| l.split(['|', '\u{2022}']).any(label));
        if statement_doc {
            // Not the label itself ("Press Statement").
            // ("CSIS | Beyond Parallel": the body's unit, named after it, over the body.)
            let found: Vec<Source> = article
                .header
                .iter()
                .flat_map(|l| l.split(['|', '\u{2022}']))
                .filter(|part| !label(part))
                .filter_map(speakers::publisher)
                .collect();
            ctx.author = found
                .first()
                .map(|first| {
                    found
                        .iter()
                        .find(|p| p.org.starts_with(&format!("{} ", first.org)))
                        .unwrap_or(first)
                        .clone()
                })
                // "Office of the Spokesperson" alone: the label names its issuer too.
                .or_else(|| {
                    article
                        .header
                        .iter()
                        .flat_map(|l| l.split(['|', '\u{2022}']))
                        .filter(|part| names::institution(part, None).is_some())
                        .find_map(speakers::publisher)
                });
        }
        // A research organization's own page, its name alone on the first line ("Beyond
        // Parallel"), in its own voice: speaking of itself in the first person ("our analysts
        // found"), signed by its authors ("By NAME, NAME and NAME", "Imagery analysis by NAME")
        // or saying what it is part of ("This analysis is part of the X project", "X is a
        // project of Y"): it is the author, though no document label says so.
        if ctx.author.is_none() {
            let own_voice = article
                .paragraphs
                .iter()
                .flatten()
                .any(|s| FIRST_PERSON.is_match(s) || SELF_DESCRIBED.is_match(s))
                || article
                    .header
                    .iter()
                    .skip(1)
                    .any(|l| AUTHORS_BYLINE.is_match(l));
            // ("Beyond Parallel | July 2024": the name before the section's date.)
            ctx.author = article
                .header
                .first()
                .map(|l| l.split(['|', '\u{2022}']).next().unwrap_or(l).trim())
                .filter(|l| own_voice && l.split_whitespace().count() <= 4)
                .and_then(speakers::publisher)
                .filter(|p| p.kind == Kind::Org && !p.media && !names::is_government(&p.org));
        }
        // A government body's own document: its name alone on the first line ("Ministry of
        // National Defense, Republic of Korea"), then a document's title or issue line
        // ("Assessment of ... (excerpt)", "Issued 30 April 2025"). Its unattributed and passive
        // sentences ("is assessed to have shipped") are the body's.
        if ctx.author.is_none() {
            // Not a transcript: its speaker labels speak.
            let labelled = article
                .paragraphs
                .iter()
                .any(|p| p.first().is_some_and(|s| speaker_label(s).is_some()));
            let issued = !labelled
                && article
                    .header
                    .iter()
                    .skip(1)
                    .any(|l| GOVERNMENT_DOCUMENT.is_match(l));
            ctx.author = article
                .header
                .first()
                .filter(|l| issued && l.split_whitespace().count() <= 8)
                .and_then(|l| names::institution(l, None))
                .map(|(org, country)| Source {
                    speaker: org.clone(),
                    org,
                    kind: Kind::Org,
                    title: String::new(),
                    country,
                    media: false,
                });
        }
        // A research body's own page too: its unattributed sentences are its own.
        let statement_doc = ctx.author.is_some();
        let all: Vec<&str> = article
            .paragraphs
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        ctx.read_ahead(&all);
        ctx.place_by_lines(text);
        ctx.header_orgs(&article.header);
        ctx.header_persons(&article.header);
        Extractor {
            on_corridor: topic::corridor_article(&layout::without_link_lines(text)),
            corridor_counted: topic::corridor_counted(&layout::without_link_lines(text)),
            supplier_before: None,
            article,
            file,
            ctx,
            statement_doc,
            sentence_no: 0,
            last_period: None,
            claim_period: None,
            material_period: None,
            place_before: String::new(),
            last_claim_at: None,
            last_unit: String::new(),
            last_noun_unit: String::new(),
            ballistic_before: false,
            asked_how_many: false,
            questions_since_claim: 0,
            question_back: false,
            last_date: None,
            occasion_date: None,
            lead_day: None,
            findings_day: false,
            lead_speaker: None,
            last_claim_rows: 0,
            vague_rows: Vec::new(),
            lead_read: false,
            lead_paragraph: 0,
            quote_runs_on: false,
            last_capacity_by: None,
            speaker_dates: HashMap::new(),
            label_orgs: HashMap::new(),
            discourse: None,
            interviewee: None,
            turn: None,
            rows: Vec::new(),
        }
    }

    /// The rows, and the named persons met.
    fn run(mut self) -> (Vec<ClaimRow>, Vec<Source>) {
        self.discourse = speakers::headline_source(&self.article.header, &self.ctx);
        for l in &self.article.header {
            self.ctx.note_document(l);
        }
        let paragraphs = std::mem::take(&mut self.article.paragraphs);
        let paragraph_dates = std::mem::take(&mut self.article.paragraph_dates);
        self.lead_paragraph = paragraphs
            .iter()
            .position(|p| !p.iter().all(|s| s.trim_end().ends_with('?')))
            .unwrap_or(0);
        let mut seen = self.article.header.join("\n");
        let unlabelled = std::iter::once(seen.clone())
            .chain(
                paragraphs
                    .iter()
                    .filter(|p| p.first().is_none_or(|s| speaker_label(s).is_none()))
                    .map(|p| p.join(" ")),
            )
            .collect::<Vec<_>>()
            .join("\n");
        for (pi, para) in paragraphs.iter().enumerate() {
            let before = self.ctx.last().cloned();
            let discourse = self.discourse.clone();
            let (label, affiliation) = para
                .first()
                .and_then(|s| speaker_label(s))
                .map_or((None, None), |(l, a)| (Some(l), a));
            // "A:" answers: the person the introduction names.
            let label_source = label
                .clone()
                .filter(|l| !INTERVIEWER_LABELS.iter().any(|x| x.eq_ignore_ascii_case(l)))
                .and_then(|l| match l.as_str() {
                    // (Found once: the introduction is read again only until it gives one.)
                    "A" | "Answer" => {
                        if self.interviewee.is_none() {
                            self.interviewee = speakers::interviewee(&seen, &self.ctx);
                        }
                        self.interviewee.clone()
                    }
                    // "DEFENSE INTELLIGENCE AGENCY:": an institution answering.
                    _ => match self.label_orgs.get(&l.to_lowercase()) {
                        Some(s) => Some(s.clone()),
                        None => titled_label(&l, &self.article.header, &self.ctx)
                            .inspect(|s| {
                                // "MINISTER SHIN WON-SIK:" then "SHIN:": each word of the name.
                                for w in s.speaker.split_whitespace() {
                                    self.label_orgs.insert(w.to_lowercase(), s.clone());
                                }
                                self.label_orgs.insert(l.to_lowercase(), s.clone());
                            })
                            .or_else(|| {
                                // "BYRNE:" with "Joe Byrne is a researcher at ..." only after
                                // the interview: the introduction anywhere outside the labels.
                                speakers::label_source(&l, &seen, &self.ctx)
                                    .filter(|s| {
                                        !(s.speaker.eq_ignore_ascii_case(&l)
                                            && (s.org.is_empty() || s.org.eq_ignore_ascii_case(&l)))
                                    })
                                    .or_else(|| speakers::label_source(&l, &unlabelled, &self.ctx))
                                    .or_else(|| {
                                        affiliation.as_ref()?;
                                        speakers::bracketed_name_label(&l, &self.ctx)
                                    })
                            })
                            .or_else(|| {
                                let s = speakers::label_org(&l, &self.ctx)?;
                                self.label_orgs.insert(l.to_lowercase(), s.clone());
                                Some(s)
                            }),
                    },
                });
            // "Mr. Wood (United States of America):": the bracket gives the organization the
            // introduction left out.
            let label_source = match (label_source, &affiliation) {
                (Some(l), Some(a)) => Some(speakers::with_affiliation(l, a, &self.ctx)),
                (l, _) => l,
            };
            // "Mrs. Thomas-Greenfield (United States of America):" with the delegate never named
            // in full: the delegation's country speaks.
            let label_source = match (&label, &affiliation) {
                (Some(l), Some(a)) => speakers::delegation(l, a, label_source),
                _ => label_source,
            };
            // "NAME, TITLE, 29 November: ..." in a digest, "Antony Blinken: ..." over a live
            // blog's entry: a label that reads as a source.
            let label_source = label_source.or_else(|| {
                let l = para
                    .first()
                    .and_then(|s| speakers::entry_label(s, &self.ctx))?;
                self.ctx.remember(&l);
                Some(l)
            });
            // "SINGH: Good afternoon. / We believe that ...": a paragraph without a label that
            // opens in the first person goes on with the turn of the label above it.
            let label_source = match (&label, label_source) {
                (None, None) => self.turn.clone().filter(|_| {
                    para.first()
                        .is_some_and(|s| FIRST_PERSON_OPENING.is_match(s))
                }),
                (_, l) => l,
            };
            if label.is_some() {
                self.turn.clone_from(&label_source);
            }
            seen.push('\n');
            seen.push_str(&para.join(" "));
            self.ctx.voice.clone_from(&label_source);
            let mut in_quote = false;
            let mut sentences = Vec::new();
            for (si, s) in para.iter().enumerate() {
                let (masked, ends) = mask_quotes(s, in_quote);
                // "RUIZ: The Beyond Parallel team ... looked at the rail yard.": what the
                // labelled speaker says, read without the label.
                let label_end = match (si, label_length(&masked)) {
                    (0, Some(n)) => n,
                    _ => 0,
                };
                let body = &masked[label_end..];
                // "The report, prepared by X, alleges": the document's issuer, for "the report"
                // here and after.
                self.ctx.note_document(&masked);
                if let Some(d) = self.ctx.document_asked(body) {
                    self.ctx.remember(&d);
                }
                let mut attributions = speakers::find(&masked, &self.ctx);
                // "LEE: We believe ...": a first-person verb under a speaker label is the
                // label's speaker, not someone the context resolves "we" to.
                if label_source.is_some() {
                    attributions.retain(|a| !FIRST_PERSON_BEFORE.is_match(&masked[..a.pos]));
                }
                let mut mentioned = None;
                let mut published = None;
                if attributions.is_empty() {
                    if let Some(p) = speakers::mention(body, &self.ctx) {
                        self.ctx.remember(&p);
                        mentioned = Some(p);
                    }
                    if let Some(p) = speakers::named_alone(body, &self.ctx) {
                        self.ctx.remember(&p);
                    } else if let Some(p) = speakers::opening_person(body, &self.ctx) {
                        self.ctx.remember(&p);
                    } else if let Some(p) = speakers::opening_body(body, &self.ctx) {
                        // "The White House on Friday used its accounts ...": "it" after it,
                        // and the day of what it says next.
                        self.ctx.remember(&p);
                        mentioned = mentioned.or(Some(p));
                    }
                    // "These are the findings of an investigation by X. / By the authors'
                    // estimate, ...": the source given for the sentence before goes on.
                    if let Some(p) = speakers::reported_by(body, &self.ctx) {
                        self.ctx.remember(&p);
                        self.discourse = Some(p);
                    }
                    // "X published its annual review. Its main findings: ...": X goes on.
                    if let Some(p) = speakers::publishing_source(body, &self.ctx) {
                        self.ctx.remember(&p);
                        self.discourse = Some(p.clone());
                        published = Some(p);
                    }
                }
                if let Some(c) = DOCUMENT_OF.captures(&masked) {
                    // "published the first report of the Multilateral Sanctions Monitoring
                    // Team": "the report" after it is that team's.
                    if let Some(o) = speakers::find(&format!("{} said.", &c["who"]), &self.ctx)
                        .into_iter()
                        .next()
                        .filter(|a| matches!(a.source.kind, Kind::Org | Kind::Group))
                    {
                        self.ctx.remember(&o.source);
                    }
                }
                let main =
                    choose(&attributions, s, None).map(|(m, notes, _)| self.as_author(m, notes));
                self.ctx
                    .note_named_next(main.as_ref().map(|(m, _)| m), &masked);
                // Every source the sentence names, the main one last.
                for a in &attributions {
                    self.ctx.remember(&a.source);
                }
                if let Some((m, _)) = &main {
                    self.ctx.remember(m);
                    self.discourse = Some(m.clone());
                }
                sentences.push(Sentence {
                    text: s.clone(),
                    label_end,
                    starts_in_quote: in_quote,
                    quoted: s.contains('"'),
                    attributions,
                    main,
                    mentioned,
                    published,
                });
                in_quote = ends;
            }
            // A quote left open at the paragraph's end goes on in the next one ("..." at the
            // start of the next paragraph, attributed there).
            self.quote_runs_on = in_quote;
            if let Some(l) = &label_source {
                self.ctx.remember(l);
                self.discourse = Some(l.clone());
            }
            let questions = para
                .first()
                .and_then(|s| speaker_label(s))
                .is_some_and(|(l, _)| {
                    INTERVIEWER_LABELS
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(&l))
                });
            for i in 0..sentences.len() {
                self.sentence_no += 1;
                if questions {
                    self.questions_since_claim += 1;
                    self.question_back = QUESTION_BACK.is_match(&sentences[i].text);
                }
                let source = match (&sentences[i].main, &label_source) {
                    (None, Some(l)) => {
                        Some((l.clone(), vec!["speaker label of the interview".into()]))
                    }
                    _ => {
                        // The next sentence, then the next paragraph's first ("This was
                        // reported by ..." sources what comes before it).
                        let next = [
                            sentences.get(i + 1).map(|x| x.text.as_str()),
                            paragraphs
                                .get(pi + 1)
                                .and_then(|p| p.first())
                                .map(String::as_str),
                        ];
                        self.fallback_source(&sentences, i, before.as_ref(), &next)
                            .or_else(|| {
                                let own = sentences.iter().any(|x| !x.attributions.is_empty());
                                let text = &sentences[i].text;
                                // "HUR published the following post: ..." with the post in the
                                // same paragraph: the publisher, before the paragraph's start.
                                let published = sentences[..i]
                                    .iter()
                                    .rev()
                                    .find_map(|x| x.published.as_ref());
                                speakers::carried_over(
                                    published.or(discourse.as_ref()),
                                    text,
                                    own || questions,
                                )
                            })
                    }
                };
                let own_date = paragraph_dates.get(pi).cloned().flatten();
                self.claims(pi, &sentences[i], source, own_date);
            }
        }
        let persons = self.ctx.persons().cloned().collect();
        let mut rows = restatements_left_out(self.rows, &self.vague_rows);
        self.ctx.name_officials(&mut rows);
        self.ctx.sources.resolve(&mut rows);
        (dedupe(rows), persons)
    }

    /// "The United States assesses" in a State Department fact sheet: the author.
    fn as_author(&self, m: Source, mut notes: Vec<String>) -> (Source, Vec<String>) {
        match &self.ctx.author {
            Some(author)
                if self.statement_doc
                    && m.kind == Kind::Country
                    && author.country.is_some_and(|c| Some(c) == m.country) =>
            {
                notes.push(format!(
                    "{} speaks as the author of the document",
                    m.speaker
                ));
                (author.clone(), notes)
            }
            _ => (m, notes),
        }
    }

    /// The sentence's own source, else the quote's, the paragraph's, the previous paragraph's
    /// (a quote going on), the document's author.
    fn fallback_source(
        &self,
        ss: &[Sentence],
        i: usize,
        before: Option<&Source>,
        next: &[Option<&str>],
    ) -> Option<(Source, Vec<String>)> {
        if let Some(m) = &ss[i].main {
            // "The U.S. government announced that N. / NSC coordinator NAME revealed this at a
            // press conference": the person of that country who made it public.
            if m.0.kind == Kind::Country {
                if let Some(p) = next
                    .first()
                    .copied()
                    .flatten()
                    .and_then(|n| speakers::said_this(&mask_quotes(n, false).0, &self.ctx))
                    .filter(|p| {
                        p.kind == Kind::Person
                            && p.country
                                .is_none_or(|c| m.0.country.is_some_and(|o| o.name == c.name))
                    })
                {
                    let mut notes = m.1.clone();
                    notes.push(format!("{} {NAMED_NEXT}", p.speaker));
                    return Some((p, notes));
                }
            }
            return Some(m.clone());
        }
        let with = |s: &Source, why: &str| Some((s.clone(), vec![why.to_owned()]));
        if ss[i].quoted || ss[i].starts_in_quote {
            let mut a = i;
            while a > 0 && ss[a].starts_in_quote {
                a -= 1;
            }
            let mut b = i;
            while b + 1 < ss.len() && ss[b + 1].starts_in_quote {
                b += 1;
            }
            if let Some((s, _)) = ss[a..=b].iter().find_map(|x| x.main.as_ref()) {
                return with(s, "speaker of the quote");
            }
            if a > 0 && ss[a - 1].text.trim_end().ends_with(':') {
                if let Some((s, _)) = &ss[a - 1].main {
                    return with(s, "speaker introducing the quote");
                }
            }
            if b + 1 == ss.len() && self.quote_runs_on {
                if let Some(s) = next.get(1).copied().flatten().and_then(|n| {
                    let (masked, _) = mask_quotes(n, false);
                    let atts = speakers::find(&masked, &self.ctx);
                    choose(&atts, n, None).map(|(m, _, _)| m)
                }) {
                    return Some((
                        s,
                        vec!["speaker of the quote going on in the next paragraph".into()],
                    ));
                }
            }
            // A paragraph that is a quote and nothing else, then "That was how X put it" /
            // "Those were the words of X" opening the next paragraph: X's.
            if a == 0 && b + 1 == ss.len() && ss[0].text.starts_with('"') {
                if let Some(s) = next
                    .get(1)
                    .copied()
                    .flatten()
                    .and_then(|n| speakers::points_back(&mask_quotes(n, false).0, &self.ctx))
                {
                    return with(&s, "speaker the next paragraph points back to");
                }
            }
            if a == 0 && ss[0].text.starts_with('"') {
                if let Some(s) = before {
                    return with(s, "quote continued from the previous paragraph");
                }
            }
        }
        // "This was reported by X." after it.
        if let Some(s) = next
            .iter()
            .flatten()
            .find_map(|n| speakers::reported_by(n, &self.ctx))
        {
            return Some((s, vec!["source given in the next sentence".into()]));
        }
        // "It has been found that N. / According to a report the agency submitted to a
        // lawmaker, ...": an agentless finding opening its paragraph, sourced by the "according
        // to" that opens the next sentence (or paragraph).
        if i == 0 && FOUND_THAT.is_match(&ss[i].text) {
            if let Some(a) = next.iter().copied().flatten().next().and_then(|n| {
                let (masked, _) = mask_quotes(n, false);
                speakers::find(&masked, &self.ctx)
                    .into_iter()
                    .find(|a| a.how == How::According && a.pos == 0)
            }) {
                return with(&a.source, "source the next sentence opens with");
            }
        }
        // Attribution comes first in news style: a sentence goes on the one before it; not
        // one that names a source of its own the rules do not know ("according to customs
        // data").
        if let Some((s, _)) = ss[..i]
            .iter()
            .rev()
            .find_map(|x| x.main.as_ref())
            .filter(|_| !OWN_SOURCE.is_match(&ss[i].text))
        {
            return with(s, "speaker of the paragraph");
        }
        if self.statement_doc {
            if let Some(s) = &self.ctx.author {
                return with(s, "author of the document");
            }
        }
        None
    }

    /// "North Korea has moved about 1,500 troops to Russia, an official said. The soldiers were
    /// carried on Russian navy ships to Vladivostok between Oct. 8 and 13": the sentence right
    /// after a claim whose definite subject refers back to the things counted gives their
    /// period, when the claim gave none, and their route, when the claim gave none and the
    /// sentence names it with that period or names a corridor place.
    fn back_fill(
        &mut self,
        s: &Sentence,
        phrases: &[TimePhrase],
        quantities: &[quantity::Quantity],
    ) {
        let Some((_, at)) = self.last_claim_at else {
            return;
        };
        if at + 1 != self.sentence_no {
            return;
        }
        // "According to the agency, they were carried on Russian navy ships to Vladivostok
        // between October 8 and 13": a pronoun subject moved, in a sentence that counts
        // nothing, is the last thing counted.
        let pronoun = || {
            (quantities.is_empty() && PRONOUN_MOVED.is_match(&s.text))
                .then(|| self.rows.last().map(|r| r.unit.clone()))
                .flatten()
                .filter(|_| self.rows.len() > self.last_claim_rows)
        };
        // "The agency said the soldiers were carried ...": the subject of the reported clause.
        let reported = SAID_OPENING
            .find(&s.text)
            .map_or(s.text.as_str(), |m| &s.text[m.end()..]);
        let Some(unit) = quantity::definite_subject_unit(reported).or_else(pronoun) else {
            return;
        };
        // "the missiles" after a count of ballistic missiles are those.
        let base = |u: &str| {
            let u = u.trim_start_matches("ballistic_");
            u.split('_').next().unwrap_or_default().to_owned()
        };
        // Its own count of the same things is a claim of its own, not a reference back.
        if quantities
            .iter()
            .any(|q| base(&q.unit) == base(&unit) && q.span.0 < 40)
        {
            return;
        }
        // Not a time inside an aside (", which fell this week,").
        let aside: Vec<(usize, usize)> = RELATIVE_CLAUSE
            .find_iter(&s.text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let period = phrases.iter().find_map(|p| match &p.meaning {
            Meaning::Period(a, b)
                if time_role(p, s) == TimeRole::Period
                    && !p.open
                    && !aside.iter().any(|x| x.0 <= p.span.0 && p.span.1 <= x.1) =>
            {
                Some((a.clone(), b.clone()))
            }
            _ => None,
        });
        // A route only from a sentence that counts nothing itself: "The shells were carried in
        // about a dozen shipments by ship" gives its route to the shipments, not the shells.
        let route = if quantities.is_empty() {
            route::find(&s.text).0
        } else {
            String::new()
        };
        for r in self.rows[self.last_claim_rows..].iter_mut() {
            if base(&r.unit) != base(&unit) || r.unit.contains("_per_") {
                continue;
            }
            let timed = period.as_ref().filter(|_| r.period_start.is_empty());
            if let Some((a, b)) = timed {
                r.period_start.clone_from(a);
                r.period_end = if b.is_empty() {
                    r.date.clone()
                } else {
                    b.clone()
                };
                add_note(
                    &mut r.note,
                    "period of the next sentence, which refers back to it",
                );
            }
            // The route of that movement ("Those soldiers travelled by ship to Vladivostok",
            // "The containers were carried from Najin to Dunay"): with its time, or with a
            // place of the corridor.
            if r.route.is_empty()
                && (timed.is_some() && !route.is_empty() || route::names_place(&route))
            {
                r.route.clone_from(&route);
                add_note(
                    &mut r.note,
                    "route of the next sentence, which refers back to it",
                );
            }
        }
    }

    /// "Shin said North Korea had shipped about 6,700 containers. He revealed this at a meeting
    /// with reporters on the 26th": a sentence right after a claim that says when its speaker
    /// made it (a day in the week before the text's date) dates that claim and what the speaker
    /// says next. Whether it did.
    fn back_date(&mut self, s: &Sentence, phrases: &[TimePhrase]) -> bool {
        let (Some((_, at)), Some(article)) = (self.last_claim_at, self.article.date) else {
            return false;
        };
        if at + 1 != self.sentence_no || !DISCLOSED_THIS.is_match(&s.text) {
            return false;
        }
        let Some(day) = phrases.iter().find_map(|p| match &p.meaning {
            Meaning::Period(a, b) if p.day_like && a == b => parse_day(a)
                .filter(|d| *d <= article && article - *d <= time::Duration::days(6))
                .map(|_| a.clone()),
            _ => None,
        }) else {
            return false;
        };
        let old = self.article.date_text.clone();
        let mut dated = false;
        for r in self.rows[self.last_claim_rows..].iter_mut() {
            if r.date != old {
                continue;
            }
            r.date.clone_from(&day);
            if r.period_end == old {
                r.period_end.clone_from(&day);
            }
            add_note(
                &mut r.note,
                "day the next sentence says the statement was made",
            );
            if !r.speaker.is_empty() {
                self.speaker_dates.insert(r.speaker.clone(), day.clone());
            }
            dated = true;
        }
        if dated {
            for p in [&mut self.last_period, &mut self.claim_period]
                .into_iter()
                .flatten()
            {
                if p.1 == old {
                    p.1.clone_from(&day);
                }
            }
            self.last_date = Some(day);
        }
        dated
    }

    /// "The Washington Post reported on Saturday that C4ADS had studied railway records": a
    /// news medium's dated report of findings, in a sentence that counts nothing, is the day the
    /// findings it goes on to give came out, when the lead named none.
    fn findings_reported(&mut self, s: &Sentence, phrases: &[TimePhrase]) {
        let Some(article) = self.article.date else {
            return;
        };
        let Some((m, _, pos)) = choose(&s.attributions, &s.text, None) else {
            return;
        };
        if !m.media || !REPORTED_THAT.is_match(&s.text[pos..]) {
            return;
        }
        let day = phrases.iter().find_map(|p| match &p.meaning {
            Meaning::Period(a, b) if time_role(p, s) == TimeRole::Statement(pos) && a == b => {
                parse_day(a)
                    .filter(|d| *d <= article && article - *d <= time::Duration::days(6))
                    .map(|_| a.clone())
            }
            _ => None,
        });
        if day.is_some() {
            self.lead_day = day;
            self.findings_day = true;
        }
    }

    /// The claims of one sentence; `own_date` is the date the paragraph's layout gives (a
    /// label, a time stamp, a table's date cell), which dates its statements and resolves its
    /// time phrases in place of the article's.
    fn claims(
        &mut self,
        paragraph: usize,
        s: &Sentence,
        source: Option<(Source, Vec<String>)>,
        own_date: Option<(time::Date, String)>,
    ) {
        let supplier_before = self.supplier_before;
        let sentence_route = route::find(&s.text);
        // A sentence that refers back to the place ("in the yard") keeps it for the next.
        let place_before = std::mem::take(&mut self.place_before);
        self.place_before = if route::names_place(&sentence_route.0) {
            sentence_route.0.clone()
        } else if THE_PLACE.is_match(&s.text) {
            place_before.clone()
        } else {
            String::new()
        };
        if let Some(x) = topic::last_supplier(&s.text) {
            self.supplier_before = Some(x);
        }
        // "Another 300 followed": the unit of the claim before (in this sentence: "fired about
        // 26 more missiles ..., bringing the total to about 50"), else no claim.
        let mut unit_here = String::new();
        // The title of another text, quoted ("An article published on 2 November (\"Seoul: a
        // million shells went north\") misstated ..."), states nothing itself.
        let titles: Vec<(usize, usize)> = QUOTED_TITLE
            .find_iter(&s.text)
            .map(|m| (m.start(), m.end()))
            .collect();
        // "Claims on social media that \"all 7,000 containers were full of shells\" have no
        // official source": a quoted claim the sentence says is unfounded states nothing.
        let titles: Vec<(usize, usize)> = titles
            .into_iter()
            .chain(UNFOUNDED_QUOTE.captures_iter(&s.text).filter_map(|c| {
                let q = c.name("q")?;
                Some((q.start(), q.end()))
            }))
            .collect();
        // "Q: Is one ship the whole story?": a yes-no question asks, it states no count.
        let asks = YES_NO_QUESTION.is_match(&s.text);
        let quantities: Vec<quantity::Quantity> = quantity::find(&s.text)
            .into_iter()
            .filter(|_| !asks)
            .filter(|q| !titles.iter().any(|t| t.0 <= q.span.0 && q.span.1 <= t.1))
            .filter_map(|mut q| {
                if q.unit.is_empty() {
                    // "more than 5 million of them": the noun named last before.
                    let from = if q.note.iter().any(|n| n == quantity::OF_THEM_NOTE) {
                        &self.last_noun_unit
                    } else if !unit_here.is_empty() {
                        &unit_here
                    } else if self.asked_how_many {
                        // "How many soldiers have left? - About 3,000 have been moved": the
                        // noun the question asked about.
                        &self.last_noun_unit
                    } else {
                        &self.last_unit
                    };
                    if from.is_empty() {
                        return None;
                    }
                    q.unit.clone_from(from);
                    if q.note.iter().any(|n| n == quantity::OF_THEM_NOTE) {
                        q.note.push(NOUN_BEFORE.into());
                    }
                }
                // "one of the missiles" after ballistic missiles were named: of that kind.
                let span = &s.text[q.span.0..q.span.1];
                // "at least one of the missiles ..., and several more": the same kind.
                let more_of_them = unit_here == format!("ballistic_{}", q.unit)
                    && !span.to_lowercase().contains("missile");
                if q.unit.starts_with("missiles")
                    && (self.ballistic_before && THE_MISSILES.is_match(span) || more_of_them)
                {
                    q.unit = format!("ballistic_{}", q.unit);
                    q.note
                        .push("\"the missiles\": the ballistic missiles named before".into());
                }
                unit_here.clone_from(&q.unit);
                Some(q)
            })
            .collect();
        if let Some(b) = quantity::missiles_named(&s.text) {
            self.ballistic_before = b;
        }
        self.asked_how_many = HOW_MANY.is_match(&s.text);
        // A pronoun refers to what was just spoken of: a sentence that names no countable
        // noun ends the reach of the one before ("... up to 40 tourists on each trip. North
        // Korea has reopened only slowly. ... about 1,500 of them visited": not the trips).
        // "How many trips did the ship make?": the noun asked about, not the last one.
        self.last_noun_unit = HOW_MANY_NOUN
            .captures(&s.text)
            .and_then(|c| quantity::antecedent_unit(&c["noun"], false))
            .or_else(|| quantity::antecedent_unit(&s.text, false))
            .unwrap_or_default();
        let reference = own_date.as_ref().map(|d| d.0).or(self.article.date);
        let phrases = time_phrases::find(&s.text, reference);
        if paragraph > self.lead_paragraph {
            self.lead_read = true;
        }
        if !self.lead_read && LEAD_STATEMENT.is_match(&s.text) {
            let speaker = || {
                choose(&s.attributions, &s.text, None)
                    .map(|(m, _, _)| m)
                    .or_else(|| speakers::publishing_source(&s.text, &self.ctx))
                    .or_else(|| source.as_ref().map(|(m, _)| m.clone()))
            };
            if self.lead_day.is_none() {
                let day = lead_day(&s.text, &phrases, self.article.date);
                self.lead_speaker = speaker();
                // "The Washington Post reported on the 22nd that ...": a medium's report dates
                // the findings it relays, whoever they are given to.
                let medium = self.lead_speaker.as_ref().is_some_and(|l| l.media);
                self.findings_day = day.as_ref().is_some_and(|d| d.1 || medium);
                self.lead_day = day.map(|d| d.0);
            } else if self.lead_speaker.is_none() {
                // "The White House made it official on Thursday. ... John Kirby told
                // reporters": the lead's next sentence says who made the statement, with a
                // reporting verb of its own.
                self.lead_speaker = choose(&s.attributions, &s.text, None).map(|(m, _, _)| m);
            }
        }
        self.back_fill(s, &phrases, &quantities);
        if quantities.is_empty() && self.back_date(s, &phrases) {
            return;
        }
        if quantities.is_empty() && self.lead_day.is_none() {
            self.findings_reported(s, &phrases);
        }
        if quantities.is_empty() {
            // "The prosecutor's office laid out its count in a thread on Tuesday": the day of
            // what the publisher says next.
            if let Some(p) = speakers::publishing_source(&s.text, &self.ctx) {
                if let Some(Meaning::Period(a, b)) =
                    phrases.iter().find(|p| p.day_like).map(|p| &p.meaning)
                {
                    self.speaker_dates.insert(p.speaker, common_prefix(a, b));
                }
            }
            if OCCASION_NOUN.is_match(&s.text) {
                if let Some(Meaning::Period(a, b)) =
                    phrases.iter().find(|p| p.day_like).map(|p| &p.meaning)
                {
                    self.occasion_date = Some((common_prefix(a, b), paragraph));
                }
            }
            // A statement's date still dates what the same speaker says next: "'We condemn
            // this,' Kirby told a press briefing on Friday. 'Roughly 300 containers ...'".
            if let Some((m, _, pos)) = choose(&s.attributions, &s.text, None) {
                if let Some(Meaning::Period(a, b)) = phrases
                    .iter()
                    .find(|p| time_role(p, s) == TimeRole::Statement(pos))
                    .map(|p| &p.meaning)
                {
                    self.speaker_dates.insert(m.speaker, common_prefix(a, b));
                    self.last_date = Some(common_prefix(a, b));
                }
            }
            // "The team's first report, which came out on Thursday, is ...": the day of what
            // the report's owner says next.
            if let Some(c) = PUBLISHED_ON
                .captures(&s.text)
                .or_else(|| PUBLISHED_ITS.captures(&s.text))
                .or_else(|| REPORT_OF_OWNER.captures(&s.text))
            {
                let doc = c
                    .name("doc")
                    .or(c.name("doc2"))
                    .or(c.name("doc3"))
                    .map_or("", |m| m.as_str());
                let mut owner = speakers::find(&format!("{doc} said."), &self.ctx);
                // "The team's report": the team, as a description of an organization named.
                if let (true, Some(k)) = (owner.is_empty(), doc.find(['\'', '’'])) {
                    owner = speakers::find(&format!("{} said.", &doc[..k]), &self.ctx);
                }
                if let (Some(o), Some(Meaning::Period(a, b))) = (
                    owner.first(),
                    phrases
                        .iter()
                        .find(|p| p.day_like && p.span.0 >= c.get(0).map_or(0, |m| m.start()))
                        .map(|p| &p.meaning),
                ) {
                    self.ctx.remember(&o.source);
                    self.speaker_dates
                        .insert(o.source.speaker.clone(), common_prefix(a, b));
                    return;
                }
            }
            // "Defense Minister Shin Won-sik met foreign correspondents on Monday": the day of
            // what that person says next.
            if let Some(m) = s.mentioned.as_ref().filter(|_| s.attributions.is_empty()) {
                if let Some(Meaning::Period(a, b)) =
                    phrases.iter().find(|p| p.day_like).map(|p| &p.meaning)
                {
                    self.speaker_dates
                        .insert(m.speaker.clone(), common_prefix(a, b));
                    return;
                }
            }
            // A period can still anchor "the following month" in the next sentence.
            // Not the day of a report ("The Washington Post reported the findings on
            // Saturday"): what the next claims count is not of that day.
            if let Some(p) = phrases.iter().find_map(|p| match &p.meaning {
                Meaning::Period(a, b)
                    if time_role(p, s) == TimeRole::Period
                        && !(p.day_like
                            && a == b
                            && (SAID_JUST_BEFORE.is_match(&s.text[..p.span.0])
                                || DOCUMENT_DAY.is_match(&s.text[..p.span.0]))) =>
                {
                    Some((a.clone(), b.clone()))
                }
                _ => None,
            }) {
                // "We reviewed imagery of the port taken since August 2023. We observed at
                // least 25 visits": the time of the material the next count is read from.
                if SOURCE_MATERIAL.is_match(&s.text) {
                    self.material_period = Some((self.sentence_no, p.clone(), false));
                }
                self.last_period = Some(p);
            }
            return;
        }
        let article_date = self.article.date_text.clone();
        self.last_claim_rows = self.rows.len();
        // "..., who has just told reporters that over the past several weeks ...": a relative
        // clause that reports the claim is no aside.
        let aside: Vec<(usize, usize)> = RELATIVE_CLAUSE
            .find_iter(&s.text)
            .filter(|m| !REPORTS_THAT.is_match(m.as_str()) && !MOVED_THEM.is_match(m.as_str()))
            .chain(INFERENCE_CLAUSE.find_iter(&s.text).filter(|m| {
                !quantities
                    .iter()
                    .any(|q| m.start() <= q.span.0 && q.span.1 <= m.end())
            }))
            .map(|m| (m.start(), m.end()))
            .collect();
        let periods: Vec<(usize, usize, Meaning)> = phrases
            .iter()
            .filter(|p| time_role(p, s) == TimeRole::Period)
            .filter(|p| !aside.iter().any(|a| a.0 <= p.span.0 && p.span.1 <= a.1))
            .filter(|p| !statement_day(p, s, &quantities, reference))
            .map(|p| (p.span.0, p.span.1, p.meaning.clone()))
            .collect();
        // An interviewer's questions in between do not part an answer from the one before.
        let close_to_last = self.last_claim_at.is_some_and(|(p, n)| {
            p == paragraph || n + 2 + self.questions_since_claim >= self.sentence_no
        });
        // A capacity ("they could hold more than 6 million rounds") converts the count before
        // it, a few sentences back in an interview's answer.
        let near_for_capacity = self.last_claim_at.is_some_and(|(p, n)| {
            p == paragraph || n + CAPACITY_REACH + self.questions_since_claim >= self.sentence_no
        });
        let same_occasion = close_to_last && SAME_OCCASION.is_match(&s.text);
        // "The figure the minister gave in June was at least 10,000": an earlier figure of its
        // own, dated by that time, not the claim before referred to.
        let given_when = time_after(&phrases, &s.text, &FIGURE_GIVEN_BEFORE);
        for (qi, q) in quantities.iter().enumerate() {
            // Each quantity's own attribution: in "5,000 containers, the minister said, up from
            // the 1,000 Washington reported", each number has its speaker.
            let next = quantities.get(qi + 1).map_or(s.text.len(), |n| n.span.0);
            let (source, mut notes, verb) =
                match choose(&s.attributions, &s.text, Some((q.span.0, next))) {
                    // The country's speaker the next sentence names.
                    Some((m, _, pos))
                        if m.kind == Kind::Country
                            && source.as_ref().is_some_and(|(_, n)| {
                                n.last().is_some_and(|x| x.ends_with(NAMED_NEXT))
                            }) =>
                    {
                        let (p, n) = source.clone().expect("named next");
                        (Some(p), n, Some(pos))
                    }
                    Some((m, n, pos)) => {
                        let (m, n) = self.as_author(m, n);
                        (Some(m), n, Some(pos))
                    }
                    None => match &source {
                        Some((m, n)) => (Some(m.clone()), n.clone(), None),
                        None => (None, Vec::new(), None),
                    },
                };
            notes.extend(q.note.iter().cloned());
            // "South Korea's defense chief said": the holder the article names elsewhere.
            if let Some(x) = source.as_ref().filter(|x| {
                let text = s.text.to_lowercase();
                verb.is_some()
                    && x.kind == Kind::Person
                    && !x
                        .speaker
                        .to_lowercase()
                        .split([' ', '-'])
                        .any(|w| text.contains(w))
                    && !PRONOUN.is_match(&s.text)
            }) {
                notes.push(format!("the office holder named elsewhere: {}", x.speaker));
            }
            let speaker = source
                .as_ref()
                .map(|x| x.speaker.clone())
                .unwrap_or_default();
            // "If you convert that into 122 mm ammunition, it is more than 400,000 rounds. With
            // 152 mm ammunition, it is more than 2 million rounds," he added: the same
            // speaker goes on with capacities while no delivery is said.
            let mut qualifier = q.qualifier;
            if qualifier != "capacity_equivalent"
                && self.last_capacity_by.as_deref() == Some(speaker.as_str())
                && !speaker.is_empty()
                && close_to_last
                && quantity::is_content(&q.unit)
                // Of the same kind: "Dozens of ballistic missiles as well" after a capacity in
                // shells is a count of its own.
                && q.unit.split('_').next() == self.last_unit.split('_').next()
                && !DELIVERY.is_match(&s.text)
            {
                notes.push("capacity, going on from the sentence before".into());
                qualifier = "capacity_equivalent";
            }
            let statement = phrases
                .iter()
                .find(|p| verb.is_some_and(|v| time_role(p, s) == TimeRole::Statement(v)));
            // "said the following month": the month after the statement before.
            let relative_date = match statement.map(|p| &p.meaning) {
                Some(Meaning::Relative(step, year)) => self
                    .last_date
                    .as_ref()
                    .and_then(|d| time_phrases::relative(*step, *year, &(d.clone(), d.clone())))
                    .map(|(a, _)| a),
                _ => None,
            };
            // "according to a fact sheet released by the State Department on Friday", "a report
            // RUSI published in February 2024": the day the source's document came out, before
            // a dateline's or a label's day.
            let published = (|| {
                let d = time_after(&phrases, &s.text, &REPORT_PUBLISHED).or_else(|| {
                    // "in its report of May 2025": the month the report is of.
                    let c = REPORT_OF.captures(&s.text)?;
                    let m = time_phrases::month_number(&c["m"])?;
                    Some(format!("{}-{m:02}", &c["y"]))
                })?;
                Some(d)
            })();
            let date = match statement.map(|p| &p.meaning) {
                Some(Meaning::Relative(..)) if relative_date.is_some() => {
                    notes.push("statement dated from the one before".into());
                    let d = relative_date.clone().unwrap_or_default();
                    if !speaker.is_empty() {
                        self.speaker_dates.insert(speaker.clone(), d.clone());
                    }
                    d
                }
                // "said last week": the part both ends share ("2024-02").
                Some(Meaning::Period(a, b)) => {
                    // "since December, when he put the figure at": December.
                    let d = if b.is_empty() {
                        a.clone()
                    } else if a.is_empty() {
                        // "By late August, the agency put the total at": that month.
                        b.clone()
                    } else {
                        common_prefix(a, b)
                    };
                    // "In late February, the figure he gave was 6,700": an earlier figure
                    // recalled does not date what the speaker says now.
                    if !speaker.is_empty()
                        && self.speaker_dates.get(&speaker).is_none_or(|x| *x <= d)
                    {
                        self.speaker_dates.insert(speaker.clone(), d.clone());
                    }
                    d
                }
                _ => published
                    .inspect(|_| notes.push("day the source's document was published".into()))
                    .or_else(|| {
                        let d = given_when.clone().or_else(|| {
                            match &day_given_before_since(&s.text, &periods, &quantities, qi)?.2 {
                                Meaning::Period(a, _) => Some(a.clone()),
                                _ => None,
                            }
                        })?;
                        notes.push("time the figure was given".into());
                        Some(d)
                    })
                    .or_else(|| {
                        own_date.as_ref().map(|d| {
                            notes.push("date of the paragraph's label or time stamp".into());
                            d.1.clone()
                        })
                    })
                    .or_else(|| self.speaker_dates.get(&speaker).cloned())
                    .or_else(|| {
                        // "told reporters after the closed-door briefing": the occasion of the
                        // statement just before.
                        let d = self.last_date.clone().filter(|_| same_occasion)?;
                        notes.push("date of the briefing named before".into());
                        Some(d)
                    })
                    .or_else(|| {
                        // "The same investigation cited records ...": the day of the document
                        // the claim before was cited from, for its speaker's later claims too.
                        let d = self
                            .last_date
                            .clone()
                            .filter(|_| SAME_DOCUMENT.is_match(&s.text))?;
                        notes.push("date of the document named before".into());
                        if !speaker.is_empty() {
                            self.speaker_dates.insert(speaker.clone(), d.clone());
                        }
                        Some(d)
                    })
                    .or_else(|| {
                        // "Lawmakers came out of a closed-door briefing on Wednesday ... Yoo
                        // told reporters afterwards": the day of the occasion just named.
                        let (d, at) = self.occasion_date.clone()?;
                        (at + 1 >= paragraph && AFTER_OCCASION.is_match(&s.text)).then(|| {
                            notes.push("date of the occasion named before".into());
                            d
                        })
                    })
                    .or_else(|| {
                        // Of that statement: its speaker, a claim of the lead itself with no
                        // speaker, or one said at the occasion the lead names ("told reporters
                        // at the briefing", "according to the fact sheet"); not a source of its
                        // own ("Ukrainian authorities cited by ...", "an official added"), nor
                        // an unattributed figure further on (a digest's later item).
                        let d = self.lead_day.clone()?;
                        // "At a press conference the same day, NAME said": that speaker's day
                        // from here on.
                        if SAME_DAY.is_match(&s.text) {
                            notes.push("the same day as the lead's".into());
                            if !speaker.is_empty() {
                                self.speaker_dates.insert(speaker.clone(), d.clone());
                            }
                            return Some(d);
                        }
                        let org = source.as_ref().map_or("", |x| x.org.as_str());
                        (speaker.is_empty() && !self.lead_read
                            || self.findings_day
                            || self
                                .lead_speaker
                                .as_ref()
                                .is_some_and(|l| same_statement(l, &speaker, org))
                            || SAME_OCCASION.is_match(&s.text)
                            || THE_DOCUMENT.is_match(&s.text))
                        .then(|| {
                            notes.push("day of the statement the lead names".into());
                            d
                        })
                    })
                    .unwrap_or_else(|| article_date.clone()),
            };
            // A figure the sentence dates to a month before the same speaker's claim before
            // ("In late February, the figure he gave was 6,700") is an earlier statement
            // recalled: not of that claim's period, nor what later sentences go on with.
            let month = |d: &str| d.get(..7).unwrap_or(d).to_owned();
            let recalled = statement.is_some()
                && !speaker.is_empty()
                && self
                    .rows
                    .last()
                    .is_some_and(|r| r.speaker == speaker && month(&date) < month(&r.date));
            self.last_date = Some(date.clone());
            let nearest = nearest_period(&s.text, &periods, &quantities, qi);
            // "In the five years before, the yard never held more than about 20": a time counted
            // from the claim before.
            // ("the following month the total passed 1,000" is a total, no place's count).
            let from_before = matches!(nearest, Some(Meaning::Preceding(..)));
            let resolved = nearest.and_then(|m| match m {
                Meaning::Period(a, b) => Some((
                    a.clone(),
                    if b.is_empty() {
                        date.clone()
                    } else {
                        b.clone()
                    },
                )),
                // "the following month": from the period of the claim before.
                // "over the same period": the claim's, not "in recent weeks" of a sentence
                // without a claim in between.
                Meaning::Relative(0, year) if SAME_PERIOD.is_match(&s.text) => {
                    let p = self.claim_period.as_ref().or(self.last_period.as_ref())?;
                    time_phrases::relative(0, *year, p)
                }
                Meaning::Relative(step, year) => {
                    time_phrases::relative(*step, *year, self.last_period.as_ref()?)
                }
                Meaning::Preceding(months) => {
                    time_phrases::preceding(*months, self.last_period.as_ref()?)
                }
                // "Another 5,000 followed in the second half": of that year.
                Meaning::PartOfYear(first, last) => {
                    time_phrases::part_of_year(*first, *last, self.last_period.as_ref()?)
                }
            });
            // "delivered ... over recent weeks, Kirby said Friday" in a text dated Saturday:
            // a span that ends on the text's day ends on the day of the statement.
            let resolved = resolved.map(|(a, b)| match (reference, parse_day(&date)) {
                (Some(r), Some(d)) if d < r && a != b && b == time_phrases::fmt_day(r) => {
                    let start = parse_day(&a).map_or(a, |s| time_phrases::fmt_day(s - (r - d)));
                    notes.push("a span to the day of the statement".into());
                    (start, date.clone())
                }
                _ => (a, b),
            });
            // "Imagery collected on June 17 ... At Tumangang, the imagery shows 175 ore cars. At
            // Khasan, there were 112": counts read off the material, sentence after sentence,
            // until one gives a time or a source of its own.
            let resolved = resolved.or_else(|| {
                let (n, (a, b), read) = self.material_period.clone()?;
                let goes_on = n + 1 == self.sentence_no || read && n == self.sentence_no;
                (goes_on
                    && (OBSERVED_COUNT.is_match(&s.text)
                        || SOURCE_MATERIAL.is_match(&s.text)
                        || read && s.attributions.is_empty()))
                .then(|| {
                    notes.push("period of the material the sentence before names".into());
                    self.material_period = Some((self.sentence_no, (a.clone(), b.clone()), true));
                    (a, if b.is_empty() { date.clone() } else { b })
                })
            });
            let period = resolved.or_else(|| {
                // "Shells have been reaching Russia since 2023. ... more than 5 million of
                // them": the period of the sentence the pronoun refers back to.
                if q.note.iter().any(|n| n == NOUN_BEFORE) {
                    let (a, b) = self.last_period.clone()?;
                    notes.push("period of the sentence \"them\" refers to".into());
                    return Some((a, if b.is_empty() { date.clone() } else { b }));
                }
                // "the number of soldiers now in Russia at about 12,000": a stock at the time
                // of the statement, not what moved over the period before.
                let stock = q.qualifier != "capacity_equivalent"
                    && STOCK_NOW.is_match(clause_of(&s.text, q.span));
                let capacity = qualifier == "capacity_equivalent";
                // "We identified at least 25 visits since August 2023. ... more than 2.5 million
                // shells have moved": what the same source's counts of carriers or visits
                // carried, over their span.
                let total_carried = quantity::is_content(&q.unit)
                    && !quantity::is_content(&self.last_unit)
                    && self.rows.last().is_some_and(|r| {
                        r.organization == source.as_ref().map_or("", |x| x.org.as_str())
                    })
                    && MOVED_PERFECT.is_match(&s.text[s.label_end..]);
                // "In return, ... 9,000 containers from Russia": what came back for the count
                // before, a few sentences on.
                let in_return = IN_RETURN.is_match(&s.text);
                let inherit = (close_to_last || (capacity || in_return) && near_for_capacity)
                    && !recalled
                    && !stock
                    && given_when.is_none()
                    && !q.unit.contains("_per_")
                    && (capacity
                        || ANAPHOR.is_match(&s.text[s.label_end..])
                        || ADDED_PERFECT.is_match(&s.text[s.label_end..])
                        || BACK_REFERENCE.is_match(&s.text)
                        || refers_to_unit(&s.text, &self.last_unit)
                        || same_occasion
                        || SAME_PERIOD.is_match(&s.text)
                        || ALSO_COUNTED.is_match(&s.text)
                        || self.questions_since_claim > 0 && self.question_back
                        || THESE_MOVEMENTS.is_match(&s.text)
                        || in_return
                        || SAME_DOCUMENT.is_match(&s.text)
                        || total_carried);
                // A capacity converts the count of the claim, past sentences without one ("on
                // the 27th" of a report's handing over).
                let p = if close_to_last && !capacity && !in_return {
                    self.last_period.clone()
                } else {
                    self.claim_period.clone()
                };
                let p = p.filter(|_| inherit)?;
                notes.push("period of the previous claim".into());
                Some(p)
            });
            // "... at least 10,000 containers since last year. ... \"We have observed at least
            // 10,000 shipping containers\"": the same figure of the same statement again, over
            // the same period.
            let period = period.or_else(|| {
                let r = self.rows.iter().rev().find(|r| {
                    r.quantity == q.quantity
                        && r.quantity_low == q.low
                        && r.quantity_high == q.high
                        && r.unit == q.unit
                        && r.speaker == speaker
                        && r.date == date
                        && !r.period_start.is_empty()
                })?;
                notes.push("period of the same figure given before".into());
                Some((r.period_start.clone(), r.period_end.clone()))
            });
            let (period_start, period_end) = period.clone().unwrap_or_default();
            // "The period of the previous claim" is that claim's, none when it had none: not
            // the time of an older sentence ("Interview conducted on 14 June", then a count
            // without a period, then a capacity).
            // "13,000 containers since August last year, including some 4,000 in the past three
            // months": a part of the count before; what refers back later refers to the whole.
            let part = qi > 0
                && PART_OF_BEFORE
                    .is_match(&s.text[quantities[qi - 1].span.1.min(q.span.0)..q.span.0]);
            if !part && !recalled {
                self.last_period = period.clone();
                self.claim_period = period;
            }
            // "..., Kirby said on Friday, releasing images of the cargo being loaded at a North
            // Korean port": what the speaker did while saying it is no route of the claim.
            let said_at = TRAILING_PARTICIPLE
                .find(&s.text[q.span.1..])
                .map(|m| q.span.1 + m.start())
                .filter(|&cut| {
                    s.attributions
                        .iter()
                        .any(|a| q.span.1 < a.pos && a.pos < cut)
                });
            let clause = clause_of(&s.text[..said_at.unwrap_or(s.text.len())], q.span);
            let (mut route, mut direction) = route::find(clause);
            // "about 175 wagons at Tumangang and about 112 at Khasan": with several quantities in
            // the clause, the places between a quantity and the next are that quantity's.
            let (c0, c1) = (
                clause.as_ptr() as usize - s.text.as_ptr() as usize,
                clause.as_ptr() as usize - s.text.as_ptr() as usize + clause.len(),
            );
            let others = quantities
                .iter()
                .filter(|o| o.span != q.span && c0 <= o.span.0 && o.span.1 <= c1)
                .count();
            if others > 0 && q.span.0 < next && next <= c1 {
                let from = if qi == 0 || quantities[qi - 1].span.1 <= c0 {
                    c0
                } else {
                    q.span.0
                };
                let own = route::find(&s.text[from..next]).0;
                if route::names_place(&own) || route::other_mode(&own, &route) {
                    route = own;
                }
            } else if others > 0 && qi > 0 && quantities[qi - 1].span.1 > c0 {
                let own = route::find(&s.text[q.span.0..c1]).0;
                if route::names_place(&own) || route::other_mode(&own, &route) {
                    route = own;
                }
            }
            // A capacity ("enough for 4 million shells") moves nothing itself: "over those
            // voyages" ties the count to the voyages before, not what the containers could
            // hold, and another clause's mode is not its route.
            if qualifier == "capacity_equivalent" {
                if BACK_REFERENCE.is_match(clause) {
                    route = route::find(&BACK_REFERENCE.replace_all(clause, "")).0;
                }
            } else if route.is_empty() {
                route = match said_at {
                    Some(cut) => route::find(&s.text[..cut]).0,
                    None => sentence_route.0.clone(),
                };
            }
            // The same things at the same place at another time ("about 73 railcars at the
            // Tumangang rail facility ... In the five years before, the yard never held more
            // than about 20"): the route of the claim the time is counted from.
            // "Of those, roughly 112 were freight cars": a part of the count before, at its
            // place.
            let part_of_last = qi == 0 && OF_THOSE_OPENING.is_match(&s.text);
            // "It made at least nine trips on that run": the route of the claim before,
            // whatever it counted, for a count of carriers or trips (not the shells moved).
            let same_route = !quantity::is_content(&q.unit) && SAME_ROUTE.is_match(clause);
            // "at the Tumangang rail facility. We counted 73 railcars in the yard": the place
            // of the sentence just before.
            if !route::names_place(&route) && !place_before.is_empty() && THE_PLACE.is_match(clause)
            {
                route.clone_from(&place_before);
                notes.push("the place of the sentence before".into());
            }
            if !route::names_place(&route)
                && (from_before || part_of_last || same_route)
                && close_to_last
            {
                if let Some(r) = self.rows.last().filter(|r| {
                    (same_route || r.unit.split('_').next() == q.unit.split('_').next())
                        && !r.route.is_empty()
                }) {
                    route.clone_from(&r.route);
                    notes.push(
                        if same_route {
                            "route of the claim before, referred back to"
                        } else if part_of_last {
                            "route of the count it is a part of"
                        } else {
                            "route of the claim its time is counted from"
                        }
                        .into(),
                    );
                }
            }
            // "North Korea also sent 100 missiles, while Russia provided air defence in return":
            // the other clause's return direction is not this one's when North Korea is its
            // first-named country.
            let kp_first = names::countries(clause)
                .first()
                .is_some_and(|c| c.2.corridor_side == Some(true));
            if direction.is_empty() && !(kp_first && sentence_route.1 == "Russia->North Korea") {
                direction = sentence_route.1.clone();
            }
            let mut unit = q.unit.clone();
            // "such missiles" after ballistic missiles: the same kind.
            if unit.starts_with("missiles")
                && self.last_unit.starts_with("ballistic_missiles")
                && SAME_KIND.is_match(&s.text[q.span.0..q.span.1])
            {
                unit = format!("ballistic_{unit}");
                notes.push("\"such missiles\": the ballistic missiles before".into());
            }
            self.last_unit.clone_from(&unit);
            // Goods going the other way (Russia to North Korea) are not the corridor's cargo.
            if direction == "Russia->North Korea" && is_cargo(&unit) {
                unit.push_str("_RU_to_KP");
            }
            let speaker_country = source.as_ref().and_then(|x| x.country).map(|c| c.name);
            // "Several more were fired on Tuesday": the series the claim just before counted,
            // on its topic.
            let continues_series = close_to_last
                && q.note.iter().any(|n| n == quantity::CLAIM_BEFORE_NOTE)
                && self.rows.last().is_some_and(is_on_topic);
            let off = topic::off_topic(
                self.on_corridor,
                self.corridor_counted,
                &q.unit,
                &s.text,
                &s.text[q.span.1..],
                speaker_country,
            )
            .or_else(|| {
                topic::refers_to_other_supplier(&s.text, supplier_before)
                    .then_some("the claim refers back to another supplier's goods")
            })
            .or_else(|| {
                // "A first batch of several hundred thousand rounds is expected in June." right
                // after shells found for Ukraine: the same supply.
                let last = self.rows.last().filter(|r| {
                    r.unit == unit
                        && self
                            .last_claim_at
                            .is_some_and(|(_, n)| n + 1 == self.sentence_no)
                })?;
                topic::goes_on_other_supply(&s.text, &last.note)
                    .then_some("the sentence goes on with the supply the claim before was about")
            })
            .filter(|_| !continues_series);
            if let Some(why) = off {
                // First, so the note says at once why the row is left out.
                notes.insert(0, format!("off topic: {why}"));
            }
            let (speaker, organization) = source
                .as_ref()
                .map(|x| (x.speaker.clone(), x.org.clone()))
                .unwrap_or_default();
            if q.quantity.is_none() && VAGUE_WORD.is_match(&s.text[q.span.0..q.span.1]) {
                self.vague_rows.push(self.rows.len());
            }
            self.rows.push(ClaimRow {
                date: date.clone(),
                speaker,
                organization,
                quantity: q.quantity,
                quantity_low: q.low,
                quantity_high: q.high,
                qualifier: qualifier.to_owned(),
                unit,
                period_start,
                period_end,
                route,
                statement_summary: s.text.chars().take(400).collect(),
                source_url: self.article.url.clone(),
                source_file: self.file.to_owned(),
                sentence: self.sentence_no.to_string(),
                article_date: article_date.clone(),
                direction,
                topic: if off.is_some() { OFF_TOPIC } else { ON_TOPIC }.to_owned(),
                note: notes.join("; "),
            });
        }
        self.last_claim_at = Some((paragraph, self.sentence_no));
        self.questions_since_claim = 0;
        self.last_capacity_by = self
            .rows
            .last()
            .filter(|r| r.qualifier == "capacity_equivalent")
            .map(|r| r.speaker.clone());
    }
}

/// "Minister Shin said at a year-end press conference held at the ministry in Yongsan, Seoul on
/// the 29th, 'North Korea has sent about 5,000 containers'": a single day that is the text's (or
/// the paragraph's) own date, after a reporting verb and before the sentence's first quantity,
/// is the day of the statement, not a period of what is counted.
fn statement_day(
    p: &TimePhrase,
    s: &Sentence,
    quantities: &[quantity::Quantity],
    reference: Option<time::Date>,
) -> bool {
    let (Some(r), Meaning::Period(a, b)) = (reference, &p.meaning) else {
        return false;
    };
    let day = time_phrases::fmt_day(r);
    if !p.day_like || a != b || quantities.first().is_none_or(|q| p.span.1 > q.span.0) {
        return false;
    }
    // "An 11-nation panel set up to watch over sanctions said Thursday that": the weekday of a
    // reporting verb, whoever its subject is, in the week before the text's date.
    let said_weekday = SAID_JUST_BEFORE.is_match(&s.text[..p.span.0])
        && RELATIVE_DAY.is_match(&s.text[p.span.0..p.span.1])
        && parse_day(a).is_some_and(|d| d <= r && r - d <= time::Duration::days(6));
    *a == day && s.attributions.iter().any(|x| x.verb_end <= p.span.0) || said_weekday
}

/// A pronoun subject that was moved, opening a sentence (after "According to X,"): "they were
/// carried", "They had been flown".
static PRONOUN_MOVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:according\s+to|citing)\s+[^,.;]{1,60},\s*)?(?:they|these|those|the\s+(?:cargo|goods|freight|load))\s+(?:were|had\s+been|have\s+been|are|was)\s+(?:(?:all|then|later|reportedly|allegedly|first)\s+)?(?:carried|shipped|moved|transported|flown|sent|taken|ferried|delivered|brought|transferred|loaded|airlifted)\b")
        .expect("pronoun moved")
});

/// ", saying", ", adding" right after a time: the participle that gives the statement's figure.
static SAYING_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,\s*(?:saying|adding|stating|claiming|estimating|reporting)\b")
        .expect("saying after")
});

/// A document handed over right before a day: "a report the agency submitted on the 27th",
/// "the assessment, released on Monday".
static DOCUMENT_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:report|assessment|statement|document|study|letter|filing)\b[^.;]{0,60}?\b(?:submitted|released|published|issued|presented|sent|handed|filed)\s+(?:[\w.'-]+\s+){0,3}?(?:on\s+)?$")
        .expect("document day")
});
/// A reporting verb right before a day: "said Thursday", "announced on Monday", "reported the
/// findings on Saturday".
static SAID_JUST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:said|says|told|announced|reported|stated|claimed|disclosed|revealed|estimated|wrote)\s+(?:[\w-]+\s+){0,2}(?:on\s+)?$")
        .expect("said just before")
});

thread_local! {
    /// The last sentence [`countries_named`] read and the countries it names.
    static LAST_COUNTRIES: std::cell::RefCell<(String, Vec<&'static str>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// The countries a sentence names, in order; [`choose`] asks once per quantity, so the last
/// sentence's answer is kept (a sentence with many numbers would otherwise be read once for each).
fn countries_named(sentence: &str) -> Vec<&'static str> {
    LAST_COUNTRIES.with(|l| {
        let mut l = l.borrow_mut();
        if l.0 != sentence || sentence.is_empty() {
            let found = names::countries(sentence)
                .iter()
                .map(|c| c.2.name)
                .collect();
            *l = (sentence.to_owned(), found);
        }
        l.1.clone()
    })
}

/// Blanks quoted words (quote marks kept, byte offsets unchanged); whether the sentence ends
/// inside a quote.
fn mask_quotes(s: &str, mut inside: bool) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '"' {
            inside = !inside;
            out.push(c);
        } else if inside {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    (out, inside)
}

/// The main source of a sentence: the subject of the reporting verb that follows the claim
/// ("..., Shin said"), else the first one; "according to" and "citing" only without a reporting
/// verb. News media relaying another named source give way to it.
/// A clause of circumstance after the claim whose verb has its own object: "..., as
/// Washington announced hundreds of new sanctions" is no attribution of the claim (unlike "...,
/// as Kirby said on Friday").
fn circumstance(sentence: &str, a: &Attribution) -> bool {
    let before = &sentence[..a.pos];
    let clause = before[before.rfind(',').map_or(0, |k| k + 1)..]
        .trim_start()
        .to_lowercase();
    let opens = ["as ", "while ", "when ", "after ", "before "]
        .iter()
        .any(|w| clause.starts_with(w));
    let next = sentence[a.verb_end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    // Not a time ("on", "last", "Friday", "yesterday") nor "that"/"to": an object.
    let object = next.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !next.is_empty()
        && !next.ends_with("day")
        && ![
            "on", "in", "at", "last", "this", "earlier", "later", "that", "to",
        ]
        .contains(&next.as_str());
    opens && object
}

fn choose(
    atts: &[Attribution],
    sentence: &str,
    window: Option<(usize, usize)>,
) -> Option<(Source, Vec<String>, usize)> {
    let qs = quantity::find(sentence);
    let last_q = qs.last().map(|q| q.span.0);
    let verbs: Vec<&Attribution> = atts
        .iter()
        .filter(|a| matches!(a.how, How::Subject | How::Inverted))
        .collect();
    // Whether a verb's clause runs on to a position: "Washington says it is more than 10,000".
    let introduces = |v: &Attribution, at: usize| {
        v.verb_end <= at && !sentence[v.verb_end..at].contains([',', ';', '"'])
    };
    // A reporting verb between this quantity and the next one is this quantity's own, unless
    // its clause runs on to the next one ("While Seoul puts the number at 6,700 containers,
    // Washington says it is more than 10,000"); then the verb whose clause runs on to this one,
    // after the quantity before it, is.
    let leading = window.and_then(|(a, _)| {
        let prev = qs
            .iter()
            .map(|q| q.span.1)
            .filter(|e| *e <= a)
            .max()
            .unwrap_or(0);
        verbs
            .iter()
            .rev()
            .find(|v| v.pos >= prev && introduces(v, a))
    });
    // "Seoul accused Pyongyang of sending about 1,500 troops; the spy agency said ships carried
    // them": a verb past a semicolon starts a clause of its own when a verb before the
    // quantity already introduces it.
    let own = window.and_then(|(a, b)| {
        verbs.iter().find(|v| {
            v.pos > a
                && v.pos < b
                && !(b < sentence.len() && introduces(v, b))
                && !circumstance(sentence, v)
                && !(leading.is_some() && sentence[a..v.pos].contains(';'))
        })
    });
    // Verbs after the quantity, all past a semicolon: the leading verb is its own.
    let cut_off = window.is_some_and(|(a, _)| {
        let mut after = verbs.iter().filter(|v| v.pos > a).peekable();
        after.peek().is_some() && after.all(|v| sentence[a..v.pos].contains(';'))
    });
    // "the 1,000 containers that Washington says North Korea sent": a relative clause on the
    // counted noun whose subject reports them.
    let relative = window.and_then(|(a, _)| {
        verbs.iter().find(|v| {
            v.pos > a && v.how == How::Subject && RELATIVE_SOURCE.is_match(&sentence[a..v.pos])
        })
    });
    let main = relative
        .or(own)
        .or(leading.filter(|_| qs.len() > 1 || cut_off))
        .or_else(|| {
            last_q.and_then(|q| {
                verbs
                    .iter()
                    .find(|a| a.pos > q && !circumstance(sentence, a))
            })
        })
        .or_else(|| verbs.first())
        .copied()
        .or_else(|| atts.first())?;
    let mut notes = Vec::new();
    // "The NIS said the munitions went in more than 10 transfers, Yoo told reporters": the
    // figure of the body whose clause carries it, relayed by the teller after it (not a
    // country's: "Washington believes N, a U.S. diplomat said" is the diplomat's).
    let main = match (leading, window) {
        (Some(l), Some((at, _)))
            if main.pos > at
                && l.how == How::Subject
                && matches!(l.source.kind, Kind::Org | Kind::Group)
                && l.source.org != main.source.org
                && !sentence[l.verb_end..main.pos].contains(['"', ';']) =>
        {
            notes.push(format!("relayed by {}", main.source.speaker));
            *l
        }
        _ => main,
    };
    // "X said the NIS had told him and other members that N": the figure is the NIS's,
    // relayed by X (a verb of telling someone, in the clause X's verb introduces, before N).
    // "The agency, he said, had told the committee that N" (X's verb set off between the
    // teller and its verb) and "N, he said the agency had told members" (after N) are relayed
    // the same way.
    let relayed = window.and_then(|(at, _)| {
        verbs.iter().copied().find(|v| {
            let between = sentence.get(main.verb_end..v.pos).unwrap_or(",");
            let set_off = between
                .trim_start()
                .strip_prefix(',')
                .is_some_and(|rest| !rest.contains([',', ';', '"']));
            v.pos > main.verb_end
                && RELAY_VERBS.contains(&v.verb.as_str())
                && v.source.speaker != main.source.speaker
                && (v.pos < at
                    && (!between.contains([',', ';', '"']) && introduces(main, at)
                        || set_off && introduces(v, at))
                    || main.pos > at
                        && !between.contains([',', ';', '"'])
                        && !sentence[v.verb_end..].contains([',', ';', '"'])
                        && !sentence[v.verb_end..].contains(" that "))
        })
    });
    let main = match relayed {
        Some(v) => {
            notes.push(format!("relayed by {}", main.source.speaker));
            v
        }
        None => main,
    };
    // "X quoted the agency as saying N": the agency's figure, relayed by X; so is N before
    // it ("\"... N ...,\" X quoted the agency as saying").
    let main = match atts.iter().find(|a| {
        a.verb == "quoted"
            && a.source.speaker != main.source.speaker
            && window.is_none_or(|(at, _)| {
                a.verb_end <= at || main.verb == "quoted" && at < main.pos && main.pos < a.pos
            })
    }) {
        Some(q) => {
            notes.push(format!("relayed by {}", main.source.speaker));
            q
        }
        None => main,
    };
    // "N, lawmakers said on Tuesday, citing a closed-door briefing by the spy agency": what
    // the agency told them, relayed (as "X said the agency had briefed them that N"); a
    // document or a body cited without a briefing ("citing a report by X", "citing its
    // intelligence service") leaves the figure the subject's.
    let briefed = sentence
        .get(main.verb_end..)
        .and_then(|rest| CITING_BRIEFING.find(rest))
        .map(|m| main.verb_end + m.start());
    let main = match atts.iter().find(|a| {
        a.how == How::Citing
            && matches!(main.how, How::Subject | How::Inverted)
            && briefed.is_some_and(|b| a.pos >= b)
            && a.source.speaker != main.source.speaker
            && (a.source.org.is_empty() || a.source.org != main.source.org)
            && !sentence[main.verb_end..a.pos].contains([';', '"'])
    }) {
        Some(c) => {
            notes.push(format!("relayed by {}", main.source.speaker));
            c
        }
        None => main,
    };
    let mut chosen = main.source.clone();
    if chosen.media {
        if let Some(other) = atts
            .iter()
            .find(|a| !a.source.media && a.source.speaker != chosen.speaker)
        {
            notes.push(format!("via {}", chosen.speaker));
            chosen = other.source.clone();
        }
    }
    let others: Vec<String> = atts
        .iter()
        .map(|a| a.source.speaker.clone())
        .filter(|s| *s != chosen.speaker && !notes.iter().any(|n| n.ends_with(s.as_str())))
        .fold(Vec::new(), |mut v, s| {
            if !v.contains(&s) {
                v.push(s);
            }
            v
        });
    if !others.is_empty() {
        notes.push(format!(
            "kept the subject of the reporting verb, {}, over {}",
            chosen.speaker,
            others.join(", ")
        ));
    } else if chosen.kind == Kind::Country {
        let named: Vec<&str> = countries_named(sentence)
            .into_iter()
            .filter(|n| !chosen.speaker.contains(n))
            .collect();
        if let Some(n) = named.first() {
            notes.push(format!(
                "speaker {} is the subject of the reporting verb; {n} is named in the claim",
                chosen.speaker
            ));
        }
    }
    Some((chosen, notes, main.pos))
}

/// The note of a country's claim whose speaker the next sentence names ("NAME revealed this").
const NAMED_NEXT: &str = "named as its speaker in the next sentence";

/// A counted noun phrase, then "that"/"which" and a capitalised subject up to its verb: "1,000
/// containers of equipment that Washington ", "10,000 boxes that Defense Minister NAME ".
static RELATIVE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[^,;:\x22]|,\d){0,80}?\s(?:that|which)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){1,7}$",
    )
    .expect("relative source")
});

/// ", citing a closed-door briefing by X", "citing testimony from X": an occasion on which X
/// told the speakers what they relay.
static CITING_BRIEFING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bciting\s+(?:an?\s+|the\s+|their\s+|its\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}?(?:briefing|testimony|hearing)\s+(?:by|from|of|given\s+by)\b")
        .expect("citing briefing")
});

/// Verbs of telling someone: "X said Y had told him that N" relays Y's figure.
const RELAY_VERBS: [&str; 6] = ["told", "tells", "tell", "informed", "informs", "briefed"];

/// What a time phrase in a sentence dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeRole {
    /// The statement of the attribution whose verb is at that offset ("said on Monday", "On
    /// Feb. 16, Kostin stated", "in an interview published Friday").
    Statement(usize),
    /// Another source's statement ("as announced by the United States last week").
    Other,
    /// The claim's period.
    Period,
}

/// "in his office", "at the ministry in Seoul": the place a statement was made in, after the
/// object of the verb that tells it.
static PLACE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:in|at)\s+(?:the|his|her|their|its|a)\s+(?:[\w-]+\s+){0,2}[\w-]+(?:\s+in\s+[A-Z][\w-]+)?\s*$")
        .expect("place after")
});

/// Words a subject set off by a comma after an opening relative time may have ("The following
/// month, South Korea's National Intelligence Service told"), counting the comma.
const RELATIVE_SUBJECT_REACH: usize = 7;

/// Reporting verbs with a person or body as object.
/// Reporting verbs with an object before the day: "told the committee on Wednesday",
/// "accused North Korea on Wednesday of".
const TOLD: [&str; 12] = [
    "told", "tells", "informed", "briefed", "assured", "spoke", "speaks", "talked", "accused",
    "accuses", "warned", "urged",
];

/// Words the object of a verb of telling may have before the time of the telling ("told the
/// National Assembly Intelligence Committee on Wednesday").
const TOLD_OBJECT_WORDS: usize = 7;

/// Verbs of observing: their time is when things were seen, the claim's period.
const OBSERVING: [&str; 15] = [
    "observed",
    "counted",
    "counts",
    "tracked",
    "tracks",
    "spotted",
    "detected",
    "recorded",
    "identified",
    "documented",
    "showed",
    "shows",
    "found",
    "finds",
    "discovered",
];

fn time_role(p: &TimePhrase, s: &Sentence) -> TimeRole {
    let Meaning::Period(a, b) = &p.meaning else {
        // "NIS said the following month that": the time of the statement, counted from the one
        // before.
        if matches!(p.meaning, Meaning::Relative(..)) {
            // "The agency told lawmakers the following month that": after the object of a
            // verb of telling too.
            if let Some(v) = s.attributions.iter().find(|v| {
                matches!(v.how, How::Subject | How::Inverted)
                    && !OBSERVING.contains(&v.verb.as_str())
                    && s.text.get(v.verb_end..p.span.0).is_some_and(|gap| {
                        gap.trim().is_empty()
                            || TOLD.contains(&v.verb.as_str())
                                && gap.split_whitespace().count() <= TOLD_OBJECT_WORDS
                                && !gap.contains([',', '"', ';'])
                                && !gap.chars().any(|c| c.is_ascii_digit())
                    })
            }) {
                return TimeRole::Statement(v.pos);
            }
            // "The following month he gave a figure of": opening the sentence (or a list item),
            // before a pronoun or a short subject and its verb.
            let opening = layout::list_marker_len(&s.text);
            if opening <= p.span.0 && s.text[opening..p.span.0].trim().is_empty() {
                if let Some(v) = s.attributions.iter().find(|v| {
                    matches!(v.how, How::Subject | How::Inverted)
                        && !OBSERVING.contains(&v.verb.as_str())
                        && p.span.1 <= v.pos
                        && {
                            // "The following month, South Korea's National Intelligence
                            // Service told": a comma sets the time off before a longer subject.
                            let between = &s.text[p.span.1..v.pos];
                            let reach = if between.trim_start().starts_with(',') {
                                RELATIVE_SUBJECT_REACH
                            } else {
                                3
                            };
                            between.split_whitespace().count() <= reach
                        }
                        && !s.text[p.span.1..v.pos].contains(['"', ';'])
                }) {
                    return TimeRole::Statement(v.pos);
                }
            }
            // "satellite images released by the U.S. government the same day": when another
            // source published, not the claim's period.
            let before = &s.text[..p.span.0];
            if PASSIVE_SOURCE.is_match(before) || PUBLISHED_BEFORE.is_match(before) {
                return TimeRole::Other;
            }
        }
        return TimeRole::Period;
    };
    // "has not published a fresh total since December, when Defence Minister X put the figure
    // at 5,000": the time the when-clause's speaker gave the figure, not a period.
    if !a.is_empty() && WHEN_AFTER.is_match(&s.text[p.span.1..]) {
        if let Some(v) = s.attributions.iter().find(|v| {
            matches!(v.how, How::Subject | How::Inverted)
                && v.pos > p.span.1
                && v.pos - p.span.1 < 160
                && !s.text[p.span.1..v.pos].contains([';', '.'])
        }) {
            return TimeRole::Statement(v.pos);
        }
    }
    // "By late August, a report by the agency put the total at": the time by which the source
    // spoke, opening the sentence before its subject and verb, dates the statement.
    if a.is_empty()
        && s.text[..p.span.0].trim().is_empty()
        && s.text[p.span.0..].starts_with(['B', 'b'])
        && s.text[p.span.1..].trim_start().starts_with(',')
    {
        if let Some(v) = s.attributions.iter().find(|v| {
            matches!(v.how, How::Subject | How::Inverted)
                && p.span.1 < v.pos
                && s.text[p.span.1..v.pos].split_whitespace().count() <= 12
                && !s.text[p.span.1..v.pos].chars().any(|c| c.is_ascii_digit())
        }) {
            return TimeRole::Statement(v.pos);
        }
    }
    // "On Monday the minister, NAME, offered a smaller figure: about 6,700 ..., he said": a day
    // opening the sentence before its subject gave a figure dates the statement.
    if p.day_like && s.text[..p.span.0].trim().is_empty() {
        if let Some(m) = GAVE_FIGURE.find(&s.text[p.span.1..]) {
            let gave_at = p.span.1 + m.start();
            if let Some(v) = s
                .attributions
                .iter()
                .find(|v| matches!(v.how, How::Subject | How::Inverted) && v.pos >= gave_at)
            {
                return TimeRole::Statement(v.pos);
            }
        }
    }
    if p.open || a.is_empty() || common_prefix(a, b).len() < 7 {
        return TimeRole::Period;
    }
    let text = &s.text;
    let before = &text[..p.span.0];
    // "(figures from C4ADS, ..., first published by The Washington Post on Saturday)": a day
    // inside a bracketed source dates that source's statement.
    if let Some(a) = s
        .attributions
        .iter()
        .find(|a| p.day_like && a.verb == "source" && a.pos < p.span.0 && p.span.1 <= a.verb_end)
    {
        return TimeRole::Statement(a.pos);
    }
    // "C4ADS found in railway records, first reported by The Washington Post on 22 June, that
    // ...": the day the finding came out, through a medium, is its source's statement.
    if let Some(m) = FIRST_REPORTED_BY.find(before).filter(|_| p.day_like) {
        let subject = |v: &&Attribution| matches!(v.how, How::Subject | How::Inverted);
        if let Some(v) = s
            .attributions
            .iter()
            .filter(subject)
            .rfind(|v| v.verb_end <= m.start())
            .or_else(|| {
                s.attributions
                    .iter()
                    .filter(subject)
                    .find(|v| v.pos >= p.span.1)
            })
        {
            return TimeRole::Statement(v.pos);
        }
    }
    if PASSIVE_SOURCE.is_match(before) {
        return TimeRole::Other;
    }
    // "The Pentagon put the figure at around 10,000 on 28 October": the day it gave the figure
    // ("at about 6,700 in late February": the month).
    if PUT_AT_BEFORE.is_match(before) {
        if let Some(v) = s
            .attributions
            .iter()
            .rfind(|v| matches!(v.how, How::Subject | How::Inverted) && v.verb_end <= p.span.0)
        {
            return TimeRole::Statement(v.pos);
        }
    }
    let verbs: Vec<&Attribution> = s
        .attributions
        .iter()
        .filter(|a| {
            matches!(a.how, How::Subject | How::Inverted) && !OBSERVING.contains(&a.verb.as_str())
        })
        .collect();
    // "..., said Shin, speaking to foreign correspondents on Monday": the speaker's occasion.
    if let Some(v) = verbs.iter().find(|v| v.verb_end <= p.span.0) {
        let clause = &before[before.rfind(',').map_or(0, |k| k + 1)..];
        if v.verb_end <= before.rfind(',').unwrap_or(0) && OCCASION.is_match(clause) {
            return TimeRole::Statement(v.pos);
        }
    }
    // "The State Department's assessment in June was": the time right after the source.
    if let Some(a) = s.attributions.iter().find(|a| {
        a.how == How::According
            && a.verb_end <= p.span.0
            && text[a.verb_end..p.span.0].trim().is_empty()
    }) {
        return TimeRole::Statement(a.pos);
    }
    // "It was confirmed on the 26th that ..., according to X": the day of the sentence's
    // passive report is its source's statement.
    if p.day_like && PASSIVE_REPORT_BEFORE.is_match(before) {
        if let Some(a) = s.attributions.iter().find(|a| a.how == How::According) {
            return TimeRole::Statement(a.pos);
        }
    }
    // "by the count South Korea's defence minister, Shin Won-sik, gave on 18 March": a day
    // right after the verb by which the source gave its figure.
    if p.day_like && GAVE_BEFORE.is_match(before) {
        if let Some(a) = s
            .attributions
            .iter()
            .rfind(|a| a.how == How::According && a.verb_end <= p.span.0)
        {
            return TimeRole::Statement(a.pos);
        }
    }
    // "The figure the then defence minister, Shin Won-sik, gave in June was": the time a figure
    // was given, its speaker's statement when the sentence names one, else another statement.
    if FIGURE_GIVEN_BEFORE.is_match(before) {
        return s
            .attributions
            .iter()
            .rfind(|a| a.verb_end <= p.span.0)
            .map_or(TimeRole::Other, |a| TimeRole::Statement(a.pos));
    }
    // "whose first report, published on 29 May, found", "said in an interview published on
    // Monday", "set out in a fact sheet of 23 February": the day a document or an interview
    // came out is its source's statement, never a claim's period.
    if p.day_like && (PUBLISHED_BEFORE.is_match(before) || REPORT_PUBLISHED.is_match(before)) {
        return s
            .attributions
            .iter()
            .find(|a| a.pos >= p.span.1 && a.how != How::According)
            .or_else(|| s.attributions.iter().rfind(|a| a.verb_end <= p.span.0))
            .map_or(TimeRole::Other, |a| TimeRole::Statement(a.pos));
    }
    // "according to data the agency submitted to a lawmaker on Sunday": the day the source
    // gave it, when no quantity lies between the source and the day.
    if p.day_like {
        let qs = quantity::find(text);
        if let Some(a) = s.attributions.iter().find(|a| {
            a.how == How::According
                && a.verb_end <= p.span.0
                && !text[a.verb_end..p.span.0].contains([',', ';', '"'])
                && !qs
                    .iter()
                    .any(|q| a.verb_end <= q.span.0 && q.span.1 <= p.span.0)
        }) {
            return TimeRole::Statement(a.pos);
        }
    }
    if let (Some(v), true) = (verbs.first(), BRIEFING.is_match(before)) {
        return TimeRole::Statement(v.pos);
    }
    // "... since September 2023 when it last published a figure, in June": the time of the
    // source's last publication.
    if let (Some(v), true) = (s.attributions.first(), WHEN_PUBLISHED.is_match(before)) {
        return TimeRole::Statement(v.pos);
    }
    // "X, in a report handed to a lawmaker last month, estimated": an aside between the
    // subject and its verb that names the occasion.
    // (Whatever the verb: "Seoul, in a report handed to a lawmaker last month, counted".)
    if let Some(v) = s.attributions.iter().find(|v| {
        matches!(v.how, How::Subject | How::Inverted)
            && p.span.1 <= v.pos
            && text[p.span.1..v.pos].trim() == ","
            && OCCASION_ASIDE.is_match(&before[before.rfind(',').map_or(0, |k| k + 1)..])
    }) {
        return TimeRole::Statement(v.pos);
    }
    // "In his nightly video address on Monday, President X said": an occasion opening the
    // sentence, its day set off by a comma before the speaker and the verb.
    if OPENING_OCCASION.is_match(before) && text[p.span.1..].trim_start().starts_with(',') {
        if let Some(v) = verbs.iter().find(|v| {
            p.span.1 < v.pos
                && v.pos - p.span.1 < 120
                && !text[p.span.1..v.pos].contains([';', '"', '.'])
                && !text[p.span.1..v.pos].chars().any(|c| c.is_ascii_digit())
        }) {
            return TimeRole::Statement(v.pos);
        }
    }
    // "put it bluntly at Monday's briefing": the day owns the occasion of the statement.
    if let (Some(v), true) = (
        verbs.first(),
        p.day_like && DAYS_OCCASION.is_match(&text[p.span.1..]),
    ) {
        return TimeRole::Statement(v.pos);
    }
    for v in verbs {
        if v.verb_end <= p.span.0 {
            let gap = &text[v.verb_end..p.span.0];
            let short = gap.split_whitespace().count() <= 1
                && gap.chars().all(|c| c.is_alphabetic() || c == ' ');
            // "told the National Assembly Intelligence Committee on Wednesday": the object of
            // "told", then the day ("spoke to a small group of correspondents in his office
            // on Monday": and the place it was told in).
            let object = PLACE_AFTER.find(gap).map_or(gap, |m| &gap[..m.start()]);
            // "reported to the National Assembly's intelligence committee on the 22nd": any
            // reporting verb with its recipient after "to".
            let told_object = (TOLD.contains(&v.verb.as_str())
                || gap.trim_start().starts_with("to "))
                && p.day_like
                && object.split_whitespace().count() <= TOLD_OBJECT_WORDS
                && !gap.contains([',', '"'])
                && !gap.chars().any(|c| c.is_ascii_digit());
            // "first disclosed the deployment last October, saying about 1,500 troops had":
            // the verb's object, the time, then the participle that gives the figure.
            let object_then_saying = gap.split_whitespace().count() <= 4
                && !gap.contains([',', '"', ';'])
                && !gap.chars().any(|c| c.is_ascii_digit())
                && SAYING_AFTER.is_match(&text[p.span.1..]);
            if short || told_object || object_then_saying || IN_REPORT.is_match(gap) {
                return TimeRole::Statement(v.pos);
            }
        } else if p.span.1 <= v.pos {
            let lead = before.trim_end();
            let between = &text[p.span.1..v.pos];
            // "Seoul on Wednesday accused"; "Robert Koepcke -- a deputy assistant secretary in
            // ... -- on Wednesday put": the apposition closed before the day aside.
            let subject = match lead.strip_suffix([',', '-']) {
                Some(l) => {
                    let l = l.trim_end_matches(['-', ',', ' ']);
                    match (l.rfind(", "), l.rfind(" -")) {
                        (None, None) => l,
                        (a, b) => l[..a.max(b).unwrap_or(0)].trim_end_matches(['-', ',', ' ']),
                    }
                }
                // "Two years after the invasion began, Washington on Friday accused": the
                // subject after an opening phrase.
                None => lead.rsplit(", ").next().unwrap_or(lead),
            };
            if between.split_whitespace().count() <= 1
                && !between.contains(',')
                && subject.split_whitespace().count() <= 6
            {
                return TimeRole::Statement(v.pos);
            }
            // "Speaking to the BBC on Monday, a senior official said": the occasion opening the
            // sentence.
            if OCCASION.is_match(before) && text[p.span.1..].trim_start().starts_with(',') {
                return TimeRole::Statement(v.pos);
            }
            // "Earlier in August, Seoul's defence ministry said"; "A recap: last Wednesday
            // the spokesman said".
            let at_clause_start = lead.is_empty()
                || lead.ends_with([',', ';', '"', ':'])
                || ["earlier", "later", "separately", "also", "meanwhile"]
                    .contains(&lead.to_lowercase().as_str());
            // "On Wednesday, John Kirby, the White House national security spokesman, had
            // put": an apposition after the name does not count against the distance.
            let between_words = between.split_whitespace().count();
            let apposition = between.trim_start().starts_with(',')
                && between.matches(',').count() >= 3
                && between_words <= 14;
            if at_clause_start
                && (between_words <= 8 || apposition)
                && !between.chars().any(|c| c.is_ascii_digit())
            {
                return TimeRole::Statement(v.pos);
            }
        }
    }
    // "The Kremlin on Tuesday rejected ...": a day between a short subject and its verb is
    // the time of that act, whatever the verb, not a claim's period.
    if p.day_like {
        let lead = before.trim_end();
        let next = text[p.span.1..].split_whitespace().next().unwrap_or("");
        let lead_words = lead.split_whitespace().count();
        if (1..=6).contains(&lead_words)
            && !lead.contains([',', '"', ';'])
            && next.len() > 3
            && next.ends_with("ed")
            && next.starts_with(char::is_lowercase)
            // "Imagery taken on 5 October last year showed": what was seen then, the period.
            && !OBSERVING.contains(&next)
            && !quantity::find(lead).iter().any(|_| true)
        {
            return TimeRole::Other;
        }
    }
    // "five times what was first reported in October": the time of an earlier report.
    if REPORTED_WHEN.is_match(before) {
        return TimeRole::Other;
    }
    // "40% of the ammunition the Russian army uses today": the present, not a span of the
    // deliveries (a statement "said today" is read above).
    if text[p.span.0..p.span.1].eq_ignore_ascii_case("today") {
        return TimeRole::Other;
    }
    TimeRole::Period
}

/// The partial date two dates share: `2024-02-19`, `2024-02-25` give `2024-02`.
fn common_prefix(a: &str, b: &str) -> String {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let p = &a[..n];
    match p.len() {
        10.. => p.to_owned(),
        7..=9 => p[..7].to_owned(),
        4..=6 => p[..4].to_owned(),
        _ => String::new(),
    }
}

/// The time phrase for quantity `qi`: the nearest one with no other quantity in between.
/// A "YYYY-MM-DD" day.
pub(crate) fn parse_day(s: &str) -> Option<time::Date> {
    let mut it = s.splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if s.len() != 10 {
        return None;
    }
    time_phrases::day(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn nearest_period<'p>(
    sentence: &str,
    periods: &'p [(usize, usize, Meaning)],
    qs: &[quantity::Quantity],
    qi: usize,
) -> Option<&'p Meaning> {
    let q = &qs[qi];
    // "In 2024 it sent about 11,000 troops, and in January 2025 some 3,000 more": a period
    // that opens the next clause, before that clause's own number, is that number's.
    let next_clause = |p: &(usize, usize, Meaning)| {
        p.0 >= q.span.1
            && sentence
                .get(q.span.1..p.0)
                .is_some_and(|between| PERIOD_CLAUSE_BREAK.is_match(between))
            && qs.iter().any(|o| o.span.0 >= p.1)
    };
    let blocked = |p: &(usize, usize, Meaning)| {
        next_clause(p)
            || qs.iter().enumerate().any(|(j, o)| {
                j != qi
                    && (p.1 <= o.span.0 && o.span.1 <= q.span.0
                        || q.span.1 <= o.span.0 && o.span.1 <= p.0)
            })
    };
    // "fired one on Dec. 30, and several more on Tuesday": a period that ends the clause before
    // the number's is farther than one of the number's own clause; so is one that ends the
    // conjunct of another number ("one on 30 December and several more the following month").
    let distance = |p: &(usize, usize, Meaning)| {
        if p.0 >= q.span.1 {
            p.0 - q.span.1
        } else {
            let other_conjunct = |between: &str| {
                CONJUNCT_AFTER_PERIOD.is_match(between) && qs.iter().any(|o| o.span.1 <= p.0)
            };
            let own_clause = sentence.get(p.1..q.span.0).is_none_or(|between| {
                !CLAUSE_BREAK_AFTER_PERIOD.is_match(between) && !other_conjunct(between)
            });
            q.span.0.saturating_sub(p.1) + if own_clause { 0 } else { sentence.len() }
        }
    };
    let given = day_given_before_since(sentence, periods, qs, qi).map(|p| p.0);
    let distance = |p: &(usize, usize, Meaning)| {
        distance(p)
            + if given == Some(p.0) {
                sentence.len()
            } else {
                0
            }
    };
    periods
        .iter()
        .filter(|p| !blocked(p))
        .min_by_key(|p| distance(p))
        .or_else(|| periods.iter().min_by_key(|p| distance(p)))
        .map(|p| &p.2)
}

/// "when he met the press on 26 February he read out his latest: about 6,700 containers had
/// gone ... since September": a day before the number is the day the figure was given when a
/// "since" after the number (no other number between) is the count's period.
fn day_given_before_since<'p>(
    sentence: &str,
    periods: &'p [(usize, usize, Meaning)],
    qs: &[quantity::Quantity],
    qi: usize,
) -> Option<&'p (usize, usize, Meaning)> {
    let q = &qs[qi];
    // No other number between; and the "since" in the number's clause (not a table's next
    // cell).
    let apart = |from: usize, to: usize| qs.iter().any(|o| from <= o.span.0 && o.span.1 <= to);
    let since_after = periods.iter().any(|p| {
        p.0 >= q.span.1
            && matches!(&p.2, Meaning::Period(_, b) if b.is_empty())
            && !apart(q.span.1, p.0)
            && sentence
                .get(q.span.1..p.0)
                .is_some_and(|t| !t.contains([';', ',', '|']))
    });
    periods
        .iter()
        .filter(|p| p.1 <= q.span.0 && matches!(&p.2, Meaning::Period(a, b) if a == b))
        .rfind(|p| !apart(p.1, q.span.0))
        .filter(|_| since_after)
}

/// A clause break right after a period phrase, before the next clause's number: ", and ",
/// "; ", ", while ", ", but ".
static CLAUSE_BREAK_AFTER_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:;|,\s*(?:and|while|but|whereas)\b)").expect("clause break after period")
});

/// "and" right after a period phrase, before the next conjunct's number.
static CONJUNCT_AFTER_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*and\s").expect("conjunct after period"));

/// A clause break between a number and a period phrase: "; ", ", and ", ", while ", ", but ".
static PERIOD_CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|,\s+(?:and|while|but|whereas)\s+(?:then\s+)?$").expect("clause break")
});

/// "The ministry also estimates that the containers held 3 million shells": a definite noun
/// phrase of the previous claim's unit refers back to it.
fn refers_to_unit(sentence: &str, last_unit: &str) -> bool {
    let noun = last_unit.split('_').next().unwrap_or("");
    let nouns: &[&str] = match noun {
        "containers" => &["containers"],
        "voyages" => &["voyages", "trips", "journeys", "round trips"],
        "shipments" => &["shipments", "deliveries", "consignments"],
        "railcars" => &["railcars", "wagons", "freight cars"],
        "transfers" => &["transfers"],
        // "matched the visits with 19 calls at Vostochny": the port visits just counted.
        "port" => &["visits", "port calls", "calls", "dockings"],
        // "The agency told the lawmakers that the shells had been sent on at least 10
        // occasions": the shells just counted.
        "artillery" => &["shells", "rounds", "ammunition", "munitions"],
        "munitions" => &["munitions", "ammunition", "shells"],
        "missiles" | "ballistic" => &["missiles"],
        _ => return false,
    };
    let lower = sentence.to_lowercase();
    // "the cargo had gone by sea on more than 70 occasions": goods counted before, named by
    // what they are to a carrier.
    let goods = is_cargo(last_unit) && GOODS_BACK.is_match(&lower);
    goods
        || nouns.iter().any(|n| {
            ["the ", "those ", "these "]
                .iter()
                .any(|d| lower.contains(&format!("{d}{n}")))
        })
}

/// The goods counted before, named generally: "the cargo", "the goods", "the weapons".
static GOODS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:the|this|that|such)\s+(?:cargo|cargoes|goods|materiel|weapons|arms|consignments?|freight)\b")
        .expect("goods back")
});

/// Units of goods (not trips, ships, railcars or people).
fn is_cargo(unit: &str) -> bool {
    ![
        "voyages",
        "port_calls",
        "vessels",
        "railcars",
        "trains",
        "locomotives",
        "flights",
        "troops",
        "percent",
    ]
    .iter()
    .any(|u| unit.starts_with(u))
}

/// The clause of a sentence holding a span.
fn clause_of(s: &str, span: (usize, usize)) -> &str {
    let mut start = 0;
    for m in CLAUSE_BREAK.find_iter(s) {
        if m.start() >= span.1 {
            return &s[start..m.start()];
        }
        if m.end() <= span.0 {
            start = m.end();
        }
    }
    &s[start..]
}

/// One row per claim, speaker and statement date in a file: a claim repeated later (a lede
/// restated) fills the first row's empty fields.
fn dedupe(mut rows: Vec<ClaimRow>) -> Vec<ClaimRow> {
    // A person's organization, once the article gives it ("Robert Koepcke's estimate puts ...
    // The State Department's deputy assistant secretary ... said"), goes on the person's rows.
    for i in 0..rows.len() {
        // Named persons only ("Robert Koepcke"), not descriptions ("Western official").
        let named = {
            let words: Vec<&str> = rows[i].speaker.split_whitespace().collect();
            words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase))
        };
        if rows[i].organization.is_empty() && named {
            let mut orgs = rows
                .iter()
                .filter(|r| r.speaker == rows[i].speaker && !r.organization.is_empty())
                .map(|r| r.organization.clone());
            if let Some(o) = orgs.next() {
                if orgs.all(|x| x == o) {
                    rows[i].organization = o;
                }
            }
        }
    }
    // "N. Korea sent over 10,000 containers of munitions to Russia: U.S." over a body that gives
    // the same figure "according to a fact sheet released by the State Department": one claim,
    // the attributed row, not a second row that names nobody.
    let same_claim = |a: &ClaimRow, b: &ClaimRow| {
        a.quantity == b.quantity
            && a.quantity_low == b.quantity_low
            && a.quantity_high == b.quantity_high
            && a.unit == b.unit
    };
    let attributed: Vec<bool> = rows
        .iter()
        .map(|r| {
            r.speaker.is_empty()
                && rows
                    .iter()
                    .any(|o| !o.speaker.is_empty() && same_claim(o, r))
        })
        .collect();
    let rows: Vec<ClaimRow> = rows
        .into_iter()
        .zip(attributed)
        .filter(|(_, unattributed_repeat)| !unattributed_repeat)
        .map(|(r, _)| r)
        .collect();
    let mut out: Vec<ClaimRow> = Vec::new();
    for r in rows {
        let same = out.iter_mut().find(|o| {
            o.quantity == r.quantity
                && o.quantity_low == r.quantity_low
                && o.quantity_high == r.quantity_high
                && o.unit == r.unit
                && o.speaker == r.speaker
                // "The first group of about 1,500 was carried ..., the agency had said on
                // Friday": the same figure in a statement of another day is a claim of its own.
                && (o.date == r.date || o.date.is_empty() || r.date.is_empty())
        });
        match same {
            Some(o) => {
                for (field, value) in [
                    (&mut o.period_start, &r.period_start),
                    (&mut o.period_end, &r.period_end),
                    (&mut o.route, &r.route),
                    (&mut o.organization, &r.organization),
                    (&mut o.direction, &r.direction),
                ] {
                    if field.is_empty() {
                        field.clone_from(value);
                    }
                }
            }
            None => out.push(r),
        }
    }
    out
}

/// The first time phrase whose text before it matches `before`, as one date (a span's common
/// prefix: "in June" of "2024-06-01..2024-06-30" is `2024-06`).
fn time_after(phrases: &[TimePhrase], text: &str, before: &Regex) -> Option<String> {
    phrases.iter().find_map(|p| match &p.meaning {
        Meaning::Period(a, b) if before.is_match(&text[..p.span.0]) => Some(if b.is_empty() {
            a.clone()
        } else {
            common_prefix(a, b)
        }),
        _ => None,
    })
}
