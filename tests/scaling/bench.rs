//! The scaling benchmark of issue 16 (not a test: nothing here is asserted, and `cargo test`
//! does not run it). Each input shape of `tests/common/shapes.rs` is generated at doubling sizes
//! and checked by the release binary; the table gives the time, the growth ratio to the previous
//! size (≤ 2.3 is linear within noise) and peak RSS (from `/usr/bin/time`, when installed).
//!
//! ```sh
//! cargo bench --bench scaling                          # 0.3 → 10 MB, every shape
//! SCALING_FROM_KB=100 SCALING_TO_MB=1 SCALING_SHAPES=long-token,digit-run cargo bench --bench scaling
//! ```
//!
//! A run longer than `SCALING_TIMEOUT_S` (60) is stopped and ends that shape's row.

// A benchmark prints its table: stdout is its only output.
#![allow(clippy::print_stdout)]

#[path = "../common/shapes.rs"]
mod shapes;

use shapes::{SHAPES, Shape, count_for};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_f64(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Wall seconds and peak RSS (MB) of one `factlint check`, or `None` past the timeout.
fn measure(file: &Path, timeout: Duration) -> Option<(f64, Option<f64>)> {
    let binary = env!("CARGO_BIN_EXE_factlint");
    let time = Path::new("/usr/bin/time");
    let rss_file = file.with_extension("rss");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(binary);
        c
    } else {
        Command::new(binary)
    };
    command
        .args([
            "check",
            "--no-config",
            "--fail-on",
            "never",
            "--color",
            "never",
        ])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let mut child = command.spawn().ok()?;
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let seconds = start.elapsed().as_secs_f64();
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last()?.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    Some((seconds, rss))
}

fn row(shape: &Shape, dir: &Path, from: f64, to: f64, timeout: Duration) {
    let mut previous: Option<f64> = None;
    let mut bytes = from;
    while bytes <= to * 1.0001 {
        let n = count_for(shape, bytes as usize);
        let text = (shape.text)(n);
        let file = dir.join(shape.file_name());
        std::fs::write(&file, &text).expect("write input");
        let size_mb = text.len() as f64 / 1e6;
        drop(text);
        match measure(&file, timeout) {
            Some((seconds, rss)) => {
                let ratio = previous.map_or("–".to_string(), |p| format!("{:.2}", seconds / p));
                let rss = rss.map_or("–".to_string(), |r| format!("{r:.0}"));
                println!(
                    "| {} | {size_mb:.2} | {seconds:.2} | {ratio} | {rss} |",
                    shape.name
                );
                previous = Some(seconds);
            }
            None => {
                println!(
                    "| {} | {size_mb:.2} | > {} | – | – |",
                    shape.name,
                    timeout.as_secs()
                );
                break;
            }
        }
        let _ = std::io::stdout().flush();
        bytes *= 2.0;
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the command line.
    let from = env_f64("SCALING_FROM_KB", 312.5) * 1000.0;
    let to = env_f64("SCALING_TO_MB", 10.0) * 1e6;
    let timeout = Duration::from_secs_f64(env_f64("SCALING_TIMEOUT_S", 60.0));
    let only = std::env::var("SCALING_SHAPES").ok();
    let dir = tempfile::tempdir().expect("tempdir");
    println!("| shape | input MB | s | × previous | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|");
    for shape in SHAPES {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|s| s == shape.name))
        {
            continue;
        }
        row(shape, dir.path(), from, to, timeout);
    }
}
