//! Inputs that must produce diagnostics, never a panic or a hang: truncated files, invalid
//! UTF-8, deep nesting, very large files, and random or mutated specs (property tests).

use proptest::prelude::*;
use std::path::Path;

use pactc::resolve;
use pactc::source::FileId;
use pactc::syntax;

const SPEC: &str = include_str!("fixtures/ok/language_examples.pact");

/// Resolves `text` as an in-memory spec; Ok or Err are both fine, a panic fails the test.
fn check(text: &str) -> bool {
    resolve::load_text(Path::new("tests/fixtures/ok/inline.pact"), text).is_ok()
}

#[test]
fn every_prefix_of_a_spec_is_handled() {
    let boundaries = (0..=SPEC.len()).filter(|index| SPEC.is_char_boundary(*index));
    for end in boundaries.step_by(3) {
        check(&SPEC[..end]);
    }
}

#[test]
fn invalid_utf8_file_is_an_error() {
    let temp = tempfile::tempdir().expect("temporary folder");
    let path = temp.path().join("binary.pact");
    std::fs::write(&path, [0x6e, 0x6f, 0x72, 0x6d, 0x20, 0xc3, 0x28, 0xff]).expect("written");
    let failed = resolve::load(&path).expect_err("invalid UTF-8");
    assert_eq!(failed.list[0].code.as_str(), "pact::invalid-utf8");
}

#[test]
fn deep_nesting_is_an_error() {
    for opener in ["[", "("] {
        let text = format!("evaluation e {{ vary: {} }}", opener.repeat(100_000));
        let failed = resolve::load_text(Path::new("deep.pact"), &text).expect_err("too deep");
        assert_eq!(failed.list[0].code.as_str(), "pact::nesting-too-deep");
    }
}

#[test]
fn nesting_at_the_limit_parses() {
    let depth = syntax::MAX_NESTING;
    let text = format!(
        "backend b {{ kind: fixed, x: {}1{} }}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (_, diagnostics) = syntax::parse(FileId(0), &text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn ten_megabyte_spec_is_handled() {
    let mut text =
        String::from("region r { name: \"R\" }\ncountry JP { name: \"Japan\", region: r }\n");
    let mut index = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "norm n{index} {{ expectation: \"Guests remove their shoes, case {index}.\", holds_in: [JP] }}\n"
        ));
        index += 1;
    }
    let temp = tempfile::tempdir().expect("temporary folder");
    let path = temp.path().join("large.pact");
    std::fs::write(&path, &text).expect("written");
    let (spec, _, warnings) = resolve::load(&path).expect("resolves");
    assert_eq!(spec.norms.len(), index);
    assert_eq!(warnings.len(), index, "one unused-norm warning per norm");
}

#[test]
fn include_of_itself_is_a_cycle() {
    let temp = tempfile::tempdir().expect("temporary folder");
    let path = temp.path().join("self.pact");
    std::fs::write(&path, "include \"self.pact\"\n").expect("written");
    let failed = resolve::load(&path).expect_err("cycle");
    assert_eq!(failed.list[0].code.as_str(), "pact::include-cycle");
}

/// Tokens that random specs are built from, so that many of them get past the lexer.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "norm",
        "scenario",
        "country",
        "evaluation",
        "include",
        "import",
        "from",
        "a",
        "JP",
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        ":",
        ",",
        "==",
        "!=",
        "and",
        "or",
        "not",
        "in",
        "\"x\"",
        "\"\"\"\n y\n\"\"\"",
        "\"{actor}\"",
        "\"\\u{41}\"",
        "\"\\q\"",
        "1",
        "-2",
        "0.5",
        "true",
        "// c\n",
        "\n",
        " ",
        "holds_in",
        "vary",
        "actor.age",
        "items",
        "seed",
        "\"",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn random_token_streams_never_panic(tokens in prop::collection::vec(token(), 0..80)) {
        check(&tokens.join(" "));
    }

    #[test]
    fn mutated_specs_never_panic(
        start in 0..SPEC.len(),
        length in 0usize..40,
        insert in prop::collection::vec(token(), 0..4),
    ) {
        let start = (0..=start).rev().find(|index| SPEC.is_char_boundary(*index)).unwrap_or(0);
        let end = (start + length..=SPEC.len())
            .find(|index| SPEC.is_char_boundary(*index))
            .unwrap_or(SPEC.len());
        let mutated = format!("{}{}{}", &SPEC[..start], insert.join(" "), &SPEC[end..]);
        check(&mutated);
    }

    #[test]
    fn format_of_mutated_specs_is_stable(
        start in 0..SPEC.len(),
        insert in prop::collection::vec(token(), 0..3),
    ) {
        let start = (0..=start).rev().find(|index| SPEC.is_char_boundary(*index)).unwrap_or(0);
        let mutated = format!("{}{}{}", &SPEC[..start], insert.join(" "), &SPEC[start..]);
        let (tree, diagnostics) = syntax::parse(FileId(0), &mutated);
        prop_assume!(diagnostics.is_empty());
        let once = syntax::format::format(&tree, &mutated);
        let (again, diagnostics) = syntax::parse(FileId(0), &once);
        prop_assert!(diagnostics.is_empty(), "formatted text does not parse:\n{}", once);
        prop_assert_eq!(syntax::format::format(&again, &once), once);
    }
}

#[test]
fn invalid_utf8_include_names_the_include() {
    let temp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(temp.path().join("part.pact"), [0x72, 0x65, 0xff]).expect("written");
    let root = temp.path().join("root.pact");
    std::fs::write(&root, "include \"part.pact\"\n").expect("written");
    let failed = resolve::load(&root).expect_err("invalid UTF-8");
    let diagnostic = &failed.list[0];
    assert_eq!(diagnostic.code.as_str(), "pact::invalid-utf8");
    assert_eq!(diagnostic.primary.as_ref().expect("label").span.start, 2);
    assert_eq!(diagnostic.secondary[0].message, "included here");
}
