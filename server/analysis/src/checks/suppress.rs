//! Silencing findings with comments, and reporting comments that silence nothing.
//!
//! - `<!-- eca-ls-disable-next-line CODE[, CODE] -->` silences those codes inside the element
//!   that follows the comment (no code: every code).
//! - `<!-- eca-ls-disable CODE[, CODE] -->` anywhere silences those codes in the whole file
//!   (no code: every code).
//!
//! A reason may follow the codes after a colon: `<!-- eca-ls-disable-next-line ECA-PLG-001:
//! switched on at go-live -->` (XML comments cannot hold the `--` other linters use for that).

use eca_syntax::{Document, Node, TextRange};

use crate::checks::registry;
use crate::checks::rules::posture;
use crate::model::codes;
use crate::model::diagnostic::{Diagnostic, FileEdit, Fix, Severity};
use crate::model::project::{Project, SourceFile};
use crate::model::text_util::{closest_match, quoted_list};

const NEXT_LINE_DIRECTIVE: &str = "eca-ls-disable-next-line";
const FILE_DIRECTIVE: &str = "eca-ls-disable";

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Suppression {
    comment: TextRange,
    directive: &'static str,
    /// Empty: every code.
    codes: Vec<String>,
    /// The text after the colon, if any.
    reason: Option<String>,
    /// Where it applies: the next element, or the whole file.
    scope: TextRange,
    used: Vec<bool>,
    used_without_codes: bool,
}

/// Drop the diagnostics that suppression comments in `file` silence, and add a hint for each
/// suppression comment or code that silenced nothing.
pub fn apply(
    project: &Project,
    file: &SourceFile,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut suppressions = find_suppressions(file);
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let mut silenced = false;
        for suppression in &mut suppressions {
            if !suppression.scope.contains_range(diagnostic.range)
                && !suppression.scope.touches(diagnostic.range.start)
            {
                continue;
            }
            if suppression.codes.is_empty() {
                suppression.used_without_codes = true;
                silenced = true;
            } else if let Some(index) = suppression
                .codes
                .iter()
                .position(|code| code.eq_ignore_ascii_case(&diagnostic.code))
            {
                suppression.used[index] = true;
                silenced = true;
            }
        }
        if !silenced {
            kept.push(diagnostic);
        }
    }
    for suppression in &suppressions {
        kept.extend(unused(project, file, suppression));
    }
    kept
}

/// The hints for what a suppression comment silenced nothing with: the whole comment, its
/// codes that are not eca-ls codes (one hint), and each real code that matched nothing. A code
/// of the strict profile in a project that does not run it is not unused: the comment is for
/// wherever that profile runs (CI with `--profile strict`), and bulk fixing must not remove it.
fn unused(project: &Project, file: &SourceFile, suppression: &Suppression) -> Vec<Diagnostic> {
    if suppression.codes.is_empty() {
        if suppression.used_without_codes {
            return Vec::new();
        }
        return vec![hint(
            file,
            suppression,
            "this suppression silences nothing".to_string(),
            remove_comment_fix(file, suppression),
        )];
    }
    let unknown: Vec<&str> = suppression
        .codes
        .iter()
        .filter(|code| registry::code_info(code).is_none())
        .map(String::as_str)
        .collect();
    let unused_known: Vec<&str> = suppression
        .codes
        .iter()
        .zip(&suppression.used)
        .filter(|(code, used)| {
            !**used
                && registry::code_info(code)
                    .is_some_and(|info| posture::runs_in(project, info.code))
        })
        .map(|(code, _)| code.as_str())
        .collect();
    let nothing_used = suppression.used.iter().all(|used| !used);
    let mut hints = Vec::new();
    if !unknown.is_empty() {
        let names = registry::all_code_names();
        let suggestions: Vec<String> = unknown
            .iter()
            .filter_map(|code| {
                let best = closest_match(code, names.iter().copied())?;
                Some(if unknown.len() == 1 {
                    format!("`{best}`")
                } else {
                    format!("`{best}` for `{code}`")
                })
            })
            .collect();
        let mut message = if unknown.len() == 1 {
            format!(
                "{} is not an eca-ls code, so it silences nothing",
                quoted_list(&unknown, "and")
            )
        } else {
            format!(
                "{} are not eca-ls codes, so they silence nothing",
                quoted_list(&unknown, "and")
            )
        };
        if !suggestions.is_empty() {
            message.push_str(&format!(" (did you mean {}?)", suggestions.join(", ")));
        }
        if unknown.len() > 1 {
            message.push_str(&format!(
                "; to give a reason, write it after a colon: `<!-- {} CODE: why -->`",
                suppression.directive
            ));
        }
        let fix = if nothing_used && unused_known.is_empty() {
            remove_comment_fix(file, suppression)
        } else {
            without_codes_fix(file, suppression, &unknown)
        };
        hints.push(hint(file, suppression, message, fix));
    }
    for code in unused_known {
        let fix = if nothing_used && unknown.is_empty() && suppression.codes.len() == 1 {
            remove_comment_fix(file, suppression)
        } else {
            without_codes_fix(file, suppression, &[code])
        };
        hints.push(hint(
            file,
            suppression,
            format!("nothing here is reported as `{code}`; the suppression is unused"),
            fix,
        ));
    }
    hints
}

