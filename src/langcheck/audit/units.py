"""Work units: the input cut into ordered pieces that any worker can process alone.

A JSONL file is cut into byte ranges of about `CHUNK` bytes that end on a line break; the
parent sends only (path, start, end, first line number) and the worker reads the bytes
itself, so the parent never parses or pickles a record (measured: a parent feeding records to
workers becomes the bottleneck when most records need only the first stage). Other formats
(CSV, XLSX, DOCX, text, stdin) are read by the parent and sent as batches of records.

The cut points depend only on the input, never on the number of workers, so the findings
come out in the same order whatever `--jobs` is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from langcheck.errors import InputError
from langcheck.sources import (
    STDIN,
    ReadOptions,
    Record,
    SourceFile,
    read_path,
    read_stdin,
)

CHUNK = 1 << 20
BATCH_RECORDS = 1000

#: an input error as plain data (exceptions with extra fields do not pickle reliably)
ErrorTuple = tuple[str, int | None, str, str]


def error_tuple(err: InputError) -> ErrorTuple:
    return (err.path, err.row, err.unit, err.reason)


@dataclass(frozen=True)
class JsonlRange:
    """Lines [first_line, ...) of a JSONL file, bytes [start, end)."""

    path: str
    display: str
    start: int
    end: int
    first_line: int

    @property
    def nbytes(self) -> int:
        return self.end - self.start


@dataclass
class RecordBatch:
    """Records (and input errors, in their place) read by the parent."""

    items: list[Record | ErrorTuple] = field(default_factory=list)
    nbytes: int = 0


Unit = JsonlRange | RecordBatch


def jsonl_ranges(source: SourceFile, chunk: int = CHUNK) -> Iterator[Unit]:
    """Byte ranges of a JSONL file, each ending after a line break (or at the end)."""
    try:
        fh = source.path.open("rb")
    except OSError as exc:
        yield RecordBatch([(source.display, None, "line", f"cannot read: {exc.strerror or exc}")])
        return
    with fh:
        pos = 0
        line = 1
        while True:
            block = fh.read(chunk)
            if not block:
                break
            if not block.endswith(b"\n"):
                block += fh.readline()
            yield JsonlRange(str(source.path), source.display, pos, pos + len(block), line)
            line += block.count(b"\n")
            pos += len(block)


def record_batches(items: Iterable[Record | InputError], size: int,
                   batch: int = BATCH_RECORDS) -> Iterator[RecordBatch]:
    """Batches of about `batch` records or `CHUNK` characters.

    `nbytes` (for the progress bar) is the text length read so far, capped at the file's
    size, and the last batch makes up the rest, so a file advances the bar by its size.
    """
    current = RecordBatch()
    chars = 0
    done = 0
    for item in items:
        if isinstance(item, InputError):
            current.items.append(error_tuple(item))
        else:
            current.items.append(item)
            chars += len(item.text)
        if len(current.items) >= batch or chars >= CHUNK:
            current.nbytes = max(0, min(chars, size - done))
            done += current.nbytes
            yield current
            current, chars = RecordBatch(), 0
    current.nbytes = max(0, size - done)
    yield current


def plan(inputs: Iterable[SourceFile | InputError | str], options: ReadOptions,
         stdin: Any = None) -> Iterator[Unit]:
    """Every work unit of an audit, in input order."""
    for item in inputs:
        if isinstance(item, InputError):
            yield RecordBatch([error_tuple(item)])
        elif isinstance(item, SourceFile):
            if item.kind == "jsonl":
                yield from jsonl_ranges(item)
            else:
                yield from record_batches(read_path(item.path, item.display, options),
                                          size_of(item))
        elif item == STDIN:
            yield from record_batches(read_stdin(options, stdin), 0)


def size_of(item: SourceFile | InputError | str) -> int:
    """Bytes of an input file (0 for errors and stdin): the progress bar's total."""
    if isinstance(item, SourceFile):
        try:
            return item.path.stat().st_size
        except OSError:
            return 0
    return 0
