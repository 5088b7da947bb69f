//! `factlint lsp` driven over stdio as an editor would: initialize, open, change, code actions,
//! hover, shutdown; the messages it sends are snapshotted. Positions are checked in every
//! encoding against text computed here, and bad input must leave the server answering.

mod lsp_client;

use lsp_client::{Client, byte_span};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

const SAMPLE: &str = "fixtures/000_767ff41110f38e2c.txt";

/// A workspace in a temporary directory, and another for the server's temporary files.
struct Workspace {
    root: tempfile::TempDir,
    tmp: tempfile::TempDir,
}

impl Workspace {
    fn new(files: &[(&str, &str)]) -> Workspace {
        let root = tempfile::tempdir().expect("tempdir");
        for (name, text) in files {
            let path = root.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        Workspace {
            root,
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn client(&self) -> Client {
        Client::start(self.root.path(), self.tmp.path())
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.root.path().join(name), text).expect("write");
    }

    fn path(&self, name: &str) -> String {
        self.root.path().join(name).display().to_string()
    }
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture")
}

/// The first diagnostic with `code` in a publishDiagnostics.
fn with_code<'p>(published: &'p Value, code: &str) -> &'p Value {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {published:#}"))
}

#[test]
fn english_session_diagnostics_actions_hover_across_files() {
    let notes = "# Notes\n\nAda Lovelace was born in 1817, a footnote claims.\n";
    let ws = Workspace::new(&[
        (
            "dates.md",
            &fixture("tests/fixtures/date-conflict/english.md"),
        ),
        (
            "weekday.md",
            &fixture("tests/fixtures/weekday-mismatch/english.md"),
        ),
        ("notes/closed.md", notes),
    ]);
    let mut client = ws.client();
    let mut transcript = Vec::new();
    let init = client.initialize(json!({
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
    }));
    transcript.push(json!({"initialize": init}));
    let registration = client.wait(|m| m["method"] == "client/registerCapability");
    transcript.push(json!({"registerCapability": registration["params"]}));

    client.open("dates.md", "markdown");
    let dates = client.diagnostics("dates.md");
    transcript.push(json!({"didOpen dates.md": dates}));
    // The conflict reaches into the closed file: related information points there.
    let related = dates["diagnostics"].to_string();
    assert!(related.contains("notes/closed.md"), "{dates:#}");

    client.open("weekday.md", "markdown");
    let weekday = client.diagnostics("weekday.md");
    transcript.push(json!({"didOpen weekday.md": weekday}));

    let wednesday = with_code(&weekday, "weekday-mismatch")["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": client.uri("weekday.md")},
            "range": wednesday,
            "context": {"diagnostics": []},
        }),
    );
    transcript.push(json!({"codeAction at Wednesday": actions}));

    let text = fixture("tests/fixtures/date-conflict/english.md");
    let line = text
        .lines()
        .position(|l| l.contains("in 1816 in"))
        .expect("line");
    let column = text
        .lines()
        .nth(line)
        .expect("line")
        .rfind("1816")
        .expect("year");
    let hover = client.request(
        "textDocument/hover",
        json!({
            "textDocument": {"uri": client.uri("dates.md")},
            "position": {"line": line, "character": column + 1},
        }),
    );
    transcript.push(json!({"hover on 1816": hover}));

    // Apply the weekday fix as the editor would: the finding goes, the others stay.
    let fix = &actions[0]["edit"]["changes"][client.uri("weekday.md")][0];
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": client.uri("weekday.md"), "version": 2},
            "contentChanges": [{"range": fix["range"], "text": fix["newText"]}],
        }),
    );
    let fixed = client.diagnostics("weekday.md");
    assert_eq!(fixed["version"], 2);
    transcript.push(json!({"didChange weekday.md (fix applied)": fixed}));

    let unknown = client.request_message(
        "textDocument/hover",
        json!({
            "textDocument": {"uri": client.uri("never-opened.md")},
            "position": {"line": 0, "character": 0},
        }),
    );
    transcript.push(json!({"hover on a document never opened": unknown["error"]}));

    let transcript = client.redact(&Value::Array(transcript));
    insta::assert_json_snapshot!("english_session", transcript);
    assert!(client.shut_down().success());
}

