"""A contact's answer to an invite (accept, decline, unsubscribe) and the notices it causes."""
