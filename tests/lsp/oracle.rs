//! The oracle: a randomized, seeded, bounded walk through what happens to a project while it is
//! open in an editor — edits to open buffers (then saved) and to closed files on disk, files
//! created, deleted and renamed (reported as watched-file events), the project's headers removed
//! and its first header created, documents closed and reopened, `eca-ls.toml` and
//! `sfdx-project.json` changed, `workspace/didChangeConfiguration`, workspace folders added and
//! removed — across several apps and the org settings. After every step the test waits for the
//! server to settle (`eca-ls/debugSettle`, on state, not on time) and compares the diagnostics
//! last published for every file with what `eca-ls check --format json` reports for the files
//! on disk. Any difference fails with the seed, the step and the steps so far.
//!
//! `ECA_LS_ORACLE_STEPS` and `ECA_LS_ORACLE_SEED` change the walk's length and seed;
//! `scripts/oracle.sh` runs long walks in release mode.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, file_uri};
use crate::support::TempProject;

/// Steps in the test suite: long enough to go through every kind of step many times.
const DEFAULT_STEPS: usize = 300;
const DEFAULT_SEED: u64 = 0x0eca_0001;

/// How often a long walk reports its progress, in steps.
const PROGRESS_EVERY: usize = 10_000;

/// How many of the latest steps a failure shows.
const RECENT_STEPS: usize = 15;

/// The kinds of step, as each step's log entry names them.
const STEP_KINDS: [&str; 12] = [
    "edit open",
    "type in",
    "edit on disk",
    "create",
    "delete",
    "rename",
    "header",
    "close",
    "eca-ls.toml",
    "sourceApiVersion",
    "configuration",
    "workspace folders",
];

const APPS: [&str; 3] = ["Portal", "Billing", "Wiki"];
const NS: &str = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

/// xorshift64*: small, seeded, the same walk for the same seed on every machine.
struct Random(u64);

impl Random {
    /// Every seed its own walk: xorshift only needs a state other than zero. (It used to take
    /// `seed | 1`, which gave seeds 2n and 2n + 1 the same walk; odd seeds still walk as they
    /// did, so the walks recorded in docs/reliability.md can be run again.)
    fn seeded(seed: u64) -> Random {
        Random(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The kinds of file the walk creates, each as (folder, suffix, text for an app).
fn component(kind: usize, app: &str, random: &mut Random) -> (String, String) {
    let flag = |random: &mut Random| if random.chance(50) { "true" } else { "false" };
    match kind {
        0 => (
            format!("force-app/main/default/externalClientApps/{app}.eca-meta.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication {NS}>\n    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>{}</distributionState>\n    <isProtected>false</isProtected>\n    <label>{app}</label>\n</ExternalClientApplication>\n",
                if random.chance(70) {
                    "Local"
                } else {
                    "Packaged"
                }
            ),
        ),
        1 => (
            format!(
                "force-app/main/default/extlClntAppGlobalOauthSets/{app}_glbloauth.ecaGlblOauth-meta.xml"
            ),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings {NS}>\n    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>{app}</externalClientApplication>\n    <isCodeCredFlowEnabled>{}</isCodeCredFlowEnabled>\n    <isNamedUserJwtEnabled>{}</isNamedUserJwtEnabled>\n    <label>{app}</label>\n</ExtlClntAppGlobalOauthSettings>\n",
                flag(random),
                flag(random)
            ),
        ),
        2 => (
            format!(
                "force-app/main/default/extlClntAppOauthPolicies/{app}_oauthPlcy.ecaOauthPlcy-meta.xml"
            ),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies {NS}>\n    <commaSeparatedPermissionSet>{app}_Users</commaSeparatedPermissionSet>\n    <externalClientApplication>{app}</externalClientApplication>\n    <isGuestCodeCredFlowEnabled>{}</isGuestCodeCredFlowEnabled>\n    <label>{app}</label>\n{}</ExtlClntAppOauthConfigurablePolicies>\n",
                flag(random),
                // Half the time enough attributes for the server to remember the findings of
                // each top-level element and re-check only what an edit touches.
                if random.chance(50) {
                    many_attributes()
                } else {
                    String::new()
                }
            ),
        ),
        3 => (
            format!(
                "force-app/main/default/extlClntAppOauthSettings/{app}_oauth.ecaOauth-meta.xml"
            ),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings {NS}>\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>{app}</externalClientApplication>\n    <label>{app}</label>\n</ExtlClntAppOauthSettings>\n"
            ),
        ),
        // A permission set the policies name: its file coming and going turns ECA-REF-012 on
        // and off in the policies of every app (the project holds permission sets or not).
        5 => (
            format!("force-app/main/default/permissionsets/{app}_Users.permissionset-meta.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet {NS}>\n    <label>{app} Users</label>\n</PermissionSet>\n"
            ),
        ),
        _ => (
            format!(
                "{}/main/default/settings/OauthOidc.settings-meta.xml",
                if random.chance(80) {
                    "force-app"
                } else {
                    "org-config"
                }
            ),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OauthOidcSettings {NS}>\n    <oAuthCdCrdtFlowEnable>{}</oAuthCdCrdtFlowEnable>\n</OauthOidcSettings>\n",
                flag(random)
            ),
        ),
    }
}

