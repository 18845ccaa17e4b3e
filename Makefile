# The two commands: `make run` and `make test`. Everything else is what they are made of.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py

.PHONY: run test test-postgres check pytest browser redis messages makemessages venv dev-venv clean \
	bench bench-smoke bench-postgres bench-scale backup restore stack stack-stop test-stack \
	stack-packages

# A stamp per requirements file, so that a changed pin reinstalls and nothing else does.
$(BIN)/.runtime-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.dev-installed: requirements.txt requirements-dev.txt $(BIN)/.runtime-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(BIN)/.bench-installed: requirements.txt requirements-bench.txt $(BIN)/.runtime-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

# Debug, and a random key kept in var/secret-key, only where a developer asks for them: these
# targets. Anything else (make bench, make backup, a server started by hand) is production
# and takes its settings from the environment.
run check messages makemessages pytest test test-postgres: export DJANGO_DEBUG = 1

venv: $(BIN)/.runtime-installed
dev-venv: $(BIN)/.dev-installed

# The interface and field names in Azerbaijani and Russian; msgfmt comes with gettext.
messages: venv
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext; }
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=var -v0

makemessages: venv
	$(MANAGE) makemessages --locale=az --locale=ru --ignore=$(VENV) --ignore=var --no-obsolete

# The server and one worker (Procfile), both stopped by one Ctrl-C.
run: messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	@if [ -z "$$EMAIL_URL" ]; then echo "E-mails (registrations' confirmations and reminders, notices to Publishers) are not sent: the worker prints them in its output below. EMAIL_URL sends them."; fi
	$(BIN)/honcho start

check: dev-venv messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=diaspora_site.test_settings $(MANAGE) makemigrations --check --dry-run

# The browser tests drive Debian's chromium; Playwright never downloads a browser here.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }

# The queue's tests start throw-away redis-servers for RQ (jobs/tests).
redis:
	@command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server; }

pytest: dev-venv messages browser redis stack-packages
	$(BIN)/pytest

# Uses DATABASE_URL when it is set; SQLite otherwise.
test: check pytest bench-smoke

# The benchmark (README, "Performance"): its own database and uploads under var/bench/.
bench: dev-venv $(BIN)/.bench-installed messages
	bin/bench full

# The same at tiny sizes, in a few seconds, so that the benchmark cannot rot.
bench-smoke: dev-venv $(BIN)/.bench-installed messages
	bin/bench smoke

bench-postgres: dev-venv $(BIN)/.bench-installed messages
	bin/with-postgres bin/bench full

# The pages at scale 1 and at scale 10 on a throw-away PostgreSQL: var/bench/scale.json.
bench-scale: dev-venv $(BIN)/.bench-installed messages
	bin/with-postgres bin/bench scale

test-postgres: dev-venv messages browser redis stack-packages
	bin/with-postgres $(BIN)/pytest

# A dated archive of the database and the uploads in var/backups/; `make restore FILE=...`
# loads one into an empty database (after the migrations).
backup: venv
	$(MANAGE) backup

restore: venv
	@test -n "$(FILE)" || { echo "Give the archive: make restore FILE=var/backups/...tar.gz"; exit 2; }
	$(MANAGE) migrate --noinput
	$(MANAGE) restore "$(FILE)"

# The production topology on this machine (README, "Deploying"): nginx on https://127.0.0.1:8443/
# with deploy/'s site, gunicorn, PostgreSQL, Redis, two workers and the scheduler, under
# var/stack/; Debian's packages installed when missing.
stack-packages:
	@command -v nginx >/dev/null && command -v redis-server >/dev/null && command -v openssl >/dev/null \
		&& ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| { apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx redis-server \
			openssl postgresql-15; }

stack: venv messages stack-packages
	bin/stack start

stack-stop:
	bin/stack stop

# Load and faults against the stack (var/bench/stack.json); the stack is stopped afterwards.
test-stack: dev-venv $(BIN)/.bench-installed messages stack-packages
	bin/stack stop >/dev/null
	rm -rf var/stack
	bin/stack start
	$(PY) -m bench.stack; status=$$?; bin/stack stop; exit $$status

clean:
	rm -rf $(VENV) var
