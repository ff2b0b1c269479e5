"""Importing commitments with their SOV lines and invoice contacts from CSV and XLSX."""
