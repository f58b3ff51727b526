"""``python -m cnedu_extract``: the ``cnedu-extract`` command."""
from .batch.cli import main

raise SystemExit(main())
