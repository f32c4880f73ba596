//! Evaluation of constraint and `drop` conditions against the factor levels of a cell.

use crate::model::{Condition, Factor, Role};

/// The factor levels that conditions can test.
pub trait FactorLevels {
    fn level(&self, factor: &Factor) -> &str;
}

/// Whether the condition is true for these levels (so the cell is dropped).
pub fn holds(condition: &Condition, levels: &impl FactorLevels) -> bool {
    match condition {
        Condition::And(parts) => parts.iter().all(|part| holds(part, levels)),
        Condition::Or(parts) => parts.iter().any(|part| holds(part, levels)),
        Condition::Not(inner) => !holds(inner, levels),
        Condition::Equals { factor, level } => levels.level(factor) == level,
        Condition::NotEquals { factor, level } => levels.level(factor) != level,
        Condition::In {
            factor,
            levels: options,
        } => {
            let actual = levels.level(factor);
            options.iter().any(|option| option == actual)
        }
    }
}

/// Whether the condition tests the option order anywhere.
pub fn mentions_order(condition: &Condition) -> bool {
    match condition {
        Condition::And(parts) | Condition::Or(parts) => parts.iter().any(mentions_order),
        Condition::Not(inner) => mentions_order(inner),
        Condition::Equals { factor, .. }
        | Condition::NotEquals { factor, .. }
        | Condition::In { factor, .. } => *factor == Factor::Order,
    }
}

/// The name of a factor as written in a spec (`country`, `actor.age`).
pub fn factor_name(factor: &Factor) -> String {
    match factor {
        Factor::Country => "country".into(),
        Factor::Region => "region".into(),
        Factor::Scenario => "scenario".into(),
        Factor::ScenarioType => "type".into(),
        Factor::Holder => "holder".into(),
        Factor::Demographics => "demographics".into(),
        Factor::System => "system".into(),
        Factor::Paraphrase => "paraphrase".into(),
        Factor::Order => "order".into(),
        Factor::Persona { role, demographic } => match role {
            Role::Actor => format!("actor.{demographic}"),
            Role::Receiver => format!("receiver.{demographic}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;

    impl FactorLevels for Fixed {
        fn level(&self, factor: &Factor) -> &str {
            match factor {
                Factor::Holder => "both",
                Factor::Country => "JP",
                _ => "none",
            }
        }
    }

    fn equals(factor: Factor, level: &str) -> Condition {
        Condition::Equals {
            factor,
            level: level.into(),
        }
    }

    #[test]
    fn holds_combines_parts() {
        let both = equals(Factor::Holder, "both");
        let korea = equals(Factor::Country, "KR");
        assert!(holds(&Condition::And(vec![both.clone()]), &Fixed));
        assert!(!holds(
            &Condition::And(vec![both.clone(), korea.clone()]),
            &Fixed
        ));
        assert!(holds(&Condition::Or(vec![both, korea.clone()]), &Fixed));
        assert!(holds(&Condition::Not(Box::new(korea)), &Fixed));
    }

    #[test]
    fn holds_tests_membership() {
        let condition = Condition::In {
            factor: Factor::Country,
            levels: vec!["KR".into(), "JP".into()],
        };
        assert!(holds(&condition, &Fixed));
    }

    #[test]
    fn mentions_order_finds_nested() {
        let nested = Condition::Not(Box::new(equals(Factor::Order, "allow_first")));
        assert!(mentions_order(&Condition::Or(vec![nested])));
        assert!(!mentions_order(&equals(Factor::Holder, "both")));
    }
}
