"""Analysis-ready records of a corpus run: rows, a typed DataFrame, files that say what made them.

:meth:`ReviewSet.to_records <respcompare.corpus.ReviewSet.to_records>` and ``to_frame`` read
their rows here; :func:`write_records` writes them as CSV, JSON Lines, JSON or Parquet. Every
file records the respcompare version and the options of the run (:data:`META_SUFFIX` sidecar
for CSV and JSON Lines, a ``meta`` object in JSON, the schema metadata key ``respcompare`` in
Parquet). Every column is described in ``docs/corpus.md``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .departments import canonical_department
from .errors import InputError, OptionalDependencyError
from .escape import csv_row
from .files import write_atomic
from .model import Verdict

if TYPE_CHECKING:
    import pandas

    from .corpus import ReviewSet
    from .pipeline import Review

__all__ = [
    "META_SUFFIX",
    "VERDICT_ORDER",
    "anchor",
    "ask_rows",
    "frame",
    "meta",
    "response_rows",
    "write_records",
]

#: The sidecar beside a CSV or JSON Lines file: ``results.csv`` -> ``results.csv.meta.json``.
META_SUFFIX = ".meta.json"

#: The verdicts in the order of the ordered categorical: most to least of an answer.
VERDICT_ORDER: tuple[str, ...] = tuple(v.value for v in Verdict)

_INT_COLUMNS = ("petition_id", "signature_count", "words", "commitment", "evidence_count")
_FLOAT_COLUMNS = (
    "directness",
    "confidence",
    "deflection_share",
    "hedges_per_100_words",
    "emotive_per_100_words",
    "flesch_reading_ease",
    "carried_over_share",
    "boilerplate_share",
)


def anchor(position: int) -> str:
    """The HTML anchor of the ``position``-th review (0-based) in the corpus report.

    >>> anchor(0)
    'case-1'
    """
    return f"case-{position + 1}"


def _committee(rs: ReviewSet, rv: Review, label: str) -> str | None:
    meta = rs.metadata.get(rv.case.source or "", {})
    decided = meta.get("committee")
    if isinstance(decided, dict):
        value = decided.get(label)
        if isinstance(value, str) and value and value != "unknown":
            return value
    return None


def _signing(rv: Review, i: int) -> tuple[str | None, str]:
    """The signing department of response ``i`` and where it was read from."""
    resp = rv.case.responses[i]
    if resp.signoff:
        return canonical_department(resp.signoff), "sign-off"
    if resp.department:
        return canonical_department(resp.department), "petition"
    if rv.case.petition.departments:
        return canonical_department(rv.case.petition.departments[0]), "petition"
    return None, "unknown"


def response_rows(rs: ReviewSet) -> list[dict[str, Any]]:
    """One row per response (see ``docs/corpus.md`` for every column)."""
    out: list[dict[str, Any]] = []
    for position, rv in enumerate(rs.reviews):
        case = rv.case
        depts = " / ".join(
            d for d in (canonical_department(x) for x in case.petition.departments) if d
        )
        for i, (row, a) in enumerate(zip(rv.to_records(), rv.assessments, strict=True)):
            dept, dept_source = _signing(rv, i)
            out.append(
                {
                    "source": row["source"],
                    "petition_id": row["petition_id"],
                    "petition_action": row["petition_action"],
                    "url": case.petition.url,
                    "signature_count": case.petition.signature_count,
                    "response_label": row["response_label"],
                    "date": row["date"],
                    "department": dept,
                    "department_source": dept_source,
                    "petition_departments": depts or None,
                    "committee": _committee(rs, rv, row["response_label"]),
                    "words": row["words"],
                    "verdict": row["verdict"],
                    "answered": row["answered"],
                    "directness": row["directness"],
                    "commitment": row["commitment"],
                    "downgrade": row["downgrade"],
                    "confidence": row["confidence"],
                    "needs_review": row["needs_review"],
                    "review_reasons": row["review_reasons"],
                    "rule": row["rule"],
                    "evidence": row["evidence"],
                    "evidence_count": row["evidence_count"],
                    "asks": " | ".join(o.ask.text for o in a.asks) or None,
                    "deflection_share": row["deflection_share"],
                    "hedges_per_100_words": row["hedges_per_100_words"],
                    "emotive_per_100_words": row["emotive_per_100_words"],
                    "flesch_reading_ease": row["flesch_reading_ease"],
                    "carried_over_share": row["carried_over_share"],
                    "boilerplate_share": row["boilerplate_share"],
                    "review_anchor": anchor(position),
                }
            )
    return out


def ask_rows(rs: ReviewSet) -> list[dict[str, Any]]:
    """One row per ask of each response: the ask, its own verdict, commitment and evidence."""
    out: list[dict[str, Any]] = []
    for position, rv in enumerate(rs.reviews):
        case = rv.case
        for i, (resp, a) in enumerate(zip(case.responses, rv.assessments, strict=True)):
            dept, _ = _signing(rv, i)
            for k, o in enumerate(a.asks):
                out.append(
                    {
                        "source": case.source,
                        "petition_id": case.petition.id,
                        "response_label": resp.label,
                        "date": resp.date.isoformat() if resp.date else None,
                        "department": dept,
                        "committee": _committee(rs, rv, resp.label),
                        "ask_index": k,
                        "ask": o.ask.text,
                        "ask_action": o.ask.action,
                        "ask_object": o.ask.object,
                        "ask_qualifiers": " | ".join(o.ask.qualifiers) or None,
                        "ask_negated": o.ask.negated,
                        "verdict": o.verdict.value,
                        "directness": o.directness,
                        "commitment": o.commitment,
                        "rule_strength": o.confidence,
                        "rule": o.rule,
                        "evidence": o.evidence[0].text if o.evidence else None,
                        "downgrade": str(o.downgrade) if o.downgrade else None,
                        "review_anchor": anchor(position),
                    }
                )
    return out


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise OptionalDependencyError(
            "ReviewSet.to_frame needs pandas: pip install 'respcompare[pandas]'"
        ) from None
    return pd


def frame(rows: Sequence[dict[str, Any]]) -> pandas.DataFrame:
    """Rows as a DataFrame with real dtypes: ``date`` datetime64, counts and ``commitment``
    nullable ``Int64``, shares float64 (NaN when unknown), ``verdict`` an ordered categorical.

    >>> f = frame([{"date": "2020-04-24", "verdict": "deflected", "commitment": None}])
    >>> [str(t) for t in f.dtypes]
    ['datetime64[us]', 'category', 'Int64']
    """
    pd = _pandas()
    df = pd.DataFrame.from_records(list(rows))
    if "date" in df:
        df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d").astype("datetime64[us]")
    if "verdict" in df:
        df["verdict"] = pd.Categorical(df["verdict"], categories=VERDICT_ORDER, ordered=True)
    for col in _INT_COLUMNS:
        if col in df:
            df[col] = df[col].astype("Int64")
    for col in _FLOAT_COLUMNS:
        if col in df:
            df[col] = pd.to_numeric(df[col]).astype("float64")
    return df


def meta(rs: ReviewSet, *, per: str, columns: Sequence[str]) -> dict[str, Any]:
    """The provenance every output carries: version, options, counts and the columns."""
    return {
        "format": "respcompare-corpus-records",
        **dict(rs.provenance),
        "per": per,
        "reviewed": len(rs.reviews),
        "skipped": len(rs.errors),
        "columns": list(columns),
        "docs": "docs/corpus.md describes every column",
    }


def _atomic(out: Path, data: bytes) -> None:
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise InputError(
            f"cannot write {str(out)!r} ({exc.strerror or exc}); choose another file"
        ) from None


#: The file types :func:`write_records` writes, by suffix.
Format = Literal[".csv", ".jsonl", ".json", ".parquet"]
FORMATS: tuple[str, ...] = (".csv", ".jsonl", ".json", ".parquet")


def render_records(
    rs: ReviewSet, suffix: str, *, per: Literal["response", "ask"] = "response"
) -> tuple[bytes, dict[str, Any]]:
    """The bytes of the records file of type ``suffix`` and its provenance (for a sidecar).

    Parquet needs ``pip install 'respcompare[parquet]'`` (pyarrow).
    """
    suffix = suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"records are written as {', '.join(FORMATS)}, not {suffix!r}")
    rows = rs.to_records(per=per)
    columns = list(rows[0]) if rows else ["source"]
    info = meta(rs, per=per, columns=columns)
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_row(row) for row in rows)
        return buffer.getvalue().encode("utf-8"), info
    if suffix == ".jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        return text.encode("utf-8"), info
    if suffix == ".json":
        doc = {"meta": info, "records": rows, "errors": [e.to_dict() for e in rs.errors]}
        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), info
    return _parquet(rows, info), info


def _parquet(rows: Sequence[dict[str, Any]], info: dict[str, Any]) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OptionalDependencyError(
            "writing Parquet needs pyarrow: pip install 'respcompare[parquet]'"
        ) from None
    df = frame(rows)
    table = pa.Table.from_pandas(df, preserve_index=False)
    schema_meta = dict(table.schema.metadata or {})
    schema_meta[b"respcompare"] = json.dumps(info, ensure_ascii=False).encode("utf-8")
    table = table.replace_schema_metadata(schema_meta)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def write_records(
    rs: ReviewSet, path: str | Path, *, per: Literal["response", "ask"] = "response"
) -> Path:
    """Write the records to ``path`` (.csv, .jsonl, .json or .parquet), all or nothing, and
    the provenance: a ``<path>.meta.json`` sidecar for CSV and JSON Lines, inside the file for
    JSON (``meta``) and Parquet (schema metadata ``respcompare``). Returns the path.
    """
    out = Path(path)
    data, info = render_records(rs, out.suffix, per=per)
    _atomic(out, data)
    if out.suffix.lower() in (".csv", ".jsonl"):
        side = out.with_name(out.name + META_SUFFIX)
        _atomic(side, (json.dumps(info, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return out
