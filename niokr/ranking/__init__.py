"""The ranking of candidate technologies and products, the roadmap and the foresight report."""
