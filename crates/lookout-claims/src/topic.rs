//! Whether a claim is about the corridor (rule documented in docs/ledger.md): the article names
//! both sides (North Korea and Russia, or their corridor places), the unit is materiel or
//! transport (containers, shells, missiles, voyages, railcars, tons, ...; a percentage only when
//! it is a share *of* such a thing), and the sentence does not make the claim about another
//! supplier ("Iran sent ... to Russia"). Everything else (election results, port statistics,
//! page furniture that got through) is `off_topic`.

use std::sync::LazyLock;

use regex::Regex;

use crate::names;

/// Units about the corridor's materiel and transport (without calibre, rate or direction
/// suffixes).
const CORRIDOR_UNITS: [&str; 19] = [
    "containers",
    "voyages",
    "shipments",
    "transfers",
    "port_calls",
    "railcars",
    "trains",
    "locomotives",
    "metric_tons",
    "artillery_shells",
    "munitions",
    "ballistic_missiles",
    "missiles",
    "rockets",
    "rocket_launchers",
    "heavy_artillery_pieces",
    "vessels",
    "flights",
    "troops",
];
/// Countries that supply Russia by other routes: a claim naming one of them (and not North
/// Korea) is about that supply.
const OTHER_SUPPLIERS: [&str; 4] = ["Iran", "China", "Belarus", "Syria"];

static CORRIDOR_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Rajin|Najin|Rason|Tumangang|Dunai|Dunay|Vostochny|Khasan)\b").expect("places")
});
static SHARE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:of\s+(?:the\s+|its\s+|their\s+|all\s+|russia's\s+)?(?:[\w'’-]+\s+){0,3}?(?:shells|rounds|ammunition|munitions|containers|shipments|missiles|artillery|weapons|arms|cargo|deliveries|voyages|trips)\b)")
        .expect("share of")
});
static SHARE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:share|proportion|portion|fraction|percentage)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:shells|rounds|ammunition|munitions|containers|shipments|missiles|artillery|weapons|arms|cargo|deliveries|voyages|trips)\b")
        .expect("share word")
});

/// Some sentence of the text names North Korea or a corridor place and a number: the corridor is
/// counted, not only named in passing ("imports from North Korea, which this article does not
/// cover").
pub fn corridor_counted(text: &str) -> bool {
    text.split(['.', '\n', '!', '?'])
        .any(|s| NUMBER_WORD.is_match(s) && names_corridor(s))
}

static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d|\b(?:dozens?|hundreds?|thousands?|millions?|billions?)\b")
        .expect("number word")
});

/// The article names both sides of the corridor (not as the ends of a train or ship of trade
/// goods, in a text that names no materiel), or a corridor place not only for its trade; or
/// North Korea as the sender of munitions or containers ("the number of containers shipped
/// from the North") with no other partner named (Iran, China, Belarus, Syria): an editorial on
/// the trade need not name Russia.
pub fn corridor_article(text: &str) -> bool {
    let cs = names::countries(text);
    let kp = cs.iter().any(|c| c.2.corridor_side == Some(true));
    let ru = cs.iter().any(|c| c.2.corridor_side == Some(false));
    let other = cs.iter().any(|c| OTHER_SUPPLIERS.contains(&c.2.name));
    kp && (ru || RUSSIAN_WAR_REGION.is_match(text))
        && !(trade_only(text) && TRADE_LOAD.is_match(text))
        || CORRIDOR_PLACE.is_match(text) && !trade_only(text)
        || kp && !other && SENT_FROM_NORTH.is_match(text)
}

/// A text that names trade goods (coal, grain, ...) and no materiel anywhere ("the terminal at
/// Rajin handled its first coal cargo"): a corridor place named for its trade.
fn trade_only(text: &str) -> bool {
    TRADE_GOODS.is_match(text) && !MUNITIONS_WORD.is_match(text)
}

/// A train, ship or shipment of trade goods: "a train with flour", "a freight train carrying
/// 2,000 tonnes of wheat".
static TRADE_LOAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:trains?|ships?|vessels?|shipments?|consignments?|cargo(?:es)?)\s+(?:[\w-]+\s+){{0,3}}?(?:of|with|carrying|loaded\s+with)\s+(?:[\w,.-]+\s+){{0,3}}?{GOODS}\b"))
        .expect("trade load")
});

/// Trade goods named anywhere ("ore" left out: "ore cars" name the wagon).
static TRADE_GOODS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{GOODS}\b")).expect("trade goods"));

/// Russia's own regions of the war ("North Korean soldiers are in the Kursk region"): Russia,
/// named by a place of it.
static RUSSIAN_WAR_REGION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:Kursk|Belgorod|Bryansk)\b").expect("russian war region"));

/// Munitions or containers North Korea sends: "containers shipped from the North", "North Korea
/// has sent ... artillery shells".
static SENT_FROM_NORTH: LazyLock<Regex> = LazyLock::new(|| {
    let goods =
        r"(?:containers|shells|munitions|ammunition|rounds|(?:ballistic\s+)?missiles|arms|weapons)";
    let north = r"(?:the\s+North|North\s+Korea|Pyongyang|the\s+DPRK|DPRK)";
    let sent = r"(?:shipped|sent|delivered|supplied|transferred|exported)";
    Regex::new(&format!(
        r"(?i)\b{goods}\s+(?:\w+\s+){{0,3}}?{sent}\s+(?:by|from)\s+{north}\b|\b{north}\s+(?:has|had|have)\s+(?:\w+\s+)?{sent}\s+(?:[\w,.-]+\s+){{0,5}}?{goods}\b"
    ))
    .expect("sent from the north")
});

