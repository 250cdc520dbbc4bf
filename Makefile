# The two commands a newcomer needs: `make run` and `make test`.
# VENV=path uses another virtual environment (scripts/setup.sh makes it there).
VENV ?= .venv
export VENV
.PHONY: run test test-fast setup test-postgres bench load clean

run:
	@bash scripts/setup.sh run
	@bash scripts/run.sh

test:
	@bash scripts/setup.sh test
	@bash scripts/test.sh

# The quick loop: the tests without the browser and the worker, on a test database kept
# between runs. Choose tests with ARGS, e.g. make test-fast ARGS=voice/tests/test_voice.py;
# after a new migration, ARGS=--create-db makes the database again.
test-fast:
	@bash scripts/setup.sh test
	@$(VENV)/bin/pytest -m "not browser and not worker" --reuse-db $(ARGS)

# The test suite again on a throwaway PostgreSQL cluster (what CI does after `make test`).
test-postgres:
	@bash scripts/setup.sh test
	@bash scripts/with-postgres.sh $(VENV)/bin/pytest

# Time, queries and peak memory of the main pages at two sizes.
bench:
	@bash scripts/setup.sh run
	@$(VENV)/bin/python scripts/bench.py
	@$(VENV)/bin/python scripts/bench_packs.py

# A room of 50 and then 150 members against gunicorn with production settings, a real worker,
# Redis and a throwaway PostgreSQL: p50/p95/p99 for each kind of request.
load:
	@bash scripts/setup.sh test
	@bash scripts/load.sh

clean:
	rm -rf var/test-*.sqlite3* var/static .pytest_cache
