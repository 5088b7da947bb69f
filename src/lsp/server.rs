//! The server loop: one thread owns the state (open documents, the analysis of every file of
//! the workspace, the last check) and answers the client; analyses and checks run on worker
//! threads and report back as [`Event`]s, so a request is never kept waiting by a document.
//!
//! How a change becomes diagnostics:
//! 1. Every change to a file (opened, edited, closed, changed on disk, settings reloaded) gives
//!    it a new *revision* and a due time: at once, or after [`DEBOUNCE`] for an edit.
//! 2. When a file is due and not being analysed, a worker analyses the text of that revision
//!    (the buffer for an open document, the disk otherwise; buffers each on their own thread,
//!    disk files together on the rayon pool). A result for an older revision is thrown away:
//!    the latest text wins.
//! 3. When nothing is due or being analysed (except documents over [`LARGE_BYTES`], which are
//!    never waited for, so that a slow document does not hold the others back), a worker
//!    resolves and checks every file's last analysis together ([`Engine::finish`]): this is
//!    where conflicts across files are found. Suppressions and severity overrides from the
//!    config are applied as `factlint check` applies them.
//! 4. Each open document whose revision was checked gets its diagnostics, sent only when they
//!    differ from what the client already has; hovers and code actions read the same check.
//!
//! Not here: framing ([`super::transport`]), settings ([`super::workspace`]), the shapes of
//! diagnostics, actions and hovers ([`super::convert`], [`super::actions`], [`super::hover`]).

use super::actions::{self, Document};
use super::convert::{self, ExplainLinks, Texts};
use super::hover::facts_hover;
use super::position::{Encoding, PositionIndex};
use super::workspace::{self, Setup, key_of, key_of_path, uri_of};
use crate::cli::config::{FILE_NAME, is_known_code};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{Analysed, Engine, Selection};
use crate::facts::Fact;
use crate::gate::suppress;
use crate::report::Sources;
use crate::source::files::{Input, SourceText};
use crate::span::Span;
use crossbeam_channel::{Receiver, Sender, select, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileChangeType, FileSystemWatcher, GlobPattern, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, LogMessageParams, MarkupContent,
    MarkupKind, MessageType, OneOf, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentContentChangeEvent,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long an edited document waits for the next keystroke before it is analysed.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// Larger documents are not checked (one informational diagnostic says so): at ~4 MB/s per
/// core, more would keep a core busy for seconds after every edit.
pub const MAX_LIVE_BYTES: usize = 4 * 1024 * 1024;
/// Analyses of larger documents (~60 ms and more) are not waited for before a check.
pub const LARGE_BYTES: usize = 256 * 1024;

/// A workspace with more documents (a home directory opened by mistake) has only this many
/// checked, with a warning: each is analysed at start and kept in memory.
pub const MAX_WORKSPACE_FILES: usize = 5000;

/// Extensions of the documents the server checks when the client does not say the language.
const PROSE_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "txt", "text"];
const PROSE_LANGUAGES: &[&str] = &["markdown", "plaintext", "text", "txt"];

/// Serve one client on `connection` until it says `exit` or goes away. `Ok(true)` when it
/// asked for `shutdown` first, as the protocol wants.
pub fn serve(connection: &Connection) -> Result<bool, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    // A client's odd capabilities are not worth refusing it: defaults for what cannot be read.
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let offered = params.capabilities.general.as_ref();
    let encoding = Encoding::negotiate(offered.and_then(|g| g.position_encodings.as_deref()));
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "factlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    // Not lsp-server's initialize_finish, which ends the server when the message after this
    // response is not `initialized`: here `initialized` is one more notification to ignore.
    let _ = connection.sender.send(Response::new_ok(id, result).into());
    let mut server = Server::new(connection.sender.clone(), &params, encoding)?;
    server.start(&params);
    Ok(server.run(&connection.receiver))
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL),
            ]),
            resolve_provider: Some(false),
            ..Default::default()
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

/// A request's result, or the error to answer with.
type Answer<T> = Result<T, (ErrorCode, String)>;

/// An open document: the client's text of it.
struct Open {
    uri: Url,
    version: i32,
    text: Arc<String>,
}

