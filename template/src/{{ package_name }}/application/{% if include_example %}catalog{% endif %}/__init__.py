"""Use cases of the example catalog: commands, queries, their handlers, ports and DTOs."""
