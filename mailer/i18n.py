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
    "invoice_type": "Invoice type",
    "invoice_type_work_and_materials": "Work and materials",
    "invoice_type_retainage_release": "Retainage release",
    "invoice_type_work_materials_and_retainage": "Work, materials and retainage",
    "invoice_type_final": "Final invoice",
    "message_from": "Message from {inviter_name}",
    "bill_question": "Do you want to bill this period?",
    "yes": "Yes",
    "no": "No",
    "yes_link_label": "Yes, I will bill this period",
    "no_link_label": "No, I will not bill this period",
    "label_sep": ": ",
    # The invite and its reminders carry the bot's reply address in Reply-To, so a reply
    # does reach somebody: say what a reply does and where questions go instead.
    "reply_answers": (
        "Replying Yes or No to this email answers the invitation. "
        "For questions, write to {inviter_name} at {inviter_email}."
    ),
    # The administrator's notice of a No (declined_notice).
    "declined_subject": "{project_name}: {contact_name} will not bill {commitment_number} "
    "this period",
    "declined_title": "{contact_name} will not bill this period",
    "declined_intro": "{contact_name} ({contact_email}) of {contract_company} answered No to "
    "your invitation to bill on {project_name}.",
    "declined_change": "They can still change the answer to Yes until the end of the due date.",
    "contact": "Contact",
    "answered_at": "Answered",
    "open_history": "Open the invite's history",
    "declined_footer": "You receive this because you invited {contract_company} to bill on "
    "{project_name}.",
    # A contact's one-time sign-in link (sign_in_link).
    "sign_in_subject": "Your sign-in link for Invite to Bill",
    "sign_in_title": "Sign in to Invite to Bill",
    "sign_in_intro": "Use this link to sign in and see the commitments you are an invoice "
    "contact for.",
    "sign_in_button": "Sign in",
    "sign_in_expiry": "The link works once, within {minutes} minutes.",
    "sign_in_ignore": "If you did not ask for it, ignore this email: nobody can sign in "
    "without the link.",
    "unmonitored": "This email address is not monitored.",
    # Reminders (reminder): before the due date, and after it ("past_due").
    "reminder_subject": "Reminder: {project_name}: {inviter_name} has invited you to bill.",
    "reminder_past_due_subject": "Due date passed: {project_name}: {inviter_name} has "
    "invited you to bill.",
    "reminder_title": "Reminder: invitation to bill on {project_name}",
    "reminder_past_due_title": "The due date has passed: {project_name}",
    "reminder_preheader": "Your invoice for {period} is due on {due_date}.",
    "reminder_past_due_preheader": "The due date, {due_date}, has passed.",
    "reminder_intro": "{inviter_name} has invited you to submit an invoice on {project_name} "
    "by the end of {due_date}.",
    "reminder_answer": "We have not had your answer yet: do you want to bill this period?",
    "reminder_finish": "You answered Yes: please finish your invoice and send it before the "
    "due date.",
    "reminder_past_due_intro": "{inviter_name} invited you to submit an invoice on "
    "{project_name}. The due date, {due_date}, has passed, so the invoice can no longer be "
    "submitted here.",
    "reminder_on_behalf": "To bill this period, ask {inviter_name} ({inviter_email}) to "
    "create the invoice on your behalf.",
    "reminder_stops": "This is an automatic reminder. Reminders stop once you answer No or "
    "your invoice is sent.",
    "reminder_stops_past_due": "This is an automatic reminder. Reminders stop once the "
    "invoice is sent or the billing period closes.",
    # The administrator's notice of a bounced invite (bounce_notice).
    "bounce_subject": "{project_name}: mail to {contact_name} bounced ({commitment_number})",
    "bounce_title": "An invitation to bill could not be delivered",
    "bounce_intro": "Mail to {contact_name} ({contact_email}) of {contract_company} on "
    "{project_name} bounced. The address is marked undeliverable: no more mail goes to it "
    "until it is corrected.",
    "bounce_reason": "Reason given",
    "bounce_footer": "You receive this because you invited {contract_company} to bill on "
    "{project_name}.",
    # The administrator's notice that webhooks to a subscriber stopped (webhook_stopped).
    "webhook_stopped_subject": "Webhooks to {url} are stopped",
    "webhook_stopped_title": "Webhooks to a subscriber are stopped",
    "webhook_stopped_intro": "We stopped sending webhooks to {url} (subscription "
    "{subscription_id}).",
    "webhook_stopped_reason": "Reason",
    "webhook_stopped_resume": "Once the receiver works again, resume the subscription: PATCH "
    "/api/webhook-subscriptions/{subscription_id} with {{\"status\": \"active\"}}. Failed "
    "deliveries can be replayed from /api/webhook-subscriptions/{subscription_id}/deliveries.",
    # Replies of the email bot (inbound_reply), one per outcome of a reply.
    "inbound_accepted": "Thank you: your Yes to bill {commitment_number} is recorded. Sign "
    "in to fill in the invoice:",
    "inbound_declined": "Thank you: your No for {commitment_number} is recorded. You can "
    "change it until the end of the due date by answering Yes.",
    "inbound_help": "We could not read an answer in your email about {commitment_number}. "
    "To answer, reply with only Yes or No on the first line, or use the links in the "
    "invitation. Your message was kept for the invoice administrator.",
    "inbound_closed": "Your answer about {commitment_number} could not be recorded: {reason}",
    "inbound_not_a_contact": "This address answers invitations to bill, and only from the "
    "invoice contacts they were sent to. Your message was kept for the invoice "
    "administrator; please write to them directly.",
    "inbound_automatic": "This is an automatic reply.",
    # Invoices: sent for review (invoice_submitted), returned to the contact
    # (invoice_returned).
    "invoice_submitted_subject": "{project_name}: invoice {invoice_number} from "
    "{contract_company} is ready for review",
    "invoice_submitted_title": "An invoice is ready for review",
    "invoice_submitted_intro": "{contract_company} sent invoice {invoice_number} for "
    "commitment {commitment_number} on {project_name}.",
    "open_invoice": "Open the invoice",
    "invoice_returned_subject": "{project_name}: please revise invoice {invoice_number}",
    "invoice_returned_title": "Your invoice needs a revision",
    "invoice_returned_intro": "Invoice {invoice_number} for commitment {commitment_number} "
    "on {project_name} was returned to you: revise it and send it again.",
    "review_note": "Note from the reviewer",
    "revise_invoice": "Revise the invoice",
    # The administrators' notice that the scheduler opened a period (period_opened).
    "period_opened_subject": "Billing period {period} opened for {project_name}",
    "period_opened_title": "A billing period opened",
    "period_opened_intro": "The billing period {period} of {project_name} opened "
    "automatically, as the project's settings ask. The previous period is closed.",
    "period_opened_invites": "Invites are going to every commitment of the project: follow "
    "them on its dashboard.",
    "period_opened_no_invites": "No invites were sent: send them from the project's "
    "dashboard.",
    "open_periods": "Open the billing periods",
    "period_opened_footer": "You receive this because you administer {project_name}.",
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
    "invoice_type": "Type de facture",
    "invoice_type_work_and_materials": "Travaux et matériaux",
    "invoice_type_retainage_release": "Libération de la retenue de garantie",
    "invoice_type_work_materials_and_retainage": "Travaux, matériaux et retenue de garantie",
    "invoice_type_final": "Facture finale",
    "message_from": "Message de {inviter_name}",
    # Quebec typography: no space before ? or !, a space before the colon.
    "bill_question": "Souhaitez-vous facturer cette période?",
    "yes": "Oui",
    "no": "Non",
    "yes_link_label": "Oui, je facturerai cette période",
    "no_link_label": "Non, je ne facturerai pas cette période",
    "label_sep": " : ",
    "reply_answers": (
        "Répondre Oui ou Non à ce courriel répond à l'invitation. "
        "Pour toute question, écrivez à {inviter_name} ({inviter_email})."
    ),
    "declined_subject": "{project_name} : {contact_name} ne facturera pas {commitment_number} "
    "pour cette période",
    "declined_title": "{contact_name} ne facturera pas cette période",
    "declined_intro": "{contact_name} ({contact_email}), de {contract_company}, a répondu Non "
    "à votre invitation à facturer pour le projet {project_name}.",
    "declined_change": "La réponse peut encore être changée pour Oui jusqu'à la fin de la date "
    "limite.",
    "contact": "Contact",
    "answered_at": "Réponse",
    "open_history": "Voir l'historique de l'invitation",
    "declined_footer": "Vous recevez ce courriel parce que vous avez invité {contract_company} "
    "à facturer pour le projet {project_name}.",
    "sign_in_subject": "Votre lien de connexion à Invite to Bill",
    "sign_in_title": "Connexion à Invite to Bill",
    "sign_in_intro": "Utilisez ce lien pour vous connecter et voir les engagements dont vous "
    "êtes contact de facturation.",
    "sign_in_button": "Se connecter",
    "sign_in_expiry": "Le lien fonctionne une seule fois, pendant {minutes} minutes.",
    "sign_in_ignore": "Si vous n'avez rien demandé, ignorez ce courriel : personne ne peut se "
    "connecter sans ce lien.",
    "unmonitored": "Cette adresse courriel n'est pas surveillée.",
    "reminder_subject": "Rappel : {project_name} : {inviter_name} vous invite à facturer.",
    "reminder_past_due_subject": "Date limite dépassée : {project_name} : {inviter_name} "
    "vous invite à facturer.",
    "reminder_title": "Rappel : invitation à facturer pour le projet {project_name}",
    "reminder_past_due_title": "La date limite est dépassée : {project_name}",
    "reminder_preheader": "Votre facture pour la période {period} est attendue le {due_date}.",
    "reminder_past_due_preheader": "La date limite, le {due_date}, est dépassée.",
    "reminder_intro": "{inviter_name} vous invite à soumettre une facture pour le projet "
    "{project_name} d'ici la fin du {due_date}.",
    "reminder_answer": "Nous n'avons pas encore reçu votre réponse : souhaitez-vous facturer "
    "cette période?",
    "reminder_finish": "Vous avez répondu Oui : veuillez terminer votre facture et l'envoyer "
    "avant la date limite.",
    "reminder_past_due_intro": "{inviter_name} vous a invité à soumettre une facture pour le "
    "projet {project_name}. La date limite, le {due_date}, est dépassée : la facture ne peut "
    "plus être soumise ici.",
    "reminder_on_behalf": "Pour facturer cette période, demandez à {inviter_name} "
    "({inviter_email}) de créer la facture en votre nom.",
    "reminder_stops": "Ceci est un rappel automatique. Les rappels cessent dès que vous "
    "répondez Non ou que votre facture est envoyée.",
    "reminder_stops_past_due": "Ceci est un rappel automatique. Les rappels cessent dès que "
    "la facture est envoyée ou que la période de facturation est fermée.",
    "bounce_subject": "{project_name} : le courriel à {contact_name} a été refusé "
    "({commitment_number})",
    "bounce_title": "Une invitation à facturer n'a pas pu être livrée",
    "bounce_intro": "Le courriel à {contact_name} ({contact_email}), de {contract_company}, "
    "pour le projet {project_name} a été refusé. L'adresse est marquée non livrable : aucun "
    "autre courriel ne lui sera envoyé tant qu'elle n'est pas corrigée.",
    "bounce_reason": "Motif indiqué",
    "bounce_footer": "Vous recevez ce courriel parce que vous avez invité {contract_company} "
    "à facturer pour le projet {project_name}.",
    "webhook_stopped_subject": "Les webhooks vers {url} sont arrêtés",
    "webhook_stopped_title": "Les webhooks vers un abonné sont arrêtés",
    "webhook_stopped_intro": "Nous avons cessé d'envoyer des webhooks à {url} (abonnement "
    "{subscription_id}).",
    "webhook_stopped_reason": "Motif",
    "webhook_stopped_resume": "Une fois le récepteur rétabli, réactivez l'abonnement : PATCH "
    "/api/webhook-subscriptions/{subscription_id} avec {{\"status\": \"active\"}}. Les "
    "livraisons échouées peuvent être renvoyées depuis "
    "/api/webhook-subscriptions/{subscription_id}/deliveries.",
    # Réponses du robot de courriel (inbound_reply).
    "inbound_accepted": "Merci : votre Oui pour facturer {commitment_number} est enregistré. "
    "Connectez-vous pour remplir la facture :",
    "inbound_declined": "Merci : votre Non pour {commitment_number} est enregistré. Vous "
    "pouvez le changer jusqu'à la fin de la date d'échéance en répondant Oui.",
    "inbound_help": "Nous n'avons pas pu lire de réponse dans votre courriel au sujet de "
    "{commitment_number}. Pour répondre, écrivez seulement Oui ou Non sur la première "
    "ligne, ou utilisez les liens de l'invitation. Votre message a été conservé pour "
    "l'administrateur des factures.",
    "inbound_closed": "Votre réponse au sujet de {commitment_number} n'a pas pu être "
    "enregistrée : {reason}",
    "inbound_not_a_contact": "Cette adresse reçoit les réponses aux invitations à facturer, "
    "et seulement des contacts à qui elles ont été envoyées. Votre message a été conservé "
    "pour l'administrateur des factures ; écrivez-lui directement.",
    "inbound_automatic": "Ceci est une réponse automatique.",
    # Factures : envoyée pour révision (invoice_submitted), retournée (invoice_returned).
    "invoice_submitted_subject": "{project_name} : la facture {invoice_number} de "
    "{contract_company} est prête pour révision",
    "invoice_submitted_title": "Une facture est prête pour révision",
    "invoice_submitted_intro": "{contract_company} a envoyé la facture {invoice_number} pour "
    "l'engagement {commitment_number} du projet {project_name}.",
    "open_invoice": "Ouvrir la facture",
    "invoice_returned_subject": "{project_name} : veuillez réviser la facture {invoice_number}",
    "invoice_returned_title": "Votre facture doit être révisée",
    "invoice_returned_intro": "La facture {invoice_number} pour l'engagement "
    "{commitment_number} du projet {project_name} vous a été retournée : révisez-la et "
    "envoyez-la de nouveau.",
    "review_note": "Note de la personne qui révise",
    "revise_invoice": "Réviser la facture",
    "period_opened_subject": "Période de facturation {period} ouverte pour {project_name}",
    "period_opened_title": "Une période de facturation est ouverte",
    "period_opened_intro": "La période de facturation {period} du projet {project_name} "
    "s'est ouverte automatiquement, selon les réglages du projet. La période précédente est "
    "fermée.",
    "period_opened_invites": "Les invitations partent pour chaque engagement du projet : "
    "suivez-les sur son tableau de bord.",
    "period_opened_no_invites": "Aucune invitation n'a été envoyée : envoyez-les depuis le "
    "tableau de bord du projet.",
    "open_periods": "Ouvrir les périodes de facturation",
    "period_opened_footer": "Vous recevez ce courriel parce que vous administrez le projet "
    "{project_name}.",
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
