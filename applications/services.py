"""Actions on applications. Every state change goes through `application_transition`."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from applications import states as s
from applications.models import Application, TransitionLog
from regulations.text import enumeration


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


def role_for_log(user, application) -> str:
    if user is None:
        return "system"
    codes = sorted(user.role_codes())
    return ",".join(codes)[:60]


def user_may_take(application: Application, transition: str, user) -> bool:
    """Whether `user`'s role allows `transition` from the current state, whatever its conditions say.

    django-fsm's has_transition_perm() is also false when a condition fails, which would tell a user
    "no permission" when the truth is "not yet"; the permission alone is asked here.
    """
    method = getattr(application, transition, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None or user is None:
        return False
    return bool(meta.has_transition_perm(application, application.state, user))


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
    the user's role or a concurrent change forbid it.
    """
    method = getattr(application, transition, None)
    if transition not in s.TRANSITION_LABELS or method is None:
        raise TransitionRefused(_("未知的操作。"), code="unknown")
    label = s.TRANSITION_LABELS[transition]
    reason = (reason or "").strip()
    if transition in s.REASON_REQUIRED and not reason:
        raise TransitionRefused(_("“%(action)s”必须填写理由。") % {"action": label}, code="reason_required")
    if not can_proceed(method, check_conditions=False):
        raise TransitionRefused(
            _("当前状态（%(state)s）下不能执行“%(action)s”。") % {"state": application.state_label, "action": label},
            code="wrong_state",
        )
    if check_permission and (by is None or not user_may_take(application, transition, by)):
        raise TransitionRefused(_("您没有权限执行“%(action)s”。") % {"action": label}, code="forbidden")
    if not can_proceed(method):
        raise TransitionRefused(_unmet_condition_message(application, transition, label), code="condition")

    from_state = application.state
    try:
        with transaction.atomic():
            method()
            application.save()
            log = TransitionLog.objects.create(
                application=application,
                transition=transition,
                from_state=from_state,
                to_state=application.state,
                by=by,
                by_role=role_for_log(by, application),
                at=timezone.now(),
                reason=reason,
                comment=(comment or "").strip(),
                visible_to_applicant=visible_to_applicant,
            )
    except ConcurrentTransition:
        application.refresh_from_db()
        raise TransitionRefused(
            _("该申请刚刚已被他人处理（当前状态：%(state)s），请刷新页面后查看。") % {"state": application.state_label},
            code="conflict",
        ) from None
    return TransitionResult(application=application, log=log)


def _unmet_condition_message(application: Application, transition: str, label) -> str:
    missing = application.missing_material_codes()
    if missing and transition in (s.T_SUBMIT, s.T_RESUBMIT, s.T_ACCEPT, s.T_FORWARD, s.T_EMPLOYER_RECOMMEND):
        from regulations.models import MaterialType

        names = {m.code: m.name for m in MaterialType.objects.filter(code__in=missing)}
        return _("缺少必需的材料：%(list)s。") % {"list": enumeration(names.get(code, code) for code in missing)}
    if transition == s.T_FINISH_CONSULTATION:
        return _("还有部门尚未反馈意见，全部反馈后才能报审批。")
    if transition == s.T_CLOSE_NOTICE:
        return _("公示期尚未结束，或仍有未处理或成立的异议。")
    return _("“%(action)s”的条件尚未满足。") % {"action": label}


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


def application_create(*, regulation_code: str, by, organisation=None) -> Application:
    """Beihai: the employer opens a file for its foreign employee. Nanning: the talent opens their own."""
    from accounts import roles
    from regulations.codes import BEIHAI, NANNING

    version = version_for_new_application(regulation_code=regulation_code)
    if regulation_code == BEIHAI:
        if not (by.organisation_id and by.has_role(roles.EMPLOYER)):
            raise PortalRefused(_("北海市认定由用人单位申请，请使用单位账户。"), code="forbidden")
        application = Application(
            regulation_version=version,
            organisation=by.organisation,
            created_by=by,
            unit_contact_name=by.organisation.contact_person,
            unit_contact_phone=by.organisation.contact_phone,
        )
    elif regulation_code == NANNING:
        if not by.has_role(roles.TALENT):
            raise PortalRefused(_("南宁片区认定由人才本人申请，请使用人才账户。"), code="forbidden")
        if organisation is None:
            raise PortalRefused(_("请选择您的工作单位。"), code="organisation")
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
    else:
        raise PortalRefused(_("未知的认定办法。"), code="unknown")
    application.save()
    return application


def application_link_talent_accounts(*, user) -> int:
    """Link Beihai files naming `user`'s address to the account, once that address is verified."""
    from accounts import roles
    from regulations.codes import BEIHAI

    if not user.email_verified_at or not user.has_role(roles.TALENT):
        return 0
    linked = 0
    for application in Application.objects.filter(
        regulation_code=BEIHAI, talent__isnull=True, talent_email__iexact=user.email
    ):
        application.talent = user
        application.save()
        linked += 1
    return linked


