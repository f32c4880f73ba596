//! Fixture specs: every file under `tests/fixtures/ok` resolves, every file under
//! `tests/fixtures/err` fails, and the rendered diagnostics of each are snapshots.

use std::path::{Path, PathBuf};

use pactc::diagnostic::{Diagnostic, render_graphical};
use pactc::model::Spec;
use pactc::resolve;
use pactc::source::SourceMap;

/// The `.pact` files directly in a fixture folder, by path relative to the package root,
/// which is the working directory of integration tests.
fn fixtures(folder: &str) -> Vec<PathBuf> {
    let directory = Path::new("tests/fixtures").join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("fixture folder exists")
        .map(|entry| entry.expect("fixture folder is readable").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "pact")
        })
        .collect();
    paths.sort();
    paths
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("fixture has a name")
        .to_string_lossy()
        .into_owned()
}

fn render(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| render_graphical(diagnostic, sources))
        .collect()
}

/// Serializes the spec as JSON with template texts left out, so snapshots do not change when the
/// built-in templates are edited.
fn spec_json(spec: &Spec) -> String {
    let mut spec = spec.clone();
    for template in spec.templates.values_mut() {
        template.text = "<omitted>".to_string();
    }
    serde_json::to_string_pretty(&spec).expect("spec serializes")
}

#[test]
fn ok_fixtures_resolve() {
    let paths = fixtures("ok");
    assert!(paths.len() >= 5, "found {} ok fixtures", paths.len());
    for path in paths {
        let (spec, sources, warnings) = match resolve::load(&path) {
            Ok(loaded) => loaded,
            Err(failed) => panic!("{} failed:\n{failed}", path.display()),
        };
        let snapshot = format!("{}\n{}", render(&warnings, &sources), spec_json(&spec));
        insta::assert_snapshot!(format!("ok_{}", stem(&path)), snapshot);
    }
}

#[test]
fn err_fixtures_fail() {
    let paths = fixtures("err");
    assert!(paths.len() >= 25, "found {} error fixtures", paths.len());
    for path in paths {
        let failed = match resolve::load_checked(&path) {
            Ok(_) => panic!("{} resolved, but it is an error fixture", path.display()),
            Err(failed) => failed,
        };
        assert!(failed.error_count() > 0, "{}", path.display());
        for diagnostic in &failed.list {
            assert!(
                diagnostic.primary.is_some(),
                "{}: {diagnostic:?} has no label",
                path.display()
            );
            assert!(
                diagnostic.help.is_some(),
                "{}: {diagnostic:?} has no help",
                path.display()
            );
        }
        let snapshot = render(&failed.list, &failed.sources);
        insta::assert_snapshot!(format!("err_{}", stem(&path)), snapshot);
    }
}

#[test]
fn misspelled_reference_gives_one_error() {
    let path = Path::new("tests/fixtures/err/unknown_reference.pact");
    let failed = resolve::load(path).expect_err("the reference is misspelled");
    assert_eq!(failed.list.len(), 1, "{failed}");
    assert_eq!(
        failed.list[0].help.as_deref(),
        Some("did you mean `remove_shoes`?")
    );
}

#[test]
fn imports_read_every_row() {
    let (spec, _, _) =
        resolve::load(Path::new("tests/fixtures/ok/imports.pact")).expect("resolves");
    assert_eq!(spec.norms["normad_1"].holds_in, ["JP"]);
    assert_eq!(spec.norms["normad_1"].source, "NormAd, row 1");
    assert_eq!(spec.norms["normad_3"].holds_in, ["EG"]);
    assert_eq!(spec.norms["greet_bow"].holds_in, ["JP"]);
    assert_eq!(spec.scenarios["visit_home"].countries, ["JP"]);
    assert_eq!(spec.scenarios["family_dinner"].countries, ["KR"]);
}

#[test]
fn import_row_errors_name_row_and_column() {
    let path = Path::new("tests/fixtures/err/import_row_errors.pact");
    let failed = resolve::load(path).expect_err("rows are broken");
    let invalid_name = &failed.list[0];
    assert_eq!(
        invalid_name.message,
        "row 2, column `name`: `bad name` is not a valid name"
    );
    let label = invalid_name.primary.as_ref().expect("label");
    assert!(
        failed
            .sources
            .path(label.span.file)
            .ends_with("parts/bad_norms.csv")
    );
}
