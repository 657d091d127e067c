# banter: build, test and install.  See README.md.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 libpcre2-8
# jq, python3, vim, cmark-gfm and chromium are for the tests (chromium also
# for make doc): they read banter's output as people's tools do.
DEBS = libc6-dev libyaml-dev libpcre2-dev libcmocka-dev pkg-config jq python3 vim-nox \
	bash-completion cmark-gfm chromium

WARN = -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS ?= -O2 -g
# Recursively expanded on purpose: pkg-config may only exist once `deps`
# has run, earlier in the same make invocation.
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

B = build
BIN = banter
LIB_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
CORE_OBJ = $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/rules_default.o
LIB_OBJ = $(CORE_OBJ) $(B)/prefilter_builtin.o $(B)/rules_code.o
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(B)/%)

.PHONY: doc all run check check-valgrind check-asan install uninstall clean deps tests golden-update
.DEFAULT_GOAL := all

all: $(BIN)

$(B):
	@mkdir -p $(B)

$(B)/%.o: src/%.c $(wildcard src/*.h) | $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in rules travel inside the binary, so an installed banter needs
# no source tree.
$(B)/embed: tools/embed.c | $(B)
	$(CC) -std=c11 -O2 -o $@ $<

$(B)/rules_default.c: rules/default.yaml $(B)/embed
	$(B)/embed rules_default $< > $@

$(B)/rules_default.o: $(B)/rules_default.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# What the prefilter reads from the built-in rules is worked out at build
# time, by the library's own code (all of it but these tables).
$(B)/libcore.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $(CORE_OBJ)

$(B)/gen_prefilter: tools/gen_prefilter.c $(B)/libcore.a
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(B)/libcore.a $(LIBS) -lpthread

$(B)/prefilter_builtin.c: $(B)/gen_prefilter
	$(B)/gen_prefilter > $@.tmp && mv $@.tmp $@

$(B)/prefilter_builtin.o: $(B)/prefilter_builtin.c src/prefilter.h
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

# and so are the built-in rules' compiled patterns (serialized by PCRE2)
$(B)/rules_code.c: $(B)/gen_prefilter
	$(B)/gen_prefilter --code > $@.tmp && mv $@.tmp $@

$(B)/rules_code.o: $(B)/rules_code.c src/rules.h
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(B)/libbanter.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BIN): $(B)/main.o $(B)/libbanter.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libbanter.a $(LIBS) -lpthread

$(B)/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(B)/libbanter.a
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(B)/libbanter.a $(LIBS) $(CMOCKA_LIBS) -lpthread

# banter with the combined scan off, every rule run on every passage: the
# reference for tests/prefilter.sh.
$(B)/prefilter_every.o: src/prefilter.c $(wildcard src/*.h) | $(B)
	$(CC) $(ALL_CFLAGS) -DPREFILTER_EVERY_RULE -c -o $@ $<

$(B)/banter-every-rule: $(B)/main.o $(B)/prefilter_every.o $(B)/libbanter.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(B)/main.o $(B)/prefilter_every.o $(B)/libbanter.a \
		$(LIBS) -lpthread

tests: $(BIN) $(TEST_BIN) $(B)/banter-every-rule

# Installs the Debian packages banter needs when some are missing.
deps:
	@missing=; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing=pkg-config; \
	for p in $(PKGS) cmocka; do \
		$(PKG_CONFIG) --exists $$p 2>/dev/null || missing="$$missing $$p"; \
	done; \
	for c in jq python3 vim cmark-gfm; do \
		command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
	[ -f /usr/share/bash-completion/bash_completion ] || missing="$$missing bash-completion"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "banter: installing $(DEBS)"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $(DEBS) >/dev/null || exit 1; \
		else \
			echo "banter: missing:$$missing"; \
			echo "install them with: sudo apt-get install $(DEBS)"; \
			exit 1; \
		fi; \
	fi

run: deps
	@$(MAKE) --no-print-directory banter
	./banter samples/

check: deps
	@$(MAKE) --no-print-directory tests
	@LC_ALL=C sh tests/run.sh

# The same suite under valgrind (leaks and memory errors fail a test), and
# built with AddressSanitizer and UndefinedBehaviorSanitizer.
VALGRIND = valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
	--suppressions=$(CURDIR)/tests/valgrind.supp

check-valgrind: deps
	@$(MAKE) --no-print-directory tests
	@BANTER_WRAP="$(VALGRIND)" LC_ALL=C sh tests/run.sh

SAN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

check-asan: deps
	@$(MAKE) --no-print-directory B=build-asan BIN=build-asan/banter \
		CFLAGS="$(SAN)" LDFLAGS="$(SAN)" tests
	@BANTER_BIN=build-asan/banter TEST_DIR=build-asan LC_ALL=C sh tests/run.sh

# The README's pictures: the HTML report for samples/, and its Markdown,
# made by the binary and photographed by headless Chromium (no network).
CHROMIUM = chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --hide-scrollbars
DOC_ARGS = --today=2026-11-22 samples/

doc: banter
	@mkdir -p doc
	./banter $(DOC_ARGS) --format=html -o doc/report.html
	./banter $(DOC_ARGS) --format=markdown -o doc/report.md
	@p=$$(mktemp -d) && \
	$(CHROMIUM) --user-data-dir=$$p --window-size=1280,1950 \
		--screenshot=$(CURDIR)/doc/report-1280.png file://$(CURDIR)/doc/report.html 2>/dev/null && \
	$(CHROMIUM) --user-data-dir=$$p --window-size=400,2400 \
		--screenshot=$(CURDIR)/doc/report-400.png file://$(CURDIR)/doc/report.html 2>/dev/null; \
	s=$$?; rm -rf "$$p"; exit $$s

golden-update: banter
	LC_ALL=C UPDATE=1 sh tests/golden.sh

install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	cp banter $(DESTDIR)$(BINDIR)/banter
	chmod 755 $(DESTDIR)$(BINDIR)/banter
	cp man/banter.1 $(DESTDIR)$(MANDIR)/banter.1
	chmod 644 $(DESTDIR)$(MANDIR)/banter.1
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp completions/banter.bash $(DESTDIR)$(BASHCOMPDIR)/banter
	cp completions/_banter $(DESTDIR)$(ZSHCOMPDIR)/_banter
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/banter $(DESTDIR)$(ZSHCOMPDIR)/_banter

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/banter $(DESTDIR)$(MANDIR)/banter.1 \
		$(DESTDIR)$(BASHCOMPDIR)/banter $(DESTDIR)$(ZSHCOMPDIR)/_banter

clean:
	rm -rf build build-asan banter

# Classification measured on labelled text (../shared/eval/README.md): P/R/F1,
# macro-F1, coverage and the rules behind false positives, per set.  Not
# part of `make check`.
EVAL_DIR ?= ../shared/eval

.PHONY: eval
eval: banter
	@python3 tools/eval.py --banter=./banter "$(EVAL_DIR)"

# Fuzzing (ROBUSTNESS.md section 5).  The libFuzzer targets in fuzz/ are
# built with clang-14 in build-fuzz/ (-fsanitize=fuzzer,address,undefined).
#   make fuzz FUZZ_SECONDS=N   each target for N seconds in turn, one worker,
#                              going on past crashes; what it finds lands in
#                              build-fuzz/crashes/TARGET/
#   make fuzz FUZZ_TARGETS=T   only target T (a list works too), e.g.
#                              FUZZ_TARGETS=utf8
#   make fuzz-smoke            replays the seeds and regressions, then each
#                              target for FUZZ_SMOKE_SECONDS; any crash fails
# `make check` replays fuzz/corpus/ and fuzz/regressions/ through a small
# driver (fuzz/replay.c) that needs no libFuzzer.  fuzz/mkseeds.sh rebuilds
# the seed corpora.
FUZZ_TARGETS = frontmatter passage rules regex note utf8 dic config
FUZZ_CC = clang-14
FUZZ_SAN = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 45
FB = build-fuzz
FUZZ_FLAGS = -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1
FUZZ_OPTS_frontmatter = -dict=fuzz/yaml.dict -max_len=65536
FUZZ_OPTS_passage = -dict=fuzz/markdown.dict -max_len=65536
FUZZ_OPTS_rules = -dict=fuzz/yaml.dict -max_len=65536
FUZZ_OPTS_regex = -dict=fuzz/regex.dict -max_len=16384
FUZZ_OPTS_note = -dict=fuzz/yaml.dict -max_len=131072
FUZZ_OPTS_utf8 = -dict=fuzz/utf8.dict -max_len=16384
FUZZ_OPTS_dic = -max_len=65536
FUZZ_OPTS_config = -dict=fuzz/yaml.dict -max_len=16384
REPLAY_BIN = $(FUZZ_TARGETS:%=$(B)/replay_%)

.PHONY: fuzz fuzz-build fuzz-smoke
tests: $(REPLAY_BIN)

$(B)/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(B)/libbanter.a
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c \
		$(B)/libbanter.a $(LIBS) -lpthread

fuzz-build: deps
	@command -v $(FUZZ_CC) >/dev/null || { echo "banter: fuzzing needs $(FUZZ_CC) (apt-get install clang-14 libclang-rt-14-dev)"; exit 1; }
	@$(MAKE) --no-print-directory B=$(FB) BIN=$(FB)/banter CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" $(FB)/libbanter.a
	@for t in $(FUZZ_TARGETS); do \
		$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_SAN) -fsanitize=fuzzer $(EXTRA_CFLAGS) \
			-Isrc $$($(PKG_CONFIG) --cflags $(PKGS)) -o $(FB)/fuzz_$$t fuzz/fuzz_$$t.c \
			$(FB)/libbanter.a $(LIBS) -lpthread || exit 1; \
	done

fuzz: fuzz-build
	@$(foreach t,$(FUZZ_TARGETS), \
		mkdir -p $(FB)/corpus/$(t) $(FB)/crashes/$(t); \
		echo "fuzz: $(t) for $(FUZZ_SECONDS)s"; \
		$(FB)/fuzz_$(t) $(FUZZ_FLAGS) $(FUZZ_OPTS_$(t)) -max_total_time=$(FUZZ_SECONDS) \
			-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
			-artifact_prefix=$(FB)/crashes/$(t)/ \
			$(FB)/corpus/$(t) fuzz/corpus/$(t) fuzz/regressions/$(t) 2>$(FB)/fuzz_$(t).log; \
		tail -n 3 $(FB)/fuzz_$(t).log; \
		echo "fuzz: $(t): $$(ls $(FB)/crashes/$(t) | wc -l) artifact(s) in $(FB)/crashes/$(t)";)

fuzz-smoke: fuzz-build
	@$(foreach t,$(FUZZ_TARGETS), \
		mkdir -p $(FB)/corpus/$(t) $(FB)/crashes/$(t); \
		$(FB)/fuzz_$(t) -runs=0 $(FUZZ_FLAGS) fuzz/corpus/$(t) fuzz/regressions/$(t) \
			2>$(FB)/replay_$(t).log \
			|| { tail -n 40 $(FB)/replay_$(t).log; echo "FAIL: replay $(t)"; exit 1; }; \
		$(FB)/fuzz_$(t) $(FUZZ_FLAGS) $(FUZZ_OPTS_$(t)) -max_total_time=$(FUZZ_SMOKE_SECONDS) \
			-artifact_prefix=$(FB)/crashes/$(t)/ $(FB)/corpus/$(t) fuzz/corpus/$(t) \
			2>$(FB)/fuzz_$(t).log \
			|| { tail -n 60 $(FB)/fuzz_$(t).log; echo "FAIL: fuzz $(t)"; exit 1; }; \
		echo "fuzz-smoke: $(t) ok ($$(grep -o 'stat::number_of_executed_units: [0-9]*' $(FB)/fuzz_$(t).log))";)

.PHONY: fuzz-clean
clean: fuzz-clean
fuzz-clean:
	rm -rf $(FB)

# banter against ripgrep: `--annotate` on one note against `rg -P -i WORD`
# (and with 100 user rules against without), then the same rules (-P and
# its default engine), and cat, on a generated corpus; installs rg and hyperfine if missing.  Slow
# (minutes), so not part of check.  Settings: see tools/bench/bench.py.
.PHONY: bench
bench: $(BIN)
	python3 tools/bench/bench.py
