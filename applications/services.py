"""Actions on applications. Every state change goes through `application_transition`."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import access
from applications import states as s
from applications.models import Application, Receipt, TransitionLog
from applications.signals import transition_committed
from regulations import reference
from regulations.reference import material_name
from regulations.text import enumeration
from talentportal.fsm import Machine, transition_run
from talentportal.related import prefetched


class TransitionRefused(Exception):
    """A transition the user may not take now; `message` is translated and safe to show."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class TransitionResult:
    application: Application
    log: TransitionLog
    receipt: Receipt | None = None


def role_for_log(user, application) -> str:
    if user is None:
        return "system"
    codes = sorted(user.role_codes())
    return ",".join(codes)[:60]


def application_transition(
    *,
    application: Application,
    transition: str,
    by,
    reason: str = "",
    comment: str = "",
    visible_to_applicant: bool = True,
    check_permission: bool = True,
) -> TransitionResult:
    """Take `transition` on `application` as `by` (None = the system), atomically, with a log row.

    Raises TransitionRefused with a message the user can read when the state, the conditions,
    the user's role or a concurrent change forbid it (the checks and their codes: talentportal.fsm).
    """
    log = transition_run(
        machine=MACHINE,
        instance=application,
        transition=transition,
        by=by,
        log_fields={
            "by_role": role_for_log(by, application),
            "comment": (comment or "").strip(),
            "visible_to_applicant": visible_to_applicant,
        },
        reason=reason,
        check_permission=check_permission,
    )
    return TransitionResult(application=application, log=log)


def _unmet_condition_message(application: Application, transition: str, label) -> str:
    missing = application.missing_material_codes()
    if missing and transition in (s.T_SUBMIT, s.T_RESUBMIT, s.T_ACCEPT, s.T_FORWARD, s.T_EMPLOYER_RECOMMEND):
        return _("缺少必需的材料：%(list)s。") % {"list": enumeration(material_name(code) for code in missing)}
    if transition == s.T_RETURN and application.acceptance_deemed:
        return _(
            "该申请自%(date)s起视为受理：收到申请之日起%(days)s个工作日内未告知补正（《行政许可法》第三十二条），"
            "不能再退回补正。请继续审查，不符合条件的，说明理由不予认定。"
        ) % {
            "date": application.received_on.isoformat() if application.received_on else "",
            "days": application.regulation_version.acceptance_decision_working_days,
        }
    if transition == s.T_DEEM_ACCEPTED:
        return _("受理决定期限尚未届满，或已作出受理决定。")
    if transition == s.T_FINISH_CONSULTATION:
        return _("还有部门尚未反馈意见，全部反馈后才能报审批。")
    if transition == s.T_CLOSE_NOTICE:
        return _("公示期尚未结束，或仍有未处理或成立的异议。")
    return _("“%(action)s”的条件尚未满足。") % {"action": label}


class ApplicationMachine(Machine):
    states = s
    refused = TransitionRefused
    log_model = TransitionLog
    condition_message = staticmethod(_unmet_condition_message)

    def notify(self, application, log):
        """Whoever listens (notifications: everyone who must act or should know) is told."""
        transition_committed.send(sender=Application, log_id=log.pk)


MACHINE = ApplicationMachine()


# ---------------------------------------------------------------------------------------------------------
# The portal's actions: creating and filling a draft, uploading materials, submitting, the employer's say.
# ---------------------------------------------------------------------------------------------------------


class PortalRefused(Exception):
    """An action the portal refuses; `messages` are translated lines safe to show (one reason per line)."""

    def __init__(self, *messages: str, code: str):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        self.code = code


def _today():
    return timezone.localdate()


def version_for_new_application(*, regulation_code: str):
    """The version in force today, or PortalRefused naming the end date of the last one."""
    from regulations.models import RegulationVersion
    from regulations.selectors import version_in_force

    version = version_in_force(regulation_code=regulation_code, on=_today())
    if version is not None:
        return version
    last = (
        RegulationVersion.objects.filter(regulation__code=regulation_code, effective_from__lte=_today())
        .order_by("-effective_from")
        .first()
    )
    if last is not None and last.effective_until:
        raise PortalRefused(
            _("《%(title)s》已于%(date)s失效，目前没有有效的认定办法，暂不受理申请。")
            % {"title": last.title, "date": last.effective_until.isoformat()},
            code="version_expired",
        )
    raise PortalRefused(_("目前没有施行中的认定办法，暂不受理申请。"), code="no_version")


