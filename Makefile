# Pas à pas — what a newcomer types.
#   make run    install what is missing, build, start the kiosk on a local database (.run-data/)
#   make test   install what is missing, run every test (with -race), check the guides, run the
#               kiosk beside a real Chromium under Xvfb + openbox (make e2e), compile for Windows
#   make bench  benchmarks, time and peak memory of pasapasctl exports on 5 years of demo data, then
#               one table of what a visitor feels, as ratios against baselines run alongside
#               (needs the shared start-up bench at SHARED_BENCH, default ../shared/bench)
#   make fuzz   each fuzz target for FUZZTIME (default 1m)
#   make crash  the kill -9 test of the database for 200 cycles (make test runs 20), then the
#               room's: the station and a kiosk killed 50 times each (make test: 20 and 5)
#   make soak   10,000 simulated visits through the kiosk: goroutines and heap stay flat
#               (make test runs 16)
#   make package  bin/pasapas_VERSION_amd64.deb and bin/pasapas-VERSION-windows.zip

GO       ?= go
# The version is FyneApp.toml's, given to both programs at link time.
VERSION  := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD    := $(shell sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
NAME     := $(shell sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_ID   := $(shell sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS  := -X pasapas/internal/version.Version=$(VERSION)
# The program as shipped leaves out Fyne's colour emoji font (4 MB, parsed
# for every text style at start; no screen uses emoji, and an emoji typed by
# staff comes from the system's fonts).
TAGS     := no_emoji
DATA     ?= $(CURDIR)/.run-data
FUZZTIME ?= 1m
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian/Ubuntu packages: headers to build the GUI (cgo: GL + X11 for glfw),
# libraries to run it, and the tools the tests use.
BUILD_PKGS := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS   := libgl1 libgl1-mesa-dri libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxinerama1 libxxf86vm1 libxrender1 espeak-ng
TEST_PKGS  := gcc libc6-dev poppler-utils espeak-ng
# The window-system tests and the end-to-end test: a virtual screen, a real
# window manager, a real browser (the kiosk and the official site side by side).
DESK_PKGS  := xvfb openbox x11-utils xdotool chromium libgl1-mesa-dri
# The Windows build, cross-compiled (cgo: mingw-w64).
WIN_PKGS   := gcc-mingw-w64-x86-64
# make bench also measures the whole pasapasctl process with GNU time.
BENCH_PKGS := time
# Demo data for make bench: five years, made once (bin/ is not committed).
BENCH_DATA ?= $(CURDIR)/bin/bench-data
# The shared start-up bench (a bare Fyne window and Chromium started beside
# the kiosk): startup, baseline-app/, watch/.
SHARED_BENCH ?= $(CURDIR)/../shared/bench

# apt installs only what dpkg says is missing (apt-get update first, once).
define install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if ! command -v apt-get >/dev/null; then echo "Please install:$$missing"; exit 1; fi; \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: run build test vet check-guides bench fuzz deps-build deps-test e2e windows windows-vet package print-version check-version clean

run: build
	./bin/pasapas --data "$(DATA)"

build: check-version deps-build
	$(GO) build -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o bin/pasapas ./cmd/pasapas
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/pasapasctl ./cmd/pasapasctl

deps-build:
	$(call install,$(BUILD_PKGS) $(RUN_PKGS))

deps-test:
	$(call install,$(TEST_PKGS) $(DESK_PKGS))

# Tests use Fyne's headless driver (-tags ci): no display, no GL headers;
# the window-system tests start their own Xvfb. Then the end-to-end test
# and the Windows side of the code.
test: deps-test vet windows-vet
	$(GO) test -race -tags ci -count=1 -timeout 30m ./...
	$(GO) run ./cmd/pasapasctl guides check >/dev/null || $(GO) run ./cmd/pasapasctl guides check
	$(MAKE) e2e

# The kiosk as built for users (GL, X11) on a virtual 1366×768 screen with
# openbox and Chromium: --guide ameli-compte, the site opened by keyboard,
# the two windows side by side, typing in the site longer than the idle
# delay, then everything of the visit gone.
e2e: deps-build deps-test
	$(GO) test -tags e2e -count=1 -timeout 20m -run '^TestE2E' -v ./cmd/pasapas

# The Windows side of the OS-specific packages, compiled in seconds (pure Go).
windows-vet:
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) vet ./internal/browser/ ./internal/display/ ./internal/printer/ ./internal/speech/ ./internal/datadir/ ./internal/leftover/ ./internal/failure/ ./internal/exportjob/
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) test -c -o /dev/null ./internal/browser/
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) test -c -o /dev/null ./internal/display/
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) test -c -o /dev/null ./internal/datadir/
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) test -c -o /dev/null ./internal/failure/

