"""The UCI Online Retail file (real data, ../shared/public-data) imports as orders.

Expected counts, computed independently with pandas from the raw file (see the README there:
541,909 lines, 135,080 without CustomerID, 25,900 invoices):

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    d = df[df.CustomerID != ""]                      # 406,829 lines, 22,190 invoices
    d["v"] = [Decimal(q) * Decimal(p) for q, p in zip(d.Quantity, d.UnitPrice)]
    inv = d.groupby("InvoiceNo").agg(v=("v", "sum"), cust=("CustomerID", "first"))
    inv.v rounded half-up to cents; C-prefixed invoices: 3,654 (Σ |v| = 611,342.09)
    paid = not C and v > 0 → 18,532 invoices (4 others total 0.00), 4,338 customers,
           Σ v = 8,911,407.90

No invoice mixes lines with and without a customer, and none has two customers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from siyu import importer, ingest
from siyu.workspace import Workspace
from tests.helpers import read_sql

ROOT = Path(__file__).resolve().parents[2]
UCI = ROOT.parent / "shared" / "public-data" / "online_retail_uci.csv.gz"
if not UCI.exists():  # the file sits beside the checkout; the path is also absolute here
    UCI = Path("/work/shared/public-data/online_retail_uci.csv.gz")

pytestmark = pytest.mark.skipif(not UCI.exists(), reason="public data not present")


@pytest.fixture(scope="module")
def uci_ws(tmp_path_factory) -> tuple[Workspace, importer.Staged]:
    ws = Workspace(tmp_path_factory.mktemp("uci") / "ws")
    staged = importer.stage(ws, [importer.FileRequest(UCI, UCI.name)])
    return ws, staged


def test_the_uci_file_is_recognised_and_read_through_gzip():
    pv = ingest.preview(UCI, UCI.name)
    assert pv.platform == "uci_online_retail" and pv.kind == "orders"
    assert pv.encoding == "utf-8" and pv.header_row == 0
    assert pv.mapping["order_id"] == "InvoiceNo" and pv.mapping["user_id"] == "CustomerID"
    assert pv.mapping["amount"] == "UnitPrice" and pv.mapping["quantity"] == "Quantity"
    assert pv.options.lines and pv.options.amount_rule == "unit_price"
    assert pv.options.cancelled_prefix == "C" and pv.options.float_ids
    assert pv.identity == ingest.Identity("id", "CustomerID")


def test_lines_collapse_to_invoices_and_lines_without_a_customer_are_rejected(uci_ws):
    ws, staged = uci_ws
    conv = staged.converted[0]
    assert (conv.lines, conv.accepted, conv.rejected) == (541_909, 22_190, 135_080)
    first = ingest.rejected_frame(conv, "en", limit=3)
    assert list(first.line) == [624, 1445, 1446]  # file lines, the header being line 1
    assert set(first.column) == {"CustomerID"}
    assert all(r == "CustomerID is empty; it is required" for r in first.reason)
    importer.commit(ws, staged, "uci")


def test_paid_orders_buyers_and_gmv_follow_the_paid_order_rule(uci_ws):
    ws, _ = uci_ws
    src = ws.source("uci")
    by_status = read_sql(
        src, "select status, count(*) as n, sum(amount) as amount from orders group by 1 order by 1"
    )
    assert list(by_status.status) == ["cancelled", "paid"]
    assert list(by_status.n) == [3_654, 18_536]
    assert Decimal(str(by_status.amount[0])).quantize(Decimal("0.01")) == Decimal("611342.09")
    paid = read_sql(
        src,
        "select count(*) as n, count(distinct user_id) as buyers, sum(amount) as gmv "
        "from orders where status = 'paid' and amount > 0",
    )
    assert (int(paid.n[0]), int(paid.buyers[0])) == (18_532, 4_338)
    assert Decimal(str(paid.gmv[0])).quantize(Decimal("0.01")) == Decimal("8911407.90")


def test_invoice_rows_carry_the_first_line_data_and_clean_ids(uci_ws):
    ws, _ = uci_ws
    src = ws.source("uci")
    row = read_sql(src, "select * from orders where order_id = '536365'").iloc[0]
    # 7 lines: 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25 = 139.12
    assert row.user_id == "17850" and str(row.ordered_at) == "2010-12-01 08:26:00"
    assert Decimal(str(row.amount)) == Decimal("139.12") and row.quantity == 40
    assert row["product"].startswith("WHITE HANGING HEART T-LIGHT HOLDER、WHITE METAL LANTERN")
    cancelled = read_sql(src, "select * from orders where order_id = 'C536379'").iloc[0]
    # one line: -1 × 27.50 (a discount taken back): amount and quantity as positive values
    assert cancelled.status == "cancelled" and Decimal(str(cancelled.amount)) == Decimal("27.50")
    assert cancelled.quantity == 1
    ids = read_sql(src, "select count(*) as n from orders where user_id like '%.%'")
    assert ids.n[0] == 0


def test_cli_imports_the_uci_file(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "siyu", "--lang", "en", "import", str(UCI), "--dataset", "uci",
         "--workspace", str(tmp_path / "ws")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert (
        lines[0] == "online_retail_uci.csv.gz: orders table, 22190 rows accepted, 135080 rejected"
    )
    assert "  406,829 rows combined into 22,190" in lines
