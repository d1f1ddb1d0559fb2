//! Hand-built cases: voyages across dark gaps, hidden legs and what clear and cloudy images say,
//! absences, claims comparisons, project validation; and a calibration check of the ledger's 90%
//! interval on simulated shuttles with known cargo and simulated imagery.

use std::path::Path;

use lookout_core::event::Event;
use lookout_core::event::EventType;
use lookout_core::geo::LatLon;
use lookout_core::provenance::Provenance;
use lookout_core::time::{parse_time, DAY_MS};
use lookout_core::truth::{Truth, TruthEvent, TruthVoyage};
use lookout_ledger::{build, compute, Ledger, Voyages};
use lookout_project::Project;
use lookout_sim::imagery::{self, ImageryModel};
use rand::{Rng, SeedableRng};

const CORRIDOR: &str = r#"
name = "test"
[ledger]
draws = 1000
sweeps = 150
burn_in = 60
[[areas]]
name = "Rajin"
kind = "port"
centre = [42.2333, 130.3]
radius_km = 4
[[areas]]
name = "Dunai"
kind = "naval"
centre = [42.8803, 132.3375]
radius_km = 3
[[areas]]
name = "Tumangang"
kind = "rail"
centre = [42.42, 130.60]
radius_km = 2
[[corridors]]
name = "sea"
mode = "sea"
origins = ["Rajin"]
destinations = ["Dunai"]
cycle_days = 12
[corridors.prior]
low = 100
central = 230
high = 350
[[watchlist]]
name = "ANGARA"
imo = 9179842
mmsi = [273900101]
flag = "RU"
"#;

const OBS_HEADER: &str = "time,site,kind,vessel,count,count_low,count_high,source,url,note\n";
const CLAIMS_HEADER: &str = "date,speaker,organization,quantity,quantity_low,quantity_high,qualifier,unit,period_start,period_end,route,statement_summary,source_url\n";

fn project(
    dir: &Path,
    corridor: &str,
    obs: &str,
    claims: &str,
) -> Result<Project, lookout_project::ProjectError> {
    std::fs::write(dir.join("corridor.toml"), corridor).unwrap();
    std::fs::write(dir.join("observations.csv"), format!("{OBS_HEADER}{obs}")).unwrap();
    std::fs::write(dir.join("claims.csv"), format!("{CLAIMS_HEADER}{claims}")).unwrap();
    Project::load(dir)
}

fn t(s: &str) -> i64 {
    parse_time(s).unwrap()
}

fn gap(from: &str, to: &str, a: &str, b: &str) -> Event {
    let mut e = Event::new(
        EventType::Gap,
        273_900_101,
        t(from),
        t(to),
        (42.23, 130.3),
        (42.88, 132.34),
    );
    e.area = Some(a.into());
    e.other_area = Some(b.into());
    e
}

#[test]
fn voyage_across_a_dark_gap() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path(), CORRIDOR, "", "").unwrap();
    let mut visit = Event::new(
        EventType::PortVisit,
        273_900_101,
        t("2023-09-01T00:00:00Z"),
        t("2023-09-04T00:00:00Z"),
        (42.23, 130.3),
        (42.23, 130.3),
    );
    visit.area = Some("Rajin".into());
    let g = gap(
        "2023-09-04T01:00:00Z",
        "2023-09-05T02:00:00Z",
        "Rajin",
        "Dunai",
    );
    let v = build(&p, &[visit.clone(), g.clone()]);
    let legs: Vec<_> = v.voyages.iter().filter(|v| v.is_observed()).collect();
    assert_eq!(legs.len(), 1, "{:?}", v.voyages);
    let leg = legs[0];
    assert_eq!(
        (leg.origin.as_str(), leg.destination.as_str()),
        ("Rajin", "Dunai")
    );
    assert_eq!(leg.vessel, "ANGARA");
    assert!(leg.evidence.contains(&g.event_id()) && leg.evidence.contains(&visit.event_id()));
    assert_eq!(leg.sources, "ais+dark_gap>dark_gap");
    // One day of evidence at Dunai, at the window's end: likely, not certain.
    assert!(leg.confidence() > 0.7 && leg.note.is_empty(), "{leg:?}");
    // Local traffic calling at the destination twice, a month apart: no hidden legs for it.
    let local: Vec<Event> = ["2023-09-01", "2023-10-01"]
        .iter()
        .map(|d| {
            let mut e = Event::new(
                EventType::PortVisit,
                273_000_555,
                t(d),
                t(d) + DAY_MS,
                (42.88, 132.34),
                (42.88, 132.34),
            );
            e.area = Some("Dunai".into());
            e
        })
        .collect();
    assert!(build(&p, &local).voyages.is_empty());
    // The same gap closed in one hour: 180 km straight line is no plausible transit.
    let fast = gap(
        "2023-09-04T01:00:00Z",
        "2023-09-04T02:00:00Z",
        "Rajin",
        "Dunai",
    );
    let v = build(&p, &[visit, fast]);
    let leg = v.voyages.iter().find(|v| v.is_observed()).unwrap();
    assert!(leg.note.starts_with("implausible"), "{}", leg.note);
    // Both ends fall on one day: the model cannot have the ship at both, so the leg is doubtful.
    assert!(leg.confidence() < 0.8, "{leg:?}");
}

