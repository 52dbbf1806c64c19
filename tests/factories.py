"""Shared factories. App-specific factories live beside their tests (tests/<app>/factories.py)."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.credit_code import check_character
from accounts.models import Organisation, User

DEFAULT_PASSWORD = "Correct-Horse-42"


def make_credit_code(n: int) -> str:
    """A valid unified social credit code whose serial part is `n`."""
    first17 = f"91450500{n:09d}"[:17]
    first17 = first17.replace("I", "1").replace("O", "0")
    return first17 + check_character(first17)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"北海测试科技有限公司{n}")
    credit_code = factory.Sequence(lambda n: make_credit_code(n + 1))
    address = "广西北海市海城区北部湾中路1号"
    in_beihai = True
    in_nanning_ftz = False
    contact_person = "王经理"
    contact_phone = "0779-1234567"
    # Most tests need an organisation staff have already checked; tests of the check pass verified_at=None.
    verified_at = factory.LazyFunction(timezone.now)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for code in extracted or ():
            self.groups.add(Group.objects.get(name=code))
        # Runs after `password`: saving here stores the hashed password whether or not roles were given.
        self.save()


def employer_user(organisation=None, **kwargs) -> User:
    return UserFactory(organisation=organisation or OrganisationFactory(), roles=[roles.EMPLOYER], **kwargs)


def talent_user(**kwargs) -> User:
    return UserFactory(roles=[roles.TALENT], **kwargs)


def staff_user(role: str, **kwargs) -> User:
    return UserFactory(roles=[role], **kwargs)


LICENCE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def licence_on_file(organisation, by=None, *, name="营业执照.pdf", content=LICENCE_PDF):
    """The organisation's business licence uploaded by one of its employer users (staff verify only then)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.services import organisation_licence_upload

    return organisation_licence_upload(
        organisation=organisation,
        uploaded=SimpleUploadedFile(name, content, content_type="application/pdf"),
        by=by or employer_user(organisation),
    )
