//! Mutation tests: every derivation in `derivations/` verifies, so a small textual
//! change to one of its steps (a sign, a coefficient, a subscript, a dropped term, a
//! square added or removed) must make that step fail — unless the change does not
//! alter the step's value.
//!
//! Mutants are made on the text of the steps only (the spans the report gives for
//! chain steps), so declarations, `specialise` lines, chain names and layout are never
//! touched, and one mutant changes one place. Each mutant is checked as a file: the
//! original with the change, cut after the line of the step that judges the changed
//! expression (nothing later can alter that verdict), so chain names, specialisations
//! and earlier chains work as they do for a user; the engine's cache of normal forms
//! keeps the unchanged steps cheap.
//!
//! A mutant is *equivalent* when the mutated expression has the original's value: the
//! numeric evaluator compares the two expressions (not the step) at three seeds of its
//! own, and agreement at every one excludes the mutant from the assertion. A mutant
//! that does not parse (or names something undeclared) is counted apart. Every other
//! mutant must be caught: its step is `Wrong`, `Undecided` or `Inconsistent`, never
//! `Verified`.
//!
//! `MUTANTS_ONLY=gauss_mle_joint.txt cargo test --test mutants` mutates that one
//! derivation, for working on it.

mod common;

use std::collections::BTreeMap;
use std::collections::HashSet;
use std::time::Instant;

use common::{relative, root};
use verify::check::{check_source, CheckConfig};
use verify::numeric::{self, NumericEnv, NumericOutcome};
use verify::report::{ExitStatus, FileReport, Verdict};
use verify::source::{SourceFile, Span};
use verify::syntax::ast::{Expr, Item};

/// Kinds of mutation.
const KINDS: [&str; 5] = ["sign", "coefficient", "subscript", "drop term", "square"];

/// Most mutants checked per file, sampled evenly (deterministically) when there are
/// more: a mutant of the KL derivation takes ≈0.2 s to check in a debug build, and
/// all 324 of them would take over a minute on their own. At 160 per file the 35
/// derivations give 2118 mutants, checked in 265 s in a debug build here (only the KL
/// derivation has more); before integrals were remembered (`numeric/remembered.rs`),
/// the exponential and uniform laws' mutants took seconds each and this test took 18
/// minutes of a clean-clone CI run.
const MAX_PER_FILE: usize = 160;

/// One textual change: `text[start..end]` becomes `replacement`.
#[derive(Debug, Clone)]
struct Mutation {
    kind: &'static str,
    start: usize,
    end: usize,
    replacement: String,
}

impl Mutation {
    /// Where the step written at `span` in the original is in the mutant.
    fn moved(&self, span: Span) -> Span {
        let end = span.end + self.replacement.len() - (self.end - self.start);
        Span::new(span.start, end)
    }

    fn apply(&self, text: &str) -> String {
        format!(
            "{}{}{}",
            &text[..self.start],
            self.replacement,
            &text[self.end..]
        )
    }

    fn describe(&self, text: &str) -> String {
        format!(
            "{}: `{}` → `{}` at byte {}",
            self.kind,
            &text[self.start..self.end],
            self.replacement,
            self.start
        )
    }
}

