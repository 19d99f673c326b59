//! The documentation holds: every relative link and `#anchor` of the repository's Markdown leads
//! somewhere, docs/cli.md names every command and flag the binary's `--help` shows, docs/editors.md
//! every VS Code setting, the README's walk-through prints what the binary prints, the commit hooks
//! of .pre-commit-hooks.yaml and docs/ci.md match every file type eca-ls checks, and the README
//! stays a newcomer's page. Each check is a plain function, unit-tested on a bad example below.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// The most lines the README may have: one screen or three. Reference goes to docs/.
const README_LINE_BUDGET: usize = 150;

/// Links to this repository on GitHub (as the VS Code Marketplace needs them) are checked as
/// relative links: `https://github.com/eca-ls/eca-ls/blob/main/docs/cli.md` is `docs/cli.md`.
const REPOSITORY_URL_PREFIXES: [&str; 2] = [
    "https://github.com/eca-ls/eca-ls/blob/main/",
    "https://github.com/eca-ls/eca-ls/tree/main/",
];

fn repository_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = repository_root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("read {relative}: {error}"))
}

// ---------------------------------------------------------------------------------------------
// The checks over the repository

#[test]
fn every_relative_link_and_anchor_resolves() {
    let pages = markdown_pages(repository_root());
    assert!(
        pages.contains_key(Path::new("README.md")) && pages.contains_key(Path::new("docs/cli.md")),
        "the page search found {:?}",
        pages.keys().collect::<Vec<_>>()
    );
    let read_from_disk = |path: &Path| std::fs::read_to_string(repository_root().join(path)).ok();
    let exists_on_disk = |path: &Path| repository_root().join(path).exists();
    let broken = broken_links(&pages, &read_from_disk, &exists_on_disk);
    assert!(
        broken.is_empty(),
        "links that lead nowhere (anchors are made from headings as GitHub does):\n{}",
        broken.join("\n")
    );
}

#[test]
fn docs_index_lists_every_page() {
    let index = read("docs/README.md");
    let linked: BTreeSet<String> = links_of(&index)
        .into_iter()
        .map(|link| {
            link.target
                .split('#')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(repository_root().join("docs")).expect("read docs/") {
        let name = entry
            .expect("docs/ entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".md") && name != "README.md" && !linked.contains(&name) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "docs/README.md does not link {missing:?}"
    );
}

#[test]
fn cli_md_names_every_command_and_flag_of_the_help() {
    let top_help = help_of(&["--help"]);
    let commands = subcommands_of_help(&top_help);
    assert!(
        commands.contains(&"check".to_string()) && commands.contains(&"flows".to_string()),
        "no commands read from `eca-ls --help`:\n{top_help}"
    );
    let mut help_by_command = BTreeMap::new();
    help_by_command.insert(String::new(), top_help);
    for command in &commands {
        help_by_command.insert(command.clone(), help_of(&[command, "--help"]));
    }
    let missing = undocumented_in_cli_md(&read("docs/cli.md"), &help_by_command);
    assert!(
        missing.is_empty(),
        "docs/cli.md lacks what `--help` shows (a command needs a heading naming `eca-ls <command>`; a flag must appear in that section):\n{}",
        missing.join("\n")
    );
}

#[test]
fn editors_md_names_every_vscode_setting() {
    let package: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/package.json")).expect("package.json is JSON");
    let settings = vscode_settings(&package);
    assert!(
        settings.contains(&"ecaLs.server.path".to_string()),
        "no settings read from package.json: {settings:?}"
    );
    let missing = undocumented_settings(&settings, &read("docs/editors.md"));
    assert!(
        missing.is_empty(),
        "docs/editors.md does not document the VS Code settings {missing:?}"
    );
}

#[test]
fn readme_walk_through_prints_what_the_binary_prints() {
    let examples = console_examples(&read("README.md"));
    assert!(
        examples.len() >= 3,
        "the README's walk-through should have three ```console examples, found {}",
        examples.len()
    );
    for example in examples {
        let arguments = example
            .command
            .strip_prefix("eca-ls ")
            .unwrap_or_else(|| panic!("a README example runs `eca-ls`: {}", example.command));
        let arguments: Vec<&str> = arguments.split_whitespace().collect();
        let output = support::eca_ls(repository_root(), &arguments);
        let printed = support::stdout(&output);
        if let Err(difference) = output_matches(&example.expected, &printed) {
            panic!(
                "README.md: `{}` prints something else ({difference}); it printed:\n{printed}",
                example.command
            );
        }
    }
}

#[test]
fn readme_stays_short_and_names_the_two_commands() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= README_LINE_BUDGET,
        "README.md has {lines} lines, over its budget of {README_LINE_BUDGET}: move reference text to docs/ and link it"
    );
    for command in ["./scripts/check-example.sh", "./scripts/test.sh"] {
        assert!(
            readme.contains(command),
            "README.md must name the set-up command {command}"
        );
    }
}

fn help_of(arguments: &[&str]) -> String {
    let output = support::eca_ls(repository_root(), arguments);
    assert_eq!(
        output.status.code(),
        Some(0),
        "eca-ls {arguments:?}: {}",
        support::stderr(&output)
    );
    support::stdout(&output)
}

// ---------------------------------------------------------------------------------------------
// Markdown: pages, headings, anchors, links

/// Every Markdown file of the repository, by path relative to `root`, outside build output,
/// installed tools and dependencies.
fn markdown_pages(root: &Path) -> BTreeMap<PathBuf, String> {
    const SKIPPED: [&str; 6] = [
        ".git",
        "target",
        "node_modules",
        ".tools",
        "test-output",
        "out",
    ];
    let mut pages = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                if !SKIPPED.contains(&name.as_str()) {
                    folders.push(path);
                }
            } else if name.ends_with(".md") {
                let relative = path.strip_prefix(root).expect("under root").to_path_buf();
                let text = std::fs::read_to_string(&path).expect("read a Markdown page");
                pages.insert(relative, text);
            }
        }
    }
    pages
}

