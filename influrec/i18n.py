"""UI text in Korean (default) and English. Plain data: the library never imports Streamlit."""
from __future__ import annotations

from influrec import styles

LANGS = ("ko", "en")

TEXT: dict[str, tuple[str, str]] = {
    # navigation
    "nav.recommend": ("추천", "Recommend"),
    "nav.explore": ("탐색", "Explore"),
    "nav.influencer": ("인플루언서", "Influencer"),
    "nav.model": ("모델", "Model"),
    "nav.data": ("데이터", "Data"),
    "lang": ("언어 Language", "Language 언어"),
    "demo_banner": ("데모 월드입니다: 생성된 인플루언서와 그림이며 실제 데이터가 아닙니다.",
                    "This is the demo world: generated influencers and drawings, not real data."),
    "no_db": ("데이터베이스가 없습니다. 데모를 만들려면 `python -m etl.demo` 를 실행하세요.",
              "No database yet. Build the demo with `python -m etl.demo`."),
    # recommend
    "rec.title": ("이미지로 인플루언서 추천", "Find influencers from a photo"),
    "rec.role": ("누구를 위한 추천인가요?", "Who is this for?"),
    "role.brand": ("브랜드·제조사 (좋아요 많은 순)", "Brand / manufacturer (most likes)"),
    "role.consumer": ("소비자 (자주 올리는 순)", "Consumer (posts it most often)"),
    "rec.gender": ("인플루언서 성별", "Influencer gender"),
    "rec.size": ("인플루언서 체형", "Influencer body size"),
    "any": ("전체", "Any"),
    "gender.F": ("여성", "Female"), "gender.M": ("남성", "Male"),
    "size.S": ("S (마름)", "S (slim)"), "size.M": ("M (보통)", "M (medium)"), "size.L": ("L (큼)", "L (large)"),
    "rec.upload": ("제품·콘셉트·코디 사진 (JPEG, PNG, WebP)", "Product, concept or outfit photo (JPEG, PNG, WebP)"),
    "rec.advanced": ("고급 설정", "Advanced"),
    "rec.method": ("추천 방식", "Ranking method"),
    "method.soft": ("soft: 스타일 확률 전체 사용 (기본)", "soft: the whole style distribution (default)"),
    "method.seed": ("seed: 해커톤 원본 방식 (대표 스타일 일치)", "seed: the hackathon's way (representative style)"),
    "method.visual": ("visual: 게시물 이미지 유사도", "visual: similarity to post pictures"),
    "rec.predict": ("추천 받기", "Recommend"),
    "rec.wait_upload": ("사진을 올리면 추천 버튼이 활성화됩니다.", "Upload a photo to enable the button."),
    "rec.working": ("분석 중…", "Working…"),
    "rec.step_read": ("이미지 확인", "Reading the image"),
    "rec.step_classify": ("스타일 분류", "Classifying the style"),
    "rec.step_rank": ("인플루언서 순위 계산", "Ranking influencers"),
    "rec.done": ("완료", "Done"),
    "rec.failed": ("이미지를 사용할 수 없습니다", "The image cannot be used"),
    "rec.uploaded": ("올린 사진", "Your photo"),
    "rec.predicted": ("예측 스타일", "Predicted style"),
    "rec.results": ("추천 인플루언서", "Recommended influencers"),
    "rec.followers": ("팔로워", "followers"),
    "rec.score": ("점수", "score"),
    "rec.reason": ("이유", "Why"),
    "rec.reason.soft": ("{styles} 게시물이 많음", "posts a lot of {styles}"),
    "rec.reason.seed": ("대표 스타일 {style}: 게시물 {posts}개, 좋아요 합계 {likes:,.0f}",
                        "top style {style}: {posts} posts, {likes:,.0f} likes in total"),
    "rec.reason.visual": ("비슷한 게시물 {n}개 (유사도 최고 {best:.2f})", "{n} similar posts (best similarity {best:.2f})"),
    "rec.fewer": ("조건에 맞는 인플루언서가 {n}명뿐입니다.", "Only {n} influencer(s) qualify."),
    "rec.more_posts": ("다른 관련 게시물", "Other matching posts"),
    "rec.wordcloud": ("캡션 워드클라우드", "Caption word cloud"),
    "rec.no_words": ("캡션 키워드가 없습니다.", "No caption keywords."),
    "rec.download": ("추천 목록 CSV 다운로드", "Download the shortlist (CSV)"),
    "rec.no_picture": ("사진 없음", "no picture"),
    "likes": ("좋아요", "likes"),
    "likes_hidden": ("좋아요 숨김 (계정 평균으로 추정 {v:,.0f})", "likes hidden (account mean {v:,.0f} used)"),
    # explore
    "exp.title": ("스타일 분포 탐색", "Explore style distributions"),
    "exp.filters": ("필터", "Filters"),
    "exp.pool": ("전체 스타일 분포 (게시물 수)", "Style distribution of the pool (posts)"),
    "exp.segment": ("성별·체형별 스타일 비중", "Style shares by gender x body size"),
    "exp.likes": ("스타일별 평균 좋아요", "Mean likes by style"),
    "exp.time": ("월별 게시물 수 (상위 스타일)", "Posts per month (top styles)"),
    "exp.download": ("데이터 다운로드 (CSV)", "Download the data (CSV)"),
    "exp.include_other": ("기타·이미지 없음 포함", "Include other / no image"),
    # influencer
    "inf.title": ("인플루언서 상세", "Influencer profile"),
    "inf.pick": ("인플루언서 선택", "Choose an influencer"),
    "inf.mix_posts": ("스타일 구성 (게시물 수)", "Style mix (posts)"),
    "inf.mix_likes": ("스타일 구성 (좋아요 합계)", "Style mix (likes)"),
    "inf.posts": ("게시물", "Posts"),
    "inf.timeline": ("게시 타임라인", "Posting timeline"),
    "inf.brand_style": ("대표 스타일 (좋아요 기준)", "Top style by likes"),
    "inf.consumer_style": ("대표 스타일 (게시물 기준)", "Top style by posts"),
    "inf.not_in_roster": ("로스터에 없는 계정 (성별·체형 미상)", "Not in the roster (gender and size unknown)"),
    "confidence": ("신뢰도", "confidence"),
    "imputed": ("추정", "imputed"),
    # model
    "mdl.title": ("스타일 모델", "Style model"),
    "mdl.arch": ("아키텍처", "Architecture"),
    "mdl.weights": ("사전학습 가중치", "Pretrained weights"),
    "mdl.input": ("입력 크기", "Input size"),
    "mdl.classes": ("클래스", "Classes"),
    "mdl.data": ("학습 데이터", "Training data"),
    "mdl.metrics": ("테스트 성능", "Test metrics"),
    "mdl.per_class": ("클래스별 정확도", "Per-class accuracy"),
    "mdl.confusion": ("혼동 행렬 (행: 정답, 열: 예측)", "Confusion matrix (rows: true, columns: predicted)"),
    "mdl.missing": ("모델 파일을 읽을 수 없습니다", "The model file cannot be read"),
    # data
    "data.title": ("데이터 현황", "What the database holds"),
    "data.sources": ("출처별 인플루언서", "Influencers by source"),
    "data.build": ("마지막 빌드", "Last build"),
    "data.skipped": ("건너뛴 레코드와 이유", "Skipped records and why"),
    "data.none_skipped": ("건너뛴 레코드가 없습니다.", "Nothing was skipped."),
    "data.commands": ("다시 만드는 명령", "Commands that rebuild it"),
    "data.unlisted": ("로스터에 없는 계정", "Accounts not in the roster"),
    "count.influencers": ("인플루언서", "Influencers"),
    "count.posts": ("게시물", "Posts"),
    "count.image_posts": ("사진 있는 게시물", "Posts with a picture"),
    "count.styles": ("스타일", "Styles"),
    "count.classified": ("분류된 게시물", "Classified posts"),
}


def t(key: str, lang: str = "ko", **fmt) -> str:
    """The text of `key` in `lang` (ko or en), formatted with `fmt`."""
    ko, en = TEXT[key]
    text = en if lang == "en" else ko
    return text.format(**fmt) if fmt else text


def style_label(style_id: str, lang: str = "ko") -> str:
    """'스트리트 Street' (ko) or 'Street (스트리트)' (en); both names wherever a style shows."""
    return styles.label(style_id, lang)
