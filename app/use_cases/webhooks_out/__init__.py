"""Outgoing webhooks: subscriptions, fan-out of events, and delivery."""
