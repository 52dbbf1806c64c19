"""Telling a certified talent and the employer, in time, that the recognition ends: 60 days ahead, once."""

import datetime as dt
import logging
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from applications import access
from applications import states as s
from applications.models import Application
from applications.services import PortalRefused, same_person_q
from benefits import clock
from benefits import states as rs
from benefits.models import EmploymentEnd, ExpiryReminder, ServiceMaterial, ServiceRequest, ServiceRequestLog
from certificates.selectors import current_certificate
from regulations.reference import material_name
from regulations.text import enumeration
from talentportal.fsm import Machine, transition_run

logger = logging.getLogger(__name__)

REMINDER_DAYS_AHEAD = 60


def _holder_side(application: Application) -> list:
    """Who holds the recognition: the employer's users and the talent (an account, or the address given)."""
    from notifications.rules import employer_users, talent_recipients

    people = [*employer_users(application), *talent_recipients(application)]
    known = {getattr(p, "email", "") or getattr(getattr(p, "user", None), "email", "") for p in people}
    if application.email and application.email not in known:
        people.append(application.email)  # Beihai: the talent's own address, who may have no account
    return people


# Stored untranslated in the notification and translated when read, in the reader's language.
EXPIRY_EVENT = gettext_noop("认定即将到期")
EXPIRY_LINE = gettext_noop("证书编号%(number)s，有效期至%(date)s，届时相关待遇随之停止。")


EMPLOYMENT_END_EVENT = gettext_noop("人才待遇自%(date)s起停止")
EMPLOYMENT_END_LINE = gettext_noop(
    "%(org)s报告，发生日期%(date)s；依照南宁办法第十一条第二款，自该日起不再享受相关人才政策待遇。"
)
REQUEST_EVENT = gettext_noop("待遇申请%(ref)s：%(title)s")
REQUEST_STATE_LINE = gettext_noop("待遇申请状态：%(state)s")


def _renewal_msgid(application: Application) -> str:
    """The regulation's renewal rule (its policy's), untranslated: notifications translate it when read."""
    return application.policy.renewal_rule


def renewal_text(application: Application) -> str:
    return _(_renewal_msgid(application))


def expiry_reminders_send(*, today: dt.date | None = None) -> list[str]:
    """The scheduled job: certificates in force whose validity ends within REMINDER_DAYS_AHEAD days.

    Idempotent: a certificate version is reminded once (a reissued version with a new end date again).
    Returns the certificate numbers reminded.
    """
    today = today or clock.today()
    horizon = today + dt.timedelta(days=REMINDER_DAYS_AHEAD)
    reminded = []
    candidates = (
        Application.objects.filter(state=s.CERTIFIED, certificates__valid_until__range=(today, horizon))
        .distinct()
        .order_by("pk")
    )
    for application in candidates:
        certificate = current_certificate(application)
        if certificate is None or not (today <= certificate.valid_until <= horizon):
            continue
        if ExpiryReminder.objects.filter(certificate=certificate).exists():
            continue
        reminded.append(expiry_reminder_send(application=application, certificate=certificate))
    return reminded


@transaction.atomic
def expiry_reminder_send(*, application: Application, certificate) -> str:
    from notifications.services import notification_send

    sent = notification_send(
        recipients=_holder_side(application),
        kind="benefit-expiry",
        application=application,
        context={
            "state": "",
            "event": [EXPIRY_EVENT, {}],
            "lines": [
                [EXPIRY_LINE, {"number": certificate.number, "date": certificate.valid_until.isoformat()}],
                [_renewal_msgid(application), {}],
            ],
        },
    )
    ExpiryReminder.objects.create(
        certificate=certificate, valid_until=certificate.valid_until, recipients=[n.address for n in sent]
    )
    return certificate.number


def may_report_employment_end(user, application: Application) -> bool:
    """The employer that holds the recognition reports its end, where the regulation asks it (Nanning Art. 11 ¶2)."""
    return (
        application.policy.employment_end_reported
        and application.state == s.CERTIFIED
        and access.is_employer_of(user, application)
    )


@transaction.atomic
def employment_end_report(
    *, application: Application, reason: str, effective_on: dt.date, note: str = "", by
) -> EmploymentEnd:
    if not may_report_employment_end(by, application):
        raise PortalRefused(_("只有持有该认定的用人单位可以报告合同期满、辞职或调离。"), code="forbidden")
    if EmploymentEnd.objects.filter(application=application).exists():
        raise PortalRefused(_("已报告过该人才的离职或调离，不能重复报告。"), code="duplicate")
    if reason not in EmploymentEnd.Reason.values:
        raise PortalRefused(_("请选择发生的情形。"), code="invalid")
    certificate = current_certificate(application)
    if certificate is not None and not (certificate.valid_from <= effective_on <= certificate.valid_until):
        raise PortalRefused(
            _("发生日期应在认定有效期内（%(start)s至%(end)s）。")
            % {"start": certificate.valid_from.isoformat(), "end": certificate.valid_until.isoformat()},
            code="invalid",
        )
    end = EmploymentEnd.objects.create(
        application=application, reason=reason, effective_on=effective_on, note=note.strip(), reported_by=by
    )
    from notifications.rules import talent_recipients
    from notifications.services import notification_send
    from regulations.policies import policy_for

    staff = User.objects.filter(groups__name__in=policy_for(application).reviewer_roles, is_active=True).distinct()
    notification_send(
        recipients=[*staff, *talent_recipients(application)],
        kind="benefit-employment-end",
        application=application,
        context={
            "state": "",
            "event": [EMPLOYMENT_END_EVENT, {"date": effective_on.isoformat()}],
            "lines": [
                [EmploymentEnd.REASON_MSGIDS[reason], {}],
                [EMPLOYMENT_END_LINE, {"org": application.organisation.name, "date": effective_on.isoformat()}],
            ],
        },
    )
    logger.info("Employment end reported for %s by %s", application.reference, by.pk)
    return end


