//! KaTeX, embedded: the script, and its stylesheet with every font inlined as a
//! `data:` URL, so a report typesets its formulas offline and makes no request. The
//! files are `vendor/katex/` (npm `katex` 0.19.1, MIT, unchanged); the stylesheet's
//! `url(fonts/…)` sources are rewritten here, once per run, to the WOFF2 bytes (every
//! browser that runs KaTeX reads WOFF2; the WOFF and TrueType fallbacks are dropped).

use std::sync::OnceLock;

use base64::Engine as _;

/// The KaTeX version embedded, shown in the page's footer.
pub const KATEX_VERSION: &str = "0.19.1";

/// `katex.min.js`.
pub const KATEX_JS: &str = include_str!("../../../vendor/katex/katex.min.js");

/// `katex.min.css` as shipped, with `url(fonts/…)` sources.
const KATEX_CSS: &str = include_str!("../../../vendor/katex/katex.min.css");

macro_rules! font {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../../vendor/katex/fonts/", $name, ".woff2")).as_slice(),
        )
    };
}

/// Every font KaTeX's stylesheet names, by file stem.
const FONTS: &[(&str, &[u8])] = &[
    font!("KaTeX_AMS-Regular"),
    font!("KaTeX_Caligraphic-Bold"),
    font!("KaTeX_Caligraphic-Regular"),
    font!("KaTeX_Fraktur-Bold"),
    font!("KaTeX_Fraktur-Regular"),
    font!("KaTeX_Main-Bold"),
    font!("KaTeX_Main-BoldItalic"),
    font!("KaTeX_Main-Italic"),
    font!("KaTeX_Main-Regular"),
    font!("KaTeX_Math-BoldItalic"),
    font!("KaTeX_Math-Italic"),
    font!("KaTeX_SansSerif-Bold"),
    font!("KaTeX_SansSerif-Italic"),
    font!("KaTeX_SansSerif-Regular"),
    font!("KaTeX_Script-Regular"),
    font!("KaTeX_Size1-Regular"),
    font!("KaTeX_Size2-Regular"),
    font!("KaTeX_Size3-Regular"),
    font!("KaTeX_Size4-Regular"),
    font!("KaTeX_Typewriter-Regular"),
];

/// KaTeX's stylesheet with every font inlined.
pub fn katex_css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| inline_fonts(KATEX_CSS))
}

/// `css` with each `@font-face` source list (`url(fonts/X.woff2) format("woff2"),
/// url(fonts/X.woff) …`) replaced by the one `data:` URL of `X.woff2`. A font the
/// table lacks keeps its list; the test below sees that none does.
fn inline_fonts(css: &str) -> String {
    let mut out = String::with_capacity(css.len() + 400_000);
    let mut rest = css;
    while let Some(start) = rest.find("src:url(fonts/") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        // The list ends where the `@font-face` rule does.
        let end = from.find('}').unwrap_or(from.len());
        let list = &from[..end];
        let stem = list["src:url(fonts/".len()..]
            .split(['.', ')'])
            .next()
            .unwrap_or_default();
        match FONTS.iter().find(|(name, _)| *name == stem) {
            Some((_, bytes)) => {
                out.push_str("src:url(data:font/woff2;base64,");
                out.push_str(&base64::engine::general_purpose::STANDARD.encode(bytes));
                out.push_str(") format(\"woff2\")");
            }
            None => out.push_str(list),
        }
        rest = &from[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_font_is_inlined_and_nothing_is_fetched() {
        let css = katex_css();
        assert!(!css.contains("url(fonts/"), "a font left to fetch");
        let faces = KATEX_CSS.matches("@font-face").count();
        assert_eq!(css.matches("url(data:font/woff2;base64,").count(), faces);
        assert_eq!(faces, FONTS.len());
        // Only `data:` URLs remain.
        assert_eq!(
            css.matches("url(").count(),
            css.matches("url(data:").count()
        );
    }
}
