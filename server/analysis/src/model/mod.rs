//! The model of a project: its files, parsed, and the apps they form; the names of the other
//! components it holds files for (Apex classes, permission sets, …); the project's own files
//! (`sfdx-project.json`, `package.xml`) and `eca-ls.toml`; which type a file holds; the codes
//! as data; diagnostics as data; text helpers; edits as data and the primitives that build them;
//! where a cursor stands in schema terms; the test fixture format; the globs of configuration
//! files (`.forceignore`, `.editorconfig`, Prettier's overrides); what a change invalidates; and
//! the findings remembered per top-level element of a large file between edits.
//!
//! May know: the schema (`eca_schema`) and the syntax tree (`eca_syntax`). Must not know: the
//! checks, the writers or the editor features (`crate::checks`, `crate::writers`, `crate::ide`),
//! nor any protocol, file system or thread. What needs the list of every code (which lives
//! with the rules) takes it as a parameter (`known_codes`).

pub mod app_names;
pub mod codes;
pub mod components;
pub mod config;
pub(crate) mod cursor;
pub mod diagnostic;
pub mod edits;
pub mod file_kind;
pub mod fixture;
pub mod forceignore;
pub(crate) mod glob;
pub mod invalidation;
pub mod project;
pub mod project_files;
pub mod text_util;
pub mod top_level;
