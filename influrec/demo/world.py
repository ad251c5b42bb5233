"""The deterministic demo world: influencers, their posts, captions, likes and pictures.

`make_world(seed)` is a pure function of the seed (no clock, no global RNG), so the same
seed gives the same world, byte for byte. Nothing here touches the database: the world is
written out as an ordinary CSV/JSONL source and goes through the real ETL (`etl.demo`).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image

from influrec.demo.draw import draw
from influrec.demo.recipes import BRANDS, FILLER, WORDS
from influrec.records import Influencer, Post
from influrec.styles import FASHION_IDS, STYLES

END = datetime(2026, 10, 31, 21, 0, 0)   # the demo's "today"; fixed so worlds never drift
DAYS = 420                               # 14 months of posting
JPEG_QUALITY = 85

_SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"]
_GIVEN = ["민지", "서연", "지훈", "하은", "도윤", "수아", "예준", "지우", "현우", "유진", "태양", "소희",
          "준호", "다은", "시우", "채원", "건우", "나연", "우진", "하린"]
_HANDLE_A = ["daily", "mood", "look", "fit", "style", "closet", "ootd", "wear", "snap", "log"]
_HANDLE_B = ["minji", "seoyeon", "jihun", "haeun", "doyun", "sua", "yejun", "jiwoo", "hyunwoo",
             "yujin", "taeyang", "sohee", "junho", "daeun", "siwoo", "chaewon", "gunwoo", "nayeon"]
_HOBBIES = ["강아지", "고양이", "필라테스", "캠핑", "러닝", "요가", "독서", "사진", "여행", "베이킹",
            "골프", "테니스", "서핑", "드로잉", "와인", "커피"]
_PLACES = ["성수", "한남", "홍대", "제주", "부산", "을지로", "연남", "이태원", "압구정", "망원"]
_TEMPLATES = [
    "오늘은 {a} 코디로 {place} 나들이",
    "{a}에 {b} 매치해봤어요",
    "요즘 빠져있는 {a} 스타일 {b}까지 완벽",
    "{place}에서 {a} 입고 한 컷",
    "{hobby} 끝나고 {a} 룩",
    "주말에는 역시 {a} 그리고 {b}",
]
_EMOJI = ["😊", "💕", "✨", "🔥", "👗", "📸", ""]
# Women and men post some styles more than others; every style stays possible for both.
_GENDER_TILT = {"F": {"feminine": 2.0, "romantic": 2.0, "sexy": 1.6, "mannish": 0.6},
                "M": {"feminine": 0.15, "romantic": 0.15, "sexy": 0.3, "mannish": 1.8,
                      "hiphop": 1.5, "military": 1.5}}


@dataclass
class World:
    seed: int
    influencers: list[Influencer]
    posts: list[Post]
    truth: dict[str, str]                      # post_id -> true style (also for posts without image)
    mixes: dict[str, dict[str, float]] = field(default_factory=dict)  # username -> style weights


def _mix(rng, dominant: str, gender: str) -> dict[str, float]:
    """An influencer's style weights: one dominant style, often a second, a tail, some `other`."""
    tilt = _GENDER_TILT[gender]
    weights = {s: 0.0 for s in FASHION_IDS + ("other",)}
    tail = rng.dirichlet(np.full(len(FASHION_IDS), 0.3))
    for s, w in zip(FASHION_IDS, tail):
        weights[s] += 0.18 * w * tilt.get(s, 1.0)
    weights[dominant] += rng.uniform(0.45, 0.65)
    if rng.random() < 0.6:
        group = next(st.group for st in STYLES if st.id == dominant)
        near = [st.id for st in STYLES if st.group == group and st.id != dominant]
        pool = near if near and rng.random() < 0.5 else list(FASHION_IDS)
        second = pool[int(rng.integers(len(pool)))]
        weights[second] += rng.uniform(0.12, 0.25) * tilt.get(second, 1.0)
    weights["other"] += rng.uniform(0.04, 0.12)
    total = sum(weights.values())
    return {s: w / total for s, w in weights.items()}


