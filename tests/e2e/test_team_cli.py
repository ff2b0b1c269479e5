"""`invite-to-bill create-admin` keeps working beside the team's pages: it creates an
administrator who signs in, refuses a weak password, and turns a pending invitation of
the same company into that administrator (one person, not two)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.bootstrap import build
from store import tables as t
from tests.support.processes import run
from tests.support.team import run_cli_with_input
from tests.support.world import make_settings


async def test_create_admin_creates_and_promotes_an_invited_colleague(
        cli_env: dict[str, str], empty_db_url: str, tmp_path: Path) -> None:
    assert (await run(cli_env, "migrate"))[0] == 0
    create = ("create-admin", "--email", "Ada@Acme.example", "--name", "Ada", "--company",
              "Acme Builders")
    code, _, err = await run_cli_with_input(cli_env, "short\nshort\n", *create)
    assert code == 1 and "at least 8 characters" in err
    code, out, err = await run_cli_with_input(cli_env, "a long password\na long password\n",
                                              *create)
    assert code == 0 and "administrator ada@acme.example" in out, err

    container = await build(make_settings(tmp_path, empty_db_url), connect_redis=False)
    try:
        ada = (await container.access.admin_for_password("ada@acme.example",
                                                         "a long password")).admin
        assert ada is not None
        await container.access.invite_admin(ada, name="Bo", email="bo@acme.example")
        code, _, err = await run_cli_with_input(
            cli_env, "bos long password\nbos long password\n", "create-admin", "--email",
            "bo@acme.example", "--name", "Bo", "--company", "Acme Builders")
        assert code == 0, err
        async with container.ctx.sessions() as session:
            rows = (await session.execute(select(t.Person).where(
                t.Person.email == "bo@acme.example"))).scalars().all()
        assert [(row.role, row.company_id) for row in rows] == [("admin", ada.company_id)]
        bo = await container.access.admin_for_password("bo@acme.example", "bos long password")
        assert bo.admin is not None and bo.admin.company_id == ada.company_id
    finally:
        await container.aclose()