/// The lines of `markdown` outside fenced code blocks and HTML comments, with their numbers.
fn prose_lines(markdown: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut fence: Option<String> = None;
    let mut in_comment = false;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed
                .chars()
                .take_while(|c| *c == '`' || *c == '~')
                .collect();
            fence = Some(marker);
            continue;
        }
        let mut kept = String::new();
        let mut rest = line;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        kept.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        lines.push((index + 1, kept));
    }
    lines
}

/// `text` without inline code spans (`` `a [b](c)` `` holds no link), as one line.
fn without_code_spans(text: &str) -> String {
    let mut kept = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '`' {
            kept.push(c);
            continue;
        }
        let mut ticks = 1;
        while chars.peek() == Some(&'`') {
            chars.next();
            ticks += 1;
        }
        // Skip to the closing run of the same length; an unclosed run is literal text.
        let rest: String = chars.clone().collect();
        let closing = "`".repeat(ticks);
        match find_closing_run(&rest, &closing) {
            Some(end) => {
                for _ in rest[..end + ticks].chars() {
                    chars.next();
                }
            }
            None => kept.push_str(&closing),
        }
    }
    kept
}

fn find_closing_run(text: &str, run: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(run) {
        let start = from + found;
        let end = start + run.len();
        if !text[end..].starts_with('`') {
            return Some(start);
        }
        from = end + text[end..].chars().take_while(|c| *c == '`').count();
    }
    None
}

/// The anchors GitHub gives `markdown`'s headings (and explicit `<a id>`/`<a name>` anchors).
fn anchors_of(markdown: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (_, line) in prose_lines(markdown) {
        for attribute in ["id=\"", "name=\""] {
            let mut rest = line.as_str();
            while let Some(start) = rest.find(attribute) {
                rest = &rest[start + attribute.len()..];
                if let Some(end) = rest.find('"') {
                    anchors.insert(rest[..end].to_string());
                }
            }
        }
        let Some(heading) = heading_text(&line) else {
            continue;
        };
        let base = github_anchor(heading);
        let count = seen.entry(base.clone()).or_default();
        let anchor = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        anchors.insert(anchor);
    }
    anchors
}

