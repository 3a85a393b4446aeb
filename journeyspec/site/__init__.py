"""The stakeholder site: an MkDocs plugin that plans every page from the validated model."""
