"""The directory: a company's contract companies (`Company`) and their people (`Person`),
with each person's delivery state, a page of them (`CompanyPage`), merges (`Merge`), and
the request bodies of /api/companies and /api/people."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from domain import directory as records
from payloads.fields import EmailAddress, Name
from payloads.requests import RequestModel
from web.api.resources.base import Count, Id, Instant, ResponseModel


class NewCompanyRequest(RequestModel):
    """The body of POST /api/companies."""

    name: Name


class CompanyPatchRequest(RequestModel):
    """The body of PATCH /api/companies/{id}."""

    name: Name


class NewPersonRequest(RequestModel):
    """The body of POST /api/people: a contact of one of the directory's companies."""

    company_id: Id
    name: Name
    email: EmailAddress = Field(description="Stored lower-case; unique in the directory.")


# The languages the mail catalogues speak (templates/locales/).
Language = Literal["en-US", "en-GB", "en-AU", "fr-CA"]


class PersonPatchRequest(RequestModel):
    """The body of PATCH /api/people/{id}. A new `email` fixes a bounced address: it is
    mailable again, and the links mailed to the old address stop working."""

    name: Name | None = None
    email: EmailAddress | None = None
    language: Language | None = Field(
        default=None, description="The language of the mail this contact receives, over "
        "the project's locale (a Québec subcontractor on a US project reads French); null: "
        "the project's locale again.")

    @property
    def clears_language(self) -> bool:
        return "language" in self.model_fields_set and self.language is None


class MergeRequest(RequestModel):
    """The body of POST .../{id}/merge: the duplicate folded into {id}, then deleted."""

    merged_id: Id


class DeliveryState(ResponseModel):
    state: records.Delivery = Field(description="What the last mail to the address did.")
    reason: str | None = Field(description="Why it bounced or is deferred.")
    at: Instant | None


class Person(ResponseModel):
    id: Id
    company_id: Id
    company_name: str
    name: str
    email: str = Field(json_schema_extra={"format": "email"})
    deliverable: bool = Field(description="false once mail to this address has bounced")
    bounced_at: Instant | None
    commitments: Count = Field(description="On how many commitments an invoice contact.")
    delivery: DeliveryState
    language: str | None = Field(default=None, description="Preferred language of their "
                                 "mail; null: the project's locale.", examples=["fr-CA"])

    @classmethod
    def from_record(cls, person: records.DirectoryPerson) -> Person:
        delivery = person.delivery or records.DeliveryState(records.Delivery.UNKNOWN)
        return cls.model_validate({
            **{name: getattr(person, name) for name in cls.model_fields if name != "delivery"},
            "delivery": DeliveryState.model_validate(delivery)})


class Company(ResponseModel):
    id: Id
    name: str
    commitments: Count
    people: list[Person]

    @classmethod
    def from_record(cls, company: records.DirectoryCompany) -> Company:
        return cls(id=company.id, name=company.name, commitments=company.commitments,
                   people=[Person.from_record(person) for person in company.people])


class CompanyPage(ResponseModel):
    items: list[Company]
    next: int | None = Field(description="Pass as `cursor` for the next page; null on the "
                                         "last one.")


class PersonPage(ResponseModel):
    items: list[Person]
    next: int | None = Field(description="Pass as `cursor` for the next page (a company "
                                         "id); null on the last one.")


class Merge(ResponseModel):
    id: Id
    kind: str = Field(description="\"company\" or \"person\"")
    kept_id: Id
    merged_id: Id
    merged_name: str
    merged_email: str | None
    moved: dict[str, int] = Field(description="How many references moved, by kind.")
    by_name: str | None
    at: Instant

    @classmethod
    def from_record(cls, merge: records.MergeRecord) -> Merge:
        return cls.model_validate(merge)


class Resent(ResponseModel):
    queued: Count = Field(description="Invite mails queued to the contact (0 when they "
                                      "were queued already).")
