//! The bundled library and the examples stay clean: `pactc check --deny-warnings` passes on
//! each of them, so the README's main job and the documented examples never start from a
//! spec with errors or warnings.

use std::path::Path;
use std::process::Command;

fn check_clean(path: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_pactc"))
        .args(["check", "--deny-warnings"])
        .arg(path)
        .output()
        .expect("pactc runs");
    assert!(
        output.status.success(),
        "{} is not clean:\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn bundled_library_is_clean() {
    check_clean(Path::new("specs/pact.pact"));
}

#[test]
fn examples_are_clean() {
    let mut examples: Vec<_> = std::fs::read_dir("examples")
        .expect("examples folder exists")
        .map(|entry| entry.expect("examples folder is readable").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "pact")
        })
        .collect();
    examples.sort();
    assert!(examples.len() >= 4, "found {} examples", examples.len());
    for example in examples {
        check_clean(&example);
    }
}
