//! The `factlint` command line: argument parsing (clap) and the glue from inputs to sinks.
//!
//! Only this module and `main.rs` touch the process: stdout for reports, stderr for input events
//! and errors, and the exit status ([`exit`]).

pub mod exit;

pub mod config;
mod rules_text;

use crate::check::{CHECKS, by_code, module_doc, summary};
use crate::compare::pairs::{pair_globs, pair_paths};
use crate::compare::{Comparer, Options as CompareOptions};
use crate::diagnostic::Severity;
use crate::engine::{Engine, Selection};
use crate::gate::baseline::Baseline;
use crate::gate::changed::Changes;
use crate::gate::{fix, suppress};
use crate::report::facts::{FactsFormat, render_facts};
use crate::report::human::{render_error, render_findings};
use crate::report::{HumanStyle, OutputFormat, Sources, write as write_report};
use crate::rules::inline::run_inline_tests;
use crate::source::files::{Input, InputEvent, read_inputs, read_inputs_excluding};
use clap::{Parser, Subcommand, ValueEnum};
use config::Config;
use exit::{ExitStatus, FailOn, exit_status};
use rules_text::{failure_diagnostic, list_rules, show_rule};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
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
    /// Print the extracted fact table: entity, predicate, value, where, evidence, rule.
    Facts(FactsArgs),
    /// Compare a text with its translation (two files, or two directories whose files pair by
    /// relative path and stem): years, dates and numbers must agree (`translation-mismatch`).
    Compare(CompareArgs),
    /// Inspect and test the rule packs (shipped and from factlint.toml).
    Rules {
        #[command(subcommand)]
        action: RulesAction,
        /// Configuration file [default: the nearest factlint.toml upwards].
        #[arg(long, global = true, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Ignore any factlint.toml.
        #[arg(long, global = true)]
        no_config: bool,
    },
    /// Write a commented starter factlint.toml in the current directory (never overwrites).
    Init,
    /// Explain what a check does, with an example; without CODE, list the checks. Also explains
    /// `unused-suppression` (findings about `factlint: ignore` comments; not a check).
    Explain {
        /// A check code, e.g. `name-variant`.
        code: Option<String>,
    },
    /// Serve diagnostics, fixes and fact hovers to an editor (Language Server Protocol on
    /// stdio; see the README's "Editors" section).
    Lsp {
        /// Accepted for clients that always pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// List packs, predicates and patterns.
    List,
    /// Run every inline test of the shipped and user packs.
    Test,
    /// Show one pattern or predicate by id.
    Show { id: String },
}

#[derive(Debug, clap::Args)]
pub struct FactsArgs {
    /// Paths to read; `-` reads standard input.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FactsFormatArg,
    #[command(flatten)]
    pub settings: Settings,
}

/// Where rule packs and fact sheets come from (shared by `check` and `facts`).
#[derive(Debug, clap::Args)]
pub struct Settings {
    /// Configuration file [default: the nearest factlint.toml upwards].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any factlint.toml.
    #[arg(long)]
    pub no_config: bool,
    /// A reference fact sheet (repeatable), besides those of factlint.toml.
    #[arg(long = "facts", value_name = "FILE")]
    pub sheets: Vec<PathBuf>,
}

/// `factlint facts --format`: the command-line names of [`FactsFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FactsFormatArg {
    Table,
    Json,
    Jsonl,
    Csv,
}

impl From<FactsFormatArg> for FactsFormat {
    fn from(format: FactsFormatArg) -> Self {
        match format {
            FactsFormatArg::Table => FactsFormat::Table,
            FactsFormatArg::Json => FactsFormat::Json,
            FactsFormatArg::Jsonl => FactsFormat::Jsonl,
            FactsFormatArg::Csv => FactsFormat::Csv,
        }
    }
}

/// `factlint check --format`: the command-line names of [`OutputFormat`] (the sinks take the
/// report's own type, not the CLI's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Annotated snippets for a terminal.
    Human,
    /// The versioned factlint report (schema/report-v1.json).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the changed files).
    Github,
    /// JUnit XML: one test case per checked file.
    Junit,
}