/// "from depots in ", "from ": the goods' origin right before a country's name.
static ORIGIN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bfrom\s+(?:[\w'-]+\s+){0,3}$").expect("origin before"));

/// Why a row is off the corridor's topic, or `None` when it is on it. `after` is the text after
/// the quantity, `speaker_country` the speaker's country.
/// "5,000 tons of fish", "of coal": trade goods, not munitions or explosives.
static COMMODITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*of\s+(?:[\w-]+\s+){0,2}?(?:fish|seafood|coal|oil|crude|petroleum|fuel|diesel|gasoline|rice|grain|wheat|flour|corn|maize|soybeans?|fertili[sz]ers?|food|foodstuffs?|sugar|ore|timber|wood|textiles|cement|steel|scrap)\b")
        .expect("commodity")
});

/// "grain exports reached 2.5 million tonnes", "exports of coal": the trade named before the
/// number.
static COMMODITY_TRADE: LazyLock<Regex> = LazyLock::new(|| {
    let goods = r"(?:fish|seafood|coal|oil|crude|petroleum|fuel|diesel|gasoline|rice|grain|wheat|flour|corn|maize|soybeans?|fertili[sz]ers?|food|foodstuffs?|sugar|ore|timber|wood|textiles|cement|steel|scrap)";
    Regex::new(&format!(
        r"(?i)\b{goods}\s+(?:exports?|imports?|shipments?|deliveries|trade|output|production|harvest|sales|cargo(?:es)?)\b|\b(?:exports?|imports?|shipments?|sales)\s+of\s+(?:[\w-]+\s+)?{goods}\b"
    ))
    .expect("commodity trade")
});

pub fn off_topic(
    article: bool,
    counted: bool,
    unit: &str,
    sentence: &str,
    after: &str,
    speaker_country: Option<&str>,
) -> Option<&'static str> {
    if !article {
        return Some("the text does not name both sides of the corridor");
    }
    if unit.starts_with("percent") {
        if !(SHARE_OF.is_match(after) || SHARE_WORD.is_match(sentence)) {
            return Some("a percentage that is not a share of shipments or munitions");
        }
    } else if !CORRIDOR_UNITS.iter().any(|u| unit.starts_with(u)) {
        return Some("the unit is not materiel or transport");
    }
    // Trade goods by the ton, train or shipment ("10 trains of grain"); not containers or
    // railcars, which the corridor's own claims count whatever they carry.
    let by_load = ["metric_tons", "trains", "shipments"]
        .iter()
        .any(|u| unit.starts_with(u));
    let before = &sentence[..sentence.len().saturating_sub(after.len())];
    if by_load && (COMMODITY.is_match(after) || COMMODITY_TRADE.is_match(before)) {
        return Some("a load of trade goods (fish, coal, grain, ...), not materiel");
    }
    let cs = names::countries(sentence);
    let supplier =
        cs.iter().any(|c| c.2.corridor_side == Some(true)) || CORRIDOR_PLACE.is_match(sentence);
    // Not the speaker's own country, unless the goods come from it ("trains carrying ammunition
    // from depots in Belarus", by a Belarusian group's count).
    let other = cs.iter().any(|c| {
        OTHER_SUPPLIERS.contains(&c.2.name)
            && (Some(c.2.name) != speaker_country || ORIGIN_BEFORE.is_match(&sentence[..c.0]))
    });
    // "South Korea has agreed to lend the United States 500,000 rounds": a country that is
    // not a side of the corridor gives the goods (the subject of a supply verb before the
    // number), and North Korea is not named between it and the number.
    let giver = cs
        .iter()
        .filter(|c| c.1 <= before.len())
        .rfind(|c| c.2.corridor_side.is_none() && GIVES.is_match(&sentence[c.1..]))
        .is_some_and(|g| {
            let between = &before[g.1..];
            !CORRIDOR_PLACE.is_match(between)
                && !names::countries(between)
                    .iter()
                    .any(|c| c.2.corridor_side == Some(true))
        });
    if giver {
        return Some("the claim is about another supplier");
    }
    if let Some(why) = not_the_corridors_count(unit, sentence, before, after, supplier, counted) {
        return Some(why);
    }
    (other && !supplier).then_some("the claim is about another supplier")
}

