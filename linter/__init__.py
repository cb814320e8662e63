"""bangkok-lint: check prison regulations against the UN Bangkok Rules."""

import os

__version__ = "0.1.0"

# The similarity layer multiplies small matrices. A multi-threaded BLAS spreads each product
# over every core and spins its threads between calls: on two cores that burnt a third more
# CPU than the work itself, and it took from `--jobs`, which already keeps every core busy
# with a process of its own. Set before numpy is first imported; a user's setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
