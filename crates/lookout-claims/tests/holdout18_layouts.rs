//! Date, period and quantity rules prompted by the eighteenth and nineteenth holdouts' first runs
//! (branch `claims21b`), each tried here on wordings, names, bodies, numbers and dates of its own,
//! not the corpora's: a reporting verb with its recipient before the day, a turn going on after
//! a speaker label, "In addition" in the perfect, an opening "According to X,", an answer to a
//! question about what was just counted, "over those months", "in the same report", "the
//! following month" after an object or a bullet, a question heading before the lead, the same
//! figure in an earlier statement, "the last week of October", a finding's first publication
//! opening the sentence, two designators of one unit, an opening when-clause of meeting,
//! "rounds of sanctions", "made public", and a figure given at a named time.

mod common;

use common::{row, when};
use lookout_claims::{extract, is_on_topic};

#[test]
fn a_reporting_verb_with_its_recipient_before_the_day_dates_the_statement() {
    for verb in [
        "reported to the parliamentary defence committee",
        "said to foreign correspondents",
    ] {
        let text = format!(
            "2025년 3월 20일 10:05\n[Translation from Korean]\nNorth Korea has sent more than 8,400 containers of munitions to Russia since March last year, the Defense Intelligence Agency {verb} on the 17th.\n"
        );
        let r = row(&text, 8400.0);
        assert_eq!(when(&r), ("2024-03", "2025-03-17", "2025-03-17"), "{verb}");
    }
}

#[test]
fn a_turn_after_a_speaker_label_goes_on_with_the_period_before() {
    for (label, pronoun) in [("PARK", "She"), ("CORRESPONDENT LEE", "He")] {
        let text = format!(
            "Broadcast 9 May 2024\nNIGHTLY NEWS - TRANSCRIPT\nANCHOR: A new count from Seoul tonight.\n{label}: Thanks. The minister spoke to reporters this morning. {pronoun} said North Korea had shipped about 5,200 containers of munitions to Russia since last autumn.\n{label}: {pronoun} also said Russia had sent more than 6,100 containers the other way, mostly flour and fuel.\n"
        );
        let r = row(&text, 6100.0);
        assert_eq!(r.period_start, "2023-09", "{label}");
        assert_eq!(r.unit, "containers_RU_to_KP", "{label}");
    }
}

#[test]
fn a_further_count_in_the_perfect_adds_to_the_span_before() {
    let lead = "05.12.2024 | 09:10\nKyiv: North Korea's supplies keep growing\nSince the spring of 2024, North Korea has handed over more than 2 million artillery rounds to Russia, the military intelligence agency reports.\n";
    for further in [
        "In addition, Pyongyang has supplied more than 60 self-propelled howitzers, the agency said.",
        "Moreover, more than 60 multiple rocket launchers have been transferred, according to the agency.",
    ] {
        let r = row(&format!("{lead}{further}\n"), 60.0);
        assert_eq!(when(&r), ("2024-03", "2024-12-05", "2024-12-05"), "{further}");
    }
    // In the simple past, an addition states no span.
    let past = "In addition, according to the agency, more than 60 howitzers were handed over.";
    let r = row(&format!("{lead}{past}\n"), 60.0);
    assert_eq!(r.period_start, "");
}

#[test]
fn a_source_opening_the_sentence_does_not_hide_its_reference_back() {
    for opener in [
        "According to the study by the institute's imagery team",
        "Citing the port authority's own berthing records",
    ] {
        let text = format!(
            "TOKYO (Apr. 11, 2024) - Russian freighters have docked at the North Korean port of Rajin at least 31 times since October last year, the Pacific Forum Institute announced on the 10th, based on satellite images.\n{opener}, the shipments are estimated to have carried more than 1.9 million artillery shells to Russia.\n"
        );
        let r = row(&text, 1_900_000.0);
        assert_eq!(r.period_start, "2023-10", "{opener}");
    }
}

