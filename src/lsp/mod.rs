//! `factlint lsp`: findings in the editor, over the Language Server Protocol on stdio.
//!
//! Diagnostics for every open Markdown and plain-text document (and conflicts with the other
//! files of the workspace, read from disk), code actions for the safe fixes and for an inline
//! suppression, and hovers that show the facts behind a date or a name. Positions are
//! negotiated: UTF-8 or UTF-32 when the client offers them, else UTF-16 code units.
//!
//! Built on `lsp-server` and `lsp-types` (rust-analyzer's scaffold, also used by Ruff's
//! server): a synchronous loop with worker threads suits an engine that is plain CPU work,
//! with no async runtime. The framing is our own ([`transport`]) so that a malformed message
//! cannot stop the server.
//!
//! Modules: [`transport`] (frames), [`server`] (the loop and its state), [`workspace`]
//! (settings, documents, paths), [`position`] (offsets ⇄ positions), [`convert`] (findings →
//! LSP diagnostics), [`actions`] (code actions), [`hover`] (fact hovers).

pub mod actions;
pub mod convert;
pub mod hover;
pub mod position;
pub mod server;
pub mod transport;
pub mod workspace;

/// Serve one client on standard input and `stdout` until it exits. `Ok(true)` when it asked
/// for `shutdown` before `exit`, as the protocol wants; `Err` when it never initialized (or
/// the server failed).
pub fn serve_stdio(stdout: &mut dyn std::io::Write) -> Result<bool, String> {
    transport::serve_on(std::io::stdin(), stdout, server::serve)
        .unwrap_or_else(|| Err("the server failed (see the panic message above)".to_string()))
}
