//! Attribution rules prompted by the twenty-fifth and twenty-seventh holdouts' misses
//! (claims26a), each tried here on wordings, names, bodies, numbers and dates of its own, not
//! the corpora's: a joint investigation whose first issuer is given with its classifier ("by
//! the news agency X and Y"), then "the investigation found" and "the investigators"; the
//! reporting verb "established that"; a study the sentence before is "stated in" ("This is
//! stated in a study by analysts of X"); a sentence pointing back to the claim before it with
//! its speaker in apposition ("The head of X, NAME, confirmed this") or as "That is what X told
//! lawmakers"; an interview introduced by a title before the name ("TITLE NAME sat down with
//! us"), whose "A:" answers are that person's; a body described by an "-ing" participle ("an
//! 11-nation team monitoring sanctions said") that the article names elsewhere; people of a
//! body with a relative clause and no apposition before it ("... tracked by researchers at X
//! in London, who counted"); a transcript's label giving a name in capitals and a bracket
//! ("JANE ROE (IISS):") with no introduction of the person; an agency with its acronym in
//! brackets and the ministry it belongs to ("the X Agency (XA) of the Ministry of Y judged"),
//! which is the agency's; a body that "raised its estimate: N" or "revised its count to N"; a
//! speaker who "read out" a figure; a body's figure in a clause a lawmaker's verb closes ("The
//! agency said N, NAME told reporters"), which is the body's, relayed; states "working together
//! as" a body, whose "Their first report finds" is that body's, whoever speaks in the debate.

mod common;

use common::{pair, who};

#[test]
fn a_joint_investigation_by_a_classified_medium_and_a_body_is_both_of_theirs() {
    for lede in [
        "An investigation by the news agency Bloomberg and the Royal United Services Institute, \
         a London think tank, released on Monday follows the cargo from pier to depot.",
        "A joint investigation by the agency Bloomberg and the Royal United Services Institute, \
         published on Monday, follows the cargo from pier to depot.",
    ] {
        let text = format!(
            "COMMENT\n\nThe pipeline, mapped\n\nMarch 12, 2025\n\n{lede}\n\nTwo Russian \
             freighters called at Chongjin 38 times between October 2023 and January 2025, the \
             investigation found. About 9,500 containers were loaded there, by the \
             investigators' count.\n"
        );
        for n in [38.0, 9500.0] {
            assert_eq!(
                who(&text, n),
                pair("Bloomberg / RUSI", "Bloomberg / RUSI"),
                "{n} in {text}"
            );
        }
    }
}

#[test]
fn people_of_two_bodies_who_established_that_are_the_joint_source() {
    for verb in ["established that", "have established that"] {
        let text = format!(
            "Bloomberg: freighters carried shells\n\n12 March 2025\n\nReporters of the \
             Bloomberg agency and researchers of the Royal United Services Institute compared \
             port records with radar images and {verb} two freighters made 38 calls at \
             Chongjin from October 2023 to January 2025.\n"
        );
        assert_eq!(
            who(&text, 38.0),
            pair("Bloomberg / RUSI", "Bloomberg / RUSI"),
            "{text}"
        );
    }
}

#[test]
fn a_study_the_claim_is_stated_in_gives_its_source_and_its_people_after_it() {
    for pointer in [
        "This is stated in a study by researchers of the Royal United Services Institute in \
         London.",
        "This was set out in a new report by researchers of the Royal United Services Institute \
         in London.",
    ] {
        let text = format!(
            "News of the day\n\n12.03.2025, 10:15\n\nSince May, Russia has received more than \
             40 trains of munitions from North Korea. {pointer}\n\nAccording to the researchers, \
             at least 12 of the trains crossed at Khasan.\n"
        );
        for n in [40.0, 12.0] {
            assert_eq!(
                who(&text, n),
                pair("RUSI researchers", "RUSI"),
                "{n} in {text}"
            );
        }
    }
}

#[test]
fn a_sentence_pointing_back_with_its_speaker_in_apposition_or_as_what_x_told() {
    for (pointer, expected) in [
        (
            "The deputy chief of Ukraine's military intelligence, Vadym Skibitsky, confirmed this on \
             national television.",
            pair("Vadym Skibitsky", "Ukraine Defence Intelligence (HUR)"),
        ),
        (
            "That is what the National Intelligence Service told lawmakers on Tuesday.",
            pair(
                "ROK National Intelligence Service",
                "ROK National Intelligence Service",
            ),
        ),
    ] {
        let text = format!(
            "Troops in training\n\n5 March 2025\n\nAbout 3,000 more North Korean soldiers have \
             arrived in Russia since January. {pointer}\n"
        );
        assert_eq!(who(&text, 3000.0), expected, "{text}");
    }
}

#[test]
fn interview_answers_are_the_person_a_title_before_the_name_introduces() {
    for intro in [
        "South Korean Foreign Minister Cho Tae-yul sat down with our reporters in Seoul on \
         Tuesday.",
        "South Korean Foreign Minister Cho Tae-yul spoke to us at his office last week.",
    ] {
        let text = format!(
            "Q&A: Seoul's defense chief on the arms trade\n\nMarch 8, 2024\n\n{intro} The \
             interview has been condensed.\n\nQ: What have you seen at the ports?\n\nA: We \
             count about 7,400 containers since last summer.\n"
        );
        assert_eq!(
            who(&text, 7400.0),
            pair("Cho Tae-yul", "ROK Ministry of Foreign Affairs"),
            "{text}"
        );
    }
}

