"""Benchmark `portfolio check` against the floor of reading the same files and parsing their YAML.

Generates a synthetic centre (learners × evidence items, with decisions on half the items), then,
in the same run, times:

* floor: read every file, split off Markdown front matter, parse the YAML with PyYAML's C loader;
* check: what `portfolio check` does (load and validate, compute coverage, render the report).

* check without the personal-data scan (every part of it switched off), to show what the gate
  costs.

Prints all three, the ratios, and how the time grows when the centre doubles.
Targets: ratio <= 1.5 at 20,000 evidence files; twice the files costs <= 2.2x the time; the
personal-data gate adds <= 15% to check.

    python benchmarks/check_speed.py                 # 250 and 500 learners x 40 items
    python benchmarks/check_speed.py --learners 50   # a quicker look
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate  # noqa: E402

import portfolio.check as check_module  # noqa: E402
import portfolio.load.evidence as evidence  # noqa: E402
from portfolio.check import run_check  # noqa: E402
from portfolio.load import split_front_matter  # noqa: E402
from portfolio.report.text_report import Style, text_report  # noqa: E402


def floor(root: Path) -> int:
    """Read every file and parse its YAML (front matter for Markdown) with the C loader."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parsed = 0
    for path in sorted((root / "criteria").rglob("*.yml")) + sorted((root / "evidence").rglob("*")):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".md":
            parts = split_front_matter(text)
            text = parts[0] if parts else ""
        yaml.load(text, Loader=loader)
        parsed += 1
    return parsed


def check(root: Path) -> int:
    """What `portfolio check` does, in process: the same run_check and text report."""
    result = run_check(root)
    report = text_report(result.coverage, result.problems, Style(colour=False))
    if result.has_errors:
        raise SystemExit(f"synthetic centre has errors: {result.problems[:3]}")
    return len(report)


def best_of(runs: int, fn, root: Path) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn(root)
        best = min(best, time.perf_counter() - start)
    return best


def check_without_gate(root: Path) -> int:
    """check with every part of the personal-data scan switched off (fields, bodies, file names)."""
    saved = evidence._personal_data, evidence.scan_file_name, check_module.report_personal_data
    evidence._personal_data = lambda *args: ([], True)  # type: ignore[assignment]
    evidence.scan_file_name = lambda *args: []  # type: ignore[assignment]
    check_module.report_personal_data = lambda *args: None  # type: ignore[assignment]
    try:
        return check(root)
    finally:
        evidence._personal_data, evidence.scan_file_name, check_module.report_personal_data = saved


def measure(learners: int, items: int, runs: int) -> tuple[int, float, float, float]:
    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as temp:
        root = Path(temp)
        files = generate(root, learners, items)
        floor(root)  # warm the page cache for every contender alike
        floor_time = best_of(runs, floor, root)
        # Interleaved, so that a machine whose speed drifts treats both alike.
        check_time = ungated_time = float("inf")
        for _ in range(runs):
            check_time = min(check_time, best_of(1, check, root))
            ungated_time = min(ungated_time, best_of(1, check_without_gate, root))
    return files, floor_time, check_time, ungated_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=500, help="learners in the larger centre")
    parser.add_argument("--items", type=int, default=40, help="evidence items per learner")
    parser.add_argument("--runs", type=int, default=5, help="take the best of this many runs")
    args = parser.parse_args()

    results = []
    for learners in (args.learners // 2, args.learners):
        files, floor_time, check_time, ungated_time = measure(learners, args.items, args.runs)
        results.append((files, floor_time, check_time))
        print(
            f"{learners:>5} learners, {files:>6} evidence files: floor {floor_time:6.2f} s   "
            f"check {check_time:6.2f} s   ratio {check_time / floor_time:4.2f} (target <= 1.5)\n"
            f"{'':>30}check without the personal-data scan {ungated_time:6.2f} s: the gate adds "
            f"{(check_time / ungated_time - 1) * 100:4.1f}% (target <= 15%)"
        )
    (small_files, _, small), (large_files, _, large) = results
    print(
        f"scaling: {large_files / small_files:.1f}x the files costs {large / small:.2f}x the time "
        "(target <= 2.2x)"
    )


if __name__ == "__main__":
    main()