def _caption(rng, style: str, hobby: str, fav_brand: str) -> str:
    words = WORDS[style]
    a, b = rng.choice(words, 2, replace=False).tolist()
    text = _TEMPLATES[int(rng.integers(len(_TEMPLATES)))].format(
        a=a, b=b, place=_PLACES[int(rng.integers(len(_PLACES)))], hobby=hobby)
    text += " " + _EMOJI[int(rng.integers(len(_EMOJI)))]
    tags = rng.choice(words, int(rng.integers(1, 4)), replace=False).tolist()
    tags += rng.choice(FILLER, int(rng.integers(1, 4)), replace=False).tolist()
    if rng.random() < 0.3:
        tags.append(hobby)
    text += "\n" + " ".join(f"#{t}" for t in tags)
    if rng.random() < 0.35:
        text += f" @{fav_brand}"
    if rng.random() < 0.05:
        text += " 구매링크 https://link.example/p/" + str(int(rng.integers(1000, 9999)))
    return text.strip()


def make_world(seed: int = 0, *, per_combo: int = 11, posts_range: tuple[int, int] = (30, 70)) -> World:
    """Generate the demo world (records only; pictures are drawn by `write_world`).

    :param seed: the world's seed; equal seeds give identical worlds.
    :param per_combo: influencers per gender x body-size combination (6 combinations).
    :param posts_range: posts per influencer, drawn uniformly in [low, high).
    """
    rng = np.random.default_rng([seed, 1])
    combos = [(g, s) for g in ("F", "M") for s in ("S", "M", "L")]
    n = per_combo * len(combos)
    dominants = [FASHION_IDS[i % len(FASHION_IDS)] for i in rng.permutation(n)]
    influencers, posts, truth, mixes = [], [], {}, {}
    used = set()
    for i in range(n):
        gender, size = combos[i % len(combos)]
        while True:
            handle = (f"{_HANDLE_B[int(rng.integers(len(_HANDLE_B)))]}."
                      f"{_HANDLE_A[int(rng.integers(len(_HANDLE_A)))]}{int(rng.integers(1, 100))}")
            if handle not in used:
                used.add(handle)
                break
        name = _SURNAMES[int(rng.integers(len(_SURNAMES)))] + _GIVEN[int(rng.integers(len(_GIVEN)))]
        followers = int(np.clip(rng.lognormal(np.log(30_000), 1.1), 1_500, 2_000_000))
        mix = _mix(rng, dominants[i], gender)
        mixes[handle] = mix
        hobby = _HOBBIES[int(rng.integers(len(_HOBBIES)))]
        fav_brand = BRANDS[int(rng.integers(len(BRANDS)))]
        influencers.append(Influencer(
            username=handle, display_name=name, gender=gender, body_size=size, followers=followers,
            bio=f"{name} | {hobby} 좋아하는 {dominants[i]} 러버", source="demo"))
        engagement = rng.uniform(0.015, 0.06)
        style_boost = {s: float(rng.lognormal(0, 0.35)) for s in mix}   # what this audience likes
        styles = list(mix)
        probs = np.array([mix[s] for s in styles])
        for _ in range(int(rng.integers(*posts_range))):
            style = styles[int(rng.choice(len(styles), p=probs))]
            posted = END - timedelta(seconds=int(rng.integers(0, DAYS * 86400)))
            likes = int(followers * engagement * style_boost[style] * rng.lognormal(0, 0.4))
            hidden = rng.random() < 0.05
            video = rng.random() < 0.08
            no_image = rng.random() < 0.04
            post_id = f"demo{seed}_{len(posts):05d}"
            posts.append(Post(
                post_id=post_id, username=handle, posted_at=posted,
                caption=_caption(rng, style, hobby, fav_brand),
                likes=None if hidden else likes,
                comments=int(likes * rng.uniform(0.005, 0.03)),
                is_video=bool(video),
                image_path=None if no_image else f"images/{handle}/{post_id}.jpg",
                permalink=f"https://www.instagram.com/p/{post_id}/"))
            truth[post_id] = style
    return World(seed, influencers, posts, truth, mixes)


