//! Thresholds, each with its published source. Every field can be overridden from a TOML file
//! (`lookout events --config FILE`) whose keys are the field names, grouped in tables.
//! Sources are pinned in `docs/events.md`.

use serde::{Deserialize, Serialize};

/// All thresholds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Track segmentation.
    pub segment: SegmentConfig,
    /// Port visits.
    pub port_visit: PortVisitConfig,
    /// AIS gaps.
    pub gap: GapConfig,
    /// Encounters.
    pub encounter: EncounterConfig,
    /// Anchorages inferred from where vessels stop (keeps encounters out of ports).
    pub anchorage: AnchorageConfig,
    /// Loitering.
    pub loitering: LoiteringConfig,
    /// Draught and identity changes.
    pub statics: StaticsConfig,
    /// Spoofing.
    pub spoofing: SpoofingConfig,
    /// The reception model built from the data (stations, footprints, outages).
    pub reception: ReceptionConfig,
    /// GNSS interference areas.
    pub interference: InterferenceConfig,
    /// Identities that are not a ship's (invalid or placeholder MMSIs).
    pub identity: IdentityConfig,
    /// Area kinds treated as ports when an event must be "away from port" (encounter, loitering).
    pub port_kinds: Vec<String>,
    /// A vessel silent this many days is closed and forgotten (its open gap is reported), so
    /// memory follows the vessels active at once (Lookout choice).
    pub evict_idle_days: f64,
}

impl Config {
    /// Reads a TOML file; missing keys keep their defaults, unknown keys are an error.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// True if the area kind counts as a port.
    pub fn is_port_kind(&self, kind: &str) -> bool {
        self.port_kinds.iter().any(|k| k.eq_ignore_ascii_case(kind))
    }
}

/// Segmenter thresholds: GFW `gpsdio-segment` v3.0.0 `Matcher` defaults
/// (`gpsdio_segment/matcher.py`, pinned by `pipe-segment`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SegmentConfig {
    /// Hours without a point after which a segment closes (`max_hours = 24`).
    pub max_hours: f64,
    /// Largest allowed discrepancy speed, knots (`max_knots = 25`): a point farther than
    /// `hypot(hours, buffer_hours) * max_knots` nm from the dead-reckoned position starts or
    /// joins another segment.
    pub max_knots: f64,
    /// Time padding, hours (`buffer_hours = 0.25`).
    pub buffer_hours: f64,
    /// `alpha0 = max_knots / penalty_speed` in the match metric (`penalty_speed = 5`).
    pub penalty_speed: f64,
    /// Speeds at or below this, knots, count as stopped for dead reckoning
    /// (`discrepancy.py` `very_slow = 0.35`).
    pub very_slow_knots: f64,
    /// Segments with fewer points are "short" (`short_seg_threshold = 10`); a short segment
    /// that broke away from a track and then lost it again is noise or spoofing.
    pub short_seg_threshold: usize,
    /// Open segments kept per MMSI (`segmenter.py` `max_open_segments = 100`; fewer is enough
    /// here because closed-out noise segments are dropped at once).
    pub max_open_segments: usize,
    /// Match metric factor when a class A report meets a class B segment or the reverse
    /// (`transponder_mismatch_weight = 0.1`).
    pub transponder_mismatch_weight: f64,
    /// A segment that reports at the same time as the track it broke away from becomes a second
    /// ship on the MMSI (`shared_mmsi`) once it holds this many positions (GFW's
    /// `short_seg_threshold`: shorter overlapping segments are "overlapping and short", not a
    /// vessel) ...
    pub shared_min_positions: usize,
    /// ... and both have reported for this many hours at once (Lookout choice: a second ship
    /// keeps transmitting; a spoofed or mis-received burst does not).
    pub shared_min_hours: f64,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        Self {
            max_hours: 24.0,
            max_knots: 25.0,
            buffer_hours: 0.25,
            penalty_speed: 5.0,
            very_slow_knots: 0.35,
            short_seg_threshold: 10,
            max_open_segments: 8,
            transponder_mismatch_weight: 0.1,
            shared_min_positions: 10,
            shared_min_hours: 1.0,
        }
    }
}

