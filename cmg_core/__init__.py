"""Shared core of the CMG monthly attestations service: templates, pre-check, DS, back office."""
