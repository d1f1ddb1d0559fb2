//! `lookout claims extract PATH... [--format csv|jsonl] [--keep-off-topic]`: quantitative claims
//! from news texts (files, folders of `.txt` files, or `-` for stdin), in the `claims.csv`
//! columns (see `docs/ledger.md`), each row naming its file and sentence.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

/// Arguments of `lookout claims`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Find quantities, units, qualifiers, speakers, organizations, periods and routes in texts.
    Extract {
        /// News texts (UTF-8): files, folders (their `.txt` files, recursively), `-` for stdin.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Also write the rows the corridor rule marks `off_topic` (kept out by default).
        #[arg(long)]
        keep_off_topic: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Jsonl,
}

/// The `.txt` files of a folder, recursively, sorted; a file as itself.
fn text_files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            text_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// Runs `lookout claims`.
pub fn run(args: Args) -> Result<ExitCode> {
    let Action::Extract {
        paths,
        format,
        keep_off_topic,
    } = args.action;
    let mut files = Vec::new();
    let mut failed = 0;
    for p in &paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if let Err(e) = text_files(p, &mut files) {
            eprintln!("lookout claims: {}: cannot list: {e}", p.display());
            failed += 1;
        }
    }
    let mut rows = Vec::new();
    let mut off_topic = 0;
    let mut read = 0;
    for f in &files {
        let text = if f.as_os_str() == "-" {
            std::io::read_to_string(std::io::stdin())
        } else {
            std::fs::read_to_string(f)
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("lookout claims: {}: cannot read: {e}", f.display());
                failed += 1;
                continue;
            }
        };
        read += 1;
        let found = lookout_claims::extract_file(&text, &f.display().to_string());
        let n = found.len();
        for r in found {
            if lookout_claims::is_on_topic(&r) || keep_off_topic {
                rows.push(r);
            } else {
                off_topic += 1;
            }
        }
        eprintln!("lookout claims: {}: {n} claim(s)", f.display());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Csv => lookout_claims::write_csv(&rows, &mut out)?,
        Format::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                out.write_all(b"\n")?;
            }
        }
    }
    eprintln!(
        "lookout claims: {} claim(s) from {} file(s); {off_topic} off topic {}; {failed} unreadable",
        rows.len(),
        read,
        if keep_off_topic { "(kept, marked)" } else { "(left out; --keep-off-topic keeps them)" }
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
