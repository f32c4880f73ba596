//! Report files: `metrics.json`, tidy CSV tables, `report.md` and `report.html`.
//!
//! The Markdown and HTML reports are minijinja templates embedded from `templates/`, so
//! the binary is self-contained. The templates read the metrics as JSON, and the HTML
//! template also reads the SVG plots.

use miette::{IntoDiagnostic, Result, WrapErr, miette};
use minijinja::{Environment, Value, context};
use std::path::Path;

use super::bootstrap::BootInterval;
use super::metrics::Metrics;
use super::plots::draw_all;
use super::stats::Interval;

const MARKDOWN_TEMPLATE: &str = include_str!("../../templates/report.md.j2");
const HTML_TEMPLATE: &str = include_str!("../../templates/report.html.j2");

/// Writes every report file into `dir`.
pub fn write_all(metrics: &Metrics, dir: &Path) -> Result<()> {
    let json = serde_json::to_string_pretty(metrics).into_diagnostic()?;
    write(dir, "metrics.json", &json)?;
    for (name, table) in tables(metrics) {
        write(dir, name, &table)?;
    }
    write(dir, "report.md", &render(metrics, "report.md", false, &[])?)?;
    let plots = draw_all(metrics).map_err(|message| miette!("{message}"))?;
    write(
        dir,
        "report.html",
        &render(metrics, "report.html", false, &plots)?,
    )?;
    Ok(())
}

/// Renders the short Markdown summary printed to the terminal.
pub fn render_summary(metrics: &Metrics) -> Result<String> {
    render(metrics, "report.md", true, &[])
}

fn write(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    std::fs::write(&path, text)
        .into_diagnostic()
        .wrap_err_with(|| format!("failed to write {}", path.display()))
}

fn render(
    metrics: &Metrics,
    name: &str,
    short: bool,
    plots: &[super::plots::Plot],
) -> Result<String> {
    let environment = environment();
    let template = environment
        .get_template(name)
        .map_err(|e| miette!("failed to load the {name} template: {e:#}"))?;
    template
        .render(context! {
            m => Value::from_serialize(metrics),
            short => short,
            plots => Value::from_serialize(plots),
        })
        .map_err(|e| miette!("failed to render {name}: {e:#}"))
}

fn environment() -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_trim_blocks(true);
    environment.set_lstrip_blocks(true);
    environment
        .add_template("report.md", MARKDOWN_TEMPLATE)
        .expect("the embedded Markdown template parses");
    environment
        .add_template("report.html", HTML_TEMPLATE)
        .expect("the embedded HTML template parses");
    environment.add_filter("pct", |v: Value| percent(number(&v)));
    environment.add_filter("num", |v: Value| fixed(number(&v), 3));
    environment.add_filter("pval", |v: Value| p_value(number(&v)));
    environment.add_filter("ci", |v: Value| interval(&v, true));
    environment.add_filter("cinum", |v: Value| interval(&v, false));
    environment
}

fn number(value: &Value) -> Option<f64> {
    if value.is_none() || value.is_undefined() {
        return None;
    }
    f64::try_from(value.clone()).ok().filter(|v| v.is_finite())
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{:.1} %", 100.0 * v))
}

fn fixed(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{v:.digits$}"))
}

fn p_value(value: Option<f64>) -> String {
    match value {
        None => "n/a".into(),
        Some(p) if p < 0.001 => "< 0.001".into(),
        Some(p) => format!("{p:.3}"),
    }
}

fn interval(value: &Value, as_percent: bool) -> String {
    let lo = value.get_attr("lo").ok().and_then(|v| number(&v));
    let hi = value.get_attr("hi").ok().and_then(|v| number(&v));
    match (lo, hi) {
        (Some(lo), Some(hi)) if as_percent => format!("[{:.1}, {:.1}] %", 100.0 * lo, 100.0 * hi),
        (Some(lo), Some(hi)) => format!("[{lo:.3}, {hi:.3}]"),
        _ => "n/a".into(),
    }
}

