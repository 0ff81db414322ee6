"""Readers: turn files, directories and stdin into Records (or one-line input errors).

Readers yield `Record`s and `InputError`s in input order and never raise for bad input, so a
batch reports every unreadable file or row and still checks the rest. Nothing here writes.
Every reader streams (a CSV, JSONL or XLSX file of any size is read with bounded memory),
because an audit runs over years of exported records. The office formats need optional
extras (openpyxl, python-docx); they are imported only when such a file is met, and a
missing one is reported as an input error that names the extra.
"""

from __future__ import annotations

import codecs
import csv
import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from langcheck.errors import InputError

#: a record longer than this is refused with a clear error instead of stalling a batch
MAX_RECORD_CHARS = 5_000_000
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".rst", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
TSV_SUFFIXES = {".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DOCX_SUFFIXES = {".docx"}
KNOWN_SUFFIXES = (TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | TSV_SUFFIXES | XLSX_SUFFIXES
                  | DOCX_SUFFIXES)
CP1252_NOTICE = "not valid UTF-8; decoded as Windows-1252 (cp1252)"


@dataclass
class Record:
    """One record to check: its text, its id (None for a whole text file) and metadata."""

    text: str
    path: str
    id: str | None = None
    row: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    #: e.g. "decoded as cp1252"; set on the first record of the file it concerns, so a
    #: caller reports it once per file
    notice: str | None = None


@dataclass
class ReadOptions:
    """What to read from tabular and JSONL inputs, and which files of a directory.

    `meta_fields`, `group_by` and `date_field` are all carried into `Record.meta` (the
    audit groups by them); `include`/`exclude` are globs matched against a file's path
    relative to the directory walked, and against its name.
    """

    text_field: str = "text"
    id_field: str | None = None
    meta_fields: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    date_field: str | None = None
    group_by: tuple[str, ...] = ()

    @property
    def all_meta_fields(self) -> tuple[str, ...]:
        fields = [*self.meta_fields, *self.group_by]
        if self.date_field:
            fields.append(self.date_field)
        return tuple(dict.fromkeys(fields))


@dataclass(frozen=True)
class SourceFile:
    """One input file found by `iter_inputs`: its path and how to name it in messages."""

    path: Path
    display: str

    @property
    def kind(self) -> str:
        return kind_of(self.path)


def kind_of(path: Path) -> str:
    """The reader a path goes to: jsonl, csv, tsv, xlsx, docx or text."""
    suffix = path.suffix.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES),
                           ("tsv", TSV_SUFFIXES), ("xlsx", XLSX_SUFFIXES),
                           ("docx", DOCX_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return "text"


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line (library messages sometimes span several)."""
    return " ".join(str(exc).split()) or type(exc).__name__


def _missing_extra(display: str, extra: str, module: str) -> InputError:
    return InputError(display, f"reading this file needs {module}: "
                               f"pip install 'langcheck[{extra}]'")


# --- plain text ----------------------------------------------------------------------------
def _decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"invalid UTF-8 at byte {exc.start}", row=line) from None


def _check_size(text: str, path: str, row: int | None, unit: str) -> None:
    if len(text) > MAX_RECORD_CHARS:
        raise InputError(path, f"record is too large ({len(text):,} characters; "
                               f"limit {MAX_RECORD_CHARS:,})", row=row, unit=unit)


def read_text_file(path: Path, display: str) -> Iterator[Record | InputError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(display, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = _decode(data, display)
        _check_size(text, display, None, "line")
    except InputError as err:
        yield err
        return
    yield Record(text=text, path=display)


# --- mappings (JSONL objects, CSV and XLSX rows) ---------------------------------------------
def _id_of(obj: dict[str, Any], options: ReadOptions, row: int) -> str:
    if options.id_field:
        value = obj.get(options.id_field)
        if value not in (None, ""):
            return str(value)
    elif obj.get("id") not in (None, ""):
        return str(obj["id"])
    return str(row)


def _record_from_mapping(obj: Any, display: str, row: int, options: ReadOptions,
                         unit: str) -> Iterator[Record | InputError]:
    if not isinstance(obj, dict):
        yield InputError(display, "expected a JSON object", row=row, unit=unit)
        return
    if options.text_field not in obj:
        yield InputError(display, f"no field {options.text_field!r} (use --text-field)",
                         row=row, unit=unit)
        return
    text = obj[options.text_field]
    if text is None:
        text = ""
    if not isinstance(text, str):
        yield InputError(display, f"field {options.text_field!r} is not text", row=row,
                         unit=unit)
        return
    try:
        _check_size(text, display, row, unit)
    except InputError as err:
        yield err
        return
    meta = {k: obj.get(k) for k in options.all_meta_fields}
    yield Record(text=text, path=display, id=_id_of(obj, options, row), row=row, meta=meta)


# --- JSONL -----------------------------------------------------------------------------------
def parse_jsonl_line(raw: bytes, display: str, lineno: int,
                     options: ReadOptions) -> Iterator[Record | InputError]:
    """The record (or error) of one raw JSONL line; blank lines give nothing.

    Shared by `read_jsonl` and the audit's workers, which read byte ranges of a file
    themselves, so both read a line exactly the same way.
    """
    if not raw.strip():
        return
    if len(raw) > MAX_RECORD_CHARS * 2:
        yield InputError(display, f"line is too large ({len(raw):,} bytes)", row=lineno)
        return
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        yield InputError(display, f"invalid UTF-8 at byte {exc.start} of the line", row=lineno)
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield InputError(display, f"malformed JSON: {exc.msg} (column {exc.colno})",
                         row=lineno)
        return
    yield from _record_from_mapping(obj, display, lineno, options, "line")


def read_jsonl(path: Path, display: str, options: ReadOptions) -> Iterator[Record | InputError]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(display, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            yield from parse_jsonl_line(raw, display, lineno, options)


# --- CSV and TSV -------------------------------------------------------------------------------
def _is_utf8(path: Path) -> bool:
    """Whether the whole file decodes as UTF-8, read in blocks (bounded memory)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _missing_meta(header: Iterable[str], options: ReadOptions) -> str | None:
    names = set(header)
    for name, flag in ([(options.id_field, "--id-field")] if options.id_field else []) + \
            [(g, "--group-by") for g in options.group_by] + \
            ([(options.date_field, "--date-field")] if options.date_field else []):
        if name not in names:
            return f"no column {name!r} for {flag}"
    return None


def read_csv(path: Path, display: str, options: ReadOptions,
             delimiter: str = ",") -> Iterator[Record | InputError]:
    """Rows of a CSV/TSV file with a header; UTF-8 (with or without BOM) or cp1252.

    The encoding is decided by a first pass over the file (a cp1252 export must not fail
    half-way through), then rows stream one at a time; fields may hold line breaks.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
        utf8 = _is_utf8(path)
    except OSError as exc:
        yield InputError(display, f"cannot read: {exc.strerror or exc}")
        return
    if b"\x00" in head:
        yield InputError(display, "binary file (contains NUL bytes), not CSV")
        return
    notice = None if utf8 else CP1252_NOTICE
    csv.field_size_limit(max(MAX_RECORD_CHARS * 2, 131072))
    try:
        fh = path.open("r", encoding="utf-8-sig" if utf8 else "cp1252", errors="replace",
                       newline="")
    except OSError as exc:
        yield InputError(display, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        reader = csv.DictReader(fh, delimiter=delimiter, strict=True)
        try:
            header = reader.fieldnames
        except csv.Error as exc:
            yield InputError(display, f"malformed CSV header: {exc}", row=1, unit="row")
            return
        if not header:
            yield InputError(display, "empty CSV file (no header row)")
            return
        if options.text_field not in header:
            yield InputError(display, f"no column {options.text_field!r} (columns: "
                                      f"{', '.join(h for h in header if h)}; use --text-field)")
            return
        missing = _missing_meta(header, options)
        if missing:
            yield InputError(display, missing)
            return
        row = 1
        while True:
            try:
                obj = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield InputError(display, f"malformed CSV: {exc}", row=reader.line_num,
                                 unit="row")
                return
            row += 1
            if None in obj:
                yield InputError(display, "row has more fields than the header", row=row,
                                 unit="row")
                continue
            for item in _record_from_mapping(obj, display, row, options, "row"):
                if isinstance(item, Record) and notice:
                    item.notice, notice = notice, None
                yield item


# --- XLSX --------------------------------------------------------------------------------------
def _cell(value: Any) -> Any:
    """A spreadsheet cell as plain data: dates as ISO text, whole floats as ints."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_xlsx(path: Path, display: str, options: ReadOptions) -> Iterator[Record | InputError]:
    """Rows of every worksheet that has the text column (openpyxl, read-only streaming).

    The first non-empty row of a sheet is its header. A workbook with several sheets names
    records `file.xlsx#Sheet`; sheets without the text column (a cover sheet) are skipped,
    and a workbook where no sheet has it is one error.
    """
    try:
        import openpyxl
    except ImportError:
        yield _missing_extra(display, "xlsx", "openpyxl")
        return
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        yield InputError(display, f"not a readable .xlsx workbook ({_one_line(exc)})")
        return
    try:
        sheets = list(wb.worksheets)
        used = 0
        first_header: list[str] = []
        for ws in sheets:
            where = display if len(sheets) == 1 else f"{display}#{ws.title}"
            rows = ws.iter_rows(values_only=True)
            header: list[str] | None = None
            for rowno, values in enumerate(rows, start=1):
                if header is None:
                    if not any(v not in (None, "") for v in values):
                        continue
                    header = ["" if v is None else str(v).strip() for v in values]
                    first_header = first_header or header
                    if options.text_field not in header:
                        break
                    used += 1
                    missing = _missing_meta(header, options)
                    if missing:
                        yield InputError(where, missing)
                        break
                    continue
                if not any(v not in (None, "") for v in values):
                    continue
                obj = {name: _cell(v) for name, v in zip(header, values, strict=False)
                       if name}
                obj.setdefault(options.text_field, None)
                text = obj[options.text_field]
                if text is not None and not isinstance(text, str):
                    obj[options.text_field] = str(text)
                yield from _record_from_mapping(obj, where, rowno, options, "row")
        if not used:
            cols = ", ".join(h for h in first_header if h) or "none"
            yield InputError(display, f"no sheet has a column {options.text_field!r} "
                                      f"(columns: {cols}; use --text-field)")
    except Exception as exc:  # a damaged sheet part surfaces while streaming
        yield InputError(display, f"not a readable .xlsx workbook ({_one_line(exc)})")
    finally:
        wb.close()


# --- DOCX --------------------------------------------------------------------------------------
def _docx_blocks(parent: Any, owner: Any) -> Iterator[str]:
    """Paragraph texts and table cells of a body or cell, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, owner).text
        elif tag == "tbl":
            table = Table(child, owner)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell appears once per grid column
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _docx_blocks(cell._tc, cell)


def read_docx(path: Path, display: str) -> Iterator[Record | InputError]:
    """A .docx file is one record: its paragraphs and table cells, one per line."""
    try:
        import docx
    except ImportError:
        yield _missing_extra(display, "docx", "python-docx")
        return
    try:
        document = docx.Document(str(path))
        text = "\n".join(_docx_blocks(document.element.body, document))
    except Exception as exc:  # python-docx raises many types for a damaged file
        yield InputError(display, f"not a readable .docx document ({_one_line(exc)})")
        return
    try:
        _check_size(text, display, None, "line")
    except InputError as err:
        yield err
        return
    yield Record(text=text, path=display)


# --- dispatch ----------------------------------------------------------------------------------
def read_path(path: Path, display: str, options: ReadOptions) -> Iterator[Record | InputError]:
    kind = kind_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path, display, options)
    elif kind == "csv":
        yield from read_csv(path, display, options)
    elif kind == "tsv":
        yield from read_csv(path, display, options, delimiter="\t")
    elif kind == "xlsx":
        yield from read_xlsx(path, display, options)
    elif kind == "docx":
        yield from read_docx(path, display)
    else:
        yield from read_text_file(path, display)


def _glob_match(rel: str, name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)


def _walk(root: Path, options: ReadOptions) -> list[Path]:
    """Files under `root` in a stable order: known suffixes (or --include), minus --exclude.

    Hidden files and folders are skipped; a folder matching an --exclude glob is not entered.
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            rel = (here / d).relative_to(root).as_posix()
            if d.startswith(".") or _glob_match(rel, d, options.exclude):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = here / name
            rel = p.relative_to(root).as_posix()
            if options.include:
                if not _glob_match(rel, name, options.include):
                    continue
            elif p.suffix.lower() not in KNOWN_SUFFIXES:
                continue
            if _glob_match(rel, name, options.exclude):
                continue
            found.append(p)
    return found


def read_stdin(options: ReadOptions, stream: Any = None) -> Iterator[Record | InputError]:
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = stream.read()
    except OSError as exc:  # pragma: no cover - depends on the terminal
        yield InputError("<stdin>", f"cannot read: {exc}")
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        text = _decode(data, "<stdin>")
        _check_size(text, "<stdin>", None, "line")
    except InputError as err:
        yield err
        return
    yield Record(text=text, path="-")


STDIN = "-"


def iter_inputs(paths: Iterable[str],
                options: ReadOptions | None = None) -> Iterator[SourceFile | InputError | str]:
    """The files to read, in order: a `SourceFile`, an `InputError` or `STDIN` ("-").

    Lets a caller choose how to read each file (the audit splits large JSONL files into byte
    ranges for its workers); `iter_records` reads them all in one process.
    """
    options = options or ReadOptions()
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if not path.exists():
            yield InputError(raw, "no such file or directory")
        elif path.is_dir():
            files = _walk(path, options)
            if not files:
                yield InputError(raw, "directory has no readable files "
                                      f"({', '.join(sorted(KNOWN_SUFFIXES))})")
            for f in files:
                yield SourceFile(f, str(f))
        else:
            yield SourceFile(path, raw)


def iter_records(paths: Iterable[str], options: ReadOptions | None = None,
                 stdin: Any = None) -> Iterator[Record | InputError]:
    """Records from every path in order; '-' is standard input."""
    options = options or ReadOptions()
    for item in iter_inputs(paths, options):
        if isinstance(item, InputError):
            yield item
        elif isinstance(item, SourceFile):
            yield from read_path(item.path, item.display, options)
        else:
            yield from read_stdin(options, stdin)
