//! Dates and periods that a text's layout gives rather than its sentences: a digest's day
//! labels ("- 29 Dec:"), weekday labels ("Tuesday:"), a live blog's entry time stamps, a
//! newsletter's dated sections, a table flattened into text with a date column, a dateline with
//! a local time. Each text is written for these tests in a wording the corpus does not use.

mod common;

use common::{row, when};

#[test]
fn a_digest_day_label_dates_its_bullet_and_resolves_its_months_across_a_year_end() {
    let text = "SANCTIONS DIGEST | 5 January 2024\n\n\
        The last days of the year in brief:\n\n\
        - 29 Dec: South Korea's defence minister Shin Won-sik says about 5,000 containers have \
        left the port of Rason since August.\n\
        - 4 Jan: The White House says North Korea has handed Russia several ballistic missile \
        launchers and dozens of missiles.\n";
    let r = row(text, 5000.0);
    // The bullet's own day, and "since August" counted back from it (not from January 2024).
    assert_eq!(when(&r), ("2023-08", "2023-12-29", "2023-12-29"));
    assert_eq!(r.article_date, "2024-01-05");
    // The label is no part of the sentence.
    assert!(r.statement_summary.starts_with("South Korea's"));
}

#[test]
fn a_weekday_label_is_the_latest_such_day_of_the_article_week() {
    let text = "THE WEEK | Saturday 2 November 2024\n\n\
        What officials said about the deployment:\n\n\
        Wednesday: The Pentagon said about 10,000 North Korean soldiers had reached eastern \
        Russia for training.\n\n\
        Saturday: Nothing new was said.\n";
    let r = row(text, 10000.0);
    assert_eq!(r.date, "2024-10-30");
}

#[test]
fn a_live_blog_entry_takes_its_own_stamp_until_the_next_one() {
    let text = "LIVE: the arms trade, day by day\n\n\
        Last updated 20 February 2024, 09:00 GMT\n\n\
        20 Feb 2024, 08:40 GMT\n\
        The prosecutor general's office said Russia had fired some 20 North Korean missiles \
        at Ukraine since the start of January.\n\n\
        19 Feb 2024, 17:10 GMT\n\
        A State Department spokesperson said more than 10,000 containers had gone from the North \
        to Russia since September.\n\n\
        The spokesperson added that about 300 containers were loaded in a single week.\n";
    let first = row(text, 20.0);
    // The stamp of the article's own day adds nothing: the article's date.
    assert_eq!(when(&first), ("2024-01", "2024-02-20", "2024-02-20"));
    let second = row(text, 10000.0);
    assert_eq!(when(&second), ("2023-09", "2024-02-19", "2024-02-19"));
    // The entry goes on in the next paragraph until another stamp.
    assert_eq!(row(text, 300.0).date, "2024-02-19");
}

#[test]
fn a_flattened_table_gives_each_row_its_source_date_and_period() {
    let text = "Research note\n\nPublished 1 March 2025\n\n\
        Public estimates of the North Korean deliveries differ widely, as the table shows.\n\n\
        Body | Estimate | As of | Time frame\n\
        ROK National Intelligence Service | more than 1 million artillery shells | \
        1 Nov 2023 | since August 2023\n\
        Ukraine Defence Intelligence (HUR) | more than 5 million artillery shells | Nov 2024 | \
        2023-2024\n\n\
        None of these figures has been verified.\n";
    let nis = row(text, 1_000_000.0);
    assert_eq!(nis.speaker, "ROK National Intelligence Service");
    assert_eq!(when(&nis), ("2023-08", "2023-11-01", "2023-11-01"));
    let hur = row(text, 5_000_000.0);
    assert_eq!(hur.speaker, "Ukraine Defence Intelligence (HUR)");
    // A month alone in the date cell: that month.
    assert_eq!(when(&hur), ("2023", "2024", "2024-11"));
}

#[test]
fn a_table_whose_columns_are_not_known_still_gives_its_numbers() {
    let text = "Briefing\n\nPublished 2 March 2024\n\n\
        The ministry's figures on the North Korean shipments to Russia are below.\n\n\
        Item | Value | Note\n\
        Containers shipped to Russia | about 6,700 | since September 2023\n\n\
        The ministry gave no breakdown by port.\n";
    let r = row(text, 6700.0);
    assert_eq!(r.unit, "containers");
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2023-09", "2024-03-02")
    );
}

