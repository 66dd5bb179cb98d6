"""Django's date and number formats for Kazakh, Russian and English (``FORMAT_MODULE_PATH``).

They agree with :mod:`niokr.core.formatting`: dd.mm.yyyy and a 24-hour clock in Kazakh and
Russian, ``7 Dec 2026`` and a 24-hour clock in English. Django has no formats of its own for
Kazakh; without these, Kazakh pages would print dates the American way. Input formats are left to
Django's own modules (every language also reads ISO dates).
"""
