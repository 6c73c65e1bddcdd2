"""Facilitators' choices about themes: rename, merge and pin, kept by the theme registry.

Set in ``storymine.toml`` (``[themes]``: ``rename``, ``merge``, ``pin``) by stable theme id:

* **rename** ``T0003 = "Huddles and SBAR"``: the theme is reported under that label in every later
  run while the id exists; the label storymine built stays in ``theme_registry.auto_label`` and goes on
  being maintained, so removing the entry brings it back.
* **merge** ``T0005 = "T0002"``: T0005 is reported as T0002 (the *surviving* id is the value). Its
  units and segments carry ``theme_id = T0002`` in ``segment_themes`` and ``theme_counts``, T0005 has
  no row of its own in ``themes``, and T0002's row counts both and lists T0005 in its ``lineage``.
  The registry keeps matching both separately (``theme_registry.merged_into = T0002``), so a refit
  reports them as one again, and removing the entry splits them back. Chains resolve
  (T0007 → T0005 → T0002 reports T0007 as T0002); a cycle or a self-merge is ignored with a warning.
* **pin** ``["T0004"]``: the theme's label is fixed (its automatic label no longer follows its
  content; a rename still wins), and a refit keeps its id even where the registry would retire it:
  the new topic that continues it best (combined registry score at least ``link_threshold``) keeps
  ``T0004`` instead of getting a new id. A pinned theme whose material is gone entirely still retires.

The registry records what was applied (``label``, ``auto_label``, ``pinned``, ``merged_into``), so a
run can tell when the file changed (:func:`pending`) and re-apply it without re-reading the input.
An id the output folder has never had gives a one-line warning naming the id and the fix.
This module works on plain data (DataFrames, dicts); it imports neither BERTopic nor the registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from storymine.privacy.redacted import Redacted

THEME_ID_RE = re.compile(r"^T\d{4,}$")
QUERY_HINT = 'storymine query "select theme_id, label from themes"'


@dataclass(frozen=True)
class ThemeOverrides:
    """Renames (id → label), merges (id → surviving id) and pinned ids, as configured."""

    rename: Mapping[str, str] = field(default_factory=dict)
    merge: Mapping[str, str] = field(default_factory=dict)
    pin: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, themes: Any) -> ThemeOverrides:
        """From ``Settings.themes`` (any object with ``rename``, ``merge`` and ``pin``)."""
        return cls(
            rename={str(k): " ".join(str(v).split()) for k, v in dict(getattr(themes, "rename", {}) or {}).items()},
            merge={str(k): str(v) for k, v in dict(getattr(themes, "merge", {}) or {}).items()},
            pin=frozenset(str(p) for p in (getattr(themes, "pin", ()) or ())),
        )

    def __bool__(self) -> bool:
        return bool(self.rename or self.merge or self.pin)

    def redacted(self, redact: Callable[[str], Redacted]) -> ThemeOverrides:
        """The same choices with every rename passed through ``redact`` (the configured redactor's ``redact``)."""
        return replace(self, rename={k: redact(v) for k, v in self.rename.items()})

    def ids(self) -> set[str]:
        """Every theme id the choices name."""
        return set(self.rename) | set(self.merge) | set(self.merge.values()) | set(self.pin)


def resolve_merges(merge: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Each merged id → the id it is finally reported as, and one warning per ignored entry."""
    out: dict[str, str] = {}
    warnings: list[str] = []
    for src in sorted(merge):
        seen = [src]
        dst = merge[src]
        while dst in merge and dst not in seen:
            seen.append(dst)
            dst = merge[dst]
        if dst == src or dst in seen:
            warnings.append(
                f"storymine.toml [themes.merge]: {src} merges back into itself ({' → '.join([*seen, dst])}); "
                "entry ignored: remove one link of the cycle"
            )
            continue
        out[src] = dst
    return out, warnings


def unknown_id_warnings(overrides: ThemeOverrides, known: Iterable[str]) -> list[str]:
    """One line per configured theme id this output folder has never had, naming the fix."""
    have = {str(k) for k in known}
    out: list[str] = []
    for section, ids in (("rename", overrides.rename), ("merge", overrides.merge), ("pin", overrides.pin)):
        for tid in sorted(ids):
            if tid not in have:
                out.append(
                    f"storymine.toml [themes] {section}: no theme {tid} in this output folder; entry ignored: "
                    f"use an id that `{QUERY_HINT}` lists, or remove it"
                )
    for src, dst in sorted(overrides.merge.items()):
        if src in have and dst not in have:
            out.append(
                f"storymine.toml [themes] merge: {src} = {dst!r}, but there is no theme {dst} in this output "
                f"folder; entry ignored: merge into an id that `{QUERY_HINT}` lists"
            )
    return out


def effective(overrides: ThemeOverrides, known: Iterable[str]) -> tuple[ThemeOverrides, list[str]]:
    """The choices that name known ids (merges resolved), and the warnings about the rest."""
    have = {str(k) for k in known}
    warnings = unknown_id_warnings(overrides, have)
    merges, cycle_warnings = resolve_merges({s: d for s, d in overrides.merge.items() if s in have and d in have})
    return (
        ThemeOverrides(
            rename={k: v for k, v in overrides.rename.items() if k in have and v},
            merge=merges,
            pin=frozenset(p for p in overrides.pin if p in have),
        ),
        warnings + cycle_warnings,
    )


# ---- the registry's columns ----------------------------------------------------------------------


def with_override_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (registry rows) with ``auto_label``, ``pinned`` and ``merged_into`` present and clean.

    Registries written before these columns existed get ``auto_label = label``, nothing pinned or merged.
    """
    out = frame.copy()
    labels = out["label"] if "label" in out.columns else pd.Series([None] * len(out), index=out.index)
    auto = out["auto_label"] if "auto_label" in out.columns else labels
    out["auto_label"] = [
        str(a) if _present(a) else (str(lab) if _present(lab) else None) for a, lab in zip(auto, labels, strict=True)
    ]
    pinned = out["pinned"] if "pinned" in out.columns else pd.Series([False] * len(out), index=out.index)
    out["pinned"] = [bool(p) if _present(p) else False for p in pinned]
    merged = out["merged_into"] if "merged_into" in out.columns else pd.Series([None] * len(out), index=out.index)
    out["merged_into"] = pd.Series([str(m) if _present(m) else None for m in merged], dtype=object, index=out.index)
    return out


def _present(v: Any) -> bool:
    if v is None:
        return False
    try:
        return not bool(pd.isna(v))
    except (TypeError, ValueError):
        return True


def mark_registry(frame: pd.DataFrame, overrides: ThemeOverrides) -> pd.DataFrame:
    """Registry rows with the (effective) choices recorded: label, pinned, merged_into."""
    out = with_override_columns(frame)
    ids = [str(t) for t in out["theme_id"]]
    out["label"] = [overrides.rename.get(t) or a for t, a in zip(ids, out["auto_label"], strict=True)]
    out["pinned"] = [t in overrides.pin for t in ids]
    out["merged_into"] = pd.Series([overrides.merge.get(t) for t in ids], dtype=object, index=out.index)
    return out


def pending(frame: pd.DataFrame, overrides: ThemeOverrides) -> bool:
    """True when the registry does not yet reflect the configured choices (the themes must be re-reported)."""
    if frame.empty:
        return False
    current = with_override_columns(frame)
    eff, _ = effective(overrides, current["theme_id"].astype(str))
    wanted = mark_registry(current, eff)
    for col in ("label", "pinned", "merged_into"):
        if [None if not _present(v) else v for v in current[col]] != [
            None if not _present(v) else v for v in wanted[col]
        ]:
            return True
    return False


def registry_view(frame: pd.DataFrame) -> tuple[dict[str, str], set[str], list[str]]:
    """Earlier automatic labels by id, pinned ids, and renamed labels (which no other theme may take)."""
    f = with_override_columns(frame)
    auto = {str(t): str(a) for t, a in zip(f["theme_id"], f["auto_label"], strict=True) if _present(a)}
    pinned = {str(t) for t, p in zip(f["theme_id"], f["pinned"], strict=True) if p}
    renamed = [
        str(lab) for lab, a in zip(f["label"], f["auto_label"], strict=True) if _present(lab) and str(lab) != str(a)
    ]
    return auto, pinned, renamed


def label_registry(
    inputs: Mapping[str, Any], previous: pd.DataFrame, new: pd.DataFrame
) -> tuple[dict[str, str], pd.DataFrame]:
    """Phrase labels for this fit's themes (``inputs``: theme id → :class:`LabelInput`).

    Earlier labels and pins come from the ``previous`` registry rows; the ``new`` rows get the labels as
    ``auto_label`` and ``label`` (and keep the previous choices until :func:`mark_registry` re-applies
    the configuration). Returns the labels by theme id and the new rows.
    """
    from storymine.themes.labels import phrase_labels

    auto, pinned, renamed = registry_view(previous) if len(previous) else ({}, set(), [])
    labels = phrase_labels(inputs, previous=auto, pinned=pinned, reserved=renamed)
    out = with_override_columns(new)
    prev = with_override_columns(previous).set_index("theme_id") if len(previous) else None
    ids = [str(t) for t in out["theme_id"]]
    out["auto_label"] = [labels.get(t, a) for t, a in zip(ids, out["auto_label"], strict=True)]
    out["label"] = [labels.get(t, lab) if t in labels else lab for t, lab in zip(ids, out["label"], strict=True)]
    if prev is not None:
        out["pinned"] = [
            bool(prev.loc[t, "pinned"]) if t in prev.index else p for t, p in zip(ids, out["pinned"], strict=True)
        ]
    return labels, out


# ---- registry matching -------------------------------------------------------------------------


def pin_pairs(pairs: Mapping[int, int], score: np.ndarray, pinned: Sequence[bool], min_score: float) -> dict[int, int]:
    """Registry pairs (new topic j → old theme i) with each unpaired pinned theme given a topic.

    A pinned old theme the Hungarian pairing left below ``match_threshold`` takes the unpaired new topic
    it scores best with, if that score is at least ``min_score``; pinned themes with the better such
    score choose first (ties: lower row). Unpinned pairs never change.
    """
    out = dict(pairs)
    taken_new = set(out)
    taken_old = set(out.values())
    rows = [i for i, p in enumerate(pinned) if p and i not in taken_old]
    if not rows or score.size == 0:
        return out
    free = [j for j in range(score.shape[1]) if j not in taken_new]
    wishes: list[tuple[float, int, int]] = []
    for i in rows:
        for j in free:
            if score[i, j] >= min_score:
                wishes.append((float(score[i, j]), i, j))
    for _, i, j in sorted(wishes, key=lambda w: (-w[0], w[1], w[2])):
        if i in taken_old or j in taken_new:
            continue
        out[j] = i
        taken_old.add(i)
        taken_new.add(j)
    return out


# ---- reporting ------------------------------------------------------------------------------------


def unmerged_previous(
    previous_units: pd.DataFrame, previous_themes: pd.DataFrame, registry: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The last run's unit assignments and theme rows with reported merges undone (for incremental runs).

    A merged id's units go back to it (the registry's ``unit_ids``), and it gets its theme row back
    (from the registry), so attaching by centroid sees the themes that were fitted.
    """
    reg = with_override_columns(registry)
    merged = reg[reg["merged_into"].notna()]
    if merged.empty or previous_units.empty:
        return previous_units, previous_themes
    # the surviving rows listed the merged ids in their lineage: back to the registry's own lineage
    lineage = {str(t): list(v if v is not None else []) for t, v in zip(reg["theme_id"], reg["lineage"], strict=True)}
    previous_themes = previous_themes.copy()
    previous_themes["lineage"] = pd.Series(
        [lineage.get(str(t), v) for t, v in zip(previous_themes["theme_id"], previous_themes["lineage"], strict=True)],
        dtype=object,
        index=previous_themes.index,
    )
    owner: dict[str, str] = {}
    for tid, units in zip(merged["theme_id"], merged["unit_ids"], strict=True):
        for u in units if units is not None else ():
            owner[str(u)] = str(tid)
    units = previous_units.copy()
    units["theme_id"] = [
        owner.get(str(u), t) if _present(t) else t for u, t in zip(units["unit_id"], units["theme_id"], strict=True)
    ]
    have = set(previous_themes["theme_id"].astype(str))
    extra = []
    for _, row in merged.iterrows():
        if str(row["theme_id"]) in have:
            continue
        extra.append(
            {
                "theme_id": str(row["theme_id"]),
                "label": row["auto_label"],
                "keywords": list(row["keywords"] if row["keywords"] is not None else []),
                "first_seen_run": row["first_seen_run"],
                "lineage": list(row["lineage"] if row["lineage"] is not None else []),
                "status": row["status"],
            }
        )
    themes = previous_themes
    if extra:
        themes = pd.concat([previous_themes, pd.DataFrame(extra)], ignore_index=True)
    return units, themes


def apply_to_tables(
    themes: pd.DataFrame,
    segment_themes: pd.DataFrame,
    unit_themes: pd.DataFrame,
    registry: pd.DataFrame,
    overrides: ThemeOverrides,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, bool]:
    """One run's ``themes``, ``segment_themes`` and unit assignments as the facilitators want them reported.

    ``overrides`` must be :func:`effective` ones. Labels: a rename, else the registry's automatic label.
    Merges: see the module docstring. Returns the three frames and whether any merge applied (then the
    caller recounts ``theme_counts`` from the unit assignments).
    """
    auto = {str(t): a for t, a in zip(registry["theme_id"], with_override_columns(registry)["auto_label"], strict=True)}
    themes = themes.copy()
    themes["label"] = [
        overrides.rename.get(str(t)) or auto.get(str(t)) or lab
        for t, lab in zip(themes["theme_id"], themes["label"], strict=True)
    ]
    merges = {s: d for s, d in overrides.merge.items() if s in set(themes["theme_id"].astype(str))}
    if not merges:
        return themes, segment_themes, unit_themes, False

    def mapped(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        out["theme_id"] = [merges.get(str(t), t) if _present(t) else t for t in out["theme_id"]]
        return out

    segment_themes, unit_themes = mapped(segment_themes), mapped(unit_themes)
    rows = {str(r["theme_id"]): dict(r) for _, r in themes.iterrows()}
    for src, dst in sorted(merges.items()):
        a = rows.pop(src)
        b = rows.get(dst)
        if b is None:  # the surviving id has no row this run: it takes the merged theme's
            b = dict(a, theme_id=dst, label=overrides.rename.get(dst) or auto.get(dst) or a["label"], lineage=[])
        elif b["status"] == "retired" and a["status"] != "retired":
            b = dict(a, theme_id=dst, label=b["label"], first_seen_run=b["first_seen_run"], lineage=list(b["lineage"]))
        else:
            b = dict(b)
            for col in ("size", "n_segments"):
                b[col] = int(b[col]) + int(a[col])
        b["lineage"] = sorted({*(str(x) for x in (b["lineage"] if b["lineage"] is not None else [])), src})
        rows[dst] = b
    docs = unit_themes.dropna(subset=["theme_id"]).groupby("theme_id")["doc_id"].nunique().to_dict()
    for tid, row in rows.items():
        if row["status"] != "retired" and tid in docs:
            row["n_documents"] = int(docs[tid])
    out = pd.DataFrame([rows[t] for t in sorted(rows)], columns=list(themes.columns)).reset_index(drop=True)
    return out, segment_themes, unit_themes, True


def describe(overrides: ThemeOverrides) -> str:
    """A one-line summary for the log ("2 renamed, 1 merged, 1 pinned")."""
    parts = [
        f"{len(overrides.rename)} renamed" if overrides.rename else "",
        f"{len(overrides.merge)} merged" if overrides.merge else "",
        f"{len(overrides.pin)} pinned" if overrides.pin else "",
    ]
    return ", ".join(p for p in parts if p) or "none"


__all__ = [
    "ThemeOverrides",
    "apply_to_tables",
    "effective",
    "label_registry",
    "mark_registry",
    "pending",
    "pin_pairs",
    "registry_view",
    "resolve_merges",
    "unknown_id_warnings",
    "unmerged_previous",
    "with_override_columns",
]
