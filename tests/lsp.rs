//! `verify lsp` driven over stdio by a scripted client, as an editor drives it:
//! initialize, initialized, didOpen of a note with a wrong step, its published
//! diagnostics (UTF-16 columns), a hover on the step, the quick fix applying the proved
//! hint, a didChange that fixes it, shutdown and exit. This binary never starts the
//! engine itself (the server it runs waits for the engine's lock).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

use common::verify;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = verify()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("verify lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait(|m| m["id"] == id);
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message for which `wanted` holds (others are passed over).
    fn wait(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(300))
                .expect("the server answers in time");
            if wanted(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&self) -> Vec<Value> {
        let m = self.wait(|m| m["method"] == "textDocument/publishDiagnostics");
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A wrong step after an emoji and a Greek letter on its line: its column differs in
/// characters (22), bytes (26) and UTF-16 code units (23).
const NOTE: &str = "# A slip\n\nBy 😀 and σ, $$a + a = 3a$$\n";
const URI: &str = "file:///tmp/verify-lsp-test/slip%20note.md";

/// One server at a time: each holds the engine's lock while it runs.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn an_editor_session_over_stdio() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut client = Client::start();
    let init = client.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["codeActionProvider"], true);
    client.notify("initialized", json!({}));

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": NOTE}}),
    );
    let diagnostics = client.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "wrong-step");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "verify");
    assert_eq!(
        d["range"],
        json!({"start": {"line": 2, "character": 23}, "end": {"line": 2, "character": 25}}),
        "UTF-16 columns"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("step 2 does not follow from step 1: witness:"),
        "{d}"
    );

    let hover = client.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 24}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("✗ step 2"), "{text}");
    assert!(text.contains("witness: at a = "), "{text}");
    assert!(text.contains("the step holds if"), "{text}");
    assert!(text.contains("final form"), "{text}");

    let actions = client.request(
        3,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": d["range"],
            "context": {"diagnostics": [d]}
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert!(action["title"]
        .as_str()
        .unwrap()
        .starts_with("Apply the hint: the step holds if"));
    let edits = action["edit"]["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], d["range"]);
    let new_text = edits[0]["newText"].as_str().unwrap();

    // Applying the fix as the editor would, the note checks clean.
    let fixed = NOTE.replacen("3a$$", &format!("{new_text}$$"), 1);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"text": fixed}]
        }),
    );
    let after = client.diagnostics();
    assert!(after.is_empty(), "after the fix {new_text:?}: {after:?}");

    // A hover away from any step has nothing to say.
    let nothing = client.request(
        4,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 1}}),
    );
    assert!(nothing.is_null());

    // A plain text file that is not a derivation has nothing to say.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///tmp/README.txt", "languageId": "plaintext", "version": 1, "text": "Bishop, Pattern Recognition\nrequests\n"}}),
    );
    assert!(client.diagnostics().is_empty());

    // A text past the command line's bound on one file is not checked, and says so.
    let huge = "a + a = 2a\n".repeat(300_000);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///tmp/huge.txt", "languageId": "plaintext", "version": 1, "text": huge}}),
    );
    let refused = client.diagnostics();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("not checked: the file is larger than 2 MiB"));

    let shutdown = client.request(5, "shutdown", Value::Null);
    assert!(shutdown.is_null());
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert!(status.success(), "the server exits cleanly: {status:?}");
}

/// The closest `verify.toml` above a document decides what it is checked with, as on
/// the command line: its shared declarations make the note verify, and one whose
/// declarations do not read is said, not silently dropped.
#[test]
fn the_editor_reads_the_verify_toml_above_the_document() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let root = common::scratch("lsp-config");
    let toml = root.join("verify.toml");
    std::fs::write(
        &toml,
        "declarations = '''\nassume \\sigma > 0\nlet p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)\n'''\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("notes")).unwrap();
    let uri = format!("file://{}/notes/mean.md", root.display());
    let note = "The mean:\n\n$$\n\\int x\\, p(x)\\, dx = \\mu\n$$\n";
    let mut client = Client::start();
    client.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": note}}),
    );
    let diagnostics = client.diagnostics();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    std::fs::write(&toml, "declarations = ['let f(x) = \\frac{1}{x']\n").unwrap();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": note}]}),
    );
    let diagnostics = client.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("not checked: the shared declarations of ")
            && message.contains("verify.toml:1:"),
        "{message}"
    );
}
