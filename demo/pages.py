"""Page and feed templates for the offline demo news site (:mod:`demo.site`).

Two page templates on purpose: a semantic HTML5 "broadsheet" layout and an older, div-based
"courier" CMS layout, so that extraction and near-duplicate detection see the same story wrapped in
different furniture. Everything here is pure string building; absolute URLs are written with the
:data:`ORIGIN` placeholder, which the site swaps for the address it is served on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape
from urllib.parse import quote

__all__ = [
    "ORIGIN",
    "DemoArticle",
    "DemoOutlet",
    "FeedEntry",
    "OutletStyle",
    "render_article",
    "render_atom",
    "render_home",
    "render_index",
    "render_not_found",
    "render_robots",
    "render_rss",
]

ORIGIN = "@@PRESSWATCH-DEMO-ORIGIN@@"  # replaced by the base URL when a page is served


@dataclass(frozen=True)
class DemoOutlet:
    """One fictional outlet: display name, URL slug, and the path of its feed."""

    name: str
    slug: str
    feed_path: str


@dataclass(frozen=True)
class OutletStyle:
    """How an outlet presents itself: template family, feed format, strapline, section names."""

    template: str  # "broadsheet" or "courier"
    feed_format: str  # "rss" or "atom"
    tagline: str
    sections: tuple[str, ...]
    accent: str


@dataclass(frozen=True)
class DemoArticle:
    """An article as published by one outlet. ``syndicated_from`` is the original's path, if a copy."""

    outlet: DemoOutlet
    path: str
    title: str
    description: str
    paragraphs: tuple[str, ...]
    author: str
    section: str
    published: datetime  # timezone-aware
    updated: datetime
    syndicated_from: str | None = None
    credit: str | None = None  # the originating outlet's name, shown on syndicated copies
    noindex: bool = False