/// Port-visit thresholds: GFW `anchorages_pipeline` `anchorage_cfg.yaml` and
/// `create_in_out_events.py` / `create_port_visits.py`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PortVisitConfig {
    /// Extra distance, km, beyond the area edge before a vessel has left (exit hysteresis:
    /// GFW enters at 3 km and exits at 4 km from an anchorage point, so 1 km).
    pub exit_buffer_km: f64,
    /// Stopped when speed <= this, knots (`stopped_begin_speed_knots = 0.2`).
    pub stopped_begin_knots: f64,
    /// No longer stopped when speed >= this, knots (`stopped_end_speed_knots = 0.5`).
    pub stopped_end_knots: f64,
    /// A silence in port at least this long counts as a port gap, minutes
    /// (`minimum_port_gap_duration_minutes = 240`).
    pub port_gap_minutes: f64,
    /// A silence in port at least this long, hours, ends the visit at the last position seen
    /// and starts a new one at the next (Lookout choice, at the "disabling" gap level: a ship
    /// dark that long may have sailed and come back, as the corridor's shuttles do).
    pub split_gap_hours: f64,
    /// Smallest confidence reported (published visits use >= 2: `port-visits-events-v2.sql.j2`).
    /// 4 = entry and exit + stop or gap; 3 = entry or exit + stop or gap; 2 = stop or gap only;
    /// 1 = entry/exit only.
    pub min_confidence: u8,
}

impl Default for PortVisitConfig {
    fn default() -> Self {
        Self {
            exit_buffer_km: 1.0,
            stopped_begin_knots: 0.2,
            stopped_end_knots: 0.5,
            port_gap_minutes: 240.0,
            split_gap_hours: 12.0,
            min_confidence: 2,
        }
    }
}

/// Gap thresholds: GFW `pipe-gaps` (`src/pipe_gaps/pipelines/detect/config.py`) and Welch et al.
/// 2022 (`AIS-disabling-high-seas/ais_disabling/config.py`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GapConfig {
    /// Minimum silence, hours (`min_gap_length = 6`, Welch `min_gap_hours = 6`).
    pub min_hours: f64,
    /// The stricter "disabling" level, hours (`GapDetector.THRESHOLD = 12`; Welch
    /// `gap_hours >= 12`): gaps at least this long get `details.disabling_length = true`.
    pub disabling_hours: f64,
    /// Optional offshore filter, nautical miles from land (Welch: 50 nm). 0 = off, the default:
    /// near-shore dark voyages are what Lookout exists to see.
    pub min_offshore_nm: f64,
    /// Positions counted in this many hours before the gap (`n_hours_before = 12`).
    pub hours_before: f64,
    /// Radius, km, within which an area is named as the gap's start or end area (Lookout
    /// choice: the 10 km "from port" distance of GFW encounters).
    pub near_area_km: f64,
    /// Reception cell size, degrees (Lookout choice: 0.25 deg, about 28 km, a few cells across
    /// a terrestrial receiver's range): the coverage hint and the vessels heard around a gap's
    /// ends are counted per cell and hour, over the 3 x 3 cells around a point.
    pub coverage_cell_deg: f64,
    /// Days of hourly reception kept (Lookout choice; longer gaps get a partial count).
    pub coverage_days: f64,
    /// Report gaps still open at the end of the data (`GapDetector.eval_open_gap`).
    pub open_gaps: bool,
    /// Reception around each end of a gap is judged over this many hours after its start and
    /// before its end (Lookout choice: a ship at 12 kn covers 44 km, under two coverage cells).
    pub reason_window_hours: f64,
    /// Distinct other vessels heard around an end in that window for it to count as received
    /// (the "others heard around both ends"; Welch et al. need > 10 positions a day in
    /// the reception raster where the gap starts).
    pub min_other_vessels: u32,
    /// A moving vessel whose course would have taken it out of the covered area within this
    /// many hours, plus `edge_probe_km`, left coverage (Lookout choice: a class A ship under way
    /// reports every 10 s, a class B every 30 s, so a quarter of an hour unheard inside
    /// coverage is not chance).
    pub exit_hours: f64,
    /// Reception fades over the last kilometres of a receiver's range, so the probe ahead
    /// along the last course reaches this much farther, km (Lookout choice).
    pub edge_probe_km: f64,
}

