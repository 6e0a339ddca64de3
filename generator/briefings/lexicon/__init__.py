"""Word lists, each defined once: general English word classes and generated world knowledge."""
