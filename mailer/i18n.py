"""Per-language wording for the mail templates, and dates written the way a locale reads them.

Deliberately tiny: two languages and the handful of strings the templates need. Strings with
`{placeholders}` are filled in the template with `str.format`, so the HTML template still
autoescapes the result.
"""

import datetime
from collections.abc import Mapping
from types import MappingProxyType

DEFAULT_LANGUAGE = "en"

_EN = {
    "invite_subject": "{project_name}: {inviter_name} has invited you to bill.",
    "invite_title": "Invitation to bill: {project_name}",
    "invite_preheader": "{inviter_name} has invited you to bill for {period}.",
    "greeting": "Hello {contact_name},",
    "invite_intro": "{inviter_name} has invited you to submit an invoice on {project_name}.",
    "resend_notice": "This is a new copy of an invitation we sent you earlier.",
    "invoice_details": "Invoice details",
    "billing_period": "Billing period",
    "period_range": "{start} \u2013 {end}",  # an en dash: the mark for ranges
    "invited_by": "Invited By",
    "due_date": "Due Date",
    "commitment": "Commitment",
    "contract_company": "Contract Company",
    "message_from": "Message from {inviter_name}",
    "bill_question": "Do you want to bill this period?",
    "yes": "Yes",
    "no": "No",
    "yes_link_label": "Yes, I will bill this period",
    "no_link_label": "No, I will not bill this period",
    "label_sep": ": ",
    "not_monitored": (
        "This email address is not monitored. "
        "For questions, contact {inviter_name} at {inviter_email}."
    ),
}

_FR = {
    "invite_subject": "{project_name} : {inviter_name} vous invite à facturer.",
    "invite_title": "Invitation à facturer : {project_name}",
    "invite_preheader": "{inviter_name} vous invite à facturer pour la période {period}.",
    "greeting": "Bonjour {contact_name},",
    "invite_intro": "{inviter_name} vous invite à soumettre une facture pour le projet "
    "{project_name}.",
    "resend_notice": "Ceci est une nouvelle copie d'une invitation déjà envoyée.",
    "invoice_details": "Détails de la facture",
    "billing_period": "Période de facturation",
    "period_range": "du {start} au {end}",
    "invited_by": "Invitation de",
    "due_date": "Date limite",
    "commitment": "Engagement",
    "contract_company": "Entreprise contractante",
    "message_from": "Message de {inviter_name}",
    # Quebec typography: no space before ? or !, a space before the colon.
    "bill_question": "Souhaitez-vous facturer cette période?",
    "yes": "Oui",
    "no": "Non",
    "yes_link_label": "Oui, je facturerai cette période",
    "no_link_label": "Non, je ne facturerai pas cette période",
    "label_sep": " : ",
    "not_monitored": (
        "Cette adresse courriel n'est pas surveillée. "
        "Pour toute question, communiquez avec {inviter_name} ({inviter_email})."
    ),
}

STRINGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"en": MappingProxyType(_EN), "fr": MappingProxyType(_FR)}
)

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip

# Regions whose English long date puts the month first (CLDR): "November 25, 2026".
_MONTH_FIRST_ENGLISH_REGIONS = frozenset({"", "US", "CA", "PH", "UM", "PR", "AS", "GU", "VI"})


def split_locale(locale: str) -> tuple[str, str]:
    """("fr-CA" or "fr_CA") -> ("fr", "CA"); a bare language gives an empty region."""
    language, _, region = locale.replace("_", "-").partition("-")
    return language.lower(), region.partition("-")[0].upper()


def language_of(locale: str) -> str:
    """The language we have strings for: the locale's own, else English."""
    language, _ = split_locale(locale)
    return language if language in STRINGS else DEFAULT_LANGUAGE


def strings_for(locale: str) -> Mapping[str, str]:
    """The template strings for a locale such as "en-US" or "fr-CA"."""
    return STRINGS[language_of(locale)]


def format_date(date: datetime.date, locale: str) -> str:
    """A long date: en-US "November 25, 2026", en-AU "25 November 2026",
    fr-CA "25 novembre 2026" (and "1er novembre 2026", as French writes the first)."""
    language, region = split_locale(locale)
    if language == "fr":
        day = "1er" if date.day == 1 else str(date.day)
        return f"{day} {_MONTHS['fr'][date.month - 1]} {date.year}"
    month = _MONTHS["en"][date.month - 1]
    if region in _MONTH_FIRST_ENGLISH_REGIONS:
        return f"{month} {date.day}, {date.year}"
    return f"{date.day} {month} {date.year}"
