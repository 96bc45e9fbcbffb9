# Observatoire syndical de l'IA — every target bootstraps its own .venv from the lock.
# Two commands for a new user: `make serve` (live preview) and `make test`.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
NODE_STAMP := node_modules/.installed-$(shell sha256sum package-lock.json | cut -c1-12)

.PHONY: serve build offline source test lint bench audit mutation clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build of the online site into site/
	$(MKDOCS) build --strict --clean -d site

offline: $(STAMP)  ## offline kit (zip, PDF, EPUB, ZIM) into dist/
	$(PY) -m observatoire_ia.offline --dist dist

source: $(STAMP)  ## a union text into the site: make source FILE=tract.pdf [KEY=… ORG=… DATE=… …]
	@test -n "$(FILE)" || { echo 'usage: make source FILE=path/to/text.pdf [KEY=…] [SLUG=…] [ORG=…] [TITLE=…] [DATE=…] [KIND=…] [URL=…]'; exit 2; }
	$(PY) scripts/source.py "$(FILE)" --key "$(KEY)" --slug "$(SLUG)" --org "$(ORG)" \
	  --title "$(TITLE)" --date "$(DATE)" --kind "$(KIND)" --url "$(URL)"

test: $(STAMP) $(NODE_STAMP) build  ## every check, as CI runs it
	OBS_SITE_DIR=$(CURDIR)/site $(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check src scripts tests bench
	$(PY) -m ruff format --check src scripts tests bench

bench: $(STAMP)  ## build-time benchmarks (prints figures, writes bench/RESULTS.md)
	$(PY) bench/build_bench.py

audit: $(STAMP) $(NODE_STAMP) build  ## Lighthouse and page weight on the built site
	$(PY) bench/audit.py

mutation: $(STAMP)  ## mutation score of the core modules (mutmut; writes bench/RESULTS.md)
	$(PY) bench/mutation.py

clean:
	rm -rf site dist .cache bench/reports
