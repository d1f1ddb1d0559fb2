//! Attribution rules prompted by the thirty-second to thirty-fifth holdouts' misses (claims30a),
//! each tried here on wordings, names, numbers and dates of its own, not the corpora's. Relays:
//! "\"...,\" the lawmaker quoted the agency as saying" is the agency's; "the 4,000 containers that
//! the minister cited in April" and "the 2,000 containers that Washington says" are the relative
//! clause's subject's; "researchers at X (ACR) in Washington counted" are X's, not the city's
//! country's; "according to the authors of the report" after "the first report of X" is X's; "a
//! White House statement last week that N" is the White House's; "The first public figure came
//! from X. ... it said" is X's; a country's announcement followed by "NAME revealed this at a news
//! conference" is that person's. Speakers: "This was stated by TITLE NAME during a meeting with
//! ... in CITY" is the person; "offered a lower but still alarming figure: about N, enough, he
//! said, for ..." is the offerer's, "he" included; "has given a fresh estimate. He said" is that
//! person's; "A State Department fact sheet published on DATE, YEAR, said" is the department's;
//! a minutes' turn "○ Minister of National Defense NAME: ..." is that person's; a briefing's
//! title "... for East Asian and Pacific Affairs NAME" ends before the name; "X's Y (ACR) team
//! tracked" is X's; an acronym alone heading a report ("C4ADS" over "Report") is its publisher,
//! not title-cased as a letterhead; "It has been found that N" opening a paragraph is the source
//! the next sentence opens with ("According to a report that X submitted ..."); "a South Korean
//! defence ministry official" is a "defence ministry official" of that country's ministry.

mod common;

use common::{pair, who};

#[test]
fn a_lawmaker_quoting_the_agency_after_its_quote_relays_the_agency() {
    let text = "SEOUL, May 3 (Wire) -- South Korea's National Intelligence Service briefed \
                lawmakers on Thursday about arms shipments to Russia, Rep. Kim Min-jun said.\n\n\
                \"Pyongyang has made at least 14 arms shipments to Russia by sea since March,\" \
                Kim quoted the NIS as saying.\n";
    assert_eq!(
        who(text, 14.0),
        pair(
            "ROK National Intelligence Service",
            "ROK National Intelligence Service"
        )
    );
}

#[test]
fn a_relative_clause_on_the_counted_noun_gives_its_subject_the_count() {
    let cited = "SEOUL, Nov. 5 (Wire) -- The intelligence agency's count is well above the \
                 roughly 4,000 containers that Defense Minister Shin Won-sik cited in April.\n";
    assert_eq!(
        who(cited, 4000.0),
        pair("Shin Won-sik", "ROK Ministry of National Defense")
    );
    let says = "SEOUL, Nov. 5 (Wire) -- The more than 2,000 containers of arms that Washington \
                says North Korea has shipped to Russia could hold hundreds of thousands of \
                shells, South Korea's defense ministry said on Sunday.\n";
    assert_eq!(who(says, 2000.0), pair("United States", "US government"));
}

#[test]
fn a_statement_pointing_back_drops_the_occasion_after_the_name() {
    let text = "KYIV, April 12, 2024 -- Between 1 March and 9 April 2024, Russia fired 31 \
                North Korean ballistic missiles at Ukraine. This was stated by Prosecutor \
                General Andriy Kostin during a briefing for journalists in Lviv.\n";
    assert_eq!(
        who(text, 31.0),
        pair("Andriy Kostin", "Ukraine Office of the Prosecutor General")
    );
}

#[test]
fn a_figure_offered_and_he_in_the_same_sentence_are_the_offerer() {
    let text = "EDITORIAL\n\nThe shells keep coming\n\nMay 2, 2024\n\nVladimir Putin has \
                found the supplier he needed.\n\nOn Tuesday South Korea's defense minister, \
                Shin Won-sik, offered a lower but still alarming figure: about 5,200 containers \
                since the autumn, enough, he said, for some 2 million shells.\n";
    assert_eq!(
        who(text, 5200.0),
        pair("Shin Won-sik", "ROK Ministry of National Defense")
    );
}

#[test]
fn a_person_who_has_given_an_estimate_is_he_of_the_next_sentence() {
    let text = "Live updates\n\nFriday 7 June 2024\n\nSouth Korea's defence minister, Shin \
                Won-sik, has given a fresh estimate of the arms trade. He said at least 8,000 \
                containers had left North Korean ports for Russia.\n";
    assert_eq!(
        who(text, 8000.0),
        pair("Shin Won-sik", "ROK Ministry of National Defense")
    );
}

#[test]
fn a_minutes_turn_behind_a_circle_is_its_speaker() {
    let text = "Minutes of the National Defense Committee\n\nDate: May 20, 2024\n\n○ Rep. Lee \
                Ji-hoon: How many containers have gone north?\n\n○ Minister of National Defense \
                Shin Won-sik: Since the spring, about 5,500 containers have gone from North \
                Korea to Russia.\n";
    assert_eq!(
        who(text, 5500.0),
        pair("Shin Won-sik", "ROK Ministry of National Defense")
    );
}

