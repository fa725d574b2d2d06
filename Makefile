# The edition's commands. `make serve` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Tests that run a target inside a copy of the project set VENV_OK= and BIN= to reuse this venv.
VENV_OK ?= $(STAMP)
# The Node tool the tests use (vnu-jar, the Nu HTML checker), exactly as package-lock.json
# pins it. --ignore-scripts: vnu.jar ships inside the package; its postinstall would only
# fetch a Java runtime from GitHub when none is installed.
NODE_STAMP := node_modules/.installed

.PHONY: serve build test check anchors schemas bench lock clean generate build-properdocs build-zensical release

# Create .venv and install the pinned, hash-locked dependencies (again when they change).
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $(STAMP)

# Zensical, the third generator, in a venv of its own (its pins differ from MkDocs').
ZVENV := .venv-zensical
ZSTAMP := $(ZVENV)/.installed
ZVENV_OK ?= $(ZSTAMP)

$(ZSTAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.txt
	touch $(ZSTAMP)

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --ignore-scripts && touch $@; \
	else \
	  echo "npm not found: the Nu HTML checker cannot be installed, and its tests will be skipped (apt-get install npm)"; \
	fi

export NO_MKDOCS_2_WARNING := 1

# The preview is served at the root of its address (site_url decides the path MkDocs serves
# under), so that http://127.0.0.1:8000/texts/ramani-2015/ is Ramani's text; its citations
# then give that local address. The published site is built with its public site_url.
SERVE_ADDR ?= 127.0.0.1:8000

serve: $(VENV_OK)  ## Build and serve on http://127.0.0.1:8000, reloading when sources/ changes
	EDITION_SITE_URL=http://$(SERVE_ADDR)/ $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

# A strict build into a temporary folder, moved into site/ only when it succeeds, so that a
# failed build never leaves a partial site where a good one was.
# Then every release recorded in sources/releases.yml, each from its own commit, into
# site/versions/X.Y.Z/ (the history must be there: a shallow clone cannot build them).
build: $(VENV_OK)  ## Strict build into site/, with every recorded release under site/versions/
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	PYTHONPATH=hooks $(BIN)/python -m edition versions --site .site-tmp
	rm -rf site && mv .site-tmp site

# The core's output for any generator: every page (markers filled, head in the front matter),
# export and asset the hook adds, and a mkdocs.yml without the hook (see hooks/edition/generate.py).
GENERATED ?= generated

generate: $(VENV_OK)  ## Write the core's pages, exports and a hook-free config into generated/
	PYTHONPATH=hooks $(BIN)/python -m edition generate $(GENERATED)

# The same site built by other generators from generated/, then finished as the hook finishes
# a build (repairs, Content-Security-Policy, minified assets, pruned styles, search index).
build-properdocs: generate  ## Build generated/ with ProperDocs into generated/site-properdocs/
	rm -rf $(GENERATED)/site-properdocs
	cd $(GENERATED) && $(CURDIR)/$(BIN)/properdocs build --strict -q -f mkdocs.yml --site-dir site-properdocs
	PYTHONPATH=hooks $(BIN)/python -m edition finish --site $(GENERATED)/site-properdocs

build-zensical: generate $(ZVENV_OK)  ## Build generated/ with Zensical into generated/site-zensical/
	rm -rf $(GENERATED)/site $(GENERATED)/site-zensical
	cd $(GENERATED) && $(CURDIR)/$(ZVENV)/bin/zensical build -f mkdocs.yml
	mv $(GENERATED)/site $(GENERATED)/site-zensical
	PYTHONPATH=hooks $(BIN)/python -m edition finish --site $(GENERATED)/site-zensical

check: $(VENV_OK)  ## Validate sources, annotations and indices without building
	PYTHONPATH=hooks $(BIN)/python -m edition check

# ACCEPT=p4,p7 confirms doubtful matches that `make check` reported, after you have read them.
anchors: $(VENV_OK)  ## Register new paragraph anchors in sources/anchors/ (ACCEPT=pN to confirm a doubt)
	PYTHONPATH=hooks $(BIN)/python -m edition anchors --accept "$(ACCEPT)"

# A release, every step (CONTRIBUTING.md, "Release a version"): refuses what is not ready, then
# commits the version, records the release in sources/releases.yml in the next commit (the mark
# a build checks before it builds any release) and tags it vX.Y.Z.
release: $(VENV_OK)  ## Release version VERSION=X.Y.Z of the edition (on an up-to-date main branch)
	PYTHONPATH=hooks $(BIN)/python -m edition release "$(VERSION)"

schemas: $(VENV_OK)  ## Copy the topic and relation vocabularies into the JSON Schemas' enums
	PYTHONPATH=hooks $(BIN)/python -m edition schemas

# Two processes (pytest-xdist), each test file in one of them (its module fixtures built once):
# on the project's 2-core machine the browser's waits and the builds overlap. TEST_WORKERS=0
# runs everything in this process.
TEST_WORKERS ?= 2

test: $(VENV_OK) $(ZVENV_OK) $(NODE_STAMP)  ## Install, then run every test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# ONLY=lighthouse: the reader's cost alone (page weight, five Lighthouse runs of each reading page).
bench: $(VENV_OK)  ## Measure build overhead, scale and the reader's cost (ONLY=lighthouse: the last alone)
	$(BIN)/python tests/bench.py $(ONLY)

lock:  ## Recompile requirements.txt (with hashes) from requirements.in
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe -o requirements.txt requirements.in
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe -o requirements-zensical.txt requirements-zensical.in
	rm -rf .venv-lock

clean:
	rm -rf site .site-tmp $(VENV) $(ZVENV) $(GENERATED)
