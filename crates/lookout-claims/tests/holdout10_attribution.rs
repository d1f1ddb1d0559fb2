//! Attribution rules prompted by the tenth holdout's first run (docs/accuracy.md step 19), each
//! tried here on wordings, names, bodies, numbers and dates of its own, not the corpus's: a
//! statement whose issuing body releases the report it goes on to quote ("We, the member
//! countries of X, today publish ..."), "according to a report that X submitted" and "The report
//! said" after it, "the authors of the document" pointing back to the body that compiled the
//! report, a title and a surname before "of the BODY" (resolved to the full name the known list
//! gives), "the agency" after an agency the same sentence names, an unnamed official speaking
//! to reporters in a capital, and a known body's findings opening a numbered post.

mod common;

use common::{pair, who};

#[test]
fn a_statement_by_the_issuing_body_speaks_for_its_report() {
    let text = "Statement by the Member Countries of the Northern Cargo Watch\n\
        \n\
        3 March 2025\n\
        \n\
        We, the seven member countries of the Northern Cargo Watch (NCW), today publish the Watch's annual report on arms transfers between North Korea and Russia.\n\
        \n\
        The report finds that North Korea has sent more than 4,500 containers of munitions to Russia since June 2023.\n\
        \n\
        In 2024 alone, North Korea also shipped more than 60 ballistic missiles to Russia, according to the report.\n";
    for q in [4500.0, 60.0] {
        assert_eq!(
            who(text, q),
            pair("Northern Cargo Watch", "Northern Cargo Watch"),
            "row of {q}"
        );
    }
}

#[test]
fn a_report_that_an_agency_submitted_is_the_agencys() {
    let text = "2024.05.04 09:12 | Politics\n\
        \n\
        North Korea is believed to have sent about 8,000 containers to Russia since August 2023, according to a report that the National Intelligence Service submitted on the 3rd to Rep. Park Min-su of the Democratic Party, a member of the National Assembly's Intelligence Committee.\n\
        \n\
        The report said the containers could hold up to 4 million artillery shells.\n";
    let nis = pair(
        "ROK National Intelligence Service",
        "ROK National Intelligence Service",
    );
    assert_eq!(who(text, 8000.0), nis);
    // "The report said" in the next paragraph: the same agency's report.
    assert_eq!(who(text, 4_000_000.0), nis);
}

#[test]
fn the_authors_of_the_document_are_the_body_that_compiled_it() {
    let text = "MOSCOW, June 4. /TASS/ - The Kremlin has rejected a report on arms deliveries from the DPRK, spokesman Dmitry Peskov told journalists on Tuesday.\n\
        \n\
        The report, prepared by the Arctic Sanctions Panel of nine countries and released on Tuesday, alleges that the DPRK has sent Russia more than 7,500 containers since March 2023.\n\
        \n\
        According to the authors of the document, in 2024 alone about 3 million shells were delivered.\n";
    let panel = pair("Arctic Sanctions Panel", "Arctic Sanctions Panel");
    assert_eq!(who(text, 7500.0), panel);
    assert_eq!(who(text, 3_000_000.0), panel);
    // "The report's authors say": the same.
    let text = text.replace(
        "According to the authors of the document, in 2024 alone about 3 million shells were delivered.",
        "The report's authors say about 3 million shells were delivered in 2024 alone.",
    );
    assert_eq!(who(&text, 3_000_000.0), panel);
}

#[test]
fn a_report_compiled_by_several_states_is_not_theirs() {
    // "compiled by the United States, South Korea, Japan and ..." lists the states behind the
    // body named before: "the report" stays that body's.
    let text = "SEOUL -- The Northern Cargo Watch said in its second report on Thursday that Pyongyang had sent Moscow more than 5,200 containers since June 2023.\n\
        \n\
        North Korea also sent more than 70 ballistic missiles last year, according to the report, which was compiled by the United States, South Korea, Japan and four other states.\n";
    assert_eq!(
        who(text, 70.0),
        pair("Northern Cargo Watch", "Northern Cargo Watch")
    );
}