impl From<FormatArg> for OutputFormat {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Human => OutputFormat::Human,
            FormatArg::Json => OutputFormat::Json,
            FormatArg::Sarif => OutputFormat::Sarif,
            FormatArg::Github => OutputFormat::Github,
            FormatArg::Junit => OutputFormat::Junit,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Paths to check; `-` reads standard input.
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Print a unified diff of the safe fixes instead of the report; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Apply the safe fixes to the files (the only option that writes to your files).
    #[arg(long)]
    pub fix: bool,
    /// Width of human output in columns [default: $COLUMNS, else 100].
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
    /// Checks to skip (repeatable), e.g. `--disable name-variant`.
    #[arg(long, value_name = "CODE")]
    pub disable: Vec<String>,
    #[command(flatten)]
    pub settings: Settings,
    /// Report only findings that are not in this baseline (see --write-baseline).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Write the findings to FILE as a baseline (JSON) and exit 0, reporting nothing.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings with a label on a line changed since this git revision (facts are
    /// still read from the whole text).
    #[arg(long, value_name = "GIT_REF")]
    pub changed_since: Option<String>,
    /// Print only the findings: no summary line, no notes, no baseline counts.
    #[arg(long, short)]
    pub quiet: bool,
    /// After the report, count the findings per code (human: stdout; other formats: stderr).
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The source text: a file, or a directory.
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// Its translation: a file, or a directory (files pair by relative path, else by folder and
    /// stem: `ch1.en.md` ~ `ch1.ar.md`).
    #[arg(value_name = "TRANSLATION")]
    pub translation: PathBuf,
    /// Also report values found in one version only (as warnings).
    #[arg(long)]
    pub report_missing: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Width of human output in columns [default: $COLUMNS, else 100].
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
    /// Print only the findings: no summary line, no notes.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Run a parsed command line, writing to the given streams.
///
/// A failed write to `stdout` (a full disk, a closed file) is an error, exit status 2, said on
/// `stderr`: a report cut short must not pass for a clean run. A broken pipe (the reader went
/// away, as `| head` does) stays quiet and keeps the status.
pub fn run(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let mut out = CheckedWriter::new(stdout);
    let status = match cli.command {
        Command::Check(args) => check(args, &mut out, stderr),
        Command::Facts(args) => facts(args, &mut out, stderr),
        Command::Compare(args) => compare(args, &mut out, stderr),
        Command::Rules {
            action,
            config,
            no_config,
        } => rules(&action, config.as_deref(), no_config, &mut out, stderr),
        Command::Init => init(&mut out, stderr),
        Command::Explain { code } => explain(code.as_deref(), &mut out, stderr),
        Command::Lsp { .. } => lsp(&mut out, stderr),
    };
    match out.finish() {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot write to standard output: {e}");
            ExitStatus::Error
        }
    }
}

/// `factlint lsp`: 0 after `shutdown` and `exit`, 2 when the client left without them.
fn lsp(stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    match crate::lsp::serve_stdio(stdout) {
        Ok(true) => ExitStatus::Success,
        Ok(false) => {
            let _ = writeln!(stderr, "error: the client left without asking for shutdown");
            ExitStatus::Error
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            ExitStatus::Error
        }
    }
}

/// A writer that remembers its first error (commands write with `let _ =`, and the error must
/// still decide the exit status); after an error it writes nothing more.
struct CheckedWriter<'a> {
    out: &'a mut dyn Write,
    failed: Option<std::io::Error>,
}

impl<'a> CheckedWriter<'a> {
    fn new(out: &'a mut dyn Write) -> Self {
        CheckedWriter { out, failed: None }
    }

    /// Flush, and the first error of all the writes.
    fn finish(mut self) -> std::io::Result<()> {
        let flushed = self.flush();
        match self.failed.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }

    fn record<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &result
            && self.failed.is_none()
        {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        result
    }

    fn earlier_failure(&self) -> Option<std::io::Error> {
        self.failed
            .as_ref()
            .map(|e| std::io::Error::new(e.kind(), e.to_string()))
    }
}

impl Write for CheckedWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(e) = self.earlier_failure() {
            return Err(e);
        }
        let written = self.out.write(buf);
        self.record(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(e) = self.earlier_failure() {
            return Err(e);
        }
        let flushed = self.out.flush();
        self.record(flushed)
    }
}

