#!/usr/bin/env bash
# `eca-ls fmt` and Prettier with @prettier/plugin-xml must not undo each other in a project
# that `sf project generate` made: that command writes a .prettierrc loading the XML plugin and a
# lint-staged hook running `prettier --write` on every staged .xml file. With that .prettierrc
# (taken from @salesforce/templates, the package that holds the project template), on the
# real-world corpus and the example project:
#   1. Prettier leaves what `eca-ls fmt` wrote unchanged;
#   2. `eca-ls fmt --check` accepts what Prettier wrote from files eca-ls had formatted, and
#      from the corpus as it is, except the files listed below with the reason eca-ls changes
#      them (fields out of canonical order, a declaration spelled `utf-8`).
# Installs Prettier and the plugins (exact versions: tests/prettier/package-lock.json) into
# .tools/prettier, reused when already there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/lib.sh
TOOLS="$ROOT/.tools/prettier"
SOURCE="$ROOT/tests/prettier"
CORPUS="$ROOT/../shared/corpus/repos"

fail() { echo "error: $*" >&2; exit 1; }
command -v npm >/dev/null || fail "npm is missing: install Node.js (20 or newer) with npm"
[ -d "$CORPUS" ] || fail "the corpus is missing: expected it at $CORPUS (../shared next to the repository)"

ensure_npm_packages "$SOURCE" "$TOOLS" "$TOOLS/node_modules/.bin/prettier" ||
  fail "could not install Prettier, @prettier/plugin-xml, prettier-plugin-apex and @salesforce/templates into .tools/prettier"
PRETTIER="$TOOLS/node_modules/.bin/prettier"
TEMPLATE="$TOOLS/node_modules/@salesforce/templates/lib/templates/project"
[ -f "$TEMPLATE/.prettierrc" ] || fail "@salesforce/templates no longer holds lib/templates/project/.prettierrc"
grep -q '@prettier/plugin-xml' "$TEMPLATE/.prettierrc" || fail "the template's .prettierrc no longer loads @prettier/plugin-xml"

cargo build --release --locked --quiet
ECA_LS="$ROOT/target/release/eca-ls"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# A project laid out as `sf project generate` lays it out, holding the corpus and the example.
new_project() {
  local project=$1
  mkdir -p "$project"
  cp "$TEMPLATE/.prettierrc" "$TEMPLATE/.prettierignore" "$project/"
  # Where `npm install` puts the plugins the .prettierrc names: Prettier loads them from there.
  ln -s "$TOOLS/node_modules" "$project/node_modules"
  cp -r "$CORPUS" "$project/repos"
  cp -r "$ROOT/examples" "$project/examples"
  # The corpus repositories are folders of one project here: their own configuration stays out.
  find "$project" -name 'sfdx-project.json' -delete
}

# The files Prettier formats (its XML plugin takes `.xml` names) and eca-ls formats too. One
# corpus file holds unresolved merge-conflict markers: both refuse it, each with its own error.
xml_files() {
  (cd "$1" && find repos examples -name '*-meta.xml' | sort | grep -v 'manish-amadeus__HOS/')
}

# --- 1. Prettier leaves eca-ls's output alone ------------------------------------------------
one="$scratch/one"
new_project "$one"
set +e
(cd "$one" && "$ECA_LS" fmt repos examples >"$scratch/fmt.out" 2>"$scratch/fmt.err")
status=$?
set -e
# The merge-conflict file is skipped with exit status 2, and nothing else is.
[ "$status" = 2 ] || { cat "$scratch/fmt.err" >&2; fail "eca-ls fmt exited with $status, expected 2 for the file with merge-conflict markers"; }
[ "$(grep -c . "$scratch/fmt.err")" = 1 ] && grep -q 'manish-amadeus__HOS' "$scratch/fmt.err" ||
  { cat "$scratch/fmt.err" >&2; fail "eca-ls fmt skipped other files than the one with merge-conflict markers"; }
mapfile -t files < <(xml_files "$one")
(cd "$one" && "$PRETTIER" --check "${files[@]}") >"$scratch/prettier.out" 2>&1 ||
  { cat "$scratch/prettier.out" >&2; fail "Prettier would change files eca-ls fmt formatted (listed above)"; }
echo "Prettier leaves all ${#files[@]} files eca-ls fmt formatted unchanged"

# --- 2a. eca-ls accepts what Prettier makes of files eca-ls formatted -------------------------
(cd "$one" && "$PRETTIER" --write "${files[@]}" >/dev/null)
(cd "$one" && "$ECA_LS" fmt --check "${files[@]}") ||
  fail "eca-ls fmt --check rejects what Prettier wrote from eca-ls's own output (listed above)"
echo "eca-ls fmt --check accepts Prettier's output of those ${#files[@]} files"

# --- 2b. ... and of the corpus as it is, but for the files eca-ls changes for a reason ---------
two="$scratch/two"
new_project "$two"
(cd "$two" && "$PRETTIER" --write "${files[@]}" >/dev/null)
set +e
(cd "$two" && "$ECA_LS" fmt --check "${files[@]}" >"$scratch/check.out" 2>&1)
status=$?
set -e
expected=(
  # label before isClientCredentialsFlowEnabled: eca-ls sorts the fields into canonical order
  "repos/lzdravkov__rlm-agent-config-concept/force-app/main/default/extlClntAppOauthPolicies/RevenueAgent_Headless.ecaOauthPlcy-meta.xml"
  # <?xml version="1.0" encoding="utf-8"?>: eca-ls writes the declaration as Salesforce does
  "repos/emielergo__dev-org-2025/force-app/main/default/settings/ExternalClientApp.settings-meta.xml"
)
mapfile -t rejected < <(grep -o 'repos/[^: ]*-meta.xml\|examples/[^: ]*-meta.xml' "$scratch/check.out" | sort -u)
if [ "$status" != 1 ] || [ "$(printf '%s\n' "${rejected[@]}")" != "$(printf '%s\n' "${expected[@]}" | grep -v '^#' | sort)" ]; then
  cat "$scratch/check.out" >&2
  fail "eca-ls fmt --check on Prettier's output of the corpus: expected exactly the files listed in this script to be rejected"
fi
echo "eca-ls fmt --check accepts Prettier's output of the corpus but for ${#rejected[@]} files it reorders or re-declares (listed in this script)"