#[test]
fn an_answer_to_a_question_about_what_was_counted_keeps_its_period() {
    for question in ["How were they moved?", "Where did those go first?"] {
        let text = format!(
            "March 4, 2024\n\"It is a steady flow\": an interview with Rep. Han Ji-ho\nRep. Han Ji-ho, who sits on the intelligence committee, spoke to us on Monday after a closed briefing by the National Intelligence Service.\nQ: What did the agency tell you?\nA: The NIS told us that North Korea has sent more than 1.8 million shells to Russia since early December.\nQ: {question}\nA: In at least twelve separate transfers, the agency said, most of them by ship.\n"
        );
        let r = row(&text, 12.0);
        assert_eq!(r.period_start, "2023-12", "{question}");
    }
    // A question about something else: the answer's count has no period of its own.
    let text = "March 4, 2024\nAn interview with Rep. Han Ji-ho\nRep. Han Ji-ho spoke to us on Monday after a closed briefing by the National Intelligence Service.\nQ: What did the agency tell you?\nA: The NIS told us that North Korea has sent more than 1.8 million shells to Russia since early December.\nQ: What else came up at the briefing?\nA: Pyongyang has also fielded at least twelve new artillery brigades, the agency said.\n";
    let rows: Vec<_> = extract(text)
        .into_iter()
        .filter(|r| r.quantity == Some(12.0))
        .collect();
    assert!(rows.iter().all(|r| r.period_start.is_empty()), "{rows:?}");
}

#[test]
fn those_months_and_the_same_report_refer_back() {
    let lead = "Analysis | Freight Watch\nPublished 3 October 2024\nShipping records analysed by the Kessel Institute show that more than 52,000 tonnes of explosives crossed Russia by rail from March to July, the Financial Times reported on Monday.\n";
    for sentence in [
        "Analysts quoted in the same report counted 23 shipments from Rajin over those months.",
        "Researchers cited in the same report logged 23 shipments from Rajin during those months.",
    ] {
        let r = row(&format!("{lead}{sentence}\n"), 23.0);
        assert_eq!(when(&r), ("2024-03", "2024-07", "2024-09-30"), "{sentence}");
    }
}

#[test]
fn the_following_month_dates_a_statement_after_an_object_or_a_bullet() {
    let told = "Timeline: what Seoul's spy agency said\n\nMarch 2, 2025\n\nContainers. South Korea's National Intelligence Service said last November that North Korea had shipped more than 15,000 containers of munitions to Russia since August 2023.\n\nTroops. The agency told the intelligence committee the following month that more than 11,500 North Korean troops were stationed in Russia.\n";
    let r = row(told, 11500.0);
    assert_eq!(when(&r), ("", "", "2024-12"));
    let bullets = "The Peninsula Brief - weekly digest\nPublished 5 March 2024\nTwo things to remember:\n- Washington said last December that North Korea had delivered more than 2,500 containers of munitions to Russia.\n- The following month, Seoul's spy agency told lawmakers that more than 1.4 million shells had been sent.\n";
    let r = row(bullets, 1_400_000.0);
    assert_eq!(r.date, "2024-01");
}

#[test]
fn a_question_heading_is_no_lead() {
    for heading in [
        "How do we know the trains are running?",
        "What has the White House shown?",
    ] {
        let text = format!(
            "Explainer: the Khasan crossing\nMay 18, 2024\n{heading}\nOn Thursday the White House released satellite images of freight cars at the Tumangang rail yard.\n\"In recent weeks, North Korea has sent Russia more than 400 railcars of munitions,\" Ann Morrow, the National Security Council spokeswoman, told reporters.\n"
        );
        let r = row(&text, 400.0);
        assert_eq!(r.date, "2024-05-16", "{heading}");
    }
}

#[test]
fn the_same_figure_in_an_earlier_statement_is_a_claim_of_its_own() {
    for verb in ["was carried", "was flown"] {
        let text = format!(
            "Second troop contingent leaves for Russia: NIS\n\n2024-11-14 16:40\n\nSEOUL, Nov. 14 (Yonhap) -- A second contingent of about 2,000 North Korean soldiers has left for Russia, the National Intelligence Service (NIS) told lawmakers on Thursday, bringing the total to some 4,000.\n\nThe first contingent of about 2,000 {verb} to Khabarovsk between Nov. 2 and 6, the agency had said on Monday.\n"
        );
        let twos: Vec<_> = extract(&text)
            .into_iter()
            .filter(|r| r.quantity == Some(2000.0))
            .map(|r| (r.unit, r.period_start, r.date))
            .collect();
        assert_eq!(twos.len(), 2, "{verb}: {twos:?}");
        assert!(twos.iter().all(|t| t.0 == "troops"), "{verb}: {twos:?}");
        assert!(
            twos.iter()
                .any(|t| t.1 == "2024-11-02" && t.2 == "2024-11-11"),
            "{verb}: {twos:?}"
        );
    }
}

