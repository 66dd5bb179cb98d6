"""The control app's REST API (namespace ``control-api``)."""