# ---- service requests: a benefit asked for, decided by the benefit's reviewer role ----


class ServiceRefused(PortalRefused):
    """A service-request action refused; `messages` are translated lines safe to show."""


def _recognition_problem(application: Application, benefit, *, today: dt.date) -> str | None:
    from benefits.selectors import benefits_stopped
    from certificates.selectors import VALID, certificate_status

    certificate = current_certificate(application)
    if certificate is None or certificate_status(certificate, today=today) != VALID:
        return _("只有有效期内的认定可以申请相关待遇。")
    if benefits_stopped(application, today=today):
        return _("用人单位已报告合同期满、辞职或调离，该认定不再享受相关待遇（南宁办法第十一条第二款）。")
    if benefit.regulation.code != application.regulation_code or not benefit.requestable:
        return _("该待遇不能在本平台申请。")
    if not benefit.applies_to_tier(certificate.tier):
        return _("该待遇只适用于%(tiers)s类人才。") % {"tiers": enumeration(benefit.tiers)}
    return None


def _window_problem(benefit, *, today: dt.date) -> str | None:
    window = benefit.window_for(today.year)
    if window and not (window[0] <= today <= window[1]):
        return _("“%(title)s”每年%(first)s至%(last)s受理，今天不在受理期内。") % {
            "title": benefit.title,
            "first": window[0].strftime("%m-%d"),
            "last": window[1].strftime("%m-%d"),
        }
    return None


def _once_per_person_problem(request: ServiceRequest) -> str | None:
    """Nanning Art. 13 (就高不重复): a benefit given once per person is not given again under a later recognition."""
    if not request.benefit.once_per_person:
        return None
    others = (
        ServiceRequest.objects.filter(same_person_q(request.application, via="application__"), benefit=request.benefit)
        .filter(state__in=rs.GRANTED | {rs.SUBMITTED})
        .exclude(pk=request.pk)
    )
    if others.exists():
        return _("该人才已申请或已享受“%(title)s”，按“就高不重复”原则不能重复申请（办法第十三条）。") % {
            "title": request.benefit.title
        }
    return None


def _new_reference(today: dt.date) -> str:
    import secrets

    return f"SR-{today:%Y%m%d}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def service_request_start(*, application: Application, benefit, by, today: dt.date | None = None) -> ServiceRequest:
    """A draft request for `benefit`; the open one of this year is returned instead of a second."""
    from benefits import permissions as perms

    today = today or clock.today()
    problem = _recognition_problem(application, benefit, today=today)
    if problem:
        raise ServiceRefused(problem, code="not_available")
    probe = ServiceRequest(application=application, benefit=benefit)
    if not perms.requester_side(probe, by):
        raise ServiceRefused(_("只有该认定的用人单位或人才本人可以申请。"), code="forbidden")
    existing = ServiceRequest.objects.filter(
        application=application, benefit=benefit, year=today.year, state__in=rs.OPEN
    ).first()
    if existing:
        return existing
    request = ServiceRequest(application=application, benefit=benefit, year=today.year, created_by=by)
    problem = _once_per_person_problem(request)
    if problem:
        raise ServiceRefused(problem, code="duplicate")
    request.reference = _new_reference(today)
    request.save()
    return request


@transaction.atomic
def service_request_update(*, request: ServiceRequest, other_policy: str, by) -> ServiceRequest:
    from benefits import permissions as perms

    if not (request.is_editable and perms.requester_side(request, by)):
        raise ServiceRefused(_("该申请当前不能修改。"), code="not_editable")
    request.other_policy = (other_policy or "").strip()
    request.save()
    return request


MAX_FILES_PER_REQUEST = 10


@transaction.atomic
def service_material_upload(*, request: ServiceRequest, material_code: str, uploaded, by) -> ServiceMaterial:
    from applications.uploads import upload_keep
    from benefits import permissions as perms

    if not (request.is_editable and perms.requester_side(request, by)):
        raise ServiceRefused(_("该申请当前不能上传材料。"), code="not_editable")
    if not request.benefit.request_materials.filter(code=material_code).exists():
        raise ServiceRefused(_("该待遇不需要这种材料。"), code="unknown_material")
    return upload_keep(
        material=ServiceMaterial(request=request, material_code=material_code, uploaded_by=by),
        uploaded=uploaded,
        replaces=request.materials.filter(material_code=material_code),
    )


