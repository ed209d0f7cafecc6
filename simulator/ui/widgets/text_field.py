"""A one-line text field whose every editing action has a key a browser lets through.

Textual's `Input` deletes the word to the left only with ctrl+w, which browsers keep (it
closes the tab) when the app is served; here alt+backspace and ctrl+backspace do it too, as
they do in most editors (Textual 8.2 binds them to deleting the word to the right).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class TextField(Input):
    BINDINGS = [
        Binding("alt+backspace,ctrl+backspace", "delete_left_word", "Delete word", show=False),
    ]
