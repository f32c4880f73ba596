//! `pactc fmt` on the valid fixtures: formatting is idempotent and keeps the meaning
//! (the resolved spec of the formatted text equals that of the original).

use std::path::{Path, PathBuf};

use pactc::resolve;
use pactc::source::FileId;
use pactc::syntax;

/// The `.pact` files directly in `folders` that exist.
fn pact_files(folders: &[&str]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = folders
        .iter()
        .filter_map(|folder| std::fs::read_dir(folder).ok())
        .flatten()
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "pact")
        })
        .collect();
    paths.sort();
    paths
}

/// Specs that resolve on their own: the valid fixtures and the bundled root specs.
fn resolving_specs() -> Vec<PathBuf> {
    pact_files(&["tests/fixtures/ok", "specs"])
}

/// Every valid file, including parts that only resolve through the spec that includes them.
fn all_files() -> Vec<PathBuf> {
    pact_files(&[
        "tests/fixtures/ok",
        "tests/fixtures/ok/parts",
        "specs",
        "specs/themes",
    ])
}

/// The syntax tree's debug text with every span removed, to compare trees of two layouts.
fn tree_without_spans(text: &str) -> String {
    let (tree, _) = syntax::parse(FileId(0), text);
    let mut debug = format!("{:?}", tree.declarations);
    while let Some(start) = debug.find("Span {") {
        let end = debug[start..]
            .find('}')
            .expect("a span's debug text closes")
            + start
            + 1;
        debug.replace_range(start..end, "");
    }
    debug
}

fn format(text: &str) -> String {
    let (tree, diagnostics) = syntax::parse(FileId(0), text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    syntax::format::format(&tree, text)
}

fn resolved_json(path: &Path, text: &str) -> String {
    let (spec, _, _) = resolve::load_text(path, text).expect("fixture resolves");
    serde_json::to_string(&spec).expect("spec serializes")
}

#[test]
fn format_is_idempotent() {
    for path in all_files() {
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        let once = format(&text);
        assert_eq!(format(&once), once, "{}", path.display());
    }
}

#[test]
fn format_keeps_syntax_tree() {
    for path in all_files() {
        let text = std::fs::read_to_string(&path).expect("file readable");
        let formatted = format(&text);
        assert_eq!(
            tree_without_spans(&formatted),
            tree_without_spans(&text),
            "{}",
            path.display()
        );
    }
}

#[test]
fn format_keeps_meaning() {
    for path in resolving_specs() {
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        let formatted = format(&text);
        assert_eq!(
            resolved_json(&path, &formatted),
            resolved_json(&path, &text),
            "{}",
            path.display()
        );
    }
}

#[test]
fn format_keeps_every_comment() {
    for path in all_files() {
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        let formatted = format(&text);
        let comments = |text: &str| {
            let (tree, _) = syntax::parse(FileId(0), text);
            tree.comments
                .into_iter()
                .map(|comment| comment.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(comments(&formatted), comments(&text), "{}", path.display());
    }
}
