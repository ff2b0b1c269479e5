"""A waiver's PDF on a fr-CA project, through the API on both databases: the frame (code,
signature block, audit trail, page footer) in French; another company gets 404."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import update

from app.bootstrap import Container
from store import tables as t
from tests.support.waivering import invoice_asking_for_waivers, pdf_text, waivers_of


async def test_a_quebec_projects_waiver_pdf_has_a_french_frame(
        api: TestClient, container: Container, admin_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    ids, invoice = await invoice_asking_for_waivers(api, admin_headers)
    async with container.ctx.sessions() as session, session.begin():
        await session.execute(update(t.Project).where(t.Project.id == ids["project"])
                              .values(locale="fr-CA"))
    [waiver, *_] = await waivers_of(api, admin_headers, invoice["id"])
    url = f"/api/lien-waivers/{waiver['id']}/pdf"
    response = await api.get(url, headers=admin_headers)
    assert response.status == 200 and response.content_type == "application/pdf"
    text = " ".join(pdf_text(await response.read()).split())
    for french in ("Code de la renonciation", "Pas encore signée.", "Signée par",
                   "Piste de vérification", "Renonciation W-"):
        assert french in text, french
    for english in ("Waiver code", "Not signed yet.", "Audit trail"):
        assert english not in text, english
    assert (await api.get(url, headers=other_admin_headers)).status == 404
