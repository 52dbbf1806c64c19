"""Actions on regulation data. The directory import is shared by the admin view and the tests."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.credit_code import normalise_credit_code, validate_credit_code
from regulations.models import DirectoryEnterprise
from regulations.text import enumeration

HEADERS = {
    "name": ("name", "企业名称", "名称"),
    "credit_code": ("credit_code", "统一社会信用代码", "信用代码"),
    "joined_on": ("joined_on", "纳入名录日期", "纳入日期"),
    "left_on": ("left_on", "移出名录日期", "移出日期"),
}
MAX_ROWS = 20_000


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