/// Counts of things the corridor is not about, even in a text that names its places: how often
/// a post was viewed, soldiers killed, passenger flights, a railway's freight in general or its
/// new rolling stock, and (in a sentence that names no corridor side) a country's own production
/// or fire rate. `supplier`: the sentence names North Korea or a corridor place; `counted`: some
/// sentence of the text names one with a number (see [`corridor_counted`]).
fn not_the_corridors_count(
    unit: &str,
    sentence: &str,
    before: &str,
    after: &str,
    supplier: bool,
    counted: bool,
) -> Option<&'static str> {
    if AUDIENCE.is_match(before) || AUDIENCE_NOUN.is_match(after) || AUDIENCE_VERB.is_match(before)
    {
        return Some("how often something was viewed or shared, not transport");
    }
    let war_side = names_war_side(sentence);
    // "The United States keeps about 20,000 troops in Japan": a third country's garrison in an
    // ally, not troops sent to Russia (a sentence that names Russia or its war is kept).
    if unit.starts_with("troops") && !war_side && STATIONED.is_match(sentence) {
        return Some("troops a third country keeps in an ally, not troops sent to Russia");
    }
    let munitions = MUNITIONS_WORD.is_match(sentence);
    // "A standard wagon can carry about 60 tonnes of cargo": what a carrier can hold by weight,
    // not a load sent ("could carry 3 million shells" or "tonnes of explosives" are claims).
    let clause_after = after.split([',', ';']).next().unwrap_or("");
    if unit.starts_with("metric_tons")
        && CAN_HOLD.is_match(before)
        && !MUNITIONS_WORD.is_match(clause_after)
    {
        return Some("what a container, wagon or ship can hold, not a load sent");
    }
    // "the terminal aims to handle 3 million tonnes a year": a port's throughput or capacity
    // target, trade rather than a claim about materiel.
    if unit.starts_with("metric_tons") && !munitions && THROUGHPUT.is_match(before) {
        return Some("a port's or terminal's throughput or capacity in tonnes, trade");
    }
    // "The port of Niigata handled about 190,000 TEU of containers last year": a port's
    // container throughput (counted in TEU, or what a port handled), trade, when the sentence
    // names neither North Korea nor a corridor place and no munitions.
    if unit.starts_with("containers")
        && !supplier
        && !munitions
        && (TEU_COUNT.is_match(before) || PORT_HANDLED.is_match(before))
    {
        return Some("a port's container throughput, trade");
    }
    if unit.starts_with("troops") && (CASUALTY_AFTER.is_match(after) || CASUALTY.is_match(before)) {
        return Some("casualties (dead, killed, wounded), not troops sent");
    }
    // "North Korea fired several ballistic missiles off its east coast": a launch of its own
    // (a test into the sea), not missiles fired at Ukraine.
    if unit.ends_with("_launched")
        && TEST_LAUNCH.is_match(sentence)
        && !AT_UKRAINE.is_match(sentence)
    {
        return Some("a missile test into the sea, not missiles fired at Ukraine");
    }
    // "Pyongyang launched more than 20 ballistic missiles last year", "a regime that has tested
    // 60 missiles": launches or tests of its own, in a sentence that names neither Russia nor
    // its war.
    let missiles = unit.starts_with("missiles") || unit.starts_with("ballistic_missiles");
    if (missiles || unit.ends_with("_launched"))
        && !names_war_side(sentence)
        && OWN_LAUNCH.is_match(before)
    {
        return Some("missiles a country launched or tested itself, not a transfer");
    }
    // "North Korea's army has more than a million soldiers under arms": an army's size.
    if unit.starts_with("troops") && ARMY_SIZE.is_match(sentence) {
        return Some("the size of an army, not troops sent");
    }
    // "The drills ended on Friday with some 20,000 troops taking part": the troops of an
    // exercise, in a sentence that names neither Russia nor its war.
    if unit.starts_with("troops") && !war_side && EXERCISE.is_match(sentence) {
        return Some("troops of a military exercise, not troops sent to Russia");
    }
    // "the next sanctions package lists 189 more vessels of Russia's shadow fleet": ships
    // listed in sanctions, in a sentence that names no corridor side.
    if unit.starts_with("vessels") && !supplier && SANCTION_LIST.is_match(sentence) {
        return Some("vessels listed in sanctions, not voyages of the corridor");
    }
    if unit.starts_with("flights") && PASSENGER.is_match(sentence) {
        return Some("passenger flights, not transport of materiel");
    }
    // "Lorries cross the bridge several times a day": road or passenger traffic, which the
    // corridor's counts (ships, trains) are not, unless the sentence names munitions.
    if unit.starts_with("voyages") && !munitions && ROAD_TRAFFIC.is_match(sentence) {
        return Some("road or passenger traffic across a border, not the corridor's voyages");
    }
    let rolling_stock = ["railcars", "locomotives", "trains", "vessels"]
        .iter()
        .any(|u| unit.starts_with(u));
    if rolling_stock
        && (NEW_STOCK.is_match(before) || FLEET_AFTER.is_match(after) || FLEET_OF.is_match(before))
    {
        return Some("rolling stock or ships bought or added to a fleet, not voyages");
    }
    // Not railcars: "ore cars", "tank cars" name the wagon, not its load.
    let by_load = ["metric_tons", "shipments"]
        .iter()
        .any(|u| unit.starts_with(u));
    if by_load && !munitions && COMMODITY_WORD.is_match(sentence) {
        return Some("a load that the sentence says is trade goods (coal, oil, ...), not materiel");
    }
    // "The flour travelled in 30 covered wagons a week", "300 containers loaded with coal":
    // wagons or containers whose load the sentence says is trade goods, whatever corridor
    // place they pass.
    let carrier = ["railcars", "containers", "trains", "vessels", "voyages"]
        .iter()
        .any(|u| unit.starts_with(u));
    if carrier && !munitions && (GOODS_SUBJECT.is_match(before) || GOODS_LOAD.is_match(after)) {
        return Some(
            "wagons, containers or ships carrying trade goods (flour, coal, ...), not materiel",
        );
    }
    // "The rail operator hauled 12.4 million tonnes of cargo ..., as trade with North Korea
    // picked up": a carrier's total, whatever the rest of the sentence names.
    let carrier_total = CARRIER.is_match(before) && !names_corridor(before);
    // "C4ADS found that more than 74,000 tonnes of cargo moved by rail from the Far East
    // ports", in a text that counts the corridor elsewhere: the corridor's cargo, unless a
    // carrier or port holds the total ("the port handled", "the railway loaded").
    let freight_holder = carrier_total || FREIGHT_HOLDER.is_match(before);
    // "The railway moves 1.2bn tonnes of freight a year, which makes it easy for military
    // cargo to hide": a carrier's total, whatever a clause describing it names.
    let told = after
        .find(", which")
        .filter(|_| carrier_total)
        .map_or(sentence, |i| &sentence[..before.len() + i]);
    if (by_load || unit.starts_with("trains") || unit.starts_with("railcars"))
        && !MUNITIONS_WORD.is_match(told)
        && (!supplier && (!counted || freight_holder) || carrier_total)
        && GENERAL_FREIGHT.is_match(after)
    {
        return Some("a carrier's freight in general, not the corridor's");
    }
    let ammunition = [
        "artillery_shells",
        "munitions",
        "missiles",
        "ballistic_missiles",
        "rockets",
    ]
    .iter()
    .any(|u| unit.starts_with(u));
    // "North Korea fired 90 rounds near the border island", "the South answered with a drill,
    // firing 150 shells": rounds fired on the Korean peninsula (drills, an island, a border),
    // not a transfer; a sentence that names Russia or the war in Ukraine is kept.
    if ammunition && !war_side && OWN_FIRE.is_match(sentence) && FIRE_SCENE.is_match(sentence) {
        return Some("rounds fired in a drill or at a border, not a transfer");
    }
    // "Russia fires about 10,000 rounds a day" in a clause that describes a place ("the front,
    // where ..."): background to the claim, not a claim of its own.
    if ammunition && WHERE_FIRE.is_match(before) {
        return Some("a fire rate in a clause describing a place, background");
    }
    // "an army that has at times fired 20,000 rounds in a single day": the most fired in one
    // day, in a sentence that names no corridor side; no transfer.
    if ammunition
        && !supplier
        && FIRED_BEFORE.is_match(before)
        && (PEAK_DAY.is_match(clause_after) || PEAK_BEFORE.is_match(before))
    {
        return Some("a day's fire at its peak, not a transfer");
    }
    // "The North has massed some 500 rocket launchers along the border": weapons a country
    // deploys at home (a border, a coast), in a sentence that names neither Russia nor its war.
    let weapons = ammunition
        || ["rocket_launchers", "heavy_artillery_pieces"]
            .iter()
            .any(|u| unit.starts_with(u));
    if weapons && !war_side && DEPLOYED_BEFORE.is_match(before) && FIRE_SCENE.is_match(sentence) {
        return Some("weapons a country deploys at home, not a transfer");
    }
    // "the Hwasong-11 and Hwasong-12, two missiles Pyongyang first tested in 2019": the
    // types described, not a count.
    if missiles && TESTED_AFTER.is_match(after) {
        return Some("missile types a country tested, described, not a count");
    }
    // "North Korea has some 5 million shells in its stockpiles": what a country holds, not
    // what it sent.
    if ammunition
        && (STOCKPILE_AFTER.is_match(after) || STOCKPILE_BEFORE.is_match(before))
        && !TRANSFER.is_match(sentence)
    {
        return Some("a country's stockpile, not supply from North Korea");
    }
    // "Ukraine's gunners need some 6,000 rounds a day": what an army needs, in a sentence that
    // names no corridor side.
    if ammunition && !supplier && NEED_BEFORE.is_match(before) {
        return Some("what an army needs, not supply from North Korea");
    }
    // "a Nordic coalition to purchase 300,000 shells from outside Europe": munitions bought
    // for Ukraine, in a sentence that names neither side of the corridor (but may name
    // Ukraine: "officials had tracked down 500,000 rounds abroad, and Kyiv was told").
    // "Denmark agreed to purchase 90,000 rounds for Ukrainian forces, while ...": the clause
    // after the number says so, whatever the rest of the sentence names.
    let named_elsewhere = !supplier && !war_side_russia(sentence);
    if ammunition
        && BUY_BEFORE.is_match(before)
        && !names_corridor(before)
        && !war_side_russia(before)
        && (TO_UKRAINE.is_match(clause_after)
            || named_elsewhere
                && (TO_UKRAINE.is_match(sentence)
                    || WEST_BUYER.is_match(sentence)
                    || AT_UKRAINE.is_match(sentence)))
    {
        return Some("munitions bought for Ukraine, not supply from North Korea");
    }
    // "a framework agreement for 1,000 tanks and 288 rocket launchers, making Poland the
    // largest buyer": an arms deal in a sentence that names neither the corridor nor the war.
    if weapons && !supplier && !names_war_side(sentence) && ARMS_DEAL.is_match(sentence) {
        return Some("weapons a third country buys, not supply from North Korea");
    }
    if ammunition && !supplier && !BACK_TO_GOODS.is_match(sentence) {
        // "some 800,000 artillery shells outside the EU that could reach Ukraine": supply to
        // the other side of the war, not from North Korea.
        if TO_UKRAINE.is_match(sentence) {
            return Some("supply to Ukraine, not from North Korea");
        }
        // ("because the assessment had not been made public": no making of goods.)
        if OWN_PRODUCTION
            .find_iter(sentence)
            .any(|m| !MADE_KNOWN.is_match(&sentence[m.start()..]))
        {
            return Some("a country's own production, not supply from North Korea");
        }
        // "Russia fires about 10,000 shells a day" is context a corridor article gives for
        // its counts; in a text that counts nothing of the corridor it is the subject.
        if !counted && OWN_FIRE.is_match(sentence) {
            return Some("a country's own fire rate or use, not supply from North Korea");
        }
    }
    None
}