impl Default for GapConfig {
    fn default() -> Self {
        Self {
            min_hours: 6.0,
            disabling_hours: 12.0,
            min_offshore_nm: 0.0,
            hours_before: 12.0,
            near_area_km: 10.0,
            coverage_cell_deg: 0.25,
            coverage_days: 7.0,
            open_gaps: true,
            reason_window_hours: 2.0,
            min_other_vessels: 1,
            exit_hours: 0.25,
            edge_probe_km: 15.0,
        }
    }
}

/// Encounter thresholds: GFW `encounters_pipeline` and `pipe-events` `encounter-events.sql.j2`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EncounterConfig {
    /// Resampling step, minutes (`RESAMPLE_INCREMENT_MINUTES = 10`).
    pub resample_minutes: f64,
    /// No interpolation across silences longer than this, hours (`MAX_GAP_HOURS = 1`).
    pub max_gap_hours: f64,
    /// Largest distance between the two vessels, km (`max_encounter_dist_km = 0.5`).
    pub max_distance_km: f64,
    /// Minimum duration, hours (published events: > 7200 s).
    pub min_hours: f64,
    /// Median speed below this, knots (`median_speed_knots < 2`).
    pub max_median_knots: f64,
    /// Minimum distance from a port area and from an inferred anchorage, km
    /// (`min_distance_from_port_km = 10`; GFW docs: ">= 10 km from a coastal anchorage").
    pub min_port_distance_km: f64,
    /// Minimum distance from the coastline of the land polygons, km. GFW drops encounters whose
    /// `distance_from_shore_m` is null or <= 0 (on land); Natural Earth 1:10m puts berths on
    /// land or up to about 1 km offshore, so Lookout uses 1 km (Lookout choice).
    pub min_shore_km: f64,
    /// Without any port area (no `--areas`, or none of a port kind), the coastline stands in
    /// for GFW's coastal anchorages: encounters must be this far from it, km (GFW's
    /// `min_distance_from_port_km = 10`, measured from the coast instead). Applies where the
    /// land polygons reach.
    pub no_ports_min_shore_km: f64,
    /// Encounters of one pair closer than this are merged, hours
    /// (`min_hours_between_encounters = 4`).
    pub merge_hours: f64,
}

impl Default for EncounterConfig {
    fn default() -> Self {
        Self {
            resample_minutes: 10.0,
            max_gap_hours: 1.0,
            max_distance_km: 0.5,
            min_hours: 2.0,
            max_median_knots: 2.0,
            min_port_distance_km: 10.0,
            min_shore_km: 1.0,
            no_ports_min_shore_km: 10.0,
            merge_hours: 4.0,
        }
    }
}

/// Anchorages inferred from stationary vessels, after GFW `anchorages_pipeline`
/// (`anchorage_cfg.yaml`, `find_anchorage_points.py`): a vessel is stationary while it stays
/// within `stationary_max_km` of where it stopped for at least `stationary_min_hours`; a place
/// where enough vessels were stationary is an anchorage, and encounters must be
/// `encounter.min_port_distance_km` away from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnchorageConfig {
    /// Infer anchorages from the data (on by default; GFW always measures encounters against
    /// its inferred anchorages).
    pub infer: bool,
    /// Largest distance from where the vessel stopped, km
    /// (`stationary_period_max_distance_km = 0.5`).
    pub stationary_max_km: f64,
    /// Shortest stationary period, hours (`stationary_period_min_duration_minutes = 720`).
    pub stationary_min_hours: f64,
    /// Vessels other than the two that met, with a stationary period within
    /// `encounter.min_port_distance_km` of the encounter, that make it an anchorage (Lookout
    /// choice: GFW needs `min_unique_vessels_for_anchorage = 20` in one 0.5 km cell over
    /// years of global data; captures of days hold far fewer, and two ships meeting at sea
    /// have none).
    pub min_vessels: usize,
}

