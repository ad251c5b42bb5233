"""etl.classify: batched, resumable, no_image and unreadable pictures recorded, not fatal."""
from datetime import datetime

import numpy as np
import pytest
import torch
from PIL import Image

from etl.classify import classify
from influrec import model as M, store
from influrec.records import Post

CLASSES = ["street", "hiphop", "other"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    torch.manual_seed(0)
    net, _ = M.create_model("efficientnet_lite0", 3, pretrained=False)
    path = tmp_path_factory.mktemp("m") / "m.safetensors"
    M.save_model(path, net, {"arch": "efficientnet_lite0", "classes": CLASSES, "input_size": 32})
    return M.load_model(path, device="cpu")


@pytest.fixture
def work(tmp_path):
    root = tmp_path / "img"
    root.mkdir()
    for i in range(5):
        Image.new("RGB", (20, 30), (40 * i, 0, 0)).save(root / f"{i}.jpg")
    (root / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    posts = [Post(f"p{i}", "u", datetime(2026, 1, 1), image_path=f"{i}.jpg") for i in range(5)]
    posts += [Post("nopic", "u", datetime(2026, 1, 1)), Post("bad", "u", datetime(2026, 1, 1), image_path="broken.jpg"),
              Post("gone", "u", datetime(2026, 1, 1), image_path="gone.jpg")]
    con = store.connect(tmp_path / "w.duckdb")
    store.upsert_posts(con, posts)
    con.close()
    return tmp_path / "w.duckdb", root


def test_classify_everything_once(work, tiny_model):
    db, root = work
    summary = classify(db=db, model=tiny_model, image_root=root, batch_size=2, workers=0)
    assert summary == {"step": "classify", "model_id": tiny_model.model_id, "no_image": 1,
                       "classified": 5, "unreadable": 2}
    con = store.connect(db, read_only=True)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT post_id, style, len(probs), len(embedding), error FROM post_styles").fetchall()}
    assert rows["nopic"] == ("no_image", None, None, None)
    assert rows["bad"][0] == "no_image" and rows["bad"][3].startswith("The image")
    assert rows["gone"][3] == f"Image file not found: {root / 'gone.jpg'}"
    assert all(rows[f"p{i}"][0] in CLASSES and rows[f"p{i}"][1:3] == (3, 1280) for i in range(5))
    probs = np.array(con.execute("SELECT probs FROM post_styles WHERE post_id='p0'").fetchone()[0])
    assert abs(probs.sum() - 1) < 1e-5
    assert con.execute("SELECT classes FROM models").fetchone()[0] == CLASSES
    con.close()
    again = classify(db=db, model=tiny_model, image_root=root, workers=0)
    assert again == {"step": "classify", "model_id": tiny_model.model_id, "no_image": 0}


def test_interrupted_run_resumes_where_it_stopped(work, tiny_model):
    db, root = work
    first = classify(db=db, model=tiny_model, image_root=root, batch_size=2, workers=0, limit=4)
    assert first["classified"] + first["no_image"] + first.get("unreadable", 0) == 4
    rest = classify(db=db, model=tiny_model, image_root=root, batch_size=2, workers=0)
    assert first["classified"] + rest["classified"] == 5
    con = store.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM post_styles").fetchone() == (8,)
    con.close()


def test_worker_processes_give_the_same_result(work, tiny_model):
    db, root = work
    results = []
    for workers in (2, 0):
        classify(db=db, model=tiny_model, image_root=root, batch_size=3, workers=workers)
        con = store.connect(db)
        results.append(con.execute("SELECT post_id, style, error FROM post_styles ORDER BY 1").fetchall())
        con.execute("DELETE FROM post_styles")
        con.close()
    assert results[0] == results[1] and len(results[0]) == 8