#[test]
fn the_last_week_of_a_month_is_that_week() {
    for opener in ["As a reminder, in", "Earlier, in"] {
        let text = format!(
            "09.12.2024 18:30\nTranslated from Ukrainian\n{opener} the last week of November, Ukraine's Defence Intelligence (HUR) stated that Russia had moved more than 9,000 North Korean troops to the front.\n"
        );
        let r = row(&text, 9000.0);
        assert_eq!(when(&r), ("", "", "2024-11"), "{opener}");
    }
}

#[test]
fn a_first_publication_opening_the_sentence_dates_the_finding() {
    for opening in [
        "In findings first reported by The Guardian on 14 May",
        "In an analysis first published by the Financial Times on 14 May",
    ] {
        let text = format!(
            "Commentary | Rail Routes Programme\nPublished 30 May 2024\n{opening}, the Oslo-based group Nordwatch estimated that more than 41,000 tonnes of North Korean munitions had crossed Russia by rail from October to March.\n"
        );
        let r = row(&text, 41000.0);
        assert_eq!(when(&r), ("2023-10", "2024-03", "2024-05-14"), "{opening}");
    }
}

#[test]
fn two_designators_joined_name_one_unit() {
    for designators in ["KN-23 and KN-24", "Hwasong-11 or KN-25"] {
        let text = format!(
            "KYIV, Jan. 8, 2025 -- Russian forces have launched at least 75 North Korean {designators} ballistic missiles at Ukraine, a military intelligence spokesman said.\n"
        );
        let r = row(&text, 75.0);
        assert_eq!(r.unit, "ballistic_missiles_launched", "{designators}");
    }
}

#[test]
fn an_opening_when_clause_of_meeting_is_the_statements_occasion() {
    for clause in [
        "When we met in Busan last week",
        "When I spoke to her in Tokyo on Monday",
    ] {
        let text = format!(
            "The freighter that never stops\n\nInterview\n21 March 2025\n\n{clause}, Kim said the ship had made at least 14 round trips between the North Korean port of Rajin and the Russian port of Vostochny from November 2023 to January 2025.\n"
        );
        let r = row(&text, 14.0);
        assert_eq!(
            (r.period_start.as_str(), r.period_end.as_str()),
            ("2023-11", "2025-01"),
            "{clause}"
        );
    }
}

#[test]
fn rounds_of_measures_are_no_ammunition() {
    for sentence in [
        "The European Union has answered with 16 rounds of sanctions.",
        "Seoul and Tokyo have held nine rounds of talks on the shipments.",
    ] {
        let text = format!(
            "Editorial\n\n3 June 2025\n\nNorth Korea has sent Russia more than 20,000 containers of munitions since 2023. {sentence}\n"
        );
        let counted: Vec<_> = extract(&text)
            .into_iter()
            .filter(is_on_topic)
            .map(|r| r.quantity)
            .collect();
        assert_eq!(counted, vec![Some(20000.0)], "{sentence}");
    }
}

#[test]
fn made_public_is_no_production() {
    for reason in [
        "because the assessment had not been made public",
        "as the figures have not yet been made known",
    ] {
        let text = format!(
            "SEOUL, Nov. 3, 2023 - North Korea has sent more than 1,200 containers of munitions to Russia by sea since late August, a South Korean official said on Friday.\n\nThe containers could hold hundreds of thousands of artillery shells, the official said, speaking on condition of anonymity {reason}.\n"
        );
        let r = extract(&text)
            .into_iter()
            .find(|r| r.quantity_low == Some(200_000.0))
            .expect("the capacity");
        assert!(is_on_topic(&r), "{reason}: {}", r.note);
    }
}

#[test]
fn a_figure_given_at_a_named_time_is_dated_by_it_and_no_reference_back() {
    for sentence in [
        "The figure the former minister gave in April was at least 9,000 containers.",
        "The estimate the ministry gave in April was at least 9,000 containers.",
    ] {
        let text = format!(
            "EVENING BULLETIN - TRANSCRIPT\nBroadcast 12 September 2024\nREPORTER: The agency's report says North Korea has shipped more than 14,000 containers to Russia since July 2022. {sentence}\n"
        );
        let r = row(&text, 9000.0);
        assert_eq!(when(&r), ("", "", "2024-04"), "{sentence}");
    }
}
