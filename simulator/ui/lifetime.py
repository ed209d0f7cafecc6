"""Whether a worker back from a thread may still touch a screen's widgets."""

from __future__ import annotations

from textual.dom import DOMNode


def still_shown(node: DOMNode) -> bool:
    """False once the screen is closed or being torn down, also when the app is quitting.

    A worker resumes at any moment after its thread returns. Textual removes a screen's
    children before the screen itself and only then cancels the screen's workers, so a screen
    that is still attached may already have lost the widget a query asks for (found in CI: the
    best scores came back while the app was closing). `display` turns False as soon as a node
    starts closing or being pruned; screens are never hidden by style here.
    """
    return node.is_attached and node.app.is_running and node.display
