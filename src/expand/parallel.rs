//! JSON-lines output rendered on several threads, written in the same order as the
//! sequential writer.
//!
//! Work goes in rounds: the items of a round are split into one contiguous range per
//! thread, each thread renders its range into a buffer, and the buffers are written in
//! order. A round contains at most [`CELLS_PER_THREAD`] cells per thread (or one item, if
//! an item alone has more), so memory does not grow with the size of the matrix.

use std::io::Write;
use std::ops::Range;

use super::write::{estimate_prompt_tokens, write_jsonl};
use super::{ExpandError, Expansion};

/// Cells one thread renders per round.
const CELLS_PER_THREAD: u64 = 8192;

/// Counts of a JSON-lines expansion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub cells: u64,
    /// Estimated prompt tokens of the written cells.
    pub prompt_tokens: u64,
}

struct Rendered {
    bytes: Vec<u8>,
    written: Written,
}

/// Writes every cell of the expansion as JSON lines using `threads` threads (at least
/// one), in the order of [`Expansion::cells`].
pub fn write_jsonl_parallel(
    expansion: &Expansion<'_>,
    out: &mut impl Write,
    threads: usize,
) -> Result<Written, ExpandError> {
    write_jsonl_in_rounds(expansion, out, threads, CELLS_PER_THREAD)
}

/// [`write_jsonl_parallel`] with a chosen number of cells per thread and round (at least
/// one item per thread is always taken).
pub fn write_jsonl_in_rounds(
    expansion: &Expansion<'_>,
    out: &mut impl Write,
    threads: usize,
    cells_per_thread: u64,
) -> Result<Written, ExpandError> {
    let threads = threads.max(1);
    let items = expansion.items();
    let mut total = Written::default();
    let mut start = 0;
    while start < items.len() {
        let ranges = next_round(expansion, start, threads, cells_per_thread);
        start = ranges.last().map_or(items.len(), |range| range.end);
        let rendered: Vec<Result<Rendered, ExpandError>> = std::thread::scope(|scope| {
            let (first, rest) = ranges
                .split_first()
                .expect("a round has at least one range");
            let workers: Vec<_> = rest
                .iter()
                .map(|range| scope.spawn(|| render_range(expansion, range.clone())))
                .collect();
            let mut results = vec![render_range(expansion, first.clone())];
            for worker in workers {
                results.push(worker.join().expect("a render thread does not panic"));
            }
            results
        });
        for part in rendered {
            let part = part?;
            out.write_all(&part.bytes)?;
            total.cells += part.written.cells;
            total.prompt_tokens += part.written.prompt_tokens;
        }
    }
    Ok(total)
}

/// Splits the items from `start` into up to `threads` ranges of at most `cells_per_thread`
/// cells each, or one item where a single item has more.
fn next_round(
    expansion: &Expansion<'_>,
    start: usize,
    threads: usize,
    cells_per_thread: u64,
) -> Vec<Range<usize>> {
    let items = expansion.items();
    let mut ranges = Vec::with_capacity(threads);
    let mut begin = start;
    while ranges.len() < threads && begin < items.len() {
        let mut end = begin;
        let mut cells = 0;
        while end < items.len() && (end == begin || cells + items[end].cells <= cells_per_thread) {
            cells += items[end].cells;
            end += 1;
        }
        ranges.push(begin..end);
        begin = end;
    }
    ranges
}

fn render_range(expansion: &Expansion<'_>, range: Range<usize>) -> Result<Rendered, ExpandError> {
    let mut bytes = Vec::new();
    let mut written = Written::default();
    for cell in expansion.cells_of(range) {
        let cell = cell?;
        written.prompt_tokens += estimate_prompt_tokens(&cell);
        written.cells += 1;
        write_jsonl(&mut bytes, &cell)?;
    }
    Ok(Rendered { bytes, written })
}

/// Threads to render with: the available parallelism, or one when it is unknown.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
