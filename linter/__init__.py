"""bangkok-lint: check prison regulations against the UN Bangkok Rules."""

__version__ = "0.1.0"
