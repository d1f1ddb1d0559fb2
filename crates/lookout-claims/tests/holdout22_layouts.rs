//! Layout, date, period, topic and route rules prompted by the twenty-second and twenty-third
//! holdouts' first runs (branch `claims23b`), each tried here on wordings, names, bodies,
//! numbers and dates of its own, not the corpora's: an agency's header line with its date after
//! the dash, the day of a report "submitted to" a lawmaker, a day between a subject and its verb
//! after an opening phrase, a document dated "of" a day, passenger flights an airport cancelled
//! and the troops of an exercise in a corridor text, "on that run" after a route, "and more than
//! N with 152-millimetre ones", "One photo showed containers", a change of pace added after a
//! count, "Several more were fired" after a count, "over roughly the same months", "never saw
//! more than N there on any single image", "in the yard" after a place, a bullet figure "N+:"
//! "If every box held ... the total could", a bare answer with its time set off by commas and a
//! total of shells "have been moved" after counts of visits, and a presenter's question between
//! a correspondent's answers, and a finding ", and first reported by" a medium on a day.

mod common;

use common::{row, when};
use lookout_claims::{extract, is_on_topic};

#[test]
fn an_agency_header_line_with_its_date_after_the_dash_is_no_dateline() {
    for header in [
        "JIJI PRESS - Nov 12, 2024 - 09:40 | Politics",
        "ANSA NEWS - 12 November 2024 - 18:05 | World, Asia",
    ] {
        let text = format!(
            "Seoul says more troops went to Russia\n\n{header}\n\nTOKYO - North Korea has sent about 3,500 more soldiers to Russia, South Korea's spy agency told lawmakers Monday.\n"
        );
        let r = row(&text, 3500.0);
        assert_eq!(r.date, "2024-11-11", "{header}");
    }
}

#[test]
fn the_day_of_a_report_submitted_to_a_lawmaker_is_the_statement() {
    for sentence in [
        "The Defense Intelligence Agency estimated in a report submitted to Rep. Yoo Yong-won on Monday that North Korea has shipped more than 9,000 containers to Russia since August 2023.",
        "The spy agency said in a report handed to a lawmaker of the ruling party on Monday that North Korea has shipped more than 9,000 containers to Russia since August 2023.",
    ] {
        let text = format!("Korea Brief\n\nThursday, 14 March 2024\n\n{sentence}\n");
        assert_eq!(
            when(&row(&text, 9000.0)),
            ("2023-08", "2024-03-11", "2024-03-11"),
            "{sentence}"
        );
    }
}

#[test]
fn a_day_between_subject_and_verb_after_an_opening_phrase_is_the_statement() {
    for sentence in [
        "A week after the talks collapsed, Seoul on Tuesday accused North Korea of shipping more than 4,000 containers of munitions to Russia since August.",
        "Three months into the war, Kyiv on Tuesday said North Korea had sent more than 4,000 containers of munitions to Russia since August.",
    ] {
        let text = format!("World\n\nThursday 16 November 2023\n\n{sentence}\n");
        assert_eq!(
            when(&row(&text, 4000.0)),
            ("2023-08", "2023-11-14", "2023-11-14"),
            "{sentence}"
        );
    }
}

#[test]
fn a_document_of_a_day_dates_the_claim_and_is_no_period() {
    for sentence in [
        "The Foreign Office set out in a fact sheet of 9 April that North Korea has delivered more than 12,000 containers of munitions to Russia since August 2023.",
        "Officials noted in a report dated 9 April that North Korea has delivered more than 12,000 containers of munitions to Russia since August 2023.",
    ] {
        let text = format!("Briefing note\n\nMonday 29 April 2024\n\n{sentence}\n");
        let r = row(&text, 12000.0);
        assert_eq!(
            (r.period_start.as_str(), r.date.as_str()),
            ("2023-08", "2024-04-09"),
            "{sentence}"
        );
    }
}

#[test]
fn cancelled_flights_and_the_troops_of_an_exercise_are_off_topic() {
    let text = "The Weekly Letter\n\nFriday, 6 September 2024\n\nNorth Korea has sent more than 14,000 containers of munitions to Russia through the port of Rajin, the agency said.\n\nBusan airport cancelled 210 flights on Wednesday as the typhoon passed.\n\nGimpo delayed 85 flights because of fog.\n\nThe ten-day drills ended on Friday with about 21,000 troops taking part.\n\nSome 4,500 soldiers joined the joint exercise off the east coast.\n";
    let rows = extract(text);
    assert!(rows
        .iter()
        .any(|r| r.quantity == Some(14000.0) && is_on_topic(r)));
    for n in [210.0, 85.0, 21000.0, 4500.0] {
        assert!(
            rows.iter()
                .filter(|r| r.quantity == Some(n))
                .all(|r| !is_on_topic(r)),
            "{n}"
        );
    }
}

