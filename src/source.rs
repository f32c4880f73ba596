//! Source files and spans: byte ranges into a named source.
//!
//! A [`SourceMap`] owns the text of every file read while loading a spec. Spans hold only a
//! file index and byte offsets; line and column are computed when a diagnostic is rendered.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Creates a span from byte offsets, which must fit in `u32` (files are capped at
    /// [`MAX_FILE_BYTES`]).
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span that covers both spans, which must lie in the same file.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// The largest spec, include or import file pactc reads, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// One file's name and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given or as resolved from the including file; shown in diagnostics.
    pub path: PathBuf,
    pub text: Arc<str>,
}

/// 1-based line and column of a byte offset; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Every file read while loading a spec, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 source files"));
        self.files.push(SourceFile {
            path: path.into(),
            text: text.into(),
        });
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The id of a file already added under this path.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|file| file.path == path)
            .map(|index| FileId(index as u32))
    }

    pub fn path(&self, id: FileId) -> &Path {
        self.get(id)
            .map(|file| file.path.as_path())
            .unwrap_or(Path::new("<unknown>"))
    }

    pub fn text(&self, id: FileId) -> &str {
        self.get(id).map(|file| &*file.text).unwrap_or("")
    }

    /// The source text a span covers, or "" when the span lies outside its file.
    pub fn slice(&self, span: Span) -> &str {
        self.text(span.file)
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// Line and column of a byte offset, both 1-based.
    pub fn line_column(&self, file: FileId, offset: u32) -> LineColumn {
        let text = self.text(file);
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map(|index| index + 1).unwrap_or(0);
        LineColumn {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(index as u32), file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let mut map = SourceMap::new();
        let file = map.add("a.pact", "ab\nçd\n");
        assert_eq!(map.line_column(file, 0), LineColumn { line: 1, column: 1 });
        assert_eq!(map.line_column(file, 3), LineColumn { line: 2, column: 1 });
        assert_eq!(map.line_column(file, 5), LineColumn { line: 2, column: 2 });
    }

    #[test]
    fn line_column_clamps_offsets() {
        let mut map = SourceMap::new();
        let file = map.add("a.pact", "ab");
        assert_eq!(map.line_column(file, 99), LineColumn { line: 1, column: 3 });
    }
}
