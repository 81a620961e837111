"""What the file system can tell us: the one test for "the disk is full"."""

from __future__ import annotations

import errno

# errno values that mean the disk, the quota or the file size limit is full.
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_DISK_FULL_TEXT = ("No space left on device", "Disk quota exceeded", "File too large")


def disk_full(exc: BaseException) -> bool:
    """Whether an error from the OS or from DuckDB (which reports it as text) means disk full."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:  # look through the chain of causes
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            return True
        if any(s in str(exc) for s in _DISK_FULL_TEXT):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
