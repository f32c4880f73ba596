//! Reading spec files and following their includes.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{MAX_FILE_BYTES, SourceMap, Span};
use crate::syntax::{self, Declaration, SyntaxFile};

/// Deepest chain of includes followed, which bounds the loader's recursion.
pub const MAX_INCLUDE_DEPTH: usize = 64;

/// A parsed file and the directory its relative paths start from.
pub struct LoadedFile {
    pub syntax: SyntaxFile,
    pub directory: PathBuf,
}

/// Reads the root file and every file it includes, parsing each once.
pub struct FileLoader<'a> {
    pub sources: &'a mut SourceMap,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    pub files: Vec<LoadedFile>,
    /// Canonical paths of files read, to read a file included twice only once.
    seen: Vec<PathBuf>,
}

impl<'a> FileLoader<'a> {
    pub fn new(sources: &'a mut SourceMap, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        FileLoader {
            sources,
            diagnostics,
            files: Vec::new(),
            seen: Vec::new(),
        }
    }

    /// Loads `path` given on the command line; a failure has no span to point at.
    pub fn load_root(&mut self, path: &Path) {
        match read_text(path) {
            Ok(text) => {
                let canonical = canonical(path);
                self.seen.push(canonical.clone());
                self.load_text(path, &text, &mut vec![(canonical, None)]);
            }
            Err(problem) => self.report(problem, path, None),
        }
    }

    /// Loads `text` as the root file named `path` (for tests and editors).
    pub fn load_root_text(&mut self, path: &Path, text: &str) {
        let canonical = canonical(path);
        self.seen.push(canonical.clone());
        self.load_text(path, text, &mut vec![(canonical, None)]);
    }

    /// Parses one file and follows its includes depth-first. `chain` holds the files
    /// being included, each with the span of the include that reached it.
    fn load_text(&mut self, path: &Path, text: &str, chain: &mut Vec<(PathBuf, Option<Span>)>) {
        let file = self.sources.add(path, text);
        let (syntax, diagnostics) = syntax::parse(file, text);
        self.diagnostics.extend(diagnostics);
        let directory = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let includes: Vec<_> = syntax
            .declarations
            .iter()
            .filter_map(|declaration| match declaration {
                Declaration::Include(include) => Some(include.clone()),
                _ => None,
            })
            .collect();
        self.files.push(LoadedFile {
            syntax,
            directory: directory.clone(),
        });
        for include in includes {
            let target = directory.join(&include.path.value);
            self.include(&target, include.path.span, chain);
        }
    }

    fn include(&mut self, target: &Path, span: Span, chain: &mut Vec<(PathBuf, Option<Span>)>) {
        let canonical = canonical(target);
        if let Some(position) = chain.iter().position(|(path, _)| *path == canonical) {
            self.diagnostics
                .push(self.cycle(target, span, &chain[position..]));
            return;
        }
        if self.seen.contains(&canonical) {
            return;
        }
        if chain.len() >= MAX_INCLUDE_DEPTH {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::IncludeCycle,
                    format!("includes nest deeper than {MAX_INCLUDE_DEPTH} files"),
                )
                .at(span, "this include is one level too deep")
                .help("include the deepest files from a file closer to the root"),
            );
            return;
        }
        match read_text(target) {
            Ok(text) => {
                self.seen.push(canonical.clone());
                chain.push((canonical, Some(span)));
                self.load_text(target, &text, chain);
                chain.pop();
            }
            Err(problem) => self.report(problem, target, Some(span)),
        }
    }

    /// Reports an unreadable file. Invalid UTF-8 is shown in the file itself, at the first
    /// invalid byte, with the invalid bytes replaced.
    fn report(&mut self, problem: ReadProblem, path: &Path, span: Option<Span>) {
        if let ReadProblem::InvalidUtf8 { lossy, offset } = &problem {
            let offset = *offset;
            let file = self.sources.add(path, lossy.as_str());
            let mut diagnostic = problem.into_diagnostic(path, None).at(
                Span::new(file, offset, offset + 1),
                "invalid UTF-8 starts here",
            );
            if let Some(span) = span {
                diagnostic = diagnostic.also(span, "included here");
            }
            self.diagnostics.push(diagnostic);
            return;
        }
        self.diagnostics.push(problem.into_diagnostic(path, span));
    }

    fn cycle(&self, target: &Path, span: Span, cycle: &[(PathBuf, Option<Span>)]) -> Diagnostic {
        let mut names: Vec<String> = cycle.iter().map(|(path, _)| display_name(path)).collect();
        names.push(display_name(&canonical(target)));
        let mut diagnostic = Diagnostic::error(
            Code::IncludeCycle,
            format!("include cycle: {}", names.join(" -> ")),
        )
        .at(span, "this include leads back to a file that is being included")
        .help("remove one include of the cycle; a file may include a shared file, but no file may include itself");
        for (_, include) in cycle.iter().skip(1) {
            if let Some(include) = include {
                diagnostic = diagnostic.also(*include, "included here");
            }
        }
        diagnostic
    }
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The canonical form of a path, or the path itself when it does not exist.
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Why a file could not be read.
pub enum ReadProblem {
    NotFound,
    Unreadable(String),
    TooLarge(u64),
    /// The text with invalid bytes replaced, and the offset of the first invalid byte.
    InvalidUtf8 {
        lossy: String,
        offset: usize,
    },
}

