"""The invite's secret reply address: `bill+<token>v<version>@<inbound domain>`.

The token is random per invite (it is what makes the address secret); the version is the
invite's token version, bumped at every resend and at an explicit revocation, exactly like
the version inside the Yes/No links. A reply to an older mail therefore still reaches us
(it is recorded for the administrator) but no longer answers the invite. Tokens are
lower-case hex, so the `v` cannot occur in one. Addresses without a version were sent
before versions were added; they stand for version 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"([0-9a-f]{1,40}?)(?:v([0-9]{1,9}))?")


@dataclass(frozen=True)
class ReplyTag:
    token: str
    version: int


def reply_address(token: str, version: int, domain: str) -> str:
    return f"bill+{token}v{version}@{domain}"


def read_reply_tag(tag: str) -> ReplyTag | None:
    """The token and version of the part after `bill+`, or None when it is not one."""
    found = _TAG.fullmatch(tag.lower())
    if found is None:
        return None
    return ReplyTag(found.group(1), int(found.group(2) or 1))
