//! JSON-RPC framing over a byte stream (`Content-Length` headers), tolerant of a bad client.
//!
//! `lsp-server`'s own stdio transport ends its reader thread at the first malformed message (a
//! header without `\r\n`, invalid UTF-8, JSON that is not a message), after which the server
//! hears nothing more. Here a bad frame is reported to the client as a `window/logMessage`
//! error, or an `InvalidRequest` response when its id can be read, and reading goes on with the
//! next frame. Invalid UTF-8 inside a frame is replaced by U+FFFD (and reported), so a document
//! with one bad byte is still checked. The messages themselves are `lsp-server`'s types.
//!
//! Not here: what the messages mean ([`super::server`]).

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::{LogMessageParams, MessageType};
use std::io::{self, BufRead, BufReader, Read, Write};

/// A frame longer than this is skipped unread (and reported): no client sends one, and
/// allocating it would be the crash this module is here to avoid.
pub const MAX_FRAME_BYTES: usize = 512 * 1024 * 1024;

/// Run `serve` on a connection that reads frames from `input` (on a thread of its own) and
/// writes them to `output` (on the calling thread, so that the CLI's locked standard output
/// can be used); return what `serve` returned, or `None` if it panicked. Writing ends when
/// `serve` has returned and what it queued is written; the reader thread is left behind, as
/// it may be blocked on a client that never closes its end.
pub fn serve_on<R: Send>(
    input: impl Read + Send + 'static,
    output: &mut dyn Write,
    serve: impl FnOnce(&Connection) -> R + Send,
) -> Option<R> {
    let (to_client, outgoing) = unbounded::<Message>();
    let (incoming, from_client) = unbounded::<Message>();
    let reporter = to_client.clone();
    std::thread::spawn(move || read_frames(BufReader::new(input), &incoming, &reporter));
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    let (done, stopped) = unbounded::<()>();
    std::thread::scope(|scope| {
        let server = scope.spawn(move || {
            let result = serve(&connection);
            drop(connection);
            let _ = done.send(());
            result
        });
        write_frames(output, &outgoing, &stopped);
        server.join().ok()
    })
}

fn write_frames(output: &mut dyn Write, outgoing: &Receiver<Message>, stopped: &Receiver<()>) {
    let mut output = output;
    loop {
        crossbeam_channel::select! {
            recv(outgoing) -> message => match message {
                Ok(message) if message.write(&mut output).is_ok() => {}
                _ => return, // every sender dropped, or the client is gone
            },
            recv(stopped) -> _ => {
                for message in outgoing.try_iter() {
                    if message.write(&mut output).is_err() {
                        return;
                    }
                }
                return;
            }
        }
    }
}

/// What came of reading one frame: its payload, if it had one, and what was wrong with it.
#[derive(Debug, Default, PartialEq)]
struct Frame {
    payload: Option<Vec<u8>>,
    problems: Vec<String>,
}

fn read_frames(mut input: impl BufRead, incoming: &Sender<Message>, reporter: &Sender<Message>) {
    // An error reading is the end of the input: the client is gone.
    while let Ok(Some(frame)) = read_frame(&mut input) {
        for problem in frame.problems {
            report(
                reporter,
                format!("factlint: bad frame from the client: {problem}"),
            );
        }
        let Some(message) = frame.payload.and_then(|bytes| decode(bytes, reporter)) else {
            continue;
        };
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if incoming.send(message).is_err() || exit {
            return;
        }
    }
}

/// One frame: headers up to an empty line, then `Content-Length` bytes. A malformed header
/// line is a problem but not the end of the frame, so that reading finds the next good one.
/// `None` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut frame = Frame::default();
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let header = line.strip_suffix(b"\n").unwrap_or(&line);
        let header = header.strip_suffix(b"\r").unwrap_or(header);
        if header.is_empty() {
            if length.is_none() && frame.problems.is_empty() {
                continue; // a stray blank line between frames
            }
            break;
        }
        let text = String::from_utf8_lossy(header);
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => frame
                        .problems
                        .push(format!("bad Content-Length {:?}", value.trim())),
                }
            }
            Some(_) => {} // Content-Type, or a header we do not know
            None => frame.problems.push(format!("malformed header {text:?}")),
        }
    }
    match length {
        Some(n) if n > MAX_FRAME_BYTES => {
            io::copy(&mut input.take(n as u64), &mut io::sink())?;
            frame.problems.push(format!(
                "a {n}-byte message is over the {MAX_FRAME_BYTES}-byte limit; skipped"
            ));
        }
        Some(n) => {
            let mut payload = vec![0; n];
            input.read_exact(&mut payload)?;
            frame.payload = Some(payload);
        }
        None => frame.problems.push("no Content-Length header".to_string()),
    }
    Ok(Some(frame))
}

/// The message of a payload; a problem with it is reported and the message dropped (or, for a
/// request whose id can be read, answered with an error).
fn decode(bytes: Vec<u8>, reporter: &Sender<Message>) -> Option<Message> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            report(
                reporter,
                format!(
                    "factlint: invalid UTF-8 at byte {at} of a message; read with U+FFFD in its place"
                ),
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    match serde_json::from_str::<Message>(&text) {
        Ok(message) => Some(message),
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| serde_json::from_value::<RequestId>(v.get("id")?.clone()).ok());
            let problem = format!("factlint: not a JSON-RPC message ({e})");
            match id {
                Some(id) => {
                    let error = Response::new_err(id, ErrorCode::InvalidRequest as i32, problem);
                    let _ = reporter.send(error.into());
                }
                None => report(reporter, problem),
            }
            None
        }
    }
}

fn report(reporter: &Sender<Message>, message: String) {
    let params = LogMessageParams {
        typ: MessageType::ERROR,
        message,
    };
    let notification = Notification::new("window/logMessage".to_string(), params);
    let _ = reporter.send(notification.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut input = input;
        std::iter::from_fn(|| read_frame(&mut input).ok().flatten()).collect()
    }

    #[test]
    fn bad_frames_are_reported_and_reading_goes_on() {
        let mut input = Vec::new();
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        input.extend_from_slice(b"garbage\r\n\r\n");
        input.extend_from_slice(b"Content-Length: x\r\n\r\n");
        input.extend_from_slice(b"\r\nnoise\nContent-Length: 3\nContent-Type: a\n\n[1]");
        let found = frames(&input);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].payload.as_deref(), Some(&b"{}"[..]));
        assert!(found[1].problems[0].contains("malformed header"));
        assert!(found[2].problems[0].contains("bad Content-Length"));
        assert_eq!(found[3].payload.as_deref(), Some(&b"[1]"[..]));
        assert_eq!(found[3].problems.len(), 1, "the noise line");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let (reporter, reports) = unbounded();
        let payload =
            b"{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"t\":\"a\xffb\"}}".to_vec();
        let message = decode(payload, &reporter);
        let Some(Message::Notification(n)) = message else {
            panic!("a notification: {message:?}");
        };
        assert_eq!(n.params["t"], "a\u{FFFD}b");
        assert_eq!(reports.len(), 1);
    }

    #[test]
    fn a_malformed_request_with_an_id_gets_an_error_response() {
        let (reporter, reports) = unbounded();
        assert!(decode(br#"{"id": 7, "method": 3}"#.to_vec(), &reporter).is_none());
        let Ok(Message::Response(r)) = reports.try_recv() else {
            panic!("an error response");
        };
        assert_eq!(r.id, RequestId::from(7));
        assert!(r.response_result.is_err());
    }
}
