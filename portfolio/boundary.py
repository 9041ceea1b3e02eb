"""Reading learners' files without ever leaving their folder.

Everything under evidence/ is written by learners and is untrusted. A symbolic link in a
learner's folder could point at another learner's confidential evidence or at a system file, and
whatever reads or copies through it would publish that. So folders are walked without following
links, every link is refused, and files are opened with ``O_NOFOLLOW``: nothing is read through a
link, even one that appears after the walk. The same rules hold for criteria/ and docs/.
"""

from __future__ import annotations

import errno
import os
import secrets
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


_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_LINK_ERRORS = (errno.ELOOP, errno.ENOTDIR, getattr(errno, "EMLINK", errno.ELOOP))


def _steps(base: Path | str, path: Path | str) -> tuple[str, ...]:
    """The names from ``base`` down to ``path``, lexically; Refused if it is not below ``base``."""
    full, top = os.path.abspath(path), os.path.abspath(base)
    relative = os.path.relpath(full, top)
    if relative == os.curdir or relative.startswith(os.pardir):
        raise Refused(f"'{display(str(path))}' is not inside {os.path.basename(top)}/", "give a file inside it")
    return tuple(Path(relative).parts)


def open_folder(base: Path | str | int, names: tuple[str, ...], create: bool = False) -> int:
    """A descriptor of the folder ``base/names…``, each step opened without following a link.

    Opening step by step from a held descriptor means a folder swapped for a link at any moment
    is refused, not followed: the check and the use are one operation. ``base`` is a path or an
    open folder's descriptor (not closed here); ``create`` makes missing folders. Raises
    :class:`Refused` for a link on the way.
    """
    fd = os.dup(base) if isinstance(base, int) else os.open(base, os.O_RDONLY | _DIRECTORY)
    name = ""
    try:
        for name in names:
            try:
                step = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                os.mkdir(name, 0o755, dir_fd=fd)
                step = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = step
    except OSError as exc:
        os.close(fd)
        if exc.errno in _LINK_ERRORS:
            raise Refused(f"'{display(name)}' on the way to the file is a symbolic link or not a folder",
                          LINK_HINT) from None
        raise
    return fd


class Folder:
    """A folder held open, below which files are opened without following links.

    Loading a learner opens their folder once and every file relative to it: one system call per
    file, and no step of any path is followed if it is, or becomes, a link.
    """

    def __init__(self, base: Path | str, names: tuple[str, ...] = ()) -> None:
        self.path = Path(base).joinpath(*names)
        self.fd = open_folder(base, names)
        self._prefix = str(self.path) + os.sep

    def steps_to(self, path: Path | str) -> tuple[str, ...]:
        """The names from this folder down to ``path`` (the common case without path arithmetic)."""
        text = str(path)
        if text.startswith(self._prefix) and f"{os.sep}.." not in text and f"{os.sep}.{os.sep}" not in text:
            return tuple(text[len(self._prefix):].split(os.sep))
        return _steps(self.path, path)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_file(path: Path | str, base: Path | str | Folder | None = None) -> BinaryIO:
    """Open a file for reading without following a link; refuse anything but a plain file.

    With ``base`` (the folder the file must lie in, as a path or a held :class:`Folder`), no step
    from ``base`` down is followed if it is a link, even one put there after the folder was
    checked. Use it as ``with open_file(path, base) as handle``. Raises :class:`Refused`, or
    :class:`OSError` when the file cannot be read.
    """
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY
    try:
        if base is None:
            fd = os.open(path, flags)
        else:
            steps = base.steps_to(path) if isinstance(base, Folder) else _steps(base, path)
            if isinstance(base, Folder) and len(steps) == 1:
                fd = os.open(steps[0], flags, dir_fd=base.fd)
            else:
                folder = open_folder(base.fd if isinstance(base, Folder) else base, steps[:-1])
                try:
                    fd = os.open(steps[-1], flags, dir_fd=folder)
                finally:
                    os.close(folder)
    except OSError as exc:
        if exc.errno in _LINK_ERRORS or os.path.islink(path):
            raise Refused(_link_message(str(path)), LINK_HINT) from None
        raise exc
    try:
        check_regular(os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def write_inside(base: Path | str, path: Path | str, data: bytes, exclusive: bool = False) -> None:
    """Replace (or, with ``exclusive``, create) ``path`` below ``base`` atomically, never through a link.

    The folder is opened step by step as in :func:`open_folder`; the new content goes to a
    temporary file in that same folder and is renamed over the old one (or linked into place,
    which fails if the name is taken), both relative to the held folder.
    """
    steps = _steps(base, path)
    folder = open_folder(base, steps[:-1], create=exclusive)
    name = steps[-1]
    temp = f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        try:
            mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, mode, dir_fd=folder)
        try:
            os.fchmod(fd, mode)  # exactly the old file's mode, whatever the umask
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if exclusive:
                os.link(temp, name, src_dir_fd=folder, dst_dir_fd=folder)  # fails if the name exists
            else:
                os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        finally:
            try:
                os.unlink(temp, dir_fd=folder)
            except FileNotFoundError:
                pass
    finally:
        os.close(folder)


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
