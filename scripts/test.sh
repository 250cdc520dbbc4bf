#!/usr/bin/env bash
# Every check and test: lint, formatting, migrations, production settings, then the suite
# (unit, integration through a real Redis and Celery worker, and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
say "apps import only the apps below them"
"$VENV/bin/lint-imports" --no-cache
say "migrations are up to date"
"$VENV/bin/python" manage.py makemigrations --check --dry-run
say "production settings pass check --deploy"
DJANGO_ENV=production \
  DJANGO_SECRET_KEY="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  DJANGO_ALLOWED_HOSTS=codesign.example.org \
  "$VENV/bin/python" manage.py check --deploy --fail-level WARNING
say "tests"
"$VENV/bin/pytest" "$@"
