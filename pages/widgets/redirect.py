"""Send the browser to another address of the portal: a full page load, not a page switch."""

from __future__ import annotations

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx


def go(url: str) -> None:
    """The browser loads `url` (the message `st.login` uses to leave for the identity
    provider); the script run stops here."""
    context = get_script_run_ctx()
    if context is not None:
        message = ForwardMsg()
        message.auth_redirect.url = url
        context.enqueue(message)
    st.stop()
