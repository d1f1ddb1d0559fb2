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
    // Two suppositions in one sentence: the second number's contents are its own clause's,
    // not the unit of the number before.
    let text = "SEOUL, March 4 -- North Korea had shipped about 5,200 containers to Russia since last August, Vice Minister Park Jae-hoon said.\n\n\
        \"If they hold 152 mm shells, that is 2.5 million rounds; if they hold 130 mm shells, about 420,000,\" Park said.\n";
    let r = row(text, 420000.0);
    assert_eq!(r.unit, "artillery_shells_130mm", "{r:?}");
    assert_eq!(r.qualifier, "capacity_equivalent");
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

#[test]
fn a_reporting_verbs_day_is_no_period_whoever_says_it() {
    for (subject, day) in [
        (
            "A seven-member monitoring group set up by donors said Tuesday",
            "2025-06-03",
        ),
        ("The little-known panel announced on Monday", "2025-06-02"),
    ] {
        let text = format!(
            "OSAKA (June 4, 2025) - {subject} that Pyongyang had moved more than 4,000 containers of shells and related equipment to Russia since March 2024.\n"
        );
        let r = row(&text, 4000.0);
        assert_eq!(r.period_start, "2024-03", "{subject}: {r:?}");
        assert_eq!(r.date, day, "{subject}");
    }
}

#[test]
fn a_pronoun_moved_in_the_next_sentence_gives_period_and_route() {
    let text = "Broadcast 9 April 2025\n\n\
        REPORTER: The defence ministry says North Korea has sent about 2,400 soldiers to Russia. According to the ministry, they were shipped on Russian freighters to Vostochny between 3 and 9 April.\n";
    let r = row(text, 2400.0);
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2025-04-03", "2025-04-09"),
        "{r:?}"
    );
    assert_eq!(r.route, "sea:->Vostochny");
    // A sentence that counts its own things keeps them: no back-fill.
    let text = "Broadcast 9 April 2025\n\n\
        REPORTER: The defence ministry says North Korea has sent about 2,400 soldiers to Russia. They were shipped with 300 containers to Vostochny between 3 and 9 April.\n";
    let r = row(text, 2400.0);
    assert!(r.period_start.is_empty(), "{r:?}");
}

#[test]
fn the_cargo_refers_back_to_the_goods_counted() {
    let text = "SEOUL, May 14, 2025 --\n\n\
        North Korea has sent more than 9,000 containers of munitions to Russia since May 2024, a lawmaker said on Wednesday, citing a briefing by the defence ministry.\n\n\
        The ministry told the committee that the cargo had gone by rail on at least 40 occasions, the lawmaker said.\n";
    let r = row(text, 40.0);
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2024-05", "2025-05-14"),
        "{r:?}"
    );
}

#[test]
fn a_time_between_the_verbs_object_and_saying_dates_the_statement() {
    let text = "Explainer\n\nUpdated 2 March 2026\n\nHow the troops moved\n\n\
        Ukraine's military intelligence agency first revealed the transfer last November, saying some 3,000 North Korean troops had been flown to Russia.\n";
    let r = row(text, 3000.0);
    assert_eq!(r.date, "2025-11", "{r:?}");
    assert!(r.period_start.is_empty(), "{r:?}");
}

#[test]
fn an_occasion_opening_the_sentence_dates_the_statement() {
    let text = "Live: the war in Ukraine\nUpdated 7 March 2025\n\n\
        14:10 GMT\nIn her weekly radio address on Thursday, Foreign Minister Anna Kovac said 4,500 North Korean soldiers were fighting in the Kursk region.\n";
    let r = row(text, 4500.0);
    assert_eq!(r.date, "2025-03-06", "{r:?}");
    assert!(r.period_start.is_empty(), "{r:?}");
}

#[test]
fn a_newsletter_dated_by_its_month_and_imagery_from_a_day() {
    for (title, date) in [
        ("Border Watch - March 2025", "2025-03"),
        ("Border Watch | March 2025", "2025-03"),
    ] {
        let text = format!(
            "{title}\n\nThis issue\n\n\
            \u{2022} Rail: the Seoul-based group RailEye counted about 90 freight cars at the Tumangang yard on satellite photos from 4 March.\n\
            \u{2022} Housekeeping: we now reach 900 readers.\n"
        );
        let r = row(&text, 90.0);
        assert_eq!(r.date, date, "{title}: {r:?}");
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str()),
            ("2025-03-04", "2025-03-04"),
            "{title}"
        );
    }
}

#[test]
fn a_report_carried_by_a_medium_on_a_day_dates_the_source() {
    let text = "2025년 3월 15일\n\nInstitute counts 19 voyages\n\n(Translated from Korean)\n\n\
        The Seoul-based Asan Institute counted 19 voyages between Rajin and Vostochny from October to February, according to a report carried by the Financial Times on the 14th.\n";
    let r = row(text, 19.0);
    assert_eq!(r.date, "2025-03-14", "{r:?}");
    assert_eq!(r.period_start, "2024-10");
}
