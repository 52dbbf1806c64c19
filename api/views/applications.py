"""Applications through the API: list, create, read, update a draft, submit; materials; the timeline.

Every action is the portal's: the same services, the same forms for the content, the same visibility.
"""

from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import roles
from api.exceptions import ApiError
from api.pagination import Pagination
from api.serializers import (
    ApplicationCreateSerializer,
    ApplicationDetailSerializer,
    ApplicationDraftSerializer,
    ApplicationSerializer,
    MaterialSerializer,
    MaterialUploadSerializer,
    SubmitSerializer,
    TimelineEntrySerializer,
)
from applications import access, selectors
from applications import services as svc
from applications import states as s
from applications.forms import ApplicationForm, NanningStartForm
from applications.models import Material
from applications.uploads import stored_file_response
from regulations.policies import all_policies, policy_for


class ApplicationFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=sorted(s.STATE_LABELS), required=False)
    regulation = serializers.ChoiceField(choices=[policy.code for policy in all_policies()], required=False)
    updated_since = serializers.DateTimeField(required=False, help_text="ISO 8601, e.g. 2026-12-01T00:00:00+08:00")


def _filters(request) -> dict:
    filters = ApplicationFilterSerializer(data=request.query_params.dict())
    filters.is_valid(raise_exception=True)
    return filters.validated_data


def _application_queryset(user, filters: dict):
    queryset = access.applications_visible_to(user).select_related("organisation", "regulation_version", "criterion")
    if "state" in filters:
        queryset = queryset.filter(state=filters["state"])
    if "regulation" in filters:
        queryset = queryset.filter(regulation_code=filters["regulation"])
    if "updated_since" in filters:
        queryset = queryset.filter(updated_at__gte=filters["updated_since"])
    return queryset.order_by("-updated_at", "-pk")


class ApplicationListView(GenericAPIView):
    serializer_class = ApplicationSerializer
    pagination_class = Pagination

    @extend_schema(
        parameters=[ApplicationFilterSerializer],
        responses=ApplicationSerializer(many=True),
        operation_id="applications_list",
    )
    def get(self, request):
        """The applications you may see: your organisation's or your own; for staff, those of your bureau."""
        page = self.paginate_queryset(_application_queryset(request.user, _filters(request)))
        return self.get_paginated_response(ApplicationSerializer(page, many=True).data)

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: ApplicationDetailSerializer},
        operation_id="applications_create",
    )
    def post(self, request):
        """Open a draft. Beihai: an employer account, for its foreign employee. Nanning: the talent's own
        account, naming the employer by its unified social credit code."""
        body = ApplicationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        regulation = body.validated_data["regulation"]
        organisation = None
        # Where the talent applies, the talent names the employer; an employer applies for its own staff.
        if policy_for(regulation).applicant_role != roles.EMPLOYER:
            start = NanningStartForm({"credit_code": body.validated_data.get("organisation_credit_code", "")})
            if not start.is_valid():
                raise ApiError(
                    _("请填写工作单位的统一社会信用代码。"),
                    code="invalid",
                    fields={"organisation_credit_code": start.errors["credit_code"]},
                )
            organisation = start.organisation
        application = svc.application_create(regulation_code=regulation, by=request.user, organisation=organisation)
        return Response(ApplicationDetailSerializer(application).data, status=status.HTTP_201_CREATED)


def _form_data(application, changes: dict) -> QueryDict | dict:
    """The portal form's current values with `changes` laid over them: a partial update of the draft."""
    current = ApplicationForm(application=application)
    data = {}
    for name in current.fields:
        value = current[name].value()
        data[name] = [] if value is None and name == "foreign_a_class_items" else value
    if data.get("full_time") is None:
        data["full_time"] = "unknown"
    data.update(changes)
    # Unchecked boxes are absent from a browser's POST; here False and "absent" must mean the same.
    return {name: value for name, value in data.items() if value is not False and value is not None}


