"""Reading what the outbox holds and what a mail says."""

from __future__ import annotations

from email.message import EmailMessage

from sqlalchemy import func, select

from store import tables as t
from tests.support.world import World


def text_and_html(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


async def outbox_count(world: World, **where: object) -> int:
    query = select(func.count()).select_from(t.OutboxMessage).filter_by(**where)
    async with world.container.ctx.sessions() as session:
        return int(await session.scalar(query) or 0)