/// The sentence names Russia or a place of its war (Ukraine, Kursk, the front).
fn names_war_side(sentence: &str) -> bool {
    war_side_russia(sentence) || AT_WAR.is_match(sentence)
}

/// The sentence names Russia (or Moscow, the Kremlin).
fn war_side_russia(sentence: &str) -> bool {
    names::countries(sentence)
        .iter()
        .any(|c| c.2.corridor_side == Some(false))
}

/// Places of Russia's war: Ukraine, its cities, Kursk, the front.
static AT_WAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:Ukrain\w*|Kyiv|Kiev|Kharkiv|Zaporizhzhia|Odesa|Dnipro|Donbas|Donetsk|Luhansk|Kursk|Belgorod|front(?:\s+line)?|frontline|battlefield)\b")
        .expect("at war")
});
/// "views", "shares" after the number: an audience.
static AUDIENCE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:views|reads|shares|likes|impressions|retweets|reposts|downloads|clicks|streams|followers|subscribers|page\s+views)\b")
        .expect("audience noun")
});
/// "has been viewed 1.2 million times": a viewing verb just before the number (`before` ends
/// with the number), whatever unit
/// "times" was read as ("read" and "opened" are left out: "the report read 5,000 ...").
static AUDIENCE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:viewed|watched|shared|liked|retweeted|reposted|downloaded|clicked|streamed)\s+(?:(?:about|around|some|roughly|nearly|almost|over|more\s+than|at\s+least|close\s+to)\s+)?[\d.,]+(?:\s+(?:thousand|million|billion))?(?:\s+times)?\s*$")
        .expect("audience verb")
});
/// A garrison: "keeps", "stations", "based in", "hosts".
static STATIONED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:keeps?|kept|keeping|station(?:s|ed|ing)?|garrison\w*|based\s+(?:in|on|at)|hosts?|hosted|hosting|maintains?\s+(?:a\s+force\s+of\s+|some\s+|about\s+|around\s+|roughly\s+)?[\d,.]+)\b")
        .expect("stationed")
});
/// A count in twenty-foot equivalent units ("190,000 TEU"): a port's or line's volume.
static TEU_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bTEUs?\s*$").expect("teu count"));
/// What a port or terminal handled: "the port of Niigata handled", "the terminal processed".
static PORT_HANDLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:port|terminal|harbou?r|container\s+yard)\b[^.;]{0,80}?\b(?:handled|handles|handling|processed|processes|throughput|turnover|volume)\b")
        .expect("port handled")
});
/// Whoever holds a freight total: a port, terminal, railway, carrier or shipping line.
static FREIGHT_HOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ports?|terminals?|harbou?rs?|railways?|rail\s+operator|operator|company|carrier|shipping\s+line|logistics\s+group|corridor)\b[^.;]{0,80}?\b(?:handled|handles|loaded|loads|hauled|hauls|carried|carries|carrying|processed|shipped|moved|transported|transshipped|used)\b")
        .expect("freight holder")
});
/// A port's or terminal's throughput or capacity named before the tonnage.
static THROUGHPUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:throughput|capacity|handling\s+volume|cargo\s+turnover|turnover|transshipment\s+volume|transshipments?\s+(?:through|at|via)|(?:aims?|hopes?|plans?|expects?|targets?)\s+to\s+(?:handle|process|transship))\b")
        .expect("throughput")
});
/// Where rounds are fired on the peninsula: a drill, an island, a border, the sea.
static FIRE_SCENE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:drills?|exercises?|live-fire|island|islands|border|frontier|buffer\s+zone|demilitari[sz]ed\s+zone|DMZ|demarcation\s+line|waters|sea|coast|coastal|maritime)\b")
        .expect("fire scene")
});
/// A purchase verb before the number: "to buy", "procured", "purchasing".
static BUY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:buy|buys|bought|buying|purchas\w*|procur\w*|acquir\w*|sourc(?:e|ed|ing)|find|finding|locat(?:e|es|ed|ing)|secur(?:e|es|ed|ing)|obtain\w*)\b(?:[^.;:]|\d\.\d){0,40}$")
        .expect("buy before")
});
/// An arms deal: a contract, order or agreement, or its buyer.
static ARMS_DEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:deals?|contracts?|agreements?|orders?\s+for|buyers?|purchases?|procurement|tender)\b")
        .expect("arms deal")
});
/// ", where Russia fires about", ", where its gunners use up to": a fire verb in a "where"
/// clause that runs on to the number.
static WHERE_FIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+where\s+[^,;.]{0,60}?\b(?:fire|fires|fired|firing|use|uses|used|using|expend\w*|consum\w*|shoot\w*)\b(?:[^,;.]|\d[.,]\d){0,40}$")
        .expect("where fire")
});
/// A fire verb in the clause running on to the number and its noun: "has fired more than 900
/// rounds", "fires some".
static FIRED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:fire|fires|fired|firing|expend\w*|shoot\w*|shot)\b(?:[^.;,:]|\d[.,]\d){0,40}$",
    )
    .expect("fired before")
});
/// "in a single day", "on one day", "on its busiest day": a day at the peak, after the number.
static PEAK_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;]{0,40}?\b(?:in|on|during)\s+(?:(?:a|one)\s+(?:single\s+)?|(?:a|its|their|the)\s+(?:busiest|heaviest|worst|peak)\s+)day\b")
        .expect("peak day")
});
/// "at times", "at its peak", "on some days": the fire's peak, before the number.
static PEAK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:at\s+times|at\s+(?:its|their|the)\s+peak|on\s+some\s+days|on\s+(?:its|their)\s+(?:busiest|heaviest)\s+days?)\b(?:[^.;,:]|\d[.,]\d){0,60}$")
        .expect("peak before")
});
/// "has deployed an estimated 1,000 guns", "massed some 300 launchers": weapons placed at home,
/// in the clause running on to the number and its noun.
static DEPLOYED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:deploy(?:s|ed|ing)?|position(?:s|ed|ing)?|station(?:s|ed|ing)?|mass(?:es|ed|ing)?|amass(?:es|ed|ing)?|field(?:s|ed|ing)?|keeps?|kept|maintains?|maintained)\b(?:[^.;,:]|\d[.,]\d){0,60}$")
        .expect("deployed before")
});
/// "missiles North Korea first tested in 2019", "that Pyongyang unveiled": the types described
/// by a clause of their testing, right after the noun.
static TESTED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[\w-]+\s+){0,3}?(?:(?:that|which)\s+)?(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK|it)\s+(?:(?:first|has|had|only|publicly)\s+)*(?:tested|test-fired|test-launched|unveiled|developed)\b")
        .expect("tested after")
});
/// "in its stockpiles", "in the North's arsenal": where a country holds goods, in the clause
/// after the number.
static STOCKPILE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^,;.]{0,60}?\b(?:in|inside)\s+(?:its|their|the|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?'s)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:stockpiles?|stocks|arsenals?|reserves|inventor(?:y|ies)|depots|warehouses)\b")
        .expect("stockpile after")
});
/// "stockpiles of millions of shells", "an arsenal of some": the holding named right before
/// the number.
static STOCKPILE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:stockpiles?|stocks|arsenals?|reserves|inventor(?:y|ies))\s+of\s+(?:[^.;,:]|\d[.,]\d){0,50}$")
        .expect("stockpile before")
});
/// "needs", "requires", "needs run to": a need named right before the number.
static NEED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:needs?|needed|requires?|required|requirements?)\b(?:[^.;,:]|\d[.,]\d){0,60}$",
    )
    .expect("need before")
});
/// "can carry about", "could hold up to": a capacity before the number, in its clause.
static CAN_HOLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:can|could)\s+(?:hold|carry|take|accommodate|load)\b(?:[^.;,:]|\d[.,]\d){0,50}$",
    )
    .expect("can hold")
});
/// "North Korea launched more than", "the North fired", "has tested some": a launch or test
/// verb right before the number, tested by anyone or launched by North Korea.
static OWN_LAUNCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:tested|test-fired|test-launched)|\b(?:North\s+Korea|Pyongyang|the\s+North|the\s+DPRK)\s+(?:(?:has|have|had|also)\s+)*(?:launched|fired))\b(?:[^.;,:]|\d[.,]\d){0,60}$")
        .expect("own launch")
});
/// A verb of moving goods from one country to another.
static TRANSFER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sen[dt]|sending|sends|ship(?:s|ped|ping)?|deliver\w*|suppl(?:y|ies|ied|ying)|transfer\w*|export\w*|provid\w*|moved|transported)\b")
        .expect("transfer")
});
/// A buyer on Ukraine's side: the EU, NATO, allies, an initiative or coalition.
static WEST_BUYER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:EU|European|Europe|NATO|allies|allied|Western|initiative|coalition|scheme|donors?|partners|funded\s+by|financed\s+by)\b")
        .expect("west buyer")
});

