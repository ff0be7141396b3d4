//! `\bar{x}` named by the text itself: `\hat{\mu} = \frac{1}{n}\sum_{i=1}^{n} x_i = \bar{x}`.
//!
//! An undeclared `\bar{x}` beside data `x_i` has two readings (their mean, or a symbol
//! of its own), so it is refused (`ResolveErrorKind::BarOfData`). But notes very often
//! end the estimate of μ by *naming* it: the last `=` of a chain puts the never-declared
//! `\bar{x}` beside exactly `\frac{1}{n}\sum_{i=1}^{n} x_i`. There the text says which
//! reading it means, and `\bar{x}` is that mean wherever the note uses it, as if
//! declared by `let \bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i` before the first line.
//!
//! Only the mean itself names it, written as the text wrote it (`\frac{1}{n}\sum`,
//! `\frac{\sum}{n}`, with `n` the sum's own upper bound from 1): `\frac{1}{n-1}\sum x_i
//! = \bar{x}` is not the mean, and leaves `\bar{x}` refused rather than defined by a
//! formula that may be the author's slip. Two different means (`n` and `m`) for one
//! name, a `let` of it, or a chain it heads (which names that chain) leave it alone.

use std::collections::BTreeMap;

use crate::source::Span;
use crate::syntax::ast::{Definition, DivSign, Document, Expr, ExprKind, Ident, Item, SeriesOp};
use crate::syntax::sexpr;

/// The definitions the text makes by writing a bar of data beside the data's mean, one
/// per name; none for a name the document declares, or names a chain with.
pub(super) fn named_by_the_text(doc: &Document) -> Vec<Definition> {
    let mut found: BTreeMap<String, Option<Definition>> = BTreeMap::new();
    for item in &doc.items {
        let Item::Chain(chain) = item else { continue };
        // In a chain of equations, neighbours are sides of an equation, not claimed
        // equal for every value.
        if !chain.connectives.is_empty() {
            continue;
        }
        for (i, pair) in chain.steps.windows(2).enumerate() {
            let (left, right) = (&pair[0].expr, &pair[1].expr);
            // A bar heading its chain names the chain instead.
            let candidates = [(right, left, true), (left, right, i > 0)];
            for (bar, other, allowed) in candidates {
                let Some(name) = bar_name(bar) else { continue };
                if !allowed || !is_mean_of(other, name.base.trim_end_matches(BARS)) {
                    continue;
                }
                let definition = Definition {
                    name: name.clone(),
                    params: Vec::new(),
                    body: other.clone(),
                    span: other.span,
                };
                found
                    .entry(name.key())
                    .and_modify(|kept| {
                        let same = kept
                            .as_ref()
                            .is_some_and(|k| sexpr(&k.body) == sexpr(&definition.body));
                        if !same {
                            *kept = None;
                        }
                    })
                    .or_insert(Some(definition));
            }
        }
    }
    found
        .into_iter()
        .filter(|(key, _)| !declared_otherwise(doc, key))
        .filter_map(|(_, definition)| definition)
        .collect()
}

/// `let \bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i` for prose that calls `bar` (written at
/// `span`) the sample mean ("where $\bar{x}$ is the sample mean"): the count and index
/// those of the sums over the data `x_i` in `doc`, which must all run over one range
/// from 1. `None` when they do not, when there are none, or when `doc` declares the
/// name otherwise.
pub fn said_to_be_the_mean(doc: &Document, bar: &Ident, span: Span) -> Option<Definition> {
    let base = bar.base.strip_suffix(BARS)?;
    if bar.subscript.is_some() || declared_otherwise(doc, &bar.key()) {
        return None;
    }
    let mut ranges: Vec<(&Ident, &Expr, &Expr)> = Vec::new();
    for item in &doc.items {
        let Item::Chain(chain) = item else { continue };
        for step in &chain.steps {
            sums_of_data(&step.expr, base, &mut ranges);
        }
    }
    let (index, _, upper) = *ranges.first()?;
    let from_one = |lower: &Expr| matches!(&lower.kind, ExprKind::Number(n) if n == "1");
    let one_range = ranges
        .iter()
        .all(|(i, l, u)| i.key() == index.key() && from_one(l) && sexpr(u) == sexpr(upper));
    if !one_range {
        return None;
    }
    let at = |kind: ExprKind| Expr::new(kind, span);
    let datum = Ident {
        subscript: Some(index.key()),
        ..Ident::plain(base, span)
    };
    let sum = at(ExprKind::Series {
        op: SeriesOp::Sum,
        index: index.clone(),
        lower: Box::new(at(ExprKind::Number("1".into()))),
        upper: Box::new(upper.clone()),
        body: Box::new(at(ExprKind::Ident(datum))),
    });
    let share = at(ExprKind::Div(
        Box::new(at(ExprKind::Number("1".into()))),
        Box::new(upper.clone()),
        DivSign::Frac,
    ));
    Some(Definition {
        name: bar.clone(),
        params: Vec::new(),
        body: at(ExprKind::Mul(
            Box::new(share),
            Box::new(sum),
            crate::syntax::ast::MulSign::Implicit,
        )),
        span,
    })
}

/// The index and bounds of every sum in `expr` whose body mentions `base` subscripted
/// by its index.
fn sums_of_data<'e>(expr: &'e Expr, base: &str, out: &mut Vec<(&'e Ident, &'e Expr, &'e Expr)>) {
    if let ExprKind::Series {
        index,
        lower,
        upper,
        body,
        ..
    } = &expr.kind
    {
        if mentions_datum(body, base, &index.key()) {
            out.push((index, lower, upper));
        }
    }
    for child in crate::syntax::children(expr) {
        sums_of_data(child, base, out);
    }
}

