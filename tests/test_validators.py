"""copier.yml refuses bad identity answers with a message that says what to type."""

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
]


@pytest.mark.parametrize(("answers", "message"), REJECTED)
def test_bad_answer_is_refused_with_a_clear_message(
    answers: dict[str, str], message: str, tmp_path: Path
) -> None:
    """Rendering stops before writing anything and names the rule that was broken."""
    destination = tmp_path / "service"
    with pytest.raises(ValueError, match="Validation error") as raised:
        render(destination, answers)
    assert message in str(raised.value)
    assert not (destination / "pyproject.toml").exists()


def test_unicode_name_renders_with_an_explicit_ascii_slug(tmp_path: Path) -> None:
    """A non-ASCII name is kept for humans; the slug and package stay ASCII."""
    project = render(
        tmp_path / "service", {"project_name": "Café Service", "project_slug": "cafe-service"}
    )
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["project_name"] == "Café Service"
    assert answers["package_name"] == "cafe_service"
    assert (project / "src" / "cafe_service").is_dir()


def test_slug_and_package_derive_from_the_name(tmp_path: Path) -> None:
    """Spaces, dots and underscores in the name become single hyphens, then underscores."""
    project = render(tmp_path / "service", {"project_name": "Billing.API  Gateway_v2"})
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["project_slug"] == "billing-api-gateway-v2"
    assert answers["package_name"] == "billing_api_gateway_v2"
