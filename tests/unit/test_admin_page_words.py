"""The words of the administrator's pages without the application: the locale a browser's
Accept-Language picks, the reminder cadence in French and Australian English, and every key
a converted page names existing in the "pages" catalogue."""

from __future__ import annotations

import re

import pytest

from domain.model import ReminderPolicy
from mailer.i18n import wording_for
from tests.support.catalogues import CONVERTED_PAGES, TEMPLATES, messages
from web.admin.reminder_words import reminder_summary
from web.page_words import accepted_locale


@pytest.mark.parametrize(("header", "locale"), [
    ("fr-CA,fr;q=0.9,en;q=0.5", "fr-CA"), ("fr", "fr-CA"), ("fr-FR", "fr-CA"),
    ("en-AU", "en-AU"), ("en-gb,en;q=0.8", "en-GB"), ("de-DE,fr;q=0.3", "fr-CA"),
    ("de-DE,de;q=0.9", "en-US"), ("", "en-US"), (None, "en-US"), ("*", "en-US"),
    ("en-US;q=0.2,fr-CA;q=0.8", "fr-CA"), ("fr-CA;q=0,en-AU", "en-AU"),
    ("fr-CA;q=nonsense,en-GB", "en-GB")])
def test_the_browsers_language_picks_one_of_our_locales(header: str | None,
                                                        locale: str) -> None:
    assert accepted_locale(header) == locale


def test_the_reminder_cadence_is_said_in_the_pages_language() -> None:
    policy = ReminderPolicy()
    french = wording_for("fr-CA", domain="pages")
    assert reminder_summary(policy, "America/Toronto", words=french) == (
        "3 et 1 jours avant la date limite, puis chaque jour après celle-ci pendant au plus "
        "14 jours, à 8 h 00 (America/Toronto).")
    assert reminder_summary(ReminderPolicy((), 13, False, 14), "America/Toronto",
                            words=french) == "Aucun rappel."
    assert reminder_summary(ReminderPolicy((1,), 13, False, 14), "UTC", words=french) == (
        "1 jour avant la date limite, à 13 h 00 (UTC).")
    australian = wording_for("en-AU", domain="pages")
    assert reminder_summary(policy, "Australia/Sydney", words=australian) == (
        "3 and 1 days before the due date, then every day after it for up to 14 days, at "
        "8:00 AM (Australia/Sydney).")


KEY = re.compile(r"""(?<![\w.])(?:_|gettext)\(\s*"([^"]+)"\s*\)""")
COMPUTED = re.compile(r"""(?<![\w.])(?:_|gettext)\(\s*"([^"]+)"\s*~""")
PLURAL = re.compile(r"""ngettext\(\s*"([^"]+)",\s*"([^"]+)\"""")


@pytest.mark.parametrize("page", CONVERTED_PAGES)
def test_every_key_a_converted_page_names_is_in_the_catalogue(page: str) -> None:
    source = (TEMPLATES / "pages" / page).read_text(encoding="utf-8")
    keys = {key for _, key in messages("en-US", "pages")}
    named = set(KEY.findall(source)) | set(PLURAL.findall(source))
    assert named <= keys, named - keys
    # A key built in the template ("field.delivery_" ~ state) names at least one key.
    for prefix in COMPUTED.findall(source):
        assert any(str(key).startswith(prefix) for key in keys), (page, prefix)
