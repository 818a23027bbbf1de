"""PackError: a policy pack that may not be loaded, in a module of its own.

The loader raises it for a pack that breaks the schema and the bounds check for a city pack
outside its framework; both import it from here, so neither needs the other to say so.
"""
from __future__ import annotations


class PackError(ValueError):
    """A pack that may not be loaded: names the file and the key."""

    def __init__(self, file: str, key: str, message: str):
        super().__init__(f"{file}: {key}: {message}" if key else f"{file}: {message}")
        self.file, self.key, self.reason = file, key, message
