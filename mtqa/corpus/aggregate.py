"""The reduce step: per-document rows -> variant groups, with one pandas aggregation.

Glossary entities are grouped by entry. Names found in the text are grouped by transliteration
key, then groups whose keys are the same name (translit.same_unlisted_name: same number of
words, vowel-only differences) are merged, so "Qassem Suleimani" and "Qasim Sulaimani" meet; a
group is reported when its entity is written in more than one form across the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..matching.names.groups import display_form, majority_key, merge_keys
from .rows import DISCOVERED, GLOSSARY, Row


@dataclass
class Variant:
    text: str
    count: int
    # Uses per document, in document order.
    per_document: dict[str, int]

    @property
    def documents(self) -> list[str]:
        return list(self.per_document)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "count": self.count,
            "documents": self.documents,
            "per_document": self.per_document,
        }


@dataclass
class VariantGroup:
    entity: str
    preferred: str
    source: str
    variants: list[Variant]
    # Documents that use a form other than the preferred one.
    deviating_documents: list[str] = field(default_factory=list)

    def is_preferred(self, variant: Variant) -> bool:
        return variant.text.lower() == self.preferred.lower()

    @property
    def consistent(self) -> bool:
        return len(self.variants) < 2

    def to_dict(self) -> dict:
        return {
            "entity": self.entity,
            "preferred": self.preferred,
            "source": self.source,
            "variants": [v.to_dict() for v in self.variants],
            "deviating_documents": self.deviating_documents,
        }


def rows_frame(rows: list[Row]) -> pd.DataFrame:
    return pd.DataFrame(
        [(r.document, r.entity, r.source, r.preferred, r.form, r.count, r.correct) for r in rows],
        columns=["document", "entity", "source", "preferred", "form", "count", "correct"],
    )


def _merge_discovered(df: pd.DataFrame) -> pd.DataFrame:
    """Map each discovered key to the key of its group (the same merge as lint's TERM004)."""
    mask = df.source == DISCOVERED
    keys = set(df.loc[mask, "entity"])
    if not keys:
        return df
    root = merge_keys(tuple(k[1:].split(" ")) for k in keys)
    df = df.copy()
    df.loc[mask, "entity"] = df.loc[mask, "entity"].map(
        lambda k: "~" + " ".join(root[tuple(k[1:].split(" "))])
    )
    return df


def _case_merge(df: pd.DataFrame) -> pd.DataFrame:
    """Spellings that differ only in case are one form, shown as lint shows it (display_form)."""
    df = df.copy()
    df["form_key"] = df["form"].str.lower()
    written: dict[tuple[str, str], dict[str, int]] = {}
    totals = df.groupby(["entity", "form_key", "form"])["count"].sum()
    for (entity, key, form), n in totals.items():
        written.setdefault((entity, key), {})[form] = int(n)
    display = {k: display_form(w) for k, w in written.items()}
    df["form"] = [display[(e, k)] for e, k in zip(df["entity"], df["form_key"], strict=True)]
    return df.drop(columns="form_key")


def variant_groups(rows: list[Row], include_consistent: bool = False) -> list[VariantGroup]:
    df = rows_frame(rows)
    if df.empty:
        return []
    df = _case_merge(_merge_discovered(df))
    per_doc = df.groupby(["entity", "source", "form", "document"], as_index=False).agg(
        count=("count", "sum"), correct=("correct", "any")
    )
    per_form = per_doc.groupby(["entity", "source", "form"], as_index=False).agg(
        count=("count", "sum"),
        documents=("document", list),
        doc_counts=("count", list),
        correct=("correct", "any"),
    )
    preferred_of = df[df.source == GLOSSARY].groupby("entity")["preferred"].first().to_dict()
    groups = []
    for (entity, source), part in per_form.groupby(["entity", "source"], sort=False):
        order = sorted(
            range(len(part)),
            key=lambda i: majority_key(
                part["form"].iat[i], int(part["count"].iat[i]), len(part["documents"].iat[i])
            ),
        )
        part = part.iloc[order]
        if source == GLOSSARY:
            preferred = preferred_of[entity]
            name = entity
        else:
            counts = part["count"].tolist()
            name = part.iloc[0]["form"]
            # The majority form; on a tie there is none (and no form is shown as preferred).
            preferred = name if len(counts) < 2 or counts[0] != counts[1] else ""
        if not include_consistent and (
            len(part) < 2 if source == DISCOVERED else bool(part["correct"].all())
        ):
            continue  # one form, or (for a glossary entity) only forms the glossary accepts
        variants = [
            Variant(
                r.form, int(r.count), dict(zip(r.documents, map(int, r.doc_counts), strict=True))
            )
            for r in part.itertuples()
        ]
        # The preferred form first (when written), then by frequency.
        variants.sort(key=lambda v: (v.text.lower() != preferred.lower(), -v.count, v.text))
        accepted = {r.form.lower() for r in part.itertuples() if r.correct and source == GLOSSARY}
        if preferred:
            accepted.add(preferred.lower())
        deviating = sorted(
            {d for v in variants if v.text.lower() not in accepted for d in v.documents}
        )
        groups.append(VariantGroup(name, preferred, source, variants, deviating))
    groups.sort(key=lambda g: (g.source != GLOSSARY, -sum(v.count for v in g.variants), g.entity))
    return groups