def nanning_employer_problem(organisation) -> str | None:
    """Nanning Art. 4: the employer must be registered in the Nanning Area of the FTZ."""
    if not organisation.in_nanning_ftz:
        return _("%(name)s未登记为在中国（广西）自由贸易试验区南宁片区注册的单位，不能作为南宁片区认定的工作单位。") % {
            "name": organisation.name
        }
    if not organisation.is_verified:
        return _("该单位的营业执照尚未经工作人员核验，暂不能受理申请。请联系单位。")
    return None


def application_create(*, regulation_code: str, by, organisation=None) -> Application:
    """Beihai: the employer opens a file for its foreign employee. Nanning: the talent opens their own."""
    from accounts import roles
    from regulations.policies import policy_or_none

    policy = policy_or_none(regulation_code)
    if policy is None:
        raise PortalRefused(_("未知的认定办法。"), code="unknown")
    version = version_for_new_application(regulation_code=regulation_code)
    if policy.applicant_role == roles.EMPLOYER:
        if not (by.organisation_id and by.has_role(roles.EMPLOYER)):
            raise PortalRefused(
                _("%(name)s认定由用人单位申请，请使用单位账户。") % {"name": policy.name}, code="forbidden"
            )
        application = Application(
            regulation_version=version,
            organisation=by.organisation,
            created_by=by,
            unit_contact_name=by.organisation.contact_person,
            unit_contact_phone=by.organisation.contact_phone,
        )
    else:
        if not by.has_role(roles.TALENT):
            raise PortalRefused(
                _("%(name)s认定由人才本人申请，请使用人才账户。") % {"name": policy.name}, code="forbidden"
            )
        if organisation is None:
            raise PortalRefused(_("请选择您的工作单位。"), code="organisation")
        problem = nanning_employer_problem(organisation)
        if problem:
            raise PortalRefused(problem, code="organisation")
        application = Application(
            regulation_version=version,
            organisation=organisation,
            created_by=by,
            talent=by,
            talent_email=by.email,
            full_name=by.full_name,
            email=by.email,
            phone=by.phone,
            employer_address=organisation.address,
        )
    application.save()
    return application


def application_link_talent_accounts(*, user) -> int:
    """Link Beihai files naming `user`'s address to the account, once that address is verified."""
    from accounts import roles
    from regulations.policies import all_policies

    if not user.email_verified_at or not user.has_role(roles.TALENT):
        return 0
    linked = 0
    # Where the employer applies, the talent is named by address and linked once the address is verified.
    employer_applies = [p.code for p in all_policies() if p.applicant_role == roles.EMPLOYER]
    for application in Application.objects.filter(
        regulation_code__in=employer_applies, talent__isnull=True, talent_email__iexact=user.email
    ):
        application.talent = user
        application.save()
        linked += 1
    return linked


def _link_talent_if_verified(application: Application) -> None:
    from accounts import roles
    from accounts.models import User

    if application.policy.applicant_role != roles.EMPLOYER:
        return
    if not application.talent_email:
        application.talent = None
        return
    if application.talent_id and application.talent.email.lower() == application.talent_email.lower():
        return
    application.talent = User.objects.filter(
        email__iexact=application.talent_email, email_verified_at__isnull=False, groups__name=roles.TALENT
    ).first()


def judged_on(application: Application):
    """The day a file is judged on: the day it was first received (it keeps that day's version for life, a
    resubmission after correction included), or today for a draft never submitted."""
    if application.pk and application.state != s.DRAFT:
        receipts = prefetched(application, "receipts")
        if receipts is not None:
            first = min(receipts, key=lambda r: (r.received_at, r.pk), default=None)
        else:
            first = application.receipts.order_by("received_at", "id").first()
        if first is not None:
            return first.received_on
        if application.submitted_at:
            return timezone.localdate(application.submitted_at)
    return _today()


def application_evaluate(*, application: Application, language: str | None = None) -> dict:
    """Ask the eligibility engine about `application`'s facts; keep the answer in `eligibility`."""
    from django.utils.translation import get_language

    from regulations.eligibility import evaluate
    from regulations.facts import FactsError

    try:
        answer = evaluate(
            application.policy.facts_for(application, as_of=judged_on(application)),
            language=language or get_language() or "zh-hans",
            consult_register=True,
        )
    except FactsError as error:
        answer = {"eligible": False, "matched": [], "reasons": [str(error)], "facts_error": True}
    application.eligibility = answer
    return answer


