//! Which [`FormatOptions`] apply to a file: the editor's request, else `.editorconfig`, else
//! Salesforce's four spaces; and whether the project formats XML with Prettier's XML plugin, whose
//! output eca-ls then matches (its configuration file and `.editorconfig` read as Prettier reads
//! them).
//!
//! Pure: the fronts find the files on disk and hand their text in.

use serde_json::Value;

use crate::model::config::FormatStyleSetting;
use crate::model::glob::glob_matches;

use super::{EndOfLine, FormatOptions, FormatStyle, Indent, PrettierOptions, QuoteAttributes};

/// A configuration file the front found, with the folder it is in (`/`-separated, no trailing
/// `/`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigText {
    pub folder: String,
    pub file_name: String,
    pub text: String,
}

/// What decides how one file is formatted.
#[derive(Debug, Clone, Default)]
pub struct FormatContext<'a> {
    /// The file's path, `/`-separated.
    pub path: &'a str,
    /// The `.editorconfig` files from the file's folder upwards, nearest first, up to and
    /// including the first with `root = true`.
    pub editorconfigs: &'a [ConfigText],
    /// The Prettier configuration nearest to the file, as Prettier finds it: the first folder
    /// upwards holding a `package.json` with a `prettier` key or a `.prettierrc*` /
    /// `prettier.config.*` file, and in it the first of those in Prettier's order.
    pub prettier_config: Option<&'a ConfigText>,
    /// `[format] style`; `Auto` when nothing sets it.
    pub style: FormatStyleSetting,
    /// The editor's request (`textDocument/formatting`), which wins over `.editorconfig`.
    pub editor: Option<EditorOptions>,
}

/// The parts of LSP's `FormattingOptions` formatting uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditorOptions {
    pub tab_size: u32,
    pub insert_spaces: bool,
    pub insert_final_newline: Option<bool>,
    pub trim_final_newlines: Option<bool>,
}

/// The options for one file, and what a person should know about how they were chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedFormat {
    pub options: FormatOptions,
    /// Sentences about settings that could not be read or followed (no trailing period).
    pub notes: Vec<String>,
}

/// `.editorconfig` properties for one file, after every section that matches it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct EditorConfigProperties {
    indent_style: Option<String>,
    indent_size: Option<String>,
    tab_width: Option<String>,
    end_of_line: Option<String>,
    insert_final_newline: Option<String>,
    max_line_length: Option<String>,
}

/// The options for the file `context.path`.
pub fn resolve_format(context: &FormatContext<'_>) -> ResolvedFormat {
    let mut notes = Vec::new();
    let editorconfig = editorconfig_properties(context.path, context.editorconfigs);
    let indent = match context.editor {
        Some(editor) if editor.insert_spaces => {
            Indent::Spaces(u8::try_from(editor.tab_size.clamp(1, 16)).unwrap_or(4))
        }
        Some(_) => Indent::Tab,
        None => editorconfig_indent(&editorconfig).unwrap_or(Indent::Spaces(4)),
    };
    let editorconfig_final_newline = editorconfig
        .insert_final_newline
        .as_deref()
        .and_then(parse_bool);
    let insert_final_newline = context
        .editor
        .and_then(|editor| editor.insert_final_newline)
        .or(editorconfig_final_newline)
        .unwrap_or(true);
    let trim_final_newlines = context
        .editor
        .and_then(|editor| editor.trim_final_newlines)
        .unwrap_or(true);
    let prettier = prettier_options(context, &editorconfig, &mut notes);
    let style = match (context.style, prettier) {
        (FormatStyleSetting::Salesforce, _) => FormatStyle::Salesforce,
        (FormatStyleSetting::Auto, PrettierUse::Formats(options)) => FormatStyle::Prettier(options),
        (FormatStyleSetting::Auto, _) => FormatStyle::Salesforce,
        (
            FormatStyleSetting::Prettier,
            PrettierUse::Formats(options) | PrettierUse::NotThisFile(options),
        ) => FormatStyle::Prettier(options),
        (FormatStyleSetting::Prettier, PrettierUse::NoXmlPlugin(options)) => {
            FormatStyle::Prettier(options)
        }
    };
    ResolvedFormat {
        options: FormatOptions {
            indent,
            insert_final_newline,
            trim_final_newlines,
            style,
        },
        notes,
    }
}