impl Default for AnchorageConfig {
    fn default() -> Self {
        Self {
            infer: true,
            stationary_max_km: 0.5,
            stationary_min_hours: 12.0,
            min_vessels: 5,
        }
    }
}

/// Loitering thresholds: GFW `pipe-loitering` and GFW documentation `files/loitering.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoiteringConfig {
    /// Hourly average implied speed below this, knots (`--slow-threshold 2`).
    pub max_knots: f64,
    /// Minimum duration, hours (GFW docs: "the minimum 2 hour threshold").
    pub min_hours: f64,
    /// Minimum distance from a port area, km (Lookout reading of "away from port": the
    /// encounter rule's 10 km).
    pub min_port_distance_km: f64,
    /// Minimum hour-weighted average distance from the coastline of the land polygons,
    /// nautical miles (GFW published loitering events, `pipe-events` `loitering-events.sql.j2`:
    /// `avg_distance_from_shore_nm >= minimum_distance_from_shore_nm`, 20 in
    /// `examples/run_loitering_events.sh`). 0 = off. Applied when no port area is given
    /// (the coast stands in for ports), or always with `shore_rule_with_areas`; only where the
    /// land polygons reach.
    pub min_shore_distance_nm: f64,
    /// Apply `min_shore_distance_nm` also when port areas are given (GFW's published table
    /// exactly). Off by default (Lookout choice): with areas the port rule keeps loitering out
    /// of ports, and coastal loitering, such as ship-to-ship transfers off a corridor port,
    /// stays visible.
    pub shore_rule_with_areas: bool,
    /// A silence this long ends a loitering run, hours (the gap threshold).
    pub max_silence_hours: f64,
}

impl Default for LoiteringConfig {
    fn default() -> Self {
        Self {
            max_knots: 2.0,
            min_hours: 2.0,
            min_port_distance_km: 10.0,
            min_shore_distance_nm: 20.0,
            shore_rule_with_areas: false,
            max_silence_hours: 6.0,
        }
    }
}

/// Static-report thresholds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StaticsConfig {
    /// Smallest draught change reported, metres (the AIS draught resolution, 0.1 m,
    /// ITU-R M.1371 message 5).
    pub min_draught_change_m: f64,
    /// MMSI handover without a shared IMO: a new MMSI whose first position is within this
    /// distance, km, of where another MMSI fell silent (Lookout choice), outside port areas and
    /// as far from the coast as an encounter must be ...
    pub handover_km: f64,
    /// ... and within this many minutes after it (Lookout choice).
    pub handover_minutes: f64,
    /// A new value must be reported this many times in a row before it counts (Lookout choice
    /// against one-off decoding errors; GFW's identity tables count values instead).
    pub confirm_reports: u32,
}

impl Default for StaticsConfig {
    fn default() -> Self {
        Self {
            min_draught_change_m: 0.1,
            handover_km: 2.0,
            handover_minutes: 60.0,
            confirm_reports: 2,
        }
    }
}

