"""Public pages for partner structures (micro-crèches and garde à domicile)."""