#[test]
fn a_bureau_in_a_title_ends_before_the_name() {
    let text = "Remarks by Deputy Assistant Secretary of State for East Asian and Pacific Affairs \
                Jane Holloway\n\nMay 4, 2024\n\nMODERATOR: Welcome, everyone.\n\nMS. HOLLOWAY: \
                We assess that more than 12,000 containers have gone from the DPRK to Russia.\n";
    assert_eq!(
        who(text, 12000.0),
        pair("Jane Holloway", "US Department of State")
    );
}

#[test]
fn researchers_at_a_body_in_a_city_are_the_body_not_its_country() {
    let text = "Explainer\n\nApril 2, 2024\n\nIn a study out on Monday, researchers at the \
                Center for Strategic and International Studies (CSIS) in Washington counted at \
                least 31 visits to Rajin by Russian ships since August.\n";
    assert_eq!(who(text, 31.0), pair("CSIS researchers", "CSIS"));
}

#[test]
fn a_fact_sheet_dated_in_commas_is_its_department() {
    let text = "Timeline\n\nJuly 1, 2025\n\nA State Department fact sheet published on March \
                8, 2024, said North Korea had shipped more than 11,500 containers of munitions \
                to Russia.\n";
    assert_eq!(
        who(text, 11500.0),
        pair("US Department of State", "US Department of State")
    );
}

#[test]
fn the_authors_of_the_report_of_a_team_are_the_team() {
    let text = "June 2, 2025\n\nNorth Korea gave Russia some 8 million shells last year, \
                according to the first report of the Multilateral Sanctions Monitoring Team \
                (MSMT), out on Friday.\n\nIn addition, according to the authors of the report, \
                Pyongyang sent more than 150 self-propelled guns to Moscow.\n";
    assert_eq!(who(text, 150.0), pair("MSMT", "MSMT"));
}

#[test]
fn a_statement_of_a_body_named_before_its_noun_is_the_body() {
    let text = "WASHINGTON, Oct. 20, 2023 - Russian ships made four more trips to Rajin, a \
                think tank said. The finding follows a White House statement last week that \
                North Korea had shipped more than 1,200 containers of munitions to Russia.\n";
    assert_eq!(who(text, 1200.0), pair("White House", "White House"));
}

#[test]
fn a_count_that_came_from_a_body_makes_it_the_it_after() {
    let text = "Explainer\n\nSeptember 3, 2024\n\nOfficials and analysts have given many \
                numbers. Here is how they grew.\n\nThe first public figure came from the White \
                House. In October 2023 it said North Korea had sent more than 1,100 containers \
                of munitions to Russia.\n";
    assert_eq!(who(text, 1100.0), pair("White House", "White House"));
}

#[test]
fn a_person_revealing_a_countrys_announcement_is_its_speaker() {
    let text = "Title\n\nOct. 14, 2023\n\nThe U.S. government announced on Friday that North \
                Korea had provided Russia with more than 1,300 containers of arms. National \
                Security Council spokesman John Kirby revealed this at a news conference.\n";
    assert_eq!(
        who(text, 1300.0),
        pair("John Kirby", "White House National Security Council")
    );
}

#[test]
fn a_bodys_unit_with_its_acronym_in_brackets_is_the_body() {
    let text = "Commentary\n\nA shuttle in the Sea of Japan\n\nAnna Berg\n2 November 2023\n\n\
                Since September, Russian ships have run a shuttle. RUSI's Maritime Tracking \
                and Imagery (MTI) team has tracked at least seven round trips between Rajin and \
                Dunai.\n";
    assert_eq!(who(text, 7.0), pair("RUSI", "RUSI"));
}

#[test]
fn an_acronym_alone_over_a_report_label_is_its_publisher() {
    let text = "C4ADS\n\nReport\n\nFreight Without Names\n\nMay 9, 2024\n\nBetween September \
                2023 and March 2024, more than 52,000 metric tons of cargo declared as \
                explosives moved by rail from Far East ports.\n";
    assert_eq!(who(text, 52000.0), pair("C4ADS", "C4ADS"));
}

#[test]
fn an_agentless_finding_takes_the_according_to_that_follows() {
    let text = "2024.05.14 09:10\n\n[Translated from the Korean original]\n\nIt has been found \
                that North Korea has sent more than 9,800 containers of arms to Russia since \
                last summer.\n\nAccording to a report that the Defense Intelligence Agency \
                submitted to a member of the National Assembly on the 14th, most of them left \
                from Rajin.\n";
    assert_eq!(
        who(text, 9800.0),
        pair(
            "ROK Defense Intelligence Agency",
            "ROK Defense Intelligence Agency"
        )
    );
}

#[test]
fn a_nationality_before_an_institutions_official_goes_to_the_organization() {
    let text = "SEOUL, Nov 2 (Wire) - North Korea has sent more than 1,700 containers of arms to \
                Russia since August, a South Korean defence ministry official said on Thursday.\n";
    assert_eq!(
        who(text, 1700.0),
        pair(
            "defence ministry official",
            "ROK Ministry of National Defense"
        )
    );
}
