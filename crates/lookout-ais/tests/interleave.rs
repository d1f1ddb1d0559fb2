//! Multi-sentence assembly on real sentences: interleaved messages, tag-block groups, orphans
//! and eviction.

mod support;

use lookout_ais::nmea::assembly::AssemblyLimits;
use lookout_ais::{Decoded, Decoder};

/// Two real two-part type 5 messages from the DMA feed (dma-aislib/stream_example.txt lines
/// 84-85 and 290-291), both on channel A with different sequence ids.
const A1: &[u8] = b"!AIVDM,2,1,5,A,53`eSP025ij108M:221<D60`4<f222222222220Q000005?G0>5CQ1D`,0*39";
const A2: &[u8] = b"!AIVDM,2,2,5,A,53mp88888888880,2*3A";
const B1: &[u8] = b"!AIVDM,2,1,3,A,539bE<P2?e`T@l<l000p:3C7P00000000000001633<?A5aV0CPE84i@,0*1B";
const B2: &[u8] = b"!AIVDM,2,2,3,A,E4PBC8??`2jAC08,2*3D";

fn decode(lines: &[&[u8]]) -> (Vec<Decoded>, lookout_ais::Stats) {
    support::decode_lines(lines.iter().copied())
}

/// `sentence` with its first `from` replaced by `to` and the checksum recomputed.
fn edited(sentence: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = std::str::from_utf8(sentence).unwrap().replacen(from, to, 1);
    let body = &text[1..text.find('*').unwrap()];
    let sum = lookout_ais::nmea::checksum(body.as_bytes());
    format!("!{body}*{sum:02X}").into_bytes()
}

fn json(d: &Decoded) -> serde_json::Value {
    serde_json::to_value(&d.message).expect("serializes")
}

#[test]
fn the_four_sentences_are_in_the_real_capture() {
    let lines = support::lines(&support::data_dir().join("dma-aislib/stream_example.txt"));
    let text = |n: usize| lines[n - 1].trim_ascii().to_vec();
    assert_eq!(
        [text(84), text(85), text(290), text(291)],
        [A1, A2, B1, B2].map(<[u8]>::to_vec)
    );
}

#[test]
fn interleaved_messages_on_one_channel_both_assemble() {
    let (in_order, _) = decode(&[A1, A2, B1, B2]);
    assert_eq!(
        in_order
            .iter()
            .map(|d| d.message.mmsi())
            .collect::<Vec<_>>(),
        [244016000, 211457330]
    );
    let (interleaved, stats) = decode(&[A1, B1, A2, B2]);
    assert_eq!(interleaved.len(), 2, "{stats}");
    assert_eq!(stats.total_rejects(), 0, "{stats}");
    for (a, b) in in_order.iter().zip(&interleaved) {
        assert_eq!(json(a), json(b));
        assert_eq!(b.meta.fragments, 2);
    }
    // the message's line is the line of its first part
    assert_eq!(interleaved[0].meta.line, 1);
    assert_eq!(interleaved[1].meta.line, 2);
    // reversed nesting too: A1 B1 B2 A2
    let (nested, stats) = decode(&[A1, B1, B2, A2]);
    assert_eq!(
        nested.iter().map(|d| d.message.mmsi()).collect::<Vec<_>>(),
        [211457330, 244016000],
        "{stats}"
    );
}

#[test]
fn same_sequence_id_on_two_channels_is_two_messages() {
    // A's sentences moved to channel B with B's sequence id: ids collide, channels differ.
    let (a1, a2) = (edited(A1, ",5,A,", ",3,B,"), edited(A2, ",5,A,", ",3,B,"));
    let lines: [&[u8]; 5] = [A1, &a1, B1, &a2, B2];
    let (out, stats) = decode(&lines);
    let mmsis: Vec<u32> = out.iter().map(|d| d.message.mmsi()).collect();
    assert_eq!(mmsis, [244016000, 211457330], "{stats}");
    // the first A1 (channel A, id 5) never completes: one orphan fragment
    assert_eq!(stats.rejects.get("orphan_fragment"), Some(&1), "{stats}");
}

#[test]
fn tag_block_group_assembles_around_an_interleaved_sentence() {
    // libais/tagblock.nmea: g:1-2-1604 and g:2-2-1604 with a single-part sentence between them.
    let (out, stats) = support::decode_file(&support::data_dir().join("libais/tagblock.nmea"));
    assert_eq!(out.len(), 4, "{stats}");
    let five = out
        .iter()
        .find(|d| d.message.msg_type() == 5)
        .expect("type 5");
    assert_eq!(five.meta.line, 1);
    assert_eq!(five.meta.fragments, 2);
    assert_eq!(five.meta.source.as_deref(), Some("rORBCOMM008"));
    assert_eq!(five.meta.rx_time_ms, Some(1_418_169_601_000));
    assert_eq!(stats.total_rejects(), 0, "{stats}");
}

