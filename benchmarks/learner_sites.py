"""Benchmark building every learner's own site (`portfolio build --audience learner`).

Generates a synthetic centre (100 learners × 10 evidence items by default), then, in the same run,
times (each as a separate process, so both pay the same start-up):

* baseline: the staff site of the whole centre, one build with every learner's pages;
* learner sites: one standalone site per learner, from one check of the centre.

Prints both, the cost per learner site, and the ratio of the two. A learner's site repeats what
every site holds (the theme's files, the criteria pages, search), so it costs more than a share
of the staff build; the figure to watch is the cost per learner as the centre grows.

    python benchmarks/learner_sites.py                  # 100 learners
    python benchmarks/learner_sites.py --learners 20    # a quicker look
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

from synthetic import generate  # noqa: E402


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--items", type=int, default=10, help="evidence items per learner")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    os.environ.update(env)
    portfolio = [sys.executable, "-m", "portfolio", "build"]
    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as temp:
        root = Path(temp)
        files = generate(root, args.learners, args.items, with_site=True)
        staff = timed([*portfolio, "--site-dir", str(root / "staff")], root)
        learners = timed([*portfolio, "--audience", "learner", "--site-dir", str(root / "sites")], root)
        built = len(list((root / "sites" / "learners").iterdir()))
    assert built == args.learners, built
    print(f"{args.learners} learners, {files} evidence files")
    print(f"  baseline: the staff site, one build        {staff:7.1f} s")
    print(f"  every learner's own site, {built} builds     {learners:7.1f} s   "
          f"{learners / built:5.2f} s per learner   ratio {learners / staff:4.1f}x the staff site")


if __name__ == "__main__":
    main()
