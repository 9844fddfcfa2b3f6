"""Draft → .docx: the one place that writes raw OOXML."""
