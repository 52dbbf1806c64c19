"""Actions on regulation data. The directory import is shared by the admin view and the tests."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from accounts.credit_code import normalise_credit_code, validate_credit_code
from regulations.models import CommonMaterial, Criterion, DirectoryEnterprise, RegulationVersion
from regulations.text import enumeration

HEADERS = {
    "name": ("name", "企业名称", "名称"),
    "credit_code": ("credit_code", "统一社会信用代码", "信用代码"),
    "joined_on": ("joined_on", "纳入名录日期", "纳入日期"),
    "left_on": ("left_on", "移出名录日期", "移出日期"),
}
MAX_ROWS = 20_000

# Sent after a year's holiday calendar is loaded (argument `year`): deadlines that could not be computed
# for want of that year can be computed now.
calendar_year_loaded = Signal()


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number as the staff sees it, reason)


class DirectoryImportError(Exception):
    """The file as a whole cannot be read (wrong format, missing columns); nothing was imported."""


def _rows_from_file(file) -> list[list]:
    name = (getattr(file, "name", "") or "").lower()
    raw = file.read()
    if name.endswith(".xlsx") or raw[:2] == b"PK":
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise DirectoryImportError(_("无法读取 XLSX 文件：%(e)s") % {"e": exc}) from None
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DirectoryImportError(_("文件既不是 XLSX，也不是 UTF-8 或 GB18030 编码的 CSV"))
    return [row for row in csv.reader(io.StringIO(text))]


def _date(value, column: str, *, required: bool) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError(_("缺少%(c)s") % {"c": column})
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("%(c)s “%(v)s” 不是有效日期（YYYY-MM-DD）") % {"c": column, "v": value}) from None


def directory_import(*, file, by) -> ImportReport:
    """Create or update directory enterprises by credit code from a CSV or XLSX file.

    Columns (header row, Chinese or English): name/企业名称, credit_code/统一社会信用代码,
    joined_on/纳入名录日期, left_on/移出名录日期 (optional). Each good row is saved with history (user `by`);
    bad rows are reported with their reason and skipped.
    """
    rows = _rows_from_file(file)
    if not rows:
        raise DirectoryImportError(_("文件为空"))
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    columns = {}
    for key, names in HEADERS.items():
        for i, cell in enumerate(header):
            if cell in names:
                columns[key] = i
                break
    missing = [HEADERS[key][1] for key in ("name", "credit_code", "joined_on") if key not in columns]
    if missing:
        raise DirectoryImportError(_("缺少列：%(cols)s") % {"cols": enumeration(missing)})
    if len(rows) - 1 > MAX_ROWS:
        raise DirectoryImportError(_("行数超过上限 %(n)s") % {"n": MAX_ROWS})

    report = ImportReport()
    seen = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(cell or "").strip() for cell in row):
            continue

        def cell(key, row=row):
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else None

        try:
            name = str(cell("name") or "").strip()
            if not name:
                raise ValueError(_("缺少企业名称"))
            if len(name) > 200:
                raise ValueError(_("企业名称过长"))
            code = normalise_credit_code(str(cell("credit_code") or ""))
            try:
                validate_credit_code(code)
            except ValidationError as exc:
                raise ValueError(" ".join(exc.messages)) from None
            if code in seen:
                raise ValueError(_("统一社会信用代码 %(c)s 在文件中重复") % {"c": code})
            joined_on = _date(cell("joined_on"), _("纳入名录日期"), required=True)
            left_on = _date(cell("left_on"), _("移出名录日期"), required=False)
            if left_on and left_on < joined_on:
                raise ValueError(_("移出名录日期早于纳入名录日期"))
        except ValueError as exc:
            report.rejected.append((number, str(exc)))
            continue
        seen.add(code)
        with transaction.atomic():
            enterprise = DirectoryEnterprise.objects.select_for_update().filter(credit_code=code).first()
            if enterprise is None:
                enterprise = DirectoryEnterprise(credit_code=code, name=name, joined_on=joined_on, left_on=left_on)
                enterprise._history_user = by
                enterprise._change_reason = "directory import"
                enterprise.save()
                report.created += 1
            elif (enterprise.name, enterprise.joined_on, enterprise.left_on) == (name, joined_on, left_on):
                report.unchanged += 1
            else:
                enterprise.name, enterprise.joined_on, enterprise.left_on = name, joined_on, left_on
                enterprise._history_user = by
                enterprise._change_reason = "directory import"
                enterprise.save()
                report.updated += 1
    return report


# ---------------------------------------------------------------------------------------------------------
# A successor version: copy a version with its criteria and materials, then edit what the new text changes.
# ---------------------------------------------------------------------------------------------------------


def _free_version_code(base: str) -> str:
    code, n = f"{base}-copy", 2
    while RegulationVersion.objects.filter(code=code).exists():
        code, n = f"{base}-copy-{n}", n + 1
    return code[:80]


@transaction.atomic
def regulation_version_copy(*, version: RegulationVersion, by) -> RegulationVersion:
    """A new version of the same regulation with every setting, criterion and material of `version`.

    It takes effect the day after `version` ends (or today when `version` has no end) and has no end date;
    staff then edit what the new text changes. Files keep the version they were submitted under.
    """
    from django.forms.models import model_to_dict
    from django.utils import timezone

    today = timezone.localdate()
    starts = version.effective_until + dt.timedelta(days=1) if version.effective_until else today
    values = model_to_dict(version, exclude=["id", "regulation", "code"])
    copy = RegulationVersion(**values, regulation=version.regulation, code=_free_version_code(version.code))
    copy.issued_on = starts
    copy.effective_from = starts
    copy.effective_until = None
    copy.source_note = _("复制自%(code)s（%(day)s）：请核对印发日期、施行日期、期限和各项认定条件。") % {
        "code": version.code,
        "day": today.isoformat(),
    }
    if version.source_note:
        copy.source_note += "\n" + version.source_note
    copy._history_user = by
    copy._change_reason = f"copy of {version.code}"
    copy.save()
    for common in version.common_materials.all():
        row = CommonMaterial(version=copy, material=common.material)
        row._history_user = by
        row.save()
    for criterion in version.criteria.all().prefetch_related("materials"):
        materials = list(criterion.materials.all())
        values = model_to_dict(criterion, exclude=["id", "version", "materials"])
        new = Criterion(**values, version=copy)
        new._history_user = by
        new.save()
        new.materials.set(materials)
    return copy


# ---------------------------------------------------------------------------------------------------------
# A year's holiday notice (国务院办公厅节假日安排通知, plus Guangxi's 壮族三月三) in one step.
# ---------------------------------------------------------------------------------------------------------

CALENDAR_KINDS = {
    "holiday": "holiday",
    "放假": "holiday",
    "节假日": "holiday",
    "休息": "holiday",
    "workday": "workday",
    "上班": "workday",
    "调休上班": "workday",
    "补班": "workday",
}
SANYUESAN = "三月三"
CALENDAR_MAX_BYTES = 1024 * 1024


class CalendarImportError(Exception):
    """Nothing was imported; `problems` says exactly what to fix, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class CalendarImportReport:
    year: int
    holidays: int
    workdays: int
    replaced: int
    warnings: list[str] = field(default_factory=list)


