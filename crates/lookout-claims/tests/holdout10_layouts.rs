//! Layouts, periods, dates, units, qualifiers and routes the holdout10 set first met (branch
//! `claims16b`), each in a wording written for these tests and used by no corpus text
//! (invented bodies, names, numbers and dates): a table's columns named in a sentence before
//! its rows, a statement "said the following month", a participle aside with a year ("built in
//! 2009") that is no period, a finding "first reported by" a medium on a day, a count of what is
//! "now stationed" somewhere, goods going "the other way" from Russia, "enough, by its own
//! reckoning, for" as a capacity with no route from "over those voyages", a quoted thread with a
//! report "published on Thursday by" its source and "in the three years before", a day "last
//! year", and a paragraph of sentences opening a list with a colon.

mod common;

use common::{row, when};
use lookout_project::ClaimRow;

fn period(r: &ClaimRow) -> (&str, &str) {
    let (a, b, _) = when(r);
    (a, b)
}

#[test]
fn columns_named_in_a_sentence_give_each_row_its_date_and_period() {
    let text = "Estimates at a glance\n\nLast updated 3 March 2026\n\n\
        Each line below is one published estimate. Fields: Source; Date given; Figure; Period.\n\n\
        RUSI; 12 January 2026; about 4,300 containers; since May 2025\n\
        Beyond Parallel; 2 December 2025; more than 210 railcars; October 2025 to November 2025\n\n\
        Figures are rounded as their sources give them.\n";
    let first = row(text, 4300.0);
    assert_eq!(first.date, "2026-01-12");
    assert_eq!(period(&first), ("2025-05", "2026-01-12"));
    assert_eq!(first.unit, "containers");
    let second = row(text, 210.0);
    assert_eq!(second.date, "2025-12-02");
    assert_eq!(period(&second), ("2025-10", "2025-11"));
    assert_eq!(second.qualifier, "more_than");
    // Without the sentence naming the columns, the cells give no statement date.
    let bare = text.replace(" Fields: Source; Date given; Figure; Period.", "");
    assert_ne!(row(&bare, 4300.0).date, "2026-01-12");
}

#[test]
fn a_statement_made_the_following_month_is_dated_from_the_one_before() {
    let text = "9 June 2026\n\n\
        VILNIUS -- Estimates of the traffic keep rising.\n\n\
        The Lithuanian Defence Ministry said last February that some 2,100 containers had \
        crossed since the previous summer. Latvia's State Security Service said the following \
        month that at least 800,000 artillery shells had been shipped since October.\n";
    let first = row(text, 2100.0);
    assert_eq!(first.date, "2026-02");
    let second = row(text, 800_000.0);
    assert_eq!(second.date, "2026-03");
    // "since October" resolves against the text and ends on the day of the statement.
    assert_eq!(period(&second), ("2025-10", "2026-03"));
}

#[test]
fn a_participle_aside_with_a_year_is_no_period_and_a_first_report_dates_the_finding() {
    let text = "Analysis | 20 September 2025\n\n\
        The Sofia-registered freighter Morava, built in 2009, made at least 14 voyages between \
        Rajin and Vostochny from March to July, according to RUSI.\n\n\
        C4ADS, a Washington non-profit, found in customs filings, first published by The \
        Guardian on 2 September, that about 52,000 tonnes of explosives moved by rail over the \
        same months. C4ADS reckons that this is equivalent to as many as 900,000 artillery \
        shells.\n";
    let trips = row(text, 14.0);
    assert_eq!(period(&trips), ("2025-03", "2025-07"));
    let tonnes = row(text, 52_000.0);
    assert_eq!(tonnes.date, "2025-09-02");
    assert_eq!(period(&tonnes), ("2025-03", "2025-07"));
    let shells = row(text, 900_000.0);
    assert_eq!(shells.qualifier, "capacity_equivalent");
    assert_eq!(shells.date, "2025-09-02");
}

#[test]
fn a_count_of_what_is_now_somewhere_takes_no_period_from_the_claim_before() {
    let text = "KYIV, May 4, 2026 -- Ukraine's defence minister, Rustem Umerov, said North Korea \
        had sent about 2.2 million shells since January. He put the number of North Korean \
        soldiers now stationed in Russia at about 6,000.\n";
    assert_eq!(period(&row(text, 2_200_000.0)).0, "2026-01");
    assert_eq!(period(&row(text, 6000.0)), ("", ""));
    // A total that grew ("has now sent") is no stock.
    let grew = text.replace(
        "He put the number of North Korean soldiers now stationed in Russia at about 6,000.",
        "He added that the containers had now reached about 6,000.",
    );
    assert_eq!(period(&row(&grew, 6000.0)).0, "2026-01");
}

