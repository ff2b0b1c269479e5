"""The sentences people write instead of a bare Yes or No, in English and French.

Each pattern runs on a normalised line (lower case, accents removed, straight
apostrophes; see `reply_grammar.normalise`). A pattern names one polarity only; the
grammar answers only when every signal on the line agrees and nothing hedges, so a phrase
list that is too short makes a reply unclear (a person reads it), never wrong.
"""

from __future__ import annotations

import re

# What is billed, in the words of the dictionaries we serve (invoice, pay app, progress
# claim, payment application, draw) and of French-speaking Canada (facture, décompte).
_DOCUMENT = (r"(?:invoices?|bills?|billing|pay ?apps?|pay applications?|payment applications?|"
             r"progress claims?|claims?|draws?|requests? for payment)")
_BILL_VERB = r"(?:bill|billing|invoice|invoicing|submit|submitting|claim|claiming)"
_SEND_DOCUMENT = rf"(?:send|sending|submit|submitting) (?:an?|our|the|my) {_DOCUMENT}"
_SUBJECT = r"(?:we|i)"

NO_PHRASES: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    # "no invoice from us this period", "no pay app this draw"
    rf"\bno {_DOCUMENT}\b",
    r"\bnothing to (?:bill|invoice|claim|submit)\b",
    r"\bnothing (?:from (?:us|me)|(?:for )?this (?:period|month|time|draw|cycle))\b",
    r"\bno work (?:this|performed|done|completed)\b",
    # "we'll pass", "i will pass this month, thanks"; not "we'll pass it on to accounting"
    rf"\b{_SUBJECT}(?:'ll| will| shall)? pass(?: (?:on |for )?this (?:period|month|time|draw|"
    rf"cycle|one))?(?=[\s,.!;:]*(?:$|thanks|thank you|cheers|regards))",
    r"\b(?:skip|skipping|pass on) (?:this|the) (?:period|month|draw|cycle|one|time)\b",
    r"\bnot this (?:period|month|time|draw|cycle)\b",
    # "we won't be billing", "i'm not invoicing", "we do not need to bill"
    rf"\b{_SUBJECT}(?: (?:won't|wont|will not|are not|aren't|arent|am not|do not|don't|dont|"
    rf"shall not)|'re not|'m not|'ll not)(?: be)?(?: going to)?(?: (?:need|want|have) to)? "
    rf"(?:{_BILL_VERB}|{_SEND_DOCUMENT})\b",
    r"\bnot (?:billing|invoicing|submitting|claiming)\b",
    # French
    r"\bpas de (?:factures?|facturation|decomptes?|demande de paiement)\b",
    r"\baucune? (?:factures?|facturation|decomptes?)\b",
    r"\brien a (?:facturer|reclamer|soumettre)\b",
    r"\b(?:nous|on|je) (?:ne |n')?(?:facturerons|facturera|facturerai|facturons|facture) pas\b",
    r"\b(?:nous|on|je) (?:ne |n')?(?:vais|va|allons|voulons|souhaitons|comptons) pas "
    r"(?:facturer|soumettre|envoyer)\b",
    r"\b(?:nous passons|on passe|je passe) (?:notre|mon) tour\b",
    r"\bpas (?:cette fois|ce mois[ -]ci|pour cette periode)\b",
))

YES_PHRASES: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    # "we will bill", "we'll be invoicing", "i am going to submit", "we plan to send our invoice"
    rf"\b{_SUBJECT}(?:'ll| will| shall| are going to|'re going to| am going to|'m going to|"
    rf" plan to| intend to| would like to|'d like to| want to| do want to)(?: be)? "
    rf"(?:{_BILL_VERB}|{_SEND_DOCUMENT})\b",
    # "our pay app will follow", "the invoice is on its way", "invoice to follow"
    rf"\b(?:our|the|an|my) {_DOCUMENT} (?:will follow|to follow|is coming|is on (?:its|the) way|"
    rf"will be (?:sent|submitted))\b",
    rf"\b{_DOCUMENT} to follow\b",
    # French
    r"\b(?:nous|on|je) (?:allons|va|vais|voulons|souhaitons|comptons) (?:vous )?"
    r"(?:facturer|soumettre|envoyer (?:notre|la|une) facture)\b",
    r"\b(?:nous facturerons|je facturerai|on facturera)\b",
    r"\b(?:la|notre|une) facture (?:suivra|suit|arrive|est en route)\b",
    r"\bfacture a suivre\b",
))

# Words that make a line unsure, conditional, a question or about another period: such a
# line is never read, whatever else it says ("yes but only half", "no invoice yet",
# "we'll bill next month", "peut-être").
HEDGES = re.compile(
    r"\?|\b(?:maybe|perhaps|probably|possibly|not sure|unsure|if|unless|but|however|except|"
    r"though|although|later|yet|depends?|next (?:week|month|period|time|draw|cycle)|"
    r"last (?:week|month|period|time)|peut[ -]etre|probablement|pas sur|si|sauf|mais|"
    r"cependant|pas encore|plus tard|depend|(?:le )?mois prochain|semaine prochaine|"
    r"prochaine periode)\b")

# Idioms that look like a No but say nothing about billing ("No problem, we'll bill"):
# removed before the line is read, so alone they read as nothing.
NEUTRAL_IDIOMS = re.compile(
    r"\b(?:no (?:problem|problems|prob|worries|worry)|not a problem|"
    r"pas de (?:probleme|souci|soucis)|sans (?:probleme|souci)|aucun (?:probleme|souci))\b")

# Besides the no and yes words themselves (reply_grammar builds those in): a Yes on a
# line that also negates or passes is not read ("we will bill nothing", "we will invoice,
# not the retainage", "we'll pass, yes we will bill"), nor a No on a line that also affirms.
NEGATING_WORDS = ("not", "never", "nothing", "pas", "jamais", "aucun", "aucune", "rien", "ni",
                  "pass", "skip", "skipping", "passons", "passe")
AFFIRMING_WORDS = ("certes", "volontiers", "of course", "bien sur", "d'accord", "ok")
