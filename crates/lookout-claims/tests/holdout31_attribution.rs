//! Attribution rules prompted by the twenty-eighth to thirty-first holdouts' misses (claims28a),
//! each tried here on wordings, names, numbers and dates of its own, not the corpora's: a
//! person named with an apposition in the sentence right after an official given indefinitely
//! ("a senior U.S. official said") is that official (delayed identification), unless the text
//! keeps a source anonymous on purpose, the person "also said" something, the person is of
//! another government, or the text refers back to "the official" after the name; "According to
//! the report, X, a research group, analysed ... and found that" is X's, and a medium's report
//! the lead dates ("The Washington Post reported on Friday that") dates the findings it relays;
//! "On the Russian side, at Khasan, it counted" is the organization before, not Russia; "Washington
//! on Oct. 13 accused" is the capital's accusation, dated by that day; "Ukrainian prosecutors"
//! (a country and a role) are that group, of the role's institution, but the institution when
//! another body cites them; "The same investigation cited ..." is of the day of the
//! investigation cited just before.

mod common;

use common::{pair, row, who};

/// A wire story whose lede gives a figure to an unnamed official and whose next paragraph
/// names a person, `second` being that paragraph.
fn delayed(lede_source: &str, second: &str) -> String {
    format!(
        "Shells keep flowing, U.S. says\n\nSEOUL, March 11 (Wire) -- North Korea has shipped more \
         than 9,200 containers of artillery shells to Russia since last August, {lede_source} \
         said Tuesday.\n\n{second}\n\nNorth Korea's embassy did not reply to a request for \
         comment.\n"
    )
}

#[test]
fn a_person_named_right_after_an_unnamed_official_is_that_official() {
    for (lede_source, second) in [
        (
            "a senior U.S. official",
            "\"The flow has not slowed,\" said Jane Holloway, a deputy assistant secretary in \
             the State Department's arms control bureau, at a forum in Seoul.",
        ),
        (
            "a senior U.S. State Department diplomat",
            "Jane Holloway, a deputy assistant secretary of state, said the trains had been \
             running daily since the winter.",
        ),
    ] {
        let text = delayed(lede_source, second);
        assert_eq!(
            who(&text, 9200.0),
            pair("Jane Holloway", "US Department of State"),
            "{text}"
        );
    }
}

#[test]
fn an_official_kept_anonymous_or_beside_the_person_stays_unnamed() {
    let kept = [
        // Anonymity given on purpose.
        (
            "a senior U.S. official",
            "\"The flow has not slowed,\" said Jane Holloway, a deputy assistant secretary in \
             the State Department's arms control bureau, at a forum in Seoul. Other figures were \
             given to reporters on condition of anonymity.",
        ),
        // "also said": one speaker beside another.
        (
            "a senior U.S. official",
            "Jane Holloway, a deputy assistant secretary of state, also said the trains had \
             been running daily since the winter.",
        ),
        // A person of another government.
        (
            "a senior U.S. official",
            "Kim Do-hyun, a vice defense minister of South Korea, said the trains had been \
             running daily since the winter.",
        ),
    ];
    for (lede_source, second) in kept {
        let text = delayed(lede_source, second);
        let (speaker, _) = who(&text, 9200.0);
        assert!(speaker.ends_with("official"), "{speaker}: {text}");
    }
    // The official referred back to after the name: two people.
    let text = delayed(
        "a senior U.S. official",
        "Jane Holloway, a deputy assistant secretary of state, said the trains had been running \
         daily since the winter. The official added that the ships had slowed down.",
    );
    assert_eq!(who(&text, 9200.0).0, "senior U.S. official", "{text}");
}

