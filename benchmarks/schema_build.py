"""Schema build time with all built-in plugins, against the system plugin alone.

    .venv/bin/python benchmarks/schema_build.py [--rounds 20]

Both variants are built alternately in one process; the figure that matters is
the ratio of their medians.
"""

from __future__ import annotations

import argparse
import statistics
import time

from core.config import load_settings
from core.runtime import Runtime
from schema.plugin import build_schema


def build_once(**settings: object) -> float:
    runtime = Runtime.create(load_settings(load_entry_points=False, **settings))
    started = time.perf_counter()
    build_schema(runtime)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    build_once()  # warm imports
    baseline, full = [], []
    for _ in range(rounds):
        baseline.append(build_once(plugins=[]))
        full.append(build_once())
    base_ms, full_ms = statistics.median(baseline) * 1000, statistics.median(full) * 1000
    print(f"system plugin only : median {base_ms:7.2f} ms over {rounds} builds")
    print(f"all built-in       : median {full_ms:7.2f} ms over {rounds} builds")
    print(f"ratio all/system   : {full_ms / base_ms:.2f}x")


if __name__ == "__main__":
    main()
