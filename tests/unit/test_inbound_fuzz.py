"""Random and truncated MIME never crashes the triage of received mail."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mailer.inbound_triage import triage

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
CORPUS = [p.read_bytes() for p in sorted(MAIL.glob("*.eml"))]
POSTFIX_DSN = (MAIL / "dsn_postfix.eml").read_bytes()
RCPT = ("bill+k7q2m9x4w1@reply.localhost", "bounce+1@reply.localhost")
KINDS = {"bounce", "auto_reply", "postmaster", "reply"}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CORPUS), st.floats(0, 1), st.binary(max_size=200))
@example(POSTFIX_DSN, 0.19921875, b"*")  # a truncated Content-Type parameter: IndexError
def test_truncated_and_garbled_corpus_messages(raw: bytes, cut: float, noise: bytes) -> None:
    broken = raw[: int(len(raw) * cut)] + noise
    assert triage(broken, RCPT[:1], "reply.localhost").kind in KINDS


@settings(max_examples=400)
@given(st.binary(max_size=2000), st.sampled_from([RCPT[:1], RCPT[1:], ()]))
def test_random_bytes(raw: bytes, rcpt: tuple[str, ...]) -> None:
    assert triage(raw, rcpt, "reply.localhost").kind in KINDS


HEADER_NAMES = st.sampled_from(["Content-Type", "Content-Transfer-Encoding", "Subject",
                                "From", "Auto-Submitted", "References", "Message-ID",
                                "Precedence", "MIME-Version"])


@settings(max_examples=400)
@given(st.lists(st.tuples(HEADER_NAMES, st.text(max_size=80)), max_size=8),
       st.text(max_size=300))
def test_random_headers_and_bodies(headers: list[tuple[str, str]], body: str) -> None:
    lines = [f"{name}: {value}" for name, value in headers]
    raw = ("\r\n".join(lines) + "\r\n\r\n" + body).encode("utf-8", "surrogatepass")
    assert triage(raw, RCPT, "reply.localhost").kind in KINDS
