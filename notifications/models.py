"""A message to one person about one event: shown in the in-app list and mailed in their language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Notification(models.Model):
    """What happened (`kind` and `context`, codes not labels) is stored; the text is rendered in the
    reader's language when shown or mailed, so the same row reads in Chinese or English."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Set for people without an account (an objector, a Beihai talent not yet registered).
    email = models.EmailField(_("电子邮箱"), blank=True)
    language = models.CharField(_("语言"), max_length=10, blank=True, help_text=_("为空表示中英双语"))
    kind = models.SlugField(_("类型"), max_length=60)
    must_act = models.BooleanField(_("需要办理"), default=False)
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    context = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    mail_error = models.CharField(_("邮件发送失败原因"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("消息通知")
        verbose_name_plural = _("消息通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.kind} → {self.recipient or self.email}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def address(self) -> str:
        return self.recipient.email if self.recipient_id else self.email

    def text(self, language: str | None = None):
        from notifications.texts import render

        return render(self, language)
