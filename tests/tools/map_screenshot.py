"""The first view of the general map as the README and the docs show it, made again.

    python tests/tools/map_screenshot.py            # writes outputs/map-first-view.png

It opens the committed map (``outputs/loverboys-general.html``; run ``barriers map
loverboys-general`` first when the map changed) in Debian's headless chromium at 1366×768,
waits for the page's ``ready`` and saves the window. The same page, browser and fonts give
the same picture: nothing in it moves, blinks or depends on the time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import LAUNCH_ARGS, chromium_path  # noqa: E402

SIZE = {"width": 1366, "height": 768}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--map", type=Path, default=ROOT / "outputs" / "loverboys-general.html")
    parser.add_argument(
        "-o", "--output", type=Path, default=ROOT / "outputs" / "map-first-view.png"
    )
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        print("chromium is not installed: apt-get install chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.goto(args.map.resolve().as_uri())
        page.evaluate("window.barriersMap.ready")
        page.evaluate("window.barriersMap.network.redraw()")
        page.screenshot(path=str(args.output), caret="hide", animations="disabled")
        browser.close()
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
