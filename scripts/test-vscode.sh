#!/usr/bin/env bash
# The VS Code extension's tests: unit tests of its pure functions (plain Node), then the packaged
# .vsix installed into a real VS Code (code-server) driven headless by Debian's Chromium through
# playwright-core. Installs what it needs into .tools/ (git-ignored, reused when already there),
# builds the release binary, packages the .vsix, runs the test, and leaves screenshots of every
# step in test-output/vscode/ (four of them, which docs/editors.md shows, are copied into
# docs/images/ when ECA_LS_UPDATE_SCREENSHOTS=1: a test run never changes tracked files otherwise).
#
# Environment: ECA_LS_VSCODE_KEEP=1 keeps code-server's temporary folder (settings, logs, the
# copied project) for a look after the run; ECA_LS_VSCODE_TESTS=<regex> runs only the end-to-end
# tests whose names match; ECA_LS_BINARY=<path> bundles that binary instead of building the
# release one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

TOOLS="$ROOT/.tools"
HARNESS_DIR="$TOOLS/vscode-e2e"
HARNESS_SOURCE="$ROOT/tests/vscode/harness"
EXTENSION_DIR="$ROOT/editors/vscode"
OUTPUT_DIR="$ROOT/test-output/vscode"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

step() { printf '\n--> vscode: %s\n' "$*"; }
fail() {
  printf '\nvscode: %s\n' "$*" >&2
  exit 1
}

# --- System packages: Chromium, and the headers code-server's native modules build against ----
vscode_packages=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev python3 make g++)
[ -x "$CHROMIUM" ] || vscode_packages+=(chromium)
ensure_debian_packages_installed "the VS Code test: Chromium and what code-server builds against" "${vscode_packages[@]}" ||
  fail "the VS Code test needs the Debian packages ${vscode_packages[*]}"
[ -x "$CHROMIUM" ] || fail "Debian's chromium did not install $CHROMIUM; set CHROMIUM to a Chromium binary"

command -v node >/dev/null || fail "node is missing: install Node.js (20 or newer) with npm"
command -v npm >/dev/null || fail "npm is missing: install npm"

# --- Node 24 for code-server (scripts/lib.sh: the machine's node when it is 24, else npm's) -----
node_platform=$(node -p 'process.platform + "-" + process.arch')
ensure_node24 "$ROOT" || fail "code-server needs Node 24"

