"""Validated JSON payloads shared by the JSON API (web/api/) and the inbound webhook events
(webhooks/): pydantic field types, request models and OpenAPI fragment builders."""
