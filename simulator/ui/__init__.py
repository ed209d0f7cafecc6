"""The Textual layer: screens, widgets and app-wide messages. Renders and passes messages only."""
