"""Spec → Draft: the sandboxed Jinja2 engine, the template context and its views, the phrase bank, and narration."""