def _calendar_rows(raw: bytes, name: str) -> list[tuple[str, dict]]:
    """(where, row) pairs from a JSON or CSV holiday notice; `where` names the line or entry for messages."""
    import json

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CalendarImportError([_("文件不是 UTF-8 或 GB18030 编码的文本，请另存为 UTF-8 编码的 CSV 或 JSON 文件。")])
    stripped = text.lstrip()
    if name.lower().endswith(".json") or stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CalendarImportError(
                [
                    _("JSON 格式错误（第%(line)s行第%(col)s列）：%(msg)s")
                    % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
                ]
            ) from None
        days = data.get("days") if isinstance(data, dict) else data
        if not isinstance(days, list):
            raise CalendarImportError([_('JSON 文件须为 {"days": [{"date": …, "kind": …, "name": …}]} 的形式。')])
        return [(_("第%(n)s项") % {"n": i}, row if isinstance(row, dict) else {}) for i, row in enumerate(days, 1)]
    reader = csv.reader(io.StringIO(text))
    rows = [row for row in reader]
    if not rows:
        raise CalendarImportError([_("文件为空。")])
    header = [cell.strip().lower() for cell in rows[0]]
    aliases = {"date": ("date", "日期"), "kind": ("kind", "类型"), "name": ("name", "名称")}
    columns = {key: next((i for i, h in enumerate(header) if h in names), None) for key, names in aliases.items()}
    if columns["date"] is None or columns["kind"] is None:
        raise CalendarImportError(
            [_("第一行须为表头 date,kind,name（或 日期,类型,名称）；现在是：%(h)s") % {"h": ",".join(rows[0])}]
        )
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {key: (row[i].strip() if i is not None and i < len(row) else "") for key, i in columns.items()}
        result.append((_("第%(n)s行") % {"n": number}, values))
    return result


def _days_of(value: str) -> list[dt.date]:
    """A date, or a range written 2027-02-05..2027-02-11 (both days included)."""
    text = str(value or "").strip()
    if ".." in text:
        start, end = (dt.date.fromisoformat(part.strip()) for part in text.split("..", 1))
        if end < start:
            raise ValueError
        return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [dt.date.fromisoformat(text)]