/// What the project's Prettier setup means for a file.
enum PrettierUse {
    /// Prettier formats the file with the XML plugin, with these options.
    Formats(PrettierOptions),
    /// The plugin is loaded but Prettier does not format this file (its name has no `.xml`),
    /// or its options cannot be matched.
    NotThisFile(PrettierOptions),
    /// No configuration loads the plugin; these are the options it would use.
    NoXmlPlugin(PrettierOptions),
}

fn prettier_options(
    context: &FormatContext<'_>,
    editorconfig: &EditorConfigProperties,
    notes: &mut Vec<String>,
) -> PrettierUse {
    let mut options = PrettierOptions::DEFAULT;
    apply_editorconfig_to_prettier(editorconfig, &mut options);
    let Some(config) = context.prettier_config else {
        return PrettierUse::NoXmlPlugin(options);
    };
    let display = display_path(config);
    let Some(settings) = read_prettier_config(config, notes) else {
        return PrettierUse::NoXmlPlugin(options);
    };
    let uses_xml_plugin = match &settings {
        PrettierSettings::Read(value) => value
            .get("plugins")
            .and_then(Value::as_array)
            .is_some_and(|plugins| plugins.iter().filter_map(Value::as_str).any(is_xml_plugin)),
        PrettierSettings::Code(text) => text.contains("plugin-xml"),
    };
    let PrettierSettings::Read(value) = settings else {
        if uses_xml_plugin {
            notes.push(format!(
                "{display} is code eca-ls does not run: eca-ls formats as Prettier's XML plugin does with its default options and .editorconfig"
            ));
        }
        return if uses_xml_plugin && is_xml_file_name(context.path) {
            PrettierUse::Formats(options)
        } else {
            PrettierUse::NoXmlPlugin(options)
        };
    };
    let relative = relative_path(context.path, &config.folder);
    let mut parser_is_xml = is_xml_file_name(context.path);
    let mut whitespace_sensitivity = "strict".to_string();
    let mut layers = vec![&value];
    if let Some(overrides) = value.get("overrides").and_then(Value::as_array) {
        for entry in overrides {
            if override_applies(entry, &relative) {
                if let Some(options) = entry.get("options") {
                    layers.push(options);
                }
            }
        }
    }
    for layer in layers {
        apply_prettier_layer(
            layer,
            &mut options,
            &mut parser_is_xml,
            &mut whitespace_sensitivity,
        );
    }
    if !uses_xml_plugin {
        return PrettierUse::NoXmlPlugin(options);
    }
    if !parser_is_xml {
        return PrettierUse::NotThisFile(options);
    }
    if whitespace_sensitivity != "strict" {
        notes.push(format!(
            "{display} sets xmlWhitespaceSensitivity to \"{whitespace_sensitivity}\", with which Prettier re-indents ECA files and may rewrap values; eca-ls keeps every value as written and formats in Salesforce's style: set it to \"strict\" for ECA files (an override for \"**/*-meta.xml\") so that the two agree"
        ));
        return PrettierUse::NotThisFile(options);
    }
    PrettierUse::Formats(options)
}

enum PrettierSettings {
    Read(Value),
    /// A JavaScript or TypeScript configuration, which eca-ls cannot run.
    Code(String),
}

fn read_prettier_config(config: &ConfigText, notes: &mut Vec<String>) -> Option<PrettierSettings> {
    let display = display_path(config);
    let name = config.file_name.as_str();
    let parsed: Result<Value, String> = match name {
        "package.json" => serde_json::from_str::<Value>(&config.text)
            .map_err(|error| error.to_string())
            .map(|package| package.get("prettier").cloned().unwrap_or(Value::Null)),
        ".prettierrc.json" | ".prettierrc.json5" => {
            serde_json::from_str(&config.text).map_err(|error| error.to_string())
        }
        ".prettierrc.toml" => toml::from_str::<toml::Value>(&config.text)
            .map_err(|error| error.message().to_string())
            .and_then(|value| serde_json::to_value(value).map_err(|error| error.to_string())),
        ".prettierrc.yaml" | ".prettierrc.yml" | "package.yaml" => {
            let parsed = simple_yaml(&config.text);
            match (name, parsed) {
                ("package.yaml", Ok(package)) => {
                    Ok(package.get("prettier").cloned().unwrap_or(Value::Null))
                }
                (_, parsed) => parsed,
            }
        }
        // `.prettierrc` is YAML, of which JSON is a part.
        ".prettierrc" => serde_json::from_str(&config.text).or_else(|_| simple_yaml(&config.text)),
        _ => return Some(PrettierSettings::Code(config.text.clone())),
    };
    match parsed {
        Ok(Value::String(shared)) => {
            notes.push(format!(
                "{display} names the shared configuration `{shared}`, which eca-ls does not load: eca-ls formats in Salesforce's style unless `[format] style` says otherwise"
            ));
            None
        }
        Ok(Value::Object(map)) => Some(PrettierSettings::Read(Value::Object(map))),
        Ok(Value::Null) => None,
        Ok(_) => {
            notes.push(format!(
                "{display} is not an object of options: eca-ls does not read it"
            ));
            None
        }
        Err(error) => {
            notes.push(format!(
                "{display} could not be read ({error}): eca-ls does not read it"
            ));
            None
        }
    }
}