/// The text names North Korea or a corridor place.
fn names_corridor(text: &str) -> bool {
    CORRIDOR_PLACE.is_match(text)
        || names::countries(text)
            .iter()
            .any(|c| c.2.corridor_side == Some(true))
}

/// A launch of a country's own: into the sea, off a coast, a test.
static TEST_LAUNCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:into\s+(?:the\s+)?(?:sea|water|waters|ocean)|off\s+(?:its|the|their|the\s+\w+'s)\s+(?:\w+\s+)?(?:coast|coastline|shore)|East\s+Sea|Sea\s+of\s+Japan|Yellow\s+Sea|exclusive\s+economic\s+zone|test(?:s|ed|ing)?|test-fir\w*|test\s+launch\w*|weapons\s+tests?)\b")
        .expect("test launch")
});
/// Fired at Ukraine or its cities.
static AT_UKRAINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:Ukrain\w*|Kyiv|Kiev|Kharkiv|Zaporizhzhia|Odesa|Dnipro|front(?:\s+line)?|battlefield)\b")
        .expect("at Ukraine")
});
/// "more than a million soldiers under arms", "the army numbers 1.2 million": an army's size.
static ARMY_SIZE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:under\s+arms|on\s+active\s+duty|active[-\s]duty|standing\s+army|reservists|(?:army|military|armed\s+forces)(?:'s)?\s+(?:has|have|had|numbers|numbered|totals|counts|strength|size))\b")
        .expect("army size")
});
/// Ships listed in sanctions ("the package lists 189 vessels", "sanctioned 40 tankers").
static SANCTION_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sanction\w*|blacklist\w*|designat\w*|lists|listed|listing)\b")
        .expect("sanction list")
});

