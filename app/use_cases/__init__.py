"""Use cases: one module per capability, each a class the bootstrap wires up."""
