"""The applicant and employer portal: list, fill, upload, submit, follow, and the employer's say."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from accounts import roles
from accounts.models import Department
from applications import access, display, selectors
from applications import services as svc
from applications import states as s
from applications.forms import ApplicationForm, EmployerDecisionForm, NanningStartForm, SubmitForm, WithdrawForm
from applications.models import Material
from applications.stash import pop_stash, stash_post
from applications.uploads import stored_file_response
from hardening.uploads import upload_refusals
from regulations import reference
from regulations.policies import all_policies, policy_for, policy_or_none
from talentportal.pagination import paginate


def portal_login_required(view):
    """Like login_required, but a POST whose session has expired is kept and replayed after login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            stash_post(request)
            if upload_refusals(request):
                messages.warning(
                    request,
                    _(
                        "您的登录已过期。请重新登录，刚才填写的内容已保留，登录后自动恢复；所选文件未被接收，请登录后重新选择。"
                    ),
                )
            else:
                messages.warning(request, _("您的登录已过期。请重新登录，刚才填写的内容已保留，登录后自动恢复。"))
        return redirect_to_login(request.get_full_path())

    return wrapper


@portal_login_required
def dashboard(request):
    user = request.user
    linked = svc.application_link_talent_accounts(user=user)
    if linked:
        messages.info(request, _("已关联用人单位为您提交的%(count)d份申请。") % {"count": linked})
    applications = (
        access.applications_owned_by(user)
        .select_related("organisation", "regulation_version", "criterion")
        .order_by("-updated_at", "-pk")
    )
    paged = paginate(request, applications)
    awaiting = None
    if user.is_employer:
        # Files a talent sent to this employer for its recommendation (where the regulation asks for one):
        # their own list and pages.
        recommending = [policy.code for policy in all_policies() if policy.employer_recommends]
        awaiting = paginate(
            request,
            applications.filter(
                organisation_id=user.organisation_id, regulation_code__in=recommending, state=s.SUBMITTED
            ),
            param="awaiting_page",
        )
    return render(
        request,
        "applications/dashboard.html",
        {
            "applications": paged.page,
            "paged": paged,
            "awaiting_employer": awaiting.page if awaiting else [],
            "awaiting_paged": awaiting,
            "can_start_beihai": user.is_employer,
            "can_start_nanning": user.is_talent,
            # The organisation's check (its business licence) is shown to its employer users with a link to
            # the licence page; pending, they may fill in but not submit.
            "licence_pending": user.is_employer and not user.organisation.is_verified,
            "licence_on_file": user.is_employer and user.organisation.current_licence() is not None,
        },
    )


@portal_login_required
def start(request, regulation_code):
    policy = policy_or_none(regulation_code)
    if policy is None:
        raise Http404
    # Where the talent applies, the talent names the employer first; an employer applies for its own staff.
    form = NanningStartForm(request.POST or None) if policy.applicant_role != roles.EMPLOYER else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            application = svc.application_create(
                regulation_code=regulation_code,
                by=request.user,
                organisation=getattr(form, "organisation", None),
            )
        except svc.PortalRefused as refusal:
            for line in refusal.messages:
                messages.error(request, line)
            return redirect("applications:dashboard")
        messages.success(request, _("已创建申请草稿 %(ref)s。") % {"ref": application.reference})
        return redirect("applications:edit", application.pk)
    if form is None:
        # Beihai needs no question before the draft: the organisation is the user's own.
        return render(request, "applications/start_beihai.html", {})
    return render(request, "applications/start_nanning.html", {"form": form})


def _criteria_offered(application):
    from regulations.models import Criterion

    codes = svc.plausible_criterion_codes(application)
    criteria = list(
        Criterion.objects.filter(version=application.regulation_version, code__in=codes).prefetch_related("materials")
    )
    common = [
        c.material
        for c in application.regulation_version.common_materials.select_related("material").order_by("material__code")
    ]
    for criterion in criteria:
        criterion.all_materials = common + [m for m in criterion.materials.all() if m not in common]
    return criteria


def _material_slots(application):
    """One upload slot per required material (and the photo for the form), with what is uploaded."""
    codes = application.uploadable_material_codes()
    types = reference.current().material_types
    current = {}
    for material in selectors.current_materials(application):
        current.setdefault(material.material_code, material)
    required = set(application.required_material_codes())
    return [
        {"code": code, "type": types.get(code), "current": current.get(code), "required": code in required}
        for code in codes
    ]


