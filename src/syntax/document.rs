//! Assembles the parsed rows of a file into its document: a head opens a chain,
//! continuations extend it, connectives extend a chain of equations, directives close
//! it, and brace claims and set equations are placed where they belong.

use super::ast::{Chain, Connective, Document, Item, Step};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::line::{LineItem, LineKind, ParsedLine, RowSteps};
use super::Parsed;
use crate::source::Span;

/// Whether continuation lines have a chain to join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum ChainState {
    /// No chain yet, or a directive ended it: a continuation is an error.
    #[default]
    Closed,
    /// The last item is a chain that continuations extend.
    Open,
    /// The open chain's last row set an equation (`… \overset{!}{=} 0`): only a
    /// connective may follow, which opens the chain of equations it starts.
    Set,
    /// The chain's head line had an error: its continuations are parsed for their own
    /// errors but dropped, rather than reported again as having no chain.
    Broken,
}

/// Assembles line results into a document.
#[derive(Debug, Default)]
pub(super) struct DocumentBuilder {
    items: Vec<Item>,
    errors: Vec<SyntaxError>,
    chain: ChainState,
    /// The brace claims of the open chain's lines, placed after it when it ends (so
    /// that its continuations still extend it).
    side_claims: Vec<Chain>,
    /// The equation the last row set (`B \overset{!}{=} 0`), with `ChainState::Set`:
    /// the first equation of a chain of equations if a connective follows; nothing to
    /// check otherwise (a condition the author imposes is not a claim).
    set_equation: Option<Chain>,
    /// See [`Parsed::set_or_claimed`].
    set_or_claimed: Vec<crate::source::Span>,
}

impl DocumentBuilder {
    pub(super) fn add(&mut self, line: ParsedLine) {
        // A new head, or a directive that closes the chain (not a random variable's
        // declaration): the open chain is done.
        let closes = match &line.result {
            Ok(LineItem::Head(_)) => true,
            Ok(LineItem::Directive(item)) => !matches!(item, Item::RandomVariable(_)),
            _ => false,
        };
        if closes {
            self.flush_side_claims();
        }
        if !matches!(
            line.result,
            Ok(LineItem::Implication { .. }) | Ok(LineItem::Blank)
        ) {
            self.set_equation = None;
        }
        self.side_claims.extend(line.side_claims);
        match line.result {
            Ok(item) => {
                self.add_item(item);
                // `… \quad (\sigma > 0)`: the premise, before the chain it is beside.
                for condition in line.conditions {
                    self.add_item(LineItem::Condition(Item::Assume(condition)));
                }
            }
            Err(error) => {
                self.errors.push(error);
                match line.kind {
                    LineKind::Head => self.chain = ChainState::Broken,
                    LineKind::Directive(_) => self.chain = ChainState::Closed,
                    LineKind::Blank
                    | LineKind::Implication
                    | LineKind::Continuation
                    | LineKind::Distribution
                    | LineKind::Condition
                    | LineKind::Law => {}
                }
            }
        }
    }

    fn add_item(&mut self, item: LineItem) {
        match item {
            LineItem::Blank => {}
            // A random variable's declaration states a fact, in the middle of a
            // derivation as often as before it: the open chain stays open.
            LineItem::Directive(item @ Item::RandomVariable(_)) | LineItem::Condition(item) => {
                let open_chain = self.items.pop_if(|last| matches!(last, Item::Chain(_)));
                self.items.push(item);
                self.items.extend(open_chain);
            }
            LineItem::Directive(item) => {
                self.items.push(item);
                self.chain = ChainState::Closed;
            }
            LineItem::Head(RowSteps {
                steps,
                set_to,
                set_first,
            }) => {
                let set = set_to.map(|value| {
                    let mut set = equation(steps.last(), value);
                    if set_first {
                        // `0 = f = g`: the equation `0 = g`, in the author's order.
                        set.steps.reverse();
                    }
                    set
                });
                // `A \overset{!}{=} 0` alone sets an equation and claims no step.
                if steps.len() > 1 || set.is_none() {
                    self.items.push(Item::Chain(Chain {
                        steps,
                        name: None,
                        connectives: Vec::new(),
                    }));
                }
                self.open_or_set(set);
            }
            LineItem::Implication {
                connective,
                steps,
                at,
                written,
                restated,
            } => {
                if !restated.is_empty() {
                    let mut claim = equation(steps.get(1), restated[0].clone());
                    claim.steps.extend(restated.into_iter().skip(1));
                    self.side_claims.push(claim);
                }
                self.add_equation(connective, steps, at, written)
            }
            LineItem::Continuation {
                steps: RowSteps { steps, set_to, .. },
                equals,
            } => match (self.chain, self.items.last_mut()) {
                // `= c` after `\iff a = b`: an equation is `L = R`, not a chain.
                (ChainState::Open, Some(Item::Chain(chain))) if chain.connectives.is_empty() => {
                    chain.steps.extend(steps);
                    let set = set_to.map(|value| equation(chain.steps.last(), value));
                    self.open_or_set(set);
                }
                (ChainState::Set, _) => self.errors.push(SyntaxError {
                    span: equals,
                    kind: SyntaxErrorKind::AfterSetEquation("\\overset{!}{=}".into()),
                }),
                (ChainState::Broken, _) => {}
                _ => self.errors.push(SyntaxError {
                    span: equals,
                    kind: SyntaxErrorKind::ContinuationWithoutChain,
                }),
            },
        }
    }

