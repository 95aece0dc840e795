"""Compressors for HTTP content codings: gzip (stdlib), Brotli and Zstandard."""
