"""Who may act: administrators (passwords, API tokens, sessions) and contacts'
sign-in links, with their rate limits."""
