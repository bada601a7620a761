# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install chromium weasyprint demo lint messages test-tools

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

demo: install weasyprint
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_admin_units
	$(BIN)/python manage.py load_demo

# The server and, beside it, the worker that runs member imports in the background.
run: demo
	$(BIN)/python manage.py db_worker --backend background --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; install it when missing (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Member cards are PDFs made by WeasyPrint: it needs Pango, fonts with Vietnamese glyphs and
# HarfBuzz's font subsetter from Debian. Install only the packages that are missing.
WEASYPRINT_DEBS := fontconfig fonts-dejavu-core fonts-liberation fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
weasyprint:
	@missing=$$(for p in $(WEASYPRINT_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; }

# The portal's browser tests check pages with axe-core and the Nu HTML checker (vnu.jar, run by
# Debian's Java): npm packages installed under var/ (never in the repository, never at run time).
TEST_TOOLS := var/test-tools
NPM_TOOLS := axe-core@4.14.1 vnu-jar@26.9.27
test-tools:
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }
	@[ -f $(TEST_TOOLS)/node_modules/axe-core/axe.min.js ] && [ -f $(TEST_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar ] || \
	  { mkdir -p $(TEST_TOOLS) && npm install --prefix $(TEST_TOOLS) --ignore-scripts --no-save --no-audit --no-fund $(NPM_TOOLS); }
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; }

test: install chromium weasyprint test-tools
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .

messages: install
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=var --ignore=locale-wagtail --ignore=scripts --ignore="*/tests/*" --ignore=test-output
	msgfmt --check -o locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/django.po
