#!/usr/bin/env bash
# Emacs with eglot and editors/emacs/eca-ls.el, used as a person would in a terminal
# (tests/emacs/emacs.test.mjs): a real `emacs -nw` under tmux, its init file the one docs/editors.md
# shows, keys sent with `tmux send-keys` and the screen read with `tmux capture-pane`. eglot
# attaches to an ECA file, the cross-file conflict shows in flymake's list, completion offers the
# fields the file can still take.
#
# Debian's emacs-nox and tmux, and elpa-eglot where Emacs is older than 29 (bookworm has 28.2),
# are installed with apt-get when missing. ECA_LS_BIN=<path> tests that binary instead of
# building target/debug/eca-ls; ECA_LS_KEEP=1 keeps the scratch folders.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib.sh

ensure_debian_packages "emacs tmux" emacs-nox tmux
if ! emacs -q --batch --eval "(require 'eglot)" >/dev/null 2>&1; then
  # Emacs 29 and later have eglot built in; Debian's package brings it to older ones.
  ensure_debian_packages_installed "eglot for Emacs before 29" elpa-eglot
  emacs -q --batch --eval "(require 'eglot)" >/dev/null 2>&1 || {
    echo "emacs: eglot is missing from $(emacs --version | head -n 1); install elpa-eglot or Emacs 29+" >&2
    exit 1
  }
fi
command -v node >/dev/null || { echo "emacs: node is missing: the test runs on Node.js 18 or newer" >&2; exit 1; }
echo "==> $(emacs --version | head -n 1), eglot $(emacs -q --batch --eval "(progn (require 'eglot) (princ (or (and (fboundp 'package-get-version) (with-current-buffer (find-file-noselect (locate-library \"eglot.el\")) (package-get-version))) \"?\")))" 2>/dev/null)"

binary=${ECA_LS_BIN:-}
if [ -z "$binary" ]; then
  cargo build --locked --bin eca-ls
  binary="$ROOT/target/debug/eca-ls"
fi
# Absolute: Emacs runs in a project of its own, where a relative path finds nothing.
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
ECA_LS_REPO="$ROOT" ECA_LS_BIN="$binary" node --test "$ROOT/tests/emacs/emacs.test.mjs"
