# textlens: the two commands of the README.
#   make run   installs what is missing, builds, and serves on 127.0.0.1:50051
#              (gRPC) and 127.0.0.1:8080 (HTTP/JSON and the web page)
#   make test  installs what is missing, builds, and runs every test
.PHONY: run test build deps asan asan-tests tsan fuzz soak api clients bench format clean

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
	$(BUILD_DIR)/bin/textlensd --listen=127.0.0.1:50051 --http_listen=127.0.0.1:8080

test: build tsan asan-tests fuzz
	@scripts/run-tests.sh $(BUILD_DIR)
	@scripts/test-web-page.sh $(BUILD_DIR)
	@scripts/check-new-plugin.sh $(BUILD_DIR)
	@scripts/check-api.sh
	@scripts/test-clients.sh $(BUILD_DIR)

# The benchmarks of bench/ (built by every build, run only here): stages,
# the gRPC floor, the whole service, the peers; writes bench/REPORT.md.
bench: build
	@scripts/run-bench.sh $(BUILD_DIR)

# A burst at four times capacity for SOAK_SECONDS (60): every request
# answered OK or RESOURCE_EXHAUSTED, memory bounded, clean exit.
soak: build
	@scripts/run-soak.sh $(BUILD_DIR)

# buf lint, and buf breaking against the previous commit.
api: deps
	@scripts/check-api.sh

# The Python, Go and TypeScript clients against a real server.
clients: build
	@scripts/test-clients.sh $(BUILD_DIR)

# Every unit and integration test again under AddressSanitizer, UBSan and
# LeakSanitizer (the server binary included): bad input must never corrupt
# memory or leak.
asan-tests: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@echo "== AddressSanitizer + UBSan + LeakSanitizer: unit and integration tests =="
	@ctest --test-dir build/asan -LE eval -j $(JOBS) --timeout 600 --output-on-failure \
	  > build/asan/tests.log 2>&1 || { cat build/asan/tests.log; exit 1; }
	@grep -E "tests passed|tests failed" build/asan/tests.log

# ThreadSanitizer on the concurrent core (worker pool, pipeline, plugin
# registry, isolated analyzers and their supervisor, test plugins), which
# runs without gRPC: the system's gRPC, Abseil and protobuf are not
# instrumented, so only code built here can be checked. (The option
# resolver's tests, single-threaded, are left out: protobuf's Map of
# google.protobuf.Struct crashes under TSan when the uninstrumented
# libprotobuf builds it.)
tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS) --target pipeline_test plugins_test
	@echo "== ThreadSanitizer: worker pool, pipeline, plugin registry, isolation =="
	@TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/pipeline_test --gtest_brief=1
	@TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/plugins_test --gtest_brief=1 \
	  --gtest_filter='PluginLibraryTest.*:PluginRegistryTest.*:IsolatedAnalyzerTest.*:PluginCatalogTest.*'

asan: asan-tests

# libFuzzer on the text layer, every ingestion parser and the whole service
# behind gRPC (validation, pipeline, each analyzer's entry point),
# FUZZ_SECONDS each (30 in make test; `make fuzz FUZZ_SECONDS=600` for a
# longer run), from the seed corpus in tests/fuzz/corpus (new inputs go to
# build/fuzz).
FUZZ_SECONDS ?= 30
FUZZERS := text_fuzz ingest_fuzz pdf_fuzz service_fuzz
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target $(FUZZERS)
	@for f in $(FUZZERS); do \
	  mkdir -p build/fuzz/corpus/$$f; \
	  echo "== libFuzzer: $$f for $(FUZZ_SECONDS) s =="; \
	  build/fuzz/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 build/fuzz/corpus/$$f tests/fuzz/corpus/$${f%_fuzz} \
	    > build/fuzz/$$f.log 2>&1 || { tail -n 60 build/fuzz/$$f.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units" build/fuzz/$$f.log; \
	done

format:
	@git ls-files '*.cc' '*.h' '*.c' | xargs clang-format -i

clean:
	rm -rf build
