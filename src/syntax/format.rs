//! The canonical layout of a `.pact` file, printed by `pactc fmt`.
//!
//! Declarations follow one another, with a blank line between two when either spans
//! several lines or when the source had one. Blocks indent by two spaces. A block goes on
//! one line when it has at most [`MAX_INLINE_ENTRIES`] fields, no nested block, no comment
//! and no multi-line string, and fits in [`WIDTH`] columns. Lists that do not fit get one
//! item per line, and conditions that do not fit one `or` or `and` part per line. Strings and numbers are printed as written. Comments stay before or
//! after the entry they were next to, and a comment inside a value moves above its entry.
//! Formatting its own output changes nothing.

use super::ast::*;

/// Line width the layout aims for.
pub const WIDTH: usize = 100;
/// Most fields of a block printed on one line.
pub const MAX_INLINE_ENTRIES: usize = 3;
const INDENT: &str = "  ";

/// Prints `syntax`, parsed from `text`, in canonical layout.
pub fn format(syntax: &SyntaxFile, text: &str) -> String {
    let mut printer = Printer {
        text,
        comments: &syntax.comments,
        next_comment: 0,
        out: String::new(),
        last_end: 0,
    };
    let mut previous_multiline = false;
    for (index, declaration) in syntax.declarations.iter().enumerate() {
        let span = declaration.span();
        let start = span.start as usize;
        let multiline = printer.is_multiline(declaration);
        if index > 0 && (previous_multiline || multiline) {
            printer.blank_line();
        }
        printer.leading_comments(start, 0, true);
        if printer.blank_line_before(start) {
            printer.blank_line();
        }
        printer.declaration(declaration);
        printer.trailing_comment(span.end as usize);
        printer.out.push('\n');
        previous_multiline = multiline;
    }
    printer.leading_comments(text.len() + 1, 0, !syntax.declarations.is_empty());
    printer.out
}

struct Printer<'a> {
    text: &'a str,
    comments: &'a [Comment],
    next_comment: usize,
    out: String,
    /// Source offset just after the last node or comment printed.
    last_end: usize,
}

