"""The portal's screens, one file per page, and their reusable widgets."""
