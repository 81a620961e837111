"""The demo-data generator (siyu.sample): determinism, schema, and the realistic patterns."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from siyu.sample import generate
from siyu.schema import TABLES

END = dt.date(2026, 11, 1)
WEEKS = 12
TS_TYPES = {"ordered_at", "joined_at", "left_at", "at", "created_at"}
MONEY = {"amount", "discount"}
PAID = "status = 'paid' AND amount > 0"


def _connect(paths: dict[str, Path]) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the tables typed as the schema says (ids stay text)."""
    con = duckdb.connect()
    for table, path in paths.items():
        cols = []
        for c in TABLES[table].columns:
            q = f'"{c.name}"'
            if c.name in TS_TYPES:
                cols.append(f"strptime({q}, '%Y-%m-%d %H:%M:%S') AS {q}")
            elif c.name in MONEY:
                cols.append(f"{q}::DECIMAL(18,2) AS {q}")
            elif c.name == "quantity":
                cols.append(f"{q}::INTEGER AS {q}")
            else:
                cols.append(q)
        src = f"read_csv('{path}', header=true, all_varchar=true)"
        con.execute(f"CREATE TABLE {table} AS SELECT {', '.join(cols)} FROM {src}")
    return con


def _one(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()


@pytest.fixture(scope="module")
def default_paths(tmp_path_factory) -> dict[str, Path]:
    return generate(tmp_path_factory.mktemp("demo_default"))


@pytest.fixture(scope="module")
def db(default_paths) -> duckdb.DuckDBPyConnection:
    con = _connect(default_paths)
    yield con
    con.close()


@pytest.fixture(scope="module")
def small_paths(tmp_path_factory) -> dict[str, Path]:
    return generate(tmp_path_factory.mktemp("demo_small"), members=2000)


def test_returns_five_tables_with_schema_headers(default_paths):
    assert sorted(default_paths) == ["activity", "groups", "members", "orders", "staff_daily"]
    for table, path in default_paths.items():
        assert path.name == f"{table}.csv"
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == TABLES[table].column_names


def test_deterministic_and_seed_dependent(small_paths, tmp_path):
    again = generate(tmp_path / "again", members=2000)
    other = generate(tmp_path / "other", members=2000, seed=8)
    for table, path in small_paths.items():
        assert again[table].read_bytes() == path.read_bytes(), table
    assert other["orders"].read_bytes() != small_paths["orders"].read_bytes()
    assert other["members"].read_bytes() != small_paths["members"].read_bytes()


def test_ids_unique_text_with_leading_zeros(db):
    n, distinct = _one(db, "SELECT count(*), count(DISTINCT order_id) FROM orders")
    assert n == distinct > 0
    n, distinct = _one(db, "SELECT count(*), count(DISTINCT user_id) FROM members")
    assert n == distinct == 5000
    assert _one(db, "SELECT count(*) FROM groups") == _one(
        db, "SELECT count(DISTINCT group_id) FROM groups"
    )
    bad = _one(
        db,
        r"""SELECT
            (SELECT count(*) FROM members WHERE NOT regexp_full_match(user_id, 'U\d{6}'))
          + (SELECT count(*) FROM orders WHERE NOT regexp_full_match(order_id, 'O\d{7}'))
          + (SELECT count(*) FROM groups WHERE NOT regexp_full_match(group_id, 'G\d{2}'))""",
    )[0]
    assert bad == 0
    assert _one(db, "SELECT min(user_id) FROM members")[0] == "U000001"
    assert _one(db, "SELECT count(*) FROM members WHERE user_id LIKE 'U000%'")[0] > 900


def test_timestamps_span_the_weeks_before_end(db, default_paths):
    start = dt.datetime.combine(END, dt.time()) - dt.timedelta(weeks=WEEKS)
    end = dt.datetime.combine(END, dt.time())
    lo, hi = _one(db, "SELECT min(joined_at), max(joined_at) FROM members")
    assert start <= lo < start + dt.timedelta(days=2)
    assert end - dt.timedelta(days=1) <= hi < end
    for table, col in (("orders", "ordered_at"), ("activity", "at")):
        lo, hi = _one(db, f'SELECT min("{col}"), max("{col}") FROM {table}')
        assert start <= lo and hi < end, table
    # the text itself is YYYY-MM-DD HH:MM:SS and amounts carry two decimals
    with default_paths["orders"].open(encoding="utf-8") as f:
        f.readline()
        row = f.readline().split(",")
    dt.datetime.strptime(row[2], "%Y-%m-%d %H:%M:%S")
    assert len(row[3].split(".")[1]) == 2 and len(row[9].strip().split(".")[1]) == 2


def test_members_weekly_seasonality_and_growth(db):
    first, last = _one(
        db,
        """SELECT count(*) FILTER (WHERE joined_at < (SELECT min(joined_at) FROM members)
                                   + INTERVAL 28 DAY),
                  count(*) FILTER (WHERE joined_at >= (SELECT max(joined_at) FROM members)
                                   - INTERVAL 28 DAY)
           FROM members""",
    )
    assert last > 1.5 * first
    weekend, weekday = _one(
        db,
        """SELECT count(*) FILTER (WHERE isodow(joined_at) >= 6) / 2,
                  count(*) FILTER (WHERE isodow(joined_at) < 6) / 5 FROM members""",
    )
    assert weekend > 1.1 * weekday


def test_channels_differ_in_size_and_quality(db):
    rows = db.execute(
        f"""SELECT channel, count(*) AS n,
                   avg((user_id IN (SELECT user_id FROM orders WHERE {PAID}))::INT) AS buy
            FROM members GROUP BY channel ORDER BY n DESC"""
    ).fetchall()
    assert len(rows) >= 4
    assert all(ch and all("\u4e00" <= c <= "\u9fff" for c in ch) for ch, _, _ in rows)
    sizes = [n for _, n, _ in rows]
    rates = [b for _, _, b in rows]
    assert max(sizes) > 1.5 * min(sizes)
    assert max(rates) - min(rates) > 0.15
    # invited members come through 老带新裂变, and only they do
    assert (
        _one(
            db,
            """SELECT count(*) FROM members
           WHERE (inviter_id IS NOT NULL) <> (channel = '老带新裂变')""",
        )[0]
        == 0
    )


def test_groups_one_oversized(db):
    n_groups = _one(db, "SELECT count(*) FROM groups")[0]
    assert n_groups >= 10
    sizes = [
        n
        for (n,) in db.execute(
            "SELECT count(*) FROM members WHERE group_id IS NOT NULL GROUP BY group_id"
        ).fetchall()
    ]
    assert sum(s > 200 for s in sizes) == 1
    assert len(sizes) >= 10
    assert (
        _one(
            db,
            """SELECT count(*) FROM (SELECT group_id FROM members UNION SELECT group_id FROM orders
           UNION SELECT group_id FROM activity) u
           WHERE group_id IS NOT NULL AND group_id NOT IN (SELECT group_id FROM groups)""",
        )[0]
        == 0
    )
    names = {r[0] for r in db.execute("SELECT name FROM groups").fetchall()}
    assert any(n.startswith("福利群") for n in names) and "会员群" in names
    assert _one(db, "SELECT count(*) FROM groups WHERE owner IS NULL OR created_at IS NULL")[0] == 0
    # the members of a group joined after it was created
    assert (
        _one(
            db,
            """SELECT count(*) FROM members m JOIN groups g USING (group_id)
           WHERE m.joined_at < g.created_at""",
        )[0]
        == 0
    )


def test_invite_chains(db):
    assert (
        _one(
            db,
            """SELECT count(*) FROM members m LEFT JOIN members i ON m.inviter_id = i.user_id
           WHERE m.inviter_id IS NOT NULL AND (i.user_id IS NULL OR i.joined_at >= m.joined_at)""",
        )[0]
        == 0
    )
    depth = _one(
        db,
        """WITH RECURSIVE chain(user_id, depth) AS (
             SELECT user_id, 1 FROM members WHERE inviter_id IS NULL
             UNION ALL
             SELECT m.user_id, c.depth + 1 FROM members m JOIN chain c ON m.inviter_id = c.user_id)
           SELECT max(depth) FROM chain""",
    )[0]
    assert depth >= 4  # root → invitee → invitee → invitee: three invitations deep
    share = _one(db, "SELECT avg((inviter_id IS NOT NULL)::INT) FROM members")[0]
    assert 0.1 < share < 0.4
    top = _one(
        db,
        "SELECT max(n) FROM (SELECT count(*) n FROM members WHERE inviter_id IS NOT NULL "
        "GROUP BY inviter_id)",
    )[0]
    assert top >= 5  # a few super-inviters


def test_leavers_tiers_tags(db):
    left, bad = _one(
        db,
        """SELECT count(*) FILTER (WHERE left_at IS NOT NULL),
                  count(*) FILTER (WHERE left_at <= joined_at) FROM members""",
    )
    assert 100 < left < 1500 and bad == 0
    tiers = dict(db.execute("SELECT tier, count(*) FROM members GROUP BY tier").fetchall())
    assert tiers.pop(None) > 500  # not exported for some: the spend rule applies there
    assert {"普通会员", "银卡", "金卡"} <= set(tiers) <= {"普通会员", "银卡", "金卡", "钻石卡"}
    spend = dict(
        db.execute(
            f"""SELECT m.tier, avg(coalesce(s.gmv, 0)) FROM members m
                LEFT JOIN (SELECT user_id, sum(amount) gmv FROM orders WHERE {PAID}
                           GROUP BY user_id) s USING (user_id)
                WHERE m.tier IS NOT NULL GROUP BY m.tier"""
        ).fetchall()
    )
    assert spend["普通会员"] < spend["银卡"] < spend["金卡"]
    assert _one(db, "SELECT count(*) FROM members WHERE tags LIKE '%;%'")[0] > 0


def test_buyers_orders_and_golden_period(db):
    buyers, orders = _one(
        db,
        f"SELECT count(DISTINCT user_id), count(*) FROM orders WHERE {PAID}",
    )
    members = 5000
    assert 0.3 * members < buyers < 0.6 * members
    assert 2.0 <= _one(db, "SELECT count(*) FROM orders")[0] / buyers <= 4.0
    assert orders > buyers * 1.8
    golden = _one(
        db,
        f"""WITH f AS (SELECT user_id, min(ordered_at) fo FROM orders WHERE {PAID}
                       GROUP BY user_id)
            SELECT avg((date_diff('day', m.joined_at::DATE, f.fo::DATE) BETWEEN 0 AND 3)::INT)
            FROM members m JOIN f USING (user_id)""",
    )[0]
    assert golden > 0.5
    # order group = the member's main group
    assert (
        _one(
            db,
            """SELECT count(*) FROM orders o JOIN members m USING (user_id)
           WHERE o.group_id IS DISTINCT FROM m.group_id""",
        )[0]
        == 0
    )


def test_statuses_welfare_campaigns_products(db):
    share = dict(
        db.execute(
            "SELECT status, count(*) / sum(count(*)) OVER () FROM orders GROUP BY status"
        ).fetchall()
    )
    assert set(share) == {"paid", "refunded", "cancelled"}
    assert 0.02 < share["refunded"] < 0.07 and 0.02 < share["cancelled"] < 0.07
    zero, zero_not_welfare, negative = _one(
        db,
        """SELECT avg((amount = 0)::INT),
                  count(*) FILTER (WHERE amount = 0 AND (campaign <> 'welfare'
                                   OR status <> 'paid')),
                  count(*) FILTER (WHERE amount < 0 OR discount < 0) FROM orders""",
    )
    assert 0.03 < zero < 0.08 and zero_not_welfare == 0 and negative == 0
    campaigns = {r[0] for r in db.execute("SELECT DISTINCT campaign FROM orders").fetchall()}
    assert {"7day", "flash_sale", "fission", "welfare", None} <= campaigns
    products = db.execute("SELECT DISTINCT product FROM orders").fetchall()
    assert len(products) >= 8 and ("土鸡蛋30枚",) in products
    assert _one(db, "SELECT min(quantity) FROM orders")[0] >= 1
    assert _one(db, "SELECT count(*) FROM orders WHERE discount > 0")[0] > 500


def test_deeper_discounts_convert_more(db):
    rows = dict(
        db.execute(
            """SELECT CASE WHEN discount = 0 THEN 0
                           WHEN discount / (amount + discount) >= 0.2 THEN 2 ELSE 1 END AS depth,
                      avg((status <> 'cancelled')::INT)
               FROM orders WHERE campaign IS DISTINCT FROM 'welfare' GROUP BY depth"""
        ).fetchall()
    )
    assert rows[2] > rows[0] + 0.015


def test_buyers_before_joining_and_non_members(db):
    early = _one(
        db,
        f"""SELECT count(DISTINCT o.user_id) FROM orders o JOIN members m USING (user_id)
            WHERE o.{PAID.replace(" AND ", " AND o.")} AND o.ordered_at < m.joined_at""",
    )[0]
    outsiders = _one(
        db,
        "SELECT count(DISTINCT user_id) FROM orders "
        "WHERE user_id NOT IN (SELECT user_id FROM members)",
    )[0]
    assert 5 <= early <= 100
    assert 3 <= outsiders <= 50


def test_seven_day_programme_effect(db):
    rows = db.execute(
        f"""WITH o AS (SELECT o.*, date_diff('day', m.joined_at::DATE, o.ordered_at::DATE) AS d
                       FROM orders o JOIN members m USING (user_id)),
            per AS (
              SELECT m.user_id,
                     coalesce(bool_or(o.campaign = '7day' AND o.d BETWEEN 0 AND 6), false) AS p7,
                     count(DISTINCT o.ordered_at::DATE)
                       FILTER (WHERE o.{PAID} AND o.d BETWEEN 0 AND 6) AS days06,
                     count(*) FILTER (WHERE o.{PAID} AND o.d BETWEEN 7 AND 36) > 0 AS rep
              FROM members m LEFT JOIN o USING (user_id)
              WHERE m.joined_at::DATE + 36 < (SELECT max(ordered_at)::DATE FROM orders)
              GROUP BY m.user_id)
            SELECT p7, count(*), avg(days06) FILTER (WHERE days06 > 0),
                   avg(rep::INT) FILTER (WHERE days06 > 0), avg(rep::INT)
            FROM per GROUP BY p7"""
    ).fetchall()
    by = {r[0]: r[1:] for r in rows}
    n7, days7, rep7, rep7_all = by[True]
    n0, days0, rep0, rep0_all = by[False]
    assert n7 >= 100 and n0 >= 500
    assert days7 > days0 + 0.5  # more distinct buying days in the first week
    assert rep7 > rep0 + 0.08  # and more repurchases on days 7–36
    assert rep7_all > rep0_all


def test_activity_hour_peaks_kinds_and_groups(db):
    peak = _one(
        db,
        'SELECT avg((hour("at") IN (7, 8, 9, 12, 13, 19, 20, 21, 22))::INT) FROM activity',
    )[0]
    assert peak > 9 / 24 + 0.2
    kinds = {r[0] for r in db.execute("SELECT DISTINCT kind FROM activity").fetchall()}
    assert {"message", "checkin", "like", "view"} <= kinds
    own = _one(
        db,
        """SELECT avg((a.group_id = m.group_id)::INT) FROM activity a JOIN members m
           USING (user_id) WHERE m.group_id IS NOT NULL""",
    )[0]
    assert 0.8 < own < 1.0


def test_activity_within_membership(db):
    assert (
        _one(
            db,
            """SELECT count(*) FROM activity a LEFT JOIN members m USING (user_id)
           WHERE m.user_id IS NULL OR a."at" < m.joined_at OR a."at" > m.left_at""",
        )[0]
        == 0
    )


def test_activity_decays_and_buyers_are_more_active(db):
    early, late = _one(
        db,
        """SELECT count(*) FILTER (WHERE d BETWEEN 0 AND 6),
                  count(*) FILTER (WHERE d BETWEEN 21 AND 27)
           FROM (SELECT date_diff('day', m.joined_at::DATE, a."at"::DATE) d
                 FROM activity a JOIN members m USING (user_id)
                 WHERE m.joined_at < (SELECT max(joined_at) FROM members) - INTERVAL 30 DAY
                   AND m.left_at IS NULL)""",
    )
    assert early > 1.3 * late
    buyer, other = _one(
        db,
        f"""SELECT avg(n) FILTER (WHERE b), avg(n) FILTER (WHERE NOT b) FROM (
              SELECT m.user_id, m.user_id IN (SELECT user_id FROM orders WHERE {PAID}) b,
                     count(a.user_id) n
              FROM members m LEFT JOIN activity a USING (user_id) GROUP BY m.user_id, b)""",
    )
    assert buyer > 1.5 * other
    per_member = _one(db, "SELECT count(*) FROM activity")[0] / 5000
    assert 10 < per_member < 40


def test_scale_knobs(small_paths, tmp_path):
    def rows(path: Path) -> int:
        return path.read_bytes().count(b"\n") - 1

    base_orders, base_activity = rows(small_paths["orders"]), rows(small_paths["activity"])
    more = generate(tmp_path / "more", members=2000, orders_scale=2.0, activity_scale=0.5)
    assert rows(more["orders"]) > 1.3 * base_orders
    assert 0.4 * base_activity < rows(more["activity"]) < 0.6 * base_activity
    target = generate(tmp_path / "t", members=2000, orders_per_member=5, activity_per_member=10)
    assert 9_000 < rows(target["orders"]) < 11_000
    assert 18_000 < rows(target["activity"]) < 22_000
    assert rows(target["members"]) == 2000


def test_tiny_sizes_work(tmp_path):
    for n, weeks in ((1, 12), (3, 1), (40, 2)):
        paths = generate(tmp_path / f"n{n}", members=n, weeks=weeks)
        con = _connect(paths)
        assert _one(con, "SELECT count(*) FROM members")[0] == n
        lo = _one(con, "SELECT min(joined_at) FROM members")[0]
        assert lo >= dt.datetime.combine(END, dt.time()) - dt.timedelta(weeks=weeks)
        con.close()
