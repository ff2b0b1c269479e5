"""Delivery failures, split by what the outbox should do next: retry later or give up."""


class DeliveryError(Exception):
    """A message could not be handed to the relay.

    `code` is the SMTP reply code when the server gave one, else None.
    """

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(f"{code} {message}" if code is not None else message)
        self.code = code
        self.message = message


class TemporaryDeliveryError(DeliveryError):
    """Worth retrying: a 4xx reply, a timeout, a refused or dropped connection."""


class PermanentDeliveryError(DeliveryError):
    """Retrying will not help: a 5xx reply about this message or its addresses."""