fn is_xml_plugin(plugin: &str) -> bool {
    plugin == "@prettier/plugin-xml"
        || plugin.contains("/@prettier/plugin-xml/")
        || plugin.ends_with("prettier-plugin-xml")
}

/// Whether Prettier picks its XML parser for the file by its name.
fn is_xml_file_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.to_ascii_lowercase().ends_with(".xml")
}

fn override_applies(entry: &Value, relative: &str) -> bool {
    let patterns = |key: &str| -> Vec<String> {
        match entry.get(key) {
            Some(Value::String(pattern)) => vec![pattern.clone()],
            Some(Value::Array(patterns)) => patterns
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        }
    };
    patterns("files")
        .iter()
        .any(|pattern| glob_matches(pattern, relative))
        && !patterns("excludeFiles")
            .iter()
            .any(|pattern| glob_matches(pattern, relative))
}

fn apply_prettier_layer(
    layer: &Value,
    options: &mut PrettierOptions,
    parser_is_xml: &mut bool,
    whitespace_sensitivity: &mut String,
) {
    let number = |key: &str| layer.get(key).and_then(Value::as_u64).map(|n| n as usize);
    let boolean = |key: &str| layer.get(key).and_then(Value::as_bool);
    let text = |key: &str| layer.get(key).and_then(Value::as_str);
    if let Some(width) = number("printWidth") {
        options.print_width = width;
    }
    if let Some(width) = number("tabWidth") {
        options.tab_width = width;
    }
    if let Some(use_tabs) = boolean("useTabs") {
        options.use_tabs = use_tabs;
    }
    if let Some(same_line) = boolean("bracketSameLine") {
        options.bracket_same_line = same_line;
    }
    if let Some(space) = boolean("xmlSelfClosingSpace") {
        options.self_closing_space = space;
    }
    if let Some(single) = boolean("singleAttributePerLine") {
        options.single_attribute_per_line = single;
    }
    if let Some(sort) = boolean("xmlSortAttributesByKey") {
        options.sort_attributes = sort;
    }
    match text("xmlQuoteAttributes") {
        Some("double") => options.quote_attributes = QuoteAttributes::Double,
        Some("single") => options.quote_attributes = QuoteAttributes::Single,
        Some("preserve") => options.quote_attributes = QuoteAttributes::Preserve,
        _ => {}
    }
    match text("endOfLine") {
        Some("lf") => options.end_of_line = EndOfLine::Lf,
        Some("crlf") => options.end_of_line = EndOfLine::Crlf,
        Some("cr") => options.end_of_line = EndOfLine::Cr,
        Some("auto") => options.end_of_line = EndOfLine::Auto,
        _ => {}
    }
    if let Some(parser) = text("parser") {
        *parser_is_xml = parser == "xml";
    }
    if let Some(sensitivity) = text("xmlWhitespaceSensitivity") {
        *whitespace_sensitivity = sensitivity.to_string();
    }
}

