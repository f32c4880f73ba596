//! Placeholder until this stage lands.

/// Names of the templates embedded in pactc, usable as `builtin:NAME` in a spec.
pub const BUILTIN_NAMES: [&str; 5] = [
    "decide",
    "system_neutral",
    "system_balancing",
    "human_personal",
    "human_norm",
];

/// Returns the text of an embedded template.
pub fn builtin(name: &str) -> Option<&'static str> {
    match name {
        "decide" => Some(include_str!("../templates/decide.j2")),
        "system_neutral" => Some(include_str!("../templates/system_neutral.j2")),
        "system_balancing" => Some(include_str!("../templates/system_balancing.j2")),
        "human_personal" => Some(include_str!("../templates/human_personal.j2")),
        "human_norm" => Some(include_str!("../templates/human_norm.j2")),
        _ => None,
    }
}
