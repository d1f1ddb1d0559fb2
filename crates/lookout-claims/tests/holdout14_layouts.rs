//! Rules prompted by the fourteenth and fifteenth holdouts' first runs (docs/accuracy.md step
//! 23), each tried here on wordings, names, bodies, numbers and dates of its own, not the
//! corpora's: a capacity by calibre after "if they hold" or "if they were" (no noun after the
//! number), military personnel as troops, a year after a season or part of a year (never a
//! count), a port's container throughput in TEU (trade, off the corridor), and a study's tonnage
//! of cargo in a text that counts the corridor (kept, unlike a carrier's own total).

mod common;

use common::row;

#[test]
fn a_capacity_by_calibre_after_if_they_hold_or_were() {
    for (clause, n, mm) in [
        ("If they hold 122 mm shells, about 410,000.", 410000.0, 122),
        ("If they were 130mm rounds, roughly 380,000.", 380000.0, 130),
        (
            "If they are all 122-millimetre shells, some 450,000.",
            450000.0,
            122,
        ),
        ("If each contains 152 mm rounds, about 2,000.", 2000.0, 152),
    ] {
        let text = format!(
            "SEOUL, March 4 (Hanbit) -- Vice Minister Park Jae-hoon told lawmakers on Monday that North Korea had shipped about 5,200 containers to Russia since last August.\n\
            \n\
            \"If they are filled with 152 mm shells, that is more than 2.5 million rounds,\" Park said. \"{clause}\"\n"
        );
        let r = row(&text, n);
        assert_eq!(
            r.unit,
            format!("artillery_shells_{mm}mm"),
            "{clause}: {r:?}"
        );
        assert_eq!(r.qualifier, "capacity_equivalent", "{clause}");
        assert!(lookout_claims::is_on_topic(&r), "{clause}");
        assert!(r.speaker.contains("Park"), "{clause}: {r:?}");
    }
    // A supposition with no contents named gives no capacity row.
    let text = "SEOUL, March 4 -- North Korea had shipped about 5,200 containers to Russia, the ministry said. If they were sent by rail, about 300.\n";
    assert!(lookout_claims::extract(text)
        .iter()
        .all(|r| !r.unit.starts_with("artillery_shells")));
}

#[test]
fn military_personnel_and_service_members_are_troops() {
    for (words, n) in [
        ("roughly 3,000 North Korean military personnel", 3000.0),
        ("about 1,200 military personnel from North Korea", 1200.0),
        ("some 800 North Korean service members", 800.0),
    ] {
        let text = format!(
            "WASHINGTON, Nov. 5, 2024 --\n\nA State Department spokesman said on Monday that {words} had been moved to Russia's Far East for training.\n"
        );
        let r = row(&text, n);
        assert_eq!(r.unit, "troops", "{words}");
        assert!(lookout_claims::is_on_topic(&r), "{words}");
    }
}

#[test]
fn a_year_after_a_season_or_part_of_a_year_is_no_count() {
    for lead in [
        "Since the autumn of 2023",
        "Since the spring of 2024",
        "From the end of 2023",
        "Since the first half of 2024",
        "Since late summer 2023",
        "Since October of 2023",
    ] {
        let text = format!(
            "{lead} Russian freighters have carried North Korean munitions from Rajin to Vostochny. The group counted 31 voyages.\n"
        );
        let rows = lookout_claims::extract(&text);
        assert!(
            rows.iter()
                .all(|r| r.quantity.is_none_or(|q| !(1900.0..2100.0).contains(&q))),
            "{lead}: {rows:?}"
        );
        assert!(rows.iter().any(|r| r.quantity == Some(31.0)), "{lead}");
    }
    // A count that happens to look like a year, after no time word, is still a count.
    let r = row(
        "Officials said North Korea had sent 2024 containers to Russia by then.\n",
        2024.0,
    );
    assert_eq!(r.unit, "containers");
}

#[test]
fn a_ports_container_throughput_is_trade() {
    for sentence in [
        "The port of Sakaiminato handled about 96,000 TEU of containers last year, up 3 percent, the city said.",
        "Hakata's container terminal handled 1.1 million containers in 2023, the port authority said.",
        "The harbour's throughput rose to 410,000 TEU, officials said.",
    ] {
        let text = format!(
            "Published 3 June 2024\n\nPort volumes rise\n\n{sentence}\n\nNew lines call at Vladivostok. Read also: Russia and North Korea's sea route.\n"
        );
        let rows = lookout_claims::extract(&text);
        assert!(
            rows.iter().all(|r| !lookout_claims::is_on_topic(r)),
            "{sentence}: {rows:#?}"
        );
    }
    // Containers a corridor port handled from North Korea stay the corridor's.
    let text = "Vostochny port handled about 3,400 containers from North Korea last year, the group said.\n";
    let r = row(text, 3400.0);
    assert!(lookout_claims::is_on_topic(&r), "{r:?}");
}

#[test]
fn a_studys_tonnage_of_cargo_in_a_corridor_text_is_kept() {
    let text = "The Rail Monitor\nMonday 2 September 2024\n\n\
        - Yards. Imagery from 12 August showed about 60 wagons at the Tumangang yard on the North Korean side.\n\
        - Tonnage. The Hague-based group RailWatch found that more than 52,000 tonnes of cargo moved by rail from Russia's Pacific ports between March and July.\n";
    let r = row(text, 52000.0);
    assert_eq!(r.unit, "metric_tons");
    assert!(lookout_claims::is_on_topic(&r), "{r:?}");
    // A railway's own total stays off the corridor, even in such a text.
    let text = "The Rail Monitor\nMonday 2 September 2024\n\n\
        - Yards. Imagery from 12 August showed about 60 wagons at the Tumangang yard on the North Korean side.\n\
        - Freight. The Far Eastern Railway loaded 31.2 million tonnes of cargo in the first half, the company said.\n";
    let r = row(text, 31_200_000.0);
    assert!(!lookout_claims::is_on_topic(&r), "{r:?}");
}