/// Mean legs over the draws of the rows matching `keep`.
fn legs_where(v: &Voyages, l: &Ledger, keep: impl Fn(&lookout_ledger::Voyage) -> bool) -> f64 {
    v.voyages
        .iter()
        .zip(&l.entries)
        .filter(|(v, _)| keep(v))
        .map(|(_, e)| e.legs_mean)
        .sum()
}

#[test]
fn hidden_legs_between_two_destination_stays_unless_origin_was_watched() {
    let dir = tempfile::tempdir().unwrap();
    // ANGARA seen at Dunai on Sep 1 and on Sep 25: two 12-day cycles, two legs nobody saw.
    let seen = "2023-08-25T02:00:00Z,Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-09-01T02:00:00Z,Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-09-25T02:00:00Z,Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n";
    let p = project(dir.path(), CORRIDOR, seen, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    assert!(v.voyages[0].is_observed(), "{:?}", v.voyages);
    let hidden = legs_where(&v, &l, |x| !x.is_observed());
    assert!(hidden > 1.2 && hidden < 2.6, "{hidden}");
    assert!(
        l.totals[0].low > 100.0 && l.totals[0].central > 450.0,
        "{:?}",
        l.totals[0]
    );
    // Rajin imaged clear every day in between, ANGARA never there: it did not load again.
    let mut rows = seen.to_owned();
    for d in 2..25 {
        rows.push_str(&format!(
            "2023-09-{d:02}T02:00:00Z,Rajin,vessel_absent,,,,,Planet,,\n"
        ));
    }
    let p = project(dir.path(), CORRIDOR, &rows, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let hidden = legs_where(&v, &l, |x| !x.is_observed());
    assert!(hidden < 0.1, "{hidden}: {:?}", v.voyages);
    assert!(
        l.totals[0].high < 400.0,
        "only the observed leg: {:?}",
        l.totals[0]
    );
}

/// Daily passes over Rajin and Dunai from `from` for `days` days: `clear(day)` says whether the
/// pass was clear; a clear pass says the site was empty.
fn passes(from: &str, days: i64, clear: impl Fn(i64) -> bool) -> String {
    let fmt = lookout_core::time::format_time;
    let mut rows = String::new();
    for d in 0..days {
        let at = fmt(t(from) + d * DAY_MS);
        for site in ["Rajin", "Dunai"] {
            let kind = if clear(d) {
                "vessel_absent"
            } else {
                "site_not_visible"
            };
            rows.push_str(&format!("{at},{site},{kind},,,,,Planet,,\n"));
        }
    }
    rows
}

/// Rows seen at one (site, day) replace the pass of that day: `pass` rows at other sites and
/// days stay.
fn merge(pass: &str, seen: &str) -> String {
    let keys: Vec<(String, String)> = seen
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0][..10].to_owned(), f[1].to_owned())
        })
        .collect();
    let mut out: String = pass
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            !keys.contains(&(f[0][..10].to_owned(), f[1].to_owned()))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    out.push_str(seen);
    out
}

