"""`langcheck audit`: batch audits of exported records, near the speed of a bare scan.

Modules, each with one job: `units` (cut the input into ordered work units), `worker` (read,
check and count one unit), `pool` (ordered, bounded parallel map), `aggregate` (mergeable
counts), `findings` (CSV/JSONL rows), `summary` (terminal tables), `html` and `svg` (the
self-contained report), `pseudonym` (salted hashes), `dates` (month of a date field),
`categories` (plain explanations), `progress` (the bar on stderr) and `run` (all of it).
"""

from __future__ import annotations

from langcheck.audit.aggregate import Aggregate
from langcheck.audit.pseudonym import Pseudonymiser
from langcheck.audit.run import AuditRun, run_audit
from langcheck.audit.settings import AuditSettings

__all__ = ["Aggregate", "AuditRun", "AuditSettings", "Pseudonymiser", "run_audit"]
