//! Pushed diagnostics: versions, the mapping of every field, cross-file re-publication, closed
//! files, files outside the workspace, settings (initializationOptions, didChangeConfiguration,
//! eca-ls.toml) and watched-file changes.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, has_code, range};
use crate::fixtures::{
    GLOBAL, GLOBAL_TEXT, HEADER, HEADER_TEXT, ORG_SETTINGS, ORG_SETTINGS_TEXT, POLICIES,
    POLICIES_TEXT, guest_flow_project,
};
use crate::support::TempProject;

const JWT: &str = "ECA-JWT-001";

fn diagnostic_with_code<'a>(params: &'a Value, code: &str) -> &'a Value {
    params["diagnostics"]
        .as_array()
        .and_then(|diagnostics| {
            diagnostics
                .iter()
                .find(|diagnostic| diagnostic["code"] == json!(code))
        })
        .unwrap_or_else(|| panic!("no {code} in {params:#}"))
}

#[test]
fn closed_workspace_files_get_diagnostics_at_startup() {
    let project = guest_flow_project("startup");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let policies = client.diagnostics(&project.uri(POLICIES), |params| has_code(params, JWT));
    assert_eq!(
        policies["version"],
        Value::Null,
        "closed files carry no version"
    );
    // The clean files are published too (empty), so stale results from a previous session go.
    let header = client.diagnostics(&project.uri(HEADER), |_| true);
    assert_eq!(header["diagnostics"], json!([]), "{header:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn maps_every_field_of_a_cross_file_diagnostic() {
    let project = guest_flow_project("mapping");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let params = client.diagnostics_for_version(&uri, 1);
    let diagnostic = diagnostic_with_code(&params, JWT);
    assert_eq!(diagnostic["source"], json!("eca-ls"));
    assert_eq!(diagnostic["severity"], json!(2), "a warning");
    assert_eq!(
        diagnostic["range"],
        range((3, 5), (3, 31)),
        "{diagnostic:#}"
    );
    assert!(
        diagnostic["codeDescription"]["href"]
            .as_str()
            .is_some_and(|href| href.starts_with("https://")),
        "{diagnostic:#}"
    );
    let related = &diagnostic["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], json!(project.uri(GLOBAL)));
    assert_eq!(related["location"]["range"]["start"]["line"], json!(5));
    let fix = &diagnostic["data"]["fixes"][0];
    assert_eq!(fix["preferred"], json!(true));
    assert_eq!(fix["edits"][0]["uri"], json!(project.uri(GLOBAL)));
    assert_eq!(
        fix["edits"][0]["version"],
        Value::Null,
        "the global settings are not open"
    );
    assert_eq!(fix["edits"][0]["edits"][0]["newText"], json!("true"));
    assert_eq!(
        fix["edits"][0]["edits"][0]["range"],
        range((5, 27), (5, 32))
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn ignored_and_deprecated_fields_are_tagged_and_schema_findings_link_the_types_page() {
    let project = TempProject::with_files(
        "tags",
        &[(
            "sfdx-project.json",
            r#"{ "packageDirectories": [{ "path": "force-app" }], "sourceApiVersion": "66.0" }"#,
        )],
    );
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    // A timeout the timeout type ignores (unnecessary), a field deprecated in 66.0, a second
    // label (duplicate) and fields out of order.
    let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal</label>
    <externalClientApplication>Portal</externalClientApplication>
    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>
    <guestJwtTimeout>60</guestJwtTimeout>
    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>
    <label>Portal again</label>
</ExtlClntAppOauthConfigurablePolicies>
";
    client.open(&uri, 1, text);
    let params = client.diagnostics_for_version(&uri, 1);
    let ignored = diagnostic_with_code(&params, "ECA-JWT-GUEST-OMIT");
    assert_eq!(ignored["tags"], json!([1]), "unnecessary: {ignored:#}");
    assert_eq!(ignored["range"], range((5, 5), (5, 20)), "{ignored:#}");
    let deprecated = diagnostic_with_code(&params, "deprecated");
    assert_eq!(deprecated["tags"], json!([2]), "deprecated: {deprecated:#}");
    for untagged in ["duplicate-element", "element-order"] {
        let diagnostic = diagnostic_with_code(&params, untagged);
        assert!(diagnostic.get("tags").is_none(), "{diagnostic:#}");
    }
    let type_page = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm";
    for code in ["deprecated", "duplicate-element", "element-order"] {
        let diagnostic = diagnostic_with_code(&params, code);
        assert_eq!(
            diagnostic["codeDescription"]["href"],
            json!(type_page),
            "{diagnostic:#}"
        );
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_org_settings_change_re_publishes_the_files_of_every_app() {
    const ORG_BLOCKS_FLOW: &str = "ECA-ACC-001";
    const SHOP_GLOBAL: &str =
        "force-app/main/default/extlClntAppGlobalOauthSets/Shop_glbloauth.ecaGlblOauth-meta.xml";
    let project = guest_flow_project("org-settings");
    project.write(ORG_SETTINGS, ORG_SETTINGS_TEXT);
    // A second app that turns the flow on too: the org setting concerns every app.
    project.write(SHOP_GLOBAL, &GLOBAL_TEXT.replace("Portal", "Shop"));
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let globals = [project.uri(GLOBAL), project.uri(SHOP_GLOBAL)];
    for uri in &globals {
        client.diagnostics(uri, |params| !has_code(params, ORG_BLOCKS_FLOW));
    }
    // The org stops allowing the flow in the unsaved buffer: both closed files are told.
    let org = project.uri(ORG_SETTINGS);
    client.open(&org, 1, ORG_SETTINGS_TEXT);
    client.change(
        &org,
        2,
        json!([{ "range": range((2, 27), (2, 31)), "text": "false" }]),
    );
    for uri in &globals {
        let params = client.diagnostics(uri, |params| has_code(params, ORG_BLOCKS_FLOW));
        assert_eq!(
            params["version"],
            Value::Null,
            "closed files carry no version"
        );
        let diagnostic = diagnostic_with_code(&params, ORG_BLOCKS_FLOW);
        assert_eq!(
            diagnostic["relatedInformation"][0]["location"]["uri"],
            json!(org),
            "{diagnostic:#}"
        );
    }
    // And allowed again: the findings go. (Forget what came before, so that only a
    // publication after this change can match.)
    client.clear_stash();
    client.change(
        &org,
        3,
        json!([{ "range": range((2, 27), (2, 32)), "text": "true" }]),
    );
    for uri in &globals {
        client.diagnostics(uri, |params| !has_code(params, ORG_BLOCKS_FLOW));
    }
    assert!(client.shutdown_and_exit().success());
}

/// Insert `<bogus/>` after `</label>`, behind Japanese text and an emoji, and check the
/// reported column in the negotiated encoding.
fn unknown_element_column(encoding: &'static str, label_end: u32, expected_start: u32) {
    let project = guest_flow_project("columns");
    let setup = ClientSetup {
        position_encodings: Some(vec![encoding]),
        ..ClientSetup::for_folder(project.path())
    };
    let (mut client, _) = LspClient::start(&setup);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    client.diagnostics_for_version(&uri, 1);
    client.change(
        &uri,
        2,
        json!([{ "range": range((4, label_end), (4, label_end)), "text": "<bogus/>" }]),
    );
    let params = client.diagnostics_for_version(&uri, 2);
    let unknown = diagnostic_with_code(&params, "unknown-element");
    assert_eq!(
        unknown["range"]["start"],
        json!({ "line": 4, "character": expected_start }),
        "{encoding}: {unknown:#}"
    );
    assert_eq!(
        unknown["range"]["end"]["character"],
        json!(expected_start + 5),
        "{encoding}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn columns_after_multibyte_text_follow_utf16() {
    // `    <label>Portal 日本語 😀</label>`: 32 UTF-16 units.
    unknown_element_column("utf-16", 32, 33);
}

#[test]
fn columns_after_multibyte_text_follow_utf8() {
    // The same line is 40 bytes.
    unknown_element_column("utf-8", 40, 41);
}

#[test]
fn every_change_publishes_for_its_version_and_never_an_older_one_after() {
    let project = guest_flow_project("versions");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    // A burst of changes: break the file, then repair it, many times.
    for version in 2..=41 {
        let text = if version % 2 == 0 { "<bogus/>" } else { "" };
        let end = if version % 2 == 0 { 0 } else { 8 };
        client.change(
            &uri,
            version,
            json!([{ "range": range((5, 0), (5, end)), "text": text }]),
        );
    }
    let last = client.diagnostics_for_version(&uri, 41);
    assert!(!has_code(&last, "unknown-element"), "{last:#}");
    // One more change and its publication: everything received for this document up to
    // there must come in version order (intermediate versions may be skipped when a newer
    // one overtook them, but an older result never follows a newer one).
    client.change(
        &uri,
        42,
        json!([{ "range": range((5, 0), (5, 0)), "text": "<bogus/>" }]),
    );
    let newest = client.diagnostics_for_version(&uri, 42);
    assert!(has_code(&newest, "unknown-element"), "{newest:#}");
    let versions: Vec<i64> = client
        .published_versions(&uri)
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    assert!(
        versions.windows(2).all(|pair| pair[0] < pair[1]),
        "{versions:?}"
    );
    assert_eq!(versions.last(), Some(&42));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn fixing_the_global_settings_clears_the_policies_diagnostic() {
    let project = guest_flow_project("cross-file");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let policies = project.uri(POLICIES);
    let global = project.uri(GLOBAL);
    client.open(&policies, 1, POLICIES_TEXT);
    assert!(has_code(&client.diagnostics_for_version(&policies, 1), JWT));
    client.open(&global, 1, GLOBAL_TEXT);
    client.diagnostics_for_version(&global, 1);
    client.change(
        &global,
        2,
        json!([{ "range": range((5, 27), (5, 32)), "text": "true" }]),
    );
    // The other (open) file of the app is re-published, still at its own version.
    let after = client.diagnostics(&policies, |params| !has_code(params, JWT));
    assert_eq!(after["version"], json!(1));
    // Breaking it again brings the diagnostic back.
    client.change(
        &global,
        3,
        json!([{ "range": range((5, 27), (5, 31)), "text": "false" }]),
    );
    client.diagnostics(&policies, |params| has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn closed_files_of_the_app_are_republished_too() {
    let project = guest_flow_project("closed-cross-file");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let policies = project.uri(POLICIES);
    let global = project.uri(GLOBAL);
    client.diagnostics(&policies, |params| has_code(params, JWT));
    client.open(&global, 1, GLOBAL_TEXT);
    // Opened with the text on disk: what the file on disk gets once it is closed again.
    let on_disk = client.diagnostics_for_version(&global, 1)["diagnostics"].clone();
    client.change(
        &global,
        2,
        json!([{ "range": range((5, 27), (5, 32)), "text": "true" }]),
    );
    let after = client.diagnostics(&policies, |params| !has_code(params, JWT));
    assert_eq!(after["version"], Value::Null);
    // Closing the unsaved buffer brings back the file on disk, and the diagnostic. (Forget
    // the startup publications first, so that only one after the close can match.)
    client.clear_stash();
    client.close(&global);
    client.diagnostics(&policies, |params| has_code(params, JWT));
    let global_after = client.diagnostics(&global, |params| params["version"].is_null());
    // A fix that edits this very file names the buffer's version while it is open and none
    // once it is closed; everything else is the same.
    assert_eq!(
        without_edit_versions(global_after["diagnostics"].clone()),
        without_edit_versions(on_disk)
    );
    assert!(client.shutdown_and_exit().success());
}

/// Diagnostics without the document versions their fixes' edits carry.
fn without_edit_versions(mut diagnostics: Value) -> Value {
    for diagnostic in diagnostics.as_array_mut().into_iter().flatten() {
        let fixes = diagnostic["data"]["fixes"].as_array_mut();
        for fix in fixes.into_iter().flatten() {
            for edit in fix["edits"].as_array_mut().into_iter().flatten() {
                if let Some(edit) = edit.as_object_mut() {
                    edit.remove("version");
                }
            }
        }
    }
    diagnostics
}

#[test]
fn a_file_outside_the_workspace_uses_its_own_project() {
    let project = guest_flow_project("outside");
    // No workspace folder at all.
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    // The rest of its sfdx project was read: the cross-file rule sees the global settings.
    let params = client.diagnostics_for_version(&uri, 1);
    let diagnostic = diagnostic_with_code(&params, JWT);
    assert_eq!(
        diagnostic["relatedInformation"][0]["location"]["uri"],
        json!(project.uri(GLOBAL))
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_lone_file_without_project_still_gets_diagnostics() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    let uri = "file:///nowhere/lone/Lone_oauthPlcy.ecaOauthPlcy-meta.xml";
    client.open(uri, 1, "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <bogus/>\n</ExtlClntAppOauthConfigurablePolicies>\n");
    let params = client.diagnostics_for_version(uri, 1);
    assert!(has_code(&params, "unknown-element"), "{params:#}");
    client.close(uri);
    // Not on disk: closing withdraws its diagnostics.
    let closed = client.diagnostics(uri, |params| params["version"].is_null());
    assert_eq!(closed["diagnostics"], json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn initialization_options_set_severities() {
    let project = guest_flow_project("init-options");
    let setup = ClientSetup {
        initialization_options: Some(json!({ "ecaLs": { "rules": { JWT: "error" } } })),
        ..ClientSetup::for_folder(project.path())
    };
    let (mut client, _) = LspClient::start(&setup);
    let params = client.diagnostics(&project.uri(POLICIES), |params| has_code(params, JWT));
    assert_eq!(diagnostic_with_code(&params, JWT)["severity"], json!(1));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn did_change_configuration_re_publishes() {
    let project = guest_flow_project("change-configuration");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    client.diagnostics(&uri, |params| has_code(params, JWT));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ecaLs": { "rules": { JWT: "off" } } } }),
    );
    client.diagnostics(&uri, |params| !has_code(params, JWT));
    // The flat form works too, and so does a severity change.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "rules": { JWT: "hint" } } }),
    );
    let params = client.diagnostics(&uri, |params| has_code(params, JWT));
    assert_eq!(diagnostic_with_code(&params, JWT)["severity"], json!(4));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_profile_setting_turns_the_posture_checks_on_and_off() {
    let project = guest_flow_project("profile-setting");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(GLOBAL);
    client.diagnostics(&uri, |params| !has_code(params, "ECA-POSTURE-017"));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ecaLs": { "profile": "strict" } } }),
    );
    let params = client.diagnostics(&uri, |params| has_code(params, "ECA-POSTURE-017"));
    assert_eq!(
        diagnostic_with_code(&params, "ECA-POSTURE-017")["severity"],
        json!(2)
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ecaLs": { "profile": "baseline" } } }),
    );
    client.diagnostics(&uri, |params| !has_code(params, "ECA-POSTURE-017"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn did_change_configuration_without_settings_asks_the_client() {
    let project = guest_flow_project("pull-configuration");
    let setup = ClientSetup {
        configuration_requests: true,
        ..ClientSetup::for_folder(project.path())
    };
    let (mut client, _) = LspClient::start(&setup);
    let uri = project.uri(POLICIES);
    client.diagnostics(&uri, |params| has_code(params, JWT));
    client.configuration = json!({ "rules": { JWT: "off" } });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    client.diagnostics(&uri, |params| !has_code(params, JWT));
    let asked = client.server_request("workspace/configuration");
    assert_eq!(asked["params"]["items"][0]["section"], json!("ecaLs"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn bad_settings_are_reported_and_the_good_ones_kept() {
    let project = guest_flow_project("bad-settings");
    let setup = ClientSetup {
        initialization_options: Some(json!({ "rules": { "ECA-JWT-01": "error", JWT: "off" } })),
        ..ClientSetup::for_folder(project.path())
    };
    let (mut client, _) = LspClient::start(&setup);
    let message = client.notification("window/showMessage", |_| true);
    assert!(
        message["message"]
            .as_str()
            .is_some_and(|text| text.contains("did you mean `ECA-JWT-001`")),
        "{message:#}"
    );
    client.diagnostics(&project.uri(POLICIES), |params| {
        params["version"].is_null() && !has_code(params, JWT)
    });
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn registers_a_file_watcher_and_follows_changes_on_disk() {
    let project = guest_flow_project("watched");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let policies = project.uri(POLICIES);
    client.diagnostics(&policies, |params| has_code(params, JWT));
    // The registration and the first diagnostics come from separate tasks, in either order.
    let registration = client.server_request("client/registerCapability");
    let registration = &registration["params"]["registrations"][0];
    assert_eq!(
        registration["method"],
        json!("workspace/didChangeWatchedFiles")
    );
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|watcher| watcher["globPattern"].as_str())
        .collect();
    assert!(
        globs[0].contains("ecaGlblOauth") && globs[0].contains("xml"),
        "{globs:?}"
    );
    assert!(
        globs.contains(&"**/sfdx-project.json") && globs.contains(&"**/eca-ls.toml"),
        "{globs:?}"
    );

    // A change on disk.
    project.write(GLOBAL, &GLOBAL_TEXT.replace(">false<", ">true<"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(GLOBAL), "type": 2 }] }),
    );
    client.diagnostics(&policies, |params| !has_code(params, JWT));

    // A deleted file: its diagnostics are withdrawn. (Forget the startup publication first, so
    // that only a publication after the deletion can match.)
    client.clear_stash();
    project.remove(GLOBAL);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(GLOBAL), "type": 3 }] }),
    );
    client.diagnostics(&project.uri(GLOBAL), |params| {
        params["diagnostics"] == json!([])
    });

    // A created file.
    project.write(GLOBAL, GLOBAL_TEXT);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(GLOBAL), "type": 1 }] }),
    );
    // Without the file the rule leaves a note; with it, the warning points into the file.
    let global = project.uri(GLOBAL);
    client.diagnostics(&policies, |params| {
        params["diagnostics"].as_array().is_some_and(|all| {
            all.iter().any(|diagnostic| {
                diagnostic["code"] == json!(JWT)
                    && diagnostic["relatedInformation"][0]["location"]["uri"] == json!(global)
            })
        })
    });

    // eca-ls.toml turns the rule off.
    project.write("eca-ls.toml", "[rules]\n\"ECA-JWT-001\" = \"off\"\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri("eca-ls.toml"), "type": 1 }] }),
    );
    client.diagnostics(&policies, |params| !has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_deleted_and_a_renamed_folder_leave_and_rejoin_the_index() {
    let project = guest_flow_project("watched-folders");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let policies = project.uri(POLICIES);
    let global = project.uri(GLOBAL);
    client.diagnostics(&policies, |params| has_code(params, JWT));
    // One event for the folder alone, as editors send it: a watcher must match folders.
    let registration = client.server_request("client/registerCapability");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(
        watchers.as_array().is_some_and(|watchers| watchers
            .iter()
            .any(|watcher| watcher["globPattern"] == json!("**/*")
                && watcher["kind"] == json!(1 | 4))),
        "{watchers:#}"
    );
    let folder = "force-app/main/default/extlClntAppGlobalOauthSets";
    let renamed = "force-app/main/default/globalSettings";
    std::fs::rename(project.path().join(folder), project.path().join(renamed))
        .expect("rename the folder");
    client.clear_stash();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(folder), "type": 3 }] }),
    );
    // The file under the deleted folder is withdrawn, and the app's rule no longer sees it.
    client.diagnostics(&global, |params| params["diagnostics"] == json!([]));
    client.diagnostics(&policies, |params| {
        params["diagnostics"].as_array().is_some_and(|all| {
            all.iter().all(|diagnostic| {
                diagnostic["code"] != json!(JWT) || diagnostic["relatedInformation"].is_null()
            })
        })
    });
    // Created under its new name: indexed again, and the rule points into it.
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(renamed), "type": 1 }] }),
    );
    let moved = project.uri(&GLOBAL.replace(folder, renamed));
    client.diagnostics(&policies, |params| {
        params["diagnostics"].as_array().is_some_and(|all| {
            all.iter().any(|diagnostic| {
                diagnostic["code"] == json!(JWT)
                    && diagnostic["relatedInformation"][0]["location"]["uri"] == json!(moved)
            })
        })
    });
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn folders_the_index_skips_are_not_read_when_created() {
    let project = guest_flow_project("watched-skipped");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    client.diagnostics(&project.uri(POLICIES), |params| has_code(params, JWT));
    // A package manager unpacks a package that happens to hold ECA files.
    let package = "node_modules/some-package";
    let inside = format!("{package}/{POLICIES}");
    project.write(&inside, POLICIES_TEXT);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [
            { "uri": project.uri("node_modules"), "type": 1 },
            { "uri": project.uri(package), "type": 1 },
            { "uri": project.uri(&inside), "type": 1 }
        ] }),
    );
    // Notifications are applied in order, so the answer reflects the event.
    let status = client
        .request(
            "eca-ls/status",
            json!({ "textDocument": { "uri": project.uri(&inside) } }),
        )
        .expect("status");
    assert_eq!(status, Value::Null, "indexed from node_modules: {status:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_open_buffer_wins_over_the_disk() {
    let project = guest_flow_project("buffer-wins");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let policies = project.uri(POLICIES);
    let global = project.uri(GLOBAL);
    client.open(&global, 1, GLOBAL_TEXT);
    client.open(&policies, 1, POLICIES_TEXT);
    assert!(has_code(&client.diagnostics_for_version(&policies, 1), JWT));
    project.write(GLOBAL, &GLOBAL_TEXT.replace(">false<", ">true<"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": global.clone(), "type": 2 }] }),
    );
    // Ignored while open: the buffer still says false.
    assert_eq!(client.server_text(&global).as_deref(), Some(GLOBAL_TEXT));
    client.change(
        &policies,
        2,
        json!([{ "range": range((0, 0), (0, 0)), "text": "" }]),
    );
    assert!(has_code(&client.diagnostics_for_version(&policies, 2), JWT));
    // Closed, the disk version takes over.
    client.close(&global);
    client.diagnostics(&policies, |params| !has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn old_clients_with_root_uri_are_indexed() {
    let project = guest_flow_project("root-uri");
    let setup = ClientSetup {
        root_uri_only: true,
        ..ClientSetup::for_folder(project.path())
    };
    let (mut client, _) = LspClient::start(&setup);
    client.diagnostics(&project.uri(POLICIES), |params| has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn workspace_folders_added_and_removed_are_indexed_and_dropped() {
    let project = guest_flow_project("folders");
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    let folder = json!({ "uri": crate::common::file_uri(project.path()), "name": "p" });
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [folder.clone()], "removed": [] } }),
    );
    let policies = project.uri(POLICIES);
    client.diagnostics(&policies, |params| has_code(params, JWT));
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [], "removed": [folder] } }),
    );
    client.diagnostics(&policies, |params| params["diagnostics"] == json!([]));
    assert_eq!(
        client
            .request(
                "eca-ls/status",
                json!({ "textDocument": { "uri": policies } })
            )
            .expect("status"),
        Value::Null,
        "the folder's files are no longer known"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_malformed_eca_ls_toml_is_reported_and_the_project_still_checked() {
    let project = guest_flow_project("bad-toml");
    project.write("eca-ls.toml", "[rules\n");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let message = client.notification("window/showMessage", |_| true);
    let text = message["message"].as_str().unwrap_or("");
    assert!(
        text.contains("eca-ls.toml") && text.contains("line 1"),
        "{message:#}"
    );
    client.diagnostics(&project.uri(POLICIES), |params| has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn crlf_documents_get_the_same_positions() {
    let project = guest_flow_project("crlf");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, &POLICIES_TEXT.replace('\n', "\r\n"));
    let params = client.diagnostics_for_version(&uri, 1);
    assert_eq!(
        diagnostic_with_code(&params, JWT)["range"],
        range((3, 5), (3, 31))
    );
    // Break a line in two with a CRLF typed before the flag: the diagnostic moves down a line.
    client.change(
        &uri,
        2,
        json!([{ "range": range((3, 4), (3, 4)), "text": "\r\n    " }]),
    );
    let params = client.diagnostics_for_version(&uri, 2);
    assert_eq!(
        diagnostic_with_code(&params, JWT)["range"],
        range((4, 5), (4, 31))
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_file_on_disk_that_is_not_utf8_says_so_until_opened() {
    let project = guest_flow_project("not-utf8");
    // `é` in Latin-1: one byte that is no UTF-8.
    let mut latin1 = HEADER_TEXT
        .replace("<label>Portal</label>", "<label>Portal \u{1}</label>")
        .into_bytes();
    for byte in &mut latin1 {
        if *byte == 1 {
            *byte = 0xE9;
        }
    }
    project.write_bytes(HEADER, &latin1);
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(HEADER);
    let params = client.diagnostics(&uri, |params| has_code(params, "xml-syntax"));
    let first = &params["diagnostics"][0];
    assert_eq!(first["code"], json!("xml-syntax"), "{params:#}");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|message| message.contains("not valid UTF-8")),
        "{params:#}"
    );
    assert_eq!(first["range"], range((0, 0), (0, 0)));
    // The editor's buffer is text: the mark goes.
    client.open(&uri, 1, HEADER_TEXT);
    let opened = client.diagnostics_for_version(&uri, 1);
    assert!(!has_code(&opened, "xml-syntax"), "{opened:#}");
    assert!(client.shutdown_and_exit().success());
}
