# Entry points for people and CI (SPEC §8). The work happens in scripts/; these are names.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help up down clean status demo test bench bench-ageing build lag

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
	@echo "make bench   throughput and latency figures"
	@echo "make bench-ageing  receivables: GET /ageing over 10,000 clients / 1,000,000 documents (ARGS=--clients N --documents M)"
	@echo "make build   swift build -j 2 (debug, all products)"
	@echo "make lag     consumer lag of every group (kamctl lag; ARGS=--json for JSON)"

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
	@bash scripts/bench.sh

bench-ageing:
	@bash scripts/bench.sh ageing $(ARGS)

build:
	@bash scripts/setup.sh
	swift build -j 2

lag:
	@swift build -q -j 2 --product kamctl
	@"$$(swift build --show-bin-path)/kamctl" lag $(ARGS)