fn mentions_datum(expr: &Expr, base: &str, index: &str) -> bool {
    matches!(&expr.kind, ExprKind::Ident(id) if id.base == base && id.subscript.as_deref() == Some(index))
        || crate::syntax::children(expr)
            .into_iter()
            .any(|child| mentions_datum(child, base, index))
}

/// The combining bars a name's base may end with (`\bar`, `\overline`).
const BARS: [char; 2] = ['\u{304}', '\u{305}'];

/// `\bar{x}`: a name with a bar and no subscript.
fn bar_name(expr: &Expr) -> Option<&Ident> {
    match &expr.kind {
        ExprKind::Ident(id) if id.subscript.is_none() && id.base.ends_with(BARS) => Some(id),
        _ => None,
    }
}

/// Whether `expr` is the mean of the data `base_i`: `\frac{1}{n}\sum_{i=1}^{n} x_i` or
/// `\frac{\sum_{i=1}^{n} x_i}{n}`, the count being the sum's own upper bound.
fn is_mean_of(expr: &Expr, base: &str) -> bool {
    match &expr.kind {
        ExprKind::Mul(factor, series, _) => match &factor.kind {
            ExprKind::Div(one, count, DivSign::Frac) => {
                matches!(&one.kind, ExprKind::Number(n) if n == "1")
                    && is_sum_of_data(series, base, count)
            }
            _ => false,
        },
        ExprKind::Div(series, count, DivSign::Frac) => is_sum_of_data(series, base, count),
        _ => false,
    }
}

/// `\sum_{i=1}^{count} base_i`.
fn is_sum_of_data(expr: &Expr, base: &str, count: &Expr) -> bool {
    let ExprKind::Series {
        op: SeriesOp::Sum,
        index,
        lower,
        upper,
        body,
    } = &expr.kind
    else {
        return false;
    };
    let from_one = matches!(&lower.kind, ExprKind::Number(n) if n == "1");
    let datum = matches!(&body.kind, ExprKind::Ident(id)
        if id.base == base && id.subscript.as_deref() == Some(index.key().as_str()));
    from_one && datum && sexpr(upper) == sexpr(count)
}

/// Whether `doc` declares `key` itself, or heads a chain with it.
fn declared_otherwise(doc: &Document, key: &str) -> bool {
    doc.items.iter().any(|item| match item {
        Item::Let(definition) => definition.name.key() == key,
        Item::Chain(chain) => chain
            .steps
            .first()
            .and_then(|head| bar_name(&head.expr))
            .is_some_and(|name| name.key() == key && chain.steps.len() > 1),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let parsed = crate::syntax::parse(&crate::source::SourceFile::new("t.txt", text));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        named_by_the_text(&parsed.doc)
            .iter()
            .map(|d| format!("{} = {}", d.name.key(), sexpr(&d.body)))
            .collect()
    }

    #[test]
    fn the_mean_at_the_end_of_a_chain_names_the_bar() {
        let named = names(r"\hat{\mu} = \frac{1}{n}\sum_{i=1}^{n} x_i = \bar{x}");
        assert_eq!(named.len(), 1, "{named:?}");
        assert!(named[0].starts_with("x\u{304} = "), "{named:?}");
        assert_eq!(
            names(r"a = \frac{\sum_{i=1}^{n} x_i}{n} = \bar{x}").len(),
            1
        );
    }

    #[test]
    fn words_name_the_mean_over_the_one_range_of_the_data() {
        let said = |text: &str| {
            let parsed = crate::syntax::parse(&crate::source::SourceFile::new("t.txt", text));
            let bar = Ident::plain("x\u{304}", Span::new(0, 1));
            said_to_be_the_mean(&parsed.doc, &bar, Span::new(0, 1)).map(|d| sexpr(&d.body))
        };
        let one = said(r"\sum_{i=1}^{n} x_i = \sum_{i=1}^{n} x_i");
        assert_eq!(
            one.as_deref(),
            Some("(mul (frac (num 1) (id n)) (sum i (num 1) (id n) (id x_i)))")
        );
        // Two ranges, a range from 0, or no sums of the data: which mean?
        assert_eq!(said(r"\sum_{i=1}^{n} x_i = \sum_{i=1}^{m} x_i"), None);
        assert_eq!(said(r"\sum_{i=0}^{n} x_i = \sum_{i=0}^{n} x_i"), None);
        assert_eq!(said(r"\sum_{i=1}^{n} y_i = \sum_{i=1}^{n} y_i"), None);
    }

    #[test]
    fn anything_but_the_mean_names_nothing() {
        // Not the mean: the count differs, the sum starts at 0, other data.
        assert!(names(r"a = \frac{1}{n-1}\sum_{i=1}^{n} x_i = \bar{x}").is_empty());
        assert!(names(r"a = \frac{1}{m}\sum_{i=1}^{n} x_i = \bar{x}").is_empty());
        assert!(names(r"a = \frac{1}{n}\sum_{i=0}^{n} x_i = \bar{x}").is_empty());
        assert!(names(r"a = \frac{1}{n}\sum_{i=1}^{n} y_i = \bar{x}").is_empty());
        // Declared, or heading its chain (which names the chain): left to those.
        let declared = "let \\bar{x} = 3\na = \\frac{1}{n}\\sum_{i=1}^{n} x_i = \\bar{x}";
        assert!(names(declared).is_empty());
        assert!(names(r"\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i").is_empty());
        // Two different means for one name.
        let two = "a = \\frac{1}{n}\\sum_{i=1}^{n} x_i = \\bar{x}\nb = \\frac{1}{m}\\sum_{i=1}^{m} x_i = \\bar{x}";
        assert!(names(two).is_empty());
    }
}