def _link_talent_if_verified(application: Application) -> None:
    from accounts import roles
    from accounts.models import User

    if not application.is_beihai:
        return
    if not application.talent_email:
        application.talent = None
        return
    if application.talent_id and application.talent.email.lower() == application.talent_email.lower():
        return
    application.talent = User.objects.filter(
        email__iexact=application.talent_email, email_verified_at__isnull=False, groups__name=roles.TALENT
    ).first()


def build_facts(application: Application, extra: dict | None = None) -> dict:
    """The spec §5 facts of `application`: its own fields plus what the form stored in `facts`."""
    from regulations.models import DirectoryEnterprise

    extra = dict(application.facts or {}) if extra is None else extra
    organisation = application.organisation
    person = {
        "nationality": application.nationality or None,
        "birth_date": application.birth_date.isoformat() if application.birth_date else None,
        "highest_degree": application.highest_education or None,
        "skill_level": extra.get("skill_level") or None,
        "guangxi_talent_level": extra.get("guangxi_talent_level") or None,
        "foreign_a_class_items": [int(i) for i in extra.get("foreign_a_class_items") or []] or None,
        "honours": [application.honour_code] if application.honour_code else None,
        "document_number": application.document_number or None,
    }
    if extra.get("work_permit_class"):
        person["work_permit"] = {
            "class": extra["work_permit_class"],
            "issued_by_beihai": bool(extra.get("work_permit_issued_by_beihai")),
            "valid_until": application.permit_valid_until.isoformat() if application.permit_valid_until else None,
        }
    if extra.get("has_r_visa"):
        person["r_visa"] = {
            "valid_until": application.permit_valid_until.isoformat() if application.permit_valid_until else None
        }
    if application.is_beihai:
        city = "beihai" if organisation.in_beihai else "other"
    else:
        city = "nanning-ftz" if organisation.in_nanning_ftz else "other"
    contract_years = None
    if application.contract_start and application.contract_end:
        start, end = application.contract_start, application.contract_end
        contract_years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
        # A contract "1 March 2024 to 28 February 2027" is three years: the last day is included.
        from datetime import timedelta

        following = end + timedelta(days=1)
        whole = following.year - start.year - ((following.month, following.day) < (start.month, start.day))
        contract_years = max(contract_years, whole)
    employment = {
        "city": city,
        "full_time": application.full_time,
        "civil_service": bool(extra.get("civil_service")) if "civil_service" in extra else None,
        "hired_on": extra.get("hired_on") or None,
        "contract_years": contract_years,
        "role": extra.get("role") or None,
        "annual_salary_cny": extra.get("annual_salary_cny"),
        "recommended_by_department": bool(extra.get("recommended_by_department")) or None,
        "conditions_met_on": extra.get("conditions_met_on") or None,
    }
    entry = DirectoryEnterprise.objects.filter(credit_code=organisation.credit_code).first()
    if entry is not None:
        employment["directory_enterprise"] = {
            "joined_on": entry.joined_on.isoformat(),
            "left_on": entry.left_on.isoformat() if entry.left_on else None,
            "credit_code": entry.credit_code,
        }
    return {
        "regulation": application.regulation_code,
        "as_of": _today().isoformat(),
        "person": {k: v for k, v in person.items() if v is not None},
        "employment": {k: v for k, v in employment.items() if v is not None},
    }


def application_evaluate(*, application: Application, language: str | None = None) -> dict:
    """Ask the eligibility engine about `application`'s facts; keep the answer in `eligibility`."""
    from django.utils.translation import get_language

    from regulations.eligibility import evaluate
    from regulations.facts import FactsError

    try:
        answer = evaluate(build_facts(application), language=language or get_language() or "zh-hans")
    except FactsError as error:
        answer = {"eligible": False, "matched": [], "reasons": [str(error)], "facts_error": True}
    application.eligibility = answer
    return answer


def plausible_criterion_codes(application: Application) -> list[str]:
    """The criteria the form offers: what the engine matched, and Nanning's case-by-case route."""
    from regulations.codes import NN_CASE

    codes = list((application.eligibility or {}).get("matched") or [])
    if application.is_nanning and NN_CASE not in codes:
        codes.append(NN_CASE)
    return codes


