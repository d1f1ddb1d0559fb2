//! `lookout-ais`: a streaming AIS decoder and encoder.
//!
//! The crate has two layers with a narrow boundary between them:
//!
//! * the **sentence layer** ([`nmea`]) reads lines of NMEA 0183 / IEC 61162-1 text: tag blocks,
//!   Gatehouse `$PGHP` headers, `!xxVDM`/`!xxVDO` sentences with their checksum, fill bits and
//!   trailing metadata, and assembles multi-sentence messages. It hands over the armored payload
//!   (six-bit ASCII) of each complete message with its [`nmea::Meta`] (receive time, source
//!   station, talker, channel, line number);
//! * the **message layer** ([`message`]) turns an armored payload into a typed [`AisMessage`]
//!   (ITU-R M.1371 types 1 to 27), and [`encode`] does the reverse.
//!
//! [`Decoder`] joins the two. Nothing is dropped silently: every line or message that is not
//! decoded is counted in [`Stats`] with a [`Reject`] reason. [`LineReader`] feeds it lines from
//! any `BufRead` in bounded memory, skipping lines over [`MAX_LINE`] bytes.
//!
//! ```
//! use lookout_ais::{AisMessage, Decoder};
//!
//! let mut decoder = Decoder::new();
//! let mut mmsis = Vec::new();
//! decoder.feed_line(b"!AIVDM,1,1,,B,15NG6V0P01G?cFhE`R2IU?wn28R>,0*05", |decoded| {
//!     mmsis.push(decoded.message.mmsi());
//! });
//! assert_eq!(mmsis, [367380120]);
//! ```

pub mod bits;
pub mod decoder;
pub mod encode;
pub mod fix;
pub mod lines;
pub mod message;
pub mod nmea;

pub use decoder::{Decoded, Decoder};
pub use fix::Fix;
pub use lines::{Line, LineReader, MAX_LINE};
pub use message::AisMessage;
pub use nmea::{Meta, Reject, Stats};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
