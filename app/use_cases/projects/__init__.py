"""Projects, commitments and billing periods of a company."""
