"""Bench data: N applications over both regulations and every state, with their transition logs, history rows,
materials, consultations, objections, appeals and certificates, plus the bench accounts the page benchmarks use.

    createdb -h 127.0.0.1 -U postgres tp_scale_100k
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tp_scale_100k
    .venv/bin/python manage.py migrate --noinput
    DEBUG=1 .venv/bin/python bench/generate.py --applications 100000        # ~4 min on PostgreSQL
    DEBUG=1 .venv/bin/python bench/generate.py --applications 5000          # SQLite: keep it smaller

THIS IS TEST DATA, NOT A DOMAIN ACTION. Rows are written with bulk_create (and auto_now fields switched off
while it runs) so that 100,000 files with a plausible past load in minutes. Real applications only ever change
through applications.services.application_transition; nothing here may be copied into the product.

Accounts (password `BENCH_PASSWORD`): bench-<role>@bench.example for every staff role, bench-employer@… (the
Beihai organisation with `--big` applications), bench-nanning-employer@… (the Nanning organisation with `--big`),
bench-talent@… (a talent with 60 applications).
"""

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import storages  # noqa: E402
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts import roles  # noqa: E402
from accounts.credit_code import check_character  # noqa: E402
from accounts.models import Department, Organisation, User  # noqa: E402
from applications import states as s  # noqa: E402
from applications.models import Application, Material, TransitionLog  # noqa: E402
from certificates.models import Certificate, CertificateCounter  # noqa: E402
from regulations.codes import BEIHAI, NANNING  # noqa: E402
from regulations.models import Criterion, DirectoryEnterprise, RegulationVersion  # noqa: E402
from reviews.models import Appeal, Consultation, Objection  # noqa: E402

BENCH_PASSWORD = "bench-Password-12"
BENCH_DOMAIN = "bench.example"
BIG_EMPLOYER = f"bench-employer@{BENCH_DOMAIN}"
BIG_NANNING_EMPLOYER = f"bench-nanning-employer@{BENCH_DOMAIN}"
BENCH_TALENT = f"bench-talent@{BENCH_DOMAIN}"
TALENT_APPLICATIONS = 60
BATCH = 2000

