//! `pactc fmt` on the valid fixtures: formatting is idempotent and keeps the meaning
//! (the resolved spec of the formatted text equals that of the original).

use std::path::{Path, PathBuf};

use pactc::resolve;
use pactc::source::FileId;
use pactc::syntax;

fn ok_fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/ok")
        .expect("fixture folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "pact")
        })
        .collect();
    paths.push(PathBuf::from("tests/fixtures/ok/parts/shoes.pact"));
    paths.sort();
    paths
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
    for path in ok_fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        let once = format(&text);
        assert_eq!(format(&once), once, "{}", path.display());
    }
}

#[test]
fn format_keeps_meaning() {
    for path in ok_fixtures() {
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
    for path in ok_fixtures() {
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
