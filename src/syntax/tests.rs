use super::*;

fn parse_ok(text: &str) -> SyntaxFile {
    let (syntax, diagnostics) = parse(FileId(0), text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    syntax
}

fn first_field(syntax: &SyntaxFile) -> &Field {
    let Declaration::Definition(definition) = &syntax.declarations[0] else {
        panic!("expected a definition");
    };
    match &definition.body.entries[0] {
        Entry::Field(field) => field,
        Entry::Nested(_) => panic!("expected a field"),
    }
}

#[test]
fn parse_definition_fields() {
    let syntax = parse_ok("norm a {\n  expectation: \"x\"\n  holds_in: [JP, KR,]\n}\n");
    let Declaration::Definition(definition) = &syntax.declarations[0] else {
        panic!("expected a definition");
    };
    assert_eq!(definition.kind.text, "norm");
    assert_eq!(definition.name.text, "a");
    assert_eq!(definition.body.entries.len(), 2);
}

#[test]
fn parse_phrase_stops_at_next_field() {
    let syntax = parse_ok("evaluation e {\n  subset: 40 items seed 7\n  read: samples 5\n}");
    let field = first_field(&syntax);
    let ValueKind::Phrase(atoms) = &field.value.kind else {
        panic!("expected a phrase, got {:?}", field.value.kind);
    };
    assert_eq!(atoms.len(), 4);
}

#[test]
fn parse_condition_precedence() {
    let syntax = parse_ok("constraint c { drop: a == b and not c != d or e in [f, g] }");
    let field = first_field(&syntax);
    let ValueKind::Or(parts) = &field.value.kind else {
        panic!("expected or, got {:?}", field.value.kind);
    };
    assert_eq!(parts.len(), 2);
    assert!(matches!(parts[0].kind, ValueKind::And(_)));
    assert!(matches!(parts[1].kind, ValueKind::In { .. }));
}

#[test]
fn parse_dotted_path() {
    let syntax = parse_ok("evaluation e { vary: [actor.age, holder] }");
    let ValueKind::List(items) = &first_field(&syntax).value.kind else {
        panic!("expected a list");
    };
    let ValueKind::Path(parts) = &items[0].kind else {
        panic!("expected a path");
    };
    assert_eq!(parts.len(), 2);
}

#[test]
fn parse_include_import_and_comments() {
    let text = "// top\ninclude \"a.pact\"\nimport norms from \"n.csv\" { format: normad } // x\n";
    let syntax = parse_ok(text);
    assert_eq!(syntax.declarations.len(), 2);
    assert_eq!(syntax.comments.len(), 2);
}

#[test]
fn parse_nested_block() {
    let syntax = parse_ok("demographic age { levels: [a, b], labels { a: \"A\", b: \"B\" } }");
    let Declaration::Definition(definition) = &syntax.declarations[0] else {
        panic!("expected a definition");
    };
    assert!(matches!(definition.body.entries[1], Entry::Nested(_)));
}

#[test]
fn syntax_error_names_expected_tokens() {
    let (_, diagnostics) = parse(FileId(0), "norm a {\n  expectation \"x\"\n}\n");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].message, "expected `{` or `:`, found `\"`");
}

#[test]
fn syntax_errors_recover_at_next_declaration() {
    let text = "norm a { x: }\nnorm b { y: 1 }\nnorm c { z 2 }\n";
    let (syntax, diagnostics) = parse(FileId(0), text);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert!(syntax.declarations.is_empty());
}

#[test]
fn unterminated_string_is_named() {
    let (_, diagnostics) = parse(FileId(0), "norm a { x: \"open\n}\n");
    assert_eq!(diagnostics[0].message, "string is not closed");
}

#[test]
fn keywords_are_not_names() {
    let (_, diagnostics) = parse(FileId(0), "norm in { x: 1 }");
    assert_eq!(diagnostics.len(), 1);
}

#[test]
fn deep_nesting_is_rejected_before_parsing() {
    let text = format!("norm a {{ x: {} }}", "[".repeat(10_000));
    let (_, diagnostics) = parse(FileId(0), &text);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, Code::NestingTooDeep);
}