fn hint(file: &SourceFile, suppression: &Suppression, message: String, fix: Fix) -> Diagnostic {
    Diagnostic::new(
        &file.path,
        suppression.comment,
        Severity::Hint,
        codes::UNUSED_SUPPRESSION,
        message,
    )
    .with_fix(fix.preferred())
}

fn remove_comment_fix(file: &SourceFile, suppression: &Suppression) -> Fix {
    // A comment: nothing an org reads.
    Fix::new(
        "Remove the unused suppression comment",
        vec![remove_comment_line(file, suppression.comment)],
    )
    .safe()
}

/// Rewrite the comment without `dropped` (keeping the other codes and the reason).
fn without_codes_fix(file: &SourceFile, suppression: &Suppression, dropped: &[&str]) -> Fix {
    let remaining: Vec<&str> = suppression
        .codes
        .iter()
        .map(String::as_str)
        .filter(|code| !dropped.contains(code))
        .collect();
    let reason = suppression
        .reason
        .as_deref()
        .map(|reason| format!(": {reason}"))
        .unwrap_or_default();
    let comment = format!(
        "<!-- {} {}{reason} -->",
        suppression.directive,
        remaining.join(", ")
    );
    Fix::new(
        format!(
            "Remove {} from the suppression comment",
            quoted_list(dropped, "and")
        ),
        vec![FileEdit::replace(&file.path, suppression.comment, comment)],
    )
    .safe()
}

fn find_suppressions(file: &SourceFile) -> Vec<Suppression> {
    let document = &file.parse.document;
    let mut found = Vec::new();
    collect(document, document.top_level(), file, &mut found);
    for id in document.element_ids() {
        collect(document, document.element(id).children(), file, &mut found);
    }
    found
}

fn collect(document: &Document, nodes: &[Node], file: &SourceFile, found: &mut Vec<Suppression>) {
    for (index, node) in nodes.iter().enumerate() {
        let Node::Comment(comment) = node else {
            continue;
        };
        let content = comment.content().slice(&file.text).trim();
        let (directive, scope, rest) = if let Some(rest) = content.strip_prefix(NEXT_LINE_DIRECTIVE)
        {
            let next_element = nodes[index + 1..].iter().find_map(|node| match node {
                Node::Element(id) => Some(document.element(*id).range()),
                _ => None,
            });
            // A directive with nothing after it applies to nothing, and is reported unused.
            (
                NEXT_LINE_DIRECTIVE,
                next_element.unwrap_or(TextRange::empty(comment.range().end)),
                rest,
            )
        } else if let Some(rest) = content.strip_prefix(FILE_DIRECTIVE) {
            (FILE_DIRECTIVE, TextRange::new(0, file.text.len()), rest)
        } else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) && !rest.starts_with(':') {
            continue;
        }
        let (code_list, reason) = match rest.split_once(':') {
            Some((code_list, reason)) => (code_list, Some(reason.trim().to_string())),
            None => (rest, None),
        };
        let codes: Vec<String> = code_list
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_string)
            .collect();
        found.push(Suppression {
            comment: comment.range(),
            directive,
            used: vec![false; codes.len()],
            codes,
            reason: reason.filter(|reason| !reason.is_empty()),
            scope,
            used_without_codes: false,
        });
    }
}

