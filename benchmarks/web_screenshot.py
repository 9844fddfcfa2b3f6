"""Screenshots of the workbench for the README (``samples/preview/workbench*.png``).

    python benchmarks/web_screenshot.py

Starts the workbench on 127.0.0.1 with a temporary workspace holding the Q1 sample, opens it in
headless chromium (apt: chromium chromium-driver fonts-noto-cjk), and saves:
* ``workbench.png`` — the sample spec in the form, the rendered preview beside it;
* ``workbench-check.png`` — the same with a placeholder planted in an achievement: the checker's
  finding listed above the preview and its paragraph highlighted.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechgen.web.app import ServerConfig  # noqa: E402
from speechgen.web.server import running  # noqa: E402
from speechgen.web.service import Settings  # noqa: E402

OUT = ROOT / "samples" / "preview"
SIZE = (1440, 900)


def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--lang=zh-CN",
                f"--window-size={SIZE[0]},{SIZE[1]}", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver",
                      env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"})  # Chinese date fields
    return webdriver.Chrome(service=service, options=options)


def settle(drv, text: str) -> None:
    deadline = time.monotonic() + 20
    while text not in drv.find_element("id", "sg-preview").text and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        shutil.copy(ROOT / "samples" / "city_q1.yaml", workspace / "一季度经济运行分析会.yaml")
        with running(ServerConfig(settings=Settings(workspace=workspace))) as url:
            drv = driver()
            try:
                drv.get(f"{url}/?open=一季度经济运行分析会.yaml")
                settle(drv, "在全市一季度经济运行分析会上的讲话")
                drv.refresh()  # the first render of a fresh process compiles templates: show a warm one
                settle(drv, "在全市一季度经济运行分析会上的讲话")
                drv.save_screenshot(str(OUT / "workbench.png"))
                items = drv.find_element("css selector", 'section[data-key="achievements"] textarea[data-key="items"]')
                drv.execute_script("arguments[0].scrollIntoView({block: 'center'});", items)
                items.send_keys("\n新建成5G基站×××个，实现城区全覆盖")
                settle(drv, "×××")
                drv.find_element("css selector", "#sg-findings summary").click() if not drv.find_elements(
                    "css selector", "#sg-findings details[open]") else None
                drv.find_element("css selector", "#sg-findings .sg-finding").click()
                time.sleep(1.0)
                drv.save_screenshot(str(OUT / "workbench-check.png"))
            finally:
                drv.quit()
    print(f"wrote {OUT / 'workbench.png'} and {OUT / 'workbench-check.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