const COMPONENT_KINDS: usize = 6;

/// More custom attributes than the top-level elements from which the server re-checks a large
/// file element by element (`REMEMBERED_FROM_TOP_LEVEL_ELEMENTS` in the analysis crate).
fn many_attributes() -> String {
    (0..40)
        .map(|index| {
            format!(
                "    <customAttributes>\n        <formula>'value {index}'</formula>\n        <key>attribute_{index}</key>\n    </customAttributes>\n"
            )
        })
        .collect()
}

/// Where the text of each element that has text only sits: (line, start and end column in
/// UTF-16 code units, as a range of `contentChanges` counts them).
fn value_spans(text: &str) -> Vec<(usize, usize, usize)> {
    let utf16 = |part: &str| part.encode_utf16().count();
    let mut spans = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let Some(open_end) = line.find('>') else {
            continue;
        };
        let Some(close) = line.rfind("</") else {
            continue;
        };
        if line.trim_start().starts_with('<') && close > open_end && !line.contains("<!--") {
            spans.push((number, utf16(&line[..=open_end]), utf16(&line[..close])));
        }
    }
    spans
}

/// One change to a file's text: the kinds of edit a person makes, and some that break it.
fn mutate(text: &str, random: &mut Random) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut lines: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let at = random.below(lines.len());
    match random.below(8) {
        0 | 1 => {
            // Flip a switch.
            let line = &lines[at];
            lines[at] = if line.contains(">true<") {
                line.replace(">true<", ">false<")
            } else {
                line.replace(">false<", ">true<")
            };
        }
        2 => {
            // Point the file at another app (or at none).
            let target = if random.chance(15) {
                ""
            } else {
                *random.pick(&APPS)
            };
            if let Some(line) = lines
                .iter_mut()
                .find(|line| line.contains("<externalClientApplication>"))
            {
                *line =
                    format!("    <externalClientApplication>{target}</externalClientApplication>");
            }
        }
        3 => {
            // A line gone: often a required field, sometimes a tag, which breaks the XML.
            if lines.len() > 2 {
                lines.remove(at);
            }
        }
        4 => {
            // A line twice: a duplicate field.
            let line = lines[at].clone();
            lines.insert(at, line);
        }
        5 => {
            let field = random.pick(&[
                "    <guestJwtTimeout>45</guestJwtTimeout>",
                "    <isPkceRequired>true</isPkceRequired>",
                "    <label>Another</label>",
                "    <unknownField>1</unknownField>",
                "    <!-- eca-ls-disable-next-line ECA-REF-001 -->",
            ]);
            let at = at.clamp(1, lines.len().saturating_sub(1).max(1));
            lines.insert(at, field.to_string());
        }
        6 => {
            // A label change (headers' labels are compared with references).
            if let Some(line) = lines.iter_mut().find(|line| line.contains("<label>")) {
                *line = format!("    <label>{}</label>", random.pick(&APPS));
            }
        }
        _ => {
            // Multi-byte text, in a comment.
            lines.insert(at.max(1), "    <!-- 日本語 😀 -->".to_string());
        }
    }
    let mut joined = lines.join("\n");
    joined.push('\n');
    joined
}

