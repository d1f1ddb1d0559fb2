//! Periods and dates carried from one sentence to another, and statement days the story gives
//! apart from its figures: a capacity past a sentence without a claim, a count given again in a
//! quote, "the missiles" of the next sentence, "delivered this way", "In return" a few sentences
//! on, an earlier figure recalled, counts read off imagery of one day, "By late August, X put the
//! total at", "The agency (NIS) disclosed the estimate on Tuesday", a year-less dateline, "a
//! statement last week that". Each text is written for these tests.

mod common;

use common::{row, when};

#[test]
fn a_capacity_converts_the_claim_past_a_sentence_that_dates_a_report() {
    let text = "Published 14 May 2024\n\n\
        North Korea has sent about 8,000 containers of munitions to Russia since March 2023, \
        according to a report of the spy agency.\n\n\
        The report was handed to a parliamentary committee on the 12th, after its hearing \
        on the 2nd of this month.\n\n\
        Filled with 122 mm rockets, the containers could hold more than 400,000 rockets, the \
        agency said.\n";
    assert_eq!(when(&row(text, 8000.0)).0, "2023-03");
    // The capacity is of the 8,000 containers, not of the day the report was handed over.
    assert_eq!(row(text, 400_000.0).period_start, "2023-03");
}

#[test]
fn a_capacity_going_on_from_the_sentence_before_keeps_the_period() {
    let text = "Posted 9 April 2024\n\n\
        North Korea has shipped some 6,000 containers to Russia since October, the defence \
        minister, Lee Jun-ho, said on Monday.\n\n\
        \"If they were full, they could carry 2 million rounds of 152 mm shells,\" Lee said. \
        With 122 mm rockets instead, the total would be about 350,000, he added.\n";
    let r = row(text, 350_000.0);
    assert_eq!(r.qualifier, "capacity_equivalent");
    assert_eq!(when(&r), ("2023-10", "2024-04-08", "2024-04-08"));
}

#[test]
fn a_count_given_again_in_a_quote_keeps_its_period_for_the_capacity_after_it() {
    let text = "Published 20 June 2024\n\n\
        Defence Minister Lee Jun-ho said North Korea has sent at least 9,000 containers to \
        Russia since last year.\n\n\
        In an interview with a British newspaper published on Thursday, Lee said: \"We have \
        tracked at least 9,000 containers crossing the border.\" He said those containers \
        could hold up to 3 million artillery shells.\n";
    let r = row(text, 3_000_000.0);
    assert_eq!(r.qualifier, "capacity_equivalent");
    assert_eq!(r.period_start, "2023");
}

#[test]
fn the_missiles_of_the_next_sentence_give_the_period_after_an_opening_participle() {
    let text = "Friday, March 8, 2024\n\n\
        Russia has fired at least 30 North Korean ballistic missiles at Ukraine, the \
        prosecutor general said on Friday.\n\n\
        Speaking at a news conference in Lviv, he said the missiles were launched between \
        Jan. 3, 2024, and March 1, 2024, mostly at cities in the east.\n";
    let r = row(text, 30.0);
    assert_eq!(
        (&*r.period_start, &*r.period_end),
        ("2024-01-03", "2024-03-01")
    );
}

#[test]
fn an_agency_named_with_its_initials_dates_the_claim_by_the_next_sentence() {
    let text = "2024-05-10 09:12\n\n\
        SEOUL, May 10 (Yonhap) -- North Korea has sent more than 9,000 containers of arms to \
        Russia since last August, South Korea's spy agency said.\n\n\
        The National Intelligence Service (NIS) disclosed the estimate at a closed-door \
        parliamentary session on Thursday, lawmakers said.\n";
    assert_eq!(
        when(&row(text, 9000.0)),
        ("2023-08", "2024-05-09", "2024-05-09")
    );
}

#[test]
fn findings_first_reported_by_a_newspaper_date_the_claim_before() {
    let text = "Sun 12 May 2024 08.00 BST\n\n\
        More than 50,000 tonnes of explosives went by rail from Russia's Pacific ports to \
        depots near Ukraine between September 2023 and February 2024, according to shipping \
        records studied by a Washington research group. The findings were first reported by \
        The Financial Times on 11 May.\n";
    assert_eq!(row(text, 50000.0).date, "2024-05-11");
}

#[test]
fn counts_read_off_imagery_of_one_day_go_on_with_that_day() {
    let text = "Port Watch | August 2024\n\n\
        This note looks at satellite imagery of the Rajin container terminal collected on \
        July 22, 2024, three days after a Russian freighter left.\n\n\
        On the northern quay, the imagery shows approximately 90 containers.\n\n\
        On the southern quay, there were approximately 40 containers and two cranes.\n";
    assert_eq!(when(&row(text, 90.0)).0, "2024-07-22");
    assert_eq!(
        when(&row(text, 40.0)),
        ("2024-07-22", "2024-07-22", "2024-08")
    );
}

