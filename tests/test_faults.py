"""Kill classify and build at chosen points, restart, and end with the database an
uninterrupted run makes."""
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pytest

from etl.build import build
from etl.classify import classify
from etl.ingest import ingest
from influrec.demo import world as demo_world

RUNNER = Path(__file__).with_name("fault_runner.py")


@pytest.fixture(scope="module")
def small_world(tmp_path_factory):
    out = tmp_path_factory.mktemp("world")
    world = demo_world.make_world(11, per_combo=1, posts_range=(12, 16))
    src = demo_world.write_world(world, out, workers=1)
    ingest([src / "posts.jsonl"], src / "roster.csv", db=out / "work.duckdb", image_root=out,
           at=demo_world.END)
    return out


def styles_of(db):
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT post_id, style, error, probs FROM post_styles ORDER BY post_id").fetchall()
    con.close()
    return rows


def same_styles(a, b):
    assert [r[:3] for r in a] == [r[:3] for r in b]
    for ra, rb in zip(a, b):
        if ra[3] is not None:
            np.testing.assert_allclose(ra[3], rb[3], atol=1e-5)


@pytest.fixture(scope="module")
def reference(small_world, demo_model_path, tmp_path_factory):
    ref = tmp_path_factory.mktemp("ref") / "work.duckdb"
    shutil.copy(small_world / "work.duckdb", ref)
    classify(db=ref, model=demo_model_path, image_root=small_world, batch_size=16, workers=0)
    return styles_of(ref)


@pytest.mark.parametrize("kill_after", [0, 1, 3])
def test_killed_classify_resumes_to_the_same_database(small_world, demo_model_path, reference, tmp_path, kill_after):
    db = tmp_path / "work.duckdb"
    shutil.copy(small_world / "work.duckdb", db)
    run = subprocess.run([sys.executable, str(RUNNER), "classify", str(kill_after), str(db),
                          str(demo_model_path), str(small_world)], capture_output=True, text=True)
    assert run.returncode == 9, run.stderr
    done = len(styles_of(db))
    assert done < len(reference)
    classify(db=db, model=demo_model_path, image_root=small_world, batch_size=16, workers=0)
    same_styles(styles_of(db), reference)


def test_killed_build_leaves_the_old_database_then_rebuilds(small_world, demo_model_path, tmp_path):
    work = tmp_path / "work.duckdb"
    shutil.copy(small_world / "work.duckdb", work)
    classify(db=work, model=demo_model_path, image_root=small_world, workers=0)
    out = tmp_path / "app.duckdb"
    build(work, out)
    before = duckdb.connect(str(out), read_only=True)
    old = before.execute("SELECT * FROM influencer_styles ORDER BY ALL").fetchall()
    before.close()
    con = duckdb.connect(str(work))
    con.execute("UPDATE posts SET likes = 1 WHERE likes IS NOT NULL")       # the next build differs
    con.close()
    run = subprocess.run([sys.executable, str(RUNNER), "build", "0", str(work), str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 9, run.stderr
    after_kill = duckdb.connect(str(out), read_only=True)
    assert after_kill.execute("SELECT * FROM influencer_styles ORDER BY ALL").fetchall() == old
    after_kill.close()
    build(work, out)
    fresh_out = tmp_path / "fresh.duckdb"
    build(work, fresh_out)
    a, b = duckdb.connect(str(out), read_only=True), duckdb.connect(str(fresh_out), read_only=True)
    for table in ("post_facts", "influencer_styles", "influencer_profile", "keywords"):
        assert a.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == \
            b.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall(), table
    a.close()
    b.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
