"""The control-character rule, the strict number rule, the mail composer's header check
and the CSV cell rule, over random strings (hypothesis) and the cases that matter."""

from __future__ import annotations

import datetime
import email
import email.policy
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from domain.commands import NewContact
from domain.errors import InvalidInput
from domain.invoice_records import BillingType, InvoiceEntry
from domain.text_rules import first_control_character, shown, strict_number
from mailer.message import HeaderRefused, compose_message
from mailer.render import RenderedMail
from payloads.fields import LongText, MultiLineText, Name, SingleLineText
from web.invoice_csv import text_cell

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LINE_BREAKS = "\t\n\r"
# Text with plenty of control characters among ordinary and non-Latin letters.
TEXT = st.text(st.one_of(st.characters(max_codepoint=0xA0),
                         st.characters(codec="utf-8")), max_size=40)
MAIL = RenderedMail(subject="Tower: Jane has invited you to bill.", text="Hi\n", html="<p>")
SENT_AT = datetime.datetime(2026, 11, 2, 14, 30, tzinfo=datetime.UTC)


class Fields(BaseModel):
    single: SingleLineText = ""
    multi: MultiLineText = ""


class Bounded(BaseModel):
    name: Name
    message: LongText


@given(TEXT)
def test_single_line_text_accepts_exactly_the_strings_without_controls(text: str) -> None:
    try:
        Fields(single=text)
    except ValidationError as error:
        assert CONTROL.search(text)
        assert error.errors()[0]["type"] == "control_character"
        assert error.errors()[0]["loc"] == ("single",)
    else:
        assert not CONTROL.search(text)


@given(TEXT)
def test_multi_line_text_also_allows_tab_and_line_breaks(text: str) -> None:
    others = CONTROL.search("".join(c for c in text if c not in LINE_BREAKS))
    try:
        Fields(multi=text)
    except ValidationError:
        assert others
    else:
        assert not others


@given(TEXT, TEXT)
def test_what_a_bounded_field_keeps_is_free_of_controls(name: str, message: str) -> None:
    try:
        kept = Bounded(name=name, message=message)
    except ValidationError:
        return
    assert not CONTROL.search(kept.name)
    assert first_control_character(kept.message, multi_line=True) is None


@given(st.text(max_size=15))
def test_strict_number_reads_only_1_to_12_ascii_digits(text: str) -> None:
    expected = int(text) if re.fullmatch(r"[0-9]{1,12}", text, re.ASCII) else None
    assert strict_number(text) == expected


@pytest.mark.parametrize("text", ["²", "\u0661\u0662", "+1", "-1", " 1", "1 ", "1_0", "1\n",
                                  "0x1", "1234567890123", ""])
def test_strict_number_refuses_what_int_would_read_or_crash_on(text: str) -> None:
    assert strict_number(text) is None


def compose(**changes: object) -> bytes:
    fields: dict[str, object] = {
        "from_addr": "Invite to Bill <noreply@itb.example>", "to_addr": "zoe@sub.example",
        "to_name": "Zoë", "message_id": "<a.b@itb.example>", "reply_to": "bill+t@in.example",
        "date": SENT_AT, "headers": None, **changes}
    return compose_message(MAIL, **fields)  # type: ignore[arg-type]


@given(TEXT)
def test_a_display_name_is_refused_or_comes_back_intact_as_one_header(name: str) -> None:
    try:
        raw = compose(to_name=name)
    except HeaderRefused as error:
        assert CONTROL.search(name)
        assert "recipient's name would contain U+" in str(error)
        return
    assert not CONTROL.search(name)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert [key.lower() for key in message] == [
        "from", "to", "subject", "date", "message-id", "reply-to", "mime-version",
        "content-type"]
    assert message["Reply-To"] == "bill+t@in.example"
    assert message["To"].addresses[0].addr_spec == "zoe@sub.example"
    if name.strip() == name and name and name.isprintable():
        assert message["To"].addresses[0].display_name == name


@pytest.mark.parametrize("changes", [
    {"to_addr": "zoe@sub.example\r\nBcc: all@x.example"},
    {"reply_to": "bill+t@in.example\nX: y"},
    {"message_id": "<a@b>\r\n"},
    {"headers": {"In-Reply-To": "<a@b>\r\nReply-To: evil@x.example"}},
    {"headers": {"X-Evil\r\nReply-To": "evil@x.example"}},
    {"headers": {"Auto-Submitted": "auto-generated\x00"}},
])
def test_every_header_value_is_checked(changes: dict[str, object]) -> None:
    with pytest.raises(HeaderRefused):
        compose(**changes)


def test_a_crlf_subject_is_refused() -> None:
    with pytest.raises(HeaderRefused, match="subject"):
        compose_message(RenderedMail("Hi\r\nBcc: x@y", "t", "h"), from_addr="a@b.c",
                        to_addr="d@e.f", to_name=None, message_id="<1@b.c>",
                        reply_to=None, date=SENT_AT)


@given(st.text(max_size=20))
def test_a_text_cell_never_starts_a_formula_and_keeps_its_text(text: str) -> None:
    cell = text_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in (text, "'" + text)


def test_a_text_cell_that_starts_like_a_formula_is_quoted() -> None:
    assert [text_cell(v) for v in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx", "1-2", "")] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "1-2", ""]


def test_domain_commands_repeat_the_rule_for_paths_that_build_them_directly() -> None:
    with pytest.raises(InvalidInput, match=r"contact name must not contain control .*U\+000D"):
        NewContact("Gina\r\nReply-To: evil@x.example", "gina@granite.example").validated()
    with pytest.raises(InvalidInput, match="is not an address"):
        NewContact("Gina", "gina\x01@granite.example").validated()
    with pytest.raises(InvalidInput, match=r"invoice number must not contain .*U\+0000"):
        InvoiceEntry(1, "INV\x00", BillingType.PROGRESS, ()).validated()
    assert NewContact(" Gina Granite ", "Gina@Granite.example").validated() == NewContact(
        "Gina Granite", "gina@granite.example")



@given(TEXT)
def test_a_shown_name_holds_no_control_character_and_keeps_the_rest(text: str) -> None:
    written = shown(text)
    assert first_control_character(written) is None
    expected = "".join(f"\\u{ord(c):04x}" if CONTROL.fullmatch(c) else c for c in text)
    assert written == expected
    assert shown("a\x00b") == "a\\u0000b"
