"""The core's refusals worded for the cashier, through Qt's translation system (context ``Errors``).

The core raises errors with a kind (the class) and fields; this module chooses the words, in
Chinese (the source language) with English from desk_en.ts, instead of matching English text.
An error of no known kind falls back to the core's sentence, prefixed with what it is about.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.money import format_yuan
from desk.store.roster import AmbiguousMember
from desk.store.settling import ImplausibleLine, PriceNeedsApproval
from desk.store.users import LoginFailed, PermissionDenied

CONTEXT = "Errors"




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
    if isinstance(exc, PermissionDenied):
        return QCoreApplication.translate("Errors", "权限不足：") + str(exc)
    if isinstance(exc, LoginFailed):
        return QCoreApplication.translate("Errors", "登录失败：") + str(exc)
    message = str(exc)
    known = {"no policy in force": QCoreApplication.translate("Errors", "该日期没有适用的医保政策："), "is not in the catalog": QCoreApplication.translate("Errors", "项目不在目录中：")}
    for needle, prefix in known.items():
        if needle in message:
            return prefix + message
    return message
