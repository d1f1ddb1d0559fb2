//! Dates and periods that the discourse gives rather than the claim's own sentence (docs/
//! accuracy.md step 17b): the day of the statement a lead names, carried to the later rows of
//! that statement and not to another source's; a definite subject in the next sentence ("The
//! soldiers were carried ...") giving the claim its period and route; a publication label at the
//! end of an undated text; a key-figure line with its source and date in brackets. Names, bodies,
//! figures and dates are invented for these tests.

mod common;

use common::{row, when};

#[test]
fn the_lead_day_dates_a_spokesmans_rows_of_the_institutions_statement() {
    // Article of Thursday 13 March 2025; the ministry spoke on Tuesday the 11th.
    let text = "Ministry says North Korean shells keep arriving\n\n\
        March 13, 2025\n\n\
        HELSINKI -- The Finnish Foreign Ministry on Tuesday accused Russia of taking delivery of \
        North Korean munitions by sea.\n\n\
        North Korea has shipped about 4,200 containers of munitions to Russia in recent weeks, \
        ministry spokeswoman Ana Rell told reporters at the briefing.\n\n\
        The ministry did not say how it had counted them.";
    let r = row(text, 4200.0);
    assert_eq!(r.date, "2025-03-11");
    assert_eq!(r.article_date, "2025-03-13");
    // "in recent weeks" is counted back from the day of the statement.
    assert_eq!(r.period_end, "2025-03-11");
}

#[test]
fn the_lead_day_dates_a_documents_rows_referred_back_to() {
    let text = "Ministry publishes count of North Korean deliveries\n\n\
        April 9, 2025\n\n\
        The Finnish Foreign Ministry published a fact sheet on Monday with its latest count of \
        North Korean deliveries to Russia.\n\n\
        According to the fact sheet, North Korea has shipped more than 8,400 containers of \
        munitions to Russia since October 2024.";
    let r = row(text, 8400.0);
    // Monday 7 April, not the article's Wednesday.
    assert_eq!(when(&r), ("2024-10", "2025-04-07", "2025-04-07"));
}

#[test]
fn another_source_later_in_the_text_keeps_the_articles_date() {
    let text = "Ministry counts shells\n\n\
        March 13, 2025\n\n\
        HELSINKI -- Finnish defence spokesman Tomas Brill said on Tuesday that North Korea had \
        sent about 4,300 containers of munitions to Russia since January.\n\n\
        A separate count is higher: more than 60 trains have crossed the border at Khasan since \
        January, a senior European official added, speaking on condition of anonymity.";
    assert_eq!(row(text, 4300.0).date, "2025-03-11");
    // A different person, and no day of their own: the text's date.
    assert_eq!(row(text, 60.0).date, "2025-03-13");
}

#[test]
fn a_weekday_in_a_lead_that_reports_nothing_dates_nothing() {
    // The lead names a meeting, not a statement: the rows keep the article's date.
    let text = "Leaders meet in the Far East\n\n\
        March 13, 2025\n\n\
        The two leaders met on Tuesday at a cosmodrome in the Far East.\n\n\
        North Korea has sent about 4,400 containers of munitions to Russia since January, \
        according to the Finnish Foreign Ministry.";
    assert_eq!(row(text, 4400.0).date, "2025-03-13");
}

#[test]
fn this_morning_is_the_articles_day() {
    let text = "Live: deployment reports\n\n\
        Friday 14 March 2025\n\n\
        10:05 GMT\n\n\
        Finland's Foreign Ministry said in a statement this morning that North Korea has sent \
        2,200 more soldiers to Russia's Far East.";
    assert_eq!(row(text, 2200.0).date, "2025-03-14");
}

#[test]
fn a_definite_subject_in_the_next_sentence_gives_the_period_and_route() {
    let text = "Troops moved by sea, officials say\n\n\
        March 20, 2025\n\n\
        North Korea has moved about 2,100 soldiers to Russia, a Finnish official briefed on the \
        intelligence said on Thursday.\n\n\
        The soldiers were carried on Russian navy ships to Vladivostok between 3 and 9 March, \
        the official said.";
    let r = row(text, 2100.0);
    assert_eq!(when(&r), ("2025-03-03", "2025-03-09", "2025-03-20"));
    assert_eq!(r.route, "sea:->Vladivostok");
}

#[test]
fn no_period_from_a_next_sentence_about_other_things_or_from_an_aside() {
    // The next sentence's subject is not the things counted.
    let text = "Shells reach Russia\n\n\
        March 20, 2025\n\n\
        North Korea has sent about 2,300 containers of munitions to Russia, a Finnish official \
        said on Thursday.\n\n\
        The soldiers were carried on Russian navy ships to Vladivostok between 3 and 9 March, \
        the official said.";
    let r = row(text, 2300.0);
    assert_eq!((r.period_start.as_str(), r.route.as_str()), ("", ""));
    // A time inside a relative clause dates something else.
    let text = "Shells reach Russia\n\n\
        March 20, 2025\n\n\
        Around 2,400,000 shells a year are now shipped from North Korea to Russia, a Finnish \
        official said.\n\n\
        The shells have helped Russian forces take the town of Lintu, which fell this week, \
        the official said.";
    assert_eq!(row(text, 2_400_000.0).period_start, "");
}

#[test]
fn a_next_sentence_with_its_own_count_of_the_same_things_is_a_claim_of_its_own() {
    let text = "Soldiers counted\n\n\
        March 20, 2025\n\n\
        North Korea has moved about 2,500 soldiers to Russia, a Finnish official said on \
        Thursday.\n\n\
        The soldiers included 300 officers, who arrived between 3 and 9 March, the official \
        said.";
    assert_eq!(row(text, 2500.0).period_start, "");
}