/// Every mutation of the step expression `text[span]`.
fn mutations(text: &str, span: Span) -> Vec<Mutation> {
    let s = &text[span.start..span.end];
    let at = |start: usize, end: usize, kind: &'static str, replacement: &str| Mutation {
        kind,
        start: span.start + start,
        end: span.start + end,
        replacement: replacement.to_string(),
    };
    let bytes = s.as_bytes();
    let mut out = Vec::new();

    // Flip one sign.
    for (i, c) in s.char_indices() {
        match c {
            '+' => out.push(at(i, i + 1, "sign", "-")),
            '-' => out.push(at(i, i + 1, "sign", "+")),
            _ => {}
        }
    }

    // Change one numeric coefficient n → n + 1; digits of subscripts and exponents
    // are left to the other kinds.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let before = &s[..start];
            let script = before.ends_with('_')
                || before.ends_with('^')
                || before.ends_with("_{")
                || before.ends_with("^{");
            if !script {
                if let Ok(n) = s[start..i].parse::<u64>() {
                    out.push(at(start, i, "coefficient", &(n + 1).to_string()));
                }
            }
        } else {
            i += 1;
        }
    }

    // Swap one subscript 1 ↔ 2.
    for (pattern, replacement) in [
        ("_1", "_2"),
        ("_2", "_1"),
        ("_{1}", "_{2}"),
        ("_{2}", "_{1}"),
    ] {
        for (i, _) in s.match_indices(pattern) {
            let next = bytes.get(i + pattern.len());
            if next.is_some_and(|b| b.is_ascii_digit()) {
                continue;
            }
            out.push(at(i, i + pattern.len(), "subscript", replacement));
        }
    }

    // Drop one top-level summand.
    let signs = top_level_signs(s);
    if !signs.is_empty() {
        let mut bounds = vec![0];
        bounds.extend(&signs);
        bounds.push(s.len());
        for w in 0..bounds.len() - 1 {
            let (from, to) = (bounds[w], bounds[w + 1]);
            if w == 0 {
                if s[..to].trim().is_empty() {
                    continue; // a leading sign, not a summand
                }
                // The first summand: drop it and a `+` after it.
                let to = if bytes[to] == b'+' { to + 1 } else { to };
                out.push(at(from, to, "drop term", ""));
            } else {
                out.push(at(from, to, "drop term", ""));
            }
        }
    }

    // Remove one square, or add one after a closing parenthesis or a Greek symbol.
    for pattern in ["^2", "^{2}"] {
        for (i, _) in s.match_indices(pattern) {
            out.push(at(i, i + pattern.len(), "square", ""));
        }
    }
    let free_after = |end: usize| {
        !matches!(
            bytes.get(end),
            Some(b'^' | b'_' | b'(' | b'{' | b'a'..=b'z')
        )
    };
    for (i, c) in s.char_indices() {
        if c == ')' && free_after(i + 1) {
            out.push(at(i + 1, i + 1, "square", "^2"));
        }
    }
    for name in [r"\mu", r"\sigma"] {
        for (i, _) in s.match_indices(name) {
            let mut end = i + name.len();
            if s[end..].starts_with('_') {
                end += if s[end..].starts_with("_{") {
                    s[end..].find('}').map_or(2, |k| k + 1)
                } else {
                    2
                };
            }
            if end <= s.len() && free_after(end) {
                out.push(at(end, end, "square", "^2"));
            }
        }
    }
    out
}

/// Byte offsets of the `+` and `-` that separate summands at the top level of `s`
/// (outside every bracket, not right after an operator or at the start).
fn top_level_signs(s: &str) -> Vec<usize> {
    let mut depth = 0i32;
    let mut signs = Vec::new();
    let mut last_significant: Option<char> = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '+' | '-' if depth == 0 => {
                let after_operand = last_significant
                    .is_some_and(|p| !matches!(p, '+' | '-' | '^' | '_' | '*' | '/' | '='));
                if after_operand {
                    signs.push(i);
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            last_significant = Some(c);
        }
    }
    signs
}

/// What became of one mutant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fate {
    NotParsed,
    Equivalent,
    Caught,
    Survived,
}

