//! Honest I/O: file names as the OS gives them, write errors, special files, size limits, exit 2
//! without a report, `--write-baseline` that cannot clobber a document, and errors headed by the
//! kind of file they are in (issue 16).

use assert_cmd::Command;
use predicates::str::contains;
use std::path::Path;

/// One weekday-mismatch finding (4 July 1826 was a Tuesday).
const WRONG_WEEKDAY: &str = "The presidents died on Wednesday, 4 July 1826.\n";

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factlint").expect("binary built");
    cmd.current_dir(dir).arg("check").arg("--no-config");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write fixture");
}

#[test]
fn a_backslash_in_a_file_name_is_kept_and_the_file_is_read_again_from_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    if std::fs::write(d.join("a\\b.md"), WRONG_WEEKDAY).is_err() {
        return; // a file system that does not allow it (Windows)
    }
    let out = bin(d)
        .args(["--format", "json", "a\\b.md"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["diagnostics"][0]["labels"][0]["file"], "a\\b.md");
    // The human report reads the file again, from its real name, even when `a/b.md` exists.
    std::fs::create_dir(d.join("a")).expect("mkdir");
    write(d, "a/b.md", "another text\n");
    bin(d)
        .args(["--color", "never", "a\\b.md"])
        .assert()
        .code(1)
        .stdout(contains("a\\b.md:1:"))
        .stderr(predicates::str::is_empty());
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read_and_shown_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.md");
    if std::fs::write(d.join(name), WRONG_WEEKDAY).is_err() {
        return; // a file system that insists on UTF-8 names
    }
    bin(d)
        .args(["--color", "never", "."])
        .assert()
        .code(1)
        .stdout(contains("bad\\xFF.md:1:"));
}

#[cfg(unix)]
#[test]
fn write_errors_are_errors_and_a_broken_pipe_is_quiet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "a.md", WRONG_WEEKDAY);
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let full = || full.try_clone().expect("dup /dev/full");
    for args in [
        vec!["check", "--no-config", "--format", "json", "a.md"],
        vec!["check", "--no-config", "a.md"],
        vec!["facts", "--no-config", "a.md"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
            .current_dir(d)
            .args(&args)
            .stdout(full())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
    // A reader that goes away: no message, and the run's own status.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(d)
        .args(["check", "--no-config", "--format", "json", "a.md"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_when_named_and_skipped_when_walked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "a.md", WRONG_WEEKDAY);
    if Path::new("/dev/zero").exists() {
        bin(d)
            .arg("/dev/zero")
            .timeout(std::time::Duration::from_secs(60))
            .assert()
            .code(2)
            .stdout(predicates::str::is_empty())
            .stderr(contains("/dev/zero: not a regular file (a device)"));
        for flag in ["--facts", "--baseline"] {
            bin(d)
                .args([flag, "/dev/zero", "a.md"])
                .timeout(std::time::Duration::from_secs(60))
                .assert()
                .code(2)
                .stderr(contains("not a regular file"));
        }
        Command::cargo_bin("factlint")
            .expect("binary built")
            .current_dir(d)
            .args(["check", "--config", "/dev/zero", "a.md"])
            .timeout(std::time::Duration::from_secs(60))
            .assert()
            .code(2)
            .stderr(contains("factlint::config"))
            .stderr(contains("not a regular file"));
    }
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    bin(d)
        .arg("pipe.md")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(contains("pipe.md: not a regular file (a FIFO)"));
    bin(d)
        .args(["--format", "json", "."])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(contains("pipe.md: skipped, not a regular file (a FIFO)"));
}

#[test]
fn an_input_error_prints_no_report_but_checks_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "a.md", WRONG_WEEKDAY);
    for format in ["human", "json"] {
        bin(d)
            .args(["--format", format, "a.md", "missing.md"])
            .assert()
            .code(2)
            .stdout(predicates::str::is_empty())
            .stderr(contains("missing.md: no such file or directory"))
            .stderr(contains("1 file(s) read were checked: 1 finding(s)"));
    }
    bin(d)
        .arg("missing.md")
        .assert()
        .code(2)
        .stdout(predicates::str::is_empty());
    Command::cargo_bin("factlint")
        .expect("binary built")
        .current_dir(d)
        .args(["facts", "--no-config", "a.md", "missing.md"])
        .assert()
        .code(2)
        .stdout(predicates::str::is_empty());
}

#[cfg(unix)]
#[test]
fn a_looping_symlink_says_why_it_cannot_be_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::os::unix::fs::symlink("loop.md", d.join("loop.md")).expect("symlink");
    let out = bin(d).arg("loop.md").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loop.md:"), "{stderr}");
    assert!(!stderr.contains("no such file"), "{stderr}");
}

#[test]
fn write_baseline_never_overwrites_a_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "a.md", WRONG_WEEKDAY);
    write(d, "notes.txt", "my notes\n");
    bin(d)
        .args(["--write-baseline", "a.md", "a.md"])
        .assert()
        .code(2)
        .stderr(contains("being checked"));
    assert_eq!(
        std::fs::read_to_string(d.join("a.md")).expect("a.md"),
        WRONG_WEEKDAY
    );
    bin(d)
        .args(["--write-baseline", "notes.txt", "a.md"])
        .assert()
        .code(2)
        .stderr(contains("not a factlint baseline"));
    assert_eq!(
        std::fs::read_to_string(d.join("notes.txt")).expect("notes"),
        "my notes\n"
    );
    // A new file, then the same file again (a baseline may be rewritten).
    for _ in 0..2 {
        bin(d)
            .args(["--write-baseline", "base.json", "a.md"])
            .assert()
            .code(0);
    }
    bin(d)
        .args(["--baseline", "base.json", "a.md"])
        .assert()
        .code(0);
}

#[test]
fn sheet_and_config_errors_are_headed_by_their_kind_of_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(d, "a.md", WRONG_WEEKDAY);
    write(d, "sheet.toml", "[[fact]]\nsubject = 1\n");
    let out = bin(d)
        .args(["--facts", "sheet.toml", "a.md"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("factlint::sheet"), "{stderr}");
    assert!(!stderr.contains("factlint::rules::pack"), "{stderr}");
    // A sheet that is not there, without a config file: no empty placeholder in the help.
    let out = bin(d)
        .args(["--facts", "none.toml", "a.md"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("given with --facts"), "{stderr}");
    assert!(!stderr.contains(" of  "), "{stderr}");
    // An empty path in factlint.toml points at the entry.
    write(d, "factlint.toml", "packs = [\"\"]\n");
    let out = Command::cargo_bin("factlint")
        .expect("binary built")
        .current_dir(d)
        .args(["check", "a.md"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("factlint::config"), "{stderr}");
    assert!(stderr.contains("an empty path"), "{stderr}");
    assert!(!stderr.contains("Is a directory"), "{stderr}");
}

#[test]
fn a_byte_order_mark_counts_as_one_character_and_a_first_line_heading_stays_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "bom.md",
        &format!("\u{FEFF}# 4 July 1826\n\n{WRONG_WEEKDAY}"),
    );
    write(d, "bom.txt", &format!("\u{FEFF}{WRONG_WEEKDAY}"));
    for (name, line, column) in [("bom.md", 3, 24), ("bom.txt", 1, 25)] {
        let out = bin(d)
            .args(["--format", "json", name])
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let label = &report["diagnostics"][0]["labels"][0];
        assert_eq!(label["text"], "Wednesday", "{name}");
        assert_eq!(
            (label["line"].clone(), label["column"].clone()),
            (line.into(), column.into()),
            "{name}"
        );
    }
}
