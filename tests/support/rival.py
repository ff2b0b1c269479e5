"""A second general contractor in every `world`, so each feature is tested for isolation.

Rival Construction has its own project, an open billing period and one commitment whose
contract company has the same name as one of the demo's (Granite Ridge Concrete) and whose
contact has the same email as the demo's Maria Lopez, typed under another name. Nothing the
rival does may change or reveal the demo company's rows, nor the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.bootstrap import Container
from app.use_cases.demo import ZONE, current_period
from domain.commands import NewCommitment, NewContact, NewProject, NewSovLine
from domain.model import Administrator, CommitmentKind
from domain.periods import local_date

ADMIN_EMAIL = "otto@rival.example"
ADMIN_PASSWORD = "correct horse battery"
SHARED_COMPANY = "Granite Ridge Concrete"  # the demo's SC-001 has a company of this name
SHARED_EMAIL = "maria@graniteridge.example"  # the demo's SC-001 contact Maria Lopez
RIVAL_CONTACT_NAME = "Maria Rival-Typed"


@dataclass(frozen=True)
class Rival:
    admin: Administrator
    api_token: str
    project_id: int
    billing_period_id: int
    commitment_id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_token}"}


async def load_rival(container: Container) -> Rival:
    """The rival company, through the same use cases an administrator's requests call."""
    admin = await container.access.create_admin(
        email=ADMIN_EMAIL, name="Otto Rival", password=ADMIN_PASSWORD,
        company_name="Rival Construction")
    token = await container.access.issue_api_token(ADMIN_EMAIL, label="rival")
    project = await container.projects.create_project(admin, NewProject(
        "Rival Clinic Annex", "RCA-2026", ZONE))
    commitment = await container.projects.create_commitment(admin, project.id, NewCommitment(
        number="RC-001", title="Foundations", kind=CommitmentKind.SUBCONTRACT,
        contract_company=SHARED_COMPANY, retainage_percent_work=Decimal("10"),
        retainage_percent_stored=Decimal("10"),
        sov_lines=(NewSovLine("001", "Footings", Decimal("50000.00")),),
        invoice_contacts=(NewContact(RIVAL_CONTACT_NAME, SHARED_EMAIL),)))
    today = local_date(container.ctx.clock(), ZONE)
    period = await container.projects.open_period(admin, project.id, current_period(today))
    assert project.id is not None and period.id is not None and commitment.id is not None
    return Rival(admin, token, project.id, period.id, commitment.id)
