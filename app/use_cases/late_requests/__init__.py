"""Late submission requests: more time for one invite's commitment after the due date."""
