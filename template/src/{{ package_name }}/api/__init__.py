"""The HTTP interface: app factory, routers, schemas, dependencies and error handlers."""
