//! The command line: argument parsing and dispatch to the subcommands. A thin front on the
//! analysis crate, like the language server.

pub mod apply;
mod authoring;
mod check;
mod explain;
mod flows;
mod fmt;
mod migrate;
mod migration_doc;
pub mod plan;
mod projects;
mod report;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use eca_schema::ApiVersion;

/// Exit code for bad usage or unreadable input.
pub const EXIT_USAGE: u8 = 2;
/// Exit code when errors (or, with --deny-warnings, warnings) were found.
pub const EXIT_FINDINGS: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "eca-ls",
    version,
    about = "Language server and checker for Salesforce External Client App metadata",
    long_about = "Checks Salesforce External Client App metadata (*.eca-meta.xml, *.ecaOauth-meta.xml, *.ecaGlblOauth-meta.xml, *.ecaOauthPlcy-meta.xml, *.ecaPlcy-meta.xml, the other *.eca* types and settings/OauthOidc.settings-meta.xml) and serves the Language Server Protocol over stdio.\n\nWithout a subcommand, eca-ls serves LSP over stdio, as editors expect."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check ECA files and print findings like a compiler
    Check(CheckArgs),
    /// Serve the Language Server Protocol over stdio
    Lsp,
    /// Export the schema eca-ls checks against
    Schema(SchemaArgs),
    /// Explain a diagnostic code: why, an example that fires, the fix, the sources
    Explain(ExplainArgs),
    /// List every diagnostic code with its severity and title
    Rules(RulesArgs),
    /// List the OAuth flows each app switches on and what each still needs
    Flows(FlowsArgs),
    /// Format ECA files: fields in canonical order, one element per line, values untouched
    Fmt(FmtArgs),
    /// Turn Connected Apps into External Client App files, setting by setting
    Migrate(MigrateArgs),
    /// Create a new External Client App, ready for its OAuth flows
    New(NewArgs),
    /// Configure an existing External Client App for more OAuth flows
    Configure(ConfigureArgs),
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files or folders to format (default: the current folder)
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit with status 1 if any would
    #[arg(long)]
    pub check: bool,
    /// Whose layout: Prettier's when the project's Prettier configuration loads
    /// @prettier/plugin-xml (auto), Salesforce's, or Prettier's (default: [format] style in
    /// eca-ls.toml, else auto)
    #[arg(long, value_enum)]
    pub style: Option<FormatStyleArg>,
    #[command(flatten)]
    pub write: plan::WriteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatStyleArg {
    /// Prettier's when the project's Prettier configuration loads @prettier/plugin-xml
    Auto,
    /// As Salesforce retrieves files
    Salesforce,
    /// As Prettier with @prettier/plugin-xml prints them
    Prettier,
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Connected App files (`*.connectedApp-meta.xml`, `connectedApps/*.connectedApp`) or
    /// folders holding them (default: the current folder)
    pub paths: Vec<PathBuf>,
    /// Write the new files under this folder (its type folders) instead of next to the
    /// Connected App
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,
    /// The new app's API name (default: the Connected App's); for one Connected App only
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Print the Connected App → External Client App mapping, with a migration end to end, as
    /// Markdown (docs/migration.md), and exit
    #[arg(long, exclusive = true)]
    pub mapping: bool,
    /// `--dry-run` and `--diff` show the files and the report and write nothing; `--format
    /// json` gives the report as one JSON document with the new files' texts
    #[command(flatten)]
    pub write: plan::WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The app's API name: letters, digits and single underscores, starting with a letter
    pub name: String,
    #[command(flatten)]
    pub options: FlowOptions,
    /// The label admins and users see (default: the name with spaces for underscores)
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
    /// Whether the app stays in this org or ships in a package
    #[arg(long, value_enum, default_value_t = DistributionArg::Local)]
    pub distribution: DistributionArg,
    /// The folder the app goes into: the sfdx project at or above it (its default package
    /// directory), else Metadata API format right in it (default: the current folder)
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ConfigureArgs {
    /// The app's API name, or one of its files
    #[arg(value_name = "APP-OR-FILE")]
    pub app: String,
    #[command(flatten)]
    pub options: FlowOptions,
    /// Also make the changes that take access away from the app's current users
    #[arg(long)]
    pub allow_access_change: bool,
    /// The folder whose project holds the app, when APP-OR-FILE is a name (default: the
    /// current folder)
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,
}

/// What `new` and `configure` share: the flows and the values only the user knows.
#[derive(Debug, clap::Args)]
pub struct FlowOptions {
    /// A flow id of `eca-ls flows --format json` (code-credentials, headless-guest,
    /// client-credentials, web-server, …); repeat for several
    #[arg(long = "flow", value_name = "FLOW", required = true)]
    pub flows: Vec<String>,
    /// A public client (single-page or mobile app: no secret, PKCE) or a private one (a server
    /// keeps the consumer secret)
    #[arg(long, value_enum)]
    pub client: Option<ClientArg>,
    /// A callback URL (OAuth redirect_uri); repeat for several
    #[arg(long = "callback-url", value_name = "URL")]
    pub callback_urls: Vec<String>,
    /// An OAuth scope as metadata writes it (Api, OpenID, RefreshToken, …); repeat or separate
    /// with commas
    #[arg(long = "scope", value_name = "SCOPE", value_delimiter = ',')]
    pub scopes: Vec<String>,
    /// A permission set whose users are pre-authorized, by API name or ID as your org accepts
    /// (Salesforce's sources disagree: ECA-REF-006); repeat or separate with commas
    #[arg(long = "permission-set", value_name = "NAME", value_delimiter = ',')]
    pub permission_sets: Vec<String>,
    /// The username the client credentials flow issues tokens for
    #[arg(long = "run-as", value_name = "USERNAME")]
    pub run_as: Option<String>,
    /// The Apex class of the token exchange handler the token exchange flow needs
    /// (`tokenHandlerApex`; it extends Auth.Oauth2TokenExchangeHandler)
    #[arg(long = "token-exchange-handler", value_name = "APEX_CLASS")]
    pub token_exchange_handler: Option<String>,
    /// The username that runs the token exchange handler's Apex class for the app
    /// (`apexExecutionUser`; Salesforce recommends an integration user)
    #[arg(long = "apex-execution-user", value_name = "USERNAME")]
    pub apex_execution_user: Option<String>,
    /// A token type the token exchange handler accepts: access-token, id-token, jwt,
    /// refresh-token, saml2; repeat or separate with commas
    #[arg(long = "token-type", value_name = "TYPE", value_delimiter = ',')]
    pub token_types: Vec<String>,
    /// A PEM certificate file for the JWT bearer flow (never the private key)
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,
    /// A PEM certificate file that checks the client-attestation JWTs of OAuth 2.0 for
    /// First-Party Applications
    #[arg(long = "assertion-certificate", value_name = "FILE")]
    pub assertion_certificate: Option<PathBuf>,
    /// Write for this API version instead of the project's (e.g. 65.0)
    #[arg(long, value_name = "VERSION", value_parser = parse_api_version)]
    pub api_version: Option<ApiVersion>,
    #[command(flatten)]
    pub write: plan::WriteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClientArg {
    Public,
    Private,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DistributionArg {
    Local,
    Packaged,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code, such as ECA-REF-010 or element-order (`eca-ls rules` lists them)
    pub code: String,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per code: code, severity, title
    Human,
    /// Every code with its documentation, as JSON
    Json,
    /// The full reference, as kept in docs/rules.md
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Print the schema as an XML Schema (XSD 1.0) for xmllint or Red Hat's XML extension
    #[arg(long, required = true)]
    pub xsd: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Check against this API version instead of the project's (e.g. 65.0)
    #[arg(long, value_name = "VERSION", value_parser = parse_api_version)]
    pub api_version: Option<ApiVersion>,
    /// Exit with status 1 when there are warnings, not only errors
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also list hints (such as element-order) in human output
    #[arg(long)]
    pub hints: bool,
    /// Also check the files the project's .forceignore leaves out of deploys
    #[arg(long)]
    pub include_ignored: bool,
    /// Threads to read, parse and check with (default: RAYON_NUM_THREADS, else one per core)
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Apply every safe fix in place, repeating until nothing changes, then report what is left
    /// (a file with syntax errors is never rewritten)
    #[arg(long)]
    pub fix: bool,
    /// With --fix: also apply each unsafe fix that is the single preferred fix of its finding
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// With --fix: print the changes as a unified diff instead of writing them
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// Report at most N findings per file, the last saying how many more (0: all; default:
    /// max-findings in eca-ls.toml, else 200)
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// The security posture profile: `strict` adds the posture checks that follow Salesforce's
    /// security controls (default: `profile` in eca-ls.toml, else baseline)
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<ProfileArg>,
}

#[derive(Debug, clap::Args)]
pub struct FlowsArgs {
    /// Files or folders to look at (default: the current folder)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = FlowsFormat::Human)]
    pub format: FlowsFormat,
    /// Read the files as this API version instead of the project's (e.g. 65.0)
    #[arg(long, value_name = "VERSION", value_parser = parse_api_version)]
    pub api_version: Option<ApiVersion>,
    /// Also read the files the project's .forceignore leaves out of deploys
    #[arg(long)]
    pub include_ignored: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// The checks every project gets
    Baseline,
    /// Also the posture checks (ECA-POSTURE-…), as warnings
    Strict,
}

impl From<ProfileArg> for eca_analysis::Profile {
    fn from(profile: ProfileArg) -> eca_analysis::Profile {
        match profile {
            ProfileArg::Baseline => eca_analysis::Profile::Baseline,
            ProfileArg::Strict => eca_analysis::Profile::Strict,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowsFormat {
    /// A table per app: flow, state, what is missing (file → field = value — why)
    Human,
    /// One JSON document with LSP positions and the fixes' edits
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// path:line:col: severity[code]: message, with the source line
    Human,
    /// One JSON document with LSP positions
    Json,
    /// SARIF 2.1.0 for code-scanning upload
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`): annotations on a
    /// pull request without code scanning
    Github,
}

fn parse_api_version(text: &str) -> Result<ApiVersion, String> {
    text.parse().map_err(|error| format!("{error}"))
}

/// Run a parsed command line.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Flows(args) => flows::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Migrate(args) => migrate::run(&args),
        Command::New(args) => authoring::run_new(&args),
        Command::Configure(args) => authoring::run_configure(&args),
        Command::Lsp => crate::lsp::run(),
        Command::Explain(args) => explain::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Schema(_) => {
            print!("{}", eca_schema::export_xsd(eca_schema::Schema::get()));
            ExitCode::SUCCESS
        }
    }
}

/// Say what stopped the command on stderr, and exit with the usage status.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("eca-ls: {message}");
    ExitCode::from(EXIT_USAGE)
}
