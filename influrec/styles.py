"""The style taxonomy: the 23 K-Fashion styles plus `other`, the single source of names.

Ids are fixed (DESIGN.md) and never renumbered; a model file stores the ids it was
trained on, so adding a style later cannot silently shift anyone's outputs.
"""
from __future__ import annotations

from dataclasses import dataclass

from influrec.errors import UnknownStyle


@dataclass(frozen=True)
class Style:
    id: str          # stable ASCII id, used in the database and the model file
    ko: str          # the label exactly as written in K-Fashion JSON
    en: str          # English display name
    group: str       # group id (see GROUPS)

    def label(self, lang: str = "ko") -> str:
        """'스트리트 Street' in Korean UIs, 'Street (스트리트)' in English ones."""
        return f"{self.ko} {self.en}" if lang == "ko" else f"{self.en} ({self.ko})"


# group id -> (Korean, English), in the deck's order
GROUPS: dict[str, tuple[str, str]] = {
    "traditional": ("트래디셔널", "Traditional"),
    "mannish": ("매니시", "Mannish"),
    "feminine": ("페미닌", "Feminine"),
    "ethnic": ("에스닉", "Ethnic"),
    "contemporary": ("컨템포러리", "Contemporary"),
    "natural": ("내추럴", "Natural"),
    "genderfluid": ("젠더플루이드", "Gender-fluid"),
    "sports": ("스포츠", "Sports"),
    "subculture": ("서브컬처", "Subculture"),
    "casual": ("캐주얼", "Casual"),
    "other": ("기타", "Other"),
}

STYLES: tuple[Style, ...] = (
    Style("classic", "클래식", "Classic", "traditional"),
    Style("preppy", "프레피", "Preppy", "traditional"),
    Style("mannish", "매니시", "Mannish", "mannish"),
    Style("tomboy", "톰보이", "Tomboy", "mannish"),
    Style("feminine", "페미닌", "Feminine", "feminine"),
    Style("romantic", "로맨틱", "Romantic", "feminine"),
    Style("sexy", "섹시", "Sexy", "feminine"),
    Style("hippie", "히피", "Hippie", "ethnic"),
    Style("western", "웨스턴", "Western", "ethnic"),
    Style("oriental", "오리엔탈", "Oriental", "ethnic"),
    Style("modern", "모던", "Modern", "contemporary"),
    Style("sophisticated", "소피스트케이티드", "Sophisticated", "contemporary"),
    Style("avantgarde", "아방가르드", "Avant-garde", "contemporary"),
    Style("country", "컨트리", "Country", "natural"),
    Style("resort", "리조트", "Resort", "natural"),
    Style("genderless", "젠더리스", "Genderless", "genderfluid"),
    Style("sporty", "스포티", "Sporty", "sports"),
    Style("retro", "레트로", "Retro", "subculture"),
    Style("kitsch", "키치", "Kitsch/Kidult", "subculture"),
    Style("hiphop", "힙합", "Hip-hop", "subculture"),
    Style("punk", "펑크", "Punk", "subculture"),
    Style("military", "밀리터리", "Military", "casual"),
    Style("street", "스트리트", "Street", "casual"),
    Style("other", "기타", "Other", "other"),
)

# Posts only: a post without a picture cannot be classified.
NO_IMAGE = Style("no_image", "이미지 없음", "No image", "other")

STYLE_IDS: tuple[str, ...] = tuple(s.id for s in STYLES)
FASHION_IDS: tuple[str, ...] = STYLE_IDS[:-1]   # the 23 K-Fashion styles

_BY_KEY: dict[str, Style] = {}
for _s in STYLES + (NO_IMAGE,):
    for _key in (_s.id, _s.ko, _s.en, _s.en.lower(), _s.en.lower().replace("-", "")):
        _BY_KEY[_key] = _s
_BY_KEY["kitsch/kidult"] = _BY_KEY["kidult"] = _BY_KEY["kitsch"]
_BY_KEY["hip-hop"] = _BY_KEY["hiphop"]
_BY_KEY["avant-garde"] = _BY_KEY["avantgarde"]


def get(name: str) -> Style:
    """Return the style for an id, a K-Fashion Korean label or an English name.

    :param name: e.g. ``"street"``, ``"스트리트"``, ``"Street"``, ``"Hip-hop"``.
    :raises UnknownStyle: naming the valid ids.
    """
    key = (name or "").strip()
    style = _BY_KEY.get(key) or _BY_KEY.get(key.lower())
    if style is None:
        raise UnknownStyle(
            f"Unknown style {name!r}; use one of: {', '.join(STYLE_IDS)} "
            "(or the Korean K-Fashion label, or the English name)")
    return style


def label(style_id: str, lang: str = "ko") -> str:
    """Display label of a style id in both languages, e.g. '스트리트 Street'."""
    return get(style_id).label(lang)
