"""Benchmark: Cloud Bridge beside Home Assistant core's SwitchBot integration.

Run with `scripts/bench` (or `.venv/bin/python -m tests.bench`). Not part of the
test suite: the scenarios live in `bench_*.py`, which pytest does not collect.
"""