/// The text of an ATX heading (`## Text`), or `None` for another line.
fn heading_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// The anchor GitHub makes from a heading: the rendered text (links become their text, code
/// and emphasis marks go), lower-cased, every character but letters, digits, `-`, `_` and spaces
/// dropped, spaces turned into `-`.
fn github_anchor(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    // [text](target) → text
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| {
            after[close + 2..]
                .find(')')
                .map(|end| (close, close + 2 + end))
        }) {
            Some((close, end)) => {
                text.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            None => {
                text.push('[');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[derive(Debug, PartialEq)]
struct Link {
    line: usize,
    target: String,
}

/// The link and image targets of `markdown` (`[text](target)`, `![alt](target "title")`,
/// `[label]: target`, `href="…"`, `src="…"`), outside code blocks, code spans and comments.
fn links_of(markdown: &str) -> Vec<Link> {
    let mut links = Vec::new();
    for (line_number, line) in prose_lines(markdown) {
        let line = without_code_spans(&line);
        let mut rest = line.as_str();
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let end = closing_parenthesis(after);
            let inside = after[..end].trim();
            let target = inside
                .strip_prefix('<')
                .and_then(|bracketed| bracketed.split('>').next())
                .unwrap_or_else(|| inside.split_whitespace().next().unwrap_or_default());
            links.push(Link {
                line: line_number,
                target: target.to_string(),
            });
            rest = &after[end..];
        }
        let trimmed = line.trim_start();
        let reference_definition = trimmed
            .strip_prefix('[')
            .and_then(|label_on| label_on.split_once("]:"))
            .map(|(_, target)| target);
        if let Some(target) = reference_definition {
            let target = target.split_whitespace().next().unwrap_or("");
            links.push(Link {
                line: line_number,
                target: target.to_string(),
            });
        }
        for attribute in ["href=\"", "src=\""] {
            let mut rest = line.as_str();
            while let Some(start) = rest.find(attribute) {
                rest = &rest[start + attribute.len()..];
                if let Some(end) = rest.find('"') {
                    links.push(Link {
                        line: line_number,
                        target: rest[..end].to_string(),
                    });
                }
            }
        }
    }
    links
}

/// Where the `)` that closes a link target is in `text` (balanced parentheses inside).
fn closing_parenthesis(text: &str) -> usize {
    let mut depth = 0;
    for (index, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return index,
            ')' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

/// Every link of `pages` that leads nowhere, as `page:line: target: why`. `read` gives the text
/// of a Markdown file outside `pages` (for its anchors); `exists` says whether a path exists.
fn broken_links(
    pages: &BTreeMap<PathBuf, String>,
    read: &dyn Fn(&Path) -> Option<String>,
    exists: &dyn Fn(&Path) -> bool,
) -> Vec<String> {
    let mut anchors_by_page: BTreeMap<PathBuf, BTreeSet<String>> = pages
        .iter()
        .map(|(path, text)| (path.clone(), anchors_of(text)))
        .collect();
    let mut broken = Vec::new();
    for (page, text) in pages {
        let folder = page.parent().unwrap_or(Path::new(""));
        for link in links_of(text) {
            let target = REPOSITORY_URL_PREFIXES
                .iter()
                .find_map(|prefix| link.target.strip_prefix(prefix).map(|path| (true, path)))
                .unwrap_or((false, link.target.as_str()));
            let (from_root, target) = target;
            if target.is_empty() || (!from_root && has_scheme(target)) {
                continue;
            }
            let (path_part, anchor) = match target.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (target, None),
            };
            let report =
                |why: String| format!("{}:{}: {}: {why}", page.display(), link.line, link.target);
            let resolved = if path_part.is_empty() {
                Some(page.clone())
            } else if from_root {
                normalize(Path::new(path_part))
            } else if let Some(absolute) = path_part.strip_prefix('/') {
                normalize(Path::new(absolute))
            } else {
                normalize(&folder.join(path_part))
            };
            let Some(resolved) = resolved else {
                broken.push(report("climbs out of the repository".to_string()));
                continue;
            };
            if !pages.contains_key(&resolved) && !exists(&resolved) {
                broken.push(report(format!("no file {}", resolved.display())));
                continue;
            }
            let Some(anchor) = anchor else {
                continue;
            };
            if !resolved.to_string_lossy().ends_with(".md") {
                continue;
            }
            let anchors = anchors_by_page.entry(resolved.clone()).or_insert_with(|| {
                read(&resolved)
                    .map(|text| anchors_of(&text))
                    .unwrap_or_default()
            });
            if !anchors.contains(anchor) {
                broken.push(report(format!(
                    "no heading of {} makes #{anchor}",
                    resolved.display()
                )));
            }
        }
    }
    broken
}

fn has_scheme(target: &str) -> bool {
    target.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// `path` with `.` and `..` applied, or `None` when it climbs above the repository.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

// ---------------------------------------------------------------------------------------------
// `--help` against docs/cli.md

/// The subcommands listed under `Commands:` in a clap help text, `help` left out.
fn subcommands_of_help(help: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line.trim_end() == "Commands:" {
            in_commands = true;
            continue;
        }
        if !in_commands {
            continue;
        }
        if !line.starts_with(' ') {
            break;
        }
        match line.split_whitespace().next() {
            Some("help") | None => {}
            Some(name) => commands.push(name.to_string()),
        }
    }
    commands
}

/// The long flags a clap help text defines: `--name` at the start of an option line.
fn long_flags_of_help(help: &str) -> Vec<String> {
    let mut flags = Vec::new();
    for line in help.lines() {
        let trimmed = line.trim_start();
        if trimmed.len() == line.len() || !trimmed.starts_with('-') {
            continue;
        }
        for word in trimmed.split([' ', ',', '=']) {
            if let Some(name) = word.strip_prefix("--") {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if !name.is_empty() {
                    flags.push(format!("--{name}"));
                }
            } else if !word.is_empty() && !word.starts_with('-') {
                break;
            }
        }
    }
    flags
}

/// What `help_by_command` shows that `cli_md` does not name. The key `""` is the top-level help,
/// whose flags may appear anywhere; each command needs a heading naming `eca-ls <command>`, and
/// its flags must appear in that heading's section (`--help` anywhere will do).
fn undocumented_in_cli_md(cli_md: &str, help_by_command: &BTreeMap<String, String>) -> Vec<String> {
    let sections = sections_of(cli_md);
    let mut missing = Vec::new();
    for (command, help) in help_by_command {
        let section = if command.is_empty() {
            Some(cli_md.to_string())
        } else {
            let name = format!("eca-ls {command}");
            sections
                .iter()
                .find(|(heading, _)| mentions(heading, &name))
                .map(|(_, body)| body.clone())
        };
        let Some(section) = section else {
            missing.push(format!("`eca-ls {command}`: no heading names it"));
            continue;
        };
        for flag in long_flags_of_help(help) {
            let documented = if flag == "--help" || command.is_empty() {
                mentions(cli_md, &flag)
            } else {
                mentions(&section, &flag)
            };
            if !documented {
                let owner = if command.is_empty() {
                    "eca-ls".to_string()
                } else {
                    format!("eca-ls {command}")
                };
                missing.push(format!("`{owner} {flag}`"));
            }
        }
    }
    missing
}

/// Each heading of `markdown` with the text up to the next heading of the same or a higher level.
fn sections_of(markdown: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut sections = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(heading) = heading_text(line) else {
            continue;
        };
        let level = line.trim_start().chars().take_while(|c| *c == '#').count();
        let body: Vec<&str> = lines[index + 1..]
            .iter()
            .take_while(|next| {
                heading_text(next).is_none()
                    || next.trim_start().chars().take_while(|c| *c == '#').count() > level
            })
            .copied()
            .collect();
        sections.push((heading.to_string(), body.join("\n")));
    }
    sections
}

/// Whether `text` holds `word` not as part of a longer name (`--format` is not in `--formats`).
fn mentions(text: &str, word: &str) -> bool {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + word.len()..].chars().next();
        !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char)
    })
}

