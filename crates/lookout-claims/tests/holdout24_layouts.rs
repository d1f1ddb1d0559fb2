//! Topic, quantity and route rules prompted by the twenty-fourth and twenty-fifth holdouts'
//! first runs (branch `claims24b`), each tried here on wordings, names, bodies, numbers and
//! dates of its own, not the corpora's: weapons a third country buys in an arms deal, munitions
//! "promised Ukraine", a text that names a corridor place only for its trade goods, "N more
//! than" as a difference, "infantrymen" as troops, "DPRK" between a number and its unit, "calls
//! that the ships made at" a port, and "the same yard" as the place of the sentence before.

mod common;

use common::row;
use lookout_claims::{extract, is_on_topic};
use lookout_project::ClaimRow;

fn on_topic(text: &str) -> Vec<ClaimRow> {
    extract(text).into_iter().filter(is_on_topic).collect()
}

fn has(rows: &[ClaimRow], quantity: f64) -> bool {
    rows.iter().any(|r| r.quantity == Some(quantity))
}

#[test]
fn weapons_a_third_country_buys_in_an_arms_deal_are_off_the_corridor() {
    for sentence in [
        "The contract covers 96 Chunmoo rocket launchers and 180 K9 howitzers, making Romania the newest European buyer of Korean arms.",
        "Under the agreement, Norway will receive 54 K239 rocket launchers by 2027, the ministry said.",
    ] {
        let text = format!(
            "OSLO, 4 March 2025 -- {sentence} Seoul accuses North Korea of arming Russia.\n"
        );
        assert!(!has(&on_topic(&text), 96.0) && !has(&on_topic(&text), 54.0), "{sentence}");
    }
    // A deal between the corridor's sides stays on it.
    let text = "SEOUL, 4 March 2025 -- Under the deal, North Korea has sent Russia about 4,000 \
        containers of munitions, officials said.\n";
    assert!(has(&on_topic(text), 4000.0));
}

#[test]
fn munitions_promised_ukraine_are_off_the_corridor() {
    for sentence in [
        "Last spring the Czech-led initiative promised Ukraine 800,000 artillery shells by the end of the year.",
        "Germany has pledged Kyiv's forces 800,000 artillery shells over two years.",
    ] {
        let text = format!(
            "Brief | 2 February 2025\n\n{sentence} Russia keeps firing shells from North Korea.\n"
        );
        assert!(!has(&on_topic(&text), 800_000.0), "{sentence}");
    }
}

#[test]
fn a_text_naming_a_corridor_place_only_for_its_trade_goods_is_off_the_corridor() {
    for cargo in ["fertiliser", "grain"] {
        let text = format!(
            "FREIGHT WEEKLY\n\nPosted 12 April 2025\n\nA train of 38 wagons carrying about 2,400 tonnes of {cargo} crossed from Khasan to Rajin this week, the Russian operator said. It plans three more trains in May.\n"
        );
        assert!(
            on_topic(&text).is_empty(),
            "{cargo}: {:#?}",
            on_topic(&text)
        );
    }
    // Materiel named anywhere in the text keeps its counts on the corridor.
    let text = "FREIGHT WEEKLY\n\nPosted 12 April 2025\n\nA train of 38 wagons crossed from \
        Khasan to Rajin this week. Analysts say the yard also loads coal, but the wagons carried \
        artillery shells.\n";
    assert!(has(&on_topic(text), 38.0));
}

#[test]
fn n_more_than_another_count_is_a_difference() {
    for sentence in [
        "That is some 900 more than the ministry's autumn figure.",
        "The new estimate is a thousand-odd more than the one given in May.",
    ] {
        let text = format!(
            "SEOUL, 3 June 2025 -- North Korea has shipped about 12,000 containers to Russia, the ministry said. {sentence}\n"
        );
        let rows = extract(&text);
        assert!(has(&rows, 12000.0), "{sentence}");
        assert_eq!(rows.len(), 1, "{sentence}: {rows:#?}");
    }
}

#[test]
fn infantrymen_are_troops() {
    for sentence in [
        "About 4,000 North Korean infantrymen are training in Russia's east, Kyiv's intelligence chief said.",
        "Some 2,500 infantrymen from North Korea reached the Kursk front, the ministry said.",
    ] {
        let text = format!("KYIV, 5 May 2025 -- {sentence}\n");
        let r = extract(&text);
        assert!(r.iter().any(|r| r.unit == "troops"), "{sentence}: {r:#?}");
    }
}

#[test]
fn dprk_between_a_number_and_its_unit_is_a_modifier() {
    for (sentence, quantity, unit) in [
        (
            "Russia has fired more than 40 DPRK ballistic missiles at Ukraine since January, the envoy said.",
            40.0,
            "ballistic_missiles",
        ),
        (
            "Moscow received some 1,200 DPRK containers of shells in the spring, the envoy said.",
            1200.0,
            "containers",
        ),
    ] {
        let text = format!("WASHINGTON, 8 May 2025 -- {sentence}\n");
        assert!(
            row(&text, quantity).unit.starts_with(unit),
            "{sentence}: {:?}",
            row(&text, quantity)
        );
    }
}

