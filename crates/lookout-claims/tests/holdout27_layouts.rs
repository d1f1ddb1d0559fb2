//! Layout, date, quantity and route rules prompted by the twenty-fourth to twenty-seventh
//! holdouts' first runs (branch `claims26b`), each tried here on wordings, names, bodies, numbers
//! and dates of its own, not the corpora's: a wire dateline without a year whose lead names the
//! weekday, a dateline closed by a full stop, an issue number before a newsletter's date, a
//! standfirst over the byline and date line, a corridor port listed with ports that are no
//! corridor places, the lead's day for a speaker its next sentence names, "on the 20th" and "the
//! same day", findings "first reported by" a medium, "the investigation found", "N or so",
//! "Of the N soldiers ..., about M are", key-figure lines one under another, and what "the
//! number" or "the total" is ("never rose above roughly 20", "is now around 2,500", "the total
//! would be about 600,000" of a calibre supposed), and the period of port visits that "the
//! visits" and what "has reached Russia" go on with, which "reported the findings on Saturday"
//! leaves as it is.

mod common;

use common::{row, when};

#[test]
fn a_year_less_wire_dateline_takes_the_year_of_the_weekday_its_lead_names() {
    // 5 March is a Tuesday in 2024 (and not in 2022 or 2023); 21 November a Tuesday in 2023.
    for (dateline, verb, day) in [
        ("TOKYO, March 5 (Kyodo) --", "said Tuesday", "2024-03-05"),
        (
            "SEOUL, Nov. 21 (Yonhap) --",
            "told reporters on Tuesday",
            "2023-11-21",
        ),
    ] {
        let text = format!(
            "N. Korea sent more shells, official says\n\
            {dateline} North Korea has shipped about 4,200 containers of munitions to Russia since August, a government official {verb}.\n"
        );
        let r = row(&text, 4200.0);
        assert_eq!(r.date, day, "{dateline}");
        assert!(
            r.period_end == day && !r.period_start.is_empty(),
            "{dateline}: {r:?}"
        );
    }
    // No weekday named: no year is guessed.
    let text = "Official: more shells went north\n\
        TOKYO, March 5 (Kyodo) -- North Korea has shipped about 4,200 containers of munitions to Russia, a government official said.\n";
    assert_eq!(row(text, 4200.0).date, "");
}

#[test]
fn a_dateline_closed_by_a_full_stop_dates_the_text() {
    for dateline in [
        "VLADIVOSTOK, November 22, 2024.",
        "KHABAROVSK, 22 November 2024.",
    ] {
        let text = format!(
            "Translated from Russian\n\
            Seoul repeats its claims\n\
            {dateline} South Korea's defence ministry claimed on Thursday that North Korea had sent about 3,100 troops to Russia.\n"
        );
        assert_eq!(row(&text, 3100.0).date, "2024-11-21", "{dateline}");
    }
}

#[test]
fn an_issue_number_before_a_newsletters_date_is_no_figure() {
    for issue in ["No. 87 - March 7, 2025", "Issue 43 - 7 March 2025"] {
        let text = format!(
            "THE NORTHEAST ASIA LETTER\n\
            {issue}\n\
            Good evening. North Korea has sent some 2,300 containers of munitions to Russia this year, Seoul's spy agency said today.\n"
        );
        let r = row(&text, 2300.0);
        assert_eq!(r.date, "2025-03-07", "{issue}");
        assert!(
            lookout_claims::extract(&text)
                .iter()
                .all(|r| r.quantity != Some(87.0) && r.quantity != Some(43.0)),
            "{issue}"
        );
    }
}

#[test]
fn a_standfirst_over_the_byline_and_date_line_leaves_the_date_the_texts() {
    for under in [
        "By Mira Kowalczyk\nMarch 12, 2024 6:30 am CET",
        "March 12, 2024 6:30 am CET",
    ] {
        let text = format!(
            "Pyongyang's shells keep Moscow's guns busy\n\
            Seoul's tally shows how much of the front now depends on the North.\n\
            {under}\n\
            SEOUL — North Korea has sent about 7,400 containers of munitions to Russia, the defence minister told reporters on Monday.\n\
            \"Filled with 152 mm rounds, they could hold some 3.5 million shells,\" the minister said.\n"
        );
        assert_eq!(when(&row(&text, 7400.0)).2, "2024-03-11", "{under}");
        assert_eq!(when(&row(&text, 3_500_000.0)).2, "2024-03-11", "{under}");
    }
}

#[test]
fn a_corridor_port_listed_with_other_ports_leaves_that_side_unnamed() {
    for ports in [
        "the ports of Wonsan, Chongjin and Kimchaek",
        "Chongjin and Sinpo",
    ] {
        let text = format!(
            "SEOUL, 3 December 2024 -- About 2,600 soldiers were carried by sea from {ports} to Vladivostok last month, the spy agency said.\n"
        );
        assert_eq!(row(&text, 2600.0).route, "sea:->Vladivostok", "{ports}");
    }
    // A country's name after "and" is no port of the list.
    let text = "SEOUL, 3 December 2024 -- About 2,600 containers went by sea between Rajin in \
        North Korea and Vostochny, the spy agency said.\n";
    assert_eq!(row(text, 2600.0).route, "sea:Rajin->Vostochny");
}

