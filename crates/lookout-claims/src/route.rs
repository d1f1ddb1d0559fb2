//! Route and direction a sentence names: the mode ("by rail", "by ship and cargo plane"), the
//! places ("from Najin to Dunay", "Rajin", "Vostochny") in the `claims.csv` route syntax
//! (`sea:Rajin->Dunai|Vostochny`, `rail:Tumangang->Khasan`, `rail:->` for any rail crossing,
//! `sea+air`), and the country-level direction ("to Russia": `North Korea->Russia`).

use std::sync::LazyLock;

use regex::Regex;

/// Corridor places: pattern, name as in the route syntax, on the supplier side, by rail.
const PLACES: [(&str, &str, bool, bool); 12] = [
    (r"Rajin|Najin|Rason", "Rajin", true, false),
    (r"Chongjin", "Chongjin", true, false),
    (r"Sonbong|Senbong", "Sonbong", true, false),
    (r"Tumangang", "Tumangang", true, true),
    (r"Dunai|Dunay", "Dunai", false, false),
    (r"Vostochny(?:i)?", "Vostochny", false, false),
    (r"Nakhodka", "Nakhodka", false, false),
    (r"Vladivostok", "Vladivostok", false, false),
    (r"Posyet", "Posyet", false, false),
    (r"Zarubino", "Zarubino", false, false),
    (r"Khasan", "Khasan", false, true),
    (r"Tikhoretsk", "Tikhoretsk", false, true),
];

static PLACE_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    PLACES
        .iter()
        .map(|p| Regex::new(&format!(r"\b(?:{})\b", p.0)).expect("place"))
        .collect()
});
static RAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:by|via|on)\s+(?:rail|train|trains|railway)\b|\brail(?:way)?\s+(?:transport|link|line|crossing|bridge|traffic|cars?)\b|\brailcars?\b|\bfreight\s+(?:cars|trains?)\b|\btrains?\b|\btrainloads?\b|\bwagons?\b")
        .expect("rail")
});
/// "train" as a verb just before the end of the text: "to train", "will train", "help train".
static TRAIN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:to|will|would|could|can|help|helped|helping|and)\s+train$")
        .expect("train verb")
});
static SEA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:by|via)\s+(?:sea|ship|ships|vessels?|boat)\b|\bships?\b|\bvessels?\b|\bfreighters?\b|\bport\b|\bmaritime\b|\bvoyages?\b|\bround\s+trips\b|\bsea\b")
        .expect("sea")
});
static AIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:cargo|transport)\s+(?:planes?|aircraft|flights?)\b|\bby\s+air\b|\bairlift\w*\b",
    )
    .expect("air")
});
static TO_COUNTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<prep>to|into|towards|for|from|out\s+of)\s+(?:the\s+)?(?P<c>North\s+Korea|N\.\s?Korea|the\s+North|DPRK|Pyongyang|Russia|Moscow|the\s+Russian\s+Far\s+East)\b(?P<next>\s+\w+)?")
        .expect("to country")
});
static OTHER_WAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the\s+other\s+way|in\s+the\s+(?:other|opposite|reverse)\s+direction|the\s+opposite\s+way)\b")
        .expect("other way")
});
static REVERSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:received\s+by\s+(?:north\s+korea|pyongyang)|russia\s+(?:has\s+|had\s+)?(?:in\s+(?:turn|return)\s+|also\s+)?(?:sent|shipped|supplied|provided|delivered)|russian\s+ships\s+offloading)\b")
        .expect("reverse")
});

/// "near Vladivostok", "outside Khasan", "from the area of Chongjin", "near the southern city
/// of Tikhoretsk", "50 km north of Vladivostok": a landmark, not a route's place.
static LOCATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:near|outside|close\s+to|not\s+far\s+from|(?:the\s+)?(?:area|vicinity|region|surroundings)\s+(?:of|around)|(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+(?:the\s+(?:[\w-]+\s+)?(?:city|port|town)\s+of\s+)?$",
    )
    .expect("locator")
});
/// A noun of travel before "to X": a visit, a trip, a summit ("a visit by President Vladimir
/// Putin to Pyongyang": its traveller between), a ship's voyage ("voyages to North Korea's port
/// of Rajin to load munitions": the ship goes there, the goods come from there).
static TRAVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:visits?|trips?|travel|journeys?|voyages?|sailings?|summit|tour)(?:\s+by\s+(?:[\w'-]+\s+){1,5}?)?\s*$").expect("travel")
});

/// A list of single capitalised names ("Chongjin, Hamhung and Musudan"): when it holds a place
/// that is no corridor place, the side its corridor places are on is only partly named.
static NAME_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][a-z]+(?:,\s+[A-Z][a-z]+)*,?\s+(?:and|or)\s+[A-Z][a-z]+\b")
        .expect("name list")
});

