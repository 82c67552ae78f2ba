# textlens: the two commands of the README.
#   make run   installs what is missing, builds, and serves on 127.0.0.1:50051
#   make test  installs what is missing, builds, and runs every test
.PHONY: run test build deps asan format clean

PRESET ?= dev
BUILD_DIR := build/$(PRESET)
GO := $(shell command -v go || echo /usr/local/go/bin/go)
GOBIN := $(shell $(GO) env GOPATH 2>/dev/null || echo $(HOME)/go)/bin
export PATH := $(GOBIN):$(PATH)
# Parallel build jobs (override with JOBS=1 on a small machine).
JOBS ?= $(shell nproc)

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	$(BUILD_DIR)/bin/textlensd --listen=127.0.0.1:50051

test: build
	@scripts/run-tests.sh $(BUILD_DIR)

asan:
	@$(MAKE) test PRESET=asan

format:
	@git ls-files '*.cc' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf build
