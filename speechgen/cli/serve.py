"""`speechgen serve`: the writers' workbench in the browser (needs ``pip install "speechgen[web]"``)."""
from __future__ import annotations

from pathlib import Path

import click

from speechgen.cli import main

WEB_EXTRA_HINT = '网页写作台需要额外组件，请先安装：pip install "speechgen[web]"'


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只允许本机访问。给出其他地址（如 0.0.0.0）时需要访问令牌")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口（0 表示任选空闲端口）")
@click.option("--workspace", type=click.Path(file_okay=False, path_type=Path),
              help="工作区目录：讲话稿设置和生成的稿子按名称保存在这里；不给则服务器上不保留任何内容")
@click.option("--token", help="访问令牌（监听非本机地址时必需；不给则自动生成并显示）")
@click.option("--allow-host", "allow_hosts", multiple=True, help="允许的主机名（通过域名访问时，可重复）")
@click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="自定义模板目录（在沙箱中运行，可重复）")
@click.option("--phrases", "phrases", multiple=True, type=click.Path(path_type=Path), help="自定义短语库文件或目录（可重复）")
@click.option("--max-upload-mb", default=10, show_default=True, type=click.IntRange(1, 100), help="上传文件大小上限（MB）")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32),
              help="工作进程数；多人共用时可设为 CPU 核数")
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开页面")
def serve(host: str, port: int, workspace: Path | None, token: str | None, allow_hosts: tuple[str, ...],
          templates: tuple[Path, ...], phrases: tuple[Path, ...], max_upload_mb: int, workers: int,
          open_browser: bool) -> None:
    """启动网页写作台：在浏览器中填写、预览、校对并下载讲话稿。"""
    from speechgen.errors import InputError

    try:
        from speechgen.web.config import ServerConfig
        from speechgen.web.server import bind, run
        from speechgen.web.security import GuardConfig, is_loopback, new_token
        from speechgen.web.service import Settings
    except ImportError:
        raise InputError(WEB_EXTRA_HINT) from None
    if workspace is not None and not workspace.is_dir():
        raise InputError(f"{workspace}：工作区目录不存在，请先创建")
    if token is not None and len(token) < 8:
        raise InputError("--token 至少 8 个字符")
    if not is_loopback(host) and not token:
        token = new_token()
    guard = GuardConfig(bind=host, token=token, allowed_hosts=allow_hosts,
                        max_body=max_upload_mb * 1024 * 1024 + 64 * 1024)
    settings = Settings(workspace=workspace, templates=templates, phrases=phrases,
                        max_upload=max_upload_mb * 1024 * 1024)
    sock = bind(host, port)
    url = _url(host, sock.getsockname()[1], token)
    click.echo(f"speechgen 写作台已启动：{url}", err=True)
    if token:
        click.echo("其他电脑请用上面的完整地址（含令牌）访问；令牌相当于密码，只发给需要的人。", err=True)
    click.echo(f"工作区：{workspace.resolve()}" if workspace else "未设置工作区：服务器上不保留任何内容。", err=True)
    click.echo("按 Ctrl+C 停止。", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    run(ServerConfig(guard=guard, settings=settings), sock, workers=workers)


def _url(host: str, port: int, token: str | None) -> str:
    """The address to give the writers (a wildcard bind is shown as this machine's LAN address)."""
    shown = _lan_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def _lan_address() -> str:
    """The address other PCs reach this one at (the interface of the default route; no packet is sent)."""
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