#[test]
fn the_lead_day_dates_the_statement_a_later_lead_sentence_attributes() {
    // "made it official on Wednesday": the lead's day, though its speaker is named only in the
    // next sentence.
    for opening in [
        "The Pentagon made it official on Wednesday.",
        "Washington made it public on Wednesday.",
    ] {
        let text = format!(
            "DEFENCE DIGEST\n\
            Friday 14 March 2025\n\
            {opening} North Korea has sent Russia artillery systems, Sabrina Lee, a Pentagon spokeswoman, told reporters. By her account, at least 120 self-propelled guns have crossed the border.\n"
        );
        assert_eq!(row(&text, 120.0).date, "2025-03-12", "{opening}");
    }
}

#[test]
fn a_day_of_the_month_in_the_lead_and_the_same_day_date_a_later_speaker() {
    for (lead, occasion) in [
        (
            "The South Korean government on the 20th released a report",
            "At a briefing the same day",
        ),
        (
            "Seoul on the 20th made public an assessment",
            "Later that day",
        ),
    ] {
        let text = format!(
            "(Translated from Japanese)\n\
            Seoul says North Korean shells keep flowing\n\
            2024年11月21日 06:00\n\
            [Seoul] {lead} on North Korean arms shipments to Russia.\n\
            {occasion}, Defence Minister Kim Yong-hyun said that North Korea had sent more than 13,000 containers to Russia.\n\
            According to Mr. Kim, about 1,800 of them went in October.\n"
        );
        assert_eq!(row(&text, 13000.0).date, "2024-11-20", "{occasion}");
        assert_eq!(row(&text, 1800.0).date, "2024-11-20", "{occasion}");
    }
}

#[test]
fn findings_first_reported_on_a_day_date_every_finding_without_its_own() {
    for medium in ["The Financial Times", "the Nikkei"] {
        let text = format!(
            "EXPLAINER\n\
            What the port records show\n\
            14 May 2025 | 5 min read\n\
            Harbour logs now show how the cargo moves. The findings were first reported by {medium} on 10 May.\n\
            The logs, which the Open Nuclear Network went through, show more than 5,400 containers unloaded at Vostochny between March 2024 and March 2025.\n\
            On the group's reckoning, that is enough for as many as 1.9 million shells.\n"
        );
        assert_eq!(row(&text, 5400.0).date, "2025-05-10", "{medium}");
        assert_eq!(row(&text, 1_900_000.0).date, "2025-05-10", "{medium}");
    }
}

#[test]
fn an_investigation_published_on_a_weekday_dates_what_the_investigation_found() {
    for found in [
        "Russian ships made 41 voyages from Rajin over the year, the investigation found.",
        "By the investigators' count, Russian ships made 41 voyages from Rajin over the year.",
    ] {
        let text = format!(
            "OPINION\n\
            The pipeline in plain sight\n\
            Jun 5, 2025\n\
            The question is no longer whether the trade exists. An investigation by two research groups, published on Monday, follows it ship by ship.\n\
            {found}\n"
        );
        assert_eq!(row(&text, 41.0).date, "2025-06-02", "{found}");
    }
}

#[test]
fn a_hedge_after_the_number_leaves_its_noun_the_unit() {
    for phrase in [
        "the 12,000 or so North Korean troops",
        "some 12,000 or so soldiers from the North",
    ] {
        let text = format!(
            "WASHINGTON, 6 Dec 2024 -- Russia has put {phrase} into its Kursk offensive, a Pentagon spokesman said Friday.\n"
        );
        let r = row(&text, 12000.0);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str()),
            ("troops", "about"),
            "{phrase}"
        );
    }
}

#[test]
fn a_part_of_a_counted_total_opening_the_sentence_takes_its_unit() {
    for sentence in [
        "Of the 12,000 or so North Korean soldiers sent to Russia, roughly 9,500 are now deployed near Kursk, the minister said Friday.",
        "\"Of the 12,000 North Korean soldiers in Russia,\" the minister told reporters after the talks, \"some 9,500 are now deployed near Kursk.\"",
    ] {
        let text = format!("SEOUL, 6 Dec 2024 -- {sentence}\n");
        assert_eq!(row(&text, 9500.0).unit, "troops", "{sentence}");
    }
    // No figure counted before it: a casualty count of no unit of the corridor.
    let text =
        "SEOUL, 6 Dec 2024 -- North Korea sent about 60 rocket launchers. Of the North Korean \
        troops sent to Russia, about 1,200 are believed to have been wounded, the agency said.\n";
    assert!(lookout_claims::extract(text)
        .iter()
        .all(|r| r.quantity != Some(1200.0) || r.unit == "troops"));
}

