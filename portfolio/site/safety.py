"""Where the site may be written: never over or around the learners' evidence or the criteria."""

from __future__ import annotations

from pathlib import Path

PROTECTED = ("criteria", "evidence")


class UnsafeOutput(Exception):
    """The output folder would hold, or sit inside, criteria/ or evidence/."""


def check_output_folder(project_dir: Path, output: Path) -> None:
    """Refuse an output folder that is, contains, or lies inside criteria/ or evidence/.

    A build empties its output folder first, so such a folder would lose the learners' work.
    """
    out = output.resolve()
    for name in PROTECTED:
        protected = (project_dir / name).resolve()
        if out == protected or protected.is_relative_to(out):
            raise UnsafeOutput(
                f"refusing to build into '{output}': it is or contains {name}/, which a build would empty. "
                "Choose a separate output folder such as 'site'."
            )
        if out.is_relative_to(protected):
            raise UnsafeOutput(
                f"refusing to build into '{output}': it lies inside {name}/. Choose a folder outside it, such as 'site'."
            )