/// Formats an optional number for CSV at full precision, empty when missing.
fn cell(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn wilson_cells(ci: Option<Interval>) -> [String; 2] {
    [cell(ci.map(|c| c.lo)), cell(ci.map(|c| c.hi))]
}

fn boot_cells(ci: Option<BootInterval>) -> [String; 3] {
    [
        cell(ci.map(|c| c.lo)),
        cell(ci.map(|c| c.hi)),
        ci.map_or_else(String::new, |c| c.replicates.to_string()),
    ]
}

/// Builds a CSV document from a header and rows.
fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(header)
        .expect("writing to memory cannot fail");
    for row in rows {
        writer
            .write_record(&row)
            .expect("writing to memory cannot fail");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory cannot fail"))
        .expect("CSV of UTF-8 fields is UTF-8")
}

/// Builds every tidy table, keyed by file name.
// TODO: Parquet copies of these tables; only CSV is written.
pub fn tables(metrics: &Metrics) -> Vec<(&'static str, String)> {
    let mut tables = vec![
        ("rates.csv", rates_table(metrics)),
        ("order.csv", order_table(metrics)),
        ("context.csv", context_table(metrics)),
        ("demographics.csv", demographics_table(metrics)),
        ("tests.csv", tests_table(metrics)),
        ("paired.csv", paired_table(metrics)),
    ];
    if let Some(fit) = &metrics.regression {
        tables.push(("regression.csv", regression_table(fit)));
        tables.push(("importance.csv", importance_table(fit)));
    }
    if metrics.human.is_some() {
        tables.push(("human_items.csv", human_items_table(metrics)));
        tables.push(("alignment.csv", alignment_table(metrics)));
    }
    tables
}

fn rates_table(metrics: &Metrics) -> String {
    let header = [
        "model",
        "factor",
        "level",
        "factor2",
        "level2",
        "follow",
        "allow",
        "unknown",
        "errors",
        "allow_rate",
        "allow_lo",
        "allow_hi",
        "follow_rate",
        "follow_lo",
        "follow_hi",
        "unknown_share",
        "expected_allow_rate",
        "mean_other_mass",
        "clusters",
    ];
    let overall = metrics.models.values().map(|m| &m.overall);
    let rows = overall
        .chain(&metrics.rates)
        .map(|r| {
            let [allow_lo, allow_hi] = wilson_cells(r.allow_ci);
            let [follow_lo, follow_hi] = wilson_cells(r.follow_ci);
            vec![
                r.model.clone(),
                r.factor.clone(),
                r.level.clone(),
                r.factor2.clone().unwrap_or_default(),
                r.level2.clone().unwrap_or_default(),
                r.follow.to_string(),
                r.allow.to_string(),
                r.unknown.to_string(),
                r.errors.to_string(),
                cell(r.allow_rate),
                allow_lo,
                allow_hi,
                cell(r.follow_rate),
                follow_lo,
                follow_hi,
                cell(r.unknown_share),
                cell(r.expected_allow_rate),
                cell(r.mean_other_mass),
                r.clusters.to_string(),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn order_table(metrics: &Metrics) -> String {
    let header = [
        "model",
        "position_bias",
        "position_bias_lo",
        "position_bias_hi",
        "counterbalanced_allow_rate",
        "allow_rate_follow_first",
        "allow_rate_allow_first",
        "items_disagreeing",
        "items_compared",
        "answers_by_position",
        "clusters",
    ];
    let rows = metrics
        .models
        .values()
        .map(|m| {
            let o = &m.order;
            let [lo, hi] = wilson_cells(o.position_bias_ci);
            vec![
                o.model.clone(),
                cell(o.position_bias),
                lo,
                hi,
                cell(o.counterbalanced_allow_rate),
                cell(o.allow_rate_follow_first),
                cell(o.allow_rate_allow_first),
                o.items_disagreeing.to_string(),
                o.items_compared.to_string(),
                o.answers_by_position.to_string(),
                o.clusters.to_string(),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn context_table(metrics: &Metrics) -> String {
    let header = [
        "factor",
        "level",
        "deviation",
        "lo",
        "hi",
        "replicates",
        "clusters",
    ];
    let mut rows = Vec::new();
    for effect in metrics.context.values() {
        for d in &effect.deviations {
            let [lo, hi, reps] = boot_cells(d.ci);
            rows.push(vec![
                effect.factor.clone(),
                d.level.clone(),
                cell(d.deviation),
                lo,
                hi,
                reps,
                effect.clusters.to_string(),
            ]);
        }
        let [lo, hi, reps] = boot_cells(effect.spread_ci);
        rows.push(vec![
            effect.factor.clone(),
            "(spread)".into(),
            cell(effect.spread),
            lo,
            hi,
            reps,
            effect.clusters.to_string(),
        ]);
    }
    csv_text(&header, rows)
}

fn demographics_table(metrics: &Metrics) -> String {
    let header = [
        "factor",
        "minuend",
        "subtrahend",
        "model",
        "difference",
        "lo",
        "hi",
        "replicates",
        "clusters",
    ];
    let mut rows = Vec::new();
    for effect in metrics.demographics.values() {
        let mut push = |model: &str, difference: Option<f64>, ci: Option<BootInterval>| {
            let [lo, hi, reps] = boot_cells(ci);
            rows.push(vec![
                effect.factor.clone(),
                effect.minuend.clone(),
                effect.subtrahend.clone(),
                model.to_string(),
                cell(difference),
                lo,
                hi,
                reps,
                effect.clusters.to_string(),
            ]);
        };
        push("(average)", effect.difference, effect.ci);
        for m in &effect.per_model {
            push(&m.model, m.difference, m.ci);
        }
    }
    csv_text(&header, rows)
}

fn tests_table(metrics: &Metrics) -> String {
    let header = [
        "model",
        "factor",
        "levels",
        "chi_square",
        "df",
        "p_value",
        "p_adjusted",
        "cramers_v",
        "n",
        "note",
    ];
    let rows = metrics
        .tests
        .iter()
        .map(|t| {
            vec![
                t.model.clone(),
                t.factor.clone(),
                t.levels.to_string(),
                cell(t.test.as_ref().map(|x| x.statistic)),
                t.test
                    .as_ref()
                    .map_or_else(String::new, |x| x.df.to_string()),
                cell(t.test.as_ref().map(|x| x.p_value)),
                cell(t.p_adjusted),
                cell(t.test.as_ref().map(|x| x.cramers_v)),
                t.test
                    .as_ref()
                    .map_or_else(String::new, |x| x.n.to_string()),
                t.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn regression_table(fit: &super::regression::Regression) -> String {
    let header = [
        "factor",
        "level",
        "reference",
        "estimate",
        "std_error",
        "z",
        "p_value",
        "odds_ratio",
        "odds_ratio_lo",
        "odds_ratio_hi",
    ];
    let rows = fit
        .coefficients
        .iter()
        .map(|c| {
            vec![
                c.factor.clone(),
                c.level.clone(),
                c.reference.clone().unwrap_or_default(),
                c.estimate.to_string(),
                c.std_error.to_string(),
                c.z.to_string(),
                c.p_value.to_string(),
                c.odds_ratio.to_string(),
                c.odds_ratio_lo.to_string(),
                c.odds_ratio_hi.to_string(),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn importance_table(fit: &super::regression::Regression) -> String {
    let header = ["factor", "df", "deviance_increase", "p_value", "p_adjusted"];
    let rows = fit
        .importance
        .iter()
        .map(|i| {
            vec![
                i.factor.clone(),
                i.df.to_string(),
                i.deviance_increase.to_string(),
                cell(i.p_value),
                cell(i.p_adjusted),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn paired_table(metrics: &Metrics) -> String {
    let header = [
        "first",
        "second",
        "kind",
        "pairs",
        "first_allow_rate",
        "second_allow_rate",
        "difference",
        "lo",
        "hi",
        "replicates",
        "flip_to_allow",
        "flip_to_follow",
        "mcnemar_p",
        "p_adjusted",
        "clusters",
    ];
    let rows = metrics
        .paired
        .iter()
        .map(|p| {
            let [lo, hi, reps] = boot_cells(p.difference_ci);
            vec![
                p.first.clone(),
                p.second.clone(),
                p.kind.clone(),
                p.pairs.to_string(),
                cell(p.first_allow_rate),
                cell(p.second_allow_rate),
                cell(p.difference),
                lo,
                hi,
                reps,
                cell(p.flip_to_allow),
                cell(p.flip_to_follow),
                p.mcnemar_p.to_string(),
                cell(p.p_adjusted),
                p.clusters.to_string(),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn human_items_table(metrics: &Metrics) -> String {
    let header = [
        "item_id",
        "scenario",
        "country",
        "holder",
        "question",
        "follow",
        "allow",
        "follow_share",
        "agreement",
    ];
    let items = metrics.human.iter().flat_map(|h| &h.summary.items);
    let rows = items
        .map(|i| {
            vec![
                i.item_id.clone(),
                i.scenario.clone(),
                i.country.clone(),
                i.holder.clone(),
                i.question.as_str().to_string(),
                i.follow.to_string(),
                i.allow.to_string(),
                i.follow_share.to_string(),
                i.agreement.to_string(),
            ]
        })
        .collect();
    csv_text(&header, rows)
}

fn alignment_table(metrics: &Metrics) -> String {
    let header = [
        "model",
        "question",
        "method",
        "items",
        "majority_agreement",
        "mean_absolute_error",
        "signed_gap",
        "uncertainty_correlation",
        "probability_uncertainty_correlation",
        "jensen_shannon",
        "total_variation",
        "pearson",
        "spearman",
    ];
    let rows = metrics
        .human
        .iter()
        .flat_map(|h| &h.alignment)
        .map(|a| {
            vec![
                a.model.clone(),
                a.question.as_str().to_string(),
                a.method.clone(),
                a.items.to_string(),
                cell(a.majority_agreement),
                cell(a.mean_absolute_error),
                cell(a.signed_gap),
                cell(a.uncertainty_correlation.value),
                cell(a.probability_uncertainty_correlation.value),
                cell(a.jensen_shannon),
                cell(a.total_variation),
                cell(a.pearson.value),
                cell(a.spearman.value),
            ]
        })
        .collect();
    csv_text(&header, rows)
}
