"""Kazakh writes dates, times and numbers as Russian does (see :mod:`niokr.core.formatting`)."""

from niokr.formats.ru.formats import *  # noqa: F403 — Django reads the module's names
