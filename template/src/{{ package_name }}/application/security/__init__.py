"""Security use-case pieces: the acting caller, authorisation, rate limiting and audit."""
