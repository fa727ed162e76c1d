"""The Caf-side referential: SIRET helpers, the synthetic seed and declarations built from it."""
