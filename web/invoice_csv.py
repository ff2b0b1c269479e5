"""An invoice as CSV: the G703 continuation sheet, a blank row, then the G702 summary.

Text cells that a spreadsheet would read as a formula are neutralised (OWASP "CSV
Injection"): a cell starting with =, +, -, @, tab or CR gets a leading single quote, which
spreadsheets show as text. Only text cells: invoice and item numbers, descriptions and
names come from other people. Money cells are written by us from Decimals
(`format_money`), so a negative amount such as "-150.00" stays a number.

The words (headers, labels, yes/no) are the project's language and dictionary, from the
"documents" catalogue (`invoice_csv.*`); the figures stay machine-readable ("1234.50") in
every language, so a spreadsheet of any locale reads them the same way.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from app.use_cases.document_words import document_words
from documents.words import DocumentWords
from domain.invoice_records import InvoiceRecord
from domain.model import Project
from domain.money import format_money

ZERO = Decimal("0.00")
# The continuation sheet's columns, as keys of the documents catalogue.
G703_HEADER = (
    "invoice_csv.item", "invoice_csv.description", "invoice_csv.scheduled_value",
    "invoice_csv.previous", "invoice_csv.this_period", "invoice_csv.stored",
    "invoice_csv.completed", "invoice_csv.percent", "invoice_csv.balance",
    "invoice_csv.retainage", "invoice_csv.retainage_released", "invoice_csv.change_order")

# The G702 summary's amounts, in the order the CSV and the API's JSON give them.
SUMMARY_FIELDS = (
    "original_contract_sum", "net_change_by_change_orders", "contract_sum_to_date",
    "total_completed_and_stored_to_date", "retainage_on_completed_work",
    "retainage_on_stored_materials", "total_retainage", "total_earned_less_retainage",
    "less_previous_certificates", "current_payment_due",
    "balance_to_finish_including_retainage")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """`value` as a cell a spreadsheet shows as text, never evaluates."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def invoice_csv(invoice: InvoiceRecord, words: DocumentWords) -> str:
    """The invoice as CSV in `words`' language (the project's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((words("invoice_csv.invoice"), text_cell(invoice.number),
                     words("invoice_csv.status"), invoice.status.value,
                     words("invoice_csv.contract_company"), text_cell(invoice.contract_company)))
    writer.writerow(tuple(words(key) for key in G703_HEADER))
    rows = invoice.computed.lines
    for row in rows:
        writer.writerow((
            text_cell(row.item_number), text_cell(row.description),
            *(format_money(value) for value in (
                row.scheduled_value, row.work_completed_previous,
                row.work_completed_this_period, row.materials_presently_stored,
                row.total_completed_and_stored)), str(row.percent_complete),
            format_money(row.balance_to_finish), format_money(row.retainage),
            format_money(row.retainage_released),
            words("invoice_csv.yes" if row.change_order else "invoice_csv.no")))
    totals = [sum((getattr(row, name) for row in rows), start=ZERO)
              for name in ("scheduled_value", "work_completed_previous",
                           "work_completed_this_period", "materials_presently_stored",
                           "total_completed_and_stored")]
    writer.writerow(("", words("invoice_csv.totals"),
                     *(format_money(value) for value in totals), "",
                     format_money(sum((row.balance_to_finish for row in rows), ZERO)),
                     format_money(sum((row.retainage for row in rows), ZERO)),
                     format_money(sum((row.retainage_released for row in rows), ZERO)),
                     ""))
    writer.writerow(())
    writer.writerow((words("invoice_csv.summary"), words("invoice_csv.amount")))
    summary = invoice.computed.summary
    for field in SUMMARY_FIELDS:
        writer.writerow((words(f"invoice_csv.{field}"), format_money(getattr(summary, field))))
    return out.getvalue()



def project_csv_words(project: Project) -> DocumentWords:
    """The words an invoice's CSV is written in: its project's language and dictionary."""
    return document_words(project.locale, project.terminology)