/// A ship imaged clear at every site for a month, never there, was away: no hidden legs.
#[test]
fn a_ship_imaged_clear_at_every_site_for_a_month_is_away() {
    let dir = tempfile::tempdir().unwrap();
    let seen = "2023-09-01T02:00:00Z,Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-09-03T02:00:00Z,Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-09-05T02:00:00Z,Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-09-08T02:00:00Z,Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-10-12T02:00:00Z,Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n";
    // Clear from Sep 10 to Oct 10, nobody looked on the other days.
    let obs = merge(&passes("2023-09-10", 31, |_| true), seen);
    let p = project(dir.path(), CORRIDOR, &obs, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let all = legs_where(&v, &l, |_| true);
    let hidden = legs_where(&v, &l, |x| !x.is_observed());
    assert!(
        hidden < 0.05 && (all - 1.0).abs() < 0.05,
        "{all} {hidden}: {:?}",
        v.voyages
    );
    // Without the clear images the month holds about two cycles.
    let p = project(dir.path(), CORRIDOR, seen, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let hidden = legs_where(&v, &l, |x| !x.is_observed());
    assert!(hidden > 1.0, "{hidden}");
}

/// A ship seen loading, then never again although the sites were imaged most days, made at
/// most one leg.
#[test]
fn a_ship_seen_loading_then_never_again_has_at_most_one_leg() {
    let dir = tempfile::tempdir().unwrap();
    let seen = "2023-09-01T02:00:00Z,Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n\
                2023-09-03T02:00:00Z,Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n";
    // Two clear days in three until the end of November.
    let obs = merge(&passes("2023-09-01", 91, |d| d % 3 != 2), seen);
    let corridor = CORRIDOR.replace(
        "[ledger]\n",
        "[ledger]\nperiod_start = 2023-09-01\nperiod_end = 2023-12-01\n",
    );
    let p = project(dir.path(), &corridor, &obs, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let legs = legs_where(&v, &l, |_| true);
    assert!(legs <= 1.0, "{legs}: {:?}", v.voyages);
    let weekly_high: f64 = l.weeks.iter().map(|w| w.legs.high).sum();
    assert!(weekly_high <= 1.0, "{weekly_high}");
}

/// Daily clear passes over Rajin and Dunai for `days` days from Sep 1, 2023, naming every
/// ship there (its deck counted on its first day at Dunai), or saying the site was empty; days
/// for which `cloudy` holds are not visible.
/// Stays: (vessel, site, first day, last day).
fn daily_images(
    stays: &[(&str, &str, i64, i64)],
    days: i64,
    cloudy: impl Fn(i64) -> bool,
) -> String {
    let fmt = lookout_core::time::format_time;
    let mut rows = String::new();
    for d in 0..days {
        let at = fmt(t("2023-09-01T02:00:00Z") + d * DAY_MS);
        for site in ["Rajin", "Dunai"] {
            let there: Vec<&str> = stays
                .iter()
                .filter(|s| s.1 == site && (s.2..=s.3).contains(&d))
                .map(|s| s.0)
                .collect();
            if cloudy(d) {
                rows.push_str(&format!("{at},{site},site_not_visible,,,,,Planet,,\n"));
            } else if there.is_empty() {
                rows.push_str(&format!("{at},{site},vessel_absent,,,,,Planet,,\n"));
            }
            for v in there.iter().filter(|_| !cloudy(d)) {
                // Its deck counted on the first day at Dunai (200 + 10 per cycle, +-10).
                let arrived = stays.iter().find(|s| s.0 == *v && s.1 == site && s.2 == d);
                match arrived.filter(|_| site == "Dunai") {
                    Some(_) => {
                        let n = 200 + 10 * (d / 12);
                        rows.push_str(&format!(
                            "{at},{site},containers_on_deck,{v},{n},{},{},Planet,,\n",
                            n - 10,
                            n + 10
                        ));
                    }
                    None => {
                        rows.push_str(&format!("{at},{site},vessel_at_berth,{v},,,,Planet,,\n"))
                    }
                }
            }
        }
    }
    rows
}

/// Two weeks of cloud over every site widen the interval: legs may hide in them.
#[test]
fn an_imagery_outage_widens_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let corridor = two_ships().replace(
        "[ledger]\n",
        "[ledger]\nperiod_start = 2023-09-01\nperiod_end = 2023-11-30\n",
    );
    // Two ships on 12-day cycles: 4 days loading, a day at sea, 6 days unloading, a day back.
    let mut stays = Vec::new();
    for (vessel, first) in [("ANGARA", 0), ("LADY R", 6)] {
        for k in 0..8 {
            let d = first + 12 * k;
            stays.push((vessel, "Rajin", d, d + 3));
            stays.push((vessel, "Dunai", d + 5, d + 10));
        }
    }
    // Variance of the number of legs over the draws, and the 90% range of the total cargo.
    let widths = |outage: bool| {
        let obs = daily_images(&stays, 90, |d| outage && (30..44).contains(&d));
        let p = project(dir.path(), &corridor, &obs, "").unwrap();
        let v = build(&p, &[]);
        let legs: Vec<f64> = v.draws.iter().map(|d| d.len() as f64).collect();
        let mean = legs.iter().sum::<f64>() / legs.len() as f64;
        let var = legs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / legs.len() as f64;
        let b = compute(&p, &v).totals[0];
        (var, b.high - b.low)
    };
    let (clear, cloudy) = (widths(false), widths(true));
    assert!(
        cloudy.0 > clear.0,
        "legs: clear {clear:?}, outage {cloudy:?}"
    );
    assert!(
        cloudy.1 > clear.1,
        "cargo: clear {clear:?}, outage {cloudy:?}"
    );
}

/// Three counted Rajin -> Dunai legs of 200 containers each (+-10), in September 2023: each
/// ship seen at Rajin on two days, then counted at Dunai and seen there the next day.
fn counted_legs() -> String {
    let mut rows = String::new();
    for (a, b) in [(1, 3), (13, 15), (25, 27)] {
        for d in [a - 1, a] {
            let day = lookout_core::time::format_time(t("2023-08-31T02:00:00Z") + d * DAY_MS);
            rows.push_str(&format!("{day},Rajin,vessel_at_berth,ANGARA,,,,Planet,,\n"));
        }
        rows.push_str(&format!(
            "2023-09-{b:02}T02:00:00Z,Dunai,containers_on_deck,ANGARA,200,190,210,Planet,,\n\
             2023-09-{:02}T02:00:00Z,Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n",
            b + 1
        ));
    }
    rows
}

#[test]
fn claims_compared_with_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let claims = "2023-10-01,A,Org,600,,,about,containers,2023-09,2023-09-27,sea:Rajin->Dunai,,\n\
                  2023-10-01,B,Org,1000,,,more_than,containers,2023-09,2023-09-27,sea:Rajin->Dunai,,\n\
                  2023-10-01,C,Org,100,,,up_to,containers,2023-09,2023-09-27,sea:Rajin->Dunai,,\n\
                  2023-10-01,D,Org,3,,,exactly,voyages,2023-09,2023-09-27,sea:Rajin->Dunai,,\n\
                  2023-10-01,E,Org,500,,,at_least,containers,2023-09,2023-12,sea:Rajin->Dunai,,\n\
                  2023-10-01,F,Org,73,,,about,railcars,2023-09,2023-09-27,rail:Tumangang<->Khasan,,\n\
                  2023-10-01,G,Org,10,,,about,containers,2022-01,2022-02,sea:Rajin->Dunai,,\n\
                  2023-10-01,H,Org,10,,,about,containers,2023-09,2023-09-27,sea:Nampo->Dunai,,\n\
                  2023-10-01,P,Pair,600,,,about,containers,2023-09,2023-09-27,all,,\n\
                  2023-10-01,P,Pair,150000,,,capacity_equivalent,artillery_shells,2023-09,2023-09-27,all,,\n";
    let p = project(dir.path(), CORRIDOR, &counted_legs(), claims).unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let total = l.totals[0];
    assert!(total.low > 540.0 && total.high < 660.0, "{total:?}");
    let c = &l.comparisons;
    let pos: Vec<&str> = c.iter().map(|c| c.position.as_str()).collect();
    assert_eq!(
        pos,
        [
            "within",
            "above",
            "below",
            "within",
            "below",
            "not_estimated",
            "outside_data",
            "route_not_watched",
            "within",
            "within"
        ]
    );
    assert_eq!(c[0].consistent, Some(true));
    assert_eq!(c[1].consistent, Some(false));
    assert_eq!(c[2].consistent, Some(false));
    assert!((c[0].ratio.unwrap() - 1.0).abs() < 0.05);
    // "at least 500 over Sep-Dec": the data cover Sep only (window = first to last sighting).
    assert!(c[4].coverage < 0.3 && c[4].note.contains("beyond the data"));
    assert_eq!(
        c[4].consistent,
        Some(true),
        "at least 500 and about 600 counted agree"
    );
    // The containers/shells pair of organization "Pair" implies 250 shells per container.
    let conv = l.conversion.as_ref().unwrap();
    assert_eq!((conv.low, conv.high), (250.0, 250.0));
    assert_eq!(c[9].metric, "converted");
    // Every voyage's cargo is traced to its count row.
    for (leg, e) in v
        .voyages
        .iter()
        .zip(&l.entries)
        .filter(|(v, _)| v.is_observed())
    {
        assert_eq!(e.basis.as_str(), "observed_count");
        assert!(leg.evidence.contains(&e.basis.evidence()[0]));
    }
}

#[test]
fn problems_name_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let obs = "2023-09-01,Rajin,vessel_at_berth,ANGARA,,,,,,\n\
               yesterday,Rajin,vessel_at_berth,ANGARA,,,,,,\n\
               2023-09-01,Atlantis,vessel_at_berth,,,,,,,\n\
               2023-09-01,Rajin,boats,,,,,,,\n\
               2023-09-01,Rajin,containers_on_deck,ANGARA,,,,,,\n\
               2023-09-01,Rajin,vessel_at_berth,NOBODY,,,,,,\n\
               2023-09-01,Rajin,containers_on_deck,ANGARA,20,30,40,,,\n";
    let claims =
        "2023-13,A,B,1,,,about,containers,,,all,,\n2023-10,A,B,1,,,roughly,containers,,,all,,\n";
    let err = project(dir.path(), CORRIDOR, obs, claims).unwrap_err();
    let text: Vec<String> = err.0.iter().map(ToString::to_string).collect();
    let expect = [
        "observations.csv:3: time:",
        "observations.csv:4: site: unknown area \"Atlantis\"",
        "observations.csv:5: kind: unknown kind \"boats\"",
        "observations.csv:6: count: a containers_on_deck row needs a count",
        "observations.csv:7: vessel: vessel \"NOBODY\" is not in the corridor.toml watchlist",
        "observations.csv:8: count_low:",
        "claims.csv:2: date:",
        "claims.csv:3: qualifier: unknown \"roughly\"",
    ];
    for e in expect {
        assert!(
            text.iter().any(|t| t.starts_with(e)),
            "missing {e:?} in {text:#?}"
        );
    }
    assert_eq!(text.len(), expect.len(), "{text:#?}");
    // corridor.toml: an unknown area in a corridor, with its line.
    let bad = CORRIDOR.replace("destinations = [\"Dunai\"]", "destinations = [\"Dunay\"]");
    let err = project(dir.path(), &bad, "", "").unwrap_err();
    assert_eq!(err.0.len(), 1);
    assert_eq!(
        err.0[0].to_string(),
        "corridor.toml:26: corridors[0].destinations: unknown area \"Dunay\" (not in [[areas]])"
    );
    // A prior outside its range is named.
    let bad = CORRIDOR.replace("[ledger]\n", "[ledger]\nabsence_chance = 1.5\n");
    let err = project(dir.path(), &bad, "", "").unwrap_err();
    assert_eq!(
        err.0[0].to_string(),
        "corridor.toml: ledger: absence_chance must lie strictly between 0 and 1"
    );
    let err = project(dir.path(), "name = 1\n", "", "").unwrap_err();
    assert!(
        err.0[0].to_string().starts_with("corridor.toml:1:"),
        "{}",
        err.0[0]
    );
}