impl ReadProblem {
    /// An include's diagnostic; `span` is the include's path, `None` for the root file.
    pub fn into_diagnostic(self, path: &Path, span: Option<Span>) -> Diagnostic {
        let shown = path.display();
        let diagnostic = match self {
            ReadProblem::NotFound if span.is_some() => Diagnostic::error(
                Code::IncludeNotFound,
                format!("included file `{shown}` not found"),
            )
            .help("check the path: it is relative to the directory of the including file"),
            ReadProblem::NotFound => {
                Diagnostic::error(Code::FileUnreadable, format!("file `{shown}` not found"))
                    .help("check the path and the current directory")
            }
            ReadProblem::Unreadable(error) => Diagnostic::error(
                Code::FileUnreadable,
                format!("cannot read `{shown}`: {error}"),
            )
            .help("check that the path names a readable file"),
            ReadProblem::TooLarge(bytes) => Diagnostic::error(
                Code::FileTooLarge,
                format!("`{shown}` has {bytes} bytes, more than the limit of {MAX_FILE_BYTES}"),
            )
            .help("split the file with `include`, or move its rows to an imported table"),
            ReadProblem::InvalidUtf8 { offset, .. } => Diagnostic::error(
                Code::InvalidUtf8,
                format!("`{shown}` is not valid UTF-8: invalid bytes at offset {offset}"),
            )
            .help("save the file as UTF-8"),
        };
        match span {
            Some(span) => diagnostic.at(span, "this file cannot be read"),
            None => diagnostic,
        }
    }
}

/// Reads a UTF-8 text file of at most [`MAX_FILE_BYTES`], without a leading byte-order mark.
pub fn read_text(path: &Path) -> Result<String, ReadProblem> {
    let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => ReadProblem::NotFound,
        _ => ReadProblem::Unreadable(error.to_string()),
    })?;
    if metadata.is_dir() {
        return Err(ReadProblem::Unreadable("it is a directory".to_string()));
    }
    if metadata.len() > MAX_FILE_BYTES as u64 {
        return Err(ReadProblem::TooLarge(metadata.len()));
    }
    let mut bytes =
        std::fs::read(path).map_err(|error| ReadProblem::Unreadable(error.to_string()))?;
    // Some Windows editors start UTF-8 files with a byte-order mark; it is not part of the
    // text.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
        ReadProblem::InvalidUtf8 { lossy, offset }
    })
}
