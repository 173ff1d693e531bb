#!/usr/bin/env bash
# Sets up, installs the en->ko and en->ja models when missing, and runs the
# service on http://127.0.0.1:5000 (HOST/PORT, or any `wirealign serve` option as
# arguments: scripts/serve.sh --port 8000 --workers 2) with its database under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
if ! wirealign models install --missing; then
  echo "(wirealign is .venv/bin/wirealign; run scripts/serve.sh again once models are installed)" >&2
  exit 1
fi
# Arguments pass through to `wirealign serve` (a later --port wins over PORT).
exec wirealign serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}" "$@"
