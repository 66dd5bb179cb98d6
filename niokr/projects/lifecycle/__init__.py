"""The R&D project lifecycle (docs/adr/0012-lifecycle-workflows.md): programme → council vote →
state expertise → competitive selection → agreement stages → acceptance acts → results.

``workflow`` is the engine (states, transitions, roles, guards, one service per transition);
``processes`` declares each process on it; ``votes`` is the pure arithmetic of a council's vote;
``conflicts`` finds recusals in the affiliation graph.
"""
