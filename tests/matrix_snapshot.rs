//! Snapshots of the expanded matrix: this compiler's generated output.

mod matrix_support;

use pactc::expand::Expansion;
use pactc::expand::write::{CellWriter, Format};

fn render(evaluation: &str, format: Format, limit: usize) -> String {
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, evaluation).expect("expands");
    let mut writer = CellWriter::new(format, Vec::new(), &spec).expect("writer");
    for cell in expansion.cells().take(limit) {
        writer.write(&cell.expect("renders")).expect("writes");
    }
    String::from_utf8(writer.finish().expect("flushes")).expect("UTF-8")
}

#[test]
fn small_matrix_jsonl() {
    insta::assert_snapshot!(render("small", Format::Jsonl, usize::MAX));
}

#[test]
fn small_matrix_text() {
    insta::assert_snapshot!(render("small", Format::Text, usize::MAX));
}

#[test]
fn quick_matrix_csv_head() {
    insta::assert_snapshot!(render("quick", Format::Csv, 6));
}

#[test]
fn quick_matrix_text_personas() {
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    let mut writer = CellWriter::new(Format::Text, Vec::new(), &spec).expect("writer");
    // One cell per holder and visibility, in the balancing system prompt.
    let mut seen = std::collections::BTreeSet::new();
    for cell in expansion.cells() {
        let cell = cell.expect("renders");
        let key = (
            cell.levels.holder,
            cell.levels.demographics,
            cell.levels.scenario.clone(),
        );
        if cell.levels.system == "balancing" && seen.insert(key) {
            writer.write(&cell).expect("writes");
        }
    }
    let text = String::from_utf8(writer.finish().expect("flushes")).expect("UTF-8");
    insta::assert_snapshot!(text);
}

#[test]
fn parallel_matches_sequential() {
    use pactc::expand::parallel::write_jsonl_in_rounds;
    let sequential = render("quick", Format::Jsonl, usize::MAX);
    let spec = matrix_support::spec();
    let expansion = Expansion::new(&spec, "quick").expect("expands");
    for (threads, cells_per_thread) in [(1, 8192), (2, 7), (3, 20), (4, 1)] {
        let mut out = Vec::new();
        let written =
            write_jsonl_in_rounds(&expansion, &mut out, threads, cells_per_thread).expect("writes");
        assert_eq!(written.cells, 180);
        let parallel = String::from_utf8(out).expect("UTF-8");
        assert!(
            parallel == sequential,
            "{threads} threads, {cells_per_thread} cells each"
        );
    }
}
