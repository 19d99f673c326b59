//! Findings after an edit in a large file, where the checks reuse what the top-level elements
//! the edit did not touch found before (`model::top_level`): for random edits of real files
//! (made large by repeating their fields) and of a large policies file with problems in many
//! of its elements, the findings equal those of the edited text checked from scratch — code,
//! range, severity, message, related locations, fixes — and typing in a value does reuse the
//! findings of every element but the edited one and its neighbours.

mod support;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use eca_analysis::model::top_level::REMEMBERED_FROM_TOP_LEVEL_ELEMENTS;
use eca_analysis::{ApiVersionChoice, Config, Diagnostic, Project, file_diagnostics};
use eca_syntax::{Node, TextRange};
use proptest::prelude::*;

const POLICIES_PATH: &str =
    "/p/force-app/main/default/extlClntAppOauthPolicies/Big_oauthPlcy.ecaOauthPlcy-meta.xml";

const GLOBAL_PATH: &str =
    "/p/force-app/main/default/extlClntAppGlobalOauthSets/Big_glbloauth.ecaGlblOauth-meta.xml";

/// Global OAuth settings whose top-level elements find things on their own whose fixes read
/// the whitespace around them (removing a committed secret removes its line).
const GLOBAL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <callbackUrl>https://oauth.example.com/callback</callbackUrl>
    <certificate>-----BEGIN RSA PRIVATE KEY-----MIIE-----END RSA PRIVATE KEY-----</certificate>
    <consumerKey>3MVG9Example.ClientId</consumerKey>
    <consumerSecret>8F2A6C1E9B4D7F30A5C2E8B1D6F4A9C3</consumerSecret>
    <externalClientApplication>Big</externalClientApplication>
    <isClientCredentialsFlowEnabled>maybe</isClientCredentialsFlowEnabled>
    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
    <label>Big</label> <consumerSecret>{{SECRET}}</consumerSecret>
    <shouldRotateConsumerKey>true</shouldRotateConsumerKey>
</ExtlClntAppGlobalOauthSettings>
";

/// Large files to edit: (path, text).
static FILES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let mut files = vec![
        (POLICIES_PATH.to_string(), large_policies(80)),
        (
            GLOBAL_PATH.to_string(),
            enlarged(GLOBAL).unwrap_or_default(),
        ),
    ];
    files.extend(corpus_files().into_iter().filter_map(|(path, text)| {
        let enlarged = enlarged(&text)?;
        Some((format!("/p/force-app/main/default/{path}"), enlarged))
    }));
    files
});

#[test]
fn typing_in_values_of_a_large_file_reuses_the_other_elements_findings() {
    let mut project = project_with(POLICIES_PATH, &large_policies(80));
    let before = file_diagnostics(&project, POLICIES_PATH);
    assert!(
        before.len() >= 10,
        "the file has findings in many elements: {before:#?}"
    );
    let top_level = top_level_count(&project, POLICIES_PATH);
    // Type into and delete from every value, one character at a time.
    let mut edits = 0;
    let mut offset = 0;
    loop {
        let text = text_of(&project, POLICIES_PATH);
        let Some(found) = text[offset..].find("</key>") else {
            break;
        };
        let at = offset + found;
        for (range, inserted) in [
            (TextRange::empty(at), "x"),
            (TextRange::new(at, at + 1), ""),
        ] {
            apply(&mut project, POLICIES_PATH, range, inserted);
            assert!(
                reused_by_check(&project) >= 2 * (top_level - 3),
                "an edit inside one element re-checks at most it and its neighbours, for the \
                 structural checks and ECA-SEC-001"
            );
            compare_with_scratch(&project, POLICIES_PATH, range, inserted);
            edits += 1;
        }
        offset = at + 1;
    }
    assert!(edits > 100, "only {edits} edits");
    // Two values of neighbouring elements typed into before the file is checked again, as
    // one `didChange` with two changes: only the elements around them are checked again.
    let text = text_of(&project, POLICIES_PATH);
    let first = text.find("</key>").expect("a key");
    let second = first + 1 + text[first + 1..].find("</key>").expect("a second key");
    apply(&mut project, POLICIES_PATH, TextRange::empty(second), "y");
    apply(&mut project, POLICIES_PATH, TextRange::empty(first), "z");
    assert!(reused_by_check(&project) >= 2 * (top_level - 4));
    compare_with_scratch(&project, POLICIES_PATH, TextRange::empty(first), "z");
}

