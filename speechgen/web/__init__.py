"""The writers' workbench in the browser (``speechgen serve``; needs the ``web`` extra).

Nothing here is imported by ``import speechgen`` or by the other commands: ``speechgen serve``
imports :mod:`speechgen.web.app` when it runs, so the library and the CLI work without
Starlette installed.

    >>> from speechgen.web.app import ServerConfig, create_app   # an ASGI application
"""