// ---------------------------------------------------------------------------------------------
// VS Code settings against docs/editors.md

/// The setting names of a VS Code `package.json` (`contributes.configuration`, one object or a
/// list of them).
fn vscode_settings(package: &serde_json::Value) -> Vec<String> {
    let configuration = &package["contributes"]["configuration"];
    let blocks: Vec<&serde_json::Value> = match configuration {
        serde_json::Value::Array(blocks) => blocks.iter().collect(),
        other => vec![other],
    };
    blocks
        .iter()
        .filter_map(|block| block["properties"].as_object())
        .flat_map(|properties| properties.keys().cloned())
        .collect()
}

/// The settings `doc` does not name in code (`` `ecaLs.rules` ``).
fn undocumented_settings(settings: &[String], doc: &str) -> Vec<String> {
    settings
        .iter()
        .filter(|setting| !doc.contains(&format!("`{setting}`")))
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The README's walk-through

#[derive(Debug, PartialEq)]
struct ConsoleExample {
    command: String,
    expected: Vec<String>,
}

/// The commands of ```` ```console ```` blocks (`$ command` lines) and the lines each prints.
fn console_examples(markdown: &str) -> Vec<ConsoleExample> {
    let mut examples: Vec<ConsoleExample> = Vec::new();
    let mut in_console = false;
    for line in markdown.lines() {
        let trimmed = line.trim();
        if !in_console {
            in_console = trimmed == "```console";
            continue;
        }
        if trimmed == "```" {
            in_console = false;
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            examples.push(ConsoleExample {
                command: command.trim().to_string(),
                expected: Vec::new(),
            });
        } else if let Some(example) = examples.last_mut() {
            example.expected.push(line.to_string());
        }
    }
    examples
}

/// Whether `printed` is what `expected` shows: the same lines (trailing blank lines and spaces
/// aside), or, when `expected` ends with a line `…`, the lines before it as a prefix.
fn output_matches(expected: &[String], printed: &str) -> Result<(), String> {
    let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
    let trim = |lines: &mut Vec<&str>| {
        while lines.last().is_some_and(|line| line.is_empty()) {
            lines.pop();
        }
    };
    let mut expected: Vec<&str> = expected.iter().map(|line| line.trim_end()).collect();
    trim(&mut expected);
    let prefix_only = expected.last() == Some(&"…");
    if prefix_only {
        expected.pop();
    }
    let mut printed = printed;
    if !prefix_only {
        trim(&mut printed);
    }
    for (index, line) in expected.iter().enumerate() {
        match printed.get(index) {
            Some(actual) if actual == line => {}
            Some(actual) => {
                return Err(format!(
                    "line {}: shown `{line}`, printed `{actual}`",
                    index + 1
                ));
            }
            None => {
                return Err(format!(
                    "line {}: shown `{line}`, printed nothing",
                    index + 1
                ));
            }
        }
    }
    if !prefix_only && printed.len() > expected.len() {
        return Err(format!(
            "it prints {} more lines than shown (end the example with `…` to show a beginning)",
            printed.len() - expected.len()
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The checks themselves, on examples that must fail

#[test]
fn anchors_are_made_as_github_makes_them() {
    let cases = [
        ("`eca-ls check`", "eca-ls-check"),
        ("Rules across an app's files", "rules-across-an-apps-files"),
        ("Configuration (`eca-ls.toml`)", "configuration-eca-lstoml"),
        (
            "`eca-ls rules` and `eca-ls explain`",
            "eca-ls-rules-and-eca-ls-explain",
        ),
        (
            "Flow readiness: `eca-ls flows`",
            "flow-readiness-eca-ls-flows",
        ),
        ("ECA-REF-001", "eca-ref-001"),
        ("Helix and Zed", "helix-and-zed"),
        (
            "A [linked](other.md) heading — with a dash",
            "a-linked-heading--with-a-dash",
        ),
        ("snake_case stays", "snake_case-stays"),
    ];
    for (heading, anchor) in cases {
        assert_eq!(github_anchor(heading), anchor, "{heading}");
    }
    let anchors = anchors_of(
        "# Same\n\n## Same\n\n```sh\n# not a heading\n```\n\n<a id=\"explicit\"></a>\n#nospace\n",
    );
    assert_eq!(
        anchors.into_iter().collect::<Vec<_>>(),
        ["explicit", "same", "same-1"]
    );
}

#[test]
fn links_are_found_outside_code_only() {
    let markdown = "See [a](a.md#x) and ![pic](img/p.png \"title\"), `[not](code.md)`.\n\
                    ```md\n[not](fenced.md)\n```\n\
                    <!-- [not](comment.md) -->\n\
                    [label]: ref.md\n\
                    <img src=\"html.png\"> [paren](https://example.com/a_(b))\n";
    let targets: Vec<String> = links_of(markdown)
        .into_iter()
        .map(|link| link.target)
        .collect();
    assert_eq!(
        targets,
        [
            "a.md#x",
            "img/p.png",
            "ref.md",
            "https://example.com/a_(b)",
            "html.png"
        ]
    );
}

#[test]
fn broken_links_and_anchors_are_reported() {
    let mut pages = BTreeMap::new();
    pages.insert(
        PathBuf::from("README.md"),
        "# Title\n\n[ok](docs/cli.md#eca-ls-check) [ok](#title) [ok](image.png) [web](https://example.com/x)\n\
         [gone](docs/gone.md) [bad anchor](docs/cli.md#eca-ls-chek) [self](#nothing)\n\
         [repo](https://github.com/eca-ls/eca-ls/blob/main/docs/cli.md#eca-ls-check) [out](../outside.md)\n\
         [outside page](design.md#missing)\n"
            .to_string(),
    );
    pages.insert(
        PathBuf::from("docs/cli.md"),
        "# CLI\n\n## `eca-ls check`\n\n[up](../README.md#title)\n".to_string(),
    );
    let read = |path: &Path| (path == Path::new("design.md")).then(|| "# Design\n".to_string());
    let exists = |path: &Path| path == Path::new("image.png") || path == Path::new("design.md");
    let broken = broken_links(&pages, &read, &exists);
    assert_eq!(
        broken,
        [
            "README.md:4: docs/gone.md: no file docs/gone.md",
            "README.md:4: docs/cli.md#eca-ls-chek: no heading of docs/cli.md makes #eca-ls-chek",
            "README.md:4: #nothing: no heading of README.md makes #nothing",
            "README.md:5: ../outside.md: climbs out of the repository",
            "README.md:6: design.md#missing: no heading of design.md makes #missing",
        ]
    );
}

#[test]
fn a_command_or_flag_missing_from_cli_md_is_reported() {
    let top = "Usage: eca-ls [COMMAND]\n\nCommands:\n  check  Check\n  help   Print this message\n\nOptions:\n  -h, --help\n          Print help\n  -V, --version\n          Print version\n";
    let check = "Usage: eca-ls check [OPTIONS]\n\nOptions:\n      --format <FORMAT>\n          Output format (e.g. --not-a-flag)\n  -j, --jobs <N>\n          Threads\n      --deny-warnings\n  -h, --help\n";
    assert_eq!(subcommands_of_help(top), ["check"]);
    assert_eq!(
        long_flags_of_help(check),
        ["--format", "--jobs", "--deny-warnings", "--help"]
    );
    let mut help = BTreeMap::new();
    help.insert(String::new(), top.to_string());
    help.insert("check".to_string(), check.to_string());
    help.insert("flows".to_string(), "Options:\n  -h, --help\n".to_string());
    let cli_md = "# CLI\n\n`--help`, `--version`.\n\n## `eca-ls check`\n\n`--format`, `--jobs`, `--deny-warnings-not`\n\n## Other\n\n`--deny-warnings`\n";
    assert_eq!(
        undocumented_in_cli_md(cli_md, &help),
        [
            "`eca-ls check --deny-warnings`",
            "`eca-ls flows`: no heading names it",
        ]
    );
}

#[test]
fn a_vscode_setting_missing_from_editors_md_is_reported() {
    let package = serde_json::json!({
        "contributes": { "configuration": [
            { "properties": { "ecaLs.apiVersion": {} } },
            { "properties": { "ecaLs.rules": {}, "ecaLs.trace.server": {} } }
        ] }
    });
    let settings = vscode_settings(&package);
    assert_eq!(
        settings,
        ["ecaLs.apiVersion", "ecaLs.rules", "ecaLs.trace.server"]
    );
    let doc = "| `ecaLs.apiVersion` | … |\n| ecaLs.rules without code |\n| `ecaLs.trace.server` |";
    assert_eq!(undocumented_settings(&settings, doc), ["ecaLs.rules"]);
}

#[test]
fn a_walk_through_output_that_differs_is_reported() {
    let markdown = "```console\n$ eca-ls check x\n0 errors\n```\n\n```sh\n$ not this\n```\n\n```console\n$ eca-ls explain Y\nY (warning)\n…\n```\n";
    let examples = console_examples(markdown);
    assert_eq!(
        examples,
        [
            ConsoleExample {
                command: "eca-ls check x".to_string(),
                expected: vec!["0 errors".to_string()],
            },
            ConsoleExample {
                command: "eca-ls explain Y".to_string(),
                expected: vec!["Y (warning)".to_string(), "…".to_string()],
            },
        ]
    );
    assert_eq!(
        output_matches(&examples[0].expected, "0 errors\n\n"),
        Ok(())
    );
    assert!(output_matches(&examples[0].expected, "1 error\n").is_err());
    assert!(output_matches(&examples[0].expected, "0 errors\nmore\n").is_err());
    assert!(output_matches(&examples[0].expected, "").is_err());
    assert_eq!(
        output_matches(&examples[1].expected, "Y (warning)\nmore\n"),
        Ok(())
    );
    assert!(output_matches(&examples[1].expected, "Y (error)\n").is_err());
}

// ---------------------------------------------------------------------------------------------
// The hooks name every file type eca-ls checks

/// The file types `eca-ls check` reads in source format, from the schema: each metadata type's
/// suffix, and each settings file's name.
fn checked_file_types() -> (BTreeSet<String>, BTreeSet<String>) {
    let schema = eca_schema::Schema::get();
    let suffixes = schema
        .types
        .iter()
        .filter(|type_def| type_def.kind == eca_schema::TypeKind::Metadata)
        .filter_map(|type_def| type_def.suffix.clone())
        .collect();
    let settings = schema
        .types
        .iter()
        .filter_map(|type_def| type_def.settings_name.clone())
        .collect();
    (suffixes, settings)
}

/// The names between `open` and `close` in `line`, split at `separator`.
fn alternatives(line: &str, open: &str, close: &str, separator: char) -> BTreeSet<String> {
    let start = line.find(open).map(|index| index + open.len());
    let names = start.and_then(|start| Some(&line[start..start + line[start..].find(close)?]));
    names
        .unwrap_or_else(|| panic!("no {open}…{close} in {line}"))
        .split(separator)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_commit_hooks_match_every_file_type_eca_ls_checks() {
    let (suffixes, settings) = checked_file_types();
    let hooks = read(".pre-commit-hooks.yaml");
    let patterns: Vec<&str> = hooks
        .lines()
        .filter(|line| line.trim_start().starts_with("files:"))
        .collect();
    assert_eq!(patterns.len(), 2, "{hooks}");
    for pattern in patterns {
        assert_eq!(alternatives(pattern, "\\.(", ")-meta", '|'), suffixes);
        assert_eq!(
            alternatives(pattern, "settings/(", ")\\.settings", '|'),
            settings
        );
    }
    let ci = read("docs/ci.md");
    let globs: Vec<&str> = ci
        .lines()
        .filter(|line| line.contains("\"**/*.{"))
        .collect();
    assert_eq!(globs.len(), 2, "the two lint-staged tables of docs/ci.md");
    for glob in globs {
        assert_eq!(alternatives(glob, "**/*.{", "}-meta.xml", ','), suffixes);
    }
    for glob in ci.lines().filter(|line| line.contains("\"**/settings/{")) {
        assert_eq!(
            alternatives(glob, "settings/{", "}.settings", ','),
            settings
        );
    }
    for suffix in suffixes.iter().filter(|suffix| !suffix.starts_with("eca")) {
        assert!(
            ci.contains(&format!("**/*.{suffix}-meta.xml\n")),
            "docs/ci.md's .prettierignore lines leave out *.{suffix}-meta.xml"
        );
    }
}
