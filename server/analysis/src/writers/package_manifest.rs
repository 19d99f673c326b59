//! The package manifest (`package.xml`) of a Metadata API format project: the `<types>` and
//! `<members>` that new components need in it to be deployed. A Metadata API deploy takes what
//! the manifest lists ("the package.xml manifest file references the settings and policies
//! files for each plugin", Salesforce Help, OAuth Plugin Enablement with Metadata API:
//! <https://help.salesforce.com/s/articleView?id=xcloud.meta_enable_oauth_plugin.htm&type=5>),
//! so a new app's files in that format come with their manifest entries: added to the
//! manifest in place (every other element, comment and the file's formatting unchanged), or a
//! new manifest when the folder has none.
//!
//! Settings are listed under the type name `Settings`, their member being the settings name
//! (`OauthOidc`), and the wildcard `*` does not cover them: "In the package manifest, all the
//! settings metadata types for the org are accessed using the “Settings” name", and "The
//! wildcard character * (asterisk) in the package.xml manifest file doesn’t apply to metadata
//! types for feature settings" (OauthOidcSettings,
//! <https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_oauthoidcsettings.htm>).
//!
//! Knows the schema's file names and the syntax tree; nothing of flows or the file system.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use eca_schema::{ApiVersion, METADATA_NAMESPACE, TypeKind};
use eca_syntax::{ElementId, TextRange};

use crate::model::cursor::indentation_before;
use crate::model::edits::line_ending;
use crate::model::file_kind::{self, Detection};
use crate::model::text_util::escape_xml_text;
use crate::writers::component_files::{INDENT, XML_DECLARATION, parent};
use crate::writers::plan::{Operation, Plan, PlanError};

/// The manifest's file name, at the root of a Metadata API format project.
pub const MANIFEST_FILE: &str = "package.xml";

/// The manifest type name under which every settings type is listed.
pub const SETTINGS_MANIFEST_TYPE: &str = "Settings";

/// One component a manifest lists: `<types><members>{member}</members><name>{type_name}</name>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ManifestEntry {
    pub type_name: String,
    pub member: String,
}

/// Why a manifest cannot take the new entries. The plan is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestError {
    /// The manifest does not parse: where its elements end is unknown.
    SyntaxErrors { path: String },
    /// Its root element is not `Package`.
    NotAManifest { path: String, root: Option<String> },
    /// The plan already touches the manifest.
    Plan(PlanError),
}

impl fmt::Display for ManifestError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManifestError::SyntaxErrors { path } => write!(
                formatter,
                "{path} has syntax errors, so the new components cannot be added to it; fix it first"
            ),
            ManifestError::NotAManifest { path, root } => write!(
                formatter,
                "{path} is not a package manifest (its root element is `{}`, not `Package`); move it away or fix it first",
                root.as_deref().unwrap_or("missing")
            ),
            ManifestError::Plan(error) => error.fmt(formatter),
        }
    }
}

impl std::error::Error for ManifestError {}

/// A manifest the new components need that is not created: its folder already holds other
/// content (`other` names one), which a manifest listing only the new components would leave
/// out of a deploy. The user adds `entries` to the manifest they deploy with. Whether the
/// folder holds anything is the front's to find out (it reads the disk); what to tell the user
/// is said here once, by [`fmt::Display`], for `eca-ls new`/`configure`/`migrate` and the
/// editor alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestNotCreated {
    /// The manifest's path, as the front names files to the user.
    pub path: String,
    /// One name already in the manifest's folder.
    pub other: String,
    pub entries: Vec<ManifestEntry>,
}

impl fmt::Display for ManifestNotCreated {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let listed: Vec<String> = self
            .entries
            .iter()
            .map(|entry| format!("{} {}", entry.type_name, entry.member))
            .collect();
        write!(
            formatter,
            "{} was not created: its folder holds other metadata too (`{}`), which a manifest listing only the new components would leave out of a deploy; add these to the manifest you deploy with: {}",
            self.path,
            self.other,
            listed.join(", ")
        )
    }
}

/// The manifests the Metadata API format files `plan` creates belong in (the `package.xml`
/// next to their type folders), each with the entries those files need, sorted. Source
/// format files and files of no known type need none.
pub fn manifests_for_created(plan: &Plan) -> BTreeMap<String, Vec<ManifestEntry>> {
    let mut manifests: BTreeMap<String, BTreeSet<ManifestEntry>> = BTreeMap::new();
    for operation in plan.operations() {
        let Operation::Create { path, .. } = operation else {
            continue;
        };
        let Some(entry) = entry_of(path) else {
            continue;
        };
        // `<base>/<type folder>/<file>`: the manifest sits in `<base>`.
        let base = parent(parent(path));
        let manifest = if base.is_empty() {
            MANIFEST_FILE.to_string()
        } else {
            format!("{base}/{MANIFEST_FILE}")
        };
        manifests.entry(manifest).or_default().insert(entry);
    }
    manifests
        .into_iter()
        .map(|(path, entries)| (path, entries.into_iter().collect()))
        .collect()
}