/// What Prettier takes from `.editorconfig` (its `editorconfig-to-prettier`).
fn apply_editorconfig_to_prettier(
    properties: &EditorConfigProperties,
    options: &mut PrettierOptions,
) {
    let positive = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|value| value.parse::<usize>().ok())
            .filter(|value| *value > 0)
    };
    let mut use_tabs = None;
    match (
        properties.indent_style.as_deref(),
        properties.indent_size.as_deref(),
    ) {
        (Some("space"), _) => use_tabs = Some(false),
        (Some("tab"), _) | (_, Some("tab")) => use_tabs = Some(true),
        _ => {}
    }
    if let Some(use_tabs) = use_tabs {
        options.use_tabs = use_tabs;
    }
    if let (Some(false), Some(size)) = (use_tabs, positive(&properties.indent_size)) {
        options.tab_width = size;
    } else if let Some(width) = positive(&properties.tab_width) {
        options.tab_width = width;
    }
    match properties.max_line_length.as_deref() {
        Some("off") => options.print_width = usize::MAX,
        Some(_) => {
            if let Some(width) = positive(&properties.max_line_length) {
                options.print_width = width;
            }
        }
        None => {}
    }
    match properties.end_of_line.as_deref() {
        Some("lf") => options.end_of_line = EndOfLine::Lf,
        Some("crlf") => options.end_of_line = EndOfLine::Crlf,
        Some("cr") => options.end_of_line = EndOfLine::Cr,
        _ => {}
    }
}

fn editorconfig_indent(properties: &EditorConfigProperties) -> Option<Indent> {
    let size = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|value| value.parse::<u8>().ok())
            .filter(|size| (1..=16).contains(size))
    };
    match properties.indent_style.as_deref() {
        Some("tab") => Some(Indent::Tab),
        Some("space") => Some(Indent::Spaces(
            size(&properties.indent_size)
                .or_else(|| size(&properties.tab_width))
                .unwrap_or(4),
        )),
        _ => match properties.indent_size.as_deref() {
            Some("tab") => Some(Indent::Tab),
            _ => size(&properties.indent_size).map(Indent::Spaces),
        },
    }
}

/// The properties `.editorconfig` gives `path`: the files from the top down, sections in order,
/// the last match winning; values lower-cased, `unset` removing a property.
fn editorconfig_properties(path: &str, files: &[ConfigText]) -> EditorConfigProperties {
    let mut properties = EditorConfigProperties::default();
    let mut chain: Vec<&ConfigText> = Vec::new();
    for file in files {
        chain.push(file);
        if is_root_editorconfig(&file.text) {
            break;
        }
    }
    for file in chain.into_iter().rev() {
        let relative = relative_path(path, &file.folder);
        let mut section_matches = false;
        for line in file.text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(section) = line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
            {
                section_matches = glob_matches(section, &relative);
                continue;
            }
            if !section_matches {
                continue;
            }
            let Some((key, value)) = line.split_once(['=', ':']) else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim().to_ascii_lowercase();
            let value = (value != "unset").then_some(value);
            match key.as_str() {
                "indent_style" => properties.indent_style = value,
                "indent_size" => properties.indent_size = value,
                "tab_width" => properties.tab_width = value,
                "end_of_line" => properties.end_of_line = value,
                "insert_final_newline" => properties.insert_final_newline = value,
                "max_line_length" => properties.max_line_length = value,
                _ => {}
            }
        }
    }
    properties
}

/// Whether an `.editorconfig` says `root = true` in its preamble (before its first section),
/// the only place the key counts: no `.editorconfig` above it applies.
pub fn is_root_editorconfig(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return false;
        }
        if let Some((key, value)) = line.split_once('=') {
            if key.trim().eq_ignore_ascii_case("root") && value.trim().eq_ignore_ascii_case("true")
            {
                return true;
            }
        }
    }
    false
}

fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `path` relative to `folder` (both `/`-separated); the whole path when it is not inside.
fn relative_path(path: &str, folder: &str) -> String {
    let folder = folder.trim_end_matches('/');
    match path
        .strip_prefix(folder)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        Some(rest) if !folder.is_empty() => rest.to_string(),
        _ => path.trim_start_matches('/').to_string(),
    }
}

fn display_path(config: &ConfigText) -> String {
    if config.folder.is_empty() {
        config.file_name.clone()
    } else {
        format!("{}/{}", config.folder, config.file_name)
    }
}