def plausible_criterion_codes(application: Application) -> list[str]:
    """The criteria the form offers: what the engine matched, and the case-by-case route (Nanning Art. 8)
    when no explicit standard fits — but only within the regulation's scope (Art. 5: FTZ employer, full-time,
    not civil service, basic conditions attested) and its time limit (Art. 14), which still apply."""
    eligibility = application.eligibility or {}
    codes = list(eligibility.get("matched") or [])
    if eligibility.get("in_scope"):
        codes += [code for code in application.policy.case_by_case_criteria if code not in codes]
    return codes


@transaction.atomic
def application_save_draft(*, application: Application, fields: dict, facts: dict, by, raw: dict | None = None):
    """Store what the applicant typed; `raw` is the unvalidated form kept when some of it did not validate."""

    if not access.can_edit(by, application):
        raise PortalRefused(_("该申请当前不能修改。"), code="not_editable")
    for name, value in fields.items():
        setattr(application, name, value)
    application.facts = {**(application.facts or {}), **facts}
    application.form_data = raw or {}
    _link_talent_if_verified(application)
    application_evaluate(application=application)
    if application.criterion_id and application.criterion.code not in plausible_criterion_codes(application):
        # The facts changed so that the claimed criterion no longer fits; the applicant chooses again.
        application.criterion = None
    application.save()
    return application


@transaction.atomic
def material_upload(*, application: Application, material_code: str, uploaded, by):
    """Check and keep an upload; the previous file of that kind stays in history, no longer current."""
    from applications.models import Material
    from applications.uploads import upload_keep

    if not access.can_edit(by, application):
        raise PortalRefused(_("该申请当前不能上传材料。"), code="not_editable")
    if material_code not in application.uploadable_material_codes():
        raise PortalRefused(_("该申请不需要这项材料，未保存。"), code="unknown_material")
    return upload_keep(
        material=Material(application=application, material_code=material_code, uploaded_by=by),
        uploaded=uploaded,
        replaces=application.materials.filter(material_code=material_code),
    )


@transaction.atomic
def material_remove(*, material, by) -> None:

    if not access.can_edit(by, material.application):
        raise PortalRefused(_("该申请当前不能修改材料。"), code="not_editable")
    material.is_current = False
    material.save()


def same_person_q(application: Application, *, via: str = ""):
    """Applications (or rows reached through `via`, e.g. "application__") of the same person: the talent's
    account, or the same document number."""
    from django.db.models import Q

    same = Q(**{f"{via}talent_id": application.talent_id}) if application.talent_id else Q(pk__in=[])
    if application.document_number:
        same |= Q(**{f"{via}document_number": application.document_number})
    return same


def recognition_in_force(application: Application) -> Application | None:
    """The same person's certified recognition under the same regulation, if one is in force."""
    return (
        Application.objects.filter(
            same_person_q(application), regulation_code=application.regulation_code, state=s.CERTIFIED
        )
        .exclude(pk=application.pk)
        .order_by("-decided_at", "-pk")
        .first()
    )


def _upgrade_problem(application: Application) -> str | None:
    """Nanning Art. 11: during a recognition's validity only a higher tier may be applied for."""
    from regulations.policies.vocabularies import Tier

    policy = application.policy
    if not policy.has_tiers or not application.criterion_id or policy.is_case_by_case(application):
        return None  # a case-by-case tier is checked when the leadership group decides it
    current = recognition_in_force(application)
    if current is None:
        return None
    if Tier.rank(application.criterion.tier) <= Tier.rank(current.tier):
        return _("您已有%(ref)s认定的%(tier)s类急需紧缺人才，有效期内只能申请更高类别的认定（办法第十一条）。") % {
            "ref": current.reference,
            "tier": current.tier,
        }
    return None