#[test]
fn pasting_or_deleting_a_top_level_element_reuses_the_other_elements_findings() {
    let mut project = project_with(POLICIES_PATH, &large_policies(80));
    let _ = file_diagnostics(&project, POLICIES_PATH);
    let top_level = top_level_count(&project, POLICIES_PATH);
    // A whole field, its line with it, deleted from the middle of the file: the root is parsed
    // again, and the elements after it are found one place earlier than remembered.
    let text = text_of(&project, POLICIES_PATH);
    let middle = text.len() / 2;
    let start = middle
        + text[middle..]
            .find("    <customAttributes>")
            .expect("a field");
    let end = start
        + text[start..]
            .find("</customAttributes>\n")
            .expect("its end")
        + "</customAttributes>\n".len();
    let whole = TextRange::new(start, end);
    let deleted = text[start..end].to_string();
    apply(&mut project, POLICIES_PATH, whole, "");
    assert_eq!(top_level_count(&project, POLICIES_PATH), top_level - 1);
    assert!(
        reused_by_check(&project) >= 2 * (top_level - 4),
        "deleting one element re-checks its neighbours only"
    );
    compare_with_scratch(&project, POLICIES_PATH, whole, "");
    // Pasted back, and a copy of it after the first field: one place further on.
    apply(
        &mut project,
        POLICIES_PATH,
        TextRange::empty(start),
        &deleted,
    );
    assert!(reused_by_check(&project) >= 2 * (top_level - 3));
    compare_with_scratch(&project, POLICIES_PATH, TextRange::empty(start), &deleted);
    let text = text_of(&project, POLICIES_PATH);
    let second_line = text
        .find("    <customAttributes>")
        .expect("the first field");
    apply(
        &mut project,
        POLICIES_PATH,
        TextRange::empty(second_line),
        &deleted,
    );
    assert_eq!(top_level_count(&project, POLICIES_PATH), top_level + 1);
    assert!(reused_by_check(&project) >= 2 * (top_level - 3));
    compare_with_scratch(
        &project,
        POLICIES_PATH,
        TextRange::empty(second_line),
        &deleted,
    );
}

/// How many top-level elements' findings a check of the large file reuses.
fn reused_by_check(project: &Project) -> usize {
    let before = project.reused_top_level_elements();
    let _ = file_diagnostics(project, POLICIES_PATH);
    project.reused_top_level_elements() - before
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: case_count(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Edits inside text (which move the tree, so the checks reuse findings) mixed with edits
    /// anywhere (parsed afresh, checked in full), in sequence, checked after some of them only
    /// (as several changes of one `didChange` are).
    #[test]
    fn findings_after_edits_equal_a_check_from_scratch(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec((edit(), prop::bool::weighted(0.6)), 1..8),
    ) {
        let (path, text) = &FILES[file.index(FILES.len())];
        let mut project = project_with(path, text);
        let _ = file_diagnostics(&project, path);
        let last = edits.len() - 1;
        for (index, (edit, checked)) in edits.into_iter().enumerate() {
            let text = text_of(&project, path);
            let (range, inserted) = edit.resolve(&text, &project, path);
            if checked || index == last {
                edit_and_compare(&mut project, path, range, &inserted);
            } else {
                apply(&mut project, path, range, &inserted);
            }
        }
    }
}

/// An edit, by relative positions: inside a text node of an element (most), anywhere, or over
/// a whole element (which parses that element's parent again).
#[derive(Debug, Clone)]
struct RandomEdit {
    place: Place,
    target: prop::sample::Index,
    at: f64,
    removed: usize,
    inserted: String,
}

#[derive(Debug, Clone, Copy)]
enum Place {
    InText,
    Anywhere,
    OverAnElement,
}

fn edit() -> impl Strategy<Value = RandomEdit> {
    (
        prop_oneof![
            14 => Just(Place::InText),
            3 => Just(Place::Anywhere),
            3 => Just(Place::OverAnElement),
        ],
        any::<prop::sample::Index>(),
        0.0..=1.0f64,
        prop_oneof![3 => Just(0usize), 1 => 1usize..4],
        typed(),
    )
        .prop_map(|(place, target, at, removed, inserted)| RandomEdit {
            place,
            target,
            at,
            removed,
            inserted,
        })
}

/// What people type into values, and a few things that change what a check finds.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _.:/@-]{0,6}",
        2 => prop::sample::select(
            &[
                "", "\n", "\t", " ", "\n\t", "\n        ", "日本", "😀", "'", "\"", ">", "true",
                "yes", "Enforce", "{{SECRET}}", "REDACTED", "-----BEGIN PRIVATE KEY-----",
                "attribute_000001", "&amp;", "<", "</key>", "<!-- c -->", "&#80;",
                "<key>k</key>", "\n    <label>Label</label>", "<isPkceRequired>true</isPkceRequired>",
                "\n    <consumerSecret>8F2A6C1E9B4D7F30A5C2E8B1D6F4A9C3</consumerSecret>",
            ][..]
        )
        .prop_map(str::to_string),
    ]
}

