"""Invoices: the contact's form, the admin's review, attachments and the G702 sheet."""
