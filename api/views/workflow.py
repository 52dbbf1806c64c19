"""The transitions a caller may take now and taking one; consultation opinions.

Which transitions exist, who may take them and when is the state machine's (applications.models and
applications.permissions); what each one does is the services'. This module only routes a request to them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from accounts.models import Department
from api.exceptions import ApiError
from api.pagination import Pagination
from api.serializers import (
    ApplicationDetailSerializer,
    ConsultationSerializer,
    OpinionSerializer,
    SubmitSerializer,
    TransitionRequestSerializer,
    TransitionSerializer,
)
from applications import access
from applications import services as svc
from applications import states as s
from regulations.text import enumeration
from reviews import services as review_services
from reviews.forms import ConsultationAnswerForm, console_action_form
from reviews.models import Consultation
from reviews.selectors import CONSOLE_ACTIONS

# The applicant side's transitions; the staff's are the console's. Others happen as part of another action
# (an objection decision, an appeal) or by the scheduled jobs, and are not taken directly.
APPLICANT_ACTIONS = [s.T_SUBMIT, s.T_RESUBMIT, s.T_WITHDRAW, s.T_EMPLOYER_RECOMMEND, s.T_EMPLOYER_RETURN]
API_ACTIONS = APPLICANT_ACTIONS + CONSOLE_ACTIONS


def _fields_for(code: str, application) -> list[str]:
    if code in (s.T_SUBMIT, s.T_RESUBMIT):
        return ["pledge", "pledge_name"]
    if code == s.T_EMPLOYER_RECOMMEND:
        return ["comment"]
    if code in (s.T_WITHDRAW, s.T_EMPLOYER_RETURN):
        return ["reason"]
    return [name for name in console_action_form(code, application).fields]


def available_transitions(application, user) -> list[dict]:
    """The transitions `user` may take on `application` now: state, role and conditions all allow it."""
    available = {t.name for t in application.get_available_user_state_transitions(user)}
    return [
        {
            "code": code,
            "label": str(s.TRANSITION_LABELS[code]),
            "reason_required": code in s.REASON_REQUIRED,
            "fields": _fields_for(code, application),
        }
        for code in API_ACTIONS
        if code in available
    ]


def _console_data(code: str, application, body: dict) -> dict:
    """Validate the body with the console's own form for the action; departments are given by code."""
    data = {key: value for key, value in body.items() if key != "departments"}
    if code == s.T_ACCEPT:
        wanted = body.get("departments") or []
        known = dict(Department.objects.filter(code__in=wanted).values_list("code", "pk"))
        unknown = [code for code in wanted if code not in known]
        if unknown:
            message = _("未知的部门代码：%(codes)s。") % {"codes": enumeration(unknown)}
            raise ApiError(message, code="invalid", fields={"departments": [message]})
        data = QueryDictLike(data, departments=[known[c] for c in wanted])
    form = console_action_form(code, application, data)
    if not form.is_valid():
        raise ApiError(
            _("请检查“%(action)s”的填写。") % {"action": s.TRANSITION_LABELS[code]},
            code="invalid",
            fields={("non_field_errors" if n == "__all__" else n): list(e) for n, e in form.errors.items()},
        )
    return form.cleaned_data


class QueryDictLike(dict):
    """A dict whose multi-valued keys answer getlist(), as the console's checkbox widgets ask."""

    def __init__(self, data, **lists):
        super().__init__(data, **lists)
        self._lists = lists

    def getlist(self, key, default=None):
        if key in self._lists:
            return list(self._lists[key])
        return [self[key]] if key in self else (default or [])


def take_transition(*, application, code: str, user, body: dict) -> None:
    """Route one transition to the service the web page calls for it."""
    if code in (s.T_SUBMIT, s.T_RESUBMIT):
        submit = SubmitSerializer(data=body)
        submit.is_valid(raise_exception=True)
        svc.application_submit(application=application, by=user, pledge_name=submit.validated_data["pledge_name"])
    elif code == s.T_WITHDRAW:
        svc.application_transition(application=application, transition=code, by=user, reason=body.get("reason", ""))
    elif code in (s.T_EMPLOYER_RECOMMEND, s.T_EMPLOYER_RETURN):
        recommend = code == s.T_EMPLOYER_RECOMMEND
        opinion = body.get("comment" if recommend else "reason", "")
        svc.application_employer_decide(application=application, by=user, recommend=recommend, opinion=opinion)
    else:
        data = _console_data(code, application, body)
        review_services.console_action_take(application=application, action=code, by=user, data=data)


