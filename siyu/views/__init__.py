"""What each page shows, as plain functions of frames: labels, translated tables, the words
and numbers of captions. No Streamlit here, so tests call them directly; a page only lays
out widgets, the cached metric calls, these and the charts (../shared/STYLE.md).

Every translation key is written out in full in a `{code: key}` map (shared families in
`siyu.labels`), so a scan checks them all.
"""