#[test]
fn key_figure_lines_one_under_another_are_each_a_claim() {
    for (first, second) in [
        (
            "Separate rail shipments since June 2024: more than 40 (Seoul's NIS, 2 Dec 2024)",
            "Soldiers in the Kursk region: about 12,000 (US Department of Defense, 4 Dec 2024)",
        ),
        (
            "Vessel voyages from Rajin since August 2023: more than 40 (Open Source Centre, 2 Dec 2024)",
            "North Korean troops in Kursk: about 12,000 (US Department of Defense, 4 Dec 2024)",
        ),
    ] {
        let text = format!(
            "The corridor in figures\n\nUpdated 5 December 2024\n\n{first}\n{second}\n\nEach source's latest figure is given.\n"
        );
        assert_eq!(row(&text, 40.0).date, "2024-12-02", "{first}");
        let r = row(&text, 12000.0);
        assert_eq!((r.unit.as_str(), r.date.as_str()), ("troops", "2024-12-04"), "{second}");
    }
}

#[test]
fn what_the_number_of_a_unit_is_counts_that_unit() {
    for sentence in [
        "Across the previous four years of imagery, the number of railcars never rose above roughly 15.",
        "Before that, the number of railcars at the yard never climbed above about 15.",
    ] {
        let text = format!(
            "Imagery from 2 May 2024 shows about 90 railcars at the Khasan yard. {sentence}\n"
        );
        let r = row(&text, 15.0);
        assert_eq!((r.unit.as_str(), r.qualifier.as_str()), ("railcars", "up_to"), "{sentence}");
    }
    // The number of what no unit counts is no claim.
    let text = "SEOUL, 4 May 2024 -- North Korea sent about 90 containers. The number of dead \
        is at least 1,500, officials said.\n";
    assert!(lookout_claims::extract(text)
        .iter()
        .all(|r| r.quantity != Some(1500.0)));
}

#[test]
fn the_number_put_at_or_now_standing_at_a_figure_counts_what_was_counted_before() {
    for sentence in [
        "Tokyo, two days later, put the number since August at about 2,500.",
        "\"The number already sent is now around 2,500,\" the ministry said.",
    ] {
        let text = format!(
            "SEOUL, 4 May 2024 -- North Korea has sent more than 2,000 troops to Russia since August, officials said. {sentence}\n"
        );
        assert_eq!(row(&text, 2500.0).unit, "troops", "{sentence}");
    }
    // "is now around": the figure as it stands, with no period.
    let text = "SEOUL, 4 May 2024 -- North Korea has sent more than 2,000 troops to Russia since \
        August, officials said. \"The number already sent is now around 2,500,\" the ministry said.\n";
    assert_eq!(when(&row(text, 2500.0)).0, "");
}

#[test]
fn a_total_supposing_a_calibre_is_a_capacity_in_shells_of_that_calibre() {
    for sentence in [
        "If they carried the lighter 122-millimetre type, she said, the total would be about 600,000.",
        "If they held 122 mm rounds instead, the total would be about 600,000.",
    ] {
        let text = format!(
            "SEOUL, 4 May 2024 -- North Korea has sent about 7,800 containers to Russia, the minister said. \"Filled with 152 mm shells, they could hold some 3.6 million,\" she said. {sentence}\n"
        );
        let r = row(&text, 600_000.0);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str()),
            ("artillery_shells_122mm", "capacity_equivalent"),
            "{sentence}"
        );
    }
}

#[test]
fn the_visits_and_what_has_reached_russia_go_on_with_the_visits_period() {
    for (second, third) in [
        (
            "The study matched the visits with 14 calls that the same vessels made at the port of Vostochny.",
            "On the volume seen on the quays, it estimates that more than 1.8 million shells have reached Russia.",
        ),
        (
            "The paper pairs those visits with 14 port calls at Vostochny.",
            "It reckons that more than 1.8 million shells have gone to Russia.",
        ),
    ] {
        let text = format!(
            "WASHINGTON, 6 March 2024 -- Russian freighters have docked at Rajin at least 31 times since September to load munitions, a Washington think tank said in a study on Wednesday. {second} {third}\n"
        );
        for n in [14.0, 1_800_000.0] {
            assert_eq!(when(&row(&text, n)).0, "2023-09", "{n}: {second}");
        }
    }
}

#[test]
fn the_day_a_medium_reported_the_findings_is_no_period_of_the_next_claims() {
    for report in [
        "The Financial Times reported the findings on Saturday.",
        "Le Monde first reported the study on Saturday.",
    ] {
        let text = format!(
            "Translated from the French.\n\
            12.10.2024, 09:10\n\
            Port records studied by the Open Nuclear Network show that more than 5,400 containers were unloaded at Vostochny between March 2024 and August 2024. {report}\n\
            According to the group, that volume could hold as many as 1.9 million shells.\n"
        );
        assert_eq!(
            (
                row(&text, 1_900_000.0).period_start.as_str(),
                row(&text, 1_900_000.0).period_end.as_str()
            ),
            ("2024-03", "2024-08"),
            "{report}"
        );
    }
}
