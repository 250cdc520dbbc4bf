#!/usr/bin/env bash
# Start everything `make run` promises: Redis, a Celery worker and the web server, on
# 127.0.0.1 only. Redis or the worker is started again if it stops; Ctrl-C stops all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
PORT=${PORT:-8000}
REDIS_PORT=${REDIS_PORT:-6390}
REDIS_DIR=${REDIS_DIR:-var/redis}
BEAT_SCHEDULE=${BEAT_SCHEDULE:-var/celerybeat-schedule}

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# Run a command, and start it again whenever it stops, until this loop is told to stop. The
# command runs in a process group of its own, and the whole group goes with it: a worker
# killed outright must not leave its beat or pool processes behind, running beside the next.
keep_running() {
  local name=$1 child=
  shift
  trap '[ -n "$child" ] && kill -TERM -- "-$child" 2>/dev/null; wait 2>/dev/null; exit 0' INT TERM
  while true; do
    setsid "$@" &
    child=$!
    status=0
    wait "$child" || status=$?
    kill -KILL -- "-$child" 2>/dev/null || true
    echo "$name stopped (exit status $status); starting it again in 2 seconds." >&2
    sleep 2
  done
}

if [ -z "${CELERY_BROKER_URL:-}" ]; then
  redis=$(scripts/redis-server-path)
  if [ -n "$redis" ]; then
    # A password for the app's own user, which may not wipe or reconfigure Redis.
    password=$(bash scripts/redis-acl.sh "$REDIS_DIR")
    keep_running Redis "$redis" --bind 127.0.0.1 --port "$REDIS_PORT" --save "" \
      --appendonly no --protected-mode yes --loglevel warning \
      --aclfile "$REDIS_DIR/users.acl" &
    pids+=($!)
    export CELERY_BROKER_URL="redis://codesign:$password@127.0.0.1:$REDIS_PORT/0"
    # Rendered fragments of pages, shared by the web processes, in a database of their own.
    export CACHE_URL=${CACHE_URL:-"redis://codesign:$password@127.0.0.1:$REDIS_PORT/1"}
  else
    echo "WARNING: no Redis could be found or installed. Background tasks (e-mails, PDF packs)"
    echo "WARNING: will run inside the web server, one at a time, which is slow."
    export CELERY_TASK_ALWAYS_EAGER=1
  fi
fi

"$VENV/bin/python" manage.py seed_demo
if [ "${CELERY_TASK_ALWAYS_EAGER:-0}" != 1 ]; then
  # -B: the worker also runs beat, which sends again anything that could not go at once.
  # One worker has no neighbours to gossip or mingle with, and those steps are where a
  # worker can fail while Redis is going away or coming back.
  keep_running "The Celery worker" "$VENV/bin/celery" -A codesign worker -B \
    --schedule "$BEAT_SCHEDULE" --loglevel=warning --concurrency=2 \
    --max-memory-per-child=400000 --without-gossip --without-mingle &
  pids+=($!)
fi
echo
echo "codesign is running at http://127.0.0.1:$PORT/  (Ctrl-C stops it)"
echo
# gunicorn, not the development server: a room of phones polling every few seconds needs
# several processes. Connections are kept open longer than the pages poll, or a phone may
# send its next poll just as the server closes the connection. RELOAD=1 restarts the
# processes when the code changes, for working on it.
reload=()
if [ "${RELOAD:-0}" = 1 ]; then reload=(--reload); fi
"$VENV/bin/gunicorn" codesign.wsgi --bind "127.0.0.1:$PORT" --workers "${WEB_WORKERS:-3}" \
  --threads 4 --keep-alive 30 --graceful-timeout 5 --log-level warning "${reload[@]}" &
pids+=($!)
wait -n "${pids[@]}"
