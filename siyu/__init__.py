"""Siyu (私域): analytics for private-domain community commerce."""

__version__ = "0.1.0"
