"""The new and returning buyers section's words and table (`siyu.metrics.buyers`)."""

from __future__ import annotations

import pandas as pd

from siyu import fmt
from siyu.metrics.base import ratio

COLUMNS: dict[str, str] = {
    "week": "buyers.col.week",
    "new_buyers": "buyers.col.new_buyers",
    "new_gmv": "buyers.col.new_gmv",
    "returning_buyers": "buyers.col.returning_buyers",
    "returning_gmv": "buyers.col.returning_gmv",
    "gmv": "buyers.col.gmv",
    "new_share": "buyers.col.new_share",
}
KINDS: dict[str, str] = {
    "new_buyers": "count",
    "new_gmv": "money",
    "returning_buyers": "count",
    "returning_gmv": "money",
    "gmv": "money",
    "new_share": "rate",
}


def period_share(split: pd.DataFrame) -> str:
    """New buyers' share of the whole period's GMV, as shown (— without sales)."""
    return fmt.show("rate", ratio(sum(split["new_gmv"]), sum(split["gmv"])))
