#!/usr/bin/env bash
# Creates .venv and installs wirealign into it (editable). With --test, also
# the test tools, Debian's Chromium and its CJK fonts for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1

# argostranslate without its declared dependencies: the service imports only
# argostranslate.package, whose real needs are in setup.cfg. See README.
pip install --quiet --no-deps "argostranslate==1.11.0"
if [ "${1:-}" = "--test" ]; then
  # fit: the aligner's dictionary tables are rebuilt from JMdict and checked against
  # the shipped ones (tests/test_align_dictionary.py); about 20 s to install.
  pip install --quiet -e ".[test,fit]"
  # LibreTranslate clients from npm that tests/test_libretranslate_node.py drives.
  if command -v npm >/dev/null 2>&1; then
    npm ci --prefix tests/clients/node --no-audit --no-fund --loglevel=error
  else
    echo "npm is missing: install Debian's 'nodejs' and 'npm' for the npm client tests" >&2
  fi
  # Real saved pages of six outlets for tests/test_segment_html.py (newspaper4k's test
  # data): a pip download into a cache folder, not installed and not committed.
  python bench/segment_html_eval.py --fetch-only
  # Debian's redis-server: the Celery job tests start one on a loopback port.
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing Debian's redis-server for the Celery job tests..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else
      echo "redis-server is missing: install Debian's 'redis-server' for the Celery job tests" >&2
    fi
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing Debian's chromium for the browser tests..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "chromium is missing: install Debian's 'chromium' package for the browser tests" >&2
    fi
  fi
  # Korean and Japanese glyphs for the browser tests and screenshots (without
  # a CJK font Chromium draws empty boxes).
  if ! fc-list :lang=ko 2>/dev/null | grep -q .; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing Debian's fonts-noto-cjk for the browser tests..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
    else
      echo "no CJK font: install Debian's 'fonts-noto-cjk' package for the browser tests" >&2
    fi
  fi
else
  pip install --quiet -e .
fi