/// Goods bound for Ukraine ("could reach Ukraine", "delivered to Ukraine", "for Kyiv's
/// forces", "promised Ukraine a million shells"), not fired at it ("at Ukraine", "into
/// Ukraine").
static TO_UKRAINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:reach(?:es|ed|ing)?|to|for|bound\s+for|destined\s+for|supply(?:ing)?|arm(?:ing)?|promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|offer(?:s|ed|ing)?|owe[sd]?|give[sn]?|gave|giving)\s+(?:the\s+)?(?:Ukraine|Kyiv|Kiev|Ukrainian\s+(?:forces|troops|army|military|gunners|soldiers))\b")
        .expect("to Ukraine")
});

/// A carrier as the subject of a total: a railway, its operator, a shipping company.
static CARRIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:railways?|rail\s+operator|operator|company|carrier|shipping\s+line|logistics\s+group)\b")
        .expect("carrier")
});

/// "viewed more than 400,000 times", "shared 12,000 times": an audience, not events of the trade.
static AUDIENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:viewed|watched|read|shared|liked|retweeted|reposted|downloaded|clicked|streamed|played|opened|cited|quoted)\b[^.;:]{0,40}?\btimes\s*$")
        .expect("audience")
});
/// "31,000 soldiers killed", "troops who died": casualties.
static CASUALTY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:who|that)\s+)?(?:(?:were|was|are|have|has|had|been|being|reportedly|already)\s+){0,3}(?:killed|dead|died|wounded|injured|missing|captured|slain|lost|taken\s+prisoner)\b|^\s*(?:have|had|has)?\s*(?:lost\s+their\s+lives|fallen)\b")
        .expect("casualty after")
});
/// "the military dead: 31,000 soldiers", "losses of 4,000 troops": casualties named before the
/// number, in its clause.
static CASUALTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:dead|deaths?|death\s+toll|casualt(?:y|ies)|losses|fatalities|killed|wounded|lost|died)\b(?:[^.;,]|\d[.,]\d){0,60}$")
        .expect("casualty")
});
/// A military exercise: "the exercise", "joint drills", "war games".
static EXERCISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:exercises?|drills?|war\s+games|manoeuvres|maneuvers)\b")
        .expect("exercise")
});
/// Passenger flights: who flies, or flights an airport cancelled or delayed.
static PASSENGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:passengers?|tourists?|tourism|airlines?|commercial|scheduled|holiday\w*|travell?ers|airports?|cancell?(?:ed|ing|ations?)|delay(?:ed|s)?)\b")
        .expect("passenger")
});
/// Road vehicles or passengers: "trucks", "lorries", "buses", "passenger traffic".
static ROAD_TRAFFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:trucks?|lorry|lorries|buses|coaches|passengers?|tourists?)\b")
        .expect("road traffic")
});
/// "1,200 new wagons", "20 newly built locomotives".
static NEW_STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:new|newly\s+built|brand-new)\s+(?:[\w-]+\s+)?[\w-]+\s*$")
        .expect("new stock")
});
/// "a fleet of more than 20 vessels", "whose fleet of 40": the size of a fleet, not voyages.
static FLEET_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bfleet\s+of\s+[^.;,:]{0,30}$").expect("fleet of"));
static FLEET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[^.;]{0,30}?\b(?:to|for|into|in)\s+(?:its|their|the|a)\s+(?:own\s+|\w+\s+)?fleet\b",
    )
    .expect("fleet after")
});
/// Trade goods named anywhere in the sentence ("Shipments ..., including coal for Rajin, rose to
/// 1.1 million tonnes").
static COMMODITY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fish|seafood|coal|oil|crude|petroleum|fuel|diesel|gasoline|rice|grain|wheat|flour|corn|maize|soybeans?|fertili[sz]ers?|foodstuffs?|sugar|ore|timber|textiles|cement|steel|scrap)\b")
        .expect("commodity word")
});
/// Trade goods a wagon, container or ship carries.
const GOODS: &str = r"(?:fish|seafood|coal|oil|crude|petroleum|fuel|diesel|gasoline|rice|grain|wheat|flour|corn|maize|soybeans?|fertili[sz]ers?|food|foodstuffs?|sugar|timber|textiles|cement|steel|scrap)";

