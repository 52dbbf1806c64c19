"""What the API reads and writes. Validation of an application's content is the portal form's, not ours."""

from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications import states as s
from applications.forms import ApplicationForm
from applications.models import Application, Material, TransitionLog
from certificates.models import Certificate
from regulations.policies import all_policies
from reviews.models import OPINION_CHOICES, Consultation


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Stable code, e.g. invalid, not_found, forbidden, wrong_state")
    message = serializers.CharField(help_text="In the request's language (Accept-Language: zh-hans or en)")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    credit_code = serializers.CharField()


def _draft_field(form_field: forms.Field) -> serializers.Field:
    """The JSON type of one portal form field (its rules stay in the form)."""
    common = {"required": False, "label": form_field.label, "help_text": form_field.help_text or None}
    if isinstance(form_field, forms.TypedMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), allow_empty=True, **common)
    if isinstance(form_field, forms.NullBooleanField):
        return serializers.BooleanField(allow_null=True, **common)
    if isinstance(form_field, forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(form_field, forms.DateField):
        return serializers.DateField(allow_null=True, **common)
    if isinstance(form_field, forms.IntegerField):
        return serializers.IntegerField(allow_null=True, **common)
    if isinstance(form_field, forms.ChoiceField) and form_field.choices:
        return serializers.ChoiceField(choices=[c for c, _label in form_field.choices], allow_blank=True, **common)
    return serializers.CharField(allow_blank=True, trim_whitespace=False, **common)


def _draft_form_fields() -> dict[str, forms.Field]:
    """Every field any regulation's portal form has: its model fields and the policies' fact fields."""
    from regulations.policies import all_policies
    from regulations.policies.fields import fact_field

    fields = dict(ApplicationForm.base_fields)
    fields["full_time"] = forms.NullBooleanField(label=fields["full_time"].label)
    for policy in all_policies():
        for name in policy.fact_fields:
            fields.setdefault(name, fact_field(name))
    return fields


DRAFT_FIELD_NAMES = sorted(ApplicationForm.base_fields)


class ApplicationDraftSerializer(serializers.Serializer):
    """Every field of the portal's application form (both regulations), all optional: a partial update.

    Which fields a regulation's form has, and every rule about their values, is the form's business;
    a field of the other regulation's form is refused by name.
    """

    criterion = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Criterion code, e.g. BH-1, NN-II-3"
    )

    def get_fields(self):
        fields = super().get_fields()
        for name, form_field in _draft_form_fields().items():
            fields[name] = _draft_field(form_field)
        return fields

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            message = _("申请表没有此项。")
            raise serializers.ValidationError({name: [message] for name in unknown})
        return data


class ApplicationCreateSerializer(serializers.Serializer):
    regulation = serializers.ChoiceField(choices=[policy.code for policy in all_policies()])
    organisation_credit_code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=18,
        help_text="Nanning only: the unified social credit code of the talent's employer",
    )


class ApplicationSerializer(serializers.ModelSerializer):
    regulation = serializers.CharField(source="regulation_code")
    regulation_version = serializers.CharField(source="regulation_version.code")
    state_label = serializers.CharField()
    organisation = OrganisationSerializer()
    criterion = serializers.CharField(source="criterion_code")
    facts = serializers.DictField()
    eligibility = serializers.DictField(allow_null=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "regulation",
            "regulation_version",
            "state",
            "state_label",
            "organisation",
            "criterion",
            "tier",
            *[name for name in DRAFT_FIELD_NAMES if name in {f.name for f in Application._meta.fields}],
            "facts",
            "eligibility",
            "created_at",
            "updated_at",
            "submitted_at",
            "accepted_on",
            "due_on",
            "decided_at",
            "result_notified_on",
            "notice_starts_on",
            "notice_ends_on",
        ]
        # Output only (writes go through the portal form), but not read_only_fields: DRF would drop the
        # fields' allow_blank, and the schema would then refuse the empty choice ("") a draft legitimately has.


