"""Outgoing and development mail for Invite to Bill.

- `render`: Jinja2 templates (`templates/email/<name>.{subject,txt,html}.j2`) to a
  `RenderedMail` (one-line subject, text part, HTML part with its CSS inlined).
- `i18n`: the few per-language strings the templates use and locale-aware dates.
- `message`: a `multipart/alternative` MIME message with our Message-ID, Date and Reply-To.
- `smtp_relay`: `SmtpRelay`, one reused SMTP connection per relay object (configured by an
  `smtp://`, `smtp+starttls://` or `smtps://` URL, see `smtp_url`), with failures mapped to
  `TemporaryDeliveryError` / `PermanentDeliveryError` (`errors`).
- `dev_mailbox`: the embedded development mailbox: an aiosmtpd sink run in the caller's
  event loop that keeps each message as an `.eml` file (`dev_mailbox_store`), and
  `DevMailbox` to list, read and clear them.

Only the standard library, third-party libraries and `domain` are imported here; nothing
runs at import time.
"""