    /// `\Rightarrow L = R`: the next equation of the open chain of equations, or the
    /// first after the one the last row set.
    fn add_equation(
        &mut self,
        connective: Connective,
        steps: Vec<Step>,
        at: Span,
        written: String,
    ) {
        match (self.chain, self.items.last_mut()) {
            (ChainState::Set, _) if self.set_equation.is_some() => {
                let Some(mut chain) = self.set_equation.take() else {
                    return;
                };
                chain.connectives.push(connective);
                chain.steps.extend(steps);
                self.items.push(Item::Chain(chain));
                self.chain = ChainState::Open;
            }
            // One equation open (`0 = f`), or a chain of equations already.
            (ChainState::Open, Some(Item::Chain(chain)))
                if chain.steps.len() == 2 || !chain.connectives.is_empty() =>
            {
                chain.connectives.push(connective);
                chain.steps.extend(steps);
            }
            // `A = B = 0 \Rightarrow C = D`: the steps are claimed, and the last `=`
            // is the first equation (see `Parsed::set_or_claimed`).
            (ChainState::Open, Some(Item::Chain(chain)))
                if chain.steps.len() > 2 && ends_set_to_zero(chain) =>
            {
                let zero = chain.steps.len() - 1;
                self.set_or_claimed.push(chain.steps[zero].expr.span);
                let mut equation = Chain {
                    steps: chain.steps[zero - 1..].to_vec(),
                    name: None,
                    connectives: vec![connective],
                };
                equation.steps.extend(steps);
                self.items.push(Item::Chain(equation));
            }
            (ChainState::Broken, _) => {}
            _ => {
                self.errors.push(SyntaxError {
                    span: at,
                    kind: SyntaxErrorKind::ImplicationWithoutEquation(written),
                });
            }
        }
    }

    /// After a row of steps: the chain stays open, or the row set an equation.
    fn open_or_set(&mut self, set: Option<Chain>) {
        self.chain = match set {
            Some(_) => ChainState::Set,
            None => ChainState::Open,
        };
        self.set_equation = set;
    }

    fn flush_side_claims(&mut self) {
        let claims = std::mem::take(&mut self.side_claims);
        self.items.extend(claims.into_iter().map(Item::Chain));
    }

    pub(super) fn finish(mut self) -> Parsed {
        self.flush_side_claims();
        Parsed {
            doc: Document { items: self.items },
            errors: self.errors,
            set_or_claimed: self.set_or_claimed,
        }
    }
}

/// Whether a chain of equalities ends `… = 0` and does not start with `0` (`0 = f = g`
/// has no one equation a connective after it continues: `0 = f` or `f = g`?).
fn ends_set_to_zero(chain: &Chain) -> bool {
    let is_zero = |step: Option<&Step>| {
        step.is_some_and(
            |s| matches!(&s.expr.kind, crate::syntax::ast::ExprKind::Number(n) if n == "0"),
        )
    };
    chain.connectives.is_empty() && is_zero(chain.steps.last()) && !is_zero(chain.steps.first())
}

/// The equation `last = value` an `=` that sets an equation writes, as the first of a
/// chain of equations.
fn equation(last: Option<&Step>, value: Step) -> Chain {
    Chain {
        steps: last.cloned().into_iter().chain([value]).collect(),
        name: None,
        connectives: Vec::new(),
    }
}