impl RandomEdit {
    /// The range and text of this edit in `text`, on character boundaries.
    fn resolve(&self, text: &str, project: &Project, path: &str) -> (TextRange, String) {
        let among = |ranges: Vec<TextRange>| {
            if ranges.is_empty() {
                TextRange::new(0, text.len())
            } else {
                ranges[self.target.index(ranges.len())]
            }
        };
        let span = match self.place {
            Place::Anywhere => TextRange::new(0, text.len()),
            Place::InText => among(text_nodes(project, path)),
            Place::OverAnElement => {
                // The whole element replaced (or deleted, when nothing is typed).
                let element = among(element_ranges(project, path));
                return (element, self.inserted.clone());
            }
        };
        let boundaries: Vec<usize> = span
            .slice(text)
            .char_indices()
            .map(|(offset, _)| span.start + offset)
            .chain([span.end])
            .collect();
        let first = ((boundaries.len() - 1) as f64 * self.at) as usize;
        let last = (first + self.removed).min(boundaries.len() - 1);
        (
            TextRange::new(boundaries[first], boundaries[last]),
            self.inserted.clone(),
        )
    }
}

/// Apply the edit as the language server does (`SourceFile::edited`), then compare the file's
/// findings with those of a project that reads the edited text from scratch.
fn edit_and_compare(project: &mut Project, path: &str, range: TextRange, inserted: &str) {
    apply(project, path, range, inserted);
    compare_with_scratch(project, path, range, inserted);
}

/// Compare the file's findings with those of a project that reads its text from scratch;
/// `range` and `inserted` (the last edit) are for the message.
fn compare_with_scratch(project: &Project, path: &str, range: TextRange, inserted: &str) {
    let incremental = file_diagnostics(project, path);
    // Checked again unchanged, every element's findings are reused.
    assert_eq!(file_diagnostics(project, path), incremental);
    let text = text_of(project, path);
    let fresh = file_diagnostics(&project_with(path, &text), path);
    assert_same_findings(&incremental, &fresh, range, inserted, &text);
}

/// Apply the edit as the language server does, without checking the result.
fn apply(project: &mut Project, path: &str, range: TextRange, inserted: &str) {
    let edited = project
        .file(path)
        .expect("the file is in the project")
        .edited(range, inserted);
    project.insert(edited);
}

fn assert_same_findings(
    incremental: &[Diagnostic],
    fresh: &[Diagnostic],
    range: TextRange,
    inserted: &str,
    text: &str,
) {
    if incremental == fresh {
        return;
    }
    let differing = incremental
        .iter()
        .zip(fresh)
        .position(|(left, right)| left != right)
        .unwrap_or(incremental.len().min(fresh.len()));
    panic!(
        "after replacing {range:?} with {inserted:?}, finding {differing} differs \
         ({} incremental, {} from scratch):\nincremental: {:#?}\nfrom scratch: {:#?}\n\
         text around the edit: {:?}",
        incremental.len(),
        fresh.len(),
        incremental.get(differing),
        fresh.get(differing),
        &text[range.start.saturating_sub(80)..(range.start + inserted.len() + 80).min(text.len())]
    );
}

fn project_with(path: &str, text: &str) -> Project {
    let mut project = Project::new("/p", ApiVersionChoice::schema_default(), Config::default());
    project.set_file(path, text.to_string());
    project
}

fn text_of(project: &Project, path: &str) -> String {
    project
        .file(path)
        .map(|file| file.text.to_string())
        .unwrap_or_default()
}

fn top_level_count(project: &Project, path: &str) -> usize {
    let document = &project.file(path).expect("the file").parse.document;
    document
        .root()
        .map_or(0, |root| document.child_elements(root).count())
}