def version_ended_notice(application: Application) -> str:
    """What the applicant is told once the file's regulation version has ended (spec §1), or "".

    A file keeps the version of its submission for life: one in review, or returned for correction, goes on
    under it. A draft was never submitted, so it cannot be submitted under an ended version.
    """
    from regulations.selectors import version_in_force

    version = application.regulation_version
    today = _today()
    if version.in_force_on(today) or application.state not in {s.DRAFT, s.RETURNED} | s.IN_REVIEW_STATES:
        return ""
    names = {"title": version.title, "date": version.effective_until.isoformat() if version.effective_until else ""}
    if application.state != s.DRAFT:
        names["submitted"] = judged_on(application).isoformat()
        if application.state == s.RETURNED:
            return (
                _("《%(title)s》已于%(date)s失效。本申请于%(submitted)s按该版本提交，补正后重新提交仍按该版本审查。")
                % names
            )
        return _("《%(title)s》已于%(date)s失效。本申请于%(submitted)s按该版本提交，继续按该版本办结。") % names
    successor = version_in_force(regulation_code=application.regulation_code, on=today)
    if successor is not None and successor.pk != version.pk:
        return _("《%(title)s》已于%(date)s失效，不能再按该版本提交申请。请按现行的《%(new)s》新建申请。") % {
            **names,
            "new": successor.title,
        }
    return _("《%(title)s》已于%(date)s失效，不能再按该版本提交申请。") % names


def identity_problem_lines(application: Application) -> list[str]:
    """The application's identity data checked by accounts.identity, one translated line per bad field."""
    from accounts import identity

    found = identity.identity_problems(
        document_type=application.document_type,
        document_number=application.document_number,
        nationality=application.nationality,
        birth_date=application.birth_date,
        sex=application.sex,
    )
    return [
        _("%(field)s：%(problem)s") % {"field": Application._meta.get_field(name).verbose_name, "problem": problem}
        for name, problem in sorted(found.items())
    ]


def submission_problems(application: Application) -> list[str]:
    """Every reason `application` cannot be submitted now, one translated line each (empty = ready)."""
    from regulations.selectors import disqualification_for

    problems = []
    if application.state == s.DRAFT and not application.regulation_version.in_force_on(_today()):
        problems.append(version_ended_notice(application))
    missing_fields = application.policy.missing_required(application)
    if missing_fields:
        problems.append(_("以下必填项尚未填写：%(list)s。") % {"list": enumeration(missing_fields)})
    problems.extend(identity_problem_lines(application))
    if application.document_number:
        barred = disqualification_for(
            regulation_code=application.regulation_code, document_number=application.document_number
        )
        if barred:
            problems.append(
                _("证件号码为%(number)s的人员已被取消认定资格，不再受理其申请。")
                % {"number": application.document_number}
            )
    if not application.organisation.is_verified:
        problems.append(
            _("用人单位“%(name)s”的营业执照尚未经工作人员核验，核验通过后才能提交。")
            % {"name": application.organisation.name}
        )
    upgrade_problem = _upgrade_problem(application)
    if upgrade_problem:
        problems.append(upgrade_problem)
    eligibility = application.eligibility or {}
    if not application.criterion_id:
        problems.append(_("请选择申请人符合的认定条件。"))
    elif application.criterion.code not in plausible_criterion_codes(application):
        problems.append(_("根据填写的情况，申请人不符合所选的认定条件，请核对或另选条件。"))
    apply_by = eligibility.get("apply_by")
    if application.state == s.DRAFT and apply_by and apply_by < _today().isoformat():
        problems.append(
            _("申报期限已于%(date)s届满（须在符合认定条件之日起规定期限内申报），逾期不予受理。") % {"date": apply_by}
        )
    if application.criterion_id:
        missing = application.missing_material_codes()
        if missing:
            problems.append(
                _("缺少必需的材料：%(list)s。") % {"list": enumeration(material_name(code) for code in missing)}
            )
    return problems


def application_submit(*, application: Application, by, pledge_name: str) -> TransitionResult:
    """Submit (or resubmit after correction) with the applicant's pledge; refused with every reason."""

    if not access.can_edit(by, application):
        raise PortalRefused(_("该申请当前不能提交。"), code="not_editable")
    application_evaluate(application=application)
    problems = submission_problems(application)
    if not (pledge_name or "").strip():
        problems.append(_("请签名确认申请人承诺。"))
    if problems:
        application.save()
        raise PortalRefused(*problems, code="incomplete")
    transition = s.T_RESUBMIT if application.state == s.RETURNED else s.T_SUBMIT
    with transaction.atomic():
        application.pledge_name = pledge_name.strip()
        application.pledge_signed_at = timezone.now()
        application.submitted_at = timezone.now()
        application.form_data = {}
        if application.policy.has_tiers:
            # A higher tier during validity replaces the earlier recognition once its certificate is issued.
            application.upgrade_of = recognition_in_force(application)
        result = application_transition(application=application, transition=transition, by=by)
        receipt = receipt_issue(application=application, log=result.log, by=by)
    return TransitionResult(application=result.application, log=result.log, receipt=receipt)


