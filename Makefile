# textlens: the two commands of the README.
#   make run   installs what is missing, builds, and serves on 127.0.0.1:50051
#   make test  installs what is missing, builds, and runs every test
.PHONY: run test build deps asan tsan format clean

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

test: build tsan
	@scripts/run-tests.sh $(BUILD_DIR)

# ThreadSanitizer on the concurrent core (worker pool, pipeline, test
# plugins), which runs without gRPC: the system's gRPC, Abseil and protobuf
# are not instrumented, so only code built here can be checked.
tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS) --target pipeline_test
	@echo "== ThreadSanitizer: worker pool and pipeline =="
	@TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/pipeline_test --gtest_brief=1

asan:
	@$(MAKE) test PRESET=asan

format:
	@git ls-files '*.cc' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf build
