# Pursuit — the two commands a fresh Debian 12 machine needs are `make run` and `make test`.
# Both install what is missing (apt packages from .ci/*.txt; Go modules through go itself).

GO        ?= go
APT       := .ci/apt-install
BIN       := bin/pursuit
VERSION   := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS   := -X main.version=$(VERSION)
# Without Fyne's bundled colour-emoji font: parsing it held 25 MB of every window's memory.
# An emoji a nurse types is kept as typed; the window draws it with the system's emoji font
# where there is one (Segoe UI Emoji on Windows), else as a box.
TAGS      := no_emoji
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

.PHONY: run test deps test-deps build vet lint unit soak bench fuzz screenshots windows package window-test

# The window speaks British English whatever the locale; LANG is passed on to it.
run: deps build
	LANG=$${LANG:-en_GB.UTF-8} ./$(BIN)

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/pursuit

deps:
	@$(APT) .ci/apt-packages.txt

test-deps:
	@$(APT) .ci/apt-packages.txt .ci/apt-test-packages.txt

test: test-deps vet lint unit

vet:
	$(GO) vet ./...

lint:
	$(GO) tool staticcheck ./...

# The race detector over everything (the sync simulation shortened), then the randomized
# sync simulation in full: 1000 seeded runs of 3-5 devices, faults and skewed clocks.
unit:
	$(GO) test -race -short -count=1 ./...
	$(GO) test -count=1 -run TestSimulation ./sync/ -sim.runs 1000

# The real window under Xvfb at 1366×768 and at 1024×700, side by side: the journeys of a
# preceptee, her preceptor, the lead, a new PC's set-up and the keyboard, and every screen of
# every role, each step checked for broken words, cut labels, controls out of reach and
# overlapping text (PNGs of every step in docs/screenshots/all/WxH/).
window-test: test-deps
	.ci/window-test.sh

# The same simulation for 10 000 seeds (about ten minutes on two cores).
soak:
	$(GO) test -count=1 -timeout 60m -run TestSimulation ./sync/ -sim.runs 10000

# Speed budgets: benchmarks on the generated 200-preceptee cohort, and the window's on 1,000
# (built once, two minutes, and kept in /tmp; figures in the README).
bench: test-deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2s ./model/sqlite/
	$(GO) test -run '^$$' -bench . -benchtime 1x ./model/framework/
	$(GO) test -run '^$$' -bench 'ScanIdentifiers|PasswordGuess' ./model/
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/pursuit
	rm -rf /tmp/pursuit-bench-demo && ./$(BIN) demo --preceptees 200 --data /tmp/pursuit-bench-demo | head -1
	$(GO) test -run '^$$' -bench . -benchtime 20x ./ui/
	$(GO) test -run '^$$' -bench . -benchmem -count 3 ./report/
	$(GO) test -run '^$$' -bench . -benchtime 20x ./sync/...
	printf 'pursuit-demo\n' | /usr/bin/time -f 'export of the month-12 portfolio: %e s, peak %M KB' ./$(BIN) export --as zoe --data /tmp/pursuit-bench-demo --preceptee zoe --out /tmp/pursuit-bench-zoe.pdf
	printf 'pursuit-demo\n' | /usr/bin/time -f 'cohort report of 200: %e s, peak %M KB' ./$(BIN) report cohort --as lead --data /tmp/pursuit-bench-demo --out /tmp/pursuit-bench-cohort.pdf
	DATA=/tmp/pursuit-bench-demo-1000 N=1000 .ci/startup.sh
	rm -rf /tmp/pursuit-bench-share /tmp/pursuit-bench-empty && mkdir /tmp/pursuit-bench-share
	/usr/bin/time -f 'sync: push the 200-preceptee cohort to an empty share: %e s, peak %M KB' ./$(BIN) sync --init --unprotected --share /tmp/pursuit-bench-share --data /tmp/pursuit-bench-demo | head -1
	/usr/bin/time -f 'sync: apply it all on an empty device: %e s, peak %M KB' ./$(BIN) sync --share /tmp/pursuit-bench-share --data /tmp/pursuit-bench-empty | head -1
	/usr/bin/time -f 'sync: idle pass with nothing new: %e s' ./$(BIN) sync --share /tmp/pursuit-bench-share --data /tmp/pursuit-bench-empty | head -1

