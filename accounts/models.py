from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles
from accounts.credit_code import normalise_credit_code, validate_credit_code
from applications.uploads import KeptFile


class Organisation(models.Model):
    """An employer unit (用人单位), identified by its unified social credit code."""

    name = models.CharField(_("单位名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    address = models.CharField(_("单位地址"), max_length=300, blank=True)
    in_beihai = models.BooleanField(_("位于北海市"), default=False)
    in_nanning_ftz = models.BooleanField(_("在自贸试验区南宁片区注册"), default=False)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Staff check the business licence (营业执照 / 法人证书) against the credit code before the organisation
    # may submit or recommend; until then anyone could register any company's code. See accounts.services.
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "User", verbose_name=_("核验人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verification_note = models.CharField(_("核验说明"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalise_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def current_licence(self):
        """The business licence on file now (OrganisationLicence), or None."""
        return self.licences.filter(is_current=True).select_related("organisation").first()


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class OrganisationLicence(KeptFile):
    """The business licence (营业执照 / 法人证书) an employer put on file for staff to check against the credit
    code. Kept like an application's material (applications.uploads.upload_keep): type read from the content,
    a random stored name in private storage, the original name only in this row. A replaced licence stays,
    no longer current; the verification note names the one that was checked."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="licences"
    )
    file = models.FileField(storage=_private_storage, upload_to="licences/%Y/%m/", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("营业执照")
        verbose_name_plural = _("营业执照")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(is_current=True), name="one_current_licence_per_organisation"
            )
        ]

    def __str__(self):
        # What the access log keeps as the object's name: whose licence, which file, which content.
        return f"{self.organisation.name} · {self.original_name} · {self.short_sha256}"

    @property
    def short_sha256(self) -> str:
        return self.sha256[:12]


class Department(models.Model):
    """A government department that can be consulted or that reviews (科技局, 公安局, 行政审批局 …)."""

    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=120)
    name_en = models.CharField(_("英文名称"), max_length=200)
    city = models.CharField(_("城市"), max_length=20, choices=[("beihai", _("北海")), ("nanning-ftz", _("南宁片区"))])
    consultable = models.BooleanField(_("可征求意见"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["city", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    @classmethod
    def names_of(cls, codes) -> list[str]:
        """The names of the departments `codes`, in that order, in the active language (a code with no row
        is shown as the code, so a missing department is visible rather than silently left out)."""
        codes = list(codes)
        by_code = {department.code: department.name for department in cls.objects.filter(code__in=codes)}
        return [by_code.get(code, code) for code in codes]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """Everyone signs in with an email address: employers, talents and bureau staff."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("电子邮箱"), unique=True)
    full_name = models.CharField(_("姓名"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("所属部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    preferred_language = models.CharField(_("首选语言"), max_length=10, default="zh-hans")
    # Set when the user follows the link mailed to the address; a Beihai application is linked to a
    # talent account only through a verified address.
    email_verified_at = models.DateTimeField(_("邮箱验证时间"), null=True, blank=True)
    history = HistoricalRecords()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email

    def role_codes(self) -> set[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True))
            self._role_codes = cached
        return cached

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes() & set(codes))

    @property
    def is_employer(self) -> bool:
        return self.organisation_id is not None and self.has_role(roles.EMPLOYER)

    @property
    def is_talent(self) -> bool:
        return self.has_role(roles.TALENT)


class CreditRecord(models.Model):
    """An integrity (诚信) record against an employer found to have cheated (Beihai Art. 13(1))."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="credit_records")
    regulation_code = models.SlugField(max_length=60)
    application_reference = models.CharField(_("申请编号"), max_length=40, blank=True)
    reason = models.TextField(_("事由"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("失信记录")
        verbose_name_plural = _("失信记录")
        ordering = ["-recorded_at"]


class Invitation(models.Model):
    """An employer user invites a colleague to join the same organisation's account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("电子邮箱"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单位用户邀请")
        verbose_name_plural = _("单位用户邀请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"
