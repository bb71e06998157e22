//! Figure text as LaTeX that pdflatex accepts as well as lualatex: TeX's special characters
//! escaped, and the Unicode the figures use (Greek letters, θ̂ with its combining hat, −, ²,
//! ₀, ≤, ½, ∞ …) written as math (`$\hat{\theta}$`), since pdflatex has no glyph for raw
//! Greek or combining marks and stops with an error on them.

/// `text` as LaTeX for a text-mode context (a title, an axis label, a legend entry).
pub fn latex(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Pieces: (is math, source). Consecutive math pieces share one pair of dollars.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        // A base character followed by combining accents: math with the accents around it.
        let mut accents = Vec::new();
        while i < chars.len() {
            match accent(chars[i]) {
                Some(a) => {
                    accents.push(a);
                    i += 1;
                }
                None => break,
            }
        }
        if !accents.is_empty() {
            let mut base = match piece(c) {
                (true, s) => s,
                (false, s) if c.is_ascii_alphanumeric() => s,
                (false, s) => format!("\\text{{{s}}}"),
            };
            for a in accents {
                base = format!("{a}{{{base}}}");
            }
            pieces.push((true, base));
            continue;
        }
        pieces.push(piece(c));
    }
    let mut out = String::new();
    let mut k = 0;
    while k < pieces.len() {
        if pieces[k].0 {
            let mut math = String::new();
            while k < pieces.len() && pieces[k].0 {
                let s = &pieces[k].1;
                // A control word must not run into the letters of the next piece.
                if math.ends_with(|c: char| c.is_ascii_alphabetic())
                    && math.contains('\\')
                    && s.starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    math.push(' ');
                }
                math.push_str(s);
                k += 1;
            }
            out.push('$');
            out.push_str(&math);
            out.push('$');
        } else {
            out.push_str(&pieces[k].1);
            k += 1;
        }
    }
    out
}

/// The LaTeX accent command of a combining mark.
fn accent(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{302}' => "\\hat",
        '\u{303}' => "\\tilde",
        '\u{304}' | '\u{305}' => "\\bar",
        '\u{307}' => "\\dot",
        '\u{308}' => "\\ddot",
        '\u{301}' => "\\acute",
        '\u{300}' => "\\grave",
        '\u{306}' => "\\breve",
        '\u{30C}' => "\\check",
        '\u{20D7}' => "\\vec",
        _ => return None,
    })
}

/// One character: (is math, LaTeX).
fn piece(c: char) -> (bool, String) {
    let text = |s: &str| (false, s.to_string());
    let math = |s: &str| (true, s.to_string());
    match c {
        '\\' => text("\\textbackslash{}"),
        '{' => text("\\{"),
        '}' => text("\\}"),
        '$' => text("\\$"),
        '&' => text("\\&"),
        '#' => text("\\#"),
        '%' => text("\\%"),
        '_' => text("\\_"),
        '^' => text("\\^{}"),
        '~' => text("\\~{}"),
        '<' => math("<"),
        '>' => math(">"),
        '|' => math("|"),
        '\n' | '\t' => text(" "),
        c if c.is_ascii_control() => text(""),
        c if c.is_ascii() => (false, c.to_string()),
        '\u{a0}' => text("~"),
        '\u{2009}' | '\u{202f}' | '\u{2006}' | '\u{200a}' => text("\\,"),
        '\u{2002}'..='\u{2008}' => text(" "),
        '–' => text("--"),
        '—' => text("---"),
        '‘' => text("`"),
        '’' => text("'"),
        '“' => text("``"),
        '”' => text("''"),
        '…' => text("\\ldots{}"),
        '•' => text("\\textbullet{}"),
        '§' => text("\\S{}"),
        '¶' => text("\\P{}"),
        '©' => text("\\copyright{}"),
        '°' => math("^{\\circ}"),
        '−' => math("-"),
        '×' => math("\\times"),
        '÷' => math("\\div"),
        '·' | '⋅' => math("\\cdot"),
        '≤' => math("\\leq"),
        '≥' => math("\\geq"),
        '≠' => math("\\neq"),
        '≈' => math("\\approx"),
        '≡' => math("\\equiv"),
        '∝' => math("\\propto"),
        '±' => math("\\pm"),
        '∓' => math("\\mp"),
        '∞' => math("\\infty"),
        '∂' => math("\\partial"),
        '∇' => math("\\nabla"),
        '∑' => math("\\sum"),
        '∏' => math("\\prod"),
        '∫' => math("\\int"),
        '√' => math("\\surd"),
        '∈' => math("\\in"),
        '∉' => math("\\notin"),
        '→' => math("\\to"),
        '←' => math("\\leftarrow"),
        '↦' => math("\\mapsto"),
        '⇒' => math("\\Rightarrow"),
        '∧' => math("\\wedge"),
        '∨' => math("\\vee"),
        '∣' => math("\\mid"),
        '′' => math("'"),
        '″' => math("''"),
        '‴' => math("'''"),
        'ℓ' => math("\\ell"),
        '½' => math("\\tfrac{1}{2}"),
        '¼' => math("\\tfrac{1}{4}"),
        '¾' => math("\\tfrac{3}{4}"),
        '⅓' => math("\\tfrac{1}{3}"),
        '⅔' => math("\\tfrac{2}{3}"),
        '¹' => math("^{1}"),
        '²' => math("^{2}"),
        '³' => math("^{3}"),
        '⁰' | '⁴'..='⁹' => (true, format!("^{{{}}}", c as u32 - '⁰' as u32)),
        '⁺' => math("^{+}"),
        '⁻' => math("^{-}"),
        'ⁿ' => math("^{n}"),
        'ⁱ' => math("^{i}"),
        'ᵏ' => math("^{k}"),
        '₀'..='₉' => (true, format!("_{{{}}}", c as u32 - '₀' as u32)),
        '₊' => math("_{+}"),
        '₋' => math("_{-}"),
        'ᵢ' => math("_{i}"),
        'ⱼ' => math("_{j}"),
        'ₖ' => math("_{k}"),
        'ₙ' => math("_{n}"),
        c => match greek(c) {
            Some(g) => math(g),
            // Latin-1 and Latin Extended-A letters: LaTeX's UTF-8 input maps them itself.
            None if ('\u{c0}'..='\u{17f}').contains(&c) && c != '×' && c != '÷' => {
                (false, c.to_string())
            }
            // Anything else has no glyph in pdflatex's fonts: its code point, visibly.
            None => (false, format!("[U+{:04X}]", c as u32)),
        },
    }
}

