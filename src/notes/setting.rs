//! Prose that sets a formula to zero: "Taking the derivative with respect to $\mu$ and
//! setting it to zero, we get" before a display whose chain ends in `= 0`. That last
//! `=` is the author's condition (the equation a maximum-likelihood derivation then
//! solves), not an identity to prove: read as an identity, every such note is marked
//! wrong, with a witness that only shows the derivative is not zero everywhere.
//!
//! Only the sentence right before the display counts, and only words that *set*
//! ("set", "equate", "nullsetzen", "igualando", "令 … 为零"): "is equal to zero" or
//! "vanishes" state a fact, which stays a claim to check. The words must put the zero
//! after the setting ("setting it to zero", not "setting $t = 0$", which substitutes a
//! value). See [`sets_to_zero`].

/// How far back the sentence before a display is looked for: a sentence longer than
/// this is read from its last part only, which can only miss a setting word, never
/// invent one.
const SENTENCE_BYTES: usize = 600;

/// Whether the prose `before` a display (everything up to its opening delimiter)
/// ends with a sentence that sets what follows to zero.
pub(super) fn sets_to_zero(before: &str) -> bool {
    let sentence = last_sentence(before);
    let words = words(sentence);
    sets_in_words(&words) || sets_in_cjk(sentence)
}

/// The sentence the display continues: the prose after the last sentence end or
/// paragraph break, within [`SENTENCE_BYTES`].
fn last_sentence(before: &str) -> &str {
    let mut from = before.len().saturating_sub(SENTENCE_BYTES);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    // The display's delimiters (`$$`, `\[`, `\begin{align*}`, and the blank lines
    // around them) belong to the display, not to the sentence.
    let mut tail = tail.trim_end();
    loop {
        let opened = tail
            .strip_suffix("$$")
            .or_else(|| tail.strip_suffix("\\["))
            .or_else(|| {
                let begin = tail.rfind("\\begin{")?;
                let name_end = tail[begin..].find('}')? + begin + 1;
                (name_end == tail.len()).then(|| &tail[..begin])
            });
        match opened {
            Some(before) => tail = before.trim_end(),
            None => break,
        }
    }
    let ends = |i: usize, c: char| {
        let next = tail[i + c.len_utf8()..].chars().next();
        match c {
            // "… zero. $$" ends a sentence; "0.5" and "e.g." do not.
            '.' | '!' | '?' => next.is_none_or(char::is_whitespace),
            '。' | '！' | '？' => true,
            _ => false,
        }
    };
    let sentence_end = tail
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(i, c))
        .map(|(i, c)| i + c.len_utf8());
    let paragraph_end = tail.rfind("\n\n").map(|i| i + 2);
    let start = sentence_end.max(paragraph_end).unwrap_or(0);
    &tail[start..]
}

