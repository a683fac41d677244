"""The version of barriers: written here only (the package metadata reads it from here)."""

__version__ = "0.1.0"