struct Walk {
    client: LspClient,
    project: TempProject,
    random: Random,
    /// Relative paths of the files on disk that the walk manages.
    files: BTreeSet<String>,
    /// Relative paths of the open documents, with their versions.
    open: std::collections::BTreeMap<String, i64>,
    /// The most recent steps, newest last (shown when the walk fails).
    log: std::collections::VecDeque<String>,
    /// Which kinds of step the walk has taken (a walk that never deletes would prove little).
    kinds_taken: BTreeSet<&'static str>,
    seed: u64,
    /// How many of the settled states compared had findings: agreeing on nothing but empty
    /// lists would prove little.
    states_with_findings: usize,
}

impl Walk {
    fn new(seed: u64) -> Walk {
        let mut random = Random::seeded(seed);
        let project = TempProject::new("oracle");
        project.write(
            "sfdx-project.json",
            r#"{ "packageDirectories": [{ "path": "force-app", "default": true }, { "path": "org-config" }], "sourceApiVersion": "64.0" }"#,
        );
        let mut files = BTreeSet::new();
        for app in APPS {
            for kind in 0..4 {
                if kind == 0 && app == "Wiki" {
                    continue;
                }
                let (path, text) = component(kind, app, &mut random);
                project.write(&path, &text);
                files.insert(path);
            }
        }
        let (path, text) = component(4, "", &mut random);
        project.write(&path, &text);
        files.insert(path);
        let (path, text) = component(5, "Portal", &mut random);
        project.write(&path, &text);
        files.insert(path);
        let setup = ClientSetup {
            configuration_requests: true,
            ..ClientSetup::for_folder(project.path())
        };
        let (client, _) = LspClient::start(&setup);
        Walk {
            client,
            project,
            random,
            files,
            open: std::collections::BTreeMap::new(),
            log: std::collections::VecDeque::new(),
            kinds_taken: BTreeSet::new(),
            seed,
            states_with_findings: 0,
        }
    }

    /// Remember a step: its kind for the end of the walk, its text for a failure's report. Only
    /// the recent steps are kept, so a long walk's memory stays flat.
    fn note(&mut self, step: String) {
        for kind in STEP_KINDS {
            if step.contains(kind) {
                self.kinds_taken.insert(kind);
            }
        }
        self.log.push_back(step);
        if self.log.len() > RECENT_STEPS {
            self.log.pop_front();
        }
    }