/// Spoofing thresholds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpoofingConfig {
    /// Minimum distance, km, between a rejected excursion and the track it broke away from
    /// (Lookout choice: keeps GPS glitches of a few hundred metres out).
    pub min_jump_km: f64,
    /// Distance from the coastline, km, beyond which a position on land is "well inland"
    /// (Lookout choice: Natural Earth 1:10m coastlines are generalised by a few km, and
    /// berths sit on reclaimed land).
    pub inland_tolerance_km: f64,
    /// Inland positions in a row before an inland episode is reported.
    pub min_inland_positions: usize,
    /// Positions of one MMSI from two stations at most this many minutes apart are compared
    /// (receiver cross-check; Lookout choice: a few reporting intervals of a slow class B).
    pub disagreement_minutes: f64,
    /// A circle or repeated pattern needs this many turns (Lookout choice: one turn is a
    /// manoeuvre; the spoofed circles reported near Shanghai and Point Reyes turn for hours).
    pub circle_min_turns: f64,
    /// ... at this mean speed or more, knots (Lookout choice: drifting and lying alongside are
    /// slower; the Point Reyes circles ran at 20 kn).
    pub circle_min_knots: f64,
    /// ... within this radius, km (Lookout choice: the reported rings are a few km across).
    pub circle_max_radius_km: f64,
    /// ... at least this radius, km (Lookout choice: tighter turns are a ship swinging at
    /// anchor or GPS noise).
    pub circle_min_radius_km: f64,
    /// Largest spread of the distances from the fitted centre (standard deviation / radius)
    /// for a circle (Lookout choice: a hexagon is 0.04, a square 0.10, so squares are
    /// patterns).
    pub circle_max_cv: f64,
    /// A repeated pattern returns to within this fraction of its extent one period later
    /// (Lookout choice).
    pub pattern_tolerance: f64,
    /// Positions are sampled at most this often for the circle and pattern tests, seconds.
    pub pattern_sample_seconds: f64,
    /// The streaming circle and pattern test of a track looks back this many hours (Lookout
    /// choice: the spoofed circles reported near Shanghai and Point Reyes turn for hours; was
    /// a constant, 6).
    pub pattern_window_hours: f64,
    /// The window keeps its samples sparser with age: a sample older than the track's newest
    /// by A stays only when it is at least A / `pattern_age_ratio` after the sample kept before
    /// it. The latest `pattern_age_ratio * pattern_sample_seconds` keep every sample, any
    /// tested stretch of length W (the whole window, its latest half, quarter, ...) has its
    /// samples at most W / `pattern_age_ratio` apart (22 minutes at the start of a 6-hour
    /// window, one minute in its last 16), and a track keeps at most about
    /// `R + R ln(window / (R * sample))` samples (R = this ratio): 68 for 6 hours of one-minute
    /// samples instead of 361, so the memory per track is bounded however long it reports.
    /// Lookout choice: a circle or pattern with two periods in a stretch has at least
    /// `R / 4` samples per period where its samples are sparsest; 0 = no thinning.
    pub pattern_age_ratio: f64,
    /// Positions repeated exactly while the reported speed is at least `frozen_min_knots`
    /// (GFW `msg_processor.py` drops them as duplicates) for at least this many minutes are a
    /// frozen position (Lookout choice) ...
    pub frozen_min_minutes: f64,
    /// ... knots.
    pub frozen_min_knots: f64,
    /// IMO numbers of scrapped or lost ships, in addition to the bundled list
    /// (`data/dead_ships.csv`): an MMSI reporting one is a `zombie`.
    pub dead_imos: Vec<u32>,
    /// Spoofing episodes of one MMSI this close in time are one event, minutes (Lookout choice).
    pub merge_minutes: f64,
    /// Stations whose receive times are a satellite's: a station name containing one of these
    /// (case-insensitive) is a satellite receiver. Satellite AIS stamps reports when they reach
    /// the ground or with the satellite's clock, so a vessel's reports can be minutes out of
    /// order (Spire's FAQ: messages of two satellites downloaded 15 minutes apart; GFW's
    /// satellite timing offsets). Defaults: the Gatehouse online-data field of exactEarth's
    /// satellite feed (`AIS_S`), `S-AIS`, exactEarth's exactView satellites in tag blocks
    /// (`rEV0`, `rEV1`), ORBCOMM (`ORBCOMM`) and the names `exactearth`, `satellite`.
    pub satellite_sources: Vec<String>,
    /// Receive-time uncertainty of a satellite station's position, minutes (Lookout choice
    /// after Spire's example of two satellites' downloads 15-20 minutes apart): a jump whose
    /// distance the vessel could sail (`segment.max_knots`) in the time between its positions
    /// plus this much for each satellite-timed end is feed timing, not spoofing. It is dropped
    /// as `jump_satellite_timing` (counted in the run's `dropped`). 0 = off.
    pub satellite_time_uncertainty_minutes: f64,
}

