# codecpg: PGXS build.
#
#   make                      build (fetches the pinned tree-sitter runtime and
#                             tree-sitter-python grammar from npm)
#   make install              install into the PostgreSQL that pg_config names
#   make installcheck         run the pg_regress suite against a running server
# scripts/test.sh runs everything against a private cluster; see README.md.

EXTENSION = codecpg
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" codecpg.control)
GRAMMAR_VERSION = 0.23.6
GRAMMAR_DIR = build/grammar/tree-sitter-python-$(GRAMMAR_VERSION)
# The tree-sitter C runtime, from the npm package `tree-sitter` (its vendor/tree-sitter/lib),
# compiled into the extension: Debian's libtree-sitter 0.20.7 aborts the backend on a node
# with 65,536 children.
TS_RUNTIME_VERSION = 0.25.1
TS_RUNTIME_PKG = build/tsrt/tree-sitter-$(TS_RUNTIME_VERSION)
TS_RUNTIME_DIR = $(TS_RUNTIME_PKG)/vendor/tree-sitter/lib

MODULE_big = codecpg
EXT_SRCS = $(sort $(wildcard src/*.c src/*/*.c))
EXT_SRCS := $(filter-out src/cli/%,$(EXT_SRCS))
GRAMMAR_OBJS = $(GRAMMAR_DIR)/src/parser.o $(GRAMMAR_DIR)/src/scanner.o
TS_RUNTIME_OBJS = $(TS_RUNTIME_DIR)/src/lib.o
OBJS = $(EXT_SRCS:.c=.o) $(GRAMMAR_OBJS) $(TS_RUNTIME_OBJS)

