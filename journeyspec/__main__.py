"""Entry point for ``python -m journeyspec``."""

from __future__ import annotations

from journeyspec.cli import main

if __name__ == "__main__":
    main()
