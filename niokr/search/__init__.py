"""The search box of the navigation bar: one query over organisations, rights, agreements,
payments and audit cases, each read through its model's ``visible_to(user)``."""