/// `factlint init`: the starter config in the working directory, unless one is there already.
fn init(stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let path = Path::new(config::FILE_NAME);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match file.and_then(|mut f| f.write_all(config::STARTER.as_bytes())) {
        Ok(()) => {
            let _ = writeln!(stdout, "wrote {}", config::FILE_NAME);
            ExitStatus::Success
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                stderr,
                "error: {} already exists; not overwriting it",
                config::FILE_NAME
            );
            ExitStatus::Error
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot write {}: {e}", config::FILE_NAME);
            ExitStatus::Error
        }
    }
}

fn check(args: CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    if let Some(unknown) = args.disable.iter().find(|c| !config::is_known_code(c)) {
        let _ = writeln!(
            stderr,
            "error: unknown check `{unknown}` (see `factlint explain`)"
        );
        return ExitStatus::Error;
    }
    let Some((engine, config)) = setup_with_config(
        args.settings.config.as_deref(),
        args.settings.no_config,
        &args.settings.sheets,
        stderr,
    ) else {
        return ExitStatus::Error;
    };
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
    };
    let changes = match &args.changed_since {
        Some(reference) => {
            let near = args
                .paths
                .iter()
                .find(|p| p.as_os_str() != "-")
                .map_or_else(|| PathBuf::from("."), PathBuf::clone);
            match Changes::since(reference, &near) {
                Ok(c) => Some(c),
                Err(e) => {
                    let _ = writeln!(stderr, "error: {e}");
                    return ExitStatus::Error;
                }
            }
        }
        None => None,
    };
    let disabled: Vec<String> = config
        .disable
        .iter()
        .chain(&args.disable)
        .cloned()
        .collect();
    let inputs = read_inputs_excluding(&args.paths, &config.exclude);
    if let Some(target) = &args.write_baseline
        && let Err(refusal) = baseline_target(target, &inputs.sources)
    {
        let _ = writeln!(stderr, "error: {refusal}");
        return ExitStatus::Error;
    }
    let selection = Selection {
        disabled: disabled.clone(),
    };
    let translations = if disabled.iter().any(|d| d == crate::compare::CODE) {
        Ok(Vec::new())
    } else {
        configured_translations(&config, &inputs.sources)
    };
    let translations = match translations {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
    };
    let run = engine.run(inputs.sources, Some(&selection));
    let (mut sources, mut diagnostics) = (run.sources, run.diagnostics);
    if !translations.is_empty() {
        match compare_pairs(
            &engine,
            &translations,
            CompareOptions::default(),
            &mut sources,
        ) {
            Ok(found) => {
                diagnostics.extend(found);
                crate::diagnostic::sort(&mut diagnostics);
            }
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                return ExitStatus::Error;
            }
        }
    }
    let events: Vec<InputEvent> = inputs.events.into_iter().chain(run.events).collect();
    let input_errors = report_events(&events, args.quiet, stderr);
    if input_errors > 0 {
        // No report, no baseline, no fixes from a run that could not read all it was given.
        let _ = writeln!(
            stderr,
            "error: {input_errors} input error(s); no report (the {} file(s) read were checked: {} finding(s))",
            sources.len(),
            diagnostics.len()
        );
        return ExitStatus::Error;
    }
    if args.diff || args.fix {
        if let Err(e) = sources.reload(cited(&diagnostics)) {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
        return fixes(&args, &diagnostics, &sources, stdout, stderr);
    }
    diagnostics = suppress::apply(diagnostics, &sources, &disabled, &config::is_known_code);
    for d in &mut diagnostics {
        if let Some(&severity) = config.severity.get(d.code) {
            d.severity = severity;
        }
    }
    if let Some(changes) = &changes {
        diagnostics = changes.filter(diagnostics, &sources);
    }
    if let Some(path) = &args.write_baseline {
        let written = std::fs::write(path, Baseline::of(&diagnostics).to_json());
        return match written {
            Ok(()) => {
                if !args.quiet {
                    let _ = writeln!(
                        stderr,
                        "wrote {} finding(s) to baseline {}",
                        diagnostics.len(),
                        path.display()
                    );
                }
                ExitStatus::Success
            }
            Err(e) => {
                let _ = writeln!(
                    stderr,
                    "error: cannot write baseline {}: {e}",
                    path.display()
                );
                ExitStatus::Error
            }
        };
    }
    if let Some(baseline) = &baseline {
        let (kept, outcome) = baseline.filter(diagnostics);
        diagnostics = kept;
        if !args.quiet {
            let _ = writeln!(
                stderr,
                "baseline: {} finding(s) suppressed, {} stale entr{} (matched nothing)",
                outcome.suppressed,
                outcome.stale,
                if outcome.stale == 1 { "y" } else { "ies" }
            );
        }
    }
    let style = human_style(args.color, args.width);
    let format = OutputFormat::from(args.format);
    if format == OutputFormat::Human
        && let Err(e) = sources.reload(cited(&diagnostics))
    {
        let _ = writeln!(stderr, "error: {e}");
        return ExitStatus::Error;
    }
    let _ = match format {
        OutputFormat::Human if args.quiet => {
            stdout.write_all(render_findings(&diagnostics, &sources, style).as_bytes())
        }
        format => write_report(format, &diagnostics, &sources, style, stdout),
    };
    if args.statistics {
        let table = statistics(&diagnostics);
        let _ = match format {
            OutputFormat::Human => stdout.write_all(table.as_bytes()),
            _ => stderr.write_all(table.as_bytes()),
        };
    }
    exit_status(&diagnostics, 0, args.fail_on)
}

