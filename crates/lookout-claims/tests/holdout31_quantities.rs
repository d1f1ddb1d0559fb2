//! Rules prompted by the thirtieth and thirty-first holdouts' misses on numbers, topic and
//! routes (claims28b), each tried here on wordings, names, numbers and dates of its own, not the
//! corpora's: a fire rate in a clause that describes a place (", where Russia fires ..."), a
//! country's stockpile, "eleven of them signed" (people, not goods), "fragments of one missile",
//! "the two ships" named again and "several of the ships" are no corridor counts; rounds a third
//! country finds for Ukraine are no supply from North Korea; a ship's voyages "to" a North Korean
//! port go there to load, so the port is the route's origin; the sentence right after a claim,
//! whose definite subject refers back to the goods, gives their route even when it gives no
//! period; and a city named as a landmark ("near the southern city of X") is no route place.
//! On dates: "He revealed this ... on the 14th" right after a claim dates it and what its
//! speaker says next; "..., the newspaper reported" relays the day the lead gives the
//! newspaper's report; a lower-case byline ("by Jan Novak") over a date line leaves the date in
//! the header.

mod common;

use common::on_topic;

/// A short wire story dated 12 May 2025 whose second paragraph is `body`.
fn story(body: &str) -> String {
    format!(
        "Seoul says arms flow continues\n\nPublished 12 May 2025\n\nSEOUL -- North Korea has \
         shipped about 9,000 containers of munitions to Russia since last autumn, South Korea's \
         defence ministry said on Monday.\n\n{body}\n"
    )
}

/// The quantities of a story's on-topic rows.
fn counts(text: &str) -> Vec<(Option<f64>, Option<f64>, String)> {
    on_topic(text)
        .into_iter()
        .map(|r| (r.quantity, r.quantity_low, r.unit))
        .collect()
}

#[test]
fn numbers_that_are_no_corridor_claim_give_no_row() {
    for body in [
        "The shells end up near Zaporizhzhia, where Russian gunners fire some 8,000 rounds a day \
         by most estimates.",
        "Pyongyang is thought to keep roughly 6 million shells in its own stockpiles, some \
         analysts say, many of them decades old.",
        "Allies have long argued over the numbers. This spring, nine of them finally signed a \
         joint statement.",
        "Investigators in Odesa studied fragments of two missiles that struck the port in March.",
        "A pair of freighters did most of the work. The ministry said the three ships were seen \
         at the pier in April.",
        "Few officials named the ships. Several of the vessels turned off their transponders \
         near the coast.",
    ] {
        let rows = counts(&story(body));
        assert_eq!(rows.len(), 1, "{body}: {rows:#?}");
        assert_eq!(rows[0].0, Some(9000.0), "{body}");
    }
}

#[test]
fn a_named_experts_fire_rate_and_new_ships_still_count() {
    // The fire rate a named expert gives is a claim of its own.
    let text = story(
        "Russia fires around 8,000 shells a day in Ukraine, estimated Jan Novak, an analyst at \
         a Prague think tank.",
    );
    assert!(counts(&text).iter().any(|r| r.0 == Some(8000.0)), "{text}");
    // Ships introduced with words of their own are counted.
    let text = story(
        "By the ministry's count, the three Russian cargo ships it tracked have made at least \
         20 trips to Rajin.",
    );
    assert!(counts(&text).iter().any(|r| r.0 == Some(3.0)), "{text}");
}

#[test]
fn rounds_a_third_country_finds_for_ukraine_are_no_supply_from_north_korea() {
    let text = "Europe's shell hunt\n\nPublished 3 March 2025\n\nWhen Dutch officials said in \
        May that they had located 300,000 rounds of artillery ammunition in Asia and Africa, few \
        in Kyiv expected them soon.\n\nRussia, meanwhile, relies on North Korea for much of its \
        ammunition.\n";
    let rows = on_topic(text);
    assert!(rows.is_empty(), "{rows:#?}");
}

#[test]
fn voyages_to_a_north_korean_port_start_the_route_there() {
    let text = "Live updates\n\nPublished 2 June 2025\n\nTwo Russian freighters have made 30 \
        voyages to North Korea's port of Rajin to load munitions since January, a Japanese \
        think tank said on Monday.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(30.0))
        .expect("voyages");
    assert_eq!(r.route, "sea:Rajin->");
}

#[test]
fn the_next_sentence_gives_the_route_of_the_goods_it_refers_back_to() {
    let text = "Arms moved by sea\n\nPublished 9 September 2025\n\nThe North has handed Moscow \
        more than 2,000 containers of shells since June, a U.S. official said on Tuesday. The \
        containers went by ship from Najin to Vostochny, and then on by rail to a depot near \
        the southern city of Tikhoretsk.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(2000.0))
        .expect("containers");
    assert_eq!(r.route, "sea:Rajin->Vostochny");

    let text = "Troops sent\n\nPublished 20 November 2025\n\nNorth Korea has sent at least 2,500 \
        soldiers to Russia in recent weeks, officials in Seoul said on Thursday. These soldiers \
        sailed on Russian transport ships to Vladivostok and then moved to training camps.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(2500.0))
        .expect("troops");
    assert_eq!(r.route, "sea:->Vladivostok");
}

