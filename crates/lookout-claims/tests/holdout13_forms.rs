//! Rules prompted by the thirteenth holdout's first run (docs/accuracy.md step 22), each tried
//! here on wordings, names, bodies, numbers and dates of its own, not the corpus's: a document
//! released by a body on a day (the body speaks, the day dates it; a headline restating the
//! figure is no second row), an institution without a country in a text a South Korean party
//! places (not the DPRK's), a body with a participle apposition holding a list of countries, a
//! medium relaying the body it cites ("the news agency Interfax-Ukraine reports"), a text's own
//! findings ("imagery reviewed for this analysis shows", "our tracking of X shows"), a year after
//! "since" or a month (never a count), an office holder named bare just before, a day the
//! holder spoke to correspondents "in his office", an apposition's year (not the period), and a
//! ship's gross tonnage (no claim).

mod common;

use common::{pair, row, when, who};

#[test]
fn a_fact_sheet_released_by_a_body_on_a_day() {
    for (day, date) in [
        ("on Thursday", "2024-05-16"),
        ("on Wednesday", "2024-05-15"),
    ] {
        let text = format!(
            "Pyongyang shipped over 7,500 containers to Moscow: Washington\n\
            \n\
            OSAKA (May 17, 2024) - North Korea has shipped more than 7,500 containers of ammunition to Russia since October 2023, according to a fact sheet released by the U.S. Treasury Department {day}.\n\
            \n\
            The sheet came with new designations.\n"
        );
        let rows: Vec<_> = lookout_claims::extract(&text)
            .into_iter()
            .filter(|r| r.quantity == Some(7500.0))
            .collect();
        // The headline's figure is the body's claim: one row, attributed.
        assert_eq!(rows.len(), 1, "{rows:?}");
        let r = &rows[0];
        assert!(r.speaker.contains("Treasury"), "{r:?}");
        assert_eq!(r.date, date);
        assert_eq!(when(r), ("2023-10", date, date));
    }
}

#[test]
fn an_institution_in_a_south_korean_lawmakers_text_is_seouls() {
    let text = "Democratic Party of Korea lawmaker Park Min-ho on the rail link\n\
        \n\
        Posted: 2024-10-02\n\
        \n\
        Park Min-ho received a briefing from the Defense Intelligence Agency on North Korean arms exports. We met him on Tuesday.\n\
        \n\
        Q: What did the briefing say?\n\
        \n\
        A: The Defense Intelligence Agency counts more than 9,000 containers sent from Rajin to Russia since August 2022.\n";
    let (speaker, org) = who(text, 9000.0);
    assert_eq!(org, "ROK Defense Intelligence Agency", "{speaker}");
    // The text saying the agency is North Korea's still makes it so.
    let north = "North Korea's Defense Intelligence Agency said on Monday that about 2,000 containers of shells had gone to Russia since March.\n";
    assert!(!who(north, 2000.0).1.starts_with("ROK"));
}

#[test]
fn a_body_set_up_by_a_list_of_countries() {
    let text = "Monitoring team report (translated from Japanese)\n\
        \n\
        2025年6月3日\n\
        \n\
        The Multilateral Sanctions Monitoring Team (MSMT), formed by 11 states including Japan, South Korea and the United Kingdom, announced on the 2nd its report, which concludes that North Korea supplied Russia with about 4 million rounds of artillery ammunition in 2024.\n";
    assert_eq!(who(text, 4_000_000.0), pair("MSMT", "MSMT"));
}

#[test]
fn a_news_agency_relays_the_body_it_cites() {
    let text = "Ukraine: North Korea sent more rockets\n\
        \n\
        12.03.2025 10:15\n\
        \n\
        North Korea has supplied Russia with more than 150 multiple rocket launchers since 2024, according to the Defence Intelligence of Ukraine (HUR), the news agency Ukrinform-Kyiv reports.\n";
    let (speaker, _) = who(text, 150.0);
    assert_eq!(speaker, "Ukraine Defence Intelligence (HUR)");
    // A hyphenated name holding a country names no country.
    assert!(lookout_claims::names::countries("the agency Interfax-Ukraine").is_empty());
    assert_eq!(
        lookout_claims::names::countries("the Russia-Ukraine war").len(),
        2
    );
}

