"""copier.yml refuses bad identity answers with a message that says what to type."""

import re
from pathlib import Path

import pytest
import yaml

from tests.support.rendering import render

REJECTED = [
    pytest.param({"package_name": "json"}, "shadow the standard library", id="stdlib-package"),
    pytest.param({"package_name": "class"}, "is a Python keyword", id="keyword-package"),
    pytest.param({"package_name": "match"}, "is a Python keyword", id="soft-keyword-package"),
    pytest.param({"package_name": "1abc"}, "lowercase Python identifier", id="digit-package"),
    pytest.param({"package_name": "My_Service"}, "lowercase Python identifier", id="upper"),
    pytest.param({"project_slug": "My-Service"}, "lowercase kebab-case", id="upper-slug"),
    pytest.param({"project_slug": "my--service"}, "lowercase kebab-case", id="double-hyphen"),
    pytest.param({"project_slug": "my-service-"}, "lowercase kebab-case", id="trailing-hyphen"),
    # The derived slug keeps non-ASCII letters, so such a name needs an explicit slug.
    pytest.param({"project_name": "Café Service"}, "lowercase kebab-case", id="unicode-name"),
    pytest.param({"author_email": "team.example.com"}, "name@example.com", id="no-at"),
    pytest.param({"author_email": "team@localhost"}, "name@example.com", id="no-dot"),
    pytest.param({"author_email": "a b@example.com"}, "name@example.com", id="space"),
    pytest.param({"project_name": "   "}, "must not be empty", id="blank-name"),
    # A project named like a dependency cannot depend on it; a package so named shadows it.
    pytest.param({"project_name": "FastAPI"}, "a package the generated service", id="fastapi"),
    pytest.param({"project_slug": "alembic"}, "a package the generated service", id="alembic"),
    pytest.param({"project_slug": "redis"}, "a package the generated service", id="redis"),
    pytest.param(
        {"project_slug": "rate-limits", "package_name": "limits"},
        "would shadow a package the generated service depends on",
        id="limits-package",
    ),
    pytest.param(
        {"project_slug": "settings-api", "package_name": "pydantic_settings"},
        "would shadow a package the generated service depends on",
        id="underscore-package",
    ),
    pytest.param({"project_name": "Tests"}, "tests package", id="tests-slug"),
    pytest.param({"project_slug": "test"}, "tests package", id="test-slug"),
    pytest.param(
        {"project_slug": "my-tests", "package_name": "tests"}, "tests package", id="tests-package"
    ),
    pytest.param(
        {"project_slug": "my-test", "package_name": "test"}, "tests package", id="test-package"
    ),
]


@pytest.mark.parametrize(("answers", "message"), REJECTED)
def test_bad_answer_is_refused_with_a_clear_message(
    answers: dict[str, str], message: str, tmp_path: Path, template_snapshot: Path
) -> None:
    """Rendering stops before writing anything and says in one sentence what was wrong."""
    destination = tmp_path / "service"
    with pytest.raises(ValueError, match="Validation error") as raised:
        render(destination, answers, source=template_snapshot, vcs_ref=None)
    assert message in str(raised.value)
    assert not (destination / "pyproject.toml").exists()
    refusal = str(raised.value).partition("Validation error for question")[2].partition(":")[2]
    sentences = [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", refusal.strip()) if part]
    assert len(sentences) == 1, f"the refusal is not one sentence: {refusal!r}"


def test_unicode_name_renders_with_an_explicit_ascii_slug(
    tmp_path: Path, template_snapshot: Path
) -> None:
    """A non-ASCII name is kept for humans; the slug and package stay ASCII."""
    project = render(
        tmp_path / "service",
        {"project_name": "Café Service", "project_slug": "cafe-service"},
        source=template_snapshot,
        vcs_ref=None,
    )
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["project_name"] == "Café Service"
    assert answers["package_name"] == "cafe_service"
    assert (project / "src" / "cafe_service").is_dir()


def test_slug_and_package_derive_from_the_name(tmp_path: Path, template_snapshot: Path) -> None:
    """Spaces, dots and underscores in the name become single hyphens, then underscores."""
    project = render(
        tmp_path / "service",
        {"project_name": "Billing.API  Gateway_v2"},
        source=template_snapshot,
        vcs_ref=None,
    )
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["project_slug"] == "billing-api-gateway-v2"
    assert answers["package_name"] == "billing_api_gateway_v2"
