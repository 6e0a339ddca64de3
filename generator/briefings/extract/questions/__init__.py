"""The open-questions stage: what a reader should watch next, each grounded in one sentence."""
