//! Exit status, decided in one place: 0 no finding at or above `--fail-on`, 1 findings, 2 usage or
//! input error (an input error wins over findings, as in ripgrep and Ruff).

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Findings,
    Error,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => true,
            FailOn::Never => false,
        }
    }
}

pub fn exit_status(diagnostics: &[Diagnostic], input_errors: usize, fail_on: FailOn) -> ExitStatus {
    if input_errors > 0 {
        ExitStatus::Error
    } else if diagnostics.iter().any(|d| fail_on.fails(d.severity)) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}
