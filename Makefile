# Entry points for people and CI (SPEC §8). The work happens in scripts/; these are names.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help up down clean status demo test bench bench-ageing build lag screenshots images up-containers down-containers test-containers lint-deploy

# librdkafka 2.8 lives in /usr/local (scripts/setup.sh): found first at build and run time.
export PKG_CONFIG_PATH := /usr/local/lib/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
export LD_LIBRARY_PATH := /usr/local/lib$(if $(LD_LIBRARY_PATH),:$(LD_LIBRARY_PATH))

help:
	@echo "make demo    install what is missing, start the stack, play a day of ERP traffic, report"
	@echo "make up      start broker, PostgreSQL and the four services; writes .run/stack.env"
	@echo "make down    stop the local stack (PostgreSQL's data is kept)"
	@echo "make clean   stop the local stack and remove its data"
	@echo "make status  show the stack's processes and readiness"
	@echo "make test    the whole test suite (private broker and PostgreSQL, stopped afterwards)"
	@echo "make bench   throughput and latency figures: burst, paced, backlog (ARGS=\"--mode burst --orders N --kill orders\")"
	@echo "make bench-ageing  receivables: GET /ageing over 10,000 clients / 1,000,000 documents (ARGS=--clients N --documents M)"
	@echo "make build   swift build -j 2 (debug, all products)"
	@echo "make screenshots  the console's main pages as PNG in docs/console (browser test run)"
	@echo "make lag     consumer lag of every group (kamctl lag; ARGS=--json for JSON)"
	@echo "make images           build the container images with podman (local base images, deploy/Dockerfile)"
	@echo "make up-containers    the stack as containers (ports 9192, 55632, 8180-8184); .run/containers/stack.env"
	@echo "make down-containers  stop the containerised stack (PostgreSQL's volume is kept)"
	@echo "make test-containers  images, the containerised stack, the order flow end to end, down (CI runs it)"
	@echo "make lint-deploy      deploy/ against the code: alert rule tests, compose and Kubernetes lint"

up:
	@bash scripts/stack.sh up

down:
	@bash scripts/stack.sh down

clean:
	@bash scripts/stack.sh clean

status:
	@bash scripts/stack.sh status

demo:
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

bench:
	@bash scripts/bench.sh $(ARGS)

bench-ageing:
	@bash scripts/bench.sh ageing $(ARGS)

build:
	@bash scripts/setup.sh
	swift build -j 2

lag:
	@swift build -q -j 2 --product kamctl
	@"$$(swift build --show-bin-path)/kamctl" lag $(ARGS)

screenshots:
	@mkdir -p docs/console && SCREENSHOTS=$(CURDIR)/docs/console bash scripts/test.sh --filter ConsoleBrowserTests

images:
	@bash scripts/containers.sh images

up-containers:
	@bash scripts/containers.sh up

down-containers:
	@bash scripts/containers.sh down

test-containers:
	@bash scripts/containers.sh test

lint-deploy:
	@bash scripts/setup.sh
	@bash scripts/lint-deploy.sh
