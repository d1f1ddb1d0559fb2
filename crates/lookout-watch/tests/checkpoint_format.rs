//! The checkpoint (`STATE/checkpoint.cbor`) is CBOR as `ciborium` writes it: the watch's own
//! encoder (`lookout_watch::cbor`, faster, used by the snapshot process) gives the same bytes
//! for a real engine and driver state, and what it wrote reads back.

mod common;

use lookout_events::Engine;
use lookout_watch::driver::DriverState;
use lookout_watch::state::Checkpoint;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkpoint_encoder_writes_what_ciborium_writes_for_a_watched_state() {
    let dir = tempfile::tempdir().unwrap();
    let (project, total) = common::rajin_project(dir.path());
    // Stopping writes a last checkpoint of the whole state.
    common::watch_to_end(&project, total).await;

    let file = std::fs::read(project.join("watch/checkpoint.cbor")).unwrap();
    let cp: Checkpoint<Engine, DriverState> = ciborium::from_reader(&file[..]).unwrap();
    assert!(
        cp.driver.vessels.len() > 10,
        "{} vessels",
        cp.driver.vessels.len()
    );
    let mut theirs = Vec::new();
    ciborium::into_writer(&cp, &mut theirs).unwrap();
    let mut ours = Vec::new();
    let n = lookout_watch::cbor::into_writer(&cp, &mut ours).unwrap();
    assert_eq!(n as usize, ours.len());
    assert_eq!(ours.len(), theirs.len());
    assert!(ours == theirs, "the same bytes as ciborium");
}
