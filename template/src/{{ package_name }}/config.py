"""Configuration machinery shared by every settings section: base model, builder, docs."""

from collections.abc import Iterator
from enum import Enum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

REDACTED = "**********"


class BaseConfig(BaseModel):
    """Base of every settings section: immutable, and unknown keys are errors, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ConfigBuilder[TConfig: BaseModel]:
    """Collect overrides for a configuration model and validate them once, in ``build``.

    Type parameters:
        TConfig: the configuration model built (``Settings`` or one section).
    """

    def __init__(self, model: type[TConfig]) -> None:
        self._model = model
        self._values: dict[str, Any] = {}

    def section(self, name: str, config: BaseConfig) -> Self:
        """Replace the section ``name`` with a complete, already validated config."""
        self._values[name] = config
        return self

    def values(self, **values: Any) -> Self:
        """Override fields (or whole sections given as mappings) by name."""
        self._values.update(values)
        return self

    def build(self) -> TConfig:
        """Validate the overrides on top of the model's own sources and return the config."""
        return self._model(**self._values)


def config_docs(model: type[BaseModel], env_prefix: str, delimiter: str = "__") -> str:
    """Render every setting of ``model`` as a Markdown table (secrets redacted)."""
    lines = [
        "| Setting | Environment variable | Type | Default | Description |",
        "|---|---|---|---|---|",
    ]
    for path, info in _leaf_fields(model, ()):
        env_var = env_prefix + delimiter.join(part.upper() for part in path)
        cells = (
            ".".join(path),
            f"`{env_var}`",
            f"`{_type_name(info)}`",
            f"`{_default(info)}`",
            info.description or "",
        )
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _leaf_fields(
    model: type[BaseModel], prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], FieldInfo]]:
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _leaf_fields(annotation, path)
        else:
            yield path, info


def _type_name(info: FieldInfo) -> str:
    annotation = info.annotation
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _default(info: FieldInfo) -> str:
    default = info.default
    if default is PydanticUndefined:
        return "required"
    if isinstance(default, SecretStr):
        return REDACTED
    if isinstance(default, Enum):
        return str(default.value)
    return str(default)