# ---------------------------------------------------------------------------------------------------------
# The receipt (回执): the clock runs from receipt (Beihai Art. 5 read with 行政许可法 Art. 32).
# ---------------------------------------------------------------------------------------------------------


def acceptance_deadline(*, version, received_on) -> tuple:
    """(due date, reason it cannot be computed) of the acceptance decision for a file received on
    `received_on`: the version's acceptance period in working days, or (None, "") where it sets none."""
    from regulations.calendar import CalendarNotLoaded, add_working_days

    days = version.acceptance_decision_working_days
    if days is None:
        return None, ""
    try:
        return add_working_days(received_on, days), ""
    except CalendarNotLoaded as exc:
        return None, exc.message


def _receipt_number(application: Application, received_on) -> str:
    prefix = f"{application.policy.reference_prefix}-R-{received_on:%Y%m%d}-"
    taken = Receipt.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


def _received_materials(application: Application) -> list[dict]:
    materials = list(application.materials.filter(is_current=True).order_by("material_code", "-uploaded_at"))
    types = reference.current().material_types
    return [
        {
            "code": m.material_code,
            "name_zh": types[m.material_code].name_zh if m.material_code in types else m.material_code,
            "name_en": types[m.material_code].name_en if m.material_code in types else m.material_code,
            "original_name": m.original_name,
            "sha256": m.sha256,
        }
        for m in materials
    ]


def receipt_issue(*, application: Application, log: TransitionLog, by) -> Receipt:
    """Number and keep the receipt of the submission `log` records; start the acceptance clock."""
    from django.db import IntegrityError

    if log.transition not in s.RECEIPT_TRANSITIONS:
        raise ValueError(f"{log.transition} does not hand the file to a receiving office")

    received_on = timezone.localdate(log.at)
    due_on, unknown_reason = acceptance_deadline(version=application.regulation_version, received_on=received_on)
    receipt = Receipt(
        application=application,
        transition=log.transition,
        received_at=log.at,
        received_on=received_on,
        submitted_by=by,
        acceptance_due_on=due_on,
        acceptance_due_unknown_reason=unknown_reason,
        materials=_received_materials(application),
    )
    for _attempt in range(5):
        receipt.number = _receipt_number(application, received_on)
        try:
            with transaction.atomic():
                receipt.save()
            break
        except IntegrityError:  # another receipt took the number at the same moment; take the next one
            receipt.pk = None
    else:
        raise TransitionRefused(_("回执编号生成冲突，请稍后重试。"), code="conflict")
    application.received_on = received_on
    application.acceptance_due_on = due_on
    application.acceptance_deemed = False
    application.accepted_on = None
    application.due_on = None
    application.due_unknown_reason = unknown_reason
    application.save()
    return receipt


def application_withdraw(*, application: Application, by, reason: str) -> TransitionResult:
    """The applicant side withdraws the file, saying why; the reason stays in the transition log."""
    return application_transition(application=application, transition=s.T_WITHDRAW, by=by, reason=reason)


def application_employer_decide(*, application: Application, by, recommend: bool, opinion: str) -> TransitionResult:
    """Nanning: the employer recommends the talent's file with its opinion, or returns it with reasons."""
    opinion = (opinion or "").strip()
    if recommend:
        if not opinion:
            raise TransitionRefused(_("请填写单位推荐意见。"), code="reason_required")
        with transaction.atomic():
            application.employer_attested_at = timezone.now()
            result = application_transition(
                application=application, transition=s.T_EMPLOYER_RECOMMEND, by=by, comment=opinion
            )
            receipt = receipt_issue(application=application, log=result.log, by=by)
        return TransitionResult(application=result.application, log=result.log, receipt=receipt)
    return application_transition(application=application, transition=s.T_EMPLOYER_RETURN, by=by, reason=opinion)