/// Where a file of the check is in its life.
#[derive(Default)]
struct Tracked {
    /// Bumped (from one counter for all files) on every change of what it should be read from.
    revision: u64,
    /// When to analyse it next.
    due: Option<Instant>,
    in_flight: bool,
    /// Over [`LARGE_BYTES`] when last started: checks do not wait for it.
    large: bool,
    /// The last analysis that finished for the revision it was started for.
    done: Option<Done>,
}

struct Done {
    revision: u64,
    outcome: Outcome,
}

#[derive(Clone)]
enum Outcome {
    /// The analysis, and the text it read when that was a buffer.
    Analysed {
        analysed: Arc<Analysed>,
        text: Option<Arc<String>>,
    },
    /// Not analysed, and why (too large, unreadable, a failure of factlint).
    NotChecked(String),
}

enum Event {
    Analysed {
        key: String,
        revision: u64,
        outcome: Outcome,
    },
    Checked(Box<Checked>),
    CheckFailed(String),
}

/// One check of the workspace, and what each open document got from it.
struct Checked {
    /// Every finding, suppressions and severity overrides applied.
    diagnostics: Vec<Diagnostic>,
    facts: Vec<Fact>,
    sources: Sources,
    docs: BTreeMap<String, CheckedDoc>,
}

struct CheckedDoc {
    uri: Url,
    version: i32,
    revision: u64,
    /// The text checked and its index (none when the document was not checked).
    text: Option<(Arc<String>, PositionIndex)>,
    /// Index into `diagnostics`, and the LSP diagnostic shown for it.
    shown: Vec<(usize, lsp_types::Diagnostic)>,
    /// The note of a document that was not checked.
    note: Option<lsp_types::Diagnostic>,
}

struct Server {
    client: Sender<Message>,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    setup: Setup,
    explain: Arc<ExplainLinks>,
    open: BTreeMap<String, Open>,
    files: BTreeMap<String, Tracked>,
    /// Keys of the workspace's documents on disk.
    workspace: BTreeSet<String>,
    revisions: u64,
    events: Sender<Event>,
    incoming_events: Receiver<Event>,
    /// Something changed since the last check started.
    dirty: bool,
    checking: bool,
    checked: Option<Arc<Checked>>,
    published: BTreeMap<Url, (Option<i32>, Vec<lsp_types::Diagnostic>)>,
    /// Settings files with problems published.
    problem_files: BTreeSet<Url>,
    shutting_down: bool,
    next_request: i32,
}

impl Server {
    fn new(
        client: Sender<Message>,
        params: &InitializeParams,
        encoding: Encoding,
    ) -> Result<Self, String> {
        let roots = roots(params);
        let setup = workspace::load(&roots, None).map_err(|e| e.to_string())?;
        // Not per version: a page whose text changed is written again (ExplainLinks::write).
        let dir = std::env::temp_dir().join("factlint-explain");
        let (events, incoming_events) = unbounded();
        Ok(Self {
            client,
            encoding,
            roots,
            setup,
            explain: Arc::new(ExplainLinks::write(&dir)),
            open: BTreeMap::new(),
            files: BTreeMap::new(),
            workspace: BTreeSet::new(),
            revisions: 0,
            events,
            incoming_events,
            dirty: false,
            checking: false,
            checked: None,
            published: BTreeMap::new(),
            problem_files: BTreeSet::new(),
            shutting_down: false,
            next_request: 0,
        })
    }

