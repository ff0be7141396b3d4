//! Running deep recursion on a thread with a large stack.
//!
//! The parser and the numeric evaluator recurse once per nesting level; unoptimised
//! builds use tens of KiB per level, more than a 2 MiB test thread has at the depth
//! limits we allow. Only touched pages are ever committed, so a generous reservation
//! costs nothing.

/// Run `work` on a new thread named `name` with `stack_bytes` of stack, and return its
/// result; a panic in `work` is resumed on the caller. If no thread can be started,
/// `work` runs on the caller's thread.
pub fn with_stack<T: Send>(name: &str, stack_bytes: usize, work: impl FnOnce() -> T + Send) -> T {
    let task = std::sync::Mutex::new(Some(work));
    let run = || {
        let work = task.lock().ok().and_then(|mut slot| slot.take());
        work.map(|work| work())
    };
    let on_thread = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .stack_size(stack_bytes)
            .spawn_scoped(scope, run);
        match spawned.map(|handle| handle.join()) {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => None,
        }
    });
    match on_thread {
        Some(result) => result,
        // The thread did not start, so the task is still in its slot.
        None => run().expect("the task ran neither on its thread nor here"),
    }
}
