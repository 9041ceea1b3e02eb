"""Benchmark writing unit records (assessment tracking sheets) for a synthetic centre.

Prints the time per record for 2,000 records, on one core, and, in the same run, the time per
record of the straightforward python-docx way (a new Document per record, rows added with
`table.add_row().cells`) on a sample of them, with the ratio. Target: <= 20 ms per record.

    python benchmarks/word_speed.py
    python benchmarks/word_speed.py --records 200
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import docx  # noqa: E402
from synthetic import generate  # noqa: E402

from portfolio.check import run_check  # noqa: E402
from portfolio.report.word import TRACKING_COLUMNS, RecordWriter, tracking_rows  # noqa: E402


def naive_record(unit, path: Path) -> None:
    """The usual python-docx way, for comparison."""
    document = docx.Document()
    document.add_heading("Assessment tracking sheet and evidence location", 0)
    table = document.add_table(rows=1, cols=len(TRACKING_COLUMNS))
    for cell, column in zip(table.rows[0].cells, TRACKING_COLUMNS):
        cell.text = column.title
    for row in tracking_rows(unit):
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=200, help="records written the naive way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portfolio-word-bench-") as temp:
        root = Path(temp) / "centre"
        generate(root, args.records, 8)
        result = run_check(root)
        units = [(lc, unit) for lc in result.coverage.learners for unit in lc.units][: args.records]
        out = Path(temp) / "out"
        out.mkdir()
        writer = RecordWriter()
        start = time.perf_counter()
        for n, (lc, unit) in enumerate(units):
            writer.unit_record(lc, unit, result.project.centre, out / f"record-{n}.docx")
        ours = (time.perf_counter() - start) / len(units)
        sample = units[: args.sample]
        start = time.perf_counter()
        for n, (_, unit) in enumerate(sample):
            naive_record(unit, out / f"naive-{n}.docx")
        naive = (time.perf_counter() - start) / len(sample)
        rows = len(units[0][1].criteria)
    print(f"{len(units)} unit records ({rows} criteria each): {ours * 1000:.1f} ms per record (target <= 20 ms)")
    print(f"straightforward python-docx, {len(sample)} records: {naive * 1000:.1f} ms per record")
    print(f"ratio: {ours / naive:.2f} of the straightforward way's time")


if __name__ == "__main__":
    main()
