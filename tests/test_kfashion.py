"""influrec.kfashion against the real K-Fashion sample, and against broken copies made here."""
import json
import shutil

import pytest
from PIL import Image

from influrec import kfashion


def test_reads_every_real_record(kfashion_root):
    data = kfashion.read_dataset(kfashion_root)
    summary = data.summary()
    assert summary["records"] == 240 and summary["skipped"] == {}
    assert len(summary["by_style"]) == 24 and set(summary["by_style"].values()) == {10}


def test_real_record_fields(kfashion_root):
    data = kfashion.read_dataset(kfashion_root)
    r = next(r for r in data.records if r.image.stem == "1098815")
    assert r.style == "street" and r.sub_style == "romantic"
    assert r.boxes == {"top": kfashion.Box(67.5, 536.698, 194.0, 190.0),
                       "bottom": kfashion.Box(94.5, 649.656, 121.0, 300.0)}
    assert r.garment_box() == kfashion.Box(67.5, 536.698, 194.0, 649.656 + 300.0 - 536.698)
    assert r.attributes["top"]["카테고리"] == "블라우스"
    assert r.attributes["bottom"]["소재"] == ["데님"]
    assert "outer" not in r.attributes           # the empty [{}] slot


def test_empty_style_is_other(kfashion_root):
    data = kfashion.read_dataset(kfashion_root)
    assert {r.style for r in data.records if r.image.parent.name == "기타"} == {"other"}


def _label(style: str) -> dict:
    return {"데이터셋 정보": {"데이터셋 상세설명": {
        "렉트좌표": {"상의": [{"X좌표": 1, "Y좌표": 2, "가로": 3, "세로": 4}], "하의": [{}]},
        "라벨링": {"스타일": [{"스타일": style}] if style else [{}], "상의": [{"카테고리": "티셔츠"}]}}}}


def test_bad_records_are_skipped_and_counted(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(tmp_path / "a" / "deep" / "1.jpg")
    (tmp_path / "1.json").write_text(json.dumps(_label("스트리트"), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "2.json").write_text(json.dumps(_label("스트리트")), encoding="utf-8")    # no image
    Image.new("RGB", (8, 8)).save(tmp_path / "3.jpg")
    (tmp_path / "3.json").write_text("{not json", encoding="utf-8")
    Image.new("RGB", (8, 8)).save(tmp_path / "4.jpg")
    (tmp_path / "4.json").write_text(json.dumps(_label("고딕")), encoding="utf-8")
    Image.new("RGB", (8, 8)).save(tmp_path / "5.jpg")
    (tmp_path / "5.json").write_text(json.dumps({"이미지 정보": {}}), encoding="utf-8")
    data = kfashion.read_dataset(tmp_path)
    assert [(r.image.name, r.style) for r in data.records] == [("1.jpg", "street")]
    assert data.records[0].boxes == {"top": kfashion.Box(1, 2, 3, 4)}
    assert data.summary()["skipped"] == {"image missing": 1, "label without style section": 1,
                                         "unknown style": 1, "unreadable JSON": 1}


def test_plain_style_folders_korean_or_english(tmp_path):
    for folder in ("스트리트", "Hip-hop", "classic", "gothic"):
        (tmp_path / folder).mkdir()
        Image.new("RGB", (8, 8)).save(tmp_path / folder / "0.jpg")
    data = kfashion.read_dataset(tmp_path)
    assert sorted(r.style for r in data.records) == ["classic", "hiphop", "street"]
    assert data.summary()["skipped"] == {"unknown style": 1}


def test_aihub_nested_layout(kfashion_root, tmp_path):
    # AI Hub ships labels and images in separate trees; pairing is by file name anywhere.
    src = next((kfashion_root / "labels" / "펑크").glob("*.json"))
    shutil.copy(src, tmp_path / src.name)
    (tmp_path / "원천데이터" / "펑크").mkdir(parents=True)
    shutil.copy(kfashion_root / "images" / "펑크" / f"{src.stem}.jpg", tmp_path / "원천데이터" / "펑크")
    data = kfashion.read_dataset(tmp_path)
    assert [r.style for r in data.records] == ["punk"]


def test_missing_root():
    with pytest.raises(FileNotFoundError, match="Data folder not found"):
        kfashion.read_dataset("/nonexistent/kfashion")
