//! The symbolic engine: the only module that names Symbolica.
//!
//! Symbolica's unlicensed mode allows one Symbolica thread per OS user at a time; a
//! second one, in this process or another, is killed with SIGABRT. So all Symbolica
//! work runs on one long-lived thread that owns every `Atom`, fed by a channel of
//! plain-Rust requests ([`Term`] in, [`SymbolicOutcome`] / [`Term`] out). Before that
//! thread touches Symbolica, a file lock of our own is taken ([`lock`]), so two
//! `verify` processes wait for each other instead of crashing; when it cannot be taken
//! the engine does not start ([`Engine::start`] says why). Symbolica's log lines and
//! the licence notice it prints on first use go to stderr ([`output`]), so that stdout
//! stays machine-readable.
//!
//! What the engine does with a step is in [`compare`]; the rule families are in
//! [`rules`].

mod binders;
mod cache;
mod compare;
mod convert;
mod domain;
mod equations;
mod facts;
mod limits;
mod lock;
mod normalize;
mod output;
mod positivity;
mod prover;
mod rules;
mod simplify;
mod symbols;
#[cfg(test)]
pub(crate) mod testing;
mod walk;

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;

use crate::program::Context;
use crate::term::{Name, Term};
use crate::verdict::{Blocker, Condition, Fact, FamilySet, Limits};

pub use compare::SymbolicOutcome;
pub use equations::Sign;

/// A step for the engine to decide: is `lhs = rhs` under `context`?
#[derive(Debug, Clone)]
pub struct StepQuery {
    /// Declarations and assumptions.
    pub context: Arc<Context>,
    /// The previous expression.
    pub lhs: Term,
    /// The claimed equal expression.
    pub rhs: Term,
    /// Values substituted into `lhs` only (a specialisation's bindings); empty for an
    /// ordinary step.
    pub substitution: Vec<(Name, Term)>,
    /// The families the engine may use.
    pub families: FamilySet,
    /// Bounds on the work.
    pub limits: Limits,
}

/// What the engine proved about a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Proof {
    /// The smallest set of families that proves the step.
    pub families: FamilySet,
    /// The named Gaussian facts it relies on.
    pub facts: Vec<Fact>,
    /// Where it holds: the step is about expressions defined only there (`x ≠ 0` for
    /// `x/x = 1`). Empty when it holds for every value of the assumptions.
    pub conditions: Vec<Condition>,
}

/// The engine thread's stack. Conversion, normal forms and Symbolica itself recurse
/// once per level of a term, and the parser accepts terms thousands of levels deep
/// (200 levels of brackets, each holding up to 500 operations in a row); the default
/// 2 MiB overflowed on 200 levels in a debug build (a deep seed input written for the
/// fuzzer). Only touched pages are committed, so a generous reservation costs nothing.
const ENGINE_STACK_BYTES: usize = 256 << 20;

/// A handle to the engine thread. Cheap to share; every call blocks until the engine
/// has answered.
pub struct Engine {
    requests: Mutex<Sender<Job>>,
    /// Why the engine is not running, for an engine that could not start.
    down: Option<String>,
}

