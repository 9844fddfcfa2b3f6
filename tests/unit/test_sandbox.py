"""User templates run sandboxed: no Python internals, no files outside the search path, no environment."""
from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.compose.engine import RenderOptions, render_draft
from speechgen.errors import TemplateError

ATTACKS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ spec.__class__.__init__.__globals__ }}",
    "{{ phrase.__call__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/passwd' %}",
    "{{ environ }}",
    "{% for i in range(10**9) %}{% endfor %}",
    "{% set x = [] %}{{ x.append(1) }}",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_user_template_cannot_escape(tmp_path: Path, make_spec, attack: str) -> None:
    (tmp_path / "quarterly_analysis.j2").write_text(f"::title 标题\n\n正文{attack}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        render_draft(make_spec(), RenderOptions(template_dirs=[tmp_path]))
    assert "模板" in str(info.value)


def test_secrets_never_reach_output(tmp_path: Path, make_spec, monkeypatch) -> None:
    monkeypatch.setenv("SPEECHGEN_SECRET", "HUNTER2")
    (tmp_path / "quarterly_analysis.j2").write_text(
        "::title 标题\n\n{{ meeting.title }}{{ spec.meeting.region }}\n", encoding="utf-8")
    draft = render_draft(make_spec(), RenderOptions(template_dirs=[tmp_path]))
    assert "HUNTER2" not in draft.text and "全市一季度经济运行分析会全市" in draft.text
