"""The settlement engine: ``settle(pack, member, usage, bill, at) -> Settlement``."""
from desk.engine.inputs import Bill, Certification, Institution, Item, Member, Usage, local_day
from desk.engine.result import FundPart, Settlement, Step
from desk.engine.settle import settle

__all__ = ["Bill", "Certification", "FundPart", "Institution", "Item", "Member", "Settlement", "Step", "Usage", "local_day", "settle"]
