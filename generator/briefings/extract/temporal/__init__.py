"""The temporal stage: expressions recognised over the parse and resolved to calendar intervals."""
