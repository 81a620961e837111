"""The Data page with a line-level file (issue 18.2): a GB18030 export with unit prices and
quantities but no amount paid. "检查数据" cannot be clicked while the amount is neither mapped
nor derivable, the page says what is missing, and once it can be derived the check works and
the lines are kept."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from siyu.i18n import LANGUAGES
from tests.unit.test_order_items import LINES

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def data_page(monkeypatch, ws, lang: str) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = LANGUAGES[lang]
    at.run()
    at.switch_page("pages/data.py").run()
    return at


def select(at: AppTest, suffix: str):
    return next(s for s in at.selectbox if s.key and s.key.endswith(suffix))


def test_the_check_waits_for_an_amount_and_says_what_is_missing(monkeypatch, empty_ws):
    at = data_page(monkeypatch, empty_ws, "zh-Hans")
    # 单品价格 is a header no alias knows: nothing gives the amount yet
    at.file_uploader[0].set_value(("明细.csv", LINES.encode("gb18030"), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="new_name").set_value("shop").run()
    # the file repeats an order id with different products: line-level, ticked
    lines_box = next(c for c in at.checkbox if c.key and c.key.startswith("lines-"))
    assert lines_box.value is True
    assert any("一行一个商品的文件" in i.value for i in at.info)
    warnings = " ".join(w.value for w in at.warning)
    assert "实付金额" in warnings and "还不能检查" in warnings
    assert any("商品单价" in i.value and "数量" in i.value for i in at.info)
    check = at.button(key="check")
    assert check.disabled
    # the unit price column, given: the amount is Σ 件数 × 单品价格 and the check runs
    select(at, "-orders-unit_price").set_value("单品价格").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("订单金额 = Σ 数量「件数」× 单价「单品价格」" in c.value for c in at.caption)
    assert not any("还不能检查" in w.value for w in at.warning)
    check = at.button(key="check")
    assert not check.disabled
    check.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["明细.csv · 订单 · 可导入行数"] == "4"
    assert any("6 个商品行保存为商品明细" in c.value for c in at.caption)
    at.button(key="save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    head = empty_ws.get("shop").head
    assert head.tables["orders"].rows == 4 and head.tables["order_items"].rows == 6


def test_the_line_columns_are_labelled_in_english(monkeypatch, empty_ws):
    data = LINES.replace("单品价格", "单价").encode("gb18030")
    at = data_page(monkeypatch, empty_ws, "en")
    at.file_uploader[0].set_value(("b.csv", data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert select(at, "-orders-unit_price").label == "Unit price"
    assert select(at, "-orders-unit_price").value == "单价"
    assert select(at, "-orders-sku").value == "规格"
    assert not at.button(key="check").disabled
    assert any("the order's amount is Σ quantity “件数” × unit price “单价”" in c.value
               for c in at.caption)  # fmt: skip
