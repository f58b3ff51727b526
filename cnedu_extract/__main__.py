"""``python -m cnedu_extract``: the ``cnedu-extract`` command."""
from .cli import main

raise SystemExit(main())