def _process_edit(request, application, data, files):
    """Save what can be saved (valid fields, valid files), keep the rest as typed; return (form, upload_errors)."""
    form = ApplicationForm(data, application=application)
    valid = form.is_valid()
    fields, facts = form.split_cleaned(valid_only=not valid)
    criterion_code = data.get("criterion", "")
    if criterion_code:
        from regulations.models import Criterion

        fields["criterion"] = Criterion.objects.filter(
            version=application.regulation_version, code=criterion_code
        ).first()
    elif "criterion" in data:
        fields["criterion"] = None
    raw = {} if valid else {k: data.getlist(k) for k in data if k != "csrfmiddlewaretoken"}
    svc.application_save_draft(application=application, fields=fields, facts=facts, by=request.user, raw=raw)
    # After the fields: the criterion chosen in this same submission decides which materials are asked for.
    upload_errors = {}
    for key, uploaded in files.items():
        if not key.startswith("material-"):
            continue
        code = key.removeprefix("material-")
        try:
            svc.material_upload(application=application, material_code=code, uploaded=uploaded, by=request.user)
        except ValidationError as error:
            upload_errors[code] = error.messages
        except svc.PortalRefused as refusal:
            upload_errors[code] = refusal.messages
    return form, upload_errors


@portal_login_required
def edit(request, pk):
    application = access.application_for(request, pk, purpose=access.OWN)
    if not access.can_edit(request.user, application):
        messages.info(request, _("该申请当前不能修改。"))
        return redirect("applications:detail", application.pk)
    upload_errors = {}
    stash = pop_stash(request)
    if request.method == "POST" or stash:
        data, files = (request.POST, request.FILES) if request.method == "POST" else (stash.data, {})
        form, upload_errors = _process_edit(request, application, data, files)
        if stash:
            messages.success(request, _("已恢复登录过期前填写的内容并保存为草稿，请核对。"))
        if not form.errors and not upload_errors and request.method == "POST":
            if data.get("action") == "review":
                return redirect("applications:submit", application.pk)
            messages.success(request, _("草稿已保存。"))
            return redirect("applications:edit", application.pk)
        if form.errors or upload_errors:
            messages.error(request, _("部分内容有误，已保存其余内容。请按提示更正。"))
    elif application.form_data:
        form = ApplicationForm(QueryDict(mutable=True), application=application)
        data = QueryDict(mutable=True)
        for key, values in application.form_data.items():
            data.setlist(key, values)
        form = ApplicationForm(data, application=application)
        form.is_valid()
    else:
        form = ApplicationForm(application=application)
    return render(
        request,
        "applications/edit.html",
        {
            "application": application,
            "form": form,
            "sections": _sections(application, form),
            "criteria": _criteria_offered(application),
            "slots": _material_slots(application),
            "upload_errors": upload_errors,
            # A draft's check is worded in the reader's language, not in that of whoever saved it last.
            "eligibility": svc.application_evaluate(application=application) if application.eligibility else {},
            "max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
            "version_notice": svc.version_ended_notice(application),
            "steps": display.process_steps(application),
            # Shown while the file is back with the applicant: what to correct, in the reviewer's words.
            "return_reasons": selectors.return_reasons(application) if application.state == s.RETURNED else [],
        },
    )


def _sections(application, form):
    """The regulation's form layout (its policy), with the fields this form has."""
    layout = policy_for(application).sections
    return [(legend, [form[name] for name in names if name in form.fields]) for legend, names in layout]


@portal_login_required
def submit(request, pk):
    application = access.application_for(request, pk, purpose=access.OWN)
    if not access.can_edit(request.user, application):
        raise Http404
    svc.application_evaluate(application=application)
    form = SubmitForm(request.POST or None, initial={"pledge_name": application.full_name})
    refusal_lines = []
    if request.method == "POST" and form.is_valid():
        try:
            result = svc.application_submit(
                application=application, by=request.user, pledge_name=form.cleaned_data["pledge_name"]
            )
        except svc.PortalRefused as refusal:
            refusal_lines = refusal.messages
        except svc.TransitionRefused as refusal:
            refusal_lines = [refusal.message]
        else:
            if application.policy.employer_recommends:
                messages.success(request, _("申请已提交至所在单位审核推荐。"))
            else:
                messages.success(request, _("申请已提交至北海市科学技术局。"))
            messages.info(
                request,
                _("回执编号：%(number)s。回执可在本页“回执”栏下载。") % {"number": result.receipt.number},
            )
            return redirect("applications:detail", application.pk)
    problems = refusal_lines or svc.submission_problems(application)
    return render(
        request,
        "applications/submit.html",
        {
            "application": application,
            "form": form,
            "problems": problems,
            "refused": bool(refusal_lines),
            "materials": _named(selectors.current_materials(application)),
            "eligibility": application.eligibility or {},
        },
    )