/// The step expressions of `doc`, by span.
fn step_exprs(doc: &verify::syntax::ast::Document) -> Vec<&Expr> {
    doc.items
        .iter()
        .filter_map(|item| match item {
            Item::Chain(chain) => Some(chain.steps.iter().map(|s| &s.expr)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Whether two byte ranges share a byte.
fn overlap(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The verdict that judges the expression written in `within`: the step's own, or for
/// a chain's first expression (which has none) the next step's. An expression written once but read in two chains (the set equation `B
/// \overset{!}{=} 0`: `B` ends a chain of equalities, `B = 0` starts the chain of
/// equations) is judged by the step that is exactly it, when there is one.
fn verdict_at(report: &FileReport, within: Span) -> Option<&Verdict> {
    let steps = || {
        report
            .chains
            .iter()
            .flat_map(|chain| (0..chain.steps.len()).map(move |k| (chain, k)))
    };
    let exact = steps().find(|(chain, k)| chain.steps[*k].span == within);
    for (chain, k) in exact.into_iter().chain(steps()) {
        let step = &chain.steps[k];
        if overlap(step.span, within) {
            let judged = match &step.verdict {
                Some(v) => Some(v),
                None => chain.steps.get(k + 1).and_then(|s| s.verdict.as_ref()),
            };
            return judged.map(|v| &v.verdict);
        }
    }
    None
}

/// Whether the mutated expression has the original's value at every point the
/// numeric evaluator tries, at three seeds unrelated to the checker's.
fn equivalent(original: &str, mutated: &str, original_span: Span, within: Span) -> bool {
    // Both read as the checker reads them: parsed, then resolved.
    let parse = |name: &str, text: &str| {
        let parsed = verify::syntax::parse(&SourceFile::new(name, text));
        verify::syntax::resolve(&parsed.doc)
    };
    let (before, after) = (parse("original", original), parse("mutant", mutated));
    let find = |doc: &verify::syntax::ast::Document, hit: &dyn Fn(Span) -> bool| {
        step_exprs(doc).into_iter().find(|e| hit(e.span)).cloned()
    };
    // An equation of a chain of equations (the report's step is the whole `L = R`):
    // the mutant is equivalent when its equation has the same solutions, as when it
    // is the original times a factor of one sign (`0 = 2f` for `0 = f`).
    let equation = |doc: &verify::syntax::ast::Document, hit: &dyn Fn(Span) -> bool| {
        equation_difference(doc, hit)
    };
    match (
        equation(&before.doc, &|s| overlap(s, original_span)),
        equation(&after.doc, &|s| overlap(s, within)),
    ) {
        (Some(old), Some(new)) => {
            return NumericEnv::new(&after.doc).is_ok_and(|env| same_solutions(&env, &old, &new))
        }
        (None, None) => {}
        _ => return false,
    }
    let old = find(&before.doc, &|s| s == original_span);
    let new = find(&after.doc, &|s| overlap(s, within));
    let (Some(old), Some(new)) = (old, new) else {
        return false;
    };
    // Vectors and matrices: the numbers at J = 1, 2, 3.
    if [&old, &new]
        .iter()
        .any(|e| numeric::matrix::mentions_matrices(&after.doc, e))
    {
        return (0..3).all(|k| {
            matches!(
                numeric::matrix::compare(&after.doc, &old, &new, 0x6d75_7461_6e74 + k),
                NumericOutcome::Agree { .. }
            )
        });
    }
    let Ok(env) = NumericEnv::new(&after.doc) else {
        return false;
    };
    (0..3).all(|k| {
        matches!(
            numeric::compare(&env, &old, &new, None, 0x6d75_7461_6e74 + k),
            NumericOutcome::Agree { .. }
        )
    })
}

/// `L − R` of the equation of a chain of equations one of whose sides is at `hit`.
fn equation_difference(
    doc: &verify::syntax::ast::Document,
    hit: &dyn Fn(Span) -> bool,
) -> Option<Expr> {
    use verify::syntax::ast::ExprKind;
    doc.items.iter().find_map(|item| match item {
        Item::Chain(c) if !c.connectives.is_empty() => {
            let i = c.steps.iter().position(|s| hit(s.expr.span))?;
            let (l, r) = (&c.steps.get(i & !1)?.expr, &c.steps.get(i | 1)?.expr);
            Some(Expr::new(
                ExprKind::Sub(Box::new(l.clone()), Box::new(r.clone())),
                l.span.join(r.span),
            ))
        }
        _ => None,
    })
}

/// Whether `new = c·old` for a `c` of one sign at a dozen sample points (data and
/// counts sampled as the checker samples them): the same solutions, numerically.
fn same_solutions(env: &NumericEnv, old: &Expr, new: &Expr) -> bool {
    let mut symbols = numeric::free_symbols(env, old);
    symbols.extend(numeric::free_symbols(env, new));
    let mut counts = numeric::counts(env, old);
    counts.extend(numeric::counts(env, new));
    let mut sampler = numeric::sample::Sampler::new(&symbols, env.positive_symbols(), 0x6571_7561)
        .with_counts(&counts);
    let mut signs = HashSet::new();
    let mut usable = 0;
    for _ in 0..12 {
        let Some(point) = sampler.next_point() else {
            break;
        };
        let (Ok(a), Ok(b)) = (
            numeric::eval(env, old, &point),
            numeric::eval(env, new, &point),
        ) else {
            continue;
        };
        if a.abs() < 1e-9 {
            if b.abs() > 1e-6 {
                return false;
            }
            continue;
        }
        let ratio = b / a;
        if !ratio.is_finite() || ratio.abs() < 1e-9 {
            return false;
        }
        signs.insert(ratio > 0.0);
        usable += 1;
    }
    usable >= 4 && signs.len() == 1
}

#[test]
fn mutated_steps_are_never_verified() {
    let started = Instant::now();
    let config = CheckConfig::default();
    let mut paths: Vec<_> = std::fs::read_dir(root().join("derivations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| std::env::var("MUTANTS_ONLY").map_or(true, |only| p.ends_with(&only)))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 4 || std::env::var("MUTANTS_ONLY").is_ok(),
        "the derivations are there: {paths:?}"
    );

    let mut counts: BTreeMap<Fate, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, BTreeMap<Fate, usize>> = BTreeMap::new();
    let mut survivors = Vec::new();
    let mut generated = 0;
    let (mut checking, mut comparing) = (0.0, 0.0);
    for path in &paths {
        let file_started = Instant::now();
        let name = relative(path).display().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let report = check_source(SourceFile::new(name.clone(), text.clone()), &config);
        assert!(
            report
                .verdicts()
                .all(|v| matches!(v, Verdict::Verified { .. })),
            "{name} verifies before it is mutated"
        );
        // Each step, with the end of the step that judges it: itself, or for a chain's
        // first expression the next one.
        let spans: Vec<(Span, usize)> = report
            .chains
            .iter()
            .flat_map(|c| {
                c.steps.iter().enumerate().map(|(k, s)| match s.verdict {
                    Some(_) => (s.span, s.span.end),
                    None => (
                        s.span,
                        c.steps.get(k + 1).map_or(s.span.end, |n| n.span.end),
                    ),
                })
            })
            .collect();

        let mut seen = HashSet::new();
        let mut mutants: Vec<(Mutation, Span, String)> = Vec::new();
        for &(span, judged_end) in &spans {
            for m in mutations(&text, span) {
                let mutated = m.apply(&text);
                if mutated != text && seen.insert(mutated.clone()) {
                    // Nothing after the line of the step that judges the mutated
                    // expression can change that step's verdict: cut it off.
                    let judged_end = m.moved(Span::new(span.start, judged_end)).end;
                    let cut = mutated[judged_end..]
                        .find('\n')
                        .map_or(mutated.len(), |k| judged_end + k + 1);
                    mutants.push((m, span, mutated[..cut].to_string()));
                }
            }
        }
        let total = mutants.len();
        if total > MAX_PER_FILE {
            // Evenly spaced in generation order (step by step, kind by kind), so each
            // step and each kind keeps its share.
            let mut k = 0;
            mutants.retain(|_| {
                k += 1;
                (k - 1) * MAX_PER_FILE / total != k * MAX_PER_FILE / total
            });
        }
        generated += mutants.len();

        for (m, span, mutated) in &mutants {
            let within = m.moved(*span);
            let t = Instant::now();
            let mreport = check_source(SourceFile::new(name.clone(), mutated.clone()), &config);
            checking += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let parsed = mreport.syntax_errors.is_empty() && mreport.lower_errors.is_empty();
            let same = parsed && equivalent(&text, mutated, *span, within);
            comparing += t.elapsed().as_secs_f64();
            let fate = if !parsed {
                Fate::NotParsed
            } else if same {
                Fate::Equivalent
            } else {
                match verdict_at(&mreport, within) {
                    Some(Verdict::Verified { .. }) => Fate::Survived,
                    Some(_) => Fate::Caught,
                    // The mutation left no step of its own (a left side changed into
                    // a restatement of the chain before, so it continues that chain):
                    // it is caught only if the file as a whole does not pass.
                    None if mreport.status() == ExitStatus::Verified => Fate::Survived,
                    None => Fate::Caught,
                }
            };
            let line = text[..m.start].matches('\n').count() + 1;
            match fate {
                Fate::Equivalent => {
                    eprintln!(
                        "mutants: equivalent: {name} line {line}: {}",
                        m.describe(&text)
                    )
                }
                Fate::NotParsed => {
                    eprintln!(
                        "mutants: not parsed: {name} line {line}: {}",
                        m.describe(&text)
                    )
                }
                Fate::Caught | Fate::Survived => {}
            }
            if fate == Fate::Survived {
                let verdict = match verdict_at(&mreport, within) {
                    Some(v) => format!("{v:?}"),
                    None => "no step judges it (the file passes)".to_string(),
                };
                survivors.push(format!(
                    "{name} line {line}: {} — {verdict}",
                    m.describe(&text),
                ));
            }
            *counts.entry(fate).or_default() += 1;
            *by_kind.entry(m.kind).or_default().entry(fate).or_default() += 1;
        }
        eprintln!(
            "mutants: {name}: {} of {total} checked in {:.1} s",
            mutants.len(),
            file_started.elapsed().as_secs_f64()
        );
    }

    let count = |f: Fate| counts.get(&f).copied().unwrap_or(0);
    for kind in KINDS {
        let k = by_kind.get(kind).cloned().unwrap_or_default();
        let c = |f: Fate| k.get(&f).copied().unwrap_or(0);
        eprintln!(
            "mutants: {kind:12} not parsed {:3}, equivalent {:3}, caught {:3}, survived {}",
            c(Fate::NotParsed),
            c(Fate::Equivalent),
            c(Fate::Caught),
            c(Fate::Survived)
        );
    }
    eprintln!(
        "mutants: generated {generated}, not parsed {}, equivalent {}, caught {} \
         ({:.1} s: {checking:.1} s checking, {comparing:.1} s finding equivalents)",
        count(Fate::NotParsed),
        count(Fate::Equivalent),
        count(Fate::Caught),
        started.elapsed().as_secs_f64()
    );
    assert!(
        survivors.is_empty(),
        "verified mutants:\n{}",
        survivors.join("\n")
    );
    assert!(count(Fate::Caught) > 0, "some mutant was checked");
    assert_eq!(
        count(Fate::Caught),
        generated - count(Fate::NotParsed) - count(Fate::Equivalent)
    );
}
