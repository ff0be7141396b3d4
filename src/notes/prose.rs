//! Declarations written as prose: "Let $X$ be a random variable with mean $\mu$ and
//! variance $\sigma^2$." is how notes introduce a law known only by its first two
//! moments, and it means exactly `let X have mean \mu and variance \sigma^2`.
//!
//! So is "Let $f$ be a (probability) density with mean … and variance …"; and "Let $X$
//! be normally distributed (a normal random variable) with mean $\mu$ and variance
//! $\sigma^2$" is `X \sim N(\mu, \sigma^2)`, the parentheses and comma written into the
//! prose and the closing `$`.
//!
//! "Let $Z$ be a standard normal random variable" is `Z \sim N(0, 1)`, the law written
//! over the prose after `$Z$`.
//!
//! The directive is written into the blanked prose around the three inline formulas,
//! which stay where they are (so their spans are the author's): `let` over the word
//! before `$X$`, `have mean` and `and variance` over the words between. Only this one
//! sentence shape is read; any other wording stays prose, and the formulas in it are
//! then read (or refused) as they would be anyway.
//!
//! Also here: whether a condition in prose is a premise ("for $a > 0$", "with rate
//! $\lambda > 0$") or a statement ("$a > 0$ fails here"), see [`assumes`].

use std::ops::Range;

use crate::syntax::ast::{children, Expr, ExprKind};

/// Where the pieces of such a sentence are, for inline math `x` (the body of `$X$`).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LawSentence {
    /// Where `let` is written: the blank bytes before `$X$` on its line.
    pub let_at: usize,
    /// The prose between `$X$` and `$M$`, where `have mean` is written.
    pub have_at: usize,
    /// The body of `$M$`.
    pub mean: Range<usize>,
    /// The prose between `$M$` and `$V$`, where `and variance` is written.
    pub and_at: usize,
    /// The body of `$V$`.
    pub variance: Range<usize>,
    /// The sentence says the law is normal ("a normal random variable", "normally
    /// distributed"): `X \sim N(M, V)`, not a law known only by its moments.
    pub normal: bool,
}

/// The sentence around `x` when it has the shape above, on one line.
pub(super) fn law_sentence(text: &str, x: Range<usize>) -> Option<LawSentence> {
    let open = x.start.checked_sub(1)?;
    let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
    // Room for `let ` before the opening `$`, in prose that ends a word there.
    if open < line_start + 4 || !text[line_start..open].ends_with(' ') {
        return None;
    }
    let after_x = x.end + 1;
    let (normal, (mean, after_mean)) = match formula_after(text, after_x, MEAN_WORDS) {
        Some(found) => (false, found),
        None => (true, formula_after(text, after_x, NORMAL_WORDS)?),
    };
    let (variance, _) = formula_after(text, after_mean, VARIANCE_WORDS)?;
    // The directive's words go into the prose between the formulas, a space either
    // side: `have mean` and `and variance` must fit.
    let fits = |from: usize, to: usize, words: &str| to - from >= words.len() + 2;
    if text[line_start..variance.end].contains('\n')
        || !fits(after_x, mean.start - 1, "have mean")
        || !fits(after_mean, variance.start - 1, "and variance")
    {
        return None;
    }
    Some(LawSentence {
        let_at: open - 4,
        have_at: after_x,
        mean,
        and_at: after_mean,
        variance,
        normal,
    })
}

