from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "reconnect.accounts"
    label = "accounts"

    def ready(self) -> None:
        from reconnect.accounts import signals  # noqa: F401  (connects the sign-in audit)