    /// After `initialized`: watch the files that matter, report settings problems, warm the
    /// engine up and read the workspace.
    fn start(&mut self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration);
        if dynamic == Some(true) {
            self.watch_files();
        }
        self.publish_problems();
        self.warm_up();
        self.rescan(true);
    }

    /// The main loop; `true` when the client asked for `shutdown` before `exit`.
    fn run(&mut self, receiver: &Receiver<Message>) -> bool {
        loop {
            self.start_due();
            self.start_check();
            let wake = self
                .files
                .values()
                .filter(|t| !t.in_flight)
                .filter_map(|t| t.due)
                .min()
                .map_or_else(crossbeam_channel::never, crossbeam_channel::at);
            select! {
                recv(receiver) -> message => match message {
                    Ok(Message::Notification(n)) if n.method == "exit" => return self.shutting_down,
                    Ok(message) => self.on_message(message),
                    Err(_) => return false, // the client is gone
                },
                recv(self.incoming_events) -> event => {
                    if let Ok(event) = event {
                        self.on_event(event);
                    }
                },
                recv(wake) -> _ => {},
            }
        }
    }

    fn on_message(&mut self, message: Message) {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let response = match catch_unwind(AssertUnwindSafe(|| self.on_request(request))) {
                    Ok(response) => response,
                    Err(panic) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("factlint failed on this request: {}", panic_text(&panic)),
                    ),
                };
                self.send(response.into());
            }
            Message::Notification(notification) => {
                let method = notification.method.clone();
                let handled = catch_unwind(AssertUnwindSafe(|| self.on_notification(notification)));
                match handled {
                    Ok(Ok(())) => {}
                    Ok(Err(problem)) => {
                        self.log(MessageType::ERROR, format!("{method}: {problem}"))
                    }
                    Err(panic) => self.log(
                        MessageType::ERROR,
                        format!("factlint failed on {method}: {}", panic_text(&panic)),
                    ),
                }
            }
            Message::Response(_) => {} // to our registration request
        }
    }

    fn on_request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        if self.shutting_down {
            return Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_string(),
            );
        }
        let result = match request.method.as_str() {
            "shutdown" => {
                self.shutting_down = true;
                Ok(serde_json::Value::Null)
            }
            "textDocument/hover" => params(request).and_then(|p| self.hover(p)).map(json),
            "textDocument/codeAction" => {
                params(request).and_then(|p| self.code_actions(p)).map(json)
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("factlint does not answer {method}"),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn on_notification(&mut self, n: Notification) -> Result<(), String> {
        let parse = |e: serde_json::Error| format!("invalid parameters: {e}");
        match n.method.as_str() {
            "textDocument/didOpen" => {
                self.did_open(serde_json::from_value(n.params).map_err(parse)?);
            }
            "textDocument/didChange" => {
                self.did_change(serde_json::from_value(n.params).map_err(parse)?)?;
            }
            "textDocument/didClose" => {
                self.did_close(serde_json::from_value(n.params).map_err(parse)?);
            }
            "textDocument/didSave" => {
                self.did_save(serde_json::from_value(n.params).map_err(parse)?);
            }
            "workspace/didChangeWatchedFiles" => {
                self.did_change_watched_files(serde_json::from_value(n.params).map_err(parse)?);
            }
            "workspace/didChangeWorkspaceFolders" => {
                let p: DidChangeWorkspaceFoldersParams =
                    serde_json::from_value(n.params).map_err(parse)?;
                let removed: Vec<PathBuf> = p
                    .event
                    .removed
                    .iter()
                    .filter_map(|f| f.uri.to_file_path().ok())
                    .collect();
                self.roots.retain(|r| !removed.contains(r));
                let added = p
                    .event
                    .added
                    .iter()
                    .filter_map(|f| f.uri.to_file_path().ok());
                self.roots.extend(added);
                self.reload();
            }
            "workspace/didChangeConfiguration" => self.reload(),
            _ => {} // initialized, $/cancelRequest (answers are quick), $/setTrace, …
        }
        Ok(())
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let doc = p.text_document;
        let key = key_of(&doc.uri);
        if !is_prose(&doc.uri, &doc.language_id) {
            return;
        }
        let open = Open {
            uri: doc.uri,
            version: doc.version,
            text: Arc::new(doc.text),
        };
        self.open.insert(key.clone(), open);
        self.schedule(&key, Duration::ZERO);
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) -> Result<(), String> {
        let key = key_of(&p.text_document.uri);
        let Some(open) = self.open.get_mut(&key) else {
            return Err(format!("{} is not open", p.text_document.uri));
        };
        open.text = Arc::new(apply_changes(&open.text, p.content_changes, self.encoding));
        open.version = p.text_document.version;
        self.schedule(&key, DEBOUNCE);
        Ok(())
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        let key = key_of(&p.text_document.uri);
        if self.open.remove(&key).is_none() {
            return;
        }
        self.publish(p.text_document.uri.clone(), None, Vec::new());
        self.published.remove(&p.text_document.uri);
        if self.workspace.contains(&key) {
            self.schedule(&key, Duration::ZERO); // back to what is on disk
        } else {
            self.files.remove(&key);
            self.dirty = true;
        }
    }

    fn did_save(&mut self, p: DidSaveTextDocumentParams) {
        if let Ok(path) = p.text_document.uri.to_file_path()
            && self.is_setting(&path)
        {
            self.reload();
        }
    }

    fn did_change_watched_files(&mut self, p: DidChangeWatchedFilesParams) {
        let mut rescan = false;
        for change in p.changes {
            let Ok(path) = change.uri.to_file_path() else {
                continue;
            };
            if self.is_setting(&path) {
                return self.reload();
            }
            let key = key_of_path(&path);
            if self.open.contains_key(&key) {
                continue; // the buffer wins over the disk
            }
            match change.typ {
                FileChangeType::CREATED => rescan = true,
                FileChangeType::DELETED => self.forget(&key),
                _ if self.workspace.contains(&key) => self.schedule(&key, Duration::ZERO),
                _ => {}
            }
        }
        if rescan {
            self.rescan(false);
        }
    }

    /// Drop a file deleted from the workspace.
    fn forget(&mut self, key: &str) {
        if self.files.remove(key).is_some() {
            self.workspace.remove(key);
            self.dirty = true;
        }
    }

    /// The config (any `factlint.toml`: one may appear above the workspace), a pack or a sheet.
    fn is_setting(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == FILE_NAME)
            || self.setup.inputs.iter().any(|i| i == path)
    }

    /// A new revision of a file, due after `delay`.
    fn schedule(&mut self, key: &str, delay: Duration) {
        self.revisions += 1;
        let tracked = self.files.entry(key.to_string()).or_default();
        tracked.revision = self.revisions;
        tracked.due = Some(Instant::now() + delay);
    }

    /// Build the engine again from the settings files, then analyse everything again.
    fn reload(&mut self) {
        match workspace::load(&self.roots, Some(&self.setup)) {
            Ok(setup) => self.setup = setup,
            Err(e) => return self.show(MessageType::ERROR, format!("factlint: {e}")),
        }
        self.publish_problems();
        self.warm_up();
        self.rescan(true);
    }

    /// Find the workspace's documents again: new ones are read, vanished ones dropped, and with
    /// `all` every file (open or not) is analysed again.
    fn rescan(&mut self, all: bool) {
        let mut found = workspace::documents(&self.roots, &self.setup.config);
        if found.len() > MAX_WORKSPACE_FILES {
            self.show(
                MessageType::WARNING,
                format!(
                    "factlint: the workspace has {} Markdown and text files; only the first {} \
                     (in path order) are checked with the open documents. Leave the others out \
                     with `exclude` in factlint.toml.",
                    found.len(),
                    MAX_WORKSPACE_FILES
                ),
            );
            found.truncate(MAX_WORKSPACE_FILES);
        }
        let found: BTreeSet<String> = found.into_iter().collect();
        let gone: Vec<String> = self
            .files
            .keys()
            .filter(|k| !self.open.contains_key(*k) && !found.contains(*k))
            .cloned()
            .collect();
        for key in gone {
            self.files.remove(&key);
        }
        let mut again: Vec<String> = found
            .iter()
            .filter(|k| all || !self.files.contains_key(*k))
            .cloned()
            .collect();
        if all {
            again.extend(self.open.keys().filter(|k| !found.contains(*k)).cloned());
        }
        for key in again {
            self.schedule(&key, Duration::ZERO);
        }
        self.workspace = found;
        self.dirty = true;
    }

    /// Start the analyses that are due: each buffer on a thread of its own, disk files
    /// together on the rayon pool.
    fn start_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<String> = self
            .files
            .iter()
            .filter(|(_, t)| !t.in_flight && t.due.is_some_and(|d| d <= now))
            .map(|(k, _)| k.clone())
            .collect();
        let mut disk = Vec::new();
        for key in ready {
            let text = self.open.get(&key).map(|o| o.text.clone());
            let Some(tracked) = self.files.get_mut(&key) else {
                continue;
            };
            tracked.due = None;
            tracked.in_flight = true;
            let revision = tracked.revision;
            match text {
                Some(text) => {
                    tracked.large = text.len() > LARGE_BYTES;
                    let (engine, selection) =
                        (self.setup.engine.clone(), self.setup.selection.clone());
                    let events = self.events.clone();
                    let job = move || {
                        let outcome = analyse(&engine, &selection, &key, Some(text));
                        let _ = events.send(Event::Analysed {
                            key,
                            revision,
                            outcome,
                        });
                    };
                    self.spawn("factlint-analyse", job);
                }
                None => {
                    let size = std::fs::metadata(&key).map_or(0, |m| m.len());
                    tracked.large = size > LARGE_BYTES as u64;
                    disk.push((key, revision));
                }
            }
        }
        if !disk.is_empty() {
            let (engine, selection) = (self.setup.engine.clone(), self.setup.selection.clone());
            let events = self.events.clone();
            self.spawn("factlint-read", move || {
                use rayon::prelude::*;
                disk.into_par_iter().for_each(|(key, revision)| {
                    let outcome = analyse(&engine, &selection, &key, None);
                    let _ = events.send(Event::Analysed {
                        key,
                        revision,
                        outcome,
                    });
                });
            });
        }
    }

    /// Check the workspace when something changed and nothing (small) is still to analyse.
    fn start_check(&mut self) {
        let waiting = self
            .files
            .values()
            .any(|t| (t.in_flight || t.due.is_some()) && !t.large);
        if self.checking || !self.dirty || waiting {
            return;
        }
        let analysed: Vec<Arc<Analysed>> = self
            .files
            .values()
            .filter_map(|t| match &t.done.as_ref()?.outcome {
                Outcome::Analysed { analysed, .. } => Some(analysed.clone()),
                Outcome::NotChecked(_) => None,
            })
            .collect();
        let docs: Vec<DocToCheck> = self
            .open
            .iter()
            .filter_map(|(key, open)| {
                let tracked = self.files.get(key)?;
                let done = tracked.done.as_ref()?;
                (done.revision == tracked.revision).then(|| DocToCheck {
                    key: key.clone(),
                    uri: open.uri.clone(),
                    version: open.version,
                    revision: done.revision,
                    outcome: done.outcome.clone(),
                })
            })
            .collect();
        let job = CheckJob {
            engine: self.setup.engine.clone(),
            selection: self.setup.selection.clone(),
            severity: self.setup.config.severity.clone(),
            analysed,
            docs,
            encoding: self.encoding,
            explain: self.explain.clone(),
        };
        let events = self.events.clone();
        self.checking = true;
        self.dirty = false;
        self.spawn("factlint-check", move || {
            let event = match catch_unwind(AssertUnwindSafe(|| job.run())) {
                Ok(checked) => Event::Checked(Box::new(checked)),
                Err(panic) => Event::CheckFailed(panic_text(&panic)),
            };
            let _ = events.send(event);
        });
    }

    fn on_event(&mut self, event: Event) {
        match event {
            Event::Analysed {
                key,
                revision,
                outcome,
            } => {
                let open = self.open.contains_key(&key);
                let Some(tracked) = self.files.get_mut(&key) else {
                    return; // dropped meanwhile
                };
                tracked.in_flight = false;
                if tracked.revision != revision {
                    return; // a newer text is due
                }
                if let (Outcome::NotChecked(why), false) = (&outcome, open) {
                    let message = format!("factlint: {key} not checked: {why}");
                    self.log(MessageType::WARNING, message);
                }
                if let Some(tracked) = self.files.get_mut(&key) {
                    tracked.done = Some(Done { revision, outcome });
                }
                self.dirty = true;
            }
            Event::Checked(checked) => {
                self.checking = false;
                self.publish_checked(&checked);
                self.checked = Some(Arc::from(checked));
            }
            Event::CheckFailed(panic) => {
                self.checking = false;
                self.log(
                    MessageType::ERROR,
                    format!("factlint failed checking: {panic}"),
                );
            }
        }
    }

    /// Send each open document its diagnostics, if it is still at the revision checked.
    fn publish_checked(&mut self, checked: &Checked) {
        for (key, doc) in &checked.docs {
            let current = self.open.get(key).is_some_and(|o| o.version == doc.version)
                && self
                    .files
                    .get(key)
                    .is_some_and(|t| t.revision == doc.revision);
            if current {
                let diagnostics = doc
                    .shown
                    .iter()
                    .map(|(_, d)| d.clone())
                    .chain(doc.note.clone())
                    .collect();
                self.publish(doc.uri.clone(), Some(doc.version), diagnostics);
            }
        }
    }

    fn publish(&mut self, uri: Url, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        let state = (version, diagnostics);
        if self.published.get(&uri) == Some(&state) {
            return;
        }
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: state.1.clone(),
            version,
        };
        self.notify("textDocument/publishDiagnostics", params);
        self.published.insert(uri, state);
    }

    /// Diagnostics on the settings files that did not load; cleared from those that now do.
    fn publish_problems(&mut self) {
        let mut by_file: BTreeMap<Url, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        let mut unplaced = Vec::new();
        for problem in &self.setup.problems {
            match problem.file.as_deref().and_then(uri_of) {
                Some(uri) => by_file
                    .entry(uri)
                    .or_default()
                    .push(convert::problem_to_lsp(problem, self.encoding)),
                None => unplaced.push(problem.message.clone()),
            }
        }
        let stale: Vec<Url> = self
            .problem_files
            .iter()
            .filter(|u| !by_file.contains_key(*u))
            .cloned()
            .collect();
        for uri in stale {
            self.publish(uri, None, Vec::new());
        }
        self.problem_files = by_file.keys().cloned().collect();
        if let Some(first) = self.setup.problems.first() {
            self.show(
                MessageType::WARNING,
                format!(
                    "factlint: settings not loaded ({}); checking with the last settings that did",
                    first.message.lines().next().unwrap_or_default()
                ),
            );
        }
        for (uri, diagnostics) in by_file {
            self.publish(uri, None, diagnostics);
        }
        for message in unplaced {
            self.show(MessageType::ERROR, format!("factlint: {message}"));
        }
    }

    /// Load the engine's lazily built tables (the Arabic dictionary) before a document needs
    /// them.
    fn warm_up(&self) {
        let engine = self.setup.engine.clone();
        self.spawn("factlint-warm-up", move || {
            let text = "وُلد الكاتب في القاهرة عام 1900، وتوفي فيها عام 1950.".to_string();
            let source = SourceText {
                path: "warm-up.txt".to_string(),
                text,
            };
            let _ = catch_unwind(AssertUnwindSafe(|| engine.analyse(source, None)));
        });
    }

    fn watch_files(&mut self) {
        let watcher = |glob: &str| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.to_string()),
            kind: None,
        };
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![
                watcher("**/*.{md,markdown,mdown,mkd,txt,text}"),
                watcher("**/*.toml"),
            ],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "factlint-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("factlint-{}", self.next_request));
        let request = Request::new(id, "client/registerCapability".to_string(), params);
        self.send(request.into());
    }

    /// The check of an open document, if it is of the text the client has now.
    fn fresh(&self, uri: &Url) -> Answer<Option<(Arc<Checked>, String)>> {
        let key = key_of(uri);
        let Some(open) = self.open.get(&key) else {
            return Err((ErrorCode::InvalidParams, format!("{uri} is not open")));
        };
        let Some(checked) = &self.checked else {
            return Ok(None);
        };
        let fresh = checked.docs.get(&key).is_some_and(|doc| {
            doc.version == open.version
                && doc
                    .text
                    .as_ref()
                    .is_some_and(|(t, _)| Arc::ptr_eq(t, &open.text))
        });
        Ok(fresh.then(|| (checked.clone(), key)))
    }

    fn hover(&self, p: HoverParams) -> Answer<Option<Hover>> {
        let at = p.text_document_position_params;
        let Some((checked, key)) = self.fresh(&at.text_document.uri)? else {
            return Ok(None);
        };
        let Some(doc) = checked.docs.get(&key) else {
            return Ok(None);
        };
        let Some((text, index)) = &doc.text else {
            return Ok(None);
        };
        let offset = index.offset(text, at.position);
        let here = |span: Span| span.start <= offset && offset < span.end;
        let in_doc = || checked.facts.iter().filter(|f| f.file == key);
        let mut hovered: Vec<&Fact> = in_doc()
            .filter(|f| here(f.value_span) || here(f.subject_span))
            .collect();
        if hovered.is_empty() {
            hovered = in_doc().filter(|f| here(f.evidence)).collect();
        }
        let Some(first) = hovered.first() else {
            return Ok(None);
        };
        let span = [first.value_span, first.subject_span]
            .into_iter()
            .find(|s| here(*s))
            .unwrap_or(first.evidence);
        let place = |f: &Fact| {
            let line = checked.sources.line(&f.file, f.evidence.start);
            format!("{}:{line}", workspace::display(&f.file, &self.roots))
        };
        let value = facts_hover(&hovered, &checked.facts, &place);
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(index.range(text, span.start, span.end)),
        }))
    }

    fn code_actions(&self, p: CodeActionParams) -> Answer<Vec<CodeActionOrCommand>> {
        let Some((checked, key)) = self.fresh(&p.text_document.uri)? else {
            return Ok(Vec::new());
        };
        let Some(doc) = checked.docs.get(&key) else {
            return Ok(Vec::new());
        };
        let Some((text, index)) = &doc.text else {
            return Ok(Vec::new());
        };
        let document = Document {
            uri: &doc.uri,
            text,
            index,
        };
        let (start, end) = (
            index.offset(text, p.range.start),
            index.offset(text, p.range.end),
        );
        let mut found = Vec::new();
        for (i, shown) in &doc.shown {
            let d = &checked.diagnostics[*i];
            let touched = convert::anchor(d, &key)
                .is_some_and(|l| l.span.start <= end && start <= l.span.end);
            if !touched {
                continue;
            }
            let fixes: Vec<_> = d.fixes.iter().filter(|f| f.file == key).collect();
            let preferred = fixes.len() == 1;
            found.extend(
                fixes
                    .iter()
                    .filter_map(|f| actions::fix_action(&document, f, shown, preferred)),
            );
            found.extend(actions::suppress_action(&document, &key, d, shown));
        }
        let all = doc.shown.iter().map(|(i, _)| &checked.diagnostics[*i]);
        found.extend(actions::fix_all_action(&document, &key, all));
        let wanted = |kind: &Option<CodeActionKind>| match (&p.context.only, kind) {
            (None, _) => true,
            (Some(only), Some(kind)) => only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            }),
            (Some(_), None) => false,
        };
        Ok(found
            .into_iter()
            .filter(|a| wanted(&a.kind))
            .map(CodeActionOrCommand::CodeAction)
            .collect())
    }

    fn spawn(&self, name: &str, job: impl FnOnce() + Send + 'static) {
        let spawned = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(job);
        if let Err(e) = spawned {
            self.log(
                MessageType::ERROR,
                format!("factlint: cannot start a thread: {e}"),
            );
        }
    }

    fn send(&self, message: Message) {
        let _ = self.client.send(message); // the client is gone: the loop ends soon
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify("window/logMessage", LogMessageParams { typ, message });
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify("window/showMessage", ShowMessageParams { typ, message });
    }
}

