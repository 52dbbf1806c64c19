"""Certificates (for those who may see the application), the public verification, the eligibility engine."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import Pagination
from api.parsers import BoundedJSONParser
from api.serializers import CertificateSerializer, VerificationSerializer
from applications import access
from certificates import selectors as certificate_selectors
from certificates.models import Certificate


def _certificates(user):
    return Certificate.objects.filter(application__in=access.applications_visible_to(user)).select_related(
        "application"
    )


class CertificateFilterSerializer(serializers.Serializer):
    application = serializers.IntegerField(required=False, min_value=1)


class CertificateListView(GenericAPIView):
    serializer_class = CertificateSerializer
    pagination_class = Pagination

    @extend_schema(
        parameters=[CertificateFilterSerializer],
        responses=CertificateSerializer(many=True),
        operation_id="certificates_list",
    )
    def get(self, request):
        """Certificates of the applications you may see, newest first; every version of a reissued one."""
        filters = CertificateFilterSerializer(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        queryset = _certificates(request.user)
        if "application" in filters.validated_data:
            queryset = queryset.filter(application_id=filters.validated_data["application"])
        page = self.paginate_queryset(queryset.order_by("-issued_at", "-pk"))
        return self.get_paginated_response(CertificateSerializer(page, many=True).data)


class CertificateDetailView(GenericAPIView):
    serializer_class = CertificateSerializer

    @extend_schema(operation_id="certificates_read")
    def get(self, request, pk):
        certificate = get_object_or_404(_certificates(request.user), pk=pk)
        access.application_for(request, certificate.application_id, purpose=access.VIEW, obj=certificate)
        return Response(CertificateSerializer(certificate).data)


class CertificatePdfView(APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes}, operation_id="certificates_pdf")
    def get(self, request, pk):
        """The signed certificate as issued (the PDF the QR code's verification page vouches for)."""
        certificate = get_object_or_404(_certificates(request.user), pk=pk)
        access.application_for(request, certificate.application_id, purpose=access.CERTIFICATE, obj=certificate)
        try:
            handle = certificate.pdf.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, content_type="application/pdf", filename=f"{certificate.number}-v{certificate.version}.pdf"
        )
        response["Cache-Control"] = "private, no-store"
        return response


class VerifyView(GenericAPIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = VerificationSerializer

    @extend_schema(operation_id="verify", auth=[])
    def get(self, request, token):
        """Public: what the page behind a certificate's QR code says, as JSON (the document number masked)."""
        certificate = certificate_selectors.certificate_by_token(token)
        if certificate is None:
            raise Http404
        state = certificate_selectors.certificate_status(certificate)
        data = {
            "number": certificate.number,
            "version": certificate.version,
            "regulation_code": certificate.regulation_code,
            "status": state,
            "status_label": str(certificate_selectors.STATUS_LABELS[state]),
            "holder_name": certificate.holder_name,
            "nationality": certificate.nationality,
            "document_number_masked": certificate_selectors.mask_document_number(certificate.document_number),
            "tier": certificate.tier,
            "valid_from": certificate.valid_from,
            "valid_until": certificate.valid_until,
            "issued_on": certificate.issued_on,
        }
        response = Response(VerificationSerializer(data).data)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "no-store"
        return response


EligibilityAnswer = inline_serializer(
    "EligibilityAnswer",
    {
        "eligible": serializers.BooleanField(),
        "regulation": serializers.CharField(),
        "as_of": serializers.DateField(),
        "version": serializers.CharField(allow_null=True),
        "tier": serializers.CharField(allow_null=True),
        "matched": serializers.ListField(child=serializers.CharField()),
        "best": serializers.CharField(allow_null=True),
        "required_materials": serializers.ListField(child=serializers.CharField()),
        "apply_by": serializers.DateField(allow_null=True),
        "validity_years": serializers.IntegerField(allow_null=True, required=False),
        "valid_until": serializers.DateField(allow_null=True, required=False),
        "reasons": serializers.ListField(child=serializers.CharField()),
    },
)


class EligibilityView(APIView):
    """The eligibility engine (spec §5): the same answer as the pre-check page and `check_eligibility`."""

    permission_classes = [AllowAny]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: EligibilityAnswer},
        parameters=[OpenApiParameter("lang", str, enum=["zh-hans", "en"], required=False)],
        operation_id="eligibility",
        description="POST the facts (spec §5); unknown keys are an error (400, `fields` names the key). "
        "The reasons are in the language of `?lang=` or Accept-Language.",
    )
    def post(self, request):
        from regulations.eligibility import evaluate
        from regulations.facts import FactsError

        try:
            facts = request.data
        except ParseError as exc:
            raise FactsError(str(exc.detail), key=None) from None
        language = request.query_params.get("lang") or get_language()
        # The fraud register is not public: only staff get an answer that consults it (one staff rule).
        return Response(evaluate(facts, language=language, consult_register=access.is_staff_user(request.user)))