#[test]
fn a_dateline_with_a_local_time_dates_the_article_and_is_no_part_of_the_sentence() {
    let text = "Seoul counts the containers\n\n\
        SEOUL, Feb. 26, 2024, 10:15 a.m. KST - Defence Minister Shin Won-sik said about 6,700 \
        containers of munitions have been shipped to Russia since September.\n";
    let r = row(text, 6700.0);
    assert_eq!(r.article_date, "2024-02-26");
    assert_eq!(when(&r), ("2023-09", "2024-02-26", "2024-02-26"));
    assert!(r.statement_summary.starts_with("Defence Minister"));
}

#[test]
fn a_speaker_label_is_no_date_label() {
    let text = "Transcript | 13 October 2023\n\n\
        John Kirby, the White House national security spokesman, briefed reporters.\n\n\
        MR. KIRBY: North Korea has provided Russia with more than 1,000 containers of military \
        equipment and munitions in recent weeks.\n";
    let r = row(text, 1000.0);
    assert_eq!(r.speaker, "John Kirby");
    assert_eq!(when(&r), ("2023-09-01", "2023-10-13", "2023-10-13"));
}

#[test]
fn ordinal_days_of_this_month_are_a_range_of_the_article_month() {
    let text = "2024.10.18 16:02 | Politics\n\n\
        The spy agency said on the 18th that about 1,500 North Korean troops were carried to \
        Vladivostok by Russian ships between the 8th and the 13th of this month.\n";
    let r = row(text, 1500.0);
    assert_eq!(when(&r), ("2024-10-08", "2024-10-13", "2024-10-18"));
}

#[test]
fn the_texts_own_day_after_the_reporting_verb_is_the_statement_not_a_period() {
    let text = "2024.01.10 11:20 | Diplomacy\n\n\
        Foreign Minister Cho Tae-yul said at a news conference held at the ministry in Seoul on \
        the 10th, \"North Korea has sent more than 7,000 containers to Russia.\"\n\n\
        Separately, the ministry said on the 10th that about 40 missiles were fired at Ukraine \
        on the 10th.\n";
    let r = row(text, 7000.0);
    assert_eq!(when(&r), ("", "", "2024-01-10"));
    // After the quantity, the same day is what was counted.
    let launched = row(text, 40.0);
    assert_eq!(
        (launched.period_start.as_str(), launched.period_end.as_str()),
        ("2024-01-10", "2024-01-10")
    );
}

#[test]
fn a_timeline_entry_dated_before_a_dash_and_a_posted_stamp_date_their_paragraphs() {
    let text = "Chronology | 2 March 2024\n\n\
        The record so far, entry by entry.\n\n\
        Feb. 23, 2024 - The United States says North Korea has delivered more than 10,000 \
        containers of munitions to Russia since September.\n\n\
        Posted 26 Feb 2024, 14:05\n\
        Defence Minister Shin Won-sik says about 6,700 containers have gone since September.\n\n\
        Mr. Kirby said on Feb. 28: more than 1,000 containers left in recent weeks.\n";
    let us = row(text, 10000.0);
    assert_eq!(when(&us), ("2023-09", "2024-02-23", "2024-02-23"));
    let shin = row(text, 6700.0);
    assert_eq!(when(&shin), ("2023-09", "2024-02-26", "2024-02-26"));
    // A sentence opening with its speaker is no label, though a date comes before its colon.
    let kirby = row(text, 1000.0);
    assert!(kirby.statement_summary.starts_with("Mr. Kirby"));
}

#[test]
fn a_table_pasted_with_tabs_is_read_like_a_pipe_table() {
    let text = "Data desk\n\nPublished 5 July 2024\n\n\
        Two official counts of North Korea's shipments to Russia, as each was given.\n\n\
        Date given\tSource\tEstimate\tPeriod covered\n\
        17 Jun 2024\tUS Department of State\tmore than 11,000 containers\tsince September 2023\n\
        18 Mar 2024\tROK Ministry of National Defense\tabout 7,000 containers\tsince last year\n";
    let state = row(text, 11000.0);
    assert_eq!(state.speaker, "US Department of State");
    assert_eq!(when(&state), ("2023-09", "2024-06-17", "2024-06-17"));
    // "since last year" counted back from the row's own date.
    let seoul = row(text, 7000.0);
    assert_eq!(when(&seoul), ("2023", "2024-03-18", "2024-03-18"));
}