/// Simulated shuttles (known cargo), simulated daily imagery, and the ledger: its 90% interval
/// must contain the true total in at least 90% of seeds.
#[test]
fn calibration_on_simulated_shuttles() {
    let start = t("2023-08-10");
    let days = 200;
    let mut hits = 0;
    let seeds = 20;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for seed in 0..seeds {
        let mut events = Vec::new();
        let mut voyages = Vec::new();
        for (vessel, lo, hi) in [("ANGARA", 180.0, 300.0), ("LADY R", 150.0, 280.0)] {
            let mut now = start + (rng.random::<f64>() * 5.0 * DAY_MS as f64) as i64;
            let end = start + days * DAY_MS;
            loop {
                let stay_o = ((2.5 + rng.random::<f64>() * 3.5) * DAY_MS as f64) as i64;
                let sail = (0.8 * DAY_MS as f64) as i64;
                let stay_d = ((4.0 + rng.random::<f64>() * 4.0) * DAY_MS as f64) as i64;
                if now + stay_o + 2 * sail + stay_d > end {
                    break;
                }
                let here = LatLon::new(0.0, 0.0);
                let visit = |area: &str, from: i64, to: i64| {
                    TruthEvent::new(EventType::PortVisit, vessel, 0, from, to, here, here)
                        .areas(Some(area), None)
                };
                events.push(visit("Rajin", now, now + stay_o));
                let depart = now + stay_o;
                let arrive = depart + sail;
                voyages.push(TruthVoyage {
                    voyage_id: String::new(),
                    vessel: vessel.into(),
                    mmsi: 0,
                    imo: 0,
                    origin: "Rajin".into(),
                    destination: "Dunai".into(),
                    depart_time: depart,
                    arrive_time: arrive,
                    cargo_containers: (lo + rng.random::<f64>() * (hi - lo)) as u32,
                    distance_km: 0.0,
                    ais_off_fraction: 1.0,
                    received_positions: 0,
                });
                events.push(visit("Dunai", arrive, arrive + stay_d));
                now = arrive + stay_d + sail;
            }
        }
        let truth = Truth {
            scenario: "shuttles".into(),
            seed,
            start_time: start,
            end_time: start + days * DAY_MS,
            areas: Vec::new(),
            vessels: Vec::new(),
            events,
            voyages,
            interference: Vec::new(),
            absences: Vec::new(),
            stats: Default::default(),
        };
        let model = ImageryModel {
            sites: vec!["Rajin".into(), "Dunai".into()],
            vessels: vec!["ANGARA".into(), "LADY R".into()],
            seed,
            ..Default::default()
        };
        let mut obs = Vec::new();
        imagery::simulate(&truth, &model, &mut obs).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let corridor = CORRIDOR
            .replace(
                "flag = \"RU\"\n",
                "flag = \"RU\"\n[[watchlist]]\nname = \"LADY R\"\n",
            )
            .replace(
                "[ledger]\n",
                "[ledger]\nperiod_start = 2023-08-10\nperiod_end = 2024-02-26\n",
            );
        std::fs::write(dir.path().join("corridor.toml"), corridor).unwrap();
        std::fs::write(dir.path().join("observations.csv"), obs).unwrap();
        let p = Project::load(dir.path()).unwrap();
        let vv = build(&p, &[]);
        let l = compute(&p, &vv);
        let names = |s: &str| vec![s.to_owned()];
        let truth_total = imagery::true_total(
            &truth,
            &names("Rajin"),
            &names("Dunai"),
            l.window.0,
            l.window.1,
        );
        if l.totals[0].contains(truth_total) {
            hits += 1;
        } else {
            eprintln!("seed {seed}: true {truth_total}, ledger {:?}", l.totals[0]);
        }
    }
    eprintln!("calibration: the 90% interval held the truth in {hits} of {seeds} seeds");
    assert!(
        hits * 10 >= seeds * 9,
        "90% interval held the truth in {hits} of {seeds} seeds"
    );
}

