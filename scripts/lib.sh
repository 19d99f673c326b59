#!/usr/bin/env bash
# Shared helpers for the project's scripts: installing Debian packages when missing.

# Install Debian packages (as root or through sudo) unless every named command exists.
# Usage: ensure_debian_packages "cmd1 cmd2" pkg1 pkg2 ...
ensure_debian_packages() {
  local commands=$1; shift
  local missing=0 cmd
  for cmd in $commands; do command -v "$cmd" >/dev/null 2>&1 || missing=1; done
  [ "$missing" = 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: need the Debian packages $* (for: $commands) but cannot install them without root or sudo" >&2
      return 1
    fi
  fi
  echo "installing Debian packages: $*"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null; }; then
    echo "error: could not install the Debian packages $* (needed for: $commands); install them by hand and retry" >&2
    return 1
  fi
}
