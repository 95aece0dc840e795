"""Where the template repository and its build outputs live."""

from pathlib import Path

TEMPLATE_ROOT = Path(__file__).resolve().parents[2]
COPIER_YML = TEMPLATE_ROOT / "copier.yml"
TEMPLATE_DIR = TEMPLATE_ROOT / "template"
REPORTS_DIR = TEMPLATE_ROOT / "build" / "reports"
