"""Lien waivers: templates, policy, generation, signing, review, release."""
