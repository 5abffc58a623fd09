"""The version, in a module of its own so every layer can name it without importing the package
root (which imports the whole library)."""

__version__ = "0.1.0"
