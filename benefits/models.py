from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ExpiryReminder(models.Model):
    """One reminder per certificate version that its recognition ends soon: sent once, never twice."""

    certificate = models.OneToOneField(
        "certificates.Certificate", verbose_name=_("认定证书"), on_delete=models.PROTECT, related_name="expiry_reminder"
    )
    valid_until = models.DateField(_("有效期至"))
    sent_at = models.DateTimeField(_("提醒时间"), auto_now_add=True)
    recipients = models.JSONField(_("收件人"), default=list)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.certificate} → {self.valid_until.isoformat()}"


class EmploymentEnd(models.Model):
    """Nanning Art. 11 ¶2: the talent's contract ended without renewal, or the talent left the zone; from
    `effective_on` the recognition no longer gives its benefits. Reported by the employer."""

    class Reason(models.TextChoices):
        CONTRACT_ENDED = "contract-ended", _("劳动合同期满未续签，且不在南宁片区就业")
        RESIGNED = "resigned", _("在有效期内辞职")
        LEFT_ZONE = "left-zone", _("工作调离南宁片区")

    application = models.OneToOneField(
        "applications.Application", verbose_name=_("认定申请"), on_delete=models.PROTECT, related_name="employment_end"
    )
    reason = models.CharField(_("情形"), max_length=20, choices=Reason.choices)
    effective_on = models.DateField(_("发生日期"))
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    reported_by = models.ForeignKey(
        "accounts.User", verbose_name=_("报告人"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("报告时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("离职或调离报告")
        verbose_name_plural = _("离职或调离报告")
        ordering = ["-reported_at"]

    def __str__(self):
        return f"{self.application} {self.reason} {self.effective_on.isoformat()}"
