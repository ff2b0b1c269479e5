"""GET /api/invoices/{id}/pay-application.pdf on both databases: every figure of the
two-period worked example (tests/support/worked_example.py) read back line by line, and
the PDF refused to another company and to a stranger."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from aiohttp.test_utils import TestClient
from pypdf import PdfReader

from tests.support.api import assert_error
from tests.support.pdf_reading import figures, line_with, pages_text
from tests.support.worked_example import worked_example

G702_NOVEMBER = {
    ("1.",): ["150,000.00"], ("2.",): ["12,000.00"], ("3.",): ["162,000.00"],
    ("4.",): ["109,000.00"], ("5a.",): ["10,900.00"], ("5b.",): ["0.00"],
    ("5.",): ["10,900.00"], ("6.",): ["98,100.00"], ("7.",): ["43,600.00"],
    ("8.",): ["54,500.00"], ("9.",): ["63,900.00"],
}
G703_NOVEMBER = {  # C, D, E, F, G, G / C, H, I
    "1": ["100,000.00", "30,000.00", "50,000.00", "0.00", "80,000.00", "80.00%",
          "20,000.00", "8,000.00"],
    "2": ["50,000.00", "10,000.00", "13,000.00", "0.00", "23,000.00", "46.00%",
          "27,000.00", "2,300.00"],
    "CO-1": ["12,000.00", "0.00", "6,000.00", "0.00", "6,000.00", "50.00%", "6,000.00",
             "600.00"],
}


async def pdf_pages(api: TestClient, headers: dict[str, str], invoice_id: int,
                    tmp_path: Path) -> list[str]:
    response = await api.get(f"/api/invoices/{invoice_id}/pay-application.pdf",
                             headers=headers)
    assert response.status == 200, await response.text()
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename*=UTF-8''pay-application-{invoice_id}.pdf")
    return pages_text(await response.read(), tmp_path)


async def test_every_figure_of_the_worked_example_is_on_the_pdf(
        api: TestClient, admin_headers: dict[str, str], tmp_path: Path) -> None:
    example = await worked_example(api, admin_headers)
    november = await pdf_pages(api, admin_headers, example.november_invoice, tmp_path)
    assert len(november) == 2
    summary = november[0]
    assert "From contractor: Granite Concrete LLC" in summary
    assert "Application no.: INV-2" in summary and "Period to: November 30, 2030" in summary
    assert "Contract for: SC-100 Structure" in summary
    for start, expected in G702_NOVEMBER.items():
        assert figures(line_with(summary, *start)) == expected, start
    assert figures(line_with(summary, "Change", "orders", "(1)")) == ["12,000.00", "0.00"]
    assert figures(line_with(summary, "Net", "change", "by", "change", "orders")) == [
        "12,000.00"]
    sheet = november[1]
    for item, expected in G703_NOVEMBER.items():
        assert figures(line_with(sheet, item)) == expected, item
    totals = ["162,000.00", "40,000.00", "69,000.00", "0.00", "109,000.00", "67.28%",
              "53,000.00", "10,900.00"]
    assert figures(line_with(sheet, "Page", "totals")) == totals
    assert figures(line_with(sheet, "Grand", "totals")) == totals

    october = await pdf_pages(api, admin_headers, example.october_invoice, tmp_path)
    assert [figures(line_with(october[0], number))
            for number in ("1.", "4.", "5a.", "5b.", "5.", "6.", "7.", "8.", "9.")] == [
        ["150,000.00"], ["48,000.00"], ["4,000.00"], ["400.00"], ["4,400.00"],
        ["43,600.00"], ["0.00"], ["43,600.00"], ["106,400.00"]]
    assert figures(line_with(october[1], "2")) == [
        "50,000.00", "0.00", "10,000.00", "8,000.00", "18,000.00", "36.00%", "32,000.00",
        "1,400.00"]
    assert "CO-1" not in october[1]  # sent before the change order was added


async def test_another_company_and_a_stranger_get_no_pdf(
        api: TestClient, admin_headers: dict[str, str],
        other_admin_headers: dict[str, str]) -> None:
    example = await worked_example(api, admin_headers)
    path = f"/api/invoices/{example.november_invoice}/pay-application.pdf"
    await assert_error(await api.get(path, headers=other_admin_headers), 404, "not_found")
    await assert_error(await api.get(path), 401)
    await assert_error(await api.get(path, headers={"Authorization": "Bearer nope"}), 401)
    await assert_error(await api.get("/api/invoices/999999/pay-application.pdf",
                                     headers=admin_headers), 404, "not_found")


async def test_packages_through_the_api(api: TestClient, admin_headers: dict[str, str],
                                        other_admin_headers: dict[str, str]) -> None:
    example = await worked_example(api, admin_headers)
    package = await api.get(f"/api/invoices/{example.november_invoice}/package.pdf",
                            headers=admin_headers)
    assert package.status == 200 and package.content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(await package.read()))
    assert len(reader.pages) == 3  # cover, G702, one G703 page (no attachments)
    packed = await api.get(f"/api/invoices/{example.october_invoice}/package.zip",
                           headers=admin_headers)
    with zipfile.ZipFile(io.BytesIO(await packed.read())) as archive:
        assert sorted(archive.namelist()) == ["package.pdf", "pay-application.pdf"]

    october = await api.get(f"/api/invoices/{example.october_invoice}", headers=admin_headers)
    period_path = (f"/api/billing-periods/{(await october.json())['billing_period_id']}"
                   "/pay-applications.zip")
    streamed = await api.get(period_path, headers=admin_headers)
    assert streamed.status == 200 and streamed.content_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(await streamed.read())) as archive:
        assert sorted(archive.namelist()) == [
            f"{example.october_invoice}-SC-100-INV-1/package.pdf",
            f"{example.october_invoice}-SC-100-INV-1/pay-application.pdf"]
    november_path = f"/api/billing-periods/{example.november_period}/pay-applications.zip"
    with zipfile.ZipFile(io.BytesIO(await (await api.get(
            november_path, headers=admin_headers)).read())) as archive:
        assert archive.namelist() == []  # INV-2 is under review, not approved

    for path in (f"/api/invoices/{example.november_invoice}/package.pdf",
                 f"/api/invoices/{example.november_invoice}/package.zip", period_path):
        await assert_error(await api.get(path, headers=other_admin_headers), 404, "not_found")
        await assert_error(await api.get(path), 401)
