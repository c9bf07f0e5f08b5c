"""Batch generation: hundreds of requests from a CSV file or JSON Lines, safely, in parallel, resumable.

>>> from budapest_coop import batch
>>> result = batch.run("identifiers.csv", "out", case="case.json", formats=["pdf"])  # doctest: +SKIP
>>> result.summary()  # doctest: +SKIP
'300 requests: 300 written, 0 skipped (already done), 0 failed; 0 bad input lines; 4.2 s (71.4 requests/s)'

Every document is written whole or not at all; ``manifest.jsonl`` lists every request with
its input lines, output files and their SHA-256; ``errors.jsonl`` names every input line
that gave no document, with the field and the reason. Running again in the same output
directory produces only what is missing or changed. See the batch documentation for the
CSV columns.
"""

from budapest_coop.batch._columns import LIST_SEPARATOR, MAIN_FIELD
from budapest_coop.batch._input import InputError
from budapest_coop.batch._plan import GROUPINGS, RENDERABLE_KINDS
from budapest_coop.batch._run import ERRORS, MANIFEST, BatchResult, Progress, run

__all__ = [
    "ERRORS",
    "GROUPINGS",
    "LIST_SEPARATOR",
    "MAIN_FIELD",
    "MANIFEST",
    "RENDERABLE_KINDS",
    "BatchResult",
    "InputError",
    "Progress",
    "run",
]
