"""Pausing the cyclic garbage collector around bulk building."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0  # blocks inside collector_paused(), across every thread
_was_enabled = False  # the collector's setting when the first of them began


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cyclic collector off inside the block, and then leave it as the caller had it.

    Parsing, structuring and indexing make hundreds of thousands of containers
    and no cycles; left on, the collector rescans the growing heap again and
    again, which roughly doubles the time of a large load.

    The pause is reference-counted across threads under a lock: the first block
    to begin notes whether the collector was enabled and turns it off; the last
    to end turns it back on only if it was enabled then. So loads in several
    threads never switch the collector on under one another, and a caller who
    disabled it before loading finds it disabled afterwards. (A ``gc.disable()``
    made by another thread *while* a load runs cannot be told apart from the
    pause; call it before loading, or after.) Nested blocks are fine.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