def _named(materials):
    materials = list(materials)
    for material in materials:
        material.type_name = reference.material_name(material.material_code)
    return materials


def _deadline(application):
    if not application.due_on or application.state not in s.IN_REVIEW_STATES:
        return None
    from regulations.calendar import CalendarNotLoaded, working_days_between

    try:
        remaining = working_days_between(timezone.localdate(), application.due_on)
    except CalendarNotLoaded:
        remaining = None
    return {"due_on": application.due_on, "remaining": remaining}


@portal_login_required
def detail(request, pk):
    application = access.application_for(request, pk, related=("employment_end",))
    prefetch_related_objects([application], "certificates", "receipts")
    user = request.user
    is_staff_viewer = access.staff_capacity(user, application)
    timeline = list(selectors.visible_timeline(application))
    employer_can_decide = (
        application.policy.employer_recommends
        and application.state == s.SUBMITTED
        and access.is_employer_of(user, application)
    )
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "timeline": timeline,
            "show_hidden": is_staff_viewer,
            "materials": _named(selectors.current_materials(application)),
            "deadline_unknown": application.state in s.IN_REVIEW_STATES and application.due_unknown_reason,
            "can_edit": access.can_edit(user, application),
            "can_withdraw": access.can_withdraw(user, application),
            "employer_can_decide": employer_can_decide,
            "decision_form": EmployerDecisionForm() if employer_can_decide else None,
            "deadline": _deadline(application),
            "eligibility": application.eligibility or {},
            "receipts": list(application.receipts.all()),
            "version_notice": svc.version_ended_notice(application),
            "return_reasons": selectors.return_reasons(application, include_hidden=is_staff_viewer, timeline=timeline),
            "data_sections": display.application_sections(application),
            "steps": display.process_steps(application),
        },
    )


@portal_login_required
@require_POST
def employer_decide(request, pk):
    application = access.application_for(request, pk, purpose=access.OWN)
    if not (application.policy.employer_recommends and access.is_employer_of(request.user, application)):
        raise Http404
    form = EmployerDecisionForm(request.POST)
    recommend = request.POST.get("decision") == "recommend"
    if not form.is_valid():
        messages.error(request, _("请填写推荐意见或退回理由。"))
        return redirect("applications:detail", application.pk)
    try:
        result = svc.application_employer_decide(
            application=application, by=request.user, recommend=recommend, opinion=form.cleaned_data["opinion"]
        )
    except svc.TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        if recommend:
            office = Department.names_of([application.policy.office_department])[0]
            messages.success(request, _("已推荐，申请已报送%(office)s。") % {"office": office})
        else:
            messages.success(request, _("已退回申请人补正。"))
        if result.receipt is not None:
            messages.info(
                request,
                _("回执编号：%(number)s。回执可在本页“回执”栏下载。") % {"number": result.receipt.number},
            )
    return redirect("applications:detail", application.pk)


@portal_login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """Withdrawing asks for confirmation and a reason; the reason stays in the file's history."""
    application = access.application_for(request, pk, purpose=access.OWN)
    if not access.can_withdraw(request.user, application):
        messages.error(request, _("该申请当前不能撤回。"))
        return redirect("applications:detail", application.pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.application_withdraw(application=application, by=request.user, reason=form.cleaned_data["reason"])
        except svc.TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("申请已撤回。"))
            return redirect("applications:detail", application.pk)
    return render(
        request,
        "applications/withdraw.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


@portal_login_required
@require_POST
def material_remove(request, pk):
    material = get_object_or_404(Material.objects.select_related("application"), pk=pk)
    access.application_for(request, material.application_id, purpose=access.OWN)
    try:
        svc.material_remove(material=material, by=request.user)
    except svc.PortalRefused as refusal:
        messages.error(request, refusal.messages[0])
    return redirect("applications:edit", material.application_id)


@portal_login_required
@xframe_options_sameorigin  # the staff console shows materials in a frame of its own page
def material_download(request, pk):
    material = get_object_or_404(Material.objects.only("pk", "application_id"), pk=pk)
    material = access.application_for(
        request, material.application_id, purpose=access.MATERIAL, obj=material
    ).materials.get(pk=material.pk)
    return stored_file_response(
        material.file,
        original_name=material.original_name,
        content_type=material.content_type,
        inline=request.GET.get("inline") == "1",
    )