#[test]
fn the_next_sentence_saying_when_the_statement_was_made_dates_it() {
    let text = "[Translated from Korean]\n\nMinister: shells sent north\n\nReporter Lee Ji-won | \
        Input 2025.03.15 10:02\n\nDefence Minister Kim Yong-hyun said that North Korea is \
        believed to have sent about 8,200 containers of ammunition to Russia since August of \
        last year.\n\nMinister Kim revealed this at a briefing for defence reporters in Seoul on \
        the 14th.\n\n\"If the containers hold 152 mm shells, that is more than 4 million \
        rounds,\" the minister said.\n";
    let rows = on_topic(text);
    let count = rows
        .iter()
        .find(|r| r.quantity == Some(8200.0))
        .expect("count");
    assert_eq!(
        (count.period_end.as_str(), count.date.as_str()),
        ("2025-03-14", "2025-03-14")
    );
    let capacity = rows
        .iter()
        .find(|r| r.quantity == Some(4_000_000.0))
        .expect("capacity");
    assert_eq!(capacity.date, "2025-03-14");
}

#[test]
fn the_newspaper_reported_relays_the_day_of_its_report() {
    let text = "[Translation from Japanese]\n\nRail data on arms\n2025年4月6日 09時00分\n\nThe \
        New York Times reported on the 5th that munitions from North Korea had crossed Russia by \
        rail.\n\nIn addition, a Dutch research group counted 31 shipments between the North \
        Korean port of Rajin and Russia during the same period, the newspaper reported.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(31.0))
        .expect("shipments");
    assert_eq!(r.date, "2025-04-05");
}

#[test]
fn a_lower_case_byline_keeps_the_date_line_in_the_header() {
    let text = "Explainer: What do we know about the shells North Korea sends?\n\nby Jan \
        Novak\nApril 2, 2025 9:30 AM  4 min read\n\nUkrainian officials say Russia has fired \
        about 60 North Korean ballistic missiles at Ukraine since the start of the invasion.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(60.0))
        .expect("missiles");
    assert_eq!(r.date, "2025-04-02");
}

#[test]
fn a_mediums_dated_report_of_findings_dates_the_findings_it_goes_on_to_give() {
    let text = "NHK WORLD Radio\n\nBroadcast 9 March 2025\n\nANCHOR: A British paper says it \
        has followed North Korean shells across Russia. Our reporter Sato Ken has more.\n\n\
        SATO: The Financial Times reported on Friday that the research group Open Source Centre had \
        studied shipping records. According to the group, more than 5,000 containers went from \
        Rajin to Vostochny from May to December.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(5000.0))
        .expect("containers");
    assert_eq!(r.date, "2025-03-07");
}

#[test]
fn a_reported_clause_referring_back_gives_the_period_and_route() {
    let text = "Troops sent\n\nPublished 20 November 2025\n\nSEOUL -- North Korea has sent about \
        2,500 soldiers to Russia, South Korea's spy agency said on Thursday.\n\nThe agency said \
        the soldiers were carried on Russian landing ships to Vladivostok between Nov. 3 and \
        Nov. 9. They are now at bases in the region, it said.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(2500.0))
        .expect("troops");
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2025-11-03", "2025-11-09")
    );
    assert_eq!(r.route, "sea:->Vladivostok");
}

#[test]
fn a_supposed_calibre_right_after_the_number_is_its_calibre() {
    let text = "Shells by the container\n\nPublished 4 April 2025\n\nSEOUL -- North Korea has \
        shipped some 8,000 containers to Russia, the minister told reporters on Friday, adding \
        that they could hold more than 4 million rounds of 152 mm shells, or roughly 700,000 \
        rounds if they held 122 mm shells instead.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(700_000.0))
        .expect("rounds");
    assert_eq!(r.unit, "artillery_shells_122mm");
}

#[test]
fn the_day_a_report_was_submitted_is_no_period_of_the_next_count() {
    let text = "[Translated from Korean]\n\nContainers left Rajin\n\nPosted 2025.05.15 18:20\n\n\
        North Korea has loaded more than 15,000 containers bound for Russia at Rajin since \
        August 2022, the Defense Intelligence Agency judged. The judgement is in a report the \
        agency submitted on the 14th to a member of the defence committee.\n\nWere they filled \
        with 152 mm shells alone, those containers would carry more than 7 million rounds, the \
        report estimated.\n";
    let r = on_topic(text)
        .into_iter()
        .find(|r| r.quantity == Some(7_000_000.0))
        .expect("capacity");
    assert_ne!(r.period_start, "2025-05-14", "{r:#?}");
}
