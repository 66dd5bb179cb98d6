"""django-axes (failed sign-ins and lock-outs) under a name in the reader's language.

axes gives its app no name (the admin showed "Axes" in every language) and ships no Kazakh
catalog; ``INSTALLED_APPS`` lists this config instead of ``"axes"``. The app keeps its label
(``axes``), its models and their names (Russian from axes' own catalog).
"""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Sign-in attempts")