/// "Let $Z$ be a standard normal random variable": where the directive
/// `Z \sim N(0, 1)`'s law is written, from the closing `$` of `$Z$` (the prose after
/// it has room on the line), and where the sentence's words end.
pub(super) fn standard_normal_sentence(text: &str, x: Range<usize>) -> Option<Range<usize>> {
    let close = x.end;
    if !text[close..].starts_with('$') {
        return None;
    }
    let rest = &text[close + 1..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = &rest[..line_end];
    let lower = line.to_lowercase();
    let phrase = STANDARD_NORMAL_WORDS
        .iter()
        .find(|p| lower.starts_with(**p) && lower[p.len()..].starts_with([' ', '.', ',', ';']))?;
    (phrase.len() + 1 >= LAW_WRITTEN.len()).then(|| close..close + 1 + phrase.len())
}

/// The law written for a standard normal, over the prose after `$Z$`.
pub(super) const LAW_WRITTEN: &str = " \\sim N(0, 1)";

/// The prose after `$Z$` that makes it standard normal, in lowercase.
const STANDARD_NORMAL_WORDS: &[&str] = &[
    " be a standard normal random variable",
    " is a standard normal random variable",
    " be a standard normal variable",
    " is a standard normal variable",
    " be standard normal",
    " is standard normal",
    " be a standard gaussian random variable",
    " is a standard gaussian random variable",
    " denote a standard normal random variable",
];

/// The prose that may stand between `$X$` and `$M$`, in lowercase words.
const MEAN_WORDS: &[&[&str]] = &[
    &["be", "a", "random", "variable", "with", "mean"],
    &["is", "a", "random", "variable", "with", "mean"],
    &["be", "any", "random", "variable", "with", "mean"],
    &["be", "a", "random", "variable", "with", "finite", "mean"],
    &["be", "a", "real", "random", "variable", "with", "mean"],
    &["be", "a", "random", "variable", "with", "expectation"],
    &["is", "a", "random", "variable", "with", "expectation"],
    &["be", "a", "density", "with", "mean"],
    &["be", "a", "probability", "density", "with", "mean"],
    &["be", "a", "density", "function", "with", "mean"],
];

/// The prose that says the law is normal, between `$X$` and `$M$`.
const NORMAL_WORDS: &[&[&str]] = &[
    &["be", "a", "normal", "random", "variable", "with", "mean"],
    &["is", "a", "normal", "random", "variable", "with", "mean"],
    &["be", "a", "gaussian", "random", "variable", "with", "mean"],
    &["is", "a", "gaussian", "random", "variable", "with", "mean"],
    &["be", "normally", "distributed", "with", "mean"],
    &["is", "normally", "distributed", "with", "mean"],
    &["be", "gaussian", "with", "mean"],
    &["is", "gaussian", "with", "mean"],
];

/// The prose that may stand between `$M$` and `$V$`.
const VARIANCE_WORDS: &[&[&str]] = &[&["and", "variance"], &["and", "finite", "variance"]];

/// The body of the inline formula after `from` when the prose up to it is one of
/// `phrases`, and where that formula's closing `$` ends.
fn formula_after(text: &str, from: usize, phrases: &[&[&str]]) -> Option<(Range<usize>, usize)> {
    let open = from + text.get(from..)?.find('$')?;
    let words: Vec<String> = text[from..open]
        .split_whitespace()
        .map(|w| w.trim_matches(',').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if !phrases
        .iter()
        .any(|p| p.iter().copied().eq(words.iter().map(String::as_str)))
    {
        return None;
    }
    let body = open + 1;
    if text[body..].starts_with('$') {
        return None;
    }
    let close = body + text[body..].find('$')?;
    Some((body..close, close + 1))
}

/// Words that say what a symbol is, between a premise word and its condition ("with
/// rate", "for some real constant").
const NAMING_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "some",
    "all",
    "every",
    "any",
    "each",
    "real",
    "positive",
    "number",
    "numbers",
    "constant",
    "constants",
    "rate",
    "parameter",
    "parameters",
    "scale",
    "shape",
    "variance",
    "deviation",
    "standard",
    // The same words in German, French and Spanish ("für alle $x > 0$", "pour tout").
    "alle",
    "jedes",
    "jede",
    "ein",
    "eine",
    "einen",
    "der",
    "die",
    "das",
    "tout",
    "tous",
    "toute",
    "un",
    "une",
    "le",
    "la",
    "les",
    "todo",
    "todos",
    "el",
    // "with known $\sigma > 0$", "for fixed $t > 0$": a parameter held fixed.
    "known",
    "fixed",
];

/// Whether the prose just before inline math (`before` ends at its opening delimiter)
/// ends with a word that makes the math an assumption: "for", "let", "assume", ….
pub(super) fn assumes(before: &str) -> bool {
    let prose = before.trim_end_matches(['$', '(', '\\']).trim_end();
    // "such as $x > 0$", "as well as $x > 0$": an example or a list, not a premise.
    let lowered = prose.to_lowercase();
    if lowered.ends_with("such as") || lowered.ends_with("well as") {
        return false;
    }
    // "with rate $\lambda > 0$", "for some constant $c > 0$": the words that name
    // what the symbol is stand between the premise word and the math.
    let mut words = lowered
        .rsplit(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut word = words.next().unwrap_or_default();
    for _ in 0..3 {
        if !NAMING_WORDS.contains(&word) {
            break;
        }
        word = words.next().unwrap_or_default();
    }
    // Only the prose right before the math counts: "… . $a > 0$" has no premise word.
    if !prose.ends_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    PREMISE_WORDS.contains(&word)
        || PREMISE_ENDINGS_CJK
            .iter()
            .any(|ending| word.ends_with(ending))
}

/// The words that make the math after them a premise: "for $a > 0$", "with", "where".
/// Notes are written in many languages, and the premise reads the same in each: German
/// "mit $\sigma > 0$", French "pour $a > 0$", Spanish "con $\lambda > 0$".
const PREMISE_WORDS: &[&str] = &[
    // English
    "for", "if", "let", "assume", "assuming", "suppose", "with", "where", "given", "when",
    "whenever", "since", "as", "because", "and", // German
    "mit", "für", "falls", "wenn", "sei", "seien", "wobei", "und", "da", // French
    "avec", "pour", "si", "soit", "soient", "où", "et", "lorsque", "quand",
    // Spanish and Italian
    "con", "para", "sea", "sean", "donde", "y", "per", "dove", "sia",
];

/// Chinese and Japanese prose has no spaces, so the run of characters before the math
/// is one "word": it makes the math a premise when it ends with a premise word
/// ("其中 $\sigma > 0$", "设 $a > 0$", "假设", "若", "当", "且").
const PREMISE_ENDINGS_CJK: &[&str] =
    &["其中", "设", "假设", "令", "若", "如果", "当", "且", "并且"];

/// The words that call a bar of data its mean, in lowercase: "where $\bar{x}$ is the
/// sample mean", "the empirical mean $\bar{x}$", German "Stichprobenmittel", French
/// "moyenne empirique", Spanish "media muestral", Italian "media campionaria", Chinese
/// "样本均值".
const SAMPLE_MEAN_WORDS: &[&str] = &[
    "sample mean",
    "sample average",
    "empirical mean",
    "mean of the sample",
    "mean of the data",
    "mean of the observations",
    "stichprobenmittel",
    "empirische mittelwert",
    "empirischen mittelwert",
    "moyenne empirique",
    "media muestral",
    "media campionaria",
    "样本均值",
    "样本平均",
];

/// The bodies of inline math `$\bar{x}$` (a bar over one name, nothing else) in a
/// sentence of `text` that calls it the sample mean. Which data, and over which range,
/// is left to the sums of the text (`resolve::said_to_be_the_mean`).
pub fn called_the_sample_mean(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('$').map(|i| at + i) {
        let body_start = open + 1;
        if text[body_start..].starts_with('$') {
            // Display math: skip to its end.
            let end = text[body_start + 1..]
                .find("$$")
                .map_or(text.len(), |i| body_start + 1 + i + 2);
            at = end;
            continue;
        }
        let Some(close) = text[body_start..].find('$').map(|i| body_start + i) else {
            break;
        };
        let body = &text[body_start..close];
        let bar =
            body.trim_start().starts_with("\\bar") || body.trim_start().starts_with("\\overline");
        if bar && crate::syntax::scan::is_lone_symbol(body) && in_mean_sentence(text, open, close) {
            found.push(body_start..close);
        }
        at = close + 1;
    }
    found
}

/// Whether the sentence around `from..to` (from the last `.`, `:`, `;`, `。` or blank
/// line before it to the next after it) says "sample mean" or the like.
fn in_mean_sentence(text: &str, from: usize, to: usize) -> bool {
    let ends = ['.', ';', ':', '。', '；', '：'];
    let start = text[..from]
        .rfind(|c| ends.contains(&c))
        .map_or(0, |i| i + 1)
        .max(text[..from].rfind("\n\n").map_or(0, |i| i + 2));
    let end = text[to..]
        .find(|c| ends.contains(&c))
        .map_or(text.len(), |i| to + i)
        .min(text[to..].find("\n\n").map_or(text.len(), |i| to + i));
    let sentence = text[start..end].to_lowercase();
    SAMPLE_MEAN_WORDS
        .iter()
        .any(|words| sentence.contains(words))
}

/// Whether the value in prose `name = value` is a formula of other names,
/// `\frac{1}{2}\log(2\pi e\sigma_1^2)` or `x - \mu`, the way a text names a quantity for
/// good; not a number or a lone name (`\mu_1 = 0`, `x = \mu`), which a text sets for a
/// moment ("when $\mu_1 = 0$", "at $x = \mu$") while its steps stay general; nor a
/// list (`\mu_1 = 0, \sigma_1 = 1`), which does not parse as one value.
pub fn is_a_formula(value: &str) -> bool {
    crate::syntax::parse_expr(value).is_ok_and(|value| is_a_formula_expr(&value))
}

/// [`is_a_formula`] of a value already parsed.
pub fn is_a_formula_expr(value: &Expr) -> bool {
    fn mentions_a_name(expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Ident(name) => !matches!(name.key().as_str(), "π" | "e"),
            _ => children(expr).into_iter().any(mentions_a_name),
        }
    }
    !matches!(value.kind, ExprKind::Ident(_)) && mentions_a_name(value)
}

#[cfg(test)]
mod tests {
    use super::{assumes, called_the_sample_mean, law_sentence, standard_normal_sentence};

    #[test]
    fn a_bar_called_the_sample_mean_in_its_sentence() {
        let bodies = |text: &str| -> Vec<String> {
            called_the_sample_mean(text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(
            bodies(r"where $\bar{x}$ is the sample mean."),
            vec![r"\bar{x}"]
        );
        assert_eq!(
            bodies(r"Sei $\bar x$ das Stichprobenmittel."),
            vec![r"\bar x"]
        );
        // Another sentence, another formula, another word: nothing.
        assert!(bodies(r"Let $\bar{x}$ be fixed. The sample mean is useful.").is_empty());
        assert!(bodies(r"the sample mean $\bar{x} = 3$").is_empty());
        assert!(bodies(r"the population mean $\bar{x}$").is_empty());
        assert!(bodies(r"$$\bar{x}$$ is the sample mean").is_empty());
    }

    #[test]
    fn premise_words_in_the_languages_notes_are_written_in() {
        for before in [
            "for $",
            "with rate $",
            "aus der Normalverteilung mit $",
            "pour tout $",
            "con $",
            "其中$",
            "设 $",
        ] {
            assert!(assumes(before), "{before}");
        }
        // An example, a sentence already ended, or words that state no premise.
        for before in [
            "such as $",
            "is positive. $",
            "Wir zeigen $",
            "我们得到$",
            "均值，$",
        ] {
            assert!(!assumes(before), "{before}");
        }
    }

    #[test]
    fn standard_normal_sentences() {
        let found = |text: &str| {
            let z = text.find("$Z$")? + 1;
            standard_normal_sentence(text, z..z + 1).map(|r| text[r].to_string())
        };
        assert_eq!(
            found("Let $Z$ be a standard normal random variable."),
            Some("$ be a standard normal random variable".into())
        );
        assert_eq!(
            found("where $Z$ is standard normal, and"),
            Some("$ is standard normal".into())
        );
        // Other wording, or a longer word, is prose.
        assert_eq!(found("Let $Z$ be a standard normalised score."), None);
        assert_eq!(found("Let $Z$ be a normal random variable."), None);
    }

    fn pieces(text: &str) -> Option<(String, String)> {
        let x = text.find("$X$")? + 1;
        let found = law_sentence(text, x..x + 1)?;
        Some((
            text[found.mean].to_string(),
            text[found.variance].to_string(),
        ))
    }

    #[test]
    fn the_one_sentence_shape_and_its_variants() {
        let got = pieces(r"Let $X$ be a random variable with mean $\mu$ and variance $\sigma^2$.");
        assert_eq!(got, Some((r"\mu".into(), r"\sigma^2".into())));
        let got =
            pieces(r"Suppose $X$ is a random variable with mean $m$, and finite variance $v$");
        assert_eq!(got, Some(("m".into(), "v".into())));
        let got = pieces(r"Let $X$ be a probability density with mean $0$ and variance $1$.");
        assert_eq!(got, Some(("0".into(), "1".into())));
        let normal = |text: &str| {
            let x = text.find("$X$")? + 1;
            law_sentence(text, x..x + 1).map(|s| s.normal)
        };
        assert_eq!(
            normal(r"Let $X$ be normally distributed with mean $m$ and variance $v$."),
            Some(true)
        );
        assert_eq!(
            normal(r"Let $X$ be a Gaussian random variable with mean $m$ and variance $v$."),
            Some(true)
        );
        assert_eq!(
            normal(r"Let $X$ be a random variable with mean $m$ and variance $v$."),
            Some(false)
        );
        // Other wording is prose.
        assert_eq!(
            pieces(r"Let $X$ be a random variable with median $m$ and variance $v$."),
            None
        );
        assert_eq!(
            pieces(r"Let $X$ be a Gaussian with mean $m$ and variance $v$."),
            None
        );
        assert_eq!(
            pieces(r"Let $X$ be a random variable with mean $m$ and standard deviation $s$."),
            None
        );
        // No room for `let` at the start of a line, or the sentence runs over a line.
        assert_eq!(
            pieces(r"$X$ is a random variable with mean $m$ and variance $v$."),
            None
        );
        assert_eq!(
            pieces("Let $X$ be a random variable with mean $m$\nand variance $v$."),
            None
        );
    }
}
