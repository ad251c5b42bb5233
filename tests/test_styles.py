import pytest

from influrec import styles
from influrec.errors import UnknownStyle


def test_ids_are_the_designs_in_order():
    assert styles.STYLE_IDS == (
        "classic", "preppy", "mannish", "tomboy", "feminine", "romantic", "sexy", "hippie",
        "western", "oriental", "modern", "sophisticated", "avantgarde", "country", "resort",
        "genderless", "sporty", "retro", "kitsch", "hiphop", "punk", "military", "street", "other")
    assert len(styles.FASHION_IDS) == 23


def test_korean_labels_match_kfashion_json():
    assert [s.ko for s in styles.STYLES] == [
        "클래식", "프레피", "매니시", "톰보이", "페미닌", "로맨틱", "섹시", "히피", "웨스턴", "오리엔탈",
        "모던", "소피스트케이티드", "아방가르드", "컨트리", "리조트", "젠더리스", "스포티", "레트로", "키치",
        "힙합", "펑크", "밀리터리", "스트리트", "기타"]


def test_ten_groups_as_in_the_deck():
    fashion_groups = {s.group for s in styles.STYLES if s.id != "other"}
    assert len(fashion_groups) == 10
    assert [s.id for s in styles.STYLES if s.group == "subculture"] == ["retro", "kitsch", "hiphop", "punk"]
    assert styles.GROUPS["natural"] == ("내추럴", "Natural")


@pytest.mark.parametrize("name", ["street", "스트리트", "Street", " street "])
def test_get_by_id_korean_or_english(name):
    assert styles.get(name).id == "street"


def test_get_aliases():
    assert styles.get("Hip-hop").id == "hiphop"
    assert styles.get("Kitsch/Kidult").id == "kitsch"
    assert styles.get("avant-garde").id == "avantgarde"
    assert styles.get("no_image").ko == "이미지 없음"


def test_label_both_languages():
    assert styles.label("street") == "스트리트 Street"
    assert styles.label("street", "en") == "Street (스트리트)"


def test_unknown_style_message():
    with pytest.raises(UnknownStyle) as err:
        styles.get("gothic")
    assert str(err.value).startswith("Unknown style 'gothic'; use one of: classic, preppy,")
