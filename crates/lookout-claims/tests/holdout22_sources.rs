//! Attribution over the whole article, prompted by the twenty-second and twenty-third holdouts'
//! first runs (claims23a), each tried here on wordings, names, bodies, numbers and dates of its
//! own, not the corpora's: the table of the article's sources the first reading builds and the
//! one resolution step that matches every row to it — a known official's name and body however
//! loosely the text writes them, a body whose spokesperson the same sentence names, an office
//! whose holder a later apposition names ("The minister, NAME, added") — and the forms that
//! name the article's subject source: a body set up by several countries issuing its report,
//! "X's review of satellite imagery found", an all-capitals letterhead with an acronym, data
//! analysed by a body and relayed by a medium, "set out in a fact sheet that".

mod common;

use common::{pair, who};

#[test]
fn a_known_officials_name_with_a_middle_initial_is_the_gazetteers_form() {
    for (name, text) in [
        (
            "Andriy Kostin",
            "KYIV, 12 June 2024 - Prosecutor General Andriy V. Kostin said on Wednesday that \
             about 2,300 North Korean missiles had been fired at Ukrainian cities.\n",
        ),
        (
            "Antony Blinken",
            "SEOUL, 4 November 2024 - Secretary of State Antony J. Blinken told reporters in \
             Seoul that some 11,000 North Korean troops were now in Russia.\n",
        ),
    ] {
        assert_eq!(
            who(
                text,
                if name == "Andriy Kostin" {
                    2300.0
                } else {
                    11000.0
                }
            )
            .0,
            name
        );
    }
    // Other names keep the initials the text gives them.
    let text = "WASHINGTON, 9 May 2024 - General Charles Q. Brown said on Thursday that about \
                1,800 North Korean missiles had reached Russia.\n";
    assert_eq!(who(text, 1800.0).0, "Charles Q. Brown");
}

#[test]
fn a_known_official_speaks_for_the_gazetteers_body_over_a_looser_one() {
    // A ministry without its country, in a text that never names it.
    let text = "Defence Minister Shin Won-sik said on Friday that about 6,200 containers had left \
                Rajin for Russia since the summer.\n";
    assert_eq!(
        who(text, 6200.0),
        pair("Shin Won-sik", "ROK Ministry of National Defense")
    );
    // A US secretary in a Seoul-datelined text is no ROK official.
    let text = "SEOUL, 4 November 2024 - Secretary Antony Blinken said the allies now counted \
                some 11,500 North Korean soldiers in Russia.\n";
    assert_eq!(
        who(text, 11500.0),
        pair("Antony Blinken", "US Department of State")
    );
}

#[test]
fn a_body_is_its_spokesperson_named_speaking_in_the_same_sentence() {
    for text in [
        "The new count is twice the one the White House gave on Tuesday, when national security \
         spokesman John Kirby said at least 2,500 North Korean soldiers had reached Russia.\n",
        "The White House put the figure lower on 3 October, when national security spokesman \
         John Kirby told reporters that at least 1,700 North Korean soldiers were in Russia.\n",
    ] {
        let n = if text.contains("2,500") {
            2500.0
        } else {
            1700.0
        };
        assert_eq!(
            who(text, n),
            pair("John Kirby", "White House National Security Council"),
            "{text}"
        );
    }
}

#[test]
fn an_office_is_the_holder_a_later_apposition_names() {
    for text in [
        "Japan's defence minister told reporters on Tuesday that about 4,100 containers had \
         crossed to Russia this year. The minister, Taro Kimura, added that the pace was rising.\n",
        "Japan's defence minister said on Tuesday that about 4,100 containers had gone to \
         Russia by sea. The defence minister, Taro Kimura, gave no source for the figure.\n",
    ] {
        assert_eq!(who(text, 4100.0).0, "Taro Kimura", "{text}");
    }
}

#[test]
fn a_body_set_up_by_several_countries_issues_its_report() {
    for text in [
        "The Baltic Cargo Watch, set up by Estonia, Latvia and Lithuania after the old panel \
         closed, published its second report on Monday. It concludes that North Korea has sent \
         Russia more than 7,400 containers since March 2024.\n",
        "The Baltic Cargo Watch, created by Estonia, Latvia and Lithuania in 2023, released its \
         first report on Monday. It finds that North Korea has sent Russia some 7,400 \
         containers since March 2024.\n",
    ] {
        assert_eq!(
            who(text, 7400.0),
            pair("Baltic Cargo Watch", "Baltic Cargo Watch"),
            "{text}"
        );
    }
}

#[test]
fn a_bodys_review_of_imagery_is_the_bodys_finding() {
    for (text, body) in [
        (
            "NK Pro's review of satellite imagery found the ships had made at least 41 trips to \
             Rajin since May.\n",
            "NK Pro",
        ),
        (
            "Beyond Parallel's review of commercial images found at least 41 port calls at \
             Rajin since May.\n",
            "CSIS Beyond Parallel",
        ),
    ] {
        assert_eq!(who(text, 41.0), pair(body, body), "{text}");
    }
}

#[test]
fn an_all_capitals_letterhead_keeps_its_acronym() {
    for label in ["NK PRO | ANALYSIS", "NK PRO | REPORT"] {
        let text = format!(
            "{label}\nPosted: 2024-05-02 08:00 KST\n\nShips keep calling at Rajin\n\n\
             Three Russian cargo ships, followed since February, have kept sailing to Rajin; \
             in all they made at least 27 trips to Russia.\n"
        );
        assert_eq!(who(&text, 27.0), pair("NK Pro", "NK Pro"), "{label}");
    }
}

#[test]
fn a_countrys_institution_named_with_its_possessive_is_the_canonical_one_for_the_report() {
    for (named, body) in [
        (
            "South Korea's National Intelligence Service",
            "ROK National Intelligence Service",
        ),
        (
            "Ukraine's Main Intelligence Directorate",
            "Ukraine Defence Intelligence (HUR)",
        ),
    ] {
        let text = format!(
            "Published on: 14/03/2025 - 09:30\n\n\
             Kyiv (AFP) - North Korea has sent Russia more than 1,900 containers since June, \
             according to a report by {named} that a lawmaker made public on Friday.\n\n\
             Filled with shells, the containers would hold about 8,400 tonnes of explosives, \
             the report said.\n"
        );
        assert_eq!(who(&text, 8400.0), pair(body, body), "{named}");
    }
}

#[test]
fn data_analysed_by_a_body_and_reported_by_a_medium_are_the_bodys() {
    for (text, body) in [
        (
            "Customs records analysed by RUSI, a London think tank, and first reported by \
             Reuters on 3 May, show that more than 5,200 containers crossed into Russia.\n",
            "RUSI",
        ),
        (
            "Satellite imagery reviewed by the Open Source Centre, and first published by The \
             Washington Post last week, shows that more than 5,200 containers reached Dunai.\n",
            "Open Source Centre",
        ),
    ] {
        assert_eq!(who(text, 5200.0), pair(body, body), "{text}");
    }
}

#[test]
fn set_out_with_a_that_clause_reports() {
    for (text, body) in [
        (
            "My Lords, the Foreign Office set out in a note of 4 April that North Korea has sent \
             more than 3,100 containers to Russia since the autumn.\n",
            "Foreign Office",
        ),
        (
            "The State Department sets out in its fact sheet that North Korea has sent more than \
             3,100 containers to Russia since the autumn.\n",
            "US Department of State",
        ),
    ] {
        assert_eq!(who(text, 3100.0), pair(body, body), "{text}");
    }
}