/// An open document's check, prepared on the loop thread.
struct DocToCheck {
    key: String,
    uri: Url,
    version: i32,
    revision: u64,
    outcome: Outcome,
}

/// Everything a check needs, moved to its worker.
struct CheckJob {
    engine: Arc<Engine>,
    selection: Selection,
    severity: BTreeMap<String, Severity>,
    analysed: Vec<Arc<Analysed>>,
    docs: Vec<DocToCheck>,
    encoding: Encoding,
    explain: Arc<ExplainLinks>,
}

impl CheckJob {
    fn run(self) -> Checked {
        let analysed = self.analysed.iter().map(|a| Analysed::clone(a)).collect();
        let run = self.engine.finish(analysed, Some(&self.selection));
        let disabled = &self.selection.disabled;
        let mut diagnostics =
            suppress::apply(run.diagnostics, &run.sources, disabled, &is_known_code);
        for d in &mut diagnostics {
            if let Some(&severity) = self.severity.get(d.code) {
                d.severity = severity;
            }
        }
        let mut texts = Texts::new(self.encoding);
        for doc in &self.docs {
            if let Outcome::Analysed {
                text: Some(text), ..
            } = &doc.outcome
            {
                texts.insert_open(doc.key.clone(), text.clone());
            }
        }
        let docs = self
            .docs
            .into_iter()
            .map(|doc| {
                let (text, shown, note) = match doc.outcome {
                    Outcome::Analysed { text, .. } => {
                        let shown = diagnostics
                            .iter()
                            .enumerate()
                            .filter_map(|(i, d)| {
                                Some((i, convert::to_lsp(d, &doc.key, &texts, &self.explain)?))
                            })
                            .collect();
                        let text = text.map(|t| {
                            let index = PositionIndex::new(&t, self.encoding);
                            (t, index)
                        });
                        (text, shown, None)
                    }
                    Outcome::NotChecked(why) => {
                        (None, Vec::new(), Some(convert::note_to_lsp(&why)))
                    }
                };
                let checked = CheckedDoc {
                    uri: doc.uri,
                    version: doc.version,
                    revision: doc.revision,
                    text,
                    shown,
                    note,
                };
                (doc.key, checked)
            })
            .collect();
        Checked {
            diagnostics,
            facts: run.facts,
            sources: run.sources,
            docs,
        }
    }
}

