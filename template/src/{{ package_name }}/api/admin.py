"""Operator routes: the log level of the running process, for callers with the admin role."""

from http import HTTPStatus

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from ..application.observability.log_level import LogLevel
from ..kernel.errors import AuthorizationError
from .deps import LogLevelDep
from .openapi import refuses
from .security import CallerDep

ADMIN_ROLE = "observability:admin"
"""Held by the API keys (``security.api_keys[].roles``) that may use these routes."""


class LogLevelBody(BaseModel):
    """The lowest level written."""

    level: LogLevel


class LogLevelChange(BaseModel):
    """The level in force and the one it replaced."""

    level: str
    previous: str


@refuses(HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN, scopes=())
async def require_admin(actor: CallerDep) -> None:
    """Refuse anonymous callers (401) and callers without the admin role (403)."""
    if ADMIN_ROLE not in actor.roles:
        raise AuthorizationError


router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])


@router.get("/log-level")
async def read_log_level(control: LogLevelDep) -> LogLevelBody:
    """The level in force."""
    return LogLevelBody.model_validate({"level": control.current()})


@router.put("/log-level")
async def change_log_level(body: LogLevelBody, control: LogLevelDep) -> LogLevelChange:
    """Write records from ``level`` on, at once; the change itself is logged."""
    previous = control.change(body.level)
    return LogLevelChange(level=body.level, previous=previous)
