from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "reconnect.accounts"
    label = "accounts"

    def ready(self) -> None:
        from reconnect.accounts import (
            audit_actions,
            mfa_gate,
            signals,  # noqa: F401  (connects the sign-in audit)
        )

        audit_actions.register()
        mfa_gate.connect()
