# The two commands a newcomer needs: `make run` and `make test`. Both build the virtualenv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL := postgres://postgres@127.0.0.1:5432/newsroom
# `ADDRESS=host:port make run` and `make run ADDRESS=host:port` alike; `make serve` and `make serve-varnish` listen there
# too (GUNICORN_BIND, when set, wins).
ADDRESS ?= 127.0.0.1:8000
CHROMIUM := /usr/bin/chromium

.PHONY: install run test test-browser serve serve-varnish bench messages compilemessages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Newsroom needs Python 3.11 or newer (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	@echo
	@echo "  Newsroom is starting on http://$(ADDRESS)/"
	@echo "  The desk (admin):      http://$(ADDRESS)/$${ADMIN_PATH:-admin/}"
	@echo "    editor     / newsroom-editor      (publishes and schedules)"
	@echo "    journalist / newsroom-journalist  (writes drafts, submits for review)"
	@echo "    reporter2  / newsroom-reporter    (a second journalist: what one may not do to another's story)"
	@echo "    admin      / newsroom-admin       (site admin: users, groups, domains)"
	@echo "  Database: $${DATABASE_URL:-SQLite file db.sqlite3}" | sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#'  # no password
	@echo
	DEBUG=1 LOCAL_SITE_URL=http://$(ADDRESS) $(PY) manage.py runserver $(ADDRESS)

# PostgreSQL when DATABASE_URL says so or one answers on 127.0.0.1:5432; otherwise SQLite.
PICK_DATABASE = if [ -z "$$DATABASE_URL" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		export DATABASE_URL=$(PG_URL); \
	fi; \
	echo "Testing against: $${DATABASE_URL:-SQLite}"
# The browser tests (tests/e2e) need Debian's Chromium; without it pytest skips them and says why.
SAY_BROWSER = if [ -x $(CHROMIUM) ]; then \
		echo "Browser tests: Chromium at $(CHROMIUM)"; \
	else \
		echo "Browser tests: SKIPPED, Chromium not found at $(CHROMIUM) (apt-get install chromium)"; \
	fi

# lint-imports first: the apps' one-way doors (.importlinter), then the suite: all but the browser tests on every
# core (pytest-xdist, TEST_WORKERS; each worker has its own test database), then the browser tests, on every core
# too (each worker drives its own Chromium against its own live server). BROWSER=0 leaves them out. A run whose PYTEST_ARGS select none
# of one part (pytest's exit status 5) is not a failure.
TEST_WORKERS ?= auto
BROWSER ?= 1
test: install
	$(VENV)/bin/lint-imports --no-cache
	@$(PICK_DATABASE); $(SAY_BROWSER); \
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not e2e" $(PYTEST_ARGS) || [ $$? = 5 ] || exit 1; \
	if [ "$(BROWSER)" != 0 ]; then $(PY) -m pytest -n $(TEST_WORKERS) -m e2e $(PYTEST_ARGS) || [ $$? = 5 ] || exit 1; fi

# Only the browser tests; screenshots go to test-artifacts/e2e/.
test-browser: install
	@$(PICK_DATABASE); $(SAY_BROWSER); \
	$(PY) -m pytest -n $(TEST_WORKERS) -m e2e $(PYTEST_ARGS)

# Production-like: DEBUG off, hashed and compressed static files, gunicorn (gunicorn.conf.py).
# Workers: WEB_CONCURRENCY or GUNICORN_WORKERS. Set REDIS_URL for the shared page cache.
serve: install
	@if [ -z "$$SECRET_KEY" ]; then \
		SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); export SECRET_KEY; \
		echo "SECRET_KEY is not set: generated one for this session (logins end when the server stops)."; \
	fi; \
	export DEBUG= GUNICORN_BIND="$${GUNICORN_BIND:-$(ADDRESS)}"; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput -v 0 && \
	echo "Newsroom (production mode) on http://$$GUNICORN_BIND/ — health: /healthz" && \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi

# `make serve` behind Varnish (deploy/varnish.vcl, started by deploy/run-varnish) on
# http://$(VARNISH_ADDRESS):$(VARNISH_PORT)/; the app purges it (FRONT_CACHES). Ctrl-C stops both.
# Every request reaches gunicorn from Varnish's address: unless TRUSTED_PROXY is set, the login lockout reads the
# reader's from X-Forwarded-For (TRUSTED_PROXY=1, the entry Varnish appends; 2 with VARNISH_FORWARDERS, a balancer
# in front), or one person's failures would lock out everyone. Only with gunicorn on loopback, where nobody but
# Varnish can send it a forwarded header.
VARNISH_ADDRESS ?= 127.0.0.1
VARNISH_PORT ?= 6081
serve-varnish: install
	@bind="$${GUNICORN_BIND:-$(ADDRESS)}"; \
	case "$${bind%:*}" in \
		127.*|localhost|"[::1]") proxies=$$([ -n "$$VARNISH_FORWARDERS" ] && echo 2 || echo 1) ;; \
		*) proxies=0; [ -n "$${TRUSTED_PROXY+set}" ] || echo "gunicorn listens on $$bind, beyond Varnish: TRUSTED_PROXY is left off (set it if only your proxies reach it)." ;; \
	esac; \
	BACKEND="$$bind" VARNISH_ADDRESS="$(VARNISH_ADDRESS)" VARNISH_PORT="$(VARNISH_PORT)" \
	FRONT_CACHES="http://$(VARNISH_ADDRESS):$(VARNISH_PORT)/$${FRONT_CACHES:+,$$FRONT_CACHES}" \
	TRUSTED_PROXY="$${TRUSTED_PROXY-$$proxies}" deploy/run-varnish $(MAKE) --no-print-directory serve

# Seeds newsroom_bench on PostgreSQL (BENCH_ARTICLES, default 10000), serves it with gunicorn and Redis,
# loads it with wrk and writes bench/results.md. Not part of `make test`.
bench: install
	$(PY) bench/run.py

# `make messages LANGUAGE=tr`: the words of the pages, feeds and desk, marked for translation, into
# locale/tr/LC_MESSAGES/django.po (LOCALE_PATHS), to translate there; run again after code changes, which keeps what
# is translated. A language with a territory is named as gettext names it: LANGUAGE=pt_BR (README, "Translating").
messages: install
	@[ -n "$(LANGUAGE)" ] || { echo "Say which language: make messages LANGUAGE=tr"; exit 1; }
	DEBUG=1 $(PY) manage.py makemessages --locale $(LANGUAGE) --domain django \
		--ignore 'tests/*' --ignore 'bench/*' --ignore 'staticfiles/*' --ignore 'media/*' --ignore 'test-artifacts/*'

# `make compilemessages LANGUAGE=tr`: the translated .po into the django.mo Django reads (restart to load it); the
# project's own catalogs only, not the installed packages' in the virtualenv.
compilemessages: install
	@[ -n "$(LANGUAGE)" ] || { echo "Say which language: make compilemessages LANGUAGE=tr"; exit 1; }
	DEBUG=1 $(PY) manage.py compilemessages --locale $(LANGUAGE) --ignore '.venv/*'
