"""What the demo project contains: a mid-size medical office building and a paving job."""

from __future__ import annotations

from decimal import Decimal

from domain.commands import NewCommitment, NewContact, NewSovLine
from domain.model import CommitmentKind

D = Decimal
SC, PO = CommitmentKind.SUBCONTRACT, CommitmentKind.PURCHASE_ORDER


def _lines(*rows: tuple[str, str, str]) -> tuple[NewSovLine, ...]:
    return tuple(NewSovLine(item_number=f"{i:03d}", cost_code=code, description=text,
                            scheduled_value=D(value))
                 for i, (code, text, value) in enumerate(rows, start=1))


def _contacts(company_domain: str, *names: str) -> tuple[NewContact, ...]:
    return tuple(NewContact(name, f"{name.split()[0].lower()}@{company_domain}")
                 for name in names)


def _sc(number: str, title: str, company: str, domain: str, lines: tuple[NewSovLine, ...],
        *contacts: str, kind: CommitmentKind = SC, retainage: str = "10") -> NewCommitment:
    return NewCommitment(number=number, title=title, kind=kind, contract_company=company,
                         retainage_percent_work=D(retainage),
                         retainage_percent_stored=D(retainage), sov_lines=lines,
                         invoice_contacts=_contacts(domain, *contacts))


MEDICAL_OFFICE = (
    _sc("SC-001", "Concrete and Foundations", "Granite Ridge Concrete", "graniteridge.example",
        _lines(("03-1000", "Formwork", "84500.00"), ("03-2000", "Reinforcing steel", "61200.00"),
               ("03-3000", "Cast-in-place concrete", "148300.00"),
               ("03-3500", "Slab finishing", "22000.00")),
        "Maria Lopez", "Dan Whitaker"),
    _sc("SC-002", "Structural Steel", "Ironline Steel Erectors", "ironline.example",
        _lines(("05-1200", "Structural steel framing", "312000.00"),
               ("05-3100", "Steel decking", "58400.00"),
               ("05-5000", "Metal fabrications", "27600.00")),
        "Kevin O'Brien"),
    _sc("SC-003", "Electrical", "Brightwire Electric", "brightwire.example",
        _lines(("26-0500", "Rough-in and conduit", "96000.00"),
               ("26-2400", "Switchboards and panels", "74500.00"),
               ("26-5100", "Lighting fixtures", "63200.00"),
               ("26-2700", "Devices and trim", "18300.00"),
               ("28-3100", "Fire alarm", "41000.00")),
        "Priya Shah", "Tom Becker", "Angela Ruiz"),
    _sc("SC-004", "Plumbing", "Clearflow Plumbing", "clearflow.example",
        _lines(("22-1100", "Domestic water piping", "52800.00"),
               ("22-1300", "Sanitary waste and vent", "47300.00"),
               ("22-4000", "Plumbing fixtures", "38900.00"),
               ("22-6300", "Medical gas", "66000.00")),
        "Luis Romero"),
    _sc("SC-005", "HVAC", "Northwind Mechanical", "northwind.example",
        _lines(("23-3100", "Ductwork", "118000.00"), ("23-7300", "Air handling units", "142500.00"),
               ("23-0900", "Controls", "54700.00"), ("23-0593", "Test and balance", "9800.00"),
               ("23-2100", "Hydronic piping", "61000.00"), ("23-0700", "Insulation", "23400.00")),
        "Hannah Kim", "Greg Novak"),
    # A commitment whose contact has not been set up yet: the batch must skip it.
    _sc("SC-006", "Drywall and Framing", "Level Line Interiors", "levelline.example",
        _lines(("09-2216", "Metal stud framing", "71200.00"),
               ("09-2900", "Gypsum board", "88600.00"),
               ("09-2100", "Acoustical insulation", "14300.00"))),
    _sc("PO-001", "Rebar and Ready-Mix Supply", "Prairie Building Supply", "prairiesupply.example",
        _lines(("03-2100", "Rebar #4 and #5, delivered", "38750.00"),
               ("03-3100", "Ready-mix 4000 psi, delivered", "91250.00"),
               ("03-1500", "Anchor bolts and embeds", "6400.00")),
        "Sam Patel", kind=PO, retainage="0"),
)


PAVING = (
    NewCommitment(
        number="SC-101", title="Asphalt Paving and Striping", kind=SC,
        contract_company="Blacktop Brothers Paving", retainage_percent_work=D("5"),
        retainage_percent_stored=D("5"),
        sov_lines=(
            NewSovLine("001", "Asphalt surface course", None, "32-1216", quantity=D("1800"),
                       unit="ton", unit_price=D("112.50")),
            NewSovLine("002", "Aggregate base", None, "32-1123", quantity=D("2400"), unit="ton",
                       unit_price=D("28.75")),
            NewSovLine("003", "Pavement striping", None, "32-1723", quantity=D("5200"),
                       unit="LF", unit_price=D("0.85")),
        ),
        invoice_contacts=_contacts("blacktopbros.example", "Rosa Delgado")),
)
