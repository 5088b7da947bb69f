//! The `factlint` command line: argument parsing (clap) and the glue from inputs to sinks.
//!
//! Only this module and `main.rs` touch the process: stdout for reports, stderr for input events
//! and errors, and the exit status ([`exit`]).

pub mod exit;

use crate::check::{CHECKS, by_code, module_doc};
use crate::document::Document;
use crate::engine::{Engine, Selection};
use crate::report::{HumanStyle, OutputFormat, Sources, render};
use crate::source::files::read_inputs;
use clap::{Parser, Subcommand, ValueEnum};
use exit::{ExitStatus, FailOn, exit_status};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "A linter for facts in prose: one name spelled two ways, one event with two dates.",
    after_help = "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories (recursively, honouring .gitignore) or `-` (standard input).
    Check(CheckArgs),
    /// Explain what a check does, with an example; without CODE, list the checks.
    Explain {
        /// A check code, e.g. `name-variant`.
        code: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Paths to check; `-` reads standard input.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Width of human output in columns [default: $COLUMNS, else 100].
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
    /// Checks to skip (repeatable), e.g. `--disable name-variant`.
    #[arg(long, value_name = "CODE")]
    pub disable: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Run a parsed command line, writing to the given streams.
pub fn run(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    match cli.command {
        Command::Check(args) => check(args, stdout, stderr),
        Command::Explain { code } => explain(code.as_deref(), stdout, stderr),
    }
}

fn check(args: CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    if let Some(unknown) = args.disable.iter().find(|c| by_code(c).is_none()) {
        let _ = writeln!(
            stderr,
            "error: unknown check `{unknown}` (see `factlint explain`)"
        );
        return ExitStatus::Error;
    }
    let engine = match Engine::new() {
        Ok(engine) => engine,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
    };
    let inputs = read_inputs(&args.paths);
    let mut sources = Sources::default();
    for t in &inputs.texts {
        sources.insert(&t.path, &t.text);
    }
    let documents: Vec<Document> = inputs
        .texts
        .into_par_iter()
        .map(|t| Document::from_source(t, &engine.abbreviations))
        .collect();
    let diagnostics = engine.check(
        &documents,
        &Selection {
            disabled: args.disable.clone(),
        },
    );
    let style = HumanStyle {
        color: match args.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
        width: args.width.unwrap_or_else(terminal_width),
    };
    let _ = stdout.write_all(render(args.format, &diagnostics, &sources, style).as_bytes());
    let mut input_errors = 0;
    for event in &inputs.events {
        input_errors += usize::from(event.is_error());
        let label = if event.is_error() { "error" } else { "note" };
        let _ = writeln!(stderr, "{label}: {event}");
    }
    exit_status(&diagnostics, input_errors, args.fail_on)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn explain(code: Option<&str>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    match code {
        None => {
            for check in CHECKS {
                let doc = module_doc(check.documentation());
                let summary = doc
                    .lines()
                    .skip_while(|l| !l.starts_with("## What it does"))
                    .nth(1)
                    .unwrap_or("");
                let _ = writeln!(stdout, "{:<16} {summary}", check.code());
            }
            ExitStatus::Success
        }
        Some(code) => match by_code(code) {
            Some(check) => {
                let _ = writeln!(stdout, "{}", module_doc(check.documentation()));
                ExitStatus::Success
            }
            None => {
                let known: Vec<&str> = CHECKS.iter().map(|c| c.code()).collect();
                let _ = writeln!(
                    stderr,
                    "error: unknown check `{code}`; known checks: {}",
                    known.join(", ")
                );
                ExitStatus::Error
            }
        },
    }
}