/// Goods as the subject of a moving verb before the count: "The flour travelled in", "the coal
/// was loaded into", "grain products went by".
static GOODS_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b{GOODS}(?:\s+(?:products|exports|imports|cargo(?:es)?|shipments?))?\s+(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+)?(?:travel\w*|mov(?:ed|es|ing)|roll\w*|went|goes|came|comes|arriv\w*|left|leaves|carried|shipped|loaded|hauled|sent|transported|delivered|packed)\b"))
        .expect("goods subject")
});

/// Goods as the load after the count: "30 wagons of flour", "300 containers loaded with coal".
static GOODS_LOAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*(?:[\w-]+\s+){{0,3}}?(?:of|loaded\s+with|carrying|filled\s+with|full\s+of|with)\s+(?:[\w-]+\s+){{0,2}}?{GOODS}\b"))
        .expect("goods load")
});

static MUNITIONS_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shells?|rounds|ammunition|munitions|missiles?|rockets?|weapons|arms|artillery|military|explosives?|materiel)\b")
        .expect("munitions word")
});
/// "35.6 million tonnes of freight", "of cargo": a carrier's freight in general.
static GENERAL_FREIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*of\s+(?:(?:all|its|their|the|general|total)\s+)?(?:freight|cargo|goods)\b")
        .expect("general freight")
});
/// "made public", "made clear": "made" of telling, not of producing.
static MADE_KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^made\s+(?:public|known|clear|available|aware)\b").expect("made known")
});
/// "Russia's defence industry produced about 3 million shells": production.
/// A production target counts too: "on track for 100,000 rounds a month by the end of next
/// year", "a goal of 1.2 million shells".
static OWN_PRODUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:produc\w*|manufactur\w*|output|make|makes|made|making|turn(?:s|ed)?\s+out|factories|industry|on\s+(?:track|course|pace)\s+(?:for|to)|(?:target|goal)\s+of)\b")
        .expect("own production")
});
/// "the 10 million rounds a year that Russian forces fired": the fire rate.
static OWN_FIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fire|fires|fired|firing|expend\w*|consum\w*|shoot\w*|shot)\b")
        .expect("own fire")
});

