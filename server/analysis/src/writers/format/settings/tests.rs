use expect_test::{Expect, expect};

use super::*;
use crate::model::config::FormatStyleSetting;

/// The `.prettierrc` `sf project generate` writes (from `@salesforce/templates`).
const SF_PRETTIERRC: &str = r#"{
  "trailingComma": "none",
  "plugins": [
    "prettier-plugin-apex",
    "@prettier/plugin-xml"
  ],
  "overrides": [
    {
      "files": "**/lwc/**/*.html",
      "options": { "parser": "lwc" }
    },
    {
      "files": "*.{cmp,page,component}",
      "options": { "parser": "html" }
    }
  ]
}
"#;

const HEADER: &str = "proj/force-app/main/default/externalClientApps/Portal.eca-meta.xml";

fn config(folder: &str, file_name: &str, text: &str) -> ConfigText {
    ConfigText {
        folder: folder.to_string(),
        file_name: file_name.to_string(),
        text: text.to_string(),
    }
}

fn check(context: FormatContext<'_>, expect: Expect) {
    let resolved = resolve_format(&context);
    let mut rendered = format!("{:?}", resolved.options);
    for note in &resolved.notes {
        rendered.push_str(&format!("\nnote: {note}"));
    }
    expect.assert_eq(&rendered);
}

#[test]
fn without_anything_four_spaces_in_salesforce_style() {
    check(
        FormatContext {
            path: HEADER,
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }"#
        ]],
    );
}

#[test]
fn the_sf_project_prettierrc_means_prettier_style_for_xml_files_only() {
    let prettierrc = config("proj", ".prettierrc", SF_PRETTIERRC);
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&prettierrc),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 80, tab_width: 2, use_tabs: false, bracket_same_line: false, self_closing_space: true, single_attribute_per_line: false, end_of_line: Lf, quote_attributes: Preserve, sort_attributes: false }) }"#
        ]],
    );
    check(
        FormatContext {
            path: "proj/src/externalClientApps/Portal.eca",
            prettier_config: Some(&prettierrc),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }"#
        ]],
    );
}

#[test]
fn editorconfig_sets_the_indentation_and_prettiers_widths() {
    let prettierrc = config("proj", ".prettierrc", SF_PRETTIERRC);
    let editorconfigs = [
        config(
            "proj/force-app",
            ".editorconfig",
            "[*.xml]\nindent_size = unset\nmax_line_length = 120\n",
        ),
        config(
            "proj",
            ".editorconfig",
            "root = true\n\n[*]\nindent_style = space\nindent_size = 2\ninsert_final_newline = false\n\n[*.md]\nindent_size = 8\n",
        ),
        config("", ".editorconfig", "[*]\nindent_style = tab\n"),
    ];
    check(
        FormatContext {
            path: HEADER,
            editorconfigs: &editorconfigs,
            prettier_config: Some(&prettierrc),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: false, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 120, tab_width: 2, use_tabs: false, bracket_same_line: false, self_closing_space: true, single_attribute_per_line: false, end_of_line: Lf, quote_attributes: Preserve, sort_attributes: false }) }"#
        ]],
    );
}

#[test]
fn the_editors_request_wins() {
    let editorconfigs = [config("proj", ".editorconfig", "[*]\nindent_style = tab\n")];
    check(
        FormatContext {
            path: HEADER,
            editorconfigs: &editorconfigs,
            editor: Some(EditorOptions {
                tab_size: 2,
                insert_spaces: true,
                insert_final_newline: None,
                trim_final_newlines: Some(false),
            }),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(2), insert_final_newline: true, trim_final_newlines: false, style: Salesforce }"#
        ]],
    );
}

