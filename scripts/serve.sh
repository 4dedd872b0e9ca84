#!/usr/bin/env bash
# Sets everything up, then serves the site with live reload at http://127.0.0.1:8000/
# (the site lives under the same /handbook/ path as on GitHub Pages; / redirects there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
# A save rebuilds only the changed page (--dirty: under a second instead of a full build).
# Chapter lists, the tag index and the glossary are only refreshed by a full rebuild: after
# changing a question's title or tags, restart, or serve with FULL_REBUILD=1.
dirty=(--dirty)
[ "${FULL_REBUILD:-}" = 1 ] && dirty=()
exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload "${dirty[@]}" "$@"
