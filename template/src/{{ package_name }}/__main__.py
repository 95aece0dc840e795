"""Command line: ``serve`` the API and ``migrate`` the database."""

import argparse
import asyncio
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points

import uvicorn
from pydantic import ValidationError

from .bootstrap import run_worker
from .config import config_docs
from .infrastructure.observability.logging import configure_logging
from .infrastructure.persistence import migrator
from .infrastructure.persistence.database import DatabaseMissingError, ensure_database_exists
from .kernel.messages import ErrorMessages, format_message
from .settings import ENV_PREFIX, Settings


def command_name() -> str:
    """Name the installed command that runs this CLI (the project's), else the package."""
    target = f"{__package__}.__main__:main"
    for entry in entry_points(group="console_scripts"):
        if entry.value == target:
            return entry.name
    return str(__package__)


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=command_name(), description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API with uvicorn")
    serve.add_argument("--host", default=settings.http.host, help="interface to bind")
    serve.add_argument("--port", type=int, default=settings.http.port, help="port to bind")
    serve.add_argument("--reload", action="store_true", help="restart on code changes")

    migrate = commands.add_parser("migrate", help="upgrade the database schema")
    migrate.add_argument("revision", nargs="?", default="head", help="target (default: head)")
    migrate.add_argument(
        "--forget-missing",
        action="store_true",
        help="first forget applied revisions whose scripts are gone (drops no table)",
    )

    downgrade = commands.add_parser("downgrade", help="revert the database schema")
    downgrade.add_argument("revision", help="target revision, or 'base' to revert everything")

    commands.add_parser("config-docs", help="print every setting as a Markdown table")

    worker = commands.add_parser(
        "worker", help="run the job worker without the HTTP server, until SIGINT/SIGTERM"
    )
    worker.add_argument(
        "--enqueue", action="append", default=[], metavar="JOB", help="queue a named job first"
    )
    worker.add_argument(
        "--until-idle", action="store_true", help="exit once no job is queued or running"
    )
    return parser


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        details = "\n".join(
            f"  {'.'.join(str(part) for part in item['loc']) or 'settings'}: {item['msg']}"
            for item in error.errors()
        )
        message = format_message(ErrorMessages.CONFIG.INVALID_SETTINGS, details=details)
        sys.stderr.write(message + "\n")
        raise SystemExit(2) from None


def _migrate(settings: Settings, revision: str, *, forget_missing: bool) -> int:
    missing = migrator.missing_revisions(settings.database)
    if missing and not forget_missing:
        message = format_message(
            ErrorMessages.DB.MISSING_REVISIONS, revisions=", ".join(missing), command=command_name()
        )
        sys.stderr.write(message + "\n")
        return 1
    if missing:
        migrator.forget_revisions(settings.database, missing)
    migrator.upgrade(settings.database, revision)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named on the command line and return the exit status."""
    settings = _load_settings()
    arguments = _parser(settings).parse_args(argv)
    configure_logging(settings.logging)
    try:
        return _run(settings, arguments)
    except DatabaseMissingError as error:
        sys.stderr.write(error.message + "\n")
        return 1


def _run(settings: Settings, arguments: argparse.Namespace) -> int:
    if arguments.command == "serve":
        asyncio.run(ensure_database_exists(settings.database))
        uvicorn.run(
            f"{__package__}.bootstrap:create_app",
            factory=True,
            host=arguments.host,
            port=arguments.port,
            reload=arguments.reload,
            log_config=None,
            access_log=False,
        )
    elif arguments.command == "migrate":
        return _migrate(settings, arguments.revision, forget_missing=arguments.forget_missing)
    elif arguments.command == "downgrade":
        migrator.downgrade(settings.database, arguments.revision)
    elif arguments.command == "worker":
        asyncio.run(run_worker(settings, arguments.enqueue, until_idle=arguments.until_idle))
    else:
        sys.stdout.write(config_docs(Settings, ENV_PREFIX))
    return 0


if __name__ == "__main__":
    sys.exit(main())
