"""Delphi foresight, the ranking of candidate technologies and the foresight report."""
