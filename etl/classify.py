"""etl classify: give every post without a style from the current model its style, probabilities and embedding.

    python -m etl.classify --db data/work.duckdb --model artifacts/demo_model.safetensors --image-root DIR

Batched, with DataLoader workers decoding pictures; every batch is committed, so an
interrupted run continues where it stopped. Posts without a picture get `no_image`; a
picture that cannot be read gets `no_image` with the reason in `error`.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import torch
from torch.utils.data import DataLoader, Dataset
from tqdm import tqdm

from etl.common import fail_on_library_error, print_summary
from influrec import store
from influrec.errors import UnreadableImage
from influrec.images import open_image
from influrec.model import StyleModel, load_model
from influrec.records import PostStyle
from influrec.settings import get_settings


class _Pictures(Dataset):
    """Decodes and transforms in the workers; a bad picture travels as its error text."""

    def __init__(self, rows, image_root: Path, transform):
        self.rows, self.root, self.transform = rows, image_root, transform

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        post_id, rel = self.rows[i]
        try:
            return post_id, self.transform(open_image(self.root / rel)), None
        except UnreadableImage as exc:
            return post_id, None, str(exc)


def _collate(items):
    ok = [(pid, t) for pid, t, err in items if err is None]
    bad = [(pid, err) for pid, _, err in items if err is not None]
    batch = torch.stack([t for _, t in ok]) if ok else None
    return [pid for pid, _ in ok], batch, bad


def classify(*, db: Path | None = None, model: Path | StyleModel | None = None,
             image_root: Path | None = None, batch_size: int = 64, workers: int = 2,
             limit: int | None = None) -> dict:
    """Classify the posts of `db` that have no style from this model; returns a summary."""
    settings = get_settings()
    db = Path(db or settings.db_path)
    image_root = Path(image_root or settings.image_root)
    m = model if isinstance(model, StyleModel) else load_model(model or settings.model_path,
                                                                device=settings.device,
                                                                threads=settings.threads)
    con = store.connect(db)
    counts: Counter = Counter()
    try:
        store.register_model(con, m.model_id, m.card["arch"], m.classes,
                             {k: v for k, v in m.card.items() if k != "metrics"})
        todo = store.posts_to_classify(con, m.model_id, limit)
        no_image = [PostStyle(pid, m.model_id, "no_image", 1.0) for pid, rel in todo if rel is None]
        counts["no_image"] += store.upsert_post_styles(con, no_image)
        rows = [(pid, rel) for pid, rel in todo if rel is not None]
        loader = DataLoader(_Pictures(rows, image_root, m.transform), batch_size=batch_size,
                            num_workers=workers, collate_fn=_collate)
        with tqdm(total=len(rows), desc="classify", unit="img") as bar:
            for ids, batch, bad in loader:
                records = [PostStyle(pid, m.model_id, "no_image", 0.0, error=err) for pid, err in bad]
                if batch is not None:
                    probs, feats = m.forward(batch.to(m.device, memory_format=torch.channels_last))
                    for pid, p, e in zip(ids, probs, feats):
                        top = int(p.argmax())
                        records.append(PostStyle(pid, m.model_id, m.classes[top], float(p[top]), p, e))
                store.upsert_post_styles(con, records)   # committed per batch: resumable
                counts["classified"] += len(ids)
                counts["unreadable"] += len(bad)
                bar.update(len(ids) + len(bad))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"step": "classify", "model_id": m.model_id, **counts}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m etl.classify", description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, help="working database (default: INFLUREC_DB)")
    p.add_argument("--model", type=Path, help="model file (default: INFLUREC_MODEL)")
    p.add_argument("--image-root", type=Path, help="where image_path values resolve (default: INFLUREC_IMAGE_ROOT)")
    p.add_argument("--batch-size", type=int, default=64, help="pictures per forward pass (default %(default)s)")
    p.add_argument("--workers", type=int, default=2, help="DataLoader decoding processes (default %(default)s)")
    p.add_argument("--limit", type=int, help="classify at most this many posts now (the rest next run)")
    args = p.parse_args(argv)
    with fail_on_library_error():
        print_summary(classify(db=args.db, model=args.model, image_root=args.image_root,
                               batch_size=args.batch_size, workers=args.workers, limit=args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
