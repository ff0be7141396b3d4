//! Tests of `syntax::lexeme`.

use super::*;

/// Runs one lexeme-level function by name and renders what it produced, what it
/// consumed and what it left.
fn lex(which: &str, input: &str) -> String {
    let shown = |rest: &str, value: String| {
        format!("{value} from `{}`, rest `{rest}`", consumed(input, rest))
    };
    let failed = |err: nom::Err<PError<'_>>| match err {
        nom::Err::Failure(PError {
            at,
            kind: Some(kind),
        }) => {
            format!("error at `{at}`: {}", kind.message())
        }
        _ => "no match".to_string(),
    };
    let show_name = |n: RawName<'_>| match n.subscript {
        Some(subscript) => format!("{}_{{{subscript}}}", n.base),
        None => n.base,
    };
    let show_delim = |d: Delim| format!("{:?} {:?}", d.shape, d.sizing);
    match which {
        "ws" => shown(skip_ws(input), "layout".into()),
        "number" => number(input).map_or_else(failed, |(r, n)| shown(r, n.to_string())),
        "name" => name(input).map_or_else(failed, |(r, n)| shown(r, show_name(n))),
        "definition_name" => {
            definition_name(input).map_or_else(failed, |(r, n)| shown(r, show_name(n)))
        }
        "differential" => differential(input).map_or_else(failed, |(r, n)| shown(r, show_name(n))),
        "callee_word" => {
            callee_word(input).map_or("no match".into(), |(r, run)| shown(r, run.to_string()))
        }
        "opener" => opener(input).map_or_else(failed, |(r, d)| shown(r, show_delim(d))),
        "closer" => closer(input).map_or_else(failed, |(r, d)| shown(r, show_delim(d))),
        "token" => {
            let token = peek_token(input);
            format!("{:?} `{}`", token.kind, token.text)
        }
        _ => unreachable!("unknown lexeme {which}"),
    }
}

macro_rules! check {
    ($which:expr, $input:expr, @$expect:literal) => {
        insta::assert_snapshot!(lex($which, $input), @$expect)
    };
}