static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Z][a-z]+").expect("name"));

/// The Vostochny cosmodrome (the 2023 summit) is not the port.
static COSMODROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bVostochny\s+(?:cosmodrome|spaceport)\b").expect("cosmodrome")
});

/// Route and direction of a sentence: (`route`, `direction`), each empty when not named.
/// Whether a route names a place (`rail:Tumangang->`), not only a mode (`rail:->`).
pub fn names_place(route: &str) -> bool {
    route
        .split_once(':')
        .is_some_and(|(_, places)| places.chars().any(char::is_alphabetic))
}

/// Whether a route's mode is given and differs from another's ("fourteen trainloads ..., and
/// 2,400 TEUs by sea": the trainloads go by rail).
pub fn other_mode(route: &str, than: &str) -> bool {
    let mode = |r: &str| r.split(':').next().unwrap_or("").to_owned();
    !mode(route).is_empty() && mode(route) != mode(than)
}

/// "across the river from Russia", "across the border from China": a location, no direction.
static ACROSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bacross\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:from|out\s+of)\s*$|\bacross\s+(?:the\s+)?(?:river|border|strait|bay|water)\s+(?:from|out\s+of)\s+[^,;.]*$")
        .expect("across")
});

pub fn find(sentence: &str) -> (String, String) {
    let s = COSMODROME.replace_all(sentence, "");
    let mut origins: Vec<&str> = Vec::new();
    let mut dests: Vec<&str> = Vec::new();
    let (mut rail_place, mut sea_place) = (false, false);
    let mut places: Vec<(usize, usize)> = Vec::new();
    // "from the ports of Chongjin, Hamhung and Musudan to Vladivostok": the origin is not
    // Chongjin alone, so that side is left unnamed (`sea:->Vladivostok`).
    let countries = crate::names::countries(&s);
    let partial: Vec<(usize, usize)> = NAME_LIST
        .find_iter(&s)
        .filter(|l| {
            // "Rajin and North Korea's ...": a name of more words, no list of places.
            let rest = &s[l.end()..];
            let more_words = rest.starts_with(char::is_whitespace)
                && rest.trim_start().starts_with(char::is_uppercase);
            let names = || {
                NAME.find_iter(l.as_str())
                    .map(|w| (l.start() + w.start(), w.as_str()))
            };
            let corridor = |w: &str| PLACE_RES.iter().any(|re| re.is_match(w));
            // "between Rajin in North Korea and Vostochny": a country's word is no place.
            let country = |at: usize| countries.iter().any(|c| c.0 <= at && at < c.1);
            !more_words
                && names().any(|(_, w)| corridor(w))
                && names().any(|(at, w)| !corridor(w) && !country(at))
        })
        .map(|l| (l.start(), l.end()))
        .collect();
    let mut unnamed_side = [false, false];
    for (re, (_, name, supplier, rail)) in PLACE_RES.iter().zip(PLACES.iter()) {
        // "a naval facility at Dunai, near Vladivostok": a landmark locating another place.
        let located = |m: &regex::Match| LOCATOR.is_match(&s[..m.start()]);
        if let Some(m) = re.find_iter(&s).find(|m| !located(m)) {
            places.push((m.start(), if *supplier { 0 } else { 1 }));
            if partial.iter().any(|&(a, b)| a <= m.start() && m.end() <= b) {
                unnamed_side[usize::from(!*supplier)] = true;
            }
            let list = if *supplier { &mut origins } else { &mut dests };
            if !list.contains(name) {
                list.push(name);
            }
            rail_place |= rail;
            sea_place |= !rail;
        }
    }
    // Explicit country direction: "to Russia", "from North Korea".
    let mut from_ru = false;
    let mut to_kp = false;
    let mut named = (false, false);
    for c in TO_COUNTRY.captures_iter(&s) {
        // "to the North Korean port": an adjective, not the country.
        if c["c"].ends_with("North")
            && c.name("next")
                .is_some_and(|n| n.as_str().trim().starts_with("Korea"))
        {
            continue;
        }
        // "a visit to Pyongyang by Russia's president", "trips to North Korea": people or
        // ships travelling, not the goods' direction.
        if TRAVEL.is_match(&s[..c.get(0).map_or(0, |m| m.start())]) {
            continue;
        }
        // "at the Tumangang rail facility, right across the river from Russia": where a place
        // lies, not the goods' direction.
        if ACROSS.is_match(&s[..c.get(0).map_or(0, |m| m.end())]) {
            continue;
        }
        let ru = c["c"].contains("Russia") || c["c"].contains("Moscow");
        let from = c["prep"].starts_with("from") || c["prep"].starts_with("out");
        // "from Russia's Far Eastern ports to depots in the west": a place within Russia.
        let possessive = s[c.name("c").map_or(0, |m| m.end())..].starts_with("'s");
        if from && possessive {
            continue;
        }
        from_ru |= ru && from;
        to_kp |= !ru && !from && !c["prep"].eq("for");
        if ru {
            named.1 = true
        } else {
            named.0 = true
        }
    }
    if unnamed_side[0] {
        origins.clear();
    }
    if unnamed_side[1] {
        dests.clear();
    }
    // "Russia, for its part, is believed to have shipped 9,000 containers the other way": Russia
    // named first, as the sender, of goods going against the corridor.
    let russia_other_way = OTHER_WAY.is_match(&s)
        && countries
            .first()
            .is_some_and(|c| c.2.corridor_side == Some(false));
    let reverse = from_ru || to_kp || russia_other_way || REVERSE.is_match(&s);
    if reverse {
        std::mem::swap(&mut origins, &mut dests);
    }
    let has_kp = named.0
        || countries.iter().any(|c| c.2.corridor_side == Some(true))
        || places.iter().any(|p| p.1 == 0);
    let has_ru = named.1
        || countries.iter().any(|c| c.2.corridor_side == Some(false))
        || places.iter().any(|p| p.1 == 1);
    // "Russia has sent 9,000 containers the other way": the reverse of the corridor, though
    // North Korea goes unnamed.
    let other_way = reverse && OTHER_WAY.is_match(&s);
    let direction = match (has_kp && has_ru || named.0 || named.1 || other_way, reverse) {
        (true, false) => "North Korea->Russia",
        (true, true) => "Russia->North Korea",
        _ => "",
    };
    // "to train in eastern Russia", "will train Russian gunners": the verb, not the railway.
    let rail = RAIL
        .find_iter(&s)
        .any(|m| !(m.as_str().eq_ignore_ascii_case("train") && TRAIN_VERB.is_match(&s[..m.end()])));
    let (sea, air) = (SEA.is_match(&s), AIR.is_match(&s));
    let mode = if rail_place && (rail || !sea_place) || rail && !sea && !sea_place {
        "rail"
    } else if sea && air {
        "sea+air"
    } else if sea || sea_place {
        "sea"
    } else if air {
        "air"
    } else {
        ""
    };
    let route = match (mode, origins.is_empty() && dests.is_empty()) {
        ("", _) => String::new(),
        ("sea+air", true) => "sea+air".to_owned(),
        (m, true) => format!("{m}:->"),
        (m, false) => format!("{m}:{}->{}", origins.join("|"), dests.join("|")),
    };
    (route, direction.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> (String, String) {
        find(s)
    }

    #[test]
    fn routes() {
        assert_eq!(
            f("shipped from Najin to Dunay"),
            ("sea:Rajin->Dunai".into(), "North Korea->Russia".into())
        );
        assert_eq!(
            f("moved by rail to Russia"),
            ("rail:->".into(), "North Korea->Russia".into())
        );
        assert_eq!(
            f("ten transfers by ship and cargo plane"),
            ("sea+air".into(), String::new())
        );
        assert_eq!(
            f("between Rajin and the ports of Dunai and Vostochny"),
            (
                "sea:Rajin->Dunai|Vostochny".into(),
                "North Korea->Russia".into()
            )
        );
        assert_eq!(
            f("9,000 containers went from Russia to North Korea in return"),
            (String::new(), "Russia->North Korea".into())
        );
        assert_eq!(
            f("74,000 tonnes moved by rail from Russia's Far Eastern ports to depots in the west")
                .1,
            ""
        );
        assert_eq!(
            f("about 2,000 soldiers were sent to train in eastern Russia").0,
            ""
        );
        assert_eq!(f("moved on by train to depots").0, "rail:->");
        assert_eq!(
            f("Russia, in exchange, is thought to have moved 4,100 containers the other way").1,
            "Russia->North Korea"
        );
        assert_eq!(
            f("North Korea, for its part, sent 300 containers the other way").1,
            ""
        );
        assert_eq!(
            f("Kim met Putin at the Vostochny cosmodrome"),
            (String::new(), String::new())
        );
    }
}
