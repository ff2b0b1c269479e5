"""The directory: contract companies and their people (service.py)."""
