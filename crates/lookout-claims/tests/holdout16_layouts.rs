//! Rules prompted by the sixteenth and seventeenth holdouts' first runs (docs/accuracy.md step
//! 24, "Now (claims20b)"), each tried here on wordings, names, bodies, numbers and dates of its
//! own, not the corpora's: numbers that count no corridor unit (a duration, another counted noun,
//! a unit noun modifying another head, a ship's tonnage, "times" of no movement, a yes-no
//! question), munitions sought for Ukraine and a production target, a "Read also" line that
//! names the corridor under an off-topic text, Russia's own war regions as its side, a bare
//! hedged answer, "North Korean-supplied" before a unit, a labelled broadcast date, imagery "of
//! a place from a day", and a period ending the clause before another number's.

mod common;

use common::{row, when};
use lookout_claims::{extract, is_on_topic};

/// A corridor text with one more sentence under test.
fn corridor(sentence: &str) -> String {
    format!(
        "Tracker update\n\n12 March 2025\n\nVLADIVOSTOK, March 12 (Baltic Wire) -- North Korea has shipped about 4,800 containers of munitions to Russia since last September, the Eastern Research Group said on Wednesday.\n\n{sentence}\n"
    )
}

/// The on-topic rows of a text, as (quantity, unit).
fn on_topic(text: &str) -> Vec<(Option<f64>, Option<f64>, String)> {
    extract(text)
        .into_iter()
        .filter(is_on_topic)
        .map(|r| (r.quantity, r.quantity_low, r.unit))
        .collect()
}

#[test]
fn numbers_that_count_no_corridor_unit_give_no_row() {
    for sentence in [
        // A duration.
        "\"That is about three months of what the Russian guns fire,\" the group's director said.",
        "The group has tracked the ships for about four years.",
        // Another counted noun before a unit further on.
        "A delegation of 12 officials from Khabarovsk discussed new cargo flights to Pyongyang.",
        "Some 2,500 visitors toured the new container terminal, the port said.",
        // A unit noun that modifies another head.
        "The Treasury listed three vessel owners and a shipping agent.",
        "Two container terminal operators were sanctioned last month.",
        // A ship's size.
        "The Sea Falcon, a general cargo ship of 4,200 tonnes deadweight, made most of the runs.",
        "The quay takes ships of up to 7,000 tons.",
        // "times" of no movement.
        "The group has changed its estimate four times in two months.",
        // A yes-no question.
        "Q: Was one freighter enough to carry all of that?",
        "Is a single train the whole picture?",
    ] {
        let text = corridor(sentence);
        let rows = on_topic(&text);
        assert_eq!(rows.len(), 1, "{sentence}: {rows:?}");
        assert_eq!(rows[0].0, Some(4800.0), "{sentence}");
    }
}

#[test]
fn counts_of_movement_and_cargo_tonnage_are_kept() {
    for (sentence, n, unit) in [
        ("The Sea Falcon sailed to Rajin 14 times.", 14.0, "voyages"),
        ("The Angara docked at Dunai 9 times.", 9.0, "port_calls"),
        (
            "The ships carried some 31,000 tonnes of cargo from Rajin.",
            31000.0,
            "metric_tons",
        ),
    ] {
        let r = row(&corridor(sentence), n);
        assert_eq!(r.unit, unit, "{sentence}");
    }
}

#[test]
fn munitions_sought_for_ukraine_and_production_targets_are_off_the_corridor() {
    let text = "Nordic fund met its goal\n\nOSLO, Feb. 3, 2025 -- A Nordic-led fund delivered about 400,000 shells to Ukraine last year, the Norwegian defence minister said.\n\nThe plan, started in 2024 with the aim of finding 600,000 rounds, is financed by nine governments.\n\nUkraine fires far fewer shells than Russia, which is backed by supplies from North Korea.\n";
    let rows: Vec<_> = extract(text)
        .into_iter()
        .filter(|r| r.quantity == Some(600000.0))
        .collect();
    assert_eq!(rows.len(), 1);
    assert!(!is_on_topic(&rows[0]), "{rows:?}");
    let text =
        corridor("GENERAL LARSEN: We are on course for 80,000 rounds a month by the end of 2026.");
    assert!(on_topic(&text).iter().all(|r| r.0 != Some(80000.0)));
}

#[test]
fn a_read_also_line_does_not_put_a_text_on_the_corridor() {
    let text = "Port of Nakhodka posts a record year\n\nNAKHODKA, January 20, 2025 -- The port of Nakhodka handled 900,000 TEU of containers in 2024, its operator said. Departures westward averaged 38 trains a day.\n\nRead also: North Korean munitions and the port of Rajin - what the imagery shows\n";
    assert!(extract(text).iter().all(|r| !is_on_topic(r)));
    // The same link line under a corridor text changes nothing.
    let text = format!(
        "{}\nRead also: Ten facts about the port of Nakhodka\n",
        corridor("")
    );
    assert_eq!(on_topic(&text).len(), 1);
}

