"""Orders of buyers who behave as BG/NBD and Gamma-Gamma say, for the lifetime-value bench.

`simulate(n)` draws `n` buyers with the published CDNOW parameters (r = 0.243, α = 4.414
a week, a = 0.793, b = 2.426; p = 6.25, q = 3.74, γ = 15.44): each makes a first purchase
on a day of the first 12 weeks, then buys at rate λ ~ Gamma(r, α) while alive and, after
each repeat purchase, drops out with probability p ~ Beta(a, b); each purchase's amount is
Gamma(p, ν) with ν ~ Gamma(q, γ) per buyer. Purchases are kept over 78 weeks (calibration 52,
holdout 26). `write_orders` writes them as a Siyu orders CSV. Several purchases on one day
merge into one purchase day in the summaries, so the fit recovers the parameters closely,
not exactly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

START = dt.date(2025, 1, 6)
WEEKS = 78
CALIBRATION_WEEKS = 52
PARAMETERS = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def simulate(n: int, *, seed: int = 7, start_weeks: int = 12) -> pd.DataFrame:
    """Columns user (0 … n-1), day (days after START), amount; one row per purchase."""
    rng = np.random.default_rng(seed)
    p = PARAMETERS
    rate = rng.gamma(p["r"], 1 / p["alpha"], n) / 7.0  # purchases a day
    drop = rng.beta(p["a"], p["b"], n)
    nu = rng.gamma(SPEND["q"], 1 / SPEND["gamma"], n)
    first = rng.integers(0, start_weeks * 7, n).astype(float)
    users, days = [np.arange(n)], [first]
    alive, t = np.arange(n), first
    repeat = False
    while len(alive):
        if repeat:  # after each repeat purchase, drop out with probability p
            stay = rng.random(len(alive)) >= drop[alive]
            alive, t = alive[stay], t[stay]
        repeat = True
        t = t + rng.exponential(1.0, len(alive)) / np.maximum(rate[alive], 1e-12)
        inside = t < WEEKS * 7
        alive, t = alive[inside], t[inside]
        users.append(alive)
        days.append(t)
    user = np.concatenate(users)
    day = np.floor(np.concatenate(days)).astype(int)
    amount = np.round(rng.gamma(SPEND["p"], 1 / nu[user]), 2).clip(0.01)
    return pd.DataFrame({"user": user, "day": day, "amount": amount})


def write_orders(path: Path, n: int, seed: int = 7) -> int:
    """Write the simulated purchases of `n` buyers as an orders CSV; returns its rows."""
    sim = simulate(n, seed=seed)
    stamps = pd.Timestamp(START) + pd.to_timedelta(sim["day"], unit="D") + pd.Timedelta(hours=12)
    frame = pd.DataFrame(
        {
            "order_id": np.arange(1, len(sim) + 1),
            "user_id": "B" + sim["user"].astype(str).str.zfill(7),
            "ordered_at": stamps.dt.strftime("%Y-%m-%d %H:%M:%S"),
            "amount": sim["amount"].map("{:.2f}".format),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return len(frame)


def calibration_end() -> dt.date:
    return START + dt.timedelta(days=CALIBRATION_WEEKS * 7 - 1)


def last_day() -> dt.date:
    return START + dt.timedelta(days=WEEKS * 7 - 1)
