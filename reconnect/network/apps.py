from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "reconnect.network"
    label = "network"
    verbose_name = "Headteacher Network"

    def ready(self) -> None:
        from reconnect.network import audit_actions, signals

        audit_actions.register()
        signals.connect()