class ApplicationDetailSerializer(ApplicationSerializer):
    """One application, with what its regulation still asks for (lists show the summary above)."""

    required_materials = serializers.SerializerMethodField()
    missing_materials = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "required_materials", "missing_materials"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_required_materials(self, application) -> list[str]:
        return application.required_material_codes()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing_materials(self, application) -> list[str]:
        return application.missing_material_codes()


class SubmitSerializer(serializers.Serializer):
    pledge = serializers.BooleanField(help_text="The applicant's pledge that the content is true; must be true")
    pledge_name = serializers.CharField(max_length=120, help_text="The name signed under the pledge")

    def validate_pledge(self, value):
        if not value:
            raise serializers.ValidationError(_("请勾选申请人承诺。"))
        return value


class MaterialSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Material
        fields = ["id", "material_code", "original_name", "content_type", "size", "sha256", "uploaded_at", "download"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_download(self, material) -> str:
        from django.urls import reverse

        return reverse("api:material-download", args=[material.pk])


class MaterialUploadSerializer(serializers.Serializer):
    material_code = serializers.SlugField(max_length=60)
    file = serializers.FileField(help_text="PDF, JPEG or PNG; the type is read from the content")


class TransitionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    reason_required = serializers.BooleanField()
    fields = serializers.ListField(child=serializers.CharField(), help_text="What to send with it")


class TransitionRequestSerializer(serializers.Serializer):
    """One body for every transition; which members a transition reads is listed by GET …/transitions."""

    transition = serializers.ChoiceField(choices=sorted(s.TRANSITION_LABELS))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    pledge = serializers.BooleanField(required=False)
    pledge_name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    departments = serializers.ListField(
        child=serializers.SlugField(), required=False, help_text="accept: codes of further departments to consult"
    )
    reason_code = serializers.CharField(required=False, allow_blank=True, max_length=60)
    fraud_code = serializers.CharField(required=False, allow_blank=True, max_length=60)
    disqualify_person = serializers.BooleanField(required=False)
    employer_credit_record = serializers.BooleanField(required=False)
    tier = serializers.CharField(required=False, allow_blank=True, max_length=3, help_text="approve (case by case)")

    def validate(self, data):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            message = _("该操作没有此项。")
            raise serializers.ValidationError({name: [message] for name in unknown})
        return data


class TimelineEntrySerializer(serializers.ModelSerializer):
    transition_label = serializers.CharField()

    class Meta:
        model = TransitionLog
        fields = ["transition", "transition_label", "from_state", "to_state", "at", "reason", "comment"]
        read_only_fields = fields


class ConsultationSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id")
    reference = serializers.CharField(source="application.reference")
    department = serializers.CharField(source="department.code")
    department_name = serializers.CharField(source="department.name")
    is_answered = serializers.BooleanField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "application",
            "reference",
            "department",
            "department_name",
            "requested_at",
            "note",
            "is_answered",
            "opinion",
            "comment",
            "answered_at",
        ]


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.ChoiceField(choices=[code for code, _label in OPINION_CHOICES])
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class CertificateSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id")
    status = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()
    verify = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "application",
            "regulation_code",
            "number",
            "version",
            "holder_name",
            "nationality",
            "tier",
            "valid_from",
            "valid_until",
            "issued_on",
            "status",
            "pdf_sha256",
            "pdf_size",
            "pdf",
            "verify",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=["valid", "expired", "revoked", "superseded"]))
    def get_status(self, certificate) -> str:
        from certificates.selectors import certificate_status

        return certificate_status(certificate)

    @extend_schema_field(serializers.CharField())
    def get_pdf(self, certificate) -> str:
        from django.urls import reverse

        return reverse("api:certificate-pdf", args=[certificate.pk])

    @extend_schema_field(serializers.CharField(help_text="The public check behind the certificate's QR code"))
    def get_verify(self, certificate) -> str:
        from django.urls import reverse

        return reverse("api:verify", args=[certificate.verify_token])


class VerificationSerializer(serializers.Serializer):
    """What the public verification page shows, no more: the document number is masked."""

    number = serializers.CharField()
    version = serializers.IntegerField()
    regulation_code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    holder_name = serializers.CharField()
    nationality = serializers.CharField()
    document_number_masked = serializers.CharField()
    tier = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    issued_on = serializers.DateField()