#[test]
fn goods_russia_sent_the_other_way_are_russia_to_north_korea() {
    let text = "TOKYO, July 7, 2026 -- Japan's defence ministry said on Monday that North Korea \
        had shipped about 3,400 containers to Russia this year. Russia, in exchange, is thought \
        to have moved more than 1,900 containers the other way, it said.\n";
    assert_eq!(row(text, 3400.0).unit, "containers");
    let back = row(text, 1900.0);
    assert_eq!(back.unit, "containers_RU_to_KP");
    assert_eq!(back.direction, "Russia->North Korea");
}

#[test]
fn enough_for_after_an_aside_is_a_capacity_without_the_voyages_route() {
    let text = "May 12, 2026\n\n\
        SEOUL, May 12 (Kyodo) -- Three Russian cargo ships made 41 voyages between Rajin and \
        Vostochny between June 2025 and March 2026, according to an investigation by Reuters \
        and the Open Source Centre published on Monday.\n\n\
        \"Over those voyages,\" the investigation said, \"about 9,500 containers were carried,\" \
        enough, by its own reckoning, for between 2 million and 3 million artillery shells.\n";
    let containers = row(text, 9500.0);
    assert_eq!(containers.route, "sea:->");
    let shells = lookout_claims::extract(text)
        .into_iter()
        .find(|r| r.quantity_low == Some(2_000_000.0))
        .expect("the range's row");
    assert_eq!(shells.qualifier, "capacity_equivalent");
    assert_eq!(shells.route, "");
    assert_eq!(period(&shells), ("2025-06", "2026-03"));
}

#[test]
fn a_quoted_thread_relays_a_report_dated_by_its_publication() {
    let text = "A picture of a border yard, shared worldwide\n\nTuesday 14 April 2026\n\n\
        The image spread quickly over the weekend. It came from a thread posted on Saturday by \
        a retired officer, who summarised a report published on Thursday by Beyond Parallel, a \
        project of the Center for Strategic and International Studies. The thread read:\n\n\
        1/ Imagery from 6 April shows roughly 88 freight railcars at the Tumangang rail \
        facility, by the bridge to Russia.\n\n\
        2/ In the three years before, Beyond Parallel says, the yard never held more than about \
        30.\n";
    let before = row(text, 30.0);
    assert_eq!(period(&before), ("2023-04-06", "2026-04-06"));
    assert_eq!(before.route, "rail:Tumangang->");
    assert_eq!(before.date, "2026-04-09");
    let seen = row(text, 88.0);
    assert_eq!(period(&seen), ("2026-04-06", "2026-04-06"));
}

#[test]
fn a_day_of_last_year_is_that_day() {
    let text = "Explainer: the northern rail link\n\nPublished 11 February 2026\n\n\
        Satellite imagery taken on 14 November last year showed about 64 freight cars at \
        Tumangang, according to CSIS's Beyond Parallel project.\n";
    assert_eq!(period(&row(text, 64.0)), ("2025-11-14", "2025-11-14"));
}

// Forms dev8 first met (its blind first run, docs/accuracy.md step 20), in invented wordings.

#[test]
fn an_editorial_on_containers_shipped_from_the_north_is_about_the_corridor() {
    let text = "Opinion\n\n9 May 2026\n\nA trade that keeps growing\n\n\
        In March, Tokyo put the number of containers shipped from the North at about 8,200. \
        In April, Canberra said it was more than 9,100.\n\n\
        Governments that count the boxes should also say what they will do about them.\n";
    let first = row(text, 8200.0);
    assert_eq!(first.topic, "corridor");
    assert_eq!(first.date, "2026-03");
    let second = row(text, 9100.0);
    assert_eq!(
        (second.unit.as_str(), second.topic.as_str()),
        ("containers", "corridor")
    );
    // The same sentences about another partner (China named) stay off the corridor.
    let other = text.replace(
        "Governments that count",
        "Most of the boxes went on to China. Governments that count",
    );
    assert_eq!(row(&other, 8200.0).topic, "off_topic");
}

#[test]
fn a_part_of_the_count_before_keeps_its_unit_place_and_period() {
    let text = "Border watch\n\nPublished 30 January 2026\n\n\
        Beyond Parallel says imagery taken on 21 January showed about 240 railcars at the \
        Tumangang rail facility.\n\n\
        Of those, roughly 150 were flat cars stacked with shipping containers, the analysts \
        added.\n";
    let part = row(text, 150.0);
    assert_eq!(part.unit, "railcars");
    assert_eq!(part.route, "rail:Tumangang->");
    assert_eq!(period(&part), ("2026-01-21", "2026-01-21"));
}

#[test]
fn a_bare_count_after_we_saw_ends_its_sentence() {
    let text = "7 March 2026\n\nSEOUL -- \"Imagery from March 2 shows about 95 freight railcars \
        at the Tumangang rail facility,\" the thread said. \"In the previous four years we saw no \
        more than 30 there.\"\n";
    let before = row(text, 30.0);
    assert_eq!(
        (before.unit.as_str(), before.qualifier.as_str()),
        ("railcars", "up_to")
    );
    assert_eq!(period(&before), ("2022-03-02", "2026-03-02"));
}

