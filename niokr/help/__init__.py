"""Help: who a page is for (the menu's predicates), a short help page per role and a glossary.

Stands above the apps it describes (it reads their scoping and services), as :mod:`niokr.search`
does; ``core`` names these pages only by URL name and dotted path.
"""