#[test]
fn russia_named_by_its_own_war_region_puts_the_text_on_the_corridor() {
    let text = "Minister: 9,500 North Korean soldiers in Belgorod region\n\nNovember 8, 2024\n\nKYIV -- Already 9,500 North Korean soldiers are in the Belgorod region, the Ukrainian defence minister said on Thursday.\n";
    let r = row(text, 9500.0);
    assert!(is_on_topic(&r), "{r:?}");
    assert_eq!(r.unit, "troops");
}

#[test]
fn a_bare_hedged_answer_takes_the_questions_noun() {
    for (answer, n, qualifier) in [
        ("A: Roughly 7,500.", 7500.0, "about"),
        ("LEE: More than 4,000 so far.", 4000.0, "more_than"),
        ("About 3,200.", 3200.0, "about"),
    ] {
        let text = format!(
            "Interview: the general on the deployment\n\nBy Anna Rusk | 4 December 2024\n\nWe spoke to General Lee Min-jae of the South Korean army in Seoul on Monday.\n\nQ: How many North Korean troops are in Russia now?\n{answer} They came by sea and by train.\n"
        );
        let r = row(&text, n);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str()),
            ("troops", qualifier),
            "{answer}"
        );
        assert!(is_on_topic(&r), "{answer}");
    }
    // "Okay, one more." stays no count.
    let text = corridor("MS. RYAN: Okay, one more.");
    assert_eq!(on_topic(&text).len(), 1);
}

#[test]
fn a_made_or_supplied_origin_before_a_unit_and_a_period_per_clause() {
    let text = "Missiles\n\nJanuary 11, 2024\n\nWASHINGTON -- Pentagon spokeswoman Dana Holt said Thursday that Russian forces launched at least two of the North Korean-made ballistic missiles at Kharkiv on Jan. 2, and several more on Monday.\n";
    let r = row(text, 2.0);
    assert_eq!(r.unit, "ballistic_missiles_launched");
    assert_eq!(when(&r), ("2024-01-02", "2024-01-02", "2024-01-11"));
    let more = extract(text)
        .into_iter()
        .find(|r| r.quantity_low == Some(3.0))
        .expect("several more");
    assert_eq!(more.unit, "ballistic_missiles_launched");
    assert_eq!(when(&more), ("2024-01-08", "2024-01-08", "2024-01-11"));
}

#[test]
fn a_labelled_broadcast_date_dates_the_transcript() {
    let text = "EVENING NEWS - Late Edition\nAired 14 March 2025\n\nANCHOR PARK: Our correspondent has the latest.\n\nKIM: A report the intelligence agency gave lawmakers says more than 9,000 containers have left North Korea for Russia since August 2024.\n";
    let r = row(text, 9000.0);
    assert_eq!(when(&r), ("2024-08", "2025-03-14", "2025-03-14"));
}

#[test]
fn imagery_of_a_place_from_a_day_is_that_day() {
    let text = "What the yards show\nPublished 20 May 2025\n\nNorth Korea and Russia trade by rail across the Tumen. The Open Imagery Lab posted a thread on Monday:\n\n\"1/ Fresh imagery of the Khasan yard from May 2 shows about 140 box cars.\"\n";
    let r = row(text, 140.0);
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2025-05-02", "2025-05-02")
    );
}

#[test]
fn an_observers_further_count_and_these_movements_keep_the_period() {
    let text = "Analysis | Harbour Watch\n\nPublished 14 November 2024\n\nThe Rason Shuttle\n\nSince June, we have identified at least 31 visits to Rajin by Russian freighters that appear to load munitions there.\n\nWe also counted 12 calls at Vostochny by ships with their transponders off.\n\nThe watch's analysts estimate that more than 900,000 shells have been moved to Russia in these voyages.\n";
    for n in [31.0, 12.0, 900000.0] {
        let r = row(text, n);
        assert_eq!(when(&r), ("2024-06", "2024-11-14", "2024-11-14"), "{n}");
    }
    // Without a back reference, a later count has no period of its own.
    let text = "Analysis | Harbour Watch\n\nPublished 14 November 2024\n\nThe Rason Shuttle\n\nSince June, we have identified at least 31 visits to Rajin by Russian freighters that appear to load munitions there.\n\nThe Rajin pier was rebuilt in 2014.\n\nNorth Korea has about 1,200 artillery pieces near the border, the watch says.\n";
    let r = row(text, 1200.0);
    assert_eq!(r.period_start, "");
}
