"""The email bot: mail received over SMTP, what it triggers, bounces, and the
received-mail admin."""
