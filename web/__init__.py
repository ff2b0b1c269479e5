"""The aiohttp application: an entry point like the CLI. web/app.py builds it from the
use cases app/bootstrap.py hands over (web/keys.py)."""