#[test]
fn a_title_and_surname_of_a_body_is_the_person() {
    // A surname the known list gives in full.
    let text = "WASHINGTON, March 8 (Wire) - Secretary Blinken of the Department of State said on Friday that North Korea has shipped about 2,200 containers of munitions to Russia since January.\n";
    assert_eq!(
        who(text, 2200.0),
        pair("Antony Blinken", "US Department of State")
    );
    // A surname the list does not know stays the surname, with the body after "of".
    let text = "OSLO, March 9 (Wire) - Spokesman Halvorsen of the Foreign Ministry in Oslo told reporters on Saturday that about 900 more containers had arrived in February.\n";
    assert_eq!(
        who(text, 900.0),
        pair("Halvorsen", "Norway Ministry of Foreign Affairs")
    );
}

#[test]
fn the_agency_is_the_one_the_sentence_names_before_it() {
    let text = "Seoul, Nov. 2 (Wire) - The Pentagon said on Friday that about 4,000 North Korean soldiers were in Russia's Kursk region.\n\
        \n\
        South Korean lawmakers who were briefed by the Defense Intelligence Agency said the agency told them that about 1,800 more troops had been sent to Russia by ship in October.\n";
    assert_eq!(
        who(text, 4000.0),
        pair("US Department of Defense", "US Department of Defense")
    );
    // Relayed by the lawmakers: the agency that told them, not the Pentagon spoken of last.
    assert_eq!(
        who(text, 1800.0),
        pair(
            "ROK Defense Intelligence Agency",
            "ROK Defense Intelligence Agency"
        )
    );
}

#[test]
fn an_unnamed_official_speaking_in_a_capital_is_of_its_government() {
    let text = "TOKYO, May 2, 2024 -- The Pentagon said on Friday that North Korea had shipped about 6,000 containers of munitions to Russia since last year.\n\
        \n\
        Those containers could hold about 2 million artillery shells, an official familiar with the matter told reporters in Tokyo on Monday.\n";
    assert_eq!(
        who(text, 2_000_000.0),
        pair("official familiar with the matter", "Japanese government")
    );
}

#[test]
fn a_known_bodys_findings_opening_a_post_are_its() {
    let text = "A thread that went viral\n\
        \n\
        Tuesday 14 May 2024\n\
        \n\
        An analyst posted a thread on Sunday about the Rajin rail yard. The posts:\n\
        \n\
        1/ New Open Source Centre imagery from 12 May shows about 30 railcars at the rail yard in Rajin, next to the border with Russia.\n";
    assert_eq!(
        who(text, 30.0),
        pair("Open Source Centre", "Open Source Centre")
    );
    // Satellite imagery of no named body gives no source.
    let text = text.replace("New Open Source Centre imagery", "New satellite imagery");
    assert_eq!(who(&text, 30.0), pair("", ""));
}

// Rules prompted by the blind development set dev8 (docs/accuracy.md step 20).

#[test]
fn a_bodys_own_report_under_its_letterhead_is_the_bodys() {
    // The body's name in capitals on the first line, the document's label and date below.
    let text = "NORTHERN CARGO WATCH\n\
        \n\
        Arms Transfers between the DPRK and Russia\n\
        \n\
        Annual Report, 2 April 2025\n\
        \n\
        Summary\n\
        \n\
        1. Since June 2023, the DPRK has shipped more than 5,100 containers of munitions to Russia.\n\
        \n\
        2. In 2024 alone, the DPRK transferred more than 80 ballistic missiles to Russia.\n";
    for q in [5100.0, 80.0] {
        assert_eq!(
            who(text, q),
            pair("Northern Cargo Watch", "Northern Cargo Watch"),
            "row of {q}"
        );
    }
}

#[test]
fn a_lawmaker_releasing_an_agencys_report_relays_the_agency() {
    let text = "Parliament, Defense Committee\n\
        \n\
        5 March 2025\n\
        \n\
        Rep. Lim Ji-ho (Democratic Party) released a National Intelligence Service report on Wednesday. According to the report, North Korea has sent about 11,000 troops to Russia since October 2024.\n\
        \n\
        \"Some 4,000 of them have been killed or wounded,\" the report said.\n";
    let nis = pair(
        "ROK National Intelligence Service",
        "ROK National Intelligence Service",
    );
    assert_eq!(who(text, 11000.0), nis);
    assert_eq!(who(text, 4000.0), nis);
}

