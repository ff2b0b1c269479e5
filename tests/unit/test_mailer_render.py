"""MailRenderer and the invite templates: strictness, escaping, wording, dates."""

import datetime
import re
from pathlib import Path

import jinja2
import pytest

from mailer.i18n import format_date, strings_for
from mailer.render import MailRenderer

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def invite_context(**changes: object) -> dict[str, object]:
    context: dict[str, object] = {
        "project_name": "Tower Renovation",
        "inviter_name": "Jane Doe",
        "inviter_email": "jane@gc.example",
        "contact_name": "Bob Smith",
        "commitment_number": "SC-042",
        "commitment_title": "Drywall & Framing",
        "contract_company": "Acme Drywall Ltd",
        "period_start": "November 1, 2026",
        "period_end": "November 30, 2026",
        "due_date": "November 25, 2026",
        "invitation_message": "Please bill by the 25th.",
        "yes_url": "https://itb.example/r/tok?answer=yes",
        "no_url": "https://itb.example/r/tok?answer=no",
        "locale": "en-US",
        "resend": False,
        "invoice_type": "work_and_materials",
    }
    context.update(changes)
    return context


@pytest.fixture(scope="module")
def renderer() -> MailRenderer:
    return MailRenderer(TEMPLATES)


def test_invite_subject_is_the_agreed_sentence(renderer: MailRenderer) -> None:
    mail = renderer.render("invite", invite_context())
    assert mail.subject == "Tower Renovation: Jane Doe has invited you to bill."


def test_subject_is_one_line_and_not_html_escaped(renderer: MailRenderer) -> None:
    mail = renderer.render("invite", invite_context(project_name="  Smith &\r\n  Sons\t<HQ>"))
    assert mail.subject == "Smith & Sons <HQ>: Jane Doe has invited you to bill."


def test_a_missing_variable_fails_loudly(renderer: MailRenderer) -> None:
    context = invite_context()
    del context["contract_company"]
    with pytest.raises(jinja2.UndefinedError, match="contract_company"):
        renderer.render("invite", context)


def test_html_escapes_what_the_user_typed(renderer: MailRenderer) -> None:
    mail = renderer.render(
        "invite",
        invite_context(
            contract_company='<script>alert("x")</script>',
            invitation_message="line one\n<img src=x onerror=alert(1)>",
        ),
    )
    assert "<script>" not in mail.html
    assert "&lt;script&gt;" in mail.html
    assert "<img" not in mail.html
    assert "line one<br>&lt;img src=x onerror=alert(1)&gt;" in mail.html
    # The text part is not markup: it shows exactly what was typed.
    assert '<script>alert("x")</script>' in mail.text


def test_text_part_is_not_escaped(renderer: MailRenderer) -> None:
    mail = renderer.render("invite", invite_context(yes_url="https://itb.example/r?a=1&b=2"))
    assert "https://itb.example/r?a=1&b=2" in mail.text
    assert "Drywall & Framing" in mail.text


def test_the_custom_message_is_optional(renderer: MailRenderer) -> None:
    for empty in (None, ""):
        mail = renderer.render("invite", invite_context(invitation_message=empty))
        assert "Message from" not in mail.text
        assert "Message from" not in mail.html


def test_resent_invites_say_so(renderer: MailRenderer) -> None:
    assert "new copy" in renderer.render("invite", invite_context(resend=True)).text
    assert "new copy" not in renderer.render("invite", invite_context(resend=False)).text


def test_css_is_inlined_and_the_style_block_dropped(renderer: MailRenderer) -> None:
    html = renderer.render("invite", invite_context()).html
    assert "<style" not in html
    assert 'class="button-link"' in html
    assert "padding: 12px 32px" in html


def test_french_wording_for_fr_ca(renderer: MailRenderer) -> None:
    mail = renderer.render("invite", invite_context(locale="fr-CA"))
    assert mail.subject == "Tower Renovation : Jane Doe vous invite à facturer."
    assert '<html lang="fr-CA"' in mail.html
    for text in (mail.text, mail.html):
        assert "Souhaitez-vous facturer cette période?" in text
        assert "Répondre Oui ou Non à ce courriel répond à l'invitation." in text
        assert "pas surveillée" not in text
        assert "Période de facturation" in text
    assert ">Oui</a>" in mail.html
    assert ">Non</a>" in mail.html


@pytest.mark.parametrize(("kind", "english", "french"), [
    ("work_and_materials", "Work and materials", "Travaux et matériaux"),
    ("retainage_release", "Retainage release", "Libération de la retenue de garantie"),
    ("work_materials_and_retainage", "Work, materials and retainage",
     "Travaux, matériaux et retenue de garantie"),
    ("final", "Final invoice", "Facture finale"),
])
def test_the_invite_and_reminder_say_the_invoice_type_in_both_languages(
        renderer: MailRenderer, kind: str, english: str, french: str) -> None:
    reminder = {"past_due": False, "answered_yes": False}
    for template, extra in (("invite", {}), ("reminder", reminder)):
        mail = renderer.render(template, invite_context(invoice_type=kind, **extra))
        assert f"Invoice type: {english}" in mail.text
        assert re.search(f"Invoice type</th>\\s*<td[^>]*>{english}</td>", mail.html)
        mail = renderer.render(template, invite_context(invoice_type=kind, locale="fr-CA",
                                                        **extra))
        assert f"Type de facture : {french}" in mail.text
        assert re.search(f"Type de facture</th>\\s*<td[^>]*>{french}</td>", mail.html)


def test_unknown_languages_fall_back_to_english() -> None:
    assert strings_for("de-DE") is strings_for("en-US")
    assert strings_for("fr_FR") is strings_for("fr-CA")


def test_template_names_are_plain_words(renderer: MailRenderer) -> None:
    with pytest.raises(ValueError, match="invalid mail template name"):
        renderer.render("../pages/secret", invite_context())


def test_loops_inside_tables_survive_inlining(tmp_path: Path) -> None:
    # Inlining the template source would hoist the {% for %} out of the <table>.
    (tmp_path / "email").mkdir()
    (tmp_path / "email/rows.subject.j2").write_text("Rows")
    (tmp_path / "email/rows.txt.j2").write_text("{% for r in rows %}{{ r }}\n{% endfor %}")
    (tmp_path / "email/rows.html.j2").write_text(
        "<html><head><style>td { color: #111111; }</style></head><body><table>\n"
        "{% for r in rows %}\n<tr><td>{{ r }}</td></tr>\n{% endfor %}\n</table></body></html>"
    )
    html = MailRenderer(tmp_path).render("rows", {"rows": ["a", "b"]}).html
    assert '<td style="color: #111111;">a</td>' in html
    assert '<td style="color: #111111;">b</td>' in html


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "November 25, 2026"),
        ("en", "November 25, 2026"),
        ("en-AU", "25 November 2026"),
        ("en-GB", "25 November 2026"),
        ("fr-CA", "25 novembre 2026"),
        ("fr_FR", "25 novembre 2026"),
    ],
)
def test_format_date(locale: str, expected: str) -> None:
    assert format_date(datetime.date(2026, 11, 25), locale) == expected


def test_french_writes_the_first_of_the_month_as_1er() -> None:
    assert format_date(datetime.date(2026, 8, 1), "fr-CA") == "1er août 2026"
