//! Expansion: an evaluation of a checked spec becomes items, then cells.
//!
//! An item is a scenario set in one of its countries with one preference holder. A cell is
//! an item with one level of each remaining factor (demographics shown or hidden, the
//! actor's and receiver's demographic levels, system prompt, paraphrase, option order),
//! after the spec's constraints and the evaluation's `drop` have removed combinations.
//!
//! Cells are produced lazily, one item at a time, so memory grows with the number of items
//! and the cells of one item, never with the size of the matrix. Every cell exists in both
//! option orders: a condition that tests `order` is rejected.

mod condition;
mod error;
pub mod ids;
mod layout;
pub mod parallel;
pub mod questionnaire;
mod render;
mod text;
pub mod write;

pub use condition::factor_name;
pub use error::ExpandError;
pub use layout::{Item, Layout, SizeReport};
pub use render::Cells;

use crate::model::Spec;

/// The bound on cells per evaluation unless the evaluation sets `max_cells`.
pub const DEFAULT_MAX_CELLS: u64 = 1_000_000;

/// Item and cell counts of an expanded evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub items: u64,
    pub cells: u64,
}

/// One evaluation, ready to stream its cells.
pub struct Expansion<'s> {
    layout: Layout<'s>,
    items: Vec<Item<'s>>,
    counts: Counts,
    renderer: crate::template::Renderer,
}

impl<'s> Expansion<'s> {
    /// Prepares an evaluation: checks its templates and conditions, lists its items, applies
    /// the subset and counts the cells. Nothing is rendered yet.
    pub fn new(spec: &'s Spec, evaluation: &str) -> Result<Self, ExpandError> {
        let layout = Layout::new(spec, evaluation)?;
        let renderer = crate::template::Renderer::new(spec)
            .map_err(|errors| ExpandError::Templates { errors })?;
        let (items, counts) = layout.items();
        Ok(Expansion {
            layout,
            items,
            counts,
            renderer,
        })
    }

    pub fn evaluation(&self) -> &str {
        &self.layout.evaluation.name
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Returns the kept items, in declaration order.
    pub fn items(&self) -> &[Item<'s>] {
        &self.items
    }

    /// Rejects a matrix above the bound (`max_cells`, or [`DEFAULT_MAX_CELLS`]) unless
    /// `allow_large` is set. The error names the size and the factors that multiply it.
    pub fn check_size(&self, allow_large: bool) -> Result<(), ExpandError> {
        let limit = self
            .layout
            .evaluation
            .max_cells
            .unwrap_or(DEFAULT_MAX_CELLS);
        if allow_large || self.counts.cells <= limit {
            return Ok(());
        }
        Err(ExpandError::TooLarge {
            evaluation: self.evaluation().to_string(),
            cells: self.counts.cells,
            limit,
            factors: self.layout.size_report(&self.counts).to_string(),
        })
    }

    /// Describes how the cell count arises: the factors and their level counts.
    pub fn size_report(&self) -> SizeReport {
        self.layout.size_report(&self.counts)
    }

    /// Streams the cells, item by item.
    pub fn cells(&self) -> Cells<'_, 's> {
        Cells::new(&self.layout, &self.items, &self.renderer)
    }

    /// Streams the cells of a range of items, for writers that split the work.
    pub fn cells_of(&self, items: std::ops::Range<usize>) -> Cells<'_, 's> {
        Cells::new(&self.layout, &self.items[items], &self.renderer)
    }

    pub(crate) fn layout(&self) -> &Layout<'s> {
        &self.layout
    }

    pub(crate) fn renderer(&self) -> &crate::template::Renderer {
        &self.renderer
    }
}

/// Names of the evaluations to expand: the one asked for, or all of them.
pub fn evaluation_names(spec: &Spec, only: Option<&str>) -> Result<Vec<String>, ExpandError> {
    match only {
        Some(name) if spec.evaluations.contains_key(name) => Ok(vec![name.to_string()]),
        Some(name) => Err(ExpandError::evaluation_not_found(spec, name)),
        None if spec.evaluations.is_empty() => Err(ExpandError::NoEvaluation),
        None => Ok(spec.evaluations.keys().cloned().collect()),
    }
}
