//! Helpers for the notes readers' tests, and tests of what the readers share.

use super::*;

/// The rows of the derivation text of `text`, each with its whitespace collapsed.
pub(super) fn derived_rows(kind: NotesKind, text: &str) -> Vec<String> {
    let derived = derivation(kind, text);
    assert_eq!(derived.text.len(), text.len(), "offsets are kept");
    derived
        .rows
        .iter()
        .map(|row| {
            derived.text[row.range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// How many blocks the reader found.
pub(super) fn blocks(kind: NotesKind, text: &str) -> usize {
    derivation(kind, text).blocks.len()
}

#[test]
fn kinds_by_extension() {
    assert_eq!(
        NotesKind::of(Path::new("a/b.md")),
        Some(NotesKind::Markdown)
    );
    assert_eq!(NotesKind::of(Path::new("b.TEX")), Some(NotesKind::Latex));
    assert_eq!(
        NotesKind::of(Path::new("n.ipynb")),
        Some(NotesKind::Notebook)
    );
    assert_eq!(NotesKind::of(Path::new("b.txt")), None);
}

#[test]
fn a_block_set_aside_takes_its_continuations_with_it() {
    let text = "$$a = b$$\n\n$$= c$$\n\n<!-- let f(x) = x -->\n\n$$&= d$$\n\n$$e = e$$\n";
    let notes = derivation(NotesKind::Markdown, text);
    let kinds: Vec<BlockKind> = notes.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::{Declaration as D, Display as M};
    assert_eq!(kinds, [M, M, D, M, M]);
    assert_eq!(notes.math_block_at(text.find('c').unwrap()), Some(1));
    assert_eq!(notes.math_block_at(text.find("let").unwrap()), None);
    // The declaration ends the run of continuations.
    let taken = notes.with_continuations(0);
    assert_eq!(taken, [0, 1]);
    let kept: Vec<String> = notes
        .rows_without(&taken)
        .iter()
        .map(|r| notes.text[r.range.clone()].trim().to_string())
        .collect();
    assert_eq!(kept, ["let f(x) = x", "&= d", "e = e"]);
}

#[test]
fn inline_roles() {
    assert_eq!(inline_role("= 2"), Some(InlineRole::Continuation));
    assert_eq!(inline_role(r"\int p = 1"), Some(InlineRole::Claim));
    assert_eq!(inline_role(r"f(x) = x^2"), Some(InlineRole::Claim));
    assert_eq!(
        inline_role(r"X \sim \mathcal{N}(0,1)"),
        Some(InlineRole::Declaration)
    );
    assert_eq!(inline_role(r"\mu_2 = 0"), None);
    assert_eq!(inline_role(r"\sigma^2 = 1"), None);
    assert_eq!(inline_role(r"x > 0"), Some(InlineRole::Condition));
    assert_eq!(inline_role(r"x > 1"), None);
    assert_eq!(
        inline_role(r"p = \mathcal{N}(\mu_1, \sigma_1^2)"),
        Some(InlineRole::Declaration)
    );
    assert_eq!(inline_role(r"x"), None);
}

/// `$Y = e^X$` after `$X \sim …$` defines a random variable; a lone symbol set to a
/// value that mentions no random variable (or `X` inside a longer name) stays prose.
#[test]
fn inline_definitions_from_a_random_variable() {
    let kept = |text: &str| -> Vec<String> {
        let notes = derivation(NotesKind::Markdown, text);
        notes
            .rows
            .iter()
            .map(|r| notes.text[r.range.clone()].trim().to_string())
            .collect()
    };
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and $Y = e^X$."),
        [r"X \sim N(0, 1)", "Y = e^X"]
    );
    assert_eq!(
        kept("Let $X_1, X_2 \\sim N(0, 1)$ and $S = X_1 + X_2$."),
        [r"X_1, X_2 \sim N(0, 1)", "S = X_1 + X_2"]
    );
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and $c = 2$."),
        [r"X \sim N(0, 1)"]
    );
    // The variable it is defined from may come later in the same sentence, not after it.
    assert_eq!(
        kept("If $Y = e^X$ with $X \\sim N(0, 1)$, then"),
        ["Y = e^X", r"X \sim N(0, 1)"]
    );
    assert_eq!(
        kept("Take $Y = e^X$. Then $X \\sim N(0, 1)$."),
        [r"X \sim N(0, 1)"]
    );
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and $V = 2X + 1$."),
        [r"X \sim N(0, 1)", "V = 2X + 1"]
    );
    assert_eq!(
        kept("Let $Z$ be a standard normal random variable and $X = 3Z$."),
        [r"Z \sim N(0, 1)", "X = 3Z"]
    );
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and $c = X_2$."),
        [r"X \sim N(0, 1)"]
    );
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and $c = \\Xi$."),
        [r"X \sim N(0, 1)"]
    );
    // `\mu = E[X]` names a number: the block is read, but it declares no random
    // variable (`check::declared` sees `X` only inside an expectation).
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and $m = E[X]$."),
        [r"X \sim N(0, 1)", "m = E[X]"]
    );
    // "Write $\bar{x} = \frac{1}{n}\sum x_i$" defines a statistic; a value without a
    // sum after "Let" stays prose (a specialisation such as `\mu_2 = 0` is not a
    // definition).
    assert_eq!(
        kept("Write $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^n x_i$ for the mean."),
        [r"let    \bar{x} = \frac{1}{n}\sum_{i=1}^n x_i"]
    );
    let spaced = |rows: Vec<String>| -> Vec<String> {
        rows.iter()
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    // "where", "with", "Recall that", "By definition," define it too; a restatement
    // of a definition already made is a reminder, kept as prose.
    assert_eq!(
        spaced(kept("Recall that $\\bar{x} = \\sum_{i=1}^n x_i$, so.")),
        ["let \\bar{x} = \\sum_{i=1}^n x_i"]
    );
    assert_eq!(
        spaced(kept("By definition, $\\bar{x} = \\sum_{i=1}^n x_i$.")),
        ["let \\bar{x} = \\sum_{i=1}^n x_i"]
    );
    assert_eq!(
        spaced(kept(
            "where $\\bar{x} = \\sum_{i=1}^n x_i$ and where $\\bar{x} = \\sum_{i=1}^n x_i$."
        )),
        ["let \\bar{x} = \\sum_{i=1}^n x_i"]
    );
    // "that" alone, or "definition" without its comma, defines nothing.
    assert_eq!(
        kept("Note that $\\bar{x} = \\sum_{i=1}^n x_i$."),
        Vec::<String>::new()
    );
    assert_eq!(kept("Let $\\mu_2 = 0$ here."), Vec::<String>::new());
    // A formula of other names is a quantity named for good; a number, a lone name,
    // a power on the left or a formula of a random variable (a random variable of its
    // own, see above) is not this definition.
    assert_eq!(
        spaced(kept(
            "Let $H_1 = \\frac{1}{2}\\log(2\\pi e\\sigma_1^2)$ be its entropy."
        )),
        ["let H_1 = \\frac{1}{2}\\log(2\\pi e\\sigma_1^2)"]
    );
    assert_eq!(
        spaced(kept("where $t = x - \\mu$ and")),
        ["let t = x - \\mu"]
    );
    // "and" right after such a definition defines the next name too (", and" in a
    // list); not after other prose.
    assert_eq!(
        spaced(kept("Let $a = x + 1$ and $b = x - 1$, and $c = x y$.")),
        ["let a = x + 1", "let b = x - 1", "let c = x y"]
    );
    assert_eq!(
        spaced(kept("Let $a = x + 1$. Then $c = x y$ and $d = x + y$.")),
        ["let a = x + 1"]
    );
    // Words between, and a line end before the `$`: the same sentence still.
    assert_eq!(
        spaced(kept(
            "where $a = x + 1$ is the rate and\n$b = x - 1$ the shift."
        )),
        ["let a = x + 1", "let b = x - 1"]
    );
    for text in [
        "Let $c = 2\\pi$ here.",
        "Let $m = \\mu$ here.",
        "Let $\\sigma^2 = \\tau + 1$ here.",
        "Let $a = 0, b = c + 1$ here.",
    ] {
        assert_eq!(kept(text), Vec::<String>::new(), "{text}");
    }
    assert_eq!(
        kept("Let $X \\sim N(0, 1)$ and let $Y = e^X$."),
        [r"X \sim N(0, 1)", "Y = e^X"]
    );
    assert_eq!(
        kept("Then $s = \\sum_{i} x_i$ holds."),
        Vec::<String>::new()
    );
    // Before any declaration in its sentence, `Y = e^X` is prose.
    assert_eq!(
        kept("Take $Y = e^X$. Let $X \\sim N(0, 1)$."),
        [r"X \sim N(0, 1)"]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of notes, so random texts reach every delimiter and layout path.
    const TOKENS: &[&str] = &[
        "$",
        "$$",
        "\\[",
        "\\]",
        "\\\\[",
        "\\\\]",
        "\\(",
        "\\)",
        "\\\\",
        "\\begin{align*}",
        "\\end{align*}",
        "\\begin{alignat}{2}",
        "\\end{alignat}",
        "\\begin{verbatim}",
        "\\end{verbatim}",
        "\\begin{cases}",
        "\\end{cases}",
        "\\intertext{",
        "}",
        "{",
        "%",
        "\n",
        "\n\n",
        " ",
        "&",
        "=",
        "+",
        "-",
        "a",
        "x",
        "σ",
        "é",
        "<!--",
        "-->",
        "let p(x) = x",
        "```",
        "```math",
        "`",
        "\\label{",
        "\\right.",
        "\\left.",
        "\\$",
        "[4pt]",
        "*",
        "\\verb|",
        "|",
        "\\sim",
        "\\overset{",
        "\\",
    ];

    fn notes_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
    }

    fn check(kind: NotesKind, text: &str) -> Result<(), TestCaseError> {
        let derived = derivation(kind, text);
        prop_assert_eq!(derived.text.len(), text.len());
        for row in &derived.rows {
            prop_assert!(row.range.start <= row.range.end && row.range.end <= text.len());
            prop_assert!(text.is_char_boundary(row.range.start));
            prop_assert!(text.is_char_boundary(row.range.end));
        }
        for block in &derived.blocks {
            prop_assert!(block.rows.end <= derived.rows.len());
        }
        let _ = crate::syntax::parse_rows(&derived.text, &derived.rows);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn readers_never_panic_and_keep_offsets(text in notes_text()) {
            check(NotesKind::Markdown, &text)?;
            check(NotesKind::Latex, &text)?;
        }

        #[test]
        fn readers_never_panic_on_arbitrary_text(text in "\\PC*") {
            check(NotesKind::Markdown, &text)?;
            check(NotesKind::Latex, &text)?;
        }
    }
}

