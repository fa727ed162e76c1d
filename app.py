"""Portal router: chooses the pages the visitor may see. No business logic here."""

import streamlit as st

st.set_page_config(page_title="Attestations CMG", page_icon="📄", layout="wide")
st.title("Attestations mensuelles CMG")
st.write("Portail en construction.")
