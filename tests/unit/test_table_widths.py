"""Tables show long cells whole (issue 18.5): Streamlit sizes a column by the first rows it
sees, so a column that starts with "—" cut the later "2026-10-14 13:47:09" to
"2026-10-14 13:47:". `siyu.web.tables.table` gives text and time columns the width of their widest cell."""

from __future__ import annotations

import pandas as pd

from siyu.web.tables import text_widths


def width(config) -> int:
    return config["width"] if isinstance(config, dict) else config._asdict()["width"]


def test_a_column_is_as_wide_as_its_widest_cell_not_its_first():
    frame = pd.DataFrame(
        {
            "首单时间": [None] * 20 + [pd.Timestamp("2026-10-14 13:47:09")],
            "渠道": ["公众号"] * 20 + ["老带新裂变活动渠道"],
            "人数": [1] * 20 + [123456],
        }
    )
    widths = text_widths(frame, skip={"人数"})
    assert set(widths) == {"首单时间", "渠道"}
    # 19 Latin characters at 8 px, 9 CJK at 14 px, plus the cell's padding
    assert width(widths["首单时间"]) == 19 * 8 + 28
    assert width(widths["渠道"]) == 9 * 14 + 28


def test_widths_stop_at_480_pixels():
    frame = pd.DataFrame({"商品": ["长" * 200]})
    assert width(text_widths(frame)["商品"]) == 480
