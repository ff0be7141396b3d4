//! Names the text gives a value where the step cannot see it: in prose that `verify`
//! leaves unread ("Let $H_1 = \frac{1}{2}\log(2\pi e\sigma_1^2)$", "where $\mu_2 =
//! 0$"), or by a definition written after the step (a definition holds from where it
//! is written on). The step reads such a name as a free symbol, so the numbers pick a
//! value for it; a witness that picks one is a point the author excluded by naming
//! the value, no witness against the author. Such a step is undecided, with the
//! numbers and the value named, and how to make `verify` read it.
//!
//! A verified step is left as it is: it holds for every value of the name, so for the
//! one the text gives too.

use crate::notes::NotesKind;
use crate::report::{StepVerdict, Verdict};
use crate::source::Span;
use crate::syntax::ast::{Expr, ExprKind, Ident, Item};
use crate::syntax::scan::{self, RelationKind};

/// How the text gives a name its value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Given {
    /// In prose `verify` does not read, anywhere in the file.
    Prose,
    /// By a declaration or a chain naming its value, from where it is written on.
    Definition,
}

/// A name the text gives a value, where and how.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Value {
    /// The name's key (`H_1`, `μ_2`).
    key: String,
    /// Where the value is given.
    span: Span,
    given: Given,
}

/// Every name a file gives a value, for weighing the witnesses against its steps.
#[derive(Debug, Clone, Default)]
pub(super) struct GivenElsewhere {
    values: Vec<Value>,
    /// The notes' kind, for the comment that declares a value; `None` for a
    /// derivation file.
    kind: Option<NotesKind>,
}

impl GivenElsewhere {
    /// The values given by the file's own `items` (as parsed: not the shared
    /// declarations put first, whose spans are another file's) and by the prose math
    /// at `prose` of `source`.
    pub(super) fn new(
        source: &str,
        items: &[Item],
        prose: &[Span],
        kind: Option<NotesKind>,
    ) -> GivenElsewhere {
        let mut values = Vec::new();
        for &span in prose {
            let Some(text) = source.get(span.range()) else {
                continue;
            };
            let Some((RelationKind::Equals, relation)) = scan::first_top_level_relation(text)
            else {
                continue;
            };
            if !crate::notes::is_a_formula(&text[relation.end..]) {
                continue;
            }
            let lhs = crate::syntax::parse_expr(&text[..relation.start]).ok();
            if let Some(key) = lhs.as_ref().and_then(named) {
                values.push(Value {
                    key,
                    span,
                    given: Given::Prose,
                });
            }
        }
        // A prose value read as a definition is a definition, from where it stands.
        values.retain(|value| {
            !items.iter().any(|item| {
                matches!(item, Item::Let(d) if d.span.start <= value.span.start
                    && value.span.end <= d.span.end)
            })
        });
        let mut define = |ident: &Ident, span: Span| {
            values.push(Value {
                key: ident.key(),
                span,
                given: Given::Definition,
            })
        };
        for item in items {
            match item {
                Item::Let(definition) if definition.params.is_empty() => {
                    define(&definition.name, definition.span)
                }
                Item::RandomVariable(rv) => rv.names.iter().for_each(|n| define(n, rv.span)),
                // `H = …` then `= …`: the chain gives its value the name `H`.
                Item::Chain(chain) if chain.connectives.is_empty() && chain.steps.len() > 1 => {
                    if let ExprKind::Ident(name) = &chain.steps[0].expr.kind {
                        let whole = chain.steps.iter().map(|s| s.expr.span).reduce(Span::join);
                        define(name, whole.unwrap_or(chain.steps[0].expr.span));
                    }
                }
                _ => {}
            }
        }
        GivenElsewhere { values, kind }
    }

