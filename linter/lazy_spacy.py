"""Import spaCy without loading its command-line package.

`import spacy` runs `from .cli.info import info` (spacy/__init__.py), and `spacy.cli` pulls in
weasel, typer, requests, httpx and reads a YAML file: about 40% of spaCy's import time, none of
it used by the blank pipeline bangkok-lint builds. So, only when spaCy is not imported yet,
placeholder modules stand in for `spacy.cli` and `spacy.cli.info` while spaCy's own import
runs, and are removed from `sys.modules` as soon as it is done: a later `import spacy.cli`
(or `spacy.cli.download`, `python -m spacy`) loads the real package as usual, and
`spacy.info` stays a function that loads the real one when called.

The same pattern keeps any heavy optional library out of runs that do not use it: import it
inside the function or spaCy factory that needs it (see linter.nlp.pipeline), never at module
level of a module every run imports.
"""

from __future__ import annotations

import sys
from types import ModuleType

_PLACEHOLDERS = ("spacy.cli", "spacy.cli.info")


def import_spacy() -> ModuleType:
    """spaCy, imported without `spacy.cli` if this is the process's first spaCy import."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    placeholders = _placeholders()
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _placeholders() -> dict[str, ModuleType]:
    cli, cli_info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    cli_info.info = _info  # spacy/__init__.py re-exports it as spacy.info
    cli.info = cli_info
    return {"spacy.cli": cli, "spacy.cli.info": cli_info}


def _info(*args, **kwargs):
    """spacy.info(): loads the real spacy.cli on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
