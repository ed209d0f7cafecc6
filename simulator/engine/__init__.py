"""The conversation engine: a customer who reacts to how they are treated. No Textual here."""