/// The YAML of a Prettier configuration: `key: value` lines, nested maps by indentation, and
/// lists as `- item` lines or `[a, b]`. Anchors, tags and multi-line strings are refused.
fn simple_yaml(text: &str) -> Result<Value, String> {
    let lines: Vec<(usize, usize, &str)> = text
        .lines()
        .enumerate()
        .filter_map(|(number, line)| {
            let content = strip_yaml_comment(line);
            let trimmed = content.trim_end();
            if trimmed.trim().is_empty() || trimmed.trim() == "---" {
                return None;
            }
            let indent = trimmed.len() - trimmed.trim_start().len();
            Some((number + 1, indent, trimmed.trim_start()))
        })
        .collect();
    let mut position = 0;
    let value = yaml_block(&lines, &mut position, 0)?;
    if position < lines.len() {
        return Err(format!(
            "line {}: unexpected indentation",
            lines[position].0
        ));
    }
    Ok(value)
}

fn strip_yaml_comment(line: &str) -> &str {
    let mut quote = None;
    for (index, c) in line.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(open)) if c == open => quote = None,
            ('#', None) if index == 0 || line[..index].ends_with([' ', '\t']) => {
                return &line[..index];
            }
            _ => {}
        }
    }
    line
}

fn yaml_block(
    lines: &[(usize, usize, &str)],
    position: &mut usize,
    indent: usize,
) -> Result<Value, String> {
    let Some(&(_, first_indent, first)) = lines.get(*position) else {
        return Ok(Value::Null);
    };
    if first_indent < indent {
        return Ok(Value::Null);
    }
    let block_indent = first_indent;
    if first.starts_with("- ") || first == "-" {
        let mut items = Vec::new();
        while let Some(&(number, line_indent, line)) = lines.get(*position) {
            if line_indent != block_indent || !(line.starts_with("- ") || line == "-") {
                break;
            }
            let item = line[1..].trim_start();
            *position += 1;
            if item.is_empty() {
                items.push(yaml_block(lines, position, block_indent + 1)?);
            } else if yaml_key(item).is_some() {
                // `- key: value` starts a map whose further keys are indented past the dash.
                let inner_indent = block_indent + (line.len() - item.len());
                let mut synthetic: Vec<(usize, usize, &str)> = vec![(number, inner_indent, item)];
                while let Some(&(n, i, l)) = lines.get(*position) {
                    if i < inner_indent {
                        break;
                    }
                    synthetic.push((n, i, l));
                    *position += 1;
                }
                let mut inner = 0;
                items.push(yaml_block(&synthetic, &mut inner, inner_indent)?);
            } else {
                items.push(yaml_scalar(item, number)?);
            }
        }
        return Ok(Value::Array(items));
    }
    let mut map = serde_json::Map::new();
    while let Some(&(number, line_indent, line)) = lines.get(*position) {
        if line_indent < block_indent {
            break;
        }
        if line_indent > block_indent {
            return Err(format!("line {number}: unexpected indentation"));
        }
        let Some((key, rest)) = yaml_key(line) else {
            return Err(format!("line {number}: expected `key: value`"));
        };
        *position += 1;
        let value = if rest.is_empty() {
            yaml_block(lines, position, block_indent + 1)?
        } else {
            yaml_scalar(rest, number)?
        };
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

/// `key: rest` with the key unquoted.
fn yaml_key(line: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let end = quoted.find('"')?;
        (
            quoted[..end].to_string(),
            quoted[end + 1..].strip_prefix(':')?,
        )
    } else if let Some(quoted) = line.strip_prefix('\'') {
        let end = quoted.find('\'')?;
        (
            quoted[..end].to_string(),
            quoted[end + 1..].strip_prefix(':')?,
        )
    } else {
        let colon = line
            .find(": ")
            .or_else(|| line.strip_suffix(':').map(|key| key.len()))?;
        (line[..colon].trim().to_string(), &line[colon + 1..])
    };
    Some((key, rest.trim()))
}

fn yaml_scalar(text: &str, line: usize) -> Result<Value, String> {
    let text = text.trim();
    if text.starts_with(['&', '*', '!', '|', '>']) {
        return Err(format!(
            "line {line}: `{text}` is YAML eca-ls does not read"
        ));
    }
    if let Some(inner) = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        return inner
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| yaml_scalar(item, line))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if let Some(inner) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        return Ok(Value::String(inner.to_string()));
    }
    if let Some(inner) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return Ok(Value::String(inner.replace("''", "'")));
    }
    Ok(match text {
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        "null" | "~" => Value::Null,
        _ => match text.parse::<u64>() {
            Ok(number) => Value::from(number),
            Err(_) => Value::String(text.to_string()),
        },
    })
}

#[cfg(test)]
mod tests;