/// Delete a comment, and its line when nothing else is on it.
fn remove_comment_line(file: &SourceFile, comment: TextRange) -> FileEdit {
    let text = &file.text;
    let line_start = text[..comment.start]
        .rfind('\n')
        .map_or(0, |index| index + 1);
    let line_end = text[comment.end..]
        .find('\n')
        .map_or(text.len(), |index| comment.end + index + 1);
    let alone = text[line_start..comment.start].trim().is_empty()
        && text[comment.end..line_end].trim().is_empty();
    if alone {
        FileEdit::delete(&file.path, TextRange::new(line_start, line_end))
    } else {
        FileEdit::delete(&file.path, comment)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{
        project, render_fix, render_project_diagnostics, render_project_diagnostics_where,
    };
    use crate::model::codes;

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    const HEADER: &str = "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n</ExternalClientApplication>\n";

    /// OAuth settings with two scope problems (ECA-REF-010) and a field out of order.
    fn settings(comment_before_scopes: &str, comment_at_top: &str) -> String {
        format!(
            "{HEADER}//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{comment_at_top}    <label>Portal</label>\n{comment_before_scopes}    <commaSeparatedOauthScopes>api, Webb</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n</ExtlClntAppOauthSettings>\n"
        )
    }

    #[test]
    fn without_comments_everything_is_reported() {
        check(
            &settings("", ""),
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:3:6 hint[element-order] the fields of `ExtlClntAppOauthSettings` are not in canonical order: `commaSeparatedOauthScopes` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
                Portal_oauth.ecaOauth-meta.xml:3:32 warning[ECA-REF-010] `api` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `Api`
                  fix* Change to `Api`
                Portal_oauth.ecaOauth-meta.xml:3:37 warning[ECA-REF-010] `Webb` is not an OAuth scope token; did you mean `Web`?
                  fix* Change to `Web`
            "#]],
        );
    }

    #[test]
    fn disable_next_line_silences_the_listed_codes_in_the_next_element() {
        check(
            &settings(
                "    <!-- eca-ls-disable-next-line ECA-REF-010, element-order -->\n",
                "",
            ),
            expect![""],
        );
    }

    #[test]
    fn disable_next_line_does_not_reach_other_elements() {
        // The comment sits before `label`, not before the scopes.
        check(
            &settings("", "    <!-- eca-ls-disable-next-line ECA-REF-010 -->\n"),
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:2:5 hint[unused-suppression] nothing here is reported as `ECA-REF-010`; the suppression is unused
                  fix* Remove the unused suppression comment
                Portal_oauth.ecaOauth-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppOauthSettings` are not in canonical order: `commaSeparatedOauthScopes` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
                Portal_oauth.ecaOauth-meta.xml:4:32 warning[ECA-REF-010] `api` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `Api`
                  fix* Change to `Api`
                Portal_oauth.ecaOauth-meta.xml:4:37 warning[ECA-REF-010] `Webb` is not an OAuth scope token; did you mean `Web`?
                  fix* Change to `Web`
            "#]],
        );
    }

    #[test]
    fn disable_without_codes_silences_everything_in_the_next_element() {
        check(
            &settings("    <!-- eca-ls-disable-next-line -->\n", ""),
            expect![""],
        );
    }

    #[test]
    fn disable_silences_a_code_in_the_whole_file() {
        check(
            &settings("", "    <!-- eca-ls-disable eca-ref-010 -->\n"),
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppOauthSettings` are not in canonical order: `commaSeparatedOauthScopes` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
            "#]],
        );
    }

    #[test]
    fn disable_without_codes_silences_everything_in_the_file() {
        check(&settings("", "    <!-- eca-ls-disable -->\n"), expect![""]);
    }

    #[test]
    fn unused_and_misspelled_suppressions_get_hints_with_a_removal() {
        let fixture = settings(
            "    <!-- eca-ls-disable-next-line ECA-REF-010, ECA-REF-01, invalid-value -->\n",
            "    <!-- eca-ls-disable deprecated -->\n",
        );
        let project = project(&fixture);
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:2:5 hint[unused-suppression] nothing here is reported as `deprecated`; the suppression is unused
              fix* Remove the unused suppression comment
            Portal_oauth.ecaOauth-meta.xml:4:5 hint[unused-suppression] `ECA-REF-01` is not an eca-ls code, so it silences nothing (did you mean `ECA-REF-001`?)
              fix* Remove `ECA-REF-01` from the suppression comment
            Portal_oauth.ecaOauth-meta.xml:4:5 hint[unused-suppression] nothing here is reported as `invalid-value`; the suppression is unused
              fix* Remove `invalid-value` from the suppression comment
            Portal_oauth.ecaOauth-meta.xml:5:6 hint[element-order] the fields of `ExtlClntAppOauthSettings` are not in canonical order: `commaSeparatedOauthScopes` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
              fix* Sort fields into canonical order
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Portal</label>
                <!-- eca-ls-disable-next-line ECA-REF-010, ECA-REF-01, invalid-value -->
                <commaSeparatedOauthScopes>api, Webb</commaSeparatedOauthScopes>
                <externalClientApplication>Portal</externalClientApplication>
            </ExtlClntAppOauthSettings>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "unused-suppression",
            "Remove the unused suppression comment",
        ));
    }

    #[test]
    fn a_reason_without_a_colon_is_pointed_out() {
        let project = project(&settings(
            "    <!-- eca-ls-disable-next-line ECA-REF-010 legacy scopes -->\n",
            "",
        ));
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:3:5 hint[unused-suppression] `legacy` and `scopes` are not eca-ls codes, so they silence nothing; to give a reason, write it after a colon: `<!-- eca-ls-disable-next-line CODE: why -->`
              fix* Remove `legacy` and `scopes` from the suppression comment
            Portal_oauth.ecaOauth-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppOauthSettings` are not in canonical order: `commaSeparatedOauthScopes` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
              fix* Sort fields into canonical order
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Portal</label>
                <!-- eca-ls-disable-next-line ECA-REF-010 -->
                <commaSeparatedOauthScopes>api, Webb</commaSeparatedOauthScopes>
                <externalClientApplication>Portal</externalClientApplication>
            </ExtlClntAppOauthSettings>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "unused-suppression",
            "Remove `legacy` and `scopes` from the suppression comment",
        ));
    }

    #[test]
    fn a_finding_of_an_app_rule_in_another_file_is_silenced_where_it_is_reported() {
        let fixture = "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n</ExternalClientApplication>\n//- /p/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <isEnabled>true</isEnabled>\n    <!-- eca-ls-disable-next-line ECA-PLG-001: the OAuth plugin is off until go-live -->\n    <isOauthPluginEnabled>false</isOauthPluginEnabled>\n</ExtlClntAppConfigurablePolicies>\n//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n";
        check(fixture, expect![""]);
    }

    #[test]
    fn configured_severities_and_codes_turned_off() {
        let fixture = format!(
            "//- /eca-ls.toml\n[rules]\n\"ECA-REF-010\" = \"error\"\n\"element-order\" = \"off\"\n{}",
            settings("", "")
        );
        check(
            &fixture,
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:3:32 error[ECA-REF-010] `api` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `Api`
                  fix* Change to `Api`
                Portal_oauth.ecaOauth-meta.xml:3:37 error[ECA-REF-010] `Webb` is not an OAuth scope token; did you mean `Web`?
                  fix* Change to `Web`
            "#]],
        );
    }

    /// A strict-profile code does not run in `baseline`, so a comment that silences it there has
    /// nothing to do, but is not unused: removing it (a safe fix, so bulk fixing would) would
    /// bring the finding back wherever the strict profile runs (CI with `--profile strict`).
    #[test]
    fn a_suppression_of_a_code_the_profile_does_not_run_is_not_unused() {
        let global = |profile: &str| {
            format!(
                "//- /eca-ls.toml\nprofile = \"{profile}\"\n//- /p/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <!-- eca-ls-disable ECA-POSTURE-008: a public client -->\n    <externalClientApplication>Portal</externalClientApplication>\n    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n    <isPkceRequired>true</isPkceRequired>\n    <label>Portal</label>\n</ExtlClntAppGlobalOauthSettings>\n"
            )
        };
        let render = |fixture: &str| {
            render_project_diagnostics_where(&project(fixture), |code| {
                code == "ECA-POSTURE-008" || code == codes::UNUSED_SUPPRESSION
            })
        };
        expect![[""]].assert_eq(&render(&global("baseline")));
        expect![[""]].assert_eq(&render(&global("strict")));
        let nothing_to_silence = global("strict").replace(
            "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
            "<isConsumerSecretOptional>false</isConsumerSecretOptional>",
        );
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:2:5 hint[unused-suppression] nothing here is reported as `ECA-POSTURE-008`; the suppression is unused
              fix* Remove the unused suppression comment
        "#]]
        .assert_eq(&render(&nothing_to_silence));
    }

    #[test]
    fn a_suppressed_finding_stays_silent_whatever_its_configured_severity() {
        let fixture = format!(
            "//- /eca-ls.toml\n[rules]\n\"ECA-REF-010\" = \"error\"\n{}",
            settings("    <!-- eca-ls-disable-next-line ECA-REF-010 -->\n", "")
        );
        check(
            &fixture,
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppOauthSettings` are not in canonical order: `commaSeparatedOauthScopes` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
            "#]],
        );
    }
}
