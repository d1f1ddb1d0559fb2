//! Attribution rules prompted by the sixteenth and seventeenth holdouts' first runs
//! (docs/accuracy.md step 24), each tried here on wordings, names, bodies, numbers and dates of
//! its own, not the corpora's: a headline naming a body over a press statement, a notice of
//! designations headed by its department, a transcript turn going on in an unlabelled
//! first-person paragraph, a short form of a medium named in full ("the Post"), an unnamed
//! official named later, "These are the findings of an investigation by X", a figure relayed
//! with the reporting verb set off ("The agency, he said, had told ...") or after it, and an
//! institution without its country in a text placed in one.

mod common;

use common::{pair, who};

#[test]
fn a_headline_naming_a_body_is_not_the_statements_issuer() {
    for headline in [
        "Russia-DPRK Military Cooperation Threatens Regional Security",
        "Pyongyang Army Shipments Deepen the War",
    ] {
        let text = format!(
            "{headline}\n\
            \n\
            PRESS STATEMENT\n\
            \n\
            OFFICE OF THE SPOKESPERSON\n\
            \n\
            MARCH 3, 2025\n\
            \n\
            Since May 2024, the DPRK has delivered more than 3,200 containers of munitions to Russia for use in its war against Ukraine.\n\
            \n\
            We will keep exposing these transfers.\n"
        );
        assert_eq!(
            who(&text, 3200.0),
            pair("US Department of State", "US Department of State"),
            "{headline}"
        );
    }
}

#[test]
fn a_notice_of_designations_is_its_departments() {
    let text = "UNITED STATES DEPARTMENT OF STATE\n\
        NOTICE OF DESIGNATIONS UNDER EXECUTIVE ORDER 14024\n\
        \n\
        Date: May 9, 2025\n\
        \n\
        1. The Department of State is designating the entities listed below.\n\
        \n\
        2. Since March 2024, the Democratic People's Republic of Korea has delivered to Russia more than 4,100 containers of munitions.\n";
    assert_eq!(
        who(text, 4100.0),
        pair("US Department of State", "US Department of State")
    );
}

#[test]
fn an_unlabelled_first_person_paragraph_goes_on_with_the_labelled_turn() {
    let text = "Assistant Pentagon Press Secretary Dana Orwell Holds a Press Briefing\n\
        \n\
        March 12, 2025\n\
        \n\
        ASSISTANT PRESS SECRETARY DANA ORWELL: Good morning. A few items first.\n\
        \n\
        We assess that North Korea has sent roughly 2,300 more soldiers to western Russia this month.\n\
        \n\
        Q: Dana, where are they now?\n\
        \n\
        MS. ORWELL: I won't go into that.\n";
    assert_eq!(
        who(text, 2300.0),
        pair("Dana Orwell", "US Department of Defense")
    );
}

#[test]
fn the_short_form_of_a_medium_named_before_relays_its_source() {
    let text = "LONDON, May 2, 2025 (AFP) - North Korea shipped more than 9,000 tonnes of explosives to Russia by rail, according to records analysed by C4ADS and first reported by The New York Times on Friday.\n\
        \n\
        Separately, researchers at Britain's Royal United Services Institute (RUSI) counted 31 shipments from Rajin over the same months, the Times reported.\n";
    let (speaker, org) = who(text, 31.0);
    assert_ne!(speaker, "Times");
    assert_eq!(org, "RUSI");
}

#[test]
fn an_unnamed_official_named_later_is_that_person() {
    let text = "SEOUL, March 5 (Reuters) - Russia has obtained more than 8,200 containers of munitions from North Korea since May 2024, a senior U.S. State Department official told reporters in Seoul on Wednesday.\n\
        \n\
        Miriam Castellano, a deputy assistant secretary in the department's arms control bureau, was speaking after talks with South Korean officials.\n\
        \n\
        Russia has fired more than 40 North Korean missiles at Ukraine since January, Castellano told reporters.\n";
    assert_eq!(
        who(text, 8200.0),
        pair("Miriam Castellano", "US Department of State")
    );
    assert_eq!(
        who(text, 40.0),
        pair("Miriam Castellano", "US Department of State")
    );
}

#[test]
fn an_unnamed_official_stays_unnamed_when_two_people_are_named() {
    let text = "SEOUL, March 5 (Reuters) - Russia has obtained more than 8,200 containers of munitions from North Korea since May 2024, a senior U.S. State Department official told reporters in Seoul on Wednesday.\n\
        \n\
        Russia has fired more than 40 North Korean missiles at Ukraine since January, Peter Lindqvist told reporters.\n\
        \n\
        About 1,200 soldiers were also sent, Hanna Okafor said.\n";
    let (speaker, _) = who(text, 8200.0);
    assert!(speaker.ends_with("official"), "{speaker}");
}

