"""Tokens of external OpenID Connect providers: discovery, key sets, introspection."""