/// Why the engine could not start: its lock could not be taken (the message names what
/// was found and ends with the fix), or no thread could be started.
#[derive(Debug, Clone)]
pub struct StartError(String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

type Job = Box<dyn FnOnce(&mut State) + Send>;

/// Everything the engine thread owns: the symbol table and the normal-form cache.
pub(crate) struct State {
    /// Which Symbolica symbol stands for which name.
    pub(crate) symbols: symbols::Symbols,
    /// Normal forms computed so far for the current file.
    pub(crate) normal_forms: std::cell::RefCell<cache::NormalForms>,
    /// The declarations of the latest contexts, as the rules consult them, most
    /// recent first.
    pub(crate) compiled: Vec<rules::Compiled>,
    /// The bounds of the job being run; every job sets them first.
    pub(crate) limits: Limits,
}

impl Engine {
    /// The process-wide engine, started on first use. If it cannot start, every
    /// request to it is refused (`Blocker::Internal`, naming why); a program calls
    /// [`Engine::start`] first, to stop with the reason instead.
    pub fn global() -> &'static Engine {
        static DOWN: OnceLock<Engine> = OnceLock::new();
        match Engine::start() {
            Ok(engine) => engine,
            Err(why) => DOWN.get_or_init(|| Engine::down(why.to_string())),
        }
    }

    /// Start the process-wide engine unless it is running: take the engine lock
    /// (waiting while another `verify` of this user holds it), then start the engine
    /// thread. Symbolica is not touched before the lock is held, and never when it
    /// cannot be taken.
    pub fn start() -> Result<&'static Engine, &'static StartError> {
        static ENGINE: OnceLock<Result<Engine, StartError>> = OnceLock::new();
        ENGINE.get_or_init(Engine::spawn).as_ref()
    }

    fn spawn() -> Result<Engine, StartError> {
        let lock = lock::acquire().map_err(|e| StartError(e.to_string()))?;
        let (tx, rx) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::channel::<()>();
        thread::Builder::new()
            .name("verify-engine".into())
            .stack_size(ENGINE_STACK_BYTES)
            .spawn(move || engine_thread(lock, rx, ready_tx))
            .map_err(|e| StartError(format!("cannot start the engine thread: {e}")))?;
        // Wait until the licence notice has been printed (to stderr) before anyone
        // writes to stdout, which is redirected meanwhile.
        ready_rx
            .recv()
            .map_err(|_| StartError("the engine thread stopped while starting".into()))?;
        Ok(Engine {
            requests: Mutex::new(tx),
            down: None,
        })
    }

    /// An engine that refuses every request, saying `why`.
    fn down(why: String) -> Engine {
        let (tx, _) = mpsc::channel::<Job>();
        Engine {
            requests: Mutex::new(tx),
            down: Some(why),
        }
    }

    /// Run `job` on the engine thread and return its result. A panic inside the job
    /// becomes `Err(Blocker::Internal)`; the engine thread survives it.
    fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut State) -> R + Send + 'static,
    ) -> Result<R, Blocker> {
        self.submit(job)()
    }

    /// Queue `job` on the engine thread now; the answer is waited for when the
    /// returned function is called.
    fn submit<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut State) -> R + Send + 'static,
    ) -> impl FnOnce() -> Result<R, Blocker> + Send + '_ {
        let (tx, rx) = mpsc::channel();
        let wrapped: Job = Box::new(move |state| {
            let result = panic::catch_unwind(AssertUnwindSafe(|| job(state)));
            let _ = tx.send(result.map_err(panic_message));
        });
        let stopped = move || {
            let why = self
                .down
                .as_deref()
                .unwrap_or("the engine thread has stopped");
            Blocker::Internal(why.into())
        };
        let sent = self
            .requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .send(wrapped);
        move || {
            sent.map_err(|_| stopped())?;
            rx.recv().map_err(|_| stopped())?.map_err(Blocker::Internal)
        }
    }

    /// `limits` with the clock of a new step started now: pass the result with every
    /// request made for the step (its proof, hints, `--explain`, the simplified
    /// difference), so that they all share one deadline. Taking `&self` means the
    /// engine is already running, so waiting for another process's engine lock is
    /// never counted against a step.
    pub fn start_step(&self, limits: Limits) -> Limits {
        limits.start_step()
    }

    /// Forget every cached normal form, so the next check starts cold, as a fresh
    /// process would; for benchmarks.
    pub fn forget_normal_forms(&self) {
        let _ = self.run(|state| *state.normal_forms.borrow_mut() = Default::default());
    }

    /// Run `job` on a step query: its terms (substituted values included) checked
    /// against its bounds first, and the bounds set for the job. Every step request
    /// goes through here, so no request can skip a bound.
    fn run_query<R: Send + 'static>(
        &self,
        query: StepQuery,
        job: impl FnOnce(&StepQuery, &mut State) -> R + Send + 'static,
    ) -> Result<R, Blocker> {
        self.submit_query(query, job)()
    }

    /// [`Engine::run_query`], queued now and waited for when the returned function is
    /// called; the bounds are checked before anything is queued.
    fn submit_query<R: Send + 'static>(
        &self,
        query: StepQuery,
        job: impl FnOnce(&StepQuery, &mut State) -> R + Send + 'static,
    ) -> Box<dyn FnOnce() -> Result<R, Blocker> + Send + '_> {
        // The left side as it will be normalised: with the values substituted, so
        // `(7^{1000})^{y}` with y = 1000 is caught too.
        let specialised = compare::specialised_term(&query);
        let within = [&specialised, &query.rhs]
            .into_iter()
            .chain(query.substitution.iter().map(|(_, value)| value))
            .try_for_each(|t| limits::check_shared_term(t, &query.context, &query.limits));
        if let Err(blocker) = within {
            return Box::new(move || Err(blocker));
        }
        Box::new(self.submit(move |state| {
            state.limits = query.limits;
            job(&query, state)
        }))
    }

    /// Decide one step.
    pub fn check_step(&self, query: StepQuery) -> SymbolicOutcome {
        self.run_query(query, compare::check_step)
            .unwrap_or_else(SymbolicOutcome::Blocked)
    }

    /// [`Engine::check_step`], begun now on the engine thread; its answer is waited
    /// for when the returned function is called, so the caller can work meanwhile.
    pub fn begin_check_step(
        &self,
        query: StepQuery,
    ) -> impl FnOnce() -> SymbolicOutcome + Send + '_ {
        let answer = self.submit_query(query, compare::check_step);
        move || answer().unwrap_or_else(SymbolicOutcome::Blocked)
    }

    /// Whether the step holds under all of the query's families; no search for the
    /// smallest set, no facts. For checking a hint about a wrong step.
    pub fn holds(&self, query: StepQuery) -> bool {
        self.run_query(query, compare::holds).unwrap_or(false)
    }

    /// The normal forms of both sides of a step under `families`, for `--explain`.
    pub fn normal_forms(
        &self,
        query: StepQuery,
        families: FamilySet,
    ) -> Result<(Term, Term), Blocker> {
        self.run_query(query, move |query, state| {
            compare::normal_forms(query, families, state)
        })?
    }

    /// `num / den` simplified, with its sign when known: the factor by which one
    /// equation of a chain of equations is the one before (see `equations`).
    pub fn ratio(
        &self,
        context: Arc<Context>,
        num: Term,
        den: Term,
        limits: Limits,
    ) -> Result<(Term, Option<Sign>), Blocker> {
        limits::check_shared_term(&num, &context, &limits)?;
        limits::check_shared_term(&den, &context, &limits)?;
        self.run(move |state| {
            state.limits = limits;
            equations::ratio(&context, &num, &den, state)
        })?
    }

    /// The smallest form the engine finds for `term`.
    pub fn final_form(
        &self,
        context: Arc<Context>,
        term: Term,
        limits: Limits,
    ) -> Result<Term, Blocker> {
        limits::check_shared_term(&term, &context, &limits)?;
        self.run(move |state| {
            state.limits = limits;
            simplify::final_form(&context, &term, state)
        })?
    }
}

fn engine_thread(lock: std::fs::File, jobs: Receiver<Job>, ready: Sender<()>) {
    // Held for the thread's (and so the process's) lifetime: the OS releases it on exit.
    let _lock = lock;
    output::route_logs_to_stderr();
    let symbols = output::notice_to_stderr(|| {
        let symbols = symbols::Symbols::new();
        walk::warm_up(&symbols);
        symbols
    });
    let mut state = State {
        symbols,
        normal_forms: Default::default(),
        compiled: Vec::new(),
        limits: Limits::default(),
    };
    let _ = ready.send(());
    for job in jobs {
        job(&mut state);
    }
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}
