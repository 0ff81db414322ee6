"""Request and response models: they validate requests and make the OpenAPI document accurate.

The finding shape is the JSON contract of DESIGN.md (the `Finding` fields plus `record`), so a
record system can switch between `langcheck check --format json` and the service.
"""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

RecordId = Union[str, int, None]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextRequest(_Strict):
    """One record: its text and, optionally, the id the record system knows it by."""

    text: str = Field(description="The record's text.")
    id: RecordId = Field(None, description="The record's id; echoed as `record` in findings.")


class RecordIn(_Strict):
    text: str = Field(description="The record's text.")
    id: RecordId = Field(None, description="The record's id; echoed as `record` in findings.")


class RecordsRequest(_Strict):
    """Several records checked in one request, in order."""

    records: list[RecordIn] = Field(description="Records to check, in order.")


CheckRequest = Union[TextRequest, RecordsRequest]

Severity = Literal["error", "warning", "info"]


class FindingOut(BaseModel):
    """A flagged span (the JSON contract of DESIGN.md) and the record it was found in."""

    rule: str
    category: str
    severity: Severity
    message: str
    start: int = Field(description="0-based offset into the record text (Unicode code points).")
    end: int = Field(description="End offset, exclusive (Unicode code points).")
    line: int = Field(description="1-based line.")
    column: int = Field(description="1-based column, in characters.")
    text: str = Field(description="The flagged words: the record text from start to end.")
    suggestions: list[str]
    record: RecordId = Field(description="The record's id as sent, or null.")


class CheckResponse(BaseModel):
    findings: list[FindingOut]
    complete: bool = Field(
        description="False when the time budget ran out before every record was checked; "
        "the findings are then those found so far."
    )
    checked: int = Field(description="How many records were checked in full.")
    records: int = Field(description="How many records the request held.")


class RuleSummary(BaseModel):
    id: str
    name: str
    category: str
    severity: Severity
    message: str
    why: str = Field(description="Why the wording harms, in the project's own words.")
    suggestions: list[str]
    basis: str
    sources: list[str]


class RuleExamples(BaseModel):
    flag: list[str]
    pass_: list[str] = Field(alias="pass")

    model_config = ConfigDict(populate_by_name=True)


class RuleDetail(RuleSummary):
    fix: str | None = Field(description="A safe automatic replacement, where there is one.")
    examples: RuleExamples


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    rules: int


class ErrorItem(BaseModel):
    loc: list[Union[str, int]]
    msg: str
    type: str


class ErrorResponse(BaseModel):
    """Every error the API returns: one readable line, and the fields at fault for a 422."""

    detail: str
    errors: list[ErrorItem] = Field(default_factory=list)