class ApplicationDetailView(GenericAPIView):
    serializer_class = ApplicationDetailSerializer

    @extend_schema(operation_id="applications_read")
    def get(self, request, pk):
        return Response(ApplicationDetailSerializer(access.application_for(request, pk, purpose=access.VIEW)).data)

    @extend_schema(
        request=ApplicationDraftSerializer, responses=ApplicationDetailSerializer, operation_id="applications_update"
    )
    def patch(self, request, pk):
        """Change some fields of a draft (or of a file returned for correction). The portal form's rules
        apply; nothing is saved when any field is refused."""
        application = access.application_for(request, pk, purpose=access.OWN)
        if not access.can_edit(request.user, application):
            raise svc.PortalRefused(_("该申请当前不能修改。"), code="not_editable")
        body = ApplicationDraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        criterion_code = changes.pop("criterion", None) if "criterion" in changes else ...
        form_fields = ApplicationForm(application=application).fields
        foreign = sorted(set(changes) - set(form_fields))
        if foreign:
            message = _("该认定办法的申请表没有此项。")
            raise ApiError(message, code="invalid", fields={name: [message] for name in foreign})
        form = ApplicationForm(_form_data(application, changes), application=application)
        if not form.is_valid():
            raise ApiError(
                _("提交的内容有误，请按字段提示更正。"),
                code="invalid",
                fields={name: list(errors) for name, errors in form.errors.items()},
            )
        fields, facts = form.split_cleaned()
        if criterion_code is not ...:
            fields["criterion"] = _criterion(application, criterion_code)
        svc.application_save_draft(application=application, fields=fields, facts=facts, by=request.user)
        return Response(ApplicationDetailSerializer(application).data)


def _criterion(application, code):
    from regulations.models import Criterion

    if not code:
        return None
    criterion = Criterion.objects.filter(version=application.regulation_version, code=code).first()
    if criterion is None:
        message = _("该认定办法版本中没有条件 %(code)s。") % {"code": code}
        raise ApiError(message, code="invalid", fields={"criterion": [message]})
    return criterion


class ApplicationSubmitView(GenericAPIView):
    serializer_class = ApplicationDetailSerializer

    @extend_schema(request=SubmitSerializer, responses=ApplicationDetailSerializer, operation_id="applications_submit")
    def post(self, request, pk):
        """Submit (or resubmit after a return for correction) with the applicant's pledge. A refusal lists
        every reason, one per line, in `fields.non_field_errors`."""
        application = access.application_for(request, pk, purpose=access.OWN)
        body = SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        svc.application_submit(application=application, by=request.user, pledge_name=body.validated_data["pledge_name"])
        application.refresh_from_db()
        return Response(ApplicationDetailSerializer(application).data)


class MaterialListView(GenericAPIView):
    serializer_class = MaterialSerializer
    pagination_class = Pagination
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=MaterialSerializer(many=True), operation_id="materials_list")
    def get(self, request, pk):
        """The current materials (a replaced file stays in the history, not in this list)."""
        application = access.application_for(request, pk, purpose=access.VIEW)
        page = self.paginate_queryset(selectors.current_materials(application).order_by("material_code", "-pk"))
        return self.get_paginated_response(MaterialSerializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": MaterialUploadSerializer},
        responses={201: MaterialSerializer},
        operation_id="materials_upload",
    )
    def post(self, request, pk):
        """Upload one material (multipart: material_code, file). The portal's checks apply: the type is read
        from the content (PDF, JPEG, PNG), the size is limited, images are checked for decompression bombs."""
        application = access.application_for(request, pk, purpose=access.OWN)
        body = MaterialUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        material = svc.material_upload(
            application=application,
            material_code=body.validated_data["material_code"],
            uploaded=body.validated_data["file"],
            by=request.user,
        )
        return Response(MaterialSerializer(material).data, status=status.HTTP_201_CREATED)


class MaterialDownloadView(APIView):
    @extend_schema(
        responses={(200, "application/octet-stream"): bytes},
        operation_id="materials_download",
        description="The file as uploaded (PDF, JPEG or PNG), under its original name.",
    )
    def get(self, request, pk):
        material = get_object_or_404(Material, pk=pk)
        access.application_for(request, material.application_id, purpose=access.MATERIAL, obj=material)
        return stored_file_response(
            material.file, original_name=material.original_name, content_type=material.content_type
        )


class TimelineView(GenericAPIView):
    serializer_class = TimelineEntrySerializer
    pagination_class = Pagination

    @extend_schema(responses=TimelineEntrySerializer(many=True), operation_id="applications_timeline")
    def get(self, request, pk):
        """Every state change, oldest first: from, to, when, the reason and the opinion. Applicants see what
        the portal shows them; staff see every entry."""
        application = access.application_for(request, pk, purpose=access.VIEW)
        logs = selectors.visible_timeline(application)
        if not access.staff_capacity(request.user, application):
            logs = logs.filter(visible_to_applicant=True)
        page = self.paginate_queryset(logs)
        return self.get_paginated_response(TimelineEntrySerializer(page, many=True).data)