/// The manifest entry of a Metadata API format component file (`externalClientApps/Portal.eca`
/// is `ExternalClientApplication` `Portal`; `settings/OauthOidc.settings` is `Settings`
/// `OauthOidc`); `None` for any other file.
pub fn entry_of(path: &str) -> Option<ManifestEntry> {
    let kind = file_kind::detect(path, None)?;
    let type_def = kind.type_def;
    match (kind.detection, type_def.kind) {
        (Detection::MdapiSuffix, TypeKind::Metadata) => {
            let name = file_kind::file_name(path);
            let suffix = type_def.suffix.as_deref()?;
            let member = name.strip_suffix(suffix)?.strip_suffix('.')?;
            Some(ManifestEntry {
                type_name: type_def
                    .package_xml_name
                    .clone()
                    .unwrap_or_else(|| type_def.name.clone()),
                member: member.to_string(),
            })
        }
        (Detection::SettingsFile, TypeKind::Settings) if !path.ends_with("-meta.xml") => {
            Some(ManifestEntry {
                type_name: SETTINGS_MANIFEST_TYPE.to_string(),
                member: type_def.settings_name.clone()?,
            })
        }
        _ => None,
    }
}

/// Add `entries` to the manifest at `path` in `plan`: nothing when it lists them all already
/// (or lists their type with the wildcard `*`, which covers every type but settings), the
/// missing ones added in place when it exists (`existing` is its text), or a new manifest of
/// `version`. All or nothing: on an error the plan is unchanged.
pub fn add_entries(
    plan: &mut Plan,
    path: &str,
    existing: Option<&str>,
    entries: &[ManifestEntry],
    version: ApiVersion,
) -> Result<(), ManifestError> {
    if entries.is_empty() {
        return Ok(());
    }
    let reason = format!(
        "the package manifest lists what a deploy takes: {}",
        entries
            .iter()
            .map(|entry| format!("{} {}", entry.type_name, entry.member))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match existing {
        None => plan
            .create(path, new_manifest(entries, version), reason)
            .map_err(ManifestError::Plan),
        Some(text) => {
            let edits = manifest_edits(path, text, entries)?;
            if edits.is_empty() {
                return Ok(());
            }
            plan.replace(path, text, edits, reason)
                .map_err(ManifestError::Plan)
        }
    }
}

/// A new manifest listing `entries` (types and members in alphabetical order, as `sf` writes
/// manifests) for `version`.
pub fn new_manifest(entries: &[ManifestEntry], version: ApiVersion) -> String {
    let mut text = format!("{XML_DECLARATION}\n<Package xmlns=\"{METADATA_NAMESPACE}\">\n");
    for (type_name, members) in grouped(entries) {
        text.push_str(&types_block(type_name, &members, INDENT, INDENT, "\n"));
        text.push('\n');
    }
    text.push_str(&format!(
        "{INDENT}<version>{version}</version>\n</Package>\n"
    ));
    text
}

/// The insertions that add `entries` to the manifest `text`: each missing member into its
/// type's `<types>` (in alphabetical place), each missing type as a new `<types>` (in
/// alphabetical place among the others, else before `<version>`), indented and ended like the
/// file's own lines.
fn manifest_edits(
    path: &str,
    text: &str,
    entries: &[ManifestEntry],
) -> Result<Vec<(TextRange, String)>, ManifestError> {
    let parse = eca_syntax::parse(text);
    if !parse.errors.is_empty() {
        return Err(ManifestError::SyntaxErrors {
            path: path.to_string(),
        });
    }
    let document = &parse.document;
    let root = document
        .root()
        .filter(|root| document.element(*root).local_name() == "Package")
        .ok_or_else(|| ManifestError::NotAManifest {
            path: path.to_string(),
            root: document
                .root_element()
                .map(|root| root.local_name().to_string()),
        })?;
    let newline = line_ending(text);
    let types: Vec<(ElementId, String)> = document
        .child_elements(root)
        .filter(|child| document.element(*child).local_name() == "types")
        .map(|child| {
            let name = document
                .child_named(child, "name")
                .map(|name| document.element(name).text_value().value.to_string())
                .unwrap_or_default();
            (child, name)
        })
        .collect();
    let types_indent = types
        .first()
        .and_then(|(first, _)| indentation_before(text, document.element(*first).range().start))
        .unwrap_or(INDENT)
        .to_string();
    let step = types
        .iter()
        .find_map(|(element, _)| {
            let child = document.child_elements(*element).next()?;
            let child_indent = indentation_before(text, document.element(child).range().start)?;
            child_indent
                .strip_prefix(types_indent.as_str())
                .filter(|step| !step.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_else(|| types_indent.clone());
    let member_indent = format!("{types_indent}{step}");
    let mut insertions: BTreeMap<usize, String> = BTreeMap::new();
    let mut insert = |offset: usize, piece: String| {
        insertions.entry(offset).or_default().push_str(&piece);
    };
    // `piece` (already indented) on a line of its own before the element starting at `start`,
    // or after the element ending at `end`.
    let before = |start: usize, piece: &str| match indentation_before(text, start) {
        Some(indent) => (start - indent.len(), format!("{piece}{newline}")),
        None => (start, format!("{}{newline}", piece.trim_start())),
    };
    let after = |end: usize, piece: &str| (end, format!("{newline}{piece}"));
    for (type_name, members) in grouped(entries) {
        let Some((types_element, _)) = types.iter().find(|(_, name)| name == type_name) else {
            let block = types_block(type_name, &members, &types_indent, &step, newline);
            let later = types.iter().find(|(_, name)| name.as_str() > type_name);
            let (offset, piece) = if let Some((later, _)) = later {
                before(document.element(*later).range().start, &block)
            } else if let Some((last, _)) = types.last() {
                after(document.element(*last).range().end, &block)
            } else if let Some(version) = document.child_named(root, "version") {
                before(document.element(version).range().start, &block)
            } else if let Some(last) = document.child_elements(root).last() {
                after(document.element(last).range().end, &block)
            } else if !document.element(root).self_closing() {
                let content = document.element(root).content();
                (content.start, format!("{newline}{block}{newline}"))
            } else {
                return Err(ManifestError::NotAManifest {
                    path: path.to_string(),
                    root: Some("Package".to_string()),
                });
            };
            insert(offset, piece);
            continue;
        };
        let children: Vec<ElementId> = document.child_elements(*types_element).collect();
        let listed: Vec<(ElementId, String)> = children
            .iter()
            .filter(|child| document.element(**child).local_name() == "members")
            .map(|child| {
                let value = document.element(*child).text_value().value.to_string();
                (*child, value)
            })
            .collect();
        if type_name != SETTINGS_MANIFEST_TYPE && listed.iter().any(|(_, member)| member == "*") {
            continue;
        }
        let indent = children
            .first()
            .and_then(|child| indentation_before(text, document.element(*child).range().start))
            .map_or_else(|| member_indent.clone(), str::to_string);
        for member in members {
            if listed.iter().any(|(_, listed)| listed == member) {
                continue;
            }
            let piece = format!("{indent}<members>{}</members>", escape_xml_text(member));
            let later = listed.iter().find(|(_, listed)| listed.as_str() > member);
            let (offset, piece) = if let Some((later, _)) = later {
                before(document.element(*later).range().start, &piece)
            } else if let Some((last, _)) = listed.last() {
                after(document.element(*last).range().end, &piece)
            } else if let Some(name) = document.child_named(*types_element, "name") {
                before(document.element(name).range().start, &piece)
            } else {
                after(document.element(*types_element).start_tag().end, &piece)
            };
            insert(offset, piece);
        }
    }
    Ok(insertions
        .into_iter()
        .map(|(offset, piece)| (TextRange::empty(offset), piece))
        .collect())
}

/// Entries grouped by type name, both in alphabetical order.
fn grouped(entries: &[ManifestEntry]) -> BTreeMap<&str, Vec<&str>> {
    let mut groups: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for entry in entries {
        groups
            .entry(entry.type_name.as_str())
            .or_default()
            .insert(entry.member.as_str());
    }
    groups
        .into_iter()
        .map(|(type_name, members)| (type_name, members.into_iter().collect()))
        .collect()
}

/// `<types>` with `members` and `<name>`, starting at `indent` (no line break before or after).
fn types_block(
    type_name: &str,
    members: &[&str],
    indent: &str,
    step: &str,
    newline: &str,
) -> String {
    let mut block = format!("{indent}<types>{newline}");
    for member in members {
        block.push_str(&format!(
            "{indent}{step}<members>{}</members>{newline}",
            escape_xml_text(member)
        ));
    }
    block.push_str(&format!(
        "{indent}{step}<name>{}</name>{newline}{indent}</types>",
        escape_xml_text(type_name)
    ));
    block
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    const NEW_FILES: &[&str] = &[
        "externalClientApps/Portal.eca",
        "extlClntAppOauthSettings/Portal_oauth.ecaOauth",
        "extlClntAppPolicies/Portal_plcy.ecaPlcy",
        "settings/OauthOidc.settings",
        "force-app/main/default/externalClientApps/Other.eca-meta.xml",
        "notes.txt",
    ];

    /// The manifest after the plan that creates `NEW_FILES` adds its entries to `existing`.
    fn check(existing: Option<&str>, expected: Expect) {
        let mut plan = Plan::new();
        for path in NEW_FILES {
            plan.create(*path, "", "new").expect("distinct paths");
        }
        let manifests = manifests_for_created(&plan);
        assert_eq!(manifests.keys().collect::<Vec<_>>(), [MANIFEST_FILE]);
        let entries = &manifests[MANIFEST_FILE];
        let before = plan.clone();
        match add_entries(
            &mut plan,
            MANIFEST_FILE,
            existing,
            entries,
            ApiVersion::new(64, 0),
        ) {
            Err(error) => {
                assert_eq!(plan, before, "a refused manifest leaves the plan as it was");
                expected.assert_eq(&format!("error: {error}"));
            }
            Ok(()) => {
                let manifest = plan
                    .operations()
                    .iter()
                    .find(|operation| operation.target() == MANIFEST_FILE)
                    .and_then(Operation::new_text);
                let shown = manifest.map_or_else(
                    || "(unchanged)".to_string(),
                    |text| text.replace("\r\n", "\n"),
                );
                expected.assert_eq(&shown);
            }
        }
    }

    #[test]
    fn a_folder_without_a_manifest_gets_one_listing_the_new_components_in_order() {
        check(
            None,
            expect![[r#"
                <?xml version="1.0" encoding="UTF-8"?>
                <Package xmlns="http://soap.sforce.com/2006/04/metadata">
                    <types>
                        <members>Portal</members>
                        <name>ExternalClientApplication</name>
                    </types>
                    <types>
                        <members>Portal_plcy</members>
                        <name>ExtlClntAppConfigurablePolicies</name>
                    </types>
                    <types>
                        <members>Portal_oauth</members>
                        <name>ExtlClntAppOauthSettings</name>
                    </types>
                    <types>
                        <members>OauthOidc</members>
                        <name>Settings</name>
                    </types>
                    <version>64.0</version>
                </Package>
            "#]],
        );
    }

    #[test]
    fn members_and_types_go_to_their_alphabetical_place_and_everything_else_stays() {
        check(
            Some(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n  <!-- apps -->\r\n  <types>\r\n    <members>Alpha</members>\r\n    <members>Zulu</members>\r\n    <name>ExternalClientApplication</name>\r\n  </types>\r\n  <types>\r\n    <members>Account</members>\r\n    <name>CustomObject</name>\r\n  </types>\r\n  <types>\r\n    <members>*</members>\r\n    <name>ExtlClntAppOauthSettings</name>\r\n  </types>\r\n  <types>\r\n    <members>*</members>\r\n    <name>Settings</name>\r\n  </types>\r\n  <version>62.0</version>\r\n</Package>\r\n",
            ),
            expect![[r#"
                <?xml version="1.0" encoding="UTF-8"?>
                <Package xmlns="http://soap.sforce.com/2006/04/metadata">
                  <!-- apps -->
                  <types>
                    <members>Alpha</members>
                    <members>Portal</members>
                    <members>Zulu</members>
                    <name>ExternalClientApplication</name>
                  </types>
                  <types>
                    <members>Account</members>
                    <name>CustomObject</name>
                  </types>
                  <types>
                    <members>Portal_plcy</members>
                    <name>ExtlClntAppConfigurablePolicies</name>
                  </types>
                  <types>
                    <members>*</members>
                    <name>ExtlClntAppOauthSettings</name>
                  </types>
                  <types>
                    <members>*</members>
                    <members>OauthOidc</members>
                    <name>Settings</name>
                  </types>
                  <version>62.0</version>
                </Package>
            "#]],
        );
    }

    #[test]
    fn line_endings_of_the_manifest_are_kept() {
        let existing = "<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n    <version>62.0</version>\r\n</Package>\r\n";
        let mut plan = Plan::new();
        plan.create("externalClientApps/Portal.eca", "", "new")
            .expect("one path");
        let entries = [ManifestEntry {
            type_name: "ExternalClientApplication".to_string(),
            member: "Portal".to_string(),
        }];
        add_entries(
            &mut plan,
            MANIFEST_FILE,
            Some(existing),
            &entries,
            ApiVersion::new(62, 0),
        )
        .expect("a manifest");
        let after = plan.operations()[1].new_text().expect("an edit");
        assert!(!after.replace("\r\n", "").contains('\n'), "{after:?}");
    }

    #[test]
    fn a_manifest_that_lists_everything_already_is_not_touched() {
        check(
            Some(
                "<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"><types><members>*</members><name>ExternalClientApplication</name></types><types><members>Portal_oauth</members><members>Portal_plcy</members><name>ExtlClntAppOauthSettings</name></types><types><members>Portal_plcy</members><name>ExtlClntAppConfigurablePolicies</name></types><types><members>OauthOidc</members><name>Settings</name></types><version>62.0</version></Package>",
            ),
            expect!["(unchanged)"],
        );
    }

    #[test]
    fn a_manifest_with_syntax_errors_or_another_root_is_refused() {
        check(
            Some("<Package><types><members>A</members>"),
            expect![
                "error: package.xml has syntax errors, so the new components cannot be added to it; fix it first"
            ],
        );
        check(
            Some("<Project/>"),
            expect![
                "error: package.xml is not a package manifest (its root element is `Project`, not `Package`); move it away or fix it first"
            ],
        );
    }

    #[test]
    fn each_folder_of_type_folders_has_its_own_manifest() {
        let mut plan = Plan::new();
        for path in [
            "out/externalClientApps/A.eca",
            "deploy/x/externalClientApps/B.eca",
        ] {
            plan.create(path, "", "new").expect("distinct paths");
        }
        let manifests: Vec<String> = manifests_for_created(&plan)
            .into_iter()
            .map(|(path, entries)| format!("{path}: {}", entries[0].member))
            .collect();
        expect![[r#"
            deploy/x/package.xml: B
            out/package.xml: A"#]]
        .assert_eq(&manifests.join("\n"));
    }

    #[test]
    fn only_metadata_api_format_component_files_have_entries() {
        let entries: Vec<String> = [
            "a/externalClientApps/My_App.eca",
            "a/extlClntAppGlobalOauthSets/My_App_glbloauth.ecaGlblOauth",
            "a/settings/OauthOidc.settings",
            "a/settings/OauthOidc.settings-meta.xml",
            "a/externalClientApps/My_App.eca-meta.xml",
            "a/package.xml",
            "a/notes.txt",
        ]
        .iter()
        .map(|path| match entry_of(path) {
            Some(entry) => format!("{path}: {} {}", entry.type_name, entry.member),
            None => format!("{path}: none"),
        })
        .collect();
        expect![[r#"
            a/externalClientApps/My_App.eca: ExternalClientApplication My_App
            a/extlClntAppGlobalOauthSets/My_App_glbloauth.ecaGlblOauth: ExtlClntAppGlobalOauthSettings My_App_glbloauth
            a/settings/OauthOidc.settings: Settings OauthOidc
            a/settings/OauthOidc.settings-meta.xml: none
            a/externalClientApps/My_App.eca-meta.xml: none
            a/package.xml: none
            a/notes.txt: none"#]]
        .assert_eq(&entries.join("\n"));
    }

    /// The note a front shows when it leaves the manifest to the user: the manifest, why, and
    /// every entry to add, in the order `manifests_for_created` gives them.
    #[test]
    fn a_manifest_left_to_the_user_is_told_with_every_entry_to_add() {
        let mut plan = Plan::new();
        for path in NEW_FILES {
            plan.create(*path, "", "new").expect("distinct paths");
        }
        let mut manifests = manifests_for_created(&plan);
        let note = ManifestNotCreated {
            path: MANIFEST_FILE.to_string(),
            other: "README.md".to_string(),
            entries: manifests.remove(MANIFEST_FILE).expect("the manifest"),
        };
        expect![[r#"
            package.xml was not created: its folder holds other metadata too (`README.md`), which a manifest listing only the new components would leave out of a deploy; add these to the manifest you deploy with: ExternalClientApplication Portal, ExtlClntAppConfigurablePolicies Portal_plcy, ExtlClntAppOauthSettings Portal_oauth, Settings OauthOidc"#]]
        .assert_eq(&note.to_string());
    }
}
