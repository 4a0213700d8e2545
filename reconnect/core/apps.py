from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save


class CoreConfig(AppConfig):
    name = "reconnect.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from reconnect.core import checks, signals  # noqa: F401  (checks register themselves)
        from reconnect.core.admin_widgets import install_csp_safe_choosers

        install_csp_safe_choosers()

        # Derived state only (see reconnect/core/signals.py for why this is a signal).
        user_model = get_user_model()
        post_save.connect(
            signals.user_saved, sender=user_model, dispatch_uid="core.coordinators.user_saved"
        )
        m2m_changed.connect(
            signals.user_groups_changed,
            sender=user_model.groups.through,
            dispatch_uid="core.coordinators.user_groups_changed",
        )
