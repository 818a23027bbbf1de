"""The core's refusals worded for the cashier, through Qt's translation system (context ``Errors``).

The core raises errors with a kind (the class) and fields; this module chooses the words, in
Chinese (the source language) with English from desk_en.ts, instead of matching English text.
An error of no known kind falls back to the core's sentence, prefixed with what it is about.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.money import format_yuan
from desk.store.roster import AmbiguousMember
from desk.store.settling import ImplausibleLine, PriceNeedsApproval
from desk.store.users import MAX_FAILURES, LoginFailed, PermissionDenied, UserRefused

CONTEXT = "Errors"




USER_PROBLEMS = {
    "pin_format": QT_TRANSLATE_NOOP("Errors", "密码须为 4–12 位数字（半角 0–9）"),
    "user_id_format": QT_TRANSLATE_NOOP("Errors", "工号“%1”无效：须为 1–32 位字母、数字或 . _ -"),
    "role_unknown": QT_TRANSLATE_NOOP("Errors", "角色“%1”不存在"),
    "name_empty": QT_TRANSLATE_NOOP("Errors", "姓名不能为空"),
    "user_exists": QT_TRANSLATE_NOOP("Errors", "工号“%1”已存在"),
    "no_such_user": QT_TRANSLATE_NOOP("Errors", "没有工号为“%1”的用户"),
    "last_admin": QT_TRANSLATE_NOOP("Errors", "%1 是最后一位启用的管理员，不能停用或降级；请先添加另一位管理员"),
    "own_user_disabled": QT_TRANSLATE_NOOP("Errors", "不能停用自己的工号"),
}


ROLE_WORDS = {"cashier": QT_TRANSLATE_NOOP("Errors", "收款员"), "supervisor": QT_TRANSLATE_NOOP("Errors", "主管"),
              "admin": QT_TRANSLATE_NOOP("Errors", "管理员")}
ACTION_WORDS = {"settle": QT_TRANSLATE_NOOP("Errors", "结算"), "reverse": QT_TRANSLATE_NOOP("Errors", "冲正"),
                "late_entry": QT_TRANSLATE_NOOP("Errors", "补录"), "close_day": QT_TRANSLATE_NOOP("Errors", "日结"),
                "override_price": QT_TRANSLATE_NOOP("Errors", "改价授权"),
                "import": QT_TRANSLATE_NOOP("Errors", "导入名册或目录"), "users": QT_TRANSLATE_NOOP("Errors", "管理用户"),
                "settings": QT_TRANSLATE_NOOP("Errors", "更改本机设置")}


def user_refusal(exc: UserRefused) -> str:
    words = USER_PROBLEMS.get(exc.problem)
    if words is None:
        return str(exc)
    return QCoreApplication.translate("Errors", words).replace("%1", exc.value)


def describe(exc: Exception) -> str:
    """One sentence a cashier can act on."""
    if isinstance(exc, ImplausibleLine):
        if exc.field == "quantity":
            return (QCoreApplication.translate("Errors", "第 %1 行 %2 的数量 %3 超过合理上限 %4，请核对")
                    .replace("%1", str(exc.line)).replace("%2", exc.code).replace("%3", str(exc.value.normalize()))
                    .replace("%4", str(exc.limit.normalize())))
        return (QCoreApplication.translate("Errors", "第 %1 行 %2 的金额 ¥%3 超过单行合理上限 ¥%4，请核对数量和单价")
                .replace("%1", str(exc.line)).replace("%2", exc.code).replace("%3", format_yuan(exc.value))
                .replace("%4", format_yuan(exc.limit)))
    if isinstance(exc, PriceNeedsApproval):
        return (QCoreApplication.translate("Errors", "第 %1 行 %2 的单价 ¥%3 与目录价 ¥%4 不同，须主管授权")
                .replace("%1", str(exc.line)).replace("%2", exc.code).replace("%3", format_yuan(exc.price))
                .replace("%4", format_yuan(exc.catalog)))
    if isinstance(exc, AmbiguousMember):
        names = "；".join(f"{m.name}（{m.member_id}）" for m in exc.candidates)
        return QCoreApplication.translate("Errors", "“%1”对应多位参保人：%2。请改刷社保卡或身份证").replace("%1", exc.key).replace("%2", names)
    from desk.money import InputError
    from desk.store.tabular import ImportRefused

    if isinstance(exc, InputError):
        return input_problem(exc)
    if isinstance(exc, ImportRefused) or getattr(exc, "kind", None) in FILE_PROBLEMS:
        return import_problem(exc)
    if isinstance(exc, UserRefused):
        return user_refusal(exc)
    if isinstance(exc, LoginFailed):
        if exc.kind == "locked":
            return QCoreApplication.translate("Errors", "连续输错密码 %1 次，该工号已锁定，请主管解锁或稍后再试") \
                .replace("%1", str(MAX_FAILURES))
        return QCoreApplication.translate("Errors", "工号或密码错误")
    if isinstance(exc, PermissionDenied):
        role = QCoreApplication.translate("Errors", ROLE_WORDS.get(getattr(exc, "needs", ""), ROLE_WORDS["supervisor"]))
        what = ACTION_WORDS.get(getattr(exc, "action", ""))
        if what:
            return QCoreApplication.translate("Errors", "权限不足：%1须由%2操作").replace(
                "%1", QCoreApplication.translate("Errors", what)).replace("%2", role)
        return QCoreApplication.translate("Errors", "权限不足：须由%1操作").replace("%1", role)
    message = str(exc)
    known = {"no policy in force": QCoreApplication.translate("Errors", "该日期没有适用的医保政策："), "is not in the catalog": QCoreApplication.translate("Errors", "项目不在目录中：")}
    for needle, prefix in known.items():
        if needle in message:
            return prefix + message
    return message


# ---- bad input: InputError (a value typed or read from a file) and the rows of a refused import ----------------
FIELDS = {"member_id": QT_TRANSLATE_NOOP("Errors", "参保人编号"), "name": QT_TRANSLATE_NOOP("Errors", "姓名"),
          "id_number": QT_TRANSLATE_NOOP("Errors", "身份证号"), "card_number": QT_TRANSLATE_NOOP("Errors", "社保卡号"),
          "ecard_code": QT_TRANSLATE_NOOP("Errors", "医保电子凭证"), "category": QT_TRANSLATE_NOOP("Errors", "人员类别"),
          "birth_date": QT_TRANSLATE_NOOP("Errors", "出生日期"), "scheme": QT_TRANSLATE_NOOP("Errors", "参保档次"),
          "family_doctor_institution": QT_TRANSLATE_NOOP("Errors", "家庭医生签约机构"),
          "eligible": QT_TRANSLATE_NOOP("Errors", "参保状态"), "account_balance": QT_TRANSLATE_NOOP("Errors", "个人账户余额"),
          "family": QT_TRANSLATE_NOOP("Errors", "家庭共济"), "certified": QT_TRANSLATE_NOOP("Errors", "认定病种"),
          "code": QT_TRANSLATE_NOOP("Errors", "编码"), "spec": QT_TRANSLATE_NOOP("Errors", "规格"),
          "unit": QT_TRANSLATE_NOOP("Errors", "单位"), "class": QT_TRANSLATE_NOOP("Errors", "类别"),
          "selfpay_ratio": QT_TRANSLATE_NOOP("Errors", "先行自付比例"), "unit_price": QT_TRANSLATE_NOOP("Errors", "单价"),
          "fee_category": QT_TRANSLATE_NOOP("Errors", "费用类别"), "account_excluded": QT_TRANSLATE_NOOP("Errors", "不可用个人账户"),
          "barcode": QT_TRANSLATE_NOOP("Errors", "条码"), "quantity": QT_TRANSLATE_NOOP("Errors", "数量"),
          "tendered": QT_TRANSLATE_NOOP("Errors", "实收"), "amount": QT_TRANSLATE_NOOP("Errors", "金额"),
          "pin": QT_TRANSLATE_NOOP("Errors", "密码")}
PROBLEMS = {  # %1 the field, %2 the value, %3 the other line or member
    "not_a_number": QT_TRANSLATE_NOOP("Errors", "%1“%2”不是数字"),
    "negative": QT_TRANSLATE_NOOP("Errors", "%1不能为负数（%2）"),
    "too_large": QT_TRANSLATE_NOOP("Errors", "%1 %2 超出上限"),
    "precision": QT_TRANSLATE_NOOP("Errors", "%1 %2 的小数位数过多"),
    "required": QT_TRANSLATE_NOOP("Errors", "缺少%1"),
    "choice": QT_TRANSLATE_NOOP("Errors", "%1“%2”不是可选的值"),
    "unknown_field": QT_TRANSLATE_NOOP("Errors", "未知的字段%1"),
    "bad": QT_TRANSLATE_NOOP("Errors", "%1的值无效"),
    "control_char": QT_TRANSLATE_NOOP("Errors", "%1含有控制字符（%2），请删除"),
    "field_count": QT_TRANSLATE_NOOP("Errors", "有 %2 个字段，表头有 %3 个"),
    "not_json": QT_TRANSLATE_NOOP("Errors", "不是有效的 JSON"),
    "too_nested": QT_TRANSLATE_NOOP("Errors", "嵌套过深，不是一行数据"),
    "not_object": QT_TRANSLATE_NOOP("Errors", "不是 JSON 对象"),
    "unknown_column": QT_TRANSLATE_NOOP("Errors", "%1不是已知的列"),
    "not_scalar": QT_TRANSLATE_NOOP("Errors", "%1不是单个值（文字、数字或 true/false）"),
    "repeats": QT_TRANSLATE_NOOP("Errors", "%1“%2”与第 %3 行重复"),
    "taken": QT_TRANSLATE_NOOP("Errors", "%1“%2”已属于参保人 %3"),
    "not_a_member": QT_TRANSLATE_NOOP("Errors", "%1中的“%2”不是本机的参保人"),
}
FILE_PROBLEMS = {  # %1 the line, %2 the columns
    "unreadable": QT_TRANSLATE_NOOP("Errors", "文件无法读取"),
    "bad_encoding": QT_TRANSLATE_NOOP("Errors", "第 %1 行不是所选编码的文字（请另存为 UTF-8 或 GB18030）"),
    "bad_file": QT_TRANSLATE_NOOP("Errors", "第 %1 行格式有误（引号或分隔符不配对，或表头列名重复）"),
    "empty_file": QT_TRANSLATE_NOOP("Errors", "文件为空：第一行应为列名"),
    "missing_columns": QT_TRANSLATE_NOOP("Errors", "表头缺少列：%2"),
    "unknown_columns": QT_TRANSLATE_NOOP("Errors", "表头有未知的列：%2"),
    "no_rows": QT_TRANSLATE_NOOP("Errors", "文件中没有可导入的行"),
}
SHOWN_ROWS = 20


def field_name(field: str) -> str:
    return QCoreApplication.translate("Errors", FIELDS[field]) if field in FIELDS else field


def _problem(kind: str, field: str, value: str, other: str = "") -> str:
    words = PROBLEMS.get(kind, PROBLEMS["bad"])
    return (QCoreApplication.translate("Errors", words).replace("%1", field_name(field) if field else "")
            .replace("%2", value).replace("%3", other))


def input_problem(exc) -> str:
    """An InputError (desk.money): the field in the cashier's words, the value as typed."""
    return _problem(exc.kind, exc.field, exc.value)