#[test]
fn the_shells_just_counted_carry_their_period_to_the_occasions() {
    let text = "Published 10:05 AM EST, March 4, 2026\n\n\
        TOKYO (AP) - Japan's defence ministry on Tuesday said North Korea had sent more than \
        600,000 artillery shells to Russia since November.\n\n\
        The ministry told lawmakers that the shells had been moved on at least 14 occasions by \
        ship.\n";
    let trips = row(text, 14.0);
    assert_eq!(trips.unit, "shipments");
    assert_eq!(period(&trips), period(&row(text, 600_000.0)));
    assert_eq!(period(&trips).0, "2025-11");
}

#[test]
fn today_in_a_quote_is_the_present_not_a_period() {
    let text = "Press service\n\n04.02.2026\n\n\
        \"Up to 35% of the shells the Russian army fires today come from North Korea,\" the \
        Ukrainian intelligence chief Kyrylo Budanov said in Kyiv.\n";
    let share = row(text, 35.0);
    assert_eq!(period(&share), ("", ""));
}

#[test]
fn an_area_around_a_port_and_a_speakers_own_act_give_no_route_place() {
    let text = "SEOUL, Nov. 2, 2026 (Yonhap) -- About 900 soldiers were carried on Russian \
        navy ships from the area of Chongjin to Vladivostok between Oct. 20 and 25, the spy \
        agency said.\n";
    assert_eq!(row(text, 900.0).route, "sea:->Vladivostok");
    let text = "WASHINGTON, March 9 (Reuters) - North Korea has sent more than 2,400 containers \
        of munitions to Russia in recent weeks, a White House spokeswoman said on Monday, \
        releasing images of what she described as the cargo being loaded at a North Korean \
        port.\n";
    assert_eq!(row(text, 2400.0).route, "");
}

#[test]
fn a_relayed_study_dated_by_its_publication_in_an_apposition() {
    let text = "Explainer: what the rail records show\n\nPublished 20 January 2026\n\n\
        Few sources show their work. The fullest count comes from a study by C4ADS, a \
        Washington non-profit, published on 9 January 2026.\n\n\
        The researchers found about 310 railcars of munitions crossing at Tumangang between \
        July and December 2025.\n";
    let cars = row(text, 310.0);
    assert_eq!(cars.date, "2026-01-09");
    assert_eq!(cars.speaker, "C4ADS");
    assert_eq!(period(&cars), ("2025-07", "2025-12"));
}

#[test]
fn bare_figures_put_at_or_counted_since_take_the_unit_before_and_their_statement_day() {
    let text = "Questions and answers: the deployment\n\nLast reviewed: 12 March 2026\n\n\
        Latvia's defence ministry said on 2 March that about 2,600 troops had been sent to \
        Russia in February. The Pentagon put the figure at around 4,100 on 9 March.\n";
    let second = row(text, 4100.0);
    assert_eq!(second.unit, "troops");
    assert_eq!(second.date, "2026-03-09");
    assert_eq!(period(&second), ("", ""));
    let text = "Comment | 20 May 2026\n\n\
        Tokyo estimates that Pyongyang has sent more than 9,300 containers of munitions to \
        Russia since June 2025. Seoul, in an intelligence report handed to a lawmaker last \
        month, counted more than 8,700 since the middle of 2024. Tokyo adds that Russia has \
        launched more than 40 of Pyongyang's ballistic missiles into Ukraine since March.\n";
    let seoul = row(text, 8700.0);
    assert_eq!(seoul.unit, "containers");
    assert_eq!(seoul.date, "2026-04");
    assert_eq!(period(&seoul), ("2024-07", "2026-04"));
    assert_eq!(row(text, 40.0).unit, "ballistic_missiles_launched");
}

#[test]
fn conversions_assumed_or_corresponding_are_capacities_and_never_showed_more_is_a_bound() {
    let text = "2026.01.14 09:12 | Politics\n\n\
        More than 9,800 containers have been sent to Russia via Rajin since March 2024, \
        according to the agency. If all of these are assumed to be 122 mm shells, more than 2 \
        million rounds could have been sent, the report estimated.\n";
    let shells = row(text, 2_000_000.0);
    assert_eq!(shells.qualifier, "capacity_equivalent");
    assert_eq!(period(&shells).0, "2024-03");
    let text = "January 30, 2026\n\nTOKYO -- About 7,400 containers were moved on these \
        voyages between May 2025 and January 2026, the group said. It estimates that they \
        correspond to about 2 million artillery shells.\n";
    assert_eq!(row(text, 2_000_000.0).qualifier, "capacity_equivalent");
    let text = "Broadcast 3 February 2026\n\nHOST: What did they see?\n\n\
        GUEST: Satellite imagery from 28 January shows about 140 railcars at Tumangang. In the \
        four years before, their imagery never showed more than about 35 railcars in that \
        yard.\n";
    assert_eq!(row(text, 35.0).qualifier, "up_to");
}