# Each parser's fuzzer for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./model -run '^$$' -fuzz FuzzScanIdentifiers -fuzztime $(FUZZTIME)
	$(GO) test ./model/framework -run '^$$' -fuzz FuzzParseJSON -fuzztime $(FUZZTIME)
	$(GO) test ./model/framework -run '^$$' -fuzz FuzzParseMoodleCSV -fuzztime $(FUZZTIME)
	$(GO) test ./report -run '^$$' -fuzz FuzzReadArchive -fuzztime $(FUZZTIME)
	$(GO) test ./report -run '^$$' -fuzz FuzzEveryDocumentTakesAnyText -fuzztime $(FUZZTIME)
	$(GO) test ./report -run '^$$' -fuzz FuzzPortfolioJPEGOrientation -fuzztime $(FUZZTIME)
	$(GO) test ./sync/share -run '^$$' -fuzz FuzzParseSegment -fuzztime $(FUZZTIME)
	$(GO) test ./model/sqlite -run '^$$' -fuzz FuzzReadBackup -fuzztime $(FUZZTIME)
	$(GO) test ./model -run '^$$' -fuzz FuzzOpenSealedKeys -fuzztime $(FUZZTIME)
	$(GO) test ./model -run '^$$' -fuzz FuzzVerifyOp -fuzztime $(FUZZTIME)
	$(GO) test ./model -run '^$$' -fuzz FuzzCheckOp -fuzztime $(FUZZTIME)
	$(GO) test ./model -run '^$$' -fuzz FuzzParsePolicy -fuzztime $(FUZZTIME)

# A PNG of every screen for every demo role, from the real window under Xvfb.
screenshots: test-deps build
	.ci/screenshots.sh docs/screenshots/all

# Windows amd64 from Linux: cgo through Debian's mingw-w64 cross compiler, with the icon, a
# version resource and a per-monitor-DPI-aware manifest made from FyneApp.toml by go-winres
# (a Go tool pinned in go.mod) into a .syso that only windows/amd64 builds link. Smoke-tested
# under wine by .ci/windows.sh. Keep these flags as they are: a changed -trimpath, -tags or
# CC means another cold build of the cgo packages (5-10 minutes on two cores).
WIN_EXE   := dist/pursuit.exe
WIN_SYSO  := cmd/pursuit/rsrc_windows_amd64.syso
APP_NAME  := $(shell sed -n 's/^ *Name *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_BUILD := $(shell sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
APP_ICON  := $(shell sed -n 's/^ *Icon *= *"\(.*\)"/\1/p' FyneApp.toml)

windows: $(WIN_SYSO)
	@$(APT) .ci/apt-windows-packages.txt
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -trimpath -tags $(TAGS) -ldflags "-H windowsgui -s -w $(LDFLAGS)" -o $(WIN_EXE) ./cmd/pursuit

$(WIN_SYSO): FyneApp.toml $(APP_ICON)
	$(GO) tool go-winres simply --arch amd64 --out $(@:_windows_amd64.syso=) \
		--icon $(APP_ICON) --manifest gui --original-filename pursuit.exe \
		--product-name "$(APP_NAME)" --product-version $(VERSION) \
		--file-version $(VERSION).$(APP_BUILD) --file-description "$(APP_NAME) — preceptorship portfolio"

# A Linux tarball: the binary, its icon and a .desktop file, laid out to unpack into /usr/local
# (or ~/.local) as it stands.
PKG := dist/pursuit-$(VERSION)-linux-amd64
package: build
	rm -rf $(PKG) $(PKG).tar.gz
	install -D -m 0755 $(BIN) $(PKG)/bin/pursuit
	install -D -m 0644 $(APP_ICON) $(PKG)/share/icons/hicolor/512x512/apps/pursuit.png
	install -D -m 0644 assets/linux/pursuit.desktop $(PKG)/share/applications/pursuit.desktop
	install -D -m 0644 README.md $(PKG)/share/doc/pursuit/README.md
	install -D -m 0644 CHANGELOG.md $(PKG)/share/doc/pursuit/CHANGELOG.md
	tar -C dist -czf $(PKG).tar.gz $(notdir $(PKG))
	@echo "$(PKG).tar.gz"
