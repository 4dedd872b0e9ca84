#!/usr/bin/env bash
# Sets everything up (Python packages, chromium, CJK fonts), then runs every check and test:
# the strict build with the page validation, content cross-checks against NumPy and PyTorch,
# snippets, figures, search and the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
# Fast feedback first: Chinese copywriting, spelling and Markdown rules (tests check them too).
.venv/bin/python scripts/lint.py
exec .venv/bin/python -m pytest tests "$@"
