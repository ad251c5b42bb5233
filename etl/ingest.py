"""etl ingest: load posts and influencers from every kind of source into the working database.

    python -m etl.ingest --posts posts.jsonl --instaloader dl/mina.daily --html saved_pages/ \
        --graph-username some.brand --graph-user-id 1784... --roster roster.csv \
        --db data/work.duckdb --image-root data/images
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from etl.common import fail_on_library_error, print_summary
from influrec import store
from influrec.errors import SourceError
from influrec.records import Influencer, Post
from influrec.settings import get_settings
from influrec.sources import tabular
from influrec.sources.download import fetch_image
from influrec.sources.graph_api import DEFAULT_BASE, GraphClient
from influrec.sources.html_pages import read_html_pages
from influrec.sources.instaloader_dir import read_instaloader
from influrec.sources.tabular import BadRecord

BATCH = 5000
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    """A file-name part made from untrusted text: no separators, no leading dot."""
    return _UNSAFE.sub("_", text).lstrip(".")[:120] or "_"


def place_image(post: Post, image_root: Path, fetch=fetch_image) -> str | None:
    """Put the post's picture under `image_root` and return its path relative to it.

    A URL is downloaded to `downloads/<user>/<post>.jpg`; a local file outside the root is
    copied to `files/<user>/<post><ext>`; a file already inside the root is used in place.
    :raises BadRecord: when the picture is missing or cannot be fetched.
    """
    src = post.image_path
    if src is None:
        return None
    user, pid = safe_name(post.username), safe_name(post.post_id)
    if src.startswith(("http://", "https://")):
        dest = image_root / "downloads" / user / f"{pid}.jpg"
        fetch(src, dest)
        return dest.relative_to(image_root).as_posix()
    path = Path(src)
    if not path.is_file():
        raise BadRecord("image file missing")
    root = image_root.resolve()
    if path.resolve().is_relative_to(root):
        return path.resolve().relative_to(root).as_posix()
    dest = image_root / "files" / user / f"{pid}{path.suffix.lower() or '.jpg'}"
    if not dest.exists() or dest.stat().st_size != path.stat().st_size:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    return dest.relative_to(image_root).as_posix()


def _sources(posts, instaloader, html, graph_usernames, graph_client, skipped):
    """(name, records) per source; every reader yields the same Influencer / Post records."""
    for path in posts:
        yield str(path), tabular.read_posts(path, skipped)
    for path in instaloader:
        yield str(path), read_instaloader(path, skipped)
    for path in html:
        yield str(path), read_html_pages(path, skipped)
    for username in graph_usernames:
        yield f"graph_api:{username}", graph_client.discover(username, skipped)


def ingest(posts: list[Path] = (), roster: Path | None = None, *, instaloader: list[Path] = (),
           html: list[Path] = (), graph_usernames: list[str] = (), graph_client: GraphClient | None = None,
           db: Path | None = None, image_root: Path | None = None, at: datetime | None = None,
           fetch=fetch_image, summary_path: Path | None = None) -> dict:
    """Load the roster and every source into `db`; re-running on the same input changes nothing.

    Sources: posts files (CSV/JSONL), Instaloader folders, saved post pages (HTML), and
    usernames fetched through the Graph API's business discovery (`graph_client`).
    A post whose picture is missing or cannot be downloaded is kept without a picture and
    the reason counted; a record that breaks the schema is skipped and counted.
    :returns: the summary: records loaded, and the count of each skip reason.
    """
    settings = get_settings()
    db = Path(db or settings.db_path)
    image_root = Path(image_root or settings.image_root)
    image_root.mkdir(parents=True, exist_ok=True)
    if graph_usernames and graph_client is None:
        raise SourceError("Graph API usernames given without a client (--graph-user-id)")
    skipped: Counter = Counter()
    loaded = {"influencers": 0, "posts": 0, "images": 0}
    con = store.connect(db, clock=at)
    try:
        if roster:
            loaded["influencers"] += store.upsert_influencers(
                con, list(tabular.read_roster(roster, skipped)), at=at)
        names = []
        for name, records in _sources(posts, instaloader, html, graph_usernames, graph_client, skipped):
            names.append(name)
            batch: list[Post] = []
            try:
                for record in tqdm(records, desc=f"ingest {Path(name).name}", unit="record"):
                    if isinstance(record, Influencer):
                        loaded["influencers"] += store.upsert_influencers(con, [record], at=at)
                        continue
                    try:
                        image = place_image(record, image_root, fetch)
                    except BadRecord as exc:
                        skipped[f"{exc} (post kept without picture)"] += 1
                        image = None
                    loaded["images"] += image is not None
                    batch.append(replace(record, image_path=image))
                    if len(batch) >= BATCH:
                        loaded["posts"] += store.upsert_posts(con, batch, at=at)
                        batch = []
            except SourceError as exc:   # a source that fails midway: keep what it gave, go on
                skipped[f"source stopped: {exc}"] += 1
            loaded["posts"] += store.upsert_posts(con, batch, at=at)
        summary = {"step": "ingest", "loaded": loaded, "skipped": dict(sorted(skipped.items())),
                   "influencers_not_in_roster": store.unlisted_influencers(con)}
        store.record_skipped(con, "ingest", ",".join(names), dict(skipped), at=at)
    finally:
        con.close()
    if summary_path:
        Path(summary_path).write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m etl.ingest", description=__doc__.splitlines()[0])
    p.add_argument("--posts", type=Path, action="append", default=[],
                   help="a posts file (.csv or .jsonl) in the documented schema; repeatable")
    p.add_argument("--instaloader", type=Path, action="append", default=[],
                   help="a folder written by Instaloader (profile and posts); repeatable")
    p.add_argument("--html", type=Path, action="append", default=[],
                   help="a folder of saved Instagram post pages (.html); repeatable")
    p.add_argument("--graph-username", action="append", default=[],
                   help="an account to fetch by Graph API business discovery; repeatable "
                        "(token from INFLUREC_GRAPH_TOKEN)")
    p.add_argument("--graph-user-id", help="your Instagram business account id (for --graph-username)")
    p.add_argument("--graph-base", default=DEFAULT_BASE, help="Graph API base URL (default %(default)s)")
    p.add_argument("--roster", type=Path, help="roster CSV: username, gender (F/M), body_size (S/M/L)")
    p.add_argument("--db", type=Path, help="working database (default: INFLUREC_DB)")
    p.add_argument("--image-root", type=Path, help="folder for pictures (default: INFLUREC_IMAGE_ROOT)")
    p.add_argument("--summary", type=Path,
                   help="where to write the summary as JSON (default: beside the database, .ingest.json)")
    args = p.parse_args(argv)
    with fail_on_library_error():
        client = GraphClient(args.graph_user_id, base=args.graph_base) if args.graph_username else None
        summary = ingest(args.posts, args.roster, instaloader=args.instaloader, html=args.html,
                         graph_usernames=args.graph_username, graph_client=client,
                         db=args.db, image_root=args.image_root,
                         summary_path=args.summary or Path(args.db or get_settings().db_path).with_suffix(".ingest.json"))
    print_summary(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
