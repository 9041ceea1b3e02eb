"""Reading learners' files without ever leaving their folder.

Everything under evidence/ is written by learners and is untrusted. A symbolic link in a
learner's folder could point at another learner's confidential evidence or at a system file, and
whatever reads or copies through it would publish that. So folders are walked without following
links, every link is refused, and files are opened with ``O_NOFOLLOW``: nothing is read through a
link, even one that appears after the walk. The same rules hold for criteria/ and docs/.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .showable import UNSHOWABLE, describe, display, undecodable

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO must not hang the run
_BINARY = getattr(os, "O_BINARY", 0)


class Refused(Exception):
    """A path that is not read: a link, not a regular file, or shared with another file."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


LINK_HINT = "replace the link with a copy of the file itself, or delete it: links are never followed"


@dataclass
class Refusal:
    """An entry of a walked folder that is left out, and why."""

    path: str
    """Relative to the walked folder, with '/', printable (escapes for unshowable characters)."""
    raw_path: str
    message: str
    hint: str


@dataclass
class Walk:
    files: list[str] = field(default_factory=list)
    """Regular files, relative to the folder, with '/', sorted; hidden entries left out."""
    refused: list[Refusal] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    """Folders found, when the walk does not go into them."""

    @property
    def refused_paths(self) -> set[str]:
        return {refusal.raw_path for refusal in self.refused}


def _link_message(path: str, folder: bool = False) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        return "is a symbolic link"
    return f"is a symbolic link to {'the folder ' if folder else ''}'{display(target)}'"


def walk(folder: Path, recurse: bool = True) -> Walk:
    """The regular files under ``folder``, never following a link; everything else refused.

    Without ``recurse``, only the folder's own entries: its subfolders are listed, not entered.
    """
    result = Walk()
    if not folder.is_dir() or folder.is_symlink():
        return result
    _walk_into(str(folder), "", result, recurse)
    return result


def _walk_into(directory: str, prefix: str, result: Walk, recurse: bool) -> None:
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        result.refused.append(
            Refusal(display(prefix.rstrip("/")) or ".", prefix.rstrip("/"), f"cannot read the folder: {exc.strerror}",
                    "check its permissions")
        )
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        rel = prefix + name
        bad_char = UNSHOWABLE.search(name)
        if bad_char:
            char = bad_char.group()
            problem = "is not UTF-8 text" if undecodable(char) else "contains a control character"
            result.refused.append(
                Refusal(display(rel), rel, f"the name {problem} ({describe(char)}), so it is left out",
                        "rename it with letters, digits, spaces, '-' or '_'")
            )
            continue
        if entry.is_symlink():
            result.refused.append(Refusal(display(rel), rel, _link_message(entry.path, entry.is_dir()), LINK_HINT))
        elif entry.is_dir(follow_symlinks=False):
            if recurse:
                _walk_into(entry.path, rel + "/", result, recurse)
            else:
                result.folders.append(rel)
        elif entry.is_file(follow_symlinks=False):
            result.files.append(rel)
        else:
            result.refused.append(
                Refusal(display(rel), rel, "is not a regular file (a device, socket or pipe)", "delete it")
            )


def check_regular(info: os.stat_result) -> None:
    """Refuse what is not a plain file of its own: a device or pipe, or a hard link."""
    if not stat.S_ISREG(info.st_mode):
        raise Refused("is not a regular file", "delete it")
    if info.st_nlink > 1:
        # A hard link is the same file as another path, which may be another learner's.
        raise Refused(
            f"is a hard link: the same file also exists elsewhere ({info.st_nlink} names)",
            "replace it with a copy of its own (copy the file, delete the original name, rename the copy)",
        )


def open_file(path: Path | str) -> BinaryIO:
    """Open a file for reading without following a link at its last step; refuse anything else.

    Use it as ``with open_file(path) as handle``. Raises :class:`Refused`, or :class:`OSError`
    when the file cannot be read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    except OSError as exc:
        if os.path.islink(path):
            raise Refused(_link_message(str(path)), LINK_HINT) from None
        raise exc
    try:
        check_regular(os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def check_inside(base: Path, path: Path) -> Path:
    """Where ``path`` lies inside ``base``, if no link lies on the way; else :class:`Refused`.

    ``base`` may itself be reached through links (the project can live anywhere); below it,
    every step is checked and none may be a link, even one that points back inside.
    """
    real_base = Path(os.path.realpath(base))
    full = Path(os.path.abspath(path))
    for ancestor in reversed(full.parents):  # from the root down: the first match is ``base``
        if Path(os.path.realpath(ancestor)) == real_base:
            inner = full.relative_to(ancestor)
            break
    else:
        raise Refused(f"'{display(str(path))}' is not inside {base.name}/", f"give a file inside {base.name}/")
    current = real_base
    for part in inner.parts:
        current = current / part
        if current.is_symlink():
            shown = display(str(Path(base.name) / current.relative_to(real_base)))
            raise Refused(f"'{shown}' {_link_message(str(current))}", LINK_HINT)
    return real_base / inner
