"""The service measured beside a bare FastAPI app: ``uv run nox -s benchmark``."""
