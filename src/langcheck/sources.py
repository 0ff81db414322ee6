"""Readers: turn files, directories and stdin into Records (or one-line input errors).

Readers yield `Record`s and `InputError`s in input order and never raise for bad input, so a
batch reports every unreadable file or row and still checks the rest. Nothing here writes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langcheck.errors import InputError

#: a record longer than this is refused with a clear error instead of stalling a batch
MAX_RECORD_CHARS = 5_000_000
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".rst", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
TSV_SUFFIXES = {".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | TSV_SUFFIXES


@dataclass
class Record:
    """One record to check: its text, its id (None for a whole text file) and metadata."""

    text: str
    path: str
    id: str | None = None
    row: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    notice: str | None = None  # e.g. "decoded as cp1252"


@dataclass
class ReadOptions:
    text_field: str = "text"
    id_field: str | None = None
    meta_fields: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


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


def _id_of(obj: dict[str, Any], options: ReadOptions, row: int) -> str:
    if options.id_field:
        value = obj.get(options.id_field)
        if value not in (None, ""):
            return str(value)
    elif obj.get("id") not in (None, ""):
        return str(obj["id"])
    return str(row)


def read_jsonl(path: Path, display: str, options: ReadOptions) -> Iterator[Record | InputError]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(display, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_RECORD_CHARS * 2:
                yield InputError(display, f"line is too large ({len(raw):,} bytes)",
                                 row=lineno)
                continue
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(display, f"invalid UTF-8 at byte {exc.start} of the line",
                                 row=lineno)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(display, f"malformed JSON: {exc.msg} (column {exc.colno})",
                                 row=lineno)
                continue
            yield from _record_from_mapping(obj, display, lineno, options, "line")


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
    meta = {k: obj.get(k) for k in options.meta_fields}
    yield Record(text=text, path=display, id=_id_of(obj, options, row), row=row, meta=meta)


def read_csv(path: Path, display: str, options: ReadOptions,
             delimiter: str = ",") -> Iterator[Record | InputError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(display, f"cannot read: {exc.strerror or exc}")
        return
    notice = None
    if b"\x00" in data[:8192]:
        yield InputError(display, "binary file (contains NUL bytes), not CSV")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notice = "not valid UTF-8; decoded as Windows-1252 (cp1252)"
    csv.field_size_limit(max(MAX_RECORD_CHARS * 2, 131072))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
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
    if options.id_field and options.id_field not in header:
        yield InputError(display, f"no column {options.id_field!r} for --id-field")
        return
    row = 1
    while True:
        try:
            obj = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(display, f"malformed CSV: {exc}", row=reader.line_num, unit="row")
            return
        row += 1
        if None in obj:
            yield InputError(display, "row has more fields than the header", row=row,
                             unit="row")
            continue
        for item in _record_from_mapping(obj, display, row, options, "row"):
            if isinstance(item, Record) and notice:
                item.notice = notice
            yield item


def read_path(path: Path, display: str, options: ReadOptions) -> Iterator[Record | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, display, options)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(path, display, options)
    elif suffix in TSV_SUFFIXES:
        yield from read_csv(path, display, options, delimiter="\t")
    else:
        yield from read_text_file(path, display)


def _walk(root: Path, options: ReadOptions) -> list[Path]:
    import fnmatch

    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if name.startswith("."):
                continue
            if options.include:
                if not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g)
                           for g in options.include):
                    continue
            elif p.suffix.lower() not in KNOWN_SUFFIXES:
                continue
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in options.exclude):
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


def iter_records(paths: Iterable[str], options: ReadOptions | None = None,
                 stdin: Any = None) -> Iterator[Record | InputError]:
    """Records from every path in order; '-' is standard input."""
    options = options or ReadOptions()
    for raw in paths:
        if raw == "-":
            yield from read_stdin(options, stdin)
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
                yield from read_path(f, str(f), options)
        else:
            yield from read_path(path, raw, options)
