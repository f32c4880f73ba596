//! `--fail-if` thresholds: `PATH OP VALUE`, where PATH is a dotted path into
//! `metrics.json` (`models.smollm2.order.position_bias`), OP one of `<`, `<=`, `>`, `>=`,
//! `==`, `!=`, and VALUE a number. A threshold is crossed when the comparison is true.

use miette::{Result, miette};
use serde_json::Value;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub path: String,
    pub op: Op,
    pub value: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Less => "<",
            Op::LessEqual => "<=",
            Op::Greater => ">",
            Op::GreaterEqual => ">=",
            Op::Equal => "==",
            Op::NotEqual => "!=",
        }
    }

    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Op::Less => left < right,
            Op::LessEqual => left <= right,
            Op::Greater => left > right,
            Op::GreaterEqual => left >= right,
            Op::Equal => left == right,
            Op::NotEqual => left != right,
        }
    }
}

impl FromStr for Threshold {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // Two-character operators first, so `<=` is not read as `<`.
        let operators = [
            ("<=", Op::LessEqual),
            (">=", Op::GreaterEqual),
            ("==", Op::Equal),
            ("!=", Op::NotEqual),
            ("<", Op::Less),
            (">", Op::Greater),
        ];
        let expected =
            "expected `METRIC OP VALUE`, such as `models.smollm2.overall.allow_rate < 0.1`";
        let (position, symbol, op) = operators
            .iter()
            .filter_map(|(symbol, op)| text.find(symbol).map(|p| (p, *symbol, *op)))
            .min_by_key(|(p, symbol, _)| (*p, std::cmp::Reverse(symbol.len())))
            .ok_or_else(|| {
                format!("invalid threshold `{text}`: no comparison operator; {expected}")
            })?;
        let path = text[..position].trim();
        let value_text = text[position + symbol.len()..].trim();
        if path.is_empty() {
            return Err(format!(
                "invalid threshold `{text}`: missing metric; {expected}"
            ));
        }
        let value = value_text.parse::<f64>().map_err(|_| {
            format!("invalid threshold `{text}`: `{value_text}` is not a number; {expected}")
        })?;
        Ok(Threshold {
            path: path.to_string(),
            op,
            value,
        })
    }
}

impl Threshold {
    /// Returns the metric's value and whether the threshold is crossed.
    pub fn check(&self, metrics: &Value) -> Result<(f64, bool)> {
        let mut current = metrics;
        for (depth, part) in self.path.split('.').enumerate() {
            let next = match current {
                Value::Object(map) => map.get(part),
                Value::Array(list) => part.parse::<usize>().ok().and_then(|i| list.get(i)),
                _ => None,
            };
            current = next.ok_or_else(|| {
                let known = match current {
                    Value::Object(map) => map.keys().cloned().collect::<Vec<_>>().join(", "),
                    Value::Array(list) => format!("an index below {}", list.len()),
                    _ => "nothing (it is a value)".into(),
                };
                let prefix = self
                    .path
                    .split('.')
                    .take(depth)
                    .collect::<Vec<_>>()
                    .join(".");
                miette!(
                    help = format!("after `{prefix}` the metrics hold: {known}"),
                    "metric `{}` not found in metrics.json: no `{part}`",
                    self.path
                )
            })?;
        }
        let value = match current {
            Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Null => {
                return Err(miette!(
                    help =
                        "the metric is undefined for this report (for example no valid decisions)",
                    "metric `{}` has no value",
                    self.path
                ));
            }
            _ => {
                return Err(miette!(
                    help = "a threshold compares a number; pick a field below this path",
                    "metric `{}` is not a number",
                    self.path
                ));
            }
        };
        Ok((value, self.op.holds(value, self.value)))
    }

    pub fn describe(&self) -> String {
        format!("{} {} {}", self.path, self.op.symbol(), self.value)
    }
}
