//! `alerts.toml` in the project folder: the watch settings (`[watch]`), the sinks
//! (`[[sink]]`) and the alert rules (`[[rule]]`), validated at start against the project (areas,
//! sanctions list) with the file, line and field of every problem. The format is documented in
//! `docs/watch.md`.

use std::path::Path;
use std::time::Duration;

use lookout_core::event::EventType;
use lookout_project::{Problem, Project, ProjectError};
use serde::Deserialize;
use toml::Spanned;

/// Name of the file in the project folder.
pub const FILE: &str = "alerts.toml";

/// Settings of the watch (`[watch]`), each with its default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Watermark lateness, seconds: each feed's watermark is its newest record time minus this,
    /// the watch's is the slowest active feed's; a record older than the watch's watermark is
    /// late (stored, counted, not given to the detectors).
    pub lateness_seconds: f64,
    /// The engine settles time-driven work (encounters, gap coverage, idle vessels, port visits
    /// in progress) whenever the watermark has moved this many seconds of feed time.
    pub settle_seconds: f64,
    /// Wall-clock seconds between checkpoints (state and store commits).
    pub checkpoint_seconds: f64,
    /// The live map shows vessels seen in this many hours before the watermark.
    pub positions_hours: f64,
    /// Records dated more than this many seconds after the machine's clock are rejected
    /// (`future_time`): one bad clock must not push the watermark past every other record.
    pub future_seconds: f64,
    /// Voyages and the ledger are recomputed at most this often, wall-clock seconds.
    pub ledger_seconds: f64,
    /// A feed that has sent no line for this many wall-clock seconds is idle: it no longer
    /// holds the watermark back (the watermark is the slowest active feed's).
    pub feed_idle_seconds: f64,
    /// Store rows buffered at most before they are committed, between checkpoints too (a
    /// commit of rows alone): bounds the memory the rows take (two batches at most, the one
    /// being written and the one filling; about 90 bytes a row, plus the Parquet columns of the
    /// one being written).
    pub max_pending_rows: usize,
    /// Memory a checkpoint's snapshot may cost, MB (Linux): the snapshot process encodes the
    /// state as it was at the fork, and every page detection changes meanwhile is copied once;
    /// when its private memory reaches this, detection waits for it to finish (a pause of
    /// the rest of the encoding instead of more copied pages). 0: always wait (the encoding
    /// is then a pause, as without a snapshot process).
    pub snapshot_max_mb: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lateness_seconds: 600.0,
            settle_seconds: 60.0,
            checkpoint_seconds: 10.0,
            positions_hours: 6.0,
            future_seconds: 600.0,
            ledger_seconds: 30.0,
            feed_idle_seconds: 60.0,
            max_pending_rows: 250_000,
            snapshot_max_mb: 128.0,
        }
    }
}

/// Which vessels a rule is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Vessels {
    /// Any vessel.
    Any,
    /// A vessel of the project's watchlist (by MMSI).
    Watchlist,
    /// A vessel the project's sanctions list lists on the event's date (`listed` or
    /// `listed_undated`).
    Sanctioned,
    /// These MMSIs.
    Mmsi(Vec<u32>),
}

/// One alert rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Name, unique, part of every alert id.
    pub name: String,
    /// Event types it fires on.
    pub events: Vec<EventType>,
    /// Vessels it is about (either vessel of an encounter or an MMSI change).
    pub vessels: Vessels,
    /// Areas (indexes into the project's areas); empty = anywhere.
    pub areas: Vec<usize>,
    /// The event's start position within this distance of one of the areas, km.
    pub within_km: f64,
    /// Smallest event confidence.
    pub min_confidence: f64,
    /// After an alert, the same rule stays quiet for the same vessel this long (feed time), ms.
    pub quiet_ms: i64,
    /// Accepted `details.reason` values; an event without a reason is accepted.
    pub reasons: Vec<String>,
    /// Details the event must have, with these values (`{ across = "gap" }`).
    pub details: serde_json::Map<String, serde_json::Value>,
    /// Sinks (indexes into [`AlertsConfig::sinks`]) besides `alerts.jsonl` and the web UI.
    pub sinks: Vec<usize>,
    /// Line in `alerts.toml`.
    pub line: usize,
}