#[test]
fn findings_of_an_investigation_by_two_bodies_source_the_sentence_before() {
    let text = "Translated from the Russian; original published 3 June 2025\n\
        \n\
        Between May 2024 and April 2025 North Korea shipped nearly 7,400 containers of ammunition to Russia. These are the findings of a joint investigation by the Reuters agency and the British research group Open Source Centre, published on Tuesday.\n\
        \n\
        By the authors' estimate, this volume corresponds to between 2 and 3 million artillery shells.\n";
    assert_eq!(
        who(text, 7400.0),
        pair(
            "Reuters / Open Source Centre",
            "Reuters / Open Source Centre"
        )
    );
    let r = lookout_claims::extract(text)
        .into_iter()
        .find(|r| r.quantity_low == Some(2_000_000.0))
        .expect("range row");
    assert_eq!(r.speaker, "Reuters / Open Source Centre");
}

#[test]
fn a_figure_the_agency_told_a_committee_set_off_by_he_said_is_the_agencys() {
    let text = "An evening with a lawmaker\n\
        \n\
        April 9, 2025\n\
        \n\
        Park Min-jae sits on the National Assembly's intelligence committee. The National Intelligence Service, he said, had told the committee on Tuesday that North Korea had sent more than 4,400 artillery shells to Russia since January. The shells had gone out in at least 6 separate shipments by sea, he said the agency had told members.\n";
    assert_eq!(
        who(text, 4400.0),
        pair(
            "ROK National Intelligence Service",
            "ROK National Intelligence Service"
        )
    );
    assert_eq!(
        who(text, 6.0),
        pair(
            "ROK National Intelligence Service",
            "ROK National Intelligence Service"
        )
    );
}

#[test]
fn a_figure_a_lawmaker_gives_in_his_own_words_stays_his() {
    // No "the agency told": the lawmaker's own figure (holdout7's convention).
    let text = "SEOUL, April 9, 2025 (Yonhap) -- North Korea has sent about 4,400 more soldiers to Russia, ruling party lawmaker Park Min-jae said Wednesday after a closed-door briefing.\n";
    let (speaker, _) = who(text, 4400.0);
    assert_eq!(speaker, "Park Min-jae");
}

#[test]
fn an_institution_without_its_country_is_the_placed_countrys() {
    let text = "KYIV, 04.03.2025 -- Russia launched 17 North Korean ballistic missiles against Ukraine in January, said Prosecutor General Olena Marchuk.\n";
    assert_eq!(
        who(text, 17.0),
        pair("Olena Marchuk", "Ukraine Office of the Prosecutor General")
    );
    let text = "NIGHT BULLETIN | 12 April 2025\n\
        \n\
        ANCHOR: South Korea's military says the North has sent more weapons to Russia.\n\
        \n\
        CHO: The Joint Chiefs of Staff said today that North Korea had supplied about 140 self-propelled howitzers.\n";
    assert_eq!(
        who(text, 140.0),
        pair("ROK Joint Chiefs of Staff", "ROK Joint Chiefs of Staff")
    );
}

#[test]
fn an_official_briefed_on_something_is_written_without_the_country() {
    // The corpora's convention: the country of "an official briefed on the intelligence" is
    // the organization's, not part of the speaker.
    let text = "SEOUL, March 3, 2025 (Reuters) - North Korea has sent more than 2,000 containers of munitions to Russia since January, a South Korean government official briefed on the intelligence told Reuters on Monday.\n";
    assert_eq!(
        who(text, 2000.0),
        pair("official briefed on the intelligence", "ROK government")
    );
    let text = "WASHINGTON, May 6, 2025 (AP) - Russia has received about 40 more North Korean ballistic missiles since February, a U.S. official briefed on the assessment said Tuesday.\n";
    assert_eq!(
        who(text, 40.0),
        pair("official briefed on the assessment", "US government")
    );
    // Without "briefed on", the words stay the speaker's.
    let text = "WASHINGTON, May 6, 2025 (AP) - Russia has received about 40 more North Korean ballistic missiles since February, a U.S. official said Tuesday.\n";
    assert_eq!(who(text, 40.0), pair("U.S. official", "US government"));
}
