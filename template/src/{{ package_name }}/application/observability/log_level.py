"""The port through which an operator changes the log level of a running service."""

from typing import Literal, Protocol

type LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class LogLevelControl(Protocol):
    """Reads and changes the lowest level written, without a restart."""

    def current(self) -> str:
        """The level in force."""
        ...

    def change(self, level: LogLevel) -> str:
        """Apply ``level`` at once, log the change and return the previous level."""
        ...
