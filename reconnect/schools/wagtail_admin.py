"""Wagtail admin pieces for the Network menu: who may do what, and views that go through
the services so role changes are checked and audited like everywhere else.

Coordinators (and administrators) manage schools, trusts, memberships and system leaders'
scopes. Only an administrator may delete a school, because that removes its members' roles
and everything the school holds. London's 33 authorities are fixed by law and a migration,
so they are read-only for everyone.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser
from wagtail.permission_policies import BasePermissionPolicy

from reconnect.accounts.rules import is_coordinator
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import Membership, SystemLeaderScope
from reconnect.schools.services import memberships

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})


class NetworkPermissionPolicy(BasePermissionPolicy):
    """Permissions from the network roles rather than Django's per-model permissions.

    ``coordinator_actions`` are open to coordinators and administrators; ``admin_actions``
    to administrators alone. Any other action is refused to everyone.
    """

    def __init__(
        self,
        model: Any,
        *,
        coordinator_actions: frozenset[str] = ALL_ACTIONS,
        admin_actions: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(model)
        self.coordinator_actions = coordinator_actions
        self.admin_actions = admin_actions | coordinator_actions

    def user_has_permission(self, user: Any, action: str) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser:
            return action in self.admin_actions
        return action in self.coordinator_actions and is_coordinator(user)

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        users = get_user_model().objects.filter(is_active=True)
        if set(actions) & self.coordinator_actions:
            return users.filter(Q(is_superuser=True) | Q(is_coordinator=True))
        if set(actions) & self.admin_actions:
            return users.filter(is_superuser=True)
        return users.none()


class NameSearchForm(BaseFilterForm):
    """A chooser's search box over plain database fields (our models are not search-indexed)."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    search_fields: tuple[str, ...] = ()

    def filter(self, objects: QuerySet[Any]) -> QuerySet[Any]:
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class SchoolSearchForm(NameSearchForm):
    search_fields = ("name", "postcode")


class MemberSearchForm(NameSearchForm):
    search_fields = ("first_name", "last_name", "email")


class SchoolChooseView(chooser.ChooseView):
    filter_form_class = SchoolSearchForm


class SchoolChooseResultsView(chooser.ChooseResultsView):
    filter_form_class = SchoolSearchForm


class MemberChooseView(chooser.ChooseView):
    filter_form_class = MemberSearchForm


class MemberChooseResultsView(chooser.ChooseResultsView):
    filter_form_class = MemberSearchForm


# --- Memberships: granting, changing and removing a role is audited --------------------------


class MembershipCreateView(generic.CreateView):
    """The service, not Wagtail's save, writes the role and its audit record together."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.object = memberships.membership_grant(
                user=form.cleaned_data["user"],
                school=form.cleaned_data["school"],
                role=form.cleaned_data["role"],
                actor=self.request.user,
                request=self.request,
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        self.form = form
        return self.save_action()

    def save_instance(self) -> Membership:  # pragma: no cover - form_valid saves instead
        raise NotImplementedError


class MembershipEditView(generic.EditView):
    """Only the role changes here; the service keeps a school from losing its last lead."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            memberships.membership_change_role(
                membership=self.object,
                role=form.cleaned_data["role"],
                actor=self.request.user,
                request=self.request,
            )
        except ApplicationError as error:
            form.add_error("role", error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        self.object.refresh_from_db()
        self.form = form
        return self.save_action()

    def save_instance(self) -> Membership:  # pragma: no cover - form_valid saves instead
        raise NotImplementedError


class MembershipDeleteView(generic.DeleteView):
    def form_valid(self, form: Any) -> HttpResponse:
        try:
            memberships.membership_remove(
                membership=self.object, actor=self.request.user, request=self.request
            )
        except ApplicationError as error:
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


# --- System leaders' scopes: granted and revoked, never edited in place ----------------------


class ScopeCreateView(generic.CreateView):
    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.object = memberships.system_leader_scope_grant(
                user=form.cleaned_data["user"],
                trust=form.cleaned_data.get("trust"),
                local_authority=form.cleaned_data.get("local_authority"),
                actor=self.request.user,
                request=self.request,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        self.form = form
        return self.save_action()


class ScopeDeleteView(generic.DeleteView):
    def form_valid(self, form: Any) -> HttpResponse:
        scope: SystemLeaderScope = self.object
        memberships.system_leader_scope_revoke(
            scope=scope, actor=self.request.user, request=self.request
        )
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())
