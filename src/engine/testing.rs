//! Test helpers that run on the engine thread.

use super::symbols::Symbols;
use super::Engine;

/// Run `f` on the engine thread with the symbol table; a failed assertion inside `f`
/// fails the calling test.
pub fn on_engine<R: Send + 'static>(f: impl FnOnce(&mut Symbols) -> R + Send + 'static) -> R {
    match Engine::global().run(f) {
        Ok(r) => r,
        Err(blocker) => panic!("{blocker}"),
    }
}
