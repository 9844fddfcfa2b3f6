"""Fixtures for the hardening tests (helpers live in hostile.py)."""
from hostile import spec_file  # noqa: F401
