#!/usr/bin/env bash
# Shared helpers for the project's scripts: installing what they need when it is missing (Debian
# packages, Node 24, pinned npm packages under .tools/).

# Install Debian packages (as root or through sudo) unless every named command exists.
# Usage: ensure_debian_packages "cmd1 cmd2" pkg1 pkg2 ...
ensure_debian_packages() {
  local commands=$1; shift
  local missing=0 cmd
  for cmd in $commands; do command -v "$cmd" >/dev/null 2>&1 || missing=1; done
  [ "$missing" = 0 ] && return 0
  install_debian_packages "$commands" "$@"
}

# Install those of the Debian packages dpkg does not list as installed: for libraries, headers
# and other packages no command reveals. Usage: ensure_debian_packages_installed WHAT_FOR pkg1 ...
ensure_debian_packages_installed() {
  local what_for=$1; shift
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ "${#missing[@]}" = 0 ] && return 0
  install_debian_packages "$what_for" "${missing[@]}"
}

# Install Debian packages with apt-get, as root or through sudo (the environment variable goes
# through sudo with env, which sudo would otherwise drop). Usage: install_debian_packages WHAT_FOR pkg1 ...
install_debian_packages() {
  local what_for=$1; shift
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: need the Debian packages $* (for: $what_for) but cannot install them without root or sudo" >&2
      return 1
    fi
  fi
  echo "installing Debian packages: $*"
  if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }; then
    echo "error: could not install the Debian packages $* (needed for: $what_for); install them by hand and retry" >&2
    return 1
  fi
}

# Node 24 (the Salesforce CLI and code-server need 22 or newer): the machine's node when it is 24,
# else the npm registry's node-<platform>-<arch> package installed once into .tools/node24.
# Sets NODE24_BIN (the folder with node and npm) and NODE24_HOME. Usage: ensure_node24 REPO_ROOT
ensure_node24() {
  local root=$1 version=24.21.0 platform dir
  command -v node >/dev/null || { echo "error: node is missing: install Node.js (20 or newer) with npm" >&2; return 1; }
  if [ "$(node -p 'process.versions.node.split(".")[0]')" = "24" ]; then
    NODE24_BIN=$(dirname "$(command -v node)")
    NODE24_HOME=$(cd "$NODE24_BIN/.." && pwd)
    return 0
  fi
  platform=$(node -p 'process.platform + "-" + process.arch')
  dir="$root/.tools/node24"
  NODE24_HOME="$dir/node_modules/node-$platform"
  NODE24_BIN="$NODE24_HOME/bin"
  if [ ! -x "$NODE24_BIN/node" ] || [ "$("$NODE24_BIN/node" --version)" != "v$version" ]; then
    echo "installing Node $version (npm package node-$platform) into .tools/node24"
    mkdir -p "$dir"
    printf '{ "private": true, "dependencies": { "node-%s": "%s" } }\n' "$platform" "$version" >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --no-save --loglevel=error) &&
      [ -x "$NODE24_BIN/node" ] || {
      echo "error: could not install node-$platform@$version from the npm registry" >&2
      return 1
    }
  fi
}

# The npm packages pinned by SOURCE/package.json and SOURCE/package-lock.json, installed with
# `npm ci` into DIR (under the git-ignored .tools/) once: again only when those two files change
# (DIR/.installed holds their hash) or when CHECK, a path the install leaves, is missing. Any
# further arguments go to npm ci. Returns 1 when the install fails.
# Usage: ensure_npm_packages SOURCE DIR CHECK [npm ci options]
ensure_npm_packages() {
  local source=$1 dir=$2 check=$3; shift 3
  local hash
  hash=$(cat "$source/package.json" "$source/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$hash" ] && [ -e "$check" ]; then
    return 0
  fi
  echo "installing the npm packages of ${source#"$PWD"/} into ${dir#"$PWD"/}"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$source/package.json" "$source/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error "$@") || return 1
  echo "$hash" >"$dir/.installed"
}