/// Where a sink delivers.
#[derive(Debug, Clone)]
pub enum SinkKind {
    /// HTTP POST of the alert's JSON line.
    Webhook {
        /// `http://` or (with the `tls` feature) `https://` URL.
        url: String,
        /// HMAC-SHA256 key of the signature header.
        secret: Vec<u8>,
        /// Certificates (PEM) trusted for `https://` besides the built-in web roots: a
        /// private certificate authority or the server's own self-signed certificate.
        ca: Option<Vec<u8>>,
    },
    /// One email per alert.
    Email {
        /// `smtp://HOST:PORT` (plain), `smtp+starttls://` or `smtps://` (with the `tls` feature).
        server: String,
        /// Sender mailbox.
        from: String,
        /// Recipient mailboxes.
        to: Vec<String>,
        /// User name and password (from a file), if the server needs them.
        credentials: Option<(String, String)>,
        /// Certificates (PEM) trusted for `smtp+starttls://` and `smtps://` besides the
        /// built-in web roots (as a webhook's).
        ca: Option<Vec<u8>>,
    },
}

/// One sink.
#[derive(Debug, Clone)]
pub struct Sink {
    /// Name, unique; rules name it.
    pub name: String,
    /// What it is.
    pub kind: SinkKind,
    /// At most this many alerts wait for delivery; beyond, the oldest are dropped (counted).
    pub queue: u64,
    /// Attempts per alert before giving up (counted as failed).
    pub max_attempts: u32,
    /// First wait between attempts; it doubles after each failure (at most 5 minutes).
    pub backoff: Duration,
    /// Time allowed for one attempt.
    pub timeout: Duration,
}

impl Sink {
    /// `webhook` or `email`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            SinkKind::Webhook { .. } => "webhook",
            SinkKind::Email { .. } => "email",
        }
    }
}