def row_problem(error) -> str:
    """One refused row of an import: 第 N 行：what is wrong with which column."""
    return (QCoreApplication.translate("Errors", "第 %1 行：%2").replace("%1", str(error.line))
            .replace("%2", _problem(error.kind, error.column, error.value, error.other)))


def import_problem(exc: Exception) -> str:
    """Why a roster or catalog file was not imported, every line in Chinese (the first SHOWN_ROWS rows)."""
    from desk.store.tabular import ImportRefused

    if isinstance(exc, ImportRefused):
        lines = [QCoreApplication.translate("Errors", "%1 行有错误，未导入任何数据：").replace("%1", str(len(exc.errors)))]
        lines += [row_problem(e) for e in exc.errors[:SHOWN_ROWS]]
        if len(exc.errors) > SHOWN_ROWS:
            lines.append(QCoreApplication.translate("Errors", "……另有 %1 行").replace("%1", str(len(exc.errors) - SHOWN_ROWS)))
        return "\n".join(lines)
    kind = getattr(exc, "kind", None)
    if kind in FILE_PROBLEMS:
        fields = getattr(exc, "fields", {})
        return (QCoreApplication.translate("Errors", FILE_PROBLEMS[kind]).replace("%1", str(fields.get("line", "")))
                .replace("%2", str(fields.get("columns", ""))))
    return describe(exc)
