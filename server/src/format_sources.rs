//! The files on disk that decide how a file is formatted: the `.editorconfig` files above it,
//! and the Prettier configuration nearest to it, found as Prettier finds it. The analysis reads
//! their text (`writers::format::settings`); this module only finds and reads them, for the
//! command line and the language server alike.

use std::fs;
use std::path::Path;

use eca_analysis::config::FormatStyleSetting;
use eca_analysis::writers::format::settings::{
    ConfigText, EditorOptions, FormatContext, ResolvedFormat, is_root_editorconfig, resolve_format,
};

/// Prettier's configuration file names, in the order it tries them in one folder
/// (`package.json` and `package.yaml` count only when they have a `prettier` key).
const PRETTIER_CONFIG_NAMES: &[&str] = &[
    "package.json",
    "package.yaml",
    ".prettierrc",
    ".prettierrc.json",
    ".prettierrc.yml",
    ".prettierrc.yaml",
    ".prettierrc.json5",
    ".prettierrc.js",
    "prettier.config.js",
    ".prettierrc.ts",
    "prettier.config.ts",
    ".prettierrc.mjs",
    "prettier.config.mjs",
    ".prettierrc.mts",
    "prettier.config.mts",
    ".prettierrc.cjs",
    "prettier.config.cjs",
    ".prettierrc.cts",
    "prettier.config.cts",
    ".prettierrc.toml",
];

/// A configuration file larger than this is not read (no real one comes close).
const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// The configuration files that apply to one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatSources {
    /// Nearest first, up to the first with `root = true`.
    pub editorconfigs: Vec<ConfigText>,
    pub prettier_config: Option<ConfigText>,
}

impl FormatSources {
    /// Find and read the configuration files for the file at `path`.
    pub fn for_file(path: &Path) -> FormatSources {
        let mut sources = FormatSources::default();
        let mut editorconfig_done = false;
        for folder in path.ancestors().skip(1) {
            if !editorconfig_done {
                if let Some(editorconfig) = read_config(folder, ".editorconfig") {
                    editorconfig_done = is_root_editorconfig(&editorconfig.text);
                    sources.editorconfigs.push(editorconfig);
                }
            }
            if sources.prettier_config.is_none() {
                sources.prettier_config = PRETTIER_CONFIG_NAMES.iter().find_map(|name| {
                    let config = read_config(folder, name)?;
                    holds_prettier_options(name, &config.text).then_some(config)
                });
            }
            if editorconfig_done && sources.prettier_config.is_some() {
                break;
            }
        }
        sources
    }

    /// The options for the file at `path`.
    pub fn resolve(
        &self,
        path: &Path,
        style: FormatStyleSetting,
        editor: Option<EditorOptions>,
    ) -> ResolvedFormat {
        let path = slash_path(path);
        resolve_format(&FormatContext {
            path: &path,
            editorconfigs: &self.editorconfigs,
            prettier_config: self.prettier_config.as_ref(),
            style,
            editor,
        })
    }
}

/// Whether a file Prettier looks at holds its options: any of its own files does, a
/// `package.json` or `package.yaml` only with a top-level `prettier` key.
fn holds_prettier_options(name: &str, text: &str) -> bool {
    match name {
        "package.json" => serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .is_some_and(|package| package.get("prettier").is_some()),
        "package.yaml" => text.lines().any(|line| line.starts_with("prettier:")),
        _ => true,
    }
}

fn read_config(folder: &Path, name: &str) -> Option<ConfigText> {
    let path = folder.join(name);
    let metadata = fs::metadata(&path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_CONFIG_SIZE {
        return None;
    }
    let text = fs::read_to_string(&path).ok()?;
    Some(ConfigText {
        folder: slash_path(folder),
        file_name: name.to_string(),
        text,
    })
}

/// A path with `/` separators, as the analysis matches globs against.
fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