def _quota_problem(request: ServiceRequest) -> str | None:
    """Nanning Art. 10: the yearly number of FTZ talent cards is set each year; never exceeded."""
    from regulations.models import Benefit, BenefitQuota

    benefit = request.benefit
    if not benefit.has_yearly_quota:
        return None
    Benefit.objects.select_for_update().get(pk=benefit.pk)  # approvals of one benefit queue here
    quota = BenefitQuota.objects.filter(benefit=benefit, year=request.year).first()
    if quota is None:
        return _("%(year)d年度“%(title)s”的数量尚未核定，请先在管理后台设置年度数量。") % {
            "year": request.year,
            "title": benefit.title,
        }
    granted = ServiceRequest.objects.filter(benefit=benefit, year=request.year, state__in=rs.GRANTED).count()
    if granted >= quota.quota:
        return _("%(year)d年度“%(title)s”的%(quota)d个名额已用完。") % {
            "year": request.year,
            "title": benefit.title,
            "quota": quota.quota,
        }
    return None


def _business_problem(request: ServiceRequest, transition: str, *, today: dt.date) -> str | None:
    if transition == rs.T_SUBMIT:
        return (
            _recognition_problem(request.application, request.benefit, today=today)
            or _window_problem(request.benefit, today=today)
            or _once_per_person_problem(request)
        )
    if transition == rs.T_APPROVE:
        return _once_per_person_problem(request) or _quota_problem(request)
    if transition == rs.T_FORWARD and not request.benefit.forward_by:
        return _("该待遇不需要转送。")
    return None


class ServiceRequestMachine(Machine):
    states = rs
    refused = ServiceRefused
    log_model = ServiceRequestLog

    def conflict_message(self, request):
        return _("该服务申请刚刚已被他人处理（当前状态：%(state)s），请刷新页面后查看。") % {
            "state": request.state_label
        }

    def condition_message(self, request, transition, label):
        missing = request.missing_material_codes()
        if missing:
            return _("还缺少以下材料：%(list)s。") % {"list": enumeration(material_name(code) for code in missing)}
        return _("请先填写子女入学申请表（至少一名子女）。")

    def prepare(self, request, transition):
        """附件3: the request carries the latest child-enrolment form, whose children the submission needs."""
        if transition == rs.T_SUBMIT and request.benefit.request_form == "child-enrolment":
            request.child_enrolment = request.application.child_enrolment_requests.order_by("-created_at").first()

    def stamp(self, request, transition, by, now):
        if transition == rs.T_SUBMIT:
            request.submitted_at = now
        elif transition in (rs.T_APPROVE, rs.T_REFUSE, rs.T_RETURN):
            request.decided_at, request.decided_by = now, by
        elif transition == rs.T_FORWARD:
            request.forwarded_at = now

    def notify(self, request, log):
        _tell_about(request, log.transition, log.reason, state=log.to_state)
        if log.transition == rs.T_APPROVE and request.child_enrolment_id:
            service_request_stamp(request=request)


MACHINE = ServiceRequestMachine()


def service_request_transition(
    *, request: ServiceRequest, transition: str, by, reason: str = "", today: dt.date | None = None
) -> ServiceRequest:
    """Take `transition` on `request` as `by`: the checks and refusals of talentportal.fsm, and the benefit's own
    rules under the transaction; the decision's timestamps are kept; the other side is told once committed."""
    today = today or clock.today()
    problem = partial(_business_problem, request, transition, today=today)
    transition_run(machine=MACHINE, instance=request, transition=transition, by=by, reason=reason, rule_problem=problem)
    return request


def service_request_stamp(*, request: ServiceRequest) -> None:
    """Keep the approved 附件3 form with SciTech's opinion filled in: the stamped PDF the employer downloads."""
    from django.core.files.base import ContentFile

    from certificates.documents import child_enrolment_pdf

    content = child_enrolment_pdf(request.child_enrolment, service_request=request)
    request.stamped_pdf.save(f"{request.reference}.pdf", ContentFile(content), save=False)
    request.save(update_fields=["stamped_pdf"])


def _tell_about(request: ServiceRequest, transition: str, reason: str, *, state: str) -> None:
    """Submissions go to the benefit's reviewers; decisions go back to the requesting side."""
    from notifications.services import notification_send

    application = request.application
    if transition == rs.T_SUBMIT:
        recipients = list(User.objects.filter(groups__name=request.benefit.reviewer_role, is_active=True))
        link = reverse("benefits:staff_request", args=[request.pk])
    else:
        recipients = _holder_side(application)
        link = reverse("benefits:request", args=[request.pk])
    lines = [[REQUEST_STATE_LINE, {"state": [rs.STATE_MSGIDS[state]]}]]
    notification_send(
        recipients=recipients,
        kind=f"benefit-request-{transition.replace('_', '-')}",
        application=application,
        link=link,
        context={
            "state": "",
            "reason": reason,
            "event": [
                REQUEST_EVENT,
                {"ref": request.reference, "title": {"zh": request.benefit.title_zh, "en": request.benefit.title_en}},
            ],
            "lines": lines,
        },
    )