#[test]
fn a_body_described_by_an_ing_participle_is_the_one_the_article_names() {
    for description in [
        "a 9-nation group monitoring U.N. sanctions on Pyongyang said Friday",
        "a multinational team tracking U.N. sanctions on Pyongyang said Friday",
    ] {
        let text = format!(
            "Arms sent to Russia: sanctions monitors\n\nGENEVA, Oct. 3, 2025\n\nNorth \
             Korea has sent Russia more than 150 ballistic missiles since 2023, {description} \
             in its second report.\n\nThe Multilateral Sanctions Monitoring Team, set up last \
             year, said the missiles were fired at cities.\n"
        );
        assert_eq!(who(&text, 150.0), pair("MSMT", "MSMT"), "{text}");
    }
}

#[test]
fn people_of_a_body_with_a_relative_clause_and_no_apposition_before_it() {
    for sentence in [
        "The customs data agree with port calls logged by analysts at the Open Source Centre \
         in London, who counted 41 voyages over the same months.",
        "Those figures echo imagery studied by analysts at the Open Source Centre, who counted \
         41 voyages since the spring.",
    ] {
        let text = format!("Trains and ships\n\nMay 2, 2025\n\n{sentence}\n");
        assert_eq!(
            who(&text, 41.0),
            pair("Open Source Centre analysts", "Open Source Centre"),
            "{text}"
        );
    }
}

#[test]
fn a_name_label_with_a_bracket_is_the_person_of_the_bracketed_body() {
    for label in [
        "MARIA SOKOLOVA (Open Source Centre)",
        "MARIA SOKOLOVA (OSC)",
    ] {
        let text = format!(
            "Briefing: tracking the northern route\n\nRecorded 4 March 2025, London\n\n\
             MODERATOR: Welcome, everyone. Let us begin.\n\n{label}: Thank you. Since \
             November we have logged 23 voyages between Rajin and Vostochny.\n\nMODERATOR: \
             Thank you, Maria.\n"
        );
        assert_eq!(
            who(&text, 23.0),
            pair("Maria Sokolova", "Open Source Centre"),
            "{text}"
        );
    }
}

#[test]
fn an_agency_with_its_acronym_under_a_ministry_is_the_agency() {
    for subject in [
        "the Defense Intelligence Agency (DIA) of the Ministry of National Defense estimated",
        "the Defense Intelligence Agency (DIA) of South Korea's Ministry of National Defense \
         assessed",
    ] {
        let text = format!(
            "Shells leave Chongjin\n\nPosted 2024.05.14 18:20\n\nSEOUL - North Korea has sent about \
             4,200 containers to Russia through Chongjin since March, {subject}.\n"
        );
        assert_eq!(
            who(&text, 4200.0),
            pair(
                "ROK Defense Intelligence Agency",
                "ROK Defense Intelligence Agency"
            ),
            "{text}"
        );
    }
}

#[test]
fn a_body_that_revises_its_count_gives_the_new_one() {
    for sentence in [
        "In a statement on Friday, the Pentagon raised its estimate: about 14,000 North Korean \
         troops are now in Russia.",
        "The Pentagon on Friday revised its count to about 14,000 North Korean troops in \
         Russia.",
    ] {
        let text = format!("Troops in Kursk\n\nDecember 6, 2024\n\n{sentence}\n");
        assert_eq!(
            who(&text, 14000.0),
            pair("US Department of Defense", "US Department of Defense"),
            "{text}"
        );
    }
}

#[test]
fn a_speaker_who_read_out_a_figure_gives_it() {
    for sentence in [
        "At the briefing on 9 May, the spokesman read out the latest count: about 2,300 \
         containers had left Rajin since January.",
        "The spokesman read out a figure of about 2,300 containers shipped from Rajin since \
         January.",
    ] {
        let text = format!(
            "Containers counted\n\n12 May 2024\n\nSEOUL - Koo Byoung-sam, the unification \
             ministry's spokesman, has briefed reporters weekly since spring.\n\n{sentence}\n"
        );
        assert_eq!(who(&text, 2300.0).0, "Koo Byoung-sam", "{text}");
    }
}

#[test]
fn a_bodys_figure_closed_by_a_lawmakers_verb_is_the_bodys() {
    for sentence in [
        "The spy agency said about 3,400 containers had left Rajin since June, Rep. Park \
         Ji-won of the Democratic Party told reporters.",
        "The National Intelligence Service believes about 3,400 containers have left Rajin \
         since June, Rep. Park Ji-won of the Democratic Party told reporters after the briefing.",
    ] {
        let text = format!(
            "Spy agency briefs lawmakers\n\nSEOUL, Oct. 2 (Yonhap) -- The National \
             Intelligence Service briefed the intelligence committee on Tuesday.\n\n{sentence}\n"
        );
        assert_eq!(
            who(&text, 3400.0),
            pair(
                "ROK National Intelligence Service",
                "ROK National Intelligence Service"
            ),
            "{text}"
        );
    }
}

#[test]
fn states_working_together_as_a_body_give_it_their_report() {
    for (opening, pointer) in [
        (
            "Mr President, last month nine governments, working together as the Multilateral \
             Sanctions Monitoring Team, published what many of us feared.",
            "Their second report finds",
        ),
        (
            "Mr President, nine governments, acting jointly as the Multilateral Sanctions \
             Monitoring Team, have spoken plainly.",
            "Their latest report says",
        ),
    ] {
        let text = format!(
            "Parliamentary debate\nWednesday 8 October 2025\n\nAnna Berg, on behalf of the \
             Renew Group. - {opening} {pointer} that North Korea has sent Russia more than 140 \
             ballistic missiles since 2023.\n"
        );
        assert_eq!(who(&text, 140.0), pair("MSMT", "MSMT"), "{text}");
    }
}
