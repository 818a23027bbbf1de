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
