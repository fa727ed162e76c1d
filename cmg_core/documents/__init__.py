"""PDF attestations and bilans de traitement (PDF and xlsx), rendered from plain data.

The back office maps its rows into the frozen values of `model` and calls the renderers; the
same values always give the same bytes.
"""
