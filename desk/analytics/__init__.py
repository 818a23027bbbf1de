"""Supervision analytics: the seeds' watched indicators over any period and set of settlements.

Every seed asks for outpatient spending to be watched (南昌（五）, 吉林 五, 濮阳 第二十二、二十三条,
山东 二（八）); the desk holds exactly the data. Sums are taken in SQL over integer fen, reversals
netted as the claim statement nets them (by the reversal's own day), and each indicator names the
article that asks for it. Alerts carry the settlements behind them.
"""
from desk.analytics.indicators import Alert, Indicator, Selection, Supervision, SettlementRef, supervise
from desk.analytics.period import Period
from desk.analytics.thresholds import Thresholds, ThresholdError, load_thresholds

__all__ = ["Alert", "Indicator", "Period", "Selection", "SettlementRef", "Supervision", "ThresholdError", "Thresholds",
           "load_thresholds", "supervise"]
