//! Parsing of `.pact` text into a [`SyntaxFile`]: a tree of declarations with spans and raw
//! names. Nothing is resolved here; [`crate::resolve`] checks names and values.
//!
//! The grammar is `grammar/pact.pest`. Pest stops at the first error, so after an error the
//! parser restarts at the next line that begins a top-level declaration and keeps going:
//! one run reports every syntax error it can find.

mod ast;
pub mod format;
mod lower;
mod scan;
mod strings;

pub use ast::*;
pub use scan::MAX_NESTING;

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};
use lower::{Lowering, PactParser, Rule};

/// Most syntax errors reported for one file before the parser gives up on it.
const MAX_SYNTAX_ERRORS: usize = 20;

/// Parses a file. Declarations are only trustworthy when no diagnostic is an error.
pub fn parse(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    let scan = scan::scan(file, text);
    let mut syntax = SyntaxFile {
        file,
        declarations: Vec::new(),
        comments: scan.comments,
    };
    if let Some(error) = scan.nesting_error {
        return (syntax, vec![error]);
    }

    let mut diagnostics = Vec::new();
    let mut offset = 0;
    loop {
        let chunk = &text[offset..];
        match PactParser::parse(Rule::file, chunk) {
            Ok(pairs) => {
                let mut lowering = Lowering {
                    file,
                    offset,
                    diagnostics: Vec::new(),
                };
                syntax.declarations.extend(lowering.file(pairs));
                diagnostics.extend(lowering.diagnostics);
                break;
            }
            Err(error) => {
                let position = offset + error_position(&error.location);
                diagnostics.push(syntax_error(file, text, position, &error.variant));
                match next_declaration_start(text, position) {
                    Some(next) if diagnostics.len() < MAX_SYNTAX_ERRORS => offset = next,
                    _ => break,
                }
            }
        }
    }
    (syntax, diagnostics)
}

fn error_position(location: &InputLocation) -> usize {
    match location {
        InputLocation::Pos(position) => *position,
        InputLocation::Span((start, _)) => *start,
    }
}

/// Finds the first line after `position` that starts with a letter at column 0, which is
/// where the next top-level declaration most likely starts.
fn next_declaration_start(text: &str, position: usize) -> Option<usize> {
    let mut line_start = text[position..].find('\n')? + position + 1;
    while line_start < text.len() {
        let line = &text[line_start..];
        if line.starts_with(|character: char| character.is_ascii_alphabetic()) {
            return Some(line_start);
        }
        line_start += line.find('\n')? + 1;
    }
    None
}

fn syntax_error(
    file: FileId,
    text: &str,
    position: usize,
    variant: &ErrorVariant<Rule>,
) -> Diagnostic {
    let span = token_span(file, text, position);
    let found = describe_found(text, position);
    if is_unclosed_string(&text[position..]) {
        return Diagnostic::error(Code::Syntax, "string is not closed")
            .at(span, "this string has no closing quote on its line")
            .help("add the closing `\"` on the same line, or use `\"\"\"` for text over several lines");
    }
    let expected = match variant {
        ErrorVariant::ParsingError { positives, .. } => expected_words(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    Diagnostic::error(Code::Syntax, format!("expected {expected}, found {found}"))
        .at(span, format!("expected {expected}"))
        .help(syntax_help(&expected))
}

/// Tells whether `rest` starts with a one-line string that has no closing quote on its line.
fn is_unclosed_string(rest: &str) -> bool {
    if !rest.starts_with('"') || rest.starts_with("\"\"\"") {
        return false;
    }
    let mut escaped = false;
    for character in rest[1..].chars() {
        match character {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return false,
            '\n' | '\r' => return true,
            _ => {}
        }
    }
    true
}

fn syntax_help(expected: &str) -> String {
    if expected.contains("`]`") {
        "separate list items with `,` and close the list with `]`".to_string()
    } else if expected.contains("`}`") {
        "close the block with `}`, or check that each field is written `key: value`".to_string()
    } else if expected.contains("`:`") {
        "write fields as `key: value` and nested blocks as `key { ... }`".to_string()
    } else if expected.contains("a declaration") {
        "start each top-level declaration with its kind and name, as in `norm NAME { ... }`, \
         or with `include` or `import`"
            .to_string()
    } else {
        "see docs/language.md for the syntax of this construct".to_string()
    }
}

/// Returns the span of the token at `position`: a word, one character, or the end of file.
fn token_span(file: FileId, text: &str, position: usize) -> Span {
    let rest = &text[position..];
    let word = rest
        .find(|character: char| !(character.is_alphanumeric() || character == '_'))
        .unwrap_or(rest.len());
    let length = if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    Span::new(file, position, position + length)
}

fn describe_found(text: &str, position: usize) -> String {
    let rest = &text[position..];
    match rest.chars().next() {
        None => "end of file".to_string(),
        Some(character) if character.is_alphanumeric() || character == '_' => {
            let end = rest
                .find(|character: char| !(character.is_alphanumeric() || character == '_'))
                .unwrap_or(rest.len());
            format!("`{}`", &rest[..end])
        }
        Some('\n') | Some('\r') => "end of line".to_string(),
        Some(character) => format!("`{character}`"),
    }
}

/// Names the rules pest expected in readable words, such as "a name or `{`".
///
/// When a value could have continued, pest lists every token that might extend it. Only
/// the closing and separating punctuation helps then, so the other words are left out.
fn expected_words(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for rule in rules {
        let word = rule_word(*rule);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    let structural = ["`}`", "`]`", "`)`", "`,`", "`:`", "`{`"];
    if words.len() > 3 && words.iter().any(|word| structural.contains(word)) {
        words.retain(|word| structural.contains(word));
    }
    match words.as_slice() {
        [] => "something else".to_string(),
        [only] => only.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn rule_word(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "end of file",
        Rule::file | Rule::definition => "a declaration",
        Rule::include | Rule::kw_include => "`include`",
        Rule::import | Rule::kw_import => "`import`",
        Rule::kw_from => "`from`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not => "`not`",
        Rule::kw_in => "`in`",
        Rule::block | Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::open_bracket | Rule::list => "`[`",
        Rule::close_bracket => "`]`",
        Rule::open_paren | Rule::group => "`(`",
        Rule::close_paren => "`)`",
        Rule::colon => "`:`",
        Rule::comma => "`,`",
        Rule::equals => "`==`",
        Rule::not_equals => "`!=`",
        Rule::field | Rule::nested => "a field",
        Rule::identifier | Rule::path => "a name",
        Rule::string | Rule::plain_string | Rule::triple_string => "a string",
        Rule::number => "a number",
        Rule::boolean => "`true` or `false`",
        Rule::value
        | Rule::and_expression
        | Rule::not_expression
        | Rule::comparison
        | Rule::phrase
        | Rule::declaration
        | Rule::entry
        | Rule::entry_start
        | Rule::atom => "a value",
        Rule::WHITESPACE | Rule::COMMENT | Rule::identifier_char | Rule::keyword => "a name",
    }
}

#[cfg(test)]
mod tests;
