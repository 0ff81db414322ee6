"""Readers shared by `check` and `audit`: every fixture is generated here, none committed."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from langcheck.errors import InputError
from langcheck.sources import CP1252_NOTICE, ReadOptions, Record, iter_records

NOTE = "Home visit completed; Sam (13) was settled and chatty."


def read(paths: list[Path], **options: object) -> list[Record | InputError]:
    return list(iter_records([str(p) for p in paths], ReadOptions(**options)))  # type: ignore[arg-type]


def test_xlsx_rows_with_header_dates_and_groups(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws.append([None])  # a blank row before the header is skipped
    ws.append(["ref", "team", "recorded", "note"])
    ws.append([1001, "North", datetime(2023, 4, 5, 10, 30), NOTE])
    ws.append([None, None, None, None])  # an empty row is not a record
    ws.append([1002, "South", "2023-05-01", "Line one\nline two of the same note"])
    cover = wb.create_sheet("Cover")  # no text column: skipped
    cover.append(["title"])
    cover.append(["Export of case notes"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    items = read([path], text_field="note", id_field="ref", date_field="recorded",
                 group_by=("team",))
    assert all(isinstance(i, Record) for i in items)
    assert [(r.id, r.row, r.path) for r in items] == [
        ("1001", 3, f"{path}#Notes"), ("1002", 5, f"{path}#Notes")]
    assert items[0].meta == {"team": "North", "recorded": "2023-04-05T10:30:00"}
    assert items[1].text == "Line one\nline two of the same note"


def test_xlsx_without_the_text_column_is_one_error(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["ref", "body"])
    wb.active.append([1, NOTE])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    (err,) = read([path])
    assert isinstance(err, InputError)
    assert "no sheet has a column 'text'" in str(err) and "body" in str(err)


def test_damaged_xlsx_and_docx_are_one_line_errors(tmp_path: Path) -> None:
    for name in ("bad.xlsx", "bad.docx"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not really a zip file")
    items = read([tmp_path / "bad.xlsx", tmp_path / "bad.docx"])
    assert [type(i) for i in items] == [InputError, InputError]
    assert "not a readable .xlsx" in str(items[0]) and "not a readable .docx" in str(items[1])
    assert all("\n" not in str(i) for i in items)


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("Strategy meeting minutes")
    table = doc.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Update"
    table.cell(1, 0).text = "School"
    table.cell(1, 1).text = "Attendance is up."
    table.cell(1, 2).text = "No new worries."
    doc.add_paragraph("Actions agreed.")
    path = tmp_path / "minutes.docx"
    doc.save(str(path))
    (record,) = read([path])
    assert isinstance(record, Record)
    lines = record.text.split("\n")
    # the merged cell appears once; paragraphs and cells keep document order
    assert lines == ["Strategy meeting minutes", "Agency", "Update", "School",
                     "Attendance is up.", "No new worries.", "Actions agreed."]


def test_missing_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"x")
    (tmp_path / "b.docx").write_bytes(b"x")
    real_import = builtins.__import__

    def no_office(name: str, *args: object, **kwargs: object) -> object:
        if name in ("openpyxl", "docx"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_office)
    items = read([tmp_path / "a.xlsx", tmp_path / "b.docx"])
    assert "pip install 'langcheck[xlsx]'" in str(items[0])
    assert "pip install 'langcheck[docx]'" in str(items[1])


def test_tsv_bom_and_embedded_newlines(tmp_path: Path) -> None:
    path = tmp_path / "notes.tsv"
    path.write_bytes("\ufeffid\ttext\n1\t\"first line\nsecond line\"\n2\tplain\n".encode())
    items = read([path])
    assert [(r.id, r.text) for r in items] == [("1", "first line\nsecond line"), ("2", "plain")]


def test_cp1252_csv_is_read_and_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes("id,text\n1,Café visit – all well\n2,Second note\n".encode("cp1252"))
    items = read([path])
    assert [r.text for r in items] == ["Café visit – all well", "Second note"]
    assert [r.notice for r in items] == [CP1252_NOTICE, None]


def test_csv_missing_group_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("id,text\n1,hello\n")
    (err,) = read([path], group_by=("team",))
    assert isinstance(err, InputError) and "no column 'team' for --group-by" in str(err)


def test_jsonl_meta_fields(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"id": "A", "text": NOTE, "team": "East", "date": "2024-01-02"})
                    + "\n")
    (record,) = read([path], date_field="date", group_by=("team", "author"))
    assert record.meta == {"team": "East", "author": None, "date": "2024-01-02"}


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "archive").mkdir()
    (tmp_path / "keep" / "a.txt").write_text(NOTE)
    (tmp_path / "keep" / "b.md").write_text(NOTE)
    (tmp_path / "keep" / "c.notes").write_text(NOTE)
    (tmp_path / "archive" / "old.txt").write_text(NOTE)
    names = [Path(r.path).name for r in read([tmp_path])]  # type: ignore[union-attr]
    assert names == ["old.txt", "a.txt", "b.md"]  # unknown suffix skipped by default
    names = [Path(r.path).name for r in read([tmp_path], exclude=("archive", "*.md"))]  # type: ignore[union-attr]
    assert names == ["a.txt"]
    names = [Path(r.path).name for r in read([tmp_path], include=("*.notes", "*.txt"),  # type: ignore[union-attr]
                                              exclude=("archive/*",))]
    assert names == ["a.txt", "c.notes"]
