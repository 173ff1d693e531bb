#!/usr/bin/env bash
# Sets up, installs the en->ko and en->ja models when missing, and runs the
# service on http://127.0.0.1:5000 with its database under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
if ! wirealign models install --missing; then
  cat >&2 <<'TXT'

The Argos model index could not be reached, so the en->ko and en->ja models
were not installed. On an air-gapped host, copy the .argosmodel files here and
run `.venv/bin/wirealign models install --file translate-en_ko-1_1.argosmodel
--file translate-en_ja-1_1.argosmodel`, then start this script again. To try the
service without real models, run `.venv/bin/wirealign models install --stand-in`:
it installs STAND-IN copy models that return their input (flagged as such in
every response; they do not translate).
TXT
  exit 1
fi
exec wirealign serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}"