/// The corridor with a second watched ship, LADY R.
fn two_ships() -> String {
    CORRIDOR.replace(
        "flag = \"RU\"\n",
        "flag = \"RU\"\n[[watchlist]]\nname = \"LADY R\"\n",
    )
}

/// Rajin -> Dunai legs of `vessel`, 12 days apart from `first` (day of September 2023 or later,
/// as days since 2023-09-01), each with its deck count at Dunai when given.
fn legs(vessel: &str, first: i64, counts: &[Option<u32>]) -> String {
    let fmt = lookout_core::time::format_time;
    let mut rows = String::new();
    for (k, c) in counts.iter().enumerate() {
        let day = t("2023-09-01T02:00:00Z") + (first + 12 * k as i64) * DAY_MS;
        rows.push_str(&format!(
            "{},Rajin,vessel_at_berth,{vessel},,,,Planet,,\n",
            fmt(day)
        ));
        let at = fmt(day + 2 * DAY_MS);
        rows.push_str(&match c {
            Some(n) => format!(
                "{at},Dunai,containers_on_deck,{vessel},{n},{},{},Planet,,\n",
                n - 10,
                n + 10
            ),
            None => format!("{at},Dunai,vessel_at_berth,{vessel},,,,Planet,,\n"),
        });
    }
    rows
}

