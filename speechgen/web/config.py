"""The workbench's configuration: what ``speechgen serve`` was started with.

It travels to worker processes (``serve --workers``) as JSON in an environment variable.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from speechgen.web.security import GuardConfig
from speechgen.web.service import Settings

ENV_CONFIG = "SPEECHGEN_WEB_CONFIG"


@dataclass
class ServerConfig:
    guard: GuardConfig = field(default_factory=GuardConfig)
    settings: Settings = field(default_factory=Settings)

    def to_json(self) -> str:
        """For worker processes (``serve --workers``): plain values only."""
        g, s = self.guard, self.settings
        return json.dumps({"guard": {"bind": g.bind, "token": g.token, "allowed_hosts": list(g.allowed_hosts),
                                     "max_body": g.max_body, "machine_names": list(g.machine_names)},
                           "settings": {"workspace": str(s.workspace) if s.workspace else None,
                                        "templates": [str(t) for t in s.templates],
                                        "phrases": [str(p) for p in s.phrases], "max_upload": s.max_upload}})

    @classmethod
    def from_json(cls, text: str) -> "ServerConfig":
        raw = json.loads(text)
        g, s = raw["guard"], raw["settings"]
        guard = GuardConfig(bind=g["bind"], token=g["token"], allowed_hosts=tuple(g["allowed_hosts"]),
                            max_body=g["max_body"], machine_names=tuple(g["machine_names"]))
        settings = Settings(workspace=Path(s["workspace"]) if s["workspace"] else None,
                                    templates=tuple(Path(t) for t in s["templates"]),
                                    phrases=tuple(Path(p) for p in s["phrases"]), max_upload=s["max_upload"])
        return cls(guard, settings)