#[test]
fn a_malformed_group_id_still_assembles_by_sentence_fields() {
    // gfw-ais-tools/bad-tagblock-group.nmea: g:1-2--001 / g:2-2--001
    let (out, stats) =
        support::decode_file(&support::data_dir().join("gfw-ais-tools/bad-tagblock-group.nmea"));
    assert_eq!(out.len(), 1, "{stats}");
    assert_eq!(out[0].message.msg_type(), 21);
    assert_eq!(out[0].meta.fragments, 2);
}

#[test]
fn three_part_messages_assemble() {
    // gpsd/sample.aivdm holds 3-part messages; count them against the sentence fields.
    let path = support::data_dir().join("gpsd/sample.aivdm");
    let (out, _) = support::decode_file(&path);
    let three = out.iter().filter(|d| d.meta.fragments == 3).count();
    let firsts = support::lines(&path)
        .iter()
        .filter(|l| l.starts_with(b"!AIVDM,3,1,"))
        .count();
    assert!(three >= 1);
    assert_eq!(three, firsts);
}

#[test]
fn never_completed_first_parts_are_orphans_at_finish() {
    // pyais/nmea_data_sample.txt: every two-part message lacks its second part (NOTES.md says
    // 10; the file holds 20 first parts and no second part)
    let path = support::data_dir().join("pyais/nmea_data_sample.txt");
    let lines = support::lines(&path);
    let firsts = lines
        .iter()
        .filter(|l| l.starts_with(b"!AIVDM,2,1,"))
        .count();
    let seconds = lines
        .iter()
        .filter(|l| l.starts_with(b"!AIVDM,2,2,"))
        .count();
    assert_eq!((firsts, seconds), (20, 0));
    let (_, stats) = support::decode_file(&path);
    assert_eq!(stats.rejects.get("orphan_fragment"), Some(&20), "{stats}");
}

#[test]
fn stale_parts_are_evicted_by_age_and_count() {
    let limits = AssemblyLimits {
        max_age_lines: 3,
        max_pending: 2,
        ..AssemblyLimits::default()
    };
    // age: A1, then four unrelated single sentences, then A2: A1 was evicted, A2 is an orphan
    let single = b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05";
    let mut decoder = Decoder::with_limits(limits);
    let mut out = Vec::new();
    for line in [A1, single, single, single, single, A2] {
        decoder.feed_line(line, |d| out.push(d));
    }
    decoder.finish();
    assert_eq!(out.len(), 4);
    assert_eq!(decoder.stats().rejects.get("orphan_fragment"), Some(&2));
    assert_eq!(decoder.stats().total_rejects(), 2);

    // count: three messages pending at once with room for two: the oldest goes
    let c1 = edited(A1, ",5,A,", ",7,B,");
    let mut decoder = Decoder::with_limits(limits);
    let mut out = Vec::new();
    for line in [A1, B1, &c1, B2] {
        decoder.feed_line(line, |d| out.push(d));
    }
    decoder.finish();
    assert_eq!(
        out.iter().map(|d| d.message.mmsi()).collect::<Vec<_>>(),
        [211457330]
    );
    assert_eq!(
        decoder.stats().rejects.get("orphan_fragment"),
        Some(&2),
        "{}",
        decoder.stats()
    );
}

#[test]
fn a_second_part_without_its_first_is_an_orphan() {
    let (out, stats) = decode(&[A2, B1, B2]);
    assert_eq!(out.len(), 1);
    assert_eq!(stats.rejects.get("orphan_fragment"), Some(&1), "{stats}");
}

#[test]
fn resume_line_is_the_first_part_still_waiting() {
    // A1, a Gatehouse header (stream_example.txt line 86) for B1, then A2 and B2: a reader
    // that resumes at the line `resume_line` names, dropping the messages it had, decodes the
    // rest as the first decoder does.
    const PGHP: &[u8] = b"$PGHP,1,2010,6,11,11,46,12,241,232,0,,1,61*24";
    let lines: [&[u8]; 5] = [A1, PGHP, B1, A2, B2];
    let mut d = Decoder::new();
    let mut resume = Vec::new();
    for l in lines {
        d.feed_line(l, |_| {});
        resume.push(d.resume_line());
    }
    assert_eq!(resume, [Some(1), Some(1), Some(1), Some(3), None]);
    // Resumed after line 4 from line 3: B1 and A2 are fed again, B completes, A is not
    // emitted again (it completed on line 4, before the resume point's end).
    let mut again = Decoder::new();
    let mut out = Vec::new();
    for (i, l) in lines[2..].iter().enumerate() {
        again.feed_line(l, |m| out.push((i + 3, m.message.mmsi())));
    }
    let kept: Vec<_> = out.into_iter().filter(|(line, _)| *line > 4).collect();
    assert_eq!(kept, [(5, 211457330)]);
}
