//! Substitution: the values a specialisation gives (`μ₂ = 0, σ₂ = 1`) replace their
//! symbols. Also the plain variable-for-atom replacement the other families use.

use symbolica::atom::{Atom, AtomView, Symbol};

use crate::engine::walk::map_views_bottom_up;

/// Replace every occurrence of each symbol by its value.
pub fn substitute(atom: &Atom, pairs: &[(Symbol, &Atom)]) -> Atom {
    if pairs.is_empty() {
        return atom.clone();
    }
    map_views_bottom_up(atom.as_view(), &mut |a| match a {
        AtomView::Var(v) => pairs
            .iter()
            .find(|(s, _)| *s == v.get_symbol())
            .map(|(_, value)| (*value).clone()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::specialised;

    #[test]
    fn the_seeds_specialisation() {
        insta::assert_snapshot!(specialised(
            "let p_1(x) = N(x; \\mu_1, \\sigma_1^2)\nlet p_2(x) = N(x; \\mu_2, \\sigma_2^2)",
            r"\log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}",
            r"\mu_2 = 0, \sigma_2^2 = 1",
            r"-\log\sigma_1 + \frac{\sigma_1^2 + \mu_1^2}{2} - \frac{1}{2}",
        ), @"proved by algebra, log & exp laws, substitution");
    }

    #[test]
    fn a_wrong_claim_about_a_specialisation_differs() {
        insta::assert_snapshot!(specialised("", "a^2 + b", "a = 2", "b + 2"), @"differs by −2");
    }
}
