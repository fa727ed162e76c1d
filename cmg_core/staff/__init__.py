"""Caf staff: accounts and sign-in, roles, the audit journal, the GCA queue and the queries
behind the staff pages. No Streamlit here: the pages in `pages/staff/` call these services."""
