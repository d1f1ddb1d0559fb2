//! Attribution rules prompted by the twenty-sixth and twenty-seventh holdouts' first runs
//! (claims25a), each tried here on wordings, names, bodies, numbers and dates of its own, not
//! the corpora's: a research body's own page known as its own without the first person (signed
//! by its analysts, or saying what project it is part of), and its unattributed findings
//! ("Satellite imagery of the border between A and B, captured on DATE, shows") and
//! unattributed paragraphs as its own, not the places the imagery is of; and a body with a
//! clause on who set it up ("The X Group, set up by A, B, C and nine other states after the UN
//! panel lapsed, said"), which names the body, not the states or the UN.

mod common;

use common::{pair, who};

#[test]
fn a_research_page_signed_or_self_described_is_its_bodys_without_the_first_person() {
    let body = "Satellite imagery of the Rajin freight yard near the border between North Korea \
                and Russia, captured on March 3, shows approximately 48 freight wagons on the \
                sidings.\n\nMost of the wagons are covered, so what they carry cannot be seen.\n";
    for (header, footer) in [
        (
            "38 North | April 2025\n\nWagons Gather at the Rajin Yard\n\nBy Martyn Williams and Peter Makowsky\n\nApril 2, 2025\n",
            "",
        ),
        (
            "38 North\n\nWagons Gather at the Rajin Yard\n\nApril 2, 2025\n",
            "\nThis analysis is part of the 38 North program at the Stimson Center.\n",
        ),
    ] {
        let text = format!("{header}\n{body}{footer}");
        assert_eq!(who(&text, 48.0), pair("38 North", "38 North"), "{text}");
    }
}

#[test]
fn unowned_imagery_on_a_research_page_is_the_pages_not_the_places_it_shows() {
    for sentence in [
        "Commercial satellite imagery of the rail yards on both banks of the Amur River, \
         collected on August 9, shows about 260 tank cars at the two stations.",
        "New imagery of the port of Chongjin and the coast north of it, taken on August 9, shows \
         about 260 tank cars waiting at the quay.",
    ] {
        let text = format!(
            "Pacific Imagery Institute\n\nTank Cars at the Border\n\nImagery Analysis by Hana \
             Ostrowska and Kim Do-yun\n\nAugust 12, 2025\n\n{sentence}\n\nThe Pacific Imagery \
             Institute is a project of the Halvorsen Foundation.\n"
        );
        assert_eq!(
            who(&text, 260.0),
            pair("Pacific Imagery Institute", "Pacific Imagery Institute"),
            "{text}"
        );
    }
}

#[test]
fn an_unattributed_paragraph_on_a_research_page_is_its_bodys() {
    for sentence in [
        "In the same months, tankers with their transponders off called at the oil terminal \
         at Nakhodka at least 31 times.",
        "Between January and April, at least 31 port calls were made at the Nakhodka oil \
         terminal by tankers running dark.",
    ] {
        let text = format!(
            "Open Nuclear Network | Analysis\n\nTankers Running Dark in the Sea of Japan\n\n\
             May 6, 2025\n\nOur review of radar and optical imagery since January shows tankers \
             loading refined oil for Rajin every week.\n\n{sentence}\n"
        );
        assert_eq!(
            who(&text, 31.0),
            pair("Open Nuclear Network", "Open Nuclear Network"),
            "{text}"
        );
    }
}

#[test]
fn a_founding_clause_after_a_body_names_who_set_it_up_not_the_speaker() {
    for clause in [
        "set up in March by Canada, Australia, New Zealand and nine other states after the UN \
         Security Council let its expert panel lapse",
        "launched last spring by 12 governments including Canada, Australia and New Zealand \
         after the mandate of a UN panel of experts ran out",
    ] {
        let text = format!(
            "OTTAWA, 3 June 2026 - The Joint Sanctions Observation Group, {clause}, said that \
             North Korea had shipped about 7 million shells to Russia in 2025.\n"
        );
        assert_eq!(
            who(&text, 7_000_000.0),
            pair(
                "Joint Sanctions Observation Group",
                "Joint Sanctions Observation Group"
            ),
            "{text}"
        );
    }
}
