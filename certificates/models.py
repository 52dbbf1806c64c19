"""Certificates: gap-free numbering, the stored PDF with its digest, and the Beihai child-enrolment form."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class CertificateCounter(models.Model):
    """The last serial handed out for one regulation in one year; locked while a number is allocated."""

    regulation_code = models.SlugField(_("认定办法"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("已用最大序号"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("证书编号计数器")
        verbose_name_plural = _("证书编号计数器")
        constraints = [
            models.UniqueConstraint(fields=["regulation_code", "year"], name="certificate_counter_unique_per_year")
        ]

    def __str__(self):
        return f"{self.regulation_code} {self.year}: {self.last_serial}"


class Certificate(models.Model):
    """One issued version of a certificate. A correction or reissue adds a version; the old one is superseded.

    The PDF is rendered once at issuance and stored privately with its SHA-256; downloads stream that file.
    The verification status is derived (see certificates.selectors.certificate_status), never stored.
    """

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("认定申请"), on_delete=models.PROTECT, related_name="certificates"
    )
    regulation_code = models.SlugField(_("认定办法"), max_length=60, db_index=True)
    number = models.CharField(_("证书编号"), max_length=30)
    year = models.PositiveSmallIntegerField(_("年份"))
    serial = models.PositiveIntegerField(_("序号"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("取代的证书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    reissue_reason = models.TextField(_("补发/更正原因"), blank=True)

    # What the certificate says, frozen at issuance.
    holder_name = models.CharField(_("姓名"), max_length=120)
    document_number = models.CharField(_("证件号码"), max_length=40)
    nationality = models.CharField(_("国籍"), max_length=2, blank=True)
    tier = models.CharField(_("类别"), max_length=3, blank=True)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))
    issued_on = models.DateField(_("发证日期"))
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("签发人"), on_delete=models.PROTECT, related_name="+"
    )

    verify_token = models.CharField(_("核验码"), max_length=64, unique=True, editable=False)
    pdf = models.FileField(storage=_private_storage, upload_to="certificates/%Y/", max_length=200, editable=False)
    pdf_sha256 = models.CharField(_("PDF 的 SHA-256"), max_length=64, editable=False)
    pdf_size = models.PositiveIntegerField(_("PDF 大小（字节）"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("认定证书")
        verbose_name_plural = _("认定证书")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="certificate_number_version_unique"),
            models.UniqueConstraint(
                fields=["regulation_code", "year", "serial", "version"], name="certificate_serial_unique"
            ),
        ]

    def __str__(self):
        return self.number if self.version == 1 else f"{self.number} (v{self.version})"

    @property
    def policy(self):
        from regulations.policies import policy_for

        return policy_for(self)


class ChildEnrolmentRequest(models.Model):
    """北海市外籍"高精尖缺"人才子女入学优待服务申请表 (Beihai 附件3): the parent's data and the children rows."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("认定申请"),
        on_delete=models.PROTECT,
        related_name="child_enrolment_requests",
    )
    parent_name = models.CharField(_("家长姓名"), max_length=120)
    parent_sex = models.CharField(_("性别"), max_length=1, choices=[("M", _("男")), ("F", _("女"))], blank=True)
    parent_passport = models.CharField(_("护照号"), max_length=40)
    employer_name = models.CharField(_("工作单位"), max_length=200)
    position = models.CharField(_("职务"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40)
    handler_phone = models.CharField(_("经办人电话"), max_length=40, blank=True)
    employer_address = models.CharField(_("工作单位通讯地址"), max_length=300)
    home_address = models.CharField(_("现居住地详细地址"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("子女入学优待服务申请")
        verbose_name_plural = _("子女入学优待服务申请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.parent_name} ({self.application.reference})"


class EnrolmentChild(models.Model):
    request = models.ForeignKey(ChildEnrolmentRequest, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(_("子女姓名"), max_length=120)
    sex = models.CharField(_("性别"), max_length=1, choices=[("M", _("男")), ("F", _("女"))])
    birth_month = models.DateField(_("出生年月"))
    previous_school = models.CharField(_("原就读学校及年级"), max_length=200, blank=True)
    requested_school = models.CharField(_("申请就读学校及年级"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("入学子女")
        verbose_name_plural = _("入学子女")
        ordering = ["request", "sort_order", "id"]

    def __str__(self):
        return self.name
