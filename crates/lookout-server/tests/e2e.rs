//! End-to-end browser checks: the dashboard served over the test project (simulated inputs)
//! and over the public-record example (none), driven in Debian's headless chromium by
//! `web/e2e/run.mjs` (playwright-core). Screenshots are written to
//! `target/e2e-screenshots/`. Needs `node` and `/usr/bin/chromium` (`.ci/run` installs them;
//! `CHROMIUM` names another binary).

mod common;

use std::path::Path;
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_in_chromium() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "the browser tests need chromium at {chromium} (Debian: apt-get install chromium; or set CHROMIUM)"
    );
    assert!(
        web.join("node_modules/playwright-core").exists(),
        "the browser tests need playwright-core: run `npm ci` in {}",
        web.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let (project, out) = common::fixture(dir.path());
    let base = common::start(&project, &out, Some("e2e-token")).await;
    // The public-record example: no simulated input, so no banner.
    let (public, public_out) = common::public_fixture(dir.path());
    let public_base = common::start(&public, &public_out, None).await;
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    let run = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg("e2e/run.mjs")
            .arg(&base)
            .arg("e2e-token")
            .arg(&shots)
            .arg(&public_base)
            .env("CHROMIUM", &chromium)
            .current_dir(&web)
            .output()
    })
    .await
    .unwrap()
    .expect("the browser tests need `node` (Node.js 18+) on the PATH");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    print!("{stdout}");
    assert!(
        run.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    // The observation was written to the project folder.
    let csv = std::fs::read_to_string(project.join("observations.csv")).unwrap();
    assert!(
        csv.contains(",ANGARA,900,,,e2e test,"),
        "row not in observations.csv"
    );
}
