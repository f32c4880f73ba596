//! A linear pass over the text before parsing: it finds comments and checks bracket depth.
//!
//! The pest parser recurses once per nested list or parenthesis, so an input such as ten
//! thousand `[` would overflow the stack. This pass rejects nesting deeper than
//! [`MAX_NESTING`] first, without recursion.

use super::ast::Comment;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Deepest nesting of lists and parentheses the parser accepts.
pub const MAX_NESTING: usize = 32;

/// What the scan found: comments in source order, and a nesting error if any.
pub struct Scan {
    pub comments: Vec<Comment>,
    pub nesting_error: Option<Diagnostic>,
}

/// Scans `text`, skipping string contents so `//` and brackets inside strings do not count.
pub fn scan(file: FileId, text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut nesting_error = None;
    let mut depth = 0usize;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'/' if bytes.get(index + 1) == Some(&b'/') => {
                let end = line_end(bytes, index);
                comments.push(Comment {
                    text: text[index..end].trim_end().to_string(),
                    span: Span::new(file, index, end),
                });
                index = end;
            }
            b'"' if bytes[index..].starts_with(b"\"\"\"") => {
                index = triple_string_end(bytes, index + 3);
            }
            b'"' => index = plain_string_end(bytes, index + 1),
            b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING && nesting_error.is_none() {
                    nesting_error = Some(too_deep(Span::new(file, index, index + 1)));
                }
                index += 1;
            }
            b']' | b')' => {
                depth = depth.saturating_sub(1);
                index += 1;
            }
            _ => index += 1,
        }
    }
    Scan {
        comments,
        nesting_error,
    }
}

fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::NestingTooDeep,
        format!("lists and parentheses nest deeper than {MAX_NESTING} levels"),
    )
    .at(span, format!("level {} starts here", MAX_NESTING + 1))
    .help(format!(
        "flatten the value so it nests at most {MAX_NESTING} levels deep"
    ))
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte == b'\n' || byte == b'\r')
        .map_or(bytes.len(), |offset| from + offset)
}

/// Index after the closing quote of a one-line string, or at the line break that leaves it
/// unterminated (the parser reports that).
fn plain_string_end(bytes: &[u8], mut index: usize) -> usize {
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return index + 1,
            b'\n' | b'\r' => return index,
            _ => index += 1,
        }
    }
    bytes.len()
}

fn triple_string_end(bytes: &[u8], mut index: usize) -> usize {
    while index < bytes.len() {
        if bytes[index] == b'\\' {
            index += 2;
        } else if bytes[index..].starts_with(b"\"\"\"") {
            return index + 3;
        } else {
            index += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_skips_comment_markers_in_strings() {
        let scan = scan(FileId(0), "a: \"x // y\" // real\nb: \"\"\"\n//no\n\"\"\"");
        assert_eq!(scan.comments.len(), 1);
        assert_eq!(scan.comments[0].text, "// real");
    }

    #[test]
    fn scan_rejects_deep_nesting() {
        let text = "[".repeat(MAX_NESTING + 1);
        let scan = scan(FileId(0), &text);
        let error = scan.nesting_error.expect("nesting error");
        assert_eq!(error.code, Code::NestingTooDeep);
        assert_eq!(error.primary.expect("label").span.start, MAX_NESTING as u32);
    }

    #[test]
    fn scan_accepts_maximum_nesting() {
        let text = "[".repeat(MAX_NESTING) + &"]".repeat(MAX_NESTING);
        assert!(scan(FileId(0), &text).nesting_error.is_none());
    }
}
