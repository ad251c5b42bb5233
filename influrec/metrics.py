"""Classification metrics for a probability matrix against true class indices."""
from __future__ import annotations

import numpy as np


def classification_report(probs: np.ndarray, truth: np.ndarray, classes: list[str]) -> dict:
    """top1, top3, macro_f1 (over classes present in truth or predicted), per_class accuracy,
    confusion (rows: true class, columns: predicted, in `classes` order) and n."""
    probs = np.asarray(probs, dtype=np.float64)
    truth = np.asarray(truth, dtype=np.int64)
    n, k = probs.shape if probs.ndim == 2 else (0, len(classes))
    if n == 0:
        return {"n": 0, "top1": None, "top3": None, "macro_f1": None, "per_class": {},
                "confusion": [[0] * k for _ in range(k)], "classes": classes}
    pred = probs.argmax(1)
    top3 = np.argsort(-probs, axis=1)[:, :3]
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (truth, pred), 1)
    per_class, f1s = {}, []
    for i, name in enumerate(classes):
        support = confusion[i].sum()
        predicted = confusion[:, i].sum()
        tp = confusion[i, i]
        if support:
            per_class[name] = round(float(tp / support), 4)
        if support or predicted:
            precision = tp / predicted if predicted else 0.0
            recall = tp / support if support else 0.0
            f1s.append(0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall))
    return {
        "n": int(n),
        "top1": round(float((pred == truth).mean()), 4),
        "top3": round(float((top3 == truth[:, None]).any(1).mean()), 4),
        "macro_f1": round(float(np.mean(f1s)), 4),
        "per_class": per_class,
        "confusion": confusion.tolist(),
        "classes": list(classes),
    }
