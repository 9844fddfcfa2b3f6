"""The writers' workbench in the browser (``speechgen serve``; needs the ``web`` extra).

Nothing here is imported by ``import speechgen`` or by the other commands: ``speechgen serve``
imports :mod:`speechgen.web.app` when it runs, so the library and the CLI work without
Starlette installed.

Why Starlette (with uvicorn): it is small (no ORM, no admin, few dependencies: anyio), well kept,
has the middleware hooks the security guard needs at the ASGI level (Host, token, Origin, CSRF and
body limits checked before any handler runs), serves static files and multipart uploads, and ships
a test client, while the pages stay ordinary Jinja2 templates.  Handlers are thin; the work lives in
:mod:`.service` (plain functions over the library's API) and runs in worker threads.

Modules: :mod:`.app` routes and error pages · :mod:`.security` the guard · :mod:`.service` preview
and downloads · :mod:`.forms` form ⇄ YAML ⇄ spec, uploads · :mod:`.specform` widgets from the spec
model · :mod:`.preview` Draft → HTML with findings · :mod:`.tables` uploaded indicator tables ·
:mod:`.dropped` unused input · :mod:`.uploads` limits and zip checks · :mod:`.workspace` saved files
· :mod:`.yamlio` spec ⇄ YAML · :mod:`.server` uvicorn.

    >>> from speechgen.web.app import ServerConfig, create_app   # an ASGI application
"""
