//! Cuts an expression into tokens, each with the column it starts at.
//!
//! Columns count characters from 1, as a terminal shows them, so that `column 12` in a
//! message points at the twelfth character the user typed even when names are not ASCII.

use super::error::ExprError;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Num(f64),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    Lt,
    Le,
    Gt,
    Ge,
    EqEq,
    Ne,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    /// 1-based column of the first character.
    pub col: usize,
    /// The characters as written, for messages ("after 'lam'").
    pub text: String,
}

impl Token {
    /// How a message names the token: `'lam'`, `')'`, or "the end".
    pub(crate) fn shown(&self) -> String {
        match self.tok {
            Tok::End => "the end".to_string(),
            _ => format!("'{}'", self.text),
        }
    }

    /// Whether the token can begin an operand (so that two in a row lack an operator).
    pub(crate) fn starts_operand(&self) -> bool {
        matches!(self.tok, Tok::Num(_) | Tok::Ident(_) | Tok::LParen)
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of `text`, ending with [`Tok::End`] at the column after the last character.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let end = number_end(&chars, i);
            let written: String = chars[i..end].iter().collect();
            let value: f64 = written
                .parse()
                .map_err(|_| ExprError::at(col, format!("'{written}' is not a number")))?;
            if !value.is_finite() {
                return Err(ExprError::at(
                    col,
                    format!("the number {written} is too large for a double"),
                ));
            }
            tokens.push(Token {
                tok: Tok::Num(value),
                col,
                text: written,
            });
            i = end;
            continue;
        }
        if is_ident_start(c) {
            let mut end = i + 1;
            while end < chars.len() && is_ident_continue(chars[end]) {
                end += 1;
            }
            let name: String = chars[i..end].iter().collect();
            tokens.push(Token {
                tok: Tok::Ident(name.clone()),
                col,
                text: name,
            });
            i = end;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (tok, len) = match (c, next) {
            ('<', Some('=')) => (Tok::Le, 2),
            ('>', Some('=')) => (Tok::Ge, 2),
            ('=', Some('=')) => (Tok::EqEq, 2),
            ('!', Some('=')) => (Tok::Ne, 2),
            ('*', Some('*')) => {
                return Err(ExprError::at(
                    col,
                    "'**' is not an operator; write a power as a^b",
                ))
            }
            ('=', _) => {
                return Err(ExprError::at(
                    col,
                    "'=' is not an operator; write a comparison as ==",
                ))
            }
            ('<', _) => (Tok::Lt, 1),
            ('>', _) => (Tok::Gt, 1),
            ('+', _) => (Tok::Plus, 1),
            ('-', _) => (Tok::Minus, 1),
            ('*', _) => (Tok::Star, 1),
            ('/', _) => (Tok::Slash, 1),
            ('^', _) => (Tok::Caret, 1),
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            (',', _) => (Tok::Comma, 1),
            _ => return Err(ExprError::at(col, format!("unexpected character '{c}'"))),
        };
        tokens.push(Token {
            tok,
            col,
            text: chars[i..i + len].iter().collect(),
        });
        i += len;
    }
    tokens.push(Token {
        tok: Tok::End,
        col: chars.len() + 1,
        text: String::new(),
    });
    Ok(tokens)
}

/// Where a number starting at `start` ends: digits, an optional fraction, and an exponent
/// only when digits follow it (so that `2e` is the number 2 followed by the name `e`).
fn number_end(chars: &[char], start: usize) -> usize {
    let digits = |mut i: usize| {
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits(start);
    if chars.get(i) == Some(&'.') {
        i = digits(i + 1);
    }
    if matches!(chars.get(i), Some('e' | 'E')) {
        let mut j = i + 1;
        if matches!(chars.get(j), Some('+' | '-')) {
            j += 1;
        }
        if chars.get(j).is_some_and(char::is_ascii_digit) {
            i = digits(j);
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokenize(text).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_in_every_float_notation() {
        for (text, value) in [
            ("3", 3.0),
            ("3.", 3.0),
            ("3.25", 3.25),
            (".5", 0.5),
            ("1e3", 1000.0),
            ("1E-3", 0.001),
            ("2.5e+2", 250.0),
            ("0.000001", 1e-6),
        ] {
            assert_eq!(toks(text), vec![Tok::Num(value), Tok::End], "{text}");
        }
        // An exponent needs digits: `2e` is two times nothing yet, the name e follows.
        assert_eq!(
            toks("2e"),
            vec![Tok::Num(2.0), Tok::Ident("e".into()), Tok::End]
        );
    }

    #[test]
    fn operators_names_and_columns() {
        let t = tokenize("a<=b != λ_1^2").unwrap();
        let cols: Vec<usize> = t.iter().map(|t| t.col).collect();
        assert_eq!(cols, vec![1, 2, 4, 6, 9, 12, 13, 14]);
        assert_eq!(t[4].tok, Tok::Ident("λ_1".into()));
        assert_eq!(t[3].tok, Tok::Ne);
    }

    #[test]
    fn bad_characters_name_their_column() {
        let err = |text: &str| tokenize(text).unwrap_err().to_string();
        assert_eq!(err("x # 2"), "column 3: unexpected character '#'");
        assert_eq!(
            err("x**2"),
            "column 2: '**' is not an operator; write a power as a^b"
        );
        assert_eq!(
            err("x = 0"),
            "column 3: '=' is not an operator; write a comparison as =="
        );
        assert_eq!(
            err("1e999*x"),
            "column 1: the number 1e999 is too large for a double"
        );
    }
}
