//! SVG plots for the HTML report, drawn with plotters' SVG backend.
//!
//! Each function returns a complete `<svg>` document as a string, or `None` when the
//! report holds nothing to plot. Text is drawn as SVG `<text>` in a generic sans-serif
//! font, so the HTML needs no external assets.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::metrics::Metrics;

const WIDTH: u32 = 760;
const HEIGHT: u32 = 340;
const FONT: &str = "sans-serif";

/// A named plot.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Plot {
    pub id: String,
    pub title: String,
    pub svg: String,
}

/// Draws every plot the metrics allow.
pub fn draw_all(metrics: &Metrics) -> Result<Vec<Plot>, String> {
    let mut plots = Vec::new();
    let mut add = |id: &str, title: &str, svg: Option<String>| {
        if let Some(svg) = svg {
            plots.push(Plot {
                id: id.into(),
                title: title.into(),
                svg,
            });
        }
    };
    add(
        "country_rates",
        "Allow Preference rate per country and model (Wilson 95 % intervals)",
        country_rates(metrics)?,
    );
    add(
        "heat_map",
        "Allow Preference rate by country and model",
        heat_map(metrics)?,
    );
    add(
        "demographics",
        "Demographic differences in Allow Preference rate (bootstrap 95 % intervals)",
        demographic_deltas(metrics)?,
    );
    add(
        "position_bias",
        "Share choosing the option shown first (Wilson 95 % intervals)",
        position_bias(metrics)?,
    );
    add(
        "human_scatter",
        "Human Follow Culture share versus the model's P(Follow Culture), per item",
        human_scatter(metrics)?,
    );
    Ok(plots)
}

fn color(index: usize) -> RGBColor {
    const COLORS: [RGBColor; 8] = [
        RGBColor(31, 119, 180),
        RGBColor(214, 39, 40),
        RGBColor(44, 160, 44),
        RGBColor(148, 103, 189),
        RGBColor(255, 127, 14),
        RGBColor(23, 190, 207),
        RGBColor(140, 86, 75),
        RGBColor(127, 127, 127),
    ];
    COLORS[index % COLORS.len()]
}

fn failed<E: std::fmt::Debug>(error: E) -> String {
    format!("failed to draw a plot: {error:?}")
}

/// One point with its interval on a categorical axis.
struct Estimate {
    category: usize,
    series: usize,
    value: f64,
    lo: f64,
    hi: f64,
}

