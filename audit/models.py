"""The access log (PIPL): who read which person's file, material, form or certificate, who created or
revoked an API token (a key to those files), and role grants.

Rows are written once and never changed or deleted, by anyone (the admin shows them read-only).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    VIEW = "view", _("查看申请")
    ACT = "act", _("办理申请")
    MATERIAL = "material", _("查看/下载申报材料")
    FORM = "form", _("打印申请表")
    CERTIFICATE = "certificate", _("下载证书")
    EVIDENCE = "evidence", _("查看异议证明材料")
    EXPORT = "export", _("导出访问记录")
    TOKEN_CREATED = "token_created", _("创建接口令牌")
    TOKEN_REVOKED = "token_revoked", _("吊销接口令牌")
    LICENCE = "licence", _("查看/下载营业执照")
    VERIFY = "verify", _("核验用人单位")


class RoleChange(models.TextChoices):
    GRANTED = "granted", _("授予")
    REVOKED = "revoked", _("撤销")


class AppendOnly(models.Model):
    """Refuses every change after the row was written."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("audit records are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("audit records are never deleted")


class AccessRecord(AppendOnly):
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("访问人"), on_delete=models.PROTECT, related_name="+"
    )
    user_email = models.CharField(_("访问人邮箱"), max_length=254)
    user_roles = models.CharField(_("访问人角色"), max_length=300, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=AccessAction.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField(_("对象编号"), max_length=40, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    application_reference = models.CharField(_("申请编号"), max_length=40, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    path = models.CharField(_("访问地址"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("个人信息访问记录")
        verbose_name_plural = _("个人信息访问记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_email} {self.action} {self.object_repr}"


class RoleGrant(AppendOnly):
    """A role given to or taken from a user: the role's code and its name at the time, who, when."""

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.PROTECT, related_name="+"
    )
    role_code = models.CharField(_("角色代码"), max_length=150)
    role_name = models.CharField(_("角色名称"), max_length=200)
    change = models.CharField(_("变更"), max_length=10, choices=RoleChange.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("为空表示系统或命令行操作"),
    )

    class Meta:
        verbose_name = _("角色授予记录")
        verbose_name_plural = _("角色授予记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.change} {self.role_code}"
