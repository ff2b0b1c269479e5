"""Helpers the tests share: API and page clients, SMTP, the test world. Test modules import
these, never each other (tests/unit/test_test_imports.py checks it)."""
