"""Files written whole or not at all: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["TEMPORARY_PREFIX", "TEMPORARY_SUFFIX", "write_atomically"]

#: Temporary files are named ``.<final name>.<random>.tmp`` in the directory of the final file.
TEMPORARY_PREFIX = "."
TEMPORARY_SUFFIX = ".tmp"


def write_atomically(path: Path, content: bytes | Iterable[bytes], *, durable: bool = True) -> None:
    """Write *content* (bytes, or pieces of bytes) to *path* through a temporary file, then rename it.

    A reader never sees a half-written file, and an existing file is replaced only when the
    new one is complete. The file gets the usual permissions (0666 minus the umask). With
    *durable* (the default) the data reaches the disk before the rename (``fsync``), so that
    not even a power cut leaves an empty file under the final name.
    """
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=f"{TEMPORARY_PREFIX}{path.name}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(content, bytes):
                stream.write(content)
            else:
                stream.writelines(content)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
