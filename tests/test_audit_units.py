"""Pieces of the audit: work units, counts, dates, pseudonyms, category explanations."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from langcheck.audit.aggregate import Aggregate
from langcheck.audit.categories import EXPLANATIONS
from langcheck.audit.dates import NO_DATE, month_of
from langcheck.audit.pseudonym import Pseudonymiser
from langcheck.audit.units import jsonl_ranges, record_batches
from langcheck.finding import Finding
from langcheck.lexicon import CATEGORIES
from langcheck.sources import Record, SourceFile


def _finding(rule: str, category: str, severity: str = "error") -> Finding:
    return Finding(rule=rule, category=category, severity=severity, message="m", start=0,
                   end=1, line=1, column=1, text="x")


def test_jsonl_ranges_cover_the_file_on_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    lines = [json.dumps({"id": i, "text": "word " * (i % 50)}) + "\n" for i in range(400)]
    lines[7] = "\n"  # blank lines count as lines
    path.write_text("".join(lines)[:-1])  # no final line break
    data = path.read_bytes()
    units = list(jsonl_ranges(SourceFile(path, "n.jsonl"), chunk=1000))
    assert len(units) > 5
    assert units[0].start == 0 and units[-1].end == len(data)
    for a, b in itertools.pairwise(units):
        assert a.end == b.start and data[a.end - 1:a.end] == b"\n"
        assert b.first_line == a.first_line + data[a.start:a.end].count(b"\n")


def test_record_batches_advance_by_the_file_size() -> None:
    records = [Record(text="x" * 10, path="p") for _ in range(25)]
    batches = list(record_batches(iter(records), size=1000, batch=10))
    assert [len(b.items) for b in batches] == [10, 10, 5]
    assert sum(b.nbytes for b in batches) == 1000


def test_aggregate_counts_and_merge_in_any_split() -> None:
    records = [
        (100, [_finding("BR101", "blames-child-for-risk")], [("team", "A")], "2024-01"),
        (50, [], [("team", "B")], "2024-01"),
        (80, [_finding("AM101", "abuse-material-terminology"),
              _finding("AM101", "abuse-material-terminology", "info")], [("team", "A")],
         "2024-02"),
    ]
    whole = Aggregate()
    for r in records:
        whole.add_record(*r)
    parts = [Aggregate(), Aggregate()]
    parts[0].add_record(*records[0])
    for r in records[1:]:
        parts[1].add_record(*r)
    merged = Aggregate()
    for p in parts:
        merged.merge(p)
    assert merged.to_dict() == whole.to_dict()
    d = whole.to_dict()
    assert (d["records_checked"], d["words"], d["records_with_finding"], d["findings"]) == (
        3, 230, 2, 2)
    assert d["by_severity"] == {"error": 2, "info": 1}
    assert d["groups"]["team"]["A"]["findings"] == 2
    assert d["months"]["2024-02"]["by_category"] == {"abuse-material-terminology": 1}
    whole.add_error("f.csv", 3, "row", "bad")
    assert (whole.read, whole.failed) == (4, 1)


def test_month_of_common_export_dates() -> None:
    from datetime import date

    assert month_of("2023-04-05") == "2023-04"
    assert month_of("2023-04-05T10:00:00") == "2023-04"
    assert month_of("05/04/2023") == "2023-04"  # day first, as UK records are
    assert month_of("5.4.2023 09:00") == "2023-04"
    assert month_of(date(2022, 12, 1)) == "2022-12"
    for bad in ("", "next week", "2023-13-01", None, 5):
        assert month_of(bad) == NO_DATE


def test_pseudonyms_are_stable_per_key_and_hide_the_value() -> None:
    a = Pseudonymiser(("author",), salt="k1")
    b = Pseudonymiser(("author",), salt="k2")
    code = a.label("author", "Jo Marsh")
    assert code.startswith("anon-") and "Jo" not in code
    assert a.label("author", " Jo Marsh ") == code
    assert b.label("author", "Jo Marsh") != code
    assert a.label("team", "North") == "North"
    assert a.label("author", None) == "(none)"
    assert Pseudonymiser(("author",)).label("author", "x") != Pseudonymiser(
        ("author",)).label("author", "x")  # a random key each run


def test_every_category_has_a_plain_explanation() -> None:
    assert set(EXPLANATIONS) == set(CATEGORIES)
    assert all(len(text) > 40 for text in EXPLANATIONS.values())