/// Analyse a buffer (`text`) or the file on disk, never panicking.
fn analyse(
    engine: &Engine,
    selection: &Selection,
    key: &str,
    text: Option<Arc<String>>,
) -> Outcome {
    let too_large = |bytes: u64| {
        format!(
            "not checked while editing: {:.1} MB is over the {} MB limit; run `factlint check` on it",
            bytes as f64 / 1e6,
            MAX_LIVE_BYTES >> 20
        )
    };
    let source = match &text {
        Some(text) if text.len() > MAX_LIVE_BYTES => {
            return Outcome::NotChecked(too_large(text.len() as u64));
        }
        Some(text) => SourceText {
            path: key.to_string(),
            text: String::clone(text),
        },
        None => {
            let size = std::fs::metadata(key).map_or(0, |m| m.len());
            if size > MAX_LIVE_BYTES as u64 {
                return Outcome::NotChecked(too_large(size));
            }
            match Input::File(PathBuf::from(key)).read() {
                Ok(source) => source,
                Err(e) => return Outcome::NotChecked(e.to_string()),
            }
        }
    };
    match catch_unwind(AssertUnwindSafe(|| engine.analyse(source, Some(selection)))) {
        Ok(analysed) => Outcome::Analysed {
            analysed: Arc::new(analysed),
            text,
        },
        Err(panic) => Outcome::NotChecked(format!(
            "factlint failed on this document ({}); please report it",
            panic_text(&panic)
        )),
    }
}

