"""Few-shot K-Fashion measurement: the 240-photo sample, 5 photos per style to train, 5 to test.

    python -m bench.kfashion_fewshot [--data ../shared/kfashion-sample] [--skip-train]

Prints, on the 23 styles: chance, an ImageNet-feature linear probe (EfficientNet-Lite0,
the first baseline), and `etl.train` with its default recipe on the same split. Nothing
trained here is written into the repository.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from etl.train import stratified_split
from influrec import kfashion
from influrec.images import open_image
from influrec.metrics import classification_report
from influrec.model import create_model
from influrec.transforms import eval_transform

SHARED = Path(__file__).resolve().parents[2] / "shared" / "kfashion-sample"


@torch.inference_mode()
def features(net, records, transform, flip=False):
    out = []
    for i in range(0, len(records), 32):
        x = torch.stack([transform(open_image(r.image)) for r in records[i:i + 32]])
        if flip:
            x = torch.flip(x, dims=[3])
        out.append(net.forward_head(net.forward_features(x), pre_logits=True))
    return torch.cat(out)


def linear_probe(train_x, train_y, k, l2=1e-3, steps=300):
    """Multinomial logistic regression on standardised features (LBFGS)."""
    mu, sd = train_x.mean(0), train_x.std(0) + 1e-6
    x = (train_x - mu) / sd
    w = torch.zeros(x.shape[1], k, requires_grad=True)
    b = torch.zeros(k, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x @ w + b, train_y) + l2 * (w ** 2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    return lambda z: torch.softmax(((z - mu) / sd) @ w.detach() + b.detach(), 1)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=SHARED, help="the K-Fashion sample folder")
    p.add_argument("--skip-train", action="store_true", help="only chance and the probe")
    p.add_argument("--train-args", default="", help="extra etl.train flags to measure, e.g. '--crop-boxes'")
    args = p.parse_args(argv)
    torch.manual_seed(0)
    data = kfashion.read_dataset(args.data)
    records = [r for r in data.records if r.style != "other"]      # the 23 styles
    train, test = stratified_split(records, 0.5, 0)
    classes = sorted({r.style for r in records})
    idx = {c: i for i, c in enumerate(classes)}
    ytr = torch.tensor([idx[r.style] for r in train])
    yte = np.array([idx[r.style] for r in test])
    rows = [("chance", round(1 / len(classes), 4), round(3 / len(classes), 4), None, 0.0)]
    t0 = time.time()
    net, _ = create_model("efficientnet_lite0", 1, pretrained=True)
    net.eval()
    tf = eval_transform(224)
    head = linear_probe(features(net, train, tf), ytr, len(classes))
    m = classification_report(head(features(net, test, tf)).numpy(), yte, classes)
    rows.append(("linear probe (Lite0 ImageNet features)", m["top1"], m["top3"], m["macro_f1"], time.time() - t0))
    if not args.skip_train:
        from etl.train import main as train_main
        with tempfile.TemporaryDirectory() as tmp:
            # the same split through etl.train: the 23 styles' images and labels, 50 % held out
            sub = Path(tmp) / "data"
            for r in records:
                for kind, src in (("images", r.image), ("labels", r.label)):
                    (sub / kind / r.style).mkdir(parents=True, exist_ok=True)
                    (sub / kind / r.style / src.name).symlink_to(src.resolve())
            out = Path(tmp) / "m.safetensors"
            t0 = time.time()
            argv_train = ["--data", str(sub), "--out", str(out), "--test-fraction", "0.5"]
            train_main(argv_train + args.train_args.split())
            rep = json.loads(out.with_suffix(".report.json").read_text())["metrics"]
            rows.append((f"etl.train default recipe {args.train_args}".strip(), rep["top1"], rep["top3"], rep["macro_f1"], time.time() - t0))
    print(f"\nK-Fashion sample, 23 styles, 5 train / 5 test per style (n_test={len(test)})")
    print(f"{'method':45s} {'top-1':>7s} {'top-3':>7s} {'macroF1':>8s} {'wall s':>7s}")
    for name, t1, t3, f1, wall in rows:
        print(f"{name:45s} {t1:7.3f} {t3:7.3f} {'' if f1 is None else f'{f1:8.3f}':>8s} {wall:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
