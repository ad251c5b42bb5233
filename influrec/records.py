"""The plain records every source yields and every step passes on (no database types in them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Influencer:
    username: str
    display_name: str | None = None
    gender: str | None = None        # 'F' | 'M'; None when the roster does not list them
    body_size: str | None = None     # 'S' | 'M' | 'L'; None when the roster does not list them
    followers: int | None = None
    bio: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Post:
    post_id: str
    username: str
    posted_at: datetime | None
    caption: str = ""
    likes: int | None = None         # None: the like count is hidden
    comments: int | None = None
    is_video: bool = False
    image_path: str | None = None    # relative to the image root; None: the post has no picture
    permalink: str | None = None


@dataclass(frozen=True)
class PostStyle:
    post_id: str
    model_id: str
    style: str                       # a style id, 'other' or 'no_image'
    confidence: float
    probs: list[float] | None = None         # in the model's class order (table `models`)
    embedding: list[float] | None = None
    error: str | None = None         # why an image could not be classified
