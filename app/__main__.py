"""`python -m app` is the same as the `invite-to-bill` command."""

import sys

from app.cli import main

sys.exit(main())
