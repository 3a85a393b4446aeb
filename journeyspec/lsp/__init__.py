"""The language server: journeyspec's checks and ids inside an editor (``journeyspec lsp``)."""
