"""Command line: ``serve`` the API and ``migrate`` the database."""

import argparse
import asyncio
import sys
from collections.abc import Sequence

import uvicorn
from pydantic import ValidationError

from .bootstrap import run_worker
from .config import config_docs
from .infrastructure.observability.logging import configure_logging
from .infrastructure.persistence import migrator
from .kernel.messages import ErrorMessages, format_message
from .settings import ENV_PREFIX, Settings


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=__package__, description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API with uvicorn")
    serve.add_argument("--host", default=settings.http.host, help="interface to bind")
    serve.add_argument("--port", type=int, default=settings.http.port, help="port to bind")
    serve.add_argument("--reload", action="store_true", help="restart on code changes")

    migrate = commands.add_parser("migrate", help="upgrade the database schema")
    migrate.add_argument("revision", nargs="?", default="head", help="target (default: head)")

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named on the command line and return the exit status."""
    settings = _load_settings()
    arguments = _parser(settings).parse_args(argv)
    configure_logging(settings.logging)
    if arguments.command == "serve":
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
        migrator.upgrade(settings.database, arguments.revision)
    elif arguments.command == "downgrade":
        migrator.downgrade(settings.database, arguments.revision)
    elif arguments.command == "worker":
        asyncio.run(run_worker(settings, arguments.enqueue, until_idle=arguments.until_idle))
    else:
        sys.stdout.write(config_docs(Settings, ENV_PREFIX))
    return 0


if __name__ == "__main__":
    sys.exit(main())
