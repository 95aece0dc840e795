"""The complete table metadata: every module of ``tables`` registers its models."""

import importlib
import pkgutil

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from . import tables


def load_metadata() -> MetaData:
    """Import every table module so SQLModel's metadata lists all tables, and return it."""
    for module in pkgutil.iter_modules(tables.__path__, f"{tables.__name__}."):
        importlib.import_module(module.name)
    return SQLModel.metadata
