"""Reminding contacts who have not answered, on each project's cadence."""