# The path of transitions that leads to each state (the first state is always draft).
BEIHAI_PATHS = {
    s.DRAFT: [],
    s.SUBMITTED: [s.T_SUBMIT],
    s.RETURNED: [s.T_SUBMIT, s.T_RETURN],
    s.CONSULTATION: [s.T_SUBMIT, s.T_ACCEPT],
    s.AWAITING_DECISION: [s.T_SUBMIT, s.T_ACCEPT, s.T_FINISH_CONSULTATION],
    s.RECOGNISED: [s.T_SUBMIT, s.T_ACCEPT, s.T_FINISH_CONSULTATION, s.T_APPROVE],
    s.CERTIFIED: [s.T_SUBMIT, s.T_ACCEPT, s.T_FINISH_CONSULTATION, s.T_APPROVE, s.T_ISSUE_CERTIFICATE],
    s.REFUSED: [s.T_SUBMIT, s.T_ACCEPT, s.T_FINISH_CONSULTATION, s.T_REFUSE],
    s.WITHDRAWN: [s.T_SUBMIT, s.T_WITHDRAW],
    s.REVOKED: [s.T_SUBMIT, s.T_ACCEPT, s.T_FINISH_CONSULTATION, s.T_APPROVE, s.T_ISSUE_CERTIFICATE, s.T_REVOKE],
    s.EXPIRED: [s.T_SUBMIT, s.T_ACCEPT, s.T_FINISH_CONSULTATION, s.T_APPROVE, s.T_ISSUE_CERTIFICATE, s.T_EXPIRE],
}
_NN_CERT = [s.T_SUBMIT, s.T_EMPLOYER_RECOMMEND, s.T_FORWARD, s.T_APPROVE_FOR_NOTICE, s.T_CLOSE_NOTICE]
NANNING_PATHS = {
    s.DRAFT: [],
    s.SUBMITTED: [s.T_SUBMIT],
    s.RETURNED: [s.T_SUBMIT, s.T_EMPLOYER_RETURN],
    s.RECOMMENDED: [s.T_SUBMIT, s.T_EMPLOYER_RECOMMEND],
    s.AWAITING_DECISION: [s.T_SUBMIT, s.T_EMPLOYER_RECOMMEND, s.T_FORWARD],
    s.PUBLIC_NOTICE: [s.T_SUBMIT, s.T_EMPLOYER_RECOMMEND, s.T_FORWARD, s.T_APPROVE_FOR_NOTICE],
    s.RECOGNISED: _NN_CERT,
    s.CERTIFIED: _NN_CERT + [s.T_ISSUE_CERTIFICATE],
    s.REFUSED: [s.T_SUBMIT, s.T_EMPLOYER_RECOMMEND, s.T_FORWARD, s.T_REFUSE],
    s.WITHDRAWN: [s.T_SUBMIT, s.T_WITHDRAW],
    s.REVOKED: _NN_CERT + [s.T_ISSUE_CERTIFICATE, s.T_REVOKE],
    s.EXPIRED: _NN_CERT + [s.T_ISSUE_CERTIFICATE, s.T_EXPIRE],
    s.SUPERSEDED: _NN_CERT + [s.T_ISSUE_CERTIFICATE, s.T_SUPERSEDE],
}
# Share of each state (most files are finished; a fifth is somewhere in review).
WEIGHTS = {
    s.DRAFT: 8,
    s.SUBMITTED: 6,
    s.RETURNED: 3,
    s.RECOMMENDED: 5,
    s.CONSULTATION: 5,
    s.AWAITING_DECISION: 4,
    s.PUBLIC_NOTICE: 2,
    s.RECOGNISED: 2,
    s.CERTIFIED: 30,
    s.REFUSED: 10,
    s.WITHDRAWN: 5,
    s.REVOKED: 2,
    s.EXPIRED: 10,
    s.SUPERSEDED: 2,
}
STAFF_ROLE_OF = {
    s.T_ACCEPT: roles.BEIHAI_SCITECH_REVIEWER,
    s.T_RETURN: roles.BEIHAI_SCITECH_REVIEWER,
    s.T_FINISH_CONSULTATION: roles.BEIHAI_SCITECH_REVIEWER,
    s.T_APPROVE: roles.BEIHAI_SCITECH_APPROVER,
    s.T_FORWARD: roles.NANNING_TALENT_BUREAU_REVIEWER,
    s.T_APPROVE_FOR_NOTICE: roles.NANNING_COMMITTEE_APPROVER,
    s.T_CLOSE_NOTICE: roles.NANNING_COMMITTEE_APPROVER,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然子轩梓涵一诺欣怡喆堃犇赟"
LATIN_FIRST = ["John", "Maria", "Ahmed", "Olga", "Kenji", "Priya", "Lucas", "Emma", "Nguyen", "Sofia", "Ivan", "Amara"]
LATIN_LAST = ["Smith", "Garcia", "Khan", "Petrova", "Tanaka", "Sharma", "Silva", "Müller", "Tran", "Rossi", "Novak"]
BEIHAI_FACTS = {"work_permit_class": "A", "work_permit_issued_by_beihai": True}
NANNING_FACTS = {"role": "tech_backbone"}
NATIONALITIES = ["GB", "US", "DE", "FR", "JP", "KR", "RU", "VN", "TH", "IN", "BR", "AU", "CA", "IT", "MY"]


def credit_code(n: int) -> str:
    first17 = f"91450{n:012d}"[:17]
    return first17 + check_character(first17)


def insert(model, objs):
    """PostgreSQL: COPY (several times faster than INSERT for rows whose ids are not needed back);
    elsewhere bulk_create. Test data only, like everything in this file."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)  # SQLite returns the ids
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and getattr(objs[0], f.attname) is None)]
    real = connections[DEFAULT_DB_ALIAS]  # the object behind the proxy: a million attribute look-ups cheaper
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), real) for f in fields])


def reserve_ids(model, objs):
    """Give rows inserted by COPY their ids up front (their history rows need them)."""
    if connection.vendor != "postgresql" or not objs:
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(objs)]
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk


@contextmanager
def auto_dates_off(*models):
    """Let the generator set created/filed/issued times in the past (auto_now would stamp them all 'now')."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Generator:
    def __init__(self, n: int, big: int, seed: int):
        self.n = n
        self.big = big
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.password = make_password(BENCH_PASSWORD)
        self.storage = storages["private"]
        self.counts = {}
        self.serials = {}

    # ------------------------------------------------------------------ reference rows
    def accounts(self):
        rng = self.rng
        self.versions = {
            code: RegulationVersion.objects.filter(regulation__code=code).order_by("-effective_from").first()
            for code in (BEIHAI, NANNING)
        }
        self.criteria = {code: list(Criterion.objects.filter(version=v)) for code, v in self.versions.items()}
        self.materials = {
            code: [
                m
                for m in v.common_materials.filter(material__filled_online=False).values_list(
                    "material__code", flat=True
                )
            ]
            for code, v in self.versions.items()
        }
        self.criterion_materials = {
            c.pk: list(c.materials.filter(filled_online=False).values_list("code", flat=True))
            for cs in self.criteria.values()
            for c in cs
        }
        n_orgs = max(20, self.n // 50)
        orgs = []
        for i in range(n_orgs):
            beihai = i % 2 == 0
            orgs.append(
                Organisation(
                    name=f"{'北海' if beihai else '南宁'}{SURNAMES[i % len(SURNAMES)]}氏科技有限公司{i:05d}",
                    credit_code=credit_code(700000 + i),
                    address="广西北海市海城区北部湾中路1号" if beihai else "南宁市良庆区五象大道1号",
                    in_beihai=beihai,
                    in_nanning_ftz=not beihai,
                    contact_person="王经理",
                    contact_phone="0779-1234567",
                    created_at=self.now - dt.timedelta(days=1200),
                    # Checked long ago (unverified organisations cannot submit, and the load test submits).
                    verified_at=self.now - dt.timedelta(days=1100),
                    verification_note="bench data",
                )
            )
        with auto_dates_off(Organisation):
            Organisation.objects.bulk_create(orgs, batch_size=BATCH)
        orgs = list(Organisation.objects.filter(credit_code__in=[o.credit_code for o in orgs]).order_by("credit_code"))
        self.beihai_orgs = [o for o in orgs if o.in_beihai]
        self.nanning_orgs = [o for o in orgs if o.in_nanning_ftz]
        DirectoryEnterprise.objects.bulk_create(
            [
                DirectoryEnterprise(name=o.name, credit_code=o.credit_code, joined_on=dt.date(2022, 3, 1))
                for o in self.nanning_orgs
                if rng.random() < 0.7
            ],
            batch_size=BATCH,
        )
        groups = {g.name: g for g in Group.objects.all()}
        departments = {d.code: d for d in Department.objects.all()}
        self.departments = departments
        users = []
        for org in orgs:
            email = f"employer-{org.credit_code.lower()}@{BENCH_DOMAIN}"
            if org == self.beihai_orgs[0]:
                email = BIG_EMPLOYER
            elif org == self.nanning_orgs[0]:
                email = BIG_NANNING_EMPLOYER
            users.append(self._user(email, "单位经办人", roles.EMPLOYER, organisation=org))
        staff_department = {
            roles.BEIHAI_APPROVAL_BUREAU: "beihai-approval-bureau",
            roles.BEIHAI_PUBLIC_SECURITY: "beihai-public-security",
            roles.BEIHAI_CONSULTED_DEPARTMENT: "beihai-hrss",
            roles.BEIHAI_SCITECH_REVIEWER: "beihai-scitech",
            roles.BEIHAI_SCITECH_APPROVER: "beihai-scitech",
            roles.NANNING_TALENT_BUREAU_REVIEWER: "nanning-talent-bureau",
            roles.NANNING_COMMITTEE_APPROVER: "nanning-committee",
            roles.NANNING_LEADERSHIP_GROUP: "nanning-leadership-group",
        }
        for role in roles.STAFF_ROLES:
            users.append(
                self._user(
                    f"bench-{role}@{BENCH_DOMAIN}",
                    f"审核员{role[-6:]}",
                    role,
                    department=departments.get(staff_department.get(role, "")),  # roles without one: none
                )
            )
        users.append(self._user(BENCH_TALENT, "李喆堃", roles.TALENT))
        # One talent account per other Nanning file (the talent applies for themself).
        n_nanning = self.n // 2
        for i in range(n_nanning):
            users.append(self._user(f"talent-{i:06d}@{BENCH_DOMAIN}", self._cjk_name(), roles.TALENT))
        with auto_dates_off(User):
            User.objects.bulk_create([u for u, _ in users], batch_size=BATCH)
        by_email = dict(User.objects.filter(email__endswith="@" + BENCH_DOMAIN).values_list("email", "pk"))
        through = User.groups.through
        through.objects.bulk_create(
            [through(user_id=by_email[u.email], group_id=groups[role].pk) for u, role in users], batch_size=BATCH
        )
        self.employer_of = {
            org.pk: by_email[
                BIG_EMPLOYER
                if org == self.beihai_orgs[0]
                else BIG_NANNING_EMPLOYER
                if org == self.nanning_orgs[0]
                else f"employer-{org.credit_code.lower()}@{BENCH_DOMAIN}"
            ]
            for org in orgs
        }
        self.staff = {role: by_email[f"bench-{role}@{BENCH_DOMAIN}"] for role in roles.STAFF_ROLES}
        self.bench_talent = by_email[BENCH_TALENT]
        self.talents = [by_email[f"talent-{i:06d}@{BENCH_DOMAIN}"] for i in range(n_nanning)]
        self.counts["users"] = len(users)
        self.counts["organisations"] = len(orgs)
        # One stored file that every bench material and certificate row points to (the bytes are never judged).
        pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        self.file_name = self.storage.save("bench/material.pdf", ContentFile(pdf + b"trailer<</Root 1 0 R>>\n%%EOF\n"))

    def _user(self, email, name, role, **fields):
        user = User(
            email=email,
            full_name=name,
            password=self.password,
            email_verified_at=self.now,
            date_joined=self.now - dt.timedelta(days=1000),
            **fields,
        )
        return user, role

    def _cjk_name(self):
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))

    # ------------------------------------------------------------------ applications
    def plan(self):
        """(regulation, state, organisation, talent) for every application, shuffled."""
        rng = self.rng
        plans = []
        half = self.n // 2
        talents = iter(self.talents)
        for regulation, count in ((BEIHAI, self.n - half), (NANNING, half)):
            paths = BEIHAI_PATHS if regulation == BEIHAI else NANNING_PATHS
            states = list(paths)
            weights = [WEIGHTS[x] for x in states]
            orgs = self.beihai_orgs if regulation == BEIHAI else self.nanning_orgs
            for i in range(count):
                org = orgs[0] if i < self.big else rng.choice(orgs[1:])
                talent = None
                if regulation == NANNING:
                    talent = self.bench_talent if i % (count // TALENT_APPLICATIONS or 1) == 1 else next(talents)
                plans.append((regulation, rng.choices(states, weights)[0], org, talent))
        rng.shuffle(plans)
        return plans

    def build(self, index, regulation, state, org, talent):
        rng = self.rng
        version = self.versions[regulation]
        criteria = self.criteria[regulation]
        criterion = rng.choice(criteria) if state != s.DRAFT or rng.random() < 0.5 else None
        created = self.now - dt.timedelta(days=rng.uniform(0, 1000) ** 1.0, seconds=rng.randint(0, 86400))
        path = (BEIHAI_PATHS if regulation == BEIHAI else NANNING_PATHS)[state]
        if state in s.IN_REVIEW_STATES or state in (s.DRAFT, s.RETURNED):
            created = self.now - dt.timedelta(days=rng.uniform(1, 40))
        step = (self.now - created) / (len(path) + 1)
        beihai = regulation == BEIHAI
        name = (
            f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}" if beihai or rng.random() < 0.1 else self._cjk_name()
        )
        document = f"E{index:08d}" if beihai else f"4501{rng.randint(10**13, 10**14 - 1)}"
        prefix = "BH" if beihai else "NN"
        application = Application(
            reference=f"{prefix}-A-{timezone.localdate(created):%Y%m%d}-B{index:06d}",
            regulation_version=version,
            regulation_code=regulation,
            state=state,
            organisation=org,
            talent_id=talent,
            talent_email="" if talent is None else f"talent{index}@{BENCH_DOMAIN}",
            created_by_id=talent if not beihai else self.employer_of[org.pk],
            criterion=criterion,
            criterion_code=criterion.code if criterion else "",
            tier=criterion.tier if criterion else "",
            condition_statement="符合认定条件",
            full_name=name,
            sex=rng.choice("MF"),
            nationality=rng.choice(NATIONALITIES) if beihai else "CN",
            birth_date=dt.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)),
            document_type="passport" if beihai else "id_card",
            document_number=document,
            phone="13800000000",
            email=f"applicant{index}@{BENCH_DOMAIN}",
            position="首席工程师",
            employer_address=org.address,
            full_time=True,
            contract_start=dt.date(2024, 3, 1),
            contract_end=dt.date(2029, 2, 28),
            permit_valid_from=dt.date(2025, 1, 1),
            permit_valid_until=dt.date(2028, 3, 31),
            unit_contact_name="王经理",
            unit_contact_phone="0779-1234567",
            highest_education="doctorate",
            facts=BEIHAI_FACTS if beihai else NANNING_FACTS,
            created_at=created,
            updated_at=created + step * len(path) if path else created,
        )
        times = [created + step * (i + 1) for i in range(len(path))]
        if path:
            application.submitted_at = times[0]
            application.pledge_signed_at = times[0]
            application.pledge_name = name
        if state in s.IN_REVIEW_STATES:
            application.accepted_on = timezone.localdate(times[0])
            # Some files are overdue; most still have days left.
            application.due_on = self.today + dt.timedelta(days=rng.randint(-10, 10))
        if state == s.PUBLIC_NOTICE:
            application.notice_starts_on = self.today - dt.timedelta(days=rng.randint(0, 6))
            application.notice_ends_on = application.notice_starts_on + dt.timedelta(days=7)
            if rng.random() < 0.1:
                application.notice_ends_on = self.today - dt.timedelta(days=1)  # over; the committee closes it
        decisions = [i for i, code in enumerate(path) if code in (s.T_APPROVE, s.T_APPROVE_FOR_NOTICE, s.T_REFUSE)]
        if decisions:
            application.decided_at = times[decisions[0]]
        if not beihai and s.T_EMPLOYER_RECOMMEND in path:
            application.employer_attested_at = times[1]
        return application, path, times

    def logs_for(self, application, path, times):
        logs = []
        state = s.DRAFT
        paths = BEIHAI_PATHS if application.regulation_code == BEIHAI else NANNING_PATHS
        targets = {tuple(p): st for st, p in paths.items()}
        for i, code in enumerate(path):
            to_state = targets.get(tuple(path[: i + 1]), application.state)
            if code in STAFF_ROLE_OF:
                by, role = self.staff[STAFF_ROLE_OF[code]], STAFF_ROLE_OF[code]
            elif code in (s.T_SUBMIT, s.T_WITHDRAW):
                by, role = application.created_by_id, roles.TALENT if application.is_nanning else roles.EMPLOYER
            elif code in (s.T_EMPLOYER_RECOMMEND, s.T_EMPLOYER_RETURN):
                by, role = self.employer_of[application.organisation_id], roles.EMPLOYER
            elif code in (s.T_EXPIRE,):
                by, role = None, "system"
            else:
                role = roles.BEIHAI_SCITECH_APPROVER if application.is_beihai else roles.NANNING_COMMITTEE_APPROVER
                by = self.staff[role]
            needs_reason = code in s.REASON_REQUIRED
            logs.append(
                TransitionLog(
                    application_id=application.pk,
                    transition=code,
                    from_state=state,
                    to_state=to_state,
                    by_id=by,
                    by_role=role,
                    at=times[i],
                    reason="材料不全，请补充。" if needs_reason else "",
                    comment="同意。" if code in STAFF_ROLE_OF else "",
                )
            )
            state = to_state
        return logs

    def history_for(self, application, logs):
        """One history row when the draft was created and one per state change, as the service would leave."""
        model = self.application_history
        names = [f.attname for f in model._meta.concrete_fields if hasattr(application, f.attname)]
        names = [n for n in names if n not in ("history_id",)]
        rows = []
        base = {n: getattr(application, n) for n in names}
        states = [(application.created_at, s.DRAFT, "+", application.created_by_id)] + [
            (log.at, log.to_state, "~", log.by_id) for log in logs
        ]
        for at, state, kind, user in states:
            rows.append(model(**{**base, "state": state}, history_date=at, history_type=kind, history_user_id=user))
        return rows

    def run(self):
        t0 = time.perf_counter()
        self.accounts()
        print(f"accounts: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        plans = self.plan()
        LogHistory = TransitionLog.history.model
        self.application_history = Application.history.model
        totals = dict.fromkeys(
            [
                "applications",
                "transition_logs",
                "history",
                "materials",
                "consultations",
                "objections",
                "appeals",
                "certificates",
            ],
            0,
        )
        states = {}
        for start in range(0, len(plans), BATCH):
            chunk = plans[start : start + BATCH]
            built = [self.build(start + i, *plan) for i, plan in enumerate(chunk)]
            dated = (Application, Material, Certificate, Consultation, Objection, Appeal)
            with transaction.atomic(), auto_dates_off(*dated):
                Application.objects.bulk_create([a for a, _, _ in built], batch_size=BATCH)
                logs, history, materials, consultations, objections, appeals, certificates = [], [], [], [], [], [], []
                for application, path, times in built:
                    states[application.state] = states.get(application.state, 0) + 1
                    app_logs = self.logs_for(application, path, times)
                    logs += app_logs
                    history += self.history_for(application, app_logs)
                    if path:
                        materials += self.materials_for(application)
                    consultations += self.consultations_for(application, app_logs)
                    objections += self.objections_for(application)
                    appeals += self.appeals_for(application, app_logs)
                    certificates += self.certificates_for(application, app_logs)
                reserve_ids(TransitionLog, logs)
                insert(TransitionLog, logs)
                insert(
                    LogHistory,
                    [
                        LogHistory(
                            **{f.attname: getattr(log, f.attname) for f in TransitionLog._meta.concrete_fields},
                            history_date=log.at,
                            history_type="+",
                            history_user_id=log.by_id,
                        )
                        for log in logs
                    ],
                )
                insert(self.application_history, history)
                insert(Material, materials)
                insert(Consultation, consultations)
                insert(Objection, objections)
                insert(Appeal, appeals)
                insert(Certificate, certificates)
            for key, rows in (
                ("applications", built),
                ("transition_logs", logs),
                ("history", history),
                ("materials", materials),
                ("consultations", consultations),
                ("objections", objections),
                ("appeals", appeals),
                ("certificates", certificates),
            ):
                totals[key] += len(rows)
            if (start // BATCH) % 10 == 0:
                print(f"{start + len(chunk)} applications: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        for (regulation, year), serial in self.serials.items():
            CertificateCounter.objects.update_or_create(
                regulation_code=regulation, year=year, defaults={"last_serial": serial}
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        totals["states"] = dict(sorted(states.items()))
        totals["seconds"] = round(time.perf_counter() - t0, 1)
        return {**self.counts, **totals}

    def materials_for(self, application):
        codes = list(self.materials[application.regulation_code])
        if application.criterion_id:
            codes += [c for c in self.criterion_materials[application.criterion_id] if c not in codes]
        return [
            Material(
                application_id=application.pk,
                material_code=code,
                file=self.file_name,
                original_name=f"{code}.pdf",
                content_type="application/pdf",
                size=120,
                sha256="0" * 64,
                uploaded_by_id=application.created_by_id,
                uploaded_at=application.created_at,
            )
            for code in codes
        ]

    def consultations_for(self, application, logs):
        if not application.is_beihai or not any(log.transition == s.T_ACCEPT for log in logs):
            return []
        accepted = next(log for log in logs if log.transition == s.T_ACCEPT)
        rows = []
        for code in ("beihai-approval-bureau", "beihai-public-security"):
            answered = application.state != s.CONSULTATION or self.rng.random() < 0.4
            role = roles.BEIHAI_APPROVAL_BUREAU if code == "beihai-approval-bureau" else roles.BEIHAI_PUBLIC_SECURITY
            rows.append(
                Consultation(
                    application_id=application.pk,
                    department=self.departments[code],
                    requested_by_id=self.staff[roles.BEIHAI_SCITECH_REVIEWER],
                    requested_at=accepted.at,
                    opinion="agree" if answered else "",
                    answered_by_id=self.staff[role] if answered else None,
                    answered_at=accepted.at + dt.timedelta(hours=20) if answered else None,
                )
            )
        return rows

    def objections_for(self, application):
        if application.state != s.PUBLIC_NOTICE or self.rng.random() > 0.1:
            return []
        return [
            Objection(
                application_id=application.pk,
                name="张三",
                contact="13900000000",
                reason="学历情况与事实不符。",
                filed_at=self.now - dt.timedelta(days=1),
            )
        ]

    def appeals_for(self, application, logs):
        if not application.is_beihai or application.state != s.REFUSED or self.rng.random() > 0.1:
            return []
        refused = logs[-1].at
        pending = self.rng.random() < 0.5
        return [
            Appeal(
                application_id=application.pk,
                filed_by_id=self.employer_of[application.organisation_id],
                filed_at=refused + dt.timedelta(days=2),
                grounds="请求复核。",
                result_received_on=timezone.localdate(refused),
                due_on=self.today + dt.timedelta(days=self.rng.randint(-3, 12)) if pending else None,
                status="pending" if pending else "upheld",
            )
        ]

    def certificates_for(self, application, logs):
        issued = next((log for log in logs if log.transition == s.T_ISSUE_CERTIFICATE), None)
        if issued is None:
            return []
        year = timezone.localdate(issued.at).year
        key = (application.regulation_code, year)
        self.serials[key] = serial = self.serials.get(key, 0) + 1
        prefix = "BH" if application.is_beihai else "NN"
        valid_from = timezone.localdate(issued.at)
        valid_until = valid_from + dt.timedelta(days=3 * 365)
        if application.state == s.EXPIRED:
            valid_until = min(valid_until, self.today - dt.timedelta(days=1))
        return [
            Certificate(
                application_id=application.pk,
                regulation_code=application.regulation_code,
                number=f"{prefix}-{year}-{serial:05d}",
                year=year,
                serial=serial,
                holder_name=application.full_name,
                document_number=application.document_number,
                nationality=application.nationality,
                tier=application.tier,
                valid_from=valid_from,
                valid_until=valid_until,
                issued_on=valid_from,
                issued_at=issued.at,
                issued_by_id=issued.by_id,
                verify_token=secrets.token_urlsafe(32),
                pdf=self.file_name,
                pdf_sha256="0" * 64,
                pdf_size=120,
            )
        ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=None, help="files of the bench employers (default: 5%%)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if Application.objects.exists() or User.objects.filter(email__endswith="@" + BENCH_DOMAIN).exists():
        sys.exit("The database already has applications; generate into a freshly migrated database.")
    big = args.big if args.big is not None else max(10, args.applications // 20)
    result = Generator(args.applications, big, args.seed).run()
    import json

    print(json.dumps({"database": connection.vendor, **result}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
