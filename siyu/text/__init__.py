"""Parts of the translation table; each module defines `TEXT = {key: {lang: text}}`."""
