"""Editing commitments: fields, invoice contacts, the SOV editor, closing (service.py)."""