/// A Greek letter as a math command.
fn greek(c: char) -> Option<&'static str> {
    const LOWER: [&str; 25] = [
        "\\alpha",
        "\\beta",
        "\\gamma",
        "\\delta",
        "\\epsilon",
        "\\zeta",
        "\\eta",
        "\\theta",
        "\\iota",
        "\\kappa",
        "\\lambda",
        "\\mu",
        "\\nu",
        "\\xi",
        "o",
        "\\pi",
        "\\rho",
        "\\varsigma",
        "\\sigma",
        "\\tau",
        "\\upsilon",
        "\\phi",
        "\\chi",
        "\\psi",
        "\\omega",
    ];
    const UPPER: [&str; 25] = [
        "\\mathrm{A}",
        "\\mathrm{B}",
        "\\Gamma",
        "\\Delta",
        "\\mathrm{E}",
        "\\mathrm{Z}",
        "\\mathrm{H}",
        "\\Theta",
        "\\mathrm{I}",
        "\\mathrm{K}",
        "\\Lambda",
        "\\mathrm{M}",
        "\\mathrm{N}",
        "\\Xi",
        "\\mathrm{O}",
        "\\Pi",
        "\\mathrm{P}",
        "",
        "\\Sigma",
        "\\mathrm{T}",
        "\\Upsilon",
        "\\Phi",
        "\\mathrm{X}",
        "\\Psi",
        "\\Omega",
    ];
    let s = match c {
        'α'..='ω' => LOWER[(c as u32 - 'α' as u32) as usize],
        'Α'..='Ω' => UPPER[(c as u32 - 'Α' as u32) as usize],
        'ϑ' => "\\vartheta",
        'ϕ' => "\\varphi",
        'ϵ' => "\\varepsilon",
        'ϱ' => "\\varrho",
        'ϖ' => "\\varpi",
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::latex;

    #[test]
    fn greek_and_hats_become_math() {
        assert_eq!(latex("θ\u{302} = 0.3"), "$\\hat{\\theta}$ = 0.3");
        assert_eq!(latex("p\u{302}"), "$\\hat{p}$");
        assert_eq!(latex("ΔNLL(λ)"), "$\\Delta$NLL($\\lambda$)");
        assert_eq!(latex("μ/σ²"), "$\\mu$/$\\sigma^{2}$");
        assert_eq!(latex("−1/(2σ²)"), "$-$1/(2$\\sigma^{2}$)");
        assert_eq!(latex("x₀"), "x$_{0}$");
    }

    #[test]
    fn specials_are_escaped() {
        assert_eq!(latex("95 % LR_x & {a}"), "95 \\% LR\\_x \\& \\{a\\}");
        assert_eq!(latex("ΔNLL ≤ 1.92"), "$\\Delta$NLL $\\leq$ 1.92");
        assert_eq!(latex("a < b"), "a $<$ b");
        assert_eq!(latex("\\x"), "\\textbackslash{}x");
    }

    #[test]
    fn every_character_is_ascii_after() {
        let all: String = (0x20u32..0x3000).filter_map(char::from_u32).collect();
        let out = latex(&all);
        assert!(out
            .chars()
            .all(|c| c.is_ascii() || ('\u{c0}'..='\u{17f}').contains(&c)));
    }
}
