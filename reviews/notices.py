"""The public notice and objections (Nanning Art. 7): anyone may object while a candidate is under notice, the
committee verifies and decides, and the notice closes when its period is over with no objection pending or
upheld (by staff, or by the scheduled job)."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import permissions as perms
from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused, application_transition
from notifications import rules, texts
from notifications.services import notification_send
from regulations.policies.vocabularies import ObjectionDecision
from reviews.models import UPHELD, Objection
from reviews.services import _decide_once, _record_result, _refuse

logger = logging.getLogger(__name__)


def notice_close(*, application: Application, by=None) -> Application:
    """End the notice: recognised when the period is over and no objection is pending or upheld."""
    with transaction.atomic():
        application_transition(
            application=application, transition=s.T_CLOSE_NOTICE, by=by, check_permission=by is not None
        )
        application.decided_at = timezone.now()
        application.result_notified_on = timezone.localdate()
        application.save()
    return application


def notices_close_due() -> list[str]:
    """The scheduled job: close every notice whose period is over. Running it twice is harmless."""
    today = timezone.localdate()
    closed = []
    candidates = Application.objects.filter(state=s.PUBLIC_NOTICE, notice_ends_on__lt=today).order_by("pk")
    for application in candidates:
        if not application.notice_period_over_without_upheld_objection():
            continue  # an objection waits for the committee; the notice stays open until it is decided
        try:
            notice_close(application=application, by=None)
        except TransitionRefused as exc:
            logger.info("Notice of %s not closed: %s", application.reference, exc.message)
            continue
        closed.append(application.reference)
    return closed


def objection_file(*, application: Application, name: str, contact: str, reason: str, evidence=None) -> Objection:
    """Anyone may object while the candidate is under notice. `evidence` is a checked upload or None."""
    today = timezone.localdate()
    if application.state != s.PUBLIC_NOTICE or (application.notice_ends_on and today > application.notice_ends_on):
        _refuse(_("该人选不在公示期内，无法提出异议。"), "wrong_state")
    with transaction.atomic():
        objection = Objection(
            application=application, name=name.strip(), contact=contact.strip(), reason=reason.strip()
        )
        if evidence is not None:
            objection.evidence.save(evidence.random_name(), ContentFile(evidence.content), save=False)
            objection.evidence_name = evidence.original_name
            objection.evidence_content_type = evidence.content_type
            objection.evidence_size = evidence.size
        objection.save()
        _tell_objection_filed(objection)
    return objection


def _objector_address(objection: Objection) -> str:
    """The objector's contact, when it is an e-mail address (it may be a telephone number)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(objection.contact)
    except ValidationError:
        return ""
    return objection.contact


def _tell_objection_filed(objection: Objection) -> None:
    from django.utils.translation import get_language

    application = objection.application
    notification_send(
        recipients=[
            rules.Recipient(user=user, must_act=True)
            for user in rules.users_allowed(application, perms.nanning_committee)
        ],
        kind=texts.OBJECTION_FILED,
        application=application,
    )
    address = _objector_address(objection)
    if address:
        notification_send(
            recipients=[rules.Recipient(email=address, language=get_language() or "")],
            kind=texts.OBJECTION_RECEIVED,
            application=application,
            link=reverse("reviews:notices"),
            context={"name": ""},
        )


def objection_decide(*, objection: Objection, by, decision: str, reason: str) -> Objection:
    """The committee verifies and decides. An upheld objection affects the result: the file is refused."""
    application = objection.application
    if not perms.nanning_committee(application, by):
        _refuse(_("只有管委会（或人才工作领导小组）可以处理异议。"))
    if decision not in ObjectionDecision.values or decision == ObjectionDecision.PENDING:
        _refuse(_("请选择核实结论。"), "invalid")
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("请写明核实情况及理由。"), "reason_required")
    with transaction.atomic():
        locked = _decide_once(
            objection, by=by, already=_("该异议已经处理过。"), decision=decision, decision_reason=reason
        )
        if decision == UPHELD:
            application_transition(application=application, transition=s.T_REFUSE_AFTER_OBJECTION, by=by, reason=reason)
            _record_result(application)
        address = _objector_address(locked)
        if address:
            # In the language the objector wrote in, as recorded when the objection was received.
            filed = application.notifications.filter(email=address, kind=texts.OBJECTION_RECEIVED).first()
            notification_send(
                recipients=[rules.Recipient(email=address, language=filed.language if filed else "")],
                kind=texts.OBJECTION_DECIDED,
                application=application,
                link=reverse("reviews:notices"),
                context={"name": "", "outcome": f"objection:{decision}", "reason": reason},
            )
    return locked
