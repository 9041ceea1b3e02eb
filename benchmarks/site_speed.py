"""Benchmark the portfolio site build against a plain mkdocs-material build of as many pages.

In the same run, times (each as a separate `mkdocs build` process, so both pay the same start-up):

* baseline: a plain mkdocs-material site of N Markdown pages of similar size to an evidence page,
  in folders of 40, with `navigation.prune` and search;
* portfolio: the portfolio site of a synthetic centre with N evidence items (40 per learner).

Prints both, their ratio, and how the portfolio build grows when the evidence triples.
Targets: ratio <= 1.2 at 3,000 evidence items; 3x the evidence costs <= 3.3x the time.

    python benchmarks/site_speed.py               # 3,000 and 9,000 items
    python benchmarks/site_speed.py --items 600   # a quicker look (600 and 1,800)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import BODY, generate  # noqa: E402

PER_FOLDER = 40
BASELINE_CONFIG = """\
site_name: Baseline
theme:
  name: material
  font: false
  features:
    - navigation.prune
plugins:
  - search
"""


def baseline_project(root: Path, pages: int) -> None:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(BASELINE_CONFIG)
    (docs / "index.md").write_text("# Baseline\n")
    for n in range(pages):
        folder = docs / f"section-{n // PER_FOLDER:04d}"
        folder.mkdir(exist_ok=True)
        rows = "".join(f"| INC2/{1 + k // 3}.{1 + k % 3} | met | 2026-03-01 |\n" for k in range(8))
        (folder / f"page-{n % PER_FOLDER:03d}.md").write_text(
            f"# Evidence item {n}\n\n| Criterion | Decision | Date |\n|---|---|---|\n{rows}\n{BODY}"
        )


def timed_build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def measure(items: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="portfolio-site-bench-") as temp:
        base = Path(temp) / "baseline"
        baseline_project(base, items)
        centre = Path(temp) / "centre"
        generate(centre, max(1, items // 40), 40, with_site=True)
        baseline_time = timed_build(base)
        portfolio_time = timed_build(centre)
        pages = sum(1 for _ in (centre / "site").rglob("index.html"))
    return baseline_time, portfolio_time, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=3000, help="evidence items in the smaller centre")
    args = parser.parse_args()
    results = []
    for items in (args.items, args.items * 3):
        baseline_time, portfolio_time, pages = measure(items)
        results.append(portfolio_time)
        print(
            f"{items:>6} evidence items ({pages} pages): baseline {baseline_time:7.1f} s   "
            f"portfolio {portfolio_time:7.1f} s   ratio {portfolio_time / baseline_time:4.2f} (target <= 1.2)"
        )
    print(f"scaling: 3x the evidence costs {results[1] / results[0]:.2f}x the time (target <= 3.3x)")


if __name__ == "__main__":
    main()
