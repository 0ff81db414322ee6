"""langcheck: flags victim-blaming and consent-implying language in children's case records.

    >>> import langcheck
    >>> [f.rule for f in langcheck.check("She keeps putting herself at risk.")]  # doctest: +SKIP

`check(text)` uses a shared Checker with the built-in lexicon; build your own `Checker` to
select rules, add a local lexicon pack, or check many records.
"""

from __future__ import annotations

from langcheck.checker import Candidate, Checker, check
from langcheck.errors import InputError, LangcheckError, LexiconError
from langcheck.finding import Finding
from langcheck.lexicon import Lexicon, Rule, default_lexicon, load_lexicon

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Checker",
    "Finding",
    "InputError",
    "LangcheckError",
    "Lexicon",
    "LexiconError",
    "Rule",
    "__version__",
    "check",
    "default_lexicon",
    "load_lexicon",
]
