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