/// The sentence's words in lowercase, digits as words of their own (`$0$` is "0"),
/// everything else (math, punctuation) a separator.
fn words(sentence: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut digits = String::new();
    for c in sentence.chars() {
        if c.is_alphabetic() {
            flush(&mut digits, &mut words);
            word.extend(c.to_lowercase());
        } else if c.is_ascii_digit() {
            flush(&mut word, &mut words);
            digits.push(c);
        } else {
            flush(&mut word, &mut words);
            flush(&mut digits, &mut words);
        }
    }
    flush(&mut word, &mut words);
    flush(&mut digits, &mut words);
    // A LaTeX command is not a word of the prose (`\frac`, `\partial`, `\text`).
    words.retain(|w| !is_latex_word(w));
    words
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// Command names inside inline math, which the word split sees as words.
fn is_latex_word(word: &str) -> bool {
    matches!(
        word,
        "frac" | "partial" | "mathrm" | "text" | "d" | "left" | "right" | "mathbb" | "hat"
    )
}

/// Words that set a quantity to a value (in the languages notes are written in).
#[rustfmt::skip]
const SETTING_WORDS: &[&str] = &[
    // English
    "set", "sets", "setting", "equate", "equates", "equating", "equated",
    // German
    "setzen", "setze", "setzt", "gesetzt", "setzten",
    // French
    "égalant", "égaler", "égalons", "égalise", "égalisant", "posant",
    // Spanish
    "igualando", "igualamos", "igualar", "igualo",
    // Italian
    "ponendo", "poniamo", "uguagliando", "uguagliamo",
];

/// The word for zero, and the prepositions that put the zero after the setting word
/// ("to zero", "gleich null", "à zéro", "a cero").
const ZERO_WORDS: &[&str] = &["zero", "0", "null", "zéro", "cero"];
const TO_WORDS: &[&str] = &[
    "to", "equal", "gleich", "auf", "à", "a", "égale", "uguale", "igual",
];

/// Words that set a derivative to zero on their own: German "nullsetzen", French
/// "en annulant la dérivée" ("s'annule", it vanishes, is a statement and absent),
/// and "the first-order condition".
const SETS_ON_THEIR_OWN: &[&str] = &[
    "nullsetzen",
    "nullgesetzt",
    "nullsetzt",
    "annulant",
    "annulons",
    "annuler",
];

/// How many words may stand between the setting word and its zero: "setting the
/// partial derivative with respect to mu equal to zero".
const WORDS_TO_THE_ZERO: usize = 10;

fn sets_in_words(words: &[String]) -> bool {
    if words
        .iter()
        .any(|w| SETS_ON_THEIR_OWN.contains(&w.as_str()))
    {
        return true;
    }
    if words
        .windows(3)
        .any(|w| w[0] == "first" && w[1] == "order" && w[2].starts_with("condition"))
    {
        return true;
    }
    let is = |list: &[&str], w: &String| list.contains(&w.as_str());
    // "setting it to zero", "gleich null setzen": a zero right after a preposition,
    // with the setting word before it (within reach) or, in German, right after it.
    (1..words.len()).any(|j| {
        if !is(ZERO_WORDS, &words[j]) || !is(TO_WORDS, &words[j - 1]) {
            return false;
        }
        let before = &words[j.saturating_sub(WORDS_TO_THE_ZERO + 1)..j - 1];
        let after = &words[j + 1..words.len().min(j + 3)];
        before.iter().any(|w| is(SETTING_WORDS, w)) || after.iter().any(|w| is(SETTING_WORDS, w))
    })
}

/// Chinese notes: "令导数为零", "令 $\frac{\partial \ell}{\partial \mu}$ 等于 0", "置零",
/// "使其等于零": a setting character, then "为"/"等于" and the zero.
fn sets_in_cjk(sentence: &str) -> bool {
    let compact: String = sentence
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$')
        .collect();
    if compact.contains("置零") || compact.contains("置为零") || compact.contains("置为0") {
        return true;
    }
    ["令", "使"].iter().any(|setting| {
        compact.find(setting).is_some_and(|at| {
            let rest = &compact[at..];
            ["为零", "为0", "等于零", "等于0"]
                .iter()
                .any(|zero| rest.contains(zero))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::sets_to_zero;

    #[test]
    fn prose_that_sets_the_next_display_to_zero() {
        for before in [
            "Taking the derivative with respect to $\\mu$ and setting it to zero, we get\n\n$$",
            "We set the derivative equal to $0$:\n$$",
            "Setting the partial derivative with respect to $\\sigma^2$ equal to zero gives\n\\begin{align*}",
            "Equating the score to zero:\n\\[",
            "Ableiten und Nullsetzen liefert\n$$",
            "Wir setzen die Ableitung gleich null:\n$$",
            "Die Ableitung wird gleich 0 gesetzt:\n$$",
            "En annulant la dérivée, on obtient\n$$",
            "Igualando la derivada a cero:\n$$",
            "Ponendo la derivata uguale a zero si ottiene\n$$",
            "令导数为零，得\n$$",
            "令 $\\frac{\\partial \\ell}{\\partial \\mu}$ 等于 0：\n$$",
            "The first-order condition is\n$$",
            "It is not zero everywhere. Setting it to zero:\n$$",
        ] {
            assert!(sets_to_zero(before), "{before}");
        }
    }

    #[test]
    fn prose_that_states_a_zero_or_substitutes_one_does_not() {
        for before in [
            // A fact about the formula, to be checked.
            "The score has mean equal to zero:\n$$",
            "The integrand is odd, so the integral vanishes:\n$$",
            "which is equal to zero:\n$$",
            "La dérivée s'annule en zéro :\n$$",
            // A value substituted, not an equation set.
            "Setting $t = 0$ gives\n$$",
            "Setting $x$ to $1$ gives\n$$",
            // The setting was in an earlier sentence.
            "We set it to zero. Then, by linearity,\n$$",
            "We set it to zero.\n\nThe next derivative is\n$$",
            "我们得到\n$$",
        ] {
            assert!(!sets_to_zero(before), "{before}");
        }
    }
}
