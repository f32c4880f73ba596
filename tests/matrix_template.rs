//! Compile-time checks of templates: unknown variables and syntax errors point at the line.

mod matrix_support;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use pactc::template::{TemplateError, check};

fn spec_with_decide(text: &str) -> pactc::model::Spec {
    let mut spec = matrix_support::spec();
    spec.templates["decide"] = matrix_support::file_template("decide", text);
    spec
}

fn line_of(error: &TemplateError, text: &str) -> usize {
    let label = error
        .labels()
        .and_then(|mut labels| labels.next())
        .expect("the diagnostic has a label");
    text[..label.offset()].matches('\n').count() + 1
}

fn rendered(error: &TemplateError) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, error)
        .expect("renders");
    out
}

#[test]
fn builtin_templates_pass() {
    let errors = check(&matrix_support::spec());
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn unknown_attribute_points_at_line() {
    let text = "{{ scenario.setting }}\n\nWhat should {{ actor.phrse }} do?\nA) {{ option_a }}";
    let errors = check(&spec_with_decide(text));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(line_of(&errors[0], text), 3);
    let message = errors[0].to_string();
    assert!(message.contains("`actor.phrse`"), "{message}");
    let help = errors[0].help().expect("help").to_string();
    assert!(help.contains("did you mean `actor.phrase`"), "{help}");
}

#[test]
fn unknown_variable_names_evaluations() {
    let text = "{{ scenario.setting }}\n{{ colour }}";
    let errors = check(&spec_with_decide(text));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(line_of(&errors[0], text), 2);
    let label = errors[0]
        .labels()
        .and_then(|mut labels| labels.next())
        .and_then(|label| label.label().map(str::to_string))
        .expect("labelled");
    assert!(label.contains("evaluations `quick`, `small`"), "{label}");
}

#[test]
fn demographic_attributes_allowed() {
    let text = "{{ actor.age }} {{ receiver.gender }} {{ scenario.setting|upper }}";
    assert!(check(&spec_with_decide(text)).is_empty());
}

#[test]
fn unknown_demographic_rejected() {
    let text = "{{ actor.height }}";
    let errors = check(&spec_with_decide(text));
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn loop_variables_allowed() {
    let text = "{% for x in [option_a, option_b] %}{{ loop.index }}) {{ x }}\n{% endfor %}";
    assert!(check(&spec_with_decide(text)).is_empty());
}

#[test]
fn syntax_error_points_at_line() {
    let text = "{{ scenario.setting }}\n\nA) {{ option_a + }}\nB) {{ option_b }}";
    let errors = check(&spec_with_decide(text));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        matches!(errors[0], TemplateError::Syntax { .. }),
        "{:?}",
        errors[0]
    );
    assert_eq!(line_of(&errors[0], text), 3);
}

#[test]
fn missing_template_reported() {
    let mut spec = matrix_support::spec();
    spec.evaluations["small"].prompts = vec!["decide_alt".into()];
    let errors = check(&spec);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(matches!(errors[0], TemplateError::NotFound { .. }));
}

#[test]
fn undefined_variable_rendered() {
    let text = "{{ scenario.setting }}\n\nWhat should {{ actor.phrse }} do?\n";
    let errors = check(&spec_with_decide(text));
    insta::assert_snapshot!(rendered(&errors[0]));
}

#[test]
fn syntax_error_rendered() {
    let text = "{{ scenario.setting }}\n\n{% if holder %}\nunclosed";
    let errors = check(&spec_with_decide(text));
    insta::assert_snapshot!(rendered(&errors[0]));
}
