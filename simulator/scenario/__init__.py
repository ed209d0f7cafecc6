"""Scenario files: the typed model, the loader/validator and the library of folders."""
