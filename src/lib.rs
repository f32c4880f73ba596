//! pactc compiles PACT specs into prompt matrices, runs them against language models and
//! reports how often each model follows the cultural norm or allows the personal preference.
//!
//! The stages, each a module:
//!
//! 1. [`source`] and [`syntax`]: `.pact` files are parsed (pest grammar in
//!    `grammar/pact.pest`) into a syntax tree with spans.
//! 2. [`resolve`]: includes and imports are loaded, names are resolved and values checked,
//!    giving the [`model::Spec`]. Errors of a stage are collected as [`diagnostic`]s.
//! 3. [`template`] and [`expand`]: each evaluation becomes items and [`cell::Cell`]s, with
//!    prompts rendered from minijinja templates.
//! 4. [`plan`]: the runnable, versioned YAML form of an evaluation.
//! 5. [`run`]: the executor sends cells to [`backend`]s (HTTP servers, deterministic test
//!    backends, the [`embedded`] GGUF model) and journals every [`record::ResultRecord`].
//! 6. [`report`]: rates, effects, statistics and human-model alignment.

pub mod backend;
pub mod cell;
pub mod cli;
pub mod diagnostic;
pub mod embedded;
pub mod expand;
pub mod model;
pub mod plan;
pub mod record;
pub mod report;
pub mod resolve;
pub mod run;
pub mod source;
pub mod syntax;
pub mod template;