#[test]
fn on_that_run_takes_the_route_of_the_claim_before() {
    for second in [
        "It made at least twelve trips on that run over the period.",
        "The freighter completed at least twelve voyages along the same route.",
    ] {
        let text = format!(
            "Investigation\n\n3 March 2025\n\nBetween May 2023 and November 2024, the cargo ship Lira carried roughly 1,400 containers of munitions from Rajin to the port of Vostochny, our analysis shows. {second}\n"
        );
        assert_eq!(row(&text, 12.0).route, "sea:Rajin->Vostochny", "{second}");
    }
}

#[test]
fn a_number_after_and_with_a_calibre_and_ones_takes_the_unit_before() {
    for sentence in [
        "In the general's words, they would hold over 300,000 rounds if packed with 122-millimetre shells, and more than 1.5 million with 152-millimetre ones.",
        "Filled with 122 mm rounds, they could take some 300,000, and about 1.5 million with 152 mm ones.",
    ] {
        let text = format!(
            "Defence\n\n12 January 2024\n\nNorth Korea has moved about 4,000 containers to Russia, Defence Minister Park Jin-ho said on Friday. {sentence}\n"
        );
        let r = row(&text, 1_500_000.0);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str()),
            ("artillery_shells_152mm", "capacity_equivalent"),
            "{sentence}"
        );
    }
}

#[test]
fn one_photo_counts_the_photo_not_the_containers_it_shows() {
    for sentence in [
        "One photo showed containers stacked on a quay; another showed a depot near the border.",
        "Two satellite images showed containers on the pier at Rajin.",
    ] {
        let text = format!(
            "Evening news\n\n20 October 2023\n\nThe White House said North Korea had sent more than 1,000 containers of munitions to Russia. {sentence}\n"
        );
        let rows = extract(&text);
        assert!(rows.iter().any(|r| r.quantity == Some(1000.0)));
        assert!(
            rows.iter().all(|r| r.quantity.is_none_or(|q| q >= 1000.0)),
            "{sentence}"
        );
    }
}

#[test]
fn a_change_of_pace_added_after_the_count_gives_it_no_period() {
    for sentence in [
        "North Korea has moved about 6,000 containers by sea to Russia, the defence minister said on Friday, adding that the pace had picked up in the past two months.",
        "North Korea has moved about 6,000 containers by sea to Russia, the defence minister said on Friday, noting that the rate of shipments had slowed since October.",
    ] {
        let text = format!("Defence\n\n29 December 2023\n\n{sentence}\n");
        assert_eq!(when(&row(&text, 6000.0)), ("", "", "2023-12-29"), "{sentence}");
    }
}

#[test]
fn several_more_fired_goes_on_with_the_series_before() {
    for second in [
        "Several more were fired on Friday as part of a night attack, she said.",
        "About a dozen more were launched on Friday, she said, and damage was still being assessed.",
    ] {
        let text = format!(
            "Washington (AP) -- Updated 2:10 PM EST, March 8, 2024\n\nWASHINGTON (AP) — North Korea has given Russia ballistic missiles, and Russian forces have fired some of them into Ukraine, the State Department said Friday.\n\nSpokeswoman Anna Lowe told reporters that Russia launched at least two of the missiles on March 3. {second}\n"
        );
        let rows = extract(&text);
        let more = rows
            .iter()
            .find(|r| r.quantity != Some(2.0) && r.unit.ends_with("missiles_launched"))
            .unwrap_or_else(|| panic!("no second count: {second}"));
        assert!(is_on_topic(more), "{second}");
    }
}

#[test]
fn over_the_same_months_takes_the_period_of_the_claim_before() {
    for second in [
        "A think tank in London counted 31 shipments between Rajin and the port of Vostochny over roughly the same months.",
        "Over the same weeks, 31 shipments left Rajin for the port of Vostochny, a think tank in London counted.",
    ] {
        let text = format!(
            "Feature\n\nSaturday 13 July 2024\n\nRail records show more than 52,000 metric tons of explosives moving from two ports in Russia's Far East to depots near Ukraine from September to March, a nonprofit in Washington found. {second}\n"
        );
        let r = row(&text, 31.0);
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str()),
            ("2023-09", "2024-03"),
            "{second}"
        );
    }
}

#[test]
fn never_saw_more_than_n_there_on_any_image_counts_the_unit_before() {
    for second in [
        "In the five years before that, we never saw more than 15 there on any single image.",
        "In the five years before that, the yard never held more than 15 at any one time.",
    ] {
        let text = format!(
            "Imagery brief | November 2, 2023\n\nOur review of commercial satellite imagery of the Tumangang rail yard, collected on November 1, found approximately 64 freight railcars in the yard. {second}\n"
        );
        let r = row(&text, 15.0);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str()),
            ("railcars", "up_to"),
            "{second}"
        );
    }
}

