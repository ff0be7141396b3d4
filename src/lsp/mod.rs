//! `verify lsp`: a Language Server over stdio (`lsp-server`, `lsp-types`) for `.md`,
//! `.tex`, `.txt` and `.ipynb` files: diagnostics published when a file is opened or
//! changed, a hover on a step with its rule, facts and its chain's final form, and a
//! quick fix that applies a proved hint. Positions are UTF-16, as the protocol says.
//!
//! Files are checked on the one thread that reads the messages, with the same
//! pipeline and bounds as the command line. Changes are coalesced: a file is checked
//! once the messages waiting have been read, so typing fast checks the last text only.
//! A hover or code action on a file with changes not yet checked checks it first.
//! The server holds the engine's lock while it runs, as any `verify` does. A `.txt`
//! file that is not a derivation (a README) gets no diagnostics, as a walk skips it.

pub mod content;
pub mod position;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use anyhow::Context as _;
use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    HoverParams, HoverProviderCapability, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use crate::check::{check_source, CheckConfig};
use crate::engine::Engine;
use crate::report::FileReport;
use crate::source::SourceFile;
use position::Mapper;

/// Serves on stdin and stdout until the client shuts the server down.
pub fn serve(config: CheckConfig) -> anyhow::Result<()> {
    // The engine first, while stdout is free: Symbolica prints its licence notice at
    // first use (sent on to stderr), and lsp-server's writer holds stdout's lock for
    // as long as it runs, so a notice printed after it starts would wait forever. A
    // reason it cannot start is published on every file instead.
    let _ = Engine::start();
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    connection
        .initialize(serde_json::to_value(capabilities)?)
        .context("the client's initialize")?;
    let mut server = Server {
        connection,
        config,
        documents: HashMap::new(),
        stale: BTreeSet::new(),
    };
    server.run()?;
    drop(server);
    io_threads.join().context("closing stdio")?;
    Ok(())
}

/// An open file: its text as the editor has it, and its report once checked.
struct Document {
    uri: Uri,
    text: String,
    version: Option<i32>,
    report: Option<FileReport>,
}

struct Server {
    connection: Connection,
    config: CheckConfig,
    documents: HashMap<String, Document>,
    /// Documents changed since they were last checked.
    stale: BTreeSet<String>,
}

impl Server {
    fn run(&mut self) -> anyhow::Result<()> {
        loop {
            let message = match self.connection.receiver.try_recv() {
                Ok(m) => m,
                Err(TryRecvError::Empty) => {
                    // Every waiting message read: check what changed, then wait.
                    self.check_stale()?;
                    match self.connection.receiver.recv() {
                        Ok(m) => m,
                        Err(_) => return Ok(()),
                    }
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.request(request)?;
                }
                Message::Notification(n) => self.notification(n)?,
                Message::Response(_) => {}
            }
        }
    }