/// Draws estimates with intervals over categories, one color per series.
fn interval_chart(
    categories: &[String],
    series: &[String],
    estimates: &[Estimate],
    y_range: (f64, f64),
    y_label: &str,
    reference: Option<f64>,
) -> Result<String, String> {
    // Each category spans 2 (series + 1) integer positions: series s sits at 2 s and the
    // category label at series.len() - 1, which centres it under the series.
    let slots = 2 * (series.len() as i32 + 1);
    let positions = categories.len() as i32 * slots;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d(-1..positions, y_range.0..y_range.1)
            .map_err(failed)?;
        let middle = series.len() as i32 - 1;
        let label_of = |x: &i32| {
            if *x >= 0 && x % slots == middle {
                categories
                    .get((x / slots) as usize)
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels((positions + 2) as usize)
            .x_label_formatter(&label_of)
            .y_label_formatter(&|y| format!("{:.2}", if y.abs() < 1e-12 { 0.0 } else { *y }))
            .y_desc(y_label)
            .label_style((FONT, 12))
            .draw()
            .map_err(failed)?;
        if let Some(level) = reference {
            chart
                .draw_series(LineSeries::new(
                    [(-1, level), (positions, level)],
                    BLACK.mix(0.4),
                ))
                .map_err(failed)?;
        }
        for (s, name) in series.iter().enumerate() {
            let style = color(s).filled();
            let points: Vec<&Estimate> = estimates.iter().filter(|e| e.series == s).collect();
            chart
                .draw_series(points.iter().map(|e| {
                    let x = e.category as i32 * slots + 2 * e.series as i32;
                    ErrorBar::new_vertical(x, e.lo, e.value, e.hi, style, 6)
                }))
                .map_err(failed)?
                .label(name.clone())
                .legend(move |(x, y)| Circle::new((x + 8, y), 4, style));
        }
        if series.len() > 1 {
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .label_font((FONT, 12))
                .draw()
                .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

fn country_rates(metrics: &Metrics) -> Result<Option<String>, String> {
    let models: Vec<String> = metrics.models.keys().cloned().collect();
    let rows: Vec<_> = metrics
        .rates
        .iter()
        .filter(|r| r.factor == "country" && r.factor2.is_none())
        .collect();
    let mut countries: Vec<String> = rows.iter().map(|r| r.level.clone()).collect();
    countries.sort();
    countries.dedup();
    let estimates: Vec<Estimate> = rows
        .iter()
        .filter_map(|r| {
            let ci = r.allow_ci?;
            Some(Estimate {
                category: countries.iter().position(|c| *c == r.level)?,
                series: models.iter().position(|m| *m == r.model)?,
                value: r.allow_rate?,
                lo: ci.lo,
                hi: ci.hi,
            })
        })
        .collect();
    if estimates.is_empty() {
        return Ok(None);
    }
    interval_chart(
        &countries,
        &models,
        &estimates,
        (0.0, 1.0),
        "Allow Preference rate",
        None,
    )
    .map(Some)
}

fn heat_map(metrics: &Metrics) -> Result<Option<String>, String> {
    let models: Vec<String> = metrics.models.keys().cloned().collect();
    let rows: Vec<_> = metrics
        .rates
        .iter()
        .filter(|r| r.factor == "country" && r.factor2.is_none())
        .collect();
    let mut countries: Vec<String> = rows.iter().map(|r| r.level.clone()).collect();
    countries.sort();
    countries.dedup();
    if rows.is_empty() {
        return Ok(None);
    }
    let height = (80 + 28 * models.len() as u32).max(160);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(140)
            // Cells are unit squares centred on whole numbers, where the axis labels sit.
            .build_cartesian_2d(
                -0.5..countries.len() as f64 - 0.5,
                -0.5..models.len() as f64 - 0.5,
            )
            .map_err(failed)?;
        let centre_label = |names: &[String], value: f64| {
            let index = value.round();
            if (value - index).abs() > 1e-6 || index < 0.0 {
                return String::new();
            }
            names.get(index as usize).cloned().unwrap_or_default()
        };
        let country_label = |x: &f64| centre_label(&countries, *x);
        let model_label = |y: &f64| centre_label(&models, *y);
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(countries.len() + 1)
            .y_labels(models.len() + 1)
            .x_label_formatter(&country_label)
            .y_label_formatter(&model_label)
            .label_style((FONT, 12))
            .draw()
            .map_err(failed)?;
        for row in &rows {
            let (Some(x), Some(y)) = (
                countries.iter().position(|c| *c == row.level),
                models.iter().position(|m| *m == row.model),
            ) else {
                continue;
            };
            let (x, y) = (x as f64, y as f64);
            let fill = match row.allow_rate {
                Some(rate) => shade(rate).filled(),
                None => RGBColor(220, 220, 220).filled(),
            };
            chart
                .draw_series([Rectangle::new(
                    [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                    fill,
                )])
                .map_err(failed)?;
            let text_color = if row.allow_rate.unwrap_or(0.0) > 0.5 {
                WHITE
            } else {
                BLACK
            };
            let label = row
                .allow_rate
                .map_or_else(|| "n/a".to_string(), |r| format!("{:.0} %", 100.0 * r));
            let style = TextStyle::from((FONT, 13).into_font())
                .color(&text_color)
                .pos(Pos::new(HPos::Center, VPos::Center));
            chart
                .draw_series([Text::new(label, (x, y), style)])
                .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(Some(svg))
}

/// Blends from white (rate 0) to dark blue (rate 1).
fn shade(rate: f64) -> RGBColor {
    let t = rate.clamp(0.0, 1.0);
    let blend = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    RGBColor(blend(247.0, 8.0), blend(251.0, 48.0), blend(255.0, 107.0))
}

fn demographic_deltas(metrics: &Metrics) -> Result<Option<String>, String> {
    let effects: Vec<_> = metrics.demographics.values().collect();
    let categories: Vec<String> = effects
        .iter()
        .map(|e| format!("{} ({} - {})", e.factor, e.minuend, e.subtrahend))
        .collect();
    let estimates: Vec<Estimate> = effects
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let value = e.difference?;
            let (lo, hi) = e.ci.map_or((value, value), |c| (c.lo, c.hi));
            Some(Estimate {
                category: i,
                series: 0,
                value,
                lo,
                hi,
            })
        })
        .collect();
    if estimates.is_empty() {
        return Ok(None);
    }
    let bound = estimates
        .iter()
        .flat_map(|e| [e.lo.abs(), e.hi.abs()])
        .fold(0.05_f64, f64::max)
        * 1.2;
    let series = ["averaged over models".to_string()];
    interval_chart(
        &categories,
        &series,
        &estimates,
        (-bound, bound),
        "rate difference",
        Some(0.0),
    )
    .map(Some)
}

fn position_bias(metrics: &Metrics) -> Result<Option<String>, String> {
    let models: Vec<String> = metrics.models.keys().cloned().collect();
    let estimates: Vec<Estimate> = metrics
        .models
        .values()
        .enumerate()
        .filter_map(|(i, m)| {
            let ci = m.order.position_bias_ci?;
            Some(Estimate {
                category: i,
                series: 0,
                value: m.order.position_bias?,
                lo: ci.lo,
                hi: ci.hi,
            })
        })
        .collect();
    if estimates.is_empty() {
        return Ok(None);
    }
    let series = ["first option chosen".to_string()];
    interval_chart(&models, &series, &estimates, (0.0, 1.0), "share", Some(0.5)).map(Some)
}

fn human_scatter(metrics: &Metrics) -> Result<Option<String>, String> {
    let Some(human) = &metrics.human else {
        return Ok(None);
    };
    if human.alignment.iter().all(|a| a.points.is_empty()) {
        return Ok(None);
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 420)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(0.0..1.0, 0.0..1.0)
            .map_err(failed)?;
        chart
            .configure_mesh()
            .x_desc("human Follow Culture share")
            .y_desc("model P(Follow Culture)")
            .label_style((FONT, 12))
            .draw()
            .map_err(failed)?;
        chart
            .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.3)))
            .map_err(failed)?;
        for (s, alignment) in human.alignment.iter().enumerate() {
            let style = color(s).mix(0.8).filled();
            chart
                .draw_series(
                    alignment
                        .points
                        .iter()
                        .map(|p| Circle::new((p.human, p.model), 4, style)),
                )
                .map_err(failed)?
                .label(format!(
                    "{} ({})",
                    alignment.model,
                    alignment.question.as_str()
                ))
                .legend(move |(x, y)| Circle::new((x + 8, y), 4, style));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font((FONT, 12))
            .draw()
            .map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(Some(svg))
}
