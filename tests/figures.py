"""Figures the security tests gather (cases fuzzed, server errors seen, outage behaviour).

tests/conftest.py prints them at the end of the run and writes them to
var/security-figures.json; docs/security.md quotes the last full run.
"""

FIGURES = {}


def add(name, count=1):
    FIGURES[name] = FIGURES.get(name, 0) + count


def put(name, value):
    FIGURES[name] = value