# --- code-server and playwright-core, installed with Node 24 ------------------------------------
harness_stamp="$HARNESS_DIR/.installed"
harness_hash=$({
  cat "$HARNESS_SOURCE/package.json"
  cat "$HARNESS_SOURCE/package-lock.json" 2>/dev/null || true
} | sha256sum | cut -d' ' -f1)
harness_hash="$harness_hash node-$("$NODE24_BIN/node" --version)"
if [ ! -f "$harness_stamp" ] || [ "$(cat "$harness_stamp")" != "$harness_hash" ] ||
  [ ! -x "$HARNESS_DIR/node_modules/.bin/code-server" ] || [ ! -d "$HARNESS_DIR/node_modules/code-server/lib/vscode/node_modules" ]; then
  step "installing code-server and playwright-core into .tools/vscode-e2e (a few minutes: native modules are compiled)"
  rm -rf "$HARNESS_DIR"
  mkdir -p "$HARNESS_DIR"
  cp "$HARNESS_SOURCE/package.json" "$HARNESS_DIR/"
  [ -f "$HARNESS_SOURCE/package-lock.json" ] && cp "$HARNESS_SOURCE/package-lock.json" "$HARNESS_DIR/"
  install_command=install
  [ -f "$HARNESS_DIR/package-lock.json" ] && install_command=ci
  # node-gyp compiles against Node 24's own headers, never downloads any.
  if ! (cd "$HARNESS_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm "$install_command" --no-audit --no-fund --loglevel=error >"$HARNESS_DIR/install.log" 2>&1); then
    tail -n 60 "$HARNESS_DIR/install.log" >&2
    fail "installing code-server failed (log above, full log in .tools/vscode-e2e/install.log). It needs Node 24, a C++ toolchain and the headers of libkrb5-dev, libx11-dev, libxkbfile-dev and libsecret-1-dev."
  fi
  [ -d "$HARNESS_DIR/node_modules/code-server/lib/vscode/node_modules" ] ||
    fail "code-server installed without its VS Code modules (its postinstall did not run): see .tools/vscode-e2e/install.log"
  echo "$harness_hash" >"$harness_stamp"
fi
CODE_SERVER="$HARNESS_DIR/node_modules/.bin/code-server"

# --- The extension: dependencies, unit tests, type check -----------------------------------------
extension_stamp="$EXTENSION_DIR/node_modules/.installed"
extension_hash=$(sha256sum "$EXTENSION_DIR/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$extension_stamp" ] || [ "$(cat "$extension_stamp")" != "$extension_hash" ]; then
  step "installing the extension's build dependencies (npm ci in editors/vscode)"
  (cd "$EXTENSION_DIR" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in editors/vscode failed"
  echo "$extension_hash" >"$extension_stamp"
fi
step "type check and unit tests of the extension"
(cd "$EXTENSION_DIR" && npm run --silent typecheck && npm run --silent test:unit)

# --- The release binary and the .vsix ------------------------------------------------------------
if [ -z "${ECA_LS_BINARY:-}" ]; then
  step "building the release binary"
  cargo build --release --locked
else
  step "bundling $ECA_LS_BINARY (ECA_LS_BINARY) instead of the release build"
fi
rm -rf "$OUTPUT_DIR"
mkdir -p "$OUTPUT_DIR"
VSIX="$OUTPUT_DIR/eca-ls-$node_platform.vsix"
step "packaging the .vsix"
(cd "$EXTENSION_DIR" && node scripts/package.mjs --out "$VSIX") || fail "packaging the .vsix failed"

# --- code-server sessions on a free loopback port ------------------------------------------------
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/eca-ls-vscode.XXXXXX")
SESSION_DIR=""
CODE_SERVER_PID=""
# No extension gallery: nothing is fetched from outside this machine.
export EXTENSIONS_GALLERY='{}'

print_logs() {
  [ -n "$SESSION_DIR" ] || return 0
  printf '\n==== code-server log (%s) ====\n' "$SESSION_DIR/code-server.log" >&2
  tail -n 80 "$SESSION_DIR/code-server.log" >&2 2>/dev/null || true
  # The extension's output channel and the extension host log, where the client says what it did.
  while IFS= read -r log; do
    printf '\n==== %s ====\n' "${log#"$RUN_DIR"/}" >&2
    tail -n 60 "$log" >&2
  done < <(find "$SESSION_DIR/user-data/logs" -type f \( -name '*eca-ls*.log' -o -name 'exthost.log' -o -name 'remoteexthost.log' \) 2>/dev/null)
}
stop_code_server() {
  if [ -n "$CODE_SERVER_PID" ] && kill -0 "$CODE_SERVER_PID" 2>/dev/null; then
    # code-server runs in its own process group (setsid): end it with everything it started
    # (the VS Code server, the extension host, eca-ls).
    kill -TERM -- "-$CODE_SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$CODE_SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$CODE_SERVER_PID" 2>/dev/null || true
  fi
  CODE_SERVER_PID=""
}
cleanup() {
  local status=$?
  stop_code_server
  if [ "$status" -ne 0 ]; then
    print_logs
  fi
  if [ "${ECA_LS_VSCODE_KEEP:-}" = "1" ]; then
    echo "vscode: kept $RUN_DIR" >&2
  else
    rm -rf "$RUN_DIR"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A stand-in for Red Hat's XML extension (its id, its own completion provider for `xml`), which
# cannot be installed here; see tests/vscode/xml-stand-in/README.md.
STAND_IN_VSIX="$RUN_DIR/xml-stand-in.vsix"
(cd "$ROOT/tests/vscode/xml-stand-in" && node "$EXTENSION_DIR/node_modules/@vscode/vsce/vsce" package \
  --no-dependencies --allow-missing-repository --skip-license --out "$STAND_IN_VSIX" >"$RUN_DIR/stand-in-package.log" 2>&1) ||
  {
    cat "$RUN_DIR/stand-in-package.log" >&2
    fail "packaging tests/vscode/xml-stand-in failed"
  }

# run_session NAME SCREENSHOTS NODE-TEST-SELECTION VSIX…: a fresh code-server (user data,
# extensions, a copy of the fixture project) with these extensions installed, the end-to-end tests
# that the one node --test option NODE-TEST-SELECTION selects run against it, then stopped.
run_session() {
  local name=$1 screenshots=$2 test_selection=$3
  shift 3
  SESSION_DIR="$RUN_DIR/$name"
  local project="$SESSION_DIR/project"
  mkdir -p "$SESSION_DIR/user-data/User" "$SESSION_DIR/extensions" "$screenshots"
  cp -R "$ROOT/tests/vscode/fixture-project" "$project"
  cat >"$SESSION_DIR/user-data/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "files.autoSave": "off",
  "editor.hover.delay": 200,
  "editor.minimap.enabled": false,
  "ecaLs.trace.server": "messages"
}
JSON
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$SESSION_DIR/config.yaml"

  local extension
  for extension in "$@"; do
    PATH="$NODE24_BIN:$PATH" "$CODE_SERVER" --config "$SESSION_DIR/config.yaml" --user-data-dir "$SESSION_DIR/user-data" \
      --extensions-dir "$SESSION_DIR/extensions" --install-extension "$extension" >"$SESSION_DIR/install-extension.log" 2>&1 ||
      {
        cat "$SESSION_DIR/install-extension.log" >&2
        fail "code-server --install-extension $extension failed"
      }
  done

  local port
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
  step "$name: code-server on 127.0.0.1:$port with $(for extension in "$@"; do basename "$extension"; done | paste -sd' ')"
  PATH="$NODE24_BIN:$PATH" setsid "$CODE_SERVER" \
    --config "$SESSION_DIR/config.yaml" \
    --bind-addr "127.0.0.1:$port" \
    --auth none \
    --disable-telemetry \
    --disable-update-check \
    --disable-workspace-trust \
    --disable-getting-started-override \
    --user-data-dir "$SESSION_DIR/user-data" \
    --extensions-dir "$SESSION_DIR/extensions" \
    "$project" >"$SESSION_DIR/code-server.log" 2>&1 </dev/null &
  CODE_SERVER_PID=$!

  local ready=""
  for _ in $(seq 1 120); do
    kill -0 "$CODE_SERVER_PID" 2>/dev/null || fail "code-server exited before it was ready"
    if node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))' \
      "http://127.0.0.1:$port/healthz" 2>/dev/null; then
      ready=yes
      break
    fi
    sleep 0.5
  done
  [ -n "$ready" ] || fail "code-server did not answer on 127.0.0.1:$port within 60 s"

  step "$name: end-to-end tests in Chromium (screenshots in ${screenshots#"$ROOT"/})"
  CODE_SERVER_URL="http://127.0.0.1:$port/" \
    PROJECT_DIR="$project" \
    SCREENSHOT_DIR="$screenshots" \
    HARNESS_DIR="$HARNESS_DIR" \
    CHROMIUM="$CHROMIUM" \
    SCHEMA_DIR="$ROOT/server/schema/data" \
    "$NODE24_BIN/node" --test --test-concurrency=1 "$test_selection" \
    ${ECA_LS_VSCODE_TESTS:+--test-name-pattern="$ECA_LS_VSCODE_TESTS"} \
    "$ROOT/tests/vscode/e2e.test.mjs"
  stop_code_server
}

