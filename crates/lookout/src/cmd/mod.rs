//! One module per subcommand: each has an `Args` (clap) and a `run` function.

pub mod analyze;
pub mod claims;
pub mod decode;
pub mod events;
pub mod import;
pub mod ingest;
pub mod replay;
pub mod risk;
pub mod serve;
pub mod simulate;
pub mod track;
pub mod vessels;
pub mod watch;

/// Default of `--threads`: the cores this process may use.
pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
