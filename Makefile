# Pas à pas — what a newcomer types.
#   make run    install what is missing, build, start the kiosk on a local database (.run-data/)
#   make test   install what is missing, run every test (with -race) and check the guides
#   make bench  benchmarks           make fuzz   each fuzz target for FUZZTIME (default 1m)

GO       ?= go
DATA     ?= $(CURDIR)/.run-data
FUZZTIME ?= 1m
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian/Ubuntu packages: headers to build the GUI (cgo: GL + X11 for glfw),
# libraries to run it, and the tools the tests use.
BUILD_PKGS := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS   := libgl1 libgl1-mesa-dri libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxinerama1 libxxf86vm1 libxrender1 espeak-ng
TEST_PKGS  := gcc libc6-dev

# apt installs only what dpkg says is missing (apt-get update first, once).
define install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if ! command -v apt-get >/dev/null; then echo "Please install:$$missing"; exit 1; fi; \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: run build test vet check-guides bench fuzz deps-build deps-test clean

run: build
	./bin/pasapas --data "$(DATA)"

build: deps-build
	$(GO) build -o bin/pasapas ./cmd/pasapas
	$(GO) build -o bin/pasapasctl ./cmd/pasapasctl

deps-build:
	$(call install,$(BUILD_PKGS) $(RUN_PKGS))

deps-test:
	$(call install,$(TEST_PKGS))

# Tests use Fyne's headless driver (-tags ci): no display, no GL headers.
test: deps-test vet
	$(GO) test -race -tags ci -count=1 ./...
	$(GO) run ./cmd/pasapasctl guides check >/dev/null || $(GO) run ./cmd/pasapasctl guides check

vet:
	@test -z "$$(gofmt -l cmd internal assets locales)" || { gofmt -l cmd internal assets locales; echo "gofmt needed"; exit 1; }
	$(GO) vet -tags ci ./...

check-guides:
	$(GO) run ./cmd/pasapasctl guides check

bench: deps-test
	$(GO) test -tags ci -run '^$$' -bench . -benchmem ./...

fuzz: deps-test
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -tags ci -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test -tags ci -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf bin
