"""The contact's pages in a language: switching the demo project's (and a contact's)
language and dictionary, and reading what a page shows."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from store import tables as t
from tests.support.answering import Invitation
from tests.support.world import World


async def read(response: Any) -> str:
    """The page as read (entities such as &#39; turned back into characters)."""
    return unescape(await response.text())


def shown(html: str) -> str:
    """What the page shows: the text between the tags (not attribute values or names)."""
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


async def assert_reads(response: Any, said: str, not_said: str) -> None:
    """The page shows `said` and not `not_said` (say, a French refusal and not its English)."""
    text = shown(await read(response))
    assert said in text, f"{said!r} not shown in: {text[:2000]}"
    assert not_said not in text, f"{not_said!r} shown in: {text[:2000]}"


async def speak(world: World, *, locale: str, terminology: str = "general_contractor",
                contact_language: str | None = None, link: Invitation | None = None) -> None:
    """Switch the demo project's locale and dictionary (and a contact's own language)."""
    async with world.container.ctx.sessions.begin() as session:
        project = await session.get(t.Project, world.demo.project_id)
        assert project is not None
        project.locale, project.terminology = locale, terminology
        if link is not None:
            person = await session.get(t.Person, link.contact_id)
            assert person is not None
            person.language = contact_language
