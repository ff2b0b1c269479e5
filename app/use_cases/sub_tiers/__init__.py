"""Sub-tiers: who worked under the contract company, and what each billed on an invoice."""