/// The workspace folders, else the root URI.
fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    #[allow(deprecated)] // still what older clients (Neovim 0.7) send
    let root = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok());
    root.into_iter().collect()
}

/// Whether an opened document is prose to check (Markdown or plain text).
fn is_prose(uri: &Url, language: &str) -> bool {
    let extension = Path::new(uri.path())
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    PROSE_LANGUAGES.contains(&language)
        || extension.is_some_and(|e| PROSE_EXTENSIONS.contains(&e.as_str()))
}

/// A text after the client's changes (whole texts, or ranges in the negotiated encoding).
fn apply_changes(
    text: &str,
    changes: Vec<TextDocumentContentChangeEvent>,
    encoding: Encoding,
) -> String {
    let mut text = text.to_string();
    for change in changes {
        match change.range {
            None => text = change.text,
            Some(range) => {
                let index = PositionIndex::new(&text, encoding);
                let start = index.offset(&text, range.start);
                let end = index.offset(&text, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
    text
}

fn params<P: serde::de::DeserializeOwned>(request: Request) -> Answer<P> {
    serde_json::from_value(request.params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

fn json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn incremental_changes_in_utf16() {
        let change = |range: Option<Range>, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.to_string(),
        };
        let text = "😀 شيتشاي\nb";
        // Replace «شيتشاي» (UTF-16 columns 3..9) and then append to the last line.
        let edits = vec![
            change(
                Some(Range::new(Position::new(0, 3), Position::new(0, 9))),
                "شيتساي",
            ),
            change(
                Some(Range::new(Position::new(1, 1), Position::new(1, 1))),
                "c",
            ),
        ];
        assert_eq!(apply_changes(text, edits, Encoding::Utf16), "😀 شيتساي\nbc");
        let whole = vec![change(None, "new")];
        assert_eq!(apply_changes(text, whole, Encoding::Utf16), "new");
    }

    #[test]
    fn prose_by_language_or_extension() {
        let uri = |s: &str| Url::parse(s).expect("uri");
        assert!(is_prose(&uri("file:///a/b.md"), "unknown"));
        assert!(is_prose(&uri("untitled:Untitled-1"), "markdown"));
        assert!(!is_prose(&uri("file:///a/factlint.toml"), "toml"));
    }
}