fn human_style(color: Color, width: Option<usize>) -> HumanStyle {
    HumanStyle {
        color: match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
        width: width.unwrap_or_else(terminal_width),
    }
}

/// `factlint compare SOURCE TRANSLATION`: pair the files, compare each pair, one report.
fn compare(args: CompareArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let Some((engine, config)) = setup_with_config(
        args.settings.config.as_deref(),
        args.settings.no_config,
        &args.settings.sheets,
        stderr,
    ) else {
        return ExitStatus::Error;
    };
    let pairing = match pair_paths(&args.source, &args.translation) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
    };
    if !args.quiet {
        for file in &pairing.unpaired {
            let _ = writeln!(
                stderr,
                "note: {}: no counterpart in the other version; not compared",
                crate::source::files::display(file)
            );
        }
    }
    if pairing.pairs.is_empty() {
        let _ = writeln!(
            stderr,
            "error: no file of {} pairs with a file of {} (by relative path or stem)",
            args.source.display(),
            args.translation.display()
        );
        return ExitStatus::Error;
    }
    let comparer = match Comparer::new(&engine) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
    };
    let options = CompareOptions {
        report_missing: args.report_missing,
    };
    let mut sources = Sources::default();
    let pairs: Vec<(PathBuf, PathBuf)> = pairing
        .pairs
        .into_iter()
        .map(|p| (p.source, p.translation))
        .collect();
    let mut diagnostics = match compare_with(&comparer, &pairs, options, &mut sources) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Error;
        }
    };
    for d in &mut diagnostics {
        if let Some(&severity) = config.severity.get(d.code) {
            d.severity = severity;
        }
    }
    crate::diagnostic::sort(&mut diagnostics);
    let style = human_style(args.color, args.width);
    let format = OutputFormat::from(args.format);
    let _ = match format {
        OutputFormat::Human if args.quiet => {
            stdout.write_all(render_findings(&diagnostics, &sources, style).as_bytes())
        }
        format => write_report(format, &diagnostics, &sources, style, stdout),
    };
    exit_status(&diagnostics, 0, args.fail_on)
}

/// Compare each pair of files; their texts go into `sources` (kept, for every sink).
fn compare_with(
    comparer: &Comparer<'_>,
    pairs: &[(PathBuf, PathBuf)],
    options: CompareOptions,
    sources: &mut Sources,
) -> Result<Vec<crate::diagnostic::Diagnostic>, InputEvent> {
    let mut diagnostics = Vec::new();
    for (source, translation) in pairs {
        let source = Input::File(source.clone()).read()?;
        let translation = Input::File(translation.clone()).read()?;
        sources.insert(&source.path, &source.text);
        sources.insert(&translation.path, &translation.text);
        diagnostics.extend(comparer.compare(source, translation, options));
    }
    Ok(diagnostics)
}

/// [`compare_with`] for `factlint check`, building the comparer.
fn compare_pairs(
    engine: &Engine,
    pairs: &[(PathBuf, PathBuf)],
    options: CompareOptions,
    sources: &mut Sources,
) -> Result<Vec<crate::diagnostic::Diagnostic>, String> {
    let comparer = Comparer::new(engine)?;
    compare_with(&comparer, pairs, options, sources).map_err(|e| e.to_string())
}

