//! Lowering of pest pairs into the syntax tree. `pest::iterators::Pair` stays in this file.

use pest::iterators::{Pair, Pairs};
use pest_derive::Parser;

use super::ast::*;
use super::strings;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// The parser generated from `grammar/pact.pest`.
#[derive(Parser)]
#[grammar = "../grammar/pact.pest"]
pub struct PactParser;

/// Builds syntax nodes from pairs of a text that starts at byte `offset` of `file`.
pub struct Lowering {
    pub file: FileId,
    pub offset: usize,
    /// Errors found while lowering, such as invalid escapes.
    pub diagnostics: Vec<Diagnostic>,
}

impl Lowering {
    /// The span of a pair without trailing whitespace and comments. Pest includes the
    /// trivia it skipped before an optional or repeated part that matched nothing, so the
    /// end is taken from the last token inside the pair.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let start = pair.as_span().start();
        let mut last = pair.clone();
        while let Some(inner) = last.clone().into_inner().last() {
            last = inner;
        }
        let end = last.as_span().end().max(start);
        Span::new(self.file, self.offset + start, self.offset + end)
    }

    /// Lowers the pairs of `Rule::file`.
    pub fn file(&mut self, mut pairs: Pairs<'_, Rule>) -> Vec<Declaration> {
        let Some(file) = pairs.next() else {
            return Vec::new();
        };
        file.into_inner()
            .filter(|pair| pair.as_rule() != Rule::EOI)
            .map(|pair| self.declaration(pair))
            .collect()
    }

    fn declaration(&mut self, pair: Pair<'_, Rule>) -> Declaration {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        match rule {
            Rule::include => {
                let _keyword = inner.next();
                let path = self.string(inner.next().expect("include has a path"));
                Declaration::Include(Include { path, span })
            }
            Rule::import => {
                let _keyword = inner.next();
                let kind = self.name(inner.next().expect("import has a kind"));
                let _from = inner.next();
                let path = self.string(inner.next().expect("import has a path"));
                let options = inner.next().map(|block| self.block(block));
                Declaration::Import(Import {
                    kind,
                    path,
                    options,
                    span,
                })
            }
            _ => {
                let kind = self.name(inner.next().expect("definition has a kind"));
                let name = self.name(inner.next().expect("definition has a name"));
                let body = self.block(inner.next().expect("definition has a block"));
                Declaration::Definition(Definition {
                    kind,
                    name,
                    body,
                    span,
                })
            }
        }
    }

    fn name(&self, pair: Pair<'_, Rule>) -> Name {
        Name {
            text: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Block {
        let span = self.span(&pair);
        let mut entries = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::field => {
                    let span = self.span(&child);
                    let mut inner = child.into_inner();
                    let key = self.name(inner.next().expect("field has a key"));
                    let _colon = inner.next();
                    let value = self.value(inner.next().expect("field has a value"));
                    entries.push(Entry::Field(Field { key, value, span }));
                }
                Rule::nested => {
                    let span = self.span(&child);
                    let mut inner = child.into_inner();
                    let key = self.name(inner.next().expect("nested block has a key"));
                    let block = self.block(inner.next().expect("nested block has a block"));
                    entries.push(Entry::Nested(Nested { key, block, span }));
                }
                _ => {}
            }
        }
        Block { entries, span }
    }

    /// Lowers `value`, `and_expression`, `not_expression`, `comparison`, `phrase` or an atom.
    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::value => return self.joined(pair, span, ValueKind::Or),
            Rule::and_expression => return self.joined(pair, span, ValueKind::And),
            Rule::not_expression => return self.not_expression(pair, span),
            Rule::comparison => return self.comparison(pair, span),
            Rule::phrase => return self.phrase(pair, span),
            Rule::string => ValueKind::String(self.string(pair)),
            Rule::number => ValueKind::Number(pair.as_str().to_string()),
            Rule::boolean => ValueKind::Bool(pair.as_str() == "true"),
            Rule::path => ValueKind::Path(pair.into_inner().map(|part| self.name(part)).collect()),
            Rule::list => ValueKind::List(
                pair.into_inner()
                    .filter(|child| child.as_rule() == Rule::value)
                    .map(|child| self.value(child))
                    .collect(),
            ),
            Rule::group => {
                let inner = pair
                    .into_inner()
                    .find(|child| child.as_rule() == Rule::value)
                    .expect("group has a value");
                ValueKind::Group(Box::new(self.value(inner)))
            }
            other => unreachable!("the grammar has no value of rule {other:?}"),
        };
        Value { kind, span }
    }

    /// Lowers an `or` or `and` chain, unwrapping a chain of one.
    fn joined(
        &mut self,
        pair: Pair<'_, Rule>,
        span: Span,
        join: fn(Vec<Value>) -> ValueKind,
    ) -> Value {
        let mut parts: Vec<Value> = pair
            .into_inner()
            .filter(|child| !matches!(child.as_rule(), Rule::kw_or | Rule::kw_and))
            .map(|child| self.value(child))
            .collect();
        if parts.len() == 1 {
            return parts.pop().expect("one part");
        }
        Value {
            kind: join(parts),
            span,
        }
    }

    fn not_expression(&mut self, pair: Pair<'_, Rule>, span: Span) -> Value {
        let mut inner = pair.into_inner().peekable();
        let negated = inner
            .peek()
            .is_some_and(|child| child.as_rule() == Rule::kw_not);
        if negated {
            inner.next();
        }
        let operand = self.value(inner.next().expect("not_expression has a comparison"));
        if !negated {
            return operand;
        }
        Value {
            kind: ValueKind::Not(Box::new(operand)),
            span,
        }
    }

    fn comparison(&mut self, pair: Pair<'_, Rule>, span: Span) -> Value {
        let mut inner = pair.into_inner();
        let left = self.value(inner.next().expect("comparison has a left side"));
        let Some(operator) = inner.next() else {
            return left;
        };
        let right = self.value(inner.next().expect("comparison has a right side"));
        let kind = match operator.as_rule() {
            Rule::kw_in => ValueKind::In {
                left: Box::new(left),
                list: Box::new(right),
            },
            rule => ValueKind::Compare {
                left: Box::new(left),
                operator: if rule == Rule::equals {
                    CompareOperator::Equals
                } else {
                    CompareOperator::NotEquals
                },
                right: Box::new(right),
            },
        };
        Value { kind, span }
    }

    fn phrase(&mut self, pair: Pair<'_, Rule>, span: Span) -> Value {
        let mut atoms: Vec<Value> = pair.into_inner().map(|atom| self.value(atom)).collect();
        if atoms.len() == 1 {
            return atoms.pop().expect("one atom");
        }
        Value {
            kind: ValueKind::Phrase(atoms),
            span,
        }
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> StringLiteral {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let (value, errors) = strings::decode(raw, span);
        self.diagnostics.extend(errors);
        StringLiteral {
            value,
            raw: raw.to_string(),
            span,
        }
    }
}