impl Default for SpoofingConfig {
    fn default() -> Self {
        Self {
            min_jump_km: 10.0,
            inland_tolerance_km: 5.0,
            min_inland_positions: 2,
            disagreement_minutes: 10.0,
            circle_min_turns: 2.0,
            circle_min_knots: 3.0,
            circle_max_radius_km: 20.0,
            circle_min_radius_km: 0.2,
            circle_max_cv: 0.08,
            pattern_tolerance: 0.1,
            pattern_sample_seconds: 60.0,
            pattern_window_hours: 6.0,
            pattern_age_ratio: 16.0,
            frozen_min_minutes: 30.0,
            frozen_min_knots: 1.0,
            dead_imos: Vec::new(),
            merge_minutes: 60.0,
            satellite_sources: [
                "AIS_S",
                "S-AIS",
                "rEV0",
                "rEV1",
                "ORBCOMM",
                "exactearth",
                "satellite",
            ]
            .map(String::from)
            .to_vec(),
            satellite_time_uncertainty_minutes: 30.0,
        }
    }
}

/// The reception model: per receiving station, where it hears vessels (its footprint) and
/// when it is active.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReceptionConfig {
    /// Footprint cell size, degrees (Lookout choice: 0.1 deg, about 11 km, so a 60 km
    /// receiver's edge is drawn to within a cell).
    pub footprint_cell_deg: f64,
    /// Station activity is counted per this many minutes (Lookout choice: a moored class A
    /// ship reports every 3 minutes, so a working station with ships in range hears some in
    /// every bucket).
    pub bucket_minutes: f64,
    /// Stations active in at least this fraction of buckets since first heard are continuous
    /// receivers whose footprints make the covered area (Lookout choice: satellite passes and
    /// occasional feeds are far below it).
    pub continuous_duty: f64,
    /// Feed-outage rule: a station that heard at least this many distinct vessels in the
    /// `outage_window_minutes` before falling silent had an outage (issue 15: "five or more
    /// unrelated vessels silent in the same window").
    pub outage_min_vessels: u32,
    /// See `outage_min_vessels`, minutes.
    pub outage_window_minutes: f64,
    /// A station silence shorter than this is not an outage, minutes (Lookout choice).
    pub outage_min_minutes: f64,
    /// A footprint cell counts for the out-of-range test once this many distinct vessels were
    /// heard there by the station (Lookout choice: one spoofed position must not extend it).
    pub footprint_min_vessels: u32,
    /// ... and those cells must hold at least this share of the station's positions, or the
    /// station has no footprint to test (Lookout choice: a terrestrial receiver hears most
    /// positions where ships pass again and again; a merged feed labelled as one station, such
    /// as AISdb's `43254` spanning the Pacific, hears each vessel in its own cell).
    pub footprint_min_share: f64,
    /// A position farther than this from every such cell of the station that heard it is out of
    /// its range, km (50 nm: GFW's documentation puts more than 99% of terrestrial AIS within
    /// 50 nm of the coast, where the receivers are).
    pub out_of_range_km: f64,
    /// Stations whose footprint is wider than this radius, km, are satellites or merged feeds:
    /// no out-of-range test (Lookout choice: terrestrial VHF reaches a few hundred km at most).
    pub max_station_radius_km: f64,
    /// A station's footprint is tested only once the data has run this many hours since the
    /// station was first heard (Lookout choice: minutes of traffic do not draw a receiver's
    /// range; ships reach its edge over hours, and VHF range changes with the weather through
    /// the day). Captures of minutes, such as DMA's 2010 stream, are not tested.
    pub footprint_min_hours: f64,
}

