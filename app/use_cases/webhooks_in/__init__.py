"""Inbound webhook events: receipt, processing, the commands they carry, and their sources."""
