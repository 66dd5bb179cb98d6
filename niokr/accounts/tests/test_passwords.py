"""Passwords are stored with Argon2 (the suite itself hashes with MD5 for speed: see conftest.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

import conftest
from niokr import settings as production


def test_the_production_hashers_put_argon2_first():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert conftest.PRODUCTION_PASSWORD_HASHERS == production.PASSWORD_HASHERS


@pytest.mark.django_db
def test_a_password_is_stored_as_argon2_and_an_older_hash_still_checks(settings, django_user_model):
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = django_user_model.objects.create_user("hash-check", password="a-long-enough-secret")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("a-long-enough-secret") and not user.check_password("wrong")
    pbkdf2 = make_password("a-long-enough-secret", hasher="pbkdf2_sha256")
    assert check_password("a-long-enough-secret", pbkdf2)