def _for_action(request, pk):
    """Staff act on a file as staff (recorded as the console records it); the applicant side on its own."""
    if access.is_staff_user(request.user):
        try:
            return access.application_for(request, pk, purpose=access.ACT)
        except Http404:
            pass
    return access.application_for(request, pk, purpose=access.OWN)


class TransitionsView(GenericAPIView):
    serializer_class = TransitionSerializer

    @extend_schema(responses=TransitionSerializer(many=True), operation_id="transitions_list")
    def get(self, request, pk):
        """What you may do with this application now, and what to send with each."""
        application = access.application_for(request, pk, purpose=access.VIEW)
        return Response(available_transitions(application, request.user))

    @extend_schema(
        request=TransitionRequestSerializer, responses=ApplicationDetailSerializer, operation_id="transitions_take"
    )
    def post(self, request, pk):
        """Take one transition. Refusals say why: 403 not your role, 409 not in this state or a condition is
        unmet (for example missing materials or unanswered consultations), 400 a reason is missing."""
        application = _for_action(request, pk)
        body = TransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        code = body.validated_data["transition"]
        if code not in API_ACTIONS:
            message = _("“%(action)s”不能直接执行，它随其他操作或定时任务自动发生。") % {
                "action": s.TRANSITION_LABELS[code]
            }
            raise ApiError(message, code="not_direct", fields={"transition": [message]})
        take_transition(application=application, code=code, user=request.user, body=body.validated_data)
        application.refresh_from_db()
        return Response(ApplicationDetailSerializer(application).data)


class ConsultationFilterSerializer(serializers.Serializer):
    pending = serializers.BooleanField(required=False, allow_null=True, default=None)
    department = serializers.SlugField(required=False, help_text="Department code, e.g. beihai-public-security")


def _consultations(user):
    return Consultation.objects.filter(application__in=access.applications_visible_to(user)).select_related(
        "department", "application"
    )


class ConsultationListView(GenericAPIView):
    serializer_class = ConsultationSerializer
    pagination_class = Pagination

    @extend_schema(
        parameters=[ConsultationFilterSerializer],
        responses=ConsultationSerializer(many=True),
        operation_id="consultations_list",
    )
    def get(self, request):
        """Consultations on the applications you may see; `?pending=true` for those still unanswered,
        `?department=` for one department's (a consulted department's own queue)."""
        filters = ConsultationFilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        queryset = _consultations(request.user)
        pending = filters.validated_data.get("pending")
        if pending is not None:
            queryset = queryset.filter(answered_at__isnull=pending)
        if "department" in filters.validated_data:
            queryset = queryset.filter(department__code=filters.validated_data["department"])
        page = self.paginate_queryset(queryset.order_by("requested_at", "pk"))
        return self.get_paginated_response(ConsultationSerializer(page, many=True).data)


class ApplicationConsultationsView(GenericAPIView):
    serializer_class = ConsultationSerializer
    pagination_class = Pagination

    @extend_schema(responses=ConsultationSerializer(many=True), operation_id="applications_consultations")
    def get(self, request, pk):
        """The departments consulted on this application and their opinions."""
        application = access.application_for(request, pk, purpose=access.VIEW)
        queryset = _consultations(request.user).filter(application=application).order_by("requested_at", "pk")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ConsultationSerializer(page, many=True).data)


class ConsultationOpinionView(GenericAPIView):
    serializer_class = ConsultationSerializer

    @extend_schema(request=OpinionSerializer, responses=ConsultationSerializer, operation_id="consultations_answer")
    def post(self, request, pk):
        """The consulted department records agree or disagree (disagree needs a comment), once."""
        consultation = get_object_or_404(_consultations(request.user), pk=pk)
        access.application_for(request, consultation.application_id, purpose=access.ACT)
        body = OpinionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = ConsultationAnswerForm(body.validated_data)
        if not form.is_valid():
            raise ApiError(
                _("请检查意见的填写。"),
                code="invalid",
                fields={name: list(errors) for name, errors in form.errors.items()},
            )
        answered = review_services.consultation_answer(consultation=consultation, by=request.user, **form.cleaned_data)
        return Response(ConsultationSerializer(answered).data)
