"""Documents: the PDFs this service issues (lien waivers, the G702/G703 pay application,
the pay-application package), drawn with ReportLab.

An adapter like `store` and `mailer`: it imports only `domain` and the libraries, never
another adapter, `app` or `web`. It lays out figures it is given and computes none (the
G702/G703 and waiver amounts come from `domain/`).
"""