#[test]
fn in_the_yard_takes_the_place_of_the_sentence_before() {
    for second in [
        "We counted approximately 58 freight railcars in the yard that day.",
        "Analysts counted about 58 railcars at the facility on that image.",
    ] {
        let text = format!(
            "Imagery Brief\n\nNovember 2, 2023\n\nSatellite imagery collected on November 1 shows a large volume of freight at the Tumangang rail facility near the border with Russia. {second}\n"
        );
        assert_eq!(row(&text, 58.0).route, "rail:Tumangang->", "{second}");
    }
}

#[test]
fn a_bullet_figure_with_a_plus_and_a_colon_is_at_least_that_many() {
    for bullet in [
        "\u{2022} 12,000+: containers of munitions Russia has received from North Korea since August 2023, per Mira Dalton, a State Department spokeswoman, who briefed reporters on Tuesday.",
        "- 12,000+: shipping containers of munitions North Korea has sent to Russia since August 2023, per Mira Dalton, a State Department spokeswoman, who briefed reporters on Tuesday.",
    ] {
        let text = format!(
            "THE MORNING LETTER\nIssue 7 | Thursday, 11 July 2024\n\nGood morning. Two things today.\n\n{bullet}\n"
        );
        let r = row(&text, 12000.0);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str(), r.period_start.as_str()),
            ("containers", "at_least", "2023-08"),
            "{bullet}"
        );
    }
}

#[test]
fn if_every_box_held_shells_the_total_could_is_a_capacity() {
    for second in [
        "If every box held 152 mm artillery shells, the agency reckons, the total could exceed 5 million rounds.",
        "If each container carried 152 mm shells, the total would be more than 5 million rounds.",
    ] {
        let text = format!(
            "Weekly\n\nWednesday, 4 September 2024\n\nThe spy agency estimated that North Korea has shipped more than 11,000 containers to Russia since August 2022. {second}\n"
        );
        assert_eq!(row(&text, 5_000_000.0).qualifier, "capacity_equivalent", "{second}");
    }
}

#[test]
fn a_bare_answer_with_its_time_set_off_by_commas_counts_what_was_asked() {
    for answer in [
        "HALE: At least eleven, between May 2023 and June 2024, and each of them a run from Rajin to Vostochny.",
        "A: At least eleven, between May 2023 and June 2024.",
    ] {
        let text = format!(
            "Q&A | 3 March 2025\n\nAn investigator on one ship\n\nMara Hale is an investigator at a London research group. We spoke to her by video.\n\nQ: How many trips did the ship make?\n{answer}\n"
        );
        let r = row(&text, 11.0);
        assert_eq!(
            (r.unit.as_str(), r.qualifier.as_str(), r.period_start.as_str(), r.period_end.as_str()),
            ("voyages", "at_least", "2023-05", "2024-06"),
            "{answer}"
        );
    }
}

#[test]
fn a_total_of_shells_moved_in_the_perfect_runs_over_the_counts_before() {
    for second in [
        "Our analysts estimate that more than 2 million artillery shells have moved along this route.",
        "More than 2 million artillery shells have probably been shipped, the analysts estimated.",
    ] {
        let text = format!(
            "Beyond the Border | Analysis\n\nPublished 5 March 2024\n\nOur review of commercial satellite imagery shows that the trade goes on. We identified at least 30 visits to the port of Rajin by Russian cargo ships since September 2023. {second}\n"
        );
        assert_eq!(
            when(&row(&text, 2_000_000.0)),
            ("2023-09", "2024-03-05", "2024-03-05"),
            "{second}"
        );
    }
}

#[test]
fn a_presenters_question_does_not_part_an_answer_from_the_one_before() {
    for presenter in [
        "PRESENTER: And in return?",
        "Presenter: And what goes the other way?",
    ] {
        let text = format!(
            "EVENING REPORT\nRecorded 12 April 2024, 19:00 GMT\n\nCORRESPONDENT (Seoul): Speaking to reporters on Friday, the defence minister said the North had shipped roughly 8,000 containers of munitions to Russia since last year. Most of them went by ship, he said.\n\n{presenter}\n\nCORRESPONDENT (Seoul): In return, Russia has sent more than 10,000 containers to the North, the minister said, mostly food.\n"
        );
        assert_eq!(
            when(&row(&text, 10000.0)),
            ("2023", "2024-04-12", "2024-04-12"),
            "{presenter}"
        );
    }
}

#[test]
fn a_finding_and_first_reported_by_a_medium_on_a_day_is_dated_by_that_day() {
    for sentence in [
        "Railway records analysed by Sentinel Data, a research group in Washington, and first reported by The New York Times on 14 May, show that more than 41,000 metric tons of explosives moved by rail from two Far Eastern ports between September 2023 and February 2024.",
        "Customs data examined by Sentinel Data, a research group in Washington, and first published by The New York Times on 14 May, show that more than 41,000 metric tons of explosives moved by rail from two Far Eastern ports between September 2023 and February 2024.",
    ] {
        let text = format!("Explainer\nMay 17, 2024\n\n{sentence}\n");
        assert_eq!(
            when(&row(&text, 41000.0)),
            ("2023-09", "2024-02", "2024-05-14"),
            "{sentence}"
        );
    }
}