# The whole Windows program through Fyne's own packaging tool (fyne.io/tools):
# GUI subsystem (no console window), FyneApp.ico and a version resource
# (name, version, build) from FyneApp.toml, whose fields are handed over as
# flags since the tool reads FyneApp.toml only in the folder it builds. The
# version reaches internal/version through GOFLAGS, which the tool honours.
FYNE_TOOL := bin/fyne
$(FYNE_TOOL):
	GOBIN=$(CURDIR)/bin $(GO) install fyne.io/tools/cmd/fyne@v1.7.4
windows: check-version $(FYNE_TOOL)
	$(call install,$(WIN_PKGS))
	rm -f cmd/pasapas/*.exe cmd/pasapas/fyne.syso
	cd cmd/pasapas && GOFLAGS="-trimpath -ldflags=-X=pasapas/internal/version.Version=$(VERSION)" CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		../../$(FYNE_TOOL) package --os windows --release --tags "$(TAGS)" --icon ../../assets/icon.png --name "$(NAME)" \
		--app-id $(APP_ID) --app-version $(VERSION) --app-build $(BUILD)
	mv "cmd/pasapas/$(NAME).exe" bin/pasapas.exe
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o bin/pasapasctl.exe ./cmd/pasapasctl

# FyneApp.toml's version must be what Windows and dpkg accept (1.2.3).
check-version:
	@echo "$(VERSION)" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$$' || { echo "FyneApp.toml: Version = \"$(VERSION)\" is not a version like 1.2.3; nothing was built"; exit 1; }
	@echo "$(BUILD)" | grep -Eq '^[1-9][0-9]*$$' || { echo "FyneApp.toml: Build = \"$(BUILD)\" is not a number above 0; nothing was built"; exit 1; }

print-version:
	@echo $(VERSION)

# A .deb that the system's package manager installs (runtime libraries
# declared; a browser, espeak-ng and CUPS recommended), and a Windows zip;
# then a look at what was made.
DEB := bin/pasapas_$(VERSION)_amd64.deb
ZIP := bin/pasapas-$(VERSION)-windows.zip
package: deps-build windows
	$(call install,dpkg-dev zip unzip file icoutils)
	rm -rf bin/deb && mkdir -p bin/deb/DEBIAN bin/deb/usr/bin bin/deb/usr/share/applications bin/deb/usr/share/icons/hicolor/512x512/apps bin/deb/usr/share/doc/pasapas bin/deb/usr/share/pasapas
	$(GO) build -trimpath -tags "$(TAGS)" -ldflags "-s -w $(LDFLAGS)" -o bin/deb/usr/bin/pasapas ./cmd/pasapas
	$(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o bin/deb/usr/bin/pasapasctl ./cmd/pasapasctl
	cp assets/icon.png bin/deb/usr/share/icons/hicolor/512x512/apps/pasapas.png
	cp README.md bin/deb/usr/share/doc/pasapas/
	cp assets/kiosk/pasapas-kiosk.desktop bin/deb/usr/share/pasapas/
	printf '%s\n' '[Desktop Entry]' 'Type=Application' 'Name=Pas à pas' \
		"GenericName=$$(sed -n 's/^GenericName *= *"\(.*\)"/\1/p' FyneApp.toml)" \
		"Comment=$$(sed -n 's/^Comment *= *"\(.*\)"/\1/p' FyneApp.toml)" \
		'Exec=pasapas' 'Icon=pasapas' 'Terminal=false' 'Categories=Education;Office;' \
		> bin/deb/usr/share/applications/pasapas.desktop
	printf '%s\n' 'Package: pasapas' 'Version: $(VERSION)' 'Architecture: amd64' 'Section: misc' 'Priority: optional' \
		'Maintainer: Pas à pas <contact@pasapas.example.org>' \
		'Depends: libc6, libgl1, libgl1-mesa-dri, libx11-6, libx11-xcb1, libxcursor1, libxi6, libxrandr2, libxinerama1, libxxf86vm1, libxrender1' \
		'Recommends: chromium | firefox-esr, chromium-l10n | chromium-browser-l10n, espeak-ng, cups-client' \
		'Description: guides people through online procedures, step by step' \
		' A kiosk for the shared computer of a community centre, a mediator space' \
		' that logs accompaniments and workshops offline, and exports for funders.' \
		> bin/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build bin/deb $(DEB)
	rm -f $(ZIP) && zip -j -q $(ZIP) bin/pasapas.exe bin/pasapasctl.exe README.md assets/icon.png assets/kiosk/pasapas-kiosk-task.xml
	@dpkg-deb -c $(DEB) > bin/deb.list
	@grep -q './usr/bin/pasapas$$' bin/deb.list && grep -q './usr/bin/pasapasctl$$' bin/deb.list \
		&& grep -q 'applications/pasapas.desktop' bin/deb.list && grep -q 'pasapas/pasapas-kiosk.desktop' bin/deb.list \
		|| { echo "the .deb lacks a program, its menu entry or the kiosk autostart file"; exit 1; }
	@dpkg-deb -f $(DEB) Recommends | grep -q 'chromium-l10n' || { echo "the .deb does not recommend Chromium's translations (without them Debian's Chromium speaks English)"; exit 1; }
	@unzip -l $(ZIP) | grep -q pasapas-kiosk-task.xml || { echo "the zip lacks the Task Scheduler file"; exit 1; }
	@file bin/pasapas.exe | grep -q 'PE32+ executable (GUI)' || { echo "pasapas.exe is not a Windows GUI program"; exit 1; }
	@wrestool -l bin/pasapas.exe > bin/exe.res
	@grep -q 'type=group_icon' bin/exe.res && grep -q 'type=version' bin/exe.res || { echo "pasapas.exe lacks its icon or version resource"; cat bin/exe.res; exit 1; }
	@ls -l $(DEB) $(ZIP)

vet:
	@test -z "$$(gofmt -l cmd internal assets locales)" || { gofmt -l cmd internal assets locales; echo "gofmt needed"; exit 1; }
	$(GO) vet -tags ci ./...

check-guides:
	$(GO) run ./cmd/pasapasctl guides check

# After the Go benchmarks, whole processes run under GNU time for their
# elapsed time and peak memory (max RSS): the 100,000-accompaniment export
# benchmark alone, then each pasapasctl export of all the demo activities.
bench: deps-build deps-test
	$(call install,$(BENCH_PKGS))
	@test -x "$(SHARED_BENCH)/startup" || { echo "make bench: no shared start-up bench at $(SHARED_BENCH) (startup, baseline-app/, watch/); give its folder with SHARED_BENCH=DIR"; exit 1; }
	$(GO) test -tags ci -run '^$$' -bench . -benchmem ./...
	$(GO) test -tags ci -c -o bin/export.test ./internal/export
	$(GO) build -o bin/pasapasctl ./cmd/pasapasctl
	@mkdir -p "$(BENCH_DATA)"
	@for f in csv xlsx; do \
		/usr/bin/time -v ./bin/export.test -test.run '^$$' -test.bench "Activities100k/$$f\$$" -test.benchtime 1x \
			>/dev/null 2>"$(BENCH_DATA)/time.txt" || { cat "$(BENCH_DATA)/time.txt"; exit 1; }; \
		printf '100,000 accompaniments built in memory, exported to %-4s  elapsed %-8s max RSS %s kB\n' $$f \
			"$$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$(BENCH_DATA)/time.txt")" \
			"$$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$(BENCH_DATA)/time.txt")"; \
	done
	@test -f "$(BENCH_DATA)/pasapas.db" || ./bin/pasapasctl demo --data "$(BENCH_DATA)" --months 60 --seed 1 >/dev/null
	@for run in "activities csv" "activities xlsx" "attendance xlsx" "stats xlsx" "stats pdf"; do \
		set -- $$run; out="$(BENCH_DATA)/$$1.$$2"; \
		/usr/bin/time -v ./bin/pasapasctl export --data "$(BENCH_DATA)" --what $$1 --format $$2 \
			--from 2000-01-01 --to 2099-12-31 -o "$$out" >/dev/null 2>"$(BENCH_DATA)/time.txt" \
			|| { cat "$(BENCH_DATA)/time.txt"; exit 1; }; \
		printf 'pasapasctl export %-10s %-4s %7s kB  elapsed %-8s max RSS %s kB\n' $$1 $$2 \
			"$$(( $$(stat -c %s "$$out") / 1024 ))" \
			"$$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$(BENCH_DATA)/time.txt")" \
			"$$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$(BENCH_DATA)/time.txt")"; \
	done
	@echo
	LANG=fr_FR.UTF-8 $(GO) run ./internal/bench/feel -startup "$(SHARED_BENCH)" -data "$(BENCH_DATA)/kiosk" -bin bin/bench

# Every fuzz target of every package for FUZZTIME each, then the total of
# executions (the last "execs:" line of each target) and of targets.
fuzz: deps-test
	@log=$$(mktemp); total=0; n=0; \
	for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -tags ci -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			if ! $(GO) test -tags ci -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg >$$log 2>&1; then \
				cat $$log; rm -f $$log; exit 1; \
			fi; tail -3 $$log; \
			e=$$(sed -n 's/.*execs: \([0-9]*\).*/\1/p' $$log | tail -1); \
			echo "   $$f: $${e:-0} executions"; total=$$((total + $${e:-0})); n=$$((n + 1)); \
		done; \
	done; rm -f $$log; \
	echo "fuzz: $$n targets, $$total executions, no failure"

