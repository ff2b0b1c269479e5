"""An invoice as CSV: the G703 continuation sheet, a blank row, then the G702 summary."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from domain.invoice_records import InvoiceRecord
from domain.money import format_money
from webhooks.api.invoice_json import SUMMARY_FIELDS

ZERO = Decimal("0.00")
G703_HEADER = (
    "A Item No.", "B Description of Work", "C Scheduled Value",
    "D Work Completed From Previous Application", "E Work Completed This Period",
    "F Materials Presently Stored", "G Total Completed and Stored to Date", "G/C %",
    "H Balance to Finish", "I Retainage", "Retainage Released This Period", "Change Order")


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def invoice_csv(invoice: InvoiceRecord) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("Invoice", invoice.number, "Status", invoice.status.value,
                     "Contract company", invoice.contract_company))
    writer.writerow(G703_HEADER)
    rows = invoice.computed.lines
    for row in rows:
        writer.writerow((
            row.item_number, row.description, *(format_money(value) for value in (
                row.scheduled_value, row.work_completed_previous,
                row.work_completed_this_period, row.materials_presently_stored,
                row.total_completed_and_stored)), str(row.percent_complete),
            format_money(row.balance_to_finish), format_money(row.retainage),
            format_money(row.retainage_released), "yes" if row.change_order else "no"))
    totals = [sum((getattr(row, name) for row in rows), start=ZERO)
              for name in ("scheduled_value", "work_completed_previous",
                           "work_completed_this_period", "materials_presently_stored",
                           "total_completed_and_stored")]
    writer.writerow(("", "Totals", *(format_money(value) for value in totals), "",
                     format_money(sum((row.balance_to_finish for row in rows), ZERO)),
                     format_money(sum((row.retainage for row in rows), ZERO)),
                     format_money(sum((row.retainage_released for row in rows), ZERO)),
                     ""))
    writer.writerow(())
    writer.writerow(("G702 summary", "Amount"))
    summary = invoice.computed.summary
    for field in SUMMARY_FIELDS:
        writer.writerow((_label(field), format_money(getattr(summary, field))))
    return out.getvalue()