#[test]
fn whitespace_spacing_commands_and_comments() {
    check!("ws", "  x", @"layout from `  `, rest `x`");
    check!("ws", r"\, \quad \qquad \; \: \! \  x", @r"layout from `\, \quad \qquad \; \: \! \  `, rest `x`");
    check!("ws", "& ~ x", @"layout from `& ~ `, rest `x`");
    check!("ws", "% comment\n x", @r"
        layout from `% comment
         `, rest `x`
        ");
    check!("ws", r"\displaystyle x", @r"layout from `\displaystyle `, rest `x`");
    check!("ws", r"\\ x", @r"layout from ``, rest `\\ x`");
    check!("ws", r"\quadrature", @r"layout from ``, rest `\quadrature`");
    check!("ws", r"\mathop{}\!\mathrm{d}x", @r"layout from `\mathop{}\!`, rest `\mathrm{d}x`");
    check!("ws", r"\mathop{ } dx", @r"layout from `\mathop{ } `, rest `dx`");
    check!("ws", r"\mathop{\mathrm{Var}} x", @r"layout from ``, rest `\mathop{\mathrm{Var}} x`");
    check!("ws", r"\mathop x", @r"layout from ``, rest `\mathop x`");
}

#[test]
fn compound_differentials() {
    let open =
        |input: &str| compound_differential(input).map_or("no match".to_string(), str::to_string);
    assert_eq!(open(r"{\rm d}(\sigma u + \mu)"), r"(\sigma u + \mu)");
    assert_eq!(open(r"{\rm d} \left( u \right)"), r"\left( u \right)");
    assert_eq!(open(r"\mathrm{d}(u)"), "(u)");
    assert_eq!(open("d(u)"), "(u)");
    assert_eq!(open(r"{\rm e}(u)"), "no match");
    assert_eq!(open(r"{\rm d}u"), "no match");
}

#[test]
fn numbers() {
    check!("number", "2", @"2 from `2`, rest ``");
    check!("number", "10x", @"10 from `10`, rest `x`");
    check!("number", "0.5", @"0.5 from `0.5`, rest ``");
    check!("number", "2.", @"2 from `2`, rest `.`");
    check!("number", "2.x", @"2 from `2`, rest `.x`");
    check!("number", "123456789012345678901234567890", @"123456789012345678901234567890 from `123456789012345678901234567890`, rest ``");
    check!("number", "1234567890123456789012345678901", @"error at `1234567890123456789012345678901`: number is too long (31 digits, at most 30)");
    check!("number", "x", @"no match");
}

#[test]
fn names() {
    check!("name", "x", @"x from `x`, rest ``");
    check!("name", "ab", @"a from `a`, rest `b`");
    check!("name", "p_1", @"p_{1} from `p_1`, rest ``");
    check!("name", "p_{1}", @"p_{1} from `p_{1}`, rest ``");
    check!("name", "x _ 1", @"x_{1} from `x _ 1`, rest ``");
    check!("name", "x_12", @"x_{1} from `x_1`, rest `2`");
    check!("name", r"\sigma_{12}", @r"σ_{12} from `\sigma_{12}`, rest ``");
    check!("name", r"\mu_{p_1}", @r"μ_{p_1} from `\mu_{p_1}`, rest ``");
    check!("name", r"\mu_{p_{1}}", @r"μ_{p_1} from `\mu_{p_{1}}`, rest ``");
    check!("name", r"x_{\alpha}", @r"x_{α} from `x_{\alpha}`, rest ``");
    check!("name", r"x_\alpha", @r"x_{α} from `x_\alpha`, rest ``");
    check!("name", r"x_{\mathrm{max}}", @r"x_{max} from `x_{\mathrm{max}}`, rest ``");
    check!("name", "x_{i+1}", @"x_{i+1} from `x_{i+1}`, rest ``");
    check!("name", r"\mathrm{KL}", @r"KL from `\mathrm{KL}`, rest ``");
    check!("name", r"\mathrm d", @r"d from `\mathrm d`, rest ``");
    check!("name", r"\text{ if }", @"no match");
    check!("name", r"\text{PDF}", @r"PDF from `\text{PDF}`, rest ``");
    check!("name", r"\pi", @r"π from `\pi`, rest ``");
    check!("name", r"\infty", @"no match");
    check!("name", r"\alphabet", @"no match");
    check!("name", "x_{1/2}", @"error at `/`: a subscript may only contain letters, digits and Greek letters");
    check!("name", "x_{1", @"error at `_{`: expected `}` to close `_{`");
    check!("name", "x_{}", @"error at `_{`: expected a subscript after `_`");
    check!("name", "x_", @"error at `_`: expected a subscript after `_`");
    check!("name", "x_-", @"error at `_-`: a subscript starting with `-` needs braces");
    check!("name", r"x_{\frac12}", @r"error at `\frac`: a subscript may only contain letters, digits and Greek letters");
    check!("name", r"\mathrm{a+b}", @r"error at `\mathrm`: expected letters inside `\mathrm{...}`");
}

#[test]
fn definition_names() {
    check!("definition_name", "KL(p)", @"KL from `KL`, rest `(p)`");
    check!("definition_name", "p_1(x)", @"p_{1} from `p_1`, rest `(x)`");
    check!("definition_name", r"\mathrm{KL}", @r"KL from `\mathrm{KL}`, rest ``");
    check!("definition_name", "f", @"f from `f`, rest ``");
    check!("definition_name", "2", @"no match");
}

#[test]
fn differentials() {
    check!("differential", "dx", @"x from `dx`, rest ``");
    check!("differential", "d x", @"x from `d x`, rest ``");
    check!("differential", r"\mathrm{d}x", @r"x from `\mathrm{d}x`, rest ``");
    check!("differential", r"\mathrm d x", @r"x from `\mathrm d x`, rest ``");
    check!("differential", r"d\theta", @r"θ from `d\theta`, rest ``");
    check!("differential", "dx_1", @"x_{1} from `dx_1`, rest ``");
    check!("differential", "d+", @"no match");
    check!("differential", "x", @"no match");
    check!("differential", r"\mathrm{e}x", @"no match");
    check!("differential", r"\rd x", @r"x from `\rd x`, rest ``");
    check!("differential", r"{\rm d}x", @r"x from `{\rm d}x`, rest ``");
    check!("differential", r"{\rm d} \theta", @r"θ from `{\rm d} \theta`, rest ``");
    check!("differential", r"{\rm e}x", @"no match");
    check!("differential", r"\rdx", @"no match");
}

#[test]
fn callee_words() {
    check!("callee_word", "KL(p)", @"KL from `KL`, rest `(p)`");
    check!("callee_word", "KL (p)", @"KL from `KL`, rest ` (p)`");
    check!("callee_word", r"KL\left(p\right)", @r"KL from `KL`, rest `\left(p\right)`");
    check!("callee_word", "K(p)", @"no match");
    check!("callee_word", "KL", @"no match");
    check!("callee_word", "KL[p]", @"no match");
}

#[test]
fn brackets() {
    check!("opener", "(", @"Paren Plain from `(`, rest ``");
    check!("opener", r"\left(", @r"Paren LeftRight from `\left(`, rest ``");
    check!("opener", r"\left [", @r"Square LeftRight from `\left [`, rest ``");
    check!("opener", r"\left\{", @r"SetBrace LeftRight from `\left\{`, rest ``");
    check!("opener", r"\left\lbrace", @r"SetBrace LeftRight from `\left\lbrace`, rest ``");
    check!("opener", r"\bigl(", @r"Paren Big from `\bigl(`, rest ``");
    check!("opener", r"\Big[", @r"Square Big from `\Big[`, rest ``");
    check!("opener", r"\{", @r"SetBrace Plain from `\{`, rest ``");
    check!("opener", "{", @"Group Plain from `{`, rest ``");
    check!("opener", r"\left|", @r"error at `\left|`: a bar that opens no absolute value here, or one never closed");
    check!("opener", r"\left.", @r"error at `\left.`: unsupported LaTeX command `\left.`");
    check!("opener", r"\bigr(", @"no match");
    check!("opener", ")", @"no match");
    check!("closer", ")", @"Paren Plain from `)`, rest ``");
    check!("closer", r"\right)", @r"Paren LeftRight from `\right)`, rest ``");
    check!("closer", r"\bigr]", @r"Square Big from `\bigr]`, rest ``");
    check!("closer", r"\}", @r"SetBrace Plain from `\}`, rest ``");
    check!("closer", "}", @"Group Plain from `}`, rest ``");
    check!("closer", "(", @"no match");
    check!("closer", r"\right|", @"no match");
}

#[test]
fn tokens() {
    check!("token", "", @"End ``");
    check!("token", "  ", @"End ``");
    check!("token", ")", @"Closer(Delim { shape: Paren, sizing: Plain }) `)`");
    check!("token", r"\right)", @r"Closer(Delim { shape: Paren, sizing: LeftRight }) `\right)`");
    check!("token", "<= 2", @"Relation `<=`");
    check!("token", r"\le 2", @r"Relation `\le`");
    check!("token", r"\leq", @r"Relation `\leq`");
    check!("token", "= 2", @"Equals `=`");
    check!("token", ", 2", @"Separator(',') `,`");
    check!("token", "; 2", @"Separator(';') `;`");
    check!("token", r"\\ 2", @r"LineBreak `\\`");
    check!("token", r"\cdot", @r"Other `\cdot`");
    check!("token", "@", @"Other `@`");
    check!("token", "σ", @"Other `σ`");
}

/// `\sim` with "iid" over it is `\sim`; other words over it state no exact law.
#[test]
fn only_independence_over_sim_is_sim() {
    for text in [
        r"\sim N",
        r"\stackrel{\text{iid}}{\sim} N",
        r"\overset{\mathrm{i.i.d.}}{\sim} N",
        r"\overset{ind}{\sim} N",
    ] {
        assert_eq!(sim_relation(text).map(str::trim), Some("N"), "{text}");
    }
    for text in [
        r"\overset{a}{\sim} N",
        r"\overset{H_0}{\sim} N",
        r"\stackrel{\text{approx}}{\sim} N",
        r"\overset{iid}{=} N",
        r"\simeq N",
    ] {
        assert_eq!(sim_relation(text), None, "{text}");
    }
}