/// The loaded, validated `alerts.toml`.
#[derive(Debug, Clone, Default)]
pub struct AlertsConfig {
    /// `[watch]`.
    pub settings: Settings,
    /// `[[sink]]`, in file order.
    pub sinks: Vec<Sink>,
    /// `[[rule]]`, in file order.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    watch: Settings,
    #[serde(default)]
    sink: Vec<Spanned<SinkEntry>>,
    #[serde(default)]
    rule: Vec<Spanned<RuleEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinkEntry {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    url: Option<String>,
    secret_file: Option<String>,
    ca_file: Option<String>,
    server: Option<String>,
    from: Option<String>,
    #[serde(default)]
    to: Vec<String>,
    username: Option<String>,
    password_file: Option<String>,
    #[serde(default = "default_queue")]
    queue: u64,
    #[serde(default = "default_attempts")]
    max_attempts: u32,
    #[serde(default = "default_backoff")]
    backoff_seconds: f64,
    #[serde(default = "default_timeout")]
    timeout_seconds: f64,
}

fn default_queue() -> u64 {
    10_000
}
fn default_attempts() -> u32 {
    8
}
fn default_backoff() -> f64 {
    1.0
}
fn default_timeout() -> f64 {
    10.0
}

#[derive(Deserialize)]
#[serde(untagged)]
enum VesselsEntry {
    Kind(String),
    Mmsi(Vec<u32>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    name: String,
    events: Vec<String>,
    #[serde(default = "default_vessels")]
    vessels: VesselsEntry,
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    within_km: f64,
    #[serde(default)]
    min_confidence: f64,
    #[serde(default)]
    quiet_minutes: f64,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    details: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    sinks: Vec<String>,
}

fn default_vessels() -> VesselsEntry {
    VesselsEntry::Kind("any".into())
}

/// Line (1-based) of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads a secret or password file (trimmed); relative paths are in the project folder.
fn read_secret(dir: &Path, file: &str) -> Result<String, String> {
    let path = dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        Ok(_) => Err(format!("{} is empty", path.display())),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The certificates (PEM) of a sink's `ca_file` (relative to the project folder), if it has
/// one; an error for a file that cannot be read or a build without TLS.
pub(crate) fn read_ca(dir: &Path, file: Option<&str>) -> Result<Option<Vec<u8>>, String> {
    let Some(f) = file else {
        return Ok(None);
    };
    let path = dir.join(f);
    match std::fs::read(&path) {
        Ok(pem) if TLS => Ok(Some(pem)),
        Ok(_) => Err("ca_file needs a build with the `tls` feature".into()),
        Err(err) => Err(format!("cannot read {}: {err}", path.display())),
    }
}

/// Whether this build speaks TLS (`https`, `wss`, `smtps`).
pub const TLS: bool = cfg!(feature = "tls");

impl AlertsConfig {
    /// Loads and validates `alerts.toml` of a loaded project; a project without the file has
    /// the default settings and no rule.
    pub fn load(project: &Project) -> Result<AlertsConfig, ProjectError> {
        let path = project.dir.join(FILE);
        if !path.exists() {
            return Ok(AlertsConfig::default());
        }
        let problem = |line, field: String, message: String| Problem {
            file: FILE.into(),
            line,
            field,
            message,
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| ProjectError(vec![problem(0, String::new(), e.to_string())]))?;
        Self::parse(&text, project)
    }

    /// Parses and validates the text of `alerts.toml` against `project`.
    pub fn parse(text: &str, project: &Project) -> Result<AlertsConfig, ProjectError> {
        let mut problems = Vec::new();
        let mut p = |line, field: String, message: String| {
            problems.push(Problem {
                file: FILE.into(),
                line,
                field,
                message,
            })
        };
        let file: File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map_or(0, |s| line_of(text, s.start));
                p(line, String::new(), e.message().to_owned());
                return Err(ProjectError(problems));
            }
        };
        let s = &file.watch;
        for (field, v, min) in [
            ("lateness_seconds", s.lateness_seconds, 0.0),
            ("settle_seconds", s.settle_seconds, 1.0),
            ("checkpoint_seconds", s.checkpoint_seconds, 0.1),
            ("positions_hours", s.positions_hours, 0.0),
            ("future_seconds", s.future_seconds, 0.0),
            ("ledger_seconds", s.ledger_seconds, 0.0),
            ("feed_idle_seconds", s.feed_idle_seconds, 0.0),
            ("max_pending_rows", s.max_pending_rows as f64, 1.0),
            ("snapshot_max_mb", s.snapshot_max_mb, 0.0),
        ] {
            if !(v.is_finite() && v >= min) {
                p(
                    0,
                    format!("watch.{field}"),
                    format!("must be a number >= {min}"),
                );
            }
        }
        let mut sinks: Vec<Sink> = Vec::new();
        for (i, entry) in file.sink.into_iter().enumerate() {
            let line = line_of(text, entry.span().start);
            let e = entry.into_inner();
            let field = |f: &str| format!("sink[{i}].{f}");
            if sinks.iter().any(|s| s.name == e.name) {
                p(line, field("name"), format!("duplicate sink {:?}", e.name));
            }
            if e.queue == 0 || e.max_attempts == 0 {
                p(
                    line,
                    field("queue"),
                    "queue and max_attempts must be at least 1".into(),
                );
            }
            if !(e.backoff_seconds >= 0.0 && e.timeout_seconds > 0.0) {
                p(
                    line,
                    field("timeout_seconds"),
                    "backoff_seconds >= 0 and timeout_seconds > 0".into(),
                );
            }
            let kind = match e.kind.as_str() {
                "webhook" => {
                    let url = e.url.clone().unwrap_or_default();
                    let plain = url.starts_with("http://");
                    if !(plain || (TLS && url.starts_with("https://"))) {
                        let need = if url.starts_with("https://") {
                            "https:// needs a build with the `tls` feature"
                        } else {
                            "needs an http:// or https:// URL"
                        };
                        p(line, field("url"), need.into());
                    }
                    let secret = match e.secret_file.as_deref() {
                        None => {
                            p(
                                line,
                                field("secret_file"),
                                "a webhook needs a secret_file (HMAC key)".into(),
                            );
                            String::new()
                        }
                        Some(f) => read_secret(&project.dir, f).unwrap_or_else(|m| {
                            p(line, field("secret_file"), m);
                            String::new()
                        }),
                    };
                    let ca = read_ca(&project.dir, e.ca_file.as_deref()).unwrap_or_else(|m| {
                        p(line, field("ca_file"), m);
                        None
                    });
                    SinkKind::Webhook {
                        url,
                        secret: secret.into_bytes(),
                        ca,
                    }
                }
                "email" => {
                    let server = e.server.clone().unwrap_or_default();
                    if let Err(m) = crate::sinks::smtp_target(&server) {
                        p(line, field("server"), m);
                    }
                    let from = e.from.clone().unwrap_or_default();
                    for (key, addr) in
                        std::iter::once(("from", &from)).chain(e.to.iter().map(|t| ("to", t)))
                    {
                        if addr.parse::<lettre::message::Mailbox>().is_err() {
                            p(
                                line,
                                field(key),
                                format!("{addr:?} is not an email address"),
                            );
                        }
                    }
                    if e.to.is_empty() {
                        p(line, field("to"), "no recipient".into());
                    }
                    let credentials = match (&e.username, &e.password_file) {
                        (None, None) => None,
                        (Some(u), Some(f)) => match read_secret(&project.dir, f) {
                            Ok(pw) => Some((u.clone(), pw)),
                            Err(m) => {
                                p(line, field("password_file"), m);
                                None
                            }
                        },
                        _ => {
                            p(
                                line,
                                field("username"),
                                "username and password_file go together".into(),
                            );
                            None
                        }
                    };
                    let ca = read_ca(&project.dir, e.ca_file.as_deref()).unwrap_or_else(|m| {
                        p(line, field("ca_file"), m);
                        None
                    });
                    if ca.is_some() && server.starts_with("smtp://") {
                        p(
                            line,
                            field("ca_file"),
                            "ca_file applies to smtp+starttls:// and smtps:// (TLS) only".into(),
                        );
                    }
                    SinkKind::Email {
                        server,
                        from,
                        to: e.to.clone(),
                        credentials,
                        ca,
                    }
                }
                other => {
                    p(
                        line,
                        field("type"),
                        format!("{other:?}: use \"webhook\" or \"email\""),
                    );
                    continue;
                }
            };
            sinks.push(Sink {
                name: e.name,
                kind,
                queue: e.queue.max(1),
                max_attempts: e.max_attempts.max(1),
                backoff: Duration::from_secs_f64(e.backoff_seconds.max(0.0)),
                timeout: Duration::from_secs_f64(e.timeout_seconds.max(0.001)),
            });
        }
        let mut rules: Vec<Rule> = Vec::new();
        for (i, entry) in file.rule.into_iter().enumerate() {
            let line = line_of(text, entry.span().start);
            let e = entry.into_inner();
            let field = |f: &str| format!("rule[{i}].{f}");
            if e.name.is_empty() || e.name.contains(['/', ' ']) {
                p(
                    line,
                    field("name"),
                    "a rule name is one word without '/' (it is part of alert ids)".into(),
                );
            }
            if rules.iter().any(|r| r.name == e.name) {
                p(line, field("name"), format!("duplicate rule {:?}", e.name));
            }
            let mut events = Vec::new();
            for name in &e.events {
                match EventType::from_name(name) {
                    Some(t) => events.push(t),
                    None => {
                        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                        p(
                            line,
                            field("events"),
                            format!("unknown event type {name:?} (one of {})", known.join(", ")),
                        );
                    }
                }
            }
            if e.events.is_empty() {
                p(line, field("events"), "no event type".into());
            }
            let vessels = match e.vessels {
                VesselsEntry::Kind(k) => match k.as_str() {
                    "any" => Vessels::Any,
                    "watchlist" => Vessels::Watchlist,
                    "sanctioned" => {
                        if project.sanctions.is_none() {
                            p(line, field("vessels"), "\"sanctioned\" needs a sanctions list (*.ftm.jsonl) in the project folder".into());
                        }
                        Vessels::Sanctioned
                    }
                    other => {
                        p(line, field("vessels"), format!("{other:?}: use \"any\", \"watchlist\", \"sanctioned\" or a list of MMSIs"));
                        Vessels::Any
                    }
                },
                VesselsEntry::Mmsi(list) if list.is_empty() => {
                    p(line, field("vessels"), "empty MMSI list".into());
                    Vessels::Mmsi(list)
                }
                VesselsEntry::Mmsi(list) => Vessels::Mmsi(list),
            };
            let mut areas = Vec::new();
            for name in &e.areas {
                match project.areas.all().iter().position(|a| &a.name == name) {
                    Some(i) => areas.push(i),
                    None => p(
                        line,
                        field("areas"),
                        format!("unknown area {name:?} (not in corridor.toml [[areas]])"),
                    ),
                }
            }
            if !(e.within_km.is_finite() && e.within_km >= 0.0) {
                p(line, field("within_km"), "must be >= 0".into());
            }
            if !(0.0..=1.0).contains(&e.min_confidence) {
                p(
                    line,
                    field("min_confidence"),
                    "must be between 0 and 1".into(),
                );
            }
            if !(e.quiet_minutes.is_finite() && e.quiet_minutes >= 0.0) {
                p(line, field("quiet_minutes"), "must be >= 0".into());
            }
            let mut rule_sinks = Vec::new();
            for name in &e.sinks {
                match sinks.iter().position(|s| &s.name == name) {
                    Some(i) => rule_sinks.push(i),
                    None => p(line, field("sinks"), format!("unknown sink {name:?} (not in [[sink]]; alerts.jsonl and the web UI always get every alert)")),
                }
            }
            rules.push(Rule {
                name: e.name,
                events,
                vessels,
                areas,
                within_km: e.within_km,
                min_confidence: e.min_confidence,
                quiet_ms: (e.quiet_minutes * 60_000.0) as i64,
                reasons: e.reasons,
                details: e.details,
                sinks: rule_sinks,
                line,
            });
        }
        if !problems.is_empty() {
            return Err(ProjectError(problems));
        }
        Ok(AlertsConfig {
            settings: file.watch,
            sinks,
            rules,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Project {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dprk-russia-simulated");
        Project::load(&dir).unwrap()
    }

    #[test]
    fn the_bundled_rules_load() {
        let c = AlertsConfig::load(&example()).unwrap();
        let names: Vec<&str> = c.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names[0], "dark-near-rajin");
        let rajin = &c.rules[0];
        assert_eq!(
            (rajin.vessels.clone(), rajin.within_km),
            (Vessels::Watchlist, 20.0)
        );
        assert_eq!(rajin.reasons, ["went_dark"]);
        assert_eq!(c.settings.lateness_seconds, 600.0);
    }

    #[test]
    fn problems_name_their_line_and_field() {
        let text = r#"
[watch]
lateness_seconds = -1

[[sink]]
name = "hook"
type = "webhook"
url = "ftp://example.org"

[[sink]]
name = "pager"
type = "pager"

[[rule]]
name = "bad/name"
events = ["gap", "went_dark"]
vessels = "friends"
areas = ["Atlantis"]
min_confidence = 2
sinks = ["hook", "nowhere"]
"#;
        let err = AlertsConfig::parse(text, &example()).unwrap_err();
        let got: Vec<(usize, &str)> = err.0.iter().map(|p| (p.line, p.field.as_str())).collect();
        for want in [
            (0, "watch.lateness_seconds"),
            (5, "sink[0].url"),
            (5, "sink[0].secret_file"),
            (10, "sink[1].type"),
            (14, "rule[0].name"),
            (14, "rule[0].events"),
            (14, "rule[0].vessels"),
            (14, "rule[0].areas"),
            (14, "rule[0].min_confidence"),
            (14, "rule[0].sinks"),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }
        assert!(
            err.to_string()
                .contains("alerts.toml:14: rule[0].areas: unknown area \"Atlantis\""),
            "{err}"
        );
        let syntax = AlertsConfig::parse("[[rule]]\nname = 3\n", &example()).unwrap_err();
        assert_eq!(syntax.0[0].line, 2, "{syntax}");
    }
}