    fn notification(&mut self, n: Notification) -> anyhow::Result<()> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let key = p.text_document.uri.as_str().to_string();
                self.documents.insert(
                    key.clone(),
                    Document {
                        uri: p.text_document.uri,
                        text: p.text_document.text,
                        version: Some(p.text_document.version),
                        report: None,
                    },
                );
                self.stale.insert(key);
            }
            DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let key = p.text_document.uri.as_str().to_string();
                if let (Some(doc), Some(change)) = (
                    self.documents.get_mut(&key),
                    p.content_changes.into_iter().last(),
                ) {
                    // Full sync: each change is the whole text.
                    doc.text = change.text;
                    doc.version = Some(p.text_document.version);
                    self.stale.insert(key);
                }
            }
            DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                let key = p.text_document.uri.as_str().to_string();
                self.stale.remove(&key);
                if let Some(doc) = self.documents.remove(&key) {
                    self.publish(&doc.uri, Vec::new(), None)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> anyhow::Result<()> {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => {
                let p: HoverParams = serde_json::from_value(request.params)?;
                let key = p
                    .text_document_position_params
                    .text_document
                    .uri
                    .as_str()
                    .to_string();
                self.check_now(&key)?;
                let hover = self.documents.get(&key).and_then(|doc| {
                    let report = doc.report.as_ref()?;
                    let mapper = Mapper::new(&report.file, &doc.text);
                    content::hover(report, &mapper, p.text_document_position_params.position)
                });
                serde_json::to_value(hover)?
            }
            CodeActionRequest::METHOD => {
                let p: CodeActionParams = serde_json::from_value(request.params)?;
                let key = p.text_document.uri.as_str().to_string();
                self.check_now(&key)?;
                let actions: Vec<CodeActionOrCommand> = self
                    .documents
                    .get(&key)
                    .and_then(|doc| {
                        let report = doc.report.as_ref()?;
                        let mapper = Mapper::new(&report.file, &doc.text);
                        Some(content::code_actions(report, &mapper, &doc.uri, p.range))
                    })
                    .unwrap_or_default()
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction)
                    .collect();
                serde_json::to_value(actions)?
            }
            method => {
                let response = Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("verify does not answer {method}"),
                );
                self.connection.sender.send(Message::Response(response))?;
                return Ok(());
            }
        };
        self.connection
            .sender
            .send(Message::Response(Response::new_ok(id, result)))?;
        Ok(())
    }

    fn check_stale(&mut self) -> anyhow::Result<()> {
        for key in std::mem::take(&mut self.stale) {
            self.check(&key)?;
        }
        Ok(())
    }

    fn check_now(&mut self, key: &str) -> anyhow::Result<()> {
        if self.stale.remove(key) {
            self.check(key)?;
        }
        Ok(())
    }

    /// Checks one document and publishes its diagnostics.
    fn check(&mut self, key: &str) -> anyhow::Result<()> {
        let Some(doc) = self.documents.get_mut(key) else {
            return Ok(());
        };
        let path = path_of(&doc.uri);
        let too_large = doc.text.len() as u64 > crate::inputs::MAX_FILE_BYTES;
        // A `.txt` file is checked only if it is a derivation, as a folder walk
        // decides: an editor attaches the server to every plain text file.
        let prose = path.extension().is_some_and(|e| e == "txt")
            && !crate::inputs::is_derivation(&doc.text);
        let diagnostics = match Engine::start() {
            Ok(_) if prose => {
                doc.report = None;
                Vec::new()
            }
            // The command line's bound on one file holds for an editor's text too.
            Ok(_) if too_large => {
                doc.report = None;
                vec![lsp_types::Diagnostic {
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    source: Some("verify".into()),
                    message: format!(
                        "not checked: the file is larger than {} MiB",
                        crate::inputs::MAX_FILE_BYTES >> 20
                    ),
                    ..lsp_types::Diagnostic::default()
                }]
            }
            Ok(_) => {
                // The closest `verify.toml` above the document decides what it is
                // checked with (its shared declarations too), read at every check so
                // an edit to it is seen; one that does not read is said on line 1.
                let config = match crate::config::discovery::for_editor(&path) {
                    Ok(found) => found.unwrap_or_else(|| self.config.clone()),
                    Err(why) => {
                        doc.report = None;
                        let diagnostic = lsp_types::Diagnostic {
                            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                            source: Some("verify".into()),
                            message: format!("not checked: {why}"),
                            ..lsp_types::Diagnostic::default()
                        };
                        let (uri, version) = (doc.uri.clone(), doc.version);
                        return self.publish(&uri, vec![diagnostic], version);
                    }
                };
                let report = check_source(SourceFile::new(path, doc.text.clone()), &config);
                let mapper = Mapper::new(&report.file, &doc.text);
                let diagnostics = content::diagnostics(&report, &mapper);
                doc.report = Some(report);
                diagnostics
            }
            Err(why) => vec![lsp_types::Diagnostic {
                severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                source: Some("verify".into()),
                message: format!("not checked: {why}"),
                ..lsp_types::Diagnostic::default()
            }],
        };
        let (uri, version) = (doc.uri.clone(), doc.version);
        self.publish(&uri, diagnostics, version)
    }

    fn publish(
        &self,
        uri: &Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> anyhow::Result<()> {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        let n = Notification::new(PublishDiagnostics::METHOD.into(), params);
        self.connection.sender.send(Message::Notification(n))?;
        Ok(())
    }
}

/// The path a `file:` URI names (percent-decoded), which decides how the text is
/// read (its extension) and how it is shown; another scheme keeps its last segment.
fn path_of(uri: &Uri) -> PathBuf {
    let text = uri.as_str();
    let path = text.strip_prefix("file://").unwrap_or(text);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    PathBuf::from(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_uri_is_its_decoded_path() {
        let uri: Uri = "file:///home/a/My%20notes/%CF%83.md".parse().unwrap();
        assert_eq!(path_of(&uri), PathBuf::from("/home/a/My notes/σ.md"));
    }
}