    /// A wrong verdict on the step at `step` whose witness picks a value for a name
    /// the text gives one where the step cannot see it becomes undecided.
    pub(super) fn weigh(&self, source: &str, verdict: &mut StepVerdict, step: Span) {
        let Verdict::Wrong { point, .. } = &verdict.verdict else {
            return;
        };
        let given = point.iter().find_map(|(name, _)| {
            self.values
                .iter()
                .find(|v| v.key == *name && (v.given == Given::Prose || v.span.start > step.start))
        });
        let Some(given) = given else {
            return;
        };
        let written = super::quoted(source.get(given.span.range()).unwrap_or_default());
        let why = match given.given {
            Given::Prose => {
                let declare = format!("let {written}");
                let declare = match self.kind {
                    Some(kind) => super::notes::comment(kind, &declare),
                    None => declare,
                };
                format!(
                    "but the text gives `{}` a value in prose (`{written}`), which is not read; to have it read, declare it: `{declare}`",
                    given.key
                )
            }
            Given::Definition => format!(
                "but `{}` is given a value after this step (`{written}`), and a definition holds from where it is written; move it above the step",
                given.key
            ),
        };
        super::beside::no_witness(verdict, &why);
    }
}

/// The name a left side gives a value: `H_1`, or `\sigma` in `\sigma^2`.
fn named(lhs: &Expr) -> Option<String> {
    match &lhs.kind {
        ExprKind::Ident(name) => Some(name.key()),
        ExprKind::Pow(base, _) => match &base.kind {
            ExprKind::Ident(name) => Some(name.key()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys given in prose by the inline math bodies of `source` between `$`s.
    fn prose_keys(source: &str) -> Vec<String> {
        let dollars: Vec<usize> = source.match_indices('$').map(|(i, _)| i).collect();
        let spans: Vec<Span> = dollars
            .chunks(2)
            .map(|pair| Span::new(pair[0] + 1, pair[1]))
            .collect();
        let given = GivenElsewhere::new(source, &[], &spans, None);
        given.values.into_iter().map(|v| v.key).collect()
    }

    #[test]
    fn a_formula_in_prose_gives_a_name_a_value_and_a_number_or_a_name_does_not() {
        assert_eq!(
            prose_keys(r"we have $H_1 = \frac{1}{2}\log(2\pi e\sigma_1^2)$ and $t = x - \mu$"),
            ["H_1", "t"]
        );
        assert_eq!(prose_keys(r"with $\sigma^2 = \tau^2 + 1$"), ["σ"]);
        // Set for a moment while the steps stay general: numbers, constants, a lone
        // name, a list; and what is not `name = …` at all.
        for source in [
            r"when $\mu_1 = 0$",
            r"at $x = \frac{1}{2}$",
            r"here $c = 2\pi$",
            r"at $x = \mu$",
            r"when $\mu_1 = 0, \sigma_1 = 1$",
            r"so $a + b = c d$",
            r"and $x > y + 1$",
        ] {
            assert!(prose_keys(source).is_empty(), "{source}");
        }
    }

    /// A wrong verdict at `point`.
    fn wrong_at(point: &[(&str, f64)]) -> StepVerdict {
        StepVerdict {
            against: 1,
            verdict: Verdict::Wrong {
                point: point.iter().map(|(n, v)| (n.to_string(), *v)).collect(),
                lhs: 1.0,
                rhs: 2.0,
                difference: None,
                hint: None,
                fixed: None,
                edit: None,
            },
            normal_forms: None,
        }
    }

    #[test]
    fn only_a_witness_that_picks_a_value_the_text_gives_is_set_aside() {
        let source = "a + b = 1\nlet b = 2\nlet c = 3";
        let doc = crate::syntax::parse(&crate::source::SourceFile::new("t.txt", source)).doc;
        let given = GivenElsewhere::new(source, &doc.items, &[], None);
        let step = Span::new(8, 9);
        // `b` is defined after the step: no witness.
        let mut verdict = wrong_at(&[("a", 0.5), ("b", 1.5)]);
        given.weigh(source, &mut verdict, step);
        match &verdict.verdict {
            Verdict::Undecided { reason, .. } => {
                assert!(reason.contains("`b` is given a value after this step (`let b = 2`)"))
            }
            other => panic!("{other:?}"),
        }
        // Names the text gives no value, or gives one before the step: still wrong.
        let mut verdict = wrong_at(&[("a", 0.5)]);
        given.weigh(source, &mut verdict, step);
        assert!(matches!(verdict.verdict, Verdict::Wrong { .. }));
        let mut verdict = wrong_at(&[("c", 0.5)]);
        given.weigh(source, &mut verdict, Span::new(source.len(), source.len()));
        assert!(matches!(verdict.verdict, Verdict::Wrong { .. }));
    }
}
