//! Greek letters: LaTeX command names and their Unicode letters, in one table that
//! the parser (`\sigma` → `σ`) and the printers (`σ` → `\sigma`) both read.

/// LaTeX command names and their Unicode letters.
pub const GREEK: &[(&str, &str)] = &[
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ϵ"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("vartheta", "ϑ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("varpi", "ϖ"),
    ("rho", "ρ"),
    ("varrho", "ϱ"),
    ("sigma", "σ"),
    ("varsigma", "ς"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "ϕ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Xi", "Ξ"),
    ("Pi", "Π"),
    ("Sigma", "Σ"),
    ("Upsilon", "Υ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
    // Not Greek, but a letter of the same kind: the log-likelihood ℓ.
    ("ell", "ℓ"),
];

/// The Unicode letter for a Greek letter command name, `sigma` → `σ`.
pub fn letter(command: &str) -> Option<&'static str> {
    GREEK.iter().find(|(c, _)| *c == command).map(|(_, l)| *l)
}

/// The command name for a Unicode Greek letter, `σ` → `sigma`.
pub fn command(letter: &str) -> Option<&'static str> {
    GREEK.iter().find(|(_, l)| *l == letter).map(|(c, _)| *c)
}