    fn uri(&self, relative: &str) -> String {
        file_uri(&self.project.path().join(relative))
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.project.path().join(relative)).unwrap_or_default()
    }

    fn watched(&mut self, changes: Vec<(String, u8)>) {
        let changes: Vec<Value> = changes
            .into_iter()
            .map(|(relative, kind)| json!({ "uri": self.uri(&relative), "type": kind }))
            .collect();
        self.client.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": changes }),
        );
    }

    fn any_file(&mut self) -> Option<String> {
        let files: Vec<String> = self.files.iter().cloned().collect();
        (!files.is_empty()).then(|| self.random.pick(&files).clone())
    }

    fn step(&mut self) {
        match self.random.below(14) {
            0..=2 => self.edit_open_buffer(),
            12 | 13 => self.type_in_open_buffer(),
            3 => self.edit_on_disk(),
            4 => self.create(),
            5 => self.delete(),
            6 => self.rename(),
            7 => self.headers(),
            8 => self.close_or_reopen(),
            9 => self.project_settings(),
            10 => self.configuration(),
            _ => self.workspace_folders(),
        }
    }

    fn open_document(&mut self, relative: &str) {
        let text = self.read(relative);
        let uri = self.uri(relative);
        self.client.open(&uri, 1, &text);
        self.open.insert(relative.to_string(), 1);
    }

    /// One character typed into or deleted from an element's text, sent as a ranged change
    /// (the way editors send keystrokes, and the edit the server answers without parsing the
    /// whole file again), then saved.
    fn type_in_open_buffer(&mut self) {
        // Mostly in a large file: the one kind the server re-checks element by element.
        let large: Vec<String> = self
            .files
            .iter()
            .filter(|relative| self.read(relative).contains("<customAttributes>"))
            .cloned()
            .collect();
        let relative = if !large.is_empty() && self.random.chance(70) {
            self.random.pick(&large).clone()
        } else {
            match self.any_file() {
                Some(relative) => relative,
                None => return,
            }
        };
        if !self.open.contains_key(&relative) {
            self.open_document(&relative);
        }
        let text = self.read(&relative);
        let spans = value_spans(&text);
        if spans.is_empty() {
            return;
        }
        let (line, start, end) = *self.random.pick(&spans);
        let (range_start, range_end, typed) = if end > start && self.random.chance(40) {
            let at = start + self.random.below(end - start);
            (at, at + 1, "")
        } else {
            let at = start + self.random.below(end - start + 1);
            (at, at, *self.random.pick(&["a", "Z", "9", "_", " ", "."]))
        };
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let units: Vec<u16> = lines[line].encode_utf16().collect();
        let before = String::from_utf16_lossy(&units[..range_start]);
        let after = String::from_utf16_lossy(&units[range_end..]);
        lines[line] = format!("{before}{typed}{after}");
        let mut changed = lines.join("\n");
        if text.ends_with('\n') {
            changed.push('\n');
        }
        let version = self.open.get(&relative).copied().unwrap_or(1) + 1;
        self.open.insert(relative.clone(), version);
        let uri = self.uri(&relative);
        self.client.change(
            &uri,
            version,
            json!([{
                "range": {
                    "start": { "line": line, "character": range_start },
                    "end": { "line": line, "character": range_end },
                },
                "text": typed,
            }]),
        );
        self.project.write(&relative, &changed);
        self.client.notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": uri } }),
        );
        self.watched(vec![(relative.clone(), 2)]);
        self.note(format!(
            "type in {relative} (v{version}, line {line}, {typed:?} at {range_start}..{range_end})"
        ));
    }

    /// An open buffer changed and saved: the disk and the buffer agree afterwards.
    fn edit_open_buffer(&mut self) {
        let Some(relative) = self.any_file() else {
            return;
        };
        if !self.open.contains_key(&relative) {
            self.open_document(&relative);
        }
        let text = mutate(&self.read(&relative), &mut self.random);
        let version = self.open.get(&relative).copied().unwrap_or(1) + 1;
        self.open.insert(relative.clone(), version);
        let uri = self.uri(&relative);
        self.client
            .change(&uri, version, json!([{ "text": text.clone() }]));
        self.project.write(&relative, &text);
        self.client.notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": uri } }),
        );
        self.watched(vec![(relative.clone(), 2)]);
        self.note(format!("edit open {relative} (v{version})"));
    }

    fn edit_on_disk(&mut self) {
        let Some(relative) = self.any_file() else {
            return;
        };
        if self.open.contains_key(&relative) {
            return self.edit_open_buffer();
        }
        let text = mutate(&self.read(&relative), &mut self.random);
        self.project.write(&relative, &text);
        self.watched(vec![(relative.clone(), 2)]);
        self.note(format!("edit on disk {relative}"));
    }

    fn create(&mut self) {
        let kind = self.random.below(COMPONENT_KINDS);
        let app = *self.random.pick(&APPS);
        let (relative, text) = component(kind, app, &mut self.random);
        let existed = self.files.contains(&relative);
        if self.open.contains_key(&relative) {
            return;
        }
        self.project.write(&relative, &text);
        self.files.insert(relative.clone());
        self.watched(vec![(relative.clone(), if existed { 2 } else { 1 })]);
        self.note(format!("create {relative}"));
    }

    fn close(&mut self, relative: &str) {
        if self.open.remove(relative).is_some() {
            let uri = self.uri(relative);
            self.client.close(&uri);
        }
    }

    fn delete(&mut self) {
        let Some(relative) = self.any_file() else {
            return;
        };
        self.close(&relative);
        self.project.remove(&relative);
        self.files.remove(&relative);
        self.watched(vec![(relative.clone(), 3)]);
        self.note(format!("delete {relative}"));
    }

    fn rename(&mut self) {
        let Some(relative) = self.any_file() else {
            return;
        };
        let Some((folder, name)) = relative.rsplit_once('/') else {
            return;
        };
        // Another folder of the project, or another package directory.
        let target = if self.random.chance(50) {
            format!("{folder}/moved/{name}")
        } else {
            relative.replacen("force-app/", "org-config/", 1)
        };
        if target == relative || self.files.contains(&target) {
            return;
        }
        self.close(&relative);
        let text = self.read(&relative);
        self.project.remove(&relative);
        self.project.write(&target, &text);
        self.files.remove(&relative);
        self.files.insert(target.clone());
        self.watched(vec![(relative.clone(), 3), (target.clone(), 1)]);
        self.note(format!("rename {relative} -> {target}"));
    }

    /// Remove every header (the rules comparing references with headers go quiet), or create
    /// one in a project without any.
    fn headers(&mut self) {
        let headers: Vec<String> = self
            .files
            .iter()
            .filter(|path| path.ends_with(".eca-meta.xml"))
            .cloned()
            .collect();
        if headers.is_empty() {
            let app = *self.random.pick(&APPS);
            let (relative, text) = component(0, app, &mut self.random);
            self.project.write(&relative, &text);
            self.files.insert(relative.clone());
            self.watched(vec![(relative.clone(), 1)]);
            self.note(format!("first header {relative}"));
            return;
        }
        let mut events = Vec::new();
        for relative in headers {
            self.close(&relative);
            self.project.remove(&relative);
            self.files.remove(&relative);
            events.push((relative, 3));
        }
        self.note(format!("remove every header ({})", events.len()));
        self.watched(events);
    }

    fn close_or_reopen(&mut self) {
        let open: Vec<String> = self.open.keys().cloned().collect();
        if !open.is_empty() && self.random.chance(60) {
            let relative = self.random.pick(&open).clone();
            self.close(&relative);
            self.note(format!("close {relative}"));
        } else if let Some(relative) = self.any_file() {
            if !self.open.contains_key(&relative) {
                self.open_document(&relative);
                self.note(format!("open {relative}"));
            }
        }
    }

    /// `eca-ls.toml` and `sfdx-project.json`: what both the CLI and the server read.
    fn project_settings(&mut self) {
        if self.random.chance(50) {
            let toml = match self.random.below(4) {
                0 => "",
                1 => "[rules]\n\"ECA-REF-001\" = \"off\"\n",
                2 => "api-version = \"61.0\"\n",
                _ => "max-findings = 2\n[rules]\n\"duplicate-element\" = \"hint\"\n",
            };
            let existed = self.project.path().join("eca-ls.toml").is_file();
            if toml.is_empty() {
                if existed {
                    self.project.remove("eca-ls.toml");
                    self.watched(vec![("eca-ls.toml".to_string(), 3)]);
                }
            } else {
                self.project.write("eca-ls.toml", toml);
                self.watched(vec![(
                    "eca-ls.toml".to_string(),
                    if existed { 2 } else { 1 },
                )]);
            }
            self.note(format!("eca-ls.toml = {toml:?}"));
        } else {
            let version = self.random.pick(&["60.0", "64.0", "65.0"]);
            self.project.write(
                "sfdx-project.json",
                &format!(
                    r#"{{ "packageDirectories": [{{ "path": "force-app", "default": true }}, {{ "path": "org-config" }}], "sourceApiVersion": "{version}" }}"#
                ),
            );
            self.watched(vec![("sfdx-project.json".to_string(), 2)]);
            self.note(format!("sourceApiVersion = {version}"));
        }
    }

    /// The editor's settings change to nothing (the server asks for them and gets `null`): the
    /// CLI knows no editor settings, so the ones sent must leave the findings as they are.
    fn configuration(&mut self) {
        let settings = if self.random.chance(50) {
            json!({})
        } else {
            json!({ "ecaLs": {} })
        };
        self.client.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": settings }),
        );
        self.note(format!("configuration {settings}"));
    }

    /// A folder inside the project added as a workspace folder, or removed again: the project
    /// stays what it is.
    fn workspace_folders(&mut self) {
        let folder = self.project.path().join("force-app");
        let event = if self.random.chance(50) {
            json!({ "added": [{ "uri": file_uri(&folder), "name": "force-app" }], "removed": [] })
        } else {
            json!({ "added": [], "removed": [{ "uri": file_uri(&folder), "name": "force-app" }] })
        };
        self.client.notify(
            "workspace/didChangeWorkspaceFolders",
            json!({ "event": event }),
        );
        self.note(format!("workspace folders {event}"));
    }

    fn check(&mut self, step: usize) {
        let outcome = self.client.agrees_with_check(self.project.path());
        self.client.forget_history();
        match outcome {
            Ok(0) => {}
            Ok(_) => self.states_with_findings += 1,
            Err(difference) => {
                let recent: Vec<&String> = self.log.iter().rev().collect();
                panic!(
                    "seed {:#x}, step {step}: the server and `eca-ls check` disagree on {difference}\nlast steps, newest first:\n{recent:#?}",
                    self.seed
                );
            }
        }
    }
}

