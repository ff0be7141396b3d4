//! The entries of `\operatorname{diag}(d_1, \dots, d_J)`, read one way for both
//! opinions: the first entry names its index with the subscript `1` (`\sigma_1^2`),
//! the last is the first with every such subscript the dimension (`\sigma_J^2`), and
//! the `j`-th entry is the first with each of them the `j`-th datum (`σ_j²` inside a
//! sum over `j`, as [`ExprKind::Indexed`]). Entries that do not fit that pattern
//! (`diag(a, \dots, b)`, `diag(\sigma_1, \dots, \sigma_K)` in dimension J,
//! `diag(\sigma_1, \dots, \tau_J)`) are refused with the reason: which entries lie
//! between would be a guess.

use super::ast::{children_mut, Expr, ExprKind, Ident};
use super::sexpr;

/// The entry at `index` (a name, the sum's index or a number's stand-in) of the
/// diagonal matrix written with entries `first, \dots, last` in dimension `dim`.
pub fn diagonal_entry(first: &Expr, last: &Expr, dim: &str, index: &Ident) -> Result<Expr, String> {
    let mut indexed = 0;
    let at_last = renamed(first, &mut indexed, &|id| {
        ExprKind::Ident(Ident {
            subscript: Some(dim.to_string()),
            ..id.clone()
        })
    });
    if indexed == 0 {
        return Err(
            "a diagonal matrix whose first entry names no index `_1` (`\\sigma_1^2`)".to_string(),
        );
    }
    if sexpr(&at_last) != sexpr(last) {
        return Err(format!(
            "a diagonal matrix whose last entry is not its first with the index `1` made the dimension `{dim}`"
        ));
    }
    let mut count = 0;
    Ok(renamed(first, &mut count, &|id| ExprKind::Indexed {
        base: Box::new(Ident {
            subscript: None,
            ..id.clone()
        }),
        index: Box::new(index.clone()),
    }))
}

/// `expr` with every name subscripted `1` replaced by `with(name)`, counting them.
fn renamed(expr: &Expr, count: &mut usize, with: &dyn Fn(&Ident) -> ExprKind) -> Expr {
    let mut out = expr.clone();
    rename_in(&mut out, count, with);
    out
}

fn rename_in(expr: &mut Expr, count: &mut usize, with: &dyn Fn(&Ident) -> ExprKind) {
    if let ExprKind::Ident(id) = &expr.kind {
        if id.subscript.as_deref() == Some("1") {
            *count += 1;
            expr.kind = with(id);
        }
        return;
    }
    for child in children_mut(expr) {
        rename_in(child, count, with);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn entry(first: &str, last: &str) -> Result<String, String> {
        let parse = |t: &str| crate::syntax::parse_expr(t).expect("parses");
        let index = Ident {
            base: "j".into(),
            subscript: None,
            span: Span::new(0, 0),
        };
        diagonal_entry(&parse(first), &parse(last), "J", &index).map(|e| sexpr(&e))
    }

    #[test]
    fn the_entry_is_the_first_with_its_index() {
        assert_eq!(
            entry(r"\sigma_1^2", r"\sigma_J^2").as_deref(),
            Ok("(pow (idx σ j) (num 2))")
        );
        assert_eq!(
            entry(r"a_1 b_1", r"a_J b_J").as_deref(),
            Ok("(mul (idx a j) (idx b j))")
        );
        assert!(entry(r"\sigma_1", r"\sigma_K").is_err());
        assert!(entry(r"a", r"b").is_err());
        assert!(entry(r"a_1", r"b_J").is_err());
    }
}
