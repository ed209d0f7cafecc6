"""Customer-service recovery simulator: engine, scenario library, scoreboard, CLI and Textual app.

Importing this package (or its engine modules) never imports Textual; only `simulator.app` and
`simulator.ui` do.
"""