def calendar_import(*, year: int, file, by, replace: bool = False, source: str = "") -> CalendarImportReport:
    """Load one year's holidays and adjusted working days (调休上班) from a CSV or JSON file, all or nothing.

    CSV: header `date,kind,name`; JSON: {"source": …, "days": [{"date", "kind", "name"}]}. `date` may be a range
    `2027-02-05..2027-02-11`; `kind` is holiday/放假 or workday/上班/调休上班. Every problem is reported at once
    with its line; a year already loaded is replaced only when `replace` is given.
    """
    from regulations.models import CalendarDay, CalendarYear

    if not 2000 <= year <= 2100:
        raise CalendarImportError([_("年份 %(y)s 不在 2000–2100 之间。") % {"y": year}])
    raw = file.read(CALENDAR_MAX_BYTES + 1)
    name = getattr(file, "name", "") or ""
    if len(raw) > CALENDAR_MAX_BYTES:
        raise CalendarImportError([_("文件超过 1 MB；一个年度的节假日安排只有几十行，请检查是否选错了文件。")])
    rows = _calendar_rows(raw, name)
    if not source and (name.lower().endswith(".json") or raw.lstrip()[:1] == b"{"):
        try:
            import json

            source = str(json.loads(raw.decode("utf-8-sig")).get("source") or "")
        except (ValueError, AttributeError):
            source = ""
    problems, days = [], {}
    for where, row in rows:
        kind = CALENDAR_KINDS.get(str(row.get("kind") or "").strip().lower())
        if kind is None:
            problems.append(
                _("%(where)s：类型“%(kind)s”无法识别，请填 holiday（放假）或 workday（调休上班）。")
                % {"where": where, "kind": row.get("kind") or ""}
            )
            continue
        try:
            dates = _days_of(row.get("date"))
        except (TypeError, ValueError):
            problems.append(
                _("%(where)s：日期“%(date)s”无效，请写成 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD。")
                % {"where": where, "date": row.get("date") or ""}
            )
            continue
        label = str(row.get("name") or "").strip()[:100]
        for day in dates:
            if day.year != year:
                problems.append(
                    _("%(where)s：%(day)s 不在 %(year)s 年；每个文件只导入一个年度。")
                    % {"where": where, "day": day.isoformat(), "year": year}
                )
            elif kind == "workday" and day.weekday() < 5:
                problems.append(
                    _("%(where)s：%(day)s 是工作日（周一至周五），调休上班日应为周六或周日，请核对通知。")
                    % {"where": where, "day": day.isoformat()}
                )
            elif day in days:
                problems.append(_("%(where)s：%(day)s 重复出现。") % {"where": where, "day": day.isoformat()})
            else:
                days[day] = (kind, label)
    if not problems and not any(kind == "holiday" for kind, _label in days.values()):
        problems.append(_("文件中没有放假日期。请按国务院办公厅当年节假日安排通知逐日列出放假日期和调休上班日期。"))
    existing = CalendarYear.objects.filter(year=year).first()
    if existing is not None and not replace:
        problems.insert(
            0,
            _("%(year)s 年的日历已经载入（来源：%(source)s）。如要以本文件替换，请勾选“替换”或在命令后加 --replace。")
            % {"year": year, "source": existing.source or "—"},
        )
    if problems:
        raise CalendarImportError(problems)

    source = (source or _("%(year)s 年节假日安排（导入文件 %(name)s）") % {"year": year, "name": name})[:200]
    with transaction.atomic():
        replaced = 0
        for old in CalendarDay.objects.filter(date__year=year):
            old._history_user = by
            old._change_reason = "calendar import (replaced)"
            old.delete()
            replaced += 1
        for day, (kind, label) in sorted(days.items()):
            row = CalendarDay(date=day, kind=kind, name=label, source=source)
            row._history_user = by
            row._change_reason = "calendar import"
            row.save()
        calendar_year = existing or CalendarYear(year=year)
        calendar_year.source = source
        calendar_year._history_user = by
        calendar_year._change_reason = "calendar import"
        calendar_year.save()
        transaction.on_commit(lambda: calendar_year_loaded.send(sender=CalendarYear, year=year))
    warnings = []
    if not any(SANYUESAN in label for _kind, label in days.values()):
        warnings.append(
            _("文件中没有广西“壮族三月三”假期。自治区政府办公厅公布后，请补充这两天（可在后台“节假日与调休”中添加）。")
        )
    holidays = sum(1 for kind, _label in days.values() if kind == "holiday")
    return CalendarImportReport(
        year=year, holidays=holidays, workdays=len(days) - holidays, replaced=replaced, warnings=warnings
    )