impl Printer<'_> {
    /// Ends the output with an empty line, unless it is empty or already does, or a block
    /// has just opened.
    fn blank_line(&mut self) {
        let at_start = self.out.is_empty() || self.out.ends_with("{\n");
        if !at_start && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn blank_line_before(&self, start: usize) -> bool {
        let from = self.last_end.min(start);
        self.text
            .get(from..start)
            .is_some_and(|between| between.matches('\n').count() >= 2)
    }

    /// Prints every comment that starts before `before`, one per line.
    fn leading_comments(&mut self, before: usize, depth: usize, allow_blank: bool) {
        while let Some(comment) = self.comments.get(self.next_comment) {
            let start = comment.span.start as usize;
            if start >= before {
                break;
            }
            if allow_blank && self.blank_line_before(start) {
                self.blank_line();
            }
            self.indent(depth);
            self.out.push_str(&comment.text);
            self.out.push('\n');
            self.last_end = comment.span.end as usize;
            self.next_comment += 1;
        }
    }

    /// Prints a comment that follows `end` on the same source line.
    fn trailing_comment(&mut self, end: usize) {
        self.last_end = self.last_end.max(end);
        let Some(comment) = self.comments.get(self.next_comment) else {
            return;
        };
        let start = comment.span.start as usize;
        let same_line = start >= end
            && self
                .text
                .get(end..start)
                .is_some_and(|between| !between.contains('\n'));
        if same_line {
            self.out.push(' ');
            self.out.push_str(&comment.text);
            self.last_end = comment.span.end as usize;
            self.next_comment += 1;
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    /// Tells whether a declaration prints on more than one line.
    fn is_multiline(&self, declaration: &Declaration) -> bool {
        match declaration {
            Declaration::Include(_) => false,
            Declaration::Import(import) => import.options.as_ref().is_some_and(|options| {
                let head = format!("import {} from {} ", import.kind.text, import.path.raw);
                self.inline_block(options, head.len()).is_none()
            }),
            Declaration::Definition(definition) => {
                let head = format!("{} {} ", definition.kind.text, definition.name.text);
                self.inline_block(&definition.body, head.len()).is_none()
            }
        }
    }

    fn declaration(&mut self, declaration: &Declaration) {
        match declaration {
            Declaration::Include(include) => {
                self.out.push_str("include ");
                self.out.push_str(&include.path.raw);
            }
            Declaration::Import(import) => {
                let head = format!("import {} from {}", import.kind.text, import.path.raw);
                self.out.push_str(&head);
                if let Some(options) = &import.options {
                    self.out.push(' ');
                    self.block(options, 0, head.len() + 1);
                }
            }
            Declaration::Definition(definition) => {
                let head = format!("{} {}", definition.kind.text, definition.name.text);
                self.out.push_str(&head);
                self.out.push(' ');
                self.block(&definition.body, 0, head.len() + 1);
            }
        }
    }

    /// Prints a block whose `{` is at column `column` of a line indented `depth` levels.
    fn block(&mut self, block: &Block, depth: usize, column: usize) {
        if let Some(inline) = self.inline_block(block, column) {
            self.out.push_str(&inline);
            self.last_end = block.span.end as usize;
            return;
        }
        self.out.push_str("{\n");
        self.last_end = block.span.start as usize + 1;
        for entry in &block.entries {
            let span = entry.span();
            let start = span.start as usize;
            self.leading_comments(start, depth + 1, true);
            if self.blank_line_before(start) {
                self.blank_line();
            }
            self.leading_comments(span.end as usize, depth + 1, false);
            self.indent(depth + 1);
            self.entry(entry, depth + 1);
            self.trailing_comment(span.end as usize);
            self.out.push('\n');
        }
        self.leading_comments(block.span.end as usize, depth + 1, false);
        self.indent(depth);
        self.out.push('}');
        self.last_end = block.span.end as usize;
    }

    /// Returns the one-line form of a block, when the block qualifies for it.
    fn inline_block(&self, block: &Block, column: usize) -> Option<String> {
        let has_comment = self.comments[self.next_comment..].iter().any(|comment| {
            comment.span.start >= block.span.start && comment.span.end <= block.span.end
        });
        if has_comment || block.entries.len() > MAX_INLINE_ENTRIES {
            return None;
        }
        if block.entries.is_empty() {
            return Some("{}".to_string());
        }
        let mut fields = Vec::new();
        for entry in &block.entries {
            let Entry::Field(field) = entry else {
                return None;
            };
            let value = inline_value(&field.value);
            if value.contains('\n') {
                return None;
            }
            fields.push(format!("{}: {value}", field.key.text));
        }
        let line = format!("{{ {} }}", fields.join(", "));
        (column + line.len() <= WIDTH).then_some(line)
    }

    fn entry(&mut self, entry: &Entry, depth: usize) {
        match entry {
            Entry::Field(field) => {
                let head = format!("{}: ", field.key.text);
                self.out.push_str(&head);
                let column = depth * INDENT.len() + head.len();
                self.value(&field.value, depth, column);
            }
            Entry::Nested(nested) => {
                self.out.push_str(&nested.key.text);
                self.out.push(' ');
                let column = depth * INDENT.len() + nested.key.text.len() + 1;
                self.block(&nested.block, depth, column);
            }
        }
    }

    /// Prints a value that starts at `column` of a line indented `depth` levels, breaking
    /// lists and `and`/`or` chains over several lines when the value does not fit.
    fn value(&mut self, value: &Value, depth: usize, column: usize) {
        let inline = inline_value(value);
        if column + inline.len() <= WIDTH {
            self.out.push_str(&inline);
            return;
        }
        match &value.kind {
            ValueKind::List(items) => self.broken_list(items, depth),
            ValueKind::Or(parts) => self.broken_chain(parts, "or", depth, column),
            ValueKind::And(parts) => self.broken_chain(parts, "and", depth, column),
            ValueKind::In { left, list } => {
                let head = format!("{} in ", inline_value(left));
                self.out.push_str(&head);
                self.value(list, depth, column + head.len());
            }
            ValueKind::Group(inner) => {
                self.out.push('(');
                self.value(inner, depth, column + 1);
                self.out.push(')');
            }
            _ => self.out.push_str(&inline),
        }
    }

    /// Prints `a or b or c` with each further part on its own line, led by the operator.
    fn broken_chain(&mut self, parts: &[Value], operator: &str, depth: usize, column: usize) {
        for (index, part) in parts.iter().enumerate() {
            if index == 0 {
                self.value(part, depth, column);
                continue;
            }
            self.out.push('\n');
            self.indent(depth + 1);
            self.out.push_str(operator);
            self.out.push(' ');
            let part_column = (depth + 1) * INDENT.len() + operator.len() + 1;
            self.value(part, depth + 1, part_column);
        }
    }

    fn broken_list(&mut self, items: &[Value], depth: usize) {
        self.out.push_str("[\n");
        for item in items {
            self.indent(depth + 1);
            let column = (depth + 1) * INDENT.len();
            self.value(item, depth + 1, column);
            self.out.push_str(",\n");
        }
        self.indent(depth);
        self.out.push(']');
    }
}

/// Prints a value on one line; only multi-line strings contain line breaks.
pub fn inline_value(value: &Value) -> String {
    match &value.kind {
        ValueKind::String(literal) => literal.raw.clone(),
        ValueKind::Number(raw) => raw.clone(),
        ValueKind::Bool(flag) => flag.to_string(),
        ValueKind::Path(parts) => parts
            .iter()
            .map(|part| part.text.as_str())
            .collect::<Vec<_>>()
            .join("."),
        ValueKind::List(items) => format!("[{}]", joined(items, ", ")),
        ValueKind::Phrase(atoms) => joined(atoms, " "),
        ValueKind::Group(inner) => format!("({})", inline_value(inner)),
        ValueKind::Compare {
            left,
            operator,
            right,
        } => format!(
            "{} {} {}",
            inline_value(left),
            operator.as_str(),
            inline_value(right)
        ),
        ValueKind::In { left, list } => {
            format!("{} in {}", inline_value(left), inline_value(list))
        }
        ValueKind::Not(inner) => format!("not {}", inline_value(inner)),
        ValueKind::And(parts) => joined(parts, " and "),
        ValueKind::Or(parts) => joined(parts, " or "),
    }
}

fn joined(values: &[Value], separator: &str) -> String {
    values
        .iter()
        .map(inline_value)
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn formatted(text: &str) -> String {
        let (syntax, diagnostics) = super::super::parse(FileId(0), text);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        format(&syntax, text)
    }

    #[test]
    fn format_short_block_inline() {
        let text = "country JP {\n name: \"Japan\"\n    region: east_asia\n}\n";
        assert_eq!(
            formatted(text),
            "country JP { name: \"Japan\", region: east_asia }\n"
        );
    }

    #[test]
    fn format_keeps_comments() {
        let text =
            "// head\nnorm a { // inside\n x: 1 // after x\n\n // before y\n y: [a,b] }\n// tail\n";
        let expected = "// head\nnorm a {\n  // inside\n  x: 1 // after x\n\n  // before y\n  y: [a, b]\n}\n// tail\n";
        assert_eq!(formatted(text), expected);
    }

    #[test]
    fn format_is_idempotent_on_nested_blocks() {
        let text = "demographic age { levels: [younger, older]\n labels { younger: \"young\" } }\nregion r {}";
        let once = formatted(text);
        assert_eq!(formatted(&once), once);
        assert!(once.contains("  labels { younger: \"young\" }\n"), "{once}");
    }

    #[test]
    fn format_breaks_long_conditions() {
        let names: Vec<String> = (0..12).map(|index| format!("scenario_{index}")).collect();
        let text = format!(
            "constraint c {{ drop: (holder == both and actor.age == older) or scenario in [{}] }}",
            names.join(", ")
        );
        let once = formatted(&text);
        assert!(once.contains("\n    or scenario in [\n"), "{once}");
        assert_eq!(formatted(&once), once);
    }

    #[test]
    fn format_breaks_long_lists() {
        let names: Vec<String> = (0..40).map(|index| format!("name_{index}")).collect();
        let text = format!(
            "norm a {{ a: 1, b: 2, c: 3, holds_in: [{}] }}",
            names.join(", ")
        );
        let once = formatted(&text);
        assert!(once.contains("  holds_in: [\n    name_0,\n"), "{once}");
        assert_eq!(formatted(&once), once);
    }
}