/// The `[[translation]]` pairs of the configuration of which at least one file is among the
/// inputs, each file named as the inputs name it (so findings and the run's files agree).
fn configured_translations(
    config: &Config,
    inputs: &[Input],
) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    if config.translations.is_empty() {
        return Ok(Vec::new());
    }
    let checked: BTreeMap<PathBuf, PathBuf> = inputs
        .iter()
        .filter_map(Input::origin)
        .filter_map(|p| std::fs::canonicalize(&p).ok().map(|c| (c, p)))
        .collect();
    let as_checked = |p: &Path| {
        std::fs::canonicalize(p)
            .ok()
            .and_then(|c| checked.get(&c).cloned())
    };
    let mut out = Vec::new();
    for t in &config.translations {
        let pairing = pair_globs(&config.base, &t.source, &t.translation)?;
        for pair in pairing.pairs {
            let (s, tr) = (as_checked(&pair.source), as_checked(&pair.translation));
            if s.is_some() || tr.is_some() {
                out.push((s.unwrap_or(pair.source), tr.unwrap_or(pair.translation)));
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Why `--write-baseline` must not write to `target`: it is one of the files being checked, or
/// an existing file that is not a factlint baseline (a typo must not overwrite a document).
fn baseline_target(target: &Path, inputs: &[Input]) -> Result<(), String> {
    let shown = target.display();
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if let Ok(canonical) = std::fs::canonicalize(target) {
        let checked = inputs
            .iter()
            .filter_map(Input::origin)
            .any(|input| std::fs::canonicalize(input).is_ok_and(|c| c == canonical));
        if checked {
            return Err(format!(
                "--write-baseline {shown}: that file is being checked; refusing to overwrite it"
            ));
        }
    }
    match Baseline::load(target) {
        Ok(_) if meta.is_file() => Ok(()),
        _ => Err(format!(
            "--write-baseline {shown}: the file exists and is not a factlint baseline; refusing to \
             overwrite it (remove it first, or choose another name)"
        )),
    }
}

/// The files that diagnostics point into or fix, each once.
fn cited(diagnostics: &[crate::diagnostic::Diagnostic]) -> Vec<&str> {
    let mut files: Vec<&str> = diagnostics
        .iter()
        .flat_map(|d| {
            let labels = d.labels.iter().map(|l| l.file.as_str());
            labels.chain(d.fixes.iter().map(|f| f.file.as_str()))
        })
        .collect();
    files.sort_unstable();
    files.dedup();
    files
}

/// `--statistics`: one line per code, most frequent first: count, code, severity.
fn statistics(diagnostics: &[crate::diagnostic::Diagnostic]) -> String {
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry((d.code, d.severity)).or_default() += 1;
    }
    let mut rows: Vec<((&str, Severity), usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.iter()
        .map(|((code, severity), n)| format!("{n:>5}  {code:<20} {severity}\n"))
        .collect()
}

/// `--diff`: print what the fixes would change. `--fix`: write it, and say so on stderr.
fn fixes(
    args: &CheckArgs,
    diagnostics: &[crate::diagnostic::Diagnostic],
    sources: &Sources,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> ExitStatus {
    let mut changed = 0;
    let mut failed = false;
    for (file, fixes) in fix::fixes_by_file(diagnostics) {
        let Some(old) = sources.text(file) else {
            continue;
        };
        let (new, applied) = fix::apply(old, &fixes);
        if applied == 0 {
            continue;
        }
        changed += applied;
        if args.diff {
            let _ = stdout.write_all(fix::unified_diff(file, old, &new).as_bytes());
        } else if file == "-" {
            let _ = stdout.write_all(new.as_bytes());
        } else if let Err(e) = std::fs::write(sources.origin(file), &new) {
            let _ = writeln!(stderr, "error: {file}: cannot write fixes: {e}");
            failed = true;
        } else {
            let _ = writeln!(stderr, "fixed {applied} place(s) in {file}");
        }
    }
    if failed {
        ExitStatus::Error
    } else if args.diff && changed > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

/// Print input events to stderr (notes only unless `quiet`); the number of errors among them.
fn report_events(events: &[InputEvent], quiet: bool, stderr: &mut dyn Write) -> usize {
    let mut errors = 0;
    for event in events {
        errors += usize::from(event.is_error());
        let label = if event.is_error() { "error" } else { "note" };
        if event.is_error() || !quiet {
            let _ = writeln!(stderr, "{label}: {event}");
        }
    }
    errors
}

/// Configuration and engine, or the error printed and `None`.
fn setup(
    config: Option<&Path>,
    no_config: bool,
    sheets: &[PathBuf],
    stderr: &mut dyn Write,
) -> Option<Engine> {
    setup_with_config(config, no_config, sheets, stderr).map(|(engine, _)| engine)
}

/// Engine and the configuration it was built from, or the error printed and `None`.
fn setup_with_config(
    config: Option<&Path>,
    no_config: bool,
    sheets: &[PathBuf],
    stderr: &mut dyn Write,
) -> Option<(Engine, Config)> {
    let loaded = if no_config {
        Ok(Config::default())
    } else {
        Config::discover(config)
    };
    let config = match loaded {
        Ok(c) => c,
        Err(e) => {
            let _ = write!(stderr, "{}", render_error(&*e));
            return None;
        }
    };
    let files = config
        .user_packs()
        .and_then(|packs| Ok((packs, config.fact_sheets(sheets)?)));
    let (packs, sheets) = match files {
        Ok(f) => f,
        Err(e) => {
            let _ = write!(stderr, "{}", render_error(&*e));
            return None;
        }
    };
    match Engine::new(packs, &sheets) {
        Ok(engine) => Some((engine, config)),
        Err(e) => {
            let _ = write!(stderr, "{}", render_error(&e));
            None
        }
    }
}

fn facts(args: FactsArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let Some(engine) = setup(
        args.settings.config.as_deref(),
        args.settings.no_config,
        &args.settings.sheets,
        stderr,
    ) else {
        return ExitStatus::Error;
    };
    let inputs = read_inputs(&args.paths);
    let run = engine.run(inputs.sources, None);
    let events: Vec<InputEvent> = inputs.events.into_iter().chain(run.events).collect();
    let input_errors = report_events(&events, false, stderr);
    if input_errors > 0 {
        let _ = writeln!(
            stderr,
            "error: {input_errors} input error(s); no fact table (the {} file(s) read gave {} fact(s))",
            run.sources.len(),
            run.facts.len()
        );
        return ExitStatus::Error;
    }
    let _ = stdout.write_all(render_facts(args.format.into(), &run.facts, &run.sources).as_bytes());
    ExitStatus::Success
}

fn rules(
    action: &RulesAction,
    config: Option<&Path>,
    no_config: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> ExitStatus {
    let Some(engine) = setup(config, no_config, &[], stderr) else {
        return ExitStatus::Error;
    };
    match action {
        RulesAction::List => {
            let _ = stdout.write_all(list_rules(&engine.rules).as_bytes());
            ExitStatus::Success
        }
        RulesAction::Show { id } => match show_rule(&engine.rules, id) {
            Some(text) => {
                let _ = stdout.write_all(text.as_bytes());
                ExitStatus::Success
            }
            None => {
                let _ = writeln!(
                    stderr,
                    "error: no pattern or predicate `{id}` (see `factlint rules list`)"
                );
                ExitStatus::Error
            }
        },
        RulesAction::Test => {
            let report = run_inline_tests(
                &engine.rules,
                &engine.fact_extractor(),
                &engine.abbreviations,
            );
            for failure in &report.failures {
                let error = failure_diagnostic(&engine.rules, failure);
                let _ = write!(stderr, "{}", render_error(&error));
            }
            let _ = writeln!(
                stdout,
                "{} passed, {} failed",
                report.passed,
                report.failures.len()
            );
            if report.failures.is_empty() {
                ExitStatus::Success
            } else {
                ExitStatus::Findings
            }
        }
    }
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
                let _ = writeln!(stdout, "{:<16} {}", check.code(), summary(&doc));
            }
            ExitStatus::Success
        }
        Some(code) if code == suppress::CODE => {
            let _ = writeln!(stdout, "{}", module_doc(suppress::DOCUMENTATION));
            ExitStatus::Success
        }
        Some(code) => match by_code(code) {
            Some(check) => {
                let _ = writeln!(stdout, "{}", module_doc(check.documentation()));
                ExitStatus::Success
            }
            None => {
                let known: Vec<&str> = CHECKS
                    .iter()
                    .map(|c| c.code())
                    .chain([suppress::CODE])
                    .collect();
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
