"""Role grants are group memberships; every change to them is recorded, whoever makes it and however."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from audit.models import RoleChange
from audit.services import role_grant_record


def _acting_user():
    """The signed-in user of the current request (the admin's user), via simple-history's middleware."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@receiver(m2m_changed, sender=get_user_model().groups.through)
def record_role_changes(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        # pk_set is empty for a clear; remember what is about to go.
        users = [instance] if not reverse else list(instance.user_set.all())
        groups = list(instance.groups.all()) if not reverse else [instance]
        instance._audit_cleared = [(u, g) for u in users for g in groups]
        return
    if action == "post_clear":
        pairs = getattr(instance, "_audit_cleared", [])
        change = RoleChange.REVOKED
    elif action in ("post_add", "post_remove"):
        change = RoleChange.GRANTED if action == "post_add" else RoleChange.REVOKED
        if reverse:  # group.user_set.add(users)
            pairs = [(user, instance) for user in model.objects.filter(pk__in=pk_set or ())]
        else:
            pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set or ())]
    else:
        return
    by = _acting_user()
    for user, group in pairs:
        user._role_codes = None
        role_grant_record(user=user, role_code=group.name, change=change, by=by)
