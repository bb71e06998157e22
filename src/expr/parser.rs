//! A recursive-descent parser from tokens to a syntax tree, one function per precedence level
//! of the grammar in the module documentation.
//!
//! Hand-written rather than exmex (the crate the issue suggests): exmex's errors are bare
//! strings without a column, its operators are unary or binary only (no `logsumexp(a, b, …)`,
//! no three-argument `if`), and its evaluator walks its own tree; we need the column of every
//! error, variadic calls, and our own flat instruction list with exact derivatives.

use super::error::{did_you_mean, ExprError};
use super::functions::{self, Callee};
use super::lexer::{Tok, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Cmp(Cmp),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ast {
    Num(f64),
    /// A data column, a parameter or a constant: which one is decided later, from the
    /// data's column names.
    Name {
        name: String,
        col: usize,
    },
    Call {
        callee: Callee,
        args: Vec<Ast>,
    },
    Neg(Box<Ast>),
    Bin(BinOp, Box<Ast>, Box<Ast>),
}

/// Parses the tokens of a whole expression. `columns` are the data's column names: a name
/// followed by `(` that is a column gets the hint to write the multiplication out.
pub(crate) fn parse(tokens: &[Token], columns: &[String]) -> Result<Ast, ExprError> {
    if tokens.len() == 1 {
        return Err(ExprError::whole("the expression is empty"));
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        columns,
    };
    let ast = p.comparison()?;
    let next = p.peek();
    if next.tok != Tok::End {
        let prev = p.previous();
        let message = if next.starts_operand() {
            format!(
                "missing operator between {} and {}",
                prev.shown(),
                next.shown()
            )
        } else {
            format!("unexpected {} after {}", next.shown(), prev.shown())
        };
        return Err(ExprError::at(next.col, message));
    }
    Ok(ast)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    columns: &'a [String],
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos]
    }

    fn previous(&self) -> &Token {
        &self.tokens[self.pos.saturating_sub(1)]
    }

    fn advance(&mut self) -> &Token {
        let t = &self.tokens[self.pos];
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    /// comparison = additive [ cmp additive ]; comparisons do not chain.
    fn comparison(&mut self) -> Result<Ast, ExprError> {
        let left = self.additive()?;
        let Some(op) = cmp_of(&self.peek().tok) else {
            return Ok(left);
        };
        self.advance();
        let right = self.additive()?;
        if cmp_of(&self.peek().tok).is_some() {
            let t = self.peek();
            return Err(ExprError::at(
                t.col,
                format!(
                    "comparisons do not chain: write a < b < c as (a < b)*(b < c), found a second {}",
                    t.shown()
                ),
            ));
        }
        Ok(Ast::Bin(BinOp::Cmp(op), Box::new(left), Box::new(right)))
    }

    /// additive = term { ("+" | "-") term }
    fn additive(&mut self) -> Result<Ast, ExprError> {
        let mut left = self.term()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(left),
            };
            self.advance();
            let right = self.term()?;
            left = Ast::Bin(op, Box::new(left), Box::new(right));
        }
    }

    /// term = unary { ("*" | "/") unary }
    fn term(&mut self) -> Result<Ast, ExprError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return Ok(left),
            };
            self.advance();
            let right = self.unary()?;
            left = Ast::Bin(op, Box::new(left), Box::new(right));
        }
    }

    /// unary = ("-" | "+") unary | power. So -x^2 is −(x²), as in mathematics.
    fn unary(&mut self) -> Result<Ast, ExprError> {
        match self.peek().tok {
            Tok::Minus => {
                self.advance();
                Ok(Ast::Neg(Box::new(self.unary()?)))
            }
            Tok::Plus => {
                self.advance();
                self.unary()
            }
            _ => self.power(),
        }
    }

    /// power = primary [ "^" unary ]: right-associative, and 2^-1 is allowed.
    fn power(&mut self) -> Result<Ast, ExprError> {
        let base = self.primary()?;
        if self.peek().tok != Tok::Caret {
            return Ok(base);
        }
        self.advance();
        let exponent = self.unary()?;
        Ok(Ast::Bin(BinOp::Pow, Box::new(base), Box::new(exponent)))
    }

    /// primary = number | name | name "(" args ")" | "(" comparison ")"
    fn primary(&mut self) -> Result<Ast, ExprError> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Num(v) => {
                self.advance();
                Ok(Ast::Num(*v))
            }
            Tok::Ident(name) => {
                self.advance();
                if self.peek().tok == Tok::LParen {
                    self.call(name, t.col)
                } else {
                    Ok(Ast::Name {
                        name: name.clone(),
                        col: t.col,
                    })
                }
            }
            Tok::LParen => {
                self.advance();
                let inner = self.comparison()?;
                self.expect_close(false)?;
                Ok(inner)
            }
            _ => {
                let message = if self.pos == 0 {
                    format!("expected an operand, found {}", t.shown())
                } else {
                    let prev = self.previous().shown();
                    match t.tok {
                        Tok::End => format!("expected an operand after {prev}"),
                        _ => format!("expected an operand after {prev}, found {}", t.shown()),
                    }
                };
                Err(ExprError::at(t.col, message))
            }
        }
    }

    /// A call of `name` whose `(` is the next token.
    fn call(&mut self, name: &str, col: usize) -> Result<Ast, ExprError> {
        let Some((callee, arity)) = functions::lookup(name) else {
            let message = match did_you_mean(name, functions::names()) {
                Some(near) => format!("unknown function '{name}'; did you mean '{near}'?"),
                None if self.columns.iter().any(|c| c == name) => format!(
                    "'{name}' is a data column, not a function; to multiply, write {name}*(…)"
                ),
                None => format!(
                    "unknown function '{name}'; to multiply, write {name}*(…) (the functions: {})",
                    functions::names().collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(ExprError::at(col, message));
        };
        self.advance(); // "("
        let mut args = Vec::new();
        if self.peek().tok == Tok::RParen {
            self.advance();
        } else {
            loop {
                args.push(self.comparison()?);
                if self.peek().tok == Tok::Comma {
                    self.advance();
                    continue;
                }
                self.expect_close(arity.accepts(args.len() + 1))?;
                break;
            }
        }
        if !arity.accepts(args.len()) {
            return Err(ExprError::at(
                col,
                format!("{name} {}, found {}", arity.describe(), args.len()),
            ));
        }
        Ok(Ast::Call { callee, args })
    }

    /// The `)` closing a group or a call; `more` says whether a `,` and another argument would
    /// have been fine too.
    fn expect_close(&mut self, more: bool) -> Result<(), ExprError> {
        if self.peek().tok == Tok::RParen {
            self.advance();
            return Ok(());
        }
        let t = self.peek();
        let wanted = if more { "',' or ')'" } else { "')'" };
        let prev = self.previous().shown();
        let message = match t.tok {
            Tok::End => format!("expected {wanted} after {prev}"),
            _ => format!("expected {wanted} after {prev}, found {}", t.shown()),
        };
        Err(ExprError::at(t.col, message))
    }
}

fn cmp_of(tok: &Tok) -> Option<Cmp> {
    Some(match tok {
        Tok::Lt => Cmp::Lt,
        Tok::Le => Cmp::Le,
        Tok::Gt => Cmp::Gt,
        Tok::Ge => Cmp::Ge,
        Tok::EqEq => Cmp::Eq,
        Tok::Ne => Cmp::Ne,
        _ => return None,
    })
}
