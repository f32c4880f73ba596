//! The syntax tree: what a file says, with spans and raw names, before any name is resolved.

use crate::source::{FileId, Span};

/// One parsed `.pact` file.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxFile {
    pub file: FileId,
    pub declarations: Vec<Declaration>,
    /// Every `//` comment in source order; `pactc fmt` places them back.
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Declaration {
    Include(Include),
    Import(Import),
    Definition(Definition),
}

impl Declaration {
    pub fn span(&self) -> Span {
        match self {
            Declaration::Include(include) => include.span,
            Declaration::Import(import) => import.span,
            Declaration::Definition(definition) => definition.span,
        }
    }
}

/// `include "path"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    pub path: StringLiteral,
    pub span: Span,
}

/// `import KIND from "path" { options }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// `norms` or `scenarios`.
    pub kind: Name,
    pub path: StringLiteral,
    pub options: Option<Block>,
    pub span: Span,
}

/// `KIND NAME { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub kind: Name,
    pub name: Name,
    pub body: Block,
    pub span: Span,
}

/// An identifier with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A string with escapes decoded, and its source text for `pactc fmt`.
#[derive(Debug, Clone, PartialEq)]
pub struct StringLiteral {
    pub value: String,
    pub raw: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub entries: Vec<Entry>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// `key: value`.
    Field(Field),
    /// `key { ... }`.
    Nested(Nested),
}

impl Entry {
    pub fn key(&self) -> &Name {
        match self {
            Entry::Field(field) => &field.key,
            Entry::Nested(nested) => &nested.key,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Entry::Field(field) => field.span,
            Entry::Nested(nested) => nested.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: Name,
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Nested {
    pub key: Name,
    pub block: Block,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    String(StringLiteral),
    /// A number as written; the resolver parses it for the field that expects it.
    Number(String),
    Bool(bool),
    /// A name or dotted name such as `actor.age`.
    Path(Vec<Name>),
    List(Vec<Value>),
    /// Several atoms in a row, such as `40 items seed 7` or `samples 5`.
    Phrase(Vec<Value>),
    /// `(value)`.
    Group(Box<Value>),
    Compare {
        left: Box<Value>,
        operator: CompareOperator,
        right: Box<Value>,
    },
    In {
        left: Box<Value>,
        list: Box<Value>,
    },
    Not(Box<Value>),
    And(Vec<Value>),
    Or(Vec<Value>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOperator {
    Equals,
    NotEquals,
}

impl CompareOperator {
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOperator::Equals => "==",
            CompareOperator::NotEquals => "!=",
        }
    }
}

/// A `//` comment; `text` starts with `//` and has no line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}
