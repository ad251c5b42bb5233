"""influrec.text: caption cleaning, nouns, stopwords, and the Korean word cloud."""
import io
from unittest import mock

import numpy as np
from PIL import Image

from influrec import text


def test_clean_caption_removes_urls_mentions_emoji_punctuation():
    assert text.clean_caption("새 코트!! 😊 @brand.kr https://x.y/z?a=1 #오늘의코디, www.shop.com") == \
        "새 코트 오늘의코디"


def test_keywords_nouns_english_and_hashtags_without_stopwords():
    counts = text.keyword_counts(["후드티 입고 성수 나들이 #스트릿패션 #데일리 #소통 Street style",
                                  "후드티 #맞팔 @someone"])
    assert counts["후드티"] == 2
    assert counts["street"] == 1 and counts["style"] == 1
    assert "스트릿패션" in counts                  # a hashtag counts as its words
    for stop in ("데일리", "소통", "맞팔", "someone"):
        assert stop not in counts


def test_stopword_lists_are_data_files():
    stop = text.stopwords()
    assert {"협찬", "광고", "데일리", "맞팔", "선팔", "소통", "좋아요", "팔로우"} <= stop


def test_wordcloud_uses_nanumgothic_and_draws_hangul():
    from wordcloud import WordCloud
    seen = []
    real_init = WordCloud.__init__

    def spy(self, *a, **kw):
        seen.append(kw.get("font_path"))
        real_init(self, *a, **kw)
    with mock.patch.object(WordCloud, "__init__", spy):
        png = text.wordcloud_png({"후드티": 5, "스니커즈": 3, "성수": 2})
    assert seen == [str(text.font_path())] and seen[0].endswith("NanumGothic.ttf")
    im = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    assert im.shape == (320, 480)
    assert (im < 200).mean() > 0.02          # ink on the page, not a blank or tofu-only image


def test_wordcloud_without_keywords():
    import pytest
    with pytest.raises(ValueError, match="No keywords"):
        text.wordcloud_png({})