# The pictures docs/editors.md shows come from this run's screenshots of the steps that take them:
# every full run checks they were taken; ECA_LS_UPDATE_SCREENSHOTS=1 copies them into docs/images/
# (commit them when they changed), so that the docs show the extension as it is.
publish_screenshots() {
  local shot
  for shot in 02-problems:vscode-cross-file-conflict 03-completion:vscode-completion \
    05-hover:vscode-hover 06-flows:vscode-flow-readiness; do
    [ -s "$OUTPUT_DIR/${shot%%:*}.png" ] || fail "no screenshot ${shot%%:*}.png from the end-to-end tests"
    if [ "${ECA_LS_UPDATE_SCREENSHOTS:-}" = 1 ]; then
      mkdir -p "$ROOT/docs/images"
      cp "$OUTPUT_DIR/${shot%%:*}.png" "$ROOT/docs/images/${shot#*:}.png"
    fi
  done
  if [ "${ECA_LS_UPDATE_SCREENSHOTS:-}" = 1 ]; then
    step "screenshots for docs/editors.md copied into docs/images/"
  fi
}

STAND_IN_TEST="beside another XML extension"
# As most people have it: eca-ls alone.
run_session plain "$OUTPUT_DIR" "--test-skip-pattern=$STAND_IN_TEST" "$VSIX"
# Only a run of every test took every picture.
[ -n "${ECA_LS_VSCODE_TESTS:-}" ] || publish_screenshots
# Beside a second XML extension: it starts and works, and its items are not doubled.
run_session with-xml-stand-in "$OUTPUT_DIR/with-xml-stand-in" "--test-name-pattern=opens|$STAND_IN_TEST" "$VSIX" "$STAND_IN_VSIX"
