"""Sending a batch of invites and reading a period's invite statuses."""
