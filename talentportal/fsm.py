"""Taking one transition of a django-fsm state machine: one order of checks, one set of refusals, one log row.

Applications (applications.services.application_transition) and service requests
(benefits.services.service_request_transition) both run here. What differs between them is passed in: a
`Machine` subclass (the states module, the refusal class, the log model, the message for an unmet condition,
and what the model does around a transition: its timestamps, who is told) and, per call, a rule checked under
the transaction and the log's own columns.

The checks, in this order, and the code of the refusal each one raises:

    unknown          the transition is not one of the machine's
    reason_required  the machine requires a written reason and none was given
    wrong_state      the transition does not leave the current state
    forbidden        the user's role does not allow it (the permission alone, whatever the conditions say)
    condition        a condition of the transition is not met (the machine says which, in words)
    rule             a rule the caller checks under the transaction (a quota, once per person, ...)
    conflict         someone else changed the record meanwhile (ConcurrentTransitionMixin)

Then, atomically: the transition, the save, one log row (from, to, who, when, why); what follows it
(notifications, documents) runs once the transaction has committed.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed


class Machine:
    """One kind of record with a state machine: what the runner needs to know of it (the class attributes) and
    what it does around a transition (the methods, which do nothing unless a subclass says otherwise)."""

    states: Any  # the states module: TRANSITION_LABELS (code → label; other codes are unknown), REASON_REQUIRED
    refused: Callable[..., Exception]  # raised as refused(message, code=code)
    log_model: Any  # transition, from_state, to_state, by, at, reason and a foreign key to the record

    def conflict_message(self, record) -> str:
        """Someone else changed the record meanwhile; `record` has been read again."""
        return _("该申请刚刚已被他人处理（当前状态：%(state)s），请刷新页面后查看。") % {"state": record.state_label}

    def condition_message(self, record, transition: str, label) -> str:
        """Why a condition of `transition` is not met, in words the user can act on."""
        raise NotImplementedError

    def prepare(self, record, transition: str) -> None:
        """Before the conditions are asked: set what they read."""

    def stamp(self, record, transition: str, by, now) -> None:
        """After the transition, before the save: the record's own timestamps."""

    def notify(self, record, log) -> None:
        """Once the transaction has committed: tell whoever should know."""

    def log_link(self, record) -> str:
        """The name of the log model's foreign key to `record`'s model."""
        return next(
            field.name
            for field in self.log_model._meta.concrete_fields
            if field.is_relation and field.related_model is type(record)
        )


def may_take(instance, transition: str, user) -> bool:
    """Whether `user`'s role allows `transition` from the current state, whatever its conditions say.

    django-fsm's has_transition_perm() is also false when a condition fails, which would tell a user
    "no permission" when the truth is "not yet"; the permission alone is asked here.
    """
    method = getattr(instance, transition, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None or user is None:
        return False
    return bool(meta.has_transition_perm(instance, instance.state, user))


def transition_run(
    *,
    machine: Machine,
    instance,
    transition: str,
    by,
    reason: str = "",
    check_permission: bool = True,
    log_fields: Mapping[str, Any] | None = None,
    rule_problem: Callable[[], str | None] | None = None,
):
    """Take `transition` on `instance` as `by` (None = the system); return the log row written.

    `rule_problem()` runs under the transaction, before the transition, and refuses with its message;
    `log_fields` are the log model's own columns. Raises `machine.refused(message, code=...)` with a message
    the user can read; nothing is changed then.
    """
    refused, labels = machine.refused, machine.states.TRANSITION_LABELS
    method = getattr(instance, transition, None)
    if transition not in labels or method is None:
        raise refused(_("未知的操作。"), code="unknown")
    label = labels[transition]
    reason = (reason or "").strip()
    if transition in machine.states.REASON_REQUIRED and not reason:
        raise refused(_("“%(action)s”必须填写理由。") % {"action": label}, code="reason_required")
    if not can_proceed(method, check_conditions=False):
        raise refused(
            _("当前状态（%(state)s）下不能执行“%(action)s”。") % {"state": instance.state_label, "action": label},
            code="wrong_state",
        )
    if check_permission and not may_take(instance, transition, by):
        raise refused(_("您没有权限执行“%(action)s”。") % {"action": label}, code="forbidden")
    machine.prepare(instance, transition)
    if not can_proceed(method):
        raise refused(machine.condition_message(instance, transition, label), code="condition")

    change = {machine.log_link(instance): instance, "transition": transition, "from_state": instance.state}
    try:
        with transaction.atomic():
            problem = rule_problem() if rule_problem is not None else None
            if problem:
                raise refused(problem, code="rule")
            method()
            now = timezone.now()
            machine.stamp(instance, transition, by, now)
            instance.save()
            change["to_state"] = instance.state
            log = machine.log_model.objects.create(**change, by=by, at=now, reason=reason, **(log_fields or {}))
            transaction.on_commit(lambda: machine.notify(instance, log))
    except ConcurrentTransition:
        instance.refresh_from_db()
        raise refused(machine.conflict_message(instance), code="conflict") from None
    return log
