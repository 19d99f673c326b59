//! What a source link must be: the page a claim rests on, never a guide's root or a site's
//! front page. Used by the tests of every crate that cites Salesforce.

/// Why `url` is not a link to one page, or `None` when it is one.
///
/// Salesforce developer docs must name a page (`…/meta_extlclntappglobaloauthsettings.htm`,
/// `…/headless-identity-enable-auth-code-creds-flow.md`), not a guide's folder; Help links must
/// name an article (`articleView?id=xcloud.….htm`). Other sites need a path beyond `/`.
pub fn page_link_problem(url: &str) -> Option<String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some(format!("{url}: not an https link"));
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path_only = path.split(['?', '#']).next().unwrap_or_default();
    let names_a_page = |path: &str| {
        [".htm", ".html", ".md"]
            .iter()
            .any(|extension| path.ends_with(extension))
    };
    match host {
        "help.salesforce.com" => {
            let article = url
                .split(['?', '&'])
                .find_map(|part| part.strip_prefix("id="))
                .unwrap_or_default();
            if article.is_empty() {
                Some(format!("{url}: a Help link must name its article (`id=…`)"))
            } else {
                None
            }
        }
        "developer.salesforce.com" if !names_a_page(path_only) => Some(format!(
            "{url}: names a guide or folder, not a page (link to the `.htm`, `.html` or `.md` page itself)"
        )),
        _ if path_only.trim_matches('/').is_empty() => {
            Some(format!("{url}: a site's front page, not a page"))
        }
        _ => None,
    }
}
