"""What an audit reads, groups by, hides and writes: one picklable object for every worker."""

from __future__ import annotations

from dataclasses import dataclass, field

from langcheck.audit.pseudonym import Pseudonymiser
from langcheck.sources import ReadOptions

#: column names of a findings row; a --group-by field with one of these names is prefixed
FIXED_COLUMNS = ("kind", "path", "record", "row", "rule", "category", "severity", "start",
                 "end", "line", "column", "text", "reason", "unit")


@dataclass
class AuditSettings:
    """Options shared by the parent and the workers (built once from the command line)."""

    read: ReadOptions = field(default_factory=ReadOptions)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_lexicon: tuple[str, ...] = ()
    pseudonymiser: Pseudonymiser = field(default_factory=Pseudonymiser)
    snippets: bool = False

    @property
    def group_by(self) -> tuple[str, ...]:
        return self.read.group_by

    @property
    def date_field(self) -> str | None:
        return self.read.date_field

    @property
    def id_coded(self) -> bool:
        """Whether record ids are pseudonymised (the id field was named in --pseudonymise)."""
        return bool(self.read.id_field) and self.pseudonymiser.applies(self.read.id_field or "")

    def column_of(self, name: str) -> str:
        """The findings column for a group or date field (prefixed if it clashes)."""
        return f"group:{name}" if name in FIXED_COLUMNS else name

    @property
    def extra_columns(self) -> tuple[str, ...]:
        names = list(self.group_by)
        if self.date_field and self.date_field not in names:
            names.append(self.date_field)
        return tuple(self.column_of(n) for n in names)
