"""The actor stage: mentions, then identity, then salience and roles, then the ranked key actors."""
