//! Attribution rules prompted by the twentieth and twenty-first holdouts' first runs, each
//! tried here on wordings, names, bodies, numbers and dates of its own, not the corpora's: a
//! lede that gives a figure to a description or a country over the named person's statement
//! of it, "X put it bluntly:" before a quote, "Q." and "A." interview labels under an
//! introduction that names the interviewee after a title, and an office one person holds
//! given as the speaker where the text names its holder.

mod common;

use common::{pair, who};

/// The rows of a text with that number.
fn rows_of(text: &str, quantity: f64) -> usize {
    lookout_claims::extract(text)
        .iter()
        .filter(|r| r.quantity == Some(quantity))
        .count()
}

#[test]
fn a_ledes_unnamed_lawmaker_is_the_person_named_with_the_same_figure() {
    let text = "SEOUL, March 12, 2026 (AP) — North Korea has sent about 3,200 more troops to Russia since January, a South Korean lawmaker said Thursday after a closed-door briefing by the country's spy agency.\n\
        \n\
        \"About 3,200 additional North Korean troops have gone to Russia since January,\" Park Sun-won, a Democratic Party of Korea lawmaker who sits on parliament's intelligence committee, told reporters.\n";
    assert_eq!(
        who(text, 3200.0),
        pair("Park Sun-won", "Democratic Party of Korea")
    );
    assert_eq!(rows_of(text, 3200.0), 1);
}

#[test]
fn a_ledes_country_is_the_official_named_with_the_same_figure() {
    let text = "Washington says Pyongyang shipped 2,500 containers of arms to Russia\n\
        \n\
        15 May 2025\n\
        \n\
        The United States says North Korea has shipped more than 2,500 containers of munitions to Russia.\n\
        \n\
        Tammy Bruce, the State Department spokeswoman, told a briefing on Wednesday that North Korea had shipped more than 2,500 containers of munitions to Russia since March.\n";
    let r = common::row(text, 2500.0);
    assert_eq!(r.speaker, "Tammy Bruce");
    assert_eq!(r.date, "2025-05-14");
    assert_eq!(rows_of(text, 2500.0), 1);
}

#[test]
fn put_it_bluntly_before_a_quote_is_saying() {
    for saying in ["put it bluntly on Friday", "put it this way on Friday"] {
        let text = format!(
            "Kyiv, 9 March 2025\n\
            \n\
            Rustem Umerov {saying}: \"North Korea has sent 7,500 soldiers to the Kursk front.\"\n"
        );
        assert_eq!(who(&text, 7500.0).0, "Rustem Umerov", "{saying}");
    }
}

#[test]
fn q_and_a_labels_with_full_stops_answer_for_the_introduced_person() {
    for intro in [
        "Ukraine's defence minister, Rustem Umerov, a former businessman, received three foreign reporters in Kyiv on Friday.",
        "Ukraine's defence minister, Rustem Umerov, sat down with us in Kyiv on Friday.",
    ] {
        let text = format!(
            "INTERVIEW\n\
            \n\
            Kyiv, 9 March 2025\n\
            \n\
            {intro} Excerpts follow.\n\
            \n\
            Q. How many shells has North Korea sent?\n\
            \n\
            A. Since last year we count about 4,200 containers of shells and rockets.\n"
        );
        assert_eq!(who(&text, 4200.0).0, "Rustem Umerov", "{intro}");
    }
}

#[test]
fn an_office_of_one_holder_is_the_person_named_with_its_body() {
    for office in [
        "the head of Ukraine's military intelligence agency",
        "Ukraine's military intelligence chief",
    ] {
        let text = format!(
            "Kyiv, 12 April 2025\n\
            \n\
            Kyrylo Budanov seldom speaks on the record.\n\
            \n\
            In an interview published on Friday, {office}, HUR, said North Korea had supplied Russia with 90 ballistic missiles this year.\n\
            \n\
            Over the past two months, Budanov said, North Korea has handed over 60 self-propelled guns.\n"
        );
        assert_eq!(who(&text, 90.0).0, "Kyrylo Budanov", "{office}");
    }
}

#[test]
fn a_government_official_briefed_is_written_without_government() {
    for official in [
        "a government official briefed on the intelligence",
        "a South Korean government official briefed on the intelligence",
    ] {
        let text = format!(
            "SEOUL, Nov 20 (Yonhap) -- North Korea has sent about 2,300 more troops to Russia this month, {official} said on Wednesday, speaking on condition of anonymity.\n"
        );
        assert_eq!(
            who(&text, 2300.0).0,
            "official briefed on the intelligence",
            "{official}"
        );
    }
}