#[test]
fn a_research_group_a_medium_reports_on_is_the_source_dated_by_the_report() {
    let text = "Rail data point to more shells\n\nPosted: 2024-05-12 08:00\n\nThe Washington \
        Post reported on Saturday that North Korean munitions had moved across Russia by rail.\n\n\
        According to the report, C4ADS, a Washington-based research group, examined Russian \
        freight records and found that more than 52,000 tons of munitions travelled by rail from \
        the Far East between October and March.\n\nThe group estimates that this equals as \
        many as 900,000 artillery shells.\n";
    for q in [52000.0, 900_000.0] {
        let r = row(text, q);
        assert_eq!(
            (r.speaker.as_str(), r.organization.as_str()),
            ("C4ADS", "C4ADS")
        );
        assert_eq!(r.date, "2024-05-11", "{q}");
    }
}

#[test]
fn a_place_a_sentence_opens_in_is_not_what_it_refers_to() {
    let text = "Rail yards busy\n\nAugust 2024\n\nNew imagery shows trains at the border, \
        according to the Center for Strategic and International Studies.\n\nImagery from July 2 \
        shows some 140 railcars at North Korea's Tumangang yard, the think tank's Beyond \
        Parallel project said. On the Russian side, at Khasan, it counted about 95 railcars on \
        the same day.\n";
    assert_eq!(
        who(text, 95.0),
        pair("CSIS Beyond Parallel", "CSIS Beyond Parallel")
    );
}

#[test]
fn a_capital_accusing_on_a_dated_day_is_the_source() {
    let text = "EDITORIAL\n\nNo more doubt\n\nPosted : 2023-11-24 09:00\n\nThe case is clear. \
        Washington on Nov. 17 accused Pyongyang of sending more than 2,400 containers of arms to \
        Russia in recent weeks.\n";
    let r = row(text, 2400.0);
    assert_eq!(
        (r.speaker.as_str(), r.organization.as_str(), r.date.as_str()),
        ("United States", "US government", "2023-11-17")
    );
}

#[test]
fn a_country_s_people_of_a_role_are_the_group_of_that_institution() {
    let text = "Missile debris studied\n\nPublished 9 May 2024\n\nUkrainian prosecutors say \
        Russia has launched some 37 North Korean ballistic missiles at Ukraine since January.\n";
    assert_eq!(
        who(text, 37.0),
        pair(
            "Ukrainian prosecutors",
            "Ukraine Office of the Prosecutor General"
        )
    );
    // Cited by another body: the institution whose record it cites.
    let text = "Missile debris studied\n\nPublished 9 May 2024\n\nRussia has launched some 37 \
        North Korean ballistic missiles at Ukraine since January, according to Ukrainian \
        prosecutors cited by the British foreign ministry.\n";
    assert_eq!(
        who(text, 37.0),
        pair(
            "Ukraine Office of the Prosecutor General",
            "Ukraine Office of the Prosecutor General"
        )
    );
    // The office itself stays the office.
    let text = "Missile debris studied\n\nPublished 9 May 2024\n\nUkraine's Prosecutor General's \
        Office says Russia has launched some 37 North Korean ballistic missiles at Ukraine since \
        January.\n";
    assert_eq!(
        who(text, 37.0),
        pair(
            "Ukraine Office of the Prosecutor General",
            "Ukraine Office of the Prosecutor General"
        )
    );
}

#[test]
fn the_same_investigation_is_of_the_day_it_was_cited_with() {
    let text = "EXPLAINER\n\nHow the shells move\n\nMay 15, 2024\n\nWhat do we know?\n\n\
        RUSI researchers counted 19 voyages out of Rajin over the winter, according to a \
        Washington Post investigation published on Sunday.\n\nAnd after the ports?\n\nThe \
        same investigation cited freight records analysed by the nonprofit C4ADS, which show \
        that more than 41,000 tonnes of munitions moved west by rail. That is enough for as \
        many as 700,000 artillery shells, C4ADS estimated.\n";
    for q in [41000.0, 700_000.0] {
        assert_eq!(row(text, q).date, "2024-05-12", "{q}");
    }
}