/// A supply verb right after a country named as its subject: "South Korea has agreed to lend",
/// "Poland will send", "Japan supplied", "Norway pledged" (not "Russia received", nor "the
/// United States said").
static GIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:'s\s+government)?\s+(?:(?:has|have|had|will|would|is|was|could|may|might|plans?\s+to|planned\s+to|agreed\s+to|decided\s+to|offered\s+to|promised\s+to|pledged\s+to|to|also|now|already|quietly|reportedly|been|be|going\s+to)\s+){0,4}(?:lend|lent|lending|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|commit(?:s|ted|ting)?|hand(?:s|ed|ing)?\s+over|send|sent|sending|sell|sold|selling|supply|supplied|supplying|ship|shipped|shipping|deliver|delivered|delivering|provide|provided|providing|give|gave|giving|donate|donated|donating|transfer|transferred|export|exported)\b")
        .expect("gives")
});

/// The supplier a text names last: North Korea (or a corridor place), another supplier, or
/// none.
pub fn last_supplier(text: &str) -> Option<&'static str> {
    let mut found: Vec<(usize, &'static str)> = names::countries(text)
        .into_iter()
        .filter_map(|c| match c.2.corridor_side {
            Some(true) => Some((c.0, "North Korea")),
            _ if OTHER_SUPPLIERS.contains(&c.2.name) => Some((c.0, c.2.name)),
            _ => None,
        })
        .collect();
    found.extend(
        CORRIDOR_PLACE
            .find_iter(text)
            .map(|m| (m.start(), "North Korea")),
    );
    found.into_iter().max_by_key(|f| f.0).map(|f| f.1)
}

/// A sentence that names no country nor corridor place, after a claim (its note given) that
/// was about supply to Ukraine or another supplier: it goes on with that supply.
pub fn goes_on_other_supply(sentence: &str, last_note: &str) -> bool {
    let other = [
        "off topic: supply to Ukraine",
        "off topic: munitions bought for Ukraine",
        "off topic: the claim is about another supplier",
    ];
    other.iter().any(|o| last_note.starts_with(o))
        && names::countries(sentence).is_empty()
        && !CORRIDOR_PLACE.is_match(sentence)
}

/// "more than 200 of the missiles" in a sentence that names no supplier: the missiles spoken of
/// before.
static BACK_TO_GOODS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|these|those|such)\s+(?:[\w-]+\s+)?(?:missiles|shells|rockets|drones|weapons|munitions|rounds)\b")
        .expect("back to goods")
});

/// A claim whose sentence names no supplier but refers back to goods ("200 of the missiles")
/// when the supplier named last before it is another one (Iran): about that supply.
pub fn refers_to_other_supplier(sentence: &str, last: Option<&str>) -> bool {
    last.is_some_and(|l| l != "North Korea")
        && last_supplier(sentence).is_none()
        && BACK_TO_GOODS.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule() {
        assert!(corridor_article("North Korea sent shells to Russia."));
        assert!(!corridor_article(
            "The ruling party won 62 percent of the vote."
        ));
        assert!(off_topic(
            true,
            true,
            "percent",
            "it won 62 percent of the vote",
            " of the vote",
            None
        )
        .is_some());
        assert!(off_topic(
            true,
            true,
            "percent",
            "about 40% of the shells",
            " of the shells",
            None
        )
        .is_none());
        assert!(off_topic(
            true,
            true,
            "containers",
            "Iran sent 1,000 containers to Russia",
            "",
            None
        )
        .is_some());
        assert!(off_topic(
            true,
            true,
            "containers",
            "North Korea sent 1,000 containers",
            "",
            None
        )
        .is_none());
        assert!(off_topic(true, true, "drones", "Russia launched 100 drones", "", None).is_some());
    }
}
