"""Pure business rules of Invite to Bill: no I/O, no asyncio, no frameworks.

Every rule is a function of its inputs; callers pass `now`/`today` in.
"""
