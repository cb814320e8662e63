"""Pause Python's cyclic garbage collector during an allocation-heavy stage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off, restoring its previous state after.

    Reading and checking a long law allocates hundreds of thousands of objects that live
    until the stage ends (tokens, concept hits, clauses, units). Each burst of allocations
    triggers collections that rescan all of them, about a fifth of the stage's time, while
    the stage leaves almost no reference cycles behind to collect. Reference counting
    still frees everything else at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Re-enabled as is, the collector's first pass would scan every object the stage
            # allocated (a tenth of a second on a long law) just to find them all alive.
            # Freezing moves them out of the young generations, unfreezing puts them in the
            # oldest, which is scanned only when enough new long-lived objects join it.
            gc.freeze()
            gc.enable()
            gc.unfreeze()
