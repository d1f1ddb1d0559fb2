"""Quantitative claims from news text (``lookout claims extract``): each quantity with its unit
and qualifier, who said it, the period, the route, and the sentence it came from."""

from __future__ import annotations

import json
from typing import Any, List

from . import _native


def extract(text: str, file: str = "") -> List[dict]:
    """The claims of one news text as ``claims.csv`` rows (dicts with its columns, see
    ``docs/ledger.md``); ``file`` is recorded in each row's ``source_file`` column."""
    return json.loads(_native.extract_claims(text, file))


def to_pandas(rows: List[dict]) -> Any:
    """Rows from :func:`extract` as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame(rows)
