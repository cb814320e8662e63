"""The spaCy pipeline: normalisation, concept tagging and deontic analysis."""