/// ANGARA: three counted legs (mean 250) and one uncounted; LADY R: four counted legs (mean 225).
fn angara_three_counts_lady_r_four() -> String {
    let mut obs = legs("ANGARA", 0, &[Some(240), Some(260), Some(250), None]);
    obs.push_str(&legs(
        "LADY R",
        5,
        &[Some(190), Some(260), Some(200), Some(250)],
    ));
    obs
}

/// A ship's few counts are pooled with the corridor's: with three counts (mean 250) and a
/// corridor whose ships differ less than their voyages do, its uncounted voyage is pulled
/// toward the corridor mean instead of taking the ship's own mean.
#[test]
fn few_counts_shrink_toward_the_corridor() {
    let dir = tempfile::tempdir().unwrap();
    let obs = angara_three_counts_lady_r_four();
    let p = project(dir.path(), &two_ships(), &obs, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let (leg, e) = v
        .voyages
        .iter()
        .zip(&l.entries)
        .find(|(v, _)| v.vessel == "ANGARA" && v.is_observed() && v.depart > t("2023-10-01"))
        .unwrap();
    assert_eq!(e.basis.as_str(), "pooled_ship_counts", "{leg:?}");
    // Its own counts first, then the corridor's.
    assert_eq!(e.basis.evidence().len(), 7);
    assert!(
        e.cargo.central > 232.0 && e.cargo.central < 248.0,
        "pulled from the ship's 250 toward the corridor's 235: {:?}",
        e.cargo
    );
    assert!(e.cargo.low < 200.0 && e.cargo.high > 270.0, "{:?}", e.cargo);
}

/// `selection_error` widens only what is inferred from other voyages' counts: the uncounted
/// voyage's interval grows with it, the counted voyages' do not move; a negative value is refused.
#[test]
fn selection_error_widens_inferred_voyages_only() {
    let dir = tempfile::tempdir().unwrap();
    let obs = angara_three_counts_lady_r_four();
    let with =
        |e: &str| two_ships().replace("[ledger]\n", &format!("[ledger]\nselection_error = {e}\n"));
    let widths = |e: &str| {
        let p = project(dir.path(), &with(e), &obs, "").unwrap();
        let v = build(&p, &[]);
        let l = compute(&p, &v);
        let width = |basis: &str| -> f64 {
            l.entries
                .iter()
                .filter(|x| x.basis.as_str() == basis)
                // The upper half: the lower end is 0 in the draws without the leg.
                .map(|x| x.cargo.high - x.cargo.central)
                .sum()
        };
        (width("pooled_ship_counts"), width("observed_count"))
    };
    let (pooled0, counted0) = widths("0.0");
    let (pooled2, counted2) = widths("0.2");
    assert!(pooled2 > pooled0 * 1.3, "{pooled0} -> {pooled2}");
    assert!(
        (counted2 - counted0).abs() < 0.05 * counted0,
        "{counted0} -> {counted2}"
    );
    let err = project(dir.path(), &with("-0.1"), &obs, "").unwrap_err();
    assert!(
        err.0[0].to_string().contains("selection_error >= 0"),
        "{}",
        err.0[0]
    );
}

/// A ship that stopped shuttling and lay at Dunai for weeks is not given a hidden cycle when
/// nobody identified it for 9 days; a clear image of Dunai without it brings the cycle back.
#[test]
fn a_parked_ship_gets_no_hidden_leg() {
    let dir = tempfile::tempdir().unwrap();
    let fmt = lookout_core::time::format_time;
    let mut obs = legs("ANGARA", 0, &[None, None, None]);
    // At Dunai from Sep 27 (the third leg's arrival) to Oct 20, seen every other day.
    let arrive = t("2023-09-27T02:00:00Z");
    for d in (2..=23).step_by(2) {
        obs.push_str(&format!(
            "{},Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n",
            fmt(arrive + d * DAY_MS)
        ));
    }
    // Clouds for nine days, then seen again, still at Dunai.
    obs.push_str(&format!(
        "{},Dunai,vessel_at_berth,ANGARA,,,,Planet,,\n",
        fmt(arrive + 32 * DAY_MS)
    ));
    // Hidden legs after the long stay began.
    let hidden = |obs: &str| {
        let p = project(dir.path(), CORRIDOR, obs, "").unwrap();
        let v = build(&p, &[]);
        let l = compute(&p, &v);
        legs_where(&v, &l, |x| !x.is_observed() && x.arrive > arrive)
    };
    let parked = hidden(&obs);
    assert!(parked < 0.25, "{parked}");
    // A clear image of Dunai without the ship in the nine days: it left, and may have made a
    // cycle.
    obs.push_str(&format!(
        "{},Dunai,vessel_absent,,,,,Planet,,\n",
        fmt(arrive + 28 * DAY_MS)
    ));
    let left = hidden(&obs);
    assert!(left > parked + 0.2, "{parked} -> {left}");
}

/// The sea corridor plus a rail corridor Tumangang -> Khasan counted in railcars.
fn with_rail() -> String {
    format!(
        "{CORRIDOR}\n[[areas]]\nname = \"Khasan\"\nkind = \"rail\"\ncentre = [42.43, 130.65]\nradius_km = 2\n\
         [[corridors]]\nname = \"rail\"\nmode = \"rail\"\norigins = [\"Tumangang\"]\ndestinations = [\"Khasan\"]\n\
         unit = \"railcars\"\ncycle_days = 2\n[corridors.prior]\nlow = 10\ncentral = 40\nhigh = 80\n"
    )
}

/// An identified train (on the watchlist, e.g. by its consist) counted in the Tumangang yard and
/// again at Khasan makes rail legs with railcar counts; a yard snapshot without a train does not.
#[test]
fn identified_trains_make_rail_legs() {
    let dir = tempfile::tempdir().unwrap();
    let corridor = format!("{}\n[[watchlist]]\nname = \"TRAIN 1\"\n", with_rail());
    let fmt = lookout_core::time::format_time;
    let mut obs = String::from("2023-10-01T02:00:00Z,Tumangang,railcars_in_yard,,73,,,Planet,,\n");
    let start = t("2023-10-02T02:00:00Z");
    for (k, cars) in [30, 34, 28].iter().enumerate() {
        let day = start + 2 * k as i64 * DAY_MS;
        for (site, at) in [("Tumangang", day), ("Khasan", day + DAY_MS)] {
            obs.push_str(&format!(
                "{},{site},railcars_in_yard,TRAIN 1,{cars},{},{},Planet,,\n",
                fmt(at),
                cars - 2,
                cars + 2
            ));
        }
    }
    let p = project(dir.path(), &corridor, &obs, "").unwrap();
    let v = build(&p, &[]);
    let l = compute(&p, &v);
    let rail: Vec<_> = v
        .voyages
        .iter()
        .zip(&l.entries)
        .filter(|(v, _)| {
            p.corridors[v.corridor].name == "rail" && v.is_observed() && v.confidence() > 0.5
        })
        .collect();
    assert_eq!(rail.len(), 3, "{:#?}", v.voyages);
    for (leg, e) in &rail {
        assert_eq!(leg.vessel, "TRAIN 1");
        assert_eq!(e.basis.as_str(), "observed_count");
        // Both counts of the load (the origin's and the destination's) are its evidence.
        assert_eq!(e.basis.evidence().len(), 2, "{leg:?}");
    }
    let total = l.totals[1];
    assert!(total.low > 85.0 && total.high < 99.0, "{total:?}");
    assert!(total.contains(92.0));
}

#[test]
fn a_corridor_without_voyages_reports_no_total() {
    let dir = tempfile::tempdir().unwrap();
    let rail = with_rail();
    // A yard snapshot is not a train: it gives the rail corridor no leg.
    let obs = "2023-10-05T02:00:00Z,Tumangang,railcars_in_yard,,73,,,Planet,,\n";
    let p = project(dir.path(), &rail, obs, "").unwrap();
    let g = gap(
        "2023-09-04T01:00:00Z",
        "2023-09-05T02:00:00Z",
        "Rajin",
        "Dunai",
    );
    let v = build(&p, &[g]);
    let l = compute(&p, &v);
    let mut report = lookout_report::Report {
        project: &p,
        voyages: &v,
        ledger: &l,
        events: &[],
        tracks: &[],
        ais: Some(Provenance::Real),
        risk: None,
    };
    let html = report.html();
    // Real AIS and real observations: no banner; the same with simulated AIS: the banner, first.
    assert!(!html.contains("simulated-banner"));
    report.ais = Some(Provenance::Simulated);
    let simulated = report.html();
    let banner = simulated.find("id=\"simulated-banner\"").expect("banner");
    assert!(banner < simulated.find("<h2>").unwrap());
    assert!(simulated[banner..].starts_with("id=\"simulated-banner\" role=\"alert\""));
    assert!(simulated.contains("Simulated: the AIS."), "{simulated}");
    // The headline opens the report; with every input real, the real-only total is the total
    // itself; with simulated AIS and no real-only ledger computed, it says so instead.
    assert!(html.find("id=\"headline\"") < html.find("<h2>Totals"));
    let sea = format!("<b>{:.0} containers</b>", l.totals[0].central);
    assert!(
        html.contains(&format!("from real evidence alone: {sea}")),
        "{html}"
    );
    assert!(html.contains("Nothing is simulated"));
    assert!(simulated.contains("the real-only total was not computed"));
    assert!(simulated.contains("a demonstration, not an estimate"));
    // The yard snapshot gives the rail corridor a yard estimate, shown in its own section.
    assert_eq!(l.yards.len(), 1);
    assert!(html.contains("<h2>Rail: rail (yard snapshots)</h2>"));
    // The allowance for counted decks not being a random sample is stated as an assumption.
    assert!(html.contains("4% spread (<code>selection_error</code>)"));
    // So is the state model's: absences and identification, with their settings.
    assert!(html.contains(
        "after unloading a ship leaves the corridor with probability 8% (after loading, laden, \
         1%) for 5 to 150 days"
    ));
    assert!(html.contains("identified with probability 85%"));
    let row = |name: &str| {
        let start = html.find(&format!("<tr><td>{name}</td>")).unwrap();
        html[start..start + html[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(
        row("rail").contains("no voyage seen or inferred"),
        "{}",
        row("rail")
    );
    assert!(!row("sea").contains("no voyage"), "{}", row("sea"));
}
