"""Relational persistence: engine, tables, SQL repositories and migrations."""