/// The Arabic weekday fixture with emoji (one of them a ZWJ sequence) and harakat (combining
/// marks) before each finding on its line: UTF-8, UTF-16 and UTF-32 columns all differ there.
fn arabic_with_emoji() -> String {
    fixture("tests/fixtures/weekday-mismatch/arabic.md")
        .lines()
        .map(|l| {
            if l.contains("expect:") {
                format!("👩‍💻 قالَ 😀: {l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

/// `factlint check --format json` on files of a workspace, started now (it runs while the
/// server works); [`label_spans`] reads its labels.
fn start_cli(ws: &Workspace, files: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--no-config", "--format", "json"])
        .args(files.iter().map(|f| ws.path(f)))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("factlint check runs")
}

/// `(file, start, end)` of every label of the report.
fn label_spans(cli: std::process::Child) -> BTreeSet<(String, usize, usize)> {
    let output = cli.wait_with_output().expect("factlint check ends");
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let labels = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .flat_map(|d| d["labels"].as_array().expect("labels").clone());
    labels
        .map(|l| {
            let file = l["file"].as_str().expect("file").to_string();
            let at = |k: &str| l[k].as_u64().expect("offset") as usize;
            (file, at("start"), at("end"))
        })
        .collect()
}

/// Open the workspace's `files` with a client that offers `offered` encodings; check that the
/// negotiated one is `expected`. Returns the client, the diagnostics of each file, and the byte
/// spans (read back here from the ranges, in `expected`) of every diagnostic and related
/// information.
fn shown_spans(
    ws: &Workspace,
    files: &[(&str, String)],
    offered: Value,
    expected: &str,
) -> (Client, Vec<Value>, BTreeSet<(String, usize, usize)>) {
    let mut client = ws.client();
    let init = client.initialize(json!({"general": {"positionEncodings": offered}}));
    assert_eq!(init["capabilities"]["positionEncoding"], expected);
    for (name, _) in files {
        let language = if name.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        client.open(name, language);
    }
    let published: Vec<Value> = files.iter().map(|(n, _)| client.diagnostics(n)).collect();
    let mut found = BTreeSet::new();
    for (name, text) in files {
        let uri = client.uri(name);
        let shown = published.iter().flat_map(|p| {
            let list = p["diagnostics"].as_array().expect("list");
            list.iter().map(|d| (p["uri"].clone(), d))
        });
        for (published_to, d) in shown {
            let main = (published_to, d["range"].clone());
            let related = d["relatedInformation"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let related = related
                .iter()
                .map(|r| (r["location"]["uri"].clone(), r["location"]["range"].clone()));
            for (at, range) in std::iter::once(main).chain(related) {
                if at == uri {
                    let (start, end) = byte_span(text, &range, expected);
                    found.insert((ws.path(name), start, end));
                }
            }
        }
    }
    (client, published, found)
}

/// The Arabic sample and the emoji document, by a UTF-16 client and a UTF-32 client at once:
/// every range of every diagnostic and related information, read back into a byte span, must
/// be a label span of `factlint check --format json` on the same files, and all of them.
#[test]
fn arabic_positions_in_utf16_and_utf32() {
    let files = [
        ("sample.txt", fixture(SAMPLE)),
        ("emoji.md", arabic_with_emoji()),
    ];
    let ws = Workspace::new(&[(files[0].0, &files[0].1), (files[1].0, &files[1].1)]);
    let cli = start_cli(&ws, &["sample.txt", "emoji.md"]);
    let (utf16, utf32) = std::thread::scope(|scope| {
        let utf16 = scope.spawn(|| shown_spans(&ws, &files, json!(null), "utf-16"));
        let offered = json!(["utf-16", "utf-32", "utf-8"]);
        let utf32 = scope.spawn(|| shown_spans(&ws, &files, offered, "utf-32"));
        (
            utf16.join().expect("utf-16 client"),
            utf32.join().expect("utf-32 client"),
        )
    });
    let expected = label_spans(cli);
    assert_eq!(utf16.2, expected, "utf-16");
    assert_eq!(utf32.2, expected, "utf-32");
    let transcript = utf16.0.redact(&Value::Array(utf16.1));
    insta::assert_json_snapshot!("arabic_utf16", transcript);
}

/// The first `window/logMessage` whose text contains `needle`.
fn log_containing(client: &mut Client, needle: &str) -> Value {
    client.wait(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains(needle))
    })
}

fn codes(published: &Value) -> Vec<String> {
    let list = published["diagnostics"].as_array().expect("diagnostics");
    list.iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn bad_input_is_reported_and_the_server_keeps_answering() {
    let weekday = fixture("tests/fixtures/weekday-mismatch/english.md");
    let ws = Workspace::new(&[("weekday.md", &weekday)]);
    let mut client = ws.client();
    client.initialize(json!({}));
    client.open("weekday.md", "markdown");
    assert_eq!(codes(&client.diagnostics("weekday.md")).len(), 3);
    let mut transcript = Vec::new();

    // Invalid UTF-8 in a document: reported, read with U+FFFD, and still checked.
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": client.uri("bad-utf8.md"), "languageId": "markdown",
            "version": 1, "text": "It rained on Wednesday, 4 July 1826. BYTE"}}});
    let body = serde_json::to_vec(&open).expect("json");
    let at = body
        .windows(4)
        .position(|w| w == b"BYTE")
        .expect("placeholder");
    let body = [&body[..at], b"\xff\xfe", &body[at + 4..]].concat();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend(body);
    client.send_raw(&frame);
    transcript.push(log_containing(&mut client, "invalid UTF-8")["params"].clone());
    assert_eq!(
        codes(&client.diagnostics("bad-utf8.md")),
        ["weekday-mismatch"]
    );

    // Frames that are not JSON-RPC messages, or have no usable header.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    transcript.push(log_containing(&mut client, "not a JSON-RPC message")["params"].clone());
    let no_method = br#"{"jsonrpc":"2.0","id":77,"method":5}"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n", no_method.len()).as_bytes());
    client.send_raw(no_method);
    transcript.push(client.wait(|m| m["id"] == 77)["error"].clone());
    client.send_raw(b"X-Nonsense\r\n\r\n");
    transcript.push(log_containing(&mut client, "malformed header")["params"].clone());

    // A 50 MB document: one note instead of a check that would hold a core for seconds.
    let big = "Ada Lovelace was born in 1815 in London. ".repeat(50_000_000 / 41);
    client.open_text("big.md", "markdown", &big);
    drop(big);
    let note = client.diagnostics("big.md");
    transcript.push(note["diagnostics"].clone());

    // Requests and notifications about documents that are not open.
    let unknown = client.uri("nowhere.md");
    let response = client.request_message(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": unknown}, "range": {"start": {"line": 0, "character": 0},
            "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    transcript.push(response["error"].clone());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": unknown, "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    transcript.push(log_containing(&mut client, "nowhere.md is not open")["params"].clone());

    // Settings: a broken pack, then a broken config, then a good one; each reload is
    // announced by the client's file watcher.
    let changed = |client: &mut Client| {
        let uri = client.uri("factlint.toml");
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri, "type": 2}]}),
        );
    };
    ws.write("factlint.toml", "packs = [\"my-pack.toml\"]\n");
    ws.write("my-pack.toml", "[[pattern]]\nid = \"x\"\nbroken = [\n");
    changed(&mut client);
    transcript.push(client.diagnostics("my-pack.toml"));
    ws.write("factlint.toml", "disable = [\"weekday-mismatchh\"]\n");
    changed(&mut client);
    transcript.push(client.diagnostics("factlint.toml"));
    assert_eq!(
        codes(&client.diagnostics("my-pack.toml")),
        Vec::<String>::new()
    );
    ws.write("factlint.toml", "disable = [\"weekday-mismatch\"]\n");
    changed(&mut client);
    assert_eq!(
        codes(&client.diagnostics("factlint.toml")),
        Vec::<String>::new()
    );
    assert_eq!(
        codes(&client.diagnostics("weekday.md")),
        Vec::<String>::new()
    );

    // Still answering.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": client.uri("weekday.md")},
            "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    let transcript = client.redact(&Value::Array(transcript));
    insta::assert_json_snapshot!("bad_input", transcript);
    assert!(client.shut_down().success());
}