#[test]
fn delivered_this_way_takes_the_period_of_the_voyages() {
    let text = "21.05.2025, 10:00\n\n\
        Russian freighters made 70 voyages between Rajin and Vostochny from October 2023 to \
        April 2025, according to an investigation by a British research group.\n\n\
        According to the investigators, some 18,000 containers of munitions were delivered \
        this way.\n";
    assert_eq!(row(text, 18000.0).period_start, "2023-10");
}

#[test]
fn in_return_a_few_sentences_on_takes_the_period_of_the_count() {
    let text = "Transcript\n\n20 May 2024, Seoul\n\n\
        MINISTER LEE: Since last year, North Korea has sent about 8,000 containers of \
        munitions to Russia. At first they went by ship. Now rail carries more.\n\n\
        QUESTION: What comes back?\n\n\
        LEE: In return, we believe about 10,000 containers have come from Russia, mostly \
        food.\n";
    assert_eq!(row(text, 10000.0).period_start, "2023");
}

#[test]
fn an_earlier_figure_recalled_takes_no_period_and_does_not_date_what_follows() {
    let text = "Posted : 2024-05-21 08:00\n\n\
        Defense Minister Lee Jun-ho said Monday that the North has shipped about 8,000 \
        containers of munitions to Russia since last year. In early March, the figure he gave \
        was 6,500.\n\n\
        The minister said the North appears to have received more than 10,000 containers \
        from Russia in return.\n";
    let old = row(text, 6500.0);
    assert_eq!(when(&old), ("", "", "2024-03"));
    let back = row(text, 10000.0);
    assert_eq!(when(&back), ("2023", "2024-05-20", "2024-05-20"));
}

#[test]
fn by_a_month_opening_the_sentence_dates_the_statement() {
    let text = "Explainer\n\nUpdated 30 October 2024\n\n\
        By mid-July, a report by the spy agency put the total at more than 12,000 containers \
        since early 2023.\n";
    assert_eq!(when(&row(text, 12000.0)), ("2023-01", "2024-07", "2024-07"));
}

#[test]
fn a_year_less_dateline_takes_the_latest_year_of_its_body_when_the_weekday_fits() {
    // 27 February is a Monday in 2023 and a Tuesday in 2024: "on Monday" the day before.
    let text = "Seoul says North Korea shipped thousands of containers\n\n\
        SEOUL, Feb 27 (Reuters) - North Korea has shipped around 5,000 containers to Russia \
        since September, a senior South Korean official said on Monday.\n\n\
        South Korea's defence spending for 2024 is set to grow by 4%.\n";
    assert_eq!(
        when(&row(text, 5000.0)),
        ("2023-09", "2024-02-26", "2024-02-26")
    );
}

#[test]
fn a_figure_of_an_earlier_statement_is_dated_by_it_with_no_period() {
    let text = "November 2, 2023\n\n\
        A think tank said on Wednesday that Russian ships had made at least eight trips from \
        Rajin since September. Its report follows a White House statement last month that \
        North Korea had delivered more than 1,000 containers of munitions to Russia.\n";
    assert_eq!(when(&row(text, 1000.0)), ("", "", "2023-10"));
    let cited = "Published : 2024-09-02 10:00\n\n\
        The agency counted more than 12,000 containers sent to Russia since 2022, according to \
        its report. The figure is well above the roughly 9,000 containers that the defence \
        minister cited in May.\n";
    assert_eq!(when(&row(cited, 9000.0)), ("", "", "2024-05"));
}

#[test]
fn the_day_images_were_released_is_no_period_of_the_count_beside_them() {
    let text = "2023年11月3日 08時00分\n\n\
        (Translated from Japanese)\n\n\
        The U.S. government announced on the 2nd that North Korea has sent Russia more than \
        2,000 containers of munitions. The shipments took place in recent weeks, it said.\n\n\
        According to photographs released by the U.S. government the same day, about 150 \
        containers were moved from Najin to Dunay between October 10 and 14.\n";
    assert_eq!(when(&row(text, 150.0)).0, "2023-10-10");
}

#[test]
fn the_same_report_goes_on_with_the_period_of_its_count() {
    let text = "Explainer\n\nMarch 8, 2024\n\n\
        In a study released on Tuesday, researchers at a Washington think tank counted at \
        least 30 visits to Najin by Russian cargo ships since September 2023.\n\n\
        The same report identified 12 visits by such ships to the port of Vostochny.\n";
    assert_eq!(row(text, 12.0).period_start, "2023-09");
}

#[test]
fn a_day_opening_the_sentence_before_a_figure_given_dates_it() {
    let text = "OPINION\n\nThe shells keep coming\n\nMarch 6, 2024\n\n\
        On Monday Seoul's defence minister, Lee Jun-ho, offered a new figure: about 7,500 \
        containers since last September, enough, he said, for more than 3 million shells.\n";
    assert_eq!(row(text, 7500.0).date, "2024-03-04");
}
