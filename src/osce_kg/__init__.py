"""osce-kg: the linked-data knowledge graph of the OSCE."""

__version__ = "0.1.0"
