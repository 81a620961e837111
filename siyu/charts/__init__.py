"""Every chart of the app, one module per area, built from tidy frames.

`style` holds the styling (palette, font, hovers and ticks by `siyu.fmt`, two value axes,
incomplete periods, escaping) and nothing else does. A builder takes its frame first and
everything else by keyword and returns a Plotly figure (`static`: an HTML fragment for the
weekly report). Import builders from their area module: `from siyu.charts.funnels import
funnel_steps`; a new area adds its own module and touches no other.
"""
