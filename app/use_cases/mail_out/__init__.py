"""Outgoing mail: the outbox delivery, the undelivered-mail admin, and the builders
of every mail's context."""
