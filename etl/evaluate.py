"""etl evaluate: measure a model file on any labelled folder; prints the metrics as JSON.

    python -m etl.evaluate --model FILE --data DIR [--confusion-png cm.png]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from tqdm import tqdm

from etl.common import fail_on_library_error
from influrec import kfashion
from influrec.images import open_image
from influrec.metrics import classification_report
from influrec.transforms import crop_to_garments
from influrec.model import StyleModel, load_model


def evaluate(model: StyleModel, records, *, batch_size: int = 32, crop_boxes: bool = False) -> dict:
    """Metrics of `model` on labelled `records`; records of a class the model lacks are skipped."""
    index = {c: i for i, c in enumerate(model.classes)}
    skipped = Counter(f"class {r.style} not in model" for r in records if r.style not in index)
    usable = [r for r in records if r.style in index]
    probs, truth = [], []
    for start in tqdm(range(0, len(usable), batch_size), desc="evaluate", unit="batch"):
        chunk = usable[start:start + batch_size]
        images = [open_image(r.image) for r in chunk]
        if crop_boxes:
            images = [crop_to_garments(im, r) for im, r in zip(images, chunk)]
        probs.append(model.predict(images))
        truth += [index[r.style] for r in chunk]
    p = np.concatenate(probs) if probs else np.zeros((0, len(index)))
    report = classification_report(p, np.array(truth, dtype=int), model.classes)
    report["skipped"] = dict(skipped)
    return report


def confusion_png(report: dict, path: Path) -> Path:
    """Draw the confusion matrix (rows true, columns predicted) with Korean-capable labels."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from influrec.text import font_path
    font_manager.fontManager.addfont(str(font_path()))
    plt.rcParams["font.family"] = "NanumGothic"
    cm = np.array(report["confusion"])
    fig, ax = plt.subplots(figsize=(9, 8))
    ax.imshow(cm, cmap="Blues")
    ax.set_xticks(range(len(report["classes"])), report["classes"], rotation=90, fontsize=7)
    ax.set_yticks(range(len(report["classes"])), report["classes"], fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"top-1 {report['top1']:.3f}  top-3 {report['top3']:.3f}  n={report['n']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m etl.evaluate", description=__doc__.splitlines()[0])
    p.add_argument("--model", type=Path, required=True, help="model file written by etl.train")
    p.add_argument("--data", type=Path, required=True, help="K-Fashion or <style>/<image> folder")
    p.add_argument("--batch-size", type=int, default=32, help="images per forward pass (default %(default)s)")
    p.add_argument("--confusion-png", type=Path, help="also draw the confusion matrix into this PNG")
    args = p.parse_args(argv)
    with fail_on_library_error():
        model = load_model(args.model)
        data = kfashion.read_dataset(args.data)
        report = evaluate(model, data.records, batch_size=args.batch_size,
                          crop_boxes=bool(model.card.get("crop_boxes")))
        report["data_skipped"] = data.summary()["skipped"]
    if args.confusion_png:
        confusion_png(report, args.confusion_png)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
