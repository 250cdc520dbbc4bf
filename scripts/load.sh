#!/usr/bin/env bash
# make load: a room of members on their phones against the site as it is deployed: gunicorn
# (3 processes of 4 threads) with production settings, a Celery worker, Redis and a
# throwaway PostgreSQL, all on loopback. Runs 50 members for 60 s, then 150, and prints
# p50/p95/p99 for each kind of request (scripts/locustfile.py says what members do).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
if [ -z "${DATABASE_URL:-}" ]; then
  exec bash scripts/with-postgres.sh bash "$0" "$@"
fi
ROOMS=${LOAD_MEMBERS:-"50 150"}
SECONDS_EACH=${LOAD_SECONDS:-60}
dir=$(mktemp -d /tmp/codesign-load.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

redis_port=$(free_port)
password=$(bash scripts/redis-acl.sh "$dir/redis")
"$(scripts/redis-server-path)" --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
  --aclfile "$dir/redis/users.acl" --loglevel warning &
pids+=($!)
export CELERY_BROKER_URL="redis://codesign:$password@127.0.0.1:$redis_port/0"
export CACHE_URL="redis://codesign:$password@127.0.0.1:$redis_port/1"
export DJANGO_ENV=production DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_MEDIA_ROOT="$dir/media"
export DJANGO_STATIC_ROOT="$dir/static"
DJANGO_SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export DJANGO_SECRET_KEY
"$VENV/bin/python" manage.py migrate --verbosity=0
"$VENV/bin/python" manage.py collectstatic --noinput --verbosity=0
largest=0
for members in $ROOMS; do [ "$members" -gt "$largest" ] && largest=$members; done
"$VENV/bin/python" scripts/load_data.py "$dir/data.json" "$largest" 300 300

"$VENV/bin/celery" -A codesign worker --loglevel=warning --concurrency=1 \
  --max-memory-per-child=400000 --without-gossip --without-mingle >"$dir/worker.log" 2>&1 &
pids+=($!)
port=$(free_port)
# As make run starts it (see scripts/run.sh for why connections are kept open 30 s).
"$VENV/bin/gunicorn" codesign.wsgi --bind "127.0.0.1:$port" --workers 3 --threads 4 \
  --keep-alive 30 --log-level warning >"$dir/gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -s -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/accounts/login/" && break
  sleep 1
done

echo "Load: gunicorn (3 processes, 4 threads each, production settings), a Celery worker,"
echo "Redis and PostgreSQL on loopback; a session with 300 reflections and a 300-card map."
# Members arrive two a second, as people sign in over the first minute of a session (each
# sign-in hashes a password, on purpose slowly); the figures are of the SECONDS_EACH after
# the last has arrived (--reset-stats), with everyone polling.
SPAWN_RATE=${LOAD_SPAWN_RATE:-2}
for members in $ROOMS; do
  arriving=$(( members / SPAWN_RATE + 5 ))
  echo
  echo "== $members members, arriving over ${arriving} s, then ${SECONDS_EACH} s measured"
  echo "   (each polls the voice every 4 s and the map every 3 s, opens the session page"
  echo "   every minute, and adds a reflection and a card every minute and a half)"
  LOAD_DATA="$dir/data.json" "$VENV/bin/locust" -f scripts/locustfile.py --headless \
    --users "$members" --spawn-rate "$SPAWN_RATE" --reset-stats \
    --run-time "$(( arriving + SECONDS_EACH ))s" --host "http://127.0.0.1:$port" \
    --only-summary --loglevel WARNING 2>&1 \
    | sed -n -e '/^request /,/goal:/p' -e '/^Error report/,/^$/p' || true
  echo "   gunicorn workers killed for taking over 30 s so far:" \
    "$(grep -c "WORKER TIMEOUT" "$dir/gunicorn.log" || true)"
done
