//! A small LSP client for the tests: runs `factlint lsp` as a child process, speaks
//! `Content-Length` frames on its stdio, answers the server's own requests, and keeps every
//! message it received so that a test can wait for one and snapshot what it got.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy 2-core machine; a hang fails instead of blocking.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages received and not yet taken by a wait.
    pending: Vec<Value>,
    /// Replaced by `/WORKSPACE`, `/TMP` in snapshots.
    pub root: PathBuf,
    pub tmp: PathBuf,
}

impl Client {
    /// Start `factlint lsp` with `tmp` as its temporary directory (where it writes the explain
    /// pages it links to).
    pub fn start(root: &Path, tmp: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .current_dir(root)
            .env("TMPDIR", tmp)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("factlint lsp starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            pending: Vec::new(),
            root: root.to_path_buf(),
            tmp: tmp.to_path_buf(),
        }
    }

    /// `initialize` (with `capabilities`) and `initialized`; the initialize result.
    pub fn initialize(&mut self, capabilities: Value) -> Value {
        let root = self.uri("");
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "workspace"}],
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// The `file:` URI of a path under the workspace root.
    pub fn uri(&self, relative: &str) -> String {
        let path = if relative.is_empty() {
            self.root.clone()
        } else {
            self.root.join(relative)
        };
        format!("file://{}", path.display())
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("server reads");
        self.stdin.flush().expect("server reads");
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("json");
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (the whole message: `result` or `error`).
    pub fn request_message(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// Send a request and wait for its result.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_message(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The first message (received already or next) that `matches`; the server's requests
    /// are answered on the way.
    pub fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.pending.iter().position(&matches) {
            return self.pending.remove(at);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "no matching message in {TIMEOUT:?}; got {:#?}",
                        self.pending
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; got {:#?}", self.pending)
                }
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if matches(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The next diagnostics published for a document (by path under the root).
    pub fn diagnostics(&mut self, relative: &str) -> Value {
        let uri = self.uri(relative);
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    /// Open a document of the workspace with its text from disk.
    pub fn open(&mut self, relative: &str, language: &str) {
        let text = std::fs::read_to_string(self.root.join(relative)).expect("fixture");
        self.open_text(relative, language, &text);
    }

    pub fn open_text(&mut self, relative: &str, language: &str, text: &str) {
        let uri = self.uri(relative);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Messages received but not waited for, by method (notifications) — for assertions that
    /// something was (not) sent.
    pub fn drain(&mut self) -> Vec<Value> {
        while let Ok(message) = self.incoming.try_recv() {
            self.pending.push(message);
        }
        std::mem::take(&mut self.pending)
    }

    /// `shutdown`, `exit`, and the exit status of the server.
    pub fn shut_down(mut self) -> std::process::ExitStatus {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `value` for a snapshot: temporary paths replaced by `/WORKSPACE` and `/TMP`, and every
    /// range written `line:character-line:character` (0-based, as sent) to keep it readable.
    pub fn redact(&self, value: &Value) -> Value {
        let text = serde_json::to_string(value).expect("json");
        let tmp = self.tmp.display().to_string();
        let root = self.root.display().to_string();
        let text = text.replace(&root, "/WORKSPACE").replace(&tmp, "/TMP");
        compact_ranges(serde_json::from_str(&text).expect("json"))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn compact_ranges(value: Value) -> Value {
    let point = |p: &Value| Some(format!("{}:{}", p.get("line")?, p.get("character")?));
    match value {
        Value::Object(map) => {
            if map.len() == 2
                && let (Some(start), Some(end)) = (
                    map.get("start").and_then(point),
                    map.get("end").and_then(point),
                )
            {
                return Value::String(format!("{start}-{end}"));
            }
            Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, compact_ranges(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(compact_ranges).collect()),
        other => other,
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The byte offset of an LSP position in `text`, counting `character` in `encoding`
/// ("utf-8", "utf-16" or "utf-32"): computed here, independently of the server.
pub fn byte_offset(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut counted = 0;
    for (at, c) in text[start..].char_indices() {
        if counted >= character || c == '\n' {
            return start + at;
        }
        counted += match encoding {
            "utf-8" => c.len_utf8(),
            "utf-16" => c.len_utf16(),
            _ => 1,
        };
    }
    text.len()
}

/// The byte span of an LSP range in `text`.
pub fn byte_span(text: &str, range: &Value, encoding: &str) -> (usize, usize) {
    (
        byte_offset(text, &range["start"], encoding),
        byte_offset(text, &range["end"], encoding),
    )
}
