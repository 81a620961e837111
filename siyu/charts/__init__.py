# ruff: noqa: F401  (transitional re-exports, see the TODO below)
"""Every chart of the app, one module per area, built from tidy frames.

`style` holds the styling (palette, font, hovers and ticks by `siyu.fmt`, two value axes,
incomplete periods, escaping) and nothing else does. A builder takes its frame first and
everything else by keyword and returns a Plotly figure (`static`: an HTML fragment for the
weekly report). Import builders from their area module: `from siyu.charts.funnels import
funnel_steps`; a new area adds its own module and touches no other.
"""

# TODO(issue 20): pages still being written elsewhere call `charts.<builder>`; once each
# imports from its area module, these names go.
from siyu.charts.funnels import conversion_trend, funnel_breakdown, funnel_steps
from siyu.charts.groups import group_counts, rate_with_target, weekday_hour_heatmap
from siyu.charts.leaderboards import (
    fission_weeks,
    image_config,
    invitation_levels,
    leaderboard_bars,
    lost_weeks,
)
from siyu.charts.members import SEGMENT_COLOURS, segment_treemap, tier_bars, tier_sankey
from siyu.charts.retention import (
    cell_rate,
    rate_comparison,
    retention_curves,
    retention_heatmap,
    segment_curves,
    seven_day_histogram,
)
from siyu.charts.series import bars_over_time, line_over_time
from siyu.charts.static import STATIC_CSS, funnel_html, retention_heatmap_html, share_bars_html
from siyu.charts.value import clv_holdout_bars, clv_tracking_lines, value_curves
from siyu.charts.whatif import whatif_cumulative, whatif_discount_fit, whatif_tornado