#[test]
fn a_publication_label_closing_an_undated_text_dates_it() {
    let text = "Correction\n\n\
        An earlier article misstated the Finnish Foreign Ministry's estimate. The ministry said \
        on 4 March that North Korea had sent about 2,600 containers of munitions to Russia since \
        January, not since December.\n\n\
        Posted 6 March 2025";
    let r = row(text, 2600.0);
    assert_eq!(r.article_date, "2025-03-06");
}

#[test]
fn a_key_figure_line_is_its_sources_statement_of_that_date() {
    let text = "North Korea's deliveries: key figures\n\n\
        Updated 2 April 2025\n\n\
        Containers shipped to Russia since October 2024: more than 8,500 (Finnish Foreign \
        Ministry, 31 March 2025)\n\n\
        Round trips by the cargo ship Lumi, November 2024 to February 2025: about 14 (Harbor \
        Watch Institute, March 2025)\n";
    let r = row(text, 8500.0);
    assert_eq!(when(&r), ("2024-10", "2025-03-31", "2025-03-31"));
    assert_eq!(r.unit, "containers");
    assert_eq!(r.qualifier, "more_than");
    let r = row(text, 14.0);
    assert_eq!(when(&r), ("2024-11", "2025-02", "2025-03"));
    assert_eq!(r.unit, "voyages");
}

#[test]
fn a_quoted_title_of_another_text_states_nothing() {
    // A correction naming the earlier article by its headline: the headline's "a million" is
    // no claim, and the sentence that states the figure is read with its own qualifier and
    // period.
    let text = "Correction\n\n\
        An article published on 4 March 2025 (\"Helsinki: a million shells went east\") \
        misstated the Finnish Foreign Ministry's estimate. The ministry said that North Korea \
        had sent more than one million artillery shells to Russia since January, not since \
        December.\n\n\
        Posted 6 March 2025";
    let rows: Vec<_> = lookout_claims::extract(text)
        .into_iter()
        .filter(|r| r.quantity == Some(1_000_000.0))
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].qualifier, "more_than");
    assert_eq!(rows[0].period_start, "2025-01");
}

#[test]
fn a_vague_multiple_restating_a_count_of_the_same_source_is_no_row() {
    let text = "Minister gives count\n\n\
        March 13, 2025\n\n\
        Finland's defence minister, Kaisa Lind, told reporters on Tuesday that North Korea has \
        shipped thousands of containers of munitions to Russia. She said that since January \
        about 6,100 containers had gone to Russia.";
    let rows = lookout_claims::extract(text);
    assert!(rows.iter().any(|r| r.quantity == Some(6100.0)));
    assert!(!rows.iter().any(|r| r.quantity_low == Some(2000.0)));
    // Another source's round figure is a claim of its own.
    let text = "Counts differ\n\n\
        March 13, 2025\n\n\
        Each voyage carries hundreds of containers, the Harbor Watch Institute said. The Finnish \
        Foreign Ministry said on Tuesday that roughly 300 containers stood on the quay at Rajin.";
    let rows = lookout_claims::extract(text);
    assert!(rows.iter().any(|r| r.quantity == Some(300.0)));
    assert!(rows.iter().any(|r| r.quantity_low == Some(200.0)));
}

#[test]
fn a_report_published_on_a_day_dates_the_figure_relayed_from_it() {
    let text = "Filing cites research group\n\n\
        Filed: June 2, 2025\n\n\
        12. Between May 2024 and January 2025, the vessel made at least 14 voyages between \
        Rajin and Vostochny, according to a report the Harbor Watch Institute published in \
        March 2025.";
    let r = row(text, 14.0);
    assert_eq!(when(&r), ("2024-05", "2025-01", "2025-03"));
    assert_eq!(r.article_date, "2025-06-02");
}

#[test]
fn a_caption_set_in_capitals_is_no_sentence() {
    // A court caption ending in a full stop, mostly in capitals: its "ONE CARGO VESSEL" is no
    // count, and a city-like opening is no dateline.
    let text = "DISTRICT COURT FOR THE NORTHERN DISTRICT\n\n\
        REPUBLIC OF FINLAND, Plaintiff, v. ONE CARGO VESSEL KNOWN AS \"LUMI\", Defendant.\n\n\
        Filed: June 2, 2025\n\n\
        12. Between May 2024 and January 2025, the vessel made at least 14 voyages between \
        Rajin and Vostochny, according to the Harbor Watch Institute.";
    let rows = lookout_claims::extract(text);
    assert!(!rows.iter().any(|r| r.quantity == Some(1.0)));
    assert_eq!(row(text, 14.0).article_date, "2025-06-02");
}

#[test]
fn a_key_figure_phrase_with_its_source_in_brackets_is_that_statement() {
    let text = "North Korea's deliveries: key figures\n\n\
        Updated 2 April 2025\n\n\
        More than 8,600 containers of munitions sent since October 2024 (Finnish Foreign \
        Ministry, 31 March 2025)\n\n\
        About 2,700 soldiers (Finnish Defence Forces, March 2025)\n";
    let r = row(text, 8600.0);
    assert_eq!(when(&r), ("2024-10", "2025-03-31", "2025-03-31"));
    assert_eq!(r.qualifier, "more_than");
    let r = row(text, 2700.0);
    assert_eq!(
        (r.unit.as_str(), r.qualifier.as_str(), r.date.as_str()),
        ("troops", "about", "2025-03")
    );
}
