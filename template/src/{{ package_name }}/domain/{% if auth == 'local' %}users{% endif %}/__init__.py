"""The users bounded context: people who sign in, and the OAuth clients they sign in with."""
