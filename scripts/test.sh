#!/usr/bin/env bash
# Sets up (including Debian's chromium when run as root) and runs every check
# offline: ruff, the glossary check, and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
. .venv/bin/activate
ruff check .
wirealign glossary check
python -m pytest "$@"
