//! Builds the web UI (`web/`, npm + esbuild) into `$OUT_DIR/web` whenever its sources change,
//! and generates the table of embedded assets (`$OUT_DIR/assets.rs`). `npm ci` runs first when
//! `web/node_modules` is missing or older than `web/package-lock.json`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let web = manifest.join("../../web");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let dist = out.join("web");
    for p in [
        "src",
        "index.html",
        "package.json",
        "package-lock.json",
        "build.mjs",
    ] {
        println!("cargo:rerun-if-changed={}", web.join(p).display());
    }
    if stale(
        &web.join("node_modules/.package-lock.json"),
        &web.join("package-lock.json"),
    ) {
        npm(&web, &["ci", "--no-audit", "--no-fund"]);
    }
    npm(&web, &["run", "build", "--", &dist.to_string_lossy()]);
    let mut files = Vec::new();
    collect(&dist, &dist, &mut files);
    files.sort();
    let mut table = String::from(
        "/// Embedded web assets: (path, content type, bytes).\n\
         pub static ASSETS: &[(&str, &str, &[u8])] = &[\n",
    );
    for (rel, abs) in files {
        let mime = match abs.extension().and_then(|e| e.to_str()).unwrap_or("") {
            "html" => "text/html; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "json" => "application/json",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            _ => "application/octet-stream",
        };
        table.push_str(&format!(
            "    ({rel:?}, {mime:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    table.push_str("];\n");
    fs::write(out.join("assets.rs"), table).unwrap();
}

/// True when `installed` is missing or older than `lock`.
fn stale(installed: &Path, lock: &Path) -> bool {
    let time = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (time(installed), time(lock)) {
        (Some(i), Some(l)) => l > i,
        _ => true,
    }
}

fn npm(web: &Path, args: &[&str]) {
    let status = Command::new("npm").args(args).current_dir(web).status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!(
            "`npm {}` in {} failed ({s}): the web UI cannot be built",
            args.join(" "),
            web.display()
        ),
        Err(e) => panic!(
            "lookout-server embeds the web UI built with npm, and `npm` could not be run ({e}). \
             Install Node.js 18+ with npm (Debian: apt-get install nodejs npm)."
        ),
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, p));
        }
    }
}
