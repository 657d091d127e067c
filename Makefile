# banter: build, test and install.  See README.md.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 libpcre2-8
# jq and python3 are for the tests: they read banter's JSON and the README.
DEBS = libc6-dev libyaml-dev libpcre2-dev libcmocka-dev pkg-config jq python3

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
LIB_OBJ = $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/rules_default.o
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(B)/%)

.PHONY: all run check check-valgrind check-asan install uninstall clean deps tests golden-update
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

$(B)/libbanter.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BIN): $(B)/main.o $(B)/libbanter.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libbanter.a $(LIBS) -lpthread

$(B)/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(B)/libbanter.a
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(B)/libbanter.a $(LIBS) $(CMOCKA_LIBS) -lpthread

tests: $(BIN) $(TEST_BIN)

# Installs the Debian packages banter needs when some are missing.
deps:
	@missing=; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing=pkg-config; \
	for p in $(PKGS) cmocka; do \
		$(PKG_CONFIG) --exists $$p 2>/dev/null || missing="$$missing $$p"; \
	done; \
	for c in jq python3; do \
		command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
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

golden-update: banter
	LC_ALL=C UPDATE=1 sh tests/golden.sh

install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	cp banter $(DESTDIR)$(BINDIR)/banter
	chmod 755 $(DESTDIR)$(BINDIR)/banter
	cp man/banter.1 $(DESTDIR)$(MANDIR)/banter.1
	chmod 644 $(DESTDIR)$(MANDIR)/banter.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/banter $(DESTDIR)$(MANDIR)/banter.1

clean:
	rm -rf build build-asan banter
