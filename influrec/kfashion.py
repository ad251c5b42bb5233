"""Reader for labelled fashion photos: AI Hub K-Fashion (JSON + image) or `<style>/<image>` folders.

K-Fashion: every `*.json` label under the root is paired with the image of the same stem
found anywhere under the root (AI Hub's own nesting, or `images/<style>/` beside
`labels/<style>/`). The style is `데이터셋 정보 > 데이터셋 상세설명 > 라벨링 > 스타일[0].스타일`;
an empty style (`[{}]`) means `other` (기타). Without any JSON, folders named by a style
(Korean label, English name or id) hold the images. Bad records are skipped and counted.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from influrec import styles
from influrec.errors import UnknownStyle

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
SLOTS = ("아우터", "상의", "하의", "원피스")          # outer, top, bottom, dress
SLOT_EN = {"아우터": "outer", "상의": "top", "하의": "bottom", "원피스": "dress"}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass
class Record:
    image: Path
    style: str                                   # style id
    sub_style: str | None = None                 # style id of 서브스타일, when given
    boxes: dict[str, Box] = field(default_factory=dict)          # slot (English) -> box
    attributes: dict[str, dict] = field(default_factory=dict)    # slot (English) -> K-Fashion fields
    label: Path | None = None

    def garment_box(self) -> Box | None:
        """The union of the garment boxes, or None when the label has none."""
        if not self.boxes:
            return None
        x0 = min(b.x for b in self.boxes.values())
        y0 = min(b.y for b in self.boxes.values())
        x1 = max(b.x + b.w for b in self.boxes.values())
        y1 = max(b.y + b.h for b in self.boxes.values())
        return Box(x0, y0, x1 - x0, y1 - y0)


@dataclass
class Dataset:
    records: list[Record]
    skipped: Counter

    def summary(self) -> dict:
        by_style = Counter(r.style for r in self.records)
        return {"records": len(self.records), "by_style": dict(sorted(by_style.items())),
                "skipped": dict(sorted(self.skipped.items()))}


def _box(entry: dict) -> Box | None:
    try:
        box = Box(float(entry["X좌표"]), float(entry["Y좌표"]), float(entry["가로"]), float(entry["세로"]))
    except (KeyError, TypeError, ValueError):
        return None
    return box if box.w > 0 and box.h > 0 else None


def parse_label(data: dict, image: Path, label: Path | None = None) -> Record:
    """One K-Fashion JSON document to a Record.

    :raises KeyError: the document lacks the labelling section.
    :raises UnknownStyle: the style is not one of the 23 (nor empty).
    """
    detail = data["데이터셋 정보"]["데이터셋 상세설명"]
    labelling = detail["라벨링"]
    first = (labelling.get("스타일") or [{}])[0] or {}
    main = (first.get("스타일") or "").strip()
    style = styles.get(main).id if main else "other"
    sub = (first.get("서브스타일") or "").strip()
    sub_id = None
    if sub:
        try:
            sub_id = styles.get(sub).id
        except UnknownStyle:
            sub_id = None
    boxes, attributes = {}, {}
    rects = detail.get("렉트좌표") or {}
    for slot in SLOTS:
        entries = rects.get(slot) or []
        box = _box(entries[0]) if entries and isinstance(entries[0], dict) else None
        if box:
            boxes[SLOT_EN[slot]] = box
        attrs = (labelling.get(slot) or [{}])[0] or {}
        if attrs:
            attributes[SLOT_EN[slot]] = attrs
    return Record(image=image, style=style, sub_style=sub_id, boxes=boxes,
                  attributes=attributes, label=label)


def read_dataset(root: str | Path) -> Dataset:
    """Every labelled image under `root`, sorted by image path (deterministic splits).

    :raises FileNotFoundError: `root` is not a folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"Data folder not found: {root}")
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    images, duplicates = {}, set()
    for p in files:
        if p.stem in images:
            duplicates.add(p.stem)
        images[p.stem] = p
    labels = sorted(root.rglob("*.json"))
    skipped: Counter = Counter()
    records: list[Record] = []
    if labels:
        for label in labels:
            image = images.get(label.stem)
            if image is None:
                skipped["image missing"] += 1
                continue
            if label.stem in duplicates:
                skipped["ambiguous: two images share the name"] += 1
                continue
            try:
                data = json.loads(label.read_text(encoding="utf-8-sig"))
                records.append(parse_label(data, image, label))
            except (json.JSONDecodeError, UnicodeDecodeError):
                skipped["unreadable JSON"] += 1
            except UnknownStyle:
                skipped["unknown style"] += 1
            except (KeyError, TypeError, IndexError, AttributeError):
                skipped["label without style section"] += 1
    else:
        for image in files:
            try:
                records.append(Record(image=image, style=styles.get(image.parent.name).id))
            except UnknownStyle:
                skipped["unknown style"] += 1
    records.sort(key=lambda r: str(r.image))
    return Dataset(records, skipped)
