//! Decoding of string literals: escapes, and the indentation rule of `"""` strings.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

/// Decodes a string literal as written, quotes included, whose source starts at `span`.
///
/// For `"""` strings the line break right after the opening quotes is dropped, a last line
/// holding only spaces before the closing quotes is dropped with its line break, and the
/// indentation common to all non-blank lines is removed. Escapes are decoded afterwards.
pub fn decode(raw: &str, span: Span) -> (String, Vec<Diagnostic>) {
    if let Some(body) = raw
        .strip_prefix("\"\"\"")
        .and_then(|rest| rest.strip_suffix("\"\"\""))
    {
        let text = dedent(body);
        let offset = span.start as usize + 3;
        return unescape(&text, span, offset, body);
    }
    let body = raw
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(raw);
    unescape(body, span, span.start as usize + 1, body)
}

fn dedent(body: &str) -> String {
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix('\n'))
        .unwrap_or(body);
    let mut lines: Vec<&str> = body.split('\n').collect();
    if lines.len() > 1
        && lines
            .last()
            .is_some_and(|last| last.trim_matches([' ', '\t']).is_empty())
    {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.get(indent..).unwrap_or_else(|| line.trim_start())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes escapes. Escape errors point into `original` (the body as written) when the
/// escape text can be found there, else at the whole literal.
fn unescape(
    text: &str,
    span: Span,
    body_offset: usize,
    original: &str,
) -> (String, Vec<Diagnostic>) {
    let mut value = String::with_capacity(text.len());
    let mut errors = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((index, character)) = chars.next() {
        if character != '\\' {
            value.push(character);
            continue;
        }
        let escape_start = index;
        let decoded = match chars.next() {
            Some((_, '"')) => Some('"'),
            Some((_, '\\')) => Some('\\'),
            Some((_, 'n')) => Some('\n'),
            Some((_, 't')) => Some('\t'),
            Some((_, 'u')) => unicode_escape(&mut chars),
            _ => None,
        };
        match decoded {
            Some(decoded) => value.push(decoded),
            None => {
                let escape_end = chars.peek().map_or(text.len(), |(end, _)| *end);
                let escape = &text[escape_start..escape_end];
                let escape_span = locate(original, escape, span, body_offset);
                errors.push(invalid_escape(escape, escape_span));
            }
        }
    }
    (value, errors)
}

/// Reads `{HEX}` after `\u`; `None` when it is malformed or not a Unicode scalar value.
fn unicode_escape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<char> {
    if chars.peek().map(|(_, character)| *character) != Some('{') {
        return None;
    }
    chars.next();
    let mut digits = String::new();
    while let Some(&(_, character)) = chars.peek() {
        chars.next();
        if character == '}' {
            break;
        }
        if !character.is_ascii_hexdigit() || digits.len() == 6 {
            return None;
        }
        digits.push(character);
    }
    u32::from_str_radix(&digits, 16)
        .ok()
        .and_then(char::from_u32)
}

fn locate(original: &str, escape: &str, span: Span, body_offset: usize) -> Span {
    match original.find(escape) {
        Some(found) => Span::new(
            span.file,
            body_offset + found,
            body_offset + found + escape.len(),
        ),
        None => span,
    }
}

fn invalid_escape(escape: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidEscape,
        format!("invalid escape `{escape}` in a string"),
    )
    .at(span, "not a valid escape")
    .help(
        "use one of \\\", \\\\, \\n, \\t or \\u{HEX} with 1 to 6 hex digits naming a \
             Unicode scalar value; write \\\\ for a literal backslash",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn decoded(raw: &str) -> String {
        let (value, errors) = decode(raw, Span::new(FileId(0), 0, raw.len()));
        assert!(errors.is_empty(), "{errors:?}");
        value
    }

    #[test]
    fn decode_plain_escapes() {
        assert_eq!(decoded(r#""a\"b\\c\nd\te""#), "a\"b\\c\nd\te");
        assert_eq!(decoded(r#""\u{1F600}""#), "\u{1F600}");
    }

    #[test]
    fn decode_triple_string_dedents() {
        let raw = "\"\"\"\n    Line one\n      indented\n    Line two\n    \"\"\"";
        assert_eq!(decoded(raw), "Line one\n  indented\nLine two");
    }

    #[test]
    fn decode_triple_string_on_one_line() {
        assert_eq!(decoded("\"\"\"a \"quoted\" b\"\"\""), "a \"quoted\" b");
    }

    #[test]
    fn decode_reports_invalid_escapes() {
        let raw = r#""a\qb\u{D800}""#;
        let (value, errors) = decode(raw, Span::new(FileId(0), 10, 10 + raw.len()));
        assert_eq!(value, "ab");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].primary.as_ref().expect("label").span.start, 12);
    }
}
