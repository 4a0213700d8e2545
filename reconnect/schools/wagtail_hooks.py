"""The "Network" menu in Wagtail's admin: schools, trusts, memberships, system leaders and
London's local authorities, for coordinators (see ``wagtail_admin`` for who may do what)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from reconnect.accounts.models import User
from reconnect.schools import wagtail_admin
from reconnect.schools.models import LocalAuthority, Membership, School, SystemLeaderScope, Trust

# Registered before any viewset asks for a policy, as Wagtail requires.
register_permission_policy(
    School,
    wagtail_admin.NetworkPermissionPolicy(
        School,
        coordinator_actions=frozenset({"add", "change", "view"}),
        admin_actions=frozenset({"delete"}),
    ),
)
register_permission_policy(Trust, wagtail_admin.NetworkPermissionPolicy(Trust))
register_permission_policy(Membership, wagtail_admin.NetworkPermissionPolicy(Membership))
register_permission_policy(
    SystemLeaderScope,
    wagtail_admin.NetworkPermissionPolicy(
        SystemLeaderScope, coordinator_actions=frozenset({"add", "delete", "view"})
    ),
)
register_permission_policy(
    LocalAuthority,
    wagtail_admin.NetworkPermissionPolicy(LocalAuthority, coordinator_actions=frozenset({"view"})),
)


class SchoolChooserViewSet(ChooserViewSet):
    model = School
    icon = "home"
    choose_one_text = _("Choose a school")
    choose_another_text = _("Choose another school")
    url_prefix = "network/choose-school"
    choose_view_class = wagtail_admin.SchoolChooseView
    choose_results_view_class = wagtail_admin.SchoolChooseResultsView


class MemberChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _("Choose a member")
    choose_another_text = _("Choose another member")
    url_prefix = "network/choose-member"
    choose_view_class = wagtail_admin.MemberChooseView
    choose_results_view_class = wagtail_admin.MemberChooseResultsView


class SchoolViewSet(ModelViewSet):
    model = School
    name = "network_schools"
    url_prefix = "network/schools"
    icon = "home"
    menu_label = _("Schools")
    list_display = ["name", "urn", "phase", "local_authority", "trust", "is_open"]
    list_filter = ["phase", "is_open", "local_authority"]
    search_fields = ["name", "postcode", "establishment_type"]
    ordering = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("urn"),
        FieldPanel("name"),
        FieldPanel("phase"),
        FieldPanel("establishment_type"),
        FieldPanel("local_authority"),
        FieldPanel("trust"),
        FieldPanel("postcode"),
        FieldPanel("is_open"),
        FieldPanel("number_on_roll"),
        FieldPanel("percent_fsm"),
        FieldPanel("percent_eal"),
        FieldPanel("percent_sen_support"),
        FieldPanel("percent_ehcp"),
        FieldPanel("attendance_percent"),
    ]


class TrustViewSet(ModelViewSet):
    model = Trust
    name = "network_trusts"
    url_prefix = "network/trusts"
    icon = "group"
    menu_label = _("Trusts")
    list_display = ["name", "gias_code"]
    search_fields = ["name", "gias_code"]
    ordering = ["name"]
    copy_view_enabled = False
    form_fields = ["name", "slug", "gias_code"]


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "network_memberships"
    url_prefix = "network/memberships"
    icon = "user"
    menu_label = _("Members at schools")
    list_display = ["user", "school", "role", "created_at"]
    list_filter = ["role", "school__local_authority"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "school__name"]
    ordering = ["school__name", "user__last_name"]
    copy_view_enabled = False
    add_view_class = wagtail_admin.MembershipCreateView
    edit_view_class = wagtail_admin.MembershipEditView
    delete_view_class = wagtail_admin.MembershipDeleteView
    panels = [FieldPanel("user"), FieldPanel("school"), FieldPanel("role")]

    def get_form_class(self, for_update: bool = False) -> Any:
        if for_update:
            # Who and where are fixed once granted: a different person or school is a new
            # membership. Only the role can change.
            return ObjectList([FieldPanel("role")]).bind_to_model(Membership).get_form_class()
        return super().get_form_class(for_update=for_update)


class SystemLeaderScopeViewSet(ModelViewSet):
    model = SystemLeaderScope
    name = "network_system_leaders"
    url_prefix = "network/system-leaders"
    icon = "view"
    menu_label = _("System leaders")
    list_display = ["user", "trust", "local_authority", "created_at"]
    list_filter = ["local_authority"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "trust__name"]
    ordering = ["user__last_name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = wagtail_admin.ScopeCreateView
    delete_view_class = wagtail_admin.ScopeDeleteView
    panels = [FieldPanel("user"), FieldPanel("trust"), FieldPanel("local_authority")]


class LocalAuthorityViewSet(ModelViewSet):
    model = LocalAuthority
    name = "network_local_authorities"
    url_prefix = "network/local-authorities"
    icon = "site"
    menu_label = _("Local authorities")
    list_per_page = 50  # all 33 on one page
    list_display = ["name", "code", "is_inner_london"]
    list_filter = ["is_inner_london"]
    search_fields = ["name"]
    ordering = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name"]  # never shown: nobody may add or change an authority


class NetworkViewSetGroup(ModelViewSetGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 200
    items = (
        SchoolViewSet,
        TrustViewSet,
        MembershipViewSet,
        SystemLeaderScopeViewSet,
        LocalAuthorityViewSet,
    )


@hooks.register("register_admin_viewset")
def register_network_admin() -> list[Any]:
    return [
        SchoolChooserViewSet("network_school_chooser"),
        MemberChooserViewSet("network_member_chooser"),
        NetworkViewSetGroup(),
    ]
