//! Printing a [`Term`] for people: Unicode for terminals (`log(σ₂/σ₁) − 1/2`) and LaTeX
//! for notes (`\log \frac{\sigma_2}{\sigma_1} - \frac{1}{2}`).
//!
//! Products are split into numerator and denominator, so `a·b^(−1)` prints as a
//! fraction; negative terms print as subtraction; logarithms come first and plain
//! numbers last, which is how derivations are usually written.

use crate::term::{Endpoint, Infinity, Name, Rational, SeriesOp, Special, Term};

/// The term in Unicode.
pub fn unicode(term: &Term) -> String {
    Printer { latex: false }.sum_level(term)
}

/// The term in LaTeX.
pub fn latex(term: &Term) -> String {
    Printer { latex: true }.sum_level(term)
}

/// A floating-point value for people: short, without float noise, with a real minus
/// sign, and in scientific notation when very large or small.
pub fn number(x: f64) -> String {
    let text = if x == x.trunc() && x.abs() < 1e15 {
        format!("{x:.0}")
    } else if x.abs() >= 1e6 || x.abs() < 1e-4 {
        format!("{x:.6e}")
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    text.replace('-', "−")
}

/// Parameter values for people, `μ₁ = −2, σ₁ = 0.5`: the witness of a wrong step.
pub fn assignments<'a>(values: impl IntoIterator<Item = (&'a str, f64)>) -> String {
    values
        .into_iter()
        .map(
            |(name, value)| match crate::numeric::series::data_base(name) {
                // The data of a sum: the first values, from which every other follows.
                Some(base) => {
                    let data: Vec<String> = (1..=crate::numeric::series::SHOWN_DATA)
                        .map(|k| number(crate::numeric::series::datum(base, value, k as f64)))
                        .collect();
                    let base = unicode_name(&Name::new(base));
                    format!("{base}_1, {base}_2, … = {}, …", data.join(", "))
                }
                None => format!("{} = {}", unicode_name(&Name::new(name)), number(value)),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// A name in Unicode: `σ_1` → `σ₁`.
pub fn unicode_name(name: &Name) -> String {
    let (base, sub) = split_name(name);
    match sub {
        Some(sub) if sub.chars().all(|c| c.is_ascii_digit()) => {
            let digits: String = sub
                .chars()
                .map(|c| char::from_u32('₀' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
                .collect();
            format!("{base}{digits}")
        }
        Some(sub) => format!("{base}_{sub}"),
        None => base.to_string(),
    }
}

/// A name in LaTeX: `σ_1` → `\sigma_1`.
pub fn latex_name(name: &Name) -> String {
    let (base, sub) = split_name(name);
    let accent = [('\u{304}', "bar"), ('\u{302}', "hat")]
        .into_iter()
        .find_map(|(mark, command)| Some((base.strip_suffix(mark)?, command)));
    let base = match accent {
        // `x̄` → `\bar{x}`, `μ̂` → `\hat{\mu}`, as `syntax` reads them.
        Some((inner, command)) => {
            let inner = crate::greek::command(inner)
                .map_or_else(|| inner.to_string(), |c| format!("\\{c}"));
            format!("\\{command}{{{inner}}}")
        }
        None => crate::greek::command(base).map_or_else(|| base.to_string(), |c| format!("\\{c}")),
    };
    let base = if base.chars().count() > 1 && !base.starts_with('\\') {
        format!("\\mathrm{{{base}}}")
    } else {
        base
    };
    match sub {
        Some(sub) if sub.chars().count() == 1 => format!("{base}_{sub}"),
        Some(sub) => format!("{base}_{{{sub}}}"),
        None => base,
    }
}

fn split_name(name: &Name) -> (&str, Option<&str>) {
    match name.as_str().split_once('_') {
        Some((base, sub)) => (base, Some(sub)),
        None => (name.as_str(), None),
    }
}

struct Printer {
    latex: bool,
}

/// A product taken apart for printing: `sign · coefficient · numerator / denominator`.
struct Fraction {
    negative: bool,
    coefficient: Rational,
    numerator: Vec<Term>,
    denominator: Vec<Term>,
}

impl Printer {
    fn sum_level(&self, term: &Term) -> String {
        let Term::Add(terms) = term else {
            return self.signed(term, true);
        };
        let mut ordered: Vec<&Term> = terms.iter().collect();
        ordered.sort_by_key(|t| (display_rank(t), self.fraction(t).negative));
        let mut out = String::new();
        for (i, t) in ordered.into_iter().enumerate() {
            out.push_str(&self.signed(t, i == 0));
        }
        out
    }

    /// A summand with its sign: `− a` / `+ a`, or `−a` / `a` when it comes first.
    fn signed(&self, term: &Term, first: bool) -> String {
        let fraction = self.fraction(term);
        let body = self.fraction_body(&fraction);
        let negated_sum = fraction.negative
            && fraction.coefficient == Rational::int(1)
            && fraction.denominator.is_empty()
            && matches!(fraction.numerator.as_slice(), [Term::Add(_)]);
        let body = if negated_sum {
            self.bracket(&body)
        } else {
            body
        };
        let minus = if self.latex { "-" } else { "−" };
        match (first, fraction.negative) {
            (true, false) => body,
            (true, true) => format!("{minus}{body}"),
            (false, false) => format!(" + {body}"),
            (false, true) => format!(" {minus} {body}"),
        }
    }

    fn fraction(&self, term: &Term) -> Fraction {
        let mut f = Fraction {
            negative: false,
            coefficient: Rational::int(1),
            numerator: Vec::new(),
            denominator: Vec::new(),
        };
        self.add_factors(term, false, &mut f);
        f
    }

    /// Sort the factors of `term` into `f`: numbers into the coefficient, negative
    /// powers into the denominator (`inverted` swaps the two sides, for `(a·b)^(−1)`
    /// written as a product in the author's own form).
    fn add_factors(&self, term: &Term, inverted: bool, f: &mut Fraction) {
        let factors: Vec<&Term> = match term {
            Term::Mul(fs) => fs.iter().collect(),
            other => vec![other],
        };
        for factor in factors {
            match factor {
                Term::Num(r) => {
                    f.negative ^= r.num() < 0;
                    let (num, den) = if inverted {
                        (r.den(), r.num().abs())
                    } else {
                        (r.num().abs(), r.den())
                    };
                    f.coefficient =
                        Rational::new(f.coefficient.num() * num, f.coefficient.den() * den)
                            .unwrap_or(f.coefficient);
                }
                Term::Pow(base, exp) => match negated_exponent(exp) {
                    Some(Term::Num(one)) if one == Rational::int(1) => {
                        self.add_factors(base, !inverted, f)
                    }
                    Some(positive) => {
                        let side = if inverted {
                            &mut f.numerator
                        } else {
                            &mut f.denominator
                        };
                        side.push(Term::pow((**base).clone(), positive));
                    }
                    None => {
                        let side = if inverted {
                            &mut f.denominator
                        } else {
                            &mut f.numerator
                        };
                        side.push(factor.clone());
                    }
                },
                other => {
                    let side = if inverted {
                        &mut f.denominator
                    } else {
                        &mut f.numerator
                    };
                    side.push(other.clone());
                }
            }
        }
    }

    fn fraction_body(&self, f: &Fraction) -> String {
        let (num_coefficient, den_coefficient) = (f.coefficient.num(), f.coefficient.den());
        let numerator = self.product(num_coefficient, &f.numerator);
        if den_coefficient == 1 && f.denominator.is_empty() {
            return numerator;
        }
        let denominator = self.product(den_coefficient, &f.denominator);
        if self.latex {
            return format!("\\frac{{{numerator}}}{{{denominator}}}");
        }
        let lone_sum = |factors: &[Term], coefficient: i64| {
            factors.len() == 1 && coefficient == 1 && matches!(factors[0], Term::Add(_))
        };
        let numerator = if lone_sum(&f.numerator, num_coefficient) {
            format!("({numerator})")
        } else {
            numerator
        };
        let denominator = if f.denominator.len() + usize::from(den_coefficient != 1) > 1
            || lone_sum(&f.denominator, den_coefficient)
        {
            format!("({denominator})")
        } else {
            denominator
        };
        format!("{numerator}/{denominator}")
    }

    /// `c · f₁ · f₂ …` written by juxtaposition.
    fn product(&self, coefficient: i64, factors: &[Term]) -> String {
        let mut parts: Vec<(String, bool)> = Vec::new();
        if coefficient != 1 || factors.is_empty() {
            parts.push((coefficient.to_string(), false));
        }
        let in_product = factors.len() + parts.len() > 1;
        for (i, f) in factors.iter().enumerate() {
            // `\log a b` reads as log(ab): a logarithm followed by another factor
            // keeps its parentheses, so the LaTeX means what the term does.
            let text = match f {
                Term::Log(arg) if self.latex && i + 1 < factors.len() => {
                    format!("\\log\\left({}\\right)", self.sum_level(arg))
                }
                _ => self.factor(f, in_product),
            };
            parts.push((text, matches!(f, Term::Call(..))));
        }
        let mut out = String::new();
        for (part, is_call) in &parts {
            let separator = if *is_call && !out.is_empty() && !self.latex {
                " "
            } else {
                self.separator(&out, part)
            };
            out.push_str(separator);
            out.push_str(part);
        }
        out
    }

    /// What goes between two juxtaposed factors: a digit after anything needs a visible
    /// product sign, a function name a space, and in LaTeX a letter after a command
    /// word a space (`\pi x`, not `\pix`).
    fn separator(&self, previous: &str, next: &str) -> &'static str {
        if previous.is_empty() {
            return "";
        }
        let starts_with_digit = next.starts_with(|c: char| c.is_ascii_digit());
        // `a\left(−1\right)^0` reads as a call a(−1) raised to 0: a bracket after a
        // name needs a visible product sign.
        let bracket_after_name = next.starts_with("\\left(")
            && previous.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '}');
        if self.latex && bracket_after_name {
            return " \\cdot ";
        }
        if self.latex {
            let letter_after_letter = previous.ends_with(|c: char| c.is_ascii_alphabetic())
                && next.starts_with(|c: char| c.is_ascii_alphabetic());
            if starts_with_digit {
                " \\cdot "
            } else if letter_after_letter {
                " "
            } else {
                ""
            }
        } else if starts_with_digit {
            "·"
        } else if ["log", "exp", "∫"].iter().any(|w| next.starts_with(w)) {
            " "
        } else {
            ""
        }
    }

    /// One factor of a product; sums get brackets when they share the product.
    fn factor(&self, term: &Term, in_product: bool) -> String {
        match term {
            Term::Add(_) | Term::Mul(_) | Term::Num(_) => {
                let s = self.sum_level(term);
                if in_product {
                    self.bracket(&s)
                } else {
                    s
                }
            }
            // The body of a sum runs over the product it starts: one factor among
            // others is bracketed whole.
            Term::Series { .. } if in_product => self.bracket(&self.atom(term)),
            _ => self.atom(term),
        }
    }

    /// `Σ_{i=1}^{n} body`, the body bracketed unless it is one product.
    fn series(&self, op: SeriesOp, var: &Name, lower: &Term, upper: &Term, body: &Term) -> String {
        let (lower, upper) = (self.sum_level(lower), self.sum_level(upper));
        let inner = self.sum_level(body);
        let inner = if matches!(body, Term::Add(_)) || inner.starts_with(['-', '−']) {
            self.bracket(&inner)
        } else {
            inner
        };
        let var = self.name(var);
        match (self.latex, op) {
            (true, SeriesOp::Sum) => format!("\\sum_{{{var}={lower}}}^{{{upper}}} {inner}"),
            (true, SeriesOp::Prod) => format!("\\prod_{{{var}={lower}}}^{{{upper}}} {inner}"),
            (false, SeriesOp::Sum) => format!("Σ_{{{var}={lower}}}^{{{upper}}} {inner}"),
            (false, SeriesOp::Prod) => format!("Π_{{{var}={lower}}}^{{{upper}}} {inner}"),
        }
    }

    fn bracket(&self, inner: &str) -> String {
        if self.latex {
            format!("\\left({inner}\\right)")
        } else {
            format!("({inner})")
        }
    }

    /// Terms that bind tighter than any product.
    fn atom(&self, term: &Term) -> String {
        match term {
            Term::Num(r) => {
                if self.latex && !r.is_integer() {
                    format!("\\frac{{{}}}{{{}}}", r.num(), r.den())
                } else {
                    r.to_string()
                }
            }
            Term::Sym(name) => self.name(name),
            Term::Pi => if self.latex { "\\pi" } else { "π" }.to_string(),
            Term::Pow(base, exp) => self.power(base, exp),
            Term::Log(arg) => self.function("log", arg),
            Term::Exp(arg) => self.exponential(arg),
            Term::Special(f, arg) => {
                let inner = self.sum_level(arg);
                match (self.latex, f) {
                    (true, Special::Erf) => format!("\\operatorname{{erf}}\\left({inner}\\right)"),
                    (true, Special::Gamma) => format!("\\Gamma\\left({inner}\\right)"),
                    (true, Special::Abs) => format!("\\left|{inner}\\right|"),
                    (false, Special::Abs) => format!("|{inner}|"),
                    (false, f) => format!("{}({inner})", f.name()),
                }
            }
            Term::Call(f, args) => {
                let args: Vec<String> = args.iter().map(|a| self.sum_level(a)).collect();
                format!("{}({})", self.name(f), args.join(", "))
            }
            Term::Integral { var, body } => {
                let body = self.sum_level(body);
                if self.latex {
                    format!("\\int {body} \\,d{}", self.name(var))
                } else {
                    format!("∫ {body} d{}", self.name(var))
                }
            }
            Term::Series {
                op,
                var,
                lower,
                upper,
                body,
            } => self.series(*op, var, lower, upper, body),
            Term::Indexed(base, index) => match index.as_ref() {
                Term::Sym(i) => self.name(&Name::new(format!("{base}_{i}"))),
                other => {
                    let index = self.sum_level(other);
                    format!("{}_{{{index}}}", self.name(base))
                }
            },
            Term::Limit { var, body, to } => {
                let body = self.sum_level(body);
                let end = match (to, self.latex) {
                    (Infinity::Minus, true) => "-\\infty",
                    (Infinity::Plus, true) => "\\infty",
                    (Infinity::Minus, false) => "−∞",
                    (Infinity::Plus, false) => "∞",
                };
                if self.latex {
                    format!(
                        "\\lim_{{{} \\to {end}}} \\left({body}\\right)",
                        self.name(var)
                    )
                } else {
                    format!("lim_{{{} → {end}}} ({body})", self.name(var))
                }
            }
            Term::Definite {
                var,
                body,
                lower,
                upper,
            } => {
                let body = self.sum_level(body);
                let (lower, upper) = (self.endpoint(lower), self.endpoint(upper));
                if self.latex {
                    format!(
                        "\\int_{{{lower}}}^{{{upper}}} {body} \\,d{}",
                        self.name(var)
                    )
                } else {
                    format!("∫_{lower}^{upper} {body} d{}", self.name(var))
                }
            }
            Term::Add(_) | Term::Mul(_) => self.bracket(&self.sum_level(term)),
        }
    }

    fn endpoint(&self, end: &Endpoint) -> String {
        match (end, self.latex) {
            (Endpoint::NegInf, true) => "-\\infty".into(),
            (Endpoint::PosInf, true) => "\\infty".into(),
            (Endpoint::NegInf, false) => "−∞".into(),
            (Endpoint::PosInf, false) => "∞".into(),
            (Endpoint::At(t), false) if matches!(t, Term::Sym(_) | Term::Num(_)) => self.atom(t),
            (Endpoint::At(t), _) => {
                let text = self.sum_level(t);
                if self.latex {
                    text
                } else {
                    format!("({text})")
                }
            }
        }
    }

    fn name(&self, name: &Name) -> String {
        if self.latex {
            latex_name(name)
        } else {
            unicode_name(name)
        }
    }

    fn function(&self, f: &str, arg: &Term) -> String {
        let inner = self.sum_level(arg);
        if self.latex {
            // Unbracketed only when nothing can run on after it: a symbol, a
            // number, or one fraction (`\log \frac{1}{\mu^2} - 1` would read as
            // log(1/μ²) − 1).
            let simple =
                matches!(arg, Term::Sym(_) | Term::Pi | Term::Num(_)) || is_one_fraction(&inner);
            if simple {
                format!("\\{f} {inner}")
            } else {
                format!("\\{f}\\left({inner}\\right)")
            }
        } else {
            format!("{f}({inner})")
        }
    }

    fn exponential(&self, arg: &Term) -> String {
        if arg == &Term::int(1) {
            return "e".into();
        }
        if self.latex {
            format!("e^{{{}}}", self.sum_level(arg))
        } else {
            format!("exp({})", self.sum_level(arg))
        }
    }

    fn power(&self, base: &Term, exp: &Term) -> String {
        if exp == &Term::frac(1, 2) {
            let inner = self.sum_level(base);
            return if self.latex {
                format!("\\sqrt{{{inner}}}")
            } else if matches!(base, Term::Sym(_) | Term::Pi | Term::Num(_)) {
                format!("√{inner}")
            } else {
                format!("√({inner})")
            };
        }
        let base_text = match base {
            // `\log 2^2` reads as log(2²): a power of a logarithm is bracketed in LaTeX.
            Term::Log(_) if self.latex => self.bracket(&self.atom(base)),
            Term::Sym(_) | Term::Pi | Term::Call(..) | Term::Log(_) | Term::Indexed(..) => {
                self.atom(base)
            }
            Term::Num(r) if r.is_integer() && r.num() >= 0 => self.atom(base),
            _ => self.bracket(&self.sum_level(base)),
        };
        match (self.latex, exp) {
            (false, Term::Num(r)) if r.is_integer() && r.num() >= 0 => {
                format!("{base_text}{}", superscript(r.num()))
            }
            (false, _) => format!("{base_text}^({})", self.sum_level(exp)),
            (true, Term::Num(r)) if r.is_integer() && (0..10).contains(&r.num()) => {
                format!("{base_text}^{}", r.num())
            }
            (true, _) => format!("{base_text}^{{{}}}", self.sum_level(exp)),
        }
    }
}

/// `Some(−e)` when the exponent `e` is a negative number.
fn negated_exponent(exp: &Term) -> Option<Term> {
    match exp {
        Term::Num(r) if r.num() < 0 => Rational::new(-r.num(), r.den()).map(Term::Num),
        _ => None,
    }
}

/// Whether `latex` is exactly one `\frac{…}{…}`.
fn is_one_fraction(latex: &str) -> bool {
    let Some(args) = latex.strip_prefix("\\frac") else {
        return false;
    };
    let Some((_, rest)) = crate::syntax::braced(args) else {
        return false;
    };
    matches!(crate::syntax::braced(rest), Some((_, "")))
}

/// Logarithms first, plain numbers last, everything else in between in engine order.
fn display_rank(term: &Term) -> u8 {
    let factors: Vec<&Term> = match term {
        Term::Mul(fs) => fs.iter().collect(),
        other => vec![other],
    };
    if factors.iter().any(|f| matches!(f, Term::Log(_))) {
        0
    } else if factors.iter().all(|f| matches!(f, Term::Num(_))) {
        2
    } else {
        1
    }
}

fn superscript(n: i64) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kl() -> Term {
        let s = Term::sym;
        Term::add([
            Term::log(Term::quotient(s("σ_2"), s("σ_1"))),
            Term::mul([
                Term::frac(1, 2),
                Term::add([
                    Term::pow(s("σ_1"), Term::int(2)),
                    Term::pow(Term::add([s("μ_1"), Term::negate(s("μ_2"))]), Term::int(2)),
                ]),
                Term::pow(s("σ_2"), Term::int(-2)),
            ]),
            Term::frac(-1, 2),
        ])
    }

    #[test]
    fn unicode_reads_like_the_seed() {
        insta::assert_snapshot!(unicode(&kl()), @"log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2");
    }

    #[test]
    fn latex_reads_like_the_seed() {
        insta::assert_snapshot!(latex(&kl()), @r"\log \frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + \left(\mu_1 - \mu_2\right)^2}{2\sigma_2^2} - \frac{1}{2}");
    }

    #[test]
    fn a_log_of_a_sum_led_by_a_fraction_is_bracketed() {
        // Found by tests/print_roundtrip.rs: `\log \frac{1}{\mu^2} - 1` is log(1/μ²) − 1.
        let arg = Term::add([Term::pow(Term::sym("μ"), Term::int(-2)), Term::int(-1)]);
        insta::assert_snapshot!(latex(&Term::log(arg)), @r"\log\left(\frac{1}{\mu^2} - 1\right)");
    }

    #[test]
    fn a_product_under_a_fraction_bar_is_bracketed() {
        let s = Term::sym;
        let density = Term::mul([
            Term::pow(
                Term::mul([
                    Term::pow(Term::mul([Term::int(2), Term::Pi]), Term::frac(1, 2)),
                    s("σ"),
                ]),
                Term::int(-1),
            ),
            Term::exp(Term::negate(Term::mul([
                Term::pow(Term::add([s("x"), Term::negate(s("μ"))]), Term::int(2)),
                Term::pow(
                    Term::mul([Term::int(2), Term::pow(s("σ"), Term::int(2))]),
                    Term::int(-1),
                ),
            ]))),
        ]);
        insta::assert_snapshot!(unicode(&density), @"exp(−(x − μ)²/(2σ²))/(√(2π)σ)");
    }

    #[test]
    fn names_and_roots() {
        assert_eq!(unicode_name(&Name::new("p_1")), "p₁");
        assert_eq!(latex_name(&Name::new("σ_12")), "\\sigma_{12}");
        assert_eq!(latex_name(&Name::new("KL")), "\\mathrm{KL}");
        let root = Term::pow(Term::mul([Term::int(2), Term::Pi]), Term::frac(1, 2));
        assert_eq!(unicode(&root), "√(2π)");
        assert_eq!(latex(&root), "\\sqrt{2\\pi}");
    }
}
