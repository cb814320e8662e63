"""The JSON contract of `check --format json` (documented in the README)."""

from __future__ import annotations

import json

from linter.report import ReportOptions
from linter.runner import Run


def render(run: Run, options: ReportOptions) -> str:
    return json.dumps(run.to_json(), indent=2, ensure_ascii=False) + "\n"
