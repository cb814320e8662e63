"""The spaCy pipeline: normalisation, concept tagging and deontic analysis."""

from linter.lazy_imports import import_spacy

import_spacy()  # before any spaCy import below: skips spacy.cli (see linter.lazy_imports)
