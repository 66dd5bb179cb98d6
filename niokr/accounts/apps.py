from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "niokr.accounts"
    label = "accounts"
    verbose_name = "Accounts"
