"""Taking one transition of a django-fsm state machine: one order of checks, one set of refusals, one log row.

Applications (applications.services.application_transition) and service requests
(benefits.services.service_request_transition) both run here. What differs between them is passed in: the
`Machine` (labels, the transitions that need a reason, the refusal class, the log model, the message for an
unmet condition) and, per call, hooks for the model's own rules, timestamps and who is told.

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

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed


@dataclass(frozen=True)
class Machine:
    """What the runner needs to know about one kind of record with a state machine."""

    labels: Mapping[str, Any]  # transition code → translatable label; a code not here is "unknown"
    reason_required: Collection[str]  # transitions that must carry a written reason
    refused: Callable[..., Exception]  # raised as refused(message, code=code)
    log_model: Any  # a model with transition, from_state, to_state, by, at and reason
    log_to: str  # the log model's foreign key to the record
    condition_message: Callable[[Any, str, Any], str]  # (record, transition, label) → why a condition fails


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
    prepare: Callable[[], None] | None = None,
    rule_problem: Callable[[], str | None] | None = None,
    stamp: Callable[[Any], None] | None = None,
    after_commit: Callable[[Any], None] | None = None,
):
    """Take `transition` on `instance` as `by` (None = the system); return the log row written.

    `prepare()` runs once the user may act, before the conditions are asked (it may set what they read);
    `rule_problem()` runs under the transaction, before the transition, and refuses with its message;
    `stamp(now)` sets the record's own timestamps after the transition, before the save;
    `after_commit(log)` runs once the transaction has committed. `log_fields` are the log model's own columns.
    Raises `machine.refused(message, code=...)` with a message the user can read.
    """
    refused = machine.refused
    method = getattr(instance, transition, None)
    if transition not in machine.labels or method is None:
        raise refused(_("未知的操作。"), code="unknown")
    label = machine.labels[transition]
    reason = (reason or "").strip()
    if transition in machine.reason_required and not reason:
        raise refused(_("“%(action)s”必须填写理由。") % {"action": label}, code="reason_required")
    if not can_proceed(method, check_conditions=False):
        raise refused(
            _("当前状态（%(state)s）下不能执行“%(action)s”。") % {"state": instance.state_label, "action": label},
            code="wrong_state",
        )
    if check_permission and not may_take(instance, transition, by):
        raise refused(_("您没有权限执行“%(action)s”。") % {"action": label}, code="forbidden")
    if prepare is not None:
        prepare()
    if not can_proceed(method):
        raise refused(machine.condition_message(instance, transition, label), code="condition")

    from_state = instance.state
    try:
        with transaction.atomic():
            problem = rule_problem() if rule_problem is not None else None
            if problem:
                raise refused(problem, code="rule")
            method()
            now = timezone.now()
            if stamp is not None:
                stamp(now)
            instance.save()
            log = machine.log_model.objects.create(
                **{machine.log_to: instance},
                transition=transition,
                from_state=from_state,
                to_state=instance.state,
                by=by,
                at=now,
                reason=reason,
                **(log_fields or {}),
            )
            if after_commit is not None:
                transaction.on_commit(lambda: after_commit(log))
    except ConcurrentTransition:
        instance.refresh_from_db()
        raise refused(
            _("该申请刚刚已被他人处理（当前状态：%(state)s），请刷新页面后查看。") % {"state": instance.state_label},
            code="conflict",
        ) from None
    return log
