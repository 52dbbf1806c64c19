"""The staff console (/staff/), the public notice (/notices/) and the employer's re-review request."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from applications import access
from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused
from applications.uploads import stored_file_response
from hardening.clientip import client_ip
from hardening.throttle import Throttled, throttle_hit
from hardening.uploads import public_upload, upload_refusals
from regulations import reference
from regulations.calendar import Calendar
from regulations.policies import policy_for, regulation_choices
from regulations.policies.vocabularies import Tier
from reviews import appeals as appeal_services
from reviews import notices as notice_services
from reviews import selectors, services
from reviews.forms import (
    AppealDecisionForm,
    AppealForm,
    AppealOpinionForm,
    ConsultationAnswerForm,
    ObjectionDecisionForm,
    ObjectionForm,
    TierOneFilingForm,
    console_action_form,
)
from reviews.models import Appeal, Consultation, Objection
from reviews.templatetags.reviews_tags import mask_id
from talentportal.pagination import paginate

PAGE_SIZE = 50
# What the application page shows beside the file, read with it (one query, or one prefetch).
DETAIL_RELATED = ("fraud_finding", "revocation", "tier_one_filing")


def staff_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not access.is_staff_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------- queue


@staff_required
def queue(request):
    get = request.GET
    filters = selectors.QueueFilters(
        scope="all" if get.get("scope") == "all" else "mine",
        regulation=get.get("regulation", ""),
        state=get.get("state", ""),
        tier=get.get("tier", "") if get.get("tier", "") in Tier.values else "",
        overdue=get.get("overdue") == "1",
        q=get.get("q", "")[:100],
    )
    paged = paginate(request, selectors.staff_queue(request.user, filters), per_page=PAGE_SIZE)
    today = timezone.localdate()
    opinions = selectors.opinions_progress(application.pk for application in paged.page)
    for application in paged.page:
        application.opinions = opinions.get(application.pk)
    calendar = Calendar()  # one read of the holiday table for the whole page
    rows = [(application, selectors.deadline_for(application, today, calendar=calendar)) for application in paged.page]
    return render(
        request,
        "reviews/queue.html",
        {
            "rows": rows,
            "page": paged.page,
            "paged": paged,
            "filters": filters,
            "regulations": regulation_choices(),
            "states": s.STATE_CHOICES,
            "tiers": Tier.choices,
        },
    )


# ---------------------------------------------------------------- application page


def _material_urls(material):
    try:
        url = reverse("applications:material_download", args=[material.pk])
    except NoReverseMatch:
        return None
    return f"{url}?inline=1"


def _bound_or_new(bound, form_class, prefix):
    """The form the user just sent (with errors and what was typed) if it is this one, else an empty one."""
    if isinstance(bound, form_class) and bound.prefix == prefix:
        return bound
    return form_class(prefix=prefix)


def _render_detail(request, application, *, bound=None, status=200):
    """The application page. `bound` is a form with errors for one action, re-shown with what was typed."""
    user = request.user
    actions = []
    for action in selectors.available_actions(application, user):
        if bound is not None and getattr(bound, "action", None) == action.code:
            form = bound
        else:
            form = console_action_form(action.code, application, prefix=action.code)
        actions.append((action, form))
    current = list(application.materials.filter(is_current=True))
    materials = [(m, reference.material_name(m.material_code), _material_urls(m)) for m in current]
    consultations = selectors.consultations_for(application)
    my_consultation = next((c for c in consultations if services.can_answer_consultation(c, user)), None)
    policy = policy_for(application)
    appeals = list(application.appeals.prefetch_related("opinions__department")) if policy.has_appeal else []
    appeal_panels = []
    for appeal in appeals:
        appeal_panels.append(
            {
                "appeal": appeal,
                "missing": appeal_services.appeal_missing_departments(appeal),
                "can_opine": appeal.is_pending
                and appeal_services.can_give_appeal_opinion(appeal, user)
                and not any(opinion.department_id == user.department_id for opinion in appeal.opinions.all()),
                "can_decide": appeal.is_pending and services.perms.decision_maker(application, user),
                "opinion_form": _bound_or_new(bound, AppealOpinionForm, f"ao{appeal.pk}"),
                "decision_form": _bound_or_new(bound, AppealDecisionForm, f"ad{appeal.pk}"),
            }
        )
    objections = [
        (o, _bound_or_new(bound, ObjectionDecisionForm, f"ob{o.pk}"))
        for o in (application.objections.all() if policy.has_public_notice else ())
    ]
    can_decide_objections = application.state == s.PUBLIC_NOTICE and services.perms.nanning_committee(application, user)
    filing = getattr(application, "tier_one_filing", None)
    tier_one_form = None
    if services.can_record_tier_one_filing(application, user):
        tier_one_form = bound if isinstance(bound, TierOneFilingForm) else TierOneFilingForm(instance=filing)
    open_consultation = my_consultation if my_consultation and not my_consultation.is_answered else None
    pending_objections = can_decide_objections and any(not o.decision for o, _form in objections)
    has_any_action = bool(
        actions
        or open_consultation
        or pending_objections
        or any(p["can_opine"] or p["can_decide"] for p in appeal_panels)
        or tier_one_form
    )
    context = {
        "application": application,
        "has_any_action": has_any_action,
        "deadline": selectors.deadline_for(application),
        "actions": actions,
        "materials": materials,
        "verdict": selectors.eligibility_verdict(application),
        "consultations": consultations,
        "my_consultation": open_consultation,
        "consultation_form": bound if isinstance(bound, ConsultationAnswerForm) else ConsultationAnswerForm(),
        "appeal_panels": appeal_panels,
        "objections": objections,
        "can_decide_objections": can_decide_objections,
        "filing": filing,
        "tier_one_form": tier_one_form,
        "revocation": getattr(application, "revocation", None) if application.state == s.REVOKED else None,
        "fraud_finding": getattr(application, "fraud_finding", None),
        "fields": selectors.application_fields(application),
        "timeline": selectors.timeline(application),
        "history": selectors.history_diff(application),
    }
    return render(request, "reviews/application.html", context, status=status)


@staff_required
def application_detail(request, pk):
    application = access.application_for(request, pk, purpose=access.CONSOLE, related=DETAIL_RELATED)
    consultations = Consultation.objects.select_related(*selectors.CONSULTATION_RELATED)
    prefetch_related_objects([application], "receipts", Prefetch("consultations", queryset=consultations))
    return _render_detail(request, application)


@staff_required
@require_POST
def act(request, pk, action):
    application = access.application_for(request, pk, purpose=access.ACT)
    if action not in selectors.CONSOLE_ACTIONS:
        raise Http404
    form = console_action_form(action, application, request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, _("请检查“%(action)s”的填写。") % {"action": s.TRANSITION_LABELS[action]})
        return _render_detail(request, application, bound=form, status=400)
    try:
        services.console_action_take(application=application, action=action, by=request.user, data=form.cleaned_data)
    except TransitionRefused as exc:
        messages.error(request, exc.message)
        application.refresh_from_db()
        return _render_detail(request, application, bound=form, status=409 if exc.code == "conflict" else 400)
    messages.success(request, _("已完成：%(action)s。") % {"action": s.TRANSITION_LABELS[action]})
    return redirect("reviews:application", pk=application.pk)


@staff_required
@require_POST
def consultation_add(request, pk):
    application = access.application_for(request, pk, purpose=access.ACT)
    from accounts.models import Department

    department = Department.objects.filter(pk=request.POST.get("department") or 0).first()
    if department is None:
        messages.error(request, _("请选择部门。"))
    else:
        try:
            services.consultation_request(application=application, department=department, by=request.user)
            messages.success(request, _("已向%(dept)s征求意见。") % {"dept": department.name})
        except TransitionRefused as exc:
            messages.error(request, exc.message)
    return redirect("reviews:application", pk=application.pk)


@staff_required
@require_POST
def consultation_answer(request, pk):
    consultation = get_object_or_404(Consultation, pk=pk)
    application = access.application_for(request, consultation.application_id, purpose=access.ACT)
    form = ConsultationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请检查意见的填写。"))
        return _render_detail(request, application, bound=form, status=400)
    try:
        services.consultation_answer(
            consultation=consultation,
            by=request.user,
            opinion=form.cleaned_data["opinion"],
            comment=form.cleaned_data["comment"],
        )
    except TransitionRefused as exc:
        messages.error(request, exc.message)
        return _render_detail(request, application, bound=form, status=400)
    messages.success(request, _("意见已反馈。"))
    return redirect("reviews:application", pk=application.pk)


def _submit_panel_form(request, application, form, *, invalid_message, act, done_message):
    """Run `act(**cleaned_data)` for a panel form; on any refusal show the page again with what was typed."""
    if not form.is_valid():
        messages.error(request, invalid_message)
        return _render_detail(request, application, bound=form, status=400)
    try:
        act(**form.cleaned_data)
    except TransitionRefused as exc:
        messages.error(request, exc.message)
        return _render_detail(request, application, bound=form, status=400)
    messages.success(request, done_message)
    return redirect("reviews:application", pk=application.pk)


@staff_required
@require_POST
def objection_decide(request, pk):
    objection = get_object_or_404(Objection, pk=pk)
    application = access.application_for(request, objection.application_id, purpose=access.ACT)
    return _submit_panel_form(
        request,
        application,
        ObjectionDecisionForm(request.POST, prefix=f"ob{objection.pk}"),
        invalid_message=_("请选择核实结论并写明理由。"),
        act=lambda **data: notice_services.objection_decide(objection=objection, by=request.user, **data),
        done_message=_("异议已处理。"),
    )


@staff_required
def objection_evidence(request, pk):
    objection = get_object_or_404(Objection, pk=pk)
    access.application_for(request, objection.application_id, purpose=access.EVIDENCE, obj=objection)
    if not objection.evidence:
        raise Http404
    return stored_file_response(
        objection.evidence,
        original_name=objection.evidence_name or "evidence",
        content_type=objection.evidence_content_type or "application/octet-stream",
        inline=request.GET.get("inline") == "1",
    )


@staff_required
@require_POST
def appeal_opinion(request, pk):
    appeal = get_object_or_404(Appeal, pk=pk)
    application = access.application_for(request, appeal.application_id, purpose=access.ACT)
    return _submit_panel_form(
        request,
        application,
        AppealOpinionForm(request.POST, prefix=f"ao{appeal.pk}"),
        invalid_message=_("请选择复核意见。"),
        act=lambda **data: appeal_services.appeal_opinion_give(appeal=appeal, by=request.user, **data),
        done_message=_("复核意见已提交。"),
    )


@staff_required
@require_POST
def appeal_decide(request, pk):
    appeal = get_object_or_404(Appeal, pk=pk)
    application = access.application_for(request, appeal.application_id, purpose=access.ACT)
    return _submit_panel_form(
        request,
        application,
        AppealDecisionForm(request.POST, prefix=f"ad{appeal.pk}"),
        invalid_message=_("请选择复核结论并写明答复。"),
        act=lambda **data: appeal_services.appeal_decide(appeal=appeal, by=request.user, **data),
        done_message=_("复核结论已作出。"),
    )


@staff_required
@require_POST
def tier_one_filing(request, pk):
    application = access.application_for(request, pk, purpose=access.ACT)
    filing = getattr(application, "tier_one_filing", None)
    form = TierOneFilingForm(request.POST, instance=filing)
    if not form.is_valid():
        messages.error(request, _("请检查备案信息的填写。"))
        return _render_detail(request, application, bound=form, status=400)
    try:
        services.tier_one_filing_record(application=application, by=request.user, **form.cleaned_data)
    except TransitionRefused as exc:
        messages.error(request, exc.message)
        return _render_detail(request, application, bound=form, status=403)
    messages.success(request, _("备案与人才卡信息已保存。"))
    return redirect("reviews:application", pk=application.pk)


@staff_required
def tier_one_filings(request):
    return render(request, "reviews/tier_one_filings.html", {"rows": selectors.pending_tier_one_filings(request.user)})


# ---------------------------------------------------------------- public notice and objections


def _under_notice():
    today = timezone.localdate()
    return (
        Application.objects.filter(state=s.PUBLIC_NOTICE, notice_ends_on__gte=today)
        .select_related("organisation")
        .order_by("notice_starts_on", "full_name")
    )


def notices(request):
    paged = paginate(request, _under_notice().order_by("notice_starts_on", "full_name", "pk"))
    return render(request, "reviews/notices.html", {"candidates": paged.page, "paged": paged})


@require_http_methods(["GET", "POST"])
@public_upload(fields=("evidence",))
def objection_file(request, pk):
    application = get_object_or_404(_under_notice(), pk=pk)
    status = 200
    if request.method == "POST":
        form = ObjectionForm(request.POST, request.FILES)
        for field, reason in upload_refusals(request).items():
            form.add_error("evidence" if field == "evidence" else None, reason)
        if form.is_valid():
            data = form.cleaned_data
            try:
                # Counted per filing, not per attempt: correcting a typo costs nothing.
                throttle_hit(scope="objection-ip", key=client_ip(request))
                throttle_hit(scope="objection-notice", key=application.pk)
                objection = notice_services.objection_file(
                    application=application,
                    name=data["name"],
                    contact=data["contact"],
                    reason=data["reason"],
                    evidence=data["evidence"],
                )
            except Throttled as refusal:
                form.add_error(None, refusal.message)
                status = 429
            except TransitionRefused as exc:
                form.add_error(None, exc.message)
            else:
                return render(
                    request, "reviews/objection_filed.html", {"application": application, "objection": objection}
                )
    else:
        form = ObjectionForm()
    return render(
        request,
        "reviews/objection_form.html",
        {"application": application, "form": form, "masked_id": mask_id(application.document_number)},
        status=400 if status == 200 and form.errors else status,
    )


# ---------------------------------------------------------------- the employer's re-review request


@login_required
@require_http_methods(["GET", "POST"])
def appeal_file(request, pk):
    application = access.application_for(request, pk, purpose=access.OWN)
    if not access.is_applicant_side(request.user, application):
        raise Http404
    refusal = appeal_services.appeal_refusal(application, request.user)
    window = appeal_services.appeal_window(application)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            appeal_services.appeal_file(application=application, by=request.user, grounds=form.cleaned_data["grounds"])
        except TransitionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("复核申请已提交，%(office)s将会同%(departments)s复核并在%(answer_days)s日内答复。")
                % appeal_services.appeal_terms(application),
            )
            return redirect(_status_page(application))
    return render(
        request,
        "reviews/appeal_form.html",
        {
            "application": application,
            "form": form,
            "refusal": refusal,
            "window": window,
            "terms": appeal_services.appeal_terms(application),
        },
        status=400 if (request.method == "POST" and (refusal or form.errors)) else 200,
    )


def _status_page(application):
    try:
        return reverse("applications:detail", args=[application.pk])
    except NoReverseMatch:
        return reverse("reviews:appeal_file", args=[application.pk])
