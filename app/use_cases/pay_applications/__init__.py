"""The pay application as documents: the G702/G703 PDF and the package around it."""
