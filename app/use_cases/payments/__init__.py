"""Payments recorded against approved invoices."""
