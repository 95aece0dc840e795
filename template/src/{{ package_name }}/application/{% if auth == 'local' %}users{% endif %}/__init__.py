"""The service's own OAuth 2.0 server: users, clients, grants and the tokens they yield."""
