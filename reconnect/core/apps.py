from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save


class CoreConfig(AppConfig):
    name = "reconnect.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        # checks and signals register themselves on import.
        from reconnect.core import audit_actions, checks, signals  # noqa: F401
        from reconnect.core.admin_widgets import install_csp_safe_choosers

        audit_actions.register()
        install_csp_safe_choosers()
        from reconnect.core.translation_memo import keep_default_language_lookups

        keep_default_language_lookups()

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