#[test]
fn a_research_group_described_first_is_the_one_the_article_names() {
    let text = "Kyodo News\n\
        \n\
        Mar 3, 2025\n\
        \n\
        LONDON - Russian cargo ships made at least 12 voyages from Rajin to Vostochny between May 2024 and January 2025, a British research group said on Monday.\n\
        \n\
        The Thames Shipping Observatory said in its report that the ships had switched off their transponders on every trip.\n";
    // Not the United Kingdom, whose adjective describes the group.
    assert_eq!(
        who(text, 12.0),
        pair("Thames Shipping Observatory", "Thames Shipping Observatory")
    );
}

#[test]
fn the_researchers_of_a_joint_investigation_are_both_bodies() {
    let text = "Published 1 May 2025\n\
        \n\
        The most detailed count comes from a joint investigation by the Associated Press and the Thames Shipping Observatory, a British research group, published on 28 April 2025.\n\
        \n\
        The researchers tracked 37 voyages by Russian cargo ships between Rajin and Vostochny since June 2024.\n";
    let joint = "Associated Press / Thames Shipping Observatory";
    assert_eq!(who(text, 37.0), pair(joint, joint));
}

#[test]
fn a_source_saying_this_after_the_claim_is_its_source() {
    let text = "02.12.2024\n\
        \n\
        Kyiv: North Korea has sent Russia four million shells\n\
        \n\
        Since the start of 2024, North Korea has transferred more than four million artillery shells to Russia. Ukraine's Defence Intelligence (HUR) said this in a comment to the agency on Monday.\n";
    let hur = "Ukraine Defence Intelligence (HUR)";
    assert_eq!(who(text, 4_000_000.0), pair(hur, hur));
}

#[test]
fn a_known_official_under_a_broader_body_is_of_his_own_body() {
    // "White House" is the broader body of the National Security Council's spokesman.
    let text = "WASHINGTON, Jan 9 (Wire) - North Korea has sent about 1,400 more containers to Russia since November, White House spokesman John Kirby said on Tuesday.\n";
    assert_eq!(
        who(text, 1400.0),
        pair("John Kirby", "White House National Security Council")
    );
    // Another body the text gives is kept: the list only narrows a broader one.
    let text = "WASHINGTON, Jan 9 (Wire) - North Korea has sent about 1,400 more containers to Russia since November, Pentagon press secretary John Kirby said on Tuesday.\n";
    assert_eq!(
        who(text, 1400.0),
        pair("John Kirby", "US Department of Defense")
    );
}

#[test]
fn analysts_publishing_their_findings_speak_for_their_organization() {
    let text = "Tuesday 4 June 2024\n\
        \n\
        Rail traffic rises at the border\n\
        \n\
        Analysts at the Open Source Centre set out their findings in a thread posted on Monday.\n\
        \n\
        \"Imagery from June 2 shows about 45 freight railcars at the Rajin rail yard,\" the thread said.\n";
    // The organization, not "Open Source Centre analysts": the thread is its publication.
    assert_eq!(
        who(text, 45.0),
        pair("Open Source Centre", "Open Source Centre")
    );
}

#[test]
fn a_report_following_its_body_with_whose_is_the_bodys() {
    let text = "Answered on 4 April 2025 by the Minister of State\n\
        \n\
        The United Kingdom is one of the member countries of the Northern Cargo Watch, whose annual report, published on 2 April, covers arms transfers between North Korea and Russia.\n\
        \n\
        The report also assessed that about 2 million artillery shells were delivered in 2024 alone.\n";
    assert_eq!(
        who(text, 2_000_000.0),
        pair("Northern Cargo Watch", "Northern Cargo Watch")
    );
    // "the report \"TITLE\", which X submitted": the title between the noun and its clause.
    let text = "2024.08.27 10:05 | Politics\n\
        \n\
        According to the report \"Arms transfers in 2024\", which the National Intelligence Service submitted on the 26th to Rep. Park Min-su of the Democratic Party, a member of the National Assembly's Intelligence Committee, the North has sent Russia about 9,500 containers since July 2023.\n";
    assert_eq!(
        who(text, 9500.0),
        pair(
            "ROK National Intelligence Service",
            "ROK National Intelligence Service"
        )
    );
}
