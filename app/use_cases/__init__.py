"""Use cases: one package per capability (docs/architecture.md, "The capabilities"), each
with its service in service.py and private helpers in _name.py; app/bootstrap.py builds them."""
