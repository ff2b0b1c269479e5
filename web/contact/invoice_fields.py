"""Kept for imports written before the form's fields moved to web/invoice_form_fields.py,
where the contact's and the administrator's forms share them."""

from web.invoice_form_fields import ENTERED, is_unit_row, read_entry, shown_values, typed_values

__all__ = ["ENTERED", "is_unit_row", "read_entry", "shown_values", "typed_values"]
