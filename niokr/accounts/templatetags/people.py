"""``{{ value|person }}``: a user or a stored login as the person's name in the page's language."""

from django import template

from niokr.accounts.people import person_name

register = template.Library()


@register.filter
def person(value) -> str:
    """The person's name (:func:`niokr.accounts.people.person_name`); the login only for an account that is gone."""
    return person_name(value)