#[test]
fn calls_that_ships_made_at_a_port_are_port_calls() {
    for sentence in [
        "The study matched the sailings with 23 calls that the same freighters made at the Russian port of Dunai.",
        "Researchers logged 31 calls which the two vessels made at Vostochny with transponders off.",
    ] {
        let text =
            format!("SEOUL, 9 May 2025 -- North Korea ships munitions to Russia. {sentence}\n");
        let r = extract(&text);
        assert!(r.iter().any(|r| r.unit == "port_calls"), "{sentence}: {r:#?}");
    }
}

#[test]
fn the_same_yard_is_the_place_of_the_sentence_before() {
    for sentence in [
        "In the four years before, images of the same yard never showed more than 15 wagons at a time.",
        "Earlier imagery of that yard never showed more than 15 wagons at once.",
    ] {
        let text = format!(
            "Imagery Brief\n\n4 May 2025\n\nImagery of May 3 shows about 64 freight wagons at the Tumangang rail facility, near the bridge into Russia. {sentence}\n"
        );
        assert_eq!(row(&text, 15.0).route, "rail:Tumangang->", "{sentence}");
    }
    // Carried on through a sentence that itself refers back to the place.
    let text = "Imagery Brief\n\n4 May 2025\n\nImagery of May 3 shows the Tumangang rail \
        facility on the border with Russia. We counted about 64 freight wagons in the yard. \
        Images of the same yard never showed more than 15 wagons before.\n";
    assert_eq!(row(text, 15.0).route, "rail:Tumangang->");
}

#[test]
fn one_carriers_load_and_a_tonnage_restated_in_carriers_are_no_counts() {
    for sentence in [
        "A Russian flatcar typically holds about 65 tonnes, so that cargo is roughly the load of 900 wagons.",
        "Each container ship on the run carries around 65 tonnes of it, or the full load of 900 wagons.",
    ] {
        let text = format!(
            "EXPLAINER | 4 April 2025\n\nNorth Korea moved about 58,000 tonnes of munitions to Russia by rail last year, analysts said. {sentence}\n"
        );
        let rows = on_topic(&text);
        assert!(has(&rows, 58000.0), "{sentence}");
        assert!(!has(&rows, 65.0) && !has(&rows, 900.0), "{sentence}: {rows:#?}");
    }
}

#[test]
fn packed_with_shells_that_was_n_is_a_capacity() {
    for sentence in [
        "Filled with 152mm rounds, the minister said, that would be more than 2 million shells.",
        "Packed with artillery ammunition, he added, that is about 1.5 million shells.",
    ] {
        let text = format!(
            "SEOUL, 3 April 2025 -- North Korea has sent some 5,000 containers to Russia since August, the minister said. {sentence}\n"
        );
        let q = if sentence.contains("2 million") {
            2_000_000.0
        } else {
            1_500_000.0
        };
        assert_eq!(row(&text, q).qualifier, "capacity_equivalent", "{sentence}");
    }
}

#[test]
fn a_day_before_the_number_dates_the_figure_when_since_gives_its_period() {
    for sentence in [
        "When she briefed lawmakers on 12 March she gave a new total: about 8,200 containers had crossed to Russia since October.",
        "At a forum on 12 March the general offered his count, some 8,200 containers sent to Russia since October.",
    ] {
        let text = format!("FEATURE\n\nPublished 20 March 2025\n\n{sentence}\n");
        let r = row(&text, 8200.0);
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str(), r.date.as_str()),
            ("2024-10", "2025-03-12", "2025-03-12"),
            "{sentence}"
        );
    }
}

#[test]
fn a_number_added_to_after_a_count_has_its_unit() {
    for sentence in [
        "North Korea sent about 2,000 more soldiers to Russia in March, the ministry said, adding to the estimated 9,000 it dispatched last year.",
        "Pyongyang sent some 2,000 more soldiers to Russia this spring, on top of the 9,000 that went last year, officials said.",
    ] {
        let text = format!("SEOUL, 3 April 2025 -- {sentence}\n");
        assert_eq!(row(&text, 9000.0).unit, "troops", "{sentence}");
    }
}

#[test]
fn a_season_with_last_and_no_preposition_is_a_period() {
    for sentence in [
        "North Korea sent about 2,000 more soldiers to Russia in March, the ministry said, adding to the estimated 9,000 it dispatched last autumn.",
        "The ministry said Pyongyang had sent 9,000 soldiers to Russia last autumn.",
    ] {
        let text = format!("SEOUL, 3 April 2025 -- {sentence}\n");
        let r = row(&text, 9000.0);
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str()),
            ("2024-09", "2024-11"),
            "{sentence}"
        );
    }
}