@transaction.atomic
def application_save_draft(*, application: Application, fields: dict, facts: dict, by, raw: dict | None = None):
    """Store what the applicant typed; `raw` is the unvalidated form kept when some of it did not validate."""
    from applications.selectors import can_edit_application

    if not can_edit_application(by, application):
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
    from django.core.files.base import ContentFile

    from applications.models import Material
    from applications.selectors import can_edit_application
    from applications.uploads import check_upload

    if not can_edit_application(by, application):
        raise PortalRefused(_("该申请当前不能上传材料。"), code="not_editable")
    checked = check_upload(uploaded)
    for previous in application.materials.filter(material_code=material_code, is_current=True):
        previous.is_current = False
        previous.save()
    material = Material(
        application=application,
        material_code=material_code,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    material.file.save(checked.random_name(), ContentFile(checked.content), save=False)
    material.save()
    return material


@transaction.atomic
def material_remove(*, material, by) -> None:
    from applications.selectors import can_edit_application

    if not can_edit_application(by, material.application):
        raise PortalRefused(_("该申请当前不能修改材料。"), code="not_editable")
    material.is_current = False
    material.save()


REQUIRED_FIELDS_COMMON = ["full_name", "sex", "nationality", "birth_date", "document_number", "position"]
REQUIRED_FIELDS = {
    "beihai-foreign-talent": REQUIRED_FIELDS_COMMON
    + ["permit_valid_from", "permit_valid_until", "unit_contact_name", "unit_contact_phone"],
    "nanning-ftz-urgent-talent": REQUIRED_FIELDS_COMMON
    + [
        "employer_address",
        "full_time",
        "county",
        "highest_education",
        "contract_start",
        "contract_end",
        "phone",
        "email",
        "education_and_work_history",
    ],
}


def recognition_in_force(application: Application) -> Application | None:
    """The same person's certified recognition under the same regulation, if one is in force."""
    from django.db.models import Q

    same_person = Q(talent_id=application.talent_id) if application.talent_id else Q(pk__in=[])
    if application.document_number:
        same_person |= Q(document_number=application.document_number)
    return (
        Application.objects.filter(same_person, regulation_code=application.regulation_code, state=s.CERTIFIED)
        .exclude(pk=application.pk)
        .order_by("-decided_at", "-pk")
        .first()
    )


def _upgrade_problem(application: Application) -> str | None:
    """Nanning Art. 11: during a recognition's validity only a higher tier may be applied for."""
    from regulations.codes import NN_CASE, TIER_RANK

    if not application.is_nanning or not application.criterion_id or application.criterion.code == NN_CASE:
        return None
    current = recognition_in_force(application)
    if current is None:
        return None
    if TIER_RANK.get(application.criterion.tier, 0) <= TIER_RANK.get(current.tier, 0):
        return _("您已有%(ref)s认定的%(tier)s类急需紧缺人才，有效期内只能申请更高类别的认定（办法第十一条）。") % {
            "ref": current.reference,
            "tier": current.tier,
        }
    return None


def submission_problems(application: Application) -> list[str]:
    """Every reason `application` cannot be submitted now, one translated line each (empty = ready)."""
    from regulations.models import MaterialType
    from regulations.selectors import disqualification_for

    problems = []
    version = application.regulation_version
    if application.state == s.DRAFT and not version.in_force_on(_today()):
        problems.append(
            _("《%(title)s》已于%(date)s失效，不能再按该版本提交申请。")
            % {"title": version.title, "date": version.effective_until.isoformat() if version.effective_until else ""}
        )
    missing_fields = [
        str(Application._meta.get_field(name).verbose_name)
        for name in REQUIRED_FIELDS.get(application.regulation_code, [])
        if getattr(application, name) in (None, "")
    ]
    if missing_fields:
        problems.append(_("以下必填项尚未填写：%(list)s。") % {"list": enumeration(missing_fields)})
    if application.document_number:
        barred = disqualification_for(
            regulation_code=application.regulation_code, document_number=application.document_number
        )
        if barred:
            problems.append(
                _("证件号码为%(number)s的人员已被取消认定资格，不再受理其申请。")
                % {"number": application.document_number}
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
            names = {m.code: m.name for m in MaterialType.objects.filter(code__in=missing)}
            problems.append(
                _("缺少必需的材料：%(list)s。") % {"list": enumeration(names.get(code, code) for code in missing)}
            )
    return problems


def application_submit(*, application: Application, by, pledge_name: str) -> TransitionResult:
    """Submit (or resubmit after correction) with the applicant's pledge; refused with every reason."""
    from applications.selectors import can_edit_application

    if not can_edit_application(by, application):
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
        if application.is_nanning:
            # A higher tier during validity replaces the earlier recognition once its certificate is issued.
            application.upgrade_of = recognition_in_force(application)
        result = application_transition(application=application, transition=transition, by=by)
    return result


def application_employer_decide(*, application: Application, by, recommend: bool, opinion: str) -> TransitionResult:
    """Nanning: the employer recommends the talent's file with its opinion, or returns it with reasons."""
    opinion = (opinion or "").strip()
    if recommend:
        if not opinion:
            raise TransitionRefused(_("请填写单位推荐意见。"), code="reason_required")
        with transaction.atomic():
            application.employer_attested_at = timezone.now()
            return application_transition(
                application=application, transition=s.T_EMPLOYER_RECOMMEND, by=by, comment=opinion
            )
    return application_transition(application=application, transition=s.T_EMPLOYER_RETURN, by=by, reason=opinion)