#[test]
fn the_server_agrees_with_check_after_every_step_of_a_random_walk() {
    let steps = std::env::var("ECA_LS_ORACLE_STEPS")
        .ok()
        .and_then(|steps| steps.parse().ok())
        .unwrap_or(DEFAULT_STEPS);
    let seed = std::env::var("ECA_LS_ORACLE_SEED")
        .ok()
        .and_then(|seed| u64::from_str_radix(seed.trim_start_matches("0x"), 16).ok())
        .unwrap_or(DEFAULT_SEED);
    let mut walk = Walk::new(seed);
    walk.check(0);
    let started = std::time::Instant::now();
    for step in 1..=steps {
        walk.step();
        walk.check(step);
        if step % PROGRESS_EVERY == 0 {
            eprintln!(
                "oracle: seed {seed:#x}, {step} of {steps} steps, {} with findings, no difference so far ({:.0} s)",
                walk.states_with_findings,
                started.elapsed().as_secs_f64()
            );
        }
    }
    // Every kind of step ran (a walk that never deletes would prove little).
    for kind in STEP_KINDS {
        assert!(
            walk.kinds_taken.contains(kind),
            "no `{kind}` step in {steps} steps of seed {seed:#x}"
        );
    }
    assert!(
        walk.states_with_findings > steps / 2,
        "only {} of {steps} steps of seed {seed:#x} had findings to compare",
        walk.states_with_findings
    );
    eprintln!(
        "oracle: seed {seed:#x}, {steps} steps ({} with findings), no difference",
        walk.states_with_findings
    );
    assert!(walk.client.shutdown_and_exit().success());
}