def _draw_one(job: tuple[int, int, str, str]) -> None:
    seed, index, style, path = job
    draw(style, np.random.default_rng([seed, 2, index])).save(path, quality=JPEG_QUALITY)


def _draw_all(jobs: list[tuple[int, int, str, str]], workers: int, progress) -> None:
    if workers <= 1:
        for job in jobs:
            _draw_one(job)
            progress.update(1)
        return
    with ProcessPoolExecutor(workers) as pool:
        for _ in pool.map(_draw_one, jobs, chunksize=32):
            progress.update(1)


def write_world(world: World, out: Path, *, workers: int = 2, progress=None) -> Path:
    """Write the world as a CSV/JSONL source: `source/posts.jsonl`, `source/roster.csv`, the
    pictures under `images/`, and `source/truth.csv`. Pictures already on disk are kept.

    :returns: the source folder.
    """
    from tqdm import tqdm
    src = out / "source"
    src.mkdir(parents=True, exist_ok=True)
    with open(src / "roster.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "gender", "body_size", "followers", "display_name", "bio"])
        for inf in world.influencers:
            w.writerow([inf.username, inf.gender, inf.body_size, inf.followers, inf.display_name, inf.bio])
    with open(src / "posts.jsonl", "w", encoding="utf-8") as fh:
        for p in world.posts:
            fh.write(json.dumps({
                "post_id": p.post_id, "username": p.username, "posted_at": p.posted_at.isoformat(),
                "caption": p.caption, "likes": p.likes, "comments": p.comments,
                "is_video": p.is_video, "image": f"../{p.image_path}" if p.image_path else None,
                "permalink": p.permalink}, ensure_ascii=False) + "\n")
    with open(src / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["post_id", "style"])
        w.writerows(sorted(world.truth.items()))
    jobs = []
    for k, p in enumerate(world.posts):
        if p.image_path and not (out / p.image_path).exists():
            (out / p.image_path).parent.mkdir(parents=True, exist_ok=True)
            jobs.append((world.seed, k, world.truth[p.post_id], str(out / p.image_path)))
    bar = progress or tqdm(total=len(jobs), desc="drawing pictures", unit="img")
    _draw_all(jobs, workers, bar)
    bar.close()
    return src


def training_set(out: Path, *, seed: int = 1000, per_class: int = 160, workers: int = 2) -> Path:
    """Write labelled demo pictures as `out/<style>/<n>.jpg` for `etl.train`.

    Drawn from another random stream than any world's posts, so a model trained here is
    measured on posts it has never seen.
    """
    from tqdm import tqdm
    from influrec.styles import STYLE_IDS
    jobs = []
    for ci, style in enumerate(STYLE_IDS):
        (out / style).mkdir(parents=True, exist_ok=True)
        for n in range(per_class):
            path = out / style / f"{n:04d}.jpg"
            if not path.exists():
                jobs.append((seed, ci * 100_000 + n, style, str(path)))
    bar = tqdm(total=len(jobs), desc="drawing training set", unit="img")
    _draw_all(jobs, workers, bar)
    bar.close()
    return out


def contact_sheet(paths: list[Path], out: Path, *, cols: int = 5) -> Path:
    """Tile up to cols x cols pictures into one PNG so anyone can look at the demo."""
    thumbs = [Image.open(p).convert("RGB") for p in paths[: cols * cols]]
    if not thumbs:
        raise ValueError("no pictures for the contact sheet")
    w, h = thumbs[0].size
    sheet = Image.new("RGB", (w * cols, h * cols), "white")
    for i, im in enumerate(thumbs):
        sheet.paste(im.resize((w, h)), ((i % cols) * w, (i // cols) * h))
    sheet.save(out)
    return out


def iter_world_images(world: World, out: Path) -> Iterator[Path]:
    for p in world.posts:
        if p.image_path:
            yield out / p.image_path