# The install script of the current version is assembled from sql/parts in name order.
# Released install scripts are frozen and committed (sql/codecpg--0.1.0.sql); the upgrade
# script from each release to the next is assembled from its own parts,
# sql/updates/A--B/*.sql, in name order, so that every subsystem writes its own part.
INSTALL_SQL = sql/$(EXTENSION)--$(EXTVERSION).sql
UPDATE_DIRS = $(sort $(wildcard sql/updates/*--*))
UPDATE_SQL = $(patsubst sql/updates/%,sql/$(EXTENSION)--%.sql,$(UPDATE_DIRS))
FROZEN_SQL = $(filter-out $(INSTALL_SQL) $(UPDATE_SQL),$(wildcard sql/$(EXTENSION)--*.sql))
DATA_built = $(INSTALL_SQL) $(UPDATE_SQL)
DATA = $(FROZEN_SQL)
EXTRA_CLEAN = $(INSTALL_SQL) $(UPDATE_SQL) $(GRAMMAR_OBJS) $(TS_RUNTIME_OBJS) build/regress

# pg_regress: test/sql/NAME.sql with test/expected/NAME.out, discovered automatically.
REGRESS = $(patsubst test/sql/%.sql,%,$(sort $(wildcard test/sql/*.sql)))
REGRESS_OPTS = --inputdir=test --outputdir=build/regress --load-extension=codecpg

PYTHON_CFLAGS := $(shell pkg-config --cflags python3-embed)
PYTHON_LIBS := $(shell pkg-config --libs python3-embed)
PG_CPPFLAGS = -Isrc -I$(TS_RUNTIME_DIR)/include -I$(GRAMMAR_DIR)/src $(PYTHON_CFLAGS) \
	-DCODECPG_VERSION='"$(EXTVERSION)"' -DCODECPG_GRAMMAR_VERSION='"$(GRAMMAR_VERSION)"' \
	-DCODECPG_TS_RUNTIME_VERSION='"$(TS_RUNTIME_VERSION)"'
# PostgreSQL's own headers are system headers here: -Wextra is for our code.
PG_CFLAGS = -Wall -Wextra -isystem $(shell $(PG_CONFIG) --includedir-server)
SHLIB_LINK = $(PYTHON_LIBS) -ljansson

# make SANITIZE=1: AddressSanitizer and UndefinedBehaviorSanitizer over the library, and
# over the tree-sitter runtime and grammar compiled into it. Such a library loads only into
# a postgres that has the ASan runtime before anything else: scripts/pg-harness.sh starts
# its cluster that way when the installed build is sanitized (docs/reliability.md).
ifeq ($(SANITIZE),1)
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
PG_CFLAGS += $(SANITIZE_FLAGS)
SHLIB_LINK += $(SANITIZE_FLAGS)
FLAVOUR = sanitize
else
FLAVOUR = plain
endif

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)

# JIT bitcode would need clang; the extension gains nothing from inlining.
override with_llvm = no

include $(PGXS)

# The directories are prerequisites too: removing a part changes only its directory.
$(INSTALL_SQL): $(sort $(wildcard sql/parts/*.sql)) sql/parts
	cat $(filter %.sql,$^) > $@

.SECONDEXPANSION:
$(UPDATE_SQL): sql/$(EXTENSION)--%.sql: $$(sort $$(wildcard sql/updates/%/*.sql)) sql/updates/%
	cat $(filter %.sql,$^) > $@

# One fetch for both generated files (a second fetch would unpack over built objects).
$(GRAMMAR_DIR)/.fetched: scripts/grammar.sha256 scripts/fetch-grammar.sh scripts/fetch-npm-package.sh
	scripts/fetch-grammar.sh $(GRAMMAR_VERSION) build/grammar
	touch $@
$(GRAMMAR_DIR)/src/parser.c $(GRAMMAR_DIR)/src/scanner.c: $(GRAMMAR_DIR)/.fetched
	@test -f $@

# Generated grammar code: compiled with its own flags, its warnings are not ours.
$(GRAMMAR_DIR)/src/%.o: $(GRAMMAR_DIR)/src/%.c
	$(CC) $(CFLAGS_SL) $(SANITIZE_FLAGS) -O2 -w -std=c11 -I$(GRAMMAR_DIR)/src -c -o $@ $<

$(TS_RUNTIME_PKG)/.fetched: scripts/tree-sitter.sha256 scripts/fetch-tree-sitter.sh scripts/fetch-npm-package.sh
	scripts/fetch-tree-sitter.sh $(TS_RUNTIME_VERSION) build/tsrt
	touch $@
$(TS_RUNTIME_DIR)/src/lib.c: $(TS_RUNTIME_PKG)/.fetched
	@test -f $@

# The runtime is one amalgamated file (lib.c includes the others). Its symbols stay
# inside codecpg.so (hidden), so another library in the backend that links a
# libtree-sitter of its own cannot bind to ours or we to it.
$(TS_RUNTIME_DIR)/src/lib.o: $(TS_RUNTIME_DIR)/src/lib.c
	$(CC) $(CFLAGS_SL) $(SANITIZE_FLAGS) -O2 -w -std=c11 -D_DEFAULT_SOURCE -DTREE_SITTER_HIDE_SYMBOLS -fvisibility=hidden \
		-I$(TS_RUNTIME_DIR)/src -I$(TS_RUNTIME_DIR)/include -c -o $@ $<

# Every extension object depends on the grammar and runtime headers being present.
$(EXT_SRCS:.c=.o): $(GRAMMAR_DIR)/.fetched $(TS_RUNTIME_PKG)/.fetched $(wildcard src/*/*.h src/*/*.def)

# Switching between a plain and a sanitized build rebuilds every object; the stamp
# build/flavour-* says which kind the objects are (the harness reads it at install). PGXS
# treats every target as secondary, so a missing stamp would not trigger a rule: the
# switch happens while the Makefile is read, for the goals that build.
ifeq ($(filter-out all install,$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard build/flavour-$(FLAVOUR)),)
$(shell rm -f build/flavour-* $(OBJS) $(shlib); mkdir -p build; touch build/flavour-$(FLAVOUR))
endif
endif

installcheck: | build/regress
build/regress:
	mkdir -p $@

.PHONY: grammar
grammar: $(GRAMMAR_DIR)/.fetched $(TS_RUNTIME_PKG)/.fetched

# ---------------------------------------------------------------------------------------
# The codecpg command-line client (src/cli), a libpq program. PGXS builds one module per
# Makefile, so the client has its own rules; it shares src/index/selection.c with the
# extension (and src/common/sha256.c) and is installed next to psql.
PG_INCLUDEDIR := $(shell $(PG_CONFIG) --includedir)
PG_LIBDIR := $(shell $(PG_CONFIG) --libdir)
CLI_SRCS = $(sort $(wildcard src/cli/*.c)) src/index/selection.c src/index/layout.c src/common/sha256.c
CLI_OBJS = $(patsubst %.c,build/cli/%.o,$(CLI_SRCS))

build/cli/%.o: %.c $(wildcard src/cli/*.h) src/index/selection.h src/index/layout.h src/common/sha256.h
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -std=gnu11 -Wall -Wextra -pthread -Isrc -I$(PG_INCLUDEDIR) -c -o $@ $<

src/cli/codecpg: $(CLI_OBJS)
	$(CC) -O2 -g -pthread -o $@ $^ -L$(PG_LIBDIR) -lpq

all: src/cli/codecpg

.PHONY: install-cli clean-cli
install: install-cli
install-cli: src/cli/codecpg
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) src/cli/codecpg '$(DESTDIR)$(bindir)/codecpg'

clean: clean-cli
clean-cli:
	rm -rf build/cli src/cli/codecpg