# Invented reader comments; two are shown under each article.
_COMMENTS = (
    (
        "Kestrel_88",
        "The selfie got the headlines, but the supply-chain memorandums are what will matter "
        "a year from now.",
    ),
    (
        "M. Okafor",
        "I would have liked more detail on what Beijing actually offered on the cultural "
        "restrictions. It sounds like very little.",
    ),
    (
        "harbourside_reader",
        "Good to see the two governments talking again. Calmer relations help ordinary people on both sides.",
    ),
    (
        "Jae-won L.",
        "Balancing Washington, Tokyo and Beijing at once is a hard act. The Japan trip later "
        "this month will tell us more.",
    ),
    (
        "T. Brennan",
        "Fifteen agreements sounds impressive until you count how many from the last summit "
        "were ever carried out.",
    ),
    (
        "quiet_observer",
        "Nobody should be surprised that Pyongyang chose the day of his departure for a missile launch.",
    ),
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _human_date(dt: datetime) -> str:
    return f"{dt.day} {dt:%B %Y}, {dt:%H:%M} {dt.tzname() or ''}".strip()


def _body_html(paragraphs: Sequence[str]) -> str:
    """Paragraphs as HTML: short unpunctuated lines become subheads, "- " runs become lists."""
    out: list[str] = []
    items: list[str] = []
    for p in paragraphs:
        if p.startswith("- "):
            items.append(f"<li>{_e(p[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if len(p) <= 70 and not re.search(r"[.!?:;,\"”’)\]]$", p):
            out.append(f"<h2>{_e(p)}</h2>")
        else:
            out.append(f"<p>{_e(p)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(out)


def _json_ld(a: DemoArticle) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": a.published.isoformat(),
        "dateModified": a.updated.isoformat(),
        "author": {"@type": "Person", "name": a.author},
        "publisher": {"@type": "Organization", "name": a.outlet.name},
        "mainEntityOfPage": ORIGIN + a.path,
        "articleSection": a.section,
    }
    # "</" would end the script element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _head(a: DemoArticle, style: OutletStyle) -> str:
    url = ORIGIN + a.path
    feed_type = "application/atom+xml" if style.feed_format == "atom" else "application/rss+xml"
    robots = '<meta name="robots" content="noindex, nofollow">\n' if a.noindex else ""
    return f"""<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(a.title)} | {_e(a.outlet.name)}</title>
<meta name="description" content="{_e(a.description)}">
<meta name="author" content="{_e(a.author)}">
{robots}<link rel="canonical" href="{url}">
<link rel="alternate" type="{feed_type}" title="{_e(a.outlet.name)}" href="{ORIGIN}{a.outlet.feed_path}">
<meta property="og:site_name" content="{_e(a.outlet.name)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{_e(a.title)}">
<meta property="og:description" content="{_e(a.description)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{a.published.isoformat()}">
<meta property="article:modified_time" content="{a.updated.isoformat()}">
<meta property="article:section" content="{_e(a.section)}">
<script type="application/ld+json">{_json_ld(a)}</script>
<style>body{{font-family:Georgia,serif;margin:0}} .accent{{color:{style.accent}}}</style>
</head>"""


def _cookie_banner(div_id: str, css: str) -> str:
    return f"""<div id="{div_id}" class="{css}" role="dialog" aria-label="Cookie consent">
<p>We use cookies to remember your settings and to understand which stories readers find useful.
You can accept them all or choose which ones we may set.</p>
<button type="button" data-consent="accept">Accept all</button>
<button type="button" data-consent="manage">Manage choices</button>
</div>"""


def _share_links(a: DemoArticle, css: str) -> str:
    # The page URL stays raw so the ORIGIN placeholder survives; it needs no escaping here.
    url, title = ORIGIN + a.path, quote(a.title)
    return f"""<ul class="{css}" aria-label="Share this story">
<li><a href="https://social.example/share?u={url}" rel="nofollow">Share on Social</a></li>
<li><a href="https://chat.example/send?text={title}&amp;u={url}" rel="nofollow">Send in Chat</a></li>
<li><a href="mailto:?subject={title}&amp;body={url}">Email</a></li>
<li><button type="button" class="copy-link" data-url="{url}">Copy link</button></li>
</ul>"""


def _comments(a: DemoArticle, seed: int, tag: str) -> str:
    parts = []
    for k in range(2):
        who, text = _COMMENTS[(seed * 2 + k) % len(_COMMENTS)]
        parts.append(
            f'<{tag} class="comment"><p class="comment-author">{_e(who)}</p>'
            f'<p class="comment-text">{_e(text)}</p></{tag}>'
        )
    return (
        "\n".join(parts)
        + '\n<form class="comment-form" method="post" action="#comments"><label>Add a comment '
        + '<textarea name="comment" rows="3"></textarea></label><button type="submit">Post</button></form>'
    )


def _newsletter(outlet: DemoOutlet, tag: str) -> str:
    return f"""<{tag} class="newsletter-signup">
<h3>The Asia Briefing</h3>
<p>Diplomacy, trade and security across the region, in your inbox every weekday morning.</p>
<form method="post" action="/{outlet.slug}/newsletter">
<label>Email address <input type="email" name="email" required></label>
<button type="submit">Sign up</button>
</form>
</{tag}>"""


def _related(related: Sequence[DemoArticle], tag: str, heading: str) -> str:
    links = "".join(f'<li><a href="{a.path}">{_e(a.title)}</a></li>' for a in related)
    return f'<{tag} class="related-stories"><{heading}>Related stories</{heading}><ul>{links}</ul></{tag}>'


def _section_nav(outlet: DemoOutlet, style: OutletStyle) -> str:
    items = [f'<li><a href="/{outlet.slug}/">Home</a></li>']
    items += [f'<li><a href="/{outlet.slug}/{s.lower()}/">{_e(s)}</a></li>' for s in style.sections]
    return "".join(items)


def _broadsheet(a: DemoArticle, style: OutletStyle, related: Sequence[DemoArticle], seed: int) -> str:
    o = a.outlet
    return f"""<!DOCTYPE html>
<html lang="en">
{_head(a, style)}
<body class="article">
{_cookie_banner("cookie-consent", "cookie-banner")}
<header class="masthead">
<a class="logo accent" href="/{o.slug}/">{_e(o.name)}</a>
<p class="tagline">{_e(style.tagline)}</p>
<nav class="site-nav" aria-label="Sections"><ul>{_section_nav(o, style)}</ul></nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
<li><a href="/{o.slug}/">Home</a></li>
<li><a href="/{o.slug}/{a.section.lower()}/">{_e(a.section)}</a></li>
<li aria-current="page">{_e(a.title)}</li>
</ol></nav>
<main>
<article class="story">
<header class="story-header">
<p class="kicker">{_e(a.section)}</p>
<h1>{_e(a.title)}</h1>
<p class="byline">By <span class="author">{_e(a.author)}</span>
<time datetime="{a.published.isoformat()}">{_human_date(a.published)}</time></p>
</header>
{_share_links(a, "share-buttons")}
<div class="story-body">
{_body_html(a.paragraphs)}
</div>
</article>
{_newsletter(o, "aside")}
{_related(related, "aside", "h2")}
<section id="comments" class="comments">
<h2>Comments (2)</h2>
{_comments(a, seed, "article")}
</section>
</main>
<footer class="site-footer">
<nav aria-label="Footer"><a href="/{o.slug}/about">About us</a> <a href="/{o.slug}/contact">Contact</a>
<a href="/{o.slug}/privacy">Privacy policy</a> <a href="/{o.slug}/terms">Terms of use</a></nav>
<p>&copy; 2026 {_e(o.name)}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def _courier(a: DemoArticle, style: OutletStyle, related: Sequence[DemoArticle], seed: int) -> str:
    o = a.outlet
    credit = (
        f'<div class="syndication-note">This story was first published by {_e(a.credit)} and is '
        f"republished under licence.</div>"
        if a.credit
        else ""
    )
    byline = f"{_e(a.author)}, {_e(a.credit)}" if a.credit else _e(a.author)
    return f"""<!DOCTYPE html>
<html lang="en">
{_head(a, style)}
<body class="ncms page-article">
{_cookie_banner("consent-popup", "gdpr-overlay")}
<div id="header">
<div class="brand"><a href="/{o.slug}/">{_e(o.name)}</a> <span class="strap">{_e(style.tagline)}</span></div>
<ul class="menu">{_section_nav(o, style)}</ul>
</div>
<div class="crumbs">You are here: <a href="/{o.slug}/">Home</a> &gt;
<a href="/{o.slug}/{a.section.lower()}/">{_e(a.section)}</a> &gt; <span>Article</span></div>
<div id="content">
<div class="col-main">
<h1 class="headline">{_e(a.title)}</h1>
<div class="meta">By {byline} | Published {_human_date(a.published)}</div>
{_share_links(a, "social-share")}
<div class="article-text">
{_body_html(a.paragraphs)}
</div>
{credit}
<div class="comments-block" id="comments">
<h3>Readers' comments</h3>
{_comments(a, seed, "div")}
</div>
</div>
<div class="col-side">
{_newsletter(o, "div")}
{_related(related, "div", "h3")}
</div>
</div>
<div id="footer">
<p><a href="/{o.slug}/about">About</a> | <a href="/{o.slug}/privacy">Privacy</a> |
<a href="/{o.slug}/cookies">Cookie settings</a></p>
<p>Copyright &copy; 2026 {_e(o.name)} Ltd. All rights reserved.</p>
</div>
</body>
</html>
"""


def render_article(a: DemoArticle, style: OutletStyle, related: Sequence[DemoArticle], seed: int) -> str:
    """Render an article page in its outlet's template; ``seed`` picks which reader comments appear."""
    template = _courier if style.template == "courier" else _broadsheet
    return template(a, style, related, seed)


def render_home(outlet: DemoOutlet, style: OutletStyle, articles: Sequence[DemoArticle]) -> str:
    """An outlet's front page: navigation, a list of its stories, newsletter box, footer."""
    teasers = "\n".join(
        f'<li class="teaser"><a href="{a.path}">{_e(a.title)}</a> <time datetime="{a.published.isoformat()}">'
        f"{_human_date(a.published)}</time><p>{_e(a.description)}</p></li>"
        for a in articles
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_e(outlet.name)}: {_e(style.tagline)}</title>
<meta property="og:site_name" content="{_e(outlet.name)}">
<meta property="og:type" content="website">
<link rel="canonical" href="{ORIGIN}/{outlet.slug}/">
<link rel="alternate" type="application/{style.feed_format}+xml" href="{ORIGIN}{outlet.feed_path}">
</head>
<body class="home">
{_cookie_banner("cookie-consent", "cookie-banner")}
<header class="masthead"><h1>{_e(outlet.name)}</h1><p class="tagline">{_e(style.tagline)}</p>
<nav class="site-nav" aria-label="Sections"><ul>{_section_nav(outlet, style)}</ul></nav></header>
<main><h2>Latest</h2><ul class="story-list">
{teasers}
</ul>
{_newsletter(outlet, "aside")}
</main>
<footer class="site-footer"><p>&copy; 2026 {_e(outlet.name)}. All rights reserved.</p>
<p><a href="{outlet.feed_path}">Subscribe to our feed</a></p></footer>
</body>
</html>
"""


def render_index(outlets: Sequence[DemoOutlet]) -> str:
    """The root page: what this demo is and where each outlet lives."""
    items = "".join(
        f'<li><a href="/{o.slug}/">{_e(o.name)}</a> (<a href="{o.feed_path}">feed</a>)</li>' for o in outlets
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>presswatch demo news site</title></head>
<body>
<h1>presswatch demo news site</h1>
<p>Three fictional outlets serving sample coverage of President Lee Jae Myung's state visit to China,
4&ndash;7 January 2026, for trying the web pipeline without a network.</p>
<ul>{items}</ul>
</body>
</html>
"""


def render_not_found(outlet: DemoOutlet | None) -> str:
    """A 404 page, branded when the path belongs to an outlet."""
    name = _e(outlet.name) if outlet else "presswatch demo"
    home = f"/{outlet.slug}/" if outlet else "/"
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Page not found | {name}</title>
<meta name="robots" content="noindex"></head>
<body class="error-404">
<h1>We can't find that page</h1>
<p>The story may have been moved or taken down. Try the <a href="{home}">{name} front page</a>.</p>
</body>
</html>
"""


def render_robots(disallowed: Sequence[str]) -> str:
    """robots.txt: general crawlers are kept out of ``disallowed``; one made-up scraper is shut out."""
    lines = ["# robots.txt for the presswatch demo news site", "User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed]
    lines += ["", "User-agent: HoovermaticScraper", "Disallow: /", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class FeedEntry:
    """One feed item; ``path`` need not resolve to a live page (feeds go stale)."""

    title: str
    path: str
    summary: str
    author: str
    published: datetime
    updated: datetime


def render_rss(outlet: DemoOutlet, style: OutletStyle, entries: Sequence[FeedEntry]) -> str:
    """An RSS 2.0 channel, newest item first, with RFC 822 pubDates."""
    newest = max(e.updated for e in entries)
    items = "\n".join(
        f"""<item>
<title>{_e(e.title)}</title>
<link>{ORIGIN}{e.path}</link>
<guid isPermaLink="true">{ORIGIN}{e.path}</guid>
<pubDate>{format_datetime(e.published)}</pubDate>
<dc:creator>{_e(e.author)}</dc:creator>
<category>Asia</category>
<description>{_e(e.summary)}</description>
</item>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{_e(outlet.name)}</title>
<link>{ORIGIN}/{outlet.slug}/</link>
<description>{_e(style.tagline)}</description>
<language>en</language>
<copyright>Copyright 2026 {_e(outlet.name)}</copyright>
<lastBuildDate>{format_datetime(newest)}</lastBuildDate>
<atom:link href="{ORIGIN}{outlet.feed_path}" rel="self" type="application/rss+xml"/>
{items}
</channel>
</rss>
"""


def render_atom(outlet: DemoOutlet, style: OutletStyle, entries: Sequence[FeedEntry]) -> str:
    """An Atom 1.0 feed with tag: URIs as stable entry ids."""
    newest = max(e.updated for e in entries)
    tag = f"tag:{outlet.slug}.demo.presswatch,2026"
    items = "\n".join(
        f"""<entry>
<id>{tag}:{e.path}</id>
<title>{_e(e.title)}</title>
<link rel="alternate" type="text/html" href="{ORIGIN}{e.path}"/>
<published>{e.published.isoformat()}</published>
<updated>{e.updated.isoformat()}</updated>
<author><name>{_e(e.author)}</name></author>
<summary type="text">{_e(e.summary)}</summary>
</entry>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<id>{tag}:feed</id>
<title>{_e(outlet.name)}</title>
<subtitle>{_e(style.tagline)}</subtitle>
<updated>{newest.isoformat()}</updated>
<link rel="self" type="application/atom+xml" href="{ORIGIN}{outlet.feed_path}"/>
<link rel="alternate" type="text/html" href="{ORIGIN}/{outlet.slug}/"/>
<author><name>{_e(outlet.name)}</name></author>
<rights>Copyright 2026 {_e(outlet.name)}</rights>
{items}
</feed>
"""