/// Every element but the root, whole.
fn element_ranges(project: &Project, path: &str) -> Vec<TextRange> {
    let document = &project.file(path).expect("the file").parse.document;
    document
        .element_ids()
        .filter(|id| document.element(*id).parent().is_some())
        .map(|id| document.element(id).range())
        .collect()
}

/// The text nodes inside elements and the attribute values (the root's `xmlns` among them),
/// where an edit moves the tree.
fn text_nodes(project: &Project, path: &str) -> Vec<TextRange> {
    let document = &project.file(path).expect("the file").parse.document;
    let texts = document
        .element_ids()
        .flat_map(|id| document.element(id).children())
        .filter_map(|node| match node {
            Node::Text(text) => Some(text.range()),
            _ => None,
        });
    let values = document.element_ids().flat_map(|id| {
        document
            .element(id)
            .attributes()
            .map(|attribute| attribute.value_range())
    });
    texts.chain(values).collect()
}

/// OAuth policies with `attributes` custom attributes and problems in many elements: unique
/// keys used twice, an attribute without its key (whose fix inserts one, indented like the
/// file), a template placeholder, a private key, an unknown element, values of the wrong kind.
fn large_policies(attributes: usize) -> String {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\
         \x20   <commaSeparatedPermissionSet>Big_Users</commaSeparatedPermissionSet>\n",
    );
    for index in 0..attributes {
        let formula = match index % 9 {
            3 => "{{USER_FIELD}}".to_string(),
            5 => "-----BEGIN PRIVATE KEY-----MIIEvQ-----END PRIVATE KEY-----".to_string(),
            _ => format!("IF($User.IsActive, 'active-' &amp; $User.Alias, 'n{index}')"),
        };
        let key = if index % 7 == 2 {
            // The same key as attribute 1.
            "attribute_000001".to_string()
        } else {
            format!("attribute_{index:06}")
        };
        match index % 11 {
            4 => text.push_str("    <customAttributes>\n    </customAttributes>\n"),
            8 => text.push_str(&format!(
                "    <customAttributes xmlns:o=\"urn:other\">\n        <formula xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{formula}</formula>\n        <o:key>{key}</o:key>\n    </customAttributes>\n    <o:note xmlns:o=\"urn:other\">n</o:note>\n"
            )),
            6 => text.push_str(&format!(
                "    <customAttributes>\n        <formula>{formula}</formula>\n        <key>{key}</key>\n        <colour>red</colour>\n    </customAttributes>\n"
            )),
            _ => text.push_str(&format!(
                "    <customAttributes>\n        <formula>{formula}</formula>\n        <key>{key}</key>\n    </customAttributes>\n"
            )),
        }
    }
    text.push_str(
        "    <externalClientApplication>Big</externalClientApplication>\n\
         \x20   <ipRelaxationPolicyType>Enforced</ipRelaxationPolicyType>\n\
         \x20   <isClientCredentialsFlowEnabled>yes</isClientCredentialsFlowEnabled>\n\
         \x20   <label>Big</label>\n\
         \x20   <unknownField>1</unknownField>\n\
         \x20   <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n\
         \x20   <refreshTokenValidityPeriod>ninety</refreshTokenValidityPeriod>\n\
         </ExtlClntAppOauthConfigurablePolicies>\n",
    );
    text
}

/// `text` with its root's content repeated until the root has enough top-level elements for
/// the checks to remember them; `None` for a file without a root element.
fn enlarged(text: &str) -> Option<String> {
    let document = eca_syntax::parse(text).document;
    let root = document.root_element()?;
    let count = document.child_elements(root.id()).count();
    if count == 0 {
        return None;
    }
    let content = root.content();
    let copies = REMEMBERED_FROM_TOP_LEVEL_ELEMENTS.div_ceil(count);
    let mut enlarged = text[..content.start].to_string();
    for _ in 0..copies {
        enlarged.push_str(content.slice(text));
    }
    enlarged.push_str(&text[content.end..]);
    Some(enlarged)
}

/// The ECA files of the shared corpus: (path relative to `force-app/main/default`-like
/// folders, text).
fn corpus_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect(&support::corpus_directory(), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let folder = path.parent()?.file_name()?.to_str()?.to_string();
            let text = std::fs::read_to_string(&path).ok()?;
            Some((format!("{folder}/{name}"), text))
        })
        .collect()
}

fn collect(directory: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.contains(".eca") && name.ends_with("-meta.xml"))
        {
            files.push(path);
        }
    }
}

/// `PROPTEST_CASES` when set, else 128.
fn case_count() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(128)
}
