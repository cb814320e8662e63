"""Import spaCy and WordLlama without the network libraries they load but bangkok-lint never uses.

spaCy: `import spacy` runs `from .cli.info import info` (spacy/__init__.py), and `spacy.cli` pulls in
weasel, typer, requests, httpx and reads a YAML file: about 40% of spaCy's import time, none of
it used by the blank pipeline bangkok-lint builds. So, only when spaCy is not imported yet,
placeholder modules stand in for `spacy.cli` and `spacy.cli.info` while spaCy's own import
runs, and are removed from `sys.modules` as soon as it is done: a later `import spacy.cli`
(or `spacy.cli.download`, `python -m spacy`) loads the real package as usual, and
`spacy.info` stays a function that loads the real one when called.

WordLlama: `wordllama.wordllama` imports `requests` at module level, only to download models;
bangkok-lint loads the model shipped in the wheel with downloads disabled. A placeholder
`requests` stands in while wordllama is imported, and turns into the real module on the first
attribute wordllama asks of it, so a download path, were it ever taken, works as before.

The same pattern keeps any heavy optional library out of runs that do not use it: import it
inside the function or spaCy factory that needs it (see linter.nlp.pipeline), never at module
level of a module every run imports.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from linter.gc_pause import gc_paused


def import_spacy() -> ModuleType:
    """spaCy, imported without `spacy.cli` if this is the process's first spaCy import."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    placeholders = _placeholders()
    sys.modules.update(placeholders)
    try:
        # Importing spaCy makes ~70,000 objects that live as long as the process: the ~230
        # collections their allocation triggers scan them for nothing (~5% of the import).
        with gc_paused():
            import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def import_wordllama() -> ModuleType:
    """wordllama, imported without `requests` if neither is imported yet."""
    if "wordllama" in sys.modules or "requests" in sys.modules:
        import wordllama

        return wordllama
    placeholder = _on_first_use("requests")
    sys.modules["requests"] = placeholder
    try:
        import wordllama
    finally:
        if sys.modules.get("requests") is placeholder:
            del sys.modules["requests"]
    return wordllama


def _on_first_use(name: str) -> ModuleType:
    """A module object that imports the real module `name` when an attribute is first asked of it."""
    placeholder = ModuleType(name)

    def __getattr__(attribute: str):
        if sys.modules.get(name) is placeholder:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    vars(placeholder)["__getattr__"] = __getattr__  # PEP 562: consulted for attributes the module lacks
    return placeholder


def _placeholders() -> dict[str, ModuleType]:
    cli, cli_info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    vars(cli_info)["info"] = _info  # spacy/__init__.py re-exports it as spacy.info
    vars(cli)["info"] = cli_info
    return {"spacy.cli": cli, "spacy.cli.info": cli_info}


def _info(*args, **kwargs):
    """spacy.info(): loads the real spacy.cli on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
