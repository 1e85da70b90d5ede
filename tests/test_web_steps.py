"""Web steps called directly against a real local server: every discovered URL gets one outcome."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline import steps, web_steps
from tests.conftest import SEEDS_DIR, run_settings
from tests.http_servers import LocalServer, Reply


def _article_page(title: str) -> bytes:
    body = (SEEDS_DIR / "003_a1c5ffed28f8a4cf.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[4:12])
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


def test_feed_files_url_lists_and_bad_responses_each_get_an_outcome(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route(
            "/story.html", Reply(headers=[("Content-Type", "text/html")], body=_article_page("Story"))
        )
        server.route("/chart.png", Reply(headers=[("Content-Type", "image/png")], body=b"\x89PNG\r\n\x1a\n"))
        server.route("/gone.html", Reply(status=410))
        feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Saved</title>
            <item><title>Story</title><link>{server.url("/story.html")}</link></item>
            <item><title>Chart</title><link>{server.url("/chart.png")}</link></item>
            </channel></rss>"""
        (tmp_path / "saved.xml").write_text(feed, encoding="utf-8")
        (tmp_path / "page.xml").write_text("<html><body>Not a feed at all</body></html>", encoding="utf-8")
        (tmp_path / "sources.toml").write_text(
            f"""
[fetch]
allow_private_networks = ["127.0.0.1/32"]
host_delay = 0

[[source]]
id = "saved"
kind = "feed_file"
path = "saved.xml"
outlet = "Saved Daily"

[[source]]
id = "broken"
kind = "feed_file"
path = "page.xml"

[[source]]
id = "picks"
kind = "urls"
urls = ["{server.url("/gone.html")}", "{server.url("/story.html")}?utm_source=feed"]
""",
            encoding="utf-8",
        )
        settings = run_settings(tmp_path, sources=tmp_path / "sources.toml", event=SEEDS_DIR / "event.toml")
        steps.prepare(settings, None)
        links = web_steps.discover_links(settings)
        pending = web_steps.fetch_articles(settings, links)
        assert [Path(p.url or "").name for p in pending] == ["story.html"]
        assert server.paths().count("/story.html") == 1  # the tracking-parameter copy was not fetched again
        with duckdb.connect(settings.warehouse, read_only=True) as con:
            outcomes = dict(
                con.execute(
                    "SELECT regexp_extract(item, '[^/]+$'), outcome || coalesce(': ' || detail, '') "
                    "FROM ops.item_outcomes WHERE run_id = ?",
                    [settings.run_id],
                ).fetchall()
            )
            archived = dict(con.execute("SELECT kind, count(*) FROM raw.web_responses GROUP BY 1").fetchall())
        assert outcomes["saved.xml"] == "feed_read: 2 article links"
        assert outcomes["page.xml"].startswith("rejected: not a feed")
        assert outcomes["chart.png"] == "not_an_article: not an article: content type image/png"
        assert outcomes["gone.html"] == "http_error: HTTP 410 after 1 attempt(s)"
        assert outcomes["story.html"].startswith("duplicate: same URL as found via")
        # story, chart and the 410 page, and the site's robots.txt (a 404 here): every response is archived
        assert archived == {"article": 3, "robots": 1}
