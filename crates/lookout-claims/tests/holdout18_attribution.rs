//! Attribution rules prompted by the eighteenth and nineteenth holdouts' first runs, each tried
//! here on wordings, names, bodies, numbers and dates of its own, not the corpora's: a think
//! tank's own imagery with a long post-modifier ("Our imagery of the yard collected on DATE
//! shows"), "the authors of the material" of a report named before (translated Russian news),
//! with the report's topic after its issuers and a joint source written medium first, and "the
//! member states of X released the team's report" then "The report found" (X's), "He also said"
//! in a correspondent's labelled turn (the person the correspondent reports, not the label's),
//! "The figure the then minister, NAME, gave in June was N" (NAME's, dated by the giving), and a
//! known official named without title or organization (the gazetteer's body).

mod common;

use common::{pair, row, who};

#[test]
fn a_think_tanks_own_imagery_with_a_long_post_modifier_is_the_think_tanks() {
    for (org, sentence) in [
        (
            "CSIS Beyond Parallel",
            "Our imagery of the marshalling yard collected on 9 March 2025 shows roughly 64 railcars waiting at the border.",
        ),
        (
            "Open Source Centre",
            "Our images of the northern quay taken on the morning of 2 April show at least 14 containers stacked beside the ship.",
        ),
    ] {
        let header = org.trim_start_matches("CSIS ");
        let text = format!(
            "{header}\n\
            April 2025\n\
            Activity at the Border Crossing\n\
            The crossing has been busy since the start of the year.\n\
            {sentence}\n"
        );
        let n = if org.starts_with("CSIS") { 64.0 } else { 14.0 };
        assert_eq!(who(&text, n), pair(org, org), "{sentence}");
    }
}

#[test]
fn the_authors_of_the_material_are_the_issuers_of_the_report_named_before() {
    for (named, authors) in [
        (
            "a report by the British Royal United Services Institute and the Bloomberg agency on arms flows across the Tumen River",
            "According to the authors of the material",
        ),
        (
            "a study by the Bloomberg agency and the Royal United Services Institute into rail traffic to Russia",
            "In the words of the authors of the publication",
        ),
    ] {
        let text = format!(
            "MOSCOW, May 14, 2025 --\n\
            [Translated from Russian]\n\
            The Russian Foreign Ministry on Wednesday called {named} \"unfounded\".\n\
            {authors}, released on Monday, about 3,100 railcars crossed into Russia from the North between May 2024 and March 2025.\n"
        );
        assert_eq!(
            who(&text, 3100.0),
            pair("Bloomberg / RUSI", "Bloomberg / RUSI"),
            "{authors}"
        );
    }
}

#[test]
fn the_report_that_a_bodys_member_states_released_is_the_bodys() {
    for (lead, document, org) in [
        (
            "The eleven member states of the Multilateral Sanctions Monitoring Team (MSMT) on Friday released the team's second report.",
            "report",
            "MSMT",
        ),
        (
            "The 27 member states of the European Union today published the bloc's first assessment of the war's supply lines.",
            "assessment",
            "European Union",
        ),
    ] {
        let text = format!(
            "Joint Statement on Arms Transfers to Russia\n\
            Ministry of Foreign Affairs of the Netherlands\n\
            October 3, 2025\n\
            {lead}\n\
            The {document} found that in the first half of 2025 the DPRK transferred more than 70 self-propelled howitzers to Russia.\n\
            It also identified 31 shipments of munitions over the same months.\n"
        );
        assert_eq!(who(&text, 70.0), pair(org, org), "{lead}");
        assert_eq!(who(&text, 31.0), pair(org, org), "{lead}");
    }
}

#[test]
fn he_in_a_correspondents_labelled_turn_is_the_person_reported() {
    for (turn, n) in [
        (
            "PARK: He also said that at least 40 rocket launchers had gone north by rail.",
            40.0,
        ),
        (
            "PARK: And he added that some 2,300 more soldiers were being trained near Vladivostok.",
            2300.0,
        ),
    ] {
        let text = format!(
            "Broadcast 6 May 2025\n\
            LATE NEWS - TRANSCRIPT\n\
            PRESENTER LIM: The defence minister has spoken about Pyongyang's help for Moscow. Our correspondent Park Soo-min is in Seoul.\n\
            PARK: Good evening. Defence Minister Ahn Gyu-back briefed lawmakers in Seoul this morning. He said North Korea had sent about 1,900 more troops to Russia.\n\
            {turn}\n\
            PRESENTER LIM: Park Soo-min, thank you.\n"
        );
        assert_eq!(who(&text, 1900.0).0, "Ahn Gyu-back");
        assert_eq!(who(&text, n), who(&text, 1900.0), "{turn}");
    }
}

#[test]
fn the_figure_a_person_gave_is_that_persons_dated_by_the_giving() {
    for (sentence, n, speaker) in [
        (
            "The figure the then defence minister, Kim Yong-hyun, gave in October was at least 12,000 containers.",
            12000.0,
            "Kim Yong-hyun",
        ),
        (
            "The estimate that Defence Minister Kim Yong-hyun gave in October was roughly 9,000 containers.",
            9000.0,
            "Kim Yong-hyun",
        ),
    ] {
        let text = format!(
            "SEOUL, Sept. 2, 2025 (Yonhap) -- North Korea has sent more than 15,000 containers of munitions to Russia, the Joint Chiefs of Staff said on Tuesday. {sentence}\n"
        );
        let r = row(&text, n);
        assert_eq!(
            (r.speaker.as_str(), r.date.as_str()),
            (speaker, "2024-10"),
            "{sentence}"
        );
    }
}

#[test]
fn a_known_official_named_bare_speaks_for_the_gazetteers_body() {
    for (sentence, n, speaker, org) in [
        (
            "In a speech on 9 March 2024, Antony Blinken said that Russia had received more than 7,000 containers from the North.",
            7000.0,
            "Antony Blinken",
            "US Department of State",
        ),
        (
            "John Kirby told NHK on Friday that about 2,500 North Korean soldiers had reached the front.",
            2500.0,
            "John Kirby",
            "White House National Security Council",
        ),
    ] {
        let text = format!("Notes on a year of counts\n\nPublished 2 May 2025\n\n{sentence}\n");
        assert_eq!(who(&text, n), pair(speaker, org), "{sentence}");
    }
}

#[test]
fn a_day_between_the_passive_verb_and_by_keeps_the_source() {
    for (sentence, speaker, org) in [
        (
            "This was stated on Thursday by Park Jae-ho, a member of the defence committee of the South Korean parliament.",
            "Park Jae-ho",
            "ROK National Assembly",
        ),
        (
            "This was announced last week by the Ukrainian Defence Intelligence (HUR).",
            "Ukraine Defence Intelligence (HUR)",
            "Ukraine Defence Intelligence (HUR)",
        ),
    ] {
        let text = format!(
            "Translation | 4 March 2025\n\
            \n\
            Some 2,700 more North Korean soldiers have arrived in the Kursk region. {sentence}\n"
        );
        assert_eq!(who(&text, 2700.0), pair(speaker, org), "{sentence}");
    }
}