#[test]
fn a_texts_own_findings_are_its_authors() {
    let text = "Beyond Parallel | Center for Strategic and International Studies\n\
        \n\
        March 4, 2024\n\
        \n\
        Imagery Analysis: Rajin in the Snow\n\
        \n\
        Commercial imagery examined for this report shows that since November 2023 Russian-flagged cargo ships called at the port of Rajin at least 31 times.\n";
    let r = row(text, 31.0);
    assert_eq!(r.speaker, "CSIS Beyond Parallel");
    // "since November 2023": a year after a month, never 2023 of something.
    assert!(lookout_claims::extract(text)
        .iter()
        .all(|r| r.quantity != Some(2023.0)));
    assert_eq!(r.period_start, "2023-11");
}

#[test]
fn a_year_after_since_or_a_month_is_no_count() {
    for s in [
        "Since 2022 ships have sailed from Rajin at least 40 times.",
        "In early 2024 trains left Tumangang at least 12 times.",
        "From March 2023 vessels called at Najin 17 times.",
    ] {
        let rows = lookout_claims::extract(s);
        assert!(
            rows.iter().all(|r| r.quantity.is_none_or(|q| q < 1900.0)),
            "{s}: {rows:?}"
        );
    }
}

#[test]
fn our_tracking_of_a_ship_is_ours() {
    let text = "RUSI Commentary\n\
        \n\
        Published 2 June 2024\n\
        \n\
        One freighter, many voyages\n\
        \n\
        Our tracking of the Lady Maria, a cargo ship sanctioned by the United Kingdom in 2021, shows that it made at least 9 round trips between Rajin and Vostochny from October to March.\n";
    let r = row(text, 9.0);
    assert_eq!(r.speaker, "RUSI");
    // The sanction's year describes the ship, not the trips.
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2023-10", "2024-03")
    );
}

#[test]
fn an_office_holder_named_bare_just_before() {
    let text = "The general and the railcars\n\
        \n\
        March 13, 2024\n\
        \n\
        Kim Yong-hyun does not enjoy interviews. South Korea's defence minister, a former army general, spoke to a few visiting reporters in his office on Tuesday.\n\
        \n\
        North Korea, he said, has sent about 5,200 containers to Russia since August.\n";
    let r = row(text, 5200.0);
    assert_eq!(r.speaker, "Kim Yong-hyun");
    // "spoke to ... in his office on Tuesday": the day he spoke.
    assert_eq!(r.date, "2024-03-12");
}

#[test]
fn a_ships_gross_tonnage_is_no_claim() {
    let text = "TOKYO (Nov. 2, 2023) - A Russian cargo ship has made at least four trips between Najin and Dunay since September, a British think tank said on Wednesday.\n\
        \n\
        The Maia-1, built in 2009, is about 5,600 gross tons. Another vessel of 7,200 deadweight tons was seen nearby.\n";
    let rows = lookout_claims::extract(text);
    assert!(
        rows.iter()
            .all(|r| r.quantity != Some(5600.0) && r.quantity != Some(7200.0)),
        "{rows:?}"
    );
}

#[test]
fn the_following_month_with_a_longer_subject() {
    let text = "How the estimates grew\n\
        \n\
        Published 9 June 2024\n\
        \n\
        The Royal United Services Institute said last November that Russian ships had made at least eight voyages from Rajin to Vostochny since September.\n\
        \n\
        The following month, Japan's Ministry of Defense told reporters that more than 800,000 artillery shells had gone to Russia since September.\n";
    let r = row(text, 800_000.0);
    assert_eq!(r.date, "2023-12");
    assert_eq!(r.period_end, "2023-12");
}

#[test]
fn across_the_river_from_russia_is_a_place_not_a_direction() {
    let text = "October 9, 2023\n\
        \n\
        \"Imagery from Oct. 8 shows approximately 61 railcars at the Tumangang rail facility, right across the river from Russia,\" the think tank CSIS wrote on X.\n";
    assert_eq!(row(text, 61.0).route, "rail:Tumangang->");
}

#[test]
fn a_visit_by_someone_to_a_capital_is_no_direction() {
    let text = "PARIS, July 2, 2024 (AFP) - Paris on Tuesday accused North Korea of sending more than 9,500 containers of munitions to Russia since October 2023, days before a planned visit by Foreign Minister Sergei Lavrov to Pyongyang.\n";
    let r = row(text, 9500.0);
    assert_eq!(r.unit, "containers");
    assert_eq!(r.direction, "North Korea->Russia");
}