#[test]
fn a_condition_in_prose_is_an_assumption_only_after_a_word_that_makes_it_one() {
    let kept = |text: &str| derived_rows(NotesKind::Markdown, text);
    assert_eq!(kept("For $a > 0$ we have"), ["a > 0"]);
    assert_eq!(
        kept(r"Let $\sigma_1, \sigma_2 > 0$."),
        [r"\sigma_1, \sigma_2 > 0"]
    );
    assert!(kept("Here $a > 0$ fails.").is_empty());
    assert!(kept("so $a > 0$ is what we show").is_empty());
    // A reason is a premise; an example or a list item is not.
    assert_eq!(kept("the limits stay (as $a > 0$)"), ["a > 0"]);
    assert_eq!(kept("because $a > 0$, it converges"), ["a > 0"]);
    assert!(kept("for values such as $a > 0$ it fails").is_empty());
    assert!(kept("as well as $a > 0$").is_empty());
    // Words naming the symbol may stand between the premise and the condition.
    assert_eq!(kept(r"with rate $\lambda > 0$, the"), [r"\lambda > 0"]);
    assert_eq!(kept("for some real constant $c > 0$"), ["c > 0"]);
    assert_eq!(kept(r"with known $\sigma > 0$, the"), [r"\sigma > 0"]);
    assert_eq!(kept("for fixed $t > 0$"), ["t > 0"]);
    assert!(kept("the known $a > 0$ case").is_empty());
    assert!(kept("the rate $a > 0$ is shown").is_empty());
    assert!(kept("for values $a > 0$ it fails").is_empty());
}

