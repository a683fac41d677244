"""The CLI's commands, one module per family; imported lazily by ``barriers.cli``."""
