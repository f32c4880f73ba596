//! `pactc check` and `pactc fmt` run as the built binary; exit code, stdout and stderr are
//! snapshots, with temporary paths replaced by `[TEMP]`.

use std::path::Path;
use std::process::Command;

/// Runs pactc from the package root and returns "exit code, stdout, stderr" as one text.
fn run(args: &[&str], temp: Option<&Path>) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pactc"))
        .args(args)
        .env_remove("PACTC_LOG")
        .output()
        .expect("pactc runs");
    let mut text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_string(), |code| code.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    if let Some(temp) = temp {
        text = text.replace(&temp.display().to_string(), "[TEMP]");
    }
    text
}

fn exit_code(args: &[&str]) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_pactc"))
        .args(args)
        .output()
        .expect("pactc runs")
        .status
        .code()
}

#[test]
fn check_valid_spec() {
    insta::assert_snapshot!(run(&["check", "tests/fixtures/ok/minimal.pact"], None));
}

#[test]
fn check_spec_with_warnings() {
    insta::assert_snapshot!(run(&["check", "tests/fixtures/ok/warnings.pact"], None));
}

#[test]
fn check_deny_warnings_fails() {
    let args = [
        "check",
        "--deny-warnings",
        "tests/fixtures/ok/warnings.pact",
    ];
    assert_eq!(exit_code(&args), Some(1));
}

#[test]
fn check_ignores_byte_order_mark() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("bom.pact");
    let spec = std::fs::read("tests/fixtures/ok/minimal.pact").expect("fixture");
    std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), &spec].concat()).expect("write");
    let path = path.display().to_string();
    assert_eq!(exit_code(&["check", "--deny-warnings", &path]), Some(0));
}

#[test]
fn check_rejects_repeated_model() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("twice.pact");
    let spec = std::fs::read_to_string("examples/single_scenario.pact").expect("example");
    assert!(
        spec.contains("evaluation quick {"),
        "the example has `quick`"
    );
    let edited = spec.replacen(
        "evaluation quick {",
        "evaluation quick {\n  models: [smollm2, smollm2]",
        1,
    );
    std::fs::write(&path, edited).expect("write");
    let output = run(&["check", &path.display().to_string()], Some(folder.path()));
    assert!(output.starts_with("exit: 1"), "{output}");
    assert!(
        output.contains("`models` lists `smollm2` twice"),
        "{output}"
    );
}

#[test]
fn check_spec_with_error() {
    insta::assert_snapshot!(run(
        &["check", "tests/fixtures/err/unknown_reference.pact"],
        None
    ));
}

#[test]
fn check_json_output() {
    let args = [
        "check",
        "--format",
        "json",
        "tests/fixtures/err/wrong_kind.pact",
    ];
    insta::assert_snapshot!(run(&args, None));
}

#[test]
fn check_several_files() {
    let args = [
        "check",
        "tests/fixtures/ok/minimal.pact",
        "tests/fixtures/err/syntax_missing_colon.pact",
    ];
    insta::assert_snapshot!(run(&args, None));
}

#[test]
fn check_missing_file() {
    insta::assert_snapshot!(run(&["check", "tests/fixtures/no_such_file.pact"], None));
}

#[test]
fn check_without_files_is_usage_error() {
    assert_eq!(exit_code(&["check"]), Some(2));
    assert_eq!(exit_code(&["check", "--format", "xml", "a.pact"]), Some(2));
}

#[test]
fn check_every_fixture() {
    for (folder, expected) in [("ok", 0), ("err", 1)] {
        let directory = Path::new("tests/fixtures").join(folder);
        for entry in std::fs::read_dir(&directory).expect("fixture folder exists") {
            let path = entry.expect("readable entry").path();
            if path.extension().is_none_or(|extension| extension != "pact") {
                continue;
            }
            let path_text = path.display().to_string();
            let output = Command::new(env!("CARGO_BIN_EXE_pactc"))
                .args(["check", &path_text])
                .output()
                .expect("pactc runs");
            assert_eq!(output.status.code(), Some(expected), "{path_text}");
            if expected == 1 {
                let stderr = String::from_utf8_lossy(&output.stderr);
                let located = stderr.lines().any(|line| {
                    line.contains("╭─[")
                        && line.rsplit(':').next().is_some_and(|column| {
                            column.trim_end_matches(']').parse::<usize>().is_ok()
                        })
                });
                assert!(located, "{path_text} printed no file:line:col:\n{stderr}");
            }
        }
    }
}

#[test]
fn fmt_check_reports_unformatted_file() {
    let temp = tempfile::tempdir().expect("temporary folder");
    let path = temp.path().join("spec.pact");
    std::fs::write(&path, "region r {name:\"R\"}\n").expect("spec written");
    let path_text = path.display().to_string();
    insta::assert_snapshot!(run(&["fmt", "--check", &path_text], Some(temp.path())));
}

#[test]
fn fmt_rewrites_file_in_place() {
    let temp = tempfile::tempdir().expect("temporary folder");
    let path = temp.path().join("spec.pact");
    std::fs::write(&path, "region r {name:\"R\"}   // the only region\n").expect("spec written");
    let path_text = path.display().to_string();
    assert_eq!(exit_code(&["fmt", &path_text]), Some(0));
    let formatted = std::fs::read_to_string(&path).expect("spec readable");
    assert_eq!(formatted, "region r { name: \"R\" } // the only region\n");
    assert_eq!(exit_code(&["fmt", "--check", &path_text]), Some(0));
}

#[test]
fn fmt_stdout_prints_canonical_layout() {
    let args = [
        "fmt",
        "--stdout",
        "tests/fixtures/ok/comments_and_strings.pact",
    ];
    insta::assert_snapshot!(run(&args, None));
}

#[test]
fn fmt_refuses_syntax_errors() {
    let args = [
        "fmt",
        "--stdout",
        "tests/fixtures/err/syntax_unclosed_string.pact",
    ];
    insta::assert_snapshot!(run(&args, None));
}