impl Default for ReceptionConfig {
    fn default() -> Self {
        Self {
            footprint_cell_deg: 0.1,
            bucket_minutes: 10.0,
            continuous_duty: 0.5,
            outage_min_vessels: 5,
            outage_window_minutes: 30.0,
            outage_min_minutes: 30.0,
            footprint_min_vessels: 3,
            footprint_min_share: 0.5,
            out_of_range_km: 92.6,
            max_station_radius_km: 500.0,
            footprint_min_hours: 24.0,
        }
    }
}

/// GNSS interference areas: simultaneous anomalies of many vessels in one place.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InterferenceConfig {
    /// Detect interference areas (and mark the events inside them).
    pub detect: bool,
    /// Anomaly onsets (spoofing episode starts, runs of "not available" positions, gap starts
    /// of vessels still heard) within this distance of each other, km ...
    pub radius_km: f64,
    /// ... and this many minutes, belong together (Lookout choice; the published AIS-based
    /// detectors cluster anomalies of several vessels in space and time: SeaSpoofFinder, Park et
    /// al. 2026) ...
    pub window_minutes: f64,
    /// ... and make an area when at least this many distinct vessels are affected (Lookout
    /// choice: one vessel is a fault, the Black Sea 2017 incident moved 20 or more at once).
    pub min_vessels: usize,
    /// The area's circle reaches this far beyond the affected vessels, km.
    pub margin_km: f64,
    /// A vessel whose static reports keep coming this long after its last position has no
    /// position fix, minutes (Lookout choice: a class A ship reports its position every 3
    /// minutes or more often, its static data every 6).
    pub no_position_minutes: f64,
}

impl Default for InterferenceConfig {
    fn default() -> Self {
        Self {
            detect: true,
            radius_km: 30.0,
            window_minutes: 60.0,
            min_vessels: 3,
            margin_km: 5.0,
            no_position_minutes: 30.0,
        }
    }
}

/// Identities that are not a ship's: their records make no vessel events
/// (`crates/lookout-events/src/identity.rs`, ITU-R M.585-9).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IdentityConfig {
    /// Skip MMSIs that are not a ship station's (ITU-R M.585-9 annex 1: nine digits, an
    /// allocated MID of 2xx-7xx first) or are placeholders: fewer than nine digits, one digit
    /// repeated (`111111111`), a MID followed by six zeros (the default of unconfigured
    /// transponders), a MID not in ITU's table, SAR aircraft, handhelds, SART/MOB/EPIRB, craft
    /// of a parent ship and aids to navigation (first digit 1, 8 or 9), and `placeholder_mmsis`.
    /// Each skipped MMSI is counted once per reason (`skipped_identities`).
    pub skip_invalid_mmsi: bool,
    /// MMSIs known to be placeholders (default `123456789`, `987654321`: sequences typed into
    /// unconfigured transponders).
    pub placeholder_mmsis: Vec<u32>,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        Self {
            skip_invalid_mmsi: true,
            placeholder_mmsis: vec![123_456_789, 987_654_321],
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            segment: SegmentConfig::default(),
            port_visit: PortVisitConfig::default(),
            gap: GapConfig::default(),
            encounter: EncounterConfig::default(),
            anchorage: AnchorageConfig::default(),
            loitering: LoiteringConfig::default(),
            statics: StaticsConfig::default(),
            spoofing: SpoofingConfig::default(),
            reception: ReceptionConfig::default(),
            interference: InterferenceConfig::default(),
            identity: IdentityConfig::default(),
            port_kinds: ["port", "anchorage", "naval"].map(String::from).to_vec(),
            evict_idle_days: 30.0,
        }
    }
}