#[test]
fn only_the_display_right_after_prose_that_sets_it_to_zero_is_set_to_zero() {
    let text = "Setting the derivative to zero:\n$$a - b = 0$$\n$$c - d = 0$$\n\n\
                We set it equal to zero in \\eqref{x}:\n\\begin{align*}\ne - f &= 0\n\\end{align*}\n";
    let kinds: Vec<RowKind> = derivation(NotesKind::Markdown, text)
        .rows
        .iter()
        .map(|row| row.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            RowKind::MathSetToZero,
            RowKind::Math,
            RowKind::MathSetToZero
        ]
    );
}

#[test]
fn inline_math_that_writes_a_sums_range_is_kept_in_no_row() {
    let text =
        "From now on we write $\\sum_i$ for $\\sum_{i=1}^{n}$.\n$$\\sum_i x_i = n\\bar{x}$$\n";
    let derived = derivation(NotesKind::Markdown, text);
    assert!(derived.text.contains("\\sum_{i=1}^{n}"));
    assert_eq!(derived.rows.len(), 1);
}

#[test]
fn write_the_mean_as_defines_it() {
    let text = "and write the sample mean as $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$.\n";
    let rows = derived_rows(NotesKind::Markdown, text);
    assert_eq!(rows, ["let \\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i"]);
}