#[test]
fn prettier_options_and_overrides_in_json_yaml_toml_and_package_json() {
    let yaml = config(
        "proj",
        ".prettierrc.yml",
        "# Prettier\nplugins:\n  - prettier-plugin-apex\n  - \"@prettier/plugin-xml\"\ntabWidth: 4\noverrides:\n  - files: \"**/*.xml\"\n    options:\n      printWidth: 100 # wider\n      bracketSameLine: true\n  - files: ['*.md']\n    options:\n      printWidth: 60\n",
    );
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&yaml),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 100, tab_width: 4, use_tabs: false, bracket_same_line: true, self_closing_space: true, single_attribute_per_line: false, end_of_line: Lf, quote_attributes: Preserve, sort_attributes: false }) }"#
        ]],
    );
    let toml = config(
        "proj",
        ".prettierrc.toml",
        "plugins = [\"@prettier/plugin-xml\"]\nuseTabs = true\nxmlSelfClosingSpace = false\nendOfLine = \"auto\"\n",
    );
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&toml),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 80, tab_width: 2, use_tabs: true, bracket_same_line: false, self_closing_space: false, single_attribute_per_line: false, end_of_line: Auto, quote_attributes: Preserve, sort_attributes: false }) }"#
        ]],
    );
    let package = config(
        "proj",
        "package.json",
        r#"{"name": "app", "prettier": {"plugins": ["@prettier/plugin-xml"], "xmlQuoteAttributes": "double", "overrides": [{"files": "*.eca", "options": {"parser": "xml"}}]}}"#,
    );
    check(
        FormatContext {
            path: "proj/src/externalClientApps/Portal.eca",
            prettier_config: Some(&package),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 80, tab_width: 2, use_tabs: false, bracket_same_line: false, self_closing_space: true, single_attribute_per_line: false, end_of_line: Lf, quote_attributes: Double, sort_attributes: false }) }"#
        ]],
    );
}

#[test]
fn without_the_xml_plugin_prettier_leaves_xml_alone() {
    let prettierrc = config("proj", ".prettierrc", r#"{"singleQuote": true}"#);
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&prettierrc),
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }"#
        ]],
    );
    // Asked for, the style follows the file's options all the same.
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&prettierrc),
            style: FormatStyleSetting::Prettier,
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 80, tab_width: 2, use_tabs: false, bracket_same_line: false, self_closing_space: true, single_attribute_per_line: false, end_of_line: Lf, quote_attributes: Preserve, sort_attributes: false }) }"#
        ]],
    );
}

#[test]
fn settings_prettier_cannot_agree_with_are_named() {
    let ignore = config(
        "proj",
        ".prettierrc.json",
        r#"{"plugins": ["@prettier/plugin-xml"], "xmlWhitespaceSensitivity": "ignore"}"#,
    );
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&ignore),
            ..FormatContext::default()
        },
        expect![[r#"
            FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }
            note: proj/.prettierrc.json sets xmlWhitespaceSensitivity to "ignore", with which Prettier re-indents ECA files and may rewrap values; eca-ls keeps every value as written and formats in Salesforce's style: set it to "strict" for ECA files (an override for "**/*-meta.xml") so that the two agree"#]],
    );
    let code = config(
        "proj",
        "prettier.config.js",
        "export default { plugins: ['@prettier/plugin-xml'] };",
    );
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&code),
            ..FormatContext::default()
        },
        expect![[r#"
            FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Prettier(PrettierOptions { print_width: 80, tab_width: 2, use_tabs: false, bracket_same_line: false, self_closing_space: true, single_attribute_per_line: false, end_of_line: Lf, quote_attributes: Preserve, sort_attributes: false }) }
            note: proj/prettier.config.js is code eca-ls does not run: eca-ls formats as Prettier's XML plugin does with its default options and .editorconfig"#]],
    );
    let broken = config("proj", ".prettierrc.json", "{ plugins: [ }");
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&broken),
            ..FormatContext::default()
        },
        expect![[r#"
            FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }
            note: proj/.prettierrc.json could not be read (key must be a string at line 1 column 3): eca-ls does not read it"#]],
    );
    let shared = config("proj", ".prettierrc", "\"@company/prettier-config\"\n");
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&shared),
            ..FormatContext::default()
        },
        expect![[r#"
            FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }
            note: proj/.prettierrc names the shared configuration `@company/prettier-config`, which eca-ls does not load: eca-ls formats in Salesforce's style unless `[format] style` says otherwise"#]],
    );
}

#[test]
fn salesforce_style_when_asked_whatever_prettier_says() {
    let prettierrc = config("proj", ".prettierrc", SF_PRETTIERRC);
    check(
        FormatContext {
            path: HEADER,
            prettier_config: Some(&prettierrc),
            style: FormatStyleSetting::Salesforce,
            ..FormatContext::default()
        },
        expect![[
            r#"FormatOptions { indent: Spaces(4), insert_final_newline: true, trim_final_newlines: true, style: Salesforce }"#
        ]],
    );
}
