//! `factlint lsp` measured as an editor sees it: `bash bench/lsp.sh` (or
//! `cargo run --release --example lsp_bench -- target/release/factlint`).
//!
//! Starts the server on an empty workspace, opens the Arabic sample in it and prints:
//! 1. the time from `didOpen` of the sample to its `publishDiagnostics`: the first open right
//!    after `initialized` (cold: settings, workspace scan and dictionary still loading), then
//!    `LSP_BENCH_OPENS` (20) re-opens once the server is warm (min, median, max);
//! 2. the server's resident memory (VmRSS) over `LSP_BENCH_EDITS` (1,000) edits of the sample,
//!    each edit waiting for its diagnostics (so each one is analysed and checked);
//! 3. the time to answer a 50 MB document (a note, not a check) and the memory after it.
//!
//! Figures, not assertions: the exit status is 0 whatever they are. Linux only (reads /proc).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const SAMPLE: &str = "fixtures/000_767ff41110f38e2c.txt";

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(binary: &str, root: &std::path::Path) -> Server {
        let mut child = Command::new(binary)
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("factlint lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    match line.trim_end().strip_prefix("Content-Length: ") {
                        Some(n) => length = n.parse().unwrap_or(0),
                        None if line.trim_end().is_empty() => break,
                        None => {}
                    }
                }
                let mut body = vec![0; length];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice(&body) else {
                    return;
                };
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            next_id: 0,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("json");
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.stdin.write_all(header.as_bytes()).expect("write");
        self.stdin.write_all(&body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .incoming
                .recv_timeout(Duration::from_secs(300))
                .expect("the server answers");
            if matches(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        kb / 1024.0
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn open(server: &mut Server, uri: &str, version: i64, text: &str) -> Duration {
    let started = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
    );
    server.diagnostics(uri, version);
    started.elapsed()
}

fn main() {
    let binary = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/release/factlint".to_string());
    let setting = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (opens, edits) = (
        setting("LSP_BENCH_OPENS", 20),
        setting("LSP_BENCH_EDITS", 1000),
    );
    let text = std::fs::read_to_string(SAMPLE).expect("run from the repository root");
    let root = std::env::temp_dir().join(format!("factlint-lsp-bench-{}", std::process::id()));
    // The sample is opened as a buffer and is not on disk: closing it then leaves nothing to
    // read back, so each re-open measures one analysis and one check.
    std::fs::create_dir_all(&root).expect("workspace");
    let uri = format!("file://{}", root.join("sample.txt").display());
    let mut out = std::io::stdout().lock();

    let mut server = Server::start(&binary, &root);
    let root_uri = format!("file://{}", root.display());
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {},
            "workspaceFolders": [{"uri": root_uri, "name": "bench"}]}),
    );
    server.notify("initialized", json!({}));
    let cold = open(&mut server, &uri, 1, &text);
    let _ = writeln!(out, "sample: {} bytes ({SAMPLE})", text.len());
    let _ = writeln!(
        out,
        "didOpen → diagnostics, cold (just initialized): {:.1} ms",
        millis(cold)
    );

    let mut times = Vec::new();
    for version in 0..opens as i64 {
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        times.push(open(&mut server, &uri, 10 + version, &text));
    }
    times.sort();
    if let (Some(min), Some(max)) = (times.first(), times.last()) {
        let median = times[times.len() / 2];
        let _ = writeln!(
            out,
            "didOpen → diagnostics, warm ({opens} opens): min {:.1} ms, median {:.1} ms, max {:.1} ms",
            millis(*min),
            millis(median),
            millis(*max)
        );
    }

    let _ = writeln!(
        out,
        "\nedits  RSS MB  (each edit waits for its diagnostics)"
    );
    let _ = writeln!(out, "{:>5}  {:>6.1}", 0, server.rss_mb());
    let end = text.lines().next().map_or(0, |l| l.encode_utf16().count());
    let started = Instant::now();
    for edit in 1..=edits {
        let version = 1000 + edit as i64;
        // Type a letter at the end of the first line, then delete it: the text alternates.
        let change = if edit % 2 == 1 {
            json!({"range": {"start": {"line": 0, "character": end}, "end": {"line": 0, "character": end}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": 0, "character": end}, "end": {"line": 0, "character": end + 1}}, "text": ""})
        };
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        server.diagnostics(&uri, version);
        if [10, 100, 250, 500, 750, 1000].contains(&edit) || edit == edits {
            let _ = writeln!(out, "{edit:>5}  {:>6.1}", server.rss_mb());
        }
    }
    let per_edit = millis(started.elapsed()) / edits.max(1) as f64;
    let _ = writeln!(
        out,
        "{per_edit:.1} ms per edit, of which {} ms is the debounce",
        100
    );

    let big = "Ada Lovelace was born in 1815 in London. ".repeat(50_000_000 / 41);
    let big_uri = format!("file://{}", root.join("big.md").display());
    let started = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": big_uri, "languageId": "markdown", "version": 1, "text": big}}),
    );
    drop(big);
    let note = server.diagnostics(&big_uri, 1);
    let _ = writeln!(
        out,
        "\n50 MB document: answered in {:.0} ms ({}); RSS {:.1} MB",
        millis(started.elapsed()),
        note["params"]["diagnostics"][0]["code"],
        server.rss_mb()
    );

    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    let _ = server.child.wait();
    let _ = std::fs::remove_dir_all(&root);
}