# R1: a writer child killed by SIGKILL at random moments, CRASH_CYCLES
# times, under -race; make test runs 20 cycles of the same test.
# Then the room (issue 14): the station killed ROOM_CYCLES times while a
# kiosk publishes, and the kiosk killed ROOM_CYCLES times while it queues
# (make test: 20 and 5); every event once in the station's database.
CRASH_CYCLES ?= 200
ROOM_CYCLES  ?= 50
.PHONY: crash
crash: deps-test
	$(GO) test -race -tags ci -count=1 -run '^TestCrash_' -v ./internal/sqlite/ -crash.cycles=$(CRASH_CYCLES)
	$(GO) test -race -tags ci -count=1 -timeout 30m -run '^TestCrash_' -v ./internal/room/station/ \
		-room.cycles=$(ROOM_CYCLES) -room.kiosk.cycles=$(ROOM_CYCLES)

# The kiosk driven through SOAK_VISITS visits on a fake clock (every
# screen, screen size, language, text size, help, idle): the goroutines
# come back to their number and the heap after the last visit is within
# 10 % of the heap after the 100th (internal/ui/kiosk/soak_test.go);
# make test runs 16 under the race detector. 10,000 visits took 1 h 25 min
# of CPU, 1 h 53 min on two shared cores.
SOAK_VISITS ?= 10000
.PHONY: soak
soak:
	$(GO) test -tags ci -count=1 -timeout 4h -run '^TestSoak$$' -v ./internal/ui/kiosk/ -soak.visits=$(SOAK_VISITS)

clean:
	rm -rf bin
