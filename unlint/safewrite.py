"""Writing files the user asked unlint to change: fixed documents, reports, baselines.

Every write replaces the whole file or nothing, never loses what it replaces, and never reaches
further than asked:

* :func:`replace_file`: a fixed document or a baseline. A symbolic link is followed to the file
  it names, which is rewritten (the link stays a link), but only when that file is inside one of
  the folders the run may change (``within``: the folders given on the command line); a
  read-only file is refused; a file with other hard links is rewritten in place, so that every
  name still shows the same file; otherwise a temporary file in the same folder, with the mode,
  owner (where allowed) and extended attributes of the original, is renamed over it. With
  ``expect``, nothing is written if the file no longer holds those bytes.
* :class:`Report`: a report written to ``-o FILE``: built in a temporary file and renamed over
  FILE only when the run ends, so a run that fails leaves the previous report in place.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile


class WriteError(Exception):
    """The file was not written (the message says why; nothing was changed)."""


def replace_file(path: str, data: bytes, expect: bytes | None = None,
                 within: tuple[str, ...] | None = None) -> None:
    """Replace the contents of the file at ``path`` with ``data`` (see the module docstring).

    ``within``: real paths of the folders this run may change (None: anywhere). Raises
    :class:`WriteError`; the file is then untouched."""
    target = os.path.realpath(path)
    if within is not None and not any(_inside(target, root) for root in within):
        raise WriteError(f"not written: it is a link to {target}, outside the folders being fixed; "
                         f"fix that file itself if you mean to")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise WriteError("not written: not a regular file")
        if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
            raise WriteError("not written: the file is read-only (make it writable to fix it)")
    try:
        if expect is not None and _read(target) != expect:
            raise WriteError("changed on disk since it was read; not written (run unlint again)")
        if st is not None and st.st_nlink > 1:
            _rewrite_in_place(target, data, expect)
        else:
            _rename_over(target, data, st, expect)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _rename_over(target: str, data: bytes, st: os.stat_result | None, expect: bytes | None) -> None:
    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".unlint")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass  # not allowed: the file becomes ours, as with any editor's save
            if not _copy_xattrs(target, tmp):
                os.unlink(tmp)  # an attribute that cannot be copied: keep the file itself
                _rewrite_in_place(target, data, expect)
                return
        if expect is not None and _read(target) != expect:  # checked again just before the rename
            raise WriteError("changed on disk since it was read; not written (run unlint again)")
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise


def _rewrite_in_place(target: str, data: bytes, expect: bytes | None) -> None:
    """Write ``data`` into the file itself (its inode, links and attributes stay)."""
    with open(target, "r+b") as f:
        if expect is not None and f.read() != expect:
            raise WriteError("changed on disk since it was read; not written (run unlint again)")
        f.seek(0)
        f.write(data)
        f.truncate()
        f.flush()
        os.fsync(f.fileno())


def _copy_xattrs(source: str, dest: str) -> bool:
    """Copy the extended attributes (ACLs among them, on Linux); False if one cannot be set."""
    if not hasattr(os, "listxattr"):
        return True
    try:
        names = os.listxattr(source)
    except OSError:
        return True  # a file system without attributes
    for name in names:
        try:
            os.setxattr(dest, name, os.getxattr(source, name))
        except OSError:
            return False
    return True


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class Report:
    """A text stream for ``-o FILE``: written to a temporary file beside FILE (through a link,
    beside the file it names), which :meth:`commit` renames over FILE; :meth:`discard` drops it."""

    def __init__(self, path: str):
        self.target = os.path.realpath(path)
        folder = os.path.dirname(self.target) or "."
        fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(self.target)}.",
                                        suffix=".unlint")
        self.stream = open(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.stream.close()
        try:
            mode = stat.S_IMODE(os.stat(self.target).st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.target)
        self.tmp = None

    def discard(self) -> None:
        self.stream.close()
        if self.tmp is not None:  # not committed
            _unlink(self.tmp)


def write_text(path: str | None, text: str, what: str) -> str | None:
    """Write ``text`` to ``path`` as a report, all of it or nothing; to standard output when
    ``path`` is None. Returns None, or the one line that says why the ``what`` ("record",
    "comparison") was not written."""
    if path is None:
        sys.stdout.write(text)
        return None
    try:
        report = Report(path)
        try:
            report.stream.write(text)
            report.commit()
        finally:
            report.discard()
    except OSError as exc:
        return f"{path}: cannot write the {what}: {exc.strerror or exc}"
    return None
